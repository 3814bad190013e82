from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cas_pratiques.models import (
    LIVRABLE_FORMATS,
    CasPratique,
    Contact,
    Livrable,
    Photo,
    check_livrable_file,
    check_photo_file,
)
from collectivites.models import Methode, Session

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
        check_photo_file(upload)
        return upload


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
    commentaire = forms.CharField(
        label=_("Ce qu'il faut reprendre"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Le commentaire s'affiche sur la page du cas pour ses auteurs."),
    )
