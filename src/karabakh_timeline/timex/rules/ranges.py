"""Ranges written as one compact pattern, where one end lends its month or year to the other:
"9-10 May", "from 9 to 26 October", "September 27-29", "1992-1994". Each end is its own
TIMEX3 (TimeML); the whole match is also returned as an Interval. Ranges written with two full
dates ("between March 2020 and June 2021", "since 1992") are linked in ``intervals.py``."""

from __future__ import annotations

from ..lexicon import number_value
from ..spec import Spec
from .base import Ex, Groups, Multi, Piece, Rule
from .common import DAY, MONTH, NUM_START, YEAR, cal, day_of, looks_like_year, month_of, year_of
from .durations import period, unit_letter

_TO = r"\s*(?:-|–|—|to|until|till|through|and)\s*"


def _days_month(g: Groups) -> Multi | None:
    if (g["sep"] or "").strip().lower() == "and" and (g["pre"] or "").lower() != "between":
        return None
    month, year = month_of(g["mo"]), year_of(g["y"])
    first, second = cal(year, month, day_of(g["d1"])), cal(year, month, day_of(g["d2"]))
    if not first or not second or (first.day or 0) >= (second.day or 0):
        return None
    return Multi([Piece(*g.span("d1"), first), Piece(g.span("d2")[0], g.whole[1], second)])


def _month_days(g: Groups) -> Multi | None:
    month, year = month_of(g["mo"]), year_of(g["y"])
    first, second = cal(year, month, day_of(g["d1"])), cal(year, month, day_of(g["d2"]))
    if not first or not second or (first.day or 0) >= (second.day or 0):
        return None
    return Multi(
        [Piece(g.whole[0], g.span("d1")[1], first), Piece(g.span("d2")[0], g.whole[1], second)]
    )


def _months(g: Groups) -> Multi | None:
    if (g["sep"] or "").strip().lower() == "and" and (g["pre"] or "").lower() != "between":
        return None
    first_month, second_month, year = month_of(g["m1"]), month_of(g["m2"]), year_of(g["y"])
    if first_month is None or second_month is None or first_month >= second_month:
        return None  # "November-February" crosses a year: left to the single months
    first, second = cal(year, first_month), cal(year, second_month)
    if not first or not second:
        return None
    return Multi([Piece(*g.span("m1"), first), Piece(g.span("m2")[0], g.whole[1], second)])


def _years(g: Groups) -> Multi | None:
    # "in 2005 and 2006" names two years; only "between 2005 and 2006" is a range.
    if (g["sep"] or "").strip().lower() == "and" and (g["pre"] or "").lower() != "between":
        return None
    y1 = int(g["y1"] or 0)
    raw2 = g["y2"] or ""
    y2 = int(raw2) if len(raw2) == 4 else (y1 // 100) * 100 + int(raw2)
    if not y1 < y2 <= y1 + 150:
        return None
    text = g.m.string
    s1, e1 = g.span("y1")
    if not looks_like_year(text, s1, e1) and not g["pre"]:
        return None
    first, second = Spec("lit", value=f"{y1:04d}"), Spec("lit", value=f"{y2:04d}")
    return Multi([Piece(s1, e1, first), Piece(*g.span("y2"), second)])


def _durations(g: Groups) -> Multi | None:
    """ "two to three weeks": each end is its own DURATION, the first taking the unit written
    after the second (TimeML: "two"=P2W, "three weeks"=P3W); no Interval, as the ends are
    lengths, not points."""
    n1, n2 = number_value(g["n1"] or ""), number_value(g["n2"] or "")
    if n1 is None or n2 is None or not 0 < n1 < n2:
        return None
    if g.m.string[max(0, g.whole[0] - 6) : g.whole[0]].lower().endswith("every "):
        return None  # "every six to 12 months" is a frequency
    letter = unit_letter(g["u"] or "")
    first = Spec("lit", type="DURATION", value=period(str(n1), letter))
    second = Spec("lit", type="DURATION", value=period(str(n2), letter))
    return Multi(
        [Piece(g.whole[0], g.span("n1")[1], first), Piece(g.span("n2")[0], g.whole[1], second)],
        is_range=False,
    )


_COUNT = (
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|eighteen|twenty|thirty|forty|fifty|sixty)"
)

