from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import timezone

from collectivites.models import Invitation


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
        "accept_url": settings.SITE_URL + invitation.get_accept_url(),
        "inviter_name": (
            invitation.invited_by.get_full_name() if invitation.invited_by else "La 27e Région"
        ),
    }
    subject = render_to_string("collectivites/emails/invitation_subject.txt", context).strip()
    body = render_to_string("collectivites/emails/invitation_message.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [invitation.email])
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now())
