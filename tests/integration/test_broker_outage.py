"""Broker outage, for real: Redis stopped while a session is published, then back with a
real Celery worker; the programme mail goes out exactly once (transfo.outbox).

Starts a private redis-server on a free port (the machine's Redis is never touched) and a
worker on it, over the PostgreSQL test database. Runs when DATABASE_URL points at
PostgreSQL and redis-server is installed (`.ci/run`); skipped otherwise, except in CI.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from django.db import connection
from django.urls import reverse

from collectivites.choices import StatutSession
from collectivites.models import Session
from tests.collectivites.factories import session_with_programme
from transfo import outbox
from transfo.celery import app as celery_app
from transfo.models import TacheEnAttente
from transfo.tasks import publish_pending

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
TASK = "collectivites.tasks.send_session_published"


def wait_for(condition, timeout=60, message="timed out"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    pytest.fail(message)


class PrivateRedis:
    """A redis-server of this test only, on its own port, stopped and started at will."""

    def __init__(self, directory):
        self.directory = directory
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def ping(self):
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=1).ping()
        except redis.ConnectionError:
            return False

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no",
                "--dir", str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.ping, timeout=15, message="the private redis-server did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=15)
        assert not self.ping()


def reset_broker_connections():
    """Drop the Celery app's connection pools so the next publication uses the broker URL
    now configured (Celery builds them lazily, once; a worker fork does the same)."""
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def broker(transactional_db, tmp_path, monkeypatch, settings):
    """The private Redis as this process's broker and cache, as REDIS_URL does in production."""
    database_url = os.environ.get("DATABASE_URL", "")
    if not shutil.which("redis-server") or not database_url.startswith(
        ("postgres://", "postgresql://")
    ):
        message = "needs redis-server and a PostgreSQL DATABASE_URL"
        if os.environ.get("CI"):
            pytest.fail(f"The broker outage test must run in CI: it {message}.")
        pytest.skip(message)
    server = PrivateRedis(tmp_path)
    server.start()
    monkeypatch.setitem(celery_app.conf, "broker_url", server.url)
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": server.url,
        }
    }
    reset_broker_connections()
    yield server
    reset_broker_connections()
    server.stop()


def start_worker(broker_url, tmp_path):
    """A real worker process on the private broker, with the test database; mails to files."""
    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{db['NAME']}"
    )
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": broker_url,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mails"),
        "SITE_URL": "https://transfo.example",
    }
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "transfo", "worker",
                "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    return process, log


def stop_worker(process, log):
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    print(log.read_text())


def test_a_session_published_while_redis_is_down_is_mailed_once_redis_is_back(
    broker, client, resident, ambassadeur, peer, pilote, transfo, tmp_path
):
    session = session_with_programme(transfo, numero=3)
    broker.stop()

    # The outage: the publication is stored, the request answers at once, the task waits.
    client.force_login(resident)
    started = time.monotonic()
    response = client.post(reverse("collectivites:session_publish", args=["strasbourg", 3]))
    assert response.status_code == 302
    assert time.monotonic() - started < 10
    assert Session.objects.get(pk=session.pk).statut == StatutSession.PUBLIEE
    row = TacheEnAttente.objects.get()
    assert (row.task, row.args, row.sent_at, row.attempts) == (TASK, [session.pk], None, 1)
    assert row.last_error
    assert outbox.publish_pending(older_than=timedelta(0)) == 0  # still down: left pending

    # Redis back, a real worker; beat's sweep goes through the broker like any task.
    broker.start()
    worker, log = start_worker(broker.url, tmp_path)
    try:
        publish_pending.apply_async(kwargs={"older_than": 0})
        wait_for(
            lambda: Session.objects.get(pk=session.pk).annonce_envoyee_le is not None,
            message="the worker did not send the programme within 60 s",
        )
        # A second sweep, in the worker and here: nothing is left to send.
        publish_pending.apply_async(kwargs={"older_than": 0})
        assert outbox.publish_pending(older_than=timedelta(0)) == 0
        sweeps = re.compile(
            r"transfo\.tasks\.publish_pending\[[^\]]+\] succeeded in [\d.]+s: (\d+)"
        )
        wait_for(
            lambda: len(sweeps.findall(log.read_text())) == 2,
            message="the worker did not run both sweeps within 60 s",
        )
    finally:
        stop_worker(worker, log)

    output = log.read_text()
    assert sweeps.findall(output) == ["1", "0"]
    assert output.count(f"{TASK}[outbox-{row.pk}] received") == 1
    assert output.count(f"{TASK}[outbox-{row.pk}] succeeded") == 1
    row.refresh_from_db()
    assert row.sent_at is not None
    assert TacheEnAttente.objects.filter(sent_at__isnull=True).count() == 0
    mails = "".join(path.read_text() for path in (tmp_path / "mails").glob("*.log"))
    recipients = re.findall(r"^To: (.+)$", mails, flags=re.MULTILINE)
    assert sorted(recipients) == sorted([ambassadeur.email, peer.email, pilote.email])
