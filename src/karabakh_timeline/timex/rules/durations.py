"""Durations: "five years", "two-year", "24 hours", "the past two weeks", "several months",
"the first nine months", "an hour and a half". Values are ISO 8601 periods (X for vague
amounts). Vague past spans ("recent years", "the past few months") are PAST_REF dates, as
TimeML annotates them."""

from __future__ import annotations

import re

from ..lexicon import CARDINAL_RE, UNIT_RE, UNITS, VAGUE_RE, number_value
from ..spec import Spec
from .base import Built, Ex, Groups, Multi, Piece, Rule
from .common import NUM_START


def unit_letter(word: str) -> str:
    w = word.lower()
    for stem, letter in UNITS.items():
        if w.startswith(stem[:5] if stem.startswith("centur") else stem):
            return letter
    raise KeyError(word)


def period(amount: str, letter: str) -> str:
    """ISO period for an amount ("5", "X", "2.5") and a unit letter from ``UNITS``."""
    if letter == "2W":
        amount, letter = ("X" if amount == "X" else _fmt(float(amount) * 2)), "W"
    if amount == "X" and letter in ("E", "C", "L"):
        return f"PX{letter}"  # "decades", "centuries"
    if letter == "E":  # decades are written in years (TimeBank: "two decades" = P20Y)
        amount, letter = _fmt(float(amount) * 10), "Y"
    if letter == "C":
        amount, letter = ("X" if amount == "X" else _fmt(float(amount) * 100)), "Y"
    if letter == "L":
        amount, letter = ("X" if amount == "X" else _fmt(float(amount) * 1000)), "Y"
    if letter.startswith("T"):
        return f"PT{amount}{letter[1]}"
    return f"P{amount}{letter}"


def _fmt(x: float) -> str:
    return str(int(x)) if x == int(x) else str(x)


def _duration(g: Groups) -> Built:
    words = g["n"] or ""
    unit = (g["u"] or "").lower()
    end = g.whole[1]
    after = g.m.string[end : end + 5].lower()
    if after.startswith(" old") or (unit.startswith("quarter") and g["hyphen"]):
        return None  # "52 years old" is an age, "three-quarters" a fraction
    # "three quarters of the market" is a fraction; "several quarters of losses" a duration.
    fraction = not (g["the"] or g["lead"] or g["vague"]) and _FRACTION_OF.match(g.m.string, end)
    if unit.startswith("quarter") and fraction:
        return None  # "more than a quarter of the market"
    if unit == "second" and words.lower() in ("a", "an"):
        return None  # "a second group"
    n: float | None = None if g["vague"] else number_value(words)
    if g["n"] and words[:1].isdigit() and "." in words:
        n = float(words)
    half = bool(g["half"] or g["half2"] or g["half3"] or g["half4"])
    if g["n"] and n == 0:
        return None
    try:
        letter = unit_letter(g["u"] or "")
    except KeyError:
        return None
    if half and n is not None and n == int(n):
        return Spec("lit", type="DURATION", value=_and_a_half(int(n), letter))
    lead = (g["lead"] or "").lower()
    if n is None and lead in _PAST_LEADS and g["vague"] and (g["the"] or lead == "past"):
        return Spec("lit", value="PAST_REF")  # "the past several quarters"
    amount = "X" if n is None else _fmt(n)
    spec = Spec("lit", type="DURATION", value=period(amount, letter))
    if n is not None and n == int(n) and not (g["the"] or g["lead"] or g["hyphen"]):
        in_time = _in_time(g, letter, int(n))
        if in_time is not None:
            in_time.value = spec.value
            return in_time
    if (g["the"] and not g["lead"] and g["hyphen"]) or (lead == "last" and not g["the"]):
        # "the 10-year bond": the article belongs to the noun, not to the duration; "will
        # last several weeks": "last" is the verb.
        return Multi([Piece(g.span("num")[0], end, spec)], is_range=False)
    return spec


