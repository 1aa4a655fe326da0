"""From dates in sentences to timeline events: the rules of loader/events.py."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from karabakh_timeline.loader import analyse_article
from karabakh_timeline.loader.articles import RawArticle
from karabakh_timeline.loader.entities import Gazetteer
from karabakh_timeline.loader.events import headline
from karabakh_timeline.loader.markup import new_markdown
from karabakh_timeline.models import Event, replaced


def events_of(body: str, date: dt.date = dt.date(2020, 11, 1), slug: str = "a") -> list[Event]:
    raw = RawArticle(Path("a.md"), slug, "A", date, None, None, (), body, 5)
    return analyse_article(raw, new_markdown(), Gazetteer({}))[1]


def dated(events: list[Event]) -> list[tuple[str | None, str | None, str]]:
    return [(e.start, e.end, e.status) for e in events]


def test_one_event_per_stated_date() -> None:
    events = events_of("They agreed on 10 October, 17 October and 25 October.")
    assert [e.start for e in events] == ["2020-10-10", "2020-10-17", "2020-10-25"]
    assert len({e.id for e in events}) == 3


def test_durations_and_sets_date_nothing() -> None:
    assert events_of("The talks lasted for five years. They meet every Monday.") == []


def test_reported_speech_gives_both_dates() -> None:
    events = events_of("The minister said on Monday that the talks had collapsed two weeks ago.")
    # TimeML gives "two weeks ago" the precision of a week.
    assert sorted(e.start for e in events) == ["2020-10-26", "2020-W42"]


def test_inheritance_within_a_paragraph_and_into_a_continuation() -> None:
    events = events_of(
        "The talks collapsed on 27 September. Both sides blamed each other.\n\n"
        "He also said the army was ready.\n\n"
        "The region has a population of 150,000."
    )
    assert dated(events) == [
        ("2020-09-27", None, "stated"),
        ("2020-09-27", None, "inherited"),
        ("2020-09-27", None, "inherited"),
    ]
    assert events[1].inherited_from == events[0].id == events[2].inherited_from


def test_no_inheritance_across_a_change_of_subject() -> None:
    events = events_of(
        "The talks collapsed on 27 September.\n\n"
        "The region is mountainous. Its capital is Stepanakert."
    )
    assert dated(events) == [("2020-09-27", None, "stated")]


def test_earlier_is_ordered_never_dated() -> None:
    events = events_of(
        "The ministry explained its decision on November 1. "
        "Earlier, the prime minister had asked for help."
    )
    assert dated(events) == [("2020-11-01", None, "stated"), (None, None, "ordered")]
    assert events[1].before == "2020-11-01"


def test_later_is_ordered_after_never_dated() -> None:
    events = events_of("From 9 to 26 October, three truces failed. Later, the army advanced again.")
    assert dated(events) == [("2020-10-09", "2020-10-26", "stated"), (None, None, "ordered")]
    assert (events[1].after, events[1].before) == ("2020-10-26", None)


def test_lede_takes_the_date_of_he_said_this() -> None:
    events = events_of(
        "Aliyev believes Armenia admitted defeat. He said this on November 1 in Baku."
    )
    assert dated(events) == [("2020-11-01", None, "inherited"), ("2020-11-01", None, "stated")]


def test_ranges_and_open_intervals_make_one_event() -> None:
    events = events_of("From 9 to 26 October, three truces failed. Talks have gone on since 1992.")
    assert dated(events) == [
        ("2020-10-09", "2020-10-26", "stated"),
        ("1992", "2020-11-01", "stated"),
    ]
    assert events[1].open_end


def test_ids_are_stable_and_depend_on_the_sentence() -> None:
    body = "The talks collapsed on 27 September.\n\nA truce began on 10 October."
    first = events_of(body)
    again = events_of("An added paragraph on 1 March.\n\n" + body)
    assert {e.id for e in first} <= {e.id for e in again}
    assert events_of(body, slug="b")[0].id != first[0].id


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "On October 30 in Geneva, with the assistance of the co-chairs, "
            "the parties agreed not to fire on civilians.",
            "The parties agreed not to fire on civilians",
        ),
        (
            "Another aggravation happened on September 27.",
            "Another aggravation happened on September 27",
        ),
        (
            "The conflict in Nagorno-Karabakh began in February 1988, when the Nagorno-Karabakh "
            "Autonomous Region announced its secession from the Azerbaijan SSR.",
            "The conflict in Nagorno-Karabakh began in February 1988",
        ),
    ],
)
def test_headlines(sentence: str, expected: str) -> None:
    assert headline(sentence) == expected


def test_a_date_stated_twice_in_a_sentence_is_one_event() -> None:
    events = events_of("The pact was revoked in 1999, when ties fell to their lowest that year.")
    assert [e.start for e in events] == ["1999"]


def test_following_sentences_continue_the_main_clause_date() -> None:
    events = events_of(
        "Indonesia on Friday dismissed a report that it would sign a pact on Monday. "
        "The report was wrong, officials said."
    )
    assert [(e.start, e.status) for e in events] == [
        ("2020-10-30", "stated"),
        ("2020-11-02", "stated"),
        ("2020-10-30", "inherited"),
    ]


def test_events_are_replaced_as_dataclasses_replace_does() -> None:
    events = events_of("Talks began on 3 May 2020 in Baku, Aliyev said. They went on.")
    assert events
    for event in events:
        changes = {"entities": ("Baku",), "headline": "Talks began"}
        assert replaced(event, **changes) == dataclasses.replace(event, **changes)
        assert replaced(event) == event
        with pytest.raises(TypeError):
            replaced(event, nothing="at all")
