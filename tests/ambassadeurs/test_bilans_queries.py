"""The bilans list and the résidents' follow-up make the same number of queries at two sizes."""

import pytest

from ambassadeurs.choices import Visibilite
from collectivites.choices import Role
from tests.ambassadeurs.factories_bilans import BilanFactory, BilanPersonnelFactory, answer_all
from tests.collectivites.factories import ParticipationFactory


@pytest.mark.parametrize("count", [3, 30])
def test_bilans_list_queries_do_not_grow(
    client, resident, transfo, django_assert_max_num_queries, count
):
    authors = [ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR).user for _ in range(3)]
    for n in range(count):
        bilan = BilanFactory(transfo=transfo, collectif=n % 3 == 0)
        for author in authors[: n % 4]:
            BilanPersonnelFactory(bilan=bilan, auteur=author)
    client.force_login(resident)
    # session, user, roles (1 each); the Transfo (1); campaigns with their case, the count of
    # handed-in bilans and my status (1); active members of the group (1); navigation
    # permissions (1); session refresh, the first since force_login (3)
    with django_assert_max_num_queries(10):
        response = client.get("/espace/transfos/strasbourg/bilans/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_follow_up_queries_do_not_grow(
    client, resident, transfo, django_assert_max_num_queries, count
):
    bilan = BilanFactory(transfo=transfo)
    for n in range(count):
        author = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR).user
        if n % 3:
            copie = BilanPersonnelFactory(
                bilan=bilan, auteur=author, visibilite=list(Visibilite)[n % 3]
            )
            answer_all(copie, "Texte")
    client.force_login(resident)
    # session, user, roles (1 each); the Transfo, the campaign (2); its questions (1); the
    # bilans shared with me (1); the personal bilans and the active members (2); navigation
    # permissions (1); session refresh, the first since force_login (3)
    with django_assert_max_num_queries(13):
        response = client.get(f"/espace/transfos/strasbourg/bilans/{bilan.pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == count + 1


@pytest.mark.parametrize("count", [3, 30])
def test_collective_bilan_queries_do_not_grow(
    client, peer, transfo, django_assert_max_num_queries, count
):
    bilan = BilanFactory(
        transfo=transfo,
        collectif=True,
        questions=[f"Question {n} ?" for n in range(min(count, 12))],
    )
    client.force_login(peer)
    # session, user, roles (1 each); the Transfo, the campaign (2); questions with their
    # answers and last editors (1); navigation permissions (1); session refresh, the first
    # since force_login (3)
    with django_assert_max_num_queries(10):
        response = client.get(f"/espace/transfos/strasbourg/bilans/{bilan.pk}/")
    assert response.status_code == 200
