import pytest
from django.urls import reverse

from collectivites.choices import Role, TypeBloc
from collectivites.models import Bloc, Session
from tests.collectivites.factories import (
    MethodeFactory,
    ParticipationFactory,
    UserFactory,
    session_with_programme,
)


@pytest.fixture
def session(transfo):
    return session_with_programme(transfo, numero=1, days=2, blocks=3)


@pytest.fixture
def planner_client(client, resident):
    client.force_login(resident)
    return client


def url(name, *args):
    return reverse(f"collectivites:{name}", args=["strasbourg", 1, *args])


def titles(session, position):
    day = session.jours.get(position=position)
    return list(day.blocs.vivants().order_by("position").values_list("titre", flat=True))


def version(session):
    return Session.objects.get(pk=session.pk).version


def test_add_block_with_methode_takes_its_duration(planner_client, session):
    methode = MethodeFactory(nom="Débat mouvant", duree_typique=45)
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("bloc_add", day.pk),
        {"type": TypeBloc.LABO, "titre": "Débat sur le labo", "methode": methode.pk, "duree": ""},
    )
    assert response.status_code == 302
    bloc = Bloc.objects.get(titre="Débat sur le labo")
    assert bloc.duree == 45
    assert titles(session, 0)[-1] == "Débat sur le labo"
    assert version(session) == 2


def test_add_block_without_duration_or_methode_keeps_input(planner_client, session):
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("bloc_add", day.pk),
        {
            "type": TypeBloc.ATELIER,
            "titre": "Titre que j'ai tapé",
            "description": "Texte long tapé",
        },
    )
    content = response.content.decode()
    assert "Indiquez une durée ou choisissez une méthode." in content
    assert 'value="Titre que j&#x27;ai tapé"' in content
    assert "Texte long tapé" in content
    assert not Bloc.objects.filter(titre="Titre que j'ai tapé").exists()


def test_editing_a_duration_recomputes_later_blocks(planner_client, session):
    first = Bloc.objects.get(titre="Bloc 1.1")
    planner_client.post(
        url("bloc_edit", first.pk),
        {"type": first.type, "titre": first.titre, "duree": 90, "version": first.version},
    )
    content = planner_client.get(url("session_planner")).content.decode()
    # 9:00 + 90 = 10:30, then 60 minutes each.
    assert (
        '<time datetime="10:30">10\xa0h\xa030</time> – <time datetime="11:30">11\xa0h\xa030</time>'
        in content
    )
    assert (
        '<time datetime="11:30">11\xa0h\xa030</time> – <time datetime="12:30">12\xa0h\xa030</time>'
        in content
    )


def test_day_running_past_its_planned_end_is_flagged(planner_client, session):
    day = session.jours.get(position=0)
    day.heure_fin_prevue = day.heure_debut.replace(hour=11, minute=30)
    day.save()
    content = planner_client.get(url("session_planner")).content.decode()
    assert "La journée dépasse sa fin prévue de 30 minutes." in content


def test_delete_then_undo(planner_client, session):
    bloc = Bloc.objects.get(titre="Bloc 1.2")
    planner_client.post(url("bloc_delete", bloc.pk), {"version": version(session)})
    assert titles(session, 0) == ["Bloc 1.1", "Bloc 1.3"]
    content = planner_client.get(url("session_planner")).content.decode()
    assert "Bloc « Bloc 1.2 » supprimé." in content
    planner_client.post(url("bloc_restore", bloc.pk))
    assert titles(session, 0) == ["Bloc 1.1", "Bloc 1.2", "Bloc 1.3"]


def test_move_with_buttons_within_and_across_days(planner_client, session):
    bloc = Bloc.objects.get(titre="Bloc 1.3")
    planner_client.post(
        url("bloc_move", bloc.pk), {"direction": "haut", "version": version(session)}
    )
    assert titles(session, 0) == ["Bloc 1.1", "Bloc 1.3", "Bloc 1.2"]
    planner_client.post(
        url("bloc_move", bloc.pk), {"direction": "jour-suivant", "version": version(session)}
    )
    assert titles(session, 0) == ["Bloc 1.1", "Bloc 1.2"]
    assert titles(session, 1) == ["Bloc 2.1", "Bloc 2.2", "Bloc 2.3", "Bloc 1.3"]


