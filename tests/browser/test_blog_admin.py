import re

import pytest
from playwright.sync_api import expect

from blog.models import BlogIndexPage, BlogPostPage
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_an_editor_publishes_a_post_with_an_image_and_readers_find_it(
    live_server, demo, page, browser
):
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    from blog.seed import publications_collection

    get_image_model().objects.create(
        title="Post-it du tamis",
        file=get_test_image_file(),
        collection=publications_collection(),
    )
    base = live_server.url
    sign_in(page, base, "editeur@demo.test", totp=True)
    blog = BlogIndexPage.objects.get(slug="blog")
    page.goto(f"{base}/admin/pages/add/blog/blogpostpage/{blog.pk}/")
    page.locator("#id_title").fill("Le tamis en images")
    page.locator("#id_chapo").fill("Les post-it de la session #9 sur les grilles.")
    page.get_by_role("button", name=re.compile("Choisir une image")).first.click()
    page.get_by_role("link", name=re.compile("Post-it du tamis")).first.click()
    page.locator("#id_cover_alt").fill("Des post-it sur une grille")
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile("^Publier")).click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))

    post = BlogPostPage.objects.get(title="Le tamis en images")
    assert post.live and post.cover.title == "Post-it du tamis"

    reader = browser.new_context(locale="fr-FR").new_page()
    reader.goto(f"{base}/recherche/?q=tamis")
    reader.get_by_role("link", name="Le tamis en images").click()
    assert reader.get_by_role("img", name="Des post-it sur une grille").is_visible()


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_an_abandoned_new_post_does_not_block_the_next_try(live_server, demo, page):
    """Issue 19, item 18: a new post saved as a draft then given up (Wagtail also autosaves a
    new page once its title is typed) held its title's slug, and the next try with the same
    title was refused ("Le slug … est déjà utilisé")."""
    base = live_server.url
    sign_in(page, base, "editeur@demo.test", totp=True)
    blog = BlogIndexPage.objects.get(slug="blog")
    title = "Retour sur la session de mars"
    page.goto(f"{base}/admin/pages/add/blog/blogpostpage/{blog.pk}/")
    page.locator("#id_title").fill(title)
    page.keyboard.press("Tab")  # leaving the title makes its slug
    expect(page.locator("#id_slug")).to_have_value("retour-sur-la-session-de-mars")
    # Saved as a draft (by the editor, or by Wagtail's autosave), then left.
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page).to_have_url(re.compile(r".*/admin/pages/\d+/edit/"), timeout=15_000)
    abandoned = BlogPostPage.objects.get(title=title)
    assert abandoned.slug == "retour-sur-la-session-de-mars" and not abandoned.live

    # The editor leaves it and starts again.
    page.goto(f"{base}/admin/pages/add/blog/blogpostpage/{blog.pk}/")
    page.locator("#id_title").fill(title)
    page.keyboard.press("Tab")
    expect(page.locator("#id_slug")).to_have_value("retour-sur-la-session-de-mars")
    page.locator("#id_chapo").fill("Deux jours sur le plan du labo.")
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("était prise par un brouillon jamais publié")).to_be_visible(
        timeout=15_000
    )
    page.get_by_role("link", name="Ouvrir le brouillon").wait_for()
    assert page.get_by_role("link", name="Ouvrir le brouillon").get_attribute("href") == (
        f"/admin/pages/{abandoned.pk}/edit/"
    )
    new = BlogPostPage.objects.exclude(pk=abandoned.pk).get(title=title)
    assert new.slug == "retour-sur-la-session-de-mars-2"
    assert new.chapo == "Deux jours sur le plan du labo."
    abandoned.refresh_from_db()
    assert abandoned.slug == "retour-sur-la-session-de-mars"
