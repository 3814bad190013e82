from django.apps import AppConfig


class CollectivitesConfig(AppConfig):
    name = "collectivites"
    verbose_name = "Collectivités et Transfos"

    def ready(self):
        from collectivites import mydata, signals  # noqa: F401

        mydata.register()
