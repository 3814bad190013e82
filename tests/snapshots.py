"""Snapshots of the test database: the demo is seeded once per test session, then copied
back, row for row, into the database of each test that needs it.

`seed_demo` takes seconds (Wagtail pages, revisions, the search index, PDFs); copying its
rows back takes milliseconds. A snapshot is a copy of every table of the test database:
in an attached database on SQLite, in a schema of its own on PostgreSQL. Restoring deletes
every row and inserts the snapshot's, in the current transaction: inside a test's
transaction it is rolled back with the test; in a transactional test it is committed and
the test's flush empties it afterwards. Foreign keys are deferred (Django creates them
`DEFERRABLE INITIALLY DEFERRED` on both databases), so the order of the tables is free.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.backends.signals import connection_created

PREFIX = "snapshot_"
# Django's record of applied migrations is the same before and after any seed.
SKIPPED = {"django_migrations"}


def _quote(name):
    return connection.ops.quote_name(name)


def tables():
    """Every table of the test database that a snapshot copies.

    SQLite's virtual tables (Wagtail's FTS5 index) and their shadow tables are left out:
    the triggers that keep them in step with `wagtailsearch_indexentry` fill them again.
    """
    names = set(connection.introspection.table_names(include_views=False)) - SKIPPED
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql LIKE 'CREATE VIRTUAL TABLE%'"
            )
            virtual = [row[0] for row in cursor.fetchall()]
        names = {name for name in names if not any(name.startswith(table) for table in virtual)}
    return sorted(names)


def _store(name):
    """Where the snapshot `name` is kept: an attached database (SQLite) or a schema."""
    return f"{PREFIX}{name}"


# SQLite: the snapshots' database files, attached to every connection the process opens
# (a thread or a greenlet, as Playwright's, gets a connection of its own).
_files = {}


def _attach_files(connection, **kwargs):
    if connection.vendor != "sqlite" or not _files:
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA database_list")
        attached = {row[1] for row in cursor.fetchall()}
        for store, path in _files.items():
            if store not in attached:
                cursor.execute(f"ATTACH DATABASE %s AS {store}", [str(path)])


connection_created.connect(_attach_files)


def attach(name, directory):
    """Make room for the snapshot `name` (outside any transaction): on SQLite, a database
    file in `directory`, attached to the connection; on PostgreSQL, a new schema."""
    store = _store(name)
    if connection.vendor == "sqlite":
        path = directory / f"{store}.sqlite3"
        path.unlink(missing_ok=True)
        _files[store] = path
        _attach_files(connection)
    else:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {store} CASCADE")
            cursor.execute(f"CREATE SCHEMA {store}")


def take(name):
    """Copy every row of the test database into the snapshot `name` (see `attach`)."""
    store = _store(name)
    with transaction.atomic(), connection.cursor() as cursor:
        for table in tables():
            target = f"{store}.{_quote(table)}"
            cursor.execute(f"DROP TABLE IF EXISTS {target}")
            cursor.execute(f"CREATE TABLE {target} AS SELECT * FROM {_quote(table)}")
        if connection.vendor == "sqlite":
            cursor.execute(f"DROP TABLE IF EXISTS {store}.autoincrement_counters")
            cursor.execute(
                f"CREATE TABLE {store}.autoincrement_counters AS SELECT * FROM sqlite_sequence"
            )


def restore(name):
    """Replace every row of the test database by the snapshot `name`'s, in the current
    transaction (or in one of its own, committed)."""
    store = _store(name)
    with transaction.atomic(), connection.cursor() as cursor:
        every_table = tables()
        for table in every_table:
            cursor.execute(f"DELETE FROM {_quote(table)}")
        for table in every_table:
            cursor.execute(f"INSERT INTO {_quote(table)} SELECT * FROM {store}.{_quote(table)}")
        if connection.vendor == "sqlite":
            # AUTOINCREMENT's counters: the next ids are those the snapshot's database gives.
            cursor.execute("DELETE FROM sqlite_sequence")
            cursor.execute(
                f"INSERT INTO sqlite_sequence SELECT * FROM {store}.autoincrement_counters"
            )
        else:
            from django.apps import apps

            models = apps.get_models(include_auto_created=True)
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
    # The rows' ids are the snapshot's: forget the content types and the Wagtail sites
    # that the process cached from the database it had before.
    ContentType.objects.clear_cache()
    cache.clear()
