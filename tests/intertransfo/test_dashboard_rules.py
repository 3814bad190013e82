"""Each indicator's rule at its edges (the vade-mecum, seed 004), on the pure rules and on the
rows computed from the data."""

from datetime import date

import pytest

from ambassadeurs.choices import Categorie, Genre, PartieCharte
from ambassadeurs.models import Charte, Meteo, SignatureCharte, TexteCharte
from cas_pratiques.models import CasPratique
from collectivites.choices import Role, StatutSession, TypeBloc
from collectivites.models import Transfo
from collectivites.protocol import LaboWork
from intertransfo import indicateurs as ind
from intertransfo.choices import Niveau
from tests.ambassadeurs.factories import AmbassadeurProfileFactory, record, session_days
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.collectivites.factories import (
    BlocFactory,
    ParticipationFactory,
    SessionFactory,
    TransfoFactory,
    session_with_programme,
)
from tests.intertransfo.factories import IntertransfoFactory, ParticipantFactory

TODAY = date(2026, 11, 23)


def row(transfo, today=TODAY):
    """The Transfo's row as its page computes it, whose cells the dashboard shows too."""
    transfos = Transfo.objects.filter(pk=transfo.pk).select_related("collectivite")
    ligne = ind.tableau(transfos, today=today, with_points=True)[0]
    (dashboard,) = ind.tableau(transfos, today=today)
    assert dashboard.cellules == ligne.cellules
    return ligne


# Pure rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mois", "hors_duree", "niveau"),
    [
        (0, [], Niveau.SANS_OBJET),
        (1, [], Niveau.VERT),
        (18, [], Niveau.VERT),
        (19, [], Niveau.ORANGE),
        (19, [14], Niveau.ROUGE),
    ],
)
def test_calendar_rule_at_18_months(mois, hors_duree, niveau):
    assert ind.niveau_calendrier(mois, 18, hors_duree) == niveau


@pytest.mark.parametrize(
    ("realisees", "prevues", "niveau"),
    [
        (9, 10, Niveau.VERT),  # month 12: 9 expected (14 over 18 months)
        (8, 10, Niveau.VERT),  # one behind
        (7, 10, Niveau.ORANGE),  # two behind
        (6, 10, Niveau.ROUGE),  # three behind
        (9, 15, Niveau.ORANGE),  # more than 14 planned
    ],
)
def test_sessions_rule_one_a_month(realisees, prevues, niveau):
    assert ind.sessions_attendues(12, 14, 18) == 9
    assert ind.niveau_sessions(realisees, prevues, 12, 14, 18) == niveau


@pytest.mark.parametrize(
    ("jours", "niveau"), [(0, Niveau.SANS_OBJET), (35, Niveau.VERT), (36, Niveau.ROUGE)]
)
def test_days_rule_at_35(jours, niveau):
    assert ind.niveau_jours(jours, 35) == niveau


@pytest.mark.parametrize(
    ("nb", "mois", "niveau"),
    [
        (3, 12, Niveau.VERT),
        (6, 12, Niveau.VERT),
        (7, 3, Niveau.ROUGE),
        (2, 9, Niveau.ORANGE),  # first half of the 18 months
        (2, 10, Niveau.ROUGE),
    ],
)
def test_cas_rule_3_to_6(nb, mois, niveau):
    assert ind.niveau_cas(nb, 3, 6, mois, 18) == niveau


@pytest.mark.parametrize(
    ("depart", "restes", "niveau"),
    [
        (0, 0, Niveau.SANS_OBJET),
        (20, 16, Niveau.VERT),  # 80 %
        (20, 15, Niveau.ORANGE),  # 75 %
        (20, 12, Niveau.ORANGE),  # 60 %
        (20, 11, Niveau.ROUGE),  # 55 %
    ],
)
def test_retention_rule(depart, restes, niveau):
    assert ind.niveau_retention(restes, depart) == niveau


@pytest.mark.parametrize(
    ("taux", "niveau"),
    [
        (None, Niveau.SANS_OBJET),
        (75, Niveau.VERT),
        (74, Niveau.ORANGE),
        (50, Niveau.ORANGE),
        (49, Niveau.ROUGE),
    ],
)
def test_attendance_rule(taux, niveau):
    assert ind.niveau_presence(taux) == niveau


