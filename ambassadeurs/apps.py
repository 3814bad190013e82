"""The ambassadeurs app: the carnet de bord, the group and its profiles, chartes, attendance
and météo, devoirs, bilans and attestations."""

from django.apps import AppConfig


class AmbassadeursConfig(AppConfig):
    name = "ambassadeurs"
    verbose_name = "Ambassadeurs et carnets de bord"

    def ready(self):
        from ambassadeurs import links, mydata, signals  # noqa: F401

        mydata.register()
