from datetime import date, time

import pytest
from django.urls import reverse

from collectivites.choices import Role, StatutSession, TypeBloc
from collectivites.models import Bloc, Jour, Session
from collectivites.protocol import TIMELINE_EVENT_SOURCES
from tests.collectivites.factories import (
    BlocFactory,
    MethodeFactory,
    ParticipationFactory,
    session_with_programme,
)
from transfo.dates import french_time

# role -> (sessions page, draft programme, published programme, planner, create form)
MATRIX = {
    "anonymous": (302, 302, 302, 302, 302),
    "ambassadeur": (200, 404, 200, 403, 403),
    "peer": (200, 404, 200, 403, 403),
    "pilote": (200, 404, 200, 403, 403),
    "resident": (200, 200, 200, 200, 200),
    "coordinateur": (200, 200, 200, 200, 200),
    "other_member": (404, 404, 404, 404, 404),
    "outsider": (404, 404, 404, 404, 404),
}


@pytest.fixture
def draft(transfo):
    return session_with_programme(transfo, numero=1)


@pytest.fixture
def published(transfo):
    return session_with_programme(transfo, numero=2, statut=StatutSession.PUBLIEE)


@pytest.mark.parametrize(("name", "expected"), MATRIX.items())
def test_session_pages_by_role(client_for, transfo, draft, published, name, expected):
    client = client_for(name)
    urls = [
        reverse("collectivites:session_list", args=["strasbourg"]),
        draft.get_absolute_url(),
        published.get_absolute_url(),
        published.get_planner_url(),
        reverse("collectivites:session_create", args=["strasbourg"]),
    ]
    assert [client.get(url).status_code for url in urls] == list(expected)


@pytest.mark.parametrize("name", ["ambassadeur", "pilote", "other_member"])
def test_non_planners_cannot_change_a_session(client_for, transfo, published, name):
    client = client_for(name)
    bloc = Bloc.objects.filter(jour__session=published).first()
    posts = [
        reverse("collectivites:session_publish", args=["strasbourg", 2]),
        reverse("collectivites:session_duplicate", args=["strasbourg", 2]),
        reverse("collectivites:bloc_delete", args=["strasbourg", 2, bloc.pk]),
        reverse("collectivites:bloc_move", args=["strasbourg", 2, bloc.pk]),
        reverse("collectivites:session_delete", args=["strasbourg", 2]),
    ]
    for url in posts:
        assert client.post(url, {"version": published.version, "direction": "bas"}).status_code in {
            403,
            404,
        }
    assert Session.objects.filter(transfo=transfo).count() == 1
    assert Bloc.objects.vivants().filter(jour__session=published).count() == 8


def test_ambassadeur_sees_published_sessions_only_in_list(client, ambassadeur, draft, published):
    client.force_login(ambassadeur)
    content = client.get("/espace/transfos/strasbourg/sessions/").content.decode()
    assert published.titre in content
    assert draft.titre not in content
    assert "Nouvelle session" not in content
    assert "Protocole" not in content


def test_residents_private_notes_never_reach_ambassadeurs(client, ambassadeur, resident, published):
    bloc = Bloc.objects.filter(jour__session=published).first()
    bloc.notes_residents = "NOTE-PRIVEE-DES-RESIDENTS"
    bloc.save()
    client.force_login(ambassadeur)
    assert (
        "NOTE-PRIVEE-DES-RESIDENTS" not in client.get(published.get_absolute_url()).content.decode()
    )
    client.force_login(resident)
    assert "NOTE-PRIVEE-DES-RESIDENTS" in client.get(published.get_absolute_url()).content.decode()


def test_programme_shows_computed_times(client, ambassadeur, published):
    client.force_login(ambassadeur)
    content = client.get(published.get_absolute_url()).content.decode()
    # Four blocks of 60 minutes from 9:00.
    for start, end in [("09:00", "10:00"), ("10:00", "11:00"), ("12:00", "13:00")]:
        shown = [french_time(time.fromisoformat(t)) for t in (start, end)]
        assert (
            f'<time datetime="{start}">{shown[0]}</time> – <time datetime="{end}">{shown[1]}</time>'
        ) in content


def test_resident_creates_a_blank_session_of_two_days(client, resident, transfo):
    client.force_login(resident)
    response = client.post(
        "/espace/transfos/strasbourg/sessions/nouvelle/",
        {
            "numero": 3,
            "titre": "Cas pratique 2",
            "lieu": "Mairie",
            "objectifs": "",
            "premier_jour": "2026-09-17",
            "nb_jours": 2,
            "depart": "",
        },
    )
    session = Session.objects.get(transfo=transfo, numero=3)
    assert response["Location"] == session.get_planner_url()
    assert [d.date for d in session.jours.order_by("position")] == [
        date(2026, 9, 17),
        date(2026, 9, 18),
    ]
    assert session.statut == StatutSession.BROUILLON


