"""Dates relative to the document date or to the last date mentioned: today, yesterday,
last month, next year, two weeks ago, three years earlier, the next day, that month, weekdays."""

from __future__ import annotations

import re

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
    if (g["w"] or "")[:1] == "T" and not g["ba"]:
        # "USA Today", "VOA Today": a capitalised "Today" after a name is a title.
        before = g.m.string[max(0, g.whole[0] - 20) : g.whole[0]].split()
        if before and before[-1][:1].isupper() and before[-1][-1:].isalnum():
            return None
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
    if _is_title(g):
        return None
    # "the following month" refers to the story's date (tense "ref"), never to the DCT's.
    tense = "ref" if anchor == "ref" else None
    return Spec("rel", unit=unit, offset=_REL_OFFSETS[word], anchor=anchor, tense=tense)


def _is_title(g: Groups) -> bool:
    """A title-cased "This Week" in running text is a name (a TV show), not a date."""
    rel, unit = g["rel"] or "", g["u"] or ""
    if not (rel[:1].isupper() and unit[:1].isupper() and unit[1:2].islower()):
        return False
    before = g.m.string[max(0, g.whole[0] - 30) : g.whole[0]]
    if before[-1:] in ('"', "“", "'", "‘"):
        return True
    words = before.split()
    return bool(words) and words[-1][:1].islower() and words[-1][-1:].isalpha()


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
    if g["the"] and (g["n"] or direction in ("ago", "from now", "hence", "back")):
        return None  # "the two days after": a duration
    own_gran = bool(g["the"])  # "the week before" is a week, "a week before" a day
    spec = Spec("rel", unit=unit, offset=sign * n, anchor=anchor, tense="ago", own_gran=own_gran)
    if g["so"]:
        spec.mod = "APPROX"  # "a week or so ago"
    return spec


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
                    Spec("rel", unit="year", offset=-1, tense="ago"),
                )
            ],
            False,
        )
    if g["q"]:
        return Spec("cal", part=f"Q{_ORD[g['q'].lower()]}", tense="year_ago")
    quarterly = noun if noun in ("quarter", "period") else None
    return Spec("rel", unit="year", offset=-1, tense="ago", quarterly=quarterly)


_MONTHS_WORDS = {"nine": 9, "six": 6, "three": 3}
_ENDED = re.compile(rf"\s+ended\s+(?P<mo>{MONTH_RE})")


def _same_period(g: Groups) -> Spec:
    if (g["n1"] or "").lower() == "month":  # "the same month last year": the month before
        return Spec("rel", unit="month", offset=-12, anchor="ref", tense="ago")
    noun = (g["n1"] or g["n2"] or "quarter").lower()
    return Spec("rel", unit="year", offset=-1, tense="ago", quarterly=noun)


