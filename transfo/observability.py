"""What production sees of the platform: request ids, structured logs, Sentry.

- Every request gets an id (`RequestIdMiddleware`): the proxy's `X-Request-ID` when it is
  well-formed, a fresh one otherwise. It goes back on the response header, on every log
  record of the request (`RequestContextFilter`), and on every Celery task the request
  enqueues (a message header set by `before_task_publish`, restored by `task_prerun`), so
  a task's logs carry the id of the request that asked for it; the outbox keeps it on its
  rows for the tasks it sends later (transfo.outbox).
- Logs are JSON lines in production (`JsonFormatter`, one object a line on stdout) and
  plain text in development (settings.LOGGING, `LOG_FORMAT`); gunicorn.conf.py uses the same
  formatter for gunicorn's own and access logs.
- Sentry reports errors of web and worker when `SENTRY_DSN` is set (`init_sentry`), without
  personal data.

This module reads no setting at import time: settings.py and gunicorn.conf.py import it.

Why not django-guid and python-json-logger (issue 23 asked): django-guid 3.6's Celery
integration writes the current id over every published task's header and clears the id
when a task ends. The outbox sends later, from its sweep, the id of the request that
enqueued the row (`test_outbox_sweep_sends_the_row_s_request_id_not_its_own`), and a task
run in the request in eager mode (the embedded default) would leave the rest of the request
without its id (`test_task_header_sets_the_request_id_then_restores_the_caller_s`); it
also trusts any id a message carries. Working around that would take as many lines as the
ones below. python-json-logger would replace `JsonFormatter` only by a subclass that renames
its fields and reads gunicorn's access atoms: no fewer lines, one more dependency.
"""

import json
import logging
import re
import uuid
from contextvars import ContextVar
from datetime import UTC, datetime

from django.core.signals import request_finished

REQUEST_ID_HEADER = "X-Request-ID"
# The header of the Celery messages that carries the id of the request behind a task.
TASK_HEADER = "request_id"
# What a proxy's id may look like to be kept: no spaces, quotes or line breaks in the logs.
WELL_FORMED_ID = re.compile(r"[A-Za-z0-9._:+=/-]{8,128}")

request_id = ContextVar("request_id", default="")
current_task = ContextVar("current_task", default=None)


def new_request_id():
    return uuid.uuid4().hex


def accepted_request_id(value):
    """The proxy's id when it is well-formed, else None (a fresh one is made)."""
    if value and WELL_FORMED_ID.fullmatch(value):
        return value
    return None


class RequestIdMiddleware:
    """First of the middleware: gives the request its id (`request.request_id`), puts it on
    the response's `X-Request-ID` header and on the logs written while it runs."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = accepted_request_id(request.headers.get(REQUEST_ID_HEADER)) or new_request_id()
        request.request_id = rid
        # Cleared when the response is closed (request_finished), not on the way out: Django
        # logs 4xx responses after the middleware chain has returned.
        request_id.set(rid)
        _tag_sentry(rid)
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = rid
        return response


def _end_request(**kwargs):
    request_id.set("")


request_finished.connect(_end_request, dispatch_uid="transfo.observability.end_request")


def _tag_sentry(rid):
    """Sentry's events of this request or task carry its id (nothing without SENTRY_DSN)."""
    import sentry_sdk

    if sentry_sdk.get_client().is_active():
        sentry_sdk.set_tag("request_id", rid)


# Celery: the request id travels as a message header (signals connected in transfo.celery).


def add_request_id_header(headers=None, **kwargs):
    """`before_task_publish`: a task published while a request (or a task) runs carries its id,
    unless the publisher gave one (the outbox gives the id of the row's request)."""
    rid = request_id.get()
    if headers is not None and rid and not headers.get(TASK_HEADER):
        headers[TASK_HEADER] = rid


