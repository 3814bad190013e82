import re

from django.core import mail

from tests.collectivites.factories import PASSWORD


def test_sign_in_with_email_then_sign_out(client, resident, transfo):
    response = client.post("/comptes/login/", {"login": resident.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/espace/"
    assert "Transfo Strasbourg" in client.get("/espace/").content.decode()

    response = client.post("/comptes/logout/")
    assert response.status_code == 302
    assert client.get("/espace/").status_code == 302


def test_wrong_password_is_refused_in_french_and_keeps_the_email(client, resident):
    response = client.post("/comptes/login/", {"login": resident.email, "password": "faux"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "sont incorrects" in content
    assert f'value="{resident.email}"' in content


def test_sign_in_page_is_french_with_label_and_no_sign_up(client, db):
    content = client.get("/comptes/login/").content.decode()
    assert '<html lang="fr">' in content
    assert "Connexion" in content
    assert "/comptes/signup/" not in content


def test_sign_up_is_closed(client, db, django_user_model):
    response = client.get("/comptes/signup/")
    assert "Inscriptions fermées" in response.content.decode()
    response = client.post(
        "/comptes/signup/",
        {"email": "intrus@exemple.test", "password1": "Xy-12345678", "password2": "Xy-12345678"},
    )
    assert not django_user_model.objects.filter(email="intrus@exemple.test").exists()


def test_password_reset_mail_goes_through_the_task(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/comptes/password/reset/", {"email": resident.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [resident.email]
    link = re.search(r"http://\S+/comptes/password/reset/key/\S+", mail.outbox[0].body).group(0)
    path = "/comptes/" + link.split("/comptes/", 1)[1]
    page = client.get(path, follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0] if page.redirect_chain else path
    response = client.post(
        form_url, {"password1": "Nouveau-mot-2-passe", "password2": "Nouveau-mot-2-passe"}
    )
    assert response.status_code == 302
    assert client.login(email=resident.email, password="Nouveau-mot-2-passe")


def test_password_reset_answers_the_same_for_unknown_email(
    client, resident, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = client.post("/comptes/password/reset/", {"email": resident.email})
        unknown = client.post("/comptes/password/reset/", {"email": "inconnu@exemple.test"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]


def test_email_change_page(client, resident):
    client.force_login(resident)
    response = client.get("/comptes/email/")
    assert response.status_code == 200
    assert resident.email in response.content.decode()
