"""Backup and restore: the demo and a private file go through `backup` and `restore`
into a fresh database, which then holds the same rows and serves the same pages.

Runs when DATABASE_URL points at PostgreSQL (`.ci/run`); skipped otherwise, except in CI.
"""

import io
import json
import os
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from ambassadeurs.choices import TypePiece
from ambassadeurs.models import EntreeCarnet, PieceJointe
from tests.integration.postgres import database_url, require_postgresql, server_connection
from transfo.celery import app as celery_app
from transfo.management.commands.backup import row_counts

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
SECRET = b"Canari de sauvegarde: ce que je n'ose pas dire en public."

# Run on the restored copy by `manage.py shell -c`: the public pages, and the private file
# through its permission-checked view, as the entry's author.
PROBE = """
import json
from django.test import Client
from ambassadeurs.models import PieceJointe

client = Client()
result = {path: client.get(path).status_code for path in ("/", "/cas/")}
piece = PieceJointe.objects.get(nom="canari.png")
client.force_login(piece.entree.auteur)
response = client.get(piece.get_absolute_url())
result["piece"] = response.status_code
result["piece_content"] = b"".join(response.streaming_content).decode()
print(json.dumps(result))
"""


@pytest.fixture(scope="module", autouse=True)
def _postgresql():
    """Checked first, before the test database is set up."""
    require_postgresql("pg_dump", "pg_restore")


@pytest.fixture
def fresh_database():
    """An empty database on the same server, dropped at the end."""
    name = f"transfo_restore_{uuid.uuid4().hex[:8]}"
    with server_connection() as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield name
    with server_connection() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def demo_with_private_file(settings, monkeypatch):
    settings.DEBUG = True  # seed_demo runs on development machines only
    # Tasks the demo triggers run in-process, rather than waiting in the CI's Redis.
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)
    call_command("seed_demo", verbosity=0)
    entree = EntreeCarnet.objects.order_by("pk").first()
    piece = PieceJointe.objects.create(
        entree=entree,
        fichier=ContentFile(SECRET, name="canari.png"),
        nom="canari.png",
        type=TypePiece.PHOTO,
        content_type="image/png",
        taille=len(SECRET),
    )
    assert (Path(settings.PRIVATE_MEDIA_ROOT) / piece.fichier.name).is_file()
    return piece


def test_backup_restores_into_a_fresh_database_with_same_rows_and_pages(
    demo_with_private_file, fresh_database, settings, tmp_path
):
    piece = demo_with_private_file
    archive = tmp_path / "sauvegarde.tar.gz"
    call_command("backup", str(archive), verbosity=0)

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    assert "database.dump" in names
    assert f"private-media/{piece.fichier.name}" in names
    with connection.cursor() as cursor:
        source_counts = row_counts(cursor)
    assert manifest["row_counts"] == source_counts
    assert manifest["row_counts"]["ambassadeurs_piecejointe"] == 1
    assert "0001_initial" in manifest["migrations"]["ambassadeurs"]

    target_url = database_url(fresh_database)
    media, private_media = tmp_path / "restored-media", tmp_path / "restored-private-media"
    call_command(
        "restore",
        str(archive),
        database_url=target_url,
        media_root=str(media),
        private_media_root=str(private_media),
        verbosity=0,
    )

    with server_connection(fresh_database) as restored:
        assert row_counts(restored.cursor()) == source_counts
    assert (private_media / piece.fichier.name).read_bytes() == SECRET

    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DATABASE_URL": target_url,
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private_media),
        "ALLOWED_HOSTS": "testserver",
    }
    probe = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert probe.returncode == 0, probe.stderr
    pages = json.loads(probe.stdout.strip().splitlines()[-1])
    assert pages == {"/": 200, "/cas/": 200, "piece": 200, "piece_content": SECRET.decode()}


def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    with pytest.raises(CommandError, match="n'est pas vide"):
        call_command(
            "restore",
            str(archive),
            database_url=database_url(),  # the test database itself: it holds tables
            media_root=str(tmp_path / "m"),
            private_media_root=str(tmp_path / "p"),
            verbosity=0,
        )


def test_restore_fails_when_the_rows_differ_from_the_manifest(fresh_database, tmp_path):
    archive = tmp_path / "sauvegarde.tar.gz"
    call_command("backup", str(archive), verbosity=0)
    # The same archive, with a manifest claiming one more site than was dumped.
    tampered = tmp_path / "alteree.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(tampered, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member) if member.isfile() else None
            if member.name == "manifest.json":
                manifest = json.load(content)
                manifest["row_counts"]["wagtailcore_site"] += 1
                data = json.dumps(manifest).encode()
                member.size = len(data)
                content = io.BytesIO(data)
            target.addfile(member, content)

    with pytest.raises(CommandError, match="wagtailcore_site") as error:
        call_command(
            "restore",
            str(tampered),
            database_url=database_url(fresh_database),
            media_root=str(tmp_path / "m"),
            private_media_root=str(tmp_path / "p"),
            verbosity=0,
        )
    assert "ne correspond pas au manifeste" in str(error.value)
