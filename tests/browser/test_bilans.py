"""Bilans in Chromium: the ambassadrice answers from her carnet (autosaved), the group writes
the collective bilan in place, and the pages pass axe-core."""

import re

import pytest
from playwright.sync_api import expect

from ambassadeurs.models import BilanPersonnel, ReponseCollective
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

MORE = " Et je montre le prototype à mon N+1."
ANSWER = "Je garde l'habitude de tester en carton avant d'écrire une note."


def test_ambassadrice_answers_her_bilan_from_the_carnet(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "ambassadrice@demo.test")
    page.goto(f"{base}/espace/carnet/")
    page.get_by_role("link", name="Répondre : Bilan de fin de Transfo").click()
    assert axe_violations(page) == []
    field = page.get_by_label("2. Qu'emportez-vous de La Transfo dans votre service ?")
    field.fill(ANSWER)
    expect(page.locator("#draft-status")).to_contain_text("Brouillon enregistré à")
    copie = BilanPersonnel.objects.get(
        auteur__email="ambassadrice@demo.test", bilan__titre="Bilan de fin de Transfo"
    )
    assert ANSWER in copie.textes().values()
    assert copie.statut == "brouillon"

    # Her session is lost mid-way: what she types next stays in the browser, and comes back
    # once she has signed in again.
    page.context.clear_cookies()
    field.press("End")
    field.press_sequentially(MORE)
    expect(page.locator("#draft-status")).to_contain_text("gardé sur cet appareil")
    page.reload()
    page.wait_for_url(re.compile(r".*/comptes/login/\?next=.*"))
    page.get_by_label("E-mail").fill("ambassadrice@demo.test")
    page.get_by_label("Mot de passe").fill("transfo-demo")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r".*/bilans/\d+/repondre/$"))
    expect(field).to_have_value(ANSWER + MORE)
    expect(page.locator("#draft-restored")).to_be_visible()

    page.get_by_role("button", name="Déposer mon bilan").click()
    # One question is still blank: the bilan is not handed in, nothing typed is lost.
    expect(page.get_by_text("Répondez à cette question avant de déposer")).to_be_visible()
    expect(field).to_have_value(ANSWER + MORE)
    assert axe_violations(page) == []
    page.get_by_label("3. Et après la Transfo").fill("Dans l'équipe du labo, un jour par mois.")
    page.get_by_role("button", name="Déposer mon bilan").click()
    page.wait_for_url(re.compile(r".*/bilans/\d+/personnels/\d+/$"))
    copie.refresh_from_db()
    assert copie.statut == "depose"
    assert ANSWER + MORE in copie.textes().values()
    assert page.evaluate("Object.keys(window.localStorage).length") == 0


def test_the_group_writes_the_collective_bilan_in_place(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "ambassadeur@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/bilans/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Bilan collectif : de la Transfo au labo").click()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Écrire la réponse à la question 3").click()
    field = page.get_by_role("textbox", name="Nos défis pour le labo")
    field.fill("Un budget propre, et une place pour les agents de catégorie C.")
    page.get_by_role("button", name="Enregistrer la réponse").click()
    expect(page.get_by_text("Réponse enregistrée.")).to_be_visible()
    reponse = ReponseCollective.objects.get(question__texte="Nos défis pour le labo")
    assert reponse.updated_by.email == "ambassadeur@demo.test"
    assert axe_violations(page) == []


def test_residente_follows_who_answered(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "residente@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/bilans/")
    page.get_by_role("link", name="Bilan à mi-parcours").click()
    expect(page.get_by_role("heading", name="Qui a répondu")).to_be_visible()
    assert axe_violations(page) == []
    page.goto(f"{base}/espace/transfos/strasbourg/bilans/nouveau/")
    assert axe_violations(page) == []
