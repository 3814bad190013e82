from django.apps import AppConfig


class LabosConfig(AppConfig):
    name = "labos"
    verbose_name = "Labos"
