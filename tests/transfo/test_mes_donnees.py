"""'Mes données': the export of everything about a person, and the deletion of their account."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.core import mail
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from ambassadeurs.choices import Visibilite
from ambassadeurs.models import EntreeCarnet, PieceJointe, Presence
from collectivites.choices import Role
from collectivites.models import Participation
from tests.ambassadeurs.factories import (
    EntreeCarnetFactory,
    PieceJointeFactory,
    read_file_response,
    record,
    session_days,
)
from tests.collectivites.factories import PASSWORD, ParticipationFactory
from tests.conftest import with_totp
from transfo import mydata
from transfo.retention import purge_past_retention
from transfo.users.models import AuditAction, AuditEvent, ExportDonnees
from transfo.users.tasks import build_data_export

PAGE = reverse("mes_donnees:index")
EXPORT = reverse("mes_donnees:export_request")
DELETE = reverse("mes_donnees:account_delete")
PRIVATE_TEXT = "Canari privé : ce que je n'ose pas dire en réunion."


@pytest.fixture
def private_entry(ambassadeur, transfo):
    entry = EntreeCarnetFactory(auteur=ambassadeur, transfo=transfo, texte=PRIVATE_TEXT)
    PieceJointeFactory(entree=entry, nom="photo.png")
    return entry


@pytest.fixture
def shared_entry(ambassadeur, transfo):
    return EntreeCarnetFactory(
        auteur=ambassadeur, transfo=transfo, groupe=True, titre="Partagée avec le groupe"
    )


def ask_export(client, user):
    client.force_login(user)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(EXPORT)
    assert response.status_code == 302
    return ExportDonnees.objects.get(user=user)


def read_zip(client, export):
    response = read_file_response(
        client.get(reverse("mes_donnees:export_download", args=[export.pk]))
    )
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    return zipfile.ZipFile(io.BytesIO(response.body))


def test_every_app_contributes_to_the_export():
    assert {"compte", "participations", "ambassadeurs", "cas_pratiques", "labos"} <= set(
        mydata.registered()
    )
    assert "intertransfo" in mydata.registered()


def test_page_needs_sign_in(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_export_holds_my_private_entry_and_its_file(client, ambassadeur, private_entry, peer):
    EntreeCarnetFactory(auteur=peer, transfo=private_entry.transfo, texte="Texte du pair")
    export = ask_export(client, ambassadeur)
    export.refresh_from_db()
    assert export.pret
    assert export.expire_le - export.pret_le == timedelta(days=7)

    archive = read_zip(client, export)
    data = json.loads(archive.read("donnees.json"))
    assert set(data) >= {"compte", "participations", "ambassadeurs", "intertransfo"}
    assert data["compte"]["profil"]["email"] == ambassadeur.email
    carnet = data["ambassadeurs"]["carnet_de_bord"]
    assert [e["texte"] for e in carnet] == [PRIVATE_TEXT]
    assert carnet[0]["visibilite"] == "Privé"
    path = carnet[0]["pieces_jointes"][0]["fichier"]
    with private_entry.pieces.get().fichier.open("rb") as stored:
        assert archive.read(path) == stored.read()
    assert "Texte du pair" not in archive.read("donnees.json").decode()
    assert data["participations"]["participations"][0]["role"] == "Ambassadeur·rice"


def test_export_holds_presences_and_devoir_answers(client, ambassadeur, transfo):
    from tests.ambassadeurs.factories import ReponseDevoirFactory

    participation = Participation.objects.get(user=ambassadeur)
    session = session_days(transfo, 1)
    record(session, participation, True, False)
    ReponseDevoirFactory(auteur=ambassadeur, devoir__transfo=transfo, texte="Ma réponse")
    data = json.loads(read_zip(client, ask_export(client, ambassadeur)).read("donnees.json"))
    assert [p["present"] for p in data["ambassadeurs"]["presences"]] == [True, False]
    assert data["ambassadeurs"]["devoirs"][0]["texte"] == "Ma réponse"


def test_export_holds_what_an_import_said_of_me_in_an_invitation(
    client, ambassadeur, other_transfo
):
    from tests.collectivites.factories import InvitationFactory

    InvitationFactory(
        email=ambassadeur.email, transfo=other_transfo, profil={"n1_nom": "Canari N+1"}
    )
    data = json.loads(read_zip(client, ask_export(client, ambassadeur)).read("donnees.json"))
    invitation = data["participations"]["invitations_recues"][0]
    assert invitation["profil_importe"] == {"n1_nom": "Canari N+1"}


def test_export_is_audited(client, ambassadeur):
    export = ask_export(client, ambassadeur)
    read_zip(client, export)
    details = list(
        AuditEvent.objects.filter(action=AuditAction.EXPORT, actor=ambassadeur).values_list(
            "detail", flat=True
        )
    )
    assert details == ["mes données : téléchargement (zip)", "mes données : demande (zip)"]


@pytest.mark.parametrize("who", ["peer", "resident", "pilote", "coordinateur", "outsider"])
def test_another_person_cannot_download_my_export(client, cast, ambassadeur, who):
    export = ask_export(client, ambassadeur)
    client.force_login(cast[who])
    response = client.get(reverse("mes_donnees:export_download", args=[export.pk]))
    assert response.status_code == 404


def test_anonymous_cannot_download_an_export(client, ambassadeur):
    export = ask_export(client, ambassadeur)
    client.logout()
    response = client.get(reverse("mes_donnees:export_download", args=[export.pk]))
    assert response.status_code == 302


def test_an_expired_export_is_refused_then_purged(
    client, ambassadeur, private_entry, django_capture_on_commit_callbacks
):
    export = ask_export(client, ambassadeur)
    export.refresh_from_db()
    storage, name = export.fichier.storage, export.fichier.name
    ExportDonnees.objects.filter(pk=export.pk).update(
        expire_le=timezone.now() - timedelta(seconds=1)
    )
    response = client.get(reverse("mes_donnees:export_download", args=[export.pk]))
    assert response.status_code == 404

    ExportDonnees.objects.filter(pk=export.pk).update(demande_le=timezone.now() - timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        purged = purge_past_retention()
    assert purged["users.ExportDonnees"] == 1
    assert not storage.exists(name)


def test_export_task_is_idempotent(client, ambassadeur):
    export = ask_export(client, ambassadeur)
    export.refresh_from_db()
    name = export.fichier.name
    build_data_export(export.pk)
    export.refresh_from_db()
    assert export.fichier.name == name
    assert ExportDonnees.objects.count() == 1


def test_asking_twice_while_preparing_makes_one_export(client, ambassadeur, settings):
    client.force_login(ambassadeur)
    ExportDonnees.objects.create(user=ambassadeur)
    client.post(EXPORT)
    assert ExportDonnees.objects.count() == 1


def test_page_lists_my_exports_only(client, ambassadeur, peer):
    ask_export(client, peer)
    export = ask_export(client, ambassadeur)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert {"private", "no-store"} <= set(response["Cache-Control"].split(", "))
    links = [
        reverse("mes_donnees:export_download", args=[e.pk]) for e in ExportDonnees.objects.all()
    ]
    body = response.content.decode()
    assert reverse("mes_donnees:export_download", args=[export.pk]) in body
    assert sum(link in body for link in links) == 1


def test_page_queries_do_not_grow_with_exports(client, ambassadeur, django_assert_max_num_queries):
    client.force_login(ambassadeur)
    ExportDonnees.objects.create(user=ambassadeur)
    with django_assert_max_num_queries(12):
        client.get(PAGE)
    ExportDonnees.objects.bulk_create(ExportDonnees(user=ambassadeur) for _ in range(10))
    with django_assert_max_num_queries(12):
        client.get(PAGE)


# Deletion -----------------------------------------------------------------------------------


def delete_me(client, user, password=PASSWORD, confirmation="on"):
    client.force_login(user)
    data = {"password": password}
    if confirmation:
        data["confirmation"] = confirmation
    return client.post(DELETE, data)


def test_wrong_password_refuses_deletion_and_says_why(client, ambassadeur):
    response = delete_me(client, ambassadeur, password="pas le bon")
    assert response.status_code == 400
    assert "Ce mot de passe n&#x27;est pas le bon." in response.content.decode()
    ambassadeur.refresh_from_db()
    assert ambassadeur.is_active


def test_deletion_needs_the_explicit_confirmation(client, ambassadeur):
    response = delete_me(client, ambassadeur, confirmation=None)
    assert response.status_code == 400
    assert "Cochez la case pour confirmer la suppression." in response.content.decode()
    ambassadeur.refresh_from_db()
    assert ambassadeur.is_active


def test_deletion_effects(
    client,
    ambassadeur,
    peer,
    transfo,
    private_entry,
    shared_entry,
    django_capture_on_commit_callbacks,
):
    participation = Participation.objects.get(user=ambassadeur)
    session = session_days(transfo, 1)
    record(session, participation, True, True)
    record(session, Participation.objects.get(user=peer), True, False)
    rates_before = [
        (r.numero, r.presents, r.total) for r in Presence.objects.rate_by_session(transfo)
    ]
    piece = private_entry.pieces.get()
    storage, name = piece.fichier.storage, piece.fichier.name
    email = ambassadeur.email

    with django_capture_on_commit_callbacks(execute=True):
        response = delete_me(client, ambassadeur)
    assert response.status_code == 302

    # Private entry and its file gone; the shared entry stays, signed "Ancien·ne membre".
    assert not EntreeCarnet.objects.filter(pk=private_entry.pk).exists()
    assert not PieceJointe.objects.filter(pk=piece.pk).exists()
    assert not storage.exists(name)
    shared_entry.refresh_from_db()
    assert str(shared_entry.auteur) == "Ancien·ne membre"
    client.force_login(peer)
    page = client.get(shared_entry.get_absolute_url()).content.decode()
    assert "Ancien·ne membre" in page
    assert "Claire Muller" not in page

    # Statistics unchanged; membership ended.
    rates_after = [
        (r.numero, r.presents, r.total) for r in Presence.objects.rate_by_session(transfo)
    ]
    assert rates_after == rates_before
    participation.refresh_from_db()
    assert participation.date_sortie == timezone.localdate()

    # The account names nobody and cannot sign in.
    ambassadeur.refresh_from_db()
    assert not ambassadeur.is_active
    assert ambassadeur.full_name == "Ancien·ne membre"
    assert email not in ambassadeur.email
    assert not ambassadeur.has_usable_password()
    client.logout()
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session

    # A confirmation went to the old address; the deletion is in the audit log.
    assert [m.to for m in mail.outbox] == [[email]]
    assert "supprimé" in mail.outbox[0].subject
    assert AuditEvent.objects.filter(
        action=AuditAction.SUPPRESSION_COMPTE, object_id=str(ambassadeur.pk)
    ).exists()


def test_deletion_signs_the_person_out(client, ambassadeur):
    delete_me(client, ambassadeur)
    assert client.get(PAGE).status_code == 302


def test_the_last_coordinator_cannot_delete_their_account(client, coordinateur):
    response = delete_me(client, coordinateur)
    assert response.status_code == 400
    assert "dernière coordinatrice" in response.content.decode()
    coordinateur.refresh_from_db()
    assert coordinateur.is_active


def test_a_coordinator_with_a_colleague_can_delete_their_account(client, coordinateur, transfo):
    ParticipationFactory(transfo=transfo, role=Role.COORDINATEUR)
    response = delete_me(client, coordinateur)
    assert response.status_code == 302
    coordinateur.refresh_from_db()
    assert not coordinateur.is_active


def test_shared_contributions_keep_their_visibility(client, ambassadeur, shared_entry):
    delete_me(client, ambassadeur)
    assert EntreeCarnet.objects.get(pk=shared_entry.pk).visibilite == Visibilite.GROUPE


def test_the_last_administrator_cannot_delete_their_account(client, outsider):
    outsider.is_superuser = True
    outsider.save()
    client.force_login(with_totp(outsider))
    assert "dernière administratrice" in client.get(PAGE).content.decode()
    assert delete_me(client, outsider).status_code == 400
    outsider.refresh_from_db()
    assert outsider.is_active


def test_export_lists_audit_events_about_me(client, ambassadeur):
    from transfo.audit import record as audit_record

    audit_record(None, AuditAction.CONNEXION_ECHOUEE, ambassadeur, actor=None)
    data = json.loads(read_zip(client, ask_export(client, ambassadeur)).read("donnees.json"))
    actions = [e["action"] for e in data["compte"]["journal_audit"]]
    assert "connexion échouée" in actions


def test_a_lost_preparation_does_not_block_a_new_export(client, ambassadeur):
    stale = ExportDonnees.objects.create(user=ambassadeur)
    ExportDonnees.objects.filter(pk=stale.pk).update(demande_le=timezone.now() - timedelta(hours=2))
    client.force_login(ambassadeur)
    assert "Préparer l'export de mes données" in client.get(PAGE).content.decode()
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(EXPORT)
    assert ExportDonnees.objects.filter(pret_le__isnull=False).count() == 1


def test_bilans_are_exported_and_the_private_ones_erased(client, ambassadeur, transfo):
    from ambassadeurs.models import BilanPersonnel
    from tests.ambassadeurs.factories_bilans import BilanPersonnelFactory

    private = BilanPersonnelFactory(auteur=ambassadeur, bilan__transfo=transfo)
    shared = BilanPersonnelFactory(
        auteur=ambassadeur, bilan__transfo=transfo, visibilite=Visibilite.GROUPE
    )
    data = json.loads(read_zip(client, ask_export(client, ambassadeur)).read("donnees.json"))
    assert {b["bilan"] for b in data["ambassadeurs"]["bilans"]} == {
        private.bilan.titre,
        shared.bilan.titre,
    }
    delete_me(client, ambassadeur)
    assert list(BilanPersonnel.objects.values_list("pk", flat=True)) == [shared.pk]
