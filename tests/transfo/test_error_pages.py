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


def test_a_server_error_says_so_in_french_in_the_sites_layout(db, settings, client):
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    text = response.content.decode()
    assert '<html lang="fr">' in text and "Une erreur est survenue" in text
    # The site's header and stylesheet, not a bare page.
    assert 'class="site-header"' in text and "css/transfo.css" in text
    assert "Server Error" not in text


def test_every_error_page_has_the_sites_header(db, settings):
    settings.DEBUG = False
    bad = Client().get("/", HTTP_HOST="not-a-host-of-ours.example").content.decode()
    csrf = (
        Client(enforce_csrf_checks=True)
        .post("/comptes/login/", {"login": "x@example.org", "password": "x"})
        .content.decode()
    )
    missing = Client().get("/cette-page-n-existe-pas/").content.decode()
    for text in (bad, csrf, missing):
        assert 'class="site-header"' in text and 'href="/"' in text