RULES = [
    Rule("durations",
         rf"(?:the\s+(?:next|past|last|first|coming|following)\s+)?{NUM_START}(?P<n1>{_COUNT})"
         rf"\s*(?:-|–|to|or)\s*(?P<n2>{_COUNT})\s+(?:more\s+)?(?P<u>days|weeks|months|years"
         r"|decades|hours|minutes)\b(?![\s-]+(?:old|ago|earlier|later|from\s+now|hence)\b)",
         _durations, 4),
    Rule("days_month",
         rf"(?:(?P<pre>from|between)\s+)?{NUM_START}(?P<d1>{DAY})(?P<sep>{_TO})(?P<d2>{DAY})"
         rf"(?:\s+of)?\s+(?P<mo>{MONTH})(?:,?\s+(?P<y>{YEAR}))?", _days_month, 1),
    Rule("month_days",
         rf"(?:(?:from|between)\s+)?(?P<mo>{MONTH})\s+(?P<d1>{DAY})\s*(?:-|–|to|through|until)"
         rf"\s*(?P<d2>{DAY})(?!\d|\s+{MONTH}|:)(?:,?\s+(?P<y>{YEAR}))?", _month_days, 2),
    Rule("months",
         rf"(?:(?P<pre>from|between)\s+)?(?P<m1>{MONTH})(?P<sep>\s*(?:-|–|—|to|until|till"
         rf"|through|and)\s*)(?P<m2>{MONTH})(?![\w-])(?:,?\s+(?P<y>{YEAR}))?", _months, 2),
    Rule("years",
         rf"(?:(?P<pre>from|between)\s+)?{NUM_START}(?P<y1>{YEAR})(?P<sep>\s*(?:-|–|—|/|to|until"
         rf"|till|through|and)\s*)(?P<y2>{YEAR}|\d\d)(?![\d-]|\.\d)", _years, 3),
]  # fmt: skip

EXAMPLES = [
    Ex("Imports rose in the July-September quarter.", ["July=2021-07", "September=2021-09"],
       dct="2021-11-20", ranges=["July-September=2021-07/2021-09"]),
    Ex("Sales fell from March to June 2019.", ["March=2019-03", "June 2019=2019-06"],
       ranges=["from March to June 2019=2019-03/2019-06"]),
    Ex("It punished 1,247 officials for malpractices in 2005 and 2006.",
       ["2005=2005", "2006=2006"], ranges=[]),
    Ex("Prices doubled between 2005 and 2006.", ["2005=2005", "2006=2006"],
       ranges=["between 2005 and 2006=2005/2006"]),
    Ex("In the period from 9 to 26 October, the parties agreed on three ceasefire regimes.",
       ["9=2020-10-09", "26 October=2020-10-26"],
       ranges=["from 9 to 26 October=2020-10-09/2020-10-26"]),
    Ex("The fair will run 9-10 May.", ["9=2021-05-09", "10 May=2021-05-10"],
       ranges=["9-10 May=2021-05-09/2021-05-10"]),
    Ex("The fair ran 9-10 May.", ["9=2020-05-09", "10 May=2020-05-10"],
       ranges=["9-10 May=2020-05-09/2020-05-10"]),
    Ex("During the armed confrontation in 1992-1994, Azerbaijan lost control over "
       "Nagorno-Karabakh and seven adjacent districts.", ["1992=1992", "1994=1994"],
       ranges=["1992-1994=1992/1994"]),
    Ex("The war of 1992-94 ended.", ["1992=1992", "94=1994"], ranges=["1992-94=1992/1994"]),
    Ex("He ruled from 1923 until 1951.", ["1923=1923", "1951=1951"],
       ranges=["from 1923 until 1951=1923/1951"]),
    Ex("Talks were held September 27-29, 2019.", ["September 27=2019-09-27", "29, 2019=2019-09-29"],
       ranges=["September 27-29, 2019=2019-09-27/2019-09-29"]),
    Ex("The score was 1-3 in May.", ["May=2020-05"], ranges=[]),
]  # fmt: skip

