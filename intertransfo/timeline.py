"""The Intertransfos on a Transfo's 18-month timeline (collectivites.protocol's registry)."""

from intertransfo.models import Intertransfo


def intertransfo_events(transfo, start, end):
    """(date, label, url) of the Intertransfos held between `start` and `end`: one query."""
    return [
        (intertransfo.date, str(intertransfo), intertransfo.get_absolute_url())
        for intertransfo in Intertransfo.objects.in_span(start, end).order_by("date")
    ]
