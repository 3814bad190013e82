from django import forms
from django.utils.translation import gettext_lazy as _


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
