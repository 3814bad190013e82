"""Forms of the labos: the plan's sections and interventions, its settings and versions, the
spectrums, reviews, priorities, actors, time exchanges and the écosystème's sharing."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from collectivites.models import Session
from labos.models import Acteur, EchangeTemps, Intervention, Priorite, Revue
from transfo.fields import DOCUMENT, FreeTextFormField

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SectionForm(forms.Form):
    """One section's text, with the version the page showed (conflict detection)."""

    texte = FreeTextFormField(
        label=_("Texte"),
        required=False,
        max_length=DOCUMENT,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["texte"].label = label


class InterventionForm(forms.ModelForm):
    class Meta:
        model = Intervention
        fields = ["nom", "jours_homme"]


class PlanSettingsForm(forms.Form):
    """The labo's name (any member) and its publication (`labos.publish_labo` only)."""

    nom = forms.CharField(label=_("Nom du labo"), max_length=200, required=False)
    publie = forms.BooleanField(
        label=_("Publier le plan sur la page publique de la Transfo"),
        required=False,
        help_text=_(
            "La page publique montre la dernière version figée quand vous enregistrez, jamais "
            "le brouillon ; une version figée ensuite attend que l'on publie de nouveau."
        ),
    )

    def __init__(self, *args, can_publish, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publie"]


class FreezeForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("Session où la version est figée"),
        queryset=Session.objects.none(),
        required=False,
        empty_label=_("— aucune —"),
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, transfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(
            transfo=transfo, numero__isnull=False
        ).order_by("numero")
        self.fields["session"].label_from_instance = lambda s: f"#{s.numero} — {s.titre}"


class PositionsForm(forms.Form):
    """One range input per spectrum; a keyboard moves it natively (arrows, Home, End)."""

    def __init__(self, *args, axes, initial_positions, **kwargs):
        super().__init__(*args, **kwargs)
        self.axes = axes
        for axe in axes:
            value = initial_positions.get(axe.slug)
            current = axe.defaut if value is None else value
            self.fields[axe.slug] = forms.IntegerField(
                label=str(axe),
                min_value=0,
                max_value=axe.maximum,
                initial=current,
                widget=forms.NumberInput(
                    attrs={
                        "type": "range",
                        "min": 0,
                        "max": axe.maximum,
                        "step": 1,
                        "class": "spectre__range",
                        "list": f"crans-{axe.slug}",
                        "aria-describedby": f"bornes-{axe.slug}",
                        "aria-valuetext": axe.describe(current),
                        "data-valuetexts": "|".join(str(axe.describe(n)) for n in axe.stops),
                        "data-output": f"valeur-{axe.slug}",
                    }
                ),
            )

    def rows(self):
        """(axe, bound field, the current position in words) for each spectrum."""
        rows = []
        for axe in self.axes:
            field = self[axe.slug]
            value = field.value()
            try:
                text = axe.describe(int(value))
            except (TypeError, ValueError, IndexError):
                text = axe.describe(axe.defaut)
            rows.append((axe, field, text))
        return rows


class RevueForm(forms.ModelForm):
    class Meta:
        model = Revue
        fields = ["type", "texte", "contexte", "date"]
        widgets = {"date": DATE, "texte": forms.Textarea(attrs={"rows": 3})}


class PrioriteForm(forms.ModelForm):
    class Meta:
        model = Priorite
        fields = ["texte", "responsable", "responsable_nom", "echeance", "statut", "contexte"]
        widgets = {"echeance": DATE, "texte": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, transfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsable"].queryset = (
            get_user_model()
            .objects.filter(
                participations__transfo=transfo, participations__date_sortie__isnull=True
            )
            .order_by("full_name")
        )
        self.fields["responsable"].label_from_instance = lambda u: u.get_full_name()
        self.fields["responsable_nom"].help_text = _("Si la personne n'est pas membre du groupe.")


class ActeurForm(forms.ModelForm):
    class Meta:
        model = Acteur
        fields = [
            "nom",
            "type",
            "perimetre",
            "relation",
            "contact",
            "notes",
            "projets",
            "cas_pratiques",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "projets": forms.Textarea(attrs={"rows": 3}),
            "cas_pratiques": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, transfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cas_pratiques"].queryset = transfo.cas_pratiques.order_by("numero")


class EchangeTempsForm(forms.ModelForm):
    class Meta:
        model = EchangeTemps
        fields = ["direction", "sens", "heures", "date", "description"]
        widgets = {"date": DATE, "description": forms.Textarea(attrs={"rows": 2})}

    def clean_heures(self):
        heures = self.cleaned_data["heures"]
        if heures is not None and heures <= 0:
            raise forms.ValidationError(_("Indiquez un nombre d'heures positif."))
        return heures


class PartageEcosystemeForm(forms.Form):
    """A labo's choice to share its écosystème with the other sharing labos of its région."""

    actif = forms.BooleanField(
        label=_("Partager notre écosystème avec les autres labos de la région"),
        required=False,
        help_text=_(
            "Les labos de la même région qui partagent aussi le leur verront, pour chacun de "
            "nos acteurs : son nom, son type, interne ou externe, sa relation au labo et les "
            "projets et communautés qu'il porte, avec le nom de notre labo. Ils ne verront "
            "jamais la personne contact, les notes, les cas pratiques liés ni l'historique. "
            "Nous ne voyons leurs acteurs que tant que nous partageons les nôtres."
        ),
    )
