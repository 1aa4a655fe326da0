"""The words a rule's match can begin with, read from its pattern.

``recognise.py`` tries the rules at many word starts, and most of those words ("to",
"said", "percent") can open no rule at all. Knowing each rule's possible first words
("the", "last", "early", any number...) lets it skip them with one look-up instead of a
regex attempt.

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

_MAX_SPELLING = 4096  # first words spelled out at once; beyond, only prefixes are kept
_MAX_CLASS = 40  # characters a class may have to be spelled out one by one
_MAX_REPEAT = 3  # repetitions spelled out; any more only make prefixes
_WORD_CHARACTER = re.compile(r"\w")
_DIGITS = frozenset("0123456789")


class _Unknown(Exception):
    """The pattern can begin with something this reading does not follow."""


@dataclass(frozen=True, slots=True)
class Openings:
    """A match begins with one of ``words`` (lower case, the whole run of word characters
    at its start), or with a word beginning with one of ``prefixes``."""

    words: frozenset[str]
    prefixes: tuple[str, ...]

    def admit(self, word: str) -> bool:
        """Can a match begin with ``word`` (lower case, a whole run of word characters)?"""
        return word in self.words or word.startswith(self.prefixes)

    def first_characters(self) -> frozenset[str] | None:
        """The characters a match can begin with; None: any."""
        if "" in self.prefixes:
            return None
        return frozenset(text[0] for text in (*self.words, *self.prefixes))


def openings(pattern: str) -> Openings | None:
    """What a match of ``pattern`` (compiled ignoring case) can begin with; None: anything
    (a construct not followed here, or a parser that differs in another Python)."""
    try:
        from re import _constants as constants
        from re import _parser as parser

        reading = _Reading(constants)
        spelled = reading.sequence(parser.parse(pattern, re.IGNORECASE), {""})
    except _Unknown:
        return None
    except Exception:  # another Python's parser: no shortcut
        return None
    # What is still being spelled at the end of the pattern is a whole word: every rule is
    # matched with a word end after it.
    words = reading.words | spelled
    if "" in words:
        return None  # a match may be empty
    return Openings(frozenset(words), tuple(sorted(reading.prefixes)))


class _Reading:
    """One walk over a parsed pattern. The walk carries the first words still being
    spelled out (``spelling``); they end in ``words`` at a character that is not a word
    character, and become ``prefixes`` where the next characters are too many to follow."""

    def __init__(self, constants: Any) -> None:
        self.c = constants
        self.words: set[str] = set()
        self.prefixes: set[str] = set()

    def sequence(self, items: Any, spelling: set[str]) -> set[str]:
        for op, argument in items:
            if not spelling:
                break
            spelled = self.item(op, argument, spelling)
            if len(spelled) > _MAX_SPELLING:
                # Words begun go on from here in too many ways: keep them as prefixes. A
                # word not begun yet ("") begins with this item, which is spelled alone.
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
        raise _Unknown(op)  # a backreference, a conditional...

    def _repeat(self, least: int, most: int, items: Any, spelling: set[str]) -> set[str]:
        spelled = set(spelling) if least == 0 else set()
        current = spelling
        for count in range(1, _MAX_REPEAT + 1):
            current = self.sequence(items, current)
            if count >= least:
                spelled |= current
            if count == most or not current:
                return spelled
        self.prefixes |= current  # more repetitions than are spelled out
        return spelled

    def _next(
        self, letters: set[str] | None, others: set[str] | None, spelling: set[str]
    ) -> set[str]:
        """Spell one more character: one of ``letters`` (word characters, lower case;
        None: too many to list) or one of ``others``, which end the first word (None: too
        many to list)."""
        if others is None or others:
            # Before any letter, only an apostrophe can start a match ("'90s"): matches
            # are only tried at the start of a word or of an apostrophe.
            if "" in spelling and (others is None or "'" in others):
                self.words.add("'")
            self.words |= spelling - {""}
        if letters is None:
            self.prefixes |= spelling
            return set()
        numbers = {text for text in spelling if text.isdigit()}
        if numbers and not letters.isdisjoint(_DIGITS):
            # A number goes on in too many ways to spell out ("1", then any digit...).
            self.prefixes |= numbers
            return {
                text + letter
                for text in spelling
                for letter in letters
                if text not in numbers or letter not in _DIGITS
            }
        return {text + letter for text in spelling for letter in letters}

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
