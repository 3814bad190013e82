"""Intertransfo events and the coordinators cross-Transfo dashboards (issue 7)."""

from django.apps import AppConfig


class IntertransfoConfig(AppConfig):
    name = "intertransfo"
    verbose_name = "Intertransfos et coordination"

    def ready(self):
        from collectivites.protocol import register_timeline_source
        from intertransfo.timeline import intertransfo_events

        register_timeline_source(intertransfo_events)
