"""The public pages of collectivites for the sitemap: the Transfos and the toolbox."""

from collectivites.models import Methode, Transfo
from transfo.sitemaps import PublicPagesSitemap, PublicSitemap


class CollectivitesPagesSitemap(PublicPagesSitemap):
    url_names = ("collectivites:transfo_list", "collectivites:methode_list")


class TransfoSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        return Transfo.objects.order_by("date_debut", "pk")


class MethodeSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        return Methode.objects.order_by("nom", "pk")
