"""What leaves the planner: mails, the calendar feed and the PDF — never the résidents' notes."""

from datetime import UTC, date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from collectivites.choices import Role, StatutSession
from collectivites.models import Bloc, Session
from collectivites.tasks import (
    CHANGE_QUIET_PERIOD,
    notify_modified_sessions,
    send_session_published,
    send_session_reminders,
)
from tests.collectivites.factories import (
    MethodeFactory,
    ParticipationFactory,
    session_with_programme,
)

SECRET = "NOTE-RESIDENTS-CONFIDENTIELLE"


@pytest.fixture
def weasyprint():
    """WeasyPrint needs Pango (Debian: libpango-1.0-0, libpangoft2-1.0-0); CI installs it."""
    import os

    try:
        import weasyprint
    except OSError as error:
        if os.environ.get("CI"):
            raise
        pytest.skip(f"WeasyPrint cannot load its system libraries: {error}")
    return weasyprint


@pytest.fixture
def session(transfo):
    session = session_with_programme(
        transfo, numero=9, days=2, blocks=3, titre="Labo et cas pratique"
    )
    Bloc.objects.filter(jour__session=session).update(notes_residents=SECRET)
    return session


def test_publishing_mails_the_group_once_without_private_notes(
    client,
    resident,
    ambassadeur,
    peer,
    pilote,
    other_member,
    session,
    django_capture_on_commit_callbacks,
):
    ParticipationFactory(transfo=session.transfo, role=Role.AMBASSADEUR, sortie=True)
    client.force_login(resident)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("collectivites:session_publish", args=["strasbourg", 9]))
    assert response.status_code == 302
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([ambassadeur.email, peer.email, pilote.email])
    message = mail.outbox[0]
    assert "Programme de la session n°9 : Labo et cas pratique" in message.subject
    assert "jeudi 25 juin 2026" in message.body
    assert "9\u00a0h–10\u00a0h  Bloc 1.1" in message.body
    assert SECRET not in message.body
    # The task is idempotent: running it again sends nothing.
    assert send_session_published(session.pk) == 0
    assert len(mail.outbox) == 3


def test_changes_to_a_published_programme_notify_once_per_batch(ambassadeur, session):
    session.publish()
    send_session_published(session.pk)
    mail.outbox.clear()
    for _ in range(5):
        session.touch()
    assert notify_modified_sessions() == 0  # still being edited
    Session.objects.filter(pk=session.pk).update(modifiee_le=timezone.now() - CHANGE_QUIET_PERIOD)
    assert notify_modified_sessions() == 1
    assert notify_modified_sessions() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject.startswith("[La Transfo] Programme modifié : session n°9")
    assert SECRET not in mail.outbox[0].body


def test_publishing_alone_is_not_a_modification(ambassadeur, session):
    session.publish()
    send_session_published(session.pk)
    mail.outbox.clear()
    session.refresh_from_db()
    assert not session.is_modified
    Session.objects.filter(pk=session.pk).update(
        publiee_le=timezone.now() - 2 * CHANGE_QUIET_PERIOD
    )
    assert notify_modified_sessions() == 0
    assert mail.outbox == []
    session.touch()  # an edit after publishing still counts
    session.refresh_from_db()
    assert session.is_modified
    Session.objects.filter(pk=session.pk).update(modifiee_le=timezone.now() - CHANGE_QUIET_PERIOD)
    assert notify_modified_sessions() == 1


def test_reminder_goes_a_few_days_before_once(ambassadeur, transfo):
    soon = session_with_programme(transfo, numero=3, days=2, blocks=1, statut=StatutSession.PUBLIEE)
    later = session_with_programme(
        transfo, numero=4, days=2, blocks=1, statut=StatutSession.PUBLIEE
    )
    draft = session_with_programme(transfo, numero=5, days=2, blocks=1)
    today = timezone.localdate()
    for session, offset in [(soon, 2), (later, 20), (draft, 1)]:
        for day in session.jours.all():
            day.date = today + timedelta(days=offset + day.position)
            day.save()
    assert send_session_reminders() == 1
    assert send_session_reminders() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [ambassadeur.email]
    assert mail.outbox[0].subject.startswith("[La Transfo] Rappel : session n°3 le ")


