"""Canary crawl: canary words hidden in every kind of private thing are never seen by anyone
who may not see them, on any page they can reach, in any output, nor in any mail.

Canaries (in the demo world): a private carnet entry and a group-shared one of the
ambassadrice of Strasbourg, a résidents' note in a session's programme, a page of
Strasbourg's private capot ouvert, a document of a collection restricted to Strasbourg, an
unpublished case of Strasbourg, and the internal notes of a published case. Each role
crawls, from the public pages and its own space, every same-site link it is given, plus the
search, the sitemap, the feeds, the API, the exports and its calendar; the mails sent in the
meantime (the weekly digest included) are read too.
"""

import re
from collections import deque
from datetime import date

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client

from tests.security.url_matrix import ROLES

CANARIES = {
    # canary: the roles that must never see it
    "canariprive": {
        "anonymous",
        "amb_b",
        "amb_other",
        "resident",
        "pilote",
        "coordinateur",
        "editor",
        "staff",
    },
    "canarigroupe": {"anonymous", "amb_other", "editor"},
    "canarinotesresidents": {"anonymous", "amb_a", "amb_b", "amb_other", "pilote", "editor"},
    "canaripageprivee": {"anonymous", "amb_other", "editor"},
    "canaridocument": {"anonymous", "amb_other", "editor"},
    "canaricasbrouillon": {"anonymous", "amb_other", "editor"},
    "canarinotesinternes": {"anonymous", "amb_other", "editor"},
}
# Public outputs show no canary to anyone, whoever is signed in.
PUBLIC_PREFIXES = ("/cas/", "/api/", "/blog/", "/sitemap.xml", "/recherche/", "/transfos/")

# Links are followed without their query string: the filters and pages of a list show the
# same objects again; the start URLs carry the searches worth making.
LINK = re.compile(r'(?:href|src)="(/[^"#?]*)')
# Signing out or into the admins ends the crawl's session or leaves the product.
SKIP = ("/comptes/logout", "/admin/", "/django-admin/", "/static/")
MAX_PAGES = 300


@pytest.fixture
def canaries(demo_world):
    from wagtail.documents import get_document_model
    from wagtail.models import Collection, CollectionViewRestriction

    from ambassadeurs.models import EntreeCarnet
    from blog.models import BlogIndexPage, BlogPostPage
    from cas_pratiques.models import CasPratique
    from collectivites.groups import members_group
    from collectivites.models import Bloc, Transfo
    from tests.cas_pratiques.factories import CasPratiqueFactory

    users = demo_world["users"]
    strasbourg = Transfo.objects.get(slug="strasbourg")
    entry = EntreeCarnet.objects.get(pk=demo_world["segments"]["carnet"])
    entry.texte += "\n\ncanariprive"
    entry.save()
    shared = EntreeCarnet.objects.filter(auteur=users["amb_a"], visibilite="groupe").first()
    shared.texte += "\n\ncanarigroupe"
    shared.save()
    bloc = Bloc.objects.get(pk=demo_world["segments"]["blocs"])
    bloc.notes_residents = "canarinotesresidents"
    bloc.save()
    section = BlogIndexPage.objects.get(transfo=strasbourg)
    post = BlogPostPage(
        title="Billet du capot",
        slug="billet-canari",
        date=date(2019, 7, 1),
        chapo="canaripageprivee",
    )
    section.add_child(instance=post)
    post.save_revision().publish()
    private = Collection.get_first_root_node().add_child(name="Strasbourg, interne")
    restriction = CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(members_group(strasbourg))
    document = get_document_model().objects.create(
        title="Compte rendu interne",
        collection=private,
        file=ContentFile(b"%PDF-1.4 canaridocument", name="compte-rendu.pdf"),
    )
    CasPratiqueFactory(
        transfo=strasbourg, numero=99, titre="canaricasbrouillon", resume="canaricasbrouillon"
    )
    published = CasPratique.objects.publies().filter(transfo=strasbourg).first()
    published.notes_internes = "canarinotesinternes"
    published.save()
    return {"document": document, "entry": entry, "shared": shared, "published": published}


