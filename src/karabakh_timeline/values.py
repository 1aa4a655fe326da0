"""TIMEX3 date values as calendar spans.

A TIMEX3 value states a date at its own precision: ``2020-10-09`` (day), ``2020-10``
(month), ``1988`` (year), ``197`` (the 1970s), ``12`` (the 13th century),
``2019-W10`` (ISO week), ``2019-FA`` (a season), ``1998-Q3`` (a quarter),
``1998-H1`` (a half year), ``2020-11-01T06:00`` (a time). The timeline needs each
as the first and last day it covers, to sort and to group; this module is the only
place that knows the syntax.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Literal

Precision = Literal[
    "century", "decade", "year", "half", "quarter", "season", "month", "week", "weekend", "day"
]

_VALUE = re.compile(
    r"""^(?:
        (?P<century>\d{2})
      | (?P<decade>\d{3})
      | (?P<year>\d{4})
        (?:
            -(?P<month>\d{2})(?:-(?P<day>\d{2})(?:T(?P<time>[0-9:.]+|MO|AF|EV|NI|DT))?)?
          | -W(?P<week>\d{2})(?:-(?P<weekday>\d|WE))?
          | -Q(?P<quarter>[1-4])
          | -H(?P<half>[12])
          | -(?P<season>SP|SU|FA|WI)
        )?
    )$""",
    re.VERBOSE,
)

# Seasons as meteorological quarters of the northern hemisphere; winter runs into the
# next year (the TIMEX3 convention: 2019-WI is the winter that begins late in 2019).
_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


@dataclass(frozen=True, slots=True)
class Span:
    """The calendar days a value covers, both ends included."""

    first: dt.date
    last: dt.date
    precision: Precision


@functools.lru_cache(maxsize=1 << 16)
def parse_value(value: str) -> Span | None:
    """The days a TIMEX3 date value covers, or None when it names no calendar span.

    ``PRESENT_REF``, durations (``P3Y``), sets and ``XXXX`` values have no fixed place
    on a calendar and give None, as does anything malformed.
    """
    match = _VALUE.match(value)
    if match is None:
        return None
    try:
        return _span(match)
    except (ValueError, OverflowError):
        return None


def _span(match: re.Match[str]) -> Span | None:
    parts = match.groupdict()
    if parts["century"] is not None:
        century = int(parts["century"])
        return _years(max(century * 100, 1), century * 100 + 99, "century")
    if parts["decade"] is not None:
        decade = int(parts["decade"])
        return _years(max(decade * 10, 1), decade * 10 + 9, "decade")
    year = int(parts["year"])
    if year < 1:
        return None
    if parts["day"] is not None:
        day = dt.date(year, int(parts["month"]), int(parts["day"]))
        return Span(day, day, "day")
    if parts["month"] is not None:
        month = int(parts["month"])
        return Span(dt.date(year, month, 1), _month_end(year, month), "month")
    if parts["week"] is not None:
        monday = dt.date.fromisocalendar(year, int(parts["week"]), 1)
        weekday = parts["weekday"]
        if weekday == "WE":  # the weekend of that week
            return Span(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6), "weekend")
        if weekday is not None:
            day = monday + dt.timedelta(days=int(weekday) - 1)
            return Span(day, day, "day")
        return Span(monday, monday + dt.timedelta(days=6), "week")
    if parts["quarter"] is not None:
        first_month = 3 * int(parts["quarter"]) - 2
        return _months(year, first_month, first_month + 2, "quarter")
    if parts["half"] is not None:
        first_month = 6 * int(parts["half"]) - 5
        return _months(year, first_month, first_month + 5, "half")
    if parts["season"] is not None:
        first_month, last_month = _SEASONS[parts["season"]]
        return _months(year, first_month, last_month, "season")
    return _years(year, year, "year")


def _years(first: int, last: int, precision: Precision) -> Span:
    return Span(dt.date(first, 1, 1), dt.date(min(last, 9999), 12, 31), precision)


def _months(year: int, first_month: int, last_month: int, precision: Precision) -> Span:
    last_year = year + (last_month - 1) // 12
    last_month = (last_month - 1) % 12 + 1
    return Span(dt.date(year, first_month, 1), _month_end(last_year, last_month), precision)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, ..., 21st."""
    suffix = "th" if 10 <= number % 100 <= 20 else _SUFFIXES.get(number % 10, "th")
    return f"{number}{suffix}"


def is_calendar_value(value: str | None) -> bool:
    """True when the value names a span of days (what a timeline entry can be placed on)."""
    return value is not None and parse_value(value) is not None


def time_of_day(value: str) -> str | None:
    """The ``HH:MM`` (or part of day code) of a TIME value, if it has one."""
    match = _VALUE.match(value)
    return match.group("time") if match else None
