"""The sessions of the seven other Transfos in the demo, as their "infos clés" tell them."""

from datetime import date

from collectivites.choices import StatutSession, TypeBloc
from collectivites.models import Bloc, Jour, Session
from collectivites.seed_autres import AUTRES


def snapshot():
    return {
        "sessions": list(
            Session.objects.order_by("transfo__slug", "numero").values(
                "transfo__slug", "numero", "titre", "lieu", "statut"
            )
        ),
        "jours": list(
            Jour.objects.order_by("session__transfo__slug", "session__numero", "position").values(
                "session__transfo__slug", "session__numero", "position", "date", "titre"
            )
        ),
        "blocs": list(
            Bloc.objects.order_by("jour__session__transfo__slug", "jour__date", "position").values(
                "jour__session__transfo__slug",
                "jour__date",
                "position",
                "type",
                "titre",
                "duree",
                "methode__slug",
            )
        ),
    }


def test_seed_twice_gives_the_same_sessions(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first


def test_every_transfo_has_its_fourteen_sessions_realisees(demo):
    for slug in AUTRES:
        sessions = Session.objects.programmes().filter(transfo__slug=slug)
        assert sessions.count() == 14, slug
    others = Session.objects.programmes().filter(transfo__slug__in=AUTRES)
    assert set(others.values_list("statut", flat=True)) == {StatutSession.REALISEE}


def test_sessions_fit_the_protocol_and_the_transfos_dates(demo):
    for slug in AUTRES:
        jours = Jour.objects.filter(session__transfo__slug=slug)
        transfo = jours.first().session.transfo
        assert transfo.date_debut <= min(j.date for j in jours)
        assert max(j.date for j in jours) <= transfo.date_fin
        assert jours.count() <= 35, slug  # 35 days of intervention at most
        for session in Session.objects.filter(transfo=transfo):
            assert 2 <= session.jours.count() <= 3


def test_sessions_realisees_before_the_intertransfo_n1_match_the_infos_cles(demo):
    """Seed 004, 25 January 2017: Mulhouse "5 sessions réalisées depuis juin 2016", Paris "3
    sessions réalisées depuis novembre 2016"."""
    before = date(2017, 1, 25)
    for slug, count, month in [("mulhouse", 5, (2016, 6)), ("paris", 3, (2016, 11))]:
        starts = [
            min(s.jours.values_list("date", flat=True))
            for s in Session.objects.filter(transfo__slug=slug)
        ]
        assert sum(d < before for d in starts) == count
        assert (min(starts).year, min(starts).month) == month


def test_labo_work_starts_where_the_seeds_say(demo):
    def first_labo_session(slug):
        return (
            Bloc.objects.filter(jour__session__transfo__slug=slug, type=TypeBloc.LABO)
            .order_by("jour__session__numero")
            .values_list("jour__session__numero", flat=True)
            .first()
        )

    assert first_labo_session("dunkerque") == 1
    assert first_labo_session("occitanie") == 2
    assert first_labo_session("metz") == 6
    assert first_labo_session("paca") == 7
    # Dunkerque's "labos éphémères": a labo block at every session.
    assert (
        Session.objects.filter(transfo__slug="dunkerque", jours__blocs__type=TypeBloc.LABO)
        .distinct()
        .count()
        == 14
    )


def test_sessions_use_the_methodes_of_the_cards(demo):
    mulhouse = set(
        Bloc.objects.filter(
            jour__session__transfo__slug="mulhouse", methode__isnull=False
        ).values_list("methode__slug", flat=True)
    )
    assert {"immersion-en-trinome", "prototypage"} <= mulhouse
    assert Session.objects.filter(
        transfo__slug="paris", titre__startswith="Cas pratique 2 : les pieds d'arbres"
    ).exists()
    assert Bloc.objects.filter(
        jour__session__transfo__slug="paris", methode__slug="blue-print"
    ).exists()
