"""The transactional outbox: a committed change always gets its task, once; a rolled-back one
never does; a broker outage loses nothing and never fails the request (transfo.outbox)."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from collectivites.choices import StatutSession
from collectivites.models import Session
from collectivites.tasks import send_session_published
from tests.collectivites.factories import session_with_programme
from transfo import outbox
from transfo.celery import app as celery_app
from transfo.models import TacheEnAttente
from transfo.retention import purge_past_retention

TASK = "collectivites.tasks.send_session_published"


class FakeBroker:
    """Stands for the broker behind `apply_async`: records what it is given, or is down."""

    def __init__(self):
        self.down = False
        self.sent = []

    def apply_async(self, args=None, kwargs=None, **options):
        if self.down:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        self.sent.append((args, kwargs, options["task_id"]))


@pytest.fixture
def broker(monkeypatch):
    """A real broker set-up (tasks not run in-process), the broker itself faked."""
    fake = FakeBroker()
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setattr(celery_app.tasks[TASK], "apply_async", fake.apply_async)
    return fake


@pytest.fixture
def session(transfo, ambassadeur, peer, pilote):
    return session_with_programme(transfo, numero=3)


def publish(client, resident, session, capture):
    client.force_login(resident)
    with capture(execute=True):
        return client.post(reverse("collectivites:session_publish", args=["strasbourg", 3]))


def sweep():
    return outbox.publish_pending(older_than=timedelta(0))


def test_the_task_is_written_with_the_change_and_sent_on_commit(
    client, resident, session, broker, django_capture_on_commit_callbacks
):
    response = publish(client, resident, session, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    row = TacheEnAttente.objects.get()
    assert (row.task, row.args, row.kwargs) == (TASK, [session.pk], {})
    assert row.sent_at is not None and row.attempts == 1 and row.last_error == ""
    assert broker.sent == [([session.pk], {}, f"outbox-{row.pk}")]
    assert sweep() == 0
    assert len(broker.sent) == 1


def test_nothing_is_written_or_sent_before_the_commit(
    session, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        outbox.enqueue(send_session_published, session.pk)
    assert len(callbacks) == 1
    assert broker.sent == []
    assert TacheEnAttente.objects.get().sent_at is None


def test_on_rollback_nothing_is_kept_nor_sent(session, broker, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        session.publish()
        raise RuntimeError("the request fails after the publication")

    assert callbacks == []
    assert not TacheEnAttente.objects.exists()
    assert broker.sent == []
    assert sweep() == 0
    assert Session.objects.get(pk=session.pk).statut == StatutSession.BROUILLON


def test_with_the_broker_down_the_session_is_published_and_its_task_waits(
    client, resident, session, broker, mailoutbox, django_capture_on_commit_callbacks
):
    broker.down = True
    response = publish(client, resident, session, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert Session.objects.get(pk=session.pk).statut == StatutSession.PUBLIEE
    row = TacheEnAttente.objects.get()
    assert row.sent_at is None and row.attempts == 1
    assert "Connection refused" in row.last_error
    assert broker.sent == []
    follow = client.get(response["Location"])
    assert "Programme publié" in follow.content.decode()

    # Still down: the sweep leaves it pending.
    assert sweep() == 0
    assert TacheEnAttente.objects.get().attempts == 2

    # Back: the sweep sends it once; the next sweep has nothing left.
    broker.down = False
    assert sweep() == 1
    assert broker.sent == [([session.pk], {}, f"outbox-{row.pk}")]
    row.refresh_from_db()
    assert row.sent_at is not None and row.attempts == 3 and row.last_error == ""
    assert sweep() == 0
    assert len(broker.sent) == 1
    assert mailoutbox == []


def test_after_the_outage_the_task_runs_once_and_mails_the_group_once(
    client,
    resident,
    ambassadeur,
    peer,
    pilote,
    session,
    broker,
    mailoutbox,
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    broker.down = True
    publish(client, resident, session, django_capture_on_commit_callbacks)
    assert mailoutbox == []
    # The broker is back, and its worker stands in-process.
    monkeypatch.delattr(celery_app.tasks[TASK], "apply_async")
    monkeypatch.setitem(celery_app.conf, "task_always_eager", True)

    assert sweep() == 1
    assert sweep() == 0

    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [ambassadeur.email, peer.email, pilote.email]
    )
    assert Session.objects.get(pk=session.pk).annonce_envoyee_le is not None


def test_the_sweep_leaves_young_rows_to_their_request_and_stops_while_the_broker_is_down(
    session, broker, django_capture_on_commit_callbacks
):
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        first = outbox.enqueue(send_session_published, session.pk)
        second = outbox.enqueue(send_session_published, session.pk)

    assert outbox.publish_pending() == 0  # both younger than the sweep's delay
    TacheEnAttente.objects.update(created_at=timezone.now() - timedelta(minutes=5))
    assert outbox.publish_pending() == 0
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.attempts, second.attempts) == (2, 1)  # the sweep stopped at the first

    broker.down = False
    assert outbox.publish_pending() == 2
    assert [task_id for _, _, task_id in broker.sent] == [
        f"outbox-{first.pk}",
        f"outbox-{second.pk}",
    ]


def test_in_eager_mode_the_task_runs_on_commit(
    client, resident, session, mailoutbox, django_capture_on_commit_callbacks
):
    publish(client, resident, session, django_capture_on_commit_callbacks)

    assert len(mailoutbox) == 3  # ambassadeur, peer, pilote
    assert TacheEnAttente.objects.get().sent_at is not None
    assert sweep() == 0
    assert len(mailoutbox) == 3


def test_the_sweep_is_a_task_run_every_minute():
    celery_app.loader.import_default_modules()  # what a worker does on start: autodiscovery
    assert "transfo.tasks.publish_pending" in celery_app.tasks
    (entry,) = [
        e
        for e in settings.CELERY_BEAT_SCHEDULE.values()
        if e["task"] == "transfo.tasks.publish_pending"
    ]
    assert entry["schedule"] == 60


def test_sent_rows_are_purged_after_a_week_pending_ones_kept(
    session, broker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = outbox.enqueue(send_session_published, session.pk)
    broker.down = True
    with django_capture_on_commit_callbacks(execute=True):
        pending = outbox.enqueue(send_session_published, session.pk)
    TacheEnAttente.objects.update(created_at=timezone.now() - timedelta(days=30))
    TacheEnAttente.objects.filter(pk=sent.pk).update(sent_at=timezone.now() - timedelta(days=8))

    assert purge_past_retention()["transfo.TacheEnAttente"] == 1
    assert list(TacheEnAttente.objects.values_list("pk", flat=True)) == [pending.pk]


def test_with_the_broker_down_the_programme_pdf_page_still_answers(
    client, ambassadeur, transfo, monkeypatch, settings
):
    """Nothing is written there, so no outbox: the page says "being prepared" and asks again."""
    session = session_with_programme(transfo, numero=4, statut=StatutSession.PUBLIEE)
    fake = FakeBroker()
    fake.down = True
    settings.CELERY_TASK_ALWAYS_EAGER = False
    monkeypatch.setitem(celery_app.conf, "task_always_eager", False)
    monkeypatch.setattr(
        celery_app.tasks["collectivites.tasks.render_programme_pdf"],
        "apply_async",
        fake.apply_async,
    )
    client.force_login(ambassadeur)

    response = client.get(reverse("collectivites:session_pdf", args=["strasbourg", 4]))

    assert response.status_code == 200
    assert response["Refresh"] == "3"
    assert not Session.objects.get(pk=session.pk).pdf_ready


def test_a_row_failing_for_its_own_reason_does_not_hold_up_the_others(session, broker):
    broken = TacheEnAttente.objects.create(task="collectivites.tasks.disparue", args=[1])
    good = TacheEnAttente.objects.create(task=TASK, args=[session.pk])

    assert sweep() == 1

    broken.refresh_from_db()
    assert broken.sent_at is None and broken.attempts == 1
    assert "disparue" in broken.last_error
    assert broker.sent == [([session.pk], {}, f"outbox-{good.pk}")]
