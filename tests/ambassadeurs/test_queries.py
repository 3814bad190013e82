"""The carnet pages make the same number of queries at 5 and at 100 entries."""

import pytest

from ambassadeurs.choices import Visibilite
from collectivites.choices import Role, StatutSession
from tests.ambassadeurs.factories import EntreeCarnetFactory, PieceJointeFactory
from tests.collectivites.factories import ParticipationFactory, session_with_programme


@pytest.mark.parametrize("count", [5, 100])
def test_my_carnet_queries_do_not_grow(
    client, ambassadeur, transfo, make_entree, django_assert_max_num_queries, count
):
    sessions = [
        session_with_programme(transfo, numero=n, days=2, blocks=3, statut=StatutSession.PUBLIEE)
        for n in (1, 2)
    ]
    for n in range(count):
        entree = make_entree(list(Visibilite)[n % 3], session=sessions[n % 2])
        if n % 10 == 0:
            PieceJointeFactory(entree=entree)
    client.force_login(ambassadeur)
    # session, user, roles (1 each); entries of the page with their Transfo, session and
    # number of attachments + their count (2); the session filter's choices (1); prompts:
    # days written about, days, their blocks (3); navigation permissions (2); session save (3)
    with django_assert_max_num_queries(14):
        response = client.get("/espace/carnet/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 100])
def test_shared_with_me_queries_do_not_grow(
    client, peer, transfo, django_assert_max_num_queries, count
):
    authors = [ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR).user for _ in range(5)]
    for n in range(count):
        entree = EntreeCarnetFactory(auteur=authors[n % 5], transfo=transfo, groupe=True)
        if n % 10 == 0:
            PieceJointeFactory(entree=entree)
    client.force_login(peer)
    # session, user, roles (1 each); entries with author, Transfo, session and number of
    # attachments + their count (2); navigation permissions (2); session save (3)
    with django_assert_max_num_queries(10):
        response = client.get("/espace/carnet/partages/")
    assert response.status_code == 200


@pytest.mark.parametrize("photos", [1, 10])
def test_entry_page_queries_do_not_grow(
    client, ambassadeur, make_entree, django_assert_max_num_queries, photos
):
    entree = make_entree(Visibilite.GROUPE)
    for _ in range(photos):
        PieceJointeFactory(entree=entree)
    client.force_login(ambassadeur)
    # session, user, roles, the entry with Transfo, session and author, its attachments,
    # navigation permissions (2), session save (3)
    with django_assert_max_num_queries(10):
        assert client.get(entree.get_absolute_url()).status_code == 200
