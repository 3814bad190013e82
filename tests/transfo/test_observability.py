"""Request ids through web and tasks, JSON logs, Sentry only with a DSN (transfo.observability)."""

import json
import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from tests.collectivites.factories import session_with_programme
from transfo import observability, outbox
from transfo.celery import app as celery_app
from transfo.models import TacheEnAttente

ROOT = Path(__file__).resolve().parents[2]
PUBLISH_TASK = "collectivites.tasks.send_session_published"


class Records(logging.Handler):
    """Keeps the records a logger emits, through the same filter as the console handler."""

    def __init__(self):
        super().__init__()
        self.addFilter(observability.RequestContextFilter())
        self.records = []

    def emit(self, record):
        self.records.append(record)


@pytest.fixture
def records():
    handler = Records()
    root = logging.getLogger()
    root.addHandler(handler)
    yield handler.records
    root.removeHandler(handler)


# Seen by the task below: the request id of its context, while it runs.
seen = []


@celery_app.task(name="tests.transfo.test_observability.note_request_id")
def note_request_id():
    seen.append(observability.request_id.get())
    logging.getLogger("tests.task").info("in the task")


@pytest.fixture
def task_seen():
    seen.clear()
    yield seen
    seen.clear()


# The middleware


def test_response_carries_a_fresh_request_id(client, db):
    first = client.get("/sante/")
    second = client.get("/sante/")
    assert len(first["X-Request-ID"]) == 32
    assert first["X-Request-ID"] != second["X-Request-ID"]


def test_well_formed_proxy_request_id_is_kept(client, db):
    response = client.get("/sante/", headers={"X-Request-ID": "7f3c-nginx.req:42"})
    assert response["X-Request-ID"] == "7f3c-nginx.req:42"


@pytest.mark.parametrize(
    "header",
    ["short", "with space and more", 'quote"injected"1', "x" * 129, "line\\nbreak-12345"],
)
def test_malformed_proxy_request_id_is_replaced(client, db, header):
    response = client.get("/sante/", headers={"X-Request-ID": header})
    assert response["X-Request-ID"] != header
    assert len(response["X-Request-ID"]) == 32


def test_every_log_record_of_a_request_carries_its_id(client, db, records):
    response = client.get("/cette-page-n-existe-pas/", headers={"X-Request-ID": "req-abcdef12"})
    assert response.status_code == 404
    assert response["X-Request-ID"] == "req-abcdef12"
    not_found = [r for r in records if r.name == "django.request"]
    assert not_found, "Django logs the 404"
    assert {r.request_id for r in not_found} == {"req-abcdef12"}
    # After the request, nothing carries its id any more.
    logging.getLogger("tests.after").warning("after the request")
    assert records[-1].request_id == ""


def test_redirects_carry_the_request_id_too(client, db):
    response = client.get(reverse("collectivites:espace"))
    assert response.status_code == 302
    assert len(response["X-Request-ID"]) == 32


# The JSON formatter


def format_json(record):
    observability.RequestContextFilter().filter(record)
    return json.loads(observability.JsonFormatter().format(record))


def make_record(message="Invitation envoyée à %s", args=(12,), **extra):
    record = logging.LogRecord("transfo.test", logging.WARNING, __file__, 1, message, args, None)
    record.__dict__.update(extra)
    return record


def test_json_line_has_time_level_logger_message_and_request_id():
    token = observability.request_id.set("req-12345678")
    try:
        line = observability.JsonFormatter().format(
            (lambda r: observability.RequestContextFilter().filter(r) and r)(make_record())
        )
    finally:
        observability.request_id.reset(token)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "transfo.test"
    assert entry["message"] == "Invitation envoyée à 12"
    assert entry["request_id"] == "req-12345678"
    assert entry["time"].endswith("+00:00")
    assert "task_id" not in entry


def test_json_line_keeps_extra_fields_and_the_traceback():
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord(
            "transfo.test", logging.ERROR, __file__, 1, "failed", (), sys.exc_info()
        )
    record.status_code = 500
    record.request = object()  # Django's request logs: not dumped
    entry = format_json(record)
    assert entry["status_code"] == 500
    assert "request" not in entry
    assert "ValueError: boom" in entry["exception"]
    assert "request_id" not in entry


def test_json_line_of_gunicorn_access_log_has_the_access_fields():
    atoms = {"m": "GET", "U": "/cas/", "s": "200", "B": 5120, "D": 12345}
    atoms["{x-request-id}o"] = "req-abcdef12"
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, "%(m)s %(U)s %(s)s", (atoms,), None
    )
    entry = format_json(record)
    assert entry["message"] == "GET /cas/ 200"
    assert entry["method"] == "GET"
    assert entry["path"] == "/cas/"
    assert entry["status"] == 200
    assert entry["duration_ms"] == 12.3
    assert entry["request_id"] == "req-abcdef12"


def test_logging_settings_choose_json_or_text():
    assert observability.logging_config(json_lines=True)["handlers"]["console"]["formatter"] == (
        "json"
    )
    text = observability.logging_config(json_lines=False)
    assert text["handlers"]["console"]["formatter"] == "plain"
    assert "%(request_id)s" in text["formatters"]["plain"]["format"]


