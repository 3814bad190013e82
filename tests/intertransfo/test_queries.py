"""Intertransfo pages in a constant number of queries, at two sizes."""

import pytest

from collectivites.choices import Role, StatutSession
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.collectivites.factories import (
    BlocFactory,
    JourFactory,
    MethodeFactory,
    ParticipationFactory,
    SessionFactory,
    TransfoFactory,
)
from tests.intertransfo.factories import (
    AtelierFactory,
    IntertransfoFactory,
    MomentFactory,
    ParticipantFactory,
    PropositionFactory,
)

pytestmark = pytest.mark.django_db


def populate(size, transfo, ambassadeur):
    """An Intertransfo with `size` Transfos, each with members, sessions, cases, méthodes."""
    transfos = [transfo, *TransfoFactory.create_batch(size - 1)]
    intertransfo = IntertransfoFactory(slug="grande", transfos=transfos)
    methode = MethodeFactory()
    for index, each in enumerate(transfos):
        ParticipationFactory.create_batch(2, transfo=each, role=Role.AMBASSADEUR)
        session = SessionFactory(transfo=each, numero=1, statut=StatutSession.REALISEE)
        BlocFactory(jour=JourFactory(session=session), methode=methode)
        CasPratiqueFactory(transfo=each, publie=True)
        ParticipantFactory(intertransfo=intertransfo, type_equipe="transfo", transfo=each)
        MomentFactory(intertransfo=intertransfo)
        atelier = AtelierFactory(intertransfo=intertransfo, numero=index + 1)
        PropositionFactory.create_batch(2, atelier=atelier)
    ParticipantFactory.create_batch(size, intertransfo=intertransfo, invite=True)
    ParticipantFactory(
        intertransfo=intertransfo, user=ambassadeur, type_equipe="transfo", transfo=transfo
    )
    return intertransfo


@pytest.mark.parametrize("size", [2, 12])
def test_intertransfo_page(client_for, transfo, ambassadeur, size, django_assert_max_num_queries):
    populate(size, transfo, ambassadeur)
    client = client_for("ambassadeur")
    # session, user, roles (1 each); the Intertransfo; its participants with users and
    # Transfos; its programme; its ateliers; the manage permission (Django's model
    # permissions, 1); the session refreshed, the first time since force_login (savepoint,
    # update, release: 3).
    with django_assert_max_num_queries(11):
        assert client.get("/espace/intertransfos/grande/").status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_foire(client_for, transfo, ambassadeur, size, django_assert_max_num_queries):
    populate(size, transfo, ambassadeur)
    client = client_for("ambassadeur")
    # session, user, roles; the Intertransfo; its Transfos; infos clés (counted figures,
    # published cases, méthodes: 3); the navigation's admin permission (model permissions,
    # 1); the session refreshed, the first time since force_login (savepoint, update,
    # release: 3).
    with django_assert_max_num_queries(12):
        response = client.get("/espace/intertransfos/grande/foire/")
    assert response.content.decode().count('class="it-infos"') == size


@pytest.mark.parametrize("size", [2, 12])
def test_restitution(client_for, transfo, ambassadeur, size, django_assert_max_num_queries):
    populate(size, transfo, ambassadeur)
    client = client_for("ambassadeur")
    # session, user, roles; the Intertransfo; its ateliers; their propositions with authors;
    # the navigation's admin permission (1); the session refreshed, the first time since
    # force_login (3).
    with django_assert_max_num_queries(10):
        assert client.get("/espace/intertransfos/grande/restitution/").status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_manage_page(client_for, transfo, ambassadeur, size, django_assert_max_num_queries):
    populate(size, transfo, ambassadeur)
    client = client_for("coordinateur")
    # session, user, permissions (1) and MFA authenticator (the coordination's 2FA check),
    # roles; the Intertransfo; programme; participants; ateliers with scribes; the forms'
    # choices (members, scribes); the session refreshed, the first time since force_login
    # (3).
    with django_assert_max_num_queries(14):
        assert client.get("/coordination/intertransfos/grande/").status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_list(client_for, transfo, ambassadeur, size, django_assert_max_num_queries):
    IntertransfoFactory.create_batch(size)
    client = client_for("ambassadeur")
    # session, user, roles; the Intertransfos with their counts; my registrations; the
    # navigation's admin permission (1); the session refreshed, the first time since
    # force_login (3).
    with django_assert_max_num_queries(9):
        assert client.get("/espace/intertransfos/").status_code == 200


