"""The vade-mecum's protocol (seed 004) applied to a Transfo's sessions: hints and timeline.

Computed from sessions fetched with their days and blocks (`prefetch_related("jours",
"jours__blocs")`), so that a page shows them without further queries.
"""

from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from django.db.models import Count, Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from collectivites.choices import TypeBloc
from transfo.dates import french_date

LABO_START_SESSION = 4
LABO_DEADLINE_SESSION = 6
# "One session a month", with a week of tolerance for calendars (17 May -> 21 June is fine).
MAX_DAYS_BETWEEN_SESSIONS = 35
MAX_SESSIONS_PER_CAS = 4


@dataclass
class Hint:
    level: str  # "info", "warning"
    text: str


@dataclass
class ProtocolReport:
    jours_utilises: int
    jours_cible: int
    mois_ecoules: int
    duree_mois_cible: int
    sessions: int
    sessions_cible: int
    hints: list = field(default_factory=list)
    # Numbers of the sessions held after the protocol's duration (18 months from the start).
    sessions_hors_duree: list = field(default_factory=list)


def months_between(start, end):
    return (
        (end.year - start.year) * 12 + end.month - start.month + (1 if end.day >= start.day else 0)
    )


def _live_blocks(session):
    return [b for day in session.jours.all() for b in day.blocs.all() if b.supprime_le is None]


def _dates(session):
    return sorted(d.date for d in session.jours.all() if d.date)


def protocol_figures(transfo, sessions, today=None):
    """The ProtocolReport's figures, without hints, from plain values: `sessions` are
    (numero, number of days, last dated day or None) of the Transfo's sessions, by number.
    The one definition of them, whether the sessions come with their days or from SQL."""
    today = today or timezone.localdate()
    end = min(today, transfo.date_fin) if transfo.date_fin else today
    return ProtocolReport(
        jours_utilises=sum(days for _numero, days, _last in sessions),
        jours_cible=transfo.jours_cible,
        mois_ecoules=max(0, months_between(transfo.date_debut, end))
        if end >= transfo.date_debut
        else 0,
        duree_mois_cible=transfo.duree_mois_cible,
        sessions=len(sessions),
        sessions_cible=transfo.sessions_cible,
        sessions_hors_duree=[
            numero for numero, _days, last in sessions if _after_duration(transfo, last)
        ],
    )


def _after_duration(transfo, day):
    """Whether a day falls after the protocol's duration (18 months from the start)."""
    return day is not None and day > _add_months(transfo.date_debut, transfo.duree_mois_cible)


def protocol_report(transfo, sessions, today=None):
    """Figures and hints of a Transfo against its protocol targets."""
    today = today or timezone.localdate()
    sessions = sorted(sessions, key=lambda s: s.numero)
    report = protocol_figures(
        transfo,
        [(s.numero, len(s.jours.all()), (_dates(s) or [None])[-1]) for s in sessions],
        today=today,
    )
    days_used = report.jours_utilises
    hints = report.hints
    if days_used > transfo.jours_cible:
        hints.append(
            Hint(
                "warning",
                _("%(used)s jours d'intervention planifiés pour %(target)s prévus au protocole.")
                % {"used": days_used, "target": transfo.jours_cible},
            )
        )
    for session in sessions:
        count = len(session.jours.all())
        if count and not 2 <= count <= 3:
            hints.append(
                Hint(
                    "warning",
                    _(
                        "La session n°%(n)s dure %(days)s jour(s) : le protocole prévoit 2 à 3 jours."
                    )
                    % {"n": session.numero, "days": count},
                )
            )
        hint = _duration_hint(transfo, session)
        if hint:
            hints.append(hint)

    if labo_work_status(sessions) == LaboWork.LATE:
        hints.append(
            Hint(
                "warning",
                _(
                    "Aucun bloc « travail sur le labo » dans les sessions 1 à 6 : le protocole "
                    "demande de commencer le travail sur le futur labo entre les sessions 4 et 6."
                ),
            )
        )

    dated = sorted((s for s in sessions if _dates(s)), key=lambda s: _dates(s)[0])
    hints.extend(hint for _pair, hint in _gap_hints(dated))
    if dated and (transfo.date_fin is None or transfo.date_fin >= today):
        past = [s for s in dated if _dates(s)[-1] < today]
        upcoming = [s for s in dated if _dates(s)[0] >= today]
        if (
            past
            and not upcoming
            and (today - _dates(past[-1])[-1]).days > MAX_DAYS_BETWEEN_SESSIONS
        ):
            hints.append(
                Hint(
                    "info",
                    _("Plus d'un mois depuis la dernière session, et aucune session à venir."),
                )
            )

    for cas, count in _sessions_per_cas(sessions).values():
        if count > MAX_SESSIONS_PER_CAS:
            hints.append(
                Hint(
                    "warning",
                    _("Le cas pratique « %(cas)s » en est à %(count)s sessions : 4 au plus.")
                    % {"cas": cas, "count": count},
                )
            )
    return report


