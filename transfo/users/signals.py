"""Sign-ins, failed sign-ins and sign-outs go to the audit log; exports' files are removed."""

from allauth.account.signals import user_logged_in, user_logged_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from transfo.audit import AuditAction, record
from transfo.users.models import ExportDonnees


@receiver(user_logged_in)
def audit_sign_in(sender, request, user, **kwargs):
    record(request, AuditAction.CONNEXION, user, actor=user)


@receiver(user_logged_out)
def audit_sign_out(sender, request, user, **kwargs):
    if user is not None:
        record(request, AuditAction.DECONNEXION, user, actor=user)


@receiver(user_login_failed)
def audit_failed_sign_in(sender, credentials, request=None, **kwargs):
    """The account tried, when it exists; never the password, nor an unknown address."""
    email = (credentials.get("email") or credentials.get("username") or "").lower()
    account = get_user_model().objects.filter(email=email).first() if email else None
    record(request, AuditAction.CONNEXION_ECHOUEE, account, actor=account)


@receiver(page_published)
def audit_page_published(sender, instance, revision=None, **kwargs):
    actor = getattr(revision, "user", None)
    record(None, AuditAction.PUBLICATION, instance.specific_deferred, actor=actor)


@receiver(page_unpublished)
def audit_page_unpublished(sender, instance, **kwargs):
    record(None, AuditAction.DEPUBLICATION, instance.specific_deferred)


@receiver(post_delete, sender=ExportDonnees)
def export_deleted(sender, instance, **kwargs):
    """The ZIP leaves the private storage with its row (retention purge, account deletion)."""
    name, storage = instance.fichier.name, instance.fichier.storage
    if name:
        transaction.on_commit(lambda: storage.delete(name))
