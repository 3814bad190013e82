"""Helpers of the integration tests that need the real PostgreSQL server."""

import os
import shutil

import psycopg
import pytest
from django.db import connection


def require_postgresql(*programs):
    """Skip unless DATABASE_URL is PostgreSQL (and the client programs exist); fail in CI."""
    database_url = os.environ.get("DATABASE_URL", "")
    missing = [program for program in programs if shutil.which(program) is None]
    if not database_url.startswith(("postgres://", "postgresql://")):
        message = "needs DATABASE_URL pointing at PostgreSQL (postgres://…)"
    elif missing:
        message = f"needs the PostgreSQL client programs {missing} (Debian: postgresql-client)"
    else:
        return
    if os.environ.get("CI"):
        pytest.fail(f"This integration test must run in CI: it {message}.")
    pytest.skip(message)


def database_url(name=None):
    """A postgres:// URL for the test database (or another database on the same server)."""
    db = connection.settings_dict
    return (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name or db['NAME']}"
    )


def server_connection(dbname="postgres"):
    """A psycopg connection (autocommit) to the test database's server, outside Django."""
    db = connection.settings_dict
    return psycopg.connect(
        dbname=dbname,
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
        autocommit=True,
    )
