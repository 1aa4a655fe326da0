"""Dates relative to the document date or to the last date mentioned: today, yesterday,
last month, next year, two weeks ago, three years earlier, the next day, that month, weekdays."""

from __future__ import annotations

from ..lexicon import (
    CARDINAL_RE,
    MONTH_RE,
    PARTS_OF_DAY,
    VAGUE_RE,
    WEEKDAY_RE,
    WEEKDAYS,
    month_value,
    number_value,
)
from ..spec import Spec
from .base import Built, Ex, Groups, Multi, Piece, Rule

_DAY_WORDS = {"today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0}
_POD = r"(?:morning|afternoon|evening|night)"


def _day_word(g: Groups) -> Spec | None:
    word = (g["w"] or "").lower()
    offset = _DAY_WORDS[word]
    if g["ba"]:
        offset += -1 if g["ba"].lower() == "before" else 1
    spec = Spec("rel", unit="day", offset=offset)
    pod = (g["pod"] or "").lower() or ("night" if word == "tonight" else "")
    if pod:
        spec.type, spec.time = "TIME", "T" + PARTS_OF_DAY[pod]
    return spec


def _this_pod(g: Groups) -> Spec | None:
    which = (g["which"] or "").lower()
    spec = Spec("rel", type="TIME", unit="day", offset=-1 if which == "last" else 0)
    spec.time = "T" + PARTS_OF_DAY[(g["pod"] or "").lower()]
    return spec


_REL_OFFSETS = {"this": 0, "current": 0, "present": 0, "last": -1, "past": -1, "previous": -1,
                "preceding": -1, "next": 1, "coming": 1, "following": 1, "that": 0,
                "same": 0, "prior": -1}  # fmt: skip
_REF_WORDS = frozenset(("previous", "preceding", "following", "that", "same", "prior"))


def _this_unit(g: Groups) -> Spec | None:
    words = (g["rel"] or "").lower().split()
    word = "this" if words[0] == "this" else words[-1]  # "this past week" is this week
    unit = " ".join((g["u"] or "").lower().split()).replace("fiscal ", "")
    anchor = "ref" if word in _REF_WORDS else "dct"
    if word == "next" and g["the"] and unit == "day":
        anchor = "ref"  # "the next day" follows the story, "next day" alone too
    if word in ("coming", "this") and unit == "day":
        return None
    return Spec("rel", unit=unit, offset=_REL_OFFSETS[word], anchor=anchor)


def _ago(g: Groups) -> Spec | None:
    direction = " ".join((g["dir"] or "").lower().split())
    n = number_value(g["n"] or "") if g["n"] else 1
    unit = (g["u"] or "").lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    if not g["n"] and (g["u"] or "").lower().endswith("s"):
        n = None  # "months ago", "years earlier"
    if n is None and direction in ("ago", "back"):
        return Spec("lit", value="PAST_REF")  # "several years ago"
    if n is None or unit in ("second", "minute", "hour"):
        return None  # "a few days later", "two hours later": durations (durations.py)
    sign = -1 if direction in ("ago", "earlier", "before", "previously", "back") else 1
    anchor = "dct" if direction in ("ago", "from now", "hence", "back") else "ref"
    return Spec("rel", unit=unit, offset=sign * n, anchor=anchor, tense="ago")


def _weekday(g: Groups) -> Spec | None:
    rel = (g["rel"] or "").lower().split()
    offset: int | None = None
    anchor = "dct"
    if rel:
        offset = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": None,
                  "previous": -1, "following": 1}[rel[-1]]  # fmt: skip
        if rel[-1] in ("previous", "following"):
            anchor = "ref"
    spec = Spec("wday", day=WEEKDAYS[(g["wd"] or "").lower()], offset=offset, anchor=anchor)
    if g["pod"]:
        spec.type, spec.time = "TIME", "T" + PARTS_OF_DAY[g["pod"].lower()]
    return spec


def _rel_month(g: Groups) -> Spec | None:
    word = (g["rel"] or "").lower()
    tense = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(word)
    return Spec("cal", month=month_value(g["mo"] or ""), tense=tense or "this")


_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4}


