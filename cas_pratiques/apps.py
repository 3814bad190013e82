from django.apps import AppConfig


class CasPratiquesConfig(AppConfig):
    name = "cas_pratiques"
    verbose_name = "Cas pratiques et vitrine des cas"

    def ready(self):
        from cas_pratiques import mydata

        mydata.register()