# "in five years": a time that far ahead when the sentence looks forward ("would be redeemed in
# five years"), else a length ("built in five years"); resolve.py decides with the tense.
_IN_BEFORE = re.compile(
    r"(?<![\w-])(?P<word>\w+\s+)?in\s+(?:about\s+|around\s+|roughly\s+|approximately\s+"
    r"|another\s+|just\s+)?\Z",
    re.IGNORECASE,
)
# "the first time in five years", "its lowest level in two years", "the first visit by
# Chinese leaders in ten years", "the second report in two months": a span ending now.
_SPAN_NOUNS = frozenset(
    "time times level levels high highs low lows record records gain gains rise decline "
    "drop increase jump fall".split()
)
_SPAN_BEFORE = re.compile(
    r"\b(?:first|second|third|fourth|fifth|last|only|best|worst|biggest|largest|smallest"
    r"|lowest|highest|fastest|slowest|strongest|weakest|longest|shortest|most|least|record)\b"
    r"[^.;:!?]*\Z",
    re.IGNORECASE,
)
# "in a week or two" is a vague wait; "in a month's training" a length ("in a month's
# time" is a date).
_NOT_A_POINT = re.compile(
    r"\s+or\s+(?:two|three|so|more)\b|['\u2019]s?\s+(?!time\b)", re.IGNORECASE
)
_IN_UNITS = {"Y": "year", "M": "month", "W": "week", "D": "day", "E": "decade"}


def _in_time(g: Groups, letter: str, n: int) -> Spec | None:
    unit = _IN_UNITS.get(letter)
    if unit is None or g["vague"]:
        return None
    start = g.span("num")[0]
    m = _IN_BEFORE.search(g.m.string, max(0, start - 40), start)
    if m is None:
        return None
    if m["word"] and m["word"].strip().lower() in _SPAN_NOUNS:
        return None
    if _SPAN_BEFORE.search(g.m.string, max(0, m.start() - 80), m.start()):
        return None
    if _NOT_A_POINT.match(g.m.string, g.whole[1]):
        return None
    return Spec("rel", type="DURATION", unit=unit, offset=n, tense="in")


def _and_a_half(whole: int, letter: str) -> str:
    """ "two and a half years" = P2Y6M, "an hour and a half" = PT1H30M (TimeML style)."""
    if letter == "Y":
        return f"P{whole}Y6M" if whole else "P6M"
    if letter == "D":
        return f"P{whole}DT12H" if whole else "PT12H"
    if letter == "TH":
        return f"PT{whole}H30M" if whole else "PT30M"
    if letter == "TM":
        return f"PT{whole}M30S" if whole else "PT30S"
    return period(_fmt(whole + 0.5), letter)


_QUARTER_OF = {"century": "P25Y", "hour": "PT15M", "year": "P3M"}
_FRACTION_OF = re.compile(
    r"\s+of\b(?!\s+(?:an?\s+)?(?:century|hour|year|mile)\b|\s+(?:\d{4}|this|last|next)\b)", re.I
)


def _half_unit(g: Groups) -> Spec | None:
    letter = unit_letter(g["u"] or "")
    table = {
        "C": "P50Y",
        "E": "P5Y",
        "Y": "P6M",
        "M": "P0.5M",
        "D": "PT12H",
        "TH": "PT30M",
        "W": "P0.5W",
        "TM": "PT30S",
    }
    value = table.get(letter)
    return Spec("lit", type="DURATION", value=value) if value else None


def _coming(g: Groups) -> Spec | None:
    return Spec("lit", value="FUTURE_REF")


_LEAD = (
    r"(?:(?P<the>the|its|their|each\s+of\s+the)\s+)?(?:(?P<lead>first|last|past|next|previous"
    r"|coming|final|latest|following|remaining|initial|preceding|additional|further|same)\s+)?"
)