@pytest.mark.parametrize(
    ("derniere", "precedente", "niveau"),
    [
        (None, None, Niveau.SANS_OBJET),
        (3.5, None, Niveau.VERT),
        (4.0, 4.5, Niveau.VERT),
        (4.0, 5.0, Niveau.ORANGE),  # a drop of a full point
        (3.4, None, Niveau.ORANGE),
        (2.5, None, Niveau.ORANGE),
        (2.4, None, Niveau.ROUGE),
    ],
)
def test_meteo_rule(derniere, precedente, niveau):
    assert ind.niveau_meteo(derniere, precedente) == niveau


def test_categories_rule_counts_the_categories_represented():
    assert ind.niveau_categories({}) == Niveau.SANS_OBJET
    assert ind.niveau_categories({"A": 1, "B": 1, "C": 1}) == Niveau.VERT
    assert ind.niveau_categories({"A": 10, "C": 2}) == Niveau.ORANGE
    assert ind.niveau_categories({"A": 12}) == Niveau.ROUGE


@pytest.mark.parametrize(
    ("femmes", "hommes", "niveau"),
    [
        (3, 1, Niveau.SANS_OBJET),  # under 5 answers
        (6, 4, Niveau.VERT),  # 40 %
        (7, 3, Niveau.ORANGE),  # 30 %
        (15, 5, Niveau.ORANGE),  # 25 %
        (16, 4, Niveau.ROUGE),  # 20 %
    ],
)
def test_parity_rule(femmes, hommes, niveau):
    assert ind.niveau_parite({Genre.FEMME: femmes, Genre.HOMME: hommes}) == niveau


@pytest.mark.parametrize(
    ("mois", "niveau"), [(3, Niveau.VERT), (5, Niveau.VERT), (6, Niveau.ORANGE), (7, Niveau.ROUGE)]
)
def test_intertransfo_rule_every_3_to_6_months(mois, niveau):
    assert ind.niveau_intertransfo(mois) == niveau


# Rules on the data -------------------------------------------------------------------------


def test_session_6_without_labo_block_is_red(transfo):
    for numero in range(1, 7):
        session_with_programme(transfo, numero=numero, days=1, blocks=2)
    ligne = row(transfo)
    assert ligne.labo == LaboWork.LATE
    assert ligne.cellules["labo"].niveau == Niveau.ROUGE
    assert ligne.cellules["labo"].valeur == "non"


def test_labo_block_in_session_5_is_green(transfo):
    for numero in range(1, 7):
        session = session_with_programme(transfo, numero=numero, days=1, blocks=1)
    labo_session = transfo.sessions.get(numero=5)
    BlocFactory(jour=labo_session.jours.first(), type=TypeBloc.LABO)
    assert session.numero == 6
    ligne = row(transfo)
    assert ligne.cellules["labo"].niveau == Niveau.VERT
    assert ligne.cellules["labo"].valeur == "oui"


def test_labo_block_only_in_session_7_is_still_red(transfo):
    for numero in range(1, 8):
        session_with_programme(transfo, numero=numero, days=1, blocks=1)
    BlocFactory(jour=transfo.sessions.get(numero=7).jours.first(), type=TypeBloc.LABO)
    assert row(transfo).cellules["labo"].niveau == Niveau.ROUGE


def test_deleted_labo_block_does_not_count(transfo):
    for numero in range(1, 7):
        session_with_programme(transfo, numero=numero, days=1, blocks=1)
    BlocFactory(
        jour=transfo.sessions.get(numero=2).jours.first(),
        type=TypeBloc.LABO,
        supprime_le="2026-06-01T10:00:00Z",
    )
    assert row(transfo).cellules["labo"].niveau == Niveau.ROUGE


def test_labo_work_due_from_session_4_and_not_yet_due_before(transfo):
    for numero in range(1, 4):
        session_with_programme(transfo, numero=numero, days=1, blocks=1)
    assert row(transfo).cellules["labo"].niveau == Niveau.SANS_OBJET
    assert row(transfo).cellules["labo"].valeur == "pas encore dû"
    session_with_programme(transfo, numero=4, days=1, blocks=1)
    assert row(transfo).cellules["labo"].niveau == Niveau.ORANGE


@pytest.mark.parametrize(("count", "niveau"), [(4, Niveau.VERT), (5, Niveau.ROUGE)])
def test_sessions_per_cas_4_is_fine_5_is_red(transfo, count, niveau):
    cas = CasPratiqueFactory(transfo=transfo)
    other = CasPratiqueFactory(transfo=transfo)
    for numero in range(1, count + 1):
        session = SessionFactory(transfo=transfo, numero=numero)
        cas.sessions.add(session)
        if numero == 1:
            other.sessions.add(session)
    ligne = row(transfo)
    assert ligne.max_sessions_cas == count
    assert ligne.cellules["sessions_par_cas"].niveau == niveau
    assert ligne.cellules["cas"].valeur == "2"


