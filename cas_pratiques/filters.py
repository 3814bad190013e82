"""The vitrine's one FilterSet: it drives the page, its facets and the open-data exports.

A search is bounded (issue 10): its matches are first listed, at most SEARCH_CAP of them, by
their ids. Up to that many, the count and every facet are exact and computed over those ids
only, instead of re-running the search once per facet. Beyond (a broad term, "usagers" in
most cases), counting them all would read most of the table: the page says "plus de
SEARCH_CAP cas", the facets list their values without counts, and the results come tier by
tier of relevance, each tier in date order along an index, so the first page is still the
best-ranked matches.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

import django_filters
from django import forms
from django.contrib.postgres.expressions import ArraySubquery
from django.db import connections
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.functions import DenseRank, ExtractYear, RowNumber
from django.utils.translation import gettext_lazy as _

from cas_pratiques.choices import (
    EtatPublication,
    Finalite,
    ModeIntervention,
    ModeSaisine,
    Tri,
    TypeSujet,
)
from cas_pratiques.models import SEARCH_MAX_TERMS, CasPratique, ChoiceListField
from collectivites.models import Collectivite, Methode, Transfo
from transfo.text import normalize

# Matches of a search counted and faceted exactly; a broader search shows "plus de" this many.
SEARCH_CAP = 2000


class AnyValuesField(forms.MultipleChoiceField):
    """Identifiers from the URL (slugs): an unknown one matches nothing, it is not an error."""

    def valid_value(self, value):
        return True


class YearsField(forms.MultipleChoiceField):
    def valid_value(self, value):
        return value.isdigit() and len(value) == 4


# The vitrine's filters never join to many rows (the méthodes' is a subquery), so none of
# them needs `DISTINCT`, which would keep a search's LIMIT from stopping early.


class SlugsFilter(django_filters.MultipleChoiceFilter):
    field_class = AnyValuesField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


class MethodesFilter(SlugsFilter):
    """Cases with any of the chosen méthodes."""

    def filter(self, qs, value):
        if not value:
            return qs
        links = CasPratique.methodes.through.objects.filter(methode__slug__in=value)
        return qs.filter(pk__in=links.values("caspratique_id"))


class YearsFilter(django_filters.MultipleChoiceFilter):
    field_class = YearsField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


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
    count: int | None  # None: not counted (a broad search, see the module's docstring)
    checked: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list


class SearchResults:
    """A search's matches in the page's order, for the paginator: their number, or SEARCH_CAP
    when there are more (`capped`); a slice reads the tiers one after the other."""

    def __init__(self, tiers, count, *, capped=False):
        self.tiers = tiers
        self._count = count
        self.capped = capped

    def count(self):
        return self._count

    def __len__(self):
        return self._count

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start, stop = key.start or 0, min(key.stop, self._count)
        rows, skip, wanted = [], start, stop - start
        for tier in self.tiers:
            if wanted <= 0:
                break
            chunk = list(tier[skip : skip + wanted])
            rows += chunk
            wanted -= len(chunk)
            # The next tier starts after what remains to skip of this one.
            skip = 0 if chunk or not skip else skip - tier[:skip].count()
        return rows


class RankedIds:
    """Cases already ranked, by id: a slice fetches only its own cases, in the same order."""

    def __init__(self, queryset, ids):
        self.queryset = queryset
        self.ids = ids

    def count(self):
        return len(self.ids)

    def __getitem__(self, key):
        ids = self.ids[key]
        cases = self.queryset.order_by().in_bulk(ids)
        return [cases[pk] for pk in ids if pk in cases]


class CasPratiqueFilterSet(django_filters.FilterSet):
    """Search and facets of the vitrine; several values of one facet mean "any of them"."""

    q = django_filters.CharFilter(method="search", label=_("Rechercher"))
    collectivite = SlugsFilter(field_name="transfo__collectivite__slug", label=_("Collectivité"))
    transfo = SlugsFilter(field_name="transfo__slug", label=_("Transfo"))
    annee = YearsFilter(field_name="date_debut__year", label=_("Année"))
    mode_saisine = django_filters.MultipleChoiceFilter(
        choices=ModeSaisine.choices, label=_("Mode de saisine"), distinct=False
    )
    type_sujet = django_filters.MultipleChoiceFilter(
        choices=TypeSujet.choices, label=_("Type de sujet"), distinct=False
    )
    finalite = ChoiceListFilter(
        field_name="finalites", choices=Finalite.choices, label=_("Finalité")
    )
    mode_intervention = ChoiceListFilter(
        field_name="modes_intervention",
        choices=ModeIntervention.choices,
        label=_("Mode d'intervention"),
    )
    methode = MethodesFilter(field_name="methodes__slug", label=_("Méthode"))
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
            # The title lower-cased without accents (stored for the search): "La carte
            # citoyenne" before "La carte Max", "Économie" among the E, on every database.
            return queryset.order_by("recherche_titre", "titre", "pk")
        if value == Tri.PERTINENCE and "pertinence" in queryset.query.annotations:
            return queryset.order_by("-pertinence", "-publie_le", "titre")
        return queryset.order_by("-publie_le", "titre")

    # The bounded search -------------------------------------------------------------------

    SEARCH_CAP = SEARCH_CAP

    def _value(self, name):
        """The cleaned value of one filter (empty when it is not in use)."""
        if not self.is_bound:
            return None
        self.is_valid()  # cleans the form; an invalid value is left out, as in `qs`
        return self.form.cleaned_data.get(name)

    def _terms(self):
        """The query's words that count, as CasPratiqueQuerySet.search takes them."""
        return normalize(self._value("q") or "").split()[:SEARCH_MAX_TERMS]

    def _substring(self, queryset):
        """The substring side of the search (CasPratiqueQuerySet.search): it never computes
        a French vector case by case, so it tells a broad term in a few milliseconds."""
        return queryset.filter(*[Q(recherche__contains=term) for term in self._terms()])

    def _filtered(self, queryset):
        """The queryset under every active facet filter."""
        for name in self.FACETS:
            if value := self._value(name):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def _first_ids(self, queryset):
        return list(queryset.order_by().values_list("pk", flat=True)[: self.SEARCH_CAP + 1])

    def _more_than_cap(self, queryset):
        """Whether the queryset has more than SEARCH_CAP cases (it stops at the next one)."""
        return queryset.order_by().values("pk")[self.SEARCH_CAP : self.SEARCH_CAP + 1].exists()

    @cached_property
    def _searched(self):
        """{id: (rank in the page's order, facet values...)} of every case the search alone
        matches; None without a search or when there are more than SEARCH_CAP (a broad term).
        Two queries, one for a broad term."""
        if not self._terms():
            return None
        if self._more_than_cap(self._substring(self.queryset)):
            return None
        searched = self._searched_queryset()
        order = [
            F(field[1:]).desc() if field.startswith("-") else F(field).asc()
            for field in searched.query.order_by
        ]
        columns = [
            "pk",
            "rang",
            "transfo_id",
            "date_debut",
            "mode_saisine",
            "type_sujet",
            "finalites",
            "modes_intervention",
        ]
        searched = searched.annotate(rang=Window(RowNumber(), order_by=order))
        links = CasPratique.methodes.through.objects
        postgresql = connections[self.queryset.db].vendor == "postgresql"
        if postgresql:
            # Each case's méthodes read along the links' index, case by case (a join would
            # read every link of every case).
            case_links = links.filter(caspratique=OuterRef("pk")).values("methode_id")
            searched = searched.annotate(methode_ids=ArraySubquery(case_links))
            columns.append("methode_ids")
        rows = list(searched.values_list(*columns)[: self.SEARCH_CAP + 1])
        if len(rows) > self.SEARCH_CAP:
            return None
        if postgresql:
            return {row[0]: row[1:] for row in rows}
        methodes = defaultdict(list)
        ids = [row[0] for row in rows]
        for case_id, methode_id in links.filter(caspratique_id__in=ids).values_list(
            "caspratique_id", "methode_id"
        ):
            methodes[case_id].append(methode_id)
        return {row[0]: (*row[1:], methodes[row[0]]) for row in rows}

    def _searched_queryset(self):
        """The cases the search alone matches, in the page's order."""
        queryset = self.queryset.all()
        for name in ["q", "tri"]:
            if value := self._value(name):
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def _is_broad(self):
        return bool(self._terms()) and self._searched is None

    @cached_property
    def _filter_ids(self):
        """For each active facet filter, the searched cases it keeps: one query each."""
        active = [name for name in self.FACETS if self._value(name)]
        if not active:
            return {}
        cases = self._searched_queryset().order_by()
        return {
            name: set(
                self.filters[name].filter(cases, self._value(name)).values_list("pk", flat=True)
            )
            for name in active
        }

    def _kept(self, *, but=None):
        """The searched cases every active facet filter (but `but`) keeps."""
        kept = set(self._searched)
        for name, allowed in self._filter_ids.items():
            if name != but:
                kept &= allowed
        return kept

    def results(self):
        """What the page lists, for its paginator: `qs` itself without a search; the searched
        cases the filters keep, already ranked, with one; for a broad term, counted up to
        SEARCH_CAP only and read tier by tier. (The exports read `qs`, every match.)"""
        if not self._terms():
            return self.qs
        if not self._is_broad():
            searched = self._searched
            ids = sorted(self._kept(), key=lambda pk: searched[pk][0])
            return SearchResults([RankedIds(self.queryset, ids)], len(ids))
        filtered = any(self._value(name) for name in self.FACETS)
        substring = self._substring(self.queryset)
        if filtered and not self._more_than_cap(self._filtered(substring)):
            # The other filters narrow the broad term down: count and list them exactly.
            ids = self._first_ids(self.qs)
            if len(ids) <= self.SEARCH_CAP:
                return SearchResults([self.qs.filter(pk__in=ids)], len(ids))
        return SearchResults(self._tiers(), self.SEARCH_CAP, capped=True)

    def _tiers(self):
        """The matches by relevance (cases with all the words in their title first, then one
        word fewer...), each tier in date order: each is read along the index of dates only as
        far as the page needs, instead of ranking every match."""
        queryset = self.qs
        if self._value("tri") != Tri.PERTINENCE:
            return [queryset]
        terms = self._terms()
        in_title = [Q(recherche_titre__contains=term) for term in terms]
        order = ["-publie_le", "titre"]
        hits = sum(
            (Case(When(q, then=Value(1)), default=Value(0)) for q in in_title),
            start=Value(0, output_field=IntegerField()),
        )
        tiers = [queryset.filter(*in_title).order_by(*order)]
        tiers += [
            queryset.annotate(titre_hits=hits).filter(titre_hits=count).order_by(*order)
            for count in range(len(terms) - 1, 0, -1)
        ]
        no_hit = Q()
        for q in in_title:
            no_hit &= ~q
        return [*tiers, queryset.filter(no_hit).order_by(*order)]

    # Facets ------------------------------------------------------------------------------

    def facets(self):
        """Each facet's values with their counts under every other active filter."""
        if self._is_broad():
            counts = self._values_without_counts()
        elif self._terms():
            counts = self._counts_of_searched()
        else:
            counts = {name: self._counts(name, self._cases_without(name)) for name in self.FACETS}
        return [
            Facet(name, self.filters[name].label, self._options(name, counts[name]))
            for name in self.FACETS
        ]

    def _cases_without(self, name):
        """The cases under every active filter but `name`'s (one query per facet)."""
        data = self.data.copy() if self.data else {}
        data.pop(name, None)
        others = type(self)(data or None, queryset=self.queryset).qs.values("pk")
        return CasPratique.objects.filter(pk__in=others).order_by()

    def _options(self, name, rows):
        data = self.data.copy() if self.data else {}
        chosen = data.pop(name, None) or []
        chosen = [chosen] if isinstance(chosen, str) else chosen
        missing = set(chosen) - {str(value) for value, _label, _count in rows}
        rows += [(value, label, 0) for value, label in self._labels(name, missing)]
        return [
            FacetOption(str(value), str(label), count, str(value) in chosen)
            for value, label, count in rows
            if count is None or count or str(value) in chosen
        ]

    def _counts_of_searched(self):
        """Every facet's (value, label, count) over the searched cases, each under the other
        active filters, from their values (`_searched`) and two small queries (names)."""
        searched = self._searched
        # The Transfos by name, with their collectivités' rank by name: one query.
        transfos = list(
            Transfo.objects.filter(pk__in={row[1] for row in searched.values()})
            .annotate(rang=Window(DenseRank(), order_by=F("collectivite__nom").asc()))
            .order_by("nom")
            .values_list(
                "pk",
                "slug",
                "nom",
                "collectivite_id",
                "collectivite__slug",
                "collectivite__nom",
                "rang",
            )
        )
        collectivites = sorted({(t[6], t[3], t[4], t[5]) for t in transfos})
        collectivites = [(pk, slug, nom) for _rang, pk, slug, nom in collectivites]
        methodes = list(
            Methode.objects.filter(pk__in={m for row in searched.values() for m in row[7]})
            .order_by("nom")
            .values_list("pk", "slug", "nom")
        )
        collectivite_of = {t[0]: t[3] for t in transfos}
        # The values of one case (rank, transfo, début, saisine, sujet, finalités, modes,
        # méthodes) in each facet.
        values_of = {
            "collectivite": lambda case: [collectivite_of[case[1]]],
            "transfo": lambda case: [case[1]],
            "annee": lambda case: [case[2].year] if case[2] else [],
            "mode_saisine": lambda case: [case[3]] if case[3] else [],
            "type_sujet": lambda case: [case[4]] if case[4] else [],
            "finalite": lambda case: set(case[5]),
            "mode_intervention": lambda case: set(case[6]),
            "methode": lambda case: set(case[7]),
        }
        counts = {}
        for name in self.FACETS:
            kept = self._kept(but=name)
            values = values_of[name]
            tally = Counter(value for pk in kept for value in values(searched[pk]))
            if name == "collectivite":
                counts[name] = [(slug, nom, tally[pk]) for pk, slug, nom in collectivites]
            elif name == "transfo":
                counts[name] = [(t[1], t[2], tally[t[0]]) for t in transfos]
            elif name == "methode":
                counts[name] = [(slug, nom, tally[pk]) for pk, slug, nom in methodes]
            elif name == "annee":
                counts[name] = [(year, year, tally[year]) for year in sorted(tally, reverse=True)]
            else:
                counts[name] = [
                    (value, label, tally[value]) for value, label in self._choices(name)
                ]
        return counts

    @staticmethod
    def _choices(name):
        fields = {"finalite": "finalites", "mode_intervention": "modes_intervention"}
        field = CasPratique._meta.get_field(fields.get(name, name))
        return field.choices_class.choices if name in fields else field.choices

    def _values_without_counts(self):
        """Every facet's (value, label, None) for a broad search: the values the vitrine has,
        uncounted (counting them would read most of the cases). A few index lookups."""
        published = CasPratique.objects.filter(etat=EtatPublication.PUBLIE)
        transfos = list(
            Transfo.objects.filter(Exists(published.filter(transfo=OuterRef("pk"))))
            .order_by("nom")
            .values_list("slug", "nom", "collectivite_id")
        )
        collectivites = Collectivite.objects.filter(pk__in={t[2] for t in transfos})
        # Méthodes of any case: telling the published ones apart would read every link.
        links = CasPratique.methodes.through.objects.filter(methode=OuterRef("pk"))
        methodes = Methode.objects.filter(Exists(links))
        span = published.aggregate(first=Min("date_debut"), last=Max("date_debut"))
        years = range(span["last"].year, span["first"].year - 1, -1) if span["first"] else []
        values = {
            "collectivite": collectivites.order_by("nom").values_list("slug", "nom"),
            "transfo": [(slug, nom) for slug, nom, _c in transfos],
            "annee": [(year, year) for year in years],
            "methode": methodes.order_by("nom").values_list("slug", "nom"),
        }
        for name in set(self.FACETS) - set(values):
            values[name] = self._choices(name)
        return {name: [(value, label, None) for value, label in values[name]] for name in values}

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
