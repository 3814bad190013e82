"""The read-only public JSON API (`/api/`): published cases, Transfos and the toolbox.

Everything here is public data fetched through the querysets of the public pages: the
vitrine's FilterSet and querysets for cases (so that page, exports and API cannot disagree),
`/transfos/`'s for Transfos, `/methodes/`'s for the toolbox. GET only, no authentication.

The browsable documentation at `/api/docs` is a server-rendered page of the site, built
from the OpenAPI schema: ninja's Swagger UI and Redoc pages would load their scripts from a
CDN (ninja is not an installed app here) and run inline scripts, which the Content Security
Policy forbids; vendoring Swagger UI would add a megabyte of JavaScript that injects inline
styles and is neither in French nor accessible. The page works without JavaScript.
"""

import django_filters
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Query, Schema
from ninja.openapi.docs import DocsBase
from pydantic import Field, create_model

from cas_pratiques import exports, schemas
from cas_pratiques.choices import EtatPublication
from cas_pratiques.filters import CasPratiqueFilterSet
from cas_pratiques.models import CasPratique, Livrable
from cas_pratiques.views.vitrine import PAGE_SIZE, export_cases, public_cas_queryset
from collectivites.choices import StatutSession
from collectivites.filters import MethodeFilterSet
from collectivites.models import Bloc, Methode, Transfo
from transfo.sitemaps import absolute_url

# As the public pages: /cas/ shows 20 cases a page, /methodes/ 30 méthodes.
METHODE_PAGE_SIZE = 30
TRANSFO_PAGE_SIZE = 50
MAX_PAGE_SIZE = 100
CACHE_SECONDS = 300


class PublicDocs(DocsBase):
    """The API's documentation as a page of the site, read from its OpenAPI schema."""

    def render_page(self, request, api, **kwargs):
        schema = api.get_openapi_schema(path_params=kwargs)
        return render(
            request,
            "cas_pratiques/api_docs.html",
            {
                "api": api,
                "openapi_url": reverse(f"{api.urls_namespace}:openapi-json"),
                "operations": documented_operations(schema),
                "licence": exports.LICENCE,
            },
        )


api = NinjaAPI(
    title="API de La Transfo",
    version="1.0.0",
    description=(
        "Les données publiques de La Transfo, en lecture seule : les cas pratiques publiés "
        "sur la vitrine (avec les mêmes filtres que la page /cas/ et ses exports), les "
        "Transfos et leurs infos clés, les méthodes de la boîte à outils. Aucune "
        "authentification. Données sous Licence Ouverte 2.0."
    ),
    urls_namespace="api",
    auth=None,
    docs=PublicDocs(),
    docs_decorator=login_not_required,
    openapi_extra={
        "info": {"license": {"name": exports.LICENCE["nom"], "url": exports.LICENCE["url"]}}
    },
)


# Pagination --------------------------------------------------------------------------------


def paginate(request, queryset, per_page, serialize):
    """One page of results, the vitrine's way: a page out of range gives the nearest one."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))

    def link(number):
        params = [(k, v) for k in request.GET for v in request.GET.getlist(k) if k != "page"]
        return absolute_url(f"{request.path}?{urlencode([*params, ('page', number)])}")

    return {
        "total": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "suivante": link(page.next_page_number()) if page.has_next() else None,
        "precedente": link(page.previous_page_number()) if page.has_previous() else None,
        "resultats": [serialize(item) for item in page.object_list],
    }


def _per_page(value, default):
    return min(value, MAX_PAGE_SIZE) if value else default


# Query parameters, from the FilterSets themselves: the names cannot drift from the pages'.


def _filter_parameters(name, filterset_class):
    fields = {}
    for field_name, filter_ in filterset_class.base_filters.items():
        description = f"{filter_.label}."
        choices = filter_.extra.get("choices")
        if choices:
            values = ", ".join(f"`{value}` ({label})" for value, label in choices)
            description += f" Valeurs : {values}."
        if isinstance(filter_, django_filters.MultipleChoiceFilter):
            annotation = list[str]
            description += " Plusieurs valeurs possibles : l'une ou l'autre."
        else:
            annotation = str
        fields[field_name] = (annotation | None, Field(None, description=description))
    fields["page"] = (int | None, Field(None, ge=1, description="Numéro de page (à partir de 1)."))
    fields["par_page"] = (
        int | None,
        Field(None, ge=1, le=MAX_PAGE_SIZE, description="Résultats par page (100 au plus)."),
    )
    return create_model(name, __base__=Schema, **fields)


FiltresCas = _filter_parameters("FiltresCas", CasPratiqueFilterSet)
FiltresMethodes = _filter_parameters("FiltresMethodes", MethodeFilterSet)


class Pagination(Schema):
    page: int | None = Field(None, ge=1, description="Numéro de page (à partir de 1).")
    par_page: int | None = Field(
        None, ge=1, le=MAX_PAGE_SIZE, description="Résultats par page (100 au plus)."
    )


# Cases --------------------------------------------------------------------------------------

# The export's list columns as lists (the export joins them with " | "). A test checks that
# joining these gives the export's values, so the two cannot disagree.
LIST_COLUMNS = {
    "finalites": lambda cas, url: [str(label) for label in cas.get_finalites_display()],
    "modes_intervention": lambda cas, url: [
        str(label) for label in cas.get_modes_intervention_display()
    ],
    "methodes": lambda cas, url: [methode.nom for methode in cas.methodes.all()],
    "livrables": lambda cas, url: [
        url(livrable.get_public_url()) for livrable in cas.livrables.all() if livrable.public
    ],
}


# The export's empty cell of a number or a date is null in JSON.
NULLABLE = {"entier", "date", "date et heure"}


def cas_resume(cas, columns, absolute_url):
    """A case as the export has it: the export's columns, lists as lists, empty as null."""
    data = {}
    for column in columns:
        if column.type == "liste":
            data[column.name] = LIST_COLUMNS[column.name](cas, absolute_url)
        else:
            value = column.value(cas)
            data[column.name] = None if value == "" and column.type in NULLABLE else value
    return data


