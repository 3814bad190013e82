"""Forms of the collectivites app: invitations and their acceptance, sessions, their debrief,
days and blocks of the planner."""

from datetime import timedelta

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.core import signing
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from collectivites.choices import Role
from collectivites.models import (
    Bloc,
    Invitation,
    Jour,
    Methode,
    Participation,
    Session,
    facilitators_by_role,
    facilitators_of,
)
from collectivites.models.sessions import snapshot_values
from collectivites.protocol import session_date_error
from transfo.dates import french_date


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
        self.member_never_signed_in = None
        self.fields["role"].choices = [(role.value, role.label) for role in roles]
        self.fields["discipline"].required = False

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        member = (
            Participation.objects.actives()
            .filter(transfo=self.transfo, user__email__iexact=email)
            .select_related("user", "transfo")
            .first()
        )
        if member is not None and member.user.never_signed_in:
            # Say so and let the view offer a sign-in link instead of a dead end (issue 19,
            # item 7); only about a member of this Transfo, nothing about other accounts.
            self.member_never_signed_in = member
            raise forms.ValidationError(
                _(
                    "%(nom)s fait déjà partie de la Transfo mais ne s'est jamais connecté·e : "
                    "envoyez-lui plutôt un lien de connexion."
                )
                % {"nom": member.user.get_full_name()},
                code="never_signed_in",
            )
        if member is not None:
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


class SessionForm(forms.ModelForm):
    """A session's identity: number, title, place, objectives."""

    class Meta:
        model = Session
        fields = ["numero", "titre", "lieu", "objectifs"]
        widgets = {"objectifs": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, transfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.transfo = transfo
        self.fields["numero"].required = True
        self.fields["numero"].min_value = 1

    def clean_numero(self):
        numero = self.cleaned_data["numero"]
        taken = Session.objects.programmes().filter(transfo=self.transfo, numero=numero)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(
                _("La session n°%(numero)s existe déjà dans cette Transfo.") % {"numero": numero}
            )
        return numero


def first_day_field(required, help_text, label=None):
    return forms.DateField(
        label=label or _("Premier jour"),
        required=required,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=help_text,
    )


SHIFT_HELP = _("Les autres jours suivent en gardant leurs écarts avec le premier.")


def check_span(form, transfo, first_day, length):
    """A form error when the session's days, from `first_day` over `length` days, leave the
    Transfo's span (collectivites.protocol.session_span)."""
    if not first_day:
        return
    for day in (first_day, first_day + length):
        error = session_date_error(transfo, day)
        if error:
            form.add_error("premier_jour", error)
            return


def length_of(session):
    """Days from the session's first date to its last (the gaps kept by a shift)."""
    if session is None or not session.date_debut:
        return timedelta(days=max(0, session.nb_jours - 1) if session else 0)
    return session.date_fin - session.date_debut


class SessionEditForm(SessionForm):
    """A session's identity and its first day: changing it moves every day at once."""

    premier_jour = first_day_field(False, SHIFT_HELP)

    class Meta(SessionForm.Meta):
        pass

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["premier_jour"].initial = self.instance.date_debut

    def clean(self):
        cleaned = super().clean()
        first_day = cleaned.get("premier_jour")
        if first_day != self.instance.date_debut:
            check_span(self, self.transfo, first_day, length_of(self.instance))
        return cleaned


class DuplicateForm(forms.Form):
    """The first day of a duplicate; empty, the copy has no dates yet."""

    premier_jour = first_day_field(
        False,
        _("Les autres jours gardent leurs écarts ; vide : la copie n'a pas encore de dates."),
        label=_("Premier jour de la copie"),
    )

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, auto_id="duplicate_%s", **kwargs)
        self.session = session

    def clean(self):
        cleaned = super().clean()
        check_span(self, self.session.transfo, cleaned.get("premier_jour"), length_of(self.session))
        return cleaned


