"""Where each entry goes: timeline pages, year and month sections, entity pages.

A small timeline is one page (``index.html``). A large one is split into one page per
year heading (``timeline/<year>.html``), a year with too many entries into a page per
month (``timeline/<year>-<month>.html``, a busy month in parts), so that no page holds
more than ``page_limit`` entries; the index then shows the overview and the most recent
entries.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Event
from ..timeline import YearGroup, event_span, group_by_year
from ..values import Span
from .labels import MONTHS, event_label

TIMELINE_PAGE = "index.html"
# Precisions under a month heading; coarser dates (years, seasons, decades...) are
# listed under the year heading itself.
_MONTH_PRECISIONS = frozenset({"day", "week", "weekend", "month"})
_DAY_PRECISIONS = frozenset({"day", "week", "weekend"})


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
    title: str  # e.g. "2006", "June 2006", "November 2006 (2 of 3)", "1953 to 1973"
    years: tuple[YearSection, ...]
    first_label: str  # what the page covers, for navigation: "November 2006"
    last_label: str
    year: str = ""  # a month's page: the year it is listed under ("2006"); else its title
    events: tuple[Event, ...] = dataclasses.field(init=False)

    def __post_init__(self) -> None:
        events = tuple(event for year in self.years for event in year.events)
        object.__setattr__(self, "events", events)


@dataclass(frozen=True, slots=True)
class YearLink:
    """An entry of the list of years: a page, or a busy year's pages (its months)."""

    title: str
    path: str  # its first page
    pages: tuple[TimelinePage, ...]


def year_links(pages: Sequence[TimelinePage]) -> tuple[YearLink, ...]:
    """The list of years of ``pages``: each page, but a busy year's month pages under
    the year. A timeline page lists the years and the months of its own year only: a
    month's new page then changes the pages of its year, not every page."""
    runs: list[list[TimelinePage]] = []
    for page in pages:
        if runs and page.year and runs[-1][-1].year == page.year:
            runs[-1].append(page)
        else:
            runs.append([page])
    return tuple(YearLink(run[0].year or run[0].title, run[0].path, tuple(run)) for run in runs)


def month_key(event: Event) -> tuple[str, str] | None:
    """The (id suffix, label) of the month heading an event goes under, if any."""
    return _month_key_of(event_span(event))


def _month_key_of(span: Span | None) -> tuple[str, str] | None:
    if span is None or span.precision not in _MONTH_PRECISIONS:
        return None
    return _month_heading(span.first.year, span.first.month)


@functools.lru_cache(maxsize=1 << 14)
def _month_heading(year: int, month: int) -> tuple[str, str]:
    # Made once for each month: a large site's pagination asks for every entry's month.
    return f"{month:02d}", f"{MONTHS[month - 1]} {year}"


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
    spans: Sequence[Span | None] | None = None,
) -> tuple[TimelinePage, ...]:
    """The timeline pages: the index alone, or one page per year.

    A year with at least ``own_page`` entries gets a page of its own; a year with more
    than ``page_limit``, a page per month (``month_pages``). Runs of sparser headings (a
    few entries in 1705, the 1920s, 1963...) share a page, up to ``page_limit`` entries.
    ``groups``: ``group_by_year(events)``, and ``spans``: the events' ``event_span``, in
    the same order, if worked out already.
    """
    if spans is None:
        spans = list(map(event_span, events))
    if groups is None:
        groups = group_by_year(events, spans)
    # Each event's month heading, worked out once (by ``id``: the events are alive here).
    keys = dict(zip(map(id, events), map(_month_key_of, spans), strict=True))
    if len(events) <= page_limit:
        return (_page(TIMELINE_PAGE, "", sections(groups, keys)),)
    # (name, title, year, year groups) of each page; a run of sparse years is named below.
    units: list[tuple[str, str, str, list[YearGroup]]] = []
    for group in groups:
        if len(group.events) > page_limit:
            units.extend(
                (name, title, group.label, [part])
                for name, title, part in month_pages(group, page_limit, keys)
            )
        elif len(group.events) >= own_page:
            units.append((_name(group), group.label, "", [group]))
        elif (
            units
            and len(units[-1][3][-1].events) < own_page
            and sum(len(g.events) for g in units[-1][3]) + len(group.events) <= page_limit
        ):
            units[-1][3].append(group)
        else:
            units.append((_name(group), group.label, "", [group]))
    pages: list[TimelinePage] = []
    used: set[str] = set()
    for name, title, year, unit in units:
        if len(unit) > 1:
            first, last = unit[0], unit[-1]
            name = f"{_name(first)}-to-{_name(last)}"
            title = f"{first.label} to {last.label}"
        while name in used:
            name += "-b"
        used.add(name)
        pages.append(_page(f"timeline/{name}.html", title, sections(unit, keys), year))
    titles = Counter(page.title for page in pages)
    numbers: Counter[str] = Counter()
    for index, page in enumerate(pages):
        if titles[page.title] > 1:
            numbers[page.title] += 1
            title = f"{page.title} ({numbers[page.title]} of {titles[page.title]})"
            pages[index] = dataclasses.replace(page, title=title)
    return tuple(pages)


