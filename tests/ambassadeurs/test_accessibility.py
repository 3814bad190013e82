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


def test_charter_and_attendance_pages_label_every_control(
    client, pilote, ambassadeur, peer, transfo, django_capture_on_commit_callbacks
):
    import re

    from django.core import mail

    from ambassadeurs.choices import PartieCharte
    from ambassadeurs.models import Charte, Meteo, Presence
    from tests.ambassadeurs.factories import AmbassadeurProfileFactory, session_days

    profil = AmbassadeurProfileFactory(participation=ambassadeur.participations.get())
    charte = Charte.of_profil(profil)
    charte.sign(PartieCharte.AMBASSADEUR, nom="Claire Muller")
    session = session_days(transfo, 1)
    jour = session.jours.first()
    Presence.objects.create(jour=jour, participation=profil.participation, present=True)
    Meteo.objects.create(jour=jour, moment="ouverture", note=4, mot="curieux")
    base = "/espace/transfos/strasbourg/"
    urls = {
        pilote: [
            f"{base}chartes/",
            f"{base}chartes/texte/",
            f"{base}chartes/{profil.participation_id}/",
            f"{base}presences/",
            f"{base}presences/sessions/1/",
        ],
        ambassadeur: [f"{base}chartes/{profil.participation_id}/"],
    }
    from tests.ambassadeurs.factories import DevoirFactory, ReponseDevoirFactory

    devoir = DevoirFactory(transfo=transfo)
    reponse = ReponseDevoirFactory(devoir=devoir, auteur=ambassadeur)
    from collectivites.choices import Role
    from tests.collectivites.factories import ParticipationFactory

    resident = ParticipationFactory(transfo=transfo, role=Role.RESIDENT).user
    urls[resident] = [
        f"{base}devoirs/",
        f"{base}devoirs/nouveau/",
        f"{base}devoirs/{devoir.pk}/",
        f"{base}devoirs/{devoir.pk}/reponses/{reponse.pk}/",
    ]
    urls[ambassadeur] += [f"{base}devoirs/", f"{base}devoirs/{devoir.pk}/"]
    with django_capture_on_commit_callbacks(execute=True):
        client.force_login(ambassadeur)
        client.post(f"{base}chartes/{profil.participation_id}/lien-n1/")
    urls[None] = [re.search(r"http://[^/]+(/charte-n1/\S+/)", mail.outbox[0].body).group(1)]
    for user, pages in urls.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in pages:
            response = client.get(url)
            assert response.status_code == 200, url
            page = Page(response.content.decode())
            assert all(control and control in page.labels for control in page.controls), url
            assert page.headings[0] == 1, url
            for previous, current in zip(page.headings, page.headings[1:], strict=False):
                assert current <= previous + 1, (url, page.headings)
