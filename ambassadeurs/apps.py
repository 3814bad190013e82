"""Ambassadeur profiles, charte, attendance and météo, carnet de bord, bilans, devoirs (issue 4)."""

from django.apps import AppConfig


class AmbassadeursConfig(AppConfig):
    name = "ambassadeurs"
    verbose_name = "Ambassadeurs et carnets de bord"

    def ready(self):
        from ambassadeurs import links, mydata, signals  # noqa: F401

        mydata.register()
