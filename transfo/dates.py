"""Dates and times as the French administration writes them, in one place.

"1er avril 2026", "mercredi 1er avril", "juil. 2019", "9 h", "11 h 24", "1er avril 2026 à
11 h 24": the rules of the Lexique des règles typographiques en usage à l'Imprimerie
nationale, which service-public.fr and the DSFR follow (lower-case months and days, "1er"
for the first of the month, hours with "h" and no leading zero, minutes omitted on the hour,
"janv." and "juil." for short months). Pages, mails, PDFs and notices all write through
these functions (in templates, the `fr_date`, `fr_time` and `fr_datetime` filters); files
for machines (CSV columns, iCalendar, feeds, the API) keep their standard formats.

The interface is French only (settings.LANGUAGES), so these are typographic rules, not
strings to translate.
"""

import datetime

from django.utils import timezone

MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
SHORT_MONTHS = (
    "janv.",
    "févr.",
    "mars",
    "avr.",
    "mai",
    "juin",
    "juil.",
    "août",
    "sept.",
    "oct.",
    "nov.",
    "déc.",
)
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# A no-break space: "11 h 24" never breaks across lines.
NBSP = "\u00a0"

DATE_STYLES = {
    "long": "{day} {month} {year}",
    "weekday": "{weekday} {day} {month} {year}",
    "day_month": "{day} {month}",
    "weekday_day_month": "{weekday} {day} {month}",
    "short": "{day} {short_month} {year}",
    "short_day_month": "{day} {short_month}",
    "month_year": "{month} {year}",
    "short_month_year": "{short_month} {year}",
}


def _local(value):
    """A datetime in the site's time zone (Europe/Paris); dates pass unchanged."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def french_date(value, style="long"):
    """A date (or the date of a datetime, in Paris time) in words: "1er avril 2026".

    `style` is one of DATE_STYLES: "long" (the default), "weekday" ("mercredi 1er avril
    2026"), "day_month" ("1er avril"), "weekday_day_month", "short" ("1er avr. 2026"),
    "short_day_month", "month_year" ("avril 2026"), "short_month_year" ("avr. 2026").
    """
    if value in (None, ""):
        return ""
    value = _local(value)
    return DATE_STYLES[style].format(
        day="1er" if value.day == 1 else str(value.day),
        weekday=WEEKDAYS[value.weekday()],
        month=MONTHS[value.month - 1],
        short_month=SHORT_MONTHS[value.month - 1],
        year=value.year,
    )


def french_time(value):
    """A time of day (or the time of a datetime, in Paris time): "9 h", "11 h 24"."""
    if value in (None, ""):
        return ""
    value = _local(value)
    if value.minute == 0:
        return f"{value.hour}{NBSP}h"
    return f"{value.hour}{NBSP}h{NBSP}{value.minute:02d}"


def french_datetime(value):
    """A moment, in Paris time: "1er avril 2026 à 11 h 24"."""
    if value in (None, ""):
        return ""
    return f"{french_date(value)} à {french_time(value)}"
