"""Every response to a signed-in person is private and stored nowhere, unless its view said
how it may be cached (issue 18, item 10)."""

import pytest


@pytest.mark.parametrize(
    "path", ["/espace/", "/espace/carnet/", "/espace/transfos/strasbourg/", "/cas/", "/"]
)
def test_a_signed_in_response_is_private_and_not_stored(client, ambassadeur, path):
    client.force_login(ambassadeur)
    response = client.get(path)
    assert response.status_code == 200
    assert set(response["Cache-Control"].split(", ")) >= {"private", "no-store"}


def test_a_carnet_entry_of_its_author_is_not_stored(client, ambassadeur, transfo):
    from tests.ambassadeurs.factories import EntreeCarnetFactory

    entree = EntreeCarnetFactory(auteur=ambassadeur, transfo=transfo)
    client.force_login(ambassadeur)
    response = client.get(entree.get_absolute_url())
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_a_deliberately_public_response_keeps_its_caching(client, ambassadeur):
    client.force_login(ambassadeur)
    cache = set(client.get("/robots.txt")["Cache-Control"].split(", "))
    assert cache == {"public", "max-age=3600"}


def test_anonymous_public_pages_are_not_marked_private(client, db):
    response = client.get("/cas/")
    assert "no-store" not in response.get("Cache-Control", "")


@pytest.mark.parametrize("path", ["/", "/cas/", "/page-qui-n-existe-pas/"])
def test_every_response_says_the_pages_use_no_sensor_camera_or_position(client, db, path):
    policy = client.get(path)["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in policy


def test_a_missing_page_answers_in_french(client, ambassadeur):
    client.force_login(ambassadeur)
    response = client.get("/espace/transfos/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text
    assert '<html lang="fr"' in response.text


def test_a_refusal_answers_in_french(client, ambassadeur):
    client.force_login(ambassadeur)
    response = client.get("/coordination/")
    assert response.status_code == 403
    assert "Accès refusé" in response.text


def test_hsts_preload_is_not_promised_unless_configured():
    from django.conf import settings

    assert settings.SECURE_HSTS_PRELOAD is False
    assert "security.W021" in settings.SILENCED_SYSTEM_CHECKS
