"""The tamis de critères: axes set by the résidents, ideas placed by the whole group."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from cas_pratiques.models import Tamis, TamisPlacement
from tests.cas_pratiques.factories import (
    CasPratiqueFactory,
    FicheIdeeFactory,
    TamisFactory,
    TamisPlacementFactory,
)

LOGIN = "/comptes/login/"
AXES = {
    "titre": "Le tamis des services",
    "critere_gauche": "autonomie de l'usager",
    "critere_droite": "présence physique nécessaire",
    "critere_haut": "fréquent",
    "critere_bas": "exceptionnel",
}


def url(name, cas, *args):
    return reverse(f"cas_pratiques:{name}", args=[cas.transfo.slug, cas.slug, *args])


@pytest.fixture
def tamis(cas):
    return TamisFactory(cas=cas)


@pytest.fixture
def fiche(cas):
    return FicheIdeeFactory(cas=cas, nom="Conciergerie colis")


def place(client, tamis, fiche, x, y, version=None):
    return client.post(
        url("tamis_place", tamis.cas, tamis.pk),
        {
            "fiche": fiche.pk,
            "x": x,
            "y": y,
            "version": tamis.version if version is None else version,
        },
    )


# Permissions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("ambassadeur", 200),
        ("resident", 200),
        ("pilote", 200),
        ("coordinateur", 200),
        ("other_member", 404),
        ("outsider", 404),
        ("anonymous", 302),
    ],
)
def test_who_sees_the_board(client_for, tamis, who, status):
    response = client_for(who).get(url("tamis_board", tamis.cas, tamis.pk))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(LOGIN)


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("ambassadeur", 403),
        ("pilote", 403),
        ("resident", 200),
        ("coordinateur", 200),
        ("other_member", 404),
        ("anonymous", 302),
    ],
)
@pytest.mark.parametrize("page", ["tamis_add", "tamis_edit"])
def test_only_residents_and_coordinators_set_the_axes(client_for, tamis, who, status, page):
    args = [tamis.pk] if page == "tamis_edit" else []
    assert client_for(who).get(url(page, tamis.cas, *args)).status_code == status


@pytest.mark.parametrize(
    ("who", "status", "placed"),
    [
        ("ambassadeur", 302, True),
        ("pilote", 302, True),
        ("resident", 302, True),
        ("coordinateur", 302, True),
        ("other_member", 404, False),
        ("outsider", 404, False),
        ("anonymous", 302, False),
    ],
)
def test_every_member_places_ideas(client_for, tamis, fiche, who, status, placed):
    response = place(client_for(who), tamis, fiche, 2, 4)
    assert response.status_code == status
    assert TamisPlacement.objects.filter(tamis=tamis, fiche=fiche).exists() is placed


def test_resident_creates_a_tamis_and_edits_its_axes(client_for, cas, resident):
    client = client_for("resident")
    response = client.post(url("tamis_add", cas), AXES)
    tamis = Tamis.objects.get()
    assert response["Location"] == url("tamis_board", cas, tamis.pk)
    assert tamis.axe_x == "autonomie de l'usager ↔ présence physique nécessaire"
    client.post(url("tamis_edit", cas, tamis.pk), {**AXES, "critere_bas": "rare"})
    tamis.refresh_from_db()
    assert tamis.critere_bas == "rare"
    assert tamis.version == 2  # pages showing the old axes can no longer move ideas
    assert tamis.updated_by == resident
    edit_page = client.get(url("tamis_edit", cas, tamis.pk)).content.decode()
    assert url("tamis_delete", cas, tamis.pk) in edit_page


def test_axes_are_required(client_for, cas):
    response = client_for("resident").post(url("tamis_add", cas), {**AXES, "critere_droite": ""})
    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()
    assert "autonomie de l&#x27;usager" in response.content.decode()
    assert not Tamis.objects.exists()


# Placements ----------------------------------------------------------------------------------


def test_placement_is_saved_and_moved(client_for, tamis, fiche, ambassadeur):
    client = client_for("ambassadeur")
    response = place(client, tamis, fiche, 4, 1)
    assert response["Location"] == tamis.get_absolute_url()
    placement = TamisPlacement.objects.get()
    assert (placement.x, placement.y, placement.placed_by) == (4, 1, ambassadeur)
    tamis.refresh_from_db()
    assert tamis.version == 2
    page = client.get(tamis.get_absolute_url()).content.decode()
    assert "« Conciergerie colis » placée" in page
    place(client, tamis, fiche, 5, 5)
    placement.refresh_from_db()
    assert (placement.x, placement.y) == (5, 5)
    assert TamisPlacement.objects.count() == 1


@pytest.mark.parametrize(("x", "y"), [(0, 3), (6, 3), (3, 0), (3, 6), (-1, 2), (100, 100)])
def test_out_of_range_is_refused_in_french(client_for, tamis, fiche, x, y):
    client = client_for("ambassadeur")
    response = place(client, tamis, fiche, x, y)
    assert response.status_code == 302
    assert not TamisPlacement.objects.exists()
    page = client.get(tamis.get_absolute_url()).content.decode()
    assert "Position hors du tamis : colonne et ligne vont de 1 à 5." in page
    tamis.refresh_from_db()
    assert tamis.version == 1


@pytest.mark.parametrize(("x", "y"), [("", "3"), ("deux", "3"), ("2.5", "3")])
def test_unreadable_position_is_refused(client_for, tamis, fiche, x, y):
    client = client_for("ambassadeur")
    place(client, tamis, fiche, x, y)
    assert not TamisPlacement.objects.exists()
    assert "Position illisible" in client.get(tamis.get_absolute_url()).content.decode()


def test_version_conflict_is_detected_and_explained(client_for, tamis, fiche, cas, peer):
    other = FicheIdeeFactory(cas=cas, nom="Pressing au bureau")
    seen = tamis.version
    # A colleague (Karim Benali) places an idea from their own page first.
    place(client_for("peer"), tamis, other, 1, 1, version=seen)
    client = client_for("ambassadeur")
    response = place(client, tamis, fiche, 5, 5, version=seen)
    assert response.status_code == 302
    assert not TamisPlacement.objects.filter(fiche=fiche).exists()
    page = client.get(tamis.get_absolute_url()).content.decode()
    assert "Le tamis a été modifié par Karim Benali depuis que vous l&#x27;avez ouvert" in page
    assert "Votre placement n&#x27;a pas été enregistré" in page
    tamis.refresh_from_db()
    assert f'data-version="{tamis.version}"' in page


def test_removing_an_idea_puts_it_back_to_place(client_for, tamis, fiche):
    TamisPlacementFactory(tamis=tamis, fiche=fiche, x=2, y=2)
    client = client_for("ambassadeur")
    client.post(url("tamis_remove", tamis.cas, tamis.pk), {"fiche": fiche.pk, "version": 1})
    assert not TamisPlacement.objects.exists()
    page = client.get(tamis.get_absolute_url()).content.decode()
    assert "1 idée à placer" in page


def test_stale_removal_is_refused(client_for, tamis, fiche):
    TamisPlacementFactory(tamis=tamis, fiche=fiche, x=2, y=2)
    client_for("ambassadeur").post(
        url("tamis_remove", tamis.cas, tamis.pk), {"fiche": fiche.pk, "version": 0}
    )
    assert TamisPlacement.objects.exists()


def test_idea_of_another_case_cannot_be_placed(client_for, tamis, transfo):
    elsewhere = FicheIdeeFactory(cas=CasPratiqueFactory(transfo=transfo, numero=9))
    response = place(client_for("resident"), tamis, elsewhere, 1, 1)
    assert response.status_code == 404
    assert not TamisPlacement.objects.exists()


def test_placing_is_post_only(client_for, tamis):
    assert client_for("resident").get(url("tamis_place", tamis.cas, tamis.pk)).status_code == 405


def test_database_refuses_a_placement_off_the_grid(tamis, fiche):
    with pytest.raises(IntegrityError), transaction.atomic():
        TamisPlacement.objects.create(tamis=tamis, fiche=fiche, x=6, y=1)


# The picture and the table -------------------------------------------------------------------


def test_svg_and_table_show_the_placements(client_for, tamis, cas):
    TamisPlacementFactory(tamis=tamis, fiche=FicheIdeeFactory(cas=cas, nom="Covoiturage"), x=1, y=1)
    TamisPlacementFactory(
        tamis=tamis, fiche=FicheIdeeFactory(cas=cas, nom="Garde d'enfants"), x=5, y=5
    )
    FicheIdeeFactory(cas=cas, nom="Prêt d'outils")
    page = client_for("ambassadeur").get(tamis.get_absolute_url()).content.decode()
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg and "<title" in svg
    assert "2 idées placées" in svg
    # Covoiturage in the top left cell, Garde d'enfants in the bottom right one.
    assert re.search(r'<rect x="76" y="66"[^>]*/>\s*<text[^>]*>Covoiturage</text>', svg)
    assert re.search(r'<rect x="796" y="530"[^>]*/>\s*<text[^>]*>Garde d&#x27;enfants</text>', svg)
    assert "Prêt d" not in svg
    table = page[page.index("<table") : page.index("</table>")]
    assert "<caption" in table and 'scope="col"' in table and 'scope="row"' in table
    rows = re.findall(r'<th scope="row">(.*?)</th>\s*(<td.*?</td>)\s*(<td.*?</td>)?', table, re.S)
    cells = {name: (x, y) for name, x, y in rows}
    assert "1 — « autonomie de l&#x27;usager »" in cells["Covoiturage"][0]
    assert "1 — « fréquent »" in cells["Covoiturage"][1]
    assert "5 — « présence physique nécessaire »" in cells["Garde d&#x27;enfants"][0]
    assert "5 — « exceptionnel »" in cells["Garde d&#x27;enfants"][1]
    assert "pas encore placée" in cells["Prêt d&#x27;outils"][0]


def test_keyboard_form_is_labelled_and_shows_the_current_cell(client_for, tamis, fiche):
    TamisPlacementFactory(tamis=tamis, fiche=fiche, x=2, y=4)
    page = client_for("ambassadeur").get(tamis.get_absolute_url()).content.decode()
    assert f'<label for="x-{fiche.pk}"' in page and f'<label for="y-{fiche.pk}"' in page
    assert '<option value="2" selected>2 — plutôt « autonomie de l&#x27;usager »</option>' in page
    assert '<option value="4" selected>4 — plutôt « exceptionnel »</option>' in page


def test_case_page_links_its_tamis(client_for, tamis):
    page = client_for("pilote").get(url("cas_detail", tamis.cas)).content.decode()
    assert tamis.get_absolute_url() in page
    assert url("tamis_add", tamis.cas) not in page  # only résidents set axes


# Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 40])
def test_board_queries_do_not_grow(client, resident, tamis, cas, django_assert_num_queries, count):
    fiches = FicheIdeeFactory.create_batch(count, cas=cas)
    for n, fiche in enumerate(fiches[: count // 2]):
        TamisPlacementFactory(tamis=tamis, fiche=fiche, x=1 + n % 5, y=1 + n // 5 % 5)
    client.force_login(resident)
    # Session, user, roles, Transfo, case, tamis, fiches, their placements on this tamis
    # (one prefetch); the permissions (one query); the session's refresh, the first since
    # force_login (savepoint, update, release).
    with django_assert_num_queries(12):
        assert client.get(tamis.get_absolute_url()).status_code == 200


@pytest.mark.parametrize(
    ("who", "status", "kept"),
    [("ambassadeur", 403, True), ("other_member", 404, True), ("resident", 302, False)],
)
def test_only_residents_delete_a_tamis_and_the_fiches_stay(
    client_for, tamis, fiche, who, status, kept
):
    TamisPlacementFactory(tamis=tamis, fiche=fiche)
    response = client_for(who).post(url("tamis_delete", tamis.cas, tamis.pk))
    assert response.status_code == status
    assert Tamis.objects.exists() is kept
    fiche.refresh_from_db()  # the idea itself is never deleted with the tamis


@pytest.mark.parametrize("fiche_id", ["", "abc", "999999"])
def test_unknown_idea_is_not_found(client_for, tamis, fiche_id):
    response = client_for("resident").post(
        url("tamis_place", tamis.cas, tamis.pk), {"fiche": fiche_id, "x": 1, "y": 1, "version": 1}
    )
    assert response.status_code == 404
