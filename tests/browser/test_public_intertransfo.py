"""The public summary of Intertransfo n°6 and the home's coming dates, as a reader meets them;
the capot ouvert's write page with its photos; the authors' finder in the Wagtail editor."""

import re

import pytest
from playwright.sync_api import expect

from blog.models import BlogIndexPage, BlogPostPage
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser


def test_a_reader_goes_from_the_home_to_the_summary_of_intertransfo_6(live_server, demo, page):
    base = live_server.url
    page.goto(f"{base}/")
    assert page.get_by_role("heading", name="Prochains rendez-vous").is_visible()
    assert axe_violations(page) == []
    page.get_by_role("link", name="Restitutions des Intertransfos").click()
    page.wait_for_url(f"{base}/intertransfos/")
    assert axe_violations(page) == []
    page.get_by_role("link", name="Intertransfo n°6").click()
    page.wait_for_url(f"{base}/intertransfos/n6-strasbourg-2019/")
    assert page.get_by_role("heading", name="Groupe 1 : Écosystème externe").is_visible()
    assert page.get_by_text("Labos grand-estois, unissez-vous !").is_visible()
    assert axe_violations(page) == []


def test_a_member_writes_a_post_with_a_photo(live_server, demo, page, tmp_path):
    from PIL import Image

    photo = tmp_path / "mur.png"
    Image.new("RGB", (60, 40), (30, 120, 200)).save(photo)
    base = live_server.url
    sign_in(page, base, "ambassadrice@demo.test")
    page.goto(f"{base}/espace/transfos/strasbourg/capot-ouvert/ecrire/")
    assert axe_violations(page) == []
    page.get_by_label("Titre").fill("Le mur des idées")
    page.get_by_label("Texte").fill("Ce que nous avons affiché.")
    page.locator("#id_photos-0-image").set_input_files(str(photo))
    page.locator("#id_photos-0-alt").fill("Un mur couvert de post-it bleus")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/capot-ouvert/strasbourg/le-mur-des-idees/$"))
    image = page.get_by_role("img", name="Un mur couvert de post-it bleus")
    expect(image).to_be_visible()  # waits for the photo, served by its permission-checked view
    page.wait_for_function(
        "alt => [...document.images].some(i => i.alt === alt && i.complete && i.naturalWidth)",
        arg="Un mur couvert de post-it bleus",
    )
    assert image.evaluate("img => img.naturalWidth") == 60
    assert axe_violations(page) == []


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_an_editor_finds_an_author_by_typing_a_name(live_server, demo, page):
    base = live_server.url
    sign_in(page, base, "editeur@demo.test", totp=True)
    blog = BlogIndexPage.objects.get(slug="blog")
    page.goto(f"{base}/admin/pages/add/blog/blogpostpage/{blog.pk}/")
    page.locator("#id_title").fill("Billet à deux mains")
    boxes = page.locator("[data-auteurs] input[type=checkbox]")
    total = boxes.count()
    finder = page.get_by_label("Trouver une personne")
    finder.fill("suzan")
    assert page.locator("[data-auteurs] input[type=checkbox]:visible").count() == 1
    finder.press("Enter")  # picks the only person left, without submitting the page
    assert page.get_by_label("Suzanne Keller").is_checked()
    finder.fill("")
    assert page.locator("[data-auteurs] input[type=checkbox]:visible").count() == total
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.get_by_role("button", name=re.compile("^Publier")).click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/$"))
    post = BlogPostPage.objects.get(title="Billet à deux mains")
    assert [person.get_full_name() for person in post.auteurs.all()] == ["Suzanne Keller"]
