"""The fixed cast of the suite: two Transfos and one person per role, plus anonymous."""

import shutil

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from collectivites.choices import Role
from tests import snapshots
from tests.collectivites.factories import ParticipationFactory, TransfoFactory, UserFactory
from transfo.celery import app as celery_app

TOTP_SECRET = "JBSWY3DPEHPK3PXP"


@pytest.fixture(autouse=True)
def _isolated_services(request, settings, tmp_path):
    """Each test starts with an empty cache and in-process tasks (unless it is an integration test)."""
    cache.clear()
    # The shared cache of public pages would answer a page's second request without a query:
    # it is on only where tested (tests/transfo/test_public_cache.py).
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    if request.node.get_closest_marker("integration") is None:
        settings.CELERY_TASK_ALWAYS_EAGER = True
        celery_app.conf.task_always_eager = True
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _seeding_settings(folder):
    """The test settings that seed_demo runs under, outside any test."""
    return override_settings(
        DEBUG=True,  # seed_demo runs on development machines only
        MEDIA_ROOT=folder / "media",
        PRIVATE_MEDIA_ROOT=folder / "private-media",
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        CELERY_TASK_ALWAYS_EAGER=True,
        PUBLIC_PAGE_CACHE_SECONDS=0,
    )


def _seed_into_snapshot(name, folder, *, over=None, scale=0):
    """Run seed_demo (over the snapshot `over`, or the database as it is; with `--scale`)
    and keep the result as the snapshot `name`; the database is given back as it was."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    snapshots.attach(f"before_{name}", folder)
    snapshots.attach(name, folder)
    snapshots.take(f"before_{name}")
    if over:
        snapshots.restore(over)
    with _seeding_settings(folder):
        call_command("seed_demo", scale=scale, verbosity=0)
    snapshots.take(name)
    snapshots.restore(f"before_{name}")
    celery_app.conf.task_always_eager = eager


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """`seed_demo`, run once for the test session: its rows in the snapshot "demo", the files
    it wrote in the folder returned. The database is given back as it was before."""
    folder = tmp_path_factory.mktemp("demo")
    with django_db_blocker.unblock():
        _seed_into_snapshot("demo", folder)
    return folder


@pytest.fixture(scope="session")
def demo_reseeded_snapshot(demo_snapshot, django_db_blocker):
    """`seed_demo` run a second time over the demo, once for the test session."""
    with django_db_blocker.unblock():
        _seed_into_snapshot("demo_reseeded", demo_snapshot, over="demo")


@pytest.fixture(scope="session")
def scaled_snapshot(demo_snapshot, django_db_blocker):
    """`seed_demo --scale 1` (the demo and one unit of synthetic volume), then the same
    again over it, once for the test session: the snapshots "scaled" and "scaled_twice"."""
    with django_db_blocker.unblock():
        _seed_into_snapshot("scaled", demo_snapshot, scale=1)
        _seed_into_snapshot("scaled_twice", demo_snapshot, over="scaled", scale=1)
    return demo_snapshot


def load_demo(demo_snapshot, settings, name="demo"):
    """Put the demo's rows into the test's database and its files into the test's folders."""
    snapshots.restore(name)
    for name, target in (
        ("media", settings.MEDIA_ROOT),
        ("private-media", settings.PRIVATE_MEDIA_ROOT),
    ):
        if (demo_snapshot / name).exists():
            shutil.copytree(demo_snapshot / name, target, dirs_exist_ok=True)


@pytest.fixture
def demo(db, demo_snapshot, settings):
    """The demo data of seed_demo (seeded once for the session), rolled back with the test."""
    load_demo(demo_snapshot, settings)


@pytest.fixture
def reseed(demo, demo_reseeded_snapshot):
    """A function that turns the test's demo into what a second `seed_demo` makes of it
    (seeded once for the session): `first = snapshot(); reseed(); assert snapshot() == first`."""
    return lambda: snapshots.restore("demo_reseeded")


@pytest.fixture
def scaled(db, scaled_snapshot, settings):
    """What `seed_demo --scale 1` makes of an empty database (seeded once for the session)."""
    load_demo(scaled_snapshot, settings, "scaled")


@pytest.fixture
def rescale(scaled):
    """A function that turns the test's database into what a second `seed_demo --scale 1`
    makes of it (seeded once for the session)."""
    return lambda: snapshots.restore("scaled_twice")


@pytest.fixture
def transfo(db):
    return TransfoFactory(nom="Transfo Strasbourg", slug="strasbourg")


@pytest.fixture
def other_transfo(db):
    return TransfoFactory(nom="Transfo Metz", slug="metz")


def _member(transfo, role, **kwargs):
    return ParticipationFactory(transfo=transfo, role=role, **kwargs).user


@pytest.fixture
def ambassadeur(transfo):
    return _member(transfo, Role.AMBASSADEUR, user__full_name="Claire Muller")


@pytest.fixture
def peer(transfo):
    return _member(transfo, Role.AMBASSADEUR, user__full_name="Karim Benali")


@pytest.fixture
def resident(transfo):
    return _member(transfo, Role.RESIDENT, user__full_name="Suzanne Keller")


@pytest.fixture
def pilote(transfo):
    return _member(transfo, Role.PILOTE, user__full_name="Isabelle Roth")


@pytest.fixture
def other_member(other_transfo):
    return _member(other_transfo, Role.AMBASSADEUR, user__full_name="Thomas Schmitt")


def with_totp(user):
    """Two-factor authentication enabled, as coordinators, editors and staff must have it."""
    TOTP.activate(user, TOTP_SECRET)
    return user


@pytest.fixture
def coordinateur(other_transfo):
    user = _member(other_transfo, Role.COORDINATEUR, user__full_name="Louise Marchand")
    return with_totp(user)


@pytest.fixture
def outsider(db):
    """Signed in, but a member of no Transfo."""
    return UserFactory(full_name="Sans Transfo")


@pytest.fixture
def cast(ambassadeur, peer, resident, pilote, other_member, coordinateur, outsider):
    return {
        "ambassadeur": ambassadeur,
        "peer": peer,
        "resident": resident,
        "pilote": pilote,
        "other_member": other_member,
        "coordinateur": coordinateur,
        "outsider": outsider,
        "anonymous": None,
    }


@pytest.fixture
def client_for(client, cast):
    """A test client signed in as one of the cast (None: anonymous)."""

    def make(name):
        user = cast[name]
        if user is not None:
            client.force_login(user)
        return client

    return make
