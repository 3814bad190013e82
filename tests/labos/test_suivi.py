"""Priorities and next actions; the banque de temps and its balances."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from labos.choices import SensEchange, StatutPriorite
from labos.models import EchangeTemps, Priorite
from tests.labos.factories import EchangeTempsFactory, PrioriteFactory

URL = "/espace/transfos/strasbourg/labo/"


# Priorités -------------------------------------------------------------------------------


def test_overdue_priorities_are_highlighted(client, pilote, transfo):
    yesterday = timezone.localdate() - timedelta(days=1)
    PrioriteFactory(transfo=transfo, texte="Poser la V1 d'une organisation", echeance=yesterday)
    PrioriteFactory(
        transfo=transfo, texte="Évaluer les actions", echeance=yesterday, statut=StatutPriorite.FAIT
    )
    PrioriteFactory(transfo=transfo, texte="Rencontrer l'écosystème interne")
    client.force_login(pilote)
    text = client.get(f"{URL}priorites/").content.decode()
    assert "1 action en retard" in text
    assert text.count('class="is-overdue"') == 1
    assert list(Priorite.objects.en_retard().values_list("texte", flat=True)) == [
        "Poser la V1 d'une organisation"
    ]


def test_member_adds_a_priority_with_a_member_as_owner(client, ambassadeur, peer, transfo):
    client.force_login(ambassadeur)
    response = client.post(
        f"{URL}priorites/ajouter/",
        {
            "texte": "Pitcher le labo",
            "responsable": peer.pk,
            "responsable_nom": "",
            "echeance": "2019-06-30",
            "statut": StatutPriorite.EN_COURS,
            "contexte": "Fin de l'Intertransfo de Strasbourg",
        },
    )
    assert response.status_code == 302
    priorite = Priorite.objects.get()
    assert priorite.transfo == transfo and priorite.qui == "Karim Benali"
    assert priorite.echeance == date(2019, 6, 30)


def test_owner_must_be_a_member_of_the_transfo(client, ambassadeur, other_member):
    client.force_login(ambassadeur)
    response = client.post(
        f"{URL}priorites/ajouter/",
        {"texte": "Pitcher le labo", "responsable": other_member.pk, "statut": "a_faire"},
    )
    assert response.status_code == 200 and not Priorite.objects.exists()
    assert "Pitcher le labo" in response.content.decode()  # nothing typed is lost


def test_priority_of_another_transfo_is_404(client, ambassadeur, other_transfo):
    priorite = PrioriteFactory(transfo=other_transfo)
    client.force_login(ambassadeur)
    assert client.get(f"{URL}priorites/{priorite.pk}/").status_code == 404
    assert client.get(f"/espace/transfos/metz/labo/priorites/{priorite.pk}/").status_code == 404


# Banque de temps --------------------------------------------------------------------------


def test_balance_counts_only_entries_confirmed_by_both_sides(transfo):
    EchangeTempsFactory(transfo=transfo, heures=Decimal("10"), confirme=True)
    EchangeTempsFactory(transfo=transfo, heures=Decimal("4"), sens=SensEchange.RENDU, confirme=True)
    EchangeTempsFactory(transfo=transfo, heures=Decimal("100"), confirme_labo_le=timezone.now())
    EchangeTempsFactory(
        transfo=transfo, direction="DRH", heures=Decimal("3"), sens=SensEchange.RENDU, confirme=True
    )
    echanges = EchangeTemps.objects.filter(transfo=transfo)
    assert echanges.solde() == Decimal("3")
    assert list(echanges.soldes_par_direction()) == [
        {"direction": "DRH", "donnees": 0, "rendues": Decimal("3"), "solde": Decimal("-3")},
        {
            "direction": "Direction de l'enfance",
            "donnees": Decimal("10"),
            "rendues": Decimal("4"),
            "solde": Decimal("6"),
        },
    ]


def test_ledger_is_confirmed_by_both_sides(client, ambassadeur, transfo):
    client.force_login(ambassadeur)
    client.post(
        f"{URL}banque-de-temps/ajouter/",
        {
            "direction": "Direction de l'enfance",
            "sens": SensEchange.DONNE,
            "heures": "6",
            "date": "2019-04-02",
            "description": "Atelier sur les inscriptions scolaires",
        },
    )
    echange = EchangeTemps.objects.get()
    assert echange.created_by == ambassadeur and not echange.confirme
    client.post(f"{URL}banque-de-temps/{echange.pk}/confirmer/", {"cote": "labo"})
    assert EchangeTemps.objects.filter(transfo=transfo).solde() == 0
    client.post(f"{URL}banque-de-temps/{echange.pk}/confirmer/", {"cote": "direction"})
    assert EchangeTemps.objects.filter(transfo=transfo).solde() == Decimal("6")
    assert "Solde général : 6,0 h" in client.get(f"{URL}banque-de-temps/").content.decode()


def test_negative_hours_are_refused(client, ambassadeur):
    client.force_login(ambassadeur)
    response = client.post(
        f"{URL}banque-de-temps/ajouter/",
        {
            "direction": "DRH",
            "sens": "donne",
            "heures": "-2",
            "date": "2019-04-02",
            "description": "x",
        },
    )
    assert (
        response.status_code == 200 and "nombre d&#x27;heures positif" in response.content.decode()
    )


def test_ledger_csv_export(client, ambassadeur, transfo, other_transfo):
    EchangeTempsFactory(transfo=transfo, description="Atelier", confirme=True)
    EchangeTempsFactory(transfo=other_transfo, description="AUTRE-TRANSFO")
    client.force_login(ambassadeur)
    response = client.get(f"{URL}banque-de-temps/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [(r["direction"], r["heures"], r["confirme"]) for r in rows] == [
        ("Direction de l'enfance", "7.0", "oui")
    ]


def test_confirming_an_entry_of_another_transfo_is_404(client, ambassadeur, other_transfo):
    echange = EchangeTempsFactory(transfo=other_transfo)
    client.force_login(ambassadeur)
    response = client.post(f"{URL}banque-de-temps/{echange.pk}/confirmer/", {"cote": "labo"})
    assert response.status_code == 404
    echange.refresh_from_db()
    assert echange.confirme_labo_le is None


OPERATION = st.one_of(
    st.tuples(
        st.just("add"),
        st.sampled_from(["DRH", "Enfance", "Numérique"]),
        st.sampled_from(list(SensEchange.values)),
        st.decimals(min_value=Decimal("0.5"), max_value=Decimal("99"), places=1),
    ),
    st.tuples(
        st.just("confirm"),
        st.integers(min_value=0, max_value=20),
        st.sampled_from(["labo", "direction"]),
    ),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=st.lists(OPERATION, max_size=15))
def test_balance_is_the_sum_of_confirmed_entries_whatever_the_order(transfo, operations):
    EchangeTemps.objects.all().delete()
    entries = []
    for operation in operations:
        if operation[0] == "add":
            _op, direction, sens, heures = operation
            entries.append(
                EchangeTemps.objects.create(
                    transfo=transfo, direction=direction, sens=sens, heures=heures, description="x"
                )
            )
        elif entries:
            _op, index, side = operation
            entries[index % len(entries)].confirm(side)
    for entry in entries:
        entry.refresh_from_db()
    expected = sum(
        (e.heures if e.sens == SensEchange.DONNE else -e.heures for e in entries if e.confirme),
        Decimal("0"),
    )
    queryset = EchangeTemps.objects.filter(transfo=transfo)
    assert queryset.solde() == expected
    assert sum((row["solde"] for row in queryset.soldes_par_direction()), Decimal("0")) == expected