def _the_quarter(g: Groups) -> Spec:
    ended = _ENDED.match(g.m.string, g.whole[1])
    if ended:
        # "the quarter ended July 31": the calendar quarter it mostly covers (May-July: Q2).
        month = (month_value(ended["mo"]) - 2) % 12 + 1
        return Spec("cal", part=f"Q{(month - 1) // 3 + 1}", tense="past")
    return Spec("rel", unit="quarter", anchor="ref", tense="latest")


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
         rf"(?:(?P<the>the)\s+)?(?P<n>{CARDINAL_RE}|{VAGUE_RE})?\s*(?P<u>days?|weeks?|months?|years?|decades?"
         r"|century|centuries|quarters?|hours?|minutes?)\s+(?:(?P<so>or\s+so)\s+)?(?P<dir>ago|earlier|later|hence"
         r"|from\s+now|previously|back|(?:before|after)(?=\s*(?:[,.;:!?)\]'\x22\u201d]|\Z|\s(?:and|but"
         r"|or|when|while|as)\b)))", _ago, 42),
    Rule("this_unit",
         r"(?P<the>the\s+)?(?P<rel>this|current|present|last|past|previous|preceding|next"
         r"|coming|following|that\s+same|that|same|prior|this\s+coming|this\s+past)\s+(?P<u>day|week|month"
         r"|year|quarter|decade|century|weekend|fiscal\s+year)(?!\s*-|s)", _this_unit, 43),
    Rule("weekday",
         r"(?:(?P<rel>last|next|this|coming|past|this\s+coming|this\s+past|the\s+previous"
         rf"|the\s+following)\s+)?(?P<wd>{WEEKDAY_RE})(?:\s+(?P<pod>{_POD}))?", _weekday, 44),
    Rule("the_quarter",
         r"the\s+(?:(?:latest|most\s+recent|just[- ]ended|recent|same)\s+)?(?:fiscal\s+)?"
         r"(?P<u>quarter)(?!-|\s+(?:of|century|mile|point|inch|percent|share|hour)\b)"
         r"|the\s+(?:latest|most\s+recent|just[- ]ended)\s+period",
         _the_quarter, 49),
    Rule("year_ago",
         r"(?:(?P<the>the)\s+(?:(?:comparable|corresponding|same)\s+)?)?year[- ](?:earlier|ago)"
         r"(?:\s+(?P<noun>(?:(?P<q>first|second|third|fourth)\s+)?quarter|period"
         r"|(?:nine|six|three)\s+months))?", _year_ago, 33),
    Rule("the_year",
         r"the\s+(?:(?:full|fiscal|current|whole|entire|calendar)\s+)?year(?![\s-]+(?:earlier"
         r"|ago|old|long|two\s+thousand)\b|s|')(?P<ending>\s+end(?:ed|ing)|\s+to(?=\s+(?-i:[A-Z])))?",
         _the_year, 49),
    Rule("last_year_period",
         r"(?:the\s+)?(?:corresponding|comparable|same)\s+(?P<n1>period|quarter|month)\s+(?:of\s+)?"
         r"(?:last|a)\s+year(?:\s+(?:ago|earlier))?|last\s+year's\s+(?P<n2>period|quarter)"
         r"|the\s+quarter\s+a\s+year\s+(?:ago|earlier)",
         lambda g: _same_period(g), 32),
    Rule("year_end", r"(?:the\s+)?(?:year[- ]end|year's\s+end)",
         lambda g: Spec("rel", unit="year", offset=0, mod="END"), 34),
    Rule("in_the_day", r"(?:(?<=\blater\sin\s)|(?<=\bearlier\sin\s))the\s+day\b(?!['’])",
         lambda g: Spec("rel", unit="day", offset=0, anchor="ref"), 49),
    Rule("the_month",
         r"the\s+month(?![\s-]+(?:earlier|ago|old|long|before|after|later)\b|s|')",
         lambda g: Spec("rel", unit="month", offset=0, anchor="ref"), 49),
    Rule("weekend", r"(?:the|this)\s+weekend", lambda g: Spec("rel", unit="weekend"), 46),
    Rule("rel_month", rf"(?P<rel>last|next|this|past|coming)\s+(?P<mo>{MONTH_RE})",
         _rel_month, 45),
    # "Today is the eighth day of the blockade", "It's the second day of an offensive": the
    # present day, named by its rank in an ongoing event.
    Rule("nth_day_now",
         r"(?:(?<=\btoday\sis\s)|(?<=\bit\sis\s)|(?<=\bit's\s)|(?<=\bit\u2019s\s)"
         r"|(?<=\bthis\sis\s))(?:the\s+)?(?:first|second|third|fourth|fifth|sixth|seventh"
         r"|eighth|ninth|tenth|\d{1,3}(?:st|nd|rd|th))\s+(?:straight\s+|consecutive\s+"
         r"|full\s+)?day\b(?!s)", lambda g: Spec("rel", unit="day", offset=0), 38),
    # "the latest fiscal year": the last year ended, before the DCT's.
    Rule("latest_year",
         r"the\s+(?:latest|most\s+recent|just[- ]ended|last\s+full)\s+(?:fiscal\s+|financial\s+)?"
         r"year(?![\w-])", lambda g: Spec("rel", unit="year", offset=-1), 48),
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
    Ex("The move comes barely a month after Qantas suspended flights.",
       ["a month=P1M:DURATION"]),
    Ex("She died four days after it was tabled.", ["four days=P4D:DURATION"]),
    Ex("He was freed 10 weeks after he was jailed.", ["10 weeks=P10W:DURATION"]),
    Ex("On 9 October they met; two days after, talks failed.",
       ["9 October=2020-10-09", "two days after=2020-10-11"]),
    Ex("On 9 October they met and left a week after.",
       ["9 October=2020-10-09", "a week after=2020-10-16"]),
    Ex("That century saw wars, and in the previous year talks began.",
       ["That century=20", "the previous year=2019"]),
]  # fmt: skip