def test_session_number_must_be_free_and_typed_data_is_kept(client, resident, draft):
    client.force_login(resident)
    response = client.post(
        "/espace/transfos/strasbourg/sessions/nouvelle/",
        {
            "numero": 1,
            "titre": "Mon titre tapé",
            "lieu": "",
            "objectifs": "",
            "premier_jour": "2026-09-17",
            "nb_jours": 2,
            "depart": "",
        },
    )
    content = response.content.decode()
    assert "La session n°1 existe déjà dans cette Transfo." in content
    assert 'value="Mon titre tapé"' in content


def test_create_from_a_copy_carries_blocks_durations_and_methodes(client, resident, transfo, draft):
    methode = MethodeFactory()
    bloc = Bloc.objects.filter(jour__session=draft).first()
    bloc.methode, bloc.duree, bloc.materiel = methode, 75, "Post-it"
    bloc.save()
    client.force_login(resident)
    client.post(
        "/espace/transfos/strasbourg/sessions/nouvelle/",
        {
            "numero": 5,
            "titre": "Copie",
            "lieu": "",
            "objectifs": "",
            "premier_jour": "2026-10-01",
            "nb_jours": 1,
            "depart": f"copie-{draft.pk}",
        },
    )
    copy = Session.objects.get(transfo=transfo, numero=5)
    assert copy.jours.count() == 2
    assert [d.date for d in copy.jours.order_by("position")] == [
        date(2026, 10, 1),
        date(2026, 10, 2),
    ]
    copied = Bloc.objects.get(jour__session=copy, titre=bloc.titre)
    assert (copied.duree, copied.methode, copied.materiel) == (75, methode, "Post-it")


def test_save_as_template_then_start_from_it(client, resident, transfo, draft):
    client.force_login(resident)
    client.post(reverse("collectivites:session_save_as_template", args=["strasbourg", 1]))
    template = Session.objects.modeles().get()
    assert template.transfo is None and template.numero is None
    assert Bloc.objects.filter(jour__session=template).count() == 8
    form = client.get("/espace/transfos/strasbourg/sessions/nouvelle/").content.decode()
    assert f'value="modele-{template.pk}"' in form
    client.post(
        "/espace/transfos/strasbourg/sessions/nouvelle/",
        {
            "numero": 7,
            "titre": "Depuis le modèle",
            "lieu": "",
            "objectifs": "",
            "premier_jour": "2026-11-05",
            "nb_jours": 2,
            "depart": f"modele-{template.pk}",
        },
    )
    assert Bloc.objects.filter(jour__session__numero=7, jour__session__transfo=transfo).count() == 8


def test_templates_are_not_offered_to_ambassadeurs(ambassadeur, resident, draft):
    draft.copy(est_modele=True)
    assert not Session.objects.modeles_for_user(ambassadeur).exists()
    assert Session.objects.modeles_for_user(resident).count() == 1


def test_duplicate_gives_next_number(client, resident, transfo, draft, published):
    client.force_login(resident)
    response = client.post(reverse("collectivites:session_duplicate", args=["strasbourg", 1]))
    copy = Session.objects.get(transfo=transfo, numero=3)
    assert response["Location"] == copy.get_planner_url()
    assert copy.titre.endswith("(copie)")
    assert Bloc.objects.filter(jour__session=copy).count() == 8


def test_delete_asks_then_deletes(client, resident, transfo, draft):
    client.force_login(resident)
    url = reverse("collectivites:session_delete", args=["strasbourg", 1])
    assert "Supprimer définitivement" in client.get(url).content.decode()
    client.post(url)
    assert not Session.objects.filter(pk=draft.pk).exists()
    assert not Jour.objects.filter(session_id=draft.pk).exists()


