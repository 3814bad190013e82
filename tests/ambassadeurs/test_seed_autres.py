"""The groups and attendance of the seven other Transfos in the demo (idempotent, plausible)."""

from ambassadeurs.choices import Categorie, Genre, PartieCharte
from ambassadeurs.models import AmbassadeurProfile, Charte, Meteo, Presence, SignatureCharte
from collectivites.choices import Role
from collectivites.models import Participation
from collectivites.seed_autres import AUTRES


def snapshot():
    return {
        "participations": list(
            Participation.objects.order_by("transfo__slug", "user__email").values(
                "transfo__slug", "user__email", "role", "date_entree", "date_sortie"
            )
        ),
        "profils": list(
            AmbassadeurProfile.objects.order_by("participation__user__email").values(
                "participation__user__email", "direction", "metier", "categorie", "genre"
            )
        ),
        "presences": list(
            Presence.objects.order_by("jour_id", "participation_id").values_list(
                "jour_id", "participation_id", "present"
            )
        ),
        "meteos": Meteo.objects.count(),
        "signatures": list(
            SignatureCharte.objects.order_by(
                "charte__profil__participation__user__email", "partie"
            ).values_list("charte__profil__participation__user__email", "partie", "signee_le")
        ),
    }


def test_seed_twice_gives_the_same_groups_and_attendance(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first


def test_mulhouse_starts_with_twenty_ambassadeurs_and_twenty_relais(demo):
    """Seed 004: "20 agents ambassadeurs – 20 agents relais"."""
    mulhouse = Participation.objects.filter(transfo__slug="mulhouse")
    assert mulhouse.filter(role=Role.AMBASSADEUR).count() == 20
    assert mulhouse.filter(role=Role.RELAIS).count() == 20
    assert Participation.objects.filter(transfo__slug="paris", role=Role.AMBASSADEUR).count() == 20


def test_every_other_transfo_has_a_mixed_group_that_thins_out(demo):
    for slug in AUTRES:
        group = Participation.objects.filter(transfo__slug=slug, role=Role.AMBASSADEUR)
        assert 15 <= group.count() <= 20, slug
        assert group.filter(date_sortie__isnull=False).exists(), slug
        profils = AmbassadeurProfile.objects.filter(participation__in=group)
        assert profils.count() == group.count()
        categories = list(profils.values_list("categorie", flat=True))
        assert set(categories) == set(Categorie.values), slug
        assert categories.count(Categorie.A) > categories.count(Categorie.C), slug
        genres = list(profils.values_list("genre", flat=True))
        assert genres.count(Genre.FEMME) > genres.count(Genre.HOMME), slug
        assert profils.values("direction").distinct().count() >= 5, slug
        left = profils.filter(participation__date_sortie__isnull=False)
        assert all(p.raison_sortie for p in left), slug


def test_open_groups_welcome_people_along_the_way(demo):
    for slug in ("dunkerque", "lille"):
        group = Participation.objects.filter(transfo__slug=slug)
        start = group.first().transfo.date_debut
        assert group.filter(date_entree__gt=start).count() == 4, slug
    assert (
        AmbassadeurProfile.objects.filter(
            participation__transfo__slug="lille", direction="Direction R&D"
        ).count()
        == 4
    )


def test_the_metz_demo_account_has_a_profile(demo):
    profil = AmbassadeurProfile.objects.get(participation__user__email="ambassadeur.metz@demo.test")
    assert profil.participation.transfo.slug == "metz"
    assert profil.participation.user.full_name == "Thomas Schmitt"


def test_attendance_drops_off_in_the_last_sessions(demo):
    for slug in AUTRES:
        rates = {
            taux.numero: taux
            for taux in Presence.objects.rates_by_transfo(
                Participation.objects.filter(transfo__slug=slug).values_list(
                    "transfo_id", flat=True
                )[:1]
            ).popitem()[1]
        }
        assert sorted(rates) == list(range(1, 15)), slug
        first = sum(rates[n].presents for n in (1, 2, 3)) / sum(rates[n].total for n in (1, 2, 3))
        last = sum(rates[n].presents for n in (12, 13, 14)) / sum(
            rates[n].total for n in (12, 13, 14)
        )
        assert first > 0.85, slug
        assert last < first - 0.15, slug
        # "un groupe réduit à une dizaine de personnes" on the last day.
        last_day = max(
            Presence.objects.filter(jour__session__transfo__slug=slug).values_list(
                "jour__date", flat=True
            )
        )
        present = Presence.objects.filter(
            jour__session__transfo__slug=slug,
            jour__date=last_day,
            present=True,
            participation__role=Role.AMBASSADEUR,
        ).count()
        assert 5 <= present <= 16, (slug, present)


def test_nobody_is_recorded_outside_their_membership(demo):
    for presence in Presence.objects.filter(jour__session__transfo__slug__in=AUTRES).select_related(
        "jour", "participation"
    ):
        participation = presence.participation
        assert participation.date_entree <= presence.jour.date
        assert participation.date_sortie is None or presence.jour.date < participation.date_sortie


def test_every_day_has_the_groups_meteo(demo):
    for slug in AUTRES:
        meteos = Meteo.objects.filter(jour__session__transfo__slug=slug, participation__isnull=True)
        days = Presence.objects.filter(jour__session__transfo__slug=slug).values("jour").distinct()
        assert meteos.count() == 2 * days.count(), slug


def test_mulhouse_lille_and_metz_have_charters_some_n1_never_signed(demo):
    for slug in ("mulhouse", "lille", "metz"):
        chartes = Charte.objects.filter(profil__participation__transfo__slug=slug)
        ambassadeurs = Participation.objects.filter(transfo__slug=slug, role=Role.AMBASSADEUR)
        assert chartes.count() == ambassadeurs.count(), slug
        waiting = [c for c in chartes if c.non_signees()]
        assert waiting and all(c.non_signees() == [PartieCharte.N1] for c in waiting), slug
    assert not Charte.objects.filter(
        profil__participation__transfo__slug__in=["paris", "dunkerque", "occitanie", "paca"]
    ).exists()
