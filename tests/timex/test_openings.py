"""What a rule can begin with, read from its pattern (``timex/openings.py``). That it is
never less than what the rules really match is checked in ``test_properties.py``."""

from __future__ import annotations

import pytest

from karabakh_timeline.timex.openings import openings


def test_first_words_are_spelled_out() -> None:
    found = openings(r"(?:the\s+)?(?:last|past)\s+years?")
    assert found is not None
    assert found.words == {"the", "last", "past"}
    assert found.admit("last") and not found.admit("lastly") and not found.admit("said")
    assert found.first_characters() == {"t", "l", "p"}


def test_numbers_and_apostrophes() -> None:
    decade = openings(r"(?:the\s+)?(?:(?:1\d{2}0|20\d0)'?s|'\d0s)")
    assert decade is not None
    assert all(decade.admit(word) for word in ("the", "1990s", "1990", "2010s", "'"))
    assert not decade.admit("these") and not decade.admit("3rd")
    year = openings(r"(?:1\d{3}|20\d{2})(?!\d)")
    assert year is not None
    assert year.admit("1997") and year.admit("2005") and not year.admit("3000")
    assert year.first_characters() == {"1", "2"}


def test_a_word_may_run_on_into_what_follows() -> None:
    found = openings(r"mid-?(?:\d{4}|morning)")
    assert found is not None
    assert all(found.admit(word) for word in ("mid", "midmorning", "mid1990"))
    assert not found.admit("middle")


@pytest.mark.parametrize(
    "pattern",
    [r"(?P<a>x)(?P=a)day", r"(?:the)?", r"(a)?(?(1)b|c)day"],
    ids=["backreference", "may match nothing", "conditional"],
)
def test_what_is_not_followed_opens_anywhere(pattern: str) -> None:
    assert openings(pattern) is None
