"""`manage.py restore ARCHIVE`: load an archive written by `backup` into a database.

The target is the database of DATABASE_URL, or --database-url. A database that already
holds tables, or a non-empty media directory, is refused unless --force (then the dump's
objects are dropped and recreated, and the media directories emptied first). The dump is
restored in one transaction (all or nothing), without the original owner and grants, then
the row count of every table is checked against the manifest.
"""

import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

import dj_database_url
import psycopg
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from transfo.management.commands.backup import (
    DUMP,
    MANIFEST,
    MEDIA,
    PG_OPTIONS_ENV,
    PRIVATE_MEDIA,
    count_files,
    pg_env,
    require_postgresql,
    row_counts,
    run,
)


def connect(settings_dict):
    """A psycopg connection (autocommit) to the target database."""
    options = settings_dict.get("OPTIONS", {})
    try:
        return psycopg.connect(
            dbname=settings_dict["NAME"],
            user=settings_dict.get("USER") or None,
            password=settings_dict.get("PASSWORD") or None,
            host=settings_dict.get("HOST") or None,
            port=settings_dict.get("PORT") or None,
            autocommit=True,
            **{option: value for option, value in options.items() if option in PG_OPTIONS_ENV},
        )
    except psycopg.OperationalError as error:
        raise CommandError(
            f"Connexion impossible à la base {settings_dict['NAME']} : {error}"
        ) from error


# Python's own check ("data": no absolute path, no "..", no special file), where it exists
# (3.11.4 and later, and Debian's backports); checked_members() does the same checks anyway.
DATA_FILTER = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}


def checked_members(tar):
    """The archive's members, if all are plain files and directories inside it."""
    members = tar.getmembers()
    for member in members:
        path = PurePosixPath(member.name)
        if path.is_absolute() or ".." in path.parts or not (member.isfile() or member.isdir()):
            raise CommandError(f"Archive refusée : élément suspect {member.name!r}.")
    return members


def is_empty(directory):
    return not directory.exists() or not any(directory.iterdir())


class Command(BaseCommand):
    help = (
        "Restore an archive written by `backup`: the database (pg_restore) and the media, "
        "then check the row counts against the archive's manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="The .tar.gz written by `backup`.")
        parser.add_argument(
            "--database-url",
            help="Target database (postgres://…); default: the DATABASE_URL in use.",
        )
        parser.add_argument(
            "--media-root", help="Where to restore the media (default: MEDIA_ROOT)."
        )
        parser.add_argument(
            "--private-media-root",
            help="Where to restore the private media (default: PRIVATE_MEDIA_ROOT).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Overwrite a database that holds tables and non-empty media directories.",
        )

    def handle(
        self, *args, archive, database_url, media_root, private_media_root, force, **options
    ):
        target = dj_database_url.parse(database_url) if database_url else connection.settings_dict
        require_postgresql(target, "La restauration")
        media_dirs = {
            MEDIA: Path(media_root or settings.MEDIA_ROOT),
            PRIVATE_MEDIA: Path(private_media_root or settings.PRIVATE_MEDIA_ROOT),
        }

        # Every refusal comes before anything is written.
        with connect(target) as conn:
            tables = row_counts(conn.cursor())
        if tables and not force:
            raise CommandError(
                f"La base {target['NAME']} n'est pas vide ({len(tables)} tables) : "
                "restaurez dans une base neuve, ou ajoutez --force pour l'écraser."
            )
        for directory in media_dirs.values():
            if not is_empty(directory) and not force:
                raise CommandError(
                    f"Le dossier {directory} n'est pas vide : choisissez un dossier vide, "
                    "ou ajoutez --force pour le remplacer."
                )

        with tempfile.TemporaryDirectory(prefix="transfo-restore-") as work:
            work = Path(work)
            try:
                with tarfile.open(archive, "r:gz") as tar:
                    tar.extractall(work, members=checked_members(tar), **DATA_FILTER)
                manifest = json.loads((work / MANIFEST).read_text())
            except (OSError, tarfile.TarError, ValueError) as error:
                raise CommandError(f"Archive illisible ({archive}) : {error}") from error

            command = ["pg_restore", "--no-owner", "--no-privileges", "--single-transaction"]
            if tables:
                command += ["--clean", "--if-exists"]
            run([*command, f"--dbname={target['NAME']}", str(work / DUMP)], pg_env(target))

            for name, directory in media_dirs.items():
                if directory.exists():
                    shutil.rmtree(directory)
                source = work / name
                if source.is_dir():
                    shutil.copytree(source, directory)
                else:
                    directory.mkdir(parents=True)

        with connect(target) as conn:
            restored = row_counts(conn.cursor())
        self.check_counts(manifest, restored, media_dirs)
        self.stdout.write(
            self.style.SUCCESS(
                f"Restauration terminée dans {target['NAME']} : sauvegarde du "
                f"{manifest['created_at']}, {len(restored)} tables, "
                f"{sum(restored.values())} lignes, vérifiées."
            )
        )

    def check_counts(self, manifest, restored, media_dirs):
        expected = manifest["row_counts"]
        differences = [
            f"  {table} : {count} attendues, {restored.get(table, 'table absente')} restaurées"
            for table, count in sorted(expected.items())
            if restored.get(table) != count
        ]
        differences += [
            f"  {name} : {count} fichiers attendus, {count_files(media_dirs[name])} restaurés"
            for name, count in manifest["files"].items()
            if count_files(media_dirs[name]) != count
        ]
        if differences:
            raise CommandError(
                "La copie restaurée ne correspond pas au manifeste de la sauvegarde "
                "(the restored copy does not match the backup's manifest):\n"
                + "\n".join(differences)
            )
        extra = sorted(set(restored) - set(expected))
        if extra:
            self.stderr.write(
                f"Tables absentes de la sauvegarde, laissées telles quelles : {extra}"
            )