def _attended(transfo, day):
    intertransfo = IntertransfoFactory(date=day)
    ParticipantFactory(
        intertransfo=intertransfo, type_equipe="transfo", transfo=transfo, present=True
    )
    return intertransfo


@pytest.mark.parametrize(
    ("last", "niveau", "mois"),
    [
        (date(2026, 8, 23), Niveau.VERT, 3),
        (date(2026, 5, 23), Niveau.ORANGE, 6),
        (date(2026, 4, 23), Niveau.ROUGE, 7),
        (date(2026, 4, 24), Niveau.ORANGE, 6),  # a day short of 7 months
    ],
)
def test_months_without_intertransfo(transfo, last, niveau, mois):
    transfo.date_debut = date(2025, 1, 1)
    transfo.save()
    _attended(transfo, last)
    ligne = row(transfo)
    assert ligne.mois_sans_intertransfo == mois
    assert ligne.cellules["intertransfo"].niveau == niveau


def test_intertransfo_not_attended_or_in_the_future_does_not_count(transfo):
    transfo.date_debut = date(2026, 1, 1)
    transfo.save()
    absent = IntertransfoFactory(date=date(2026, 10, 1))
    ParticipantFactory(intertransfo=absent, type_equipe="transfo", transfo=transfo, present=False)
    _attended(transfo, date(2026, 12, 15))
    ligne = row(transfo)
    assert ligne.derniere_intertransfo is None
    assert ligne.mois_sans_intertransfo == 10  # since the start of the Transfo
    assert ligne.cellules["intertransfo"].niveau == Niveau.ROUGE
    assert ligne.cellules["intertransfo"].valeur.startswith("aucune")


def test_retention_counts_ambassadeurs_of_the_first_session_still_there(transfo):
    session_days(transfo, 1, first=date(2026, 1, 15))
    at_start = [
        ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, date_entree=date(2026, 1, 1))
        for _ in range(5)
    ]
    for participation in at_start[:2]:
        participation.date_sortie = date(2026, 3, 1)
        participation.save()
    ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, date_entree=date(2026, 4, 1))
    ParticipationFactory(transfo=transfo, role=Role.RELAIS, date_entree=date(2026, 1, 1))
    ligne = row(transfo)
    assert (ligne.ambassadeurs_depart, ligne.ambassadeurs_restes) == (5, 3)
    assert ligne.infos.ambassadeurs == 4  # 3 still there, 1 newcomer
    assert ligne.cellules["retention"].valeur == "4 / 5 (60 % restés)"
    assert ligne.cellules["retention"].niveau == Niveau.ORANGE


def test_attendance_rate_is_over_the_last_three_recorded_sessions(transfo):
    membres = [
        ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, date_entree=date(2025, 1, 1))
        for _ in range(2)
    ]
    # Session 1: all absent (out of the window); sessions 2–4: 3 of 4 person-days each.
    sessions = [session_days(transfo, numero) for numero in range(1, 5)]
    for membre in membres:
        record(sessions[0], membre, False, False)
    for session in sessions[1:]:
        record(session, membres[0], True, True)
        record(session, membres[1], True, False)
    ligne = row(transfo)
    assert ligne.presents_recents == (9, 12)
    assert ligne.taux_presence == 75
    assert ligne.cellules["presence"].valeur == "75 %"
    assert ligne.cellules["presence"].niveau == Niveau.VERT
    record(sessions[3], membres[0], True, False)
    assert row(transfo).taux_presence == 67
    assert row(transfo).cellules["presence"].niveau == Niveau.ORANGE


def test_attendance_rate_counts_only_those_who_were_members_on_the_sessions_dates(transfo):
    """Issue 19, item 8: people imported with a later date of entry, recorded absent at a past
    session by a touch of its grid before the fix, do not lower the indicator."""
    membre = ParticipationFactory(
        transfo=transfo, role=Role.AMBASSADEUR, date_entree=date(2025, 1, 1)
    )
    session = session_days(transfo, 1)
    record(session, membre, True, True)
    for _ in range(3):
        newcomer = ParticipationFactory(
            transfo=transfo, role=Role.AMBASSADEUR, date_entree=date(2027, 1, 5)
        )
        record(session, newcomer, False, False)
    ligne = row(transfo)
    assert ligne.presents_recents == (2, 2)
    assert ligne.cellules["presence"].valeur == "100 %"


