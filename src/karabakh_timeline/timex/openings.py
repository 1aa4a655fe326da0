"""The words a rule's match can begin with, read from its pattern.

``recognise.py`` tries the rules at many word starts, and most of those words ("to",
"said", "percent") can open no rule at all. Knowing each rule's possible first words
("the", "last", "early", any number...) lets it skip them with one look-up instead of a
regex attempt. Some words open many rules ("the" thirty-five, a number fifteen) and are
followed by the wrong word far more often ("the market", "15 people"), so the first two
words are read: "the last", "the 1990s", "15 May".

The words are compared in a normal form, ``normal_word``: lower case, and a digit after a
digit written "#" ("1990s" is "1#s"), as a number may have any count of digits. Between
the two words, whatever is written (spaces, a hyphen, a comma) counts as one space.

The pattern is read with ``re._parser``, the standard library's own parser. Every answer
is on the safe side: where a construct is not understood, or a set of words grows too
large, the answer widens (a prefix instead of whole words; None for "any"), so a rule is
sometimes tried where it cannot match but never skipped where it can. Lookarounds are
ignored for the same reason, and the case of letters too (rules are matched ignoring
case, except for their ``(?-i:...)`` parts, where ignoring it only widens the answer).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_MAX_SPELLING = 4096  # openings spelled out at once; beyond, only prefixes are kept
_MAX_CLASS = 40  # characters a class may have to be spelled out one by one
_MAX_REPEAT = 3  # repetitions spelled out; any more only make prefixes
SECOND_WORD_LETTERS = 4  # letters of the second word spelled out; beyond, a prefix
_WORD_CHARACTER = re.compile(r"\w")
_DIGITS = frozenset("0123456789")
_LATER_DIGITS = re.compile(r"(?<=\d)\d+")


def normal_word(written: str) -> str:
    """A word (a run of word characters) as openings spell it: "1990s" is "1#s"."""
    lowered = written.lower()
    return lowered if lowered.isalpha() else _LATER_DIGITS.sub("#", lowered)


class _Unknown(Exception):
    """The pattern can begin with something this reading does not follow."""


@dataclass(frozen=True, slots=True)
class Openings:
    """How a match begins, in normal words (``normal_word``): with one of ``words``
    (the whole first word; anything may follow), a word beginning with one of
    ``prefixes``, or one of ``pairs`` ("the last": the first two words), or a pair
    beginning with one of ``pair_prefixes`` ("the " is "the" and any word)."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    pairs: frozenset[str]
    pair_prefixes: tuple[str, ...]
    pair_firsts: frozenset[str]  # the first words of pairs and pair_prefixes

    def admit(self, word: str, following: str | None = None) -> bool:
        """Can a match begin with ``word``, then ``following`` (the next word, when it
        is known)? Both normal words."""
        if self.admit_alone(word):
            return True
        if following is None:
            return word in self.pair_firsts
        pair = f"{word} {following}"
        return pair in self.pairs or pair.startswith(self.pair_prefixes)

    def admit_alone(self, word: str) -> bool:
        """Can a match begin with ``word``, whatever follows?"""
        return word in self.words or word.startswith(self.prefixes)

    def as_lists(self) -> list[list[str]]:
        """Its words, prefixes, pairs and pair prefixes, sorted (for ``from_lists``)."""
        return [
            sorted(self.words),
            list(self.prefixes),
            sorted(self.pairs),
            list(self.pair_prefixes),
        ]

    @classmethod
    def from_lists(cls, lists: list[list[str]]) -> Openings:
        """The openings ``as_lists`` wrote (raises ValueError if they are not four lists
        of strings)."""
        if len(lists) != 4 or not all(
            isinstance(items, list) and all(isinstance(item, str) for item in items)
            for items in lists
        ):
            raise ValueError("expected four lists of strings")
        words, prefixes, pairs, pair_prefixes = lists
        return cls(
            words=frozenset(words),
            prefixes=tuple(prefixes),
            pairs=frozenset(pairs),
            pair_prefixes=tuple(pair_prefixes),
            pair_firsts=frozenset(text.partition(" ")[0] for text in [*pairs, *pair_prefixes]),
        )

    def first_characters(self) -> frozenset[str] | None:
        """The characters a match can begin with; None: any."""
        if "" in self.prefixes:
            return None
        return frozenset(text[0] for text in (*self.words, *self.prefixes, *self.pair_firsts))