def _year_ago(g: Groups) -> Built:
    noun = (g["noun"] or "").lower()
    if "months" in noun:
        return Spec("lit", type="DURATION", value=f"P{_MONTHS_WORDS[noun.split()[0]]}M")
    if not noun and g["the"]:
        start = g.m.string.lower().index("year", g.whole[0])
        return Multi(
            [
                Piece(
                    start,
                    g.whole[1],
                    Spec("rel", unit="year", offset=-1, tense="ago", anchor="ref"),
                )
            ],
            False,
        )
    if g["q"]:
        return Spec("cal", part=f"Q{_ORD[g['q'].lower()]}", tense="year_ago")
    return Spec("rel", unit="year", offset=-1, tense="ago")


_MONTHS_WORDS = {"nine": 9, "six": 6, "three": 3}


def _the_year(g: Groups) -> Built:
    if g["ending"]:
        start, _ = g.whole
        end = g.span("ending")[0]
        return Multi([Piece(start, end, Spec("lit", type="DURATION", value="P1Y"))], False)
    return Spec("rel", unit="year", offset=0)


RULES = [
    Rule("day_word",
         rf"(?:the\s+day\s+(?P<ba>before|after)\s+)?(?P<w>today|yesterday|tomorrow|tonight)"
         rf"(?:\s+(?P<pod>{_POD}))?", _day_word, 40),
    Rule("this_pod", rf"(?P<which>this|last)\s+(?P<pod>{_POD})", _this_pod, 41),
    Rule("ago",
         rf"(?P<n>{CARDINAL_RE}|{VAGUE_RE})?\s*(?P<u>days?|weeks?|months?|years?|decades?"
         r"|century|centuries|quarters?|hours?|minutes?)\s+(?P<dir>ago|earlier|later|hence"
         r"|from\s+now|previously|back|(?:before|after)(?!\s+(?:the|a|an|his|her|its|their"
         r"|this|that|[a-z]+ing|\d)\b))", _ago, 42),
    Rule("this_unit",
         r"(?P<the>the\s+)?(?P<rel>this|current|present|last|past|previous|preceding|next"
         r"|coming|following|that|same|prior|this\s+coming|this\s+past)\s+(?P<u>day|week|month"
         r"|year|quarter|decade|century|weekend|fiscal\s+year)(?!\s*-|s)", _this_unit, 43),
    Rule("weekday",
         r"(?:(?P<rel>last|next|this|coming|past|this\s+coming|this\s+past|the\s+previous"
         rf"|the\s+following)\s+)?(?P<wd>{WEEKDAY_RE})(?:\s+(?P<pod>{_POD}))?", _weekday, 44),
    Rule("the_quarter",
         r"the\s+(?:(?:latest|most\s+recent|just[- ]ended|recent|same)\s+)?(?:fiscal\s+)?"
         r"(?P<u>quarter)(?!-|\s+(?:of|century|mile|point|inch|percent|share|hour)\b)"
         r"|the\s+(?:latest|most\s+recent|just[- ]ended)\s+period",
         lambda g: Spec("rel", unit="quarter", anchor="ref", tense="latest"), 49),
    Rule("year_ago",
         r"(?:(?P<the>the)\s+(?:(?:comparable|corresponding|same)\s+)?)?year[- ](?:earlier|ago)"
         r"(?:\s+(?P<noun>(?:(?P<q>first|second|third|fourth)\s+)?quarter|period"
         r"|(?:nine|six|three)\s+months))?", _year_ago, 33),
    Rule("the_year",
         r"the\s+(?:(?:full|fiscal|current|whole|entire|calendar)\s+)?year(?![\s-]+(?:earlier"
         r"|ago|old|long|two\s+thousand)\b|s|')(?P<ending>\s+end(?:ed|ing))?", _the_year, 49),
    Rule("year_end", r"(?:the\s+)?(?:year[- ]end|year's\s+end)",
         lambda g: Spec("rel", unit="year", offset=0, mod="END"), 34),
    Rule("the_month", r"the\s+month(?![\s-]+(?:earlier|ago|old|long)\b|s|')",
         lambda g: Spec("rel", unit="month", offset=0, anchor="ref"), 49),
    Rule("weekend", r"(?:the|this)\s+weekend", lambda g: Spec("rel", unit="weekend"), 46),
    Rule("rel_month", rf"(?P<rel>last|next|this|past|coming)\s+(?P<mo>{MONTH_RE})",
         _rel_month, 45),
]  # fmt: skip