RULES = [
    Rule("duration",
         rf"{_LEAD}{NUM_START}(?P<num>(?P<vague>{VAGUE_RE})|(?P<n>\d{{1,3}}(?:\.\d)?|{CARDINAL_RE}))"
         r"(?:\s+and\s+a\s+(?P<half>half)|\s+(?P<half3>1/2)|(?P<half4>½))?(?:\s+|(?P<hyphen>-))(?:(?:more|additional|full|straight"
         r"|consecutive|long|extra|further)\s+)?(?:(?:trading|business|working|calendar)\s+"
         rf"(?=days?\b))?(?P<u>{UNIT_RE})(?:\s+and\s+a\s+(?P<half2>half)\b)?(?:-old|-long)?"
         r"(?!-(?:earlier|ago|end))"
         r"(?!\s*(?:ago|from\s+now|hence)\b)", _duration, 70),
    Rule("bare_plural",
         r"(?:(?<=\bfor\s)|(?<=\bwithin\s)|(?<=\bover\s)|(?<=\bin\s)|(?<=\bfor\s(?:many|long)\s))"
         r"(?P<u>years|months|weeks|days|decades|centuries|hours|minutes)"
         r"(?:\s+or\s+(?:years|months|weeks|days|decades|centuries|hours|minutes)\b)?",
         lambda g: Spec("lit", type="DURATION", value=period("X", unit_letter(g["u"] or ""))),
         74),
    Rule("quarter_of", r"(?:a|one)\s+quarter\s+of\s+an?\s+(?P<u>century|hour|year)\b",
         lambda g: Spec("lit", type="DURATION", value=_QUARTER_OF[(g["u"] or "").lower()]), 68),
    Rule("the_years", r"(?<=\bover\s)the\s+years(?!\s+(?:of|to|since|before|after)\b)",
         lambda g: Spec("lit", type="DURATION", value="PXY"), 74),
    Rule("a_while", r"a\s+(?:long\s+|short\s+|little\s+)?while",
         lambda g: Spec("lit", type="DURATION", value="PXX"), 75),
    Rule("half_unit",
         r"half\s+an?\s+(?P<u>century|decade|year|month|day|hour|week|minute)", _half_unit, 71),
    Rule("coming_plural",
         r"(?:the\s+)?(?:coming|upcoming|next\s+few)\s+(?:days|weeks|months|years|decades"
         r"|quarters)",
         _coming, 72),
    # "the weeks ahead" is a span like "the next few weeks".
    Rule("units_ahead", r"the\s+(?P<u>days|weeks|months|years|decades)\s+ahead\b(?!\s+of\b)",
         lambda g: _vague(g["u"]), 72),
    Rule("long_period",
         r"an?\s+(?:(?:fairly|very|relatively|rather|quite\s+a)\s+)?(?:long|lengthy|short|brief"
         r"|extended|prolonged|limited)\s+(?:period|stretch)(?:\s+of\s+time)?\b",
         lambda g: Spec("lit", type="DURATION", value="PXX"), 72),
    # "the first hours of the war", "the early years": an unmeasured stretch.
    Rule("first_units",
         r"the\s+(?:first|early|initial|opening|final|closing)\s+(?P<u>hours|days|weeks|months"
         r"|years|decades)\b", lambda g: _vague(g["u"]), 72),
    # "months of talks", "the heady days of boom": a bare plural before "of" is a vague length.
    Rule("plural_of",
         r"(?P<u>years|months|weeks|days|decades)(?=\s+of\s+(?!the\s+(?:year|month|week"
         r"|day)\b)(?-i:[a-z]))", lambda g: _plural_of(g), 75),
    Rule("recent_plural",
         r"(?:the\s+)?(?:(?:recent|past|last|next|coming|previous)\s+(?:few\s+|several\s+)?)?"
         r"(?P<u>years|months|weeks|days|decades|centuries)(?=\s+(?:ago|now|to\s+come))"
         r"|(?:(?P<the>the)\s+)?(?P<rel>recent|past|last|next|previous)\s+(?:few\s+|several\s+)?"
         r"(?P<u2>years|months|weeks|days|decades|quarters)", lambda g: _recent(g), 73),
]  # fmt: skip


