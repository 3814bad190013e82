from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator

from transfo import outbox
from transfo.users.tasks import send_email_message


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation only; allauth's mails leave through Celery."""

    def is_open_for_signup(self, request):
        return False

    def send_mail(self, template_prefix, email, context):
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (
                content
                for content, mimetype in getattr(message, "alternatives", [])
                if mimetype == "text/html"
            ),
            None,
        )
        payload = {
            "subject": message.subject,
            "body": message.body,
            "to": list(message.to),
            "html": html,
        }
        outbox.enqueue(send_email_message, **payload)


class MFAAdapter(DefaultMFAAdapter):
    """Those who must sign in with a second factor keep at least one."""

    def can_delete_authenticator(self, authenticator):
        from transfo.middleware import must_use_mfa

        if not must_use_mfa(authenticator.user):
            return True
        factors = Authenticator.objects.filter(user_id=authenticator.user_id).exclude(
            type=Authenticator.Type.RECOVERY_CODES
        )
        return factors.exclude(pk=authenticator.pk).exists()
