"""Property-based tests: any text, any DCT (years 1..9999) -> no exception, valid output."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_timeline.timex import analyse, find_intervals, find_timexes
from karabakh_timeline.timex import recognise as recognise_module
from karabakh_timeline.timex.recognise import recognise
from karabakh_timeline.timex.rules import EXAMPLES, RULES
from karabakh_timeline.timex.values import is_valid_value, start_key

# Text built from date-like pieces, so the rules really fire, mixed with arbitrary Unicode.
PIECES = [
    "on", "in", "since", "until", "from", "to", "between", "and", "the", "last", "next",
    "this", "ago", "earlier", "later", "week", "weeks", "month", "year", "years", "day",
    "days", "quarter", "third", "fiscal", "early", "mid-", "late", "the end of", "about",
    "January", "May", "Sept.", "October", "December", "Monday", "Saturday's", "today",
    "yesterday", "tonight", "tomorrow", "now", "recently", "every", "annually", "a", "two",
    "twenty-four", "several", "1", "9", "27", "31", "27th", "1992", "1994", "1992-1994",
    "9-10", "2020-09-27", "27/09/2020", "0001", "9999", "1970s", "'80s", "13th century",
    "6 a.m.", "noon", "midnight", "summer", "fall", "-", "–", ",", ".", " ", "\n", "will",
    "was", "said", "had", "Route", "Resolution", "1,200", "40 million", "seven",
    # Letters that match others when case is ignored, and digits of another script.
    "ſummer", "\u212aelvin", "İn", "thıs", "٣", "٢٠٢٠",
]  # fmt: skip
texts = st.one_of(
    st.text(),
    st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=40).map(" ".join),
)
dcts = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


def _check(text: str, dct: dt.date) -> None:
    result = analyse(text, dct)
    previous_end = 0
    for t in result.timexes:
        assert 0 <= t.start < t.end <= len(text)
        assert t.text == text[t.start : t.end]
        assert t.text == t.text.strip() and t.text[-1] not in ",;:", t.text
        assert t.start >= previous_end, "timexes overlap or are unsorted"
        previous_end = t.end
        assert t.type in ("DATE", "TIME", "DURATION", "SET")
        assert is_valid_value(t.value), t.value
    for iv in result.intervals:
        assert 0 <= iv.start < iv.end <= len(text)
        assert iv.text == text[iv.start : iv.end]
        assert iv.text == iv.text.strip() and iv.text[-1] not in ",;:", iv.text
        assert iv.begin is not None or iv.finish is not None
        for end in (iv.begin, iv.finish):
            if end is not None:
                assert iv.start <= end.start and end.end <= iv.end
                assert end in result.timexes
        if iv.begin is not None and iv.finish is not None:
            a, b = start_key(iv.begin.value), start_key(iv.finish.value)
            assert a is not None and b is not None and a <= b


@settings(max_examples=400, deadline=None)
@given(texts, dcts)
def test_never_fails_and_output_is_valid(text: str, dct: dt.date) -> None:
    _check(text, dct)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(PIECES), st.sampled_from(PIECES), st.sampled_from(PIECES),
       st.sampled_from([dt.date(1, 1, 1), dt.date(1, 12, 31), dt.date(9999, 1, 1),
                        dt.date(9999, 12, 31), dt.date(2020, 2, 29)]))  # fmt: skip
def test_calendar_edges(a: str, b: str, c: str, dct: dt.date) -> None:
    _check(f"{a} {b} {c}", dct)


def test_extreme_dcts_do_not_crash() -> None:
    text = (
        "Next year, tomorrow, last year, yesterday, next week, the following month, "
        "in ten years, 3000 years ago, next Monday, the next day, this weekend, next century."
    )
    for dct in (dt.date(1, 1, 1), dt.date(9999, 12, 31), dt.date(9999, 12, 25)):
        _check(text, dct)


def test_wrappers_agree_with_analyse() -> None:
    text = "From 9 to 26 October the parties met; since 1992 talks go on."
    dct = dt.date(2020, 11, 1)
    result = analyse(text, dct)
    assert find_timexes(text, dct) == result.timexes
    assert find_intervals(text, dct) == result.intervals


def test_huge_text() -> None:
    text = "On 27 September 2020 fighting began. Route 66 had 1,200 cars. " * 5000
    result = analyse(text, dt.date(2020, 11, 1))
    assert len(result.timexes) == 5000


def test_datetime_dct_is_accepted() -> None:
    timexes = find_timexes("He left yesterday.", dt.datetime(2020, 11, 1, 15, 30))
    assert [t.value for t in timexes] == ["2020-10-31"]


# -- the trigger-window scan of recognise.py finds exactly what the full scan finds ---------

# Long lead-ins before the word that triggers a rule ("each of the preceding dozens of
# consecutive years", "the twenty-seventh of September").
LEADS = [
    "each of the", "preceding", "remaining", "a number of", "dozens of", "consecutive",
    "additional", "twenty-seventh", "of", "and a half", "this coming", "the following",
    "most recent", "fiscal", "a couple of", "eleven", "seventy-seven", "the", "a", "an",
    "every", "Tuesday,", "nineteen", "ninety-six", "quarter", "half", "while", "FY1998",
    "1,200", "3.5", "$1992", "'80s", "mid", "per", "later", "past", "near", "term",
    "Christmas Eve", "Easter", "New Year's Day", "Thanksgiving", "that same", "quarter ended",
    "or so", "or later", "nearly", "and a half", "1/2",
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("It ended ٣ days ago.", ["٣ days ago=2019-12-29"]),
        ("In ſummer 1990 it ended.", ["ſummer 1990=1990-SU"]),
        ("This ſummer it ended.", ["This ſummer=2020-SU"]),
        ("THIS WEE\u212a it ended.", ["THIS WEE\u212a=2020-W01"]),
    ],
)
def test_letters_and_digits_beyond_ascii(text: str, want: list[str]) -> None:
    # "ſ" is an "s" when case is ignored: the rules match it, and their builders must know
    # the word; a digit of another script starts a word that every rule is tried at.
    _same_scan(text)
    found = analyse(text, dt.date(2020, 1, 1)).timexes
    assert [f"{t.text}={t.value}" for t in found] == want


def _same_scan(text: str) -> None:
    assert recognise(text) == recognise(text, full=True), text
    _tried_where_rules_match(text)


def _tried_where_rules_match(text: str) -> None:
    """Every rule that matches at a word start is among the rules tried for the word
    written there (``timex/openings.py``; in the text as the rules see it)."""
    text = recognise_module._folded(text)
    for word in re.finditer(r"(?<!\w)(?:\w+|')", text):
        following = recognise_module._NEXT_WORD.match(text, word.end())
        tried = recognise_module._rules_for(word.group(), following and following[1])
        for index, rule in enumerate(RULES):
            if recognise_module._single(index).match(text, word.start()) is not None:
                assert index in tried, (rule.name, word.group(), text)


@pytest.mark.parametrize("cold", [0, 10**9], ids=["rules by word", "all rules at once"])
def test_examples_scan_alike(cold: int, monkeypatch: pytest.MonkeyPatch) -> None:
    # Both ways of trying the rules at a word start (see recognise._WARM_AFTER): all at
    # once only while the openings are not at hand (their file out of date).
    monkeypatch.setattr(recognise_module, "_WARM_AFTER", cold)
    monkeypatch.setattr(recognise_module, "_cold_lookups", 0)
    monkeypatch.setattr(recognise_module, "_matchers", {})
    monkeypatch.setattr(recognise_module, "_shipped_index", lambda: None)
    for examples in EXAMPLES.values():
        for ex in examples:
            _same_scan(ex.text)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES + LEADS) | st.text(max_size=2), max_size=30))
def test_windowed_scan_equals_full_scan(words: list[str]) -> None:
    _same_scan(" ".join(words))


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_windowed_scan_equals_full_scan_on_any_text(text: str) -> None:
    _same_scan(text)


def test_shipped_openings_try_rules_by_word_from_the_first_word(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A rebuild that reads one article need not compile every rule at once: the
    # openings are read from their file, not from the patterns.
    monkeypatch.setattr(recognise_module, "_cold_lookups", 0)
    monkeypatch.setattr(recognise_module, "_matchers", {})
    assert recognise_module._shipped_index() is not None
    _same_scan("The talks began on 5 May and ended last Tuesday.")
    everything = (recognise_module.full_scanner().match,)
    assert recognise_module._matchers
    assert everything not in recognise_module._matchers.values()


def test_without_shipped_openings_a_short_text_tries_all_rules_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(recognise_module, "_cold_lookups", 0)
    monkeypatch.setattr(recognise_module, "_matchers", {})
    monkeypatch.setattr(recognise_module, "_shipped_index", lambda: None)
    _same_scan("The talks began on 5 May and ended last Tuesday.")
    assert not recognise_module._matchers  # the reference scan's alternation, word by word
    assert 0 < recognise_module._cold_lookups < recognise_module._WARM_AFTER


def test_warm_up_tries_rules_by_word_from_the_first_word(monkeypatch: pytest.MonkeyPatch) -> None:
    # A process about to read many articles skips the lazy start (all rules at once).
    monkeypatch.setattr(recognise_module, "_cold_lookups", 0)
    monkeypatch.setattr(recognise_module, "_matchers", {})
    recognise_module.warm_up()
    text = "The talks began on 5 May and ended last Tuesday."
    _same_scan(text)
    everything = (recognise_module.full_scanner().match,)
    assert recognise_module._matchers
    assert everything not in recognise_module._matchers.values()
    # Words written alike in openings share their matchers.
    assert recognise_module._matchers["talks"] is recognise_module._matchers[" talks"]
