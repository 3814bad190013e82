"""Attendance and météo: who records and sees them, the grid saved in place and by a plain
form, and the computations (rate by session, streaks, à relancer) at their edges."""

from datetime import date

import pytest

from ambassadeurs.models import Meteo, Presence, serie
from collectivites.choices import Role
from tests.ambassadeurs.factories import record, session_days
from tests.collectivites.factories import JourFactory, ParticipationFactory, SessionFactory

BASE = "/espace/transfos/strasbourg/presences/"
CAST = ["ambassadeur", "peer", "resident", "pilote", "other_member", "coordinateur", "outsider"]


def membre(user):
    return user.participations.get()


@pytest.fixture
def session(transfo):
    return session_days(transfo, 1, days=2)


def cell(jour, participation):
    return f"p-{jour.pk}-{participation.pk}"


# Permissions ----------------------------------------------------------------------------

MATRIX = {
    "overview": [403, 403, 200, 200, 404, 200, 404, 302],
    "grid": [403, 403, 200, 200, 404, 200, 404, 302],
    "save_grid": [403, 403, 302, 302, 404, 302, 404, 302],
    "save_cell": [403, 403, 200, 200, 404, 200, 404, 302],
    "save_meteo": [403, 403, 302, 302, 404, 302, 404, 302],
}


def act(client, action, session, ambassadeur):
    jour = session.jours.first()
    grid = f"{BASE}sessions/1/"
    if action == "overview":
        return client.get(BASE)
    if action == "grid":
        return client.get(grid)
    if action == "save_grid":
        return client.post(grid, {cell(jour, membre(ambassadeur)): "on"})
    if action == "save_cell":
        return client.post(
            f"{grid}cellule/",
            {
                "cellule": f"{jour.pk}-{membre(ambassadeur).pk}",
                cell(jour, membre(ambassadeur)): "on",
            },
            headers={"HX-Request": "true"},
        )
    if action == "save_meteo":
        return client.post(f"{grid}meteo/", {f"meteo-{jour.pk}-ouverture-note": "4"})
    raise AssertionError(action)


@pytest.mark.parametrize(
    ("action", "who", "expected"),
    [
        (action, who, status)
        for action, statuses in MATRIX.items()
        for who, status in zip([*CAST, "anonymous"], statuses, strict=True)
    ],
)
def test_attendance_permission_matrix(client_for, session, ambassadeur, action, who, expected):
    response = act(client_for(who), action, session, ambassadeur)
    assert response.status_code == expected
    if who == "anonymous":
        assert response["Location"].startswith("/comptes/login/?next=")
    if expected != 200 and not (expected == 302 and who != "anonymous"):
        # Refusals record nothing.
        assert not Presence.objects.exists()
        assert not Meteo.objects.exists()


def test_session_of_another_transfo_is_not_reachable(client, resident, other_transfo):
    session_days(other_transfo, 7)
    client.force_login(resident)
    assert client.get(f"{BASE}sessions/7/").status_code == 404
    assert client.get("/espace/transfos/metz/presences/sessions/7/").status_code == 404


# The grid -------------------------------------------------------------------------------


def test_grid_lists_the_members_of_the_session_by_days_with_labelled_checkboxes(
    client, resident, ambassadeur, peer, session, transfo
):
    ParticipationFactory(
        transfo=transfo,
        role=Role.AMBASSADEUR,
        date_sortie=date(2025, 12, 1),
        user__full_name="Parti Depuis",
    )
    jour1, jour2 = session.jours.order_by("position")
    record(session, membre(ambassadeur), True, False)
    client.force_login(resident)
    page = client.get(f"{BASE}sessions/1/").content.decode()
    assert "Claire Muller" in page and "Karim Benali" in page
    assert "Parti Depuis" not in page
    table = page.split("<table")[1].split("</table>")[0]
    assert "Suzanne Keller" not in table  # résident·es are not in the group's grid
    assert (
        f'id="{cell(jour1, membre(ambassadeur))}" name="{cell(jour1, membre(ambassadeur))}" checked'
        in page
    )
    assert (
        f'id="{cell(jour2, membre(ambassadeur))}" name="{cell(jour2, membre(ambassadeur))}" data-hx-post'
        in page
    )
    assert (
        f'<label for="{cell(jour1, membre(peer))}"><span class="visually-hidden">Karim Benali présent·e le jour 1'
        in page
    )


