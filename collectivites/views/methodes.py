"""The toolbox of méthodes (boîte à outils), public like the vitrine that links to it."""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, F, Min
from django.shortcuts import get_object_or_404, render

from collectivites.choices import StatutSession
from collectivites.filters import MethodeFilterSet
from collectivites.links import sections
from collectivites.models import Bloc, Methode, Session

# The sessions a member sees listed on a méthode's page, the latest first.
SESSIONS_SHOWN = 20


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
    # Members also find the sessions they may open where it was used.
    sessions = []
    if request.user.is_authenticated:
        sessions = list(
            Session.objects.for_user(request.user)
            .filter(jours__blocs__methode=methode, jours__blocs__supprime_le__isnull=True)
            .annotate(employee_le=Min("jours__date"))
            .select_related("transfo")
            .order_by(F("employee_le").desc(nulls_last=True), "transfo__nom", "-numero")[
                :SESSIONS_SHOWN
            ]
        )
    return render(
        request,
        "collectivites/methode_detail.html",
        {
            "methode": methode,
            "uses": list(uses),
            "sessions": sessions,
            "sections": sections("methode", request, methode=methode),
        },
    )
