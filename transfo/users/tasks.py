from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from transfo import retention


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email_message(subject, body, to, html=None):
    """Send one prepared mail (account mails rendered by allauth)."""
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@shared_task
def purge_past_retention():
    """Daily: what is past its retention period goes (transfo.retention)."""
    return retention.purge_past_retention()
