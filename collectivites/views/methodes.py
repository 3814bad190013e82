"""The toolbox of méthodes (boîte à outils), public like the vitrine that links to it."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from collectivites.choices import StatutSession
from collectivites.filters import MethodeFilterSet
from collectivites.models import Bloc, Methode


@login_not_required
def methode_list(request):
    filterset = MethodeFilterSet(request.GET or None, queryset=Methode.objects.all())
    page = Paginator(filterset.qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "collectivites/methode_list.html",
        {"filter": filterset, "page": page, "count": page.paginator.count},
    )


@login_not_required
def methode_detail(request, slug):
    methode = get_object_or_404(
        Methode.objects.prefetch_related("roles", "documents__document"), slug=slug
    )
    # Where it was used: Transfos and their number of sessions, from published programmes.
    uses = (
        Bloc.objects.vivants()
        .filter(methode=methode, jour__session__est_modele=False)
        .exclude(jour__session__statut=StatutSession.BROUILLON)
        .values("jour__session__transfo__nom", "jour__session__transfo__slug")
        .annotate(sessions=Count("jour__session", distinct=True))
        .order_by("jour__session__transfo__nom")
    )
    return render(
        request, "collectivites/methode_detail.html", {"methode": methode, "uses": list(uses)}
    )
