"""A task sent through a real Celery worker, on the real Redis broker and PostgreSQL.

Runs when DATABASE_URL points at PostgreSQL and REDIS_URL is set (`.ci/run` does both);
skipped otherwise, except in CI where it must run.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from collectivites.models import Invitation
from collectivites.tasks import send_invitation
from tests.collectivites.factories import InvitationFactory
from transfo.celery import app as celery_app

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def services():
    redis_url = os.environ.get("REDIS_URL", "")
    database_url = os.environ.get("DATABASE_URL", "")
    if not redis_url or not database_url.startswith(("postgres://", "postgresql://")):
        message = "needs REDIS_URL and a PostgreSQL DATABASE_URL"
        if os.environ.get("CI"):
            pytest.fail(f"The Celery integration test must run in CI: it {message}.")
        pytest.skip(message)
    return redis_url


@pytest.fixture
def worker(services, transactional_db, tmp_path):
    """A Celery worker process on a queue of its own, using the test database."""
    queue = f"integration-{uuid.uuid4().hex[:8]}"
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": services,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mails"),
        "SITE_URL": "https://transfo.example",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "transfo",
            "worker",
            "--pool=solo",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
            "-Q",
            queue,
            "--loglevel=INFO",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield queue, tmp_path / "mails"
    process.terminate()
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    print(output)


def test_invitation_mail_is_sent_by_a_real_worker(worker, monkeypatch):
    queue, mail_dir = worker
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    invitation = InvitationFactory(email="worker@exemple.test")

    send_invitation.apply_async(args=[invitation.pk], queue=queue)

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        invitation.refresh_from_db()
        if invitation.sent_at:
            break
        time.sleep(0.5)
    assert invitation.sent_at is not None, "the worker did not run the task within 60 s"
    mails = list(mail_dir.glob("*.log"))
    assert len(mails) == 1
    content = mails[0].read_text()
    assert "worker@exemple.test" in content
    assert "https://transfo.example/comptes/invitation/" in content
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
