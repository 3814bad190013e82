"""The vitrine's one FilterSet: it drives the page, its facets and the open-data exports."""

from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from cas_pratiques.choices import Finalite, ModeIntervention, ModeSaisine, Tri, TypeSujet
from cas_pratiques.models import CasPratique, ChoiceListField
from collectivites.models import Collectivite, Methode, Transfo


class AnyValuesField(forms.MultipleChoiceField):
    """Identifiers from the URL (slugs): an unknown one matches nothing, it is not an error."""

    def valid_value(self, value):
        return True


class YearsField(forms.MultipleChoiceField):
    def valid_value(self, value):
        return value.isdigit() and len(value) == 4


class SlugsFilter(django_filters.MultipleChoiceFilter):
    field_class = AnyValuesField


class YearsFilter(django_filters.MultipleChoiceFilter):
    field_class = YearsField


class ChoiceListFilter(django_filters.MultipleChoiceFilter):
    """Cases whose list (finalités, modes d'intervention) holds any of the chosen values."""

    def filter(self, qs, value):
        if not value:
            return qs
        query = Q()
        for item in value:
            query |= Q(**{f"{self.field_name}__contains": ChoiceListField.pattern(item)})
        return qs.filter(query)


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    checked: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list


class CasPratiqueFilterSet(django_filters.FilterSet):
    """Search and facets of the vitrine; several values of one facet mean "any of them"."""

    q = django_filters.CharFilter(method="search", label=_("Rechercher"))
    collectivite = SlugsFilter(field_name="transfo__collectivite__slug", label=_("Collectivité"))
    transfo = SlugsFilter(field_name="transfo__slug", label=_("Transfo"))
    annee = YearsFilter(field_name="date_debut__year", label=_("Année"))
    mode_saisine = django_filters.MultipleChoiceFilter(
        choices=ModeSaisine.choices, label=_("Mode de saisine")
    )
    type_sujet = django_filters.MultipleChoiceFilter(
        choices=TypeSujet.choices, label=_("Type de sujet")
    )
    finalite = ChoiceListFilter(
        field_name="finalites", choices=Finalite.choices, label=_("Finalité")
    )
    mode_intervention = ChoiceListFilter(
        field_name="modes_intervention",
        choices=ModeIntervention.choices,
        label=_("Mode d'intervention"),
    )
    methode = SlugsFilter(field_name="methodes__slug", label=_("Méthode"), distinct=True)
    tri = django_filters.ChoiceFilter(
        choices=Tri.choices, method="sort", label=_("Trier par"), empty_label=None
    )

    class Meta:
        model = CasPratique
        fields = [
            "q",
            "collectivite",
            "transfo",
            "annee",
            "mode_saisine",
            "type_sujet",
            "finalite",
            "mode_intervention",
            "methode",
            "tri",
        ]

    FACETS = [
        "collectivite",
        "transfo",
        "annee",
        "mode_saisine",
        "type_sujet",
        "finalite",
        "mode_intervention",
        "methode",
    ]

    def __init__(self, data=None, *args, **kwargs):
        # A search is sorted by relevance unless the reader chose another order.
        if data and str(data.get("q") or "").strip() and not data.get("tri"):
            data = data.copy()
            data["tri"] = Tri.PERTINENCE
        super().__init__(data, *args, **kwargs)

    def search(self, queryset, name, value):
        if not value.strip():
            return queryset
        return queryset.search(value).order_by("-pertinence", "-publie_le", "titre")

    def sort(self, queryset, name, value):
        if value == Tri.ALPHABETIQUE:
            return queryset.order_by("titre", "pk")
        if value == Tri.PERTINENCE and "pertinence" in queryset.query.annotations:
            return queryset.order_by("-pertinence", "-publie_le", "titre")
        return queryset.order_by("-publie_le", "titre")

    # Facets ------------------------------------------------------------------------------

    def facets(self):
        """Each facet's values with their counts under every other active filter: one query each."""
        return [Facet(name, self.filters[name].label, self._options(name)) for name in self.FACETS]

    def _options(self, name):
        data = self.data.copy() if self.data else {}
        chosen = data.pop(name, None) or []
        chosen = [chosen] if isinstance(chosen, str) else chosen
        others = type(self)(data or None, queryset=self.queryset).qs.values("pk")
        cases = CasPratique.objects.filter(pk__in=others).order_by()
        rows = self._counts(name, cases)
        missing = set(chosen) - {str(value) for value, _label, _count in rows}
        rows += [(value, label, 0) for value, label in self._labels(name, missing)]
        return [
            FacetOption(str(value), str(label), count, str(value) in chosen)
            for value, label, count in rows
            if count or str(value) in chosen
        ]

    @staticmethod
    def _labels(name, values):
        """(value, label) of chosen values no case matches, so that they can be unticked."""
        if not values:
            return []
        models = {"collectivite": Collectivite, "transfo": Transfo, "methode": Methode}
        if name in models:
            return list(
                models[name]
                .objects.filter(slug__in=values)
                .values_list("slug", "nom")
                .order_by("nom")
            )
        if name == "annee":
            return [(value, value) for value in sorted(values) if value.isdigit()]
        return []

    @staticmethod
    def _counts(name, cases):
        """(value, label, count) of one facet over the given cases."""
        if name in {"collectivite", "transfo"}:
            prefix = "transfo__collectivite" if name == "collectivite" else "transfo"
            rows = (
                cases.values(f"{prefix}__slug", f"{prefix}__nom")
                .annotate(n=Count("pk"))
                .order_by(f"{prefix}__nom")
            )
            return [(r[f"{prefix}__slug"], r[f"{prefix}__nom"], r["n"]) for r in rows]
        if name == "annee":
            rows = (
                cases.exclude(date_debut__isnull=True)
                .annotate(annee=ExtractYear("date_debut"))
                .values("annee")
                .annotate(n=Count("pk"))
                .order_by("-annee")
            )
            return [(r["annee"], r["annee"], r["n"]) for r in rows]
        if name in {"mode_saisine", "type_sujet"}:
            choices = dict(CasPratique._meta.get_field(name).choices)
            rows = dict(
                cases.exclude(**{name: ""})
                .values(name)
                .annotate(n=Count("pk"))
                .values_list(name, "n")
            )
            return [(value, label, rows.get(value, 0)) for value, label in choices.items()]
        if name in {"finalite", "mode_intervention"}:
            field = "finalites" if name == "finalite" else "modes_intervention"
            choices = CasPratique._meta.get_field(field).choices_class.choices
            counts = cases.aggregate(
                **{
                    value: Count(
                        "pk", filter=Q(**{f"{field}__contains": ChoiceListField.pattern(value)})
                    )
                    for value, _label in choices
                }
            )
            return [(value, label, counts[value]) for value, label in choices]
        rows = (
            Methode.objects.filter(cas_pratiques__in=cases)
            .values("slug", "nom")
            .annotate(n=Count("cas_pratiques", distinct=True))
            .order_by("nom")
        )
        return [(r["slug"], r["nom"], r["n"]) for r in rows]