def test_a_cell_is_saved_in_place_and_opens_the_roll_call_of_its_day(
    client, resident, ambassadeur, peer, session
):
    jour = session.jours.order_by("position").first()
    client.force_login(resident)
    url = f"{BASE}sessions/1/cellule/"
    data = {"cellule": f"{jour.pk}-{membre(ambassadeur).pk}", cell(jour, membre(ambassadeur)): "on"}
    response = client.post(url, data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.content.decode() == "Enregistré : Claire Muller présent·e le jour 1."
    assert dict(
        Presence.objects.filter(jour=jour).values_list("participation__user__full_name", "present")
    ) == {
        "Claire Muller": True,
        "Karim Benali": False,
    }
    assert Presence.objects.get(jour=jour, participation=membre(ambassadeur)).saisie_par == resident
    # Unticked again: absent.
    response = client.post(url, {"cellule": data["cellule"]}, headers={"HX-Request": "true"})
    assert "absent·e" in response.content.decode()
    assert not Presence.objects.get(jour=jour, participation=membre(ambassadeur)).present
    # The other day stays unrecorded.
    assert not Presence.objects.exclude(jour=jour).exists()


def test_a_cell_without_htmx_redirects_to_the_grid(client, resident, ambassadeur, session):
    jour = session.jours.first()
    client.force_login(resident)
    response = client.post(
        f"{BASE}sessions/1/cellule/", {"cellule": f"{jour.pk}-{membre(ambassadeur).pk}"}
    )
    assert response.status_code == 302 and response["Location"] == f"{BASE}sessions/1/"


@pytest.mark.parametrize("cellule", ["", "abc", "0-0", "x-1"])
def test_a_malformed_or_unknown_cell_is_404(client, resident, session, cellule):
    client.force_login(resident)
    assert client.post(f"{BASE}sessions/1/cellule/", {"cellule": cellule}).status_code == 404


def test_a_member_of_another_transfo_cannot_be_recorded(client, resident, session, other_member):
    jour = session.jours.first()
    client.force_login(resident)
    response = client.post(
        f"{BASE}sessions/1/cellule/", {"cellule": f"{jour.pk}-{membre(other_member).pk}"}
    )
    assert response.status_code == 404
    assert not Presence.objects.exists()


def test_a_day_of_another_session_cannot_be_recorded_through_this_one(
    client, resident, ambassadeur, session, transfo
):
    other = session_days(transfo, 2)
    jour = other.jours.first()
    client.force_login(resident)
    response = client.post(
        f"{BASE}sessions/1/cellule/", {"cellule": f"{jour.pk}-{membre(ambassadeur).pk}"}
    )
    assert response.status_code == 404


def test_a_future_day_is_not_recorded(client, resident, ambassadeur, transfo):
    future = session_days(transfo, 3, days=1, first=date(2099, 1, 1))
    jour = future.jours.get()
    client.force_login(resident)
    page = client.get(f"{BASE}sessions/3/").content.decode()
    assert "disabled" in page
    response = client.post(
        f"{BASE}sessions/3/cellule/",
        {"cellule": f"{jour.pk}-{membre(ambassadeur).pk}", cell(jour, membre(ambassadeur)): "on"},
    )
    assert response.status_code == 400
    client.post(f"{BASE}sessions/3/", {cell(jour, membre(ambassadeur)): "on"})
    assert not Presence.objects.exists()


def test_the_plain_form_saves_the_whole_grid(client, resident, ambassadeur, peer, session):
    jour1, jour2 = session.jours.order_by("position")
    record(session, membre(peer), True, True)
    client.force_login(resident)
    response = client.post(
        f"{BASE}sessions/1/",
        {cell(jour1, membre(ambassadeur)): "on", cell(jour2, membre(peer)): "on"},
    )
    assert response.status_code == 302
    saved = {
        (p.jour_id, p.participation.user.full_name): p.present
        for p in Presence.objects.select_related("participation__user")
    }
    assert saved == {
        (jour1.pk, "Claire Muller"): True,
        (jour1.pk, "Karim Benali"): False,
        (jour2.pk, "Claire Muller"): False,
        (jour2.pk, "Karim Benali"): True,
    }
    page = client.get(f"{BASE}sessions/1/").content.decode()
    assert "Présences enregistrées." in page
    assert page.count(" checked") == 2


# Who is in a session's group (issue 19, item 8) ------------------------------------------

# The `session` fixture's days: 15 and 16 January 2026.
DATED = {
    "since the start": (date(2025, 9, 1), None, True),
    "joined on the last day": (date(2026, 1, 16), None, True),
    "left on the first day": (date(2025, 9, 1), date(2026, 1, 15), True),
    "left since": (date(2025, 9, 1), date(2026, 3, 1), True),
    "joined the day after": (date(2026, 1, 17), None, False),
    "imported for January 2027": (date(2027, 1, 5), None, False),
    "left the day before": (date(2025, 9, 1), date(2026, 1, 14), False),
}


@pytest.fixture
def dated(transfo):
    """One ambassadeur per case of DATED, named after it."""
    return {
        name: ParticipationFactory(
            transfo=transfo,
            role=Role.AMBASSADEUR,
            date_entree=entree,
            date_sortie=sortie,
            user__full_name=name,
        )
        for name, (entree, sortie, _member) in DATED.items()
    }


def test_a_sessions_group_is_those_who_were_members_on_its_dates(session, dated, other_member):
    from ambassadeurs.models import session_members

    members = session_members(session, list(session.jours.all()))
    assert sorted(p.user.full_name for p in members) == sorted(
        name for name, (*_dates, member) in DATED.items() if member
    )


def test_an_undated_session_lists_the_active_group(transfo, dated):
    from ambassadeurs.models import session_members

    undated = SessionFactory(transfo=transfo, numero=5)
    JourFactory(session=undated, date=None)
    assert sorted(p.user.full_name for p in session_members(undated, undated.jours.all())) == (
        sorted(name for name, (_entree, sortie, _m) in DATED.items() if sortie is None)
    )


def test_the_grid_lists_only_those_who_were_members_on_the_sessions_dates(
    client, resident, session, dated
):
    client.force_login(resident)
    page = client.get(f"{BASE}sessions/1/").content.decode()
    table = page.split("<table")[1].split("</table>")[0]
    for name, (*_dates, member) in DATED.items():
        assert (f'scope="row">{name}</th>' in table) is member, name


def test_touching_a_cell_records_no_absence_for_who_joined_later(
    client, resident, ambassadeur, peer, session, dated
):
    """The issue's journey: a cell ticked in a past session's grid opened the roll call for
    people imported with a later date, each getting "1 absence"."""
    jour = session.jours.order_by("position").first()
    client.force_login(resident)
    url = f"{BASE}sessions/1/cellule/"
    data = {"cellule": f"{jour.pk}-{membre(ambassadeur).pk}", cell(jour, membre(ambassadeur)): "on"}
    assert client.post(url, data, headers={"HX-Request": "true"}).status_code == 200
    recorded = set(
        Presence.objects.filter(jour=jour).values_list("participation__user__full_name", flat=True)
    )
    members = {name for name, (*_dates, member) in DATED.items() if member}
    assert recorded == {"Claire Muller", "Karim Benali", *members}
    (rate,) = Presence.objects.rate_by_session(session.transfo)
    assert (rate.presents, rate.total) == (1, 2 + len(members))
    # Nor can anyone record the newcomer at that session, by a cell or by the whole form.
    newcomer = dated["imported for January 2027"]
    response = client.post(url, {"cellule": f"{jour.pk}-{newcomer.pk}", cell(jour, newcomer): "on"})
    assert response.status_code == 404
    client.post(f"{BASE}sessions/1/", {cell(jour, newcomer): "on"})
    assert not Presence.objects.filter(participation=newcomer).exists()


def test_stored_cells_of_non_members_count_nowhere(client, resident, ambassadeur, session, dated):
    """Cells stored before the fix for people who were not members then (touching a cell
    recorded them absent) are no absences: not in the rate, the streaks, who to follow up,
    the grid, nor the overview."""
    record(session, membre(ambassadeur), True, False)
    for name, (*_dates, member) in DATED.items():
        if not member:
            record(session, dated[name], False, False)
    later = session_days(session.transfo, 2)
    record(later, dated["imported for January 2027"], False)  # 29–30 January 2026
    transfo = session.transfo
    (rate,) = Presence.objects.rate_by_session(transfo)
    assert (rate.numero, rate.presents, rate.total) == (1, 1, 2)
    assert Presence.objects.rates_by_transfo([transfo.pk]) == {transfo.pk: [rate]}
    assert Presence.objects.by_person(transfo) == {membre(ambassadeur).pk: [True]}
    assert Presence.objects.to_remind(transfo) == []
    grid = Presence.objects.grid(session)
    assert set(grid.cells) == {(membre(ambassadeur).pk, j.pk) for j in grid.jours}
    client.force_login(resident)
    page = client.get(BASE).content.decode()
    assert "<td>1 / 2</td>" in page  # session 1: one person-day present out of two
    row = page.split('scope="row">imported for January 2027</th>')[1].split("</tr>")[0]
    assert "Pas encore de présence saisie." in row and "absence" not in row


# Météo ----------------------------------------------------------------------------------


def test_resident_records_the_groups_meteo(client, resident, session, ambassadeur):
    jour = session.jours.order_by("position").first()
    Meteo.objects.create(jour=jour, moment="ouverture", participation=membre(ambassadeur), note=2)
    client.force_login(resident)
    url = f"{BASE}sessions/1/meteo/"
    response = client.post(
        url,
        {f"meteo-{jour.pk}-ouverture-note": "4", f"meteo-{jour.pk}-ouverture-mot": "Curieux"},
    )
    assert response.status_code == 302
    groupe = Meteo.objects.get(participation__isnull=True)
    assert (groupe.note, groupe.mot, groupe.moment, groupe.saisie_par) == (
        4,
        "Curieux",
        "ouverture",
        resident,
    )
    page = client.get(f"{BASE}sessions/1/").content.decode()
    assert 'value="Curieux"' in page
    assert "Moins de 3 météos personnelles" in page
    # Saving again updates rather than duplicates; emptying removes.
    client.post(url, {f"meteo-{jour.pk}-ouverture-note": "5"})
    assert Meteo.objects.get(participation__isnull=True).note == 5
    client.post(url, {f"meteo-{jour.pk}-ouverture-note": ""})
    assert not Meteo.objects.filter(participation__isnull=True).exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"note": "6"}, "Sélectionnez un choix valide"),
        ({"mot": "Fatigués"}, "Choisissez la météo qui accompagne ce mot."),
    ],
)
def test_meteo_errors_are_shown_and_nothing_saved(client, resident, session, data, error):
    jour = session.jours.first()
    client.force_login(resident)
    response = client.post(
        f"{BASE}sessions/1/meteo/", {f"meteo-{jour.pk}-cloture-{k}": v for k, v in data.items()}
    )
    assert response.status_code == 400
    assert error in response.content.decode()
    assert not Meteo.objects.exists()


