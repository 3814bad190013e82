"""Dates and times as the French administration writes them, one way everywhere (issue 21,
item 6): "1er avril 2026", "juil. 2019", "9 h", "11 h 24"."""

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template

from transfo.dates import NBSP, french_date, french_datetime, french_time

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "style", "expected"),
    [
        (datetime.date(2026, 4, 1), "long", "1er avril 2026"),
        (datetime.date(2018, 6, 21), "long", "21 juin 2018"),
        (datetime.date(2026, 4, 1), "weekday", "mercredi 1er avril 2026"),
        (datetime.date(2026, 4, 1), "day_month", "1er avril"),
        (datetime.date(2019, 10, 3), "weekday_day_month", "jeudi 3 octobre"),
        (datetime.date(2019, 7, 1), "short", "1er juil. 2019"),
        (datetime.date(2018, 8, 21), "short_day_month", "21 août"),
        (datetime.date(2017, 1, 25), "short_month_year", "janv. 2017"),
        (datetime.date(2017, 2, 25), "short_month_year", "févr. 2017"),
        (datetime.date(2016, 9, 1), "month_year", "septembre 2016"),
    ],
)
def test_dates_are_written_in_words_with_1er_and_the_standard_abbreviations(value, style, expected):
    assert french_date(value, style) == expected


def test_times_use_h_without_leading_zero_and_drop_minutes_on_the_hour():
    assert french_time(datetime.time(9, 30)) == f"9{NBSP}h{NBSP}30"
    assert french_time(datetime.time(11, 24)) == f"11{NBSP}h{NBSP}24"
    assert french_time(datetime.time(14, 0)) == f"14{NBSP}h"
    assert french_time(datetime.time(9, 5)) == f"9{NBSP}h{NBSP}05"


def test_a_moment_is_written_in_paris_time():
    # 22:30 UTC on 31 March is 00:30 on 1 April in Paris (summer time).
    moment = datetime.datetime(2026, 3, 31, 22, 30, tzinfo=datetime.UTC)
    assert french_datetime(moment) == f"1er avril 2026 à 0{NBSP}h{NBSP}30"
    paris = datetime.datetime(2026, 1, 15, 11, 24, tzinfo=ZoneInfo("Europe/Paris"))
    assert french_datetime(paris) == f"15 janvier 2026 à 11{NBSP}h{NBSP}24"


def test_empty_values_write_nothing():
    assert french_date(None) == french_time(None) == french_datetime(None) == ""


def test_the_filters_are_in_every_template_without_loading():
    moment = datetime.datetime(2026, 3, 31, 22, 30, tzinfo=datetime.UTC)
    rendered = Template(
        '{{ d|fr_date }}|{{ d|fr_date:"weekday" }}|{{ t|fr_time }}|{{ m|fr_datetime }}|{{ m|fr_date }}'
    ).render(Context({"d": datetime.date(2026, 5, 1), "t": datetime.time(9), "m": moment}))
    assert rendered == (
        f"1er mai 2026|vendredi 1er mai 2026|9{NBSP}h|1er avril 2026 à 0{NBSP}h{NBSP}30|1er avril 2026"
    )


# A template may still use Django's |date and |time for machine-readable values only:
# `datetime` attributes (ISO 8601) and feeds' RFC dates.
MACHINE_FORMATS = {"'Y-m-d'", '"Y-m-d"', "'c'", '"c"', "'r'", '"r"', "'H:i'"}
FILTER = re.compile(r"\|(?:date|time)(?::(\"[^\"]*\"|'[^']*'))?")


def test_no_template_writes_a_date_or_time_for_people_its_own_way():
    offenders = []
    for path in sorted(ROOT.glob("templates/**/*")) + sorted(ROOT.glob("*/templates/**/*")):
        if not path.is_file() or ".venv" in path.parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in FILTER.finditer(line):
                if match[1] not in MACHINE_FORMATS:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {match[0]}")
    assert not offenders, "use fr_date, fr_time or fr_datetime:\n" + "\n".join(offenders)


def test_no_python_module_formats_a_date_or_time_for_people_its_own_way():
    # CSV columns keep dd/mm/yyyy, which spreadsheets read as dates.
    pattern = re.compile(r"(?:date_format|time_format)\((?![^)]*\"d/m/Y\"|[^)]*'d/m/Y')")
    offenders = []
    for path in sorted(ROOT.glob("*/**/*.py")):
        parts = path.relative_to(ROOT).parts
        if parts[0] in (".venv", "tests", "bench") or "migrations" in parts:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not offenders, "use transfo.dates:\n" + "\n".join(offenders)
