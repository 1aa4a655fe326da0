"""The chronological order of events, and the year groups of the timeline.

Events are placed by the first day their date covers; at the same first day an
event known only to come *before* it ("Earlier, ...") goes first and one known only to
come *after* a day ("Later, ...") goes last, then shorter spans
before longer ones ("1992-1994" before "since 1992"), then by article and position.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .models import Article, Event
from .values import Span, ordinal, parse_value

_FAR_PAST = dt.date.min
_COARSE_FIRST = {
    "century": 0,
    "decade": 1,
    "year": 2,
    "half": 3,
    "quarter": 4,
    "season": 4,
    "month": 5,
    "week": 6,
    "weekend": 7,
    "day": 8,
}


def event_span(event: Event) -> Span | None:
    """The days an event covers (for an ordered event: the date it comes before or after)."""
    start = event.start
    if event.end is None and start is not None and event.status != "ordered":
        return parse_value(start)  # (most events: a point, looked up by its value alone)
    return _span(event.status, start, event.end, event.before, event.after)


@functools.lru_cache(maxsize=1 << 16)
def _span(
    status: str, start: str | None, end: str | None, before: str | None, after: str | None
) -> Span | None:
    # Made once for each date: a build asks for every entry's span several times (its
    # order, heading and page, the overview), a tenth of the renderer's start on a large
    # archive.
    if status == "ordered":
        anchor = before or after
        return parse_value(anchor) if anchor else None
    first = parse_value(start) if start else None
    last = parse_value(end) if end else None
    if first is None:
        return last
    if last is None:
        return first
    return Span(first.first, max(first.last, last.last), first.precision)


def sort_key(event: Event, article: Article | None) -> tuple[object, ...]:
    span = event_span(event)
    first = span.first if span else _FAR_PAST
    last = span.last if span else _FAR_PAST
    before_first = 0 if event.status == "ordered" or event.open_start else 1
    if event.status == "ordered" and event.after and span:
        first, before_first = span.last, 2  # just after everything on the day it follows
    # At the same first day the coarser date comes first ("the 2000s" before "2000"),
    # so that a heading never comes back after another.
    coarseness = _COARSE_FIRST.get(span.precision, 9) if span else 9
    return (
        first,
        before_first,
        coarseness,
        last,
        article.date if article else _FAR_PAST,
        event.article,
        event.paragraph,
        event.start_offset,
        event.id,
    )


def chronological(events: Iterable[Event], articles: Mapping[str, Article]) -> list[Event]:
    """Events oldest first; a total order, so output is deterministic."""
    return sorted(events, key=lambda event: sort_key(event, articles.get(event.article)))


def with_events_in_order(
    ordered: Iterable[Event], new: Iterable[Event], articles: Mapping[str, Article]
) -> list[Event]:
    """``chronological([*ordered, *new], articles)`` for events ``ordered`` already (whose
    articles' dates did not change): each new one put in its place, so that the sort key
    is worked out for a few of the others only, not for all of them."""

    def key(event: Event) -> tuple[object, ...]:
        return sort_key(event, articles.get(event.article))

    events = list(ordered)
    for event in new:
        bisect.insort_right(events, event, key=key)
    return events


@dataclass(frozen=True, slots=True)
class YearGroup:
    """The events under one heading of the timeline ("1988", "1970s", "12th century")."""

    key: str  # the anchor id, e.g. "y1988"
    label: str
    events: tuple[Event, ...]


def group_by_year(
    events: Iterable[Event], spans: Iterable[Span | None] | None = None
) -> list[YearGroup]:
    """Consecutive events (already in order) grouped under year headings; ``spans``:
    their ``event_span``, in the same order, if worked out already."""
    events = list(events)
    labels = map(_heading_of, spans if spans is not None else map(event_span, events))
    groups: list[tuple[str, str, list[Event]]] = []
    used: set[str] = set()
    for event, label in zip(events, labels, strict=True):
        if not groups or groups[-1][1] != label:
            anchor = _anchor(label)
            while anchor in used:  # a heading can come back after a decade or century
                anchor += "-"
            used.add(anchor)
            groups.append((anchor, label, []))
        groups[-1][2].append(event)
    return [YearGroup(key, label, tuple(items)) for key, label, items in groups]


def heading_label(event: Event) -> str:
    return _heading_of(event_span(event))


def _heading_of(span: Span | None) -> str:
    return "Undated" if span is None else _heading(span.precision, span.first.year)


@functools.lru_cache(maxsize=1 << 14)
def _heading(precision: str, year: int) -> str:
    # Made once for each year: the timeline asks for every entry's heading.
    if precision == "century":
        return f"{ordinal(year // 100 + 1)} century"
    if precision == "decade":
        return f"{year}s"
    return str(year)


def _anchor(label: str) -> str:
    return "y" + "".join(ch if ch.isalnum() else "-" for ch in label.lower())
