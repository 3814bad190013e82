"""Drafts: saved while typing, per person, restored on the form, forgotten once saved."""

from ambassadeurs.models import Brouillon, EntreeCarnet
from tests.ambassadeurs.factories import BrouillonFactory


def autosave(client, **fields):
    return client.post("/espace/carnet/brouillon/", {"cle": "nouvelle", **fields})


def test_autosave_keeps_the_draft_server_side(client, ambassadeur, transfo):
    client.force_login(ambassadeur)
    response = autosave(client, titre="En cours", texte="Premier jet", transfo=str(transfo.pk))
    assert response.status_code == 200
    assert response.json()["message"].startswith("Brouillon enregistré à")
    autosave(client, titre="En cours", texte="Premier jet, complété", transfo=str(transfo.pk))
    draft = Brouillon.objects.get()
    assert draft.auteur == ambassadeur
    assert draft.donnees["texte"] == "Premier jet, complété"


def test_the_form_restores_the_draft_after_signing_in_again(client, ambassadeur, transfo):
    client.force_login(ambassadeur)
    autosave(client, titre="Session 9", texte="Le débat mouvant m'a surprise", date="2026-06-27")
    client.logout()
    client.force_login(ambassadeur)
    page = client.get("/espace/carnet/nouvelle/").content.decode()
    assert "Brouillon retrouvé" in page
    assert "Le débat mouvant m&#x27;a surprise" in page
    assert 'value="Session 9"' in page
    assert 'value="2026-06-27"' in page


def test_saving_the_entry_deletes_the_draft_and_tells_the_browser_to_forget_it(
    client, ambassadeur, transfo
):
    client.force_login(ambassadeur)
    autosave(client, titre="Brouillon", texte="Texte")
    response = client.post(
        "/espace/carnet/nouvelle/",
        {"transfo": transfo.pk, "date": "2026-06-25", "titre": "Brouillon", "texte": "Texte"},
        follow=True,
    )
    assert not Brouillon.objects.exists()
    assert 'data-carnet-clear="nouvelle"' in response.content.decode()
    # Only once: the next visit of the entry does not clear anything.
    again = client.get(EntreeCarnet.objects.get().get_absolute_url()).content.decode()
    assert "data-carnet-clear" not in again


def test_drafts_are_per_person(client, ambassadeur, peer):
    BrouillonFactory(auteur=peer, donnees={"titre": "De Karim", "texte": "TEXTE-DE-KARIM"})
    client.force_login(ambassadeur)
    page = client.get("/espace/carnet/nouvelle/").content.decode()
    assert "TEXTE-DE-KARIM" not in page
    assert "Brouillon retrouvé" not in page


def test_edit_drafts_are_kept_per_entry(client, ambassadeur, entree):
    client.force_login(ambassadeur)
    key = f"entree-{entree.pk}"
    client.post(
        "/espace/carnet/brouillon/", {"cle": key, "titre": "Titre repris", "texte": "Suite"}
    )
    page = client.get(f"/espace/carnet/{entree.pk}/modifier/").content.decode()
    assert 'value="Titre repris"' in page
    assert Brouillon.objects.get().cle == key


def test_nobody_keeps_a_draft_of_someone_elses_entry(client, peer, make_entree):
    entree = make_entree("groupe")
    client.force_login(peer)
    response = client.post(
        "/espace/carnet/brouillon/", {"cle": f"entree-{entree.pk}", "texte": "Détournement"}
    )
    assert response.status_code == 403
    assert not Brouillon.objects.exists()


def test_unknown_draft_keys_are_refused(client, ambassadeur):
    client.force_login(ambassadeur)
    assert client.post("/espace/carnet/brouillon/", {"cle": "autre"}).status_code == 404
    assert client.post("/espace/carnet/brouillon/", {"cle": "entree-999999"}).status_code == 404


def test_autosave_needs_a_session(client, db):
    response = client.post("/espace/carnet/brouillon/", {"cle": "nouvelle", "texte": "Perdu ?"})
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/login/")
    assert not Brouillon.objects.exists()


def test_discarding_a_draft(client, ambassadeur):
    BrouillonFactory(auteur=ambassadeur)
    client.force_login(ambassadeur)
    response = client.post("/espace/carnet/brouillon/abandonner/", {"cle": "nouvelle"})
    assert response["Location"] == "/espace/carnet/nouvelle/"
    assert not Brouillon.objects.exists()


def test_autosave_is_post_only(client, ambassadeur):
    client.force_login(ambassadeur)
    assert client.get("/espace/carnet/brouillon/").status_code == 405


def test_a_draft_too_long_for_the_server_is_refused_never_cut(client, ambassadeur, transfo):
    """Found by an attacker's probe: 150,003 characters came back as 100,000, silently."""
    from ambassadeurs.forms.carnet import DRAFT_MAX_LENGTH

    client.force_login(ambassadeur)
    response = autosave(client, titre="Long", texte="x" * (DRAFT_MAX_LENGTH + 1))
    assert response.status_code == 413
    assert response.json()["message"].startswith("Brouillon trop long pour être gardé")
    assert not Brouillon.objects.exists()
    assert autosave(client, titre="Long", texte="x" * DRAFT_MAX_LENGTH).status_code == 200
    assert len(Brouillon.objects.get().donnees["texte"]) == DRAFT_MAX_LENGTH


def test_an_entry_has_one_draft_however_its_key_is_written(client, ambassadeur, entree):
    client.force_login(ambassadeur)
    for key in (f"entree-{entree.pk}", f"entree-0{entree.pk}", f"entree-00{entree.pk}"):
        client.post("/espace/carnet/brouillon/", {"cle": key, "texte": key})
    assert list(Brouillon.objects.values_list("cle", flat=True)) == [f"entree-{entree.pk}"]
