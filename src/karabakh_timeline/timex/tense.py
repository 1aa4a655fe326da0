"""Tense of the clause around a mention, used to place a date without a year.

A cheap look at the words before the mention in the same sentence (then after it): future
markers ("will", "is due to", "scheduled") win over past markers ("was", "said", "-ed"), so
"will be held in March" is future even though "held" ends in -ed.
"""

from __future__ import annotations

import re

# Each pattern opens with (?=\w) after its \b: all its words start with a letter, and the
# check turns down a word's end at once instead of after trying every word (a third of
# the time of tense_at, which runs for every date without a year).
_FUTURE = re.compile(
    r"\b(?=\w)(?:(?:will|shall|would|to)\s+(?:not\s+|only\s+|also\s+|still\s+|then\s+|\w+ly\s+)?be\s+\w+|(?:is|are|was|were)\s+(?:being\s+)?"
    r"(?:scheduled|expected|set|due|planned|slated)(?:\s+to\s+\w+(?:\s+\w+)?)?"
    r"|will|shall|won't|wo\s+n't|going\s+to|is\s+to|are\s+to|due\s+to|is\s+due|are\s+due"
    r"|payable|effective|expects?|expected|forecasts?|projected|aims?\s+to|hopes?\s+to"
    r"|scheduled|expected\s+to|set\s+to|plans?\s+to|planning|intends?\s+to|would"
    r"|supposed\s+to"
    r"|upcoming|to\s+be\s+held|next|by\s+the\s+end|forthcoming|postponed\s+to"
    r"|from\s+now"
    # A bare present of a scheduled event ("Talks resume Monday", "he meets Bush Thursday").
    r"|meet|begin|resume|arrive|reconvene|meets|begins|starts|opens|resumes|arrives|travels"
    r"|reconvenes)\b|'ll\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?=\w)(?:had\s+been\s+(?:due|scheduled|expected|set|planned|slated)\s+to\s+\w+|was|were|had|did|said|ago|last|earlier|previously|since|began|took|came|went|saw"
    r"|met|held|won|lost|fell|rose|told|gave|left|made|broke|fought|signed|killed|brought"
    r"|bought|sold|paid|spent|became|found|got|kept|led|ran|sent|stood|struck|thought|wrote"
    r"|drew|grew|knew|shot|hid|fled|sought|taught|caught|wore|swore|shook|stole|spoke|chose"
    r"|froze|woke|rode|drove|flew|threw|blew|withdrew|overthrew|(?<!\ba\s)(?<!\ban\s)"
    r"(?<!the\s)(?<!still\s)[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
# An infinitive after a word of intention or agreement ("agreed to buy ... in January", "an
# offer to acquire ... in March"): the act lies after the (often past) verb, so the past tense
# of "agreed" says nothing about the date; the sentence is treated as having no tense.
_INFINITIVE = re.compile(
    r"\b(?=\w)(?:agree[sd]?|agreement|accord|deal|contract|plan(?:s|ned)?|decided|decision|vote[sd]?"
    r"|offer(?:s|ed)?|propos(?:ed?|al)|bid|moved?|seek(?:s|ing)?|sought|want(?:s|ed)?|promis(?:ed?|es)"
    r"|pledge[sd]?|vow(?:s|ed)?|threaten(?:s|ed)?|ready|prepared|intend(?:s|ed)?|intention|option"
    r"|right|commitment|committed|approv(?:ed?|al)|authori[sz]ed?|allowed|permission|order(?:s|ed)?"
    r"|ask(?:s|ed)?|urge[sd]?|hope[sd]?|poised|likely)\s+(?:\w+\s+)?(?P<to>to)\s+(?!be\b)(?-i:[a-z]+)\b",
    re.IGNORECASE,
)
_DEADLINE = re.compile(r"\b(?:until|till|by|through|before)\s+(?:the\s+)?\Z", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z\"'(])|\n")


def sentence_left(text: str, start: int, width: int = 250) -> str:
    """The text of the sentence before ``start`` (at most ``width`` characters)."""
    left = text[max(0, start - width) : start]
    boundaries = [m.end() for m in _SENTENCE_END.finditer(left)]
    return left[boundaries[-1] :] if boundaries else left


def tense_at(text: str, start: int, end: int) -> str | None:
    """ "past", "future" or None for the clause containing text[start:end]."""
    left = sentence_left(text, start, 120)
    right = text[end : end + 80]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[: stop.start()]
    # The cue nearest before the mention decides ("declared a dividend, payable Dec. 15" is
    # future, "will be held on" is future although "held" looks past); then the right side.
    future = _last_end(_FUTURE, left)
    past = _last_end(_PAST, left)
    if _last_to(left) >= max(future, past, 0):
        return None
    if future >= 0 or past >= 0:
        return "future" if future >= past else "past"
    future = _first_start(_FUTURE, right)
    past = _first_start(_PAST, right)
    if future < past:
        return "future"
    if past < future:
        return "past"
    # Without any verb cue, a deadline preposition looks forward ("the ban lasts until May").
    if _DEADLINE.search(left):
        return "future"
    return None


def _last_end(pattern: re.Pattern[str], text: str) -> int:
    end = -1
    for m in pattern.finditer(text):
        end = m.end()
    return end


def _last_to(text: str) -> int:
    """Where the "to" of the last infinitive of intention in ``text`` starts (-1: none)."""
    start = -1
    for m in _INFINITIVE.finditer(text):
        start = m.start("to")
    return start


def _first_start(pattern: re.Pattern[str], text: str) -> int:
    m = pattern.search(text)
    return m.start() if m else 1 << 30
