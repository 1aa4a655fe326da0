"""What a rule can begin with, read from its pattern (``timex/openings.py``). That it is
never less than what the rules really match is checked in ``test_properties.py``."""

from __future__ import annotations

from pathlib import Path

import pytest

from karabakh_timeline.timex import recognise
from karabakh_timeline.timex.openings import OpeningsIndex, normal_word, openings

THE = frozenset({"the"})


def test_first_words_are_spelled_out() -> None:
    found = openings(r"(?:the\s+)?(?:last|past)\s+years?")
    assert found is not None
    assert found.words == {"the", "last", "past"} and not found.pairs
    assert found.admit("last") and not found.admit("lastly") and not found.admit("said")
    assert found.first_characters() == {"t", "l", "p"}


def test_after_a_paired_word_the_next_word_is_spelled_out_too() -> None:
    found = openings(r"(?:the\s+)?(?:last|past)\s+years?", THE)
    assert found is not None
    assert found.words == {"last", "past"}
    assert found.pairs == {"the last", "the past"}
    assert found.admit("the", "past") and found.admit("the", "last")
    assert not found.admit("the", "market") and not found.admit("the", "la")
    # Four letters of the second word are spelled out, then any may follow.
    assert found.admit("the", "lastly")
    assert found.admit("the")  # the next word unknown: on the safe side
    assert found.admit("last", "market")  # "last" is not paired: anything may follow


def test_long_second_words_are_told_apart_by_their_beginning() -> None:
    found = openings(r"the\s+(?:december|decades?)", THE)
    assert found is not None
    assert set(found.pair_prefixes) == {"the dece", "the deca"}
    assert found.admit("the", "decades") and found.admit("the", "december")
    assert not found.admit("the", "decision")


def test_numbers_are_written_by_their_first_digit() -> None:
    assert normal_word("1990s") == "1#s" and normal_word("Mid1990") == "mid1#"
    decade = openings(r"(?:the\s+)?(?:(?:1\d{2}0|20\d0)'?s|'\d0s)")
    assert decade is not None
    words = ("the", "1990s", "1990", "2010s", "'")
    assert all(decade.admit(normal_word(word)) for word in words)
    assert not decade.admit("these") and not decade.admit(normal_word("3rd"))
    year = openings(r"(?:1\d{3}|20\d{2})(?!\d)")
    assert year is not None
    assert year.admit(normal_word("1997")) and year.admit(normal_word("2005"))
    assert not year.admit(normal_word("3000")) and not year.admit("1")
    assert year.first_characters() == {"1", "2"}
    days = openings(r"\d{1,2}\s+(?:May|June)", frozenset({"1", "1#"}))
    assert days is not None
    assert days.admit("1#", "may") and not days.admit("1#", "people")


def test_a_word_may_run_on_into_what_follows() -> None:
    found = openings(r"mid-?(?:\d{4}|morning)")
    assert found is not None
    assert all(found.admit(normal_word(word)) for word in ("mid", "midmorning", "mid1990"))
    assert not found.admit("middle")


def test_a_backreference_may_be_anything_after_the_first_word() -> None:
    found = openings(r"(\d)(?P<sep>[/.])\d(?P=sep)\d{4}", frozenset({"1"}))
    assert found is not None
    assert found.admit("1", "5") and found.admit("1")
    assert not found.admit("x")
    again = openings(r"(?P<a>x)(?P=a)day")  # "x", then anything
    assert again is not None
    assert again.admit("xday") and again.admit("xyz") and not again.admit("y")


@pytest.mark.parametrize(
    "pattern",
    [r"(?:the)?", r"(a)?(?(1)b|c)day"],
    ids=["may match nothing", "conditional"],
)
def test_what_is_not_followed_opens_anywhere(pattern: str) -> None:
    assert openings(pattern) is None


def test_the_index_finds_the_rules_a_word_opens() -> None:
    patterns = [r"the\s+last\s+year", r"(?:the\s+)?1\d{3}", r"today", r"(a)?(?(1)b|c)"]
    index = OpeningsIndex(tuple(openings(p, THE) for p in patterns))
    assert index.rules_for("the") == (0, 1, 3)
    assert index.rules_for("the", "last") == (0, 3)
    assert index.rules_for("the", "1#") == (1, 3)
    assert index.rules_for("the", "market") == (3,)
    assert index.rules_for("today") == (2, 3)
    assert index.rules_for("1#") == (1, 3)
    # Next words admitted alike share a key: only what the openings list tells them apart.
    assert index.told_apart("the", "last") == "last"
    assert index.told_apart("the", "market") == index.told_apart("the", "people") == "-"
    assert index.told_apart("the", "lastly") == "last*"  # a beginning the openings list
    assert index.told_apart("the", "") == ""  # no next word: apart from every next word


def test_the_shipped_openings_are_those_of_the_rules() -> None:
    # Written by recognise.write_openings_file() after a rule changes: until then every
    # process reads the openings from the patterns again, a tenth of a second each.
    assert recognise.OPENINGS_FILE.read_text(encoding="utf-8") == (
        recognise.openings_file_text()
    ), "openings.json is out of date: run recognise.write_openings_file()"
    shipped = recognise._shipped_index()
    assert shipped is not None
    assert shipped.found == recognise._read_openings()


@pytest.mark.parametrize(
    "text",
    [
        '{"digest": "0", "openings": []}\n',  # read from other rules
        "{not json",
        '{"digest": "DIGEST", "openings": [[["the"], [], []]]}\n',  # three lists, not four
        "[]",
    ],
    ids=["other rules", "damaged", "wrong shape", "not an object"],
)
def test_openings_that_are_not_the_rules_are_read_again(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kept = tmp_path / "openings.json"
    kept.write_text(text.replace("DIGEST", recognise._openings_digest()), encoding="utf-8")
    monkeypatch.setattr(recognise, "OPENINGS_FILE", kept)
    recognise._shipped_index.cache_clear()
    try:
        assert recognise._shipped_index() is None
    finally:
        recognise._shipped_index.cache_clear()
