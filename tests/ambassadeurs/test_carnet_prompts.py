"""The carnet suggests the last past session days one has not written about yet."""

import datetime

from collectivites.choices import StatutSession, TypeBloc
from tests.collectivites.factories import BlocFactory, JourFactory, SessionFactory


def _day(session, day, *blocks):
    jour = JourFactory(session=session, date=day)
    for position, (kind, titre) in enumerate(blocks):
        BlocFactory(jour=jour, position=position, type=kind, titre=titre)
    return jour


def test_the_carnet_suggests_the_last_days_not_written_about(
    client, ambassadeur, transfo, other_transfo, make_entree
):
    today = datetime.date.today()
    published = SessionFactory(transfo=transfo, numero=1, statut=StatutSession.PUBLIEE)
    old, written, recent, latest = (
        _day(published, today - datetime.timedelta(days=n), (TypeBloc.ATELIER, f"Atelier J-{n}"))
        for n in (40, 30, 20, 10)
    )
    BlocFactory(jour=latest, position=5, type=TypeBloc.PAUSE, titre="Café")
    _day(published, today + datetime.timedelta(days=5), (TypeBloc.ATELIER, "Atelier à venir"))
    draft = SessionFactory(transfo=transfo, numero=2, statut=StatutSession.BROUILLON)
    _day(draft, today - datetime.timedelta(days=1), (TypeBloc.ATELIER, "Atelier brouillon"))
    elsewhere = SessionFactory(transfo=other_transfo, numero=1, statut=StatutSession.PUBLIEE)
    _day(elsewhere, today - datetime.timedelta(days=2), (TypeBloc.ATELIER, "Atelier ailleurs"))
    make_entree(session=published, date=written.date)

    client.force_login(ambassadeur)
    response = client.get("/espace/carnet/")

    # The three latest past days of the person's published sessions, newest first, but the
    # one already written about; the day's programme without its breaks as a reminder.
    assert response.context["prompts"] == [latest, recent, old]
    text = response.text
    assert "Atelier J-10" in text and "Atelier J-20" in text and "Atelier J-40" in text
    assert "Atelier J-30" not in text
    assert "Café" not in text
    for hidden in ("Atelier à venir", "Atelier brouillon", "Atelier ailleurs"):
        assert hidden not in text
    assert f'href="/espace/carnet/nouvelle/?jour={latest.pk}"' in text


def test_no_suggestion_once_every_past_day_is_written_about(
    client, ambassadeur, transfo, make_entree
):
    today = datetime.date.today()
    session = SessionFactory(transfo=transfo, numero=1, statut=StatutSession.PUBLIEE)
    day = _day(session, today - datetime.timedelta(days=3), (TypeBloc.ATELIER, "Atelier"))
    make_entree(session=session, date=day.date)
    client.force_login(ambassadeur)
    response = client.get("/espace/carnet/")
    assert response.context["prompts"] == []
    assert "Et si vous écriviez sur" not in response.text