def test_edit_and_debrief(client, resident, draft):
    client.force_login(resident)
    url = reverse("collectivites:session_edit", args=["strasbourg", 1])
    response = client.post(
        url,
        {
            "numero": 1,
            "titre": "Nouveau titre",
            "lieu": "Bliida",
            "objectifs": "",
            "debrief-debrief_fait": "Un débat mouvant",
            "debrief-debrief_pourquoi": "",
            "debrief-debrief_reussites": "La parole circule",
            "debrief-debrief_ameliorations": "",
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.titre == "Nouveau titre"
    assert draft.debrief_reussites == "La parole circule"
    assert "La parole circule" in client.get(draft.get_absolute_url()).content.decode()


def test_session_length_outside_protocol_is_flagged(client, resident, transfo):
    session = session_with_programme(transfo, numero=4, days=4, blocks=1)
    client.force_login(resident)
    content = client.get(session.get_absolute_url()).content.decode()
    assert "La session dure 4 jour(s) : le protocole prévoit 2 à 3 jours." in content


@pytest.mark.parametrize("count", [3, 12])
def test_sessions_page_queries_do_not_grow(
    client, resident, transfo, django_assert_max_num_queries, count
):
    for numero in range(1, count + 1):
        session_with_programme(transfo, numero=numero, days=2, blocks=3)
    client.force_login(resident)
    # session, user, roles, the Transfo, sessions + days + blocks + cases worked on (4),
    # navigation permissions (1), session refresh, the first since force_login (savepoint,
    # update, release: 3), the timeline's registered event sources (one each: the
    # Intertransfos)
    with django_assert_max_num_queries(12 + len(TIMELINE_EVENT_SOURCES)):
        assert client.get("/espace/transfos/strasbourg/sessions/").status_code == 200


@pytest.mark.parametrize(("days", "blocks"), [(2, 3), (3, 14)])
def test_programme_queries_do_not_grow(
    client, ambassadeur, transfo, django_assert_max_num_queries, days, blocks
):
    session = session_with_programme(
        transfo, numero=1, days=days, blocks=blocks, statut=StatutSession.PUBLIEE
    )
    for bloc in Bloc.objects.filter(jour__session=session):
        bloc.animateurs.add(ambassadeur)
        bloc.methode = MethodeFactory()
        bloc.save()
    client.force_login(ambassadeur)
    # session, user, roles, the Transfo, the session, days, blocks with méthodes,
    # facilitators, permissions (1), session refresh, the first since force_login
    # (savepoint, update, release: 3)
    with django_assert_max_num_queries(12):
        assert client.get(session.get_absolute_url()).status_code == 200


def test_labo_block_by_session_six_hint(client, resident, transfo):
    for numero in range(1, 7):
        session_with_programme(transfo, numero=numero, days=2, blocks=1)
    client.force_login(resident)
    url = "/espace/transfos/strasbourg/sessions/"
    assert (
        "Aucun bloc « travail sur le labo » dans les sessions 1 à 6"
        in client.get(url).content.decode()
    )
    bloc = Bloc.objects.filter(jour__session__numero=5).first()
    bloc.type = TypeBloc.LABO
    bloc.save()
    assert "Aucun bloc « travail sur le labo »" not in client.get(url).content.decode()


def test_published_session_members_of_other_transfo_get_404(client, other_member, published):
    ParticipationFactory(user=other_member, transfo=published.transfo, sortie=True)
    client.force_login(other_member)
    assert client.get(published.get_absolute_url()).status_code == 404


def test_bloc_factory_is_live(transfo):
    assert Bloc.objects.vivants().count() == 0
    BlocFactory()
    assert Bloc.objects.vivants().count() == 1


@pytest.mark.parametrize(("gap", "flagged"), [(35, False), (36, True)])
def test_gap_between_sessions_over_five_weeks_is_flagged(transfo, gap, flagged):
    from datetime import timedelta

    from collectivites.protocol import protocol_report

    first = session_with_programme(transfo, numero=1, days=2, blocks=1)
    second = session_with_programme(transfo, numero=2, days=2, blocks=1)
    last_day = first.jours.order_by("position").last().date
    for day in second.jours.all():
        day.date = last_day + timedelta(days=gap + day.position)
        day.save()
    sessions = Session.objects.filter(transfo=transfo).prefetch_related("jours", "jours__blocs")
    hints = [h.text for h in protocol_report(transfo, sessions, today=date(2026, 6, 1)).hints]
    assert any("entre la session n°1 et la session n°2" in h for h in hints) is flagged


CANARY_NOTE = "canari-notes-des-residents"


def _note_every_block(session):
    Bloc.objects.filter(jour__session=session).update(notes_residents=CANARY_NOTE)


def _notes_of(session):
    return set(Bloc.objects.filter(jour__session=session).values_list("notes_residents", flat=True))


def test_a_template_keeps_no_note_of_the_residents(client, resident, transfo, draft):
    """Issue 18, item 5: templates are offered to the résidents of every Transfo."""
    _note_every_block(draft)
    client.force_login(resident)
    answer = client.post(
        reverse("collectivites:session_save_as_template", args=["strasbourg", 1]), follow=True
    )
    assert "sans les notes des résident·es" in answer.content.decode()
    template = Session.objects.modeles().get()
    assert _notes_of(template) == {""}
    assert _notes_of(draft) == {CANARY_NOTE}


def test_a_session_of_another_transfo_made_from_a_template_shows_no_note(
    client, resident, transfo, other_transfo, draft
):
    _note_every_block(draft)
    template = draft.copy(est_modele=True)
    metz_resident = ParticipationFactory(transfo=other_transfo, role=Role.RESIDENT).user
    client.force_login(metz_resident)
    client.post(
        "/espace/transfos/metz/sessions/nouvelle/",
        {
            "numero": 1,
            "titre": "Depuis le modèle",
            "lieu": "",
            "objectifs": "",
            "premier_jour": "2026-11-05",
            "nb_jours": 2,
            "depart": f"modele-{template.pk}",
        },
    )
    made = Session.objects.get(transfo=other_transfo, numero=1)
    assert _notes_of(made) == {""}
    planner = client.get(made.get_planner_url()).content.decode()
    assert CANARY_NOTE not in planner


def test_a_copy_into_another_transfo_leaves_the_notes_behind(transfo, other_transfo, draft):
    _note_every_block(draft)
    copy = draft.copy(transfo=other_transfo, numero=3)
    assert _notes_of(copy) == {""}
    assert not copy.jours.filter(blocs__animateurs__isnull=False).exists()


def test_a_duplicate_within_the_transfo_keeps_its_notes(transfo, draft):
    _note_every_block(draft)
    assert _notes_of(draft.copy(transfo=transfo, numero=9)) == {CANARY_NOTE}


@pytest.fixture
def with_facilitators(transfo, draft, resident, ambassadeur):
    """Session n°1 whose first block is led by the résidente, an ambassadeur and one who left."""
    leaver = ParticipationFactory(
        transfo=transfo, role=Role.AMBASSADEUR, date_sortie=date(2026, 1, 31)
    ).user
    Jour.objects.filter(session=draft, position=1).update(date=date(2026, 6, 29))
    bloc = Bloc.objects.get(jour__session=draft, titre="Bloc 1.1")
    bloc.animateurs.set([resident, ambassadeur, leaver])
    return bloc


def led_by(session):
    bloc = Bloc.objects.get(jour__session=session, titre="Bloc 1.1")
    return sorted(user.full_name for user in bloc.animateurs.all())


def dates_of(session):
    return [day.date for day in session.jours.order_by("position")]


def test_duplicate_keeps_facilitators_still_members_and_shifts_dates(
    client, resident, transfo, with_facilitators
):
    client.force_login(resident)
    client.post(
        reverse("collectivites:session_duplicate", args=["strasbourg", 1]),
        {"premier_jour": "2026-09-14"},
    )
    copy = Session.objects.get(transfo=transfo, numero=2)
    assert led_by(copy) == ["Claire Muller", "Suzanne Keller"]
    # The days keep their gap (25 and 29 June: four days apart).
    assert dates_of(copy) == [date(2026, 9, 14), date(2026, 9, 18)]
    content = client.get(copy.get_absolute_url()).content.decode()
    assert "Claire Muller" in content


def test_copy_from_the_create_form_keeps_facilitators_and_gaps(
    client, resident, transfo, with_facilitators
):
    client.force_login(resident)
    client.post(
        "/espace/transfos/strasbourg/sessions/nouvelle/",
        {
            "numero": 5,
            "titre": "Copie",
            "lieu": "",
            "objectifs": "",
            "premier_jour": "2026-10-01",
            "nb_jours": 2,
            "depart": f"copie-{with_facilitators.jour.session_id}",
        },
    )
    copy = Session.objects.get(transfo=transfo, numero=5)
    assert led_by(copy) == ["Claire Muller", "Suzanne Keller"]
    assert dates_of(copy) == [date(2026, 10, 1), date(2026, 10, 5)]


def test_copy_to_another_transfo_keeps_only_its_members(
    transfo, other_transfo, resident, other_member, with_facilitators
):
    ParticipationFactory(transfo=other_transfo, role=Role.RESIDENT, user=resident)
    copy = with_facilitators.jour.session.copy(transfo=other_transfo, numero=1)
    assert led_by(copy) == ["Suzanne Keller"]


def test_edit_shifts_every_date_at_once(client, resident, draft):
    Jour.objects.filter(session=draft, position=1).update(date=date(2026, 6, 29))
    client.force_login(resident)
    url = reverse("collectivites:session_edit", args=["strasbourg", 1])
    assert 'value="2026-06-25"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "numero": 1,
            "titre": draft.titre,
            "lieu": "",
            "objectifs": "",
            "premier_jour": "2026-07-02",
            "debrief-debrief_fait": "",
            "debrief-debrief_pourquoi": "",
            "debrief-debrief_reussites": "",
            "debrief-debrief_ameliorations": "",
        },
    )
    assert response.status_code == 302
    assert dates_of(draft) == [date(2026, 7, 2), date(2026, 7, 6)]


def test_duplicate_outside_the_transfo_is_refused_with_the_date_kept(client, resident, draft):
    client.force_login(resident)
    response = client.post(
        reverse("collectivites:session_duplicate", args=["strasbourg", 1]),
        {"premier_jour": "2030-01-07"},
    )
    content = response.content.decode()
    assert "Le 7 janvier 2030 est hors de la période de la Transfo" in content
    assert 'value="2030-01-07"' in content
    assert not Session.objects.filter(numero=2).exists()
