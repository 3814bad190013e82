"""Immersions and fiches idées: the working material of a case, private to its Transfo."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cas_pratiques.models import FicheIdee, Immersion
from cas_pratiques.seed import tiny_pdf, tiny_png
from tests.cas_pratiques.factories import FicheIdeeFactory, ImmersionFactory

LOGIN = "/comptes/login/"


def url(name, cas, *args):
    return reverse(f"cas_pratiques:{name}", args=[cas.transfo.slug, cas.slug, *args])


FICHE = {
    "nom": "La conciergerie de quartier",
    "piste": "La carte citoyenne personnalisable",
    "equipe": "Elia, Vauvraque, Arié",
    "viabilite": "2",
    "mon_projet": "un système de collecte et de diffusion de l'offre par les citoyens",
    "fonctionnement": "Le kiosque recueille les idées des habitants.",
    "obstacles": "Motiver les acteurs locaux.",
    "leviers": "Les services du quotidien.",
    "post_it": "Kiosque citoyen\nLe Trocateur citoyen",
    "schemas": "Le kiosque de la place, en plusieurs parties",
}


# Who reads and who writes ------------------------------------------------------------------

READERS = [
    ("ambassadeur", 200),
    ("resident", 200),
    ("pilote", 200),
    ("coordinateur", 200),
    ("other_member", 404),
    ("outsider", 404),
    ("anonymous", 302),
]


@pytest.mark.parametrize(("who", "status"), READERS)
@pytest.mark.parametrize(
    "page", ["immersion_list", "immersion_add", "fiche_list", "fiche_add", "cas_detail"]
)
def test_who_reads_and_writes_the_working_material(client_for, cas, who, status, page):
    response = client_for(who).get(url(page, cas))
    assert response.status_code == status
    if status == 302:
        assert response["Location"].startswith(LOGIN)


def test_ambassadeur_writes_a_fiche_idee_with_every_field(client_for, cas, ambassadeur):
    response = client_for("ambassadeur").post(url("fiche_add", cas), FICHE)
    fiche = FicheIdee.objects.get(cas=cas)
    assert response.status_code == 302
    assert response["Location"].endswith(f"#fiche-{fiche.pk}")
    assert fiche.created_by == ambassadeur
    assert fiche.viabilite == 2
    assert fiche.post_it_list == ["Kiosque citoyen", "Le Trocateur citoyen"]
    page = client_for("ambassadeur").get(url("fiche_list", cas)).content.decode()
    for text in ["La conciergerie de quartier", "Moyenne", "Le Trocateur citoyen", "Arié"]:
        assert text in page


def test_fiche_error_keeps_everything_typed(client_for, cas):
    data = {**FICHE, "nom": "", "viabilite": "9"}
    response = client_for("resident").post(url("fiche_add", cas), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Champ requis." in page
    for field in ["mon_projet", "obstacles", "leviers", "schemas"]:
        assert FICHE[field].replace("'", "&#x27;") in page
    assert "Kiosque citoyen\nLe Trocateur citoyen" in page
    assert not FicheIdee.objects.exists()


def test_fiche_schema_is_an_image_served_to_members_only(client_for, cas):
    schema = SimpleUploadedFile("kiosque.png", tiny_png("kiosque"), content_type="image/png")
    client_for("resident").post(url("fiche_add", cas), {**FICHE, "schema": schema})
    fiche = FicheIdee.objects.get()
    assert fiche.schema
    response = client_for("ambassadeur").get(url("fiche_schema", cas, fiche.pk))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_fiche_schema_refuses_what_is_not_an_image(client_for, cas):
    fake = SimpleUploadedFile("kiosque.png", tiny_pdf("x", ["y"]), content_type="image/png")
    response = client_for("resident").post(url("fiche_add", cas), {**FICHE, "schema": fake})
    assert response.status_code == 200
    assert "pas une image lisible" in response.content.decode()
    assert not FicheIdee.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("other_member", 404), ("anonymous", 302)])
def test_fiche_schema_is_refused_outside_the_transfo(client_for, cas, who, status):
    schema = SimpleUploadedFile("k.png", tiny_png("k"), content_type="image/png")
    fiche = FicheIdeeFactory(cas=cas, schema=schema)
    assert client_for(who).get(url("fiche_schema", cas, fiche.pk)).status_code == status


def test_member_edits_and_deletes_a_fiche(client_for, cas):
    fiche = FicheIdeeFactory(cas=cas, nom="Avant")
    client = client_for("pilote")
    assert (
        client.post(url("fiche_edit", cas, fiche.pk), {**FICHE, "nom": "Après"}).status_code == 302
    )
    fiche.refresh_from_db()
    assert fiche.nom == "Après"
    assert client.post(url("fiche_delete", cas, fiche.pk)).status_code == 302
    assert not FicheIdee.objects.exists()


def test_other_transfo_cannot_write_or_delete_a_fiche(client_for, cas):
    fiche = FicheIdeeFactory(cas=cas)
    client = client_for("other_member")
    assert client.post(url("fiche_add", cas), FICHE).status_code == 404
    assert client.post(url("fiche_edit", cas, fiche.pk), FICHE).status_code == 404
    assert client.post(url("fiche_delete", cas, fiche.pk)).status_code == 404
    assert FicheIdee.objects.count() == 1


def test_a_fiche_of_another_case_is_not_found_through_this_one(client_for, cas, cas_a_relire):
    fiche = FicheIdeeFactory(cas=cas_a_relire)
    assert client_for("resident").get(url("fiche_edit", cas, fiche.pk)).status_code == 404


def test_delete_is_post_only(client_for, cas):
    fiche = FicheIdeeFactory(cas=cas)
    assert client_for("resident").get(url("fiche_delete", cas, fiche.pk)).status_code == 405


# Immersions ----------------------------------------------------------------------------------


def test_trinome_is_chosen_among_the_members_of_the_transfo(
    client_for, cas, ambassadeur, peer, pilote, other_member
):
    client = client_for("resident")
    form_page = client.get(url("immersion_add", cas)).content.decode()
    assert "Claire Muller" in form_page and "Thomas Schmitt" not in form_page
    data = {
        "lieu": "Point d'accueil des inscriptions",
        "date": "2018-06-19",
        "journaliste": ambassadeur.pk,
        "observateur": peer.pk,
        "photographe": pilote.pk,
        "notes": "Les familles reviennent deux fois.",
    }
    assert client.post(url("immersion_add", cas), data).status_code == 302
    immersion = Immersion.objects.get()
    assert [person for _role, person in immersion.trinome()] == [ambassadeur, peer, pilote]
    page = client.get(url("immersion_list", cas)).content.decode()
    for text in ["Journaliste", "Claire Muller", "Photographe", "Isabelle Roth", "deux fois"]:
        assert text in page
    refused = client.post(url("immersion_add", cas), {**data, "journaliste": other_member.pk})
    assert refused.status_code == 200
    assert Immersion.objects.count() == 1


def test_ambassadeur_edits_and_deletes_an_immersion(client_for, cas):
    immersion = ImmersionFactory(cas=cas)
    client = client_for("ambassadeur")
    response = client.post(url("immersion_edit", cas, immersion.pk), {"lieu": "Mairie de quartier"})
    assert response.status_code == 302
    immersion.refresh_from_db()
    assert immersion.lieu == "Mairie de quartier" and immersion.date is None
    assert client.post(url("immersion_delete", cas, immersion.pk)).status_code == 302
    assert not Immersion.objects.exists()


def test_case_page_links_the_working_material(client_for, cas):
    ImmersionFactory(cas=cas)
    FicheIdeeFactory.create_batch(2, cas=cas)
    page = client_for("ambassadeur").get(url("cas_detail", cas)).content.decode()
    assert url("immersion_list", cas) in page and "1 immersion en trinôme" in page
    assert url("fiche_list", cas) in page and "2 fiches idées" in page


# Query counts --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [3, 40])
def test_fiches_list_queries_do_not_grow(client, resident, cas, django_assert_num_queries, count):
    FicheIdeeFactory.create_batch(count, cas=cas)
    client.force_login(resident)
    client.get(url("fiche_list", cas))  # warm the per-user caches of the navigation
    # Session, user, roles, Transfo, case, fiches; the permissions (one query, asked through
    # `has_perm`). The session was refreshed by the first request: no write.
    with django_assert_num_queries(7):
        assert client.get(url("fiche_list", cas)).status_code == 200


@pytest.mark.parametrize("count", [3, 40])
def test_immersions_list_queries_do_not_grow(
    client, resident, ambassadeur, cas, django_assert_num_queries, count
):
    ImmersionFactory.create_batch(count, cas=cas, journaliste=ambassadeur, photographe=resident)
    client.force_login(resident)
    client.get(url("immersion_list", cas))
    # Session, user, roles, Transfo, case, immersions with their trinôme (one query with
    # joins); the permissions (one query). The session was refreshed by the first request.
    with django_assert_num_queries(7):
        assert client.get(url("immersion_list", cas)).status_code == 200