def cas_detail(cas, request):
    data = cas_resume(cas, exports.columns(absolute_url), absolute_url)
    data.update(
        transfo_slug=cas.transfo.slug,
        collectivite_slug=cas.transfo.collectivite.slug,
        etapes=cas.etapes_list,
        methodes_detail=[
            {
                "slug": methode.slug,
                "nom": methode.nom,
                "url": absolute_url(methode.get_absolute_url()),
                "api": absolute_url(reverse("api:methode", args=[methode.slug])),
            }
            for methode in cas.methodes.all()
        ],
        sessions=[
            {"numero": s.numero, "titre": s.titre, "date_debut": s.date_debut}
            for s in cas.sessions_list()
        ],
        livrables_detail=[
            {
                "titre": f.titre,
                "type": f.get_type_display(),
                "extension": f.extension,
                "taille": f.taille,
                "url": absolute_url(f.get_public_url()),
            }
            for f in cas.livrables_publics
        ],
        photos=[
            {"url": absolute_url(p.get_public_url()), "alt": p.alt, "legende": p.legende}
            for p in cas.photos_publiques
        ],
        contacts=[{"nom": c.nom, "role": c.role, "email": c.email} for c in cas.contacts_publics],
    )
    return data


@api.get(
    "/cas/",
    response=schemas.PageCas,
    url_name="cas_list",
    summary="Les cas publiés",
    description=(
        "Les cas publiés sur la vitrine, avec les filtres de la page /cas/ et de ses exports : "
        "la même adresse donne les mêmes cas, dans le même ordre. Plusieurs valeurs d'un "
        "filtre (`?transfo=metz&transfo=mulhouse`) veulent dire l'une ou l'autre ; des filtres "
        "différents se combinent. Une valeur inconnue est ignorée, comme sur la page."
    ),
    tags=["cas"],
)
def list_cas(request, filtres: Query[FiltresCas]):
    cases, columns = export_cases(request)
    return paginate(
        request,
        cases,
        _per_page(filtres.par_page, PAGE_SIZE),
        lambda cas: cas_resume(cas, columns, absolute_url),
    )


@api.get(
    "/cas/{slug}/",
    response={200: schemas.CasDetail, 404: schemas.Erreur},
    url_name="cas",
    summary="Un cas publié",
    description="Un cas publié, tel que le raconte sa page sur la vitrine.",
    tags=["cas"],
)
def get_cas(request, slug: str):
    queryset = public_cas_queryset().prefetch_related(
        Prefetch("livrables", queryset=Livrable.objects.publics())
    )
    cas = get_object_or_404(queryset.filter(etat=EtatPublication.PUBLIE), slug=slug)
    return cas_detail(cas, request)


# Transfos -----------------------------------------------------------------------------------


def transfos_queryset():
    """The Transfos as /transfos/ lists them, with their number of published cases."""
    published = (
        CasPratique.objects.publies()
        .filter(transfo=OuterRef("pk"))
        .order_by()
        .values("transfo")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Transfo.objects.select_related("collectivite")
        .with_counts()
        .annotate(nb_cas_publies=Coalesce(Subquery(published), Value(0)))
        .order_by("-date_debut", "nom")
    )


