import csv
import io
import json
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import connection

from cas_pratiques.choices import Finalite, ModeIntervention, ModeSaisine, TypeSujet
from cas_pratiques.filters import CasPratiqueFilterSet, Facet
from cas_pratiques.models import CasPratique
from cas_pratiques.sitemaps import CasPratiqueSitemap
from tests.cas_pratiques.factories import (
    CasPratiqueFactory,
    ContactFactory,
    LivrableFactory,
    PhotoFactory,
)
from tests.collectivites.factories import (
    CollectiviteFactory,
    MethodeFactory,
    SessionFactory,
    TransfoFactory,
)

VITRINE = "/cas/"


@pytest.fixture
def vitrine(db):
    """Four published cases in two Transfos, one draft and one under review."""
    mulhouse = TransfoFactory(
        nom="Transfo Mulhouse",
        slug="mulhouse",
        collectivite=CollectiviteFactory(nom="Mulhouse Alsace Agglomération", slug="m2a"),
    )
    strasbourg = TransfoFactory(
        nom="Transfo Strasbourg",
        slug="strasbourg",
        collectivite=CollectiviteFactory(nom="Eurométropole de Strasbourg", slug="ems"),
    )
    immersion = MethodeFactory(nom="Immersion en trinôme", slug="immersion-en-trinome")
    prototypage = MethodeFactory(nom="Prototypage", slug="prototypage")
    cases = {
        "megotiers": CasPratiqueFactory(
            transfo=mulhouse,
            titre="Les mégotiers",
            sujet="Lutter contre le jet de mégots dans le centre-ville.",
            mode_saisine=ModeSaisine.COMMANDE_DECIDEUR,
            type_sujet=TypeSujet.ESPACE_PUBLIC,
            finalites=[Finalite.NOUVEAU_SERVICE],
            modes_intervention=[ModeIntervention.PROTOTYPAGE],
            date_debut=date(2016, 11, 1),
            methodes=[prototypage],
            publie=True,
        ),
        "carte_max": CasPratiqueFactory(
            transfo=mulhouse,
            titre="La carte Max",
            sujet="Un dispositif de la politique jeunesse.",
            mode_saisine=ModeSaisine.COMMANDE_DIRECTION,
            type_sujet=TypeSujet.INNOVATION_SERVICE,
            finalites=[Finalite.RECOURS_DISPOSITIF, Finalite.CONNAISSANCE_USAGES],
            modes_intervention=[ModeIntervention.IMMERSION, ModeIntervention.PROTOTYPAGE],
            date_debut=date(2016, 6, 1),
            methodes=[immersion, prototypage],
            publie=True,
        ),
        "inscriptions": CasPratiqueFactory(
            transfo=strasbourg,
            titre="Les inscriptions scolaires",
            sujet="Le renouvellement du logiciel des inscriptions scolaires.",
            mode_saisine=ModeSaisine.COMMANDE_DIRECTION,
            type_sujet=TypeSujet.PROJET_NUMERIQUE,
            finalites=[Finalite.CONNAISSANCE_USAGES],
            modes_intervention=[ModeIntervention.IMMERSION],
            date_debut=date(2018, 6, 1),
            methodes=[immersion],
            publie=True,
        ),
        "comptoir": CasPratiqueFactory(
            transfo=strasbourg,
            titre="Le comptoir des services",
            sujet="Un comptoir de services pour les agents.",
            mode_saisine=ModeSaisine.AUTOSAISINE,
            type_sujet=TypeSujet.INNOVATION_SERVICE,
            finalites=[Finalite.NOUVEAU_SERVICE],
            modes_intervention=[ModeIntervention.DEBOGAGE],
            date_debut=date(2019, 3, 1),
            publie=True,
        ),
        "brouillon": CasPratiqueFactory(
            transfo=mulhouse,
            titre="Les mégots du brouillon",
            mode_saisine=ModeSaisine.COMMANDE_DECIDEUR,
        ),
        "a_relire": CasPratiqueFactory(
            transfo=strasbourg, titre="Les mégots à relire", a_relire=True
        ),
    }
    return cases


