"""Forms of the group: a member's profile, an exit, the import file."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import Categorie, Genre
from ambassadeurs.imports import ImportFileError, check_file
from ambassadeurs.models import AmbassadeurProfile
from collectivites.choices import CERCLE_ROLES
from transfo.dates import french_date
from transfo.fields import NOTE, FreeTextFormField


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
                % {"date": french_date(self.participation.date_entree)}
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
