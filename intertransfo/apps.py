"""Intertransfo events and the coordinators cross-Transfo dashboards (issue 7)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntertransfoConfig(AppConfig):
    name = "intertransfo"
    verbose_name = "Intertransfos et coordination"

    def ready(self):
        from collectivites.protocol import register_timeline_source
        from intertransfo import links, mydata  # noqa: F401
        from intertransfo.models import Intertransfo
        from intertransfo.public import IntertransfoSitemap, upcoming_intertransfos
        from intertransfo.timeline import intertransfo_events
        from transfo.events import register_public_events_source
        from transfo.public_cache import invalidate_on
        from transfo.sitemaps import register_sitemap

        register_timeline_source(intertransfo_events)
        register_public_events_source(
            upcoming_intertransfos,
            link=(_("Restitutions des Intertransfos"), "intertransfo:public_list"),
        )
        register_sitemap("intertransfos", IntertransfoSitemap)
        # The home page's upcoming events (its shared cache: transfo.public_cache).
        invalidate_on(Intertransfo)
        mydata.register()
