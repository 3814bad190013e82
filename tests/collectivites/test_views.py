import pytest
from django.urls import reverse

from collectivites.choices import Role
from tests.collectivites.factories import ParticipationFactory, TransfoFactory

# role -> expected status for: the Transfo's space, the invitation form
MATRIX = {
    "anonymous": (302, 302),
    "ambassadeur": (200, 403),
    "peer": (200, 403),
    "resident": (200, 403),
    "pilote": (200, 200),
    "coordinateur": (200, 200),
    "other_member": (404, 404),
    "outsider": (404, 404),
}


@pytest.mark.parametrize(("name", "expected"), MATRIX.items())
def test_transfo_space_access(client_for, transfo, name, expected):
    response = client_for(name).get(reverse("collectivites:transfo_espace", args=[transfo.slug]))
    assert response.status_code == expected[0]


@pytest.mark.parametrize(("name", "expected"), MATRIX.items())
def test_invitation_form_access(client_for, transfo, name, expected):
    url = reverse("collectivites:invitation_create", args=[transfo.slug])
    assert client_for(name).get(url).status_code == expected[1]


@pytest.mark.parametrize(
    "url",
    ["/espace/", "/espace/transfos/strasbourg/", "/espace/transfos/strasbourg/inviter/"],
)
def test_anonymous_is_sent_to_sign_in(client, transfo, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/comptes/login/?next={url}"


def test_private_page_unknown_transfo_is_sign_in_first_then_404(client, outsider):
    assert client.get("/espace/transfos/inconnue/").status_code == 302
    client.force_login(outsider)
    assert client.get("/espace/transfos/inconnue/").status_code == 404


def test_espace_lists_my_transfos_with_my_role(client, resident, transfo, other_transfo):
    client.force_login(resident)
    response = client.get("/espace/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Transfo Strasbourg" in content
    assert "Résident·e" in content
    assert "Transfo Metz" not in content


def test_espace_shows_all_transfos_to_coordinateur(client, coordinateur, transfo, other_transfo):
    client.force_login(coordinateur)
    content = client.get("/espace/").content.decode()
    assert "Toutes les Transfos (coordination)" in content
    assert "Transfo Strasbourg" in content
    assert "Transfo Metz" in content


def test_espace_of_member_without_transfo_says_so(client, outsider):
    client.force_login(outsider)
    assert "Vous ne participez à aucune Transfo" in client.get("/espace/").content.decode()


def test_transfo_space_lists_members_by_role(client, cast, transfo):
    client.force_login(cast["ambassadeur"])
    content = client.get("/espace/transfos/strasbourg/").content.decode()
    for name in ["Claire Muller", "Karim Benali", "Suzanne Keller", "Isabelle Roth"]:
        assert name in content
    assert "Thomas Schmitt" not in content
    assert "Inviter une personne" not in content


def test_public_transfo_list_and_detail(client, transfo, other_transfo, ambassadeur):
    response = client.get("/transfos/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "Transfo Strasbourg" in content and "Transfo Metz" in content
    detail = client.get("/transfos/strasbourg/")
    assert detail.status_code == 200
    assert "Infos clés" in detail.content.decode()
    # Public pages never name the members.
    assert "Claire Muller" not in detail.content.decode()


def test_home_page_is_public_and_lists_transfos(client, transfo):
    response = client.get("/")
    assert response.status_code == 200
    assert '<html lang="fr">' in response.content.decode()
    assert "Transfo Strasbourg" in response.content.decode()


def test_navigation_adapts_to_roles(client, coordinateur, ambassadeur):
    assert "Mon espace" not in client.get("/").content.decode()
    client.force_login(ambassadeur)
    content = client.get("/").content.decode()
    assert "Mon espace" in content and "Administration" not in content
    client.force_login(coordinateur)
    assert "Administration" in client.get("/").content.decode()


def _populate(count, members_each):
    transfos = TransfoFactory.create_batch(count)
    for transfo in transfos:
        ParticipationFactory.create_batch(members_each, transfo=transfo, role=Role.AMBASSADEUR)
    return transfos


@pytest.mark.parametrize("count", [3, 30])
def test_public_transfo_list_queries_do_not_grow(db, client, django_assert_max_num_queries, count):
    _populate(count, 2)
    # 1: Transfos with their collectivité and member counts. (Wagtail's site lookup may add 1.)
    with django_assert_max_num_queries(2):
        assert client.get("/transfos/").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_coordinateur_espace_queries_do_not_grow(
    client, coordinateur, django_assert_max_num_queries, count
):
    _populate(count, 2)
    client.force_login(coordinateur)
    # session, user, roles of the user, permissions (navigation), the second factor (asked of
    # coordinators before any page), my participations, all Transfos with counts, session
    # refresh, the first since force_login (savepoint, update, release: 3), the next session
    # of the Transfos they take part in (none here: its days are not fetched)
    with django_assert_max_num_queries(11):
        assert client.get("/espace/").status_code == 200


@pytest.mark.parametrize("members", [5, 50])
def test_transfo_space_queries_do_not_grow(
    client, pilote, transfo, django_assert_max_num_queries, members
):
    ParticipationFactory.create_batch(members, transfo=transfo)
    client.force_login(pilote)
    # session, user, roles, the Transfo, its members with their users, pending invitations,
    # permissions (navigation), session refresh, the first since force_login (savepoint,
    # update, release: 3)
    with django_assert_max_num_queries(10):
        assert client.get("/espace/transfos/strasbourg/").status_code == 200


@pytest.mark.parametrize("count", [3, 30])
def test_home_page_queries_do_not_grow(db, client, django_assert_max_num_queries, count):
    _populate(count, 1)
    client.get("/")  # content types and Wagtail's site root paths are cached once per process
    # Wagtail's serve (site, page, ancestors, restrictions: 5), the Transfos with their
    # collectivité, the latest posts, the blog's site root, the latest published cases
    with django_assert_max_num_queries(9):
        assert client.get("/").status_code == 200


@pytest.mark.parametrize(
    ("path", "current"),
    [
        ("/espace/", "Mon espace"),
        ("/espace/transfos/strasbourg/", "Mon espace"),
        ("/espace/carnet/", "Mon carnet"),
        ("/methodes/", "Boîte à outils"),
    ],
)
def test_navigation_marks_only_the_most_specific_entry_current(client, ambassadeur, path, current):
    client.force_login(ambassadeur)
    items = client.get(path).context["main_nav"]
    assert [item.label for item in items if item.active] == [current]
