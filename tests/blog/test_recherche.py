import pytest

from blog.sections import transfo_section
from tests.cas_pratiques.factories import CasPratiqueFactory

CANARY = "canari-recherche-51d"


def test_one_search_finds_posts_and_published_cases_without_accents(client, make_post, transfo):
    make_post("Les mégots du centre-ville", chapo="Des cendriers mobiles contre les mégots.")
    CasPratiqueFactory(
        transfo=transfo,
        titre="Les mégotiers",
        resume="Lutter contre le jet de mégots.",
        publie=True,
    )
    response = client.get("/recherche/", {"q": "megots"})
    assert [result.title for result in response.context["cases"]] == ["Les mégotiers"]
    assert [result.title for result in response.context["pages"]] == ["Les mégots du centre-ville"]
    assert "<mark>mégots.</mark>" in response.text
    assert "2 résultats pour « megots »" in response.text


def test_the_search_finds_the_methodes_of_the_toolbox(client, db):
    from tests.collectivites.factories import MethodeFactory

    MethodeFactory(nom="Débat mouvant", slug="debat-mouvant", objectif="Prendre position.")
    MethodeFactory(nom="Prototypage", slug="prototypage")
    response = client.get("/recherche/", {"q": "debat"})
    assert [result.title for result in response.context["methodes"]] == ["Débat mouvant"]
    assert '<a href="/methodes/debat-mouvant/">' in response.text
    assert "1 résultat pour « debat »" in response.text


def test_a_query_with_accents_finds_text_without(client, make_post):
    make_post("Debat mouvant", chapo="Le debat a porte sur le budget.")
    response = client.get("/recherche/", {"q": "Débat"})
    assert [result.title for result in response.context["pages"]] == ["Debat mouvant"]


def test_private_pages_drafts_and_unpublished_cases_are_never_found(
    client_for, make_post, transfo, ambassadeur
):
    make_post("Public", chapo=f"Texte {CANARY} public")
    make_post("Titre-brouillon", chapo=f"Texte {CANARY}", live=False)
    make_post("Titre-capot", chapo=f"Texte {CANARY}", parent=transfo_section(transfo))
    CasPratiqueFactory(transfo=transfo, titre="Cas en cours", resume=f"{CANARY} en cours")
    CasPratiqueFactory(
        transfo=transfo, titre="Cas publié", notes_internes=f"{CANARY} privé", publie=True
    )
    for who in ("anonymous", "ambassadeur"):
        response = client_for(who).get("/recherche/", {"q": CANARY})
        titles = [r.title for r in response.context["cases"] + response.context["pages"]]
        assert titles == ["Public"], who
        for hidden in ("Titre-brouillon", "Titre-capot", "Cas en cours", "Cas publié", "privé"):
            assert hidden not in response.text, (who, hidden)


def test_an_empty_or_unmatched_query_says_so(client, db):
    assert client.get("/recherche/").context["total"] == 0
    response = client.get("/recherche/", {"q": "introuvable"})
    assert "Aucun résultat pour « introuvable »" in response.text


def test_the_query_is_escaped(client, db):
    response = client.get("/recherche/", {"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;" in response.text


@pytest.mark.parametrize("size", [3, 25])
def test_search_queries_do_not_grow_with_results(
    client, make_post, transfo, django_assert_max_num_queries, size
):
    for number in range(size):
        make_post(f"Labo {number}", chapo="Le futur labo")
        CasPratiqueFactory(
            transfo=transfo, titre=f"Cas labo {number}", resume="Un labo", publie=True
        )
    # The cases with their Transfo and collectivité, their count; the pages (search and
    # specific), their count; the session and user of the client.
    with django_assert_max_num_queries(8):
        response = client.get("/recherche/", {"q": "labo"})
    assert len(response.context["pages"]) == min(size, 20)
    assert len(response.context["cases"]) == min(size, 20)


@pytest.mark.parametrize(
    "query", ['"', '"mégots', "a\"b'c", "\x00", "NEAR(a b", "(a OR", "*", "-a"]
)
def test_quotes_operators_and_control_characters_are_searched_as_words(client, db, query):
    """The query reaches no full-text syntax: a lone quote or a NUL is not a server error."""
    response = client.get("/recherche/", {"q": query})
    assert response.status_code == 200
    assert "Recherche" in response.text


@pytest.mark.parametrize(
    "path", ["/recherche/", "/cas/", "/cas/export.csv", "/cas/export.json", "/api/cas/"]
)
def test_a_query_of_a_thousand_words_is_no_server_error(client, db, path):
    """A query of 90 words nested 90 CASE expressions past SQLite's parser stack."""
    response = client.get(path, {"q": " ".join(["a"] * 1000)})
    assert response.status_code == 200
