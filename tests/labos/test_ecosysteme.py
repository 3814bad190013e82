"""The écosystème: actors, their history, the map, the sortable table and the CSV export."""

import csv
import io

import pytest

from labos.choices import Perimetre, Relation, TypeActeur
from labos.models import Acteur, RevisionActeur
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.labos.factories import ActeurFactory

URL = "/espace/transfos/strasbourg/labo/ecosysteme/"


def actor_data(**overrides):
    return {
        "nom": "Groupe projet innovation",
        "type": TypeActeur.SERVICE_INTERNE,
        "perimetre": Perimetre.INTERNE,
        "relation": Relation.ALLIE,
        "contact": "",
        "notes": "",
        "projets": "Concours interne de l'innovation",
        **overrides,
    }


def test_ambassadeur_adds_an_actor_and_sees_it_on_the_map(client, ambassadeur, transfo):
    cas = CasPratiqueFactory(transfo=transfo, titre="Les inscriptions scolaires")
    client.force_login(ambassadeur)
    response = client.post(f"{URL}ajouter/", actor_data(cas_pratiques=[cas.pk]))
    assert response.status_code == 302
    acteur = Acteur.objects.get()
    assert acteur.transfo == transfo and list(acteur.cas_pratiques.all()) == [cas]
    text = client.get(URL).content.decode()
    svg = text[text.index("<svg") : text.index("</svg>")]
    assert "Groupe projet innovation" in svg and "labo-map__node--allie" in svg
    assert "Les inscriptions scolaires" in text


def test_linking_a_case_of_another_transfo_is_refused(client, ambassadeur, other_transfo):
    cas = CasPratiqueFactory(transfo=other_transfo)
    client.force_login(ambassadeur)
    response = client.post(f"{URL}ajouter/", actor_data(cas_pratiques=[cas.pk]))
    assert response.status_code == 200 and not Acteur.objects.exists()


def test_edits_are_kept_in_the_history(client, ambassadeur, peer, transfo):
    client.force_login(ambassadeur)
    client.post(f"{URL}ajouter/", actor_data())
    acteur = Acteur.objects.get()
    client.force_login(peer)
    client.post(f"{URL}{acteur.pk}/", actor_data(relation=Relation.COMPLICE))
    revisions = list(RevisionActeur.objects.order_by("pk"))
    assert [r.resume for r in revisions] == ["Création", "Relation au labo : Allié → Complice"]
    assert [r.auteur for r in revisions] == [ambassadeur, peer]
    text = client.get(f"{URL}{acteur.pk}/historique/").content.decode()
    assert "Allié → Complice" in text and "Karim Benali" in text


def test_map_and_table_are_filtered_by_get_parameters(client, ambassadeur, transfo):
    ActeurFactory(transfo=transfo, nom="RH", relation=Relation.ALLIE)
    ActeurFactory(
        transfo=transfo,
        nom="Tuba",
        perimetre=Perimetre.EXTERNE,
        relation=Relation.PARTENAIRE_POTENTIEL,
    )
    client.force_login(ambassadeur)
    text = client.get(f"{URL}?perimetre=externe").content.decode()
    assert "Tuba" in text and ">RH<" not in text


def test_table_sorts_by_relation(client, ambassadeur, transfo):
    ActeurFactory(transfo=transfo, nom="A-concurrent", relation=Relation.CONCURRENT)
    ActeurFactory(transfo=transfo, nom="B-allie", relation=Relation.ALLIE)
    client.force_login(ambassadeur)
    text = client.get(f"{URL}?tri=relation").content.decode()
    table = text[text.index("<table") :]
    assert table.index("B-allie") < table.index("A-concurrent")
    text = client.get(f"{URL}?tri=nom").content.decode()
    table = text[text.index("<table") :]
    assert table.index("A-concurrent") < table.index("B-allie")


def test_csv_export_follows_the_filters(client, ambassadeur, transfo, other_transfo):
    ActeurFactory(transfo=transfo, nom="RH")
    ActeurFactory(transfo=transfo, nom="Tuba", perimetre=Perimetre.EXTERNE, projets="Un\nDeux")
    ActeurFactory(transfo=other_transfo, nom="M2D2", perimetre=Perimetre.EXTERNE)
    client.force_login(ambassadeur)
    response = client.get(f"{URL}export.csv?perimetre=externe")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [(r["nom"], r["perimetre"], r["projets"]) for r in rows] == [
        ("Tuba", "Externe", "Un | Deux")
    ]


def test_coordinator_reads_every_ecosystem(client, coordinateur, transfo):
    ActeurFactory(transfo=transfo, nom="Service conseil appui pilotage")
    client.force_login(coordinateur)
    assert "Service conseil appui pilotage" in client.get(URL).content.decode()


def test_actor_of_another_transfo_is_404(client, ambassadeur, other_transfo):
    acteur = ActeurFactory(transfo=other_transfo)
    client.force_login(ambassadeur)
    assert client.get(f"{URL}{acteur.pk}/").status_code == 404
    assert client.post(f"{URL}{acteur.pk}/", actor_data()).status_code == 404
    assert client.get(f"{URL}{acteur.pk}/historique/").status_code == 404


def test_coordinator_reads_all_ecosystems_with_shared_actors(
    client, coordinateur, transfo, other_transfo
):
    ActeurFactory(transfo=transfo, nom="Région Grand Est")
    ActeurFactory(transfo=other_transfo, nom="Région Grand Est")
    ActeurFactory(transfo=other_transfo, nom="M2D2")
    client.force_login(coordinateur)
    text = client.get("/espace/labos/ecosystemes/").content.decode()
    assert text.count("partagé</span>") == 2 and "M2D2" in text
    assert "Transfo Strasbourg" in text and "Transfo Metz" in text


@pytest.mark.parametrize("name", ["ambassadeur", "resident", "other_member", "outsider"])
def test_only_coordinators_read_all_ecosystems(client_for, name):
    assert client_for(name).get("/espace/labos/ecosystemes/").status_code == 404


def _filter_form(text):
    start = text.index('<form method="get" class="filters" role="search"')
    return text[start : text.index("</form>", start)]


def test_the_filter_form_keeps_the_sort_and_offers_a_reset_once_filtered(
    client, ambassadeur, transfo
):
    """The site's one filter form (templates/includes/filter_form.html) on the écosystème:
    a search landmark with its name, the column sort kept as a hidden input, no field for it,
    and "Tout afficher" only once something is filtered."""
    client.force_login(ambassadeur)
    unfiltered = _filter_form(client.get(URL).content.decode())
    assert 'aria-label="Filtrer les acteurs"' in unfiltered
    assert 'name="tri"' not in unfiltered and "Tout afficher" not in unfiltered

    form = _filter_form(client.get(URL, {"q": "groupe", "tri": "-nom"}).content.decode())
    assert '<input type="hidden" name="tri" value="-nom">' in form
    assert 'value="groupe"' in form
    assert f'href="{URL}"' in form and "Tout afficher" in form
