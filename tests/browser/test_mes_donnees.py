"""'Mes données' and attestations in Chromium: the pages pass axe-core, the export is asked
for and offered, the attestation is prepared and offered, a wrong password keeps the page
accessible."""

import pytest

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_ambassadrice_exports_her_data_and_gets_her_attestation(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "ambassadrice@demo.test")
    page.goto(f"{base}/espace/mes-donnees/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Préparer l'export de mes données").click()
    page.wait_for_url(f"{base}/espace/mes-donnees/")
    assert page.get_by_role("link", name="Export du").count() == 1

    page.get_by_label("Mon mot de passe").fill("pas le bon")
    page.get_by_role("button", name="Supprimer définitivement mon compte").click()
    assert page.get_by_text("Ce mot de passe n'est pas le bon.").is_visible()
    assert axe_violations(page) == []

    page.goto(f"{base}/espace/transfos/strasbourg/attestations/")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Préparer l'attestation").click()
    assert page.get_by_role("link", name="Télécharger l'attestation (PDF)").is_visible()
    assert axe_violations(page) == []


def test_pilote_sees_the_attestations_of_the_group(live_server, demo, page):
    sign_in(page, live_server.url, "pilote@demo.test")
    page.goto(f"{live_server.url}/espace/transfos/strasbourg/attestations/")
    assert page.get_by_role("link", name="Claire Muller").is_visible()
    assert axe_violations(page) == []
