"""Claire gives her météo in Chromium for a session whose first day is today and whose second
is tomorrow: today's is offered and saved, tomorrow's is not offered (issue 19, item 4: a
"clôture" météo could be given for a day still to come)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ambassadeurs.models import Meteo
from collectivites.choices import StatutSession
from collectivites.models import Transfo
from tests.browser.conftest import axe_violations, sign_in
from tests.collectivites.factories import JourFactory, SessionFactory

pytestmark = pytest.mark.browser


def test_claire_gives_todays_meteo_and_is_not_offered_tomorrows(live_server, demo, page):
    today = timezone.localdate()
    session = SessionFactory(
        transfo=Transfo.objects.get(slug="strasbourg"),
        numero=40,
        titre="La session qui commence",
        statut=StatutSession.PUBLIEE,
    )
    JourFactory(session=session, position=0, date=today)
    JourFactory(session=session, position=1, date=today + timedelta(days=1))
    base = live_server.url
    sign_in(page, base, "ambassadrice@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/presences/sessions/40/ma-meteo/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ma météo : La session qui commence")
    tomorrow = page.get_by_role("group", name="Jour 2 — Clôture")
    expect(tomorrow).to_contain_text("Ce jour n'a pas encore eu lieu")
    expect(tomorrow.get_by_label("Météo")).to_have_count(0)
    assert axe_violations(page) == []

    tonight = page.get_by_role("group", name="Jour 1 — Clôture")
    tonight.get_by_label("Météo").select_option("4")
    tonight.get_by_label("Un mot").fill("Curieuse")
    page.get_by_role("button", name="Enregistrer ma météo").click()
    expect(page.get_by_role("status").first).to_contain_text("Votre météo est enregistrée.")
    assert list(
        Meteo.objects.filter(jour__session=session).values_list("jour__position", "moment", "note")
    ) == [(0, "cloture", 4)]
