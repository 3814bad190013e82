"""The weekly protocol check: it stores each running Transfo's indicator levels and mails the
coordinators what turned amber or red since the last check, nothing when nothing did."""

from datetime import date

import pytest
from django.conf import settings

from collectivites.choices import Role, StatutTransfo, TypeBloc
from intertransfo.choices import Niveau
from intertransfo.models import EtatIndicateur
from intertransfo.tasks import check_protocol
from tests.ambassadeurs.factories import record, session_days
from tests.collectivites.factories import BlocFactory, ParticipationFactory, TransfoFactory

MONDAY = date(2026, 11, 23)
NEXT_MONDAY = date(2026, 11, 30)


@pytest.fixture
def check(django_capture_on_commit_callbacks):
    def run(today):
        with django_capture_on_commit_callbacks(execute=True):
            return check_protocol(today=today.isoformat())

    return run


@pytest.fixture
def group(transfo):
    """Two ambassadeurs of the Transfo (from its start) and sessions 1–6 with a labo block in
    session 4, each fully attended."""
    membres = [
        ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, date_entree=date(2025, 9, 1))
        for _ in range(2)
    ]
    for numero in range(1, 7):
        session = session_days(transfo, numero)
        if numero == 4:
            BlocFactory(jour=session.jours.first(), type=TypeBloc.LABO)
        for membre in membres:
            record(session, membre, True, True)
    return membres


def test_first_check_stores_levels_and_mails_what_is_amber_or_red(
    check, transfo, group, coordinateur, pilote, mailoutbox
):
    assert check(MONDAY) > 0
    etats = {e.indicateur: e for e in EtatIndicateur.objects.filter(transfo=transfo)}
    assert etats["labo"].niveau == Niveau.VERT
    assert etats["presence"].niveau == Niveau.VERT
    assert etats["chartes"].niveau == Niveau.ROUGE  # nobody signed
    assert etats["chartes"].depuis == MONDAY
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [coordinateur.email]  # coordinators only, not the pilote
    assert "Contrôle du protocole du 23 novembre 2026" in mail.subject
    assert "Transfo Strasbourg" in mail.body
    assert "- Chartes signées : hors protocole (0 / 2)" in mail.body
    assert "Présence" not in mail.body  # green: not mailed
    assert f"{settings.SITE_URL}/coordination/" in mail.body


def test_no_mail_when_nothing_changed(check, transfo, group, coordinateur, mailoutbox):
    check(MONDAY)
    mailoutbox.clear()
    assert check(NEXT_MONDAY) == 0
    assert mailoutbox == []
    etat = EtatIndicateur.objects.get(transfo=transfo, indicateur="chartes")
    assert (etat.depuis, etat.verifie_le) == (MONDAY, NEXT_MONDAY)


def test_check_is_idempotent_the_same_day(check, transfo, group, coordinateur, mailoutbox):
    check(MONDAY)
    count = EtatIndicateur.objects.count()
    assert check(MONDAY) == 0
    assert len(mailoutbox) == 1
    assert EtatIndicateur.objects.count() == count


def test_mails_only_what_turned_amber_or_red_since_the_last_check(
    check, transfo, group, coordinateur, mailoutbox
):
    check(MONDAY)
    mailoutbox.clear()
    # Session 7: everybody absent; the last three sessions fall to 4 of 12 person-days.
    session = session_days(transfo, 7)
    for membre in group:
        record(session, membre, False, False)
    sixth = transfo.sessions.get(numero=6)
    for membre in group:
        record(sixth, membre, False, False)
    assert check(NEXT_MONDAY) == 1
    assert len(mailoutbox) == 1
    body = mailoutbox[0].body
    assert "- Présence (3 dernières sessions) : conforme → hors protocole (33 %)" in body
    assert "Règle : Des ambassadeurs réellement volontaires" in body
    assert "Chartes" not in body  # still red: already told
    etat = EtatIndicateur.objects.get(transfo=transfo, indicateur="presence")
    assert (etat.niveau, etat.depuis) == (Niveau.ROUGE, NEXT_MONDAY)


def test_turning_green_is_stored_without_mail(check, transfo, group, coordinateur, mailoutbox):
    check(MONDAY)
    mailoutbox.clear()
    BlocFactory(jour=transfo.sessions.get(numero=4).jours.first(), type=TypeBloc.LABO)
    EtatIndicateur.objects.filter(transfo=transfo, indicateur="labo").update(niveau=Niveau.ROUGE)
    assert check(NEXT_MONDAY) == 0
    assert mailoutbox == []
    etat = EtatIndicateur.objects.get(transfo=transfo, indicateur="labo")
    assert (etat.niveau, etat.depuis) == (Niveau.VERT, NEXT_MONDAY)


def test_finished_transfos_are_not_checked(check, coordinateur, mailoutbox):
    TransfoFactory(statut=StatutTransfo.TERMINEE, date_fin=date(2026, 6, 30))
    # The cast's two running Transfos are checked; the finished one is not.
    check(MONDAY)
    assert set(EtatIndicateur.objects.values_list("transfo__statut", flat=True)) == {
        StatutTransfo.EN_COURS
    }