class SessionCreateForm(SessionForm):
    """A new session: blank, from a template, or a copy of another session."""

    premier_jour = first_day_field(
        True, _("Une copie ou un modèle daté : les autres jours gardent leurs écarts.")
    )
    nb_jours = forms.IntegerField(
        label=_("Nombre de jours"),
        min_value=1,
        max_value=5,
        initial=2,
        help_text=_("Le protocole prévoit 2 à 3 jours consécutifs."),
    )
    depart = forms.ChoiceField(label=_("Partir de"), required=False)

    class Meta(SessionForm.Meta):
        pass

    def __init__(self, *args, transfo, modeles, copies, **kwargs):
        super().__init__(*args, transfo=transfo, **kwargs)
        self.sources = {f"modele-{s.pk}": s for s in modeles} | {f"copie-{s.pk}": s for s in copies}
        self.fields["depart"].choices = [
            ("", _("Une session vide")),
            (_("Modèles"), [(f"modele-{s.pk}", s.titre) for s in modeles]),
            (_("Copie d'une session"), [(f"copie-{s.pk}", str(s)) for s in copies]),
        ]
        self.fields["depart"].help_text = _(
            "Un modèle ou une copie reprend les jours, les blocs, leurs durées, méthodes et "
            "matériel ; le nombre de jours est alors celui de la source."
        )

    @property
    def source(self):
        return self.sources.get(self.cleaned_data.get("depart") or "")

    def clean(self):
        cleaned = super().clean()
        source = self.source
        if source is not None:
            length = length_of(source)
        else:
            length = timedelta(days=max(0, (cleaned.get("nb_jours") or 1) - 1))
        check_span(self, self.transfo, cleaned.get("premier_jour"), length)
        return cleaned