def openings(pattern: str, paired: frozenset[str] = frozenset()) -> Openings | None:
    """What a match of ``pattern`` (compiled ignoring case) can begin with; None: anything
    (a construct not followed here, or a parser that differs in another Python)."""
    try:
        from re import _constants as constants
        from re import _parser as parser

        reading = _Reading(constants, paired)
        spelled = reading.sequence(parser.parse(pattern, re.IGNORECASE), {""})
    except _Unknown:
        return None
    except Exception:  # another Python's parser: no shortcut
        return None
    # What is still being spelled at the end of the pattern ends there: every rule is
    # matched with a word end after it.
    ended = reading.words | {text.rstrip(" ") for text in spelled}
    if "" in ended:
        return None  # a match may be empty
    prefixes = reading.prefixes
    pair_prefixes = {text for text in prefixes if " " in text}
    pairs = {text for text in ended if " " in text}
    return Openings(
        words=frozenset(ended - pairs),
        prefixes=tuple(sorted(prefixes - pair_prefixes)),
        pairs=frozenset(pairs),
        pair_prefixes=tuple(sorted(pair_prefixes)),
        pair_firsts=frozenset(text.partition(" ")[0] for text in pairs | pair_prefixes),
    )


class _Reading:
    """One walk over a parsed pattern. The walk carries the openings still being spelled
    out (``spelling``): a first word, then " " once it has ended, then the second word.
    They end in ``words`` at a character that is not a word character after the second
    word, and become ``prefixes`` where the next characters are too many to follow."""

    def __init__(self, constants: Any, paired: frozenset[str]) -> None:
        self.c = constants
        self.paired = paired
        self.words: set[str] = set()
        self.prefixes: set[str] = set()

    def sequence(self, items: Any, spelling: set[str]) -> set[str]:
        for op, argument in items:
            if not spelling:
                break
            spelled = self.item(op, argument, spelling)
            if len(spelled) > _MAX_SPELLING:
                # Openings begun go on from here in too many ways: keep them as prefixes.
                # One not begun yet ("") begins with this item, which is spelled alone.
                self.prefixes |= spelling - {""}
                spelled = self.item(op, argument, {""}) if "" in spelling else set()
                if len(spelled) > _MAX_SPELLING:
                    self.prefixes |= spelled
                    return set()
            spelling = spelled
        return spelling

    def item(self, op: Any, argument: Any, spelling: set[str]) -> set[str]:
        c = self.c
        if op is c.LITERAL:
            return self._next(*_classified({chr(argument)}), spelling)
        if op is c.IN:
            return self._next(*self._class(argument), spelling)
        if op in (c.NOT_LITERAL, c.ANY):
            return self._next(None, None, spelling)
        if op is c.SUBPATTERN:
            return self.sequence(argument[-1], spelling)
        if op is c.ATOMIC_GROUP:
            return self.sequence(argument, spelling)
        if op is c.BRANCH:
            spelled: set[str] = set()
            for alternative in argument[1]:
                spelled |= self.sequence(alternative, set(spelling))
            return spelled
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return self._repeat(*argument, spelling)
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return spelling  # takes no character (and ignoring it only widens the answer)
        if op is c.GROUPREF:
            # What an earlier group matched ("1/5/1990"): any characters, or none.
            return spelling | self._next(None, None, spelling)
        raise _Unknown(op)  # a conditional...

    def _repeat(self, least: int, most: int, items: Any, spelling: set[str]) -> set[str]:
        spelled = set(spelling) if least == 0 else set()
        current = spelling
        for count in range(1, _MAX_REPEAT + 1):
            following = self.sequence(items, current)
            if following == current:
                # Any more repetitions spell the same ("\s+", "\d{4}"), the least included.
                return spelled | following
            if count >= least:
                spelled |= following
            if count == most or not following:
                return spelled
            current = following
        self.prefixes |= current  # more repetitions than are spelled out
        return spelled

    def _next(
        self, letters: set[str] | None, others: set[str] | None, spelling: set[str]
    ) -> set[str]:
        """Spell one more character: one of ``letters`` (word characters, lower case;
        None: too many to list) or one of ``others``, which end a word (None: too many
        to list)."""
        spelled: set[str] = set()
        if others is None or others:
            # Before any letter, only an apostrophe can start a match ("'90s"): matches
            # are only tried at the start of a word or of an apostrophe.
            if "" in spelling and (others is None or "'" in others):
                self.words.add("'")
            for text in spelling - {""}:
                if " " not in text:
                    if text in self.paired:
                        spelled.add(text + " ")  # the first word ends: on to the second
                    else:
                        self.words.add(text)
                elif text.endswith(" "):
                    spelled.add(text)  # still between the two words
                else:
                    self.words.add(text)  # the second word ends
        if letters is None:
            self.prefixes |= spelling
            return spelled
        for text in spelling:
            gap = text.find(" ")
            if gap >= 0 and len(text) - gap > SECOND_WORD_LETTERS:
                self.prefixes.add(text)  # enough of the second word to tell it apart
                continue
            for letter in letters:
                if letter in _DIGITS and text[-1:] in _DIGITS:
                    spelled.add(text + "#")  # a digit after a digit (see normal_word)
                elif letter in _DIGITS and text[-1:] == "#":
                    spelled.add(text)
                else:
                    spelled.add(text + letter)
        return spelled

    def _class(self, items: Any) -> tuple[set[str] | None, set[str] | None]:
        """A class as (its word characters, lower case; its other characters), each None
        when there are too many to list."""
        c = self.c
        listed: set[str] = set()
        letters_listed = True
        for kind, value in items:
            if kind is c.LITERAL:
                listed.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < _MAX_CLASS:
                listed |= {chr(code) for code in range(value[0], value[1] + 1)}
            elif kind is c.CATEGORY and value is c.CATEGORY_DIGIT:
                # Other scripts' digits only start words that are not ASCII, where every
                # rule is tried (see recognise._near).
                listed |= set("0123456789")
            elif kind is c.CATEGORY and value is c.CATEGORY_WORD:
                letters_listed = False
            elif kind is c.CATEGORY and value is c.CATEGORY_SPACE:
                listed |= set(" \t\n\r\f\v")  # (what counts: it ends a word, and no "'")
            else:  # a negated class, a wide range, the other categories: anything
                return None, None
        letters, others = _classified(listed)
        return (letters if letters_listed else None), others