def transfo_data(transfo, request):
    collectivite = transfo.collectivite
    return {
        "slug": transfo.slug,
        "nom": transfo.nom,
        "url": absolute_url(transfo.get_absolute_url()),
        "collectivite": {
            "slug": collectivite.slug,
            "nom": collectivite.nom,
            "type": collectivite.get_type_display(),
            "region": collectivite.region,
            "latitude": collectivite.latitude,
            "longitude": collectivite.longitude,
        },
        "statut": transfo.statut,
        "statut_libelle": transfo.get_statut_display(),
        "annees": transfo.annees,
        "date_debut": transfo.date_debut,
        "date_fin": transfo.date_fin,
        "description": transfo.description,
        "nb_ambassadeurs": transfo.nb_ambassadeurs,
        "nb_residents": transfo.nb_residents,
        "nb_cas_publies": transfo.nb_cas_publies,
        "sessions_cible": transfo.sessions_cible,
        "jours_cible": transfo.jours_cible,
        "duree_mois_cible": transfo.duree_mois_cible,
        "cas_min": transfo.cas_min,
        "cas_max": transfo.cas_max,
    }


@api.get(
    "/transfos/",
    response=schemas.PageTransfos,
    url_name="transfo_list",
    summary="Les Transfos",
    description="Les Transfos et leurs infos clés publiques, comme sur la page /transfos/.",
    tags=["transfos"],
)
def list_transfos(request, pagination: Query[Pagination]):
    return paginate(
        request,
        transfos_queryset(),
        _per_page(pagination.par_page, TRANSFO_PAGE_SIZE),
        lambda transfo: transfo_data(transfo, request),
    )


@api.get(
    "/transfos/{slug}/",
    response={200: schemas.TransfoDetail, 404: schemas.Erreur},
    url_name="transfo",
    summary="Une Transfo",
    description="Une Transfo, ses infos clés publiques et ses cas publiés.",
    tags=["transfos"],
)
def get_transfo(request, slug: str):
    transfo = get_object_or_404(transfos_queryset(), slug=slug)
    data = transfo_data(transfo, request)
    data["cas"] = [
        {
            "slug": cas.slug,
            "titre": cas.titre,
            "url": absolute_url(cas.get_absolute_url()),
            "api": absolute_url(reverse("api:cas", args=[cas.slug])),
        }
        for cas in CasPratique.objects.publies().filter(transfo=transfo).order_by("numero")
    ]
    return data


# The toolbox --------------------------------------------------------------------------------


def methode_data(methode, request):
    return {
        "slug": methode.slug,
        "nom": methode.nom,
        "url": absolute_url(methode.get_absolute_url()),
        "famille": methode.famille,
        "famille_libelle": methode.get_famille_display(),
        "objectif": methode.objectif,
        "etapes": methode.etapes_list,
        "duree_typique": methode.duree_typique,
        "taille_groupe": methode.taille_groupe,
        "materiel": methode.materiel,
        "source": methode.source,
    }


@api.get(
    "/methodes/",
    response=schemas.PageMethodes,
    url_name="methode_list",
    summary="Les méthodes de la boîte à outils",
    description="Les méthodes, avec la recherche et le filtre par famille de la page /methodes/.",
    tags=["méthodes"],
)
def list_methodes(request, filtres: Query[FiltresMethodes]):
    filterset = MethodeFilterSet(request.GET or None, queryset=Methode.objects.all())
    return paginate(
        request,
        filterset.qs,
        _per_page(filtres.par_page, METHODE_PAGE_SIZE),
        lambda methode: methode_data(methode, request),
    )


@api.get(
    "/methodes/{slug}/",
    response={200: schemas.MethodeDetail, 404: schemas.Erreur},
    url_name="methode",
    summary="Une méthode",
    description="Une méthode, ses rôles et les Transfos qui l'ont pratiquée.",
    tags=["méthodes"],
)
def get_methode(request, slug: str):
    methode = get_object_or_404(Methode.objects.prefetch_related("roles"), slug=slug)
    # As on its page: the Transfos and their number of sessions, from published programmes.
    uses = (
        Bloc.objects.vivants()
        .filter(methode=methode, jour__session__est_modele=False)
        .exclude(jour__session__statut=StatutSession.BROUILLON)
        .values("jour__session__transfo__nom", "jour__session__transfo__slug")
        .annotate(sessions=Count("jour__session", distinct=True))
        .order_by("jour__session__transfo__nom")
    )
    data = methode_data(methode, request)
    data["roles"] = [
        {"nom": r.nom, "mission": r.mission, "posture": r.posture, "outils": r.outils}
        for r in methode.roles.all()
    ]
    data["usages"] = [
        {
            "transfo": use["jour__session__transfo__nom"],
            "transfo_slug": use["jour__session__transfo__slug"],
            "sessions": use["sessions"],
        }
        for use in uses
    ]
    return data


