"""Forms of the devoirs: a devoir, an answer, a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ambassadeurs.models import (
    Devoir,
    ReponseDevoir,
)
from ambassadeurs.uploads import check_document
from transfo.fields import FreeTextFormField


class _AttachmentMixin:
    """A devoir's or an answer's file: checked (type by its first bytes, size), optional."""

    def clean_piece(self):
        upload = self.cleaned_data.get("piece")
        if upload:
            self.format = check_document(upload)
        return upload

    def attach(self, instance):
        upload = self.cleaned_data.get("piece")
        if upload:
            instance.fichier.save(upload.name[-100:], upload, save=False)
            instance.nom_fichier = upload.name[-200:]
            instance.content_type = self.format.content_type


PIECE_HELP = _("Facultatif. PDF, ODT, DOCX, JPEG ou PNG, 10 Mo au plus.")


class DevoirForm(_AttachmentMixin, forms.ModelForm):
    piece = forms.FileField(label=_("Pièce jointe"), required=False, help_text=PIECE_HELP)

    class Meta:
        model = Devoir
        fields = ["titre", "consignes", "echeance"]
        widgets = {
            "echeance": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "consignes": forms.Textarea(attrs={"rows": 10}),
        }


class ReponseDevoirForm(_AttachmentMixin, forms.ModelForm):
    piece = forms.FileField(label=_("Fichier"), required=False, help_text=PIECE_HELP)

    class Meta:
        model = ReponseDevoir
        fields = ["texte"]
        widgets = {"texte": forms.Textarea(attrs={"rows": 8})}

    def clean(self):
        data = super().clean()
        if not data.get("texte") and not data.get("piece") and not self.instance.fichier:
            raise forms.ValidationError(_("Écrivez une réponse ou joignez un fichier."))
        return data


class CommentaireForm(forms.Form):
    texte = FreeTextFormField(
        label=_("Votre commentaire"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
