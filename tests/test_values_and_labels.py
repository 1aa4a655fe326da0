from __future__ import annotations

import datetime as dt

import pytest

from karabakh_timeline.models import Event
from karabakh_timeline.renderer.labels import event_label, range_label, value_label
from karabakh_timeline.values import parse_value


@pytest.mark.parametrize(
    ("value", "first", "last", "precision"),
    [
        ("2020-10-09", "2020-10-09", "2020-10-09", "day"),
        ("2020-02", "2020-02-01", "2020-02-29", "month"),
        ("1988", "1988-01-01", "1988-12-31", "year"),
        ("197", "1970-01-01", "1979-12-31", "decade"),
        ("12", "1200-01-01", "1299-12-31", "century"),
        ("2019-W10", "2019-03-04", "2019-03-10", "week"),
        ("2019-W10-WE", "2019-03-09", "2019-03-10", "weekend"),
        ("2019-W10-3", "2019-03-06", "2019-03-06", "day"),
        ("2019-FA", "2019-09-01", "2019-11-30", "season"),
        ("2019-WI", "2019-12-01", "2020-02-29", "season"),
        ("1998-Q3", "1998-07-01", "1998-09-30", "quarter"),
        ("1998-H1", "1998-01-01", "1998-06-30", "half"),
        ("2020-11-01T06:00", "2020-11-01", "2020-11-01", "day"),
    ],
)
def test_calendar_spans(value: str, first: str, last: str, precision: str) -> None:
    span = parse_value(value)
    assert span is not None
    assert (span.first, span.last, span.precision) == (
        dt.date.fromisoformat(first),
        dt.date.fromisoformat(last),
        precision,
    )


@pytest.mark.parametrize(
    "value", ["PRESENT_REF", "P3Y", "XXXX-09-27", "2020-02-30", "0000", "", "9999-WI"]
)
def test_values_without_a_calendar_span(value: str) -> None:
    assert parse_value(value) is None


@pytest.mark.parametrize(
    ("value", "mod", "label"),
    [
        ("2020-09-27", None, "27 September 2020"),
        ("1988-02", None, "February 1988"),
        ("1988", None, "1988"),
        ("197", None, "the 1970s"),
        ("199", "START", "early 1990s"),
        ("12", None, "the 13th century"),
        ("2020-10", "MID", "mid-October 2020"),
        ("2019-FA", None, "autumn 2019"),
        ("2019-W10", None, "week 10 of 2019"),
        ("2005-W46-WE", None, "weekend of 19-20 November 2005"),
        ("2005-W48-WE", None, "weekend of 3-4 December 2005"),
        ("1998-Q3", None, "Q3 1998"),
        ("2020-11-01T06:00", None, "1 November 2020, 06:00"),
    ],
)
def test_value_labels(value: str, mod: str | None, label: str) -> None:
    assert value_label(value, mod) == label


@pytest.mark.parametrize(
    ("start", "end", "label"),
    [
        ("1992", "1994", "1992-1994"),
        ("2020-10-09", "2020-10-26", "9-26 October 2020"),
        ("2020-10-09", "2020-11-26", "9 October - 26 November 2020"),
        ("2020-03", "2021-06", "March 2020 - June 2021"),
        ("2020-12-28", "2021-01-03", "28 December 2020 - 3 January 2021"),
    ],
)
def test_range_labels(start: str, end: str, label: str) -> None:
    assert range_label(start, end) == label


def _event(**fields: object) -> Event:
    base = dict(
        id="e-1",
        article="a",
        paragraph=1,
        start_offset=0,
        end_offset=1,
        sentences=("x",),
        headline="x",
        status="stated",
        start=None,
        end=None,
        timex=None,
    )
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]


def test_event_labels() -> None:
    assert event_label(_event(start="1992", end="2020-11-01", open_end=True)) == "since 1992"
    assert event_label(_event(end="2021-01-15", open_start=True)) == "until 15 January 2021"
    assert event_label(_event(status="ordered", before="2020-11-01")) == "before 1 November 2020"
    assert event_label(_event(status="ordered", after="2020-10-26")) == "after 26 October 2020"
    assert event_label(_event(start="1992", end="1994")) == "1992-1994"