# Computations ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sessions", "a_relancer"),
    [
        ([], False),
        ([False], False),
        ([False, False], True),
        ([True, False, False], True),
        ([False, True, False], False),
        ([False, False, True], False),
        ([True, True], False),
    ],
)
def test_a_relancer_means_absent_from_the_last_two_sessions_in_a_row(sessions, a_relancer):
    assert serie(sessions).needs_reminder is a_relancer


@pytest.mark.parametrize(
    ("sessions", "actuelle", "present", "meilleure"),
    [
        ([], 0, None, 0),
        ([True], 1, True, 1),
        ([False], 1, False, 0),
        ([True, True, False, True, True, True], 3, True, 3),
        ([True, True, True, False], 1, False, 3),
        ([False, False, True, False, False], 2, False, 1),
    ],
)
def test_streaks(sessions, actuelle, present, meilleure):
    result = serie(sessions)
    assert (result.actuelle, result.present, result.meilleure) == (actuelle, present, meilleure)
    assert result.presentes == sum(sessions)


def test_rate_by_session_counts_person_days_of_recorded_sessions(transfo, ambassadeur, peer):
    first, second, _unrecorded = (session_days(transfo, n) for n in (1, 2, 3))
    record(first, membre(ambassadeur), True, True)
    record(first, membre(peer), True, False)
    record(second, membre(ambassadeur), False, False)
    record(second, membre(peer), True, False)
    template = SessionFactory(transfo=None, numero=None, est_modele=True)
    Presence.objects.create(jour=JourFactory(session=template), participation=membre(peer))
    rates = Presence.objects.rate_by_session(transfo)
    assert [(r.numero, r.presents, r.total, r.taux) for r in rates] == [
        (1, 3, 4, 75),
        (2, 1, 4, 25),
    ]