def _classified(characters: set[str]) -> tuple[set[str], set[str]]:
    """(the word characters among these, lower case; the others)."""
    letters = {ch.lower() for ch in characters if _WORD_CHARACTER.match(ch)}
    return letters, {ch for ch in characters if not _WORD_CHARACTER.match(ch)}


class OpeningsIndex:
    """Which of many rules (their openings, in rule order; None: any) can begin with a
    word, looked up word by word instead of rule by rule."""

    def __init__(self, found: tuple[Openings | None, ...]) -> None:
        self.found = found
        self.anywhere = frozenset(i for i, rule in enumerate(found) if rule is None)
        self.words: dict[str, set[int]] = {}
        self.prefixes: dict[str, set[int]] = {}
        self.pair_firsts: dict[str, set[int]] = {}
        self.seconds: dict[str, set[str]] = {}  # second words (or their beginnings) by first
        for i, rule in enumerate(found):
            if rule is None:
                continue
            for word in rule.words:
                self.words.setdefault(word, set()).add(i)
            for prefix in rule.prefixes:
                self.prefixes.setdefault(prefix, set()).add(i)
            for first in rule.pair_firsts:
                self.pair_firsts.setdefault(first, set()).add(i)
            for pair in (*rule.pairs, *rule.pair_prefixes):
                first, _, second = pair.partition(" ")
                self.seconds.setdefault(first, set()).add(second)
        self.prefix_lengths = sorted({len(prefix) for prefix in self.prefixes})

    def rules_for(self, word: str, following: str | None = None) -> tuple[int, ...]:
        """The rules that can begin with ``word``, then ``following`` (when known); both
        normal words."""
        rules = set(self.anywhere)
        rules |= self.words.get(word, set())
        for length in self.prefix_lengths:
            if length > len(word):
                break
            rules |= self.prefixes.get(word[:length], set())
        paired = self.pair_firsts.get(word, set()) - rules
        if following is not None:
            paired = {i for i in paired if self.found[i].admit(word, following)}  # type: ignore[union-attr]
        return tuple(sorted(rules | paired))

    def told_apart(self, word: str, following: str) -> str:
        """As much of ``following`` ("": no next word) as the openings after ``word``
        tell apart: itself where they list it, else its longest beginning they list (and
        "*"), else "-". Next words alike in this are admitted by the same rules."""
        seconds = self.seconds.get(word, set())
        if not following or following in seconds:
            return following
        for length in range(min(len(following) - 1, SECOND_WORD_LETTERS), -1, -1):
            if following[:length] in seconds:
                return following[:length] + "*"
        return "-"