def _duration_hint(transfo, session):
    """The hint of a session held after the protocol's duration (18 months), or None."""
    dates = _dates(session)
    if dates and _after_duration(transfo, dates[-1]):
        return Hint(
            "warning",
            _("La session n°%(n)s dépasse les %(months)s mois du protocole.")
            % {"n": session.numero, "months": transfo.duree_mois_cible},
        )
    return None


def _gap_hints(dated):
    """((previous, following), Hint) for each gap of more than a month between two sessions
    following each other in `dated` (sessions with dates, by first date)."""
    for previous, following in pairwise(dated):
        gap = (_dates(following)[0] - _dates(previous)[-1]).days
        if gap > MAX_DAYS_BETWEEN_SESSIONS:
            yield (
                (previous, following),
                Hint(
                    "info",
                    _(
                        "%(gap)s jours entre la session n°%(a)s et la session n°%(b)s : le "
                        "protocole prévoit une session par mois."
                    )
                    % {"gap": gap, "a": previous.numero, "b": following.numero},
                ),
            )


def session_protocol_hints(transfo, sessions, session):
    """The sessions list's hints that concern one session (for its planner): held after the
    protocol's 18 months, more than a month after the session before it or before the one
    after it. `sessions` are the Transfo's, with their days; `session` is one of them."""
    current = next((s for s in sessions if s.pk == session.pk), None)
    if current is None:
        return []
    hints = [_duration_hint(transfo, current)]
    dated = sorted((s for s in sessions if _dates(s)), key=lambda s: _dates(s)[0])
    hints += [hint for pair, hint in _gap_hints(dated) if current in pair]
    return [hint for hint in hints if hint]


class LaboWork:
    """Whether the work on the future labo started in time (vade-mecum: sessions 4 to 6)."""

    STARTED = "started"  # a live "travail sur le labo" block in sessions 1 to 6
    LATE = "late"  # none, and the programme reaches session 6
    DUE = "due"  # none yet, the programme reaches session 4: it should start now
    NOT_YET_DUE = "not_yet_due"


def labo_work_status(sessions):
    """The LaboWork state of a Transfo from its sessions (with their days and blocks)."""
    return labo_work_status_of(
        (s.numero, any(b.type == TypeBloc.LABO for b in _live_blocks(s))) for s in sessions
    )


def labo_work_status_of(sessions):
    """The LaboWork state from (session numero, has a live labo block?) pairs: the rule, for
    sessions with their blocks (`labo_work_status`) or from SQL (`has_labo_block`)."""
    sessions = [(numero, labo) for numero, labo in sessions if numero is not None]
    if any(labo for numero, labo in sessions if numero <= LABO_DEADLINE_SESSION):
        return LaboWork.STARTED
    last = max((numero for numero, _labo in sessions), default=0)
    if last >= LABO_DEADLINE_SESSION:
        return LaboWork.LATE
    if last >= LABO_START_SESSION:
        return LaboWork.DUE
    return LaboWork.NOT_YET_DUE


def has_labo_block():
    """SQL for a Session queryset: whether the session has a live "travail sur le labo"
    block (what `labo_work_status` reads from the prefetched blocks)."""
    from collectivites.models import Bloc

    return Exists(Bloc.objects.vivants().filter(jour__session=OuterRef("pk"), type=TypeBloc.LABO))