def test_present_one_day_is_present_at_the_session(transfo, ambassadeur):
    sessions = [session_days(transfo, n) for n in (1, 2, 3)]
    record(sessions[0], membre(ambassadeur), False, True)
    record(sessions[1], membre(ambassadeur), False, False)
    record(sessions[2], membre(ambassadeur), False)
    assert Presence.objects.by_person(transfo) == {membre(ambassadeur).pk: [True, False, False]}


def test_a_relancer_lists_active_members_absent_twice_in_a_row(
    transfo, ambassadeur, peer, other_transfo
):
    left = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, sortie=True)
    relais = ParticipationFactory(
        transfo=transfo, role=Role.RELAIS, user__full_name="Aurélie Gross"
    )
    sessions = [session_days(transfo, n) for n in (1, 2, 3)]
    for s, (claire, karim) in zip(
        sessions, [(False, False), (True, False), (False, False)], strict=True
    ):
        record(s, membre(ambassadeur), claire)  # absent, present, absent: not twice in a row
        record(s, membre(peer), karim)  # absent three times
        record(s, left, False)  # absent, but gone
        record(s, relais, True)
    record(sessions[2], relais, False)  # absent once
    other = session_days(other_transfo, 1)
    record(other, ParticipationFactory(transfo=other_transfo), False)
    record(session_days(other_transfo, 2), ParticipationFactory(transfo=other_transfo), False)
    assert [p.user.full_name for p in Presence.objects.to_remind(transfo)] == ["Karim Benali"]