EXAMPLES = [
    Ex("The ceasefire was agreed today.", ["today=2020-11-01"]),
    Ex("Shelling continued yesterday.", ["yesterday=2020-10-31"]),
    Ex("Talks will continue tomorrow.", ["tomorrow=2020-11-02"]),
    Ex("He will speak tonight.", ["tonight=2020-11-01TNI:TIME"]),
    Ex("Explosions were heard last night.", ["last night=2020-10-31TNI:TIME"]),
    Ex("He spoke this morning.", ["this morning=2020-11-01TMO:TIME"]),
    Ex("He left yesterday morning.", ["yesterday morning=2020-10-31TMO:TIME"]),
    Ex("They met the day before yesterday.", ["the day before yesterday=2020-10-30"]),
    Ex("Talks continue this week.", ["this week=2020-W44"]),
    Ex("Prices rose last month.", ["last month=2020-10"]),
    Ex("Elections are due next year.", ["next year=2021"]),
    Ex("Fighting broke out last year.", ["last year=2019"]),
    Ex("Sales rose this year.", ["this year=2020"]),
    Ex("The talks failed last week.", ["last week=2020-W43"]),
    Ex("They met two weeks ago.", ["two weeks ago=2020-W42"]),
    Ex("They met 10 days ago.", ["10 days ago=2020-10-22"]),
    Ex("He left five months ago.", ["five months ago=2020-06"]),
    Ex("The war ended two years ago.", ["two years ago=2018"]),
    Ex("The war began several years ago.", ["several years ago=PAST_REF"]),
    Ex("In 1994 a truce was signed; three years earlier the war had begun.",
       ["1994=1994", "three years earlier=1991"]),
    Ex("On 9 October they met. The next day fighting resumed.",
       ["9 October=2020-10-09", "The next day=2020-10-10"]),
    Ex("In May 2019 he was elected. The following year he resigned.",
       ["May 2019=2019-05", "The following year=2020"]),
    Ex("The truce held in March 2018, but that month prices rose.",
       ["March 2018=2018-03", "that month=2018-03"]),
    Ex("Profit rose in the third quarter; a year earlier it fell.",
       ["the third quarter=2020-Q3", "a year earlier=2019-Q3"]),
    Ex("A few days later he left.", ["A few days=PXD:DURATION"]),
    Ex("He arrived on 3 March 2015 and left a week later.",
       ["3 March 2015=2015-03-03", "a week later=2015-03-10"]),
    Ex("Voting took place on Tuesday.", ["Tuesday=2020-10-27"]),
    Ex("The vote will take place on Tuesday.", ["Tuesday=2020-11-03"]),
    Ex("He was arrested last Friday.", ["last Friday=2020-10-30"]),
    Ex("He will travel next Friday.", ["next Friday=2020-11-06"]),
    Ex("Saturday's vote was peaceful.", ["Saturday=2020-10-31"]),
    Ex("He spoke on Saturday night.", ["Saturday night=2020-10-31TNI:TIME"]),
    Ex("Prices rose last March.", ["last March=2020-03"]),
    Ex("Prices will rise next March.", ["next March=2021-03"]),
    Ex("The fighting calmed over the weekend.", ["the weekend=2020-W44-WE"]),
    Ex("Profits rose this quarter.", ["this quarter=2020-Q4"]),
    Ex("Earlier this year the army advanced.", ["Earlier this year=2020"]),
    Ex("Late last week fighting resumed.", ["Late last week=2020-W43"]),
    Ex("The deal should close by year-end.", ["year-end=2020"]),
    Ex("Troops arrive by the end of the month.", ["the end of the month=2020-11"]),
    Ex("Capital rules apply by year's end.", ["year's end=2020"]),
    Ex("Last month's vote was close.", ["Last month=2020-10"]),
    Ex("Talks before next week's summit stalled.", ["next week=2020-W45"]),
    Ex("It was said three days after the vote.", ["three days=P3D:DURATION"]),
    Ex("That century saw wars, and in the previous year talks began.",
       ["That century=20", "the previous year=2019"]),
]  # fmt: skip