def start_urls(world, user, canaries):
    session = world["segments"]["sessions"]
    urls = [
        "/",
        "/cas/",
        "/cas/?q=canaricasbrouillon",
        "/cas/?q=canarinotesinternes",
        f"/cas/{canaries['published'].slug}/",
        "/cas/export.csv",
        "/cas/export.json",
        "/api/cas/",
        "/api/cas/?q=canarinotesinternes",
        f"/api/cas/{canaries['published'].slug}/",
        "/api/transfos/strasbourg/",
        "/blog/",
        "/blog/feed/",
        "/blog/feed/atom/",
        "/capot-ouvert/",
        "/capot-ouvert/strasbourg/",
        "/capot-ouvert/strasbourg/billet-canari/",
        "/sitemap.xml",
        "/transfos/",
        "/transfos/strasbourg/",
        *(f"/recherche/?q={canary}" for canary in CANARIES),
        f"/documents/{canaries['document'].pk}/compte-rendu.pdf",
        f"/espace/carnet/{canaries['entry'].pk}/",
        f"/espace/carnet/{canaries['shared'].pk}/",
        "/espace/",
        "/espace/carnet/",
        "/espace/carnet/partages/",
        "/espace/transfos/strasbourg/",
        f"/espace/transfos/strasbourg/sessions/{session}/",
        f"/espace/transfos/strasbourg/sessions/{session}/planifier/",
        "/espace/transfos/strasbourg/groupe/export.csv",
    ]
    if user is not None:
        urls.append(f"/calendrier/{user.calendar_token}.ics")
    return urls


def crawl(client, start):
    """Every same-site URL reachable from `start` by links, with its body as text."""
    seen, queue, bodies = set(), deque(start), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        response.close()
        bodies[url] = body.decode(errors="replace")
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            queue.extend(LINK.findall(bodies[url]))
    return bodies


def sightings(role, bodies):
    found = []
    for url, body in bodies.items():
        for canary, forbidden in CANARIES.items():
            if canary in url:
                continue  # a search page repeats what was searched for
            if canary in body and (role in forbidden or url.startswith(PUBLIC_PREFIXES)):
                found.append((role, canary, url))
    return found


@pytest.mark.ignore_template_errors  # allauth's pages read optional variables
@pytest.mark.crawl
def test_no_canary_reaches_anyone_who_may_not_see_it(demo_world, canaries):
    from ambassadeurs.tasks import send_carnet_digests

    found, crawled, seen = [], {}, {canary: set() for canary in CANARIES}
    for role in ROLES:
        user = demo_world["users"].get(role)
        client = Client()
        if user is not None:
            client.force_login(user)
        bodies = crawl(client, start_urls(demo_world, user, canaries))
        crawled[role] = len(bodies)
        found += sightings(role, bodies)
        for url, body in bodies.items():
            seen.update({c: seen[c] | {role} for c in CANARIES if c in body and c not in url})

    send_carnet_digests()
    emails = {user.email: role for role, user in demo_world["users"].items()}
    for message in mail.outbox:
        text = message.subject + message.body + "".join(str(a[0]) for a in message.alternatives)
        for recipient in message.to:
            role = emails.get(recipient, "anonymous")
            for canary, forbidden in CANARIES.items():
                if canary in text and role in forbidden:
                    found.append((role, canary, f"mail: {message.subject}"))

    assert found == []
    # The control: the crawl sees each canary where it is allowed, so its silence elsewhere
    # means something; and it went somewhere, members reaching more than the public.
    assert "amb_a" in seen["canariprive"]
    assert "amb_b" in seen["canarigroupe"]
    assert "resident" in seen["canarinotesresidents"]
    assert "amb_a" in seen["canaripageprivee"]
    assert "amb_b" in seen["canaridocument"]
    assert "resident" in seen["canaricasbrouillon"]
    assert "resident" in seen["canarinotesinternes"]
    assert 20 < crawled["anonymous"] < crawled["amb_a"], crawled
