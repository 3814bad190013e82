"""The demo bilans of Strasbourg: drawn from the seeds, idempotent."""

import pytest

from ambassadeurs.choices import JalonBilan, StatutBilan, TypeBilan, Visibilite
from ambassadeurs.models import Bilan, BilanPersonnel, ReponseBilan, ReponseCollective


@pytest.fixture(autouse=True)
def _debug_on(settings):
    settings.DEBUG = True


def snapshot():
    return {
        "bilans": list(
            Bilan.objects.order_by("titre").values(
                "titre", "type", "jalon", "ouverture", "cloture", "questions__texte"
            )
        ),
        "copies": list(
            BilanPersonnel.objects.order_by("pk").values(
                "pk", "auteur__email", "statut", "visibilite", "depose_le", "partage_le"
            )
        ),
        "reponses": list(ReponseBilan.objects.order_by("pk").values("pk", "texte")),
        "collectives": list(
            ReponseCollective.objects.order_by("pk").values("pk", "texte", "updated_by")
        ),
    }


def test_demo_has_a_mid_term_bilan_and_a_collective_one_started(demo):
    mi_parcours = Bilan.objects.get(transfo__slug="strasbourg", jalon=JalonBilan.MI_PARCOURS)
    assert mi_parcours.type == TypeBilan.PERSONNEL
    assert 3 <= mi_parcours.questions.count() <= 4
    copies = BilanPersonnel.objects.filter(auteur__email="ambassadrice@demo.test")
    assert {c.visibilite for c in copies} == {Visibilite.PRIVE, Visibilite.RESIDENTS}
    assert copies.get(bilan=mi_parcours).statut == StatutBilan.DEPOSE
    collectif = Bilan.objects.get(transfo__slug="strasbourg", type=TypeBilan.COLLECTIF)
    assert collectif.is_open
    assert ReponseCollective.objects.filter(question__bilan=collectif).exclude(texte="").exists()


def test_seed_twice_gives_the_same_bilans(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first
