"""The public JSON API: the vitrine's cases and filters, nothing private, constant queries."""

import pytest

from cas_pratiques import exports
from cas_pratiques.api import FiltresCas, FiltresMethodes, cas_resume
from cas_pratiques.filters import CasPratiqueFilterSet
from cas_pratiques.views.vitrine import public_cas_queryset
from collectivites.filters import MethodeFilterSet
from tests.cas_pratiques import test_vitrine
from tests.cas_pratiques.factories import (
    CasPratiqueFactory,
    ContactFactory,
    LivrableFactory,
    PhotoFactory,
)
from tests.collectivites.factories import MethodeFactory, SessionFactory, TransfoFactory

# The vitrine's cases (four published, one draft, one under review) and its canaries.
vitrine = test_vitrine.vitrine
canaries = test_vitrine.canaries
CANARY = test_vitrine.CANARY


def get(client, path, params=None):
    response = client.get(path, params or {})
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/json")
    return response.json()


# Public, documented ------------------------------------------------------------------------


def test_api_is_public_and_cacheable(client, vitrine):
    response = client.get("/api/cas/")
    assert response.status_code == 200
    assert "public" in response["Cache-Control"]
    assert "max-age=300" in response["Cache-Control"]


def test_index_lists_the_resources(client, vitrine):
    data = get(client, "/api/")
    assert data["ressources"]["cas"] == "http://127.0.0.1:8000/api/cas/"
    assert data["schema_openapi"] == "http://127.0.0.1:8000/api/openapi.json"
    assert data["licence"] == exports.LICENCE


def test_openapi_schema_describes_every_endpoint(client, vitrine):
    schema = get(client, "/api/openapi.json")
    assert schema["info"]["title"] == "API de La Transfo"
    assert schema["info"]["license"]["name"] == exports.LICENCE["nom"]
    assert set(schema["paths"]) == {
        "/api/",
        "/api/cas/",
        "/api/cas/{slug}/",
        "/api/transfos/",
        "/api/transfos/{slug}/",
        "/api/methodes/",
        "/api/methodes/{slug}/",
    }
    assert all(set(methods) == {"get"} for methods in schema["paths"].values())


def test_docs_page_lists_endpoints_without_inline_script(client, vitrine):
    response = client.get("/api/docs")
    assert response.status_code == 200
    body = response.content.decode()
    assert "GET /api/cas/{slug}/" in body
    assert "mode_saisine" in body
    assert "commande_decideur" in body  # the accepted values of a filter
    assert 'href="/api/openapi.json"' in body
    assert "<script>" not in body
    assert "cdn." not in body
    assert " style=" not in body
    assert "Content-Security-Policy" in response.headers


def test_query_parameters_are_the_filtersets_fields():
    assert set(FiltresCas.model_fields) == {*CasPratiqueFilterSet.Meta.fields, "page", "par_page"}
    assert set(FiltresMethodes.model_fields) == {*MethodeFilterSet.Meta.fields, "page", "par_page"}


# Cases: the vitrine's, filtered alike -------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {},
        {"transfo": "mulhouse"},
        {"collectivite": ["m2a", "ems"], "annee": "2016"},
        {"mode_saisine": "commande_direction", "type_sujet": "projet_numerique"},
        {"finalite": "connaissance_usages"},
        {"mode_intervention": ["debogage", "immersion"]},
        {"methode": "prototypage"},
        {"q": "megots"},
        {"q": "mégots", "transfo": "mulhouse"},
        {"tri": "alphabetique"},
        {"annee": "pas-une-annee"},
        {"transfo": "inconnue"},
        test_vitrine.ALL_FILTERS,
    ],
)
def test_case_list_gives_the_vitrine_page_cases(client, vitrine, query):
    page = client.get("/cas/", query).context["page"]
    data = get(client, "/api/cas/", query)
    assert [c["slug"] for c in data["resultats"]] == [c.slug for c in page.object_list]
    assert data["total"] == page.paginator.count


def test_case_list_pages_like_the_vitrine(client, vitrine):
    for n in range(25):
        CasPratiqueFactory(transfo=vitrine["megotiers"].transfo, titre=f"Cas {n:02}", publie=True)
    first = get(client, "/api/cas/", {"tri": "alphabetique"})
    assert (first["total"], first["page"], first["pages"]) == (29, 1, 2)
    assert first["precedente"] is None
    assert first["suivante"] == "http://127.0.0.1:8000/api/cas/?tri=alphabetique&page=2"
    second = get(client, first["suivante"])
    vitrine_page = client.get("/cas/", {"tri": "alphabetique", "page": 2}).context["page"]
    assert [c["slug"] for c in second["resultats"]] == [c.slug for c in vitrine_page]
    assert len(get(client, "/api/cas/", {"par_page": 5})["resultats"]) == 5
    assert client.get("/api/cas/", {"par_page": 1000}).status_code == 422


