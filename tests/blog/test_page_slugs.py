"""An abandoned new post's draft does not block the next try with the same title (issue 19,
item 18): a page never published whose slug a sibling draft never published holds takes the
next free one, the editor is told which draft holds it; a clash with a page that is or was
published is refused naming it, and no published page's slug ever changes."""

import re

import pytest
from wagtail.test.utils.form_data import nested_form_data, streamfield

from blog.models import BlogPostPage
from tests.blog import test_auteurs_widget

editor = test_auteurs_widget.editor

pytestmark = pytest.mark.ignore_template_errors  # Wagtail's own admin templates

TITLE = "Intertransfo n°7 à Besançon"
SLUG = "intertransfo-n7-a-besancon"


def post_data(title=TITLE, slug=SLUG, **fields):
    return nested_form_data(
        {"title": title, "slug": slug, "date": "2019-03-18", "body": streamfield([]), **fields}
    )


def add_url(blog_index):
    return f"/admin/pages/add/blog/blogpostpage/{blog_index.pk}/"


def create(client, blog_index, **kwargs):
    """The editor's "Enregistrer le brouillon" on a new post (no JavaScript)."""
    return client.post(add_url(blog_index), post_data(**kwargs), follow=True)


def autosave(client, blog_index, **kwargs):
    """What Wagtail's autosave posts when the title of a new page is typed."""
    return client.post(
        add_url(blog_index), post_data(**kwargs), headers={"Accept": "application/json"}
    )


def test_an_abandoned_drafts_slug_goes_to_the_next_try_with_a_suffix(client, editor, blog_index):
    client.force_login(editor)
    assert autosave(client, blog_index).json()["success"] is True  # then the editor gives up
    abandoned = BlogPostPage.objects.get(title=TITLE)
    assert abandoned.slug == SLUG and not abandoned.live

    response = create(client, blog_index)
    assert response.status_code == 200
    new = BlogPostPage.objects.exclude(pk=abandoned.pk).get(title=TITLE)
    assert new.slug == f"{SLUG}-2"
    assert response.redirect_chain[-1][0] == f"/admin/pages/{new.pk}/edit/"
    page = response.content.decode()
    assert f"L&#x27;adresse « {SLUG} » était prise par un brouillon jamais publié" in page
    assert f"« {SLUG}-2 »" in page
    assert f'href="/admin/pages/{abandoned.pk}/edit/"' in page  # "Ouvrir le brouillon"
    abandoned.refresh_from_db()
    assert abandoned.slug == SLUG  # the draft is left as it was

    # A third try takes -3.
    create(client, blog_index)
    assert sorted(BlogPostPage.objects.values_list("slug", flat=True)) == [
        SLUG,
        f"{SLUG}-2",
        f"{SLUG}-3",
    ]


def test_the_autosave_gives_the_page_in_the_browser_its_new_slug(client, editor, blog_index):
    client.force_login(editor)
    autosave(client, blog_index)
    answer = autosave(client, blog_index).json()
    assert answer["success"] is True
    assert answer["field_updates"]["slug"] == f"{SLUG}-2"
    # The page's later autosaves (edits) that still send the title's slug keep its own.
    new = BlogPostPage.objects.get(slug=f"{SLUG}-2")
    response = client.post(
        f"/admin/pages/{new.pk}/edit/", post_data(), headers={"Accept": "application/json"}
    )
    assert response.json()["success"] is True
    new.refresh_from_db()
    assert new.slug == f"{SLUG}-2"


def test_a_clash_with_a_published_page_is_refused_naming_it(client, editor, blog_index, make_post):
    published = make_post("Le billet publié")
    published.refresh_from_db()
    published.slug = SLUG
    published.save()
    client.force_login(editor)
    response = client.post(add_url(blog_index), post_data())
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f"L&#x27;adresse « {SLUG} » est déjà celle de la page « Le billet publié » (publiée)"
        in (page)
    )
    assert BlogPostPage.objects.count() == 1
    published.refresh_from_db()
    assert published.slug == SLUG


def test_a_published_page_never_takes_another_slug_silently(client, editor, blog_index, make_post):
    client.force_login(editor)
    create(client, blog_index)  # a draft never published holds the slug
    draft = BlogPostPage.objects.get(slug=SLUG)
    published = make_post("Le billet publié")
    response = client.post(
        f"/admin/pages/{published.pk}/edit/", post_data(title="Le billet publié", slug=SLUG)
    )
    assert response.status_code == 200
    assert "(brouillon) : choisissez-en une autre." in response.content.decode()
    published.refresh_from_db()
    draft.refresh_from_db()
    assert (published.slug, draft.slug) == ("billet-1", SLUG)


def test_a_draft_once_published_keeps_its_slug_reserved(client, editor, blog_index, make_post):
    unpublished = make_post("Dépublié")
    unpublished.refresh_from_db()
    unpublished.slug = SLUG
    unpublished.save()
    unpublished.unpublish()
    client.force_login(editor)
    response = client.post(add_url(blog_index), post_data())
    assert response.status_code == 200
    assert "(dépubliée) : choisissez-en une autre." in response.content.decode()
    assert BlogPostPage.objects.count() == 1


def test_free_slug_skips_the_taken_ones(blog_index, make_post):
    from blog.forms import free_slug

    for slug in ("titre", "titre-2", "titre-3", "titre-2019"):
        post = make_post()
        post.slug = slug
        post.save()
    assert free_slug("titre", blog_index.get_children()) == "titre-4"
    assert re.fullmatch(r"titre-2019-2", free_slug("titre-2019", blog_index.get_children()))