def test_move_to_a_position_as_drag_and_drop_does(planner_client, session):
    bloc = Bloc.objects.get(titre="Bloc 2.3")
    first_day = session.jours.get(position=0)
    planner_client.post(
        url("bloc_move", bloc.pk),
        {"jour": first_day.pk, "position": 0, "version": version(session)},
    )
    assert titles(session, 0) == ["Bloc 2.3", "Bloc 1.1", "Bloc 1.2", "Bloc 1.3"]
    assert titles(session, 1) == ["Bloc 2.1", "Bloc 2.2"]


def test_stale_layout_change_is_refused_and_said(client, resident, transfo, session):
    colleague = UserFactory(full_name="Yoan Perrin")
    ParticipationFactory(user=colleague, transfo=transfo, role=Role.RESIDENT)
    stale = version(session)
    client.force_login(colleague)
    client.post(
        url("bloc_move", Bloc.objects.get(titre="Bloc 1.1").pk),
        {"direction": "bas", "version": stale},
    )
    client.force_login(resident)
    response = client.post(
        url("bloc_delete", Bloc.objects.get(titre="Bloc 1.3").pk), {"version": stale}, follow=True
    )
    content = response.content.decode()
    assert (
        "Le programme a été modifié par Yoan Perrin depuis que vous l&#x27;avez ouvert" in content
    )
    assert titles(session, 0) == ["Bloc 1.2", "Bloc 1.1", "Bloc 1.3"]


def test_concurrent_block_edit_is_detected_and_keeps_typing(client, resident, transfo, session):
    colleague = UserFactory(full_name="Lilas Garnier")
    ParticipationFactory(user=colleague, transfo=transfo, role=Role.RESIDENT)
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    opened = bloc.version
    client.force_login(colleague)
    client.post(
        url("bloc_edit", bloc.pk),
        {"type": bloc.type, "titre": "Sa version", "duree": 30, "version": opened},
    )
    client.force_login(resident)
    response = client.post(
        url("bloc_edit", bloc.pk),
        {"type": bloc.type, "titre": "Ma version", "duree": 45, "version": opened},
    )
    assert response.status_code == 409
    content = response.content.decode()
    assert "Lilas Garnier a modifié ce bloc pendant que vous l'éditiez." in content
    assert "Version enregistrée : « Sa version », 30 min." in content
    assert 'value="Ma version"' in content
    assert Bloc.objects.get(pk=bloc.pk).titre == "Sa version"
    # Submitting again knowingly replaces the colleague's version.
    client.post(
        url("bloc_edit", bloc.pk),
        {"type": bloc.type, "titre": "Ma version", "duree": 45, "version": opened + 1},
    )
    assert Bloc.objects.get(pk=bloc.pk).titre == "Ma version"


def test_add_and_delete_day(planner_client, session):
    planner_client.post(url("day_add"), {"version": version(session)})
    assert session.jours.count() == 3
    new_day = session.jours.get(position=2)
    assert new_day.date == session.jours.get(position=1).date.replace(day=29)  # Monday
    planner_client.post(url("day_delete", new_day.pk), {"version": version(session)})
    assert session.jours.count() == 2


def test_day_with_blocks_cannot_be_deleted(planner_client, session):
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("day_delete", day.pk), {"version": version(session)}, follow=True
    )
    assert "Ce jour a encore des blocs" in response.content.decode()
    assert session.jours.count() == 2


def test_day_end_before_start_is_refused(planner_client, session):
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("day_edit", day.pk),
        {
            f"jour-{day.pk}-date": "2026-06-25",
            f"jour-{day.pk}-heure_debut": "14:00",
            f"jour-{day.pk}-heure_fin_prevue": "09:00",
        },
    )
    assert "La fin prévue doit suivre le début." in response.content.decode()


