from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from collectivites.choices import Role
from collectivites.models import Invitation, Participation


class InvitationForm(forms.ModelForm):
    """Invite an email to a Transfo, with one of the roles the inviter may give."""

    class Meta:
        model = Invitation
        fields = ["email", "role", "discipline"]
        help_texts = {
            "email": _("La personne reçoit un lien à usage unique pour choisir son mot de passe."),
            "discipline": _("Seulement pour un·e résident·e."),
        }

    def __init__(self, *args, transfo, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.transfo = transfo
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        self.fields["discipline"].required = False

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if (
            Participation.objects.actives()
            .filter(transfo=self.transfo, user__email__iexact=email)
            .exists()
        ):
            raise forms.ValidationError(_("Cette personne fait déjà partie de la Transfo."))
        if self.transfo.invitations.pending().filter(email=email).exists():
            raise forms.ValidationError(
                _("Une invitation est déjà en attente pour cette adresse : renvoyez-la plutôt.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") != Role.RESIDENT:
            cleaned["discipline"] = ""
        return cleaned


class AcceptInvitationForm(forms.Form):
    """First sign-in of an invitee: their name and a password of their choice."""

    full_name = forms.CharField(label=_("Nom complet"), max_length=150)
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne correspondent pas."))
        elif password1:
            user = get_user_model()(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
