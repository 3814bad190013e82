from django.apps import AppConfig


class LabosConfig(AppConfig):
    name = "labos"
    verbose_name = "Labos"

    def ready(self):
        from labos import mydata

        mydata.register()
