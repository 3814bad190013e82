"""The demo carnets: entries of each visibility for the demo ambassadrice, idempotent."""

import pytest
from django.core.management import call_command

from ambassadeurs.choices import Categorie, Visibilite
from ambassadeurs.models import AmbassadeurProfile, EntreeCarnet, group_members
from ambassadeurs.seed import SYNTHETIC_ENTRIES
from collectivites.choices import Role
from collectivites.models import Transfo


@pytest.fixture(autouse=True)
def _debug_on(settings):
    settings.DEBUG = True


def snapshot():
    return list(
        EntreeCarnet.objects.order_by("auteur__email", "titre").values(
            "auteur__email", "titre", "texte", "visibilite", "session__numero", "date"
        )
    )


def test_demo_ambassadrice_has_entries_of_each_visibility_tied_to_sessions(db):
    call_command("seed_demo", verbosity=0)
    entries = EntreeCarnet.objects.filter(auteur__email="ambassadrice@demo.test")
    assert {e.visibilite for e in entries} == set(Visibilite)
    assert {e.transfo.slug for e in entries} == {"strasbourg"}
    assert entries.filter(session__numero=9).count() == 2
    assert EntreeCarnet.objects.filter(auteur__email="ambassadeur@demo.test").exists()
    shared = entries.exclude(visibilite=Visibilite.PRIVE)
    assert all(e.partagee_le for e in shared)


def test_seed_twice_gives_the_same_entries(db):
    call_command("seed_demo", verbosity=0)
    first = snapshot()
    call_command("seed_demo", verbosity=0)
    assert snapshot() == first


def test_scale_adds_synthetic_entries_once(db):
    call_command("seed_demo", scale=1, verbosity=0)
    synthetic = EntreeCarnet.objects.filter(auteur__email__startswith="synthetique-")
    count = synthetic.count()
    assert count == 8 * 20 * len(SYNTHETIC_ENTRIES)
    call_command("seed_demo", scale=1, verbosity=0)
    assert synthetic.count() == count


def group_snapshot():
    return list(
        AmbassadeurProfile.objects.order_by("participation__user__email").values(
            "participation__user__email",
            "participation__role",
            "participation__date_sortie",
            "direction",
            "categorie",
            "raison_sortie",
        )
    )


def test_demo_strasbourg_group_shows_the_drop_off_and_is_idempotent(db):
    call_command("seed_demo", verbosity=0)
    group = group_members(Transfo.objects.get(slug="strasbourg"))
    assert group.count() >= 20
    assert group.filter(role=Role.RELAIS).exists()
    left = group.filter(date_sortie__isnull=False)
    assert 3 <= left.count() <= 4
    assert left.filter(profil__categorie=Categorie.C).count() >= left.count() - 1
    assert all(p.profil.raison_sortie for p in left)
    for email in ("ambassadeur@demo.test", "ambassadrice@demo.test"):
        assert group.get(user__email=email, date_sortie__isnull=True).profil.direction
    first = group_snapshot()
    call_command("seed_demo", verbosity=0)
    assert group_snapshot() == first
