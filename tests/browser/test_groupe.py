"""The demo pilote opens her group, imports a small CSV, checks the preview and confirms; the
invitee follows the mail's link, finds their name, and joins with the imported profile."""

import re

import pytest
from playwright.sync_api import expect

from ambassadeurs.models import AmbassadeurProfile
from collectivites.models import Invitation
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

CSV = (
    "Nom,E-mail,Cercle,Direction,Catégorie,Passions et talents\n"
    "Hugo Lambert,hugo.lambert@exemple.test,ambassadeur,Direction de la culture,C,"
    '"photo, vidéo"\n'
)


def test_pilote_imports_a_csv_into_her_group(live_server, demo, page, tmp_path):
    base = live_server.url
    sign_in(page, base, "pilote@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/")
    page.get_by_role("link", name="Le groupe").click()
    page.wait_for_url(f"{base}/espace/transfos/strasbourg/groupe/")
    expect(page.get_by_role("cell", name="Direction de l'éducation").first).to_be_visible()
    assert axe_violations(page) == []

    page.get_by_role("link", name="Importer le groupe").click()
    file = tmp_path / "groupe.csv"
    file.write_text(CSV, encoding="utf-8")
    page.get_by_label("Fichier du groupe").set_input_files(str(file))
    page.get_by_role("button", name="Voir l'aperçu").click()
    page.wait_for_url(re.compile(r".*/groupe/importer/apercu/$"))
    expect(page.get_by_role("table")).to_contain_text("Hugo Lambert")
    expect(page.get_by_role("table")).to_contain_text("Invitation")
    assert not AmbassadeurProfile.objects.filter(
        participation__user__email="hugo.lambert@exemple.test"
    ).exists()
    assert axe_violations(page) == []

    page.get_by_role("button", name="Confirmer l'import").click()
    page.wait_for_url(f"{base}/espace/transfos/strasbourg/groupe/")
    expect(page.get_by_role("status").first).to_contain_text("1 invitation(s) envoyée(s)")
    expect(page.get_by_role("rowheader", name="Hugo Lambert")).to_have_count(0)
    assert not AmbassadeurProfile.objects.filter(
        participation__user__email="hugo.lambert@exemple.test"
    ).exists()

    invitation = Invitation.objects.get(email="hugo.lambert@exemple.test")
    page.context.clear_cookies()
    page.goto(base + invitation.get_accept_url())
    expect(page.get_by_label("Nom complet")).to_have_value("Hugo Lambert")
    page.locator("#id_password1").fill("un mot de passe solide 42")
    page.locator("#id_password2").fill("un mot de passe solide 42")
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url(f"{base}/espace/transfos/strasbourg/")
    profil = AmbassadeurProfile.objects.get(participation__user__email="hugo.lambert@exemple.test")
    assert profil.passions == "photo, vidéo"
    assert profil.direction == "Direction de la culture"
