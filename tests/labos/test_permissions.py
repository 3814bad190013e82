"""Who reaches a labo's pages: its Transfo's members and coordinators; others get a 404."""

import pytest

from tests.labos.factories import ActeurFactory, EchangeTempsFactory, PrioriteFactory

LABO = "/espace/transfos/strasbourg/labo/"
PAGES = [
    "",
    "sections/recit/",
    "versions/1/",
    "comparer/",
    "priorites/",
    "priorites/{priorite}/",
    "ecosysteme/",
    "ecosysteme/export.csv",
    "ecosysteme/{acteur}/",
    "ecosysteme/{acteur}/historique/",
    "banque-de-temps/",
    "banque-de-temps/export.csv",
    "banque-de-temps/ajouter/",
]
EXPECTED = {
    "ambassadeur": 200,
    "peer": 200,
    "resident": 200,
    "pilote": 200,
    "coordinateur": 200,
    "other_member": 404,
    "outsider": 404,
    "anonymous": 302,
}


@pytest.fixture
def labo(plan, transfo):
    plan.freeze()
    return {
        "priorite": PrioriteFactory(transfo=transfo).pk,
        "acteur": ActeurFactory(transfo=transfo).pk,
    }


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("name", EXPECTED)
def test_who_reads_the_labo(client_for, labo, name, page):
    response = client_for(name).get(LABO + page.format(**labo))
    assert response.status_code == EXPECTED[name]
    if name == "anonymous":
        assert response.url.startswith("/comptes/connexion/") or "/comptes/" in response.url


WRITES = [
    ("sections/recit/", {"recit-texte": "Écrit par {name}", "recit-version": 0}),
    ("reglages/", {"plan-nom": "Labo", "plan-publie": "on"}),
    ("interventions/ajouter/", {"intervention-nom": "X", "intervention-jours_homme": "1"}),
    ("spectres/", {}),
    ("versions/figer/", {}),
    ("priorites/ajouter/", {"texte": "X", "statut": "a_faire"}),
    (
        "ecosysteme/ajouter/",
        {"nom": "X", "type": "autre", "perimetre": "interne", "relation": "allie"},
    ),
    (
        "banque-de-temps/ajouter/",
        {
            "direction": "DRH",
            "sens": "donne",
            "heures": "1",
            "date": "2019-01-01",
            "description": "x",
        },
    ),
    ("banque-de-temps/{echange}/confirmer/", {"cote": "labo"}),
]


@pytest.mark.parametrize(("page", "data"), WRITES)
@pytest.mark.parametrize("name", ["other_member", "outsider", "anonymous"])
def test_others_cannot_write_in_the_labo(client_for, plan, transfo, name, page, data):
    echange = EchangeTempsFactory(transfo=transfo)
    response = client_for(name).post(LABO + page.format(echange=echange.pk), data)
    assert response.status_code == (302 if name == "anonymous" else 404)
    if name == "anonymous":
        assert "/comptes/" in response.url
    plan.refresh_from_db()
    echange.refresh_from_db()
    assert plan.nom == "Le labo de l'Eurométropole" and not plan.publie
    assert not plan.versions.exists() and not plan.interventions.exists()
    assert echange.confirme_labo_le is None
    assert not transfo.priorites.exists() and not transfo.acteurs.exists()
    assert transfo.echanges_temps.count() == 1


@pytest.mark.parametrize("name", ["ambassadeur", "resident", "pilote", "coordinateur"])
def test_members_and_coordinators_write_in_the_labo(client_for, plan, name):
    response = client_for(name).post(LABO + "versions/figer/", {})
    assert response.status_code == 302 and plan.versions.count() == 1


@pytest.mark.parametrize(
    ("name", "publishes"),
    [
        ("ambassadeur", False),
        ("peer", False),
        ("resident", True),
        ("pilote", True),
        ("coordinateur", True),
    ],
)
def test_only_residents_the_pilote_and_coordinators_make_the_labo_public(
    client_for, plan, name, publishes
):
    """Issue 18, item 16: every member names the labo; making it public is decided by those
    who answer for it."""
    client = client_for(name)
    page = client.get(LABO).content.decode()
    assert ('name="plan-publie"' in page) is publishes
    response = client.post(
        LABO + "reglages/", {"plan-nom": f"Nommé par {name}", "plan-publie": "on"}
    )
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.nom == f"Nommé par {name}"
    assert plan.publie is publishes
