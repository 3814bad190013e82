"""Upcoming public events for the home page, without the blog importing the apps that hold
them: each app registers a source from its AppConfig.ready() (intertransfo registers its
Intertransfos), as collectivites.protocol.register_timeline_source does for timelines."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone


@dataclass(frozen=True)
class PublicEvent:
    """A date anyone may know of: what, when, where, and its public page if it has one."""

    date: date
    titre: str
    lieu: str = ""
    theme: str = ""
    url: str = ""


# Each source is fn(today, limit) -> list of PublicEvent held from `today` on, in one query.
PUBLIC_EVENT_SOURCES = []
# (label, URL name) of the public pages the sources lead to ("Restitutions des Intertransfos").
PUBLIC_EVENT_LINKS = []


def register_public_events_source(fn, *, link=None):
    """`link`: (label, URL name) of a public page listing these events, shown beside them."""
    if fn not in PUBLIC_EVENT_SOURCES:
        PUBLIC_EVENT_SOURCES.append(fn)
        if link is not None:
            PUBLIC_EVENT_LINKS.append(link)
    return fn


def public_event_links():
    return [(label, reverse(url_name)) for label, url_name in PUBLIC_EVENT_LINKS]


def upcoming_public_events(limit=3, today=None):
    """The `limit` nearest public events of every source, the nearest first."""
    today = today or timezone.localdate()
    events = [event for source in PUBLIC_EVENT_SOURCES for event in source(today, limit)]
    return sorted(events, key=lambda event: (event.date, event.titre))[:limit]