def test_overview_shows_the_curve_its_figures_streaks_and_who_to_follow_up(
    client, pilote, transfo, ambassadeur, peer
):
    sessions = [session_days(transfo, n, titre=f"Titre {n}") for n in (1, 2, 3)]
    for s, claire, karim in zip(sessions, [True, True, True], [True, False, False], strict=True):
        record(s, membre(ambassadeur), claire, claire)
        record(s, membre(peer), karim, karim)
    client.force_login(pilote)
    page = client.get(BASE).content.decode()
    assert '<svg viewBox="0 0 640 260" role="img"' in page
    assert "<polyline points=" in page and page.count("<circle ") == 3
    assert '<figcaption id="courbe-legende">Taux de présence (en %) de chaque session' in page
    for figures in ("4 / 4", "2 / 4", "100 %", "50 %"):
        assert figures in page
    assert "3 présences de suite" in page and "2 absences de suite" in page
    follow_up = page.split('id="a-relancer"')[1].split("</section>")[0]
    assert "Karim Benali" in follow_up and "Claire Muller" not in follow_up
    for s in sessions:
        assert f"{BASE}sessions/{s.numero}/" in page


def test_overview_without_records_says_so(client, resident, transfo):
    client.force_login(resident)
    page = client.get(BASE).content.decode()
    assert "Aucune présence saisie pour l" in page
    assert "<svg" not in page


def test_personal_meteo_average_is_shown_from_three_people(client, resident, session, transfo):
    jour = session.jours.order_by("position").first()
    for note in (2, 4, 5):
        participation = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR)
        Meteo.objects.create(jour=jour, moment="cloture", participation=participation, note=note)
    client.force_login(resident)
    page = client.get(f"{BASE}sessions/1/").content.decode()
    assert "Moyenne des météos personnelles : 3,7 (3 personnes)." in page


MY_METEO = {
    "ambassadeur": 200,
    "peer": 200,
    "resident": 403,
    "pilote": 403,
    "other_member": 404,
    "coordinateur": 403,
    "outsider": 404,
    "anonymous": 302,
}


