"""The overview axis at the top of the timeline: an inline SVG, proportional in time.

Every entry is a mark linking to it (a dot for a day, a bar for a period); marks that
would overlap are stacked in lanes. A timeline with more entries than marks fit is
drawn as a histogram instead: one bar per month (or year), linking to its first entry.
"""

from __future__ import annotations

import datetime as dt
import math
import operator
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

from ..models import Event
from ..timeline import event_span
from ..values import Span
from .labels import MONTHS, event_label

WIDTH = 720
PAD = 12
LANE = 11
MAX_LANES = 8
AXIS = 30  # room under the marks for the axis and its labels
HISTOGRAM_HEIGHT = 64
MAX_MARKS = 300  # more entries than this: a histogram


@dataclass(frozen=True, slots=True)
class _Mark:
    x1: float
    x2: float
    href: str
    title: str
    bar: bool


def overview_svg(
    events: Sequence[Event],
    href: Callable[[Event], str],
    spans: Sequence[Span | None] | None = None,
) -> Markup:
    """The overview of ``events`` (in order); ``href`` gives each entry's link; ``spans``:
    their ``event_span``, in the same order, if worked out already.

    When most entries crowd into a small part of the whole span (a war reported over
    five weeks, with background reaching back decades), a second axis below zooms
    into that part, so its entries can be told apart and reached.
    """
    if spans is None:
        spans = list(map(event_span, events))
    placed = [pair for pair in zip(events, spans, strict=True) if pair[1] is not None]
    if not placed:
        return Markup("")
    # (lists and C loops rather than generators: an archive has tens of thousands)
    start = min([span.first for _, span in placed])
    end = max([span.last for _, span in placed])
    if (end - start).days < 30:
        start -= dt.timedelta(days=15)
        end += dt.timedelta(days=15)
    histogram = len(placed) > MAX_MARKS
    body, height = _panel(placed, href, start, end, 0, histogram)
    window = _crowded(placed, start, end)
    if window is not None:
        first, last = window
        scale = (WIDTH - 2 * PAD) / max((end - start).days, 1)
        x1 = PAD + (first - start).days * scale
        x2 = PAD + (last - start).days * scale
        inside = [(e, s) for e, s in placed if s.last >= first and s.first <= last]
        label = f"Zoom: {_day(first)} to {_day(last)}"
        band = (
            f'<path class="ov-zoom" d="M{x1:.1f},{height - AXIS + 1} L{x2:.1f},'
            f'{height - AXIS + 1} L{WIDTH - PAD},{height + 14} L{PAD},{height + 14} Z"/>'
            f'<text class="ov-label" x="{PAD}" y="{height + 28}">{label}</text>'
        )
        zoom, zoom_height = _panel(inside, href, first, last, height + 34, len(inside) > MAX_MARKS)
        body += band + zoom
        height += 34 + zoom_height
    count = len(events)
    return Markup(
        f'<svg class="overview-axis" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" aria-label="Overview of {count} entr{"y" if count == 1 else "ies"}, '
        f'{_year_span(start, end)}">{body}</svg>'
    )


