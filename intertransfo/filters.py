"""The coordinators' dashboard filters: the Transfo's status (in the queryset) and the rows
with a cell at a level (on the figured rows: a level is computed, not stored)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from collectivites.choices import StatutTransfo
from collectivites.models import Transfo
from intertransfo.choices import Niveau

# "?niveau=rouge": rows with a cell hors protocole; "?niveau=orange": rows with a cell à
# surveiller or hors protocole (what needs a look).
NIVEAUX_FILTRES = {
    "rouge": {Niveau.ROUGE},
    "orange": {Niveau.ORANGE, Niveau.ROUGE},
}


class DashboardFilterSet(django_filters.FilterSet):
    statut = django_filters.ChoiceFilter(
        choices=StatutTransfo.choices, label=_("Statut"), empty_label=_("Tous les statuts")
    )
    niveau = django_filters.ChoiceFilter(
        choices=[
            ("rouge", _("Seulement les Transfos avec une cellule rouge (hors protocole)")),
            ("orange", _("Seulement les Transfos avec une cellule orange ou rouge")),
        ],
        method="on_rows",
        label=_("Niveaux"),
        empty_label=_("Toutes les Transfos"),
    )
    # The sort of the table, kept as it is when the form is sent (its headers set it).
    tri = django_filters.CharFilter(method="on_rows", widget=forms.HiddenInput)

    class Meta:
        model = Transfo
        fields = ["statut", "niveau", "tri"]

    def on_rows(self, queryset, name, value):
        return queryset

    @property
    def niveaux(self):
        """The levels a row must have one cell at to be shown, or None (every row)."""
        if not self.is_valid():
            return None
        return NIVEAUX_FILTRES.get(self.form.cleaned_data.get("niveau"))

    def rows(self, lignes):
        niveaux = self.niveaux
        if not niveaux:
            return lignes
        return [ligne for ligne in lignes if any(c.niveau in niveaux for c in ligne.cellule_list())]
