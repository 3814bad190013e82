"""The chat'roulette: opting in and out, the monthly round and its mails."""

from datetime import date

import pytest
from django.core import mail

from collectivites.choices import Role
from intertransfo.models import ChatRouletteInscription, Rencontre, TourChatRoulette
from intertransfo.tasks import pair_chatroulette
from tests.collectivites.factories import ParticipationFactory, TransfoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(django_capture_on_commit_callbacks):
    """Runs the month's round; its mails, queued once it is committed, are sent too."""

    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            pair_chatroulette(today=today)

    return run


def opt_in(*users):
    for user in users:
        ChatRouletteInscription.objects.create(user=user)


def test_member_opts_in_and_out_in_one_click(client_for, ambassadeur):
    client = client_for("ambassadeur")
    client.post("/espace/chatroulette/")
    assert ChatRouletteInscription.objects.filter(user=ambassadeur).exists()
    assert "Ne plus participer" in client.get("/espace/chatroulette/").content.decode()
    client.post("/espace/chatroulette/", {"action": "quitter"})
    assert not ChatRouletteInscription.objects.filter(user=ambassadeur).exists()


def test_outsider_has_no_chatroulette(client_for):
    assert client_for("outsider").get("/espace/chatroulette/").status_code == 404


def test_monthly_round_pairs_people_of_different_transfos_and_mails_them(
    pair, ambassadeur, peer, other_member
):
    opt_in(ambassadeur, peer, other_member)
    pair(date(2026, 3, 2))
    tour = TourChatRoulette.objects.get()
    rencontre = tour.rencontres.get()
    assert set(rencontre.personnes.all()) in ({ambassadeur, other_member}, {peer, other_member})
    assert tour.laisses.count() == 1  # the other Strasbourg member: same Transfo, no trio
    assert rencontre.mail_envoye_le is not None
    assert len(mail.outbox) == 2
    to_strasbourg = next(m for m in mail.outbox if m.to[0] != other_member.email)
    assert to_strasbourg.subject == "Chat'roulette de mars 2026 : votre rencontre"
    assert "Thomas Schmitt, Ambassadeur·rice, Transfo Metz" in to_strasbourg.body
    assert other_member.email in to_strasbourg.body
    assert "/espace/chatroulette/" in to_strasbourg.body
    to_metz = next(m for m in mail.outbox if m.to[0] == other_member.email)
    assert "Ambassadeur·rice, Transfo Strasbourg" in to_metz.body


def test_round_is_made_once_a_month(pair, ambassadeur, other_member):
    opt_in(ambassadeur, other_member)
    pair(date(2026, 3, 2))
    pair(date(2026, 3, 20))
    assert TourChatRoulette.objects.count() == 1
    assert Rencontre.objects.count() == 1
    assert len(mail.outbox) == 2


def test_same_pair_is_not_made_again_within_a_year(pair, ambassadeur, other_member):
    opt_in(ambassadeur, other_member)
    pair(date(2026, 3, 1))
    pair(date(2026, 4, 1))
    april = TourChatRoulette.objects.get(mois=date(2026, 4, 1))
    assert not april.rencontres.exists()
    assert set(april.laisses.all()) == {ambassadeur, other_member}
    pair(date(2027, 3, 1))  # a year later, they may meet again
    assert TourChatRoulette.objects.get(mois=date(2027, 3, 1)).rencontres.count() == 1


def test_opted_out_people_are_not_paired(pair, ambassadeur, other_member, peer):
    opt_in(ambassadeur)
    pair(date(2026, 3, 1))
    tour = TourChatRoulette.objects.get()
    assert not tour.rencontres.exists()
    assert list(tour.laisses.all()) == [ambassadeur]


def test_odd_number_makes_a_trio(pair, transfo, other_transfo, ambassadeur, other_member):
    third = ParticipationFactory(
        transfo=TransfoFactory(nom="Transfo Lille"), role=Role.RESIDENT
    ).user
    opt_in(ambassadeur, other_member, third)
    pair(date(2026, 3, 1))
    rencontre = Rencontre.objects.get()
    assert rencontre.personnes.count() == 3
    assert len(mail.outbox) == 3
    assert all(m.body.count("@") >= 2 for m in mail.outbox)  # each hears of the two others


def test_coordinators_see_the_rounds(pair, client_for, ambassadeur, other_member):
    opt_in(ambassadeur, other_member)
    pair(date(2026, 3, 1))
    html = client_for("coordinateur").get("/coordination/chatroulette/").content.decode()
    assert "mars 2026" in html
    assert "Claire Muller" in html and "Thomas Schmitt" in html


def test_coordination_runs_this_months_round_from_its_page_once(
    client_for, ambassadeur, peer, other_member, django_capture_on_commit_callbacks
):
    """Issue 21, item 8: the round from the page (a POST for the coordination), once."""
    opt_in(ambassadeur, peer, other_member)
    client = client_for("coordinateur")
    page = client.get("/coordination/chatroulette/").content.decode()
    assert "Faire le tour de ce mois maintenant" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/coordination/chatroulette/", follow=True)
    page = response.content.decode()
    assert "Tour fait : 1 rencontre(s), 1 personne(s) sans binôme." in page
    assert "Faire le tour de ce mois maintenant" not in page
    assert TourChatRoulette.objects.count() == 1 and len(mail.outbox) == 2
    response = client.post("/coordination/chatroulette/", follow=True)
    assert "Le tour de ce mois est déjà fait." in response.content.decode()
    assert TourChatRoulette.objects.count() == 1
    # Members may not run it.
    assert client_for("ambassadeur").post("/coordination/chatroulette/").status_code == 404
    assert client_for("pilote").post("/coordination/chatroulette/").status_code == 404


def test_the_person_left_alone_is_told_why(client_for, pair, ambassadeur, peer, other_member):
    opt_in(ambassadeur, peer, other_member)
    pair(date(2026, 3, 2))
    alone = TourChatRoulette.objects.get().laisses.get()
    name = "ambassadeur" if alone == ambassadeur else "peer"
    page = client_for(name).get("/espace/chatroulette/").content.decode()
    assert "mars 2026 : pas de binôme pour vous." in page
    assert "d'une autre équipe que la vôtre étaient déjà en binôme" in page
    paired = client_for("other_member").get("/espace/chatroulette/").content.decode()
    assert "pas de binôme pour vous" not in paired


def test_an_empty_list_of_meetings_says_why(client_for, ambassadeur):
    client = client_for("ambassadeur")
    assert "Vous ne participez pas" in client.get("/espace/chatroulette/").content.decode()
    opt_in(ambassadeur)
    page = client.get("/espace/chatroulette/").content.decode()
    assert "Les binômes sont faits le premier jour de chaque mois" in page
