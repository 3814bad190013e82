"""A real Celery worker on Redis logs a task's lines, as JSON, with the id of the request that
sent it (transfo.observability: message header, then task_prerun on the worker)."""

import json
import logging
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from transfo import observability
from transfo.celery import app as celery_app

pytestmark = pytest.mark.integration
ROOT = Path(__file__).resolve().parents[2]
MARK = "tâche de test des identifiants de requête"


@celery_app.task(name="tests.integration.test_request_id_worker.log_something")
def log_something():
    logging.getLogger("tests.integration").warning(MARK)


@pytest.fixture
def worker(tmp_path):
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url:
        if os.environ.get("CI"):
            pytest.fail("This integration test must run in CI: it needs REDIS_URL.")
        pytest.skip("needs REDIS_URL")
    queue = f"integration-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {**os.environ, "LOG_FORMAT": "json"}
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable, "-m", "celery", "-A", "transfo", "worker",
                "--pool=solo", "--without-gossip", "--without-mingle", "--without-heartbeat",
                "-Q", queue, "-I", "tests.integration.test_request_id_worker",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
    yield queue, log
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def json_lines(log):
    for line in log.read_text().splitlines():
        if line.startswith("{"):
            yield json.loads(line)


def test_worker_logs_carry_the_request_id_of_the_sender(worker, monkeypatch):
    queue, log = worker
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    token = observability.request_id.set("req-integration-1")
    try:
        log_something.apply_async(queue=queue)
    finally:
        observability.request_id.reset(token)

    deadline = time.monotonic() + 60
    lines = []
    while time.monotonic() < deadline:
        lines = [line for line in json_lines(log) if line.get("message") == MARK]
        if lines:
            break
        time.sleep(0.5)
    assert lines, f"the worker did not log the task within 60 s:\n{log.read_text()}"
    assert lines[0]["request_id"] == "req-integration-1"
    assert lines[0]["task_name"] == log_something.name
    assert lines[0]["level"] == "WARNING"
