"""Who reaches what: coordinators manage, members of any Transfo see and take part, others
get nothing."""

import pytest

from tests.intertransfo.factories import AtelierFactory

pytestmark = pytest.mark.django_db

MEMBER_PAGES = ["", "programme/", "restitution/", "foire/", "labos/", "priorites/", "ateliers/1/"]
MANAGER_PAGES = ["", "modifier/", "programme/ajouter/", "participants/invite/", "ateliers/ajouter/"]


@pytest.fixture
def atelier(intertransfo):
    return AtelierFactory(intertransfo=intertransfo, numero=1)


@pytest.mark.parametrize("page", MEMBER_PAGES)
@pytest.mark.parametrize(
    "who, status",
    [
        ("ambassadeur", 200),
        ("other_member", 200),
        ("resident", 200),
        ("coordinateur", 200),
        ("outsider", 404),
    ],
)
def test_members_of_any_transfo_see_the_intertransfo(client_for, atelier, page, who, status):
    response = client_for(who).get(f"/espace/intertransfos/n6-strasbourg/{page}")
    assert response.status_code == status


def test_anonymous_is_sent_to_sign_in(client_for, atelier):
    response = client_for("anonymous").get("/espace/intertransfos/n6-strasbourg/")
    assert response.status_code == 302
    assert "/comptes/login/" in response["Location"]


@pytest.mark.parametrize("page", MANAGER_PAGES)
@pytest.mark.parametrize(
    "who, status",
    [("coordinateur", 200), ("ambassadeur", 403), ("pilote", 403), ("outsider", 404)],
)
def test_only_coordinators_manage(client_for, intertransfo, page, who, status):
    response = client_for(who).get(f"/coordination/intertransfos/n6-strasbourg/{page}")
    assert response.status_code == status


@pytest.mark.parametrize("who, status", [("coordinateur", 200), ("ambassadeur", 404)])
def test_coordination_lists_are_for_coordinators(client_for, intertransfo, who, status):
    client = client_for(who)
    assert client.get("/coordination/intertransfos/").status_code == status
    assert client.get("/coordination/chatroulette/").status_code == status


def test_member_cannot_mark_attendance(client_for, intertransfo, register, ambassadeur, transfo):
    participant = register(intertransfo, ambassadeur, transfo)
    response = client_for("ambassadeur").post(
        f"/coordination/intertransfos/n6-strasbourg/participants/{participant.pk}/presence/",
        {"present": "1"},
    )
    assert response.status_code == 403
    participant.refresh_from_db()
    assert participant.present is False


def test_anonymous_sees_nothing_of_the_list(client_for, intertransfo):
    response = client_for("anonymous").get("/espace/intertransfos/")
    assert response.status_code == 302


def test_outsider_gets_404_on_the_list(client_for, intertransfo):
    assert client_for("outsider").get("/espace/intertransfos/").status_code == 404
