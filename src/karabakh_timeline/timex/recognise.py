"""Recognition: one combined regex scan over the text, turning matches into mentions.

Every rule of ``rules/`` becomes one named alternative of a single compiled pattern, so the text
is scanned once. The rule that matched is ``match.lastgroup`` (its outer group closes last);
its builder turns the match into a ``Spec`` (see ``spec.py``). Mods written before a mention
("about", "early", "the end of") are attached afterwards by a short backwards look.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .rules import RULES
from .rules.base import Built, Groups, Multi
from .spec import Spec

_NAMED = re.compile(r"\(\?P([<=])(\w+)")


def _prefixed(pattern: str, prefix: str) -> str:
    return _NAMED.sub(lambda m: f"(?P{m[1]}{prefix}{m[2]}", pattern)


def _alternative(i: int, pattern: str) -> str:
    return rf"(?P<r{i}>(?:{_prefixed(pattern, f'r{i}_')})(?!\w))"


# The word-start test is written once, in front of all alternatives: inside words the scan
# fails after one check instead of one per rule (most positions are inside words).
SCANNER = re.compile(
    r"(?<!\w)(?=\w|')(?:"
    + "|".join(_alternative(i, rule.pattern) for i, rule in enumerate(RULES))
    + ")",
    re.IGNORECASE,
)


@functools.cache
def _single(i: int) -> re.Pattern[str]:
    """Rule ``i`` alone, to try the next rules where a builder refused a match (compiled on
    first use to keep the import fast)."""
    return re.compile(r"(?<!\w)" + _alternative(i, RULES[i].pattern), re.IGNORECASE)


def _build_at(text: str, m: re.Match[str]) -> tuple[re.Match[str], Built] | None:
    """Build the scanner's match; when its rule refuses, give the later rules their turn."""
    index = int((m.lastgroup or "r0")[1:])
    built = RULES[index].build(Groups(m, f"r{index}_"))
    if built is not None:
        return m, built
    start = m.start()
    for j in range(index + 1, len(RULES)):
        mj = _single(j).match(text, start)
        if mj is not None:
            built = RULES[j].build(Groups(mj, f"r{j}_"))
            if built is not None:
                return mj, built
    return None


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    spec: Spec


@dataclass(slots=True)
class RangeMatch:
    """A range written as one pattern ("9-10 May", "1992-1994"): indices into mentions."""

    start: int
    end: int
    begin: int
    finish: int


# Mods written before a date ("early 1990s", "the end of 1994", "around Nov. 1").
_DATE_MOD = re.compile(
    r"(?:(?<![\w-])(?:(?P<the>the\s+)?(?P<pos>early|late|mid|middle|earlier|later)(?:\s+|-)"
    r"|(?:the\s+)?(?P<of>end|beginning|start|middle|close|turn)\s+of\s+"
    r"|(?P<approx>about|around|approximately|roughly|circa|some|nearly|almost)\s+))\Z",
    re.IGNORECASE,
)
_POS_MOD = {"early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
            "middle": "MID", "end": "END", "close": "END", "beginning": "START",
            "start": "START", "turn": "START"}  # fmt: skip

# Mods written before a duration ("more than five years", "nearly an hour").
_DUR_MOD = re.compile(
    r"(?<![\w-])(?P<w>about|around|approximately|roughly|some|nearly|almost|more\s+than"
    r"|less\s+than|fewer\s+than|at\s+least|no\s+less\s+than|no\s+more\s+than|at\s+most"
    r"|up\s+to)\s+\Z",
    re.IGNORECASE,
)
_DUR_MODS = {"about": "APPROX", "around": "APPROX", "approximately": "APPROX",
             "roughly": "APPROX", "some": "APPROX", "nearly": "APPROX", "almost": "LESS_THAN",
             "more than": "MORE_THAN", "over": "MORE_THAN", "less than": "LESS_THAN",
             "under": "LESS_THAN", "fewer than": "LESS_THAN", "at least": "EQUAL_OR_MORE",
             "no less than": "EQUAL_OR_MORE", "no more than": "EQUAL_OR_LESS",
             "at most": "EQUAL_OR_LESS", "up to": "EQUAL_OR_LESS",
             "within": "EQUAL_OR_LESS"}  # fmt: skip


