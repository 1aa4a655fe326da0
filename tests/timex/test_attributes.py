"""Mods, types and the anchored flag on hand-picked cases."""

from __future__ import annotations

import datetime as dt

import pytest

from karabakh_timeline.timex import find_timexes

DCT = dt.date(2020, 11, 1)


@pytest.mark.parametrize(
    ("text", "span", "mod"),
    [
        ("It began in the early 1990s.", "the early 1990s", "START"),
        ("It began in mid-October.", "mid-October", "MID"),
        ("It ended in late 2019.", "late 2019", "END"),
        ("It is due by the end of 1994.", "the end of 1994", "END"),
        ("It starts at the beginning of March.", "the beginning of March", "START"),
        ("They met around Nov. 1.", "around Nov. 1", "APPROX"),
        ("Talks lasted more than five hours.", "more than five hours", "MORE_THAN"),
        ("He waited nearly an hour.", "nearly an hour", "EQUAL_OR_LESS"),
        ("They served at least 20 years.", "at least 20 years", "EQUAL_OR_MORE"),
        ("It lasted less than a week.", "less than a week", "LESS_THAN"),
        ("It lasts no more than sixty days.", "no more than sixty days", "EQUAL_OR_LESS"),
        ("The plan covers 1990 and beyond.", "1990 and beyond", "ON_OR_AFTER"),
        ("It will be built in 1994 or later.", "1994 or later", "ON_OR_AFTER"),
        ("Earlier this year the army advanced.", "Earlier this year", "START"),
        ("He left late yesterday.", "late yesterday", "END"),
        ("The deal closes by year-end.", "year-end", "END"),
        ("It happened in 1994.", "1994", None),
        ("They met nearly two years ago.", "nearly two years ago", "EQUAL_OR_LESS"),
        ("It took a year or so.", "a year or so", "APPROX"),
        ("They met a week or so ago.", "a week or so ago", "APPROX"),
        ("It will close over the next year or so.", "the next year or so", "APPROX"),
    ],
)
def test_mods(text: str, span: str, mod: str | None) -> None:
    found = {t.text: t for t in find_timexes(text, DCT)}
    assert span in found, found
    assert found[span].mod == mod


@pytest.mark.parametrize(
    ("text", "span", "type_", "anchored"),
    [
        ("It happened in 1994.", "1994", "DATE", False),
        ("It happened on 27 September 2020.", "27 September 2020", "DATE", False),
        ("It happened on September 27.", "September 27", "DATE", True),
        ("It happened yesterday.", "yesterday", "DATE", True),
        ("It happened last week.", "last week", "DATE", True),
        ("It lasted five years.", "five years", "DURATION", False),
        ("It is published annually.", "annually", "SET", False),
        ("He is now in Baku.", "now", "DATE", True),
        ("He spoke tonight.", "tonight", "TIME", True),
        ("He spoke at 6 a.m.", "6 a.m.", "TIME", True),
    ],
)
def test_type_and_anchored(text: str, span: str, type_: str, anchored: bool) -> None:
    found = {t.text: t for t in find_timexes(text, DCT)}
    assert span in found, found
    assert (found[span].type, found[span].anchored) == (type_, anchored)


def test_six_am_is_a_time_on_the_dct_day_not_a_year() -> None:
    timexes = find_timexes("The shelling started at 6 a.m.", DCT)
    assert [(t.text, t.type, t.value) for t in timexes] == [("6 a.m.", "TIME", "2020-11-01T06:00")]
