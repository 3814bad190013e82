from datetime import timedelta

from celery import shared_task

from transfo import outbox


@shared_task
def publish_pending(older_than=None):
    """Every minute: send the outbox's tasks the broker missed (transfo.outbox)."""
    delay = outbox.SWEEP_DELAY if older_than is None else timedelta(seconds=older_than)
    return outbox.publish_pending(older_than=delay)
