"""Pages of the blog built in the tree the migrations create (home, /blog/, /retex/)."""

from datetime import date

import pytest
from wagtail.models import PageViewRestriction

from blog.models import BlogIndexPage, BlogPostPage, HomePage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def blog_index(home):
    return BlogIndexPage.objects.get(slug="blog")


@pytest.fixture
def make_post(blog_index):
    """A published post of /blog/ (or of `parent`), with tags and a Transfo."""
    counter = iter(range(1, 10_000))

    def make(title=None, *, parent=None, tags=(), live=True, **fields):
        number = next(counter)
        post = BlogPostPage(
            title=title or f"Billet {number}",
            slug=f"billet-{number}",
            date=fields.pop("date", date(2019, 1, number % 28 + 1)),
            chapo=fields.pop("chapo", f"Chapô du billet {number}"),
            body=fields.pop("body", [("paragraph", f"<p>Corps du billet {number}</p>")]),
            **fields,
        )
        if tags:
            post.tags.add(*tags)
        target = parent or blog_index
        target.add_child(instance=post)
        revision = post.save_revision()
        if live:
            revision.publish()
        else:
            post.live = False
            post.save(update_fields=["live"])
        return post

    return make


@pytest.fixture
def private_index(home):
    """A section of the blog readable only when signed in (the capot ouvert's shape)."""
    index = publish(home, BlogIndexPage(title="Capot ouvert", slug="capot-ouvert"))
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    return index


@pytest.fixture
def make_image(db):
    """A real PNG in Wagtail's image library."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file

    def make(title="Photo de session"):
        return get_image_model().objects.create(title=title, file=get_test_image_file())

    return make