def test_case_in_the_list_is_its_export_row(client, vitrine):
    """Same fields and values as /cas/export.json; the export's lists are joined by " | "."""
    cas = vitrine["carte_max"]
    LivrableFactory(cas=cas, est_public=True)
    LivrableFactory(cas=cas)
    exported = next(
        row for row in get(client, "/cas/export.json")["cas"] if row["slug"] == cas.slug
    )
    listed = next(c for c in get(client, "/api/cas/")["resultats"] if c["slug"] == cas.slug)
    assert set(listed) == set(exported)
    columns = {column.name: column for column in exports.columns(str)}
    for name, value in listed.items():
        if columns[name].type == "liste":
            assert " | ".join(value) == exported[name]
        elif columns[name].type == "date et heure":
            assert value.replace("Z", "+00:00")[:19] == exported[name][:19]
        else:
            empty = exported[name] == "" and columns[name].type in {"entier", "date"}
            assert value == (None if empty else exported[name])
    assert len(listed["livrables"]) == 1
    assert listed["finalites"] == [
        "Améliorer le recours à un dispositif",
        "Nourrir la connaissance des usages",
    ]


def test_case_detail_tells_the_public_story(client, vitrine):
    cas = vitrine["megotiers"]
    cas.methode = "Observer les fumeurs\nPrototyper un cendrier"
    cas.save()
    cas.sessions.set(
        [SessionFactory(transfo=cas.transfo, numero=3, titre="Au marché", publiee=True)]
    )
    LivrableFactory(cas=cas, titre="Le rapport", est_public=True)
    PhotoFactory(cas=cas, alt="Un cendrier de vote", legende="Place de la Réunion", est_public=True)
    ContactFactory(cas=cas, nom="Amélie Durand", email="amelie@exemple.test", consentant=True)
    data = get(client, f"/api/cas/{cas.slug}/")
    assert data["titre"] == "Les mégotiers"
    assert data["transfo"] == "Transfo Mulhouse"
    assert data["transfo_slug"] == "mulhouse"
    assert data["collectivite_slug"] == "m2a"
    assert data["etapes"] == ["Observer les fumeurs", "Prototyper un cendrier"]
    assert [m["slug"] for m in data["methodes_detail"]] == ["prototypage"]
    assert data["methodes_detail"][0]["api"] == "http://127.0.0.1:8000/api/methodes/prototypage/"
    assert [(s["numero"], s["titre"]) for s in data["sessions"]] == [(3, "Au marché")]
    assert [f["titre"] for f in data["livrables_detail"]] == ["Le rapport"]
    assert data["livrables_detail"][0]["url"].startswith(f"http://127.0.0.1:8000/cas/{cas.slug}/")
    assert data["photos"][0]["alt"] == "Un cendrier de vote"
    assert data["contacts"] == [
        {"nom": "Amélie Durand", "role": "Cheffe de projet", "email": "amelie@exemple.test"}
    ]


@pytest.mark.parametrize("name", ["brouillon", "a_relire"])
def test_unpublished_case_is_404(client, vitrine, name):
    response = client.get(f"/api/cas/{vitrine[name].slug}/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Introuvable."}


def test_withdrawn_case_is_404(client, vitrine):
    cas = vitrine["megotiers"]
    cas.withdraw()
    assert client.get(f"/api/cas/{cas.slug}/").status_code == 404
    assert cas.slug not in client.get("/api/cas/").content.decode()


# Transfos and méthodes ----------------------------------------------------------------------


def test_transfos_with_their_key_facts(client, vitrine):
    data = get(client, "/api/transfos/")
    by_slug = {t["slug"]: t for t in data["resultats"]}
    assert set(by_slug) == {"mulhouse", "strasbourg"}
    mulhouse = by_slug["mulhouse"]
    assert mulhouse["collectivite"]["nom"] == "Mulhouse Alsace Agglomération"
    assert mulhouse["nb_cas_publies"] == 2  # not the draft
    assert mulhouse["sessions_cible"] == 14
    detail = get(client, "/api/transfos/mulhouse/")
    assert {c["titre"] for c in detail["cas"]} == {"Les mégotiers", "La carte Max"}
    assert client.get("/api/transfos/inconnue/").status_code == 404


@pytest.mark.parametrize(
    ("query", "slug"),
    [("trinome", "immersion-en-trinome"), ("debat", "debat-mouvant"), ("METEO", "meteo")],
)
def test_the_toolbox_search_ignores_accents_and_case(client, vitrine, query, slug):
    MethodeFactory(nom="Débat mouvant", slug="debat-mouvant")
    MethodeFactory(nom="La météo du groupe", slug="meteo", objectif="Prendre la température.")
    page = client.get("/methodes/", {"q": query}).context["page"]
    assert [m.slug for m in page.object_list] == [slug]
    assert [m["slug"] for m in get(client, "/api/methodes/", {"q": query})["resultats"]] == [slug]