def month_pages(
    group: YearGroup, limit: int, month_keys: Mapping[int, tuple[str, str] | None]
) -> list[tuple[str, str, YearGroup]]:
    """A busy year's pages, a (name, title, entries) each: its own entries (dated by no
    month: the year, a season, a half: "2006", "2006"), then a page per month ("2006-06",
    "June 2006"), a month of more than ``limit`` entries in parts of whole days
    (``_day_parts``, named by their first day: "2006-11-08", "November 2006, 8-10").

    Each entry's page follows from its own date, not from a count of entries or from
    its neighbours, so that a new entry changes the page of its month (or days) only,
    and a link to an entry keeps working as others are added. Each page keeps its
    entries in the timeline's order.
    """
    own: list[Event] = []
    months: dict[tuple[str, str], list[Event]] = {}
    for event in group.events:
        key = month_keys[id(event)]
        (own if key is None else months.setdefault(key, [])).append(event)
    units: list[tuple[str, str, list[tuple[list[int], tuple[Event, ...]]]]] = []
    if own:
        units.append((_name(group), group.label, _count_parts(own, limit)))
    for key in sorted(months):
        units.append((f"{_name(group)}-{key[0]}", key[1], _day_parts(months[key], limit)))
    pages: list[tuple[str, str, YearGroup]] = []
    names: Counter[str] = Counter()
    for name, label, parts in units:
        for number, (days, part) in enumerate(parts):
            # Named by its first day, which stays put as entries are added.
            base = name if number == 0 or not days else f"{name}-{days[0]:02d}"
            names[base] += 1
            part_name = base if names[base] == 1 else f"{base}-{names[base]}"
            title = label if len(parts) == 1 or not days else f"{label}, {_day_span(days)}"
            pages.append((part_name, title, YearGroup(group.key, group.label, part)))
    return pages


def _day_span(days: Sequence[int]) -> str:
    return f"{days[0]}" if days[0] == days[-1] else f"{days[0]}-{days[-1]}"


def _count_parts(entries: Sequence[Event], limit: int) -> list[tuple[list[int], tuple[Event, ...]]]:
    """Entries with no day to cut them by, in parts of ``limit``."""
    return [([], tuple(entries[i : i + limit])) for i in range(0, len(entries), limit)]


def _day_parts(entries: Sequence[Event], limit: int) -> list[tuple[list[int], tuple[Event, ...]]]:
    """A month's entries in parts of whole days, each up to ``limit`` entries (a day of
    more in parts of its own), as (its days, its entries in order). The month's own
    entries (dated by no day) go first, with its first days.

    Whole days, packed in order: an added entry moves a part's boundary only when its
    part was full, where parts of a count moved every boundary after it."""
    undated: list[Event] = []
    by_day: dict[int, list[Event]] = {}
    for event in entries:
        span = event_span(event)
        if span is not None and span.precision in _DAY_PRECISIONS:
            by_day.setdefault(span.first.day, []).append(event)
        else:
            undated.append(event)
    units = [(None, undated)] if undated else []
    units += [(day, by_day[day]) for day in sorted(by_day)]
    parts: list[tuple[list[int], list[Event]]] = []
    for day, run in units:
        for start in range(0, len(run), limit):
            chunk = run[start : start + limit]
            if not (parts and start == 0 and len(parts[-1][1]) + len(chunk) <= limit):
                parts.append(([], []))
            if day is not None:
                parts[-1][0].append(day)
            parts[-1][1].extend(chunk)
    order = {id(event): index for index, event in enumerate(entries)}
    return [
        (days, tuple(sorted(events, key=lambda event: order[id(event)]))) for days, events in parts
    ]


def _name(group: YearGroup) -> str:
    return group.key[1:].rstrip("-") or "undated"


def _page(path: str, title: str, years: tuple[YearSection, ...], year: str = "") -> TimelinePage:
    events = [event for section in years for event in section.events]
    first = event_label(events[0]) if events else ""
    last = event_label(events[-1]) if events else ""
    return TimelinePage(path, title, years, first, last, year)


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
