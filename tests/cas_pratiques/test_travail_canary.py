"""The canary: nothing of a case's working material ever reaches a public response."""

import pytest

from tests.cas_pratiques.factories import (
    FicheIdeeFactory,
    ImmersionFactory,
    TamisFactory,
    TamisPlacementFactory,
)

CANARY = "CANARI-TRAVAIL-5e9"
# A word found only in the working material: searching for it must find no case.
SECRET_WORD = "zorglubienne"


@pytest.fixture
def working_material(cas_publie):
    fiche = FicheIdeeFactory(
        cas=cas_publie,
        nom=f"{CANARY} idée",
        mon_projet=f"{CANARY} une conciergerie {SECRET_WORD}",
        obstacles=f"{CANARY} obstacles",
        post_it=f"{CANARY} post-it",
    )
    ImmersionFactory(cas=cas_publie, lieu=f"{CANARY} lieu", notes=f"{CANARY} {SECRET_WORD}")
    tamis = TamisFactory(cas=cas_publie, titre=f"{CANARY} tamis", critere_bas=f"{CANARY} axe")
    TamisPlacementFactory(tamis=tamis, fiche=fiche, x=3, y=3)
    return cas_publie


@pytest.mark.parametrize(
    "path",
    [
        "/cas/",
        "/cas/?q=megots",
        "/cas/?q=conciergerie",
        "/cas/les-megotiers/",
        "/cas/export.csv",
        "/cas/export.json",
        "/cas/export.csv?q=conciergerie",
        "/cas/donnees/",
        "/sitemap.xml",
    ],
)
def test_working_material_never_appears_in_public_responses(client, working_material, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert CANARY not in body
    assert SECRET_WORD not in body
    if path == "/cas/les-megotiers/":
        assert working_material.titre in body  # the case itself is public


@pytest.mark.parametrize("path", ["/cas/", "/cas/export.csv", "/cas/export.json"])
def test_searching_the_working_material_finds_no_case(client, working_material, path):
    body = client.get(path, {"q": SECRET_WORD}).content.decode()
    assert working_material.titre not in body
    assert working_material.slug not in body
