from django.apps import AppConfig


class CollectivitesConfig(AppConfig):
    name = "collectivites"
    verbose_name = "Collectivités et Transfos"

    def ready(self):
        from collectivites import mydata, signals  # noqa: F401

        mydata.register()

        from collectivites.sitemaps import (
            CollectivitesPagesSitemap,
            MethodeSitemap,
            TransfoSitemap,
        )
        from transfo.sitemaps import register_sitemap

        register_sitemap("transfos-pages", CollectivitesPagesSitemap)
        register_sitemap("transfos", TransfoSitemap)
        register_sitemap("methodes", MethodeSitemap)