def test_meteo_trend_from_the_group_meteos(transfo):
    first, second = session_days(transfo, 1, days=1), session_days(transfo, 2, days=1)
    Meteo.objects.create(jour=first.jours.get(), moment="ouverture", note=5)
    Meteo.objects.create(jour=first.jours.get(), moment="cloture", note=5)
    Meteo.objects.create(jour=second.jours.get(), moment="ouverture", note=4)
    Meteo.objects.create(jour=second.jours.get(), moment="cloture", note=4)
    # A personal météo does not count in the group's.
    membre = ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR)
    Meteo.objects.create(jour=second.jours.get(), moment="cloture", note=1, participation=membre)
    ligne = row(transfo)
    assert ligne.meteos == [(1, 5.0), (2, 4.0)]
    assert ligne.cellules["meteo"].valeur == "4,0 ↘"
    assert ligne.cellules["meteo"].niveau == Niveau.ORANGE  # down a full point


def test_small_groups_are_shown_under_5(transfo):
    for _ in range(6):
        AmbassadeurProfileFactory(
            participation__transfo=transfo, categorie=Categorie.A, genre=Genre.FEMME
        )
    for _ in range(2):
        AmbassadeurProfileFactory(
            participation__transfo=transfo, categorie=Categorie.C, genre=Genre.HOMME
        )
    AmbassadeurProfileFactory(participation__transfo=transfo, categorie="", genre="")
    ligne = row(transfo)
    assert ligne.cellules["categories"].valeur == (
        "Catégorie A : 6 · Catégorie C : < 5 · Non renseigné : < 5"
    )
    assert ligne.cellules["categories"].niveau == Niveau.ORANGE  # A and C
    assert ligne.cellules["parite"].valeur == "25 à 39 %"  # 2 of 8: 25 %, its band only
    assert ligne.cellules["parite"].niveau == Niveau.ORANGE


def test_composition_on_the_dashboard_is_the_group_page_one(transfo):
    from ambassadeurs.models import composition, group_members

    for categorie, genre in [("A", "femme")] * 5 + [("B", "homme")] * 3 + [("", "autre")]:
        AmbassadeurProfileFactory(participation__transfo=transfo, categorie=categorie, genre=genre)
    AmbassadeurProfileFactory(participation__transfo=transfo, sortie=True)
    page = composition(group_members(transfo).actives())
    ligne = row(transfo)
    assert ligne.composition["categorie"] == page["categorie"]
    assert "genre" not in ligne.composition


def test_an_exit_does_not_change_the_parity_so_it_tells_no_genre(transfo):
    """Before and after one person leaves, the parity reads the same: it counts everyone
    recruited, those who left included (measured: the exact counts changed before)."""
    profiles = [
        AmbassadeurProfileFactory(participation__transfo=transfo, genre=genre)
        for genre in [Genre.FEMME] * 6 + [Genre.HOMME] * 4
    ]
    before = row(transfo).cellules["parite"]
    assert (before.valeur, before.niveau) == ("40 % ou plus", Niveau.VERT)
    profiles[-1].record_exit(date(2026, 3, 1), "Mutation.")
    after = row(transfo).cellules["parite"]
    assert (after.valeur, after.niveau, after.tri) == (before.valeur, before.niveau, before.tri)
    assert row(transfo).cellules["retention"].valeur.startswith("9 / ")


def test_charters_signed_by_the_three_parties(transfo):
    texte = TexteCharte.current(transfo)
    profiles = [AmbassadeurProfileFactory(participation__transfo=transfo) for _ in range(4)]
    for index, profil in enumerate(profiles):
        charte = Charte.of_profil(profil)
        parties = list(PartieCharte) if index < 3 else [PartieCharte.AMBASSADEUR]
        for partie in parties:
            SignatureCharte.objects.create(charte=charte, partie=partie, texte=texte, nom="X")
    # One of the three denounces its signature: no longer signed.
    Charte.of_profil(profiles[2]).denounce(PartieCharte.N1)
    ligne = row(transfo)
    assert ligne.chartes_signees == 2
    assert ligne.cellules["chartes"].valeur == "< 5 / 4"
    assert ligne.cellules["chartes"].niveau == Niveau.ORANGE  # 50 %
    assert all(not c.non_signees() for c in Charte.objects.filter(profil__in=profiles[:2]))


