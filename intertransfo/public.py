"""What the public may know of the Intertransfos: the coming dates on the home page
(transfo.events) and the published summaries in the sitemap (transfo.sitemaps)."""

from intertransfo.models import Intertransfo
from transfo.events import PublicEvent
from transfo.sitemaps import PublicSitemap


def upcoming_intertransfos(today, limit):
    """The next Intertransfos: date, place and theme only (no one's name), in one query."""
    return [
        PublicEvent(
            date=intertransfo.date,
            titre=str(intertransfo),
            lieu=intertransfo.lieu,
            theme=intertransfo.theme,
            url=intertransfo.get_public_url() if intertransfo.is_synthese_publiee else "",
        )
        for intertransfo in Intertransfo.objects.a_venir(today)[:limit]
    ]


class IntertransfoSitemap(PublicSitemap):
    """The published summaries of the Intertransfos."""

    changefreq = "yearly"

    def items(self):
        return Intertransfo.objects.synthese_publiee().order_by("date", "pk")

    def location(self, intertransfo):
        return intertransfo.get_public_url()

    def lastmod(self, intertransfo):
        return intertransfo.synthese_publiee_le
