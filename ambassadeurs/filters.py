import django_filters
from django.db.models import Q
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import Categorie, StatutMembre, Visibilite
from ambassadeurs.models import EntreeCarnet
from collectivites.choices import CERCLE_ROLES
from collectivites.models import Participation, Session


def sessions_of_my_entries(request):
    return (
        Session.objects.filter(entrees_carnet__auteur=request.user)
        .select_related("transfo")
        .distinct()
        .order_by("transfo__nom", "numero")
    )


class EntreeCarnetFilterSet(django_filters.FilterSet):
    """My carnet: search, and filter by visibility and by session."""

    q = django_filters.CharFilter(method="search", label=_("Rechercher"))
    visibilite = django_filters.ChoiceFilter(
        choices=Visibilite.choices, label=_("Visibilité"), empty_label=_("Toutes")
    )
    session = django_filters.ModelChoiceFilter(
        queryset=sessions_of_my_entries, label=_("Session"), empty_label=_("Toutes les sessions")
    )

    class Meta:
        model = EntreeCarnet
        fields = ["q", "visibilite", "session"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(titre__icontains=value) | Q(texte__icontains=value))


class GroupeFilterSet(django_filters.FilterSet):
    """The group of a Transfo: active members by default; drives the page and its exports."""

    q = django_filters.CharFilter(method="search", label=_("Rechercher"))
    statut = django_filters.ChoiceFilter(
        choices=StatutMembre.choices, method="filter_statut", label=_("Statut"), empty_label=None
    )
    role = django_filters.ChoiceFilter(
        choices=[(role.value, role.label) for role in CERCLE_ROLES],
        label=_("Cercle"),
        empty_label=_("Tous"),
    )
    categorie = django_filters.ChoiceFilter(
        field_name="profil__categorie",
        choices=Categorie.choices,
        label=_("Catégorie"),
        empty_label=_("Toutes"),
    )

    class Meta:
        model = Participation
        fields = ["q", "statut", "role", "categorie"]

    def __init__(self, data=None, *args, details=True, **kwargs):
        # Active members unless the reader asks for those who left.
        data = data.copy() if data is not None else QueryDict(mutable=True)
        if data.get("statut") not in StatutMembre.values:
            data["statut"] = StatutMembre.ACTIFS
        super().__init__(data, *args, **kwargs)
        if not details:
            # The catégorie of each person is for the pilote, résident·es and coordinators.
            del self.filters["categorie"]

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(user__full_name__icontains=value)
            | Q(profil__direction__icontains=value)
            | Q(profil__service__icontains=value)
            | Q(profil__roles__icontains=value)
            | Q(profil__passions__icontains=value)
        )

    def filter_statut(self, queryset, name, value):
        if value == StatutMembre.SORTIS:
            return queryset.filter(date_sortie__isnull=False)
        if value == StatutMembre.TOUS:
            return queryset
        return queryset.filter(date_sortie__isnull=True)
