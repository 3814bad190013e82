"""Each person's private calendar feed (iCalendar): their Transfos' published sessions."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from icalendar import Calendar, Event

from collectivites.choices import StatutSession
from collectivites.models import Session
from transfo.dates import french_time


def _programme_text(schedule):
    lines = []
    for timed in schedule.blocks:
        bloc = timed.bloc
        line = f"{french_time(timed.debut)}–{french_time(timed.fin)} {bloc.titre} ({bloc.get_type_display()})"
        if bloc.methode:
            line += f" — {bloc.methode.nom}"
        lines.append(line)
    return "\n".join(lines)


def build_calendar(user):
    tz = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//La 27e Région//La Transfo//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("La Transfo — mes sessions"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    sessions = (
        Session.objects.for_user(user)
        .exclude(statut=StatutSession.BROUILLON)
        .select_related("transfo")
        .with_programme()
        .order_by("transfo__nom", "numero")
    )
    for session in sessions:
        # A published calendar's DTSTAMP is when the event last changed (RFC 5545 §3.8.7.2),
        # not when it was fetched: clients then see an unchanged event as unchanged.
        changed = session.updated_at
        days = session.days()
        url = settings.SITE_URL + session.get_absolute_url()
        for schedule in (day.schedule() for day in days if day.date):
            day = schedule.jour
            start = datetime.combine(day.date, day.heure_debut, tzinfo=tz)
            end = start + timedelta(minutes=max(schedule.total_minutes, 60))
            event = Event()
            event.add("uid", f"transfo-session-{session.pk}-jour-{day.pk}@la-transfo")
            event.add("dtstamp", changed)
            event.add("last-modified", changed)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add(
                "summary",
                _("%(transfo)s — session n°%(n)s, jour %(day)s/%(days)s : %(titre)s")
                % {
                    "transfo": session.transfo.nom,
                    "n": session.numero,
                    "day": day.numero,
                    "days": len(days),
                    "titre": session.titre,
                },
            )
            if session.lieu:
                event.add("location", session.lieu)
            event.add("description", f"{_programme_text(schedule)}\n\n{url}")
            event.add("url", url)
            calendar.add_component(event)
    # Every TZID used gets its VTIMEZONE (RFC 5545 §3.2.19): clients that do not know
    # "Europe/Paris" by name (Mozilla's ical.js, in Thunderbird) read the times from it.
    calendar.add_missing_timezones()
    return calendar


@login_not_required
@never_cache
def calendar_feed(request, token):
    user = get_user_model().objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404
    response = HttpResponse(
        build_calendar(user).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="la-transfo.ics"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def calendar_reset(request):
    request.user.reset_calendar_token()
    messages.success(request, _("Nouvelle adresse d'agenda créée : l'ancienne ne fonctionne plus."))
    return redirect("collectivites:espace")
