"""A canary: the text of a private entry never reaches anyone but its author.

Every other member of the cast (and anonymous) crawls the pages they can reach, from the
public pages, their espace and the carnet, plus the entry's own URLs; the digest runs too.
"""

import re
from collections import deque

import pytest
from django.core import mail

from ambassadeurs.choices import Visibilite
from ambassadeurs.tasks import send_carnet_digests
from collectivites.choices import StatutSession
from tests.ambassadeurs.conftest import CANARY
from tests.ambassadeurs.factories import (
    BrouillonFactory,
    PieceJointeFactory,
    read_file_response,
)
from tests.collectivites.factories import session_with_programme

LINK = re.compile(r'href="(/[^"#?]*)')
SKIP = ("/comptes/logout", "/comptes/", "/django-admin/", "/admin/", "/static/", "/documents/")
MAX_PAGES = 120


def crawl(client, start):
    """Every same-site page reachable by links from `start`, with its body."""
    seen, queue, bodies = set(), deque(start), {}
    while queue and len(seen) < MAX_PAGES:
        url = queue.popleft()
        if url in seen or url.startswith(SKIP):
            continue
        seen.add(url)
        response = read_file_response(client.get(url))
        body = response.body if response.streaming else response.content
        bodies[url] = body.decode(errors="replace")
        if response.status_code == 200 and "html" in response.get("Content-Type", ""):
            queue.extend(LINK.findall(bodies[url]))
    return bodies


@pytest.fixture
def private_entry(make_entree, ambassadeur, transfo):
    session = session_with_programme(transfo, numero=9, statut=StatutSession.PUBLIEE)
    entree = make_entree(
        Visibilite.PRIVE,
        titre=f"Titre {CANARY}",
        texte=f"Ce que je n'ose pas dire : {CANARY}",
        session=session,
    )
    PieceJointeFactory(entree=entree, legende=f"Légende {CANARY}")
    BrouillonFactory(auteur=ambassadeur, donnees={"titre": CANARY, "texte": CANARY})
    make_entree(Visibilite.GROUPE, titre="Une entrée partagée", session=session)
    make_entree(Visibilite.RESIDENTS, titre="Pour les résidents", session=session)
    return entree


@pytest.mark.parametrize(
    "name", ["peer", "resident", "pilote", "other_member", "coordinateur", "outsider", "anonymous"]
)
def test_private_entry_never_appears_to_others(client_for, private_entry, name):
    client = client_for(name)
    piece = private_entry.pieces.get()
    start = [
        "/",
        "/transfos/",
        "/methodes/",
        "/espace/",
        "/espace/carnet/",
        "/espace/carnet/partages/",
        "/espace/carnet/nouvelle/",
        "/espace/transfos/strasbourg/",
        "/espace/transfos/strasbourg/sessions/",
        "/espace/transfos/strasbourg/sessions/9/",
        private_entry.get_absolute_url(),
        f"{private_entry.get_absolute_url()}modifier/",
        f"{private_entry.get_absolute_url()}visibilite/",
        piece.get_absolute_url(),
    ]
    bodies = crawl(client, start)
    assert len(bodies) >= len(start) - 1
    leaks = [url for url, body in bodies.items() if CANARY in body]
    assert leaks == []


def test_private_entry_is_in_no_mail(private_entry, peer, resident, pilote):
    send_carnet_digests()
    assert mail.outbox  # the shared entries were announced
    assert not [m for m in mail.outbox if CANARY in m.subject + m.body]


def test_the_author_does_see_it(client, ambassadeur, private_entry):
    client.force_login(ambassadeur)
    assert CANARY in client.get(private_entry.get_absolute_url()).content.decode()
