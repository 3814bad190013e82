"""The account's own part of "mes données", and the scrubbing of the account on deletion.

The user row is kept, deactivated and scrubbed, rather than deleted: the attendance,
météos, cas and labo figures of the Transfos hang on it (through the participations), and
many tables point to it with CASCADE (carnet entries, participations, intertransfo
registrations) that would silently take shared contributions and statistics with them.
Scrubbed, the row names nobody: "Ancien·ne membre", an address that cannot receive mail,
no password, no way to sign in.
"""

import secrets

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from transfo import outbox
from transfo.audit import AuditAction, record
from transfo.mydata import (
    ANONYMOUS_NAME,
    erase,
    register_deletion_check,
    register_personal_data,
)
from transfo.users.models import AuditEvent, ExportDonnees, User
from transfo.users.tasks import send_email_message


def export_account(user, files):
    return {
        "profil": {
            "nom_complet": user.full_name,
            "email": user.email,
            "inscrit_le": user.date_joined,
            "derniere_connexion": user.last_login,
            "actif": user.is_active,
        },
        "adresses_email": [
            {"email": a.email, "verifiee": a.verified, "principale": a.primary}
            for a in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "double_authentification": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
        "journal_audit": [
            {
                "date": e.at,
                "action": e.get_action_display(),
                "objet": f"{e.object_type} {e.object_id}".strip(),
                "detail": e.detail,
                "adresse_ip": e.ip,
            }
            for e in AuditEvent.objects.filter(
                Q(actor=user) | Q(object_type=user._meta.label, object_id=str(user.pk))
            ).order_by("at", "pk")
        ],
        "exports_precedents": [
            {"demande_le": e.demande_le, "pret_le": e.pret_le, "expire_le": e.expire_le}
            for e in ExportDonnees.objects.filter(user=user).order_by("demande_le", "pk")
        ],
    }


def erase_account(user):
    """Past exports, e-mail addresses, second factors: gone. The row itself is scrubbed by
    `scrub_user`, last, once every app's eraser has run."""
    for export in ExportDonnees.objects.filter(user=user):
        export.delete()  # one by one: the post_delete signal removes each ZIP
    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()


def scrub_user(user):
    """Deactivate the row and remove whatever named the person."""
    user.email = f"ancien-membre-{user.pk}-{secrets.token_hex(4)}@supprime.invalid"
    user.full_name = str(ANONYMOUS_NAME)
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.calendar_token = secrets.token_urlsafe(32)
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def last_administrator(user):
    """The platform must keep an administrator."""
    others = User.objects.filter(is_superuser=True, is_active=True).exclude(pk=user.pk)
    if user.is_superuser and not others.exists():
        return _(
            "Vous êtes le ou la dernière administratrice de la plateforme : nommez-en une "
            "autre avant de supprimer votre compte."
        )
    return None


def register():
    register_personal_data("compte", export_account, erase_account)
    register_deletion_check(last_administrator)


def delete_account(request, user):
    """Erase the person's data (every app's eraser), scrub the row, log it, mail them.

    In one transaction: a failure anywhere leaves the account as it was. The caller checks
    `transfo.mydata.deletion_refusals(user)` first and signs the person out after.
    """
    email, name = user.email, user.get_full_name()
    with transaction.atomic():
        erase(user)
        scrub_user(user)
        record(request, AuditAction.SUPPRESSION_COMPTE, user, actor=user)
        context = {
            "name": name,
            "deleted_at": timezone.localtime(),
            "contact": settings.PRIVACY_CONTACT_EMAIL,
        }
        subject = render_to_string("users/emails/compte_supprime_subject.txt", context).strip()
        body = render_to_string("users/emails/compte_supprime_message.txt", context)
        outbox.enqueue(send_email_message, subject, body, [email])
