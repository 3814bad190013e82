"""Error pages speak French (issue 21, item 6): a refused form (CSRF), a bad request."""

from django.test import Client


def test_a_form_refused_for_its_csrf_token_says_so_in_french(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/comptes/login/", {"login": "x@example.org", "password": "x"})
    assert response.status_code == 403
    text = response.content.decode()
    assert '<html lang="fr">' in text and "Ce formulaire n'a pas pu être envoyé" in text
    assert "Forbidden" not in text and "CSRF verification failed" not in text


def test_a_bad_request_says_so_in_french(db, settings):
    settings.DEBUG = False
    response = Client().get("/", HTTP_HOST="not-a-host-of-ours.example")
    assert response.status_code == 400
    text = response.content.decode()
    assert '<html lang="fr">' in text and "Cette demande n'a pas pu être lue" in text
    assert "Bad Request" not in text
