"""The settings module read in a fresh interpreter under a given environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json
from django.conf import settings
import django
django.setup()
from transfo.celery import app
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION", ""),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": app.conf.broker_url,
    "email": settings.EMAIL_BACKEND,
    "debug": settings.DEBUG,
    "language": settings.LANGUAGE_CODE,
}))
"""
OUR_VARIABLES = {
    "DATABASE_URL",
    "REDIS_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "EMAIL_BACKEND",
}


def read_settings(**env):
    base = {k: v for k, v in os.environ.items() if k not in OUR_VARIABLES}
    base["DJANGO_SETTINGS_MODULE"] = "transfo.settings"
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**base, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def test_defaults_run_on_embedded_parts():
    result = read_settings()
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["db_name"].endswith("db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["eager"] is True
    assert values["broker"] == "memory://"
    assert values["email"] == "django.core.mail.backends.console.EmailBackend"
    assert values["debug"] is True
    assert values["language"] == "fr-fr"


def test_database_url_switches_to_postgresql():
    result = read_settings(DATABASE_URL="postgres://transfo:secret@db.example:5433/transfo")
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["db_name"] == "transfo"


def test_redis_url_switches_broker_and_cache():
    result = read_settings(REDIS_URL="redis://cache.example:6379/3")
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["cache_location"] == "redis://cache.example:6379/3"
    assert values["eager"] is False
    assert values["broker"] == "redis://cache.example:6379/3"


def test_secret_key_is_required_when_debug_is_off():
    result = read_settings(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


@pytest.mark.parametrize("value", ["0", "false", "off"])
def test_debug_off_with_secret_key_starts(value):
    result = read_settings(DEBUG=value, SECRET_KEY="x" * 60, ALLOWED_HOSTS="transfo.example")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1])["debug"] is False


@pytest.mark.django_db
def test_postgresql_connections_run_without_jit():
    """A page's queries are short: PostgreSQL's JIT would spend longer compiling them than
    running them (1.8 s for the coordination dashboard at bench scale)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (CI runs the suite on PostgreSQL too)")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone() == ("off",)
