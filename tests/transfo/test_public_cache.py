"""The shared cache of the anonymous public pages (transfo.public_cache): served without a
query, replaced at once by a change, never holding a signed-in or private page."""

import re
from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from blog.models import BlogIndexPage, BlogPostPage, HomePage
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.intertransfo.factories import IntertransfoFactory
from transfo import public_cache

CACHED = "public, max-age=0, must-revalidate"


@pytest.fixture(autouse=True)
def _cache_on(settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 600


@pytest.fixture
def blog_index(db):
    return BlogIndexPage.objects.get(slug="blog")


def publish_post(parent, title, slug):
    post = BlogPostPage(title=title, slug=slug, date=date(2019, 6, 27), chapo=f"Chapô de {title}")
    parent.add_child(instance=post)
    post.save_revision().publish()
    return post


@pytest.fixture
def post(blog_index):
    return publish_post(blog_index, "Session 4 à Strasbourg", "session-4")


@pytest.fixture
def cas(transfo):
    return CasPratiqueFactory(transfo=transfo, titre="Les mégotiers", publie=True)


@pytest.fixture
def public_urls(post, cas):
    return {
        "home": "/",
        "vitrine": "/cas/?q=megot&tri=titre",
        "case": cas.get_absolute_url(),
        "blog": "/blog/",
        "post": post.url,
    }


def nonce_of(response):
    header = response.headers["Content-Security-Policy"]
    return re.search(r"'nonce-([^']+)'", header).group(1)


def without_nonce(response):
    """The body, its CSP nonce taken out (each response has its own)."""
    return response.content.replace(nonce_of(response).encode(), b"")


@pytest.mark.parametrize("page", ["home", "vitrine", "case", "blog", "post"])
def test_an_anonymous_second_request_runs_no_query(
    client, public_urls, page, django_assert_num_queries
):
    first = client.get(public_urls[page])
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(public_urls[page])
    assert second.status_code == 200
    assert without_nonce(second) == without_nonce(first)
    assert second["Content-Type"] == first["Content-Type"]
    assert first["Cache-Control"] == second["Cache-Control"] == CACHED


@pytest.mark.parametrize("page", ["home", "case", "post"])
def test_each_reader_of_a_cached_page_gets_a_fresh_nonce_in_body_and_header(
    client, public_urls, page, django_assert_num_queries
):
    first = client.get(public_urls[page])
    with django_assert_num_queries(0):  # served from the cache
        second = client.get(public_urls[page])
    third = client.get(public_urls[page])
    for response in (first, second, third):
        scripts = re.findall(r"<script[^>]*>", response.content.decode())
        assert scripts
        assert all(f'nonce="{nonce_of(response)}"' in tag for tag in scripts)
    assert len({nonce_of(first), nonce_of(second), nonce_of(third)}) == 3
    assert without_nonce(second) == without_nonce(first)  # the stored body


def test_a_query_string_is_a_page_of_its_own(client, public_urls, transfo):
    CasPratiqueFactory(transfo=transfo, titre="Les bureaux volants", publie=True)
    assert "Les bureaux volants" in client.get("/cas/").text
    found = client.get("/cas/?q=megot").text
    assert "Les mégotiers" in found
    assert "Les bureaux volants" not in found


def test_a_published_post_is_on_the_home_page_and_the_blog_at_once(client, blog_index, post):
    assert "Session 4 à Strasbourg" in client.get("/blog/").text
    client.get("/")
    publish_post(blog_index, "Le tamis de critères", "tamis")
    assert "Le tamis de critères" in client.get("/blog/").text
    assert "Le tamis de critères" in client.get("/").text


def test_an_unpublished_post_leaves_at_once(client, post):
    assert client.get(post.url).status_code == 200
    client.get("/blog/")
    post.unpublish()
    assert client.get(post.url).status_code == 404
    assert "Session 4 à Strasbourg" not in client.get("/blog/").text


def test_an_edited_post_shows_its_new_text_at_once(client, post):
    client.get(post.url)
    post.chapo = "Un chapô réécrit"
    post.save_revision().publish()
    assert "Un chapô réécrit" in client.get(post.url).text


def test_a_published_or_edited_case_is_in_the_vitrine_at_once(client, cas, transfo):
    assert "Les mégotiers" in client.get("/cas/").text
    client.get(cas.get_absolute_url())
    CasPratiqueFactory(transfo=transfo, titre="La carte Max", publie=True)
    cas.titre = "Les mégotiers de Mulhouse"
    cas.save()
    vitrine = client.get("/cas/").text
    assert "La carte Max" in vitrine
    assert "Les mégotiers de Mulhouse" in vitrine
    assert "Les mégotiers de Mulhouse" in client.get(cas.get_absolute_url()).text


def test_a_withdrawn_case_leaves_at_once(client, cas):
    client.get("/cas/")
    assert client.get(cas.get_absolute_url()).status_code == 200
    cas.etat = "brouillon"
    cas.save()
    assert client.get(cas.get_absolute_url()).status_code == 404
    assert "Les mégotiers" not in client.get("/cas/").text


def test_a_renamed_transfo_and_a_new_intertransfo_are_on_the_home_page_at_once(
    client, post, transfo
):
    client.get("/")
    transfo.nom = "Transfo Eurométropole"
    transfo.save()
    IntertransfoFactory(date=date.today().replace(year=date.today().year + 1), lieu="Dunkerque")
    home = client.get("/").text
    assert "Transfo Eurométropole" in home
    assert "Dunkerque" in home


def test_a_section_made_private_is_refused_at_once(client, blog_index, post):
    assert client.get(post.url).status_code == 200
    PageViewRestriction.objects.create(page=blog_index, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(post.url).status_code == 302


def test_a_private_page_is_never_cached(client, ambassadeur, post):
    home = HomePage.objects.get()
    private = BlogIndexPage(title="Capot ouvert", slug="capot-ouvert")
    home.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    secret = publish_post(private, "Ce que nous n'écririons pas en public", "secret")

    client.force_login(ambassadeur)
    signed_in = client.get(secret.url)
    assert signed_in.status_code == 200
    assert "private" in signed_in["Cache-Control"]
    client.logout()
    client.cookies.clear()
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            anonymous = client.get(secret.url)
        assert queries.captured_queries
        assert anonymous.status_code == 302
        assert "private" in anonymous["Cache-Control"]
    assert "Ce que nous" not in client.get("/blog/").text


def test_a_signed_in_reader_never_gets_the_shared_page(client, ambassadeur, public_urls):
    anonymous = client.get("/")
    client.force_login(ambassadeur)
    with CaptureQueriesContext(connection) as queries:
        signed_in = client.get("/")
    assert queries.captured_queries
    assert "Claire Muller" in signed_in.text
    assert "Se déconnecter" in signed_in.text
    assert set(signed_in["Cache-Control"].split(", ")) == {"private", "no-store"}
    assert nonce_of(signed_in) != nonce_of(anonymous)


@pytest.mark.parametrize("page", ["home", "vitrine", "case", "blog", "post"])
def test_a_signed_in_reader_never_fills_the_shared_cache(client, ambassadeur, public_urls, page):
    client.force_login(ambassadeur)
    assert "Claire Muller" in client.get(public_urls[page]).text
    client.logout()
    client.cookies.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(public_urls[page])
    assert queries.captured_queries  # rendered for the anonymous reader, not replayed
    assert "Claire Muller" not in response.text
    assert "Se connecter" in response.text


@pytest.mark.parametrize(
    "cookies_or_headers",
    [
        {"cookies": {"sessionid": "expired-or-forged"}},
        {"cookies": {"messages": "a-message"}},
        {"headers": {"HX-Request": "true"}},
    ],
)
def test_requests_with_a_session_messages_or_htmx_are_never_served_from_the_cache(
    client, post, cookies_or_headers
):
    client.get("/blog/")
    for name, value in cookies_or_headers.get("cookies", {}).items():
        client.cookies[name] = value
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/blog/", headers=cookies_or_headers.get("headers", {}))
    assert response.status_code == 200
    assert queries.captured_queries


def test_a_change_invalidates_at_once_and_once_more_when_its_transaction_commits(db, cas):
    versions = [public_cache._current_version()]
    with transaction.atomic():
        for title in ("Une fois", "Deux fois"):
            cas.titre = title
            cas.save()
            versions.append(public_cache._current_version())
        pending = [c for _sids, c, _robust in connection.run_on_commit]
    assert len(set(versions)) == 3  # each row visible at once
    assert pending.count(public_cache._new_version) == 1  # and once more at the commit


def test_a_sign_in_changes_no_version(client, ambassadeur, post):
    client.get("/blog/")
    version = public_cache._current_version()
    client.post("/comptes/login/", {"login": ambassadeur.email, "password": "wrong"})
    ambassadeur.save(update_fields=["last_login"])
    assert public_cache._current_version() == version


def test_with_the_cache_off_every_request_is_rendered(client, settings, post):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    client.get("/blog/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/blog/")
    assert queries.captured_queries
    assert response["Cache-Control"] == CACHED
