import re

import pytest

from labos.models import Plan
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

LABO = "/espace/transfos/strasbourg/labo/"


def edit_section(page, name, text):
    page.get_by_role("link", name=f"Modifier {name}").click()
    field = page.get_by_role("textbox", name=name, exact=True)
    field.fill(text)
    page.get_by_role("button", name="Enregistrer la section").click()
    page.locator(".labo-section", has_text="Section enregistrée.").wait_for()


def test_residente_freezes_edits_and_compares_versions(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/")
    page.get_by_role("link", name="Le labo", exact=True).click()
    page.wait_for_url(f"{base}{LABO}")

    # Edited in place (htmx): the page stays, only the section changes.
    edit_section(page, "Lieu", "Un lieu à trouver dans le centre administratif.")
    assert page.url == f"{base}{LABO}"
    page.get_by_label("Session où la version est figée").select_option(index=1)
    page.get_by_role("button", name="Figer une version").click()
    page.get_by_text("Version figée : plan v1, session #1.").wait_for()

    edit_section(page, "Lieu", "Un tiers-lieu partagé avec les associations.")
    page.get_by_role("button", name="Figer une version").click()
    page.get_by_text("Version figée : plan v2.").wait_for()

    page.get_by_role("link", name="Comparer deux versions").click()
    row = page.get_by_role("row", name=re.compile("^Lieu"))
    deleted = " ".join(row.locator("del").all_text_contents())
    added = " ".join(row.locator("ins").all_text_contents())
    assert "supprimé" in deleted and "administratif." in deleted
    assert "ajouté" in added and "associations." in added
    assert axe_violations(page) == []


def test_spectrum_slider_moves_with_the_keyboard(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}{LABO}#spectres")
    slider = page.get_by_role("slider", name=re.compile("sans budget"))
    assert slider.get_attribute("aria-valuetext") == "Labo don contre don"
    slider.focus()
    page.keyboard.press("ArrowRight")
    assert slider.get_attribute("aria-valuetext") == "Labo à budget"
    assert page.locator("#valeur-budget").inner_text() == "Labo à budget"
    page.keyboard.press("Home")
    assert page.locator("#valeur-budget").inner_text() == "Labo « sans budget »"
    page.get_by_role("button", name="Enregistrer les positions").click()
    page.get_by_text("Positions sur les spectres enregistrées.").wait_for()
    assert Plan.objects.get(transfo__slug="strasbourg").positions["budget"] == 0
    assert axe_violations(page) == []
    page.goto(f"{base}{LABO}ecosysteme/")
    assert page.locator(".labo-map__svg").is_visible()
    assert axe_violations(page) == []
