import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from collectivites.choices import Role
from collectivites.models import Collectivite, Participation, Transfo


@pytest.fixture(autouse=True)
def _debug_on(settings):
    """The demo loads on a development machine (the test runner turns DEBUG off)."""
    settings.DEBUG = True


def snapshot():
    User = get_user_model()
    return {
        "collectivites": list(Collectivite.objects.order_by("slug").values()),
        "transfos": list(Transfo.objects.order_by("slug").values()),
        "participations": list(
            Participation.objects.order_by("user__email", "transfo__slug").values(
                "user__email", "transfo__slug", "role", "discipline", "date_entree", "date_sortie"
            )
        ),
        "users": list(User.objects.order_by("email").values("email", "full_name", "password")),
        "authenticators": Authenticator.objects.count(),
    }


def test_seed_demo_twice_gives_the_same_data(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first


def test_seed_demo_loads_the_eight_transfos_and_demo_accounts(demo):
    assert set(Transfo.objects.values_list("nom", flat=True)) == {
        "Transfo Mulhouse",
        "Transfo Paris",
        "Transfo Dunkerque",
        "Transfo Occitanie",
        "Transfo Lille",
        "Transfo Metz",
        "Transfo Strasbourg",
        "Transfo PACA",
    }
    strasbourg = Transfo.objects.get(slug="strasbourg")
    assert strasbourg.annees == "2018–2019"
    roles = dict(
        Participation.objects.filter(transfo=strasbourg).values_list("user__email", "role")
    )
    assert roles["residente@demo.test"] == Role.RESIDENT
    assert roles["ambassadeur@demo.test"] == Role.AMBASSADEUR
    assert roles["ambassadrice@demo.test"] == Role.AMBASSADEUR
    assert roles["pilote@demo.test"] == Role.PILOTE
    assert (
        Participation.objects.get(user__email="ambassadeur.metz@demo.test").transfo.slug == "metz"
    )
    coordination = get_user_model().objects.get(email="coordination@demo.test")
    assert coordination.participations.count() == 8
    assert coordination.check_password("transfo-demo")
    totp_users = set(
        Authenticator.objects.filter(type=Authenticator.Type.TOTP).values_list(
            "user__email", flat=True
        )
    )
    assert totp_users == {"coordination@demo.test", "editeur@demo.test"}


def test_seed_demo_refuses_with_debug_off_unless_forced(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", verbosity=0)
    assert not Transfo.objects.exists()
    call_command("seed_demo", "--force", verbosity=0)
    assert Transfo.objects.count() == 8


def test_seed_demo_scale_adds_synthetic_volume_idempotently(rescale):
    rescale()
    assert Transfo.objects.count() == 16
    synthetic = Transfo.objects.get(slug="synthetique-0")
    assert synthetic.participations.filter(role=Role.AMBASSADEUR).count() == 20
    assert synthetic.participations.filter(role=Role.RESIDENT).count() == 3


def test_demo_editor_can_use_wagtail_admin(demo, client):
    editor = get_user_model().objects.get(email="editeur@demo.test")
    assert editor.has_perm("wagtailadmin.access_admin")
    assert not editor.participations.exists()