# Open-ended dates written after the date ("1994 or later", "1990 and beyond").
_SUFFIX_MOD = re.compile(
    r"\s+(?:(?P<after>or\s+(?:later|after)|and\s+beyond|or\s+thereafter)"
    r"|(?P<before>or\s+(?:earlier|before)))(?!\w)",
    re.IGNORECASE,
)


def _attach_suffix_mod(text: str, mention: Mention) -> None:
    spec = mention.spec
    if (
        spec.mod is not None
        or spec.type not in ("DATE", "TIME")
        or (spec.kind == "lit" and (spec.value or "").endswith("_REF"))
    ):
        return
    m = _SUFFIX_MOD.match(text, mention.end)
    if m:
        spec.mod = "ON_OR_AFTER" if m["after"] else "ON_OR_BEFORE"
        mention.end = m.end()


def _attach_mod(text: str, lo: int, mention: Mention) -> None:
    """Widen ``mention`` leftwards over a mod phrase (never past ``lo``) and set its mod."""
    spec = mention.spec
    if spec.mod is not None or mention.start - lo < 3:
        return
    window_start = max(lo, mention.start - 30)
    if spec.type == "DURATION":
        m = _DUR_MOD.search(text, window_start, mention.start)
        starts_with_the = text[mention.start : mention.start + 4].lower() == "the "
        if m and not (starts_with_the and m["w"].lower() in ("over", "within", "under")):
            spec.mod = _DUR_MODS[" ".join(m["w"].lower().split())]
            mention.start = m.start()
        return
    if spec.type not in ("DATE", "TIME") or spec.value in ("PRESENT_REF", "PAST_REF"):
        return
    m = _DATE_MOD.search(text, window_start, mention.start)
    if not m:
        return
    if m["approx"]:
        if m["approx"].lower() == "some" or (
            spec.kind != "rel" and m["approx"].lower() in ("nearly", "almost")
        ):
            return  # "nearly 1990 people"; only "nearly two years ago" takes it
        spec.mod = "APPROX"
    else:
        word = (m["pos"] or m["of"]).lower()
        # "earlier"/"later" only modify relative days and periods ("earlier this year").
        if word in ("earlier", "later") and spec.kind == "cal":
            return
        spec.mod = _POS_MOD[word]
    mention.start = m.start()


def _matches(text: str) -> Iterator[tuple[re.Match[str], Built]]:
    """Accepted (match, built) pairs in text order: one left-to-right scan."""
    search = SCANNER.search
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            return
        found = _build_at(text, m)
        if found is None:
            # Every rule refused here (e.g. a year that is a street number): move on.
            pos = m.start() + 1
            continue
        yield found
        pos = found[0].end()


# Characters a span never starts or ends with ("10 October," is "10 October"); the dot of an
# abbreviation ("Sept.", "a.m.") stays.
_EDGE_JUNK = " \t\r\n\u00a0,;:"


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    if start < end and (text[end - 1] in _EDGE_JUNK or text[start] in _EDGE_JUNK):
        while end > start and text[end - 1] in _EDGE_JUNK:
            end -= 1
        while start < end and text[start] in _EDGE_JUNK:
            start += 1
    return start, end


def recognise(text: str) -> tuple[list[Mention], list[RangeMatch]]:
    """All mentions in ``text`` (sorted, non-overlapping) and the single-pattern ranges."""
    mentions: list[Mention] = []
    ranges: list[RangeMatch] = []
    last_end = 0
    for m, built in _matches(text):
        if isinstance(built, Multi):
            first = len(mentions)
            for piece in built.pieces:
                start, end = _trimmed(text, piece.start, piece.end)
                if start < end:
                    mentions.append(Mention(start, end, piece.spec))
            if len(mentions) - first != len(built.pieces):
                del mentions[first:]
                continue
            if built.pieces:
                _attach_mod(text, last_end, mentions[first])
                last_end = m.end()
            if built.is_range and len(built.pieces) == 2:
                start, end = _trimmed(text, m.start(), m.end())
                start = min(start, mentions[first].start)  # a mod widened the first end
                ranges.append(RangeMatch(start, end, first, first + 1))
            continue
        start, end = _trimmed(text, m.start(), m.end())
        if start >= end:
            continue
        mention = Mention(start, end, built)
        _attach_mod(text, last_end, mention)
        _attach_suffix_mod(text, mention)
        mentions.append(mention)
        last_end = mention.end
    return mentions, ranges
