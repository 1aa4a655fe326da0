"""Word lists shared by the rules: months, weekdays, numbers, units, seasons.

Regex fragments here never contain named groups so they can be embedded anywhere.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip

# Month names are matched case-sensitively (capitalised or upper case) so that the modal verb
# "may" or the verb "march" never become dates. Abbreviations keep their dot inside the span.
MONTH_RE = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December|JANUARY|FEBRUARY|MARCH|APRIL|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER"
    r"|DECEMBER|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)(?![a-z]))"
)

WEEKDAYS: dict[str, int] = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip
WEEKDAY_RE = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![a-z]))"

_UNITS_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    **_UNITS_WORDS, **_TENS_WORDS, "a": 1, "an": 1, "a dozen": 12, "dozen": 12,
    "a hundred": 100, "hundred": 100, "half a": 0,
}  # fmt: skip

_ONES = "one|two|three|four|five|six|seven|eight|nine"
_TEENS = "ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
# A cardinal written in digits or words (up to 99, "a hundred"); no named groups.
CARDINAL_RE = (
    rf"(?:\d{{1,3}}(?:\.5)?|(?:{_TENS})(?:[- ](?:{_ONES}))?|{_TEENS}|{_ONES}"
    r"|a\s+hundred|a\s+dozen|a\s+couple\s+of|a\s+couple|couple\s+of|an?)"
)
VAGUE_RE = r"(?:a\s+few|few|several|some|many|a\s+number\s+of|dozens\s+of|hundreds\s+of)"

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
ORDINAL_WORD_RE = (
    r"(?:(?:twenty|thirty)[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth"
    r"|thirtieth)"
)

# Duration units; the value letter is the ISO 8601 designator, "T" marks clock units.
UNITS: dict[str, str] = {
    "second": "TS", "minute": "TM", "hour": "TH", "day": "D", "night": "D", "week": "W",
    "fortnight": "2W", "month": "M", "quarter": "Q", "year": "Y", "decade": "E",
    "century": "C", "centurie": "C", "millennium": "L", "millennia": "L",
}  # fmt: skip
UNIT_RE = (
    r"(?:seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?"
    r"|decades?|century|centuries|millennium|millennia)"
)

SEASONS: dict[str, str] = {
    "spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI",
}  # fmt: skip
SEASON_RE = r"(?:spring|summer|autumn|fall|winter)"

PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "overnight": "NI",
}  # fmt: skip


def number_value(word: str) -> int | None:
    """Value of a cardinal matched by CARDINAL_RE; None for vague amounts ("several")."""
    w = " ".join(word.lower().replace("-", " ").split())
    if w[:1].isdigit():
        return int(float(w)) if "." not in w else None
    if w in NUMBER_WORDS:
        return NUMBER_WORDS[w]
    if "couple" in w:
        return 2
    parts = w.split()
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in _UNITS_WORDS:
        return _TENS_WORDS[parts[0]] + _UNITS_WORDS[parts[1]]
    return None


def ordinal_value(word: str) -> int | None:
    """Value of "27th", "27", "twenty-seventh" ..."""
    w = word.lower().replace("-", " ").strip()
    digits = w.rstrip("stndrh")
    if digits.isdigit():
        return int(digits)
    if w in ORDINALS:
        return ORDINALS[w]
    parts = w.split()
    if len(parts) == 2 and parts[0] in _TENS_WORDS and parts[1] in ORDINALS:
        return _TENS_WORDS[parts[0]] + ORDINALS[parts[1]]
    return None


def month_value(word: str) -> int:
    """Month number of a name matched by MONTH_RE."""
    return MONTHS[word.lower().rstrip(".")]