def test_after_events_come_after_their_day_and_before_events_before_it() -> None:
    from karabakh_timeline.timeline import chronological

    events = [
        _event(id="e-late", status="ordered", after="2020-10-26"),
        _event(id="e-day", start="2020-10-26"),
        _event(id="e-next", start="2020-10-27"),
        _event(id="e-early", status="ordered", before="2020-10-26"),
    ]
    assert [e.id for e in chronological(events, {})] == ["e-early", "e-day", "e-late", "e-next"]


def test_events_put_in_their_places_give_the_order_of_a_sort_of_them_all() -> None:
    import random

    from karabakh_timeline.timeline import chronological, with_events_in_order

    values = ["2000", "200", "2000-05-01", "2000-05", "1999-W10", "2000-05-01T06:00", None]
    rng = random.Random(7)
    events = [
        _event(id=f"e-{number:03d}", start=rng.choice(values), open_start=rng.random() < 0.2)
        for number in range(60)
    ]
    events += [_event(id="e-after", status="ordered", after="2000-05-01", start=None)]
    for _ in range(20):
        rng.shuffle(events)
        new = events[: rng.randint(0, 6)]
        ordered = chronological(events[len(new) :], {})
        assert with_events_in_order(ordered, new, {}) == chronological(events, {})


def test_coarser_dates_come_first_so_headings_never_return() -> None:
    from karabakh_timeline.timeline import chronological, group_by_year

    events = [
        _event(id="e-a", start="2000"),
        _event(id="e-b", start="200"),
        _event(id="e-c", start="2000-05-01"),
    ]
    ordered = chronological(events, {})
    assert [e.id for e in ordered] == ["e-b", "e-a", "e-c"]
    assert [g.label for g in group_by_year(ordered)] == ["2000s", "2000"]


def test_a_busy_year_is_paginated_by_month_and_a_busy_month_in_parts() -> None:
    from karabakh_timeline.renderer.layout import paginate, year_links

    values = ["2006", "2006-03-01", "2006-03-02", "2006-SU"]
    values += [f"2006-06-{d:02d}" for d in range(1, 8)] + ["2007-01-05"] * 3
    events = [_event(id=f"e-{i}", start=v) for i, v in enumerate(values)]
    pages = paginate(events, page_limit=4, own_page=2)
    assert [(p.path, p.title, [e.start for e in p.events]) for p in pages] == [
        # The year's own entries (dated by no month: summer too), then its months.
        ("timeline/2006.html", "2006", ["2006", "2006-SU"]),
        ("timeline/2006-03.html", "March 2006", values[1:3]),
        # A busy month in parts of whole days, named by their first day.
        ("timeline/2006-06.html", "June 2006, 1-4", values[4:8]),
        ("timeline/2006-06-05.html", "June 2006, 5-7", values[8:11]),
        ("timeline/2007.html", "2007", values[11:]),
    ]
    # A day of more entries than a page holds: parts of its own; the month's own
    # entries (dated by no day) come first.
    crowded = ["2006-06", *["2006-06-02"] * 5, "2006-06-03"]
    more = [_event(id=f"c-{i}", start=v) for i, v in enumerate(crowded)]
    parts = paginate([*events[:4], *more], page_limit=4, own_page=2)
    assert [(p.path, p.title, len(p.events)) for p in parts][2:] == [
        ("timeline/2006-06.html", "June 2006", 1),
        ("timeline/2006-06-02.html", "June 2006, 2", 4),
        ("timeline/2006-06-02-2.html", "June 2006, 2-3", 2),
    ]
    # Each entry's page follows from its own date: year entries that come after a
    # January one in the timeline are still on the year's page.
    mixed = ["2006-01", "2006", "2006-01-01", "2006", "2006-02-02", "2006-02-03"]
    mixed_events = [_event(id=f"m-{i}", start=v) for i, v in enumerate(mixed)]
    by_page = {p.path: [e.start for e in p.events] for p in paginate(mixed_events, 3, 2)}
    assert by_page == {
        "timeline/2006.html": ["2006", "2006"],
        "timeline/2006-01.html": ["2006-01", "2006-01-01"],
        "timeline/2006-02.html": ["2006-02-02", "2006-02-03"],
    }
    assert [(y.title, y.path, len(y.pages)) for y in year_links(pages)] == [
        ("2006", "timeline/2006.html", 4),
        ("2007", "timeline/2007.html", 1),
    ]