def test_change_to_published_session_marks_it_modified(planner_client, session):
    session.publish()
    bloc = Bloc.objects.get(titre="Bloc 1.1")
    planner_client.post(
        url("bloc_move", bloc.pk), {"direction": "bas", "version": version(session)}
    )
    session.refresh_from_db()
    assert session.is_modified
    assert "Modifié" in planner_client.get(session.get_absolute_url()).content.decode()


@pytest.mark.parametrize(("days", "blocks"), [(2, 4), (3, 14)])
def test_planner_queries_do_not_grow(
    client, resident, transfo, django_assert_max_num_queries, days, blocks
):
    session = session_with_programme(transfo, numero=1, days=days, blocks=blocks)
    methode = MethodeFactory()
    Bloc.objects.filter(jour__session=session).update(methode=methode)
    for bloc in Bloc.objects.filter(jour__session=session):
        bloc.animateurs.add(resident)
    client.force_login(resident)
    # session, user, roles, the Transfo, the session, days, blocks with méthodes,
    # facilitators, recently deleted blocks, permissions (1), session refresh, the first
    # since force_login (savepoint, update, release: 3)
    with django_assert_max_num_queries(13):
        response = client.get(session.get_planner_url())
    assert response.status_code == 200
    assert response.content.decode().count('class="bloc bloc--') == days * blocks


def test_two_days_cannot_share_a_date_and_what_was_typed_stays(planner_client, session):
    day = session.jours.get(position=1)
    response = planner_client.post(
        url("day_edit", day.pk),
        {
            f"jour-{day.pk}-date": "2026-06-25",
            f"jour-{day.pk}-titre": "Terrain à Hautepierre",
            f"jour-{day.pk}-heure_debut": "09:30",
            f"jour-{day.pk}-heure_fin_prevue": "17:00",
        },
    )
    content = response.content.decode()
    assert "Le jour 1 est déjà le jeudi 25 juin 2026 : choisissez une autre date." in content
    assert 'value="Terrain à Hautepierre"' in content
    assert 'value="09:30"' in content
    day.refresh_from_db()
    assert str(day.date) == "2026-06-26"


def test_add_day_proposes_the_next_weekday(planner_client, session):
    # Days on Thursday 25 and Friday 26 June 2026: the third is proposed on Monday 29.
    planner_client.post(url("day_add"), {"version": version(session)})
    assert str(session.jours.get(position=2).date) == "2026-06-29"


def test_session_dated_years_after_its_transfo_is_refused(planner_client, transfo):
    form = {
        "numero": 3,
        "titre": "Session tardive",
        "lieu": "Tiers-lieu",
        "objectifs": "",
        "premier_jour": "2031-03-03",
        "nb_jours": 2,
        "depart": "",
    }
    response = planner_client.post("/espace/transfos/strasbourg/sessions/nouvelle/", form)
    content = response.content.decode()
    assert (
        "Le 3 mars 2031 est hors de la période de la Transfo : du 1er septembre 2025 au "
        "1er septembre 2027 (ses 18 mois et 6 de marge)." in content
    )
    assert 'value="Session tardive"' in content
    assert not Session.objects.filter(numero=3).exists()
    form["premier_jour"] = "2027-02-01"
    planner_client.post("/espace/transfos/strasbourg/sessions/nouvelle/", form)
    assert Session.objects.filter(numero=3).exists()


def test_a_day_moved_out_of_the_transfos_span_is_refused(planner_client, session):
    day = session.jours.get(position=0)
    response = planner_client.post(
        url("day_edit", day.pk),
        {
            f"jour-{day.pk}-date": "2025-08-29",
            f"jour-{day.pk}-heure_debut": "09:00",
            f"jour-{day.pk}-heure_fin_prevue": "17:00",
        },
    )
    assert "hors de la période de la Transfo" in response.content.decode()
