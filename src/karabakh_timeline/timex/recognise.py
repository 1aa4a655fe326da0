"""Recognition: one left-to-right scan over the text, turning rule matches into mentions.

Every rule of ``rules/`` is a regex; together they are the reference scan (one alternation
of all of them, tried at every word start: ``full_scanner``). Trying dozens of rules at
every word start is costly, so the rules are only tried near triggers: every match holds a
digit or a time word ("May", "week", "today"...) close to its start, which a cheap pattern
finds first (``_TRIGGER``). And at a word start only the rules that can begin with the word
written there (and, after "the" or a number, the next word) are tried (``openings.py``
reads them from the patterns). The rule that matched is ``match.lastgroup`` (its outer
group closes last); its builder turns the match into a ``Spec`` (see ``spec.py``). Mods
written before a mention ("about", "early", "the end of") are attached afterwards by a
short backwards look.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from . import openings as openings_module
from .openings import Openings, OpeningsIndex, normal_word, openings
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
_ALTERNATIVES = "|".join(_alternative(i, rule.pattern) for i, rule in enumerate(RULES))


@functools.cache
def full_scanner() -> re.Pattern[str]:
    """All rules as one pattern, tried at every word start: the reference scan (tests)."""
    return re.compile(r"(?<!\w)(?=\w|')(?:" + _ALTERNATIVES + ")", re.IGNORECASE)


# Every match holds a trigger (a digit or one of the words below, at a word start) no more
# than _WINDOW characters after its start, so the rules are only tried in the _WINDOW
# characters before each trigger. The trigger scan is cheap (the first letter is a plain
# character set); the rules are costly (dozens of alternatives at each word start).
# tests/timex/test_properties.py checks that this gives exactly the full scan's matches.
_TRIGGER_WORDS = (
    "jan feb mar apr may jun jul aug sep oct nov dec mon tues wednes thurs fri satur sun "
    "second minute hour day dai night week fortnight month quarter year decade centur "
    "millenni today yesterday tomorrow tonight now current present moment recent former "
    "lately past future term date soon spring summer autumn fall winter twent thirt fort "
    "fift sixt sevent eight ninet thousand morning afternoon evening overnight noon mid "
    "annual biannual semiannual while half period fy christmas easter thanksgiving halloween "
    "valentine someday"
).split()
_WINDOW = 48


def _trigger_pattern() -> str:
    by_first: dict[str, set[str]] = {}
    for word in _TRIGGER_WORDS:
        by_first.setdefault(word[0], set()).add(word[1:])
    branches = "|".join(
        f"[{c}{c.upper()}](?i:{'|'.join(sorted(rest, key=len, reverse=True))})"
        for c, rest in sorted(by_first.items())
    )
    # A digit is checked before what stands in front of it: most characters are not
    # digits, and the scan then moves on at once (a fifth faster than the other way).
    return rf"\d(?<![\d,.]\d)|(?<![^\W\d_])(?:{branches})"


_TRIGGER = re.compile(_trigger_pattern())


# Where a rule can match, the word written there tells which rules to try: "the" can
# open thirty-five of them, "3" fifteen, "Tuesday" four, and "to", "said", "percent" (most
# words) none. So at each word start only the rules that can begin with its word are
# tried, in rule order (the first that matches wins, as in one big alternation), each with
# its own pattern: compiling alternations of them would cost more than it saves.
# After the words that open the most rules, the next word tells more: "the last" opens
# eleven rules but "the market" none, "15 May" six but "15 people" none.
_PAIRED = frozenset(["the", "a", "an", "this", "last", "next", "from"]) | {
    normal_word(digit + more) for digit in "0123456789" for more in ("", "0")
}  # a number: one digit, or more ("1#")


@functools.cache
def _opening_index() -> OpeningsIndex:
    return _shipped_index() or OpeningsIndex(_read_openings())


def _read_openings() -> tuple[Openings | None, ...]:
    return tuple(openings(rule.pattern, _PAIRED) for rule in RULES)


# Reading the rules' openings from their patterns takes about 0.08 s, in every process
# that reads many articles; they are kept in this file beside the rules (loaded in under
# 0.01 s), with the digest of what they were read from: the patterns, _PAIRED and
# openings.py. Where that differs (a rule was edited), they are read again, as before;
# ``write_openings_file`` writes the file again, and a test checks that it is up to date.
OPENINGS_FILE = Path(__file__).with_name("openings.json")


def _openings_digest() -> str:
    digest = hashlib.blake2b(digest_size=16)
    parts = [
        Path(openings_module.__file__).read_bytes(),
        " ".join(sorted(_PAIRED)).encode(),
        *(rule.pattern.encode() for rule in RULES),
    ]
    for part in parts:
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


@functools.cache
def _shipped_index() -> OpeningsIndex | None:
    """The openings of ``OPENINGS_FILE``, if they are those of these rules."""
    try:
        kept = json.loads(OPENINGS_FILE.read_text(encoding="utf-8"))
        if kept["digest"] != _openings_digest() or len(kept["openings"]) != len(RULES):
            return None
        found = tuple(
            None if lists is None else Openings.from_lists(lists) for lists in kept["openings"]
        )
    except (OSError, ValueError, TypeError, KeyError):
        return None
    return OpeningsIndex(found)


def write_openings_file() -> None:
    """Keep the openings of the rules as they are now in ``OPENINGS_FILE``."""
    OPENINGS_FILE.write_text(openings_file_text(), encoding="utf-8")


def openings_file_text() -> str:
    """What ``OPENINGS_FILE`` holds for these rules: one line a rule, for readable diffs."""
    lines = [
        json.dumps(None if found is None else found.as_lists(), ensure_ascii=False)
        for found in _read_openings()
    ]
    return f'{{"digest": "{_openings_digest()}", "openings": [\n' + ",\n".join(lines) + "\n]}\n"


@functools.cache
def _rules_by_first_character() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """For each character, the rules a match beginning with it can come from (in order);
    and the rules any character can begin (for characters not in the table)."""
    firsts = [found.first_characters() if found else None for found in _opening_index().found]
    anywhere = tuple(i for i, first in enumerate(firsts) if first is None)
    table: dict[str, tuple[int, ...]] = {}
    for character in set().union(*(first for first in firsts if first is not None)):
        table[character] = tuple(
            i for i, first in enumerate(firsts) if first is None or character in first
        )
    return table, anywhere


def _rules_for(written: str, following: str | None = None) -> tuple[int, ...]:
    """The rules a match beginning with this word (a run of word characters, or "'") can
    come from, in rule order; ``following`` is the next word, when it counts (``_PAIRED``)."""
    character = written[0].lower()
    if not character.isascii():
        return tuple(range(len(RULES)))  # a digit of another script...
    if not written.isascii():
        # The openings only spell out ASCII words: what its first character can begin.
        table, anywhere = _rules_by_first_character()
        return table.get(character, anywhere)
    next_word = normal_word(following) if following and following.isascii() else None
    return _opening_index().rules_for(normal_word(written), next_word)


_Matcher = Callable[[str, int], "re.Match[str] | None"]


class _ByNextWord(tuple):  # type: ignore[type-arg]
    """In ``_matchers``, for a word of ``_PAIRED``: look up the word and the next one."""


_BY_NEXT_WORD = _ByNextWord()
# By word as written; by normal word, after a space; by a word of _PAIRED and what the
# openings tell of the next word, a space between.
_matchers: dict[str, tuple[_Matcher, ...]] = {}
_WORDS_KEPT = 100_000  # words remembered, at most (a long serve reads many)
# When the openings must be read from the patterns (OPENINGS_FILE is out of date), that
# and compiling the rules one by one cost about 0.1 s, which only pays on a lot of text (a
# rebuild after one edit reads one article): until this many word starts have been
# looked up, all the rules are then tried at once, with the reference scan's alternation
# (compiled once, in half the time; the same matches).
_WARM_AFTER = 2_000
_cold_lookups = 0
# A word, or an apostrophe (a match may begin with one: "'90s"), where none goes on.
_WORD = re.compile(r"(?<!\w)(?:\w+|')")
# What follows a word: the next word (after spaces, a hyphen, any other characters).
_NEXT_WORD = re.compile(r"\W+(\w+)")


def _near(text: str, lo: int) -> re.Match[str] | None:
    """The first rule match starting at a word start in text[lo : lo + _WINDOW + 1]."""
    matchers = _matchers
    last = lo + _WINDOW
    for word in _WORD.finditer(text, lo):
        position = word.start()
        if position > last:
            break
        written = word.group()
        tries = matchers.get(written)
        if tries is None:
            tries = _matchers_for(written)
        if tries is _BY_NEXT_WORD:
            tries = _matchers_before(text, word.end(), written)
        for match in tries:
            found = match(text, position)
            if found is not None:
                return found
    return None


def warm_up() -> None:
    """Read the rules' openings now, for a process about to read a lot of text: it then
    tries the rules one by one from the first word on (see _WARM_AFTER)."""
    global _cold_lookups
    _opening_index()
    _cold_lookups = _WARM_AFTER


def _matchers_for(written: str) -> tuple[_Matcher, ...]:
    global _cold_lookups
    if _cold_lookups < _WARM_AFTER:
        if _shipped_index() is None:
            _cold_lookups += 1
            return (full_scanner().match,)
        _cold_lookups = _WARM_AFTER  # the openings are at hand: the rules by word at once
    if len(_matchers) >= _WORDS_KEPT:
        _matchers.clear()
    # Words written alike in openings ("The" and "the", "1990" and "2005") share their
    # matchers: the first of them works them out.
    key = normal_word(written) if written.isascii() else written
    tries = _matchers.get(f" {key}")  # (a written word has no space)
    if tries is None:
        if key in _PAIRED:
            tries = _BY_NEXT_WORD
        else:
            tries = tuple(_single(i).match for i in _rules_for(written))
        _matchers[f" {key}"] = tries
    _matchers[written] = tries
    return tries


def _matchers_before(text: str, end: int, written: str) -> tuple[_Matcher, ...]:
    """The matchers for ``written`` (a word of ``_PAIRED``, ending at ``end``) with the
    word after it."""
    found = _NEXT_WORD.match(text, end)
    following = normal_word(found[1]) if found else ""
    word = normal_word(written)
    told = _opening_index().told_apart(word, following)
    key = f"{word} {told}"  # (no written word has a space)
    tries = _matchers.get(key)
    if tries is None:
        if len(_matchers) >= _WORDS_KEPT:
            _matchers.clear()
        rules = _rules_for(written, following or None)
        tries = _matchers[key] = tuple(_single(i).match for i in rules)
    return tries


@functools.cache
def _single(i: int) -> re.Pattern[str]:
    """Rule ``i`` alone, with its groups, at a word start (compiled on first use to keep
    the import fast)."""
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
             "roughly": "APPROX", "some": "APPROX", "nearly": "EQUAL_OR_LESS",
             "almost": "LESS_THAN",
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


_OR_SO = re.compile(r"\s+or\s+so\b", re.IGNORECASE)


def _attach_suffix_mod(text: str, mention: Mention) -> None:
    spec = mention.spec
    if spec.type in ("DURATION", "DATE") and spec.mod is None:
        m = _OR_SO.match(text, mention.end)
        if m:  # "a year or so", "the next two years or so"
            spec.mod = "APPROX"
            mention.end = m.end()
            return
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
        word = m["approx"].lower()
        spec.mod = _DUR_MODS[word] if word in ("nearly", "almost") else "APPROX"
    else:
        word = (m["pos"] or m["of"]).lower()
        # "earlier"/"later" only modify relative days and periods ("earlier this year").
        if word in ("earlier", "later") and spec.kind == "cal":
            return
        spec.mod = _POS_MOD[word]
    mention.start = m.start()


def _matches(text: str) -> Iterator[tuple[re.Match[str], Built]]:
    """Accepted (match, built) pairs in text order: one left-to-right scan."""
    trigger = _TRIGGER.search
    near = _near
    pos = 0
    while True:
        t = trigger(text, pos)
        if t is None:
            return
        lo = max(pos, t.start() - _WINDOW)
        found = near(text, lo)
        if found is None:
            pos = lo + _WINDOW + 1  # no match starts in [lo, lo + _WINDOW]
            continue
        built = _build_at(text, found)
        if built is None:
            # Every rule refused here (e.g. a year that is a street number): move on.
            pos = found.start() + 1
            continue
        yield built
        pos = built[0].end()


def _matches_full(text: str) -> Iterator[tuple[re.Match[str], Built]]:
    """The same as ``_matches`` with the full scan at every word start (for tests)."""
    search = full_scanner().search
    pos = 0
    while True:
        m = search(text, pos)
        if m is None:
            return
        found = _build_at(text, m)
        if found is None:
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


# Ignoring case, the rules' letters also match these four (the long s for an s...), which
# the rules' builders would not recognise ("ſummer" is no season they know): the rules are
# matched against the text with them written as the letters they stand for.
_CASE_FOLDS = {"İ": "i", "ı": "i", "ſ": "s", "\u212a": "k"}
_CASE_FOLDING = str.maketrans(_CASE_FOLDS)


def _folded(text: str) -> str:
    """``text`` with the letters of _CASE_FOLDS replaced (the same length, so the same
    offsets)."""
    if text.isascii() or not any(letter in text for letter in _CASE_FOLDS):
        return text
    return text.translate(_CASE_FOLDING)


def recognise(text: str, *, full: bool = False) -> tuple[list[Mention], list[RangeMatch]]:
    """All mentions in ``text`` (sorted, non-overlapping) and the single-pattern ranges.

    ``full`` uses the reference scan (every word start) instead of the trigger windows.
    """
    text = _folded(text)
    mentions: list[Mention] = []
    ranges: list[RangeMatch] = []
    last_end = 0
    for m, built in (_matches_full if full else _matches)(text):
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
