from django import forms
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import Categorie, Genre, Humeur, NoteMeteo, TypePiece, Visibilite
from ambassadeurs.imports import ImportFileError, check_file
from ambassadeurs.models import (
    AmbassadeurProfile,
    Devoir,
    EntreeCarnet,
    PieceJointe,
    ReponseDevoir,
    group_transfo_ids,
)
from ambassadeurs.uploads import check_document, check_upload
from collectivites.choices import CERCLE_ROLES, StatutSession
from collectivites.models import Session, Transfo
from transfo.fields import NOTE, FreeTextFormField

# The fields an autosaved draft keeps: those of the entry form.
DRAFT_FIELDS = ("transfo", "date", "session", "titre", "texte", "humeur")
DRAFT_MAX_LENGTH = 100_000
MAX_PHOTOS = 12


class SessionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.transfo.nom} — {obj}"


def writable_sessions(user, transfo_ids):
    """Sessions an entry may refer to: the published ones of the person's Transfos."""
    return (
        Session.objects.for_user(user)
        .filter(transfo_id__in=transfo_ids)
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
        transfo_ids = group_transfo_ids(user)
        allowed = Q(pk__in=transfo_ids)
        if self.instance.pk:
            allowed |= Q(pk=self.instance.transfo_id)
        self.fields["transfo"].queryset = Transfo.objects.filter(allowed)
        self.fields["transfo"].empty_label = None
        self.fields["session"].queryset = writable_sessions(user, transfo_ids)
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


class ProfilForm(forms.ModelForm):
    """A member of the group as the pilote keeps them: their participation and profile."""

    cercle = forms.ChoiceField(
        label=_("Cercle"),
        choices=[(role.value, role.label) for role in CERCLE_ROLES],
        help_text=_("Les relais suivent la Transfo de plus loin que les ambassadeur·rices."),
    )
    date_entree = forms.DateField(
        label=_("Entrée dans le groupe"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    class Meta:
        model = AmbassadeurProfile
        fields = [
            "direction",
            "service",
            "metier",
            "categorie",
            "genre",
            "n1_nom",
            "n1_email",
            "roles",
            "passions",
        ]

    def __init__(self, *args, participation, with_genre, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation = participation
        self.fields["cercle"].initial = participation.role
        self.fields["date_entree"].initial = participation.date_entree
        self.fields["categorie"].choices = [("", _("— Non renseignée —")), *Categorie.choices]
        if with_genre:
            self.fields["genre"].choices = [("", _("— Non renseigné —")), *Genre.choices]
        else:
            # Only the person and the pilote interne see a person's genre.
            del self.fields["genre"]
        self.order_fields(["cercle", "date_entree"])

    def save(self, commit=True):
        profile = super().save(commit=False)
        profile.participation = self.participation
        self.participation.role = self.cleaned_data["cercle"]
        self.participation.date_entree = self.cleaned_data["date_entree"]
        if commit:
            with transaction.atomic():
                self.participation.save(update_fields=["role", "date_entree"])
                profile.save()
        return profile


class SortieForm(forms.Form):
    """The ritualised exit of a member: a date and the reason, kept in the history."""

    date_sortie = forms.DateField(
        label=_("Date de sortie"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    raison_sortie = FreeTextFormField(
        label=_("Raison de la sortie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=NOTE,
        help_text=_(
            "Ce que la personne a dit de son départ (charge de travail, mobilité, N+1…) : "
            "le groupe en tire des enseignements."
        ),
    )

    def __init__(self, *args, participation, **kwargs):
        super().__init__(*args, **kwargs)
        self.participation = participation

    def clean_date_sortie(self):
        value = self.cleaned_data["date_sortie"]
        if value < self.participation.date_entree:
            raise forms.ValidationError(
                _("La sortie ne peut précéder l'entrée dans le groupe (%(date)s).")
                % {"date": self.participation.date_entree.strftime("%d/%m/%Y")}
            )
        return value


class ImportGroupeForm(forms.Form):
    fichier = forms.FileField(
        label=_("Fichier du groupe"),
        help_text=_(
            "Un tableau CSV ou Excel (.xlsx) de 2 Mo au plus, une personne par ligne, avec au "
            "moins les colonnes « Nom » et « E-mail »."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        try:
            self.extension = check_file(upload)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload


# Charters and attendance -----------------------------------------------------------------


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


class MeteoForm(forms.Form):
    note = forms.TypedChoiceField(
        label=_("Météo"),
        coerce=int,
        choices=[("", _("— Non relevée —")), *NoteMeteo.choices],
        required=False,
    )
    mot = forms.CharField(label=_("Un mot"), max_length=60, required=False)

    def clean(self):
        data = super().clean()
        if data.get("mot") and not data.get("note"):
            self.add_error("note", _("Choisissez la météo qui accompagne ce mot."))
        return data


# Devoirs -------------------------------------------------------------------------------


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
