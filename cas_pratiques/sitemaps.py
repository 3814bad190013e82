"""The vitrine's entries for the sitemap: published cases only."""

from django.contrib.sitemaps import Sitemap

from cas_pratiques.models import CasPratique


class CasPratiqueSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return CasPratique.objects.publies().order_by("pk")

    def lastmod(self, cas):
        return cas.updated_at
