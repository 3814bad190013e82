"""Intertransfos on a Transfo's timeline, through collectivites.protocol's registry."""

from datetime import date

import pytest

from collectivites.protocol import TIMELINE_EVENT_SOURCES, timeline
from intertransfo.timeline import intertransfo_events
from tests.collectivites.factories import TransfoFactory
from tests.intertransfo.factories import IntertransfoFactory

pytestmark = pytest.mark.django_db


def test_intertransfo_registers_its_source_when_the_app_is_ready():
    assert intertransfo_events in TIMELINE_EVENT_SOURCES


def test_timeline_month_carries_the_intertransfo_held_in_it():
    transfo = TransfoFactory(date_debut=date(2018, 4, 1))
    IntertransfoFactory(numero=6, slug="n6", date=date(2019, 5, 17))
    IntertransfoFactory(numero=9, slug="n9", date=date(2021, 5, 17))  # after the span
    months = timeline(transfo, [])
    with_events = [(m.index, [e.label for e in m.events]) for m in months if m.events]
    assert with_events == [(14, ["Intertransfo n°6"])]
    assert months[13].events[0].url == "/espace/intertransfos/n6/"


def test_sessions_page_shows_the_intertransfo(client_for, ambassadeur, transfo):
    IntertransfoFactory(numero=6, slug="n6", date=date(2026, 5, 17))  # Transfo from Sept. 2025
    html = client_for("ambassadeur").get("/espace/transfos/strasbourg/sessions/").content.decode()
    assert "Intertransfo n°6" in html
    assert 'href="/espace/intertransfos/n6/"' in html


def test_sessions_page_leaves_out_intertransfos_outside_the_span(client_for, ambassadeur):
    IntertransfoFactory(numero=1, slug="n1", date=date(2017, 1, 25))
    html = client_for("ambassadeur").get("/espace/transfos/strasbourg/sessions/").content.decode()
    assert "Intertransfo n°1" not in html