# Celery: the request id travels with the task


def test_task_run_from_a_request_logs_with_its_request_id(db, records, task_seen):
    token = observability.request_id.set("req-from-view")
    try:
        note_request_id.delay()
        assert observability.request_id.get() == "req-from-view"
    finally:
        observability.request_id.reset(token)
    assert task_seen == ["req-from-view"]
    in_task = [r for r in records if r.name == "tests.task"]
    assert in_task[0].request_id == "req-from-view"
    assert in_task[0].task_name == note_request_id.name


def test_task_header_sets_the_request_id_then_restores_the_caller_s(db, task_seen):
    token = observability.request_id.set("req-caller")
    try:
        note_request_id.apply_async(headers={"request_id": "req-from-header"})
        assert observability.request_id.get() == "req-caller"
    finally:
        observability.request_id.reset(token)
    assert task_seen == ["req-from-header"]


def test_a_worker_reads_the_header_from_the_task_request(task_seen):
    """On a worker, the message's headers are attributes of `task.request`."""

    class Request:
        headers = None
        request_id = "req-from-worker"

    class Task:
        name = "some.task"
        request = Request()

    task = Task()
    observability.enter_task(task=task, task_id="t-1")
    try:
        assert observability.request_id.get() == "req-from-worker"
        assert observability.current_task.get() == {"name": "some.task", "id": "t-1"}
    finally:
        observability.leave_task(task=task)
    assert observability.request_id.get() == ""
    assert observability.current_task.get() is None


def test_a_published_message_carries_the_request_id_header(db, settings, monkeypatch):
    """Published to the in-memory broker (not run): the header is on the message."""
    from celery.signals import before_task_publish

    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setitem(celery_app.conf, "broker_url", "memory://")
    published = []

    def capture(headers=None, **kwargs):
        published.append(dict(headers))

    before_task_publish.connect(capture, weak=False)
    token = observability.request_id.set("req-published")
    try:
        note_request_id.apply_async()
        note_request_id.apply_async(headers={"request_id": "req-given"})
    finally:
        observability.request_id.reset(token)
        before_task_publish.disconnect(capture)
    # The receivers run in connection order: ours (transfo.celery) first.
    assert [h["request_id"] for h in published] == ["req-published", "req-given"]
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge("celery")


# Through the outbox


@pytest.fixture
def session(transfo, ambassadeur, peer, pilote):
    return session_with_programme(transfo, numero=3)


def test_outbox_row_keeps_the_request_id_and_sends_it_as_header(
    client, resident, session, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []

    def fake_apply_async(args=None, kwargs=None, **options):
        sent.append(options.get("headers"))

    monkeypatch.setattr(celery_app.tasks[PUBLISH_TASK], "apply_async", fake_apply_async)
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("collectivites:session_publish", args=["strasbourg", 3]),
            headers={"X-Request-ID": "req-publish-1"},
        )
    assert response.status_code == 302
    row = TacheEnAttente.objects.get(task=PUBLISH_TASK)
    assert row.request_id == "req-publish-1"
    assert sent == [{"request_id": "req-publish-1"}]


def test_outbox_sweep_sends_the_row_s_request_id_not_its_own(db, monkeypatch):
    sent = []

    def fake_apply_async(args=None, kwargs=None, **options):
        sent.append(options.get("headers"))

    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setattr(celery_app.tasks[PUBLISH_TASK], "apply_async", fake_apply_async)
    TacheEnAttente.objects.create(task=PUBLISH_TASK, args=[1], request_id="req-old-request")
    TacheEnAttente.objects.create(task=PUBLISH_TASK, args=[2])  # enqueued outside a request
    token = observability.request_id.set("req-of-the-sweep")
    try:
        assert outbox.publish_pending(older_than=timedelta(0)) == 2
    finally:
        observability.request_id.reset(token)
    assert sent == [{"request_id": "req-old-request"}, {}]


# Sentry

PROBE = """
import json, django
django.setup()
import sentry_sdk
from sentry_sdk.scope import should_send_default_pii
client = sentry_sdk.get_client()
print(json.dumps({
    "active": client.is_active(),
    "pii": should_send_default_pii(),
    "traces": client.options.get("traces_sample_rate"),
    "bodies": client.options.get("max_request_body_size"),
    "locals": client.options.get("include_local_variables"),
    "environment": client.options.get("environment"),
}))
client.close(timeout=0)
"""


def sentry_settings(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith("SENTRY_")}
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", PROBE],
        env={**base, "DJANGO_SETTINGS_MODULE": "transfo.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sentry_is_off_without_dsn():
    assert sentry_settings()["active"] is False


def test_sentry_with_dsn_sends_no_personal_data():
    values = sentry_settings(
        SENTRY_DSN="https://public@sentry.invalid/1",
        SENTRY_TRACES_SAMPLE_RATE="0.25",
        SENTRY_ENVIRONMENT="recette",
    )
    assert values == {
        "active": True,
        "pii": False,
        "traces": 0.25,
        "bodies": "never",
        "locals": False,
        "environment": "recette",
    }
