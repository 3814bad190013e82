"""The group of a Transfo: who sees and does what, genre kept private, exits, composition."""

from datetime import date

import pytest
from django.core.exceptions import ObjectDoesNotExist

from ambassadeurs.choices import Categorie, Genre
from ambassadeurs.models import AmbassadeurProfile, composition, group_members, normalise_tags
from collectivites.choices import Role
from collectivites.models import Participation
from tests.ambassadeurs.factories import AmbassadeurProfileFactory, group_of
from tests.collectivites.factories import ParticipationFactory

BASE = "/espace/transfos/strasbourg/groupe/"
CAST = ["ambassadeur", "peer", "resident", "pilote", "other_member", "coordinateur", "outsider"]


@pytest.fixture
def profil_peer(peer):
    """The profile of the cast's peer, with a genre and an N+1 e-mail nobody else may see."""
    participation = peer.participations.get()
    participation.date_entree = date(2025, 9, 1)
    participation.save()
    return AmbassadeurProfileFactory(
        participation=participation,
        direction="Direction des solidarités",
        genre=Genre.HOMME,
        n1_email="chef.du.peer@exemple.test",
        passions="Football, vidéo",
    )


def url(action, profil):
    pk = profil.participation_id
    return {
        "list": BASE,
        "composition": f"{BASE}composition/",
        "export": f"{BASE}export.csv",
        "import": f"{BASE}importer/",
        "profile": f"{BASE}{pk}/",
        "edit": f"{BASE}{pk}/modifier/",
        "exit": f"{BASE}{pk}/sortie/",
    }[action]


# Expected answers, in the order of CAST then anonymous (302: to the sign-in page).
MATRIX = {
    "list": [200, 200, 200, 200, 404, 200, 404, 302],
    "export": [200, 200, 200, 200, 404, 200, 404, 302],
    "composition": [403, 403, 200, 200, 404, 200, 404, 302],
    # The peer looks at their own profile.
    "profile": [403, 200, 200, 200, 404, 200, 404, 302],
    "edit": [403, 403, 403, 200, 404, 200, 404, 302],
    "exit": [403, 403, 403, 200, 404, 200, 404, 302],
    "import": [403, 403, 403, 200, 404, 200, 404, 302],
}


@pytest.mark.parametrize(
    ("action", "who", "expected"),
    [
        (action, who, status)
        for action, statuses in MATRIX.items()
        for who, status in zip([*CAST, "anonymous"], statuses, strict=True)
    ],
)
def test_group_permission_matrix(client_for, profil_peer, action, who, expected):
    response = client_for(who).get(url(action, profil_peer))
    assert response.status_code == expected


@pytest.mark.parametrize("action", ["edit", "exit"])
def test_pilote_cannot_reach_a_member_of_another_transfo_through_her_transfo(
    client_for, other_member, action
):
    profil = AmbassadeurProfileFactory(participation=other_member.participations.get())
    assert client_for("pilote").get(url(action, profil)).status_code == 404


def test_pilote_cannot_post_an_exit_of_another_transfo(client_for, other_member):
    participation = other_member.participations.get()
    response = client_for("pilote").post(
        f"{BASE}{participation.pk}/sortie/", {"date_sortie": "2026-05-01", "raison_sortie": "x"}
    )
    assert response.status_code == 404
    participation.refresh_from_db()
    assert participation.date_sortie is None


def test_ambassadeur_cannot_post_an_edit(client_for, profil_peer):
    response = client_for("ambassadeur").post(url("edit", profil_peer), {"direction": "Piratée"})
    assert response.status_code == 403
    profil_peer.refresh_from_db()
    assert profil_peer.direction == "Direction des solidarités"


def test_peer_sees_the_group_without_genre_n1_or_categorie(client_for, profil_peer):
    content = client_for("ambassadeur").get(BASE).content.decode()
    assert "Karim Benali" in content
    assert "Direction des solidarités" in content
    assert "football" in content
    assert "Homme" not in content
    assert "Genre" not in content
    assert "chef.du.peer@exemple.test" not in content
    assert "Hélène Roos" not in content


def test_peer_export_has_no_genre_and_no_emails(client_for, profil_peer):
    content = client_for("ambassadeur").get(BASE + "export.csv").content.decode()
    header = content.splitlines()[0]
    assert "Genre" not in header
    assert "E-mail" not in header
    assert "Homme" not in content
    assert "chef.du.peer@exemple.test" not in content
    assert "Karim Benali" in content


def test_pilote_sees_genre_in_the_list_and_the_export(client_for, profil_peer):
    client = client_for("pilote")
    assert "Homme" in client.get(BASE).content.decode()
    content = client.get(BASE + "export.csv").content.decode()
    assert "Genre" in content.splitlines()[0]
    assert "Homme" in content
    assert "chef.du.peer@exemple.test" in content


