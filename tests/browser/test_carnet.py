import re

import pytest
from playwright.sync_api import expect

from ambassadeurs.choices import Visibilite
from ambassadeurs.models import Brouillon, EntreeCarnet

pytestmark = pytest.mark.browser

TITLE = "Après la session n°9"
FIRST = "Le débat mouvant m'a fait changer d'avis sur le budget du labo."
MORE = " Écrit après la fin de ma session : il ne doit pas se perdre."


def fill_sign_in(page, email):
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill("transfo-demo")
    page.get_by_role("button", name="Se connecter").click()


def test_ambassadrice_gets_her_text_back_after_losing_her_session_and_shares_it(
    live_server, demo, page, browser
):
    base = live_server.url
    page.goto(f"{base}/comptes/login/")
    fill_sign_in(page, "ambassadrice@demo.test")
    page.wait_for_url(f"{base}/espace/")
    page.get_by_role("link", name="Mon carnet de bord").click()
    page.get_by_role("link", name="Écrire une entrée").click()
    page.wait_for_url(f"{base}/espace/carnet/nouvelle/")

    page.get_by_label("Titre").fill(TITLE)
    page.get_by_label("Session").select_option(
        label="Transfo Strasbourg — Session #9 : Labo et cas pratique"
    )
    text = page.get_by_label("Texte")
    text.fill(FIRST)
    expect(page.locator("#draft-status")).to_contain_text("Brouillon enregistré à")
    assert Brouillon.objects.get(auteur__email="ambassadrice@demo.test").donnees["texte"] == FIRST

    # Her session is lost mid-way: what she types next cannot reach the server.
    page.context.clear_cookies()
    text.press("End")
    text.press_sequentially(MORE)
    expect(page.locator("#draft-status")).to_contain_text("gardé sur cet appareil")

    # She comes back to the form, signs in again and finds all her text.
    page.reload()
    page.wait_for_url(re.compile(r".*/comptes/login/\?next=.*"))
    fill_sign_in(page, "ambassadrice@demo.test")
    page.wait_for_url(f"{base}/espace/carnet/nouvelle/")
    expect(page.get_by_label("Texte")).to_have_value(FIRST + MORE)
    expect(page.get_by_label("Titre")).to_have_value(TITLE)
    expect(page.locator("#draft-restored")).to_be_visible()

    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_url(re.compile(r".*/espace/carnet/\d+/$"))
    entree = EntreeCarnet.objects.get(titre=TITLE)
    assert entree.texte == FIRST + MORE
    assert entree.visibilite == Visibilite.PRIVE
    assert entree.session.numero == 9
    assert page.evaluate("Object.keys(window.localStorage).length") == 0

    # She shares it with the group, seeing who will read it before confirming.
    page.get_by_role("link", name="Changer la visibilité").click()
    page.get_by_label("Partagé avec le groupe").check()
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator(".lecteurs")).to_contain_text("Karim Benali")
    expect(page.locator(".lecteurs")).not_to_contain_text("Louise Marchand")
    page.get_by_role("button", name="Confirmer le partage").click()
    page.wait_for_url(f"{base}{entree.get_absolute_url()}")
    expect(page.locator(".badge--groupe")).to_have_text("Partagé avec le groupe")

    # Her peer reads it among the entries shared with him.
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    peer = context.new_page()
    peer.set_default_timeout(15_000)
    peer.goto(f"{base}/comptes/login/")
    fill_sign_in(peer, "ambassadeur@demo.test")
    peer.wait_for_url(f"{base}/espace/")
    peer.get_by_role("link", name="Mon carnet", exact=True).click()
    peer.get_by_role("link", name="Partagés avec moi").click()
    peer.get_by_role("link", name=TITLE).click()
    expect(peer.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(peer.locator(".entree__texte")).to_contain_text(MORE.strip())
    expect(peer.locator(".entree__meta")).to_contain_text("Claire Muller")
    context.close()


def test_signing_out_leaves_no_draft_in_the_browser(live_server, demo, page):
    """Issue 18, item 11: on a shared computer, the next person finds none of her text."""
    base = live_server.url
    page.goto(f"{base}/comptes/login/")
    fill_sign_in(page, "ambassadrice@demo.test")
    page.wait_for_url(f"{base}/espace/")
    page.goto(f"{base}/espace/carnet/nouvelle/")
    page.get_by_label("Texte").fill(FIRST)
    expect(page.locator("#draft-status")).to_contain_text("Brouillon enregistré à")
    kept = "Object.keys(window.localStorage).filter(k => k.startsWith('transfo:')).length"
    assert page.evaluate(kept) == 1

    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_load_state()
    assert page.evaluate(kept) == 0


def test_a_text_over_its_bound_is_counted_refused_and_given_back_whole(live_server, demo, page):
    """Issue 18, item 6: the count shows near the bound, nothing cuts a paste, and the
    server's refusal gives the whole text back."""
    base = live_server.url
    page.goto(f"{base}/comptes/login/")
    fill_sign_in(page, "ambassadrice@demo.test")
    page.wait_for_url(f"{base}/espace/")
    page.goto(f"{base}/espace/carnet/nouvelle/")
    page.get_by_label("Titre").fill("Trop long")
    text = page.get_by_label("Texte")
    count = page.locator("#id_texte-count")
    text.fill("a" * 100)
    expect(count).to_have_text("")
    text.fill("a" * 19_990)
    expect(count).to_have_text("Encore 10 caractères sur 20\u202f000.")
    long_text = "b" * 20_010
    text.fill(long_text)
    expect(count).to_have_text("10 caractères de trop (20\u202f000 au plus).")

    page.get_by_role("button", name="Enregistrer").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Ce texte compte 20\u00a0010 caractères")).to_be_visible()
    assert page.get_by_label("Texte").input_value() == long_text
    assert not EntreeCarnet.objects.filter(titre="Trop long").exists()
