"""Forms of the charte d'engagement: its text, a signature, a denunciation."""

from django import forms
from django.utils.translation import gettext_lazy as _

from transfo.fields import NOTE, FreeTextFormField


class TexteCharteForm(forms.Form):
    texte = FreeTextFormField(
        label=_("Texte de la charte"),
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Mise en forme Markdown. Chaque modification crée une nouvelle version ; les "
            "signatures déjà données restent attachées à la version signée."
        ),
    )


class SignatureForm(forms.Form):
    accepte = forms.BooleanField(
        label=_("J'ai lu la charte et je m'engage à la respecter."),
        error_messages={"required": _("Cochez la case pour signer la charte.")},
    )


class DenonciationForm(forms.Form):
    motif = FreeTextFormField(
        label=_("Motif (facultatif)"),
        required=False,
        max_length=NOTE,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Il sera lu par les autres parties de la charte."),
    )
    confirme = forms.BooleanField(
        label=_(
            "Je confirme dénoncer la charte : ma signature prend fin et les autres parties en "
            "sont informées par e-mail."
        ),
        error_messages={"required": _("Cochez la case pour confirmer la dénonciation.")},
    )