@api.get(
    "/",
    response=schemas.Index,
    url_name="index",
    summary="Sommaire de l'API",
    description="Les ressources de l'API, sa documentation et sa licence.",
    tags=["sommaire"],
)
def index(request):
    return {
        "titre": api.title,
        "documentation": absolute_url(reverse("api:openapi-view")),
        "schema_openapi": absolute_url(reverse("api:openapi-json")),
        "licence": exports.LICENCE,
        "ressources": {
            "cas": absolute_url(reverse("api:cas_list")),
            "transfos": absolute_url(reverse("api:transfo_list")),
            "methodes": absolute_url(reverse("api:methode_list")),
        },
    }


@api.exception_handler(Http404)
def not_found(request, exc):
    return api.create_response(request, {"detail": _("Introuvable.")}, status=404)


# Documentation ------------------------------------------------------------------------------


def _ref_name(ref):
    return ref.rsplit("/", 1)[-1]


def type_label(prop):
    """A JSON schema's type in a few words: "texte", "liste de texte", "entier ou null"."""
    names = {
        "string": "texte",
        "integer": "entier",
        "number": "nombre",
        "boolean": "booléen",
        "null": "null",
        "object": "objet",
    }
    if "$ref" in prop:
        return _ref_name(prop["$ref"])
    if "anyOf" in prop:
        return " ou ".join(type_label(option) for option in prop["anyOf"])
    kind = prop.get("type")
    if kind == "array":
        return f"liste de {type_label(prop.get('items', {}))}"
    if prop.get("format") in {"date", "date-time"}:
        return "date" if prop["format"] == "date" else "date et heure"
    return names.get(kind, kind or "valeur")


def documented_operations(schema):
    """Each operation of the schema with its parameters and the fields of its answer."""
    components = schema.get("components", {}).get("schemas", {})
    operations = []
    for path, methods in schema["paths"].items():
        for method, operation in methods.items():
            ok = operation["responses"].get(200, operation["responses"].get("200", {}))
            content = ok.get("content", {}).get("application/json", {}).get("schema", {})
            operations.append(
                {
                    "id": operation["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": [
                        {
                            "name": p["name"],
                            "where": _("chemin") if p["in"] == "path" else _("requête"),
                            "type": type_label(p.get("schema", {})),
                            "required": p.get("required", False),
                            "description": p.get("description")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in operation.get("parameters", [])
                    ],
                    "models": _models(content, components),
                }
            )
    return operations


def _models(content, components):
    """The answer's schema and the schemas it refers to, each with its fields."""
    seen, order = set(), []

    def visit(prop):
        for ref in _refs(prop):
            name = _ref_name(ref)
            if name not in seen:
                seen.add(name)
                order.append(name)
                for field in components.get(name, {}).get("properties", {}).values():
                    visit(field)

    visit(content)
    return [
        {
            "name": name,
            "fields": [
                {
                    "name": field_name,
                    "type": type_label(field),
                    "description": field.get("description", ""),
                }
                for field_name, field in components[name].get("properties", {}).items()
            ],
        }
        for name in order
        if name in components
    ]


def _refs(prop):
    if isinstance(prop, dict):
        if "$ref" in prop:
            yield prop["$ref"]
        for value in prop.values():
            yield from _refs(value)
    elif isinstance(prop, list):
        for value in prop:
            yield from _refs(value)


# URLs ---------------------------------------------------------------------------------------


def public(view, *, cache):
    """A view of this API: public (LoginRequiredMiddleware lets it through), maybe cached."""

    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if cache and response.status_code < 500:
            patch_cache_control(response, public=True, max_age=CACHE_SECONDS)
        return response

    wrapper.csrf_exempt = True
    return login_not_required(wrapper)


def public_urls():
    """`api.urls`, every route public. The JSON answers are the same for everyone, so
    caches may keep them a while; the docs page shows the signed-in person's name."""
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        pattern.callback = public(pattern.callback, cache=pattern.name != "openapi-view")
    return patterns, app_name, namespace