def titles(data):
    filterset = CasPratiqueFilterSet(data, queryset=CasPratique.objects.publies())
    return sorted(cas.titre for cas in filterset.qs)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (
            {},
            [
                "La carte Max",
                "Le comptoir des services",
                "Les inscriptions scolaires",
                "Les mégotiers",
            ],
        ),
        ({"collectivite": ["m2a"]}, ["La carte Max", "Les mégotiers"]),
        ({"transfo": ["strasbourg"]}, ["Le comptoir des services", "Les inscriptions scolaires"]),
        ({"annee": ["2016"]}, ["La carte Max", "Les mégotiers"]),
        ({"annee": ["2018", "2019"]}, ["Le comptoir des services", "Les inscriptions scolaires"]),
        ({"mode_saisine": ["commande_decideur"]}, ["Les mégotiers"]),
        ({"type_sujet": ["innovation_service"]}, ["La carte Max", "Le comptoir des services"]),
        ({"finalite": ["connaissance_usages"]}, ["La carte Max", "Les inscriptions scolaires"]),
        ({"mode_intervention": ["prototypage"]}, ["La carte Max", "Les mégotiers"]),
        (
            {"mode_intervention": ["debogage", "immersion"]},
            ["La carte Max", "Le comptoir des services", "Les inscriptions scolaires"],
        ),
        ({"methode": ["immersion-en-trinome"]}, ["La carte Max", "Les inscriptions scolaires"]),
        (
            {"methode": ["immersion-en-trinome", "prototypage"]},
            ["La carte Max", "Les inscriptions scolaires", "Les mégotiers"],
        ),
        ({"transfo": ["inconnue"]}, []),
        (
            {"annee": ["pas-une-annee"]},
            [
                "La carte Max",
                "Le comptoir des services",
                "Les inscriptions scolaires",
                "Les mégotiers",
            ],
        ),
    ],
)
def test_each_filter(vitrine, data, expected):
    assert titles(data) == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"transfo": ["mulhouse"], "mode_saisine": ["commande_direction"]}, ["La carte Max"]),
        ({"collectivite": ["ems"], "finalite": ["nouveau_service"]}, ["Le comptoir des services"]),
        (
            {"methode": ["prototypage"], "annee": ["2016"], "type_sujet": ["espace_public"]},
            ["Les mégotiers"],
        ),
        ({"transfo": ["mulhouse"], "mode_intervention": ["debogage"]}, []),
        (
            {"q": "carte", "transfo": ["mulhouse"], "finalite": ["recours_dispositif"]},
            ["La carte Max"],
        ),
    ],
)
def test_filters_combine(vitrine, data, expected):
    assert titles(data) == expected


@pytest.mark.parametrize(
    "query", ["mégots", "megots", "MEGOTS", "Mégots centre-ville", "megotiers"]
)
def test_search_ignores_accents_and_case(vitrine, query):
    assert titles({"q": query}) == ["Les mégotiers"]


def test_search_finds_words_of_the_transfo_and_collectivite(vitrine):
    assert titles({"q": "eurometropole"}) == [
        "Le comptoir des services",
        "Les inscriptions scolaires",
    ]


def test_search_without_match_is_empty(vitrine):
    assert titles({"q": "aeroport"}) == []


def test_relevance_puts_title_matches_first(vitrine):
    CasPratiqueFactory(
        transfo=vitrine["megotiers"].transfo,
        titre="La propreté",
        sujet="Des mégots partout.",
        publie=True,
    )
    filterset = CasPratiqueFilterSet(
        {"q": "megot", "tri": "pertinence"}, queryset=CasPratique.objects.publies()
    )
    assert [c.titre for c in filterset.qs] == ["Les mégotiers", "La propreté"]