# More relative and anaphoric forms; DCT 2020-11-01 is a Sunday unless stated.
EXAMPLES += [
    Ex("The talks ended yesterday.", ["yesterday=2020-02-29"], dct="2020-03-01"),
    Ex("He left yesterday.", ["yesterday=2019-12-31"], dct="2020-01-01"),
    Ex("He arrives tomorrow.", ["tomorrow=2021-01-01"], dct="2020-12-31"),
    Ex("He will arrive the day after tomorrow.", ["the day after tomorrow=2020-11-03"]),
    Ex("Talks resume tomorrow morning.", ["tomorrow morning=2020-11-02TMO:TIME"]),
    Ex("He spoke this evening.", ["this evening=2020-11-01TEV:TIME"]),
    Ex("The vote is due this month.", ["this month=2020-11"]),
    Ex("The vote is due next month.", ["next month=2020-12"]),
    Ex("The vote was held last month.", ["last month=2019-12"], dct="2020-01-15"),
    Ex("The law passed last year.", ["last year=2019"]),
    Ex("The law takes effect next year.", ["next year=2021"]),
    Ex("Next week the ministers meet.", ["Next week=2020-W45"]),
    Ex("The deal was signed last week.", ["last week=2020-W01"], dct="2020-01-08"),
    Ex("Prices fell this quarter.", ["this quarter=2020-Q4"]),
    Ex("Prices fell last quarter.", ["last quarter=2020-Q3"]),
    Ex("Prices will rise next quarter.", ["next quarter=2021-Q1"]),
    Ex("The region changed this century.", ["this century=20"]),
    Ex("It was built last century.", ["last century=19"]),
    Ex("The war ended this decade.", ["this decade=202"]),
    Ex("He was elected three years ago.", ["three years ago=2017"]),
    Ex("He was elected a year ago.", ["a year ago=2019"]),
    Ex("They met a week ago.", ["a week ago=2020-W43"]),
    Ex("They met a week or so ago.", ["a week or so ago=2020-W43"]),
    Ex("They met three days ago.", ["three days ago=2020-10-29"]),
    Ex("They met 2 months ago.", ["2 months ago=2020-09"]),
    Ex("They met a decade ago.", ["a decade ago=201"]),
    Ex("They met about two years ago.", ["about two years ago=2018"]),
    Ex("It will end two years from now.", ["two years from now=2022"]),
    Ex("In 2008 a deal was made; two years later it failed.",
       ["2008=2008", "two years later=2010"]),
    Ex("The war began in 1991. Three years later a truce came.",
       ["1991=1991", "Three years later=1994"]),
    Ex("On 12 May 1994 a truce began. A day earlier, talks ended.",
       ["12 May 1994=1994-05-12", "A day earlier=1994-05-11"]),
    Ex("On 12 May 1994 a truce began. The previous day talks ended.",
       ["12 May 1994=1994-05-12", "The previous day=1994-05-11"]),
    Ex("In March 1992 the town fell; the following month refugees fled.",
       ["March 1992=1992-03", "the following month=1992-04"]),
    Ex("In 1993 the army advanced; the same year talks began.",
       ["1993=1993", "the same year=1993"]),
    Ex("In 1993 the army advanced; that year talks began.", ["1993=1993", "that year=1993"]),
    Ex("On 9 October they met. The week before, talks had failed.",
       ["9 October=2020-10-09", "The week before=2020-W40"]),
    Ex("On 9 October they met. The day after, talks failed.",
       ["9 October=2020-10-09", "The day after=2020-10-10"]),
    Ex("In March 2019 he left. The month before, he had resigned.",
       ["March 2019=2019-03", "The month before=2019-02"]),
    Ex("He arrived in Philadelphia later in the day.", ["the day=2020-11-01"]),
    Ex("In 1994 a truce was signed. The following month talks stalled.",
       ["1994=1994", "The following month=1994-XX"]),
    Ex("The following month talks stalled.", ["The following month=2020-12"]),
    Ex("The majority, elected in 2019, a day earlier vowed to resist.",
       ["2019=2019", "a day earlier=2020-10-31"]),
    Ex("In 1994 a truce was signed. The following week talks stalled.",
       ["1994=1994", "The following week=1994-WXX"]),
    Ex("In March 2019 he left. That same month he returned.",
       ["March 2019=2019-03", "That same month=2019-03"]),
    Ex("On 9 October they met; on the 10th they signed.",
       ["9 October=2020-10-09", "the 10th=2020-10-10"]),
    Ex("He spoke on Monday.", ["Monday=2020-10-26"]),
    Ex("He and Arafat meet separately Monday with the envoy.", ["Monday=2020-11-02"]),
    Ex("The trial resumes Tuesday.", ["Tuesday=2020-11-03"]),
    Ex('Baker, speaking on ABC News\' "This Week," said the request was valid.', []),
    Ex("He said on This Week With David Brinkley that talks failed.", []),
    Ex("This week the talks failed.", ["This week=2020-W44"]),
    Ex("The minister said on Sunday that talks failed.", ["Sunday=2020-11-01"]),
    Ex("He will speak on Sunday in Baku.", ["Sunday=2020-11-01"]),
    Ex("He will speak on Monday.", ["Monday=2020-11-02"]),
    Ex("He speaks on Friday.", ["Friday=2020-10-30"]),
    Ex("Officials said on Thursday that talks failed.", ["Thursday=2020-10-29"]),
    Ex("Talks are scheduled for Wednesday.", ["Wednesday=2020-11-04"]),
    Ex("He arrived last Sunday.", ["last Sunday=2020-10-25"]),
    Ex("The meeting is this Friday.", ["this Friday=2020-10-30"]),
    Ex("The meeting will be this coming Friday.", ["this coming Friday=2020-11-06"]),
    Ex("Wednesday's attack killed two.", ["Wednesday=2020-10-28"]),
    Ex("He spoke late Tuesday.", ["late Tuesday=2020-10-27"]),
    Ex("He spoke early Tuesday.", ["early Tuesday=2020-10-27"]),
    Ex("He left on Tuesday morning.", ["Tuesday morning=2020-10-27TMO:TIME"]),
    Ex("Fighting resumed on Friday evening.", ["Friday evening=2020-10-30TEV:TIME"]),
    Ex("Later this year elections will be held.", ["Later this year=2020"]),
    Ex("Earlier this month fighting flared.", ["Earlier this month=2020-11"]),
    Ex("This weekend the talks resume.", ["This weekend=2020-W44-WE"]),
    Ex("Talks failed last weekend.", ["last weekend=2020-W43-WE"]),
    Ex("Talks resume next weekend.", ["next weekend=2020-W45-WE"]),
    Ex("Profit fell in the quarter.", ["the quarter=2020-Q3"]),
    Ex("Profit fell in the latest quarter.", ["the latest quarter=2020-Q3"]),
    Ex("It expects a fourth-quarter charge. Profit fell 59% in the latest quarter from a "
       "year ago.", ["fourth-quarter=2020-Q4", "the latest quarter=2020-Q3", "a year ago=2019-Q3"]),
    Ex("Net rose in the third quarter. In the year-ago quarter it fell.",
       ["the third quarter=2020-Q3", "the year-ago quarter=2019-Q3"]),
    Ex("Coast earned $5 million in the quarter ended Sept. 30, up from $4 million in the "
       "year-ago quarter.", ["the quarter=2020-Q3", "Sept. 30=2020-09-30",
                             "the year-ago quarter=2019-Q3"]),
    Ex("In the quarter ended July 31, the retailer had a loss.",
       ["the quarter=2020-Q2", "July 31=2020-07-31"]),
    Ex("In the quarter ended Dec. 31, profit fell.", ["the quarter=2019-Q4", "Dec. 31=2019-12-31"],
       dct="2020-02-10"),
    Ex("Profit rose 5% from the year-earlier period.", ["the year-earlier period=2019"]),
    Ex("Third-quarter profit rose 5% from the year-earlier period.",
       ["Third-quarter=2020-Q3", "the year-earlier period=2019-Q3"]),
    Ex("Third-quarter profit rose. Losses may go on through the third quarter of 2021. In the "
       "year-ago period it earned $5 million.",
       ["Third-quarter=2020-Q3", "the third quarter of 2021=2021-Q3",
        "the year-ago period=2019-Q3"]),
    Ex("In the first ten months sales rose 22% over the same period of last year.",
       ["the first ten months=P10M:DURATION", "the same period of last year=2019"]),
    Ex("Net fell in the third quarter from the corresponding period last year.",
       ["the third quarter=2020-Q3", "the corresponding period last year=2019-Q3"]),
    Ex("Sales for last year's quarter were $3 million.", ["last year's quarter=2019-Q3"]),
    Ex("For the quarter a year ago, it earned $5 million.", ["the quarter a year ago=2019-Q3"]),
    Ex("Prices in October rose 4 percent from the same month last year.",
       ["October=2020-10", "the same month last year=2019-10"]),
    Ex("He told USA Today that talks failed.", []),
    Ex("Today the talks failed.", ["Today=2020-11-01"]),
    Ex("He said: Today we win.", ["Today=2020-11-01"]),
    Ex("Sales fell in 2019. The year-ago results included a charge.",
       ["2019=2019", "year-ago=2019"]),
    Ex("Net income for the year ended June 30 rose.",
       ["the year=P1Y:DURATION", "June 30=2020-06-30"]),
    Ex("For the year, sales rose.", ["the year=2020"]),
    Ex("The deficit was $5 million in the year to February 1996.",
       ["the year=P1Y:DURATION", "February 1996=1996-02"]),
    Ex("Prices rose in June last year.", ["June last year=2019-06"]),
    Ex("Earlier, Armenian Prime Minister Nikol Pashinyan had asked for help.", []),
    Ex("The army will withdraw within two weeks.", ["two weeks=P2W:DURATION"]),
    Ex("In Saudi Arabia, today is the eighth day of the operation.",
       ["today=2020-11-01", "the eighth day=2020-11-01"]),
    Ex("It's the second day of an offensive by the army.", ["the second day=2020-11-01"]),
    Ex("On the second day of the talks, he left.", []),
    Ex("It is the 44th day of the war.", ["the 44th day=2020-11-01"]),
    Ex("Wages rose in January, leaving them 3.8 percent higher than a year earlier.",
       ["January=2020-01", "a year earlier=2019"]),
    Ex("In March 2019 he left; a month later he returned.",
       ["March 2019=2019-03", "a month later=2019-04"]),
    # A quarter named as an aside in an earlier sentence does not replace the one reported.
    Ex("Net rose in the third quarter. After a flat second quarter, sales grew. Charges were "
       "taken in the year-earlier period.",
       ["the third quarter=2020-Q3", "second quarter=2020-Q2", "the year-earlier period=2019-Q3"]),
    Ex("Net rose in the third quarter. In the second quarter, net fell from $5 million a year "
       "earlier.",
       ["the third quarter=2020-Q3", "the second quarter=2020-Q2", "a year earlier=2019-Q2"]),
    # After a year-to-date period, "a year earlier" is the previous year, not a quarter.
    Ex("Net rose in the third quarter. For the nine months, net was $5 million, up from $4 "
       "million a year earlier.",
       ["the third quarter=2020-Q3", "the nine months=P9M:DURATION", "a year earlier=2019"]),
    Ex("Net rose in the third quarter. For the nine months, it reported a loss, compared with "
       "year-earlier net income of $9 million.",
       ["the third quarter=2020-Q3", "the nine months=P9M:DURATION", "year-earlier=2019"]),
    Ex("Net rose in the third quarter, up from $4 million a year earlier.",
       ["the third quarter=2020-Q3", "a year earlier=2019-Q3"]),
    Ex("For the six months ended Aug. 12, net fell from $18 million a year earlier.",
       ["the six months=P6M:DURATION", "Aug. 12=2020-08-12", "a year earlier=2019-08-12"]),
    Ex("Sales rose 5% in the latest fiscal year.", ["the latest fiscal year=2019"]),
    Ex("In the most recent year, exports fell.", ["the most recent year=2019"]),
]  # fmt: skip
