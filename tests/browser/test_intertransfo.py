"""Two groups of the Intertransfo n°6 write their propositions live; the restitution shows
both; a proposition written by someone else appears in the open group page without reload."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

N6 = "/espace/intertransfos/n6-strasbourg-2019/"


def test_two_groups_write_propositions_shown_at_the_restitution(live_server, demo, browser, page):
    base = live_server.url
    sign_in(page, base, "ambassadeur@demo.test")
    page.goto(f"{base}{N6}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Intertransfo n°6")
    assert axe_violations(page) == []

    page.get_by_role("link", name="Groupe 1 : Écosystème externe").click()
    page.get_by_label("Nouvelle proposition").fill("Une carte des acteurs ouverte à tous")
    page.get_by_role("button", name="Ajouter la proposition").click()
    expect(page.locator("#propositions")).to_contain_text("Une carte des acteurs ouverte à tous")
    expect(page.get_by_label("Nouvelle proposition")).to_have_value("")
    assert page.url.endswith(f"{N6}ateliers/1/")  # htmx: no reload
    assert axe_violations(page) == []

    other = browser.new_context(locale="fr-FR").new_page()
    sign_in(other, base, "ambassadeur.metz@demo.test")
    other.goto(f"{base}{N6}ateliers/2/")
    other.get_by_label("Nouvelle proposition").fill(
        "Des formations en commun avec la participation"
    )
    other.get_by_role("button", name="Ajouter la proposition").click()
    expect(other.locator("#propositions")).to_contain_text("Des formations en commun")
    other.goto(f"{base}{N6}ateliers/1/")
    other.get_by_label("Nouvelle proposition").fill("Un pitch du labo en deux minutes")
    other.get_by_role("button", name="Ajouter la proposition").click()

    # The first page refreshes its group's list every 5 seconds.
    expect(page.locator("#propositions")).to_contain_text(
        "Un pitch du labo en deux minutes", timeout=12_000
    )

    page.goto(f"{base}{N6}restitution/")
    expect(page.get_by_role("heading", name="Groupe 1 : Écosystème externe")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Une carte des acteurs ouverte à tous")
    expect(page.locator("main")).to_contain_text("Des formations en commun avec la participation")
    assert axe_violations(page) == []

    page.goto(f"{base}{N6}foire/")
    expect(page.locator("main")).to_contain_text("Transfo Strasbourg")
    assert axe_violations(page) == []
    other.context.close()


def test_the_labo_reviews_read_in_the_methods_order_and_list_every_transfo(live_server, demo, page):
    """Dunkerque 2018: + inspirant, + risqué, question en suspens; n°6: Metz, ticked as taking
    part but with no frozen plan, is listed and says so (issue 19, item 12)."""
    base = live_server.url
    sign_in(page, base, "ambassadeur.metz@demo.test")
    page.goto(f"{base}/espace/intertransfos/dunkerque-2018/labos/")
    dunkerque = page.locator("section", has=page.get_by_role("heading", name="Transfo Dunkerque"))
    expect(dunkerque.get_by_role("heading", level=3)).to_have_text(
        ["Le + inspirant", "Le + risqué", "La question en suspens"]
    )
    page.goto(f"{base}{N6}labos/")
    metz = page.locator("section", has=page.get_by_role("heading", name="Transfo Metz"))
    expect(metz).to_contain_text("Transfo Metz : pas encore de version figée du plan de labo")
    expect(
        page.locator("section", has=page.get_by_role("heading", name="Transfo Lille"))
    ).to_be_visible()
    assert axe_violations(page) == []
    metz.get_by_role("link", name="Ouvrir le plan du labo de la Transfo Metz").click()
    page.wait_for_url(f"{base}/espace/transfos/metz/labo/")
