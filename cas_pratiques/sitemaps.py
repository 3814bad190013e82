"""The vitrine's entries for the sitemap: its pages and the published cases only."""

from cas_pratiques.models import CasPratique
from transfo.sitemaps import PublicPagesSitemap, PublicSitemap


class CasPratiqueSitemap(PublicSitemap):
    changefreq = "monthly"

    def items(self):
        return CasPratique.objects.publies().order_by("pk")

    def lastmod(self, cas):
        return cas.updated_at


class VitrinePagesSitemap(PublicPagesSitemap):
    """The vitrine and the documentation of its open data."""

    url_names = ("cas_pratiques:vitrine", "cas_pratiques:vitrine_donnees")
