from allauth.account.adapter import get_adapter
from allauth.account.forms import ResetPasswordForm as AllauthResetPasswordForm
from allauth.utils import build_absolute_uri
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from transfo import outbox
from transfo.users.tasks import send_password_reset


class ResetPasswordForm(AllauthResetPasswordForm):
    """A reset request does the same work whether the address has an account or not: it
    queues one task, and the worker looks the address up (transfo.users.tasks). Looking it
    up here made the answer measurably slower for a real account (token, mail rendering)."""

    def clean_email(self):
        self.users = []
        return get_adapter().clean_email(self.cleaned_data["email"].lower())

    def save(self, request, **kwargs):
        email = self.cleaned_data["email"]
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        outbox.enqueue(send_password_reset, email, build_absolute_uri(request, path))
        return email


class SuppressionCompteForm(forms.Form):
    """Deleting one's account: the password again, and an explicit confirmation."""

    password = forms.CharField(
        label=_("Mon mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": _("Saisissez votre mot de passe pour confirmer.")},
    )
    confirmation = forms.BooleanField(
        label=_(
            "Je comprends que mon compte et mes entrées privées seront supprimés "
            "définitivement, et que mes contributions partagées resteront, anonymisées."
        ),
        error_messages={"required": _("Cochez la case pour confirmer la suppression.")},
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Ce mot de passe n'est pas le bon."))
        return password