def test_a_search_is_sorted_by_relevance_by_default(client, vitrine):
    html = client.get(VITRINE, {"q": "mégots"}).content.decode()
    assert '<option value="pertinence" selected>' in html
    html = client.get(VITRINE).content.decode()
    assert '<option value="pertinence" selected>' not in html


def test_alphabetical_sort(vitrine):
    filterset = CasPratiqueFilterSet(
        {"tri": "alphabetique"}, queryset=CasPratique.objects.publies()
    )
    assert [c.titre for c in filterset.qs][:2] == ["La carte Max", "Le comptoir des services"]


def test_alphabetical_sort_ignores_case_and_accents(vitrine):
    for titre in ("La carte citoyenne", "Économiser l'énergie"):
        CasPratiqueFactory(transfo=vitrine["megotiers"].transfo, titre=titre, publie=True)
    filterset = CasPratiqueFilterSet(
        {"tri": "alphabetique"}, queryset=CasPratique.objects.publies()
    )
    assert [c.titre for c in filterset.qs][:3] == [
        "Économiser l'énergie",
        "La carte citoyenne",
        "La carte Max",
    ]


def test_recent_sort_is_the_default(client, vitrine):
    CasPratique.objects.filter(pk=vitrine["comptoir"].pk).update(
        publie_le=datetime(2030, 1, 1, tzinfo=UTC)
    )
    html = client.get(VITRINE).content.decode()
    assert html.index("Le comptoir des services") < html.index("Les mégotiers")


def test_facets_count_under_the_other_filters(vitrine):
    filterset = CasPratiqueFilterSet(
        {"transfo": ["mulhouse"]}, queryset=CasPratique.objects.publies()
    )
    facets = {facet.name: facet for facet in filterset.facets()}
    transfos = {o.label: (o.count, o.checked) for o in facets["transfo"].options}
    # The Transfo facet ignores its own filter, so a second Transfo can be added.
    assert transfos == {"Transfo Mulhouse": (2, True), "Transfo Strasbourg": (2, False)}
    saisines = {o.value: o.count for o in facets["mode_saisine"].options}
    assert saisines == {"commande_decideur": 1, "commande_direction": 1}
    finalites = {o.value: o.count for o in facets["finalite"].options}
    assert finalites == {"nouveau_service": 1, "recours_dispositif": 1, "connaissance_usages": 1}
    methodes = {o.value: o.count for o in facets["methode"].options}
    assert methodes == {"immersion-en-trinome": 1, "prototypage": 2}
    annees = [(o.value, o.count) for o in facets["annee"].options]
    assert annees == [("2016", 2)]


def test_chosen_value_without_cases_stays_in_its_facet(vitrine):
    filterset = CasPratiqueFilterSet(
        {"transfo": ["mulhouse"], "q": "inscriptions"}, queryset=CasPratique.objects.publies()
    )
    facets = {facet.name: facet for facet in filterset.facets()}
    transfos = {o.label: (o.count, o.checked) for o in facets["transfo"].options}
    assert transfos == {"Transfo Strasbourg": (1, False), "Transfo Mulhouse": (0, True)}


def test_page_shows_count_facets_and_shareable_filters(client, vitrine):
    response = client.get(VITRINE, {"transfo": "mulhouse", "mode_saisine": "commande_decideur"})
    html = response.content.decode()
    assert "1 cas</h2>" in html
    assert "Les mégotiers" in html and "La carte Max</a>" not in html
    assert 'name="transfo" value="mulhouse" id="f-transfo-mulhouse" checked' in html
    assert 'Transfo Strasbourg <span class="count">(0)</span>' not in html
    # Each active filter can be removed alone, the others staying in the URL.
    assert 'href="?mode_saisine=commande_decideur"' in html
    assert 'href="?transfo=mulhouse"' in html
    assert "/cas/export.csv?transfo=mulhouse&amp;mode_saisine=commande_decideur" in html


