from django.apps import AppConfig


class UsersConfig(AppConfig):
    name = "transfo.users"
    label = "users"
    verbose_name = "Comptes"

    def ready(self):
        from transfo.users import mydata, signals  # noqa: F401

        mydata.register()