def _vague(unit: str | None) -> Spec:
    return Spec("lit", type="DURATION", value=period("X", unit_letter(unit or "")))


# Words before a bare plural that make it a definite or counted thing ("the days of the week",
# "their years of service" keeps a duration, but "these years of" is a reference).
_DETERMINERS = frozenset("the these those this that".split())


def _plural_of(g: Groups) -> Spec | None:
    words = g.m.string[max(0, g.whole[0] - 20) : g.whole[0]].split()
    if words and words[-1].lower() in _DETERMINERS:
        return None
    return _vague(g["u"])


def _recent(g: Groups) -> Spec | None:
    unit = g["u"] or g["u2"] or ""
    end = g.whole[1]
    after = g.m.string[end : end + 12].lower()
    if after.startswith((" ago", " earlier")):
        return Spec("lit", value="PAST_REF")
    if after.startswith(" to come"):
        return Spec("lit", value="FUTURE_REF")
    rel = (g["rel"] or "").lower()
    if rel in _PAST_LEADS and (g["the"] or rel in ("recent", "past")):
        # "recent years", "the past few months": a vague past time, not a length (TimeML).
        return Spec("lit", value="PAST_REF")
    return Spec("lit", type="DURATION", value=period("X", unit_letter(unit)))


_PAST_LEADS = frozenset(("recent", "past", "last", "previous", "preceding"))


EXAMPLES = [
    Ex("The war lasted five years.", ["five years=P5Y:DURATION"]),
    Ex("A two-year deal was signed.", ["two-year=P2Y:DURATION"]),
    Ex("The 10-year bond fell.", ["10-year=P10Y:DURATION"]),
    Ex("Talks lasted 3 hours.", ["3 hours=PT3H:DURATION"]),
    Ex("Talks lasted 24 hours.", ["24 hours=PT24H:DURATION"]),
    Ex("Fighting went on for two weeks.", ["two weeks=P2W:DURATION"]),
    Ex("Prices rose over the past two weeks.", ["the past two weeks=P2W:DURATION"]),
    Ex("Sales in the first nine months rose.", ["the first nine months=P9M:DURATION"]),
    Ex("The truce held for several months.", ["several months=PXM:DURATION"]),
    Ex("It may take a few days.", ["a few days=PXD:DURATION"]),
    Ex("Talks lasted more than five hours.", ["more than five hours=PT5H:DURATION"]),
    Ex("He stayed for nearly an hour.", ["nearly an hour=PT1H:DURATION"]),
    Ex("They waited at least 20 more years.", ["at least 20 more years=P20Y:DURATION"]),
    Ex("It will be done within 18 months.", ["18 months=P18M:DURATION"]),
    Ex("The 45-year-old man was detained.", ["45-year-old=P45Y:DURATION"]),
    Ex("It took two and a half years.", ["two and a half years=P2Y6M:DURATION"]),
    Ex("They lived in camps for 2 1/2 years.", ["2 1/2 years=P2Y6M:DURATION"]),
    Ex("A minute and a half later a pilot called.", ["A minute and a half=PT1M30S:DURATION"]),
    Ex("The talks lasted an hour and a half.", ["an hour and a half=PT1H30M:DURATION"]),
    Ex("The siege lasted a year and a half.", ["a year and a half=P1Y6M:DURATION"]),
    Ex("It took one and a half weeks.", ["one and a half weeks=P1.5W:DURATION"]),
    Ex("The truce lasted half a year.", ["half a year=P6M:DURATION"]),
    Ex("Tension has grown in recent years.", ["recent years=PAST_REF:DATE"]),
    Ex("Prices will rise in the coming months.", ["the coming months=FUTURE_REF"]),
    Ex("They will have to live without it for a while.", ["a while=PXX:DURATION"]),
    Ex("The conflict lasted two decades.", ["two decades=P20Y:DURATION"]),
    Ex("It lasted a minute.", ["a minute=PT1M:DURATION"]),
    Ex("Over the next several days, aid arrives.", ["the next several days=PXD:DURATION"]),
    Ex("Seven districts and 40 million people were affected.", []),
    Ex("The parties agreed on three ceasefire regimes.", []),
    Ex("He served 1,200 days in prison.", []),
    Ex("Mr. Smith, 52 years old, resigned.", []),
    Ex("Iraq imports about three-quarters of its food.", []),
    Ex("A second group of directors resigned.", []),
    Ex("Ukraine was ruled from Moscow for centuries.", ["centuries=PXC:DURATION"]),
    Ex("The troops will arrive within weeks.", ["weeks=PXW:DURATION"]),
]  # fmt: skip