class DebriefForm(forms.ModelForm):
    """After the session: what was done, why, what worked, what to improve (seed 003)."""

    class Meta:
        model = Session
        fields = ["debrief_fait", "debrief_pourquoi", "debrief_reussites", "debrief_ameliorations"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class JourForm(forms.ModelForm):
    class Meta:
        model = Jour
        fields = ["date", "titre", "heure_debut", "heure_fin_prevue"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "heure_debut": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "heure_fin_prevue": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("heure_debut"), cleaned.get("heure_fin_prevue")
        if start and end and end <= start:
            self.add_error("heure_fin_prevue", _("La fin prévue doit suivre le début."))
        day = cleaned.get("date")
        if day:
            session = self.instance.session
            error = session_date_error(session.transfo, day)
            same = session.jours.exclude(pk=self.instance.pk).filter(date=day).first()
            if error:
                self.add_error("date", error)
            elif same:
                self.add_error(
                    "date",
                    _("Le jour %(n)s est déjà le %(date)s : choisissez une autre date.")
                    % {"n": same.numero, "date": french_date(day, "weekday")},
                )
        return cleaned


class MethodeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, methode):
        return f"{methode.nom} ({methode.duree_typique} min)"


BASE_SALT = "collectivites.bloc-base"

# A field of a block as named in a sentence ("ses changements sont gardés : la durée").
BLOC_FIELD_NAMES = {
    "type": _("le type"),
    "titre": _("le titre"),
    "methode": _("la méthode"),
    "duree": _("la durée"),
    "description": _("la description"),
    "animateurs": _("qui anime"),
    "materiel": _("le matériel"),
    "notes_residents": _("les notes des résident·es"),
}


def sign_base(bloc, version, values, conflicts=None, who=""):
    """What the form started from, carried in the page: the block's version and content, and
    after a conflict the fields to choose for with both versions as shown, and who made the
    other one. Signed for this block: the page cannot make a person overwrite what they did
    not see."""
    payload = {"version": version, "values": values, "conflits": conflicts or {}, "qui": who}
    return signing.dumps(payload, salt=f"{BASE_SALT}:{bloc.pk}", compress=True)


def bloc_value_display(field, value):
    """A block's field value as the conflict choice shows it."""
    if field == "methode":
        methode = Methode.objects.filter(pk=value).first() if value else None
        return methode.nom if methode else str(_("aucune méthode"))
    if field == "animateurs":
        people = get_user_model().objects.filter(pk__in=value or []).order_by("full_name")
        return ", ".join(p.get_full_name() for p in people) or str(_("personne"))
    if field == "type":
        return str(dict(Bloc._meta.get_field("type").choices).get(value, value))
    if field == "duree":
        return f"{value} min"
    return f"« {Truncator(value).chars(600)} »" if value else str(_("(vide)"))


class GroupedCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """Checkboxes in groups, each group a fieldset whose legend names it (RGAA 11.6), for
    grouped choices [(group label, [(value, label), ...]), ...]."""

    template_name = "includes/grouped_checkboxes.html"

    def render(self, name, value, attrs=None, renderer=None):
        # The project's template engine (the form renderer only sees the apps' templates).
        return render_to_string(self.template_name, self.get_context(name, value, attrs))


class BlocForm(forms.ModelForm):
    """A block of the programme. Left empty, the duration is the méthode's typical one.

    The form carries the version and content it started from (`base`): when a colleague
    saved the block meanwhile, only the fields the person changed replace theirs, and for a
    field both changed, the page asks which version to keep (`choix_<field>`)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    base = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Bloc
        # What a person edits in a block: the fields a crossed edit compares, one list.
        fields = list(Bloc.CONTENT_FIELDS)
        field_classes = {"methode": MethodeChoiceField}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "materiel": forms.Textarea(attrs={"rows": 2}),
            "notes_residents": forms.Textarea(attrs={"rows": 2}),
            "animateurs": GroupedCheckboxSelectMultiple,
            "duree": forms.NumberInput(attrs={"min": 5, "max": 600, "step": 5}),
        }

    def __init__(self, *args, transfo, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["duree"].required = False
        self.fields["duree"].help_text = _("En minutes, de 5 à 600. Vide : la durée de la méthode.")
        self.fields["methode"].queryset = Methode.objects.order_by("nom")
        self.fields["methode"].empty_label = _("— Aucune —")
        # Shown grouped by role; the queryset still decides what is accepted.
        self.fields["animateurs"].queryset = facilitators_of(transfo)
        self.fields["animateurs"].choices = [
            (label, [(user.pk, user.get_full_name()) for user in users])
            for label, users in facilitators_by_role(transfo)
        ]
        if self.instance.pk and not self.is_bound:
            self.fields["version"].initial = self.instance.version
            if "base" not in self.initial:
                self.initial["base"] = sign_base(
                    self.instance, self.instance.version, self.instance.snapshot()
                )
        raw = self.data.get("base") if self.is_bound else self.initial.get("base")
        try:
            salt = f"{BASE_SALT}:{self.instance.pk}"
            self.base_payload = signing.loads(raw, salt=salt) if raw else None
        except signing.BadSignature:
            self.base_payload = None
        self._add_conflict_choices()

    def _add_conflict_choices(self):
        """A required choice before each field both people changed, with both values."""
        conflicts = (self.base_payload or {}).get("conflits") or {}
        if not conflicts:
            return
        who = self.base_payload.get("qui") or _("l'autre version")
        fields = {}
        for name, field in self.fields.items():
            if name in conflicts:
                mine, theirs = conflicts[name]
                fields[f"choix_{name}"] = forms.ChoiceField(
                    label=_(
                        "%(champ)s : vous l'avez modifié tous les deux, quelle version garder ?"
                    )
                    % {"champ": field.label},
                    choices=[
                        ("mine", _("Votre version : %(valeur)s") % {"valeur": mine}),
                        (
                            "theirs",
                            _("Version enregistrée par %(qui)s : %(valeur)s")
                            % {"qui": who, "valeur": theirs},
                        ),
                    ],
                    widget=forms.RadioSelect(attrs={"class": "conflict-choice"}),
                    help_text=_(
                        "« Votre version » est celle du champ qui suit : vous pouvez encore "
                        "la retoucher avant d'enregistrer."
                    ),
                    error_messages={"required": _("Choisissez la version à garder.")},
                )
            fields[name] = field
        self.fields = fields

    def clean(self):
        cleaned = super().clean()
        duree, methode = cleaned.get("duree"), cleaned.get("methode")
        if not duree:
            if methode:
                cleaned["duree"] = methode.duree_typique
            else:
                self.add_error("duree", _("Indiquez une durée ou choisissez une méthode."))
        elif not 5 <= duree <= 600:
            self.add_error("duree", _("La durée va de 5 à 600 minutes."))
        return cleaned

    def base_values(self):
        """The content the form started from, when known and of the version it says."""
        payload = self.base_payload
        if payload and str(payload.get("version")) == str(self.cleaned_data.get("version")):
            return payload["values"]
        return None

    def mine(self):
        """What the person sends, as `Bloc.snapshot()` values; a field they chose to take
        the other version of counts as not changed by them."""
        values = snapshot_values(
            {field: self.cleaned_data.get(field) for field in Bloc.CONTENT_FIELDS}
        )
        base = self.base_values()
        for field in Bloc.CONTENT_FIELDS:
            if base is not None and self.cleaned_data.get(f"choix_{field}") == "theirs":
                values[field] = base[field]
        return values
