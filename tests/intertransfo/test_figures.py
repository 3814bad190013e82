"""The foire aux Transfos' infos clés, computed from the data (seed 004's cards)."""

from datetime import date

import pytest

from collectivites.choices import Role, StatutSession
from intertransfo.figures import infos_cles
from tests.cas_pratiques.factories import CasPratiqueFactory
from tests.collectivites.factories import (
    BlocFactory,
    JourFactory,
    MethodeFactory,
    ParticipationFactory,
    SessionFactory,
    TransfoFactory,
)
from tests.intertransfo.factories import IntertransfoFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mulhouse():
    """Seed 004: 20 ambassadeurs, 20 relais, 5 sessions since June 2016, la carte Max."""
    transfo = TransfoFactory(nom="Transfo Mulhouse", slug="mulhouse", date_debut=date(2016, 5, 1))
    ParticipationFactory.create_batch(20, transfo=transfo, role=Role.AMBASSADEUR)
    ParticipationFactory.create_batch(20, transfo=transfo, role=Role.RELAIS)
    ParticipationFactory(transfo=transfo, role=Role.AMBASSADEUR, sortie=True)  # left: not counted
    ParticipationFactory(transfo=transfo, role=Role.RESIDENT)
    immersion = MethodeFactory(nom="Immersion")
    prototypage = MethodeFactory(nom="Prototypage")
    for numero in range(1, 6):
        session = SessionFactory(transfo=transfo, numero=numero, statut=StatutSession.REALISEE)
        day = JourFactory(session=session, date=date(2016, 5 + numero, 14))
        BlocFactory(jour=day, methode=immersion if numero < 3 else prototypage)
    draft = SessionFactory(transfo=transfo, numero=6, statut=StatutSession.PUBLIEE)
    BlocFactory(
        jour=JourFactory(session=draft, date=date(2016, 12, 1)),
        methode=MethodeFactory(nom="Pas encore"),
    )
    CasPratiqueFactory(
        transfo=transfo, numero=1, titre="La carte Max, politique jeunesse", publie=True
    )
    CasPratiqueFactory(transfo=transfo, numero=2, titre="Un cas encore privé")
    return transfo


def test_infos_cles_count_what_the_seed_card_says(mulhouse):
    infos = infos_cles([mulhouse])[mulhouse.pk]
    assert (infos.ambassadeurs, infos.relais) == (20, 20)
    assert infos.sessions_realisees == 5
    assert infos.depuis == date(2016, 6, 14)
    assert infos.nb_cas == 2
    assert infos.cas_publies == [(1, "La carte Max, politique jeunesse")]
    assert infos.methodes == ["Immersion", "Prototypage"]


def test_a_transfo_without_sessions_counts_from_its_start():
    transfo = TransfoFactory(date_debut=date(2016, 11, 1))
    infos = infos_cles([transfo])[transfo.pk]
    assert (infos.ambassadeurs, infos.sessions_realisees, infos.nb_cas) == (0, 0, 0)
    assert infos.depuis == date(2016, 11, 1)
    assert infos.methodes == []


def test_foire_shows_the_cards_in_large_print(client_for, mulhouse, ambassadeur):
    IntertransfoFactory(slug="n1-paris", transfos=[mulhouse])
    html = client_for("ambassadeur").get("/espace/intertransfos/n1-paris/foire/").content.decode()
    assert "it-screen" in html
    for text in (
        "Transfo Mulhouse",
        "20 agents ambassadeurs",
        "20 agents relais",
        "5 sessions réalisées depuis juin 2016",
        "2 cas pratiques",
        "Cas pratique 1 : La carte Max, politique jeunesse",
        "Immersion, Prototypage",
    ):
        assert text in html
    assert "Un cas encore privé" not in html