def test_calendar_feed_has_one_event_per_day_and_no_private_notes(
    client, ambassadeur, session, transfo
):
    session.publish()
    session_with_programme(transfo, numero=10, days=2, blocks=1)  # a draft: not in the feed
    response = client.get(reverse("collectivites:calendar_feed", args=[ambassadeur.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert {"private", "no-store"} <= {
        part.strip() for part in response["Cache-Control"].split(",")
    }
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert len(events) == 2
    first = sorted(events, key=lambda e: e.decoded("dtstart"))[0]
    assert first.decoded("dtstart").date() == date(2026, 6, 25)
    assert first.decoded("dtstart").hour == 9
    assert "session n°9, jour 1/2" in str(first.get("summary"))
    assert "Bloc 1.1" in str(first.get("description"))
    assert SECRET.encode() not in response.content


def test_calendar_token_reset_kills_the_old_address(client, ambassadeur):
    old = ambassadeur.calendar_token
    client.force_login(ambassadeur)
    client.post(reverse("collectivites:calendar_reset"))
    client.logout()
    assert client.get(reverse("collectivites:calendar_feed", args=[old])).status_code == 404
    ambassadeur.refresh_from_db()
    assert ambassadeur.calendar_token != old
    assert (
        client.get(
            reverse("collectivites:calendar_feed", args=[ambassadeur.calendar_token])
        ).status_code
        == 200
    )


def test_calendar_of_another_transfo_member_has_none_of_these_sessions(
    client, other_member, session
):
    session.publish()
    response = client.get(
        reverse("collectivites:calendar_feed", args=[other_member.calendar_token])
    )
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


def test_pdf_of_the_programme(client, ambassadeur, session, weasyprint):
    session.publish()
    client.force_login(ambassadeur)
    response = client.get(reverse("collectivites:session_pdf", args=["strasbourg", 9]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="strasbourg-session-9.pdf"'
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    session.refresh_from_db()
    assert session.pdf_ready
    assert SECRET.encode() not in content  # the text is compressed; checked on the HTML below


def test_pdf_html_has_programme_without_private_notes(session):
    from django.template.loader import render_to_string

    session = Session.objects.with_programme().get(pk=session.pk)
    html = render_to_string(
        "collectivites/session_programme_pdf.html",
        {
            "session": session,
            "transfo": session.transfo,
            "days": [d.schedule() for d in session.days()],
        },
    )
    assert "Bloc 2.3" in html
    assert SECRET not in html


def test_pdf_of_a_draft_is_refused_to_ambassadeurs(client, ambassadeur, session):
    client.force_login(ambassadeur)
    assert (
        client.get(reverse("collectivites:session_pdf", args=["strasbourg", 9])).status_code == 404
    )


def test_toolbox_is_public_searchable_and_filterable(client, db):
    MethodeFactory(nom="Débat mouvant", famille="labo", objectif="Se positionner dans l'espace.")
    MethodeFactory(nom="Fiche idée", famille="ideation", objectif="Formaliser une idée.")
    content = client.get("/methodes/").content.decode()
    assert "Débat mouvant" in content and "Fiche idée" in content
    content = client.get("/methodes/?q=espace").content.decode()
    assert "Débat mouvant" in content and "Fiche idée" not in content
    content = client.get("/methodes/?famille=ideation").content.decode()
    assert "Fiche idée" in content and "Débat mouvant" not in content
    assert "Aucune méthode ne correspond" in client.get("/methodes/?q=introuvable").content.decode()


def test_methode_page_shows_roles_and_where_used_publicly(client, transfo):
    methode = MethodeFactory(nom="Immersion en trinôme", slug="immersion")
    methode.roles.create(nom="Journaliste", mission="Mener l'entretien")
    methode.save()
    published = session_with_programme(
        transfo, numero=1, days=1, blocks=1, statut=StatutSession.PUBLIEE
    )
    draft = session_with_programme(transfo, numero=2, days=1, blocks=1)
    Bloc.objects.filter(jour__session__in=[published, draft]).update(methode=methode)
    content = client.get("/methodes/immersion/").content.decode()
    assert "Journaliste" in content
    assert "Transfo Strasbourg</a> : 1 session" in content


@pytest.mark.parametrize("count", [5, 40])
def test_toolbox_queries_do_not_grow(client, db, django_assert_max_num_queries, count):
    MethodeFactory.create_batch(count)
    # count for pagination, the page of méthodes
    with django_assert_max_num_queries(3):
        assert client.get("/methodes/").status_code == 200


def test_calendar_times_are_right_for_a_client_reading_only_the_file(client, ambassadeur, session):
    """Every TZID has its VTIMEZONE (RFC 5545 §3.2.19): a client that resolves times from the
    file alone (ical.js, Thunderbird) reads 9:00 in Paris, not 9:00 UTC (issue 22, item 1)."""
    session.publish()
    content = client.get(
        reverse("collectivites:calendar_feed", args=[ambassadeur.calendar_token])
    ).content
    calendar = Calendar.from_ical(content)
    zones = {str(zone["tzid"]): zone for zone in calendar.walk("VTIMEZONE")}
    assert set(zones) == {"Europe/Paris"}
    for event in calendar.walk("VEVENT"):
        start = event["dtstart"]
        assert start.params["TZID"] == "Europe/Paris"
        # The time as the file alone defines it: the wall-clock time and the VTIMEZONE's rules.
        from_file = start.dt.replace(tzinfo=zones["Europe/Paris"].to_tz())
        assert from_file.utcoffset() == timedelta(hours=2)  # 25 June: summer time
        assert from_file.astimezone(UTC).hour == 7


def test_calendar_dtstamp_is_the_last_change_not_the_fetch(client, ambassadeur, session):
    session.publish()
    url = reverse("collectivites:calendar_feed", args=[ambassadeur.calendar_token])
    first = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    again = Calendar.from_ical(client.get(url).content).walk("VEVENT")[0]
    session.refresh_from_db()
    changed = session.updated_at.replace(microsecond=0)  # iCalendar counts whole seconds
    assert first.decoded("dtstamp") == again.decoded("dtstamp") == changed
    assert first.decoded("last-modified") == changed
