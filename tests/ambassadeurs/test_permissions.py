"""Who may do what with a carnet entry: the matrix of the cast × actions × visibilities."""

import pytest

from ambassadeurs.choices import Visibilite
from ambassadeurs.models import EntreeCarnet
from collectivites.choices import Role
from tests.ambassadeurs.factories import EntreeCarnetFactory, read_file_response
from tests.collectivites.factories import ParticipationFactory, UserFactory
from tests.conftest import with_totp

CAST = ["ambassadeur", "peer", "resident", "pilote", "other_member", "coordinateur", "outsider"]

# Besides the author (the cast's ambassadeur), who reads an entry of each visibility.
READERS = {
    Visibilite.PRIVE: set(),
    Visibilite.RESIDENTS: {"resident"},
    Visibilite.GROUPE: {"peer", "resident", "pilote"},
}


def expected(name, visibilite, action):
    """The status code a person gets for an action on the ambassadeur's entry."""
    if name == "anonymous":
        return 302
    if name == "ambassadeur":
        return 302 if action in {"change_visibility", "delete"} else 200
    if name in READERS[visibilite]:
        return 200 if action in {"read", "download"} else 403
    return 404


def request(client, action, entree, piece):
    base = f"/espace/carnet/{entree.pk}/"
    if action == "read":
        return client.get(base)
    if action == "edit":
        return client.get(f"{base}modifier/")
    if action == "change_visibility":
        return client.post(
            f"{base}visibilite/", {"visibilite": Visibilite.PRIVE.value, "confirme": "1"}
        )
    if action == "delete":
        return client.post(f"{base}supprimer/")
    if action == "download":
        return read_file_response(client.get(f"{base}pieces/{piece.pk}/"))
    raise AssertionError(action)


@pytest.mark.parametrize("visibilite", list(Visibilite))
@pytest.mark.parametrize("action", ["read", "edit", "change_visibility", "delete", "download"])
@pytest.mark.parametrize("name", [*CAST, "anonymous"])
def test_permission_matrix(client_for, entree_with_photo, name, action, visibilite):
    entree, piece = entree_with_photo(visibilite)
    client = client_for(name)
    response = request(client, action, entree, piece)
    assert response.status_code == expected(name, visibilite, action)
    if response.status_code == 302 and name == "anonymous":
        assert response["Location"].startswith("/comptes/login/?next=")
    if response.status_code in {403, 404}:
        assert entree.texte.encode() not in response.content
    # Refusals change nothing.
    if name != "ambassadeur":
        assert EntreeCarnet.objects.get(pk=entree.pk).visibilite == visibilite


@pytest.mark.parametrize("visibilite", list(Visibilite))
@pytest.mark.parametrize("name", [*CAST, "anonymous"])
def test_lists_show_an_entry_exactly_to_its_readers(client_for, make_entree, name, visibilite):
    entree = make_entree(visibilite, titre="Titre-unique-de-la-liste")
    client = client_for(name)
    mine = client.get("/espace/carnet/")
    shared = client.get("/espace/carnet/partages/")
    if name == "anonymous":
        assert mine.status_code == shared.status_code == 302
        return
    assert mine.status_code == shared.status_code == 200
    assert (entree.titre in mine.content.decode()) == (name == "ambassadeur")
    assert (entree.titre in shared.content.decode()) == (name in READERS[visibilite])


def test_rules_and_queryset_agree_for_everyone(cast, make_entree, other_transfo):
    entries = [make_entree(v) for v in Visibilite]
    entries += [
        EntreeCarnetFactory(auteur=cast["other_member"], transfo=other_transfo, groupe=True)
    ]
    for user in filter(None, cast.values()):
        visible = set(EntreeCarnet.objects.visible_to(user).values_list("pk", flat=True))
        for entry in entries:
            assert user.has_perm("ambassadeurs.read_entree", entry) == (entry.pk in visible), (
                user,
                entry.visibilite,
            )


def test_coordinateur_of_the_same_transfo_does_not_read_group_entries(client, make_entree, transfo):
    coordinateur = with_totp(ParticipationFactory(transfo=transfo, role=Role.COORDINATEUR).user)
    entree = make_entree(Visibilite.GROUPE)
    client.force_login(coordinateur)
    assert client.get(entree.get_absolute_url()).status_code == 404
    assert entree.titre not in client.get("/espace/carnet/partages/").content.decode()


@pytest.mark.parametrize("flags", [{"is_superuser": True, "is_staff": True}, {"is_staff": True}])
def test_staff_and_superusers_do_not_read_private_entries(client, entree, flags):
    client.force_login(with_totp(UserFactory(**flags)))
    assert client.get(entree.get_absolute_url()).status_code == 404
    assert not UserFactory(**flags).has_perm("ambassadeurs.read_entree", entree)


def test_former_member_no_longer_reads_group_entries(client, make_entree, transfo):
    former = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, sortie=True).user
    entree = make_entree(Visibilite.GROUPE)
    client.force_login(former)
    assert client.get(entree.get_absolute_url()).status_code == 404


def test_relais_reads_group_but_not_residents_entries(client, make_entree, transfo):
    relais = ParticipationFactory(transfo=transfo, role=Role.RELAIS).user
    client.force_login(relais)
    assert client.get(make_entree(Visibilite.GROUPE).get_absolute_url()).status_code == 200
    assert client.get(make_entree(Visibilite.RESIDENTS).get_absolute_url()).status_code == 404


def test_attachment_of_another_entry_is_not_reachable_through_mine(
    client, entree_with_photo, peer, transfo
):
    _other_entry, piece = entree_with_photo(Visibilite.PRIVE)
    peer_entry = EntreeCarnetFactory(auteur=peer, transfo=transfo)
    client.force_login(peer)
    assert client.get(f"/espace/carnet/{peer_entry.pk}/pieces/{piece.pk}/").status_code == 404


def test_nothing_is_registered_in_the_django_admin():
    from django.contrib import admin

    assert not any(model._meta.app_label == "ambassadeurs" for model in admin.site._registry)
