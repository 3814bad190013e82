"""Database faults: PostgreSQL dropping the platform's connections (as a restart does)
costs at most one failed request, and the next one succeeds.

The platform runs as in production: gunicorn with `gunicorn.conf.py` (gthread workers,
persistent connections, CONN_MAX_AGE=60 with CONN_HEALTH_CHECKS), on the test database.
Its connections carry an application name, so that the test terminates exactly them
(`pg_terminate_backend`, what a restart does to every client) and not its own. Restarting
the server itself is not an option on a shared machine.

Django's test client bypasses the per-request connection handling (it disconnects
`close_old_connections` from `request_started`/`request_finished`), hence a real server.
Runs when DATABASE_URL points at PostgreSQL (`.ci/run`); skipped otherwise, except in CI.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.collectivites.factories import UserFactory
from tests.integration.postgres import database_url, require_postgresql, server_connection

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[2]
APPLICATION_NAME = "transfo-web-under-test"
ROUNDS = 3
REQUESTS_AFTER_FAULT = 4


@pytest.fixture(scope="module", autouse=True)
def _postgresql():
    """Checked first, before the test database is set up."""
    require_postgresql()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def web(tmp_path):
    """gunicorn serving the platform on the test database; yields its base URL."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
        "DATABASE_URL": database_url(),
        "CONN_MAX_AGE": "60",
        "PGAPPNAME": APPLICATION_NAME,  # libpq labels the web process's connections
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private-media"),
        "LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-c",
            "gunicorn.conf.py",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--access-logfile",
            "-",
            "transfo.wsgi:application",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while get(base + "/cas/") != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    yield base
    process.terminate()
    try:
        output, _ = process.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
    print(output)


def get(url, cookie=None):
    """The status of a GET (0 when the server does not answer)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def web_backends(cursor):
    cursor.execute(
        "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APPLICATION_NAME]
    )
    return [pid for (pid,) in cursor.fetchall()]


def drop_web_connections():
    """What a PostgreSQL restart does to the web process: its connections are cut."""
    with server_connection() as admin:
        cursor = admin.cursor()
        pids = web_backends(cursor)
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s",
            [APPLICATION_NAME],
        )
        deadline = time.monotonic() + 10
        while web_backends(cursor) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not web_backends(cursor), "the terminated backends are still there"
    return pids


def test_dropped_connections_cost_at_most_one_failed_request(web):
    user = UserFactory(full_name="Après Coupure")
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    # A public page and a signed-in one (the session is read and saved in the database).
    urls = [web + "/cas/", web + "/espace/"]
    assert [get(url, cookie) for url in urls] == [200, 200], "the server did not start"

    for _ in range(ROUNDS):
        # Persistent connections open, then cut under the server's feet.
        assert [get(url, cookie) for url in urls * 2] == [200] * 4
        assert drop_web_connections(), "the web process held no persistent connection"

        statuses = [get(urls[i % 2], cookie) for i in range(REQUESTS_AFTER_FAULT)]
        # One failed request at most (the first after the fault), and the next succeed.
        assert statuses[1:] == [200] * (REQUESTS_AFTER_FAULT - 1), (
            f"after the connections were cut, the requests answered {statuses}"
        )