EXAMPLES += [
    Ex("The war lasted from 1992 to 1994.", ["1992=1992", "1994=1994"],
       ranges=["from 1992 to 1994=1992/1994"]),
    Ex("Between March 2020 and June 2021 prices rose.", ["March 2020=2020-03", "June 2021=2021-06"],
       ranges=["Between March 2020 and June 2021=2020-03/2021-06"]),
    Ex("Since 1992, negotiations have been held.", ["1992=1992"], ranges=["Since 1992=1992/-"]),
    Ex("The ban lasts until 15 January.", ["15 January=2021-01-15"],
       ranges=["until 15 January=-/2021-01-15"]),
    Ex("From 9 October to 26 November 2020 the talks ran.",
       ["9 October=2020-10-09", "26 November 2020=2020-11-26"],
       ranges=["From 9 October to 26 November 2020=2020-10-09/2020-11-26"]),
    Ex("From December to February 2021 it snowed.",
       ["December=2020-12", "February 2021=2021-02"],
       ranges=["From December to February 2021=2020-12/2021-02"]),
    Ex("The fair ran on 12-14 May 2019.", ["12=2019-05-12", "14 May 2019=2019-05-14"],
       ranges=["12-14 May 2019=2019-05-12/2019-05-14"]),
    Ex("The fair ran between 12 and 14 May 2019.", ["12=2019-05-12", "14 May 2019=2019-05-14"],
       ranges=["between 12 and 14 May 2019=2019-05-12/2019-05-14"]),
    Ex("Talks ran October 9-26.", ["October 9=2020-10-09", "26=2020-10-26"],
       ranges=["October 9-26=2020-10-09/2020-10-26"]),
    Ex("The 1914–1918 war changed Europe.", ["1914=1914", "1918=1918"],
       ranges=["1914–1918=1914/1918"]),
    Ex("He served from 2001 until 2005.", ["2001=2001", "2005=2005"],
       ranges=["from 2001 until 2005=2001/2005"]),
    Ex("Trading was halted from Monday to Wednesday.",
       ["Monday=2020-10-26", "Wednesday=2020-10-28"],
       ranges=["from Monday to Wednesday=2020-10-26/2020-10-28"]),
    Ex("The score was 1994-1992.", [], ranges=[]),
    Ex("Since last year prices rose.", ["last year=2019"], ranges=["Since last year=2019/-"]),
    Ex("The office is open until 2025.", ["2025=2025"], ranges=["until 2025=-/2025"]),
    Ex("It grew 9-10 percent.", [], ranges=[]),
    # Ranges of lengths: each end is a DURATION, the first borrowing the unit.
    Ex("Shipments resume within two to three weeks.",
       ["two=P2W:DURATION", "three weeks=P3W:DURATION"], ranges=[]),
    Ex("It takes between two to six days.", ["two=P2D:DURATION", "six days=P6D:DURATION"]),
    Ex("Deals are due in the next 12 to 18 months.",
       ["the next 12=P12M:DURATION", "18 months=P18M:DURATION"]),
    Ex("The talks lasted two or three hours.", ["two=PT2H:DURATION", "three hours=PT3H:DURATION"]),
    Ex("He was jailed for 5-10 years.", ["5=P5Y:DURATION", "10 years=P10Y:DURATION"]),
    Ex("Children aged 5 to 12 years old were vaccinated.", []),
    Ex("Polls are due within two or three months from now.",
       ["three months from now=2021-02"]),
    Ex("They buy a handset every six to 12 months.", ["12 months=P12M:DURATION"]),
    Ex("The vote was 10 to 3 days after the war.", ["3 days=P3D:DURATION"]),
]  # fmt: skip
