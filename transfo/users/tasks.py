import tempfile
import zipfile
from urllib.parse import quote

from celery import shared_task
from django.conf import settings
from django.core.files import File
from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from transfo import mydata, retention
from transfo.users.models import ExportDonnees, export_path


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_email_message(subject, body, to, html=None):
    """Send one prepared mail (account mails rendered by allauth)."""
    message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_password_reset(email, url_template):
    """The reset mail to each active account of the address; an unknown one gets nothing.

    `url_template` is the absolute reset URL with `UID-KEY` in place of the key, built from
    the request (transfo.users.forms.ResetPasswordForm), as allauth builds it.
    """
    # allauth's own lookup for a reset: its form calls it with the same arguments.
    from allauth.account.adapter import get_adapter
    from allauth.account.forms import default_token_generator
    from allauth.account.internal.userkit import filter_users_by_email
    from allauth.account.utils import user_pk_to_url_str

    adapter = get_adapter()
    users = filter_users_by_email(email, is_active=True, prefer_verified=True, for_login=True)
    for user in users:
        key = f"{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}"
        context = {
            "user": user,
            "email": email,
            "password_reset_url": url_template.replace("UID-KEY", quote(key)),
        }
        adapter.render_mail("account/email/password_reset_key", email, context).send()


@shared_task
def purge_past_retention():
    """Daily: what is past its retention period goes (transfo.retention)."""
    return retention.purge_past_retention()


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=3)
def build_data_export(export_id):
    """The ZIP of "mes données": donnees.json and the person's files; once per request."""
    export = (
        ExportDonnees.objects.select_related("user")
        .filter(pk=export_id, pret_le__isnull=True)
        .first()
    )
    if export is None or not export.user.is_active:
        return
    with tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024) as buffer:
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            mydata.write_archive(export.user, archive)
        size = buffer.tell()
        buffer.seek(0)
        stamp = timezone.localtime(export.demande_le).strftime("%Y-%m-%d")
        name = export.fichier.storage.save(
            export_path(export, f"mes-donnees-{stamp}.zip"), File(buffer)
        )
    export.mark_ready(name, size)
