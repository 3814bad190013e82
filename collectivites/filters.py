import django_filters
from django.utils.translation import gettext_lazy as _

from collectivites.choices import FamilleMethode
from collectivites.models import Methode


class MethodeFilterSet(django_filters.FilterSet):
    """The toolbox: search and filter by family."""

    q = django_filters.CharFilter(method="search", label=_("Rechercher"))
    famille = django_filters.ChoiceFilter(
        choices=FamilleMethode.choices, label=_("Famille"), empty_label=_("Toutes les familles")
    )

    class Meta:
        model = Methode
        fields = ["q", "famille"]

    def search(self, queryset, name, value):
        return queryset.search(value) if value.strip() else queryset
