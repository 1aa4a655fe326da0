"""Runs every example of every rule family (src/karabakh_timeline/timex/rules/*.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from karabakh_timeline.timex import Timex, analyse
from karabakh_timeline.timex.rules import EXAMPLES
from karabakh_timeline.timex.rules.base import Ex

CASES = [
    pytest.param(ex, id=f"{family}-{i}-{ex.text[:40]}")
    for family, examples in EXAMPLES.items()
    for i, ex in enumerate(examples)
]


def _describe(text: str, value: str, type_: str, want_types: bool) -> str:
    return f"{text}={value}:{type_}" if want_types else f"{text}={value}"


def _end(timex: Timex | None) -> str:
    return timex.value if timex else "-"


@pytest.mark.parametrize("ex", CASES)
def test_example(ex: Ex) -> None:
    result = analyse(ex.text, dt.date.fromisoformat(ex.dct))
    got = []
    for t in result.timexes:
        wanted_with_type = f"{t.text}={t.value}:{t.type}" in ex.want
        got.append(_describe(t.text, t.value, t.type, wanted_with_type))
    assert got == ex.want
    if ex.ranges is not None:
        ranges = [f"{iv.text}={_end(iv.begin)}/{_end(iv.finish)}" for iv in result.intervals]
        assert ranges == ex.ranges
