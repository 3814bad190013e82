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


def test_the_coordination_gives_intertransfo_6_a_second_day(live_server, demo, page):
    """An Intertransfo of two days: the end date, an item on the second day chosen in a plain
    select, and the programme read day by day (issue 19, item 13)."""
    base = live_server.url
    sign_in(page, base, "coordination@demo.test", totp=True)
    page.goto(f"{base}/coordination/intertransfos/n6-strasbourg-2019/modifier/")
    page.get_by_label("Date de fin").fill("2019-05-18")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(f"{base}/coordination/intertransfos/n6-strasbourg-2019/")
    programme = page.get_by_role("region", name="Programme")
    programme.get_by_text("Ajouter un temps au programme").click()
    programme.get_by_label("Jour").select_option(label="Samedi 18 mai 2019")
    programme.get_by_label("Début").fill("09:30")
    programme.get_by_label("Titre").fill("Visite du tiers-lieu")
    programme.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("heading", name="Samedi 18 mai")).to_be_visible()
    assert axe_violations(page) == []

    page.goto(f"{base}{N6}")
    expect(page.get_by_role("heading", name="Déroulé", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Vendredi 17 mai")).to_be_visible()
    expect(page.locator("h3", has_text="Samedi 18 mai").locator("+ ol")).to_contain_text(
        "Visite du tiers-lieu"
    )
    assert axe_violations(page) == []


def test_the_coordination_registers_a_transfo_and_finds_a_person_on_a_phone(
    live_server, demo, page
):
    """Issue 21, item 8: a whole Transfo in one go, one person by a search; the new
    Intertransfo's address from its title; nothing wider than 320 px."""
    base = live_server.url
    sign_in(page, base, "coordination@demo.test", totp=True)
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(f"{base}/coordination/intertransfos/nouvelle/")
    page.get_by_label("Numéro").fill("9")
    page.locator("#id_date").fill("2026-10-02")
    page.get_by_label("Lieu").fill("Saint-Étienne")
    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(f"{base}/coordination/intertransfos/n9-saint-etienne-2026/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.get_by_text("Inscrire des membres : toute une Transfo, ou une personne").click()
    page.get_by_label("Toute une Transfo").select_option(label="Transfo Metz")
    page.get_by_role("button", name="Inscrire la Transfo").click()
    expect(page.get_by_text("personnes de la Transfo Metz inscrites")).to_be_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    page.get_by_text("Inscrire des membres : toute une Transfo, ou une personne").click()
    page.get_by_label("Rechercher une personne (nom ou adresse e-mail)").fill("residente")
    page.get_by_role("button", name="Rechercher").click()
    page.wait_for_url("**/participants/membre/?q=residente")
    people = page.locator("input[name='membre-user']")
    expect(people.first).to_be_visible()
    assert people.count() <= 30
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    # Long addresses ("agnes.zimmer@mulhouse.demo.test") wrap too.
    page.goto(f"{base}/coordination/intertransfos/n9-saint-etienne-2026/participants/membre/?q=a")
    expect(people.first).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.goto(
        f"{base}/coordination/intertransfos/n9-saint-etienne-2026/participants/membre/?q=residente"
    )
    people.first.check()
    page.get_by_role("button", name="Inscrire").click()
    page.wait_for_url(f"{base}/coordination/intertransfos/n9-saint-etienne-2026/")
    expect(page.get_by_text("Enregistré.")).to_be_visible()
