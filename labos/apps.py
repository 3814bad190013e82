from django.apps import AppConfig


class LabosConfig(AppConfig):
    name = "labos"
    verbose_name = "Labos"

    def ready(self):
        from labos import links, mydata  # noqa: F401

        mydata.register()
