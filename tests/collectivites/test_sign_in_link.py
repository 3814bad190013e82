"""Members who never signed in (imported or created for them) get a sign-in link from the
pilote or a coordinator: who may send it, what the Transfo's page and the invite form offer,
and the link from the mail to a password and a signed-in member (issue 19, item 7)."""

import html
import re

import pytest
from django.core import mail
from django.utils import timezone

from collectivites.choices import Role
from collectivites.models import Invitation, Participation
from tests.collectivites.factories import PASSWORD, ParticipationFactory

SPACE = "/espace/transfos/strasbourg/"
LINK = re.compile(r"https?://[^\s]+(/comptes/invitation/[^\s]+/)")


@pytest.fixture
def imported(transfo):
    """A relais of the group whose account was made for her and never used."""
    return ParticipationFactory(
        transfo=transfo,
        role=Role.RELAIS,
        user__full_name="Inès Importée",
        user__email="ines.importee@exemple.test",
    )


def signed_in_before(user):
    user.last_login = timezone.now()
    user.save(update_fields=["last_login"])
    return user


def link_url(participation):
    return f"{SPACE}membres/{participation.pk}/lien-de-connexion/"


def send_link(client, participation, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(link_url(participation))


# Who may send it --------------------------------------------------------------------------


@pytest.fixture
def other_pilote(other_transfo):
    return ParticipationFactory(transfo=other_transfo, role=Role.PILOTE).user


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("pilote", 302),
        ("coordinateur", 302),
        ("ambassadeur", 403),
        ("resident", 403),
        ("other_pilote", 404),
        ("other_member", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_may_send_a_sign_in_link(
    request, client, cast, imported, who, expected, django_capture_on_commit_callbacks
):
    user = request.getfixturevalue("other_pilote") if who == "other_pilote" else cast[who]
    if user is not None:
        client.force_login(user)
    response = send_link(client, imported, django_capture_on_commit_callbacks)
    assert response.status_code == expected
    if expected == 302 and user is not None:
        assert response["Location"] == SPACE
        assert [m.to for m in mail.outbox] == [["ines.importee@exemple.test"]]
        assert Invitation.objects.get().email == "ines.importee@exemple.test"
    else:
        if user is None:
            assert response["Location"].startswith("/comptes/login/?next=")
        assert mail.outbox == []
        assert not Invitation.objects.exists()


def test_no_link_for_who_signed_in_already_left_or_belongs_elsewhere(
    client, pilote, peer, other_member, transfo, django_capture_on_commit_callbacks
):
    signed_in_before(peer)
    left = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, sortie=True)
    client.force_login(pilote)
    assert send_link(client, membre_of(peer), django_capture_on_commit_callbacks).status_code == 403
    assert send_link(client, left, django_capture_on_commit_callbacks).status_code == 404
    elsewhere = other_member.participations.get()
    assert client.post(link_url(elsewhere)).status_code == 404
    assert mail.outbox == []
    assert not Invitation.objects.exists()


def test_a_pilote_sends_links_only_to_the_roles_she_may_invite(
    client, pilote, coordinateur, transfo, django_capture_on_commit_callbacks
):
    resident = ParticipationFactory(transfo=transfo, role=Role.RESIDENT)
    client.force_login(pilote)
    assert send_link(client, resident, django_capture_on_commit_callbacks).status_code == 403
    client.force_login(coordinateur)
    assert send_link(client, resident, django_capture_on_commit_callbacks).status_code == 302
    assert len(mail.outbox) == 1


def test_the_link_is_only_a_post(client, pilote, imported):
    client.force_login(pilote)
    assert client.get(link_url(imported)).status_code == 405


def membre_of(user):
    return user.participations.get()


# What the pages offer ---------------------------------------------------------------------


def test_the_transfo_page_offers_a_link_next_to_who_never_signed_in(
    client, pilote, peer, ambassadeur, imported
):
    signed_in_before(peer)
    client.force_login(pilote)
    page = client.get(SPACE).content.decode()
    ines = page.split("Inès Importée")[1].split("</li>")[0]
    assert "Jamais connecté·e" in ines
    assert f'action="{link_url(imported)}"' in ines
    assert "Envoyer un lien de connexion" in ines
    karim = page.split("Karim Benali")[1].split("</li>")[0]
    assert "Jamais connecté·e" not in karim and "lien-de-connexion" not in karim
    client.force_login(ambassadeur)
    page = client.get(SPACE).content.decode()
    assert "Inès Importée" in page
    assert "lien-de-connexion" not in page and "Jamais connecté·e" not in page


def test_a_pending_link_is_listed_and_resent_not_doubled(
    client, pilote, imported, django_capture_on_commit_callbacks
):
    client.force_login(pilote)
    send_link(client, imported, django_capture_on_commit_callbacks)
    send_link(client, imported, django_capture_on_commit_callbacks)
    assert Invitation.objects.count() == 1
    assert len(mail.outbox) == 2
    page = client.get(SPACE).content.decode()
    assert "Lien de connexion envoyé à Inès Importée (ines.importee@exemple.test)." in page
    assert "ines.importee@exemple.test" in page.split('id="invitations"')[1]


def test_the_invite_form_offers_the_link_for_a_member_who_never_signed_in(
    client, pilote, imported, django_capture_on_commit_callbacks
):
    client.force_login(pilote)
    response = client.post(
        f"{SPACE}inviter/", {"email": "Ines.Importee@exemple.test", "role": Role.AMBASSADEUR}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "Inès Importée fait déjà partie de la Transfo mais ne s'est jamais connecté·e : "
        "envoyez-lui plutôt un lien de connexion." in html.unescape(page)
    )
    assert f'action="{link_url(imported)}"' in page
    assert 'value="Ines.Importee@exemple.test"' in page  # what was typed is kept
    assert not Invitation.objects.exists()
    # The offered button sends it.
    assert send_link(client, imported, django_capture_on_commit_callbacks).status_code == 302
    assert len(mail.outbox) == 1


def test_the_invite_form_reveals_nothing_of_accounts_outside_the_transfo(
    client, pilote, other_member, django_capture_on_commit_callbacks
):
    client.force_login(pilote)
    answers = []
    for email in (other_member.email, "personne.inconnue@exemple.test"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"{SPACE}inviter/", {"email": email, "role": Role.AMBASSADEUR}, follow=True
            )
        answers.append(
            (
                response.redirect_chain,
                [str(m).replace(email, "EMAIL") for m in response.context["messages"]],
                "Jamais connecté·e" in response.content.decode(),
            )
        )
    assert answers[0] == answers[1]
    assert answers[0] == ([(SPACE, 302)], ["Invitation envoyée à EMAIL."], False)


# From the mail to a signed-in member --------------------------------------------------------


def test_the_member_follows_the_link_sets_a_password_and_is_signed_in(
    client, pilote, imported, django_capture_on_commit_callbacks
):
    client.force_login(pilote)
    send_link(client, imported, django_capture_on_commit_callbacks)
    client.logout()
    (message,) = mail.outbox
    assert "Transfo Strasbourg" in message.subject and "connexion" in message.subject
    assert "Isabelle Roth vous envoie un lien" in message.body
    path = LINK.search(message.body).group(1)

    page = client.get(path).content.decode()
    assert "ines.importee@exemple.test" in page
    assert 'value="Inès Importée"' in page
    response = client.post(
        path,
        {
            "full_name": "Inès Importée",
            "password1": "un-Mot-de-passe-solide",
            "password2": "un-Mot-de-passe-solide",
        },
    )
    assert response.status_code == 302 and response["Location"] == SPACE
    user = imported.user
    user.refresh_from_db()
    assert user.check_password("un-Mot-de-passe-solide")
    assert user.last_login is not None
    assert Participation.objects.get(pk=imported.pk).role == Role.RELAIS  # unchanged
    assert "Inès Importée" in client.get("/espace/").content.decode()
    # One time only.
    client.logout()
    assert client.get(path).status_code == 410


def test_an_account_with_two_factors_sets_its_password_then_signs_in(
    client, pilote, imported, django_capture_on_commit_callbacks
):
    from tests.conftest import with_totp

    with_totp(imported.user)
    client.force_login(pilote)
    send_link(client, imported, django_capture_on_commit_callbacks)
    client.logout()
    path = LINK.search(mail.outbox[0].body).group(1)
    data = {"full_name": "Inès", "password1": "un-Mot-de-passe-solide", "password2": ""}
    data["password2"] = data["password1"]
    response = client.post(path, data)
    assert response.status_code == 302 and response["Location"].startswith("/comptes/login/")
    imported.user.refresh_from_db()
    assert imported.user.check_password("un-Mot-de-passe-solide")
    assert "_auth_user_id" not in client.session  # the second factor is still asked


def test_an_account_that_was_used_still_signs_in_to_accept(client, transfo, other_member):
    signed_in_before(other_member)
    invitation = Invitation.objects.create(
        email=other_member.email, transfo=transfo, role=Role.RELAIS
    )
    response = client.get(invitation.get_accept_url())
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=")
    response = client.post(
        invitation.get_accept_url(),
        {
            "full_name": "X",
            "password1": "un-Mot-de-passe-solide",
            "password2": "un-Mot-de-passe-solide",
        },
    )
    other_member.refresh_from_db()
    assert other_member.check_password(PASSWORD)
    assert not Participation.objects.filter(user=other_member, transfo=transfo).exists()
