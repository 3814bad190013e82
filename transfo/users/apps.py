from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "transfo.users"
    label = "users"
    verbose_name = "Comptes"
