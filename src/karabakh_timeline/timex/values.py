"""TIMEX3 value syntax: formatting resolved dates, validating values, ordering range ends."""

from __future__ import annotations

import datetime as dt
import re

# TIMEX3 value grammar (TimeML 1.2.1), the subset this tagger can produce plus what TimeBank
# uses. Used by the tests and as a last safety net before a Timex is returned.
_DATE = (
    r"(?:\d{2}|\d{3}|\d{4}|[\dX]{4}(?:-(?:[\dX]{2}(?:-[\dX]{2})?|Q[1-4X]|H[12X]|SP|SU|FA|WI"
    r"|W[\dX]{2}(?:-(?:WE|[1-7X]))?))?)"
)
_TIME = r"(?:T(?:MO|AF|EV|NI|DT|\d{2}(?::\d{2}(?::\d{2})?)?))"
_AMOUNT = r"[\dX]+(?:\.\d+)?"
_DUR = rf"(?:P(?:(?:{_AMOUNT}[YMWDQECL])+(?:T(?:{_AMOUNT}[HMS])+)?|T(?:{_AMOUNT}[HMS])+))"
VALUE_RE = re.compile(
    rf"^(?:{_DATE}{_TIME}?|{_DUR}|PXX|PRESENT_REF|PAST_REF|FUTURE_REF"
    r"|XXXX-WXX-[1-7](?:T(?:MO|AF|EV|NI|\d{2}(?::\d{2})?))?|XXXX(?:-\d{2})?(?:-\d{2})?)$"
)


def is_valid_value(value: str) -> bool:
    """True when ``value`` is well-formed TIMEX3 (the subset this package emits)."""
    return bool(VALUE_RE.match(value))


def fmt_year(year: int) -> str:
    return f"{year:04d}"


def fmt_date(d: dt.date, gran: str) -> str:
    """Format a resolved date at a granularity: D day, M month, Y year, W ISO week,
    Q quarter, H half, WE weekend, E decade, C century."""
    if gran == "D":
        return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"
    if gran == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if gran == "Y":
        return fmt_year(d.year)
    if gran in ("W", "WE"):
        iso_year, week, _ = d.isocalendar()
        return f"{iso_year:04d}-W{week:02d}" + ("-WE" if gran == "WE" else "")
    if gran == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if gran == "H":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if gran == "E":
        return f"{d.year // 10:03d}"
    if gran == "C":
        return f"{d.year // 100:02d}"
    raise ValueError(gran)


_START_RE = re.compile(
    r"^(\d{2,4})(?:-(\d{2})(?:-(\d{2}))?|-Q([1-4])|-H([12])|-W(\d{2})|-(SP|SU|FA|WI))?"
)
_SEASON_MONTH = {"WI": 1, "SP": 3, "SU": 6, "FA": 9}


def start_key(value: str) -> tuple[int, int, int] | None:
    """(year, month, day) where a calendar value begins; None for non-calendar values.

    Used to keep range ends ordered: "197" starts 1970-01-01, "1998-Q3" 1998-07-01.
    """
    m = _START_RE.match(value)
    if not m:
        return None
    digits, month, day, quarter, half, week, season = m.groups()
    year = int(digits) * 10 ** (4 - len(digits))
    if month:
        return (year, int(month), int(day or 1))
    if quarter:
        return (year, 3 * int(quarter) - 2, 1)
    if half:
        return (year, 6 * int(half) - 5, 1)
    if week:
        try:
            d = dt.date.fromisocalendar(year, int(week), 1)
        except ValueError:
            return (year, 1, 1)
        return (d.year, d.month, d.day)
    if season:
        return (year, _SEASON_MONTH[season], 1)
    return (year, 1, 1)
