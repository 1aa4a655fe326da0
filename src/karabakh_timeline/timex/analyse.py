"""Entry points: one pass of recognition, range linking and resolution over a text."""

from __future__ import annotations

import datetime as dt

from .intervals import link
from .model import Analysis, Interval, Timex
from .recognise import recognise
from .resolve import Resolver
from .values import is_valid_value, start_key

# Resolution does date arithmetic near the limits of ``datetime`` (years 1 and 9999): any
# failure there drops that one mention instead of failing the document.
_DATE_ERRORS = (ValueError, OverflowError, KeyError, IndexError, TypeError)


def analyse(text: str, dct: dt.date) -> Analysis:
    """Find and resolve all TIMEX3 expressions and ranges in ``text`` written on ``dct``."""
    if isinstance(dct, dt.datetime):
        dct = dct.date()
    mentions, ranges = recognise(text)
    links = link(text, mentions, ranges)
    resolver = Resolver(text, dct)
    found: list[Timex | None] = []
    for mention in mentions:
        try:
            r = resolver(mention.start, mention.end, mention.spec)
        except _DATE_ERRORS:
            r = None
        if r is None or not is_valid_value(r.value):
            found.append(None)
            continue
        span = text[mention.start : mention.end]
        found.append(Timex(mention.start, mention.end, span, r.type, r.value, r.mod, r.anchored))
    intervals = [iv for iv in (_interval(text, lk, found) for lk in links) if iv is not None]
    return Analysis([t for t in found if t is not None], intervals)


def _interval(text: str, lk, found: list[Timex | None]) -> Interval | None:
    begin = found[lk.begin] if lk.begin is not None else None
    finish = found[lk.finish] if lk.finish is not None else None
    if (lk.begin is not None and begin is None) or (lk.finish is not None and finish is None):
        return None
    if begin is not None and finish is not None:
        a, b = start_key(begin.value), start_key(finish.value)
        if a is None or b is None or a > b:
            return None
    return Interval(lk.start, lk.end, text[lk.start : lk.end], begin, finish)


def find_timexes(text: str, dct: dt.date) -> list[Timex]:
    """TIMEX3 expressions of ``text`` sorted by offset, non-overlapping."""
    return analyse(text, dct).timexes


def find_intervals(text: str, dct: dt.date) -> list[Interval]:
    """Ranges of ``text`` ("from 9 to 26 October", "since 1992") with both ends resolved."""
    return analyse(text, dct).intervals