def enter_task(task=None, task_id=None, **kwargs):
    """`task_prerun`: the task's logs carry the request id of its message and its own name and
    id. In eager mode (no broker) the header is in `request.headers`; without one, a task run
    in-process keeps the id of the request running it."""
    context = task.request
    rid = getattr(context, TASK_HEADER, None) or (context.headers or {}).get(TASK_HEADER)
    tokens = (
        request_id.set(accepted_request_id(rid) or request_id.get()),
        current_task.set({"name": task.name, "id": task_id}),
    )
    context.transfo_log_tokens = tokens
    _tag_sentry(request_id.get())


def leave_task(task=None, **kwargs):
    """`task_postrun`: back to the context the task was run from (the request, in eager mode)."""
    tokens = getattr(task.request, "transfo_log_tokens", None)
    if tokens is None:
        return
    task.request.transfo_log_tokens = None
    for var, token in zip((request_id, current_task), tokens, strict=True):
        try:
            var.reset(token)
        except ValueError:  # set in another context: back to no request, no task
            var.set("" if var is request_id else None)


def connect_celery_signals():
    from celery import signals

    signals.before_task_publish.connect(add_request_id_header, weak=False)
    signals.task_prerun.connect(enter_task, weak=False)
    signals.task_postrun.connect(leave_task, weak=False)
    # The worker keeps Django's LOGGING (JSON in production) instead of its own format.
    signals.setup_logging.connect(_keep_django_logging, weak=False)


def _keep_django_logging(**kwargs):
    """Celery configures logging only when no receiver answers this signal: Django already
    has (settings.LOGGING, applied by django.setup() in the worker)."""


# Logging


class RequestContextFilter(logging.Filter):
    """Puts `request_id`, `task_name` and `task_id` on every record (empty outside a request
    or a task), for the formatters; set on the handlers, so every logger's records get them."""

    def filter(self, record):
        task = current_task.get() or {}
        record.request_id = getattr(record, "request_id", "") or request_id.get()
        record.task_name = task.get("name", "")
        record.task_id = task.get("id", "")
        return True


# The attributes every LogRecord has: the others were given through `extra=`.
RECORD_ATTRIBUTES = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
    "task_name",
    "task_id",
    "taskName",
    # Django's request logs carry the request object: its path is already in the message.
    "request",
}


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, the request and
    task ids when there are, the fields given through `extra=`, and the traceback."""

    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ("request_id", "task_name", "task_id"):
            if getattr(record, key, ""):
                entry[key] = getattr(record, key)
        if record.name == "gunicorn.access" and isinstance(record.args, dict):
            entry.update(_access_fields(record.args))
        for key, value in vars(record).items():
            if key not in RECORD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def _access_fields(atoms):
    """gunicorn's access-log atoms as fields; the request id from the response header."""
    fields = {
        "method": atoms.get("m"),
        "path": atoms.get("U"),
        "status": int(atoms["s"]) if str(atoms.get("s", "")).isdigit() else atoms.get("s"),
        "bytes": atoms.get("B"),
        "duration_ms": round(int(atoms.get("D") or 0) / 1000, 1),
    }
    rid = atoms.get("{x-request-id}o")
    if rid and rid != "-":
        fields["request_id"] = rid
    return fields


def logging_config(*, json_lines, level="INFO"):
    """settings.LOGGING: JSON lines or plain text on stdout/stderr, request ids on each."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"context": {"()": "transfo.observability.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "transfo.observability.JsonFormatter"},
            "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "json" if json_lines else "plain",
                "filters": ["context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "django.db.backends": {"level": "WARNING"},
            "django_tasks": {"level": "WARNING"},
        },
    }


# Sentry


def init_sentry(dsn, *, environment, release, traces_sample_rate):
    """Errors (and a sample of traces) of web and worker to Sentry, no personal data: no user,
    cookies, IP address or request body, no local variables, task arguments masked."""
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        # No send_default_pii: unset, the SDK sends no personal data (setting it, even to
        # False, is deprecated in favour of `data_collection`, whose defaults collect more).
        max_request_body_size="never",
        include_local_variables=False,
        traces_sample_rate=traces_sample_rate,
    )