@pytest.mark.parametrize("who", ["resident", "coordinateur"])
def test_residents_and_coordinators_never_see_a_genre(client_for, profil_peer, who):
    client = client_for(who)
    for page in (BASE, BASE + "export.csv", url("profile", profil_peer)):
        assert "Homme" not in client.get(page).content.decode()


def test_a_person_sees_their_own_genre(client_for, profil_peer):
    assert "Homme" in client_for("peer").get(url("profile", profil_peer)).content.decode()


def test_xlsx_export_opens_with_the_same_columns(client_for, profil_peer):
    import tablib

    response = client_for("pilote").get(BASE + "export.xlsx")
    assert response.status_code == 200
    dataset = tablib.Dataset().load(response.content, format="xlsx")
    assert dataset.headers[:3] == ["Nom", "E-mail", "Cercle"]
    assert "Karim Benali" in dataset["Nom"]


def test_list_shows_active_members_by_default_and_the_history_on_demand(
    client_for, transfo, profil_peer
):
    gone = AmbassadeurProfileFactory(
        participation__transfo=transfo,
        participation__user__full_name="Nicolas Frey",
        sortie=True,
    )
    client = client_for("pilote")
    assert "Nicolas Frey" not in client.get(BASE).content.decode()
    history = client.get(BASE + "?statut=sortis").content.decode()
    assert "Nicolas Frey" in history
    assert gone.raison_sortie in history
    assert "Karim Benali" not in history
    assert "Nicolas Frey" in client.get(BASE + "export.csv?statut=tous").content.decode()


def test_export_follows_the_filters(client_for, transfo, profil_peer):
    AmbassadeurProfileFactory(
        participation__transfo=transfo,
        participation__user__full_name="Léa Fischer",
        categorie=Categorie.A,
    )
    content = client_for("pilote").get(BASE + "export.csv?categorie=A").content.decode()
    assert "Léa Fischer" in content
    assert "Karim Benali" not in content


def test_pilote_records_an_exit_and_a_return(client_for, profil_peer, peer):
    client = client_for("pilote")
    response = client.post(
        url("exit", profil_peer),
        {"date_sortie": "2026-05-15", "raison_sortie": "Mobilité vers une autre collectivité."},
    )
    assert response.status_code == 302
    participation = Participation.objects.get(user=peer)
    assert participation.date_sortie == date(2026, 5, 15)
    assert AmbassadeurProfile.objects.get(pk=profil_peer.pk).raison_sortie.startswith("Mobilité")

    response = client.post(f"{BASE}{participation.pk}/retour/")
    assert response.status_code == 302
    participation.refresh_from_db()
    assert participation.date_sortie is None


def test_an_exit_before_the_entry_is_refused(client_for, profil_peer):
    response = client_for("pilote").post(
        url("exit", profil_peer), {"date_sortie": "2000-01-01", "raison_sortie": "Trop tôt"}
    )
    assert response.status_code == 200
    assert "ne peut précéder" in response.content.decode()
    assert Participation.objects.get(pk=profil_peer.participation_id).date_sortie is None


