from django.apps import AppConfig


class CasPratiquesConfig(AppConfig):
    name = "cas_pratiques"
    verbose_name = "Cas pratiques et vitrine des cas"

    def ready(self):
        from cas_pratiques import links, mydata  # noqa: F401
        from cas_pratiques.models import CasPratique, Contact, Livrable, Photo
        from collectivites.models import Collectivite, Jour, Methode, Session, Transfo
        from transfo.public_cache import invalidate_on

        mydata.register()
        # What the vitrine and its case pages show (their shared cache: transfo.public_cache).
        invalidate_on(
            CasPratique, Livrable, Photo, Contact, Transfo, Collectivite, Methode, Session, Jour
        )
