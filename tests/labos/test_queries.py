"""The plan page, the écosystème map and the ledger make as many queries at 3 as at 30 rows."""

import pytest

from labos.choices import CleSection, Perimetre, Relation
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.labos.factories import ActeurFactory, EchangeTempsFactory, RevueFactory

LABO = "/espace/transfos/strasbourg/labo/"


@pytest.mark.parametrize("count", [3, 30])
def test_plan_page_queries_do_not_grow(
    client, resident, plan, transfo, django_assert_max_num_queries, count
):
    plan.sections_by_cle()
    for n in range(count):
        plan.interventions.create(nom=f"Intervention {n}", jours_homme=1)
    for n in range(count):
        version = plan.freeze(user=resident)
        RevueFactory(version=version, auteur=resident, texte=f"Revue {n}")
    client.force_login(resident)
    # session, user, roles (3); Transfo (1); plan (1); its sections (1); interventions (1);
    # versions with session and author + their reviews with author (2); axes (1); sessions
    # of the freeze form (1); the model permissions the auth backend reads for has_perm (1);
    # session refresh, the first since force_login (3)
    with django_assert_max_num_queries(15):
        response = client.get(LABO)
    assert response.status_code == 200
    assert response.content.decode().count('id="version-') == count
    assert str(CleSection.RECIT.label) in response.content.decode()


@pytest.mark.parametrize("count", [3, 30])
def test_map_queries_do_not_grow(
    client, ambassadeur, transfo, django_assert_max_num_queries, count
):
    cas = CasPratiqueFactory(transfo=transfo)
    for n in range(count):
        acteur = ActeurFactory(
            transfo=transfo,
            perimetre=list(Perimetre)[n % 2],
            relation=list(Relation)[n % 5],
        )
        acteur.cas_pratiques.add(cas)
    client.force_login(ambassadeur)
    # session, user, roles (3); Transfo (1); actors + their cases (2); the model
    # permissions the auth backend reads for has_perm (1); session refresh, the first since
    # force_login (3)
    with django_assert_max_num_queries(10):
        response = client.get(f"{LABO}ecosysteme/")
    assert response.status_code == 200
    assert response.content.decode().count('class="labo-map__node ') == count


@pytest.mark.parametrize("count", [3, 30])
def test_ledger_queries_do_not_grow(
    client, ambassadeur, transfo, django_assert_max_num_queries, count
):
    for n in range(count):
        EchangeTempsFactory(transfo=transfo, direction=f"Direction {n % 4}", confirme=n % 2 == 0)
    client.force_login(ambassadeur)
    # session, user, roles (3); Transfo (1); entries, balances per department, balance (3);
    # the model permissions the auth backend reads for has_perm (1); session refresh, the
    # first since force_login (3)
    with django_assert_max_num_queries(11):
        response = client.get(f"{LABO}banque-de-temps/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_all_ecosystems_queries_do_not_grow(
    client, coordinateur, transfo, other_transfo, django_assert_max_num_queries, count
):
    for n in range(count):
        ActeurFactory(transfo=[transfo, other_transfo][n % 2])
    client.force_login(coordinateur)
    # session, user, roles (3); actors with their Transfo (1); the model permissions the auth
    # backend reads for has_perm (1); the second factor, asked of coordinators before any
    # page (1); session refresh, the first since force_login (3)
    with django_assert_max_num_queries(9):
        response = client.get("/espace/labos/ecosystemes/")
    assert response.status_code == 200
