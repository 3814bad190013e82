from django.conf import settings

from bench.pages import session_cookie


def cookie_client(client, cookie):
    name, value = cookie.split("=", 1)
    assert name == settings.SESSION_COOKIE_NAME
    client.cookies[name] = value
    return client


def test_session_cookie_signs_the_ambassadeur_in(client, ambassadeur):
    assert client.get("/espace/carnet/").status_code == 302
    cookie_client(client, session_cookie(ambassadeur.email))
    assert client.get("/espace/carnet/").status_code == 200


def test_session_cookie_of_a_coordinator_opens_the_coordination_after_mfa(client, coordinateur):
    cookie_client(client, session_cookie(coordinateur.email))
    assert client.get("/coordination/").status_code == 200
    methods = [record["method"] for record in client.session["account_authentication_methods"]]
    assert methods == ["password", "mfa"]


def test_session_cookie_of_an_ambassadeur_records_no_second_factor(client, ambassadeur):
    cookie_client(client, session_cookie(ambassadeur.email))
    methods = [record["method"] for record in client.session["account_authentication_methods"]]
    assert methods == ["password"]
    assert client.get("/coordination/").status_code in (403, 404)
