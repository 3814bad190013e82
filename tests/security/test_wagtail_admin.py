"""Wagtail's admin is a reader too: the editor and the moderator of the blog never see a
private page or a document of a restricted collection there, in any view (explorer, editor,
drafts, history, search, reports, choosers, the admin API), and no one but the coordination
changes a view restriction (issue 18, item 1)."""

import re
from collections import deque
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.signals import request_finished
from django.db import close_old_connections
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from blog.models import BlogIndexPage, BlogPostPage
from blog.sections import rights_reaching_private_areas
from collectivites.groups import members_group
from collectivites.models import Transfo
from tests.collectivites.factories import UserFactory
from tests.conftest import with_totp
from transfo.users.models import User

CANARY = "canariadmin"
# What the private objects say after the canary word: a search page repeats the word alone.
SIGHTINGS = [
    f"{CANARY} {word}" for word in ("titre", "brouillon", "chapô", "document", "collection")
]
LINK = re.compile(r'(?:href|data-url|hx-get)="(/admin/[^"#]*)')
# Signing out ends the crawl; the rest are GETs of forms and confirmations, rolled back.
SKIP = ("/admin/logout/", "/admin/login/", "/admin/jsi18n/", "/admin/sprite")
MAX_PAGES = 120


@pytest.fixture
def private(demo):
    strasbourg = Transfo.objects.get(slug="strasbourg")
    section = BlogIndexPage.objects.get(transfo=strasbourg)
    post = BlogPostPage(
        title=f"{CANARY} titre",
        slug="billet-canari-admin",
        date=date(2019, 7, 1),
        chapo=f"{CANARY} chapô",
    )
    section.add_child(instance=post)
    post.save_revision().publish()
    post.title = f"{CANARY} brouillon"
    post.save_revision()
    collection = Collection.get_first_root_node().add_child(name=f"{CANARY} collection")
    restriction = CollectionViewRestriction.objects.create(
        collection=collection, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(members_group(strasbourg))
    document = get_document_model().objects.create(
        title=f"{CANARY} document",
        collection=collection,
        file=ContentFile(b"%PDF-1.4 interne", name="interne.pdf"),
    )
    return {"section": section, "post": post, "collection": collection, "document": document}


@pytest.fixture
def admins(demo):
    moderator = with_totp(UserFactory(full_name="Modération du blog"))
    moderator.groups.add(Group.objects.get(name="Moderators"))
    return {
        "editor": User.objects.get(email="editeur@demo.test"),
        "moderator": moderator,
        "coordinateur": User.objects.get(email="coordination@demo.test"),
    }


def start_urls(private):
    post, section = private["post"].pk, private["section"].pk
    document, collection = private["document"].pk, private["collection"].pk
    return [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{section}/",
        f"/admin/pages/{post}/edit/",
        f"/admin/pages/{post}/view_draft/",
        f"/admin/pages/{post}/history/",
        f"/admin/pages/{post}/revisions/",
        f"/admin/pages/{post}/privacy/",
        f"/admin/pages/{post}/",
        f"/admin/pages/{post}/preview/",
        f"/admin/choose-page/{post}/",
        f"/admin/bulk/wagtailcore/page/unpublish/?id={post}&id={section}",
        f"/admin/bulk/wagtailcore/page/delete/?id={post}",
        f"/admin/bulk/wagtailcore/page/move/?id={post}",
        "/admin/reports/page-types-usage/",
        f"/admin/pages/search/?q={CANARY}",
        "/admin/reports/site-history/",
        f"/admin/reports/site-history/results/?q={CANARY}",
        "/admin/reports/aging-pages/",
        "/admin/reports/locked/",
        "/admin/choose-page/",
        f"/admin/choose-page/{section}/",
        f"/admin/choose-page/search/?q={CANARY}",
        f"/admin/api/main/pages/?child_of={section}",
        f"/admin/api/main/pages/{post}/",
        f"/admin/api/main/pages/?search={CANARY}",
        "/admin/documents/",
        f"/admin/documents/?q={CANARY}",
        f"/admin/documents/edit/{document}/",
        f"/admin/documents/usage/{document}/",
        "/admin/documents/chooser/",
        f"/admin/documents/chooser/results/?q={CANARY}",
        "/admin/collections/",
        f"/admin/collections/{collection}/",
        f"/admin/collections/{collection}/privacy/",
        "/admin/images/",
    ]


def crawl(client, start):
    """Every admin URL reachable from `start` by links, with its body as text."""
    seen, queue, bodies = set(), deque(start), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft().replace("&amp;", "&")
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        # Closing a response sends `request_finished`, whose handler closes the database
        # connection inside a test's transaction (PostgreSQL): as the test client does, the
        # handler is off while the file responses are closed.
        request_finished.disconnect(close_old_connections)
        try:
            response.close()
        finally:
            request_finished.connect(close_old_connections)
        bodies[url] = (response.status_code, body.decode(errors="replace"))
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            queue.extend(LINK.findall(bodies[url][1]))
    return bodies


def test_the_demo_gives_no_group_but_the_coordination_a_right_on_a_private_area(demo):
    assert rights_reaching_private_areas() == []


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_the_blog_editors_never_see_a_private_page_or_document_in_the_admin(private, admins, who):
    client = Client()
    client.force_login(admins[who])
    bodies = crawl(client, start_urls(private))
    assert bodies["/admin/"][0] == 200  # the admin is theirs, but not the capot ouvert
    assert len(bodies) > 30
    seen = sorted(
        url
        for url, (_status, body) in bodies.items()
        if any(sighting in body for sighting in SIGHTINGS)
    )
    assert seen == [], f"{who} reads a private page or document at {seen}"
    post = private["post"].pk
    for action in ("edit", "view_draft", "history", "revisions", "privacy"):
        assert bodies[f"/admin/pages/{post}/{action}/"][0] in {302, 403, 404}, action


@pytest.mark.parametrize("who", ["editor", "moderator"])
def test_no_one_but_the_coordination_lifts_the_restriction_of_a_section(private, admins, who):
    client = Client()
    client.force_login(admins[who])
    section = private["section"]
    answer = client.post(f"/admin/pages/{section.pk}/privacy/", {"restriction_type": "none"})
    assert answer.status_code in {403, 404}  # a private page is not even named to them
    collection = private["collection"]
    answer = client.post(
        f"/admin/collections/{collection.pk}/privacy/", {"restriction_type": "none"}
    )
    assert answer.status_code == 403
    public = BlogIndexPage.objects.get(slug="blog", transfo__isnull=True)
    answer = client.post(f"/admin/pages/{public.pk}/privacy/", {"restriction_type": "login"})
    assert answer.status_code == 403  # nor close a public one
    assert not PageViewRestriction.objects.filter(page=public).exists()
    assert PageViewRestriction.objects.filter(page=section).exists()
    assert CollectionViewRestriction.objects.filter(collection=collection).exists()
    assert Client().get(private["post"].url).status_code == 302  # still sign-in first


@pytest.mark.ignore_template_errors  # Wagtail's own admin templates
def test_the_coordination_reads_and_sets_who_may_read_a_section(private, admins):
    client = Client()
    client.force_login(admins["coordinateur"])
    section = private["section"]
    assert client.get(f"/admin/pages/{section.pk}/privacy/").status_code == 200
    listing = client.get(f"/admin/pages/{section.pk}/").text
    assert any(sighting in listing for sighting in SIGHTINGS)
