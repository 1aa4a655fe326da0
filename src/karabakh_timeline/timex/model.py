"""Public data model of the temporal tagger (TIMEX3 mentions and ranges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3 expression found in a text.

    ``start``/``end`` are character offsets (end exclusive) and ``text == source[start:end]``.
    ``value`` follows TIMEX3 syntax ("2020-10-09", "1998-Q3", "P5Y", "PRESENT_REF", ...).
    ``anchored`` is True when the value was computed relative to the document creation time or
    an earlier date in the text (TIMEX3 ``temporalFunction="true"``).
    """

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    anchored: bool = False


@dataclass(frozen=True, slots=True)
class Interval:
    """A range expression ("from 9 to 26 October", "since 1992") with its resolved ends.

    ``begin`` is None for ranges open at the start ("until 15 January") and ``finish`` is None
    for ranges open at the end ("since 1992").
    """

    start: int
    end: int
    text: str
    begin: Timex | None
    finish: Timex | None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Result of one tagging pass: timexes sorted by offset and the ranges built from them."""

    timexes: list[Timex] = field(default_factory=list)
    intervals: list[Interval] = field(default_factory=list)
