"""Tense of the clause around a mention, used to place a date without a year.

A cheap look at the words before the mention in the same sentence (then after it): future
markers ("will", "is due to", "scheduled") win over past markers ("was", "said", "-ed"), so
"will be held in March" is future even though "held" ends in -ed.
"""

from __future__ import annotations

import re

_FUTURE = re.compile(
    r"\b(?:will|shall|won't|wo\s+n't|going\s+to|is\s+to|are\s+to|due\s+to|is\s+due|are\s+due"
    r"|scheduled|expected\s+to|set\s+to|plans?\s+to|planned|planning|intends?\s+to|would"
    r"|upcoming|to\s+be\s+held|next|by\s+the\s+end|forthcoming|postponed\s+to"
    r"|from\s+now)\b|'ll\b",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:was|were|had|did|said|ago|last|earlier|previously|since|began|took|came|went|saw"
    r"|met|held|won|lost|fell|rose|told|gave|left|made|broke|fought|signed|killed|began"
    r"|[a-z]{3,}ed)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?;]\s+(?=[A-Z\"'(])|\n")


def tense_at(text: str, start: int, end: int) -> str | None:
    """"past", "future" or None for the clause containing text[start:end]."""
    lo = max(0, start - 120)
    left = text[lo:start]
    cut = None
    for cut in _SENTENCE_END.finditer(left):
        pass
    if cut is not None:
        left = left[cut.end() :]
    right = text[end : end + 80]
    stop = _SENTENCE_END.search(right)
    if stop:
        right = right[: stop.start()]
    # Words close to the mention decide; the left side first ("was held on", "will meet on").
    left_tail = left[-60:]
    if _FUTURE.search(left_tail):
        return "future"
    if _PAST.search(left_tail):
        return "past"
    if _FUTURE.search(right):
        return "future"
    if _PAST.search(right) or _PAST.search(left):
        return "past"
    return None
