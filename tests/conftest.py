"""The fixed cast of the suite: two Transfos and one person per role, plus anonymous."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP
from django.core.cache import cache

from collectivites.choices import Role
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