def test_empty_state_suggests_removing_a_filter(client, vitrine):
    html = client.get(VITRINE, {"transfo": "mulhouse", "q": "inscriptions"}).content.decode()
    assert "Aucun cas ne correspond" in html
    assert "Essayez de retirer un filtre" in html
    assert 'href="?transfo=mulhouse"' in html  # without the search


def test_pagination_keeps_the_filters(client, vitrine):
    transfo = vitrine["megotiers"].transfo
    for n in range(25):
        CasPratiqueFactory(transfo=transfo, titre=f"Cas de volume {n}", publie=True)
    html = client.get(VITRINE, {"transfo": "mulhouse"}).content.decode()
    assert "27 cas</h2>" in html and "Page 1 sur 2" in html
    assert 'href="?transfo=mulhouse&amp;page=2"' in html
    page2 = client.get(VITRINE, {"transfo": "mulhouse", "page": 2}).content.decode()
    assert "Page 2 sur 2" in page2


def test_vitrine_and_case_page_are_public(client, vitrine):
    assert client.get(VITRINE).status_code == 200
    assert client.get(vitrine["megotiers"].get_absolute_url()).status_code == 200


@pytest.mark.parametrize("name", ["brouillon", "a_relire"])
def test_unpublished_case_page_is_404(client, vitrine, name):
    assert client.get(f"/cas/{vitrine[name].slug}/").status_code == 404


def test_case_page_tells_the_story(client, vitrine):
    cas = vitrine["megotiers"]
    cas.problematique = "Comment inciter les fumeurs ?"
    cas.methode = "Observer\nPrototyper\nTester"
    cas.resultats = "Les mégotiers ont fait leurs preuves."
    cas.suites = "Déployés dans le centre-ville."
    cas.save()
    session = SessionFactory(transfo=cas.transfo, numero=3, titre="Prototypes", publiee=True)
    SessionFactory(transfo=cas.transfo, numero=4, titre="Session brouillon")
    cas.sessions.set([session, *cas.transfo.sessions.filter(numero=4)])
    html = client.get(cas.get_absolute_url()).content.decode()
    order = ["Le sujet", "La problématique", "La méthode", "Les résultats", "Les suites"]
    positions = [html.index(f">{heading}</h2>") for heading in order]
    assert positions == sorted(positions)
    assert "Session n°3" in html and "Session brouillon" not in html
    assert 'href="/methodes/prototypage/"' in html
    assert "Transfo Mulhouse" in html and "Mulhouse Alsace Agglomération" in html
    assert 'href="/cas/la-carte-max/"' in html  # a related case of the same Transfo
    assert "les-megots-du-brouillon" not in html
    assert '<meta property="og:title" content="Les mégotiers">' in html
    ld = html.split('<script type="application/ld+json"')[1].split(">", 1)[1].split("</script>")[0]
    data = json.loads(ld)
    assert data["@type"] == "CreativeWork" and data["name"] == "Les mégotiers"
    assert data["spatialCoverage"]["name"] == "Mulhouse Alsace Agglomération"


def test_only_consented_contacts_are_public(client, vitrine):
    cas = vitrine["megotiers"]
    ContactFactory(cas=cas, nom="Accord recueilli", email="oui@exemple.test", consentant=True)
    ContactFactory(cas=cas, nom="Pas d'accord", email="non@exemple.test")
    html = client.get(cas.get_absolute_url()).content.decode()
    assert "Accord recueilli" in html and "oui@exemple.test" in html
    assert "Pas d" not in html and "non@exemple.test" not in html


