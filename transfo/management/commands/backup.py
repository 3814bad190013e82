"""`manage.py backup`: one .tar.gz holding the PostgreSQL dump, the media and a manifest.

The archive (a single file, easy to copy off the machine and to checksum):

    manifest.json    date, Django migration state, row count of every table, file counts
    database.dump    `pg_dump --format=custom` of the database (restored with pg_restore)
    media/           the contents of MEDIA_ROOT
    private-media/   the contents of PRIVATE_MEDIA_ROOT

The row counts are read in the very snapshot pg_dump dumps (`pg_export_snapshot()` and
`pg_dump --snapshot`), so they match the dump exactly even while the site is in use.
SQLite (development only) is refused: back up its file by copying it.
"""

import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

import django
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

# Names inside the archive.
MANIFEST = "manifest.json"
DUMP = "database.dump"
MEDIA = "media"
PRIVATE_MEDIA = "private-media"

# The tables of the schemas on the search path (Django's own and every app's).
TABLES_SQL = (
    "SELECT tablename FROM pg_tables "
    "WHERE schemaname = ANY(current_schemas(false)) ORDER BY tablename"
)

# libpq environment variables for the connection options that dj-database-url may set.
PG_OPTIONS_ENV = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "connect_timeout": "PGCONNECT_TIMEOUT",
}


def require_postgresql(settings_dict, command):
    if settings_dict["ENGINE"] != "django.db.backends.postgresql":
        raise CommandError(
            f"{command} a besoin de PostgreSQL (DATABASE_URL=postgres://…) ; la base "
            f"configurée est {settings_dict['ENGINE']}. En développement sous SQLite, "
            "copiez simplement le fichier db.sqlite3 et les dossiers de médias."
        )


def pg_env(settings_dict):
    """The environment for pg_dump / pg_restore: the password never on the command line."""
    env = {**os.environ}
    for key, variable in {
        "HOST": "PGHOST",
        "PORT": "PGPORT",
        "USER": "PGUSER",
        "PASSWORD": "PGPASSWORD",
        "NAME": "PGDATABASE",
    }.items():
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in PG_OPTIONS_ENV.items():
        if settings_dict.get("OPTIONS", {}).get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    return env


def run(command, env):
    """Run a PostgreSQL client program; its error output becomes the CommandError."""
    if shutil.which(command[0]) is None:
        raise CommandError(
            f"{command[0]} est introuvable : installez le client PostgreSQL "
            "(paquet Debian postgresql-client, même version majeure que le serveur)."
        )
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CommandError(f"{command[0]} a échoué :\n{result.stderr.strip()}")


def row_counts(cursor):
    cursor.execute(TABLES_SQL)
    tables = [name for (name,) in cursor.fetchall()]
    counts = {}
    for table in tables:
        quoted = table.replace('"', '""')
        cursor.execute(f'SELECT count(*) FROM "{quoted}"')
        counts[table] = cursor.fetchone()[0]
    return counts


def count_files(directory):
    """The files under a directory (what `restore` checks against the manifest)."""
    directory = Path(directory)
    if not directory.is_dir():
        return 0
    return sum(1 for path in directory.rglob("*") if path.is_file())


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) holding a pg_dump of the database, the media, the "
        "private media and a manifest (date, migrations, row counts). Restore with `restore`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "output",
            nargs="?",
            help="Archive to write (default: transfo-backup-<date>.tar.gz here).",
        )

    def handle(self, *args, output, **options):
        settings_dict = connection.settings_dict
        require_postgresql(settings_dict, "La sauvegarde")
        stamp = timezone.now()
        output = Path(output or f"transfo-backup-{stamp:%Y%m%d-%H%M%S}.tar.gz").resolve()
        if output.exists():
            raise CommandError(f"{output} existe déjà : choisissez un autre nom.")

        with tempfile.TemporaryDirectory(prefix="transfo-backup-") as work:
            work = Path(work)
            manifest = self.dump_database(settings_dict, work / DUMP)
            manifest.update(created_at=stamp.isoformat(), django=django.get_version())
            # Written beside the target, then renamed: no half-written archive under its name.
            partial = output.with_name(output.name + ".partial")
            try:
                with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                    archive.add(work / DUMP, arcname=DUMP)
                    manifest["files"] = self.add_media(archive)
                    (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
                    archive.add(work / MANIFEST, arcname=MANIFEST)
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
            partial.rename(output)

        tables = manifest["row_counts"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Sauvegarde écrite : {output} ({len(tables)} tables, "
                f"{sum(tables.values())} lignes, {sum(manifest['files'].values())} fichiers)."
            )
        )

    def add_media(self, archive):
        """Add both media directories; the files counted are exactly those archived."""
        files = {MEDIA: 0, PRIVATE_MEDIA: 0}

        def counted(member):
            if member.isfile():
                files[member.name.split("/", 1)[0]] += 1
            return member

        for name, root in (
            (MEDIA, settings.MEDIA_ROOT),
            (PRIVATE_MEDIA, settings.PRIVATE_MEDIA_ROOT),
        ):
            if Path(root).is_dir():
                archive.add(root, arcname=name, filter=counted)
        return files

    def dump_database(self, settings_dict, path):
        """Dump the database and count its rows, both in one snapshot."""
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = row_counts(cursor)
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
            migrations = {}
            for app, name in cursor.fetchall():
                migrations.setdefault(app, []).append(name)
            # The exporting transaction stays open until pg_dump has read the snapshot.
            run(
                ["pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}"],
                pg_env(settings_dict),
            )
        return {"database": settings_dict["NAME"], "migrations": migrations, "row_counts": counts}