@pytest.mark.parametrize(("who", "expected"), MY_METEO.items())
def test_my_meteo_page_is_for_members_of_the_group(client_for, session, who, expected):
    assert client_for(who).get(f"{BASE}sessions/1/ma-meteo/").status_code == expected


def test_ambassadeur_gives_own_meteo_and_nobody_else_sees_it(client, ambassadeur, peer, session):
    jour = session.jours.order_by("position").first()
    client.force_login(ambassadeur)
    url = f"{BASE}sessions/1/ma-meteo/"
    data = {f"meteo-{jour.pk}-ouverture-note": "2", f"meteo-{jour.pk}-ouverture-mot": "épuisée"}
    assert client.post(url, data).status_code == 302
    meteo = Meteo.objects.get()
    assert (meteo.participation, meteo.note, meteo.mot) == (membre(ambassadeur), 2, "épuisée")
    assert 'value="épuisée"' in client.get(url).content.decode()
    client.force_login(peer)
    assert "épuisée" not in client.get(url).content.decode()
    response = client.post(url, {f"meteo-{jour.pk}-ouverture-note": "9"})
    assert response.status_code == 400
    assert Meteo.objects.count() == 1


# A météo is for a day that has come (issue 19, item 4) ----------------------------------


@pytest.fixture
def demain(transfo):
    """Session 2: its first day today, its second tomorrow."""
    from django.utils import timezone

    return session_days(transfo, 2, days=2, first=timezone.localdate())


def test_no_meteo_for_a_day_that_has_not_come(client, ambassadeur, demain):
    today, tomorrow = demain.jours.order_by("position")
    client.force_login(ambassadeur)
    url = f"{BASE}sessions/2/ma-meteo/"
    page = client.get(url).content.decode()
    # Today's fields are offered; tomorrow's are not, and the page says when they will be.
    assert f'name="meteo-{today.pk}-cloture-note"' in page
    assert f'name="meteo-{tomorrow.pk}-cloture-note"' not in page
    assert "Jour 2 — Clôture" in page
    assert "vous pourrez la donner à partir du" in page

    response = client.post(
        url,
        {
            f"meteo-{today.pk}-ouverture-note": "4",
            f"meteo-{today.pk}-ouverture-mot": "Curieuse",
            f"meteo-{tomorrow.pk}-cloture-note": "5",
            f"meteo-{tomorrow.pk}-cloture-mot": "Ravie",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce jour n&#x27;a pas encore eu lieu" in page
    # What was typed is kept, for today and for tomorrow.
    assert 'value="Curieuse"' in page and 'value="Ravie"' in page
    assert '<option value="5" selected>' in page
    assert not Meteo.objects.exists()

    assert client.post(url, {f"meteo-{today.pk}-cloture-note": "4"}).status_code == 302
    assert list(Meteo.objects.values_list("jour", "moment", "note")) == [(today.pk, "cloture", 4)]


def test_a_day_without_a_date_takes_no_meteo(client, ambassadeur, transfo):
    from collectivites.choices import StatutSession

    session = SessionFactory(transfo=transfo, numero=3, statut=StatutSession.PUBLIEE)
    jour = JourFactory(session=session, position=0, date=None)
    client.force_login(ambassadeur)
    url = f"{BASE}sessions/3/ma-meteo/"
    assert f'name="meteo-{jour.pk}-ouverture-note"' not in client.get(url).content.decode()
    response = client.post(url, {f"meteo-{jour.pk}-ouverture-note": "3"})
    assert response.status_code == 400
    assert not Meteo.objects.exists()


def test_a_meteo_given_for_a_future_day_before_is_left_alone(client, ambassadeur, demain):
    """A stored météo of a day still to come (given before this rule) is neither shown as
    editable nor deleted when the person saves the days that have come."""
    today, tomorrow = demain.jours.order_by("position")
    Meteo.objects.create(jour=tomorrow, moment="cloture", participation=membre(ambassadeur), note=2)
    client.force_login(ambassadeur)
    url = f"{BASE}sessions/2/ma-meteo/"
    assert client.post(url, {f"meteo-{today.pk}-ouverture-note": "4"}).status_code == 302
    assert Meteo.objects.filter(jour=tomorrow).exists()
