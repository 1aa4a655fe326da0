"""Regex fragments and helpers shared by the rule files (no named groups in fragments)."""

from __future__ import annotations

import re

from ..lexicon import MONTH_RE, ORDINAL_WORD_RE, month_value, number_value, ordinal_value
from ..spec import Spec

# A day of the month in digits, optionally with an ordinal suffix ("27", "27th", "1st").
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DAY_OR_WORD = rf"(?:{DAY}|{ORDINAL_WORD_RE})"
# A plausible year for a written date: 1000-2099, not part of a longer number.
YEAR = r"(?:1\d{3}|20\d{2})(?![\d,]\d|\.\d)"
# Guard against digits glued to money, decimals or thousands ("$1992", "1,992", "3.1992").
_TENS_W = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES_W = "one|two|three|four|five|six|seven|eight|nine"
_TEENS_W = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
# A year in words: "nineteen ninety-six", "nineteen eighty", "two thousand and five".
SPELLED_YEAR = (
    rf"(?:(?:nineteen|eighteen)[- ](?:(?:{_TENS_W})(?:[- ](?:{_ONES_W}))?|{_TEENS_W}"
    rf"|hundred(?:\s+and\s+(?:{_ONES_W}))?)|two\s+thousand(?:\s+(?:and\s+)?(?:{_ONES_W}|{_TEENS_W}))?)"
)
NUM_START = r"(?<![\d,.$€£#/])(?<!\d-)"
MONTH = MONTH_RE

_LABEL_BEFORE = re.compile(
    r"(?:\b(?:route|resolution|resolutions|no|nos|number|numbers|article|paragraph|section|flight"
    r"|highway|room|page|pages|chapter|item|model|version|code|decree|order|law|act|bill|rule"
    r"|unit|lot|apartment|box|grade|level|channel|platform|gate|district|precinct|tel|phone"
    r"|fax|extension|ext|km|kilometre|kilometer|mile|miles|height|altitude|about|some|nearly|almost|over"
    r"|than|approximately|roughly|only|just|total|top|dow|index|at|to|by|from)\.?"
    r"|[#№$€£+=])\s*\Z",
    re.IGNORECASE,
)
_COUNT_AFTER = re.compile(
    r"\s*(?:%|percent\b|per\s+cent\b|[a-z]+s\b(?!\s+(?:ago|earlier|later))|people\b|men\b"
    r"|women\b|children\b|feet\b|metres?\b|meters?\b|km\b|tons?\b|tonnes?\b|[-–]\s*strong\b"
    r"|points?\b|votes?\b|dollars?\b|euros?\b|hours\b|GMT\b|local\s+time\b)"
)
_TIME_PREP_BEFORE = re.compile(
    r"\b(?:in|since|during|until|till|before|after|of|from|by|between|and|through|year"
    r"|early|late|mid|fiscal|spring|summer|autumn|fall|winter)[\s-]*\Z",
    re.IGNORECASE,
)


def looks_like_year(text: str, start: int, end: int) -> bool:
    """Whether the bare number text[start:end] (1000-2099) is a year and not a count or label.

    "in 1992" and "1992," are years; "Route 2020", "about 1500 people", "1200 containers",
    "Resolution 1244" are not.
    """
    before = text[max(0, start - 25) : start]
    after = text[end : end + 20]
    if _LABEL_BEFORE.search(before):
        # "at/to/by/from" label a quantity unless the number is a plausible modern year.
        word = before.rstrip().rsplit(None, 1)[-1].lower() if before.strip() else ""
        if word not in ("at", "to", "by", "from") or not 1800 <= int(text[start:end]) <= 2100:
            return False
    if _COUNT_AFTER.match(after) and not _TIME_PREP_BEFORE.search(before):
        return False
    return not (after[:1] == ":" and after[1:2].isdigit())


def year_of(word: str | None) -> int | None:
    """Year from "1998", "'98", "98" (19xx above 30, 20xx below) or "nineteen ninety-six"."""
    if not word:
        return None
    w = word.lstrip("'’")
    if not w[:1].isdigit():
        return _spelled_year(w)
    if len(w) == 2:
        n = int(w)
        return 1900 + n if n > 30 else 2000 + n
    return int(w)


def day_of(word: str | None) -> int | None:
    return ordinal_value(word) if word else None


def cal(year: int | None, month: int | None, day: int | None = None, **kw: object) -> Spec | None:
    """A calendar Spec, or None when the month/day combination cannot exist."""
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None and not 1 <= day <= (
        29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
    ):
        return None
    return Spec("cal", year=year, month=month, day=day, **kw)  # type: ignore[arg-type]


def month_of(word: str | None) -> int | None:
    return month_value(word) if word else None


def _spelled_year(words: str) -> int | None:
    parts = words.lower().replace("-", " ").split()
    if parts[:2] == ["two", "thousand"]:
        rest = [p for p in parts[2:] if p != "and"]
        return 2000 + (number_value(" ".join(rest)) or 0 if rest else 0)
    century = number_value(parts[0])
    if century is None:
        return None
    rest = [p for p in parts[1:] if p != "and"]
    if rest[:1] == ["hundred"]:
        rest = rest[1:]
    tail = number_value(" ".join(rest)) if rest else 0
    return century * 100 + (tail or 0)
