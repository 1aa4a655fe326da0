"""Where each entry goes: timeline pages, year and month sections, entity pages.

A small timeline is one page (``index.html``). A large one is split into one page per
year heading (``timeline/<year>.html``), a year with too many entries into parts cut
at month boundaries, so that no page holds more than ``page_limit`` entries; the index
then shows the overview and the most recent entries.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Event
from ..timeline import YearGroup, event_span, group_by_year
from .labels import MONTHS, event_label

TIMELINE_PAGE = "index.html"
# Precisions under a month heading; coarser dates (years, seasons, decades...) are
# listed under the year heading itself.
_MONTH_PRECISIONS = frozenset({"day", "week", "weekend", "month"})


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
    # Kept, not recomputed: every page's navigation counts the entries of every page.
    events: tuple[Event, ...] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        events = tuple(event for month in self.months for event in month.events)
        object.__setattr__(self, "events", events)


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """One page of the timeline."""

    path: str  # relative to the site root
    title: str  # e.g. "2006 (part 2 of 3)"
    years: tuple[YearSection, ...]
    first_label: str  # what the page covers, for navigation: "November 2006"
    last_label: str
    events: tuple[Event, ...] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        events = tuple(event for year in self.years for event in year.events)
        object.__setattr__(self, "events", events)


def month_key(event: Event) -> tuple[str, str] | None:
    """The (id suffix, label) of the month heading an event goes under, if any."""
    span = event_span(event)
    if span is None or span.precision not in _MONTH_PRECISIONS:
        return None
    first = span.first
    return f"{first.month:02d}", f"{MONTHS[first.month - 1]} {first.year}"


def sections(
    groups: Iterable[YearGroup], month_keys: Mapping[int, tuple[str, str] | None] | None = None
) -> tuple[YearSection, ...]:
    """Year groups with their runs of entries under month headings (``month_keys``: each
    event's ``month_key``, by ``id``, if already known)."""
    result = []
    for group in groups:
        months: list[tuple[tuple[str, str] | None, list[Event]]] = []
        for event in group.events:
            key = month_keys[id(event)] if month_keys is not None else month_key(event)
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


def paginate(
    events: Sequence[Event],
    page_limit: int,
    own_page: int = 20,
    groups: list[YearGroup] | None = None,
) -> tuple[TimelinePage, ...]:
    """The timeline pages: the index alone, or one page per year.

    A year with at least ``own_page`` entries gets a page of its own (cut into parts
    when it has more than ``page_limit``); runs of sparser headings (a few entries in
    1705, the 1920s, 1963...) share a page, up to ``page_limit`` entries. ``groups``:
    ``group_by_year(events)``, if made already.
    """
    if groups is None:
        groups = group_by_year(events)
    # Each event's month heading, worked out once (by ``id``: the events are alive here).
    keys = {id(event): month_key(event) for event in events}
    if len(events) <= page_limit:
        return (_page(TIMELINE_PAGE, "", sections(groups, keys)),)
    units: list[list[YearGroup]] = []
    for group in groups:
        if len(group.events) >= own_page:
            units.extend([part] for part in _split(group, page_limit, keys))
        elif (
            units
            and len(units[-1][-1].events) < own_page
            and sum(len(g.events) for g in units[-1]) + len(group.events) <= page_limit
        ):
            units[-1].append(group)
        else:
            units.append([group])
    parts = Counter(unit[0].key for unit in units if len(unit) == 1)
    seen: Counter[str] = Counter()
    pages: list[TimelinePage] = []
    used: set[str] = set()
    for unit in units:
        first, last = unit[0], unit[-1]
        if len(unit) > 1:
            name = f"{_name(first)}-to-{_name(last)}"
            title = f"{first.label} to {last.label}"
        else:
            name = _name(first)
            title = first.label
            seen[first.key] += 1
            if parts[first.key] > 1:
                number = seen[first.key]
                title = f"{first.label}: {_months(first.events)}"
                if number > 1:
                    name += f"-{number}"
        while name in used:
            name += "-b"
        used.add(name)
        pages.append(_page(f"timeline/{name}.html", title, sections(unit, keys)))
    titles = Counter(page.title for page in pages)
    numbers: Counter[str] = Counter()
    for index, page in enumerate(pages):
        if titles[page.title] > 1:
            numbers[page.title] += 1
            title = f"{page.title} ({numbers[page.title]} of {titles[page.title]})"
            pages[index] = dataclasses.replace(page, title=title)
    return tuple(pages)


def _months(events: Sequence[Event]) -> str:
    """ "January to October", "November": the months a part of a year covers."""
    # Only the first and the last dated event count: the others need no span.
    first_span = next((span for e in events if (span := event_span(e)) is not None), None)
    if first_span is None:
        return "undated"
    last_span = next(span for e in reversed(events) if (span := event_span(e)) is not None)
    first = MONTHS[first_span.first.month - 1]
    last = MONTHS[last_span.first.month - 1]
    return first if first == last else f"{first} to {last}"


def _name(group: YearGroup) -> str:
    return group.key[1:].rstrip("-") or "undated"


def _page(path: str, title: str, years: tuple[YearSection, ...]) -> TimelinePage:
    events = [event for year in years for event in year.events]
    first = event_label(events[0]) if events else ""
    last = event_label(events[-1]) if events else ""
    return TimelinePage(path, title, years, first, last)


def _split(
    group: YearGroup, limit: int, month_keys: Mapping[int, tuple[str, str] | None]
) -> list[YearGroup]:
    """A year group cut into parts of at most ``limit`` entries, at month boundaries
    when a month fits, inside a month when it does not."""
    runs: list[list[Event]] = []
    last: object = ()  # no month key is ()
    for event in group.events:
        key = month_keys[id(event)]
        if not runs or key != last:
            runs.append([])
        runs[-1].append(event)
        last = key
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
