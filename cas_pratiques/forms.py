"""Forms of the cas pratiques: a case, its livrables, photos and contacts, sending back for
rework, and its working material (immersions, fiches idées, tamis)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cas_pratiques.models import (
    LIVRABLE_FORMATS,
    CasPratique,
    Contact,
    FicheIdee,
    Immersion,
    Livrable,
    Photo,
    Tamis,
    check_livrable_file,
    check_photo_file,
)
from collectivites.models import Methode, Participation, Session
from transfo.fields import FreeTextFormField
from transfo.images import prepare_photo

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


CAS_FIELDSETS = [
    (
        _("Le cas"),
        [
            "numero",
            "titre",
            "sujet",
            "problematique",
            "direction_porteuse",
            "porteur",
            "statut",
            "date_debut",
            "date_fin",
        ],
    ),
    (
        _("Comment il a été travaillé"),
        [
            "mode_saisine",
            "type_sujet",
            "finalites",
            "modes_intervention",
            "methodes",
            "sessions",
        ],
    ),
    (
        _("Conditions de réussite (cadrage, privé)"),
        [
            "cadre_experimental_partage",
            "engagement_porteur",
            "portage_politique_technique",
            "perimetre_clair",
            "perimetre",
        ],
    ),
    (_("Le récit publié sur la vitrine"), ["resume", "methode", "resultats", "suites"]),
    (_("Notes de travail (privé)"), ["notes_internes"]),
]


class CasPratiqueForm(forms.ModelForm):
    """A case and its story; the private fields say so in their label."""

    class Meta:
        model = CasPratique
        fields = [name for _legend, names in CAS_FIELDSETS for name in names]
        widgets = {
            "date_debut": DATE_WIDGET,
            "date_fin": DATE_WIDGET,
            "methodes": forms.CheckboxSelectMultiple,
            "sessions": forms.CheckboxSelectMultiple,
            "sujet": forms.Textarea(attrs={"rows": 3}),
            "problematique": forms.Textarea(attrs={"rows": 2}),
            "perimetre": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, transfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.transfo = transfo
        self.fields["methodes"].queryset = Methode.objects.order_by("nom")
        self.fields["sessions"].queryset = Session.objects.programmes().filter(transfo=transfo)
        self.fields["sessions"].label_from_instance = lambda s: f"#{s.numero} {s.titre}"

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in CAS_FIELDSETS]

    def clean_numero(self):
        numero = self.cleaned_data["numero"]
        others = CasPratique.objects.filter(transfo=self.transfo, numero=numero)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(_("Ce numéro est déjà celui d'un autre cas de la Transfo."))
        return numero

    def clean(self):
        cleaned = super().clean()
        debut, fin = cleaned.get("date_debut"), cleaned.get("date_fin")
        if debut and fin and fin < debut:
            self.add_error("date_fin", _("La fin ne peut précéder le début."))
        return cleaned


class LivrableForm(forms.ModelForm):
    class Meta:
        model = Livrable
        fields = ["titre", "fichier", "public"]
        widgets = {
            "fichier": forms.ClearableFileInput(
                attrs={"accept": ",".join(f".{ext}" for ext in LIVRABLE_FORMATS)}
            )
        }

    def clean_fichier(self):
        upload = self.cleaned_data["fichier"]
        self.kind = check_livrable_file(upload)
        return upload

    def save(self, commit=True):
        livrable = super().save(commit=False)
        livrable.type = self.kind
        livrable.taille = self.cleaned_data["fichier"].size
        if commit:
            livrable.save()
        return livrable


class PhotoForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = ["image", "alt", "legende", "public"]
        widgets = {"image": forms.ClearableFileInput(attrs={"accept": "image/*"})}

    def clean_image(self):
        upload = self.cleaned_data["image"]
        if not isinstance(upload, UploadedFile):
            return upload
        check_photo_file(upload)
        # Upright, at most 2000 px, without EXIF (GPS position) or other metadata.
        return prepare_photo(upload)


class ContactForm(forms.ModelForm):
    """A contact; the consent box records when the person agreed to be published."""

    consentement = forms.BooleanField(
        label=_("La personne a donné son accord pour figurer sur la vitrine"),
        required=False,
        help_text=_("Sans cet accord, le contact reste visible du seul groupe de la Transfo."),
    )

    class Meta:
        model = Contact
        fields = ["nom", "role", "email", "consentement", "consentement_source"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consentement"].initial = self.instance.consentement

    def save(self, commit=True):
        contact = super().save(commit=False)
        if not self.cleaned_data["consentement"]:
            contact.consentement_le = None
        elif contact.consentement_le is None:
            contact.consentement_le = timezone.now()
        if commit:
            contact.save()
        return contact


class SendBackForm(forms.Form):
    commentaire = FreeTextFormField(
        label=_("Ce qu'il faut reprendre"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Le commentaire s'affiche sur la page du cas pour ses auteurs."),
    )


class ImmersionForm(forms.ModelForm):
    """An immersion; the trinôme is chosen among the members of the case's Transfo."""

    class Meta:
        model = Immersion
        fields = ["lieu", "date", "journaliste", "observateur", "photographe", "notes"]
        widgets = {"date": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, transfo, **kwargs):
        super().__init__(*args, **kwargs)
        members = Participation.objects.actives().filter(transfo=transfo).values("user_id")
        for role in Immersion.ROLES:
            field = self.fields[role]
            field.queryset = field.queryset.filter(pk__in=members).order_by("full_name")
            field.label_from_instance = lambda user: user.get_full_name()
            field.empty_label = _("— personne —")


class FicheIdeeForm(forms.ModelForm):
    class Meta:
        model = FicheIdee
        fields = [
            "nom",
            "piste",
            "equipe",
            "viabilite",
            "mon_projet",
            "fonctionnement",
            "obstacles",
            "leviers",
            "post_it",
            "schemas",
            "schema",
        ]
        widgets = {
            "mon_projet": forms.Textarea(attrs={"rows": 3}),
            "fonctionnement": forms.Textarea(attrs={"rows": 4}),
            "obstacles": forms.Textarea(attrs={"rows": 3}),
            "leviers": forms.Textarea(attrs={"rows": 3}),
            "post_it": forms.Textarea(attrs={"rows": 3}),
            "schemas": forms.Textarea(attrs={"rows": 2}),
            "schema": forms.ClearableFileInput(attrs={"accept": "image/*"}),
        }

    def clean_schema(self):
        upload = self.cleaned_data.get("schema")
        if isinstance(upload, UploadedFile):
            check_photo_file(upload)
        return upload


class TamisForm(forms.ModelForm):
    class Meta:
        model = Tamis
        fields = ["titre", "critere_gauche", "critere_droite", "critere_haut", "critere_bas"]
