"""RGPD: the privacy and accessibility pages say what is true, and retention is enforced."""

from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from ambassadeurs.models import Brouillon
from collectivites.models import Invitation
from tests.ambassadeurs.factories import BrouillonFactory
from tests.collectivites.factories import InvitationFactory
from transfo.retention import purge_past_retention
from transfo.users.models import AuditAction, AuditEvent


def test_every_page_links_to_the_privacy_and_accessibility_pages(client, db):
    content = client.get("/transfos/").content.decode()
    assert 'href="/confidentialite/"' in content
    assert 'href="/accessibilite/"' in content


def test_the_privacy_page_states_the_retention_the_platform_enforces(client, db, settings):
    settings.RETENTION = {**settings.RETENTION, "users.AuditEvent": ("at", 180)}
    response = client.get("/confidentialite/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "180 jours" in content
    assert "30 jours" in content  # drafts
    assert "8 heures" in content  # idle session
    assert "moins de 5" in content and "CNIL" in content


def test_the_accessibility_statement_gives_its_state_and_the_remedies(client, db):
    content = client.get("/accessibilite/").content.decode()
    assert "partiellement conforme" in content
    assert "Défenseur des droits" in content


def age(queryset, field, days):
    queryset.update(**{field: timezone.now() - timedelta(days=days)})


def test_the_purge_removes_only_what_is_past_its_retention(resident, transfo, pilote):
    old_event = AuditEvent.objects.create(action=AuditAction.CONNEXION, actor=resident)
    recent_event = AuditEvent.objects.create(action=AuditAction.CONNEXION, actor=resident)
    age(AuditEvent.objects.filter(pk=old_event.pk), "at", 400)
    old_draft, recent_draft = BrouillonFactory(), BrouillonFactory(cle="autre")
    age(Brouillon.objects.filter(pk=old_draft.pk), "updated_at", 31)
    expired = InvitationFactory(transfo=transfo, invited_by=pilote)
    pending = InvitationFactory(transfo=transfo, invited_by=pilote)
    Invitation.objects.filter(pk=expired.pk).update(
        created_at=timezone.now() - timedelta(days=120),
        expires_at=timezone.now() - timedelta(days=100),
    )
    # Still usable although old: an invitation is only purged once it cannot be used.
    Invitation.objects.filter(pk=pending.pk).update(
        created_at=timezone.now() - timedelta(days=120),
        expires_at=timezone.now() + timedelta(days=1),
    )

    deleted = purge_past_retention()

    assert list(AuditEvent.objects.values_list("pk", flat=True)) == [recent_event.pk]
    assert list(Brouillon.objects.values_list("pk", flat=True)) == [recent_draft.pk]
    assert list(Invitation.objects.values_list("pk", flat=True)) == [pending.pk]
    assert deleted["users.AuditEvent"] == deleted["ambassadeurs.Brouillon"] == 1


def test_the_purge_command_reports_in_french(db, capsys):
    call_command("purge_retention")
    assert "users.AuditEvent : 0 supprimé(s)" in capsys.readouterr().out