def populate_labos(size, transfo, resident):
    """An Intertransfo of `size` Transfos, each with a frozen plan version (of a session),
    reviews of it and priorities of the day (with a member in charge)."""
    from labos.models import Plan, Priorite, Revue

    transfos = [transfo, *TransfoFactory.create_batch(size - 1)]
    intertransfo = IntertransfoFactory(slug="grande", transfos=transfos)
    for each in transfos:
        session = SessionFactory(transfo=each, numero=1)
        version = Plan.for_transfo(each).freeze(user=resident, session=session)
        for kind in ("inspirant", "risque", "question"):
            Revue.objects.create(
                version=version, type=kind, texte=kind, contexte=intertransfo.contexte
            )
        Priorite.objects.create(
            transfo=each, texte="Poser la V1", responsable=resident, contexte=intertransfo.contexte
        )
    return intertransfo


@pytest.mark.parametrize("size", [2, 12])
def test_labos_page(client_for, transfo, resident, size, django_assert_max_num_queries):
    intertransfo = populate_labos(size, transfo, resident)
    # As many participating Transfos without a plan (listed, saying so).
    intertransfo.transfos.add(*TransfoFactory.create_batch(size))
    client = client_for("resident")
    # session, user, roles; the Intertransfo; the contribute permission (registration);
    # Transfos with their plans, the versions with sessions, the reviews of the day (3); the
    # navigation's admin permission (1); the session refreshed, the first time since
    # force_login (3).
    with django_assert_max_num_queries(12):
        response = client.get("/espace/intertransfos/grande/labos/")
    html = response.content.decode()
    assert html.count("Le + risqué") == size
    assert html.count("pas encore de version figée du plan de labo") == size


@pytest.mark.parametrize("size", [2, 12])
def test_priorites_page(client_for, transfo, resident, size, django_assert_max_num_queries):
    populate_labos(size, transfo, resident)
    client = client_for("resident")
    # session, user, roles; the Intertransfo; its Transfos; the manage permission (Django's
    # model permissions, 1); the priorities of the day with who is in charge; the session
    # refreshed, the first time since force_login (3).
    with django_assert_max_num_queries(10):
        response = client.get("/espace/intertransfos/grande/priorites/")
    assert response.content.decode().count("Poser la V1") == size


@pytest.mark.parametrize("size", [2, 12])
def test_atelier_page(client_for, transfo, ambassadeur, size, django_assert_max_num_queries):
    populate(size, transfo, ambassadeur)
    client = client_for("ambassadeur")
    # session, user, roles; the Intertransfo; the atelier with its scribe; the contribute
    # permission (registration); its propositions; the navigation's admin permission (1);
    # the session refreshed, the first time since force_login (3).
    with django_assert_max_num_queries(11):
        assert client.get("/espace/intertransfos/grande/ateliers/1/").status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_manage_list(client_for, transfo, size, django_assert_max_num_queries):
    IntertransfoFactory.create_batch(size, transfo_hote=transfo)
    client = client_for("coordinateur")
    # session, user, permissions (1), MFA authenticator, roles; the Intertransfos with their
    # host and counts; the session refreshed, the first time since force_login (3).
    with django_assert_max_num_queries(9):
        assert client.get("/coordination/intertransfos/").status_code == 200


@pytest.mark.parametrize("size", [2, 12])
def test_chatroulette_rounds(client_for, transfo, size, django_assert_max_num_queries):
    from datetime import date

    from intertransfo.models import Rencontre, TourChatRoulette
    from tests.collectivites.factories import UserFactory

    for month in range(1, size + 1):
        tour = TourChatRoulette.objects.create(mois=date(2020 + month // 12, month % 12 + 1, 1))
        tour.laisses.set([UserFactory()])
        Rencontre.objects.create(tour=tour).personnes.set(UserFactory.create_batch(2))
    client = client_for("coordinateur")
    # session, user, permissions (1), MFA authenticator, roles; the rounds, their meetings,
    # their people, those left out; the count of people opted in; whether this month's round
    # was run (the "run it now" button); the session refreshed, the first time since
    # force_login (3).
    with django_assert_max_num_queries(14):
        assert client.get("/coordination/chatroulette/").status_code == 200