def _crowded(placed: list, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date] | None:
    """The stretch where most entries are, if it is a small part of the whole span: the
    shortest stretch holding 70 % of the entries (or else half of them), when it is no
    longer than a tenth of the span."""
    total = (end - start).days
    days = sorted([span.first.toordinal() for _, span in placed])
    if len(days) < 6 or total < 365:
        return None
    for share in (0.7, 0.5):
        need = max(2, math.ceil(len(days) * share))
        # The width of each stretch of ``need`` entries (the first of the narrowest).
        widths = list(map(operator.sub, days[need - 1 :], days))
        best = widths.index(min(widths))
        first = dt.date.fromordinal(days[best])
        last = dt.date.fromordinal(days[best + need - 1])
        if (last - first).days <= total / 10:
            margin = dt.timedelta(days=max(1, (last - first).days // 20))
            return max(first - margin, start), min(last + margin, end)
    return None


def _panel(
    placed: list,
    href: Callable[[Event], str],
    start: dt.date,
    end: dt.date,
    top: int,
    histogram: bool,
) -> tuple[str, int]:
    scale = (WIDTH - 2 * PAD) / max((end - start).days, 1)

    def x(day: dt.date) -> float:
        return min(max(PAD + (day - start).days * scale, PAD), WIDTH - PAD)

    if histogram:
        body, height = _histogram(placed, href, x, start, end, top)
    else:
        marks = []
        for event, span in placed:
            x1, x2 = x(span.first), x(span.last + dt.timedelta(days=1))
            is_bar = bool(event.end or event.open_end or event.open_start) or (
                span.precision != "day" and x2 - x1 >= 6
            )
            title = f"{event_label(event)}: {event.headline}"
            marks.append(_Mark(x1, x2, href(event), title, is_bar))
        body, height = _lanes(marks, top)
    return body + _axis(start, end, x, top + height), height + AXIS


def _lanes(marks: list[_Mark], top: int) -> tuple[str, int]:
    lane_ends: list[float] = []
    parts = []
    for mark in marks:
        left = mark.x1 if mark.bar else (mark.x1 + mark.x2) / 2 - 4
        right = mark.x2 if mark.bar else left + 8
        lane = next((i for i, e in enumerate(lane_ends) if e + 2 <= left), None)
        if lane is None:
            if len(lane_ends) < MAX_LANES:
                lane_ends.append(right)
                lane = len(lane_ends) - 1
            else:
                lane = min(range(len(lane_ends)), key=lane_ends.__getitem__)
        lane_ends[lane] = max(lane_ends[lane], right)
        parts.append((lane, mark))
    lanes = max(len(lane_ends), 1)
    height = lanes * LANE + 6
    out = []
    for lane, mark in parts:
        y = top + height - (lane + 1) * LANE
        if mark.bar:
            width = max(mark.x2 - mark.x1, 3)
            shape = (
                f'<rect class="ov-bar" x="{mark.x1:.1f}" y="{y + 1}" width="{width:.1f}" '
                f'height="{LANE - 3}" rx="2"/>'
            )
        else:
            cx = (mark.x1 + mark.x2) / 2
            shape = f'<circle class="ov-dot" cx="{cx:.1f}" cy="{y + LANE / 2:.1f}" r="4"/>'
        out.append(f'<a href="{escape(mark.href)}"><title>{escape(mark.title)}</title>{shape}</a>')
    return "".join(out), height


def _histogram(
    placed: list,
    href: Callable[[Event], str],
    x: Callable[[dt.date], float],
    start: dt.date,
    end: dt.date,
    top: int,
) -> tuple[str, int]:
    """One bar per day, month or year (whichever suits the span), as tall as its count."""
    days = (end - start).days
    unit = "day" if days <= 92 else "month" if days <= 6 * 366 else "year"
    # Each entry's bin, from its first day (or the panel's), by comprehensions and C
    # loops (counting, keeping the first entry of each bin): a large archive has tens
    # of thousands of entries, and this is drawn again whenever one changes.
    firsts = [first if (first := span.first) >= start else start for _, span in placed]
    if unit == "month":
        keys: list = [(day.year, day.month) for day in firsts]
    elif unit == "year":
        keys = [day.year for day in firsts]
    else:
        keys = firsts
    counts = Counter(keys)
    events = [event for event, _ in placed]
    first_entry = dict(zip(reversed(keys), reversed(events), strict=True))
    most = max(counts.values())
    height = HISTOGRAM_HEIGHT + 6
    out = []
    for key in sorted(counts):
        count = counts[key]
        if unit == "day":
            first = key
            last, label = first + dt.timedelta(days=1), _day(first)
        elif unit == "month":
            first = dt.date(*key, 1)
            last = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
            label = f"{MONTHS[first.month - 1]} {first.year}"
        else:
            first = dt.date(key, 1, 1)
            last, label = dt.date(min(first.year + 1, 9999), 1, 1), str(first.year)
        x1, x2 = x(first), x(last)
        bar = max(3.0, HISTOGRAM_HEIGHT * count / most)
        plural = "y" if count == 1 else "ies"
        out.append(
            f'<a href="{escape(href(first_entry[key]))}"><title>{label}: {count} entr{plural}'
            f'</title><rect class="ov-bar" x="{x1:.1f}" y="{top + height - bar:.1f}" '
            f'width="{max(x2 - x1 - 1, 3):.1f}" height="{bar:.1f}"/></a>'
        )
    return "".join(out), height


def _axis(start: dt.date, end: dt.date, x: Callable[[dt.date], float], top: int) -> str:
    out = [f'<line class="ov-axis" x1="{PAD}" y1="{top}" x2="{WIDTH - PAD}" y2="{top}"/>']
    for day, label in _ticks(start, end):
        position = x(day)
        if position < PAD - 0.5 or position > WIDTH - PAD + 0.5:
            continue
        anchor = "start" if position < 40 else "end" if position > WIDTH - 40 else "middle"
        out.append(
            f'<line class="ov-tick" x1="{position:.1f}" y1="{top}" x2="{position:.1f}" '
            f'y2="{top + 5}"/><text x="{position:.1f}" y="{top + 20}" '
            f'text-anchor="{anchor}">{label}</text>'
        )
    return "".join(out)


def _ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    years = (end - start).days / 365.25
    if years >= 2:
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000) if years / s <= 7)
        first = (start.year + step - 1) // step * step
        if dt.date(first, 1, 1) < start:
            first += step
        return [(dt.date(y, 1, 1), str(y)) for y in range(first, end.year + 1, step)]
    months = years * 12
    if months < 3:
        return _day_ticks(start, end)
    step = next((s for s in (1, 2, 3, 6) if months / s <= 6), 12)
    ticks = []
    year, month = start.year, start.month
    while dt.date(year, month, 1) <= end:
        if (month - 1) % step == 0 and dt.date(year, month, 1) >= start:
            short = MONTHS[month - 1][:3]
            ticks.append((dt.date(year, month, 1), f"{short} {year}"))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return ticks


def _day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _year_span(start: dt.date, end: dt.date) -> str:
    return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"


def _day_ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    step = next((s for s in (1, 2, 7, 14) if (end - start).days / s <= 6), 28)
    day = start + dt.timedelta(days=(7 - start.weekday()) % 7 if step >= 7 else 0)
    ticks = []
    while day <= end:
        ticks.append((day, f"{day.day} {MONTHS[day.month - 1][:3]}"))
        day += dt.timedelta(days=step)
    return ticks
