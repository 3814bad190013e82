import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ambassadeurs.choices import Visibilite
from ambassadeurs.models import EntreeCarnet
from collectivites.models import Session


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
