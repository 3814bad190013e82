"""Forms of the carnet de bord: an entry, its visibility, its pieces."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import Humeur, TypePiece, Visibilite
from ambassadeurs.models import (
    EntreeCarnet,
    PieceJointe,
)
from ambassadeurs.uploads import check_upload
from collectivites.choices import GROUP_ROLES, StatutSession
from collectivites.models import Session, Transfo, transfo_ids

# The fields an autosaved draft keeps: those of the entry form.
DRAFT_FIELDS = ("transfo", "date", "session", "titre", "texte", "humeur")
DRAFT_MAX_LENGTH = 100_000
MAX_PHOTOS = 12


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.transfo.nom} — {obj}"


def writable_sessions(user, ids):
    """Sessions an entry may refer to: the published ones of the person's Transfos."""
    return (
        Session.objects.for_user(user)
        .filter(transfo_id__in=ids)
        .exclude(statut=StatutSession.BROUILLON)
        .select_related("transfo")
        .order_by("transfo__nom", "-numero")
    )


class EntreeCarnetForm(forms.ModelForm):
    session = SessionChoiceField(
        queryset=Session.objects.none(),
        required=False,
        label=_("Session"),
        empty_label=_("— Aucune session en particulier —"),
    )

    class Meta:
        model = EntreeCarnet
        fields = ["transfo", "date", "session", "titre", "texte", "humeur"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "texte": forms.Textarea(attrs={"rows": 14}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        ids = transfo_ids(user, GROUP_ROLES)
        allowed = Q(pk__in=ids)
        if self.instance.pk:
            allowed |= Q(pk=self.instance.transfo_id)
        self.fields["transfo"].queryset = Transfo.objects.filter(allowed)
        self.fields["transfo"].empty_label = None
        self.fields["session"].queryset = writable_sessions(user, ids)
        self.fields["humeur"].label = _("Mon humeur (météo)")
        self.fields["humeur"].choices = [("", _("— Non précisée —")), *Humeur.choices]

    def clean(self):
        data = super().clean()
        session, transfo = data.get("session"), data.get("transfo")
        if session and transfo and session.transfo_id != transfo.pk:
            self.add_error(
                "session", _("Cette session n'appartient pas à la Transfo choisie pour l'entrée.")
            )
        return data


class VisibiliteForm(forms.Form):
    visibilite = forms.ChoiceField(
        label=_("Qui peut lire cette entrée ?"),
        choices=Visibilite.choices,
        widget=forms.RadioSelect,
    )


class PieceJointeForm(forms.Form):
    fichier = forms.FileField(
        label=_("Photo ou capsule vidéo"),
        help_text=_(
            "Photos JPEG, PNG ou WebP jusqu'à 10 Mo ; une vidéo MP4 ou WebM jusqu'à 50 Mo."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".jpg,.jpeg,.png,.webp,.mp4,.webm,image/*,video/mp4,video/webm"}
        ),
    )
    legende = forms.CharField(label=_("Légende"), max_length=200, required=False)

    def __init__(self, *args, entree, **kwargs):
        super().__init__(*args, **kwargs)
        self.entree = entree
        self.format = None

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        self.format = check_upload(upload)
        pieces = self.entree.pieces.filter(type=self.format.type)
        if self.format.type == TypePiece.VIDEO and pieces.exists():
            raise forms.ValidationError(
                _(
                    "Cette entrée a déjà sa capsule vidéo : supprimez-la avant d'en ajouter une autre."
                )
            )
        if self.format.type == TypePiece.PHOTO and pieces.count() >= MAX_PHOTOS:
            raise forms.ValidationError(
                _("Une entrée peut avoir %(n)s photos au plus.") % {"n": MAX_PHOTOS}
            )
        return upload

    def save(self):
        upload = self.cleaned_data["fichier"]
        piece = PieceJointe(
            entree=self.entree,
            nom=upload.name[-200:],
            type=self.format.type,
            content_type=self.format.content_type,
            taille=upload.size,
            legende=self.cleaned_data["legende"],
        )
        piece.fichier.save(upload.name, upload, save=False)
        piece.save()
        return piece
