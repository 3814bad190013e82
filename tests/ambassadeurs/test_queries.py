"""The carnet pages make the same number of queries at 5 and at 100 entries."""

import pytest

from ambassadeurs.choices import Visibilite
from collectivites.choices import Role, StatutSession
from tests.ambassadeurs.factories import EntreeCarnetFactory, PieceJointeFactory
from tests.collectivites.factories import ParticipationFactory, session_with_programme


@pytest.mark.parametrize("count", [5, 100])
def test_my_carnet_queries_do_not_grow(
    client, ambassadeur, transfo, make_entree, django_assert_max_num_queries, count
):
    sessions = [
        session_with_programme(transfo, numero=n, days=2, blocks=3, statut=StatutSession.PUBLIEE)
        for n in (1, 2)
    ]
    for n in range(count):
        entree = make_entree(list(Visibilite)[n % 3], session=sessions[n % 2])
        if n % 10 == 0:
            PieceJointeFactory(entree=entree)
    client.force_login(ambassadeur)
    # session, user, roles (1 each); entries of the page with their Transfo, session and
    # number of attachments + their count (2); the session filter's choices (1); prompts:
    # days not written about yet, their blocks (2); open bilans to answer (1); navigation
    # permissions (1); session refresh, the first since force_login (3)
    with django_assert_max_num_queries(13):
        response = client.get("/espace/carnet/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 100])
def test_shared_with_me_queries_do_not_grow(
    client, peer, transfo, django_assert_max_num_queries, count
):
    authors = [ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR).user for _ in range(5)]
    for n in range(count):
        entree = EntreeCarnetFactory(auteur=authors[n % 5], transfo=transfo, groupe=True)
        if n % 10 == 0:
            PieceJointeFactory(entree=entree)
    client.force_login(peer)
    # session, user, roles (1 each); entries with author, Transfo, session and number of
    # attachments + their count (2); navigation permissions (1); session refresh, the first
    # since force_login (3)
    with django_assert_max_num_queries(9):
        response = client.get("/espace/carnet/partages/")
    assert response.status_code == 200


@pytest.mark.parametrize("photos", [1, 10])
def test_entry_page_queries_do_not_grow(
    client, ambassadeur, make_entree, django_assert_max_num_queries, photos
):
    entree = make_entree(Visibilite.GROUPE)
    for _ in range(photos):
        PieceJointeFactory(entree=entree)
    client.force_login(ambassadeur)
    # session, user, roles, the entry with Transfo, session and author, its attachments,
    # navigation permissions (1), session refresh, the first since force_login (3)
    with django_assert_max_num_queries(9):
        assert client.get(entree.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [5, 40])
def test_charter_list_queries_do_not_grow(
    client, pilote, transfo, django_assert_max_num_queries, count
):
    from ambassadeurs.choices import PartieCharte
    from ambassadeurs.models import Charte, TexteCharte
    from tests.ambassadeurs.factories import group_of

    TexteCharte.current(transfo)
    for n, profil in enumerate(group_of(transfo, count)):
        charte = Charte.of_profil(profil)
        for partie in list(PartieCharte)[: n % 4]:
            charte.sign(partie, nom="x")
    ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR)  # no profile yet
    client.force_login(pilote)
    # session, user, roles (1 each); the Transfo (1); members with user, profile and charter
    # + their signatures (2); the text in force (1); navigation permissions (1); session
    # refresh, the first since force_login (3)
    with django_assert_max_num_queries(11):
        response = client.get("/espace/transfos/strasbourg/chartes/")
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == count + 2


@pytest.mark.parametrize("count", [5, 40])
def test_attendance_grid_queries_do_not_grow(
    client, resident, transfo, django_assert_max_num_queries, count
):
    from ambassadeurs.models import Meteo, Presence
    from tests.ambassadeurs.factories import group_of, session_days

    session = session_days(transfo, 1, days=3)
    jours = list(session.jours.all())
    for profil in group_of(transfo, count):
        for jour in jours:
            Presence.objects.create(jour=jour, participation=profil.participation, present=True)
            Meteo.objects.create(
                jour=jour, moment="ouverture", participation=profil.participation, note=3
            )
    client.force_login(resident)
    # session, user, roles (1 each); the Transfo, the session (2); grid: days, members,
    # cells (3); météo: days, the group's, the personal averages (3); navigation
    # permissions (1); session refresh, the first since force_login (3)
    with django_assert_max_num_queries(15):
        response = client.get("/espace/transfos/strasbourg/presences/sessions/1/")
    assert response.status_code == 200
    assert response.content.decode().count(" checked") == 3 * count


@pytest.mark.parametrize("count", [5, 40])
def test_attendance_overview_queries_do_not_grow(
    client, pilote, transfo, django_assert_max_num_queries, count
):
    from ambassadeurs.models import Presence
    from tests.ambassadeurs.factories import group_of, session_days

    sessions = [session_days(transfo, n) for n in (1, 2, 3)]
    for n, profil in enumerate(group_of(transfo, count)):
        for s in sessions:
            for jour in s.jours.all():
                Presence.objects.create(
                    jour=jour, participation=profil.participation, present=n % 2
                )
    client.force_login(pilote)
    # session, user, roles (1 each); the Transfo (1); rates by session, streaks, members
    # (3); the sessions (1); navigation permissions (1); session refresh, the first since
    # force_login (3)
    with django_assert_max_num_queries(12):
        response = client.get("/espace/transfos/strasbourg/presences/")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 40])
def test_devoir_pages_queries_do_not_grow(
    client, resident, transfo, django_assert_max_num_queries, count
):
    from ambassadeurs.models import CommentaireDevoir
    from tests.ambassadeurs.factories import DevoirFactory, ReponseDevoirFactory, group_of

    devoirs = [DevoirFactory(transfo=transfo) for _ in range(3)]
    for n, profil in enumerate(group_of(transfo, count)):
        if n % 2:
            reponse = ReponseDevoirFactory(devoir=devoirs[0], auteur=profil.participation.user)
            CommentaireDevoir.objects.create(reponse=reponse, auteur=resident, texte="Bien.")
    client.force_login(resident)
    # session, user, roles (1 each); the Transfo (1); the devoirs with their counts (1);
    # navigation permissions (1); session refresh, the first since force_login (3)
    with django_assert_max_num_queries(9):
        assert client.get("/espace/transfos/strasbourg/devoirs/").status_code == 200
    # session, user, roles (1 each); the Transfo, the devoir (2); answers with their number
    # of comments, members (2); navigation permissions (1); no session refresh (the page
    # above did it)
    with django_assert_max_num_queries(8):
        response = client.get(f"/espace/transfos/strasbourg/devoirs/{devoirs[0].pk}/")
    assert response.status_code == 200
    assert response.content.decode().count("Répondu le") == count // 2
