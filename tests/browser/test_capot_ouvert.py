import re

import pytest

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_an_ambassadrice_writes_for_her_group_and_only_her_group_reads_it(
    live_server, demo, page, browser
):
    base = live_server.url
    sign_in(page, base, "ambassadrice@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/")
    page.get_by_role("link", name="Écrire dans le capot ouvert").click()
    page.get_by_label("Titre").fill("Le débat mouvant, vu de l'intérieur")
    page.get_by_label("Texte").fill("J'ai changé de place trois fois.\n\nEt vous ?")
    page.get_by_role("button", name="Publier pour le groupe").click()
    page.wait_for_url(re.compile(r".*/capot-ouvert/strasbourg/le-debat-mouvant-vu-de-linterieur/$"))
    assert (
        page.get_by_role("heading", level=1).inner_text() == "Le débat mouvant, vu de l'intérieur"
    )

    peer = browser.new_context(locale="fr-FR").new_page()
    sign_in(peer, base, "ambassadeur@demo.test")
    peer.goto(f"{base}/capot-ouvert/strasbourg/")
    peer.get_by_role("link", name="Le débat mouvant, vu de l'intérieur").click()
    assert peer.get_by_text("J'ai changé de place trois fois.").is_visible()

    metz = browser.new_context(locale="fr-FR").new_page()
    sign_in(metz, base, "ambassadeur.metz@demo.test")
    assert metz.goto(page.url).status == 404

    public = browser.new_context(locale="fr-FR").new_page()
    public.goto(f"{base}/blog/")
    assert public.get_by_text("Le débat mouvant").count() == 0
    public.goto(page.url)
    assert "/comptes/login/" in public.url


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_a_members_post_has_paragraphs_and_the_coordination_opens_it_in_the_editor(
    live_server, demo, page, browser
):
    from blog.models import BlogPostPage

    base = live_server.url
    sign_in(page, base, "ambassadrice@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/capot-ouvert/ecrire/")
    page.get_by_label("Titre").fill("Trois places")
    # The browser sends the textarea's line breaks as CRLF.
    page.get_by_label("Texte").fill("J'ai changé de place\ntrois fois.\n\nEt vous ?")
    page.get_by_role("button", name="Publier pour le groupe").click()
    page.wait_for_url(re.compile(r".*/capot-ouvert/strasbourg/trois-places/$"))
    paragraphs = page.locator("main p").all_inner_texts()
    assert "J'ai changé de place\ntrois fois." in paragraphs
    assert "Et vous ?" in paragraphs

    post = BlogPostPage.objects.get(title="Trois places")
    editor = browser.new_context(locale="fr-FR").new_page()
    sign_in(editor, base, "coordination@demo.test", totp=True)
    response = editor.goto(f"{base}/admin/pages/{post.pk}/edit/")
    assert response.status == 200
    assert editor.locator("#id_title").input_value() == "Trois places"
    assert editor.get_by_text("Et vous ?").first.is_visible()