def test_public_livrable_downloads_and_private_one_is_404(client, vitrine):
    cas = vitrine["megotiers"]
    public = LivrableFactory(cas=cas, titre="Fiche du cas", est_public=True)
    private = LivrableFactory(cas=cas, titre="Compte rendu interne")
    html = client.get(cas.get_absolute_url()).content.decode()
    assert "Fiche du cas" in html and "Compte rendu interne" not in html
    response = client.get(public.get_public_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert "attachment" in response["Content-Disposition"]
    assert client.get(private.get_public_url()).status_code == 404
    assert client.get(f"/cas/{cas.slug}/livrables/{private.pk}/").status_code == 404


def test_public_file_of_an_unpublished_case_is_404(client, vitrine):
    livrable = LivrableFactory(cas=vitrine["a_relire"], est_public=True)
    photo = PhotoFactory(cas=vitrine["a_relire"], est_public=True)
    assert client.get(livrable.get_public_url()).status_code == 404
    assert client.get(photo.get_public_url()).status_code == 404


def test_livrable_is_only_served_under_its_own_case(client, vitrine):
    livrable = LivrableFactory(cas=vitrine["megotiers"], est_public=True)
    assert client.get(f"/cas/la-carte-max/livrables/{livrable.pk}/").status_code == 404


def test_public_photo_shows_and_private_one_is_404(client, vitrine):
    cas = vitrine["megotiers"]
    public = PhotoFactory(cas=cas, alt="Un mégotier au poteau", est_public=True)
    private = PhotoFactory(cas=cas, alt="Photo de groupe privée")
    html = client.get(cas.get_absolute_url()).content.decode()
    assert 'alt="Un mégotier au poteau"' in html and "Photo de groupe privée" not in html
    response = client.get(public.get_public_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
    assert client.get(private.get_public_url()).status_code == 404


# Open data ---------------------------------------------------------------------------------


def test_csv_export_follows_the_filters(client, vitrine):
    LivrableFactory(cas=vitrine["megotiers"], titre="Fiche", est_public=True)
    LivrableFactory(cas=vitrine["megotiers"], titre="Interne")
    response = client.get("/cas/export.csv", {"transfo": "mulhouse", "q": "megots"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["titre"] for row in rows] == ["Les mégotiers"]
    row = rows[0]
    assert row["transfo"] == "Transfo Mulhouse" and row["annee"] == "2016"
    assert row["mode_saisine"] == "Commande d'un décideur"
    assert row["methodes"] == "Prototypage"
    assert row["url"] == "http://127.0.0.1:8000/cas/les-megotiers/"
    assert row["livrables"].count("/livrables/") == 1  # the public one only


def test_json_export_states_the_licence(client, vitrine):
    data = client.get("/cas/export.json", {"mode_saisine": "commande_direction"}).json()
    assert data["licence"]["nom"] == "Licence Ouverte / Open Licence version 2.0"
    assert sorted(c["titre"] for c in data["cas"]) == ["La carte Max", "Les inscriptions scolaires"]
    assert data["documentation"] == "http://127.0.0.1:8000/cas/donnees/"


def test_codebook_documents_every_column(client, vitrine):
    html = client.get("/cas/donnees/").content.decode()
    header = client.get("/cas/export.csv").content.decode().splitlines()[0]
    for column in header.split(","):
        assert f"<code>{column}</code>" in html
    assert "Licence Ouverte" in html


# The canary: nothing private ever leaves the private side ----------------------------------

CANARY = "CANARI-PRIVE-7f3"


@pytest.fixture
def canaries(vitrine):
    published = vitrine["megotiers"]
    published.notes_internes = f"{CANARY} notes"
    published.porteur = f"{CANARY} porteur"
    published.perimetre = f"{CANARY} périmètre"
    published.save()
    LivrableFactory(cas=published, titre=f"{CANARY} livrable privé")
    PhotoFactory(cas=published, alt=f"{CANARY} photo privée")
    ContactFactory(cas=published, nom=f"{CANARY} contact", email="canari@exemple.test")
    for name in ["brouillon", "a_relire"]:
        cas = vitrine[name]
        cas.sujet = f"{CANARY} sujet non publié megots"
        cas.resume = f"{CANARY} résumé"
        cas.save()
        LivrableFactory(cas=cas, titre=f"{CANARY} livrable", est_public=True)
        ContactFactory(cas=cas, nom=f"{CANARY} contact", consentant=True)
    return [published, vitrine["brouillon"], vitrine["a_relire"]]


@pytest.mark.parametrize(
    "path",
    [
        "/cas/",
        "/cas/?q=megots",
        "/cas/?q=canari",
        "/cas/?q=brouillon",
        "/cas/?transfo=mulhouse&mode_saisine=commande_decideur",
        "/cas/export.csv",
        "/cas/export.csv?q=megots",
        "/cas/export.json",
        "/cas/donnees/",
        "/cas/les-megotiers/",
        "/sitemap.xml",
    ],
)
def test_canary_never_appears_in_public_responses(client, canaries, path):
    response = client.get(path)
    body = response.content.decode()
    assert CANARY not in body
    assert "canari@exemple.test" not in body
    for unpublished in canaries[1:]:
        assert unpublished.titre not in body
        assert unpublished.slug not in body


def test_canary_search_finds_nothing(client, canaries):
    assert titles({"q": CANARY}) == []
    assert "0 cas</h2>" in client.get(VITRINE, {"q": "canari"}).content.decode()


# Query counts --------------------------------------------------------------------------------

ALL_FILTERS = {
    "q": "cas",
    "collectivite": ["m2a", "ems"],
    "transfo": ["mulhouse", "strasbourg"],
    "annee": ["2016", "2018"],
    "mode_saisine": ["commande_direction", "commande_decideur"],
    "type_sujet": ["innovation_service", "espace_public"],
    "finalite": ["nouveau_service", "connaissance_usages"],
    "mode_intervention": ["immersion", "prototypage"],
    "methode": ["immersion-en-trinome", "prototypage"],
    "tri": "pertinence",
}


def make_cases(vitrine, count):
    transfos = [vitrine["megotiers"].transfo, vitrine["inscriptions"].transfo]
    methodes = list(vitrine["carte_max"].methodes.all())
    for n in range(count):
        cas = CasPratiqueFactory(
            transfo=transfos[n % 2],
            titre=f"Cas de volume {n}",
            date_debut=date(2016 + 2 * (n % 2), 1, 1),
            mode_saisine=ModeSaisine.COMMANDE_DIRECTION,
            finalites=[Finalite.NOUVEAU_SERVICE],
            modes_intervention=[ModeIntervention.IMMERSION],
            publie=True,
        )
        cas.methodes.set(methodes)
        LivrableFactory(cas=cas, est_public=True)
        ContactFactory(cas=cas, consentant=True)


@pytest.mark.parametrize("count", [10, 200])
def test_vitrine_with_all_filters_queries_do_not_grow(
    client, vitrine, django_assert_max_num_queries, count
):
    make_cases(vitrine, count)
    # The search's ids (its substring side, then the whole search); the searched cases each
    # facet filter keeps (8); the searched cases' facet values, their Transfos, collectivités
    # and méthodes (4); the page of results (its count is known from the ids); nothing per case.
    with django_assert_max_num_queries(15):
        response = client.get(VITRINE, ALL_FILTERS)
    assert response.status_code == 200
    assert "Cas de volume" in response.content.decode()


@pytest.mark.parametrize("count", [10, 200])
def test_case_page_queries_do_not_grow(client, vitrine, django_assert_max_num_queries, count):
    make_cases(vitrine, count)
    cas = vitrine["megotiers"]
    for _ in range(count // 10):
        LivrableFactory(cas=cas, est_public=True)
        PhotoFactory(cas=cas, est_public=True)
        ContactFactory(cas=cas, consentant=True)
    cas.sessions.set(
        [SessionFactory(transfo=cas.transfo, numero=n, publiee=True) for n in range(1, 5)]
    )
    # The case with its Transfo and collectivité; méthodes, sessions and their days,
    # livrables, photos, contacts (one prefetch each); related cases.
    with django_assert_max_num_queries(9):
        assert client.get(cas.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [10, 200])
def test_export_queries_do_not_grow(client, vitrine, django_assert_max_num_queries, count):
    make_cases(vitrine, count)
    # The cases, their méthodes, their public livrables.
    with django_assert_max_num_queries(3):
        assert client.get("/cas/export.csv", ALL_FILTERS).status_code == 200


def test_french_stemming_on_postgresql(vitrine):
    """ "prototyper" finds "prototypage" on PostgreSQL; elsewhere, the words as typed only."""
    cas = vitrine["carte_max"]
    cas.resume = "Immersion, prototypage, maquette et bilan méthodologique."
    cas.save()
    expected = ["La carte Max"] if connection.vendor == "postgresql" else []
    assert titles({"q": "maquettes immersions"}) == expected
    assert titles({"q": "prototypage maquette"}) == ["La carte Max"]


def test_sitemap_entries_are_the_published_cases(vitrine):
    locations = [cas.get_absolute_url() for cas in CasPratiqueSitemap().items()]
    assert sorted(locations) == sorted(
        vitrine[name].get_absolute_url()
        for name in ["megotiers", "carte_max", "inscriptions", "comptoir"]
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's indexes only")
@pytest.mark.parametrize(
    ("query", "index"),
    [("megotiers", "cas_recherche_trgm"), ("maquettes", "cas_recherche_vecteur")],
)
def test_the_search_reads_its_indexes_on_postgresql(vitrine, query, index):
    """Both sides of the search (the accent-free substring and the French stems) are index
    scans: the plan names the index instead of reading every case (issue 10)."""
    search = CasPratique.objects.search(query).only("pk").order_by()
    sql, params = search.query.get_compiler(using="default").as_sql()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert index in plan


# A bounded search (issue 10) -----------------------------------------------------------------


def facet_counts(filterset):
    return {
        facet.name: [(o.value, o.label, o.count, o.checked) for o in facet.options]
        for facet in filterset.facets()
    }


@pytest.mark.parametrize(
    "data",
    [
        {"q": "cas"},
        {"q": "cas", "transfo": ["mulhouse"]},
        {"q": "cas", "transfo": ["mulhouse"], "methode": ["prototypage"], "annee": ["2016"]},
        {"q": "cas", "finalite": ["nouveau_service"], "mode_saisine": ["commande_direction"]},
        {"q": "volume", "collectivite": ["ems", "inconnue"], "mode_intervention": ["immersion"]},
        {"q": "inscriptions", "transfo": ["mulhouse"]},
    ],
)
def test_search_facets_count_as_one_query_per_facet_would(vitrine, data):
    """The facets of a search, counted over its matches' ids, are those of the plain
    definition: each facet's counts over the cases every other active filter keeps."""
    make_cases(vitrine, 6)
    CasPratique.objects.filter(titre="Cas de volume 3").update(date_debut=None, finalites="")
    filterset = CasPratiqueFilterSet(data, queryset=CasPratique.objects.publies())
    expected = {
        facet.name: [(o.value, o.label, o.count, o.checked) for o in facet.options]
        for facet in [
            Facet(name, "", filterset._options(name, filterset._counts(name, cases)))
            for name in filterset.FACETS
            for cases in [filterset._cases_without(name)]
        ]
    }
    assert facet_counts(filterset) == expected


def usagers_cases(count):
    """`count` published cases about "usagers", a third with the word in their title, each
    published a day apart (so that the relevance order has no ties)."""
    transfo = TransfoFactory(nom="Transfo Rennes", slug="rennes")
    for n in range(count):
        titre = f"Les usagers {n}" if n % 3 == 0 else f"Un guichet {n}"
        CasPratiqueFactory(
            transfo=transfo,
            titre=titre,
            sujet="Accueillir les usagers du guichet.",
            type_sujet=TypeSujet.INNOVATION_SERVICE if n % 2 else TypeSujet.ESPACE_PUBLIC,
            publie=True,
            publie_le=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=n),
        )


@pytest.fixture
def small_cap(db, monkeypatch):
    """A cap of 8 matches and pages of 3 cases, so that a few cases make a broad search."""
    monkeypatch.setattr(CasPratiqueFilterSet, "SEARCH_CAP", 8)
    monkeypatch.setattr("cas_pratiques.views.vitrine.PAGE_SIZE", 3)


def best_ranked(data):
    """Every match in the relevance order, ranked the plain way (no bound)."""
    filterset = CasPratiqueFilterSet(data, queryset=CasPratique.objects.publies())
    return [cas.titre for cas in filterset.qs]


@pytest.mark.parametrize("q", ["usagers", "usagers guichet"])
def test_broad_search_lists_the_best_ranked_matches_page_by_page(client, small_cap, q):
    usagers_cases(20)
    ranked = best_ranked({"q": q})
    assert len(ranked) == 20
    for page in [1, 2, 3]:
        html = client.get(VITRINE, {"q": q, "page": page}).content.decode()
        shown = re.findall(r'<h3 class="card__title"><a href="[^"]+">([^<]+)</a>', html)
        # Pages of 3 among the first 8 (the cap): the last one has 2.
        assert shown == ranked[:8][3 * (page - 1) : 3 * page]
    assert "Plus de 8 cas</h2>" in html
    assert "seuls les 8 premiers sont listés" in html


def test_broad_search_facets_list_values_without_counts(client, small_cap):
    usagers_cases(12)
    html = client.get(VITRINE, {"q": "usagers"}).content.decode()
    assert re.search(r">Transfo Rennes</label>", html)
    assert 'class="count"' not in html


def test_broad_search_narrowed_by_a_filter_is_counted_exactly(client, small_cap):
    usagers_cases(12)
    html = client.get(VITRINE, {"q": "usagers", "transfo": "rennes", "annee": "2016"})
    assert "0 cas</h2>" in html.content.decode()
    response = client.get(VITRINE, {"q": "usagers", "type_sujet": TypeSujet.ESPACE_PUBLIC})
    assert "6 cas</h2>" in response.content.decode()


@pytest.mark.parametrize("count", [12, 40])
def test_broad_search_queries_do_not_grow(client, small_cap, django_assert_max_num_queries, count):
    usagers_cases(count)
    # The search's substring side, beyond the cap; the page, from the tier of title matches;
    # the facets' values: Transfos, collectivités, méthodes, span of years.
    with django_assert_max_num_queries(6):
        response = client.get(VITRINE, {"q": "usagers"})
    assert "Plus de 8 cas</h2>" in response.content.decode()
    # With a filter: whether it narrows the term down to the cap at most, and if so its
    # matches' ids (then counted exactly); then the same.
    with django_assert_max_num_queries(8):
        response = client.get(VITRINE, {"q": "usagers", "type_sujet": TypeSujet.ESPACE_PUBLIC})
    assert response.status_code == 200


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's stored stems only")
def test_the_stored_stems_follow_every_write_on_postgresql(vitrine):
    """The French stems are kept by the database, whatever writes the case ("maquettes" is
    no substring of "maquette": only the stems match)."""
    cas = vitrine["comptoir"]
    found = CasPratique.objects.search("maquettes").filter(pk=cas.pk)
    assert not found.exists()
    cas.resume = "Une maquette."
    cas.save()
    assert found.exists()
    CasPratique.objects.filter(pk=cas.pk).update(recherche="plus rien")
    assert not found.exists()
    copy = CasPratique.objects.bulk_create(
        [
            CasPratique(
                transfo=cas.transfo,
                numero=99,
                titre="Copie",
                slug="copie",
                recherche="une maquette",
            )
        ]
    )[0]
    assert CasPratique.objects.search("maquettes").filter(pk=copy.pk).exists()
