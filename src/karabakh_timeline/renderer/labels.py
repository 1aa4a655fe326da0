"""Dates printed at their own precision: where a TIMEX3 value becomes words.

"27 September 2020", "February 1988", "1992-1994", "9-26 October 2020",
"since 1992", "until 15 January 2021", "before 1 November 2020", "the 1970s"...
"""

from __future__ import annotations

import functools

from ..models import Event
from ..values import Span, ordinal, parse_value, time_of_day

MONTHS = (
    "January February March April May June July August September October November December"
).split()
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_PARTS_OF_DAY = {
    "MO": "morning",
    "AF": "afternoon",
    "EV": "evening",
    "NI": "night",
    "DT": "daytime",
}
_MODS = {
    "START": "early",
    "MID": "mid",
    "END": "late",
    "APPROX": "about",
    "BEFORE": "before",
    "AFTER": "after",
    "ON_OR_BEFORE": "by",
    "ON_OR_AFTER": "from",
}


@functools.lru_cache(maxsize=1 << 16)  # (pages ask for the same dates' labels again and again)
def value_label(value: str | None, mod: str | None = None) -> str:
    """A TIMEX3 value in words; the value itself when it names no calendar span."""
    if value is None:
        return "undated"
    span = parse_value(value)
    if span is None:
        return value
    label = _span_label(span, value)
    prefix = _MODS.get(mod or "")
    if prefix == "mid":
        return f"mid-{label}"
    if prefix:
        return f"{prefix} {label}"
    return f"the {label}" if span.precision in ("decade", "century") else label


def event_label(event: Event) -> str:
    """The date label of a timeline entry, intervals and open ends included."""
    if event.status == "ordered":
        if event.after:
            return f"after {value_label(event.after)}"
        return f"before {value_label(event.before)}"
    if event.open_start and event.end:
        return f"until {value_label(event.end)}"
    if event.open_end and event.start:
        return f"since {value_label(event.start, event.mod)}"
    if event.end and event.start and event.end != event.start:
        return range_label(event.start, event.end)
    return value_label(event.start, event.mod)


def range_label(start: str, end: str) -> str:
    """Two ends sharing what they can: "9-26 October 2020", "1992-1994"."""
    first, last = parse_value(start), parse_value(end)
    if first is None or last is None:
        return f"{value_label(start)}-{value_label(end)}"
    if first.precision == last.precision == "day":
        a, b = first.first, last.first
        if (a.year, a.month) == (b.year, b.month):
            return f"{a.day}-{b.day} {MONTHS[b.month - 1]} {b.year}"
        if a.year == b.year:
            return f"{a.day} {MONTHS[a.month - 1]} - {b.day} {MONTHS[b.month - 1]} {b.year}"
    if first.precision == last.precision == "month" and first.first.year == last.first.year:
        return f"{MONTHS[first.first.month - 1]}-{MONTHS[last.first.month - 1]} {last.first.year}"
    separator = "-" if first.precision == last.precision == "year" else " - "
    return f"{_span_label(first, start)}{separator}{_span_label(last, end)}"


def _span_label(span: Span, value: str) -> str:
    day = span.first
    if span.precision == "day":
        label = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        clock = time_of_day(value)
        if clock:
            label += f", {_PARTS_OF_DAY.get(clock, clock)}"
        return label
    if span.precision == "month":
        return f"{MONTHS[day.month - 1]} {day.year}"
    if span.precision == "weekend":
        saturday, sunday = span.first, span.last
        if saturday.month == sunday.month:
            return (
                f"weekend of {saturday.day}-{sunday.day} {MONTHS[sunday.month - 1]} {sunday.year}"
            )
        return (
            f"weekend of {saturday.day} {MONTHS[saturday.month - 1]} - "
            f"{sunday.day} {MONTHS[sunday.month - 1]} {sunday.year}"
        )
    if span.precision == "week":
        week = value.split("-W")[1][:2]
        return f"week {int(week)} of {value[:4]}"
    if span.precision == "quarter":
        return f"Q{value[-1]} {value[:4]}"
    if span.precision == "half":
        return f"{'first' if value.endswith('1') else 'second'} half of {value[:4]}"
    if span.precision == "season":
        return f"{_SEASONS[value[-2:]]} {value[:4]}"
    if span.precision == "decade":
        return f"{day.year}s"
    if span.precision == "century":
        return f"{ordinal(day.year // 100 + 1)} century"
    return str(day.year)
