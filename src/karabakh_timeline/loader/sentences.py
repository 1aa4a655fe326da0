"""A sentence splitter that survives news text.

News is full of full stops that end nothing: ``U.S.``, ``Mr.``, ``Gen.``, ``a.m.``,
``No. 5``, ``Jan. 5``, initials (``J. R. Smith``), numbered lists. A stop ends a
sentence only when what follows could start one, and what precedes it is not a known
abbreviation (or is an abbreviation that can end a sentence, followed by a word that
usually starts one). Offsets into the text are kept so every event can point at its
exact sentence.
"""

from __future__ import annotations

import re

# Abbreviations that never end a sentence in news text (titles, months, "No.").
_NEVER_FINAL = frozenset(
    """
    mr mrs ms messrs dr prof gen lt col maj capt cmdr adm sgt cpl pvt gov sen rep rev hon pres
    supt atty insp det st mt ft jr sr no nos vs v cf fig figs vol vols pp approx est dept univ
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    """.split()
)
# Abbreviations that may also end a sentence: split only before a typical sentence start.
_MAYBE_FINAL = frozenset("inc corp co ltd llc plc bros etc am pm".split())
_SENTENCE_STARTERS = frozenset(
    """
    a an the this that these those he she it they we i you his her its their our my there
    but and or so yet in on at by for from with after before when while as if although though
    since until during meanwhile however also still then now earlier later today yesterday
    tomorrow last next according some many most all both several one two three mr mrs ms dr
    """.split()
)

# A candidate end: terminal punctuation, closing quotes/brackets, then white space.
_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)")
_WORD_BEFORE = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)\.?$")
_NEXT_WORD = re.compile(r"\s+([\"'“‘«(\[]*)(\S+)")
_LINE_BREAK = re.compile(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)|\n")
_LIST_NUMBER = re.compile(r"(?:^|\n)\s*\d{1,3}$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of each sentence in ``text``, white space trimmed."""
    spans: list[tuple[int, int]] = []
    for line_start, line_end in _lines(text):
        start = line_start
        for match in _CANDIDATE.finditer(text, line_start, line_end):
            if _ends_sentence(text, match, line_end):
                _append(spans, text, start, match.end())
                start = match.end()
        _append(spans, text, start, line_end)
    return spans


def _lines(text: str) -> list[tuple[int, int]]:
    """Hard breaks (list items, block boundaries) always end a sentence."""
    lines: list[tuple[int, int]] = []
    start = 0
    for match in _LINE_BREAK.finditer(text):
        lines.append((start, match.start()))
        start = match.end()
    lines.append((start, len(text)))
    return lines


def _ends_sentence(text: str, match: re.Match[str], line_end: int) -> bool:
    marks = match.group()
    following = _NEXT_WORD.match(text, match.end(), line_end)
    if following is None:
        return True
    opening, next_word = following.groups()
    first = next_word[0]
    if not (first.isupper() or first.isdigit() or opening):
        return False  # "said the spokesman. and" is not a new sentence
    if not marks.startswith(".") or marks.startswith(".."):
        return True  # ! ? and ellipses
    if any(char in marks for char in "\"'”’»)]"):
        return True  # a quotation or bracket closed after the stop: '."'
    before = text[max(0, match.start() - 20) : match.start()]
    if _LIST_NUMBER.search(before):
        return False  # "1. First item"
    word_match = _WORD_BEFORE.search(before)
    if word_match is None:
        return True
    word = word_match.group(1)
    bare = word.replace(".", "").lower()
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    if bare in _NEVER_FINAL and "." not in word:
        return False
    if "." in word or bare in _MAYBE_FINAL:
        # "U.S.", "a.m.", "Inc." end a sentence only before a word that starts one.
        return next_word.strip("\"'“‘«([").lower().rstrip(",") in _SENTENCE_STARTERS
    return True


def _append(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))
