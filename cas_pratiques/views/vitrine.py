"""The public vitrine des cas: search, facets and sort, a case told as a story, the open data
(CSV, JSON and its codebook)."""

import json

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import mark_safe

from cas_pratiques import exports
from cas_pratiques.choices import EtatPublication
from cas_pratiques.filters import CasPratiqueFilterSet
from cas_pratiques.models import CasPratique, Contact, Livrable, Photo
from collectivites.choices import StatutSession
from collectivites.models import Session
from transfo.files import file_response
from transfo.public_cache import public_page
from transfo.sitemaps import absolute_url

PAGE_SIZE = 20


def vitrine_queryset():
    return (
        CasPratique.objects.publies()
        .select_related("transfo__collectivite")
        .order_by("-publie_le", "titre")
    )


def public_cas_queryset():
    """A case with what its public page shows: only public files and consented contacts."""
    sessions = (
        Session.objects.programmes()
        .exclude(statut=StatutSession.BROUILLON)
        .prefetch_related("jours")
        .order_by("numero")
    )
    return CasPratique.objects.select_related("transfo__collectivite").prefetch_related(
        Prefetch("methodes"),
        Prefetch("sessions", queryset=sessions),
        Prefetch("livrables", queryset=Livrable.objects.publics(), to_attr="livrables_publics"),
        Prefetch("photos", queryset=Photo.objects.publics(), to_attr="photos_publiques"),
        Prefetch("contacts", queryset=Contact.objects.publics(), to_attr="contacts_publics"),
    )


def _json_ld(request, cas):
    data = {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": cas.titre,
        "headline": cas.titre,
        "description": cas.resume or cas.sujet,
        "url": absolute_url(cas.get_absolute_url()),
        "inLanguage": "fr",
        "about": cas.problematique or cas.sujet,
        "spatialCoverage": {"@type": "Place", "name": cas.transfo.collectivite.nom},
        "isPartOf": {"@type": "CreativeWorkSeries", "name": cas.transfo.nom},
        "publisher": {"@type": "Organization", "name": "La 27e Région"},
        "license": exports.LICENCE["url"],
    }
    if cas.publie_le:
        data["datePublished"] = cas.publie_le.date().isoformat()
    if cas.date_debut:
        data["temporalCoverage"] = "/".join(
            d.isoformat() if d else ".." for d in (cas.date_debut, cas.date_fin)
        )
    text = json.dumps(data, ensure_ascii=False, indent=2)
    # Nothing in the data may close the script element.
    return mark_safe(text.replace("<", "\\u003c").replace(">", "\\u003e"))


def render_public_case(request, cas, *, preview=False):
    related = (
        vitrine_queryset()
        .exclude(pk=cas.pk)
        .filter(Q(transfo_id=cas.transfo_id) | Q(type_sujet=cas.type_sujet) & ~Q(type_sujet=""))
        .order_by("-publie_le")[:3]
    )
    return render(
        request,
        "cas_pratiques/vitrine_detail.html",
        {
            "cas": cas,
            "preview": preview,
            "livrables": [
                (f, f.get_private_url() if preview else f.get_public_url())
                for f in cas.livrables_publics
            ],
            "photos": [
                (p, p.get_private_url() if preview else p.get_public_url())
                for p in cas.photos_publiques
            ],
            "sessions": cas.sessions_list(),
            "related": list(related),
            "json_ld": _json_ld(request, cas),
            "og_url": absolute_url(cas.get_absolute_url()),
            "og_description": cas.resume or cas.sujet,
        },
    )


def _active_filters(request, filterset, facets):
    """Each active filter with the URL that removes it alone."""
    active = []
    labels = {
        (facet.name, option.value): option.label for facet in facets for option in facet.options
    }
    for name in ["q", *CasPratiqueFilterSet.FACETS]:
        for value in request.GET.getlist(name):
            if not value:
                continue
            params = [
                (k, v)
                for k in request.GET
                for v in request.GET.getlist(k)
                if k != "page" and not (k == name and v == value)
            ]
            label = f"« {value} »" if name == "q" else labels.get((name, value), value)
            active.append(
                {
                    "filter": filterset.filters[name].label,
                    "label": label,
                    "url": "?" + urlencode(params) if params else "?",
                }
            )
    return active


@login_not_required
@public_page
def vitrine(request):
    filterset = CasPratiqueFilterSet(request.GET or None, queryset=vitrine_queryset())
    results = filterset.results()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    facets = filterset.facets()
    return render(
        request,
        "cas_pratiques/vitrine.html",
        {
            "filter": filterset,
            "facets": facets,
            "page": page,
            "count": page.paginator.count,
            # A broad search: only known to have more than `count` matches.
            "capped": getattr(results, "capped", False),
            "active_filters": _active_filters(request, filterset, facets),
            "export_query": urlencode(
                [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]
            ),
        },
    )


@login_not_required
@public_page
def vitrine_detail(request, slug):
    cas = get_object_or_404(public_cas_queryset().filter(etat=EtatPublication.PUBLIE), slug=slug)
    return render_public_case(request, cas)


@login_not_required
def vitrine_livrable(request, slug, pk):
    livrable = get_object_or_404(
        Livrable.objects.publics().filter(cas__etat=EtatPublication.PUBLIE, cas__slug=slug), pk=pk
    )
    return file_response(livrable.fichier, attachment=True, cache="public, max-age=3600")


@login_not_required
def vitrine_photo(request, slug, pk):
    photo = get_object_or_404(
        Photo.objects.publics().filter(cas__etat=EtatPublication.PUBLIE, cas__slug=slug), pk=pk
    )
    return file_response(photo.image, attachment=False, cache="public, max-age=3600")


def export_cases(request):
    """The published cases matching the request's vitrine filters, and the export's columns:
    one definition of what is exported, shared by the CSV and JSON files and the API."""
    filterset = CasPratiqueFilterSet(request.GET or None, queryset=vitrine_queryset())
    cases = filterset.qs.prefetch_related(
        "methodes", Prefetch("livrables", queryset=Livrable.objects.publics())
    )
    return cases, exports.columns(absolute_url)


@login_not_required
def vitrine_export_csv(request):
    cases, columns = export_cases(request)
    response = HttpResponse(exports.to_csv(cases, columns), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cas-pratiques.csv"'
    return response


@login_not_required
def vitrine_export_json(request):
    cases, columns = export_cases(request)
    data = {
        "licence": exports.LICENCE,
        "producteur": "La 27e Région — La Transfo",
        "documentation": absolute_url(reverse("cas_pratiques:vitrine_donnees")),
        "cas": list(exports.rows(cases, columns)),
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})


@login_not_required
def vitrine_donnees(request):
    return render(
        request,
        "cas_pratiques/vitrine_donnees.html",
        {"columns": exports.columns(absolute_url), "licence": exports.LICENCE},
    )
