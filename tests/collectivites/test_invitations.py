import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from collectivites.choices import Role
from collectivites.models import Invitation, Participation
from tests.collectivites.factories import InvitationFactory, UserFactory

LINK = re.compile(r"http://[^\s]+/comptes/invitation/[^\s]+/")


def invite(client, pilote, django_capture_on_commit_callbacks, email="nouvelle@exemple.test"):
    client.force_login(pilote)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/espace/transfos/strasbourg/inviter/", {"email": email, "role": Role.AMBASSADEUR}
        )
    client.logout()
    return response


def test_invitation_end_to_end(client, pilote, transfo, django_capture_on_commit_callbacks):
    response = invite(client, pilote, django_capture_on_commit_callbacks)
    assert response.status_code == 302

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nouvelle@exemple.test"]
    assert "Transfo Strasbourg" in message.subject
    assert "Isabelle Roth vous invite" in message.body
    link = LINK.search(message.body).group(0)
    path = link.split("8000", 1)[1] if "8000" in link else "/" + link.split("/", 3)[3]

    page = client.get(path)
    assert page.status_code == 200
    assert "nouvelle@exemple.test" in page.content.decode()

    response = client.post(
        path,
        {
            "full_name": "Nora Nouvelle",
            "password1": "un-Mot-de-passe-solide",
            "password2": "un-Mot-de-passe-solide",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == "/espace/transfos/strasbourg/"
    participation = Participation.objects.get(user__email="nouvelle@exemple.test")
    assert participation.role == Role.AMBASSADEUR
    assert participation.transfo == transfo
    assert participation.user.full_name == "Nora Nouvelle"
    # Signed in straight away.
    assert "Nora Nouvelle" in client.get("/espace/").content.decode()

    # The link is one-time.
    client.logout()
    assert client.get(path).status_code == 410


def test_accept_form_keeps_what_was_typed_and_explains_in_french(client, transfo):
    invitation = InvitationFactory(transfo=transfo)
    response = client.post(
        invitation.get_accept_url(),
        {"full_name": "Nora Nouvelle", "password1": "abc", "password2": "abd"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Les deux mots de passe ne correspondent pas." in content
    assert 'value="Nora Nouvelle"' in content
    assert not Participation.objects.filter(transfo=transfo, user__email=invitation.email).exists()


def test_weak_password_is_refused(client, transfo):
    invitation = InvitationFactory(transfo=transfo)
    response = client.post(
        invitation.get_accept_url(),
        {"full_name": "Nora", "password1": "12345678", "password2": "12345678"},
    )
    assert response.status_code == 200
    assert "Ce mot de passe est trop courant." in response.content.decode()


def test_existing_account_signs_in_then_accepts(client, transfo, other_member):
    # An account its owner has used (one never used chooses its password: test_sign_in_link).
    other_member.last_login = timezone.now()
    other_member.save(update_fields=["last_login"])
    invitation = InvitationFactory(transfo=transfo, email=other_member.email, role=Role.RELAIS)
    url = invitation.get_accept_url()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/?next=")

    client.force_login(other_member)
    assert "Accepter l'invitation" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert Participation.objects.get(user=other_member, transfo=transfo).role == Role.RELAIS


def test_invitation_for_someone_else_is_refused_to_signed_in_person(client, transfo, peer):
    invitation = InvitationFactory(transfo=transfo)
    client.force_login(peer)
    response = client.get(invitation.get_accept_url())
    assert response.status_code == 403
    assert not Participation.objects.filter(user__email=invitation.email).exists()


@pytest.mark.parametrize(
    "spoil",
    [
        lambda inv: setattr(inv, "expires_at", timezone.now() - timedelta(minutes=1)),
        lambda inv: setattr(inv, "accepted_at", timezone.now()),
    ],
    ids=["expired", "already-used"],
)
def test_unusable_invitation_is_gone(client, transfo, spoil):
    invitation = InvitationFactory(transfo=transfo)
    spoil(invitation)
    invitation.save()
    response = client.get(invitation.get_accept_url())
    assert response.status_code == 410
    assert "plus valable" in response.content.decode()


def test_forged_or_cancelled_link_is_gone(client, transfo):
    assert client.get("/comptes/invitation/pas-un-vrai-jeton/").status_code == 410
    invitation = InvitationFactory(transfo=transfo)
    url = invitation.get_accept_url()
    invitation.delete()
    assert client.get(url).status_code == 410


def test_pilote_cannot_invite_a_resident(client, pilote, transfo):
    client.force_login(pilote)
    response = client.post(
        "/espace/transfos/strasbourg/inviter/", {"email": "x@exemple.test", "role": Role.RESIDENT}
    )
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    assert not Invitation.objects.exists()


def test_ambassadeur_cannot_invite(client, ambassadeur, transfo):
    client.force_login(ambassadeur)
    response = client.post(
        "/espace/transfos/strasbourg/inviter/",
        {"email": "x@exemple.test", "role": Role.AMBASSADEUR},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()


def test_inviting_a_current_member_is_refused(client, pilote, peer, transfo):
    client.force_login(pilote)
    response = client.post(
        "/espace/transfos/strasbourg/inviter/",
        {"email": peer.email.upper(), "role": Role.AMBASSADEUR},
    )
    assert "fait déjà partie de la Transfo" in response.content.decode()


def test_resend_and_cancel(client, pilote, transfo, django_capture_on_commit_callbacks):
    invite(client, pilote, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get()
    client.force_login(pilote)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/espace/transfos/strasbourg/invitations/{invitation.pk}/renvoyer/")
    assert len(mail.outbox) == 2
    client.post(f"/espace/transfos/strasbourg/invitations/{invitation.pk}/annuler/")
    assert not Invitation.objects.exists()


def test_sending_task_is_idempotent(transfo):
    from collectivites.tasks import send_invitation

    invitation = InvitationFactory(transfo=transfo)
    send_invitation(invitation.pk)
    send_invitation(invitation.pk)
    assert len(mail.outbox) == 1


def test_other_transfo_pilote_cannot_cancel_invitation(client, transfo, other_transfo):
    invitation = InvitationFactory(transfo=transfo)
    other_pilote = UserFactory()
    Participation.objects.create(user=other_pilote, transfo=other_transfo, role=Role.PILOTE)
    client.force_login(other_pilote)
    response = client.post(f"/espace/transfos/strasbourg/invitations/{invitation.pk}/annuler/")
    assert response.status_code == 404
    assert Invitation.objects.filter(pk=invitation.pk).exists()
