"""Hand-made cases for the TempEval-3 scorer in benchmarks/timex_eval.py."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from timex_eval import Counts, Span, figures, parse_timeml, prf, score_document


def span(start: int, end: int, value: str = "2020", type_: str = "DATE") -> Span:
    return Span(start, end, type_, value)


def test_prf() -> None:
    assert prf(0, 0, 0, 0) == (0.0, 0.0, 0.0)
    p, r, f = prf(1, 2, 1, 4)
    assert (p, r) == (50.0, 25.0)
    assert f == pytest.approx(2 * 50 * 25 / 75)


def test_identical_spans_count_everywhere() -> None:
    c = score_document([span(0, 4)], [span(0, 4)])
    assert (c.strict, c.relaxed_sys, c.relaxed_gold, c.value, c.type) == (1, 1, 1, 1, 1)
    assert figures(c)["strict"] == (100.0, 100.0, 100.0)


def test_overlap_is_relaxed_not_strict() -> None:
    c = score_document([span(0, 10, "2020-10")], [span(4, 10, "2020-10")])
    assert c.strict == 0
    assert (c.relaxed_sys, c.relaxed_gold) == (1, 1)
    assert c.value == 1


def test_value_and_type_need_a_relaxed_match() -> None:
    gold = [span(0, 4, "1992"), span(10, 14, "P5Y", "DURATION")]
    system = [span(0, 4, "1993"), span(20, 24, "P5Y", "DURATION")]
    c = score_document(gold, system)
    assert c.value == 0
    assert c.type == 1
    v = figures(c)["value"]
    assert v == (0.0, 0.0, 0.0)
    t = figures(c)["type"]
    assert t[:2] == (50.0, 50.0)


def test_one_system_span_over_two_gold_spans() -> None:
    gold = [span(0, 1, "2020-10-09"), span(5, 15, "2020-10-26")]
    system = [span(0, 15, "2020-10-26")]
    c = score_document(gold, system)
    assert (c.relaxed_sys, c.relaxed_gold) == (1, 2)
    assert c.value == 1  # the single system span is aligned to one gold span only


def test_counts_add_up() -> None:
    total = Counts()
    total.add(score_document([span(0, 4)], [span(0, 4)]))
    total.add(score_document([span(0, 4)], []))
    assert (total.gold, total.system, total.strict) == (2, 1, 1)
    p, r, _ = figures(total)["strict"]
    assert (p, r) == (100.0, 50.0)


def test_parse_timeml_offsets_after_stripping() -> None:
    source = (
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="1998-01-08">19980108</TIMEX3></DCT>'
        '<TEXT>A &amp; B <EVENT eid="e1">rose</EVENT> <TIMEX3 tid="t1" type="DATE" '
        'value="1998-01-07">yesterday</TIMEX3>.</TEXT></TimeML>'
    )
    text, dct, gold = parse_timeml(source)
    assert text == "A & B rose yesterday."
    assert str(dct) == "1998-01-08"
    assert len(gold) == 1
    g = gold[0]
    assert text[g.start : g.end] == "yesterday" == g.text
    assert (g.type, g.value) == ("DATE", "1998-01-07")