def test_methodes_with_the_toolbox_filters(client, vitrine):
    MethodeFactory(nom="Débat mouvant", slug="debat-mouvant", famille="reflexivite")
    data = get(client, "/api/methodes/")
    assert {"prototypage", "immersion-en-trinome", "debat-mouvant"} <= {
        m["slug"] for m in data["resultats"]
    }
    page = client.get("/methodes/", {"famille": "reflexivite"}).context["page"]
    filtered = get(client, "/api/methodes/", {"famille": "reflexivite"})
    assert [m["slug"] for m in filtered["resultats"]] == [m.slug for m in page.object_list]
    detail = get(client, "/api/methodes/prototypage/")
    assert detail["nom"] == "Prototypage"
    assert client.get("/api/methodes/inconnue/").status_code == 404


# The canary: nothing private, nothing unpublished ------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/cas/",
        "/api/cas/?q=canari",
        "/api/cas/?q=megots",
        "/api/cas/?transfo=mulhouse&mode_saisine=commande_decideur",
        "/api/cas/les-megotiers/",
        "/api/transfos/",
        "/api/transfos/mulhouse/",
        "/api/transfos/strasbourg/",
        "/api/methodes/",
        "/api/methodes/prototypage/",
        "/api/openapi.json",
        "/api/docs",
    ],
)
def test_canary_never_appears_in_the_api(client, canaries, path):
    body = client.get(path).content.decode()
    assert CANARY not in body
    assert "canari@exemple.test" not in body
    for unpublished in canaries[1:]:
        assert unpublished.titre not in body
        assert unpublished.slug not in body


def test_export_rows_of_a_detail_queryset_keep_private_livrables_out(vitrine):
    """Even from a queryset without the export's prefetch, only public livrables are listed."""
    cas = vitrine["megotiers"]
    LivrableFactory(cas=cas, titre="privé")
    cas = public_cas_queryset().get(pk=cas.pk)
    assert cas_resume(cas, exports.columns(str), str)["livrables"] == []


# Query counts -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [10, 100])
def test_case_list_queries_do_not_grow(client, vitrine, django_assert_max_num_queries, count):
    test_vitrine.make_cases(vitrine, count)
    # Count; the page of cases with Transfo and collectivité; their méthodes; public livrables.
    with django_assert_max_num_queries(4):
        data = get(client, "/api/cas/", {**test_vitrine.ALL_FILTERS, "par_page": 100})
    assert data["total"] > 5


@pytest.mark.parametrize("count", [10, 100])
def test_case_detail_queries_do_not_grow(client, vitrine, django_assert_max_num_queries, count):
    cas = vitrine["megotiers"]
    for _ in range(count // 10):
        LivrableFactory(cas=cas, est_public=True)
        PhotoFactory(cas=cas, est_public=True)
        ContactFactory(cas=cas, consentant=True)
    # The case; méthodes, sessions and their days, livrables (public page's and export's
    # prefetch), photos, contacts.
    with django_assert_max_num_queries(8):
        get(client, f"/api/cas/{cas.slug}/")


@pytest.mark.parametrize("count", [5, 50])
def test_transfo_list_queries_do_not_grow(client, db, django_assert_max_num_queries, count):
    for _ in range(count):
        CasPratiqueFactory(transfo=TransfoFactory(), publie=True)
    # Count; the page of Transfos with collectivité, member and published-case counts.
    with django_assert_max_num_queries(2):
        data = get(client, "/api/transfos/", {"par_page": 100})
    assert data["total"] == count


@pytest.mark.parametrize("count", [5, 50])
def test_methode_list_queries_do_not_grow(client, db, django_assert_max_num_queries, count):
    for _ in range(count):
        MethodeFactory()
    # Count; the page of méthodes.
    with django_assert_max_num_queries(2):
        data = get(client, "/api/methodes/", {"par_page": 100})
    assert data["total"] == count


def test_signed_in_member_sees_the_same_public_data(client_for, cas, cas_publie):
    """Being a member of the Transfo opens nothing more in the API: it is public data only."""
    client = client_for("resident")
    assert client.get(f"/api/cas/{cas.slug}/").status_code == 404
    listed = client.get("/api/cas/").content.decode()
    assert cas.slug not in listed
    assert cas_publie.slug in listed
    assert "CANARI-NOTES-PRIVEES" not in client.get(f"/api/cas/{cas_publie.slug}/").content.decode()


def test_docs_page_is_not_cached_publicly(client, vitrine):
    # It shows the signed-in person's name in the header.
    assert "public" not in client.get("/api/docs").get("Cache-Control", "")