EXAMPLES += [
    Ex("The siege lasted 44 days.", ["44 days=P44D:DURATION"]),
    Ex("The war lasted forty-four days.", ["forty-four days=P44D:DURATION"]),
    Ex("The truce lasted twenty four hours.", ["twenty four hours=PT24H:DURATION"]),
    Ex("He spoke for 90 minutes.", ["90 minutes=PT90M:DURATION"]),
    Ex("He spoke for 30 seconds.", ["30 seconds=PT30S:DURATION"]),
    Ex("They marched for a fortnight.", ["a fortnight=P2W:DURATION"]),
    Ex("A three-month moratorium was agreed.", ["three-month=P3M:DURATION"]),
    Ex("A 30-day truce was agreed.", ["30-day=P30D:DURATION"]),
    Ex("A six-week course started.", ["six-week=P6W:DURATION"]),
    Ex("The 44-day war ended.", ["44-day=P44D:DURATION"]),
    Ex("He served a one-year term.", ["one-year=P1Y:DURATION"]),
    Ex("The talks took several hours.", ["several hours=PTXH:DURATION"]),
    Ex("It took many years.", ["many years=PXY:DURATION"]),
    Ex("It took a couple of weeks.", ["a couple of weeks=P2W:DURATION"]),
    Ex("It took about a month.", ["about a month=P1M:DURATION"]),
    Ex("It took almost a year.", ["almost a year=P1Y:DURATION"]),
    Ex("The ban lasts less than a week.", ["less than a week=P1W:DURATION"]),
    Ex("The ban lasts up to 180 days.", ["up to 180 days=P180D:DURATION"]),
    Ex("The ban lasts no more than sixty days.", ["no more than sixty days=P60D:DURATION"]),
    Ex("Prices fell over the last three years.", ["the last three years=P3Y:DURATION"]),
    Ex("Prices fell in the past 20 months.", ["the past 20 months=P20M:DURATION"]),
    Ex("Aid arrives in the next 14 months.", ["the next 14 months=P14M:DURATION"]),
    Ex("In the first six months sales rose.", ["the first six months=P6M:DURATION"]),
    Ex("Sales rose in the nine months.", ["the nine months=P9M:DURATION"]),
    Ex("Profit fell in recent months.", ["recent months=PAST_REF:DATE"]),
    Ex("Profit fell in recent weeks.", ["recent weeks=PAST_REF:DATE"]),
    Ex("Fighting has eased in recent days.", ["recent days=PAST_REF:DATE"]),
    Ex("Insurance has been hard in recent quarters.", ["recent quarters=PAST_REF:DATE"]),
    Ex("Sales rose over the past several quarters.",
       ["the past several quarters=PAST_REF:DATE"]),
    Ex("Prices fell in the last few months.", ["the last few months=PAST_REF:DATE"]),
    Ex("The rainy season will last several weeks.", ["several weeks=PXW:DURATION"]),
    Ex("Sales were down 4% over the same period last year.",
       ["the same period last year=2019"]),
    Ex("There were sell programs in past years, too.", ["past years=PAST_REF:DATE"]),
    Ex("Prices fell over the past two weeks.", ["the past two weeks=P2W:DURATION"]),
    Ex("Refugees return in coming weeks.", ["coming weeks=FUTURE_REF"]),
    Ex("It lasted for years.", ["years=PXY:DURATION"]),
    Ex("Talks dragged on for months.", ["months=PXM:DURATION"]),
    Ex("The ruling lasted three centuries.", ["three centuries=P300Y:DURATION"]),
    Ex("The dynasty lasted half a century.", ["half a century=P50Y:DURATION"]),
    Ex("Five-year-old Ali was rescued.", ["Five-year-old=P5Y:DURATION"]),
    Ex("Funds hold more than a quarter of the market.", []),
    Ex("Output rose in the first three quarters of 2005.",
       ["the first three quarters=P3Q:DURATION", "2005=2005"]),
    Ex("It graduated three quarters of a million more students.", []),
    Ex("The trial lasted a quarter of a century.", ["a quarter of a century=P25Y:DURATION"]),
    Ex("Eight trading days after the crash, shares rose.", ["Eight trading days=P8D:DURATION"]),
    Ex("Payment is due within ten business days.", ["ten business days=P10D:DURATION"]),
    Ex("Over the years many more patients survived.", ["the years=PXY:DURATION"]),
    Ex("He received 200 votes and 3 seats.", []),
    Ex("Two soldiers and seven civilians died.", []),
    Ex("The 3-2 vote passed.", []),
    Ex("Three days later the town fell.", ["Three days later=2020-11-04"]),
    Ex("Funds will sell junk in the weeks ahead.", ["the weeks ahead=PXW:DURATION"]),
    Ex("The years ahead look hard.", ["The years ahead=PXY:DURATION"]),
    Ex("In the days ahead of the meeting, there was no sign of him.", []),
    Ex("We are there to stay for a fairly lengthy period.",
       ["a fairly lengthy period=PXX:DURATION"]),
    Ex("He worked there for a short period of time.", ["a short period of time=PXX:DURATION"]),
    Ex("In the period the parties met.", []),
    Ex("Prisoners were taken in the first hours of the war.", ["the first hours=PTXH:DURATION"]),
    Ex("You save fewer lives in the early years.", ["the early years=PXY:DURATION"]),
    Ex("It profited after several quarters of losses.", ["several quarters=PXQ:DURATION"]),
    Ex("The merger follows months of twists and turns.", ["months=PXM:DURATION"]),
    Ex("With the heady days of rising sales gone, prices fell.", ["days=PXD:DURATION"]),
    Ex("Years of war left the town empty.", ["Years=PXY:DURATION"]),
    Ex("He named the days of the week.", []),
    Ex("Those days of plenty are gone.", []),
    Ex("He died within weeks or months of his capture.", ["weeks or months=PXW:DURATION"]),
    Ex("The stock would be redeemed in five years.", ["five years=2025"]),
    Ex("The plant will open in two months.", ["two months=2021-01"]),
    Ex("Talks will resume in about two weeks.", ["about two weeks=2020-W46"]),
    Ex("The bridge was built in two years.", ["two years=P2Y:DURATION"]),
    Ex("Prices will rise for the first time in five years.", ["five years=P5Y:DURATION"]),
    Ex("The index will hit its lowest level in two years.", ["two years=P2Y:DURATION"]),
    Ex("It will be done within 18 months.", ["18 months=P18M:DURATION"]),
    Ex("The tanks will arrive in the next two weeks.", ["the next two weeks=P2W:DURATION"]),
    Ex("It will be repaid in 12 monthly installments.", []),
    Ex("It will be the first visit by Chinese leaders in ten years.",
       ["ten years=P10Y:DURATION"]),
    Ex("The council will examine the second report in two months.",
       ["two months=P2M:DURATION"]),
    Ex("The talks will take place in a week or two.", ["a week=P1W:DURATION"]),
    Ex("In four years' time, growth will double.", ["four years=2024"]),
    Ex("We'll try to cram in a month's training on Sunday.",
       ["a month=P1M:DURATION", "Sunday=2020-11-01"]),
]  # fmt: skip
