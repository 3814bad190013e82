import re

import pytest

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
