"""Forms of the Intertransfos: an Intertransfo, its moments, guests and members, ateliers and
propositions, labo reviews, priorities, the public summary."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from intertransfo.choices import TypeEquipe
from intertransfo.models import Atelier, Intertransfo, Moment, Participant, Proposition
from labos.choices import TypeRevue
from transfo.dates import french_date
from transfo.fields import FreeTextFormField


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class IntertransfoForm(forms.ModelForm):
    class Meta:
        model = Intertransfo
        fields = [
            "numero",
            "slug",
            "date",
            "date_fin",
            "lieu",
            "transfo_hote",
            "theme",
            "resume",
            "transfos",
            "videos",
        ]
        widgets = {
            "date": DateInput(),
            "date_fin": DateInput(),
            "transfos": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "slug": _("Par exemple : n6-strasbourg-2019."),
            "date_fin": _("Seulement si l'Intertransfo dure plus d'une journée."),
        }
        # The end date is checked against the start and the programme's days by
        # Intertransfo.clean().


class MomentForm(forms.ModelForm):
    """A programme item; on an Intertransfo of several days, its day is chosen among the
    event's dates (a plain select, no script)."""

    class Meta:
        model = Moment
        fields = ["jour", "debut", "fin", "titre", "description"]
        widgets = {
            "debut": TimeInput(),
            "fin": TimeInput(),
            "description": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, intertransfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.intertransfo = intertransfo
        if intertransfo.sur_plusieurs_jours:
            self.fields["jour"] = forms.TypedChoiceField(
                label=_("Jour"),
                coerce=int,
                choices=[
                    (numero, capfirst(french_date(day, "weekday")))
                    for numero, day in intertransfo.jours()
                ],
                initial=self.instance.jour,
            )
        else:
            del self.fields["jour"]

    def clean(self):
        data = super().clean()
        if data.get("debut") and data.get("fin") and data["fin"] <= data["debut"]:
            self.add_error("fin", _("La fin doit suivre le début."))
        return data


class GuestForm(forms.ModelForm):
    """A guest without account (a partner, Bloomberg Philanthropies...)."""

    class Meta:
        model = Participant
        fields = ["nom", "organisation", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nom"].required = True

    def save(self, commit=True):
        self.instance.type_equipe = TypeEquipe.INVITE
        return super().save(commit)


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.get_full_name()} <{obj.email}>"


class MemberForm(forms.Form):
    """A member registered by the coordination (they can also register themselves)."""

    user = MemberChoiceField(
        label=_("Membre"),
        queryset=get_user_model()
        .objects.filter(participations__date_sortie__isnull=True)
        .distinct(),
    )

    def __init__(self, *args, intertransfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.intertransfo = intertransfo

    def clean_user(self):
        user = self.cleaned_data["user"]
        if self.intertransfo.participants.filter(user=user).exists():
            raise forms.ValidationError(_("Cette personne est déjà inscrite."))
        return user


class AtelierForm(forms.ModelForm):
    class Meta:
        model = Atelier
        fields = ["numero", "titre", "questions", "scribe"]
        widgets = {"questions": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, intertransfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.intertransfo = intertransfo
        self.fields["scribe"] = MemberChoiceField(
            label=_("Scribe"),
            required=False,
            queryset=get_user_model().objects.filter(
                participations_intertransfo__intertransfo=intertransfo
            ),
            help_text=_("Parmi les personnes inscrites."),
        )

    def clean_numero(self):
        numero = self.cleaned_data["numero"]
        taken = self.intertransfo.ateliers.filter(numero=numero).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Un groupe porte déjà ce numéro."))
        return numero


class PropositionForm(forms.ModelForm):
    class Meta:
        model = Proposition
        fields = ["texte"]
        widgets = {"texte": forms.Textarea(attrs={"rows": 2})}
        labels = {"texte": _("Nouvelle proposition")}


class RevueForm(forms.Form):
    """What a participant finds in a labo's plan: le + inspirant, le + risqué, la question."""

    type = forms.ChoiceField(label=_("Ce que vous retenez"), choices=TypeRevue.choices)
    texte = FreeTextFormField(label=_("Votre remarque"), widget=forms.Textarea(attrs={"rows": 2}))


class PrioriteForm(forms.Form):
    texte = FreeTextFormField(
        label=_("Priorité ou prochaine action"), widget=forms.Textarea(attrs={"rows": 2})
    )
    responsable_nom = forms.CharField(label=_("Qui s'en charge"), required=False, max_length=200)
    echeance = forms.DateField(label=_("Échéance"), required=False, widget=DateInput())


class SyntheseForm(forms.ModelForm):
    """The public summary of an Intertransfo, written by the coordination before publishing."""

    class Meta:
        model = Intertransfo
        fields = ["synthese"]
        widgets = {"synthese": forms.Textarea(attrs={"rows": 8})}
