"""Building blocks of the rule files: a ``Rule`` (regex + builder) and an ``Ex`` (example).

Each rule file in this folder defines ``RULES`` (tried in order; the first rule matching at the
leftmost position wins, so longer forms come first) and ``EXAMPLES`` (text + DCT -> expected
timexes), which ``tests/timex/test_corpus.py`` runs as one corpus.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..spec import Spec


class Groups:
    """Access to one rule's named groups inside the combined regex match."""

    __slots__ = ("m", "prefix")

    def __init__(self, m: re.Match[str], prefix: str) -> None:
        self.m = m
        self.prefix = prefix

    def __getitem__(self, name: str) -> str | None:
        try:
            return self.m.group(self.prefix + name)
        except IndexError:  # a builder shared by rules that lack this group
            return None

    def span(self, name: str) -> tuple[int, int]:
        return self.m.span(self.prefix + name)

    @property
    def whole(self) -> tuple[int, int]:
        return self.m.span(self.prefix.rstrip("_"))


@dataclass(slots=True)
class Piece:
    """One TIMEX3 inside a multi-part match (an endpoint of a range)."""

    start: int
    end: int
    spec: Spec


@dataclass(slots=True)
class Multi:
    """A match producing several timexes; ``is_range`` makes the whole match an Interval
    with ``pieces[0]`` as begin and ``pieces[-1]`` as finish."""

    pieces: list[Piece]
    is_range: bool = True


Built = Spec | Multi | None


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    pattern: str
    build: Callable[[Groups], Built]
    priority: int = 50  # lower is tried first at the same text position


# A match that consumes its span and yields nothing ("Route 66", "Resolution 822"): stops
# other rules from reading a date into it.
BLOCK = Multi([], is_range=False)


@dataclass(frozen=True, slots=True)
class Ex:
    """An example: tagging ``text`` with ``dct`` must give exactly ``want`` ("span=value" or
    "span=value:TYPE"), and, when ``ranges`` is given, exactly those intervals
    ("span=begin/finish" with "-" for an open end)."""

    text: str
    want: list[str]
    dct: str = "2020-11-01"
    ranges: list[str] | None = field(default=None)
