"""Ranges between mentions: "between March 2020 and June 2021", "from 1923 until 1951",
"since 1992" (open at the end), "until 15 January" (open at the start).

Linking happens before resolution so that an end without a year can borrow the other end's
year ("from 9 October to 26 November 2020").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .recognise import Mention, RangeMatch

_GAP = re.compile(r"\s*(?:-|–|—|to|until|till|through|thru|and)\s*\Z", re.IGNORECASE)
_LEAD = re.compile(r"(?:\b(?P<w>from|between)\s+)\Z", re.IGNORECASE)
_OPEN_BEGIN = re.compile(r"(?:\b(?:since|starting|starting\s+from|beginning)\s+)\Z", re.I)
_OPEN_END = re.compile(r"(?:\b(?:until|till|through|up\s+to|up\s+until)\s+)\Z", re.I)
_FROM = re.compile(r"(?:\bfrom\s+)\Z", re.IGNORECASE)


@dataclass(slots=True)
class Link:
    start: int
    end: int
    begin: int | None  # index into the mentions
    finish: int | None


def _is_point(mention: Mention) -> bool:
    """A date that can end a range (not a duration, set or vague reference)."""
    spec = mention.spec
    if spec.type not in ("DATE", "TIME"):
        return False
    return not (spec.kind == "lit" and (spec.value or "").endswith("_REF"))


def _borrow_year(first: Mention, second: Mention) -> None:
    a, b = first.spec, second.spec
    both_months = a.kind == b.kind == "cal" and bool(a.month and b.month) and not a.part
    if both_months and a.year is None and b.year is not None:
        a.year = b.year - (1 if (a.month or 0) > (b.month or 0) else 0)


def link(text: str, mentions: list[Mention], ranges: list[RangeMatch]) -> list[Link]:
    links = [Link(r.start, r.end, r.begin, r.finish) for r in ranges]
    used = {i for r in ranges for i in (r.begin, r.finish)}
    i = 0
    while i < len(mentions) - 1:
        a, b = mentions[i], mentions[i + 1]
        if i in used or i + 1 in used or not (_is_point(a) and _is_point(b)):
            i += 1
            continue
        gap = text[a.end : b.start]
        lead = _LEAD.search(text, max(0, a.start - 10), a.start)
        is_and = gap.strip().lower() == "and"
        if _GAP.match(gap) and (not is_and or (lead and lead["w"].lower() == "between")):
            _borrow_year(a, b)
            links.append(Link(lead.start() if lead else a.start, b.end, i, i + 1))
            used.update((i, i + 1))
            i += 2
            continue
        i += 1
    for j, mention in enumerate(mentions):
        if j in used or not _is_point(mention):
            continue
        lo = max(0, mention.start - 20)
        opener = _OPEN_BEGIN.search(text, lo, mention.start) or _FROM.search(
            text, lo, mention.start
        )
        if opener:
            links.append(Link(opener.start(), mention.end, j, None))
            continue
        closer = _OPEN_END.search(text, lo, mention.start)
        if closer:
            links.append(Link(closer.start(), mention.end, None, j))
    links.sort(key=lambda k: k.start)
    return links
