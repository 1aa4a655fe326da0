"""Where each entry goes: timeline pages, year and month sections, entity pages.

A small timeline is one page (``index.html``). A large one is split into one page per
year heading (``timeline/<year>.html``), a year with too many entries into parts cut
at month boundaries, so that no page holds more than ``page_limit`` entries; the index
then shows the overview and the most recent entries.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..models import Event
from ..timeline import YearGroup, event_span, group_by_year
from .labels import MONTHS, event_label

TIMELINE_PAGE = "index.html"
# Precisions under a month heading; coarser dates (years, seasons, decades...) are
# listed under the year heading itself.
_MONTH_PRECISIONS = frozenset({"day", "week", "month"})


@dataclass(frozen=True, slots=True)
class MonthSection:
    """Consecutive entries of one month (``key``/``label`` None: no month heading)."""

    key: str | None
    label: str | None
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class YearSection:
    key: str  # the heading's id, e.g. "y2020"
    label: str
    months: tuple[MonthSection, ...]

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(event for month in self.months for event in month.events)


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """One page of the timeline."""

    path: str  # relative to the site root
    title: str  # e.g. "2006 (part 2 of 3)"
    years: tuple[YearSection, ...]
    first_label: str  # what the page covers, for navigation: "November 2006"
    last_label: str

    @property
    def events(self) -> tuple[Event, ...]:
        return tuple(event for year in self.years for event in year.events)


def month_key(event: Event) -> tuple[str, str] | None:
    """The (id suffix, label) of the month heading an event goes under, if any."""
    span = event_span(event)
    if span is None or span.precision not in _MONTH_PRECISIONS:
        return None
    first = span.first
    return f"{first.month:02d}", f"{MONTHS[first.month - 1]} {first.year}"


def sections(groups: Iterable[YearGroup]) -> tuple[YearSection, ...]:
    """Year groups with their runs of entries under month headings."""
    result = []
    for group in groups:
        months: list[tuple[tuple[str, str] | None, list[Event]]] = []
        for event in group.events:
            key = month_key(event)
            if not months or months[-1][0] != key:
                months.append((key, []))
            months[-1][1].append(event)
        used: set[str] = set()
        built = []
        for key, events in months:
            anchor = None
            if key is not None:
                anchor = f"{group.key}-{key[0]}"
                while anchor in used:
                    anchor += "-"
                used.add(anchor)
            built.append(MonthSection(anchor, key[1] if key else None, tuple(events)))
        result.append(YearSection(group.key, group.label, tuple(built)))
    return tuple(result)


def paginate(events: Sequence[Event], page_limit: int) -> tuple[TimelinePage, ...]:
    """The timeline pages: one index page, or one page per year (or part of a year)."""
    groups = group_by_year(events)
    if len(events) <= page_limit:
        years = sections(groups)
        return (_page(TIMELINE_PAGE, "", years),)
    pages: list[TimelinePage] = []
    used: set[str] = set()
    for group in groups:
        name = group.key[1:].rstrip("-") or "undated"
        while name in used:
            name += "-b"
        used.add(name)
        parts = _split(group, page_limit)
        for number, part in enumerate(parts, start=1):
            suffix = "" if number == 1 else f"-{number}"
            title = group.label if len(parts) == 1 else f"{group.label} (part {number})"
            path = f"timeline/{name}{suffix}.html"
            pages.append(_page(path, title, sections([part])))
    return tuple(pages)


def _page(path: str, title: str, years: tuple[YearSection, ...]) -> TimelinePage:
    events = [event for year in years for event in year.events]
    first = event_label(events[0]) if events else ""
    last = event_label(events[-1]) if events else ""
    return TimelinePage(path, title, years, first, last)


def _split(group: YearGroup, limit: int) -> list[YearGroup]:
    """A year group cut into parts of at most ``limit`` entries, at month boundaries
    when a month fits, inside a month when it does not."""
    runs: list[list[Event]] = []
    for event in group.events:
        key = month_key(event)
        if not runs or month_key(runs[-1][-1]) != key:
            runs.append([])
        runs[-1].append(event)
    parts: list[list[Event]] = [[]]
    for run in runs:
        if parts[-1] and len(parts[-1]) + len(run) > limit:
            parts.append([])
        for event in run:
            if len(parts[-1]) >= limit:
                parts.append([])
            parts[-1].append(event)
    return [YearGroup(group.key, group.label, tuple(part)) for part in parts if part]


def slugify(name: str) -> str:
    """A file name for a person, place or organisation: "Nikol Pashinyan" -> nikol-pashinyan."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].strip("-")
    if not slug:
        slug = "x-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    return slug


def entity_slugs(names: Iterable[str]) -> dict[str, str]:
    """A distinct slug for every name, stable for a given set of names."""
    slugs: dict[str, str] = {}
    used: set[str] = set()
    for name in sorted(set(names), key=lambda n: (n.casefold(), n)):
        slug = slugify(name)
        if slug in used:
            slug += "-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:6]
        used.add(slug)
        slugs[name] = slug
    return slugs