def test_sessions_done_planned_and_days(transfo):
    session_with_programme(transfo, numero=1, days=3, statut=StatutSession.REALISEE)
    session_with_programme(transfo, numero=2, days=2, statut=StatutSession.REALISEE)
    session_with_programme(transfo, numero=3, days=2)
    SessionFactory(transfo=None, numero=None, est_modele=True)  # a template: not counted
    ligne = row(transfo, today=date(2026, 1, 15))  # month 5 of a Transfo started in September
    assert ligne.report.mois_ecoules == 5
    assert ligne.cellules["calendrier"].valeur == "5 / 18"
    assert ligne.cellules["sessions"].valeur == "2 / 3 / 14"
    assert ligne.cellules["sessions"].niveau == Niveau.VERT  # 3 expected at month 5: 1 late
    assert ind.niveau_sessions(1, 3, 5, 14, 18) == Niveau.ORANGE  # 2 late
    assert ligne.cellules["jours"].valeur == "7 / 35"
    assert ligne.cellules["jours"].niveau == Niveau.VERT


def names(lignes):
    return [ligne.transfo.nom for ligne in lignes]


def test_rows_sort_by_a_column_with_empty_values_last(db):
    a, _b, c = (TransfoFactory(nom=nom) for nom in ("Alpha", "Bravo", "Charlie"))
    CasPratiqueFactory.create_batch(2, transfo=a)
    CasPratiqueFactory.create_batch(5, transfo=c)
    lignes = ind.tableau(Transfo.objects.select_related("collectivite"), today=TODAY)
    assert names(ind.trier(lignes, "cas")) == ["Bravo", "Alpha", "Charlie"]
    assert names(ind.trier(lignes, "cas", True)) == ["Charlie", "Alpha", "Bravo"]
    assert names(ind.trier(lignes, "presence")) == ["Alpha", "Bravo", "Charlie"]
    assert ind.lire_tri("-presence") == ("presence", True)
    assert ind.lire_tri("nimporte") == ("transfo", False)
    assert CasPratique.objects.count() == 7


def test_a_session_after_the_18th_month_puts_the_calendar_out_of_protocol(transfo):
    """The same rule as the planner's hint: a session after 18 months from the start."""
    transfo.date_debut = date(2024, 11, 1)  # 18 months end on 1 May 2026; the session is in June
    transfo.save()
    session_with_programme(transfo, numero=1, statut=StatutSession.REALISEE)
    ligne = row(transfo, today=date(2026, 4, 15))
    assert ligne.report.sessions_hors_duree == [1]
    assert ligne.cellules["calendrier"].niveau == Niveau.ROUGE

    transfo.date_debut = date(2025, 1, 1)  # the session is now within the 18 months
    transfo.save()
    ligne = row(transfo, today=date(2026, 4, 15))
    assert ligne.report.sessions_hors_duree == []
    assert ligne.cellules["calendrier"].niveau == Niveau.VERT


def test_the_planner_and_the_dashboard_count_sessions_per_cas_alike(transfo):
    """One definition: the planner's hint and the dashboard's figure count each case apart,
    even two cases of the same title."""
    from collectivites.models import Session
    from collectivites.protocol import protocol_report

    cas = CasPratiqueFactory(transfo=transfo, titre="Accueil")
    twin = CasPratiqueFactory(transfo=transfo, titre="Accueil")
    for numero in range(1, 6):
        session = SessionFactory(transfo=transfo, numero=numero)
        (cas if numero <= 3 else twin).sessions.add(session)
    sessions = (
        Session.objects.programmes()
        .filter(transfo=transfo)
        .prefetch_related("jours", "cas_pratiques")
    )
    hints = [h.text for h in protocol_report(transfo, sessions, today=TODAY).hints]
    assert not [h for h in hints if "Accueil" in h]
    assert row(transfo).max_sessions_cas == 3
    for numero in range(6, 8):
        cas.sessions.add(SessionFactory(transfo=transfo, numero=numero))
    hints = [h.text for h in protocol_report(transfo, sessions.all(), today=TODAY).hints]
    assert "Le cas pratique « Accueil » en est à 5 sessions : 4 au plus." in hints
    assert row(transfo).max_sessions_cas == 5


def test_the_host_transfo_takes_part_in_its_intertransfo(transfo):
    """The host is recorded as `transfo_hote`, with no participant list of its own (as the
    Intertransfo of Dunkerque, 26 January 2018)."""
    transfo.date_debut = date(2025, 1, 1)
    transfo.save()
    _attended(transfo, date(2025, 1, 25))
    IntertransfoFactory(
        numero=None, date=date(2026, 8, 23), lieu="Strasbourg", transfo_hote=transfo
    )
    ligne = row(transfo)
    assert ligne.mois_sans_intertransfo == 3
    assert ligne.cellules["intertransfo"].niveau == Niveau.VERT
    assert ligne.cellules["intertransfo"].valeur.startswith("Strasbourg, 23 août 2026")
