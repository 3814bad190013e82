"""Sign-ins, failed sign-ins and sign-outs go to the audit log (an export's file leaves with
its row through django-cleanup, as every file of the project)."""

from allauth.account.signals import user_logged_in, user_logged_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from transfo.audit import AuditAction, record


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
