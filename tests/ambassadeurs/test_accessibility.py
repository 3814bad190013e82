"""Every form control of the carnet pages has a label, and headings go down one level at a time."""

from html.parser import HTMLParser

import pytest

from ambassadeurs.choices import Visibilite
from collectivites.choices import StatutSession
from tests.ambassadeurs.factories import PieceJointeFactory
from tests.collectivites.factories import session_with_programme


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.controls, self.labels, self.headings = [], set(), []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in {"input", "select", "textarea"} and attrs.get("type") != "hidden":
            self.controls.append(attrs.get("id"))
        elif tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        elif tag in {"h1", "h2", "h3", "h4"}:
            self.headings.append(int(tag[1]))


@pytest.fixture
def pages(client, ambassadeur, peer, transfo, make_entree):
    session = session_with_programme(transfo, numero=1, days=1, statut=StatutSession.PUBLIEE)
    entree = make_entree(Visibilite.GROUPE, session=session, texte="# Titre\n\n## Sous-titre")
    PieceJointeFactory(entree=entree)
    client.force_login(ambassadeur)
    base = entree.get_absolute_url()
    return client, [
        "/espace/carnet/",
        "/espace/carnet/partages/",
        "/espace/carnet/nouvelle/",
        base,
        f"{base}modifier/",
        f"{base}visibilite/",
        f"{base}pieces/ajouter/",
        f"{base}supprimer/",
    ]


def test_every_control_has_a_label_and_headings_are_in_order(pages, peer):
    client, urls = pages
    for url in urls:
        page = Page(client.get(url).content.decode())
        assert all(control and control in page.labels for control in page.controls), url
        assert page.headings[0] == 1, url
        for previous, current in zip(page.headings, page.headings[1:], strict=False):
            assert current <= previous + 1, (url, page.headings)
    client.force_login(peer)
    page = Page(client.get("/espace/carnet/partages/").content.decode())
    assert page.headings == [1, 2, 3]
