from django.apps import AppConfig


class IntertransfoConfig(AppConfig):
    name = "intertransfo"
    verbose_name = "Intertransfos et coordination"
