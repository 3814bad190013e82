"""Forms of the Intertransfos: an Intertransfo, its moments, guests and members, ateliers and
propositions, labo reviews, priorities, the public summary."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.text import capfirst, slugify
from django.utils.translation import gettext_lazy as _

from collectivites.choices import Role
from collectivites.models import Transfo
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


def slug_libre(base, exclude_pk=None):
    """`base`, or `base-2`, `base-3`... : the first no other Intertransfo has."""
    base = base[:90].strip("-") or "intertransfo"
    taken = set(
        Intertransfo.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class IntertransfoForm(forms.ModelForm):
    """An Intertransfo. Its address (slug) is made from its title (number, place, year:
    'n6-strasbourg-2019') when left blank; a coordinator may still write their own."""

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
            "slug": _(
                "Laissez vide : il est fait du numéro, du lieu et de l'année "
                "(n6-strasbourg-2019). Des lettres sans accents, des chiffres et des tirets."
            ),
            "date_fin": _("Seulement si l'Intertransfo dure plus d'une journée."),
        }
        # The end date is checked against the start and the programme's days by
        # Intertransfo.clean(). Every field's errors say what to write, in French.
        error_messages = {
            "numero": {
                "invalid": _("Écrivez le numéro en chiffres, par exemple 6."),
                "min_value": _("Le numéro est un nombre positif."),
                "max_value": _("Ce numéro est trop grand."),
                "unique": _("Une autre Intertransfo porte déjà ce numéro."),
            },
            "slug": {
                "invalid": _(
                    "L'identifiant d'URL ne contient que des lettres sans accents, des "
                    "chiffres et des tirets (n6-strasbourg-2019)."
                ),
                "unique": _("Une autre Intertransfo a déjà cet identifiant d'URL."),
                "max_length": _("L'identifiant d'URL tient en 100 caractères au plus."),
            },
            "date": {
                "required": _("Indiquez la date de l'Intertransfo."),
                "invalid": _("Indiquez une date valide, par exemple 26/01/2018."),
            },
            "date_fin": {"invalid": _("Indiquez une date de fin valide, par exemple 27/01/2018.")},
            "lieu": {
                "required": _("Indiquez le lieu de l'Intertransfo (une ville, un tiers-lieu)."),
                "max_length": _("Le lieu tient en 200 caractères au plus."),
            },
            "transfo_hote": {"invalid_choice": _("Choisissez la Transfo hôte dans la liste.")},
            "theme": {"max_length": _("Le thème tient en 300 caractères au plus.")},
            "transfos": {
                "invalid_choice": _("Choisissez les Transfos participantes dans la liste."),
                "invalid_pk_value": _("Choisissez les Transfos participantes dans la liste."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False

    def clean_slug(self):
        return self.cleaned_data.get("slug") or ""

    def clean(self):
        data = super().clean()
        if not data.get("slug") and "slug" not in self.errors:
            parts = []
            if data.get("numero"):
                parts.append(f"n{data['numero']}")
            parts.append(data.get("lieu") or "")
            if data.get("date"):
                parts.append(str(data["date"].year))
            data["slug"] = slug_libre(slugify(" ".join(parts)), exclude_pk=self.instance.pk)
            self.instance.slug = data["slug"]
        return data


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


def _members():
    return get_user_model().objects.filter(participations__date_sortie__isnull=True).distinct()


class MemberForm(forms.Form):
    """Members registered by the coordination (they can also register themselves): a whole
    Transfo's team at once, or one person found by searching their name or e-mail (never a
    list of every member). Without a search `q`: the Transfo; with one: the people found."""

    transfo = forms.ModelChoiceField(
        label=_("Toute une Transfo"),
        queryset=Transfo.objects.order_by("nom"),
        required=False,
        empty_label=_("Choisir une Transfo"),
        help_text=_("Inscrit toutes ses personnes actives qui ne le sont pas encore."),
        error_messages={"invalid_choice": _("Choisissez la Transfo dans la liste.")},
    )
    user = MemberChoiceField(
        label=_("Ou une personne"),
        queryset=_members(),
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Choisissez la personne parmi celles trouvées.")},
    )

    SEARCH_LIMIT = 30

    def __init__(self, *args, intertransfo, q=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.intertransfo = intertransfo
        if not q:
            del self.fields["user"]
            self.fields["transfo"].required = True
            self.fields["transfo"].error_messages["required"] = _("Choisissez une Transfo.")
        else:
            del self.fields["transfo"]
            self.fields["user"].queryset = self.search(q)
            self.fields["user"].required = True
            self.fields["user"].error_messages["required"] = _("Choisissez la personne à inscrire.")

    def search(self, q):
        """At most SEARCH_LIMIT members whose name or e-mail holds every word of `q`, those
        already registered left out."""
        found = _members().exclude(participations_intertransfo__intertransfo=self.intertransfo)
        for word in (q or "").split()[:5]:
            found = found.filter(Q(full_name__icontains=word) | Q(email__icontains=word))
        found = found.order_by("full_name", "pk")
        return found.filter(pk__in=list(found.values_list("pk", flat=True)[: self.SEARCH_LIMIT]))

    def clean_user(self):
        user = self.cleaned_data.get("user")
        if user and self.intertransfo.participants.filter(user=user).exists():
            raise forms.ValidationError(_("Cette personne est déjà inscrite."))
        return user

    def members_of_transfo(self):
        """The Transfo's active people (its coordinators aside) not registered yet."""
        transfo = self.cleaned_data["transfo"]
        registered = self.intertransfo.participants.filter(user__isnull=False).values("user")
        return list(
            get_user_model()
            .objects.filter(
                participations__transfo=transfo, participations__date_sortie__isnull=True
            )
            .exclude(participations__role=Role.COORDINATEUR, participations__transfo=transfo)
            .exclude(pk__in=registered)
            .distinct()
        )


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
