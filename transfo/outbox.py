"""Transactional outbox: Celery tasks that survive a rollback and a broker outage.

`enqueue(task, *args, **kwargs)` replaces `transaction.on_commit(lambda: task.delay(...))`.
It writes a `TacheEnAttente` row in the caller's transaction and, once that commits, hands
the task to the broker and marks the row sent. So:

- on rollback the row goes with the transaction: nothing is sent;
- with the broker down, the change is stored and the request answers normally: the error is
  logged on the row, which stays pending until `publish_pending` (the beat sweep, every
  minute) sends it once the broker is back;
- a row is locked (`select_for_update(skip_locked=True)`), sent and marked in one database
  transaction, so two publishers (the request and a sweep, or two sweeps) never send it
  twice. Delivery is at least once: if the process dies after the broker took the task but
  before the mark commits, a sweep sends it again; the project's tasks are idempotent (they
  record what they did and do nothing the second time).

In eager mode (no broker: development and tests) the task runs in-process on commit, as
`.delay()` did, and the row is marked sent first.

The row keeps the id of the request that enqueued it and sends it as the task's header
(transfo.observability), so the task's logs carry it even when a sweep sends it later.
"""

import importlib
import logging
from datetime import timedelta

from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils import timezone
from kombu.exceptions import OperationalError

from transfo import observability
from transfo.celery import app
from transfo.models import TacheEnAttente

logger = logging.getLogger(__name__)

# The sweep leaves young rows to the publication their request registered on commit.
SWEEP_DELAY = timedelta(seconds=30)
SWEEP_BATCH = 500
BROKER_ERRORS = (OperationalError, ConnectionError, OSError)


def enqueue(task, *args, **kwargs):
    """Send `task(*args, **kwargs)` once the current transaction commits (now, outside one).

    The arguments are stored as JSON, as Celery would send them: pass ids, not objects.
    """
    row = TacheEnAttente.objects.create(
        task=task.name,
        args=list(args),
        kwargs=kwargs,
        request_id=observability.request_id.get(),
    )
    transaction.on_commit(lambda: publish(row.pk))
    return row


def publish(pk):
    """Hand one pending task to the broker; True when this call sent it.

    A broker (or any) error is logged and recorded on the row, left pending for the sweep:
    it never reaches the request whose change is already committed. In eager mode the task
    runs here and its errors propagate, as with `.delay()`.
    """
    if app.conf.task_always_eager:
        return _run_eagerly(pk)
    try:
        return _send(pk, retry=False)
    except Exception as error:
        _record_failure(pk, error)
        return False


def publish_pending(older_than=SWEEP_DELAY, limit=SWEEP_BATCH):
    """Send the pending tasks older than `older_than`, oldest first; the number sent.

    Stops at the first broker error (the broker is still down): the next sweep goes on. A
    row failing for its own reason is recorded and skipped, so it cannot hold up the others.
    """
    cutoff = timezone.now() - older_than
    pending = list(
        TacheEnAttente.objects.filter(sent_at__isnull=True, created_at__lte=cutoff)
        .order_by("created_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for pk in pending:
        if app.conf.task_always_eager:
            sent += _run_eagerly(pk)
            continue
        try:
            sent += _send(pk, retry=True)
        except BROKER_ERRORS as error:
            _record_failure(pk, error)
            break
        except Exception as error:  # this row's own fault (unknown task...): the next ones go
            _record_failure(pk, error)
    return sent


def _send(pk, *, retry):
    """Lock the row, publish its task and mark it sent, all in one transaction."""
    with transaction.atomic():
        row = (
            TacheEnAttente.objects.select_for_update(skip_locked=True)
            .filter(pk=pk, sent_at__isnull=True)
            .first()
        )
        if row is None:  # already sent, or being sent by another publisher right now
            return False
        _task(row.task).apply_async(
            args=row.args,
            kwargs=row.kwargs,
            task_id=f"outbox-{row.pk}",
            retry=retry,
            headers=_headers(row),
        )
        TacheEnAttente.objects.filter(pk=pk).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1, last_error=""
        )
    return True


def _run_eagerly(pk):
    """No broker: claim the row (marked sent), then run the task in-process."""
    row = TacheEnAttente.objects.filter(pk=pk, sent_at__isnull=True).first()
    claimed = (
        row is not None
        and TacheEnAttente.objects.filter(pk=pk, sent_at__isnull=True).update(
            sent_at=timezone.now(), attempts=F("attempts") + 1
        )
        == 1
    )
    if claimed:
        _task(row.task).apply_async(args=row.args, kwargs=row.kwargs, headers=_headers(row))
    return claimed


def _headers(row):
    return {observability.TASK_HEADER: row.request_id} if row.request_id else {}


def _record_failure(pk, error):
    logger.warning("Task #%s not sent, left pending for the outbox sweep: %r", pk, error)
    try:
        TacheEnAttente.objects.filter(pk=pk).update(
            attempts=F("attempts") + 1, last_error=repr(error)[:2000]
        )
    except DatabaseError:
        logger.exception("Task #%s: the failure could not be recorded", pk)


def _task(name):
    """The registered task called `name`, importing its module if this process has not."""
    if name not in app.tasks:
        importlib.import_module(name.rpartition(".")[0])
    return app.tasks[name]
