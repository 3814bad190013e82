"""The écosystème's one FilterSet: it drives the map, the table and the CSV export."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from labos.choices import Perimetre, Relation, TriActeur, TypeActeur
from labos.models import Acteur

SORTS = {
    TriActeur.NOM: ["nom"],
    TriActeur.TYPE: ["type", "nom"],
    TriActeur.PERIMETRE: ["perimetre", "nom"],
    TriActeur.RELATION: ["relation", "nom"],
}


class ActeurFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Rechercher"), method="search")
    type = django_filters.ChoiceFilter(label=_("Type"), choices=TypeActeur.choices)
    perimetre = django_filters.ChoiceFilter(
        label=_("Interne ou externe"), choices=Perimetre.choices
    )
    relation = django_filters.ChoiceFilter(label=_("Relation au labo"), choices=Relation.choices)
    tri = django_filters.ChoiceFilter(
        label=_("Trier par"), choices=TriActeur.choices, method="sort", empty_label=None
    )

    class Meta:
        model = Acteur
        fields = ["q", "type", "perimetre", "relation", "tri"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(nom__icontains=value)
            | Q(notes__icontains=value)
            | Q(contact__icontains=value)
            | Q(projets__icontains=value)
        )

    def sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, ["nom"]))


class ActeurPartageFilter(ActeurFilter):
    """The actors other labos share: the search reads only the shared fields, so it cannot
    reveal a contact person or a note."""

    q = django_filters.CharFilter(label=_("Rechercher"), method="search")

    class Meta(ActeurFilter.Meta):
        fields = ["q", "type", "perimetre", "relation", "tri"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(nom__icontains=value) | Q(projets__icontains=value))
