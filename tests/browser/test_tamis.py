import re

import pytest

from cas_pratiques.models import Tamis
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

CAS = "/espace/transfos/strasbourg/cas/le-comptoir-des-services/"
DRAGGED = [
    # idea, column (1 autonomie … 5 présence physique), row (1 fréquent … 5 exceptionnel)
    ("Conciergerie colis", 4, 1),
    ("Garde d'enfants ponctuelle", 5, 5),
    ("Covoiturage domicile-travail", 1, 1),
]


def cell(page, x, y):
    return page.locator(f'.tamis-cell[data-x="{x}"][data-y="{y}"]')


def test_residente_places_ideas_by_drag_and_drop_and_keyboard(live_server, demo, page):
    base = live_server.url
    page.set_viewport_size({"width": 1280, "height": 1400})  # the whole grid in view
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}{CAS}")
    page.get_by_role("link", name="Nouveau tamis de critères").click()
    page.get_by_label("Titre").fill("Le tamis de la V1")
    page.get_by_label("Critère de gauche (axe horizontal)").fill("autonomie de l'usager")
    page.get_by_label("Critère de droite (axe horizontal)").fill("présence physique nécessaire")
    page.get_by_label("Critère du haut (axe vertical)").fill("fréquent")
    page.get_by_label("Critère du bas (axe vertical)").fill("exceptionnel")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r".*/tamis/\d+/$"))
    board_url = page.url
    assert page.get_by_role("heading", name="12 idées à placer").is_visible()

    for nom, x, y in DRAGGED:
        source = page.locator(".tamis-tray__list .tamis-postit", has_text=nom)
        source.drag_to(cell(page, x, y))
        # The server's answer replaces the board and confirms the placement.
        page.get_by_text(f"« {nom} » placée").wait_for()
        assert nom in cell(page, x, y).inner_text()

    # The keyboard alternative: two lists and "Placer" in the table, no mouse.
    page.get_by_label(re.compile(r"^Colonne de « Aide administrative »")).select_option("5")
    page.get_by_label(re.compile(r"^Ligne de « Aide administrative »")).select_option("4")
    button = page.get_by_role("button", name="Placer Aide administrative")
    button.focus()
    page.keyboard.press("Enter")
    page.get_by_text("« Aide administrative » placée").wait_for()
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Placer Aide administrative"  # the keyboard user keeps their place

    page.goto(board_url)
    for nom, x, y in [*DRAGGED, ("Aide administrative", 5, 4)]:
        assert nom in cell(page, x, y).inner_text()
    assert page.get_by_role("heading", name="8 idées à placer").is_visible()
    row = page.get_by_role("row", name=re.compile(r"^Garde d'enfants ponctuelle"))
    assert "5 — « présence physique nécessaire »" in row.inner_text()
    assert "5 — « exceptionnel »" in row.inner_text()
    assert "4 idées placées" in page.locator("svg.tamis-picture desc").text_content()
    tamis = Tamis.objects.get(titre="Le tamis de la V1")
    assert tamis.placements.count() == 4
    assert tamis.version == 5

    assert axe_violations(page) == []


WORKING_PAGES = [
    f"{CAS}fiches/",
    f"{CAS}fiches/ajouter/",
    "/espace/transfos/strasbourg/cas/les-inscriptions-scolaires/immersions/",
    "/espace/transfos/strasbourg/cas/les-inscriptions-scolaires/immersions/ajouter/",
    f"{CAS}tamis/ajouter/",
    CAS,
]


def test_working_material_pages_are_accessible(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    for path in WORKING_PAGES:
        response = page.goto(f"{base}{path}")
        assert response.status == 200, path
        assert axe_violations(page) == [], path
