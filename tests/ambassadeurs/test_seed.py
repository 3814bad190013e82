"""The demo carnets: entries of each visibility for the demo ambassadrice, idempotent."""

import pytest

from ambassadeurs.choices import Categorie, Visibilite
from ambassadeurs.models import AmbassadeurProfile, EntreeCarnet, group_members
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


def test_demo_ambassadrice_has_entries_of_each_visibility_tied_to_sessions(demo):
    entries = EntreeCarnet.objects.filter(auteur__email="ambassadrice@demo.test")
    assert {e.visibilite for e in entries} == set(Visibilite)
    assert {e.transfo.slug for e in entries} == {"strasbourg"}
    assert entries.filter(session__numero=9).count() == 2
    assert EntreeCarnet.objects.filter(auteur__email="ambassadeur@demo.test").exists()
    shared = entries.exclude(visibilite=Visibilite.PRIVE)
    assert all(e.partagee_le for e in shared)


def test_seed_twice_gives_the_same_entries(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first


def test_scale_adds_synthetic_entries_once(rescale):
    synthetic = EntreeCarnet.objects.filter(auteur__email__startswith="synthetique-")
    count = synthetic.count()
    # 8 synthetic Transfos of 20 ambassadeurs writing 2 or 3 entries each: 50 a Transfo.
    assert count == 8 * 50
    rescale()
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


def test_demo_strasbourg_group_shows_the_drop_off_and_is_idempotent(reseed):
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
    reseed()
    assert group_snapshot() == first


def suivi_snapshot():
    from ambassadeurs.models import Meteo, Presence, SignatureCharte, TexteCharte

    return (
        list(
            Presence.objects.order_by("jour__date", "participation__user__email").values_list(
                "jour__date", "participation__user__email", "present"
            )
        ),
        list(
            # Every column in the order: the group's météos (no participation) of one moment
            # would otherwise come in any order (PostgreSQL gives ties no order).
            Meteo.objects.order_by(
                "jour__date", "moment", "participation__user__email", "note", "mot"
            ).values_list("jour__date", "moment", "participation__user__email", "note", "mot")
        ),
        list(
            SignatureCharte.objects.order_by(
                "charte__profil__participation__user__email", "partie", "signee_le"
            ).values_list(
                "charte__profil__participation__user__email",
                "partie",
                "texte__version",
                "denoncee_le",
            )
        ),
        list(
            TexteCharte.objects.order_by("transfo__slug", "version").values_list(
                "transfo__slug", "version"
            )
        ),
    )


def test_demo_attendance_drops_off_and_charters_are_in_various_states(demo):
    from ambassadeurs.choices import PartieCharte
    from ambassadeurs.models import Charte, Meteo, Presence, TexteCharte

    strasbourg = Transfo.objects.get(slug="strasbourg")
    rates = Presence.objects.rate_by_session(strasbourg)
    assert [r.numero for r in rates] == list(range(1, 12))
    first, last = rates[:3], rates[-2:]
    assert min(r.taux for r in first) >= 85
    assert max(r.taux for r in last) <= 75
    # "Un groupe réduit à une dizaine de personnes" in the last sessions.
    assert all(8 <= r.presents / 2 <= 14 for r in last)
    assert {p.user.email for p in Presence.objects.to_remind(strasbourg)} >= {
        "sebastien.klein@demo.test",
        "mathieu.koenig@demo.test",
    }
    group_meteo = Meteo.objects.filter(
        participation__isnull=True, jour__session__transfo=strasbourg
    )
    assert group_meteo.count() == 2 * 22
    assert Meteo.objects.filter(participation__isnull=False).exists()
    assert TexteCharte.current(strasbourg).version == 2
    chartes = Charte.objects.filter(profil__participation__transfo=strasbourg)
    unsigned_n1 = [c for c in chartes if PartieCharte.N1 in c.non_signees()]
    complete = [c for c in chartes if not c.non_signees()]
    assert len(unsigned_n1) >= 3 and len(complete) >= 5
    from ambassadeurs.models import Devoir

    devoir = Devoir.objects.get(transfo=strasbourg, titre="Devoirs de vacances")
    assert devoir.reponses.count() == 3
    claire = chartes.get(profil__participation__user__email="ambassadrice@demo.test")
    assert claire.non_signees() == [PartieCharte.N1]
    assert any(not s.active for c in chartes for s in c.signatures.all()), (
        "some charter was denounced"
    )


def test_demo_attendance_and_charters_are_idempotent(reseed):
    first = suivi_snapshot()
    reseed()
    assert suivi_snapshot() == first
