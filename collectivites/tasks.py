"""Tasks of the collectivites app: invitations, a published or modified session's mails and
reminders, the programme's PDF."""

from datetime import timedelta

from celery import shared_task
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage, get_connection, send_mail
from django.db.models import F, Min, Q
from django.template.loader import render_to_string
from django.utils import timezone

from collectivites.choices import CERCLE_ROLES, Role, StatutSession
from collectivites.models import Invitation, Participation, Session
from transfo.pdf import html_to_pdf


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation(invitation_id):
    """Mail the one-time link of an invitation; does nothing if already sent or used."""
    invitation = (
        Invitation.objects.select_related("transfo__collectivite", "invited_by")
        .filter(pk=invitation_id, sent_at__isnull=True, accepted_at__isnull=True)
        .first()
    )
    if invitation is None:
        return
    context = {
        "invitation": invitation,
        # Already a member (who never signed in): a sign-in link, not an invitation to join.
        "membre": Participation.objects.actives()
        .filter(transfo=invitation.transfo, user__email__iexact=invitation.email)
        .exists(),
        "accept_url": settings.SITE_URL + invitation.get_accept_url(),
        "inviter_name": (
            invitation.invited_by.get_full_name() if invitation.invited_by else "La 27e Région"
        ),
    }
    subject = render_to_string("collectivites/emails/invitation_subject.txt", context).strip()
    body = render_to_string("collectivites/emails/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())


# Sessions -------------------------------------------------------------------------------

CHANGE_QUIET_PERIOD = timedelta(minutes=15)
REMINDER_DAYS_BEFORE = 3
PROGRAMME_RECIPIENT_ROLES = [*CERCLE_ROLES, Role.PILOTE]


def _group_emails(transfo_id):
    return list(
        Participation.objects.actives()
        .filter(transfo_id=transfo_id, role__in=PROGRAMME_RECIPIENT_ROLES, user__is_active=True)
        .values_list("user__email", flat=True)
        .order_by("user__email")
    )


def _send_programme(session, kind):
    """One mail per member of the group: the dates, place and programme (no résidents' notes)."""
    context = {
        "session": session,
        "transfo": session.transfo,
        "days": [day.schedule() for day in session.days()],
        "kind": kind,
        "url": settings.SITE_URL + session.get_absolute_url(),
    }
    subject = render_to_string("collectivites/emails/programme_subject.txt", context).strip()
    body = render_to_string("collectivites/emails/programme_message.txt", context)
    messages = [
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email])
        for email in _group_emails(session.transfo_id)
    ]
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def _session(session_id):
    return (
        Session.objects.programmes()
        .with_programme()
        .select_related("transfo__collectivite")
        .filter(pk=session_id, statut=StatutSession.PUBLIEE)
        .first()
    )


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_session_published(session_id):
    """Mail the newly published programme to the group, once per publication."""
    session = _session(session_id)
    if session is None or (
        session.annonce_envoyee_le and session.annonce_envoyee_le >= session.publiee_le
    ):
        return 0
    sent = _send_programme(session, "publication")
    Session.objects.filter(pk=session.pk).update(annonce_envoyee_le=timezone.now())
    return sent


@shared_task
def notify_modified_sessions():
    """One mail per batch of changes to a published programme, once edits have settled."""
    settled = timezone.now() - CHANGE_QUIET_PERIOD
    pending = Session.objects.programmes().filter(
        Q(modification_notifiee_le__isnull=True) | Q(modification_notifiee_le__lt=F("modifiee_le")),
        statut=StatutSession.PUBLIEE,
        modifiee_le__isnull=False,
        modifiee_le__lte=settled,
    )
    count = 0
    for session_id in pending.values_list("pk", flat=True):
        session = _session(session_id)
        _send_programme(session, "modification")
        Session.objects.filter(pk=session_id).update(modification_notifiee_le=timezone.now())
        count += 1
    return count


@shared_task
def send_session_reminders():
    """Remind the group of a published session a few days before its first day."""
    target = timezone.localdate() + timedelta(days=REMINDER_DAYS_BEFORE)
    due = (
        Session.objects.programmes()
        .filter(statut=StatutSession.PUBLIEE, rappel_envoye_le__isnull=True)
        .annotate(first_day=Min("jours__date"))
        .filter(first_day__gte=timezone.localdate(), first_day__lte=target)
    )
    count = 0
    for session_id in due.values_list("pk", flat=True):
        session = _session(session_id)
        _send_programme(session, "rappel")
        Session.objects.filter(pk=session_id).update(rappel_envoye_le=timezone.now())
        count += 1
    return count


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def render_programme_pdf(session_id):
    """The programme as an A4 PDF (WeasyPrint), kept until the session changes again."""

    session = (
        Session.objects.programmes()
        .with_programme()
        .select_related("transfo__collectivite")
        .filter(pk=session_id)
        .first()
    )
    if session is None or session.pdf_ready:
        return
    version = session.version
    html = render_to_string(
        "collectivites/session_programme_pdf.html",
        {
            "session": session,
            "transfo": session.transfo,
            "days": [day.schedule() for day in session.days()],
        },
    )
    pdf = html_to_pdf(html)
    old = session.programme_pdf.name if session.programme_pdf else None
    session.programme_pdf.save(
        f"session-{session.numero}-v{version}.pdf", ContentFile(pdf), save=False
    )
    Session.objects.filter(pk=session.pk).update(
        programme_pdf=session.programme_pdf.name, programme_pdf_version=version
    )
    if old:
        session.programme_pdf.storage.delete(old)
