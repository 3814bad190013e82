from django.apps import AppConfig


class AmbassadeursConfig(AppConfig):
    name = "ambassadeurs"
    verbose_name = "Ambassadeurs et carnets de bord"
