"""A member imported into the group, whose account was never used, gets in through the
pilote's sign-in link (issue 19, item 7: the invite form said "fait déjà partie de la
Transfo", and the only way in was "Mot de passe oublié")."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from playwright.sync_api import expect

from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://[^/\s]+(/comptes/invitation/[^/\s]+/)")
EMAIL = "sebastien.klein@demo.test"


def test_the_pilote_sends_a_sign_in_link_and_the_member_gets_in(live_server, demo, page, browser):
    base = live_server.url
    klein = get_user_model().objects.get(email=EMAIL)
    assert klein.last_login is None  # imported with the group, never signed in

    sign_in(page, base, "pilote@demo.test")
    # The invite form, given his address, says so and offers the link.
    page.goto(f"{base}/espace/transfos/strasbourg/inviter/")
    page.get_by_label("Adresse e-mail").fill(EMAIL)
    page.get_by_role("button", name="Envoyer l'invitation").click()
    expect(page.get_by_text("ne s'est jamais connecté·e").first).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Envoyer un lien de connexion à Sébastien Klein").click()
    expect(
        page.get_by_text(f"Lien de connexion envoyé à Sébastien Klein ({EMAIL}).")
    ).to_be_visible()
    assert page.url == f"{base}/espace/transfos/strasbourg/"
    # The Transfo's page shows who never signed in, with the same button.
    expect(
        page.get_by_role("button", name="Envoyer un lien de connexion à Sébastien Klein")
    ).to_be_visible()
    assert axe_violations(page) == []

    (message,) = [m for m in mail.outbox if m.to == [EMAIL]]
    path = LINK.search(message.body).group(1)
    member = browser.new_context(locale="fr-FR").new_page()
    member.set_default_timeout(15_000)
    member.goto(f"{base}{path}")
    expect(member.get_by_role("heading", name="Se connecter à Transfo Strasbourg")).to_be_visible()
    assert axe_violations(member) == []
    member.locator("#id_password1").fill("un-Mot-de-passe-solide")
    member.locator("#id_password2").fill("un-Mot-de-passe-solide")
    member.get_by_role("button", name="Choisir mon mot de passe et me connecter").click()
    member.wait_for_url(f"{base}/espace/transfos/strasbourg/")
    expect(member.get_by_text("Bienvenue ! Vous êtes connecté·e")).to_be_visible()
    klein.refresh_from_db()
    assert klein.last_login is not None and klein.check_password("un-Mot-de-passe-solide")

    # Signed in now: the pilote's page no longer offers him a link.
    page.reload()
    expect(
        page.get_by_role("button", name="Envoyer un lien de connexion à Sébastien Klein")
    ).to_have_count(0)