def max_sessions_per_cas():
    """SQL for a Transfo queryset: the most sessions on one cas pratique, 0 without any; the
    sessions counted per cas as `_sessions_per_cas` does."""
    from collectivites.models import Session

    per_cas = (
        Session.objects.programmes()
        .filter(transfo=OuterRef("pk"), cas_pratiques__isnull=False)
        .values("cas_pratiques")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values("n")[:1]
    )
    return Coalesce(Subquery(per_cas), 0)


def _sessions_per_cas(sessions):
    """{cas pk: (cas, number of sessions)}, when the cas pratiques app records them on
    sessions (two cases of the same title count apart, as in `max_sessions_per_cas`)."""
    counts = {}
    for session in sessions:
        related = getattr(session, "cas_pratiques", None)
        if related is None:
            return {}
        for cas in related.all():
            counts[cas.pk] = (cas, counts.get(cas.pk, (cas, 0))[1] + 1)
    return counts


# How far past the vade-mecum's duration (18 months) a session of a Transfo without an end
# date may still be dated: room for the late sessions the protocol report flags, not years.
SPAN_MARGIN_MONTHS = 6


def session_span(transfo):
    """The first and last dates a session of the Transfo may take: from its start to its
    end, or, while it has none, to its duration plus the margin."""
    if transfo.date_fin:
        return transfo.date_debut, transfo.date_fin
    months = transfo.duree_mois_cible + SPAN_MARGIN_MONTHS
    return transfo.date_debut, _add_months(transfo.date_debut, months)


def session_date_error(transfo, day):
    """Why a session of the Transfo cannot be on `day` (outside its span), or None."""
    start, end = session_span(transfo)
    if start <= day <= end:
        return None
    if transfo.date_fin:
        why = _("sa fin")
    else:
        why = _("ses %(n)s mois et %(marge)s de marge") % {
            "n": transfo.duree_mois_cible,
            "marge": SPAN_MARGIN_MONTHS,
        }
    return _(
        "Le %(day)s est hors de la période de la Transfo : du %(start)s au %(end)s (%(why)s)."
    ) % {
        "day": french_date(day),
        "start": french_date(start),
        "end": french_date(end),
        "why": why,
    }


def _add_months(day, months):
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, 28))


@dataclass
class TimelineMonth:
    start: date
    index: int
    sessions: list
    gap: bool
    events: list = field(default_factory=list)


@dataclass
class TimelineEvent:
    date: date
    label: str
    url: str


# Other apps' events on a Transfo's timeline (the Intertransfos...), without this app
# importing them: each source is fn(transfo, start, end) -> iterable of (date, label, url),
# registered from its app's AppConfig.ready().
TIMELINE_EVENT_SOURCES = []


def register_timeline_source(fn):
    if fn not in TIMELINE_EVENT_SOURCES:
        TIMELINE_EVENT_SOURCES.append(fn)
    return fn


def timeline(transfo, sessions):
    """The Transfo's months (18 by default, more if sessions run later) with their sessions."""
    dated = [(s, _dates(s)[0]) for s in sessions if _dates(s)]
    months = transfo.duree_mois_cible
    if dated:
        months = max(months, months_between(transfo.date_debut, max(d for _, d in dated)))
    result = []
    for index in range(months):
        start = _add_months(transfo.date_debut.replace(day=1), index).replace(day=1)
        in_month = [s for s, d in dated if (d.year, d.month) == (start.year, start.month)]
        result.append(TimelineMonth(start=start, index=index + 1, sessions=in_month, gap=False))
    if result:
        span_end = _add_months(result[-1].start, 1).replace(day=1)
        by_month = {(m.start.year, m.start.month): m for m in result}
        for source in TIMELINE_EVENT_SOURCES:
            for day, label, url in source(transfo, result[0].start, span_end):
                month = by_month.get((day.year, day.month))
                if month is not None:
                    month.events.append(TimelineEvent(date=day, label=label, url=url))
    # A gap: a month without session between two months with sessions.
    filled = [m.index for m in result if m.sessions]
    for month in result:
        if filled and not month.sessions and filled[0] < month.index < filled[-1]:
            month.gap = True
    return result