def test_edit_keeps_what_was_typed_on_error(client_for, profil_peer):
    response = client_for("pilote").post(
        url("edit", profil_peer),
        {
            "cercle": Role.AMBASSADEUR,
            "date_entree": "2025-09-01",
            "direction": "Direction de la culture",
            "metier": "Médiateur culturel",
            "n1_email": "pas-une-adresse",
            "passions": "Théâtre, photo",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Direction de la culture" in content
    assert "Médiateur culturel" in content
    assert "Théâtre, photo" in content
    profil_peer.refresh_from_db()
    assert profil_peer.direction == "Direction des solidarités"


def test_pilote_edits_a_profile_and_the_cercle(client_for, profil_peer):
    response = client_for("pilote").post(
        url("edit", profil_peer),
        {
            "cercle": Role.RELAIS,
            "date_entree": "2025-09-01",
            "direction": "Direction de la culture",
            "categorie": Categorie.C,
            "genre": Genre.HOMME,
            "passions": " Théâtre,photo, théâtre ",
        },
    )
    assert response.status_code == 302
    profil_peer.refresh_from_db()
    assert profil_peer.direction == "Direction de la culture"
    assert profil_peer.passions == "théâtre, photo"
    assert profil_peer.participation.role == Role.RELAIS


def test_coordinator_edits_without_seeing_or_erasing_the_genre(client_for, profil_peer):
    client = client_for("coordinateur")
    form_page = client.get(url("edit", profil_peer)).content.decode()
    assert 'name="genre"' not in form_page
    response = client.post(
        url("edit", profil_peer),
        {"cercle": Role.AMBASSADEUR, "date_entree": "2025-09-01", "direction": "DRH"},
    )
    assert response.status_code == 302
    profil_peer.refresh_from_db()
    assert profil_peer.genre == Genre.HOMME


def test_a_member_without_profile_is_listed_and_gets_one_when_edited(client_for, transfo):
    participation = ParticipationFactory(
        transfo=transfo, role=Role.AMBASSADEUR, user__full_name="Sans Profil"
    )
    client = client_for("pilote")
    assert "Sans Profil" in client.get(BASE).content.decode()
    assert client.get(f"{BASE}{participation.pk}/").status_code == 200
    with pytest.raises(ObjectDoesNotExist):
        participation.profil  # noqa: B018
    client.post(
        f"{BASE}{participation.pk}/modifier/",
        {"cercle": Role.AMBASSADEUR, "date_entree": "2025-09-01", "direction": "DRH"},
    )
    assert AmbassadeurProfile.objects.get(participation=participation).direction == "DRH"


def test_profiles_for_user_match_who_sees_the_group(cast, transfo, profil_peer):
    for name, user in cast.items():
        if user is None:
            continue
        visible = AmbassadeurProfile.objects.for_user(user).filter(pk=profil_peer.pk).exists()
        allowed = user.has_perm("ambassadeurs.view_group", transfo)
        assert visible == allowed, name
        assert visible == (name not in {"other_member", "outsider"}), name


def test_tags_are_normalised():
    assert normalise_tags(" Photo, cuisine ,photo,,  Théâtre  d'impro;vélo") == (
        "photo, cuisine, théâtre d'impro, vélo"
    )


# Composition ---------------------------------------------------------------------------


def test_composition_shows_counts_under_five_as_less_than_five(transfo):
    group_of(transfo, 6, categorie=Categorie.A, genre=Genre.FEMME, direction="Culture")
    group_of(transfo, 2, categorie=Categorie.C, genre=Genre.HOMME, direction="Culture")
    group_of(transfo, 1, categorie=Categorie.B, genre="", direction="Voirie")
    AmbassadeurProfileFactory(participation__transfo=transfo, categorie=Categorie.C, sortie=True)
    result = composition(group_members(transfo).actives(), genres=True)
    assert result["total"] == 9
    assert result["categorie"] == [
        ("Catégorie A", 6),
        ("Catégorie B", "< 5"),
        ("Catégorie C", "< 5"),
    ]
    assert result["genre"] == [("Femme", 6), ("Homme", "< 5"), ("Non renseigné", "< 5")]
    assert result["direction"] == [("Culture", 8), ("Voirie", "< 5")]


def test_composition_counts_members_without_profile_as_unknown(transfo):
    group_of(transfo, 5, categorie=Categorie.A)
    for _ in range(5):
        ParticipationFactory(transfo=transfo, role=Role.RELAIS)
    result = composition(group_members(transfo).actives())
    assert result["total"] == 10
    assert result["categorie"] == [("Catégorie A", 5), ("Non renseigné", 5)]


@pytest.mark.parametrize(
    ("who", "shown"), [("pilote", True), ("resident", False), ("coordinateur", False)]
)
def test_only_the_pilote_sees_the_composition_by_genre(client_for, transfo, who, shown):
    group_of(transfo, 6, genre=Genre.FEMME)
    group_of(transfo, 5, genre=Genre.HOMME)
    content = client_for(who).get(BASE + "composition/").content.decode()
    assert ("Par genre" in content) is shown
    assert (">Femme<" in content) is shown


def test_composition_page_never_shows_a_small_count(client_for, transfo):
    group_of(transfo, 7, categorie=Categorie.A, direction="Culture")
    group_of(transfo, 3, categorie=Categorie.C, direction="Voirie")
    content = client_for("resident").get(BASE + "composition/").content.decode()
    assert "&lt; 5" in content
    assert ">3<" not in content
    assert ">7<" in content


# Queries -------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 60])
def test_group_list_queries_do_not_grow(
    client, pilote, transfo, django_assert_max_num_queries, count
):
    group_of(transfo, count)
    group_of(transfo, 2, sortie=True)
    client.force_login(pilote)
    # session, user, roles (1 each); the Transfo (1); the members with user and profile (1);
    # navigation permissions (1); session refresh, the first since force_login (savepoint,
    # update, release: 3)
    with django_assert_max_num_queries(9):
        response = client.get(BASE + "?statut=tous")
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == count + 3


@pytest.mark.parametrize("count", [5, 60])
def test_composition_queries_do_not_grow(
    client, pilote, transfo, django_assert_max_num_queries, count
):
    group_of(transfo, count)
    client.force_login(pilote)
    # session, user, roles (1 each); the Transfo (1); the total and one count per dimension
    # (4); navigation permissions (1); session refresh, the first since force_login
    # (savepoint, update, release: 3)
    with django_assert_max_num_queries(12):
        assert client.get(BASE + "composition/").status_code == 200
