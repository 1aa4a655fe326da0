"""Recurring times (TIMEX3 type SET): "every Monday", "annually", "each year", "$5m a year"."""

from __future__ import annotations

import re

from ..lexicon import CARDINAL_RE, MONTH_RE, UNIT_RE, WEEKDAYS, month_value, number_value
from ..spec import Spec
from .base import Ex, Groups, Rule
from .durations import period, unit_letter

_ADVERBS = {"annually": "P1Y", "yearly": "P1Y", "monthly": "P1M", "weekly": "P1W",
            "daily": "P1D", "hourly": "PT1H", "nightly": "P1D", "quarterly": "P1Q",
            "biannually": "P6M", "semiannually": "P6M"}  # fmt: skip


def _set(value: str) -> Spec:
    return Spec("lit", type="SET", value=value)


def _every_unit(g: Groups) -> Spec | None:
    n = number_value(g["n"]) if g["n"] else 1
    if n is None:
        return None
    return _set(period(str(n), unit_letter(g["u"] or "")))


def _every_weekday(g: Groups) -> Spec | None:
    day = WEEKDAYS[(g["wd"] or "").lower().rstrip("s")]
    pod = (g["pod"] or "").lower()
    suffix = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}.get(pod, "")
    return _set(f"XXXX-WXX-{day}{suffix}")


_AMOUNT_BEFORE = re.compile(
    r"(?:\d|million|billion|trillion|percent|%|times|twice|once|thrice|dollars|cents?|euros?"
    r"|manats?|drams?|rubles?|pounds|barrels|tons|tonnes)\W{0,3}\Z",
    re.IGNORECASE,
)


_DETERMINER_BEFORE = re.compile(
    r"(?:\b(?:a|an|the|its|their|his|her|our|this|that|each)|(?-i:[A-Z][a-z]+))\s+\Z",
    re.IGNORECASE,
)


def _adverb(g: Groups) -> Spec | None:
    start = g.whole[0]
    if _DETERMINER_BEFORE.search(g.m.string, max(0, start - 20), start):
        return None  # "the daily basis", "the English daily The Peninsula": not a frequency
    return _set(_ADVERBS[(g["w"] or "").lower()])


def _a_unit(g: Groups) -> Spec | None:
    start, _ = g.whole
    if (g["art"] or "").lower() in ("a", "an"):
        before = g.m.string[max(0, start - 20) : start]
        if not _AMOUNT_BEFORE.search(before):
            return None  # "for a year" is a duration, "$5 million a year" a set
    return _set(period("1", unit_letter(g["u"] or "")))


RULES = [
    Rule("every_weekday",
         r"(?:every|each)\s+(?P<wd>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday"
         r"|Sunday))(?:\s+(?P<pod>morning|afternoon|evening|night))?", _every_weekday, 35),
    Rule("weekdays_plural",
         r"(?P<wd>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))"
         r"|(?P<wd2>(?-i:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\s+"
         r"(?P<pod2>mornings|afternoons|evenings|nights)",
         lambda g: _every_weekday_plural(g), 36),
    Rule("every_month",
         rf"(?:every|each)\s+(?P<mo>{MONTH_RE})",
         lambda g: _set(f"XXXX-{month_value(g['mo'] or ''):02d}"), 37),
    Rule("every_unit",
         rf"(?:every|each)\s+(?:(?P<n>{CARDINAL_RE}|other)\s+)?(?P<u>{UNIT_RE})", _every_unit,
         38),
    Rule("set_adverb", r"(?P<w>annually|yearly|monthly|weekly|daily|hourly|nightly|quarterly"
         r"|biannually|semiannually)(?!\s+(?!(?:and|or|to|in|on|at|for|by|from|since|until"
         r"|through|but|with|as|the|a|an|basis|since|over|during|between|until)\b)[a-z])",
         _adverb, 39),
    Rule("a_unit", r"(?P<art>a|an|per)\s+(?P<u>year|month|week|day|hour|quarter)(?![\s-]+(?:ago"
         r"|earlier|later|old|long|or)\b)", _a_unit, 69),
]  # fmt: skip


def _every_weekday_plural(g: Groups) -> Spec | None:
    if g["wd"]:
        return _set(f"XXXX-WXX-{WEEKDAYS[(g['wd'] or '').lower()[:-1]]}")
    pod = (g["pod2"] or "").lower()[:-1]
    suffix = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV", "night": "TNI"}[pod]
    return _set(f"XXXX-WXX-{WEEKDAYS[(g['wd2'] or '').lower()]}{suffix}")


EXAMPLES = [
    Ex("The market opens every Monday.", ["every Monday=XXXX-WXX-1:SET"]),
    Ex("The report is published annually.", ["annually=P1Y:SET"]),
    Ex("Inflation is measured monthly.", ["monthly=P1M:SET"]),
    Ex("The company raised its quarterly dividend.", []),
    Ex("The daily newspaper closed.", []),
    Ex("The council meets each year.", ["each year=P1Y:SET"]),
    Ex("Elections are held every four years.", ["every four years=P4Y:SET"]),
    Ex("It costs $5 million a year.", ["a year=P1Y:SET"]),
    Ex("Exports grew 4 percent per year.", ["per year=P1Y:SET"]),
    Ex("He stayed for a year.", ["a year=P1Y:DURATION"]),
    Ex("The shop is closed on Sundays.", ["Sundays=XXXX-WXX-7:SET"]),
    Ex("The show airs Tuesday nights.", ["Tuesday nights=XXXX-WXX-2TNI:SET"]),
    Ex("The festival is held each July.", ["each July=XXXX-07:SET"]),
]  # fmt: skip

EXAMPLES += [
    Ex("The committee meets every week.", ["every week=P1W:SET"]),
    Ex("Inspections happen every day.", ["every day=P1D:SET"]),
    Ex("Elections take place every five years.", ["every five years=P5Y:SET"]),
    Ex("The index is published weekly.", ["weekly=P1W:SET"]),
    Ex("Data are reported daily.", ["daily=P1D:SET"]),
    Ex("Dividends are paid quarterly.", ["quarterly=P1Q:SET"]),
    Ex("The fee is charged yearly.", ["yearly=P1Y:SET"]),
    Ex("The Minsk Group meets each Thursday.", ["each Thursday=XXXX-WXX-4:SET"]),
    Ex("Protests take place every Friday evening.",
       ["every Friday evening=XXXX-WXX-5TEV:SET"]),
    Ex("The market is closed on Fridays.", ["Fridays=XXXX-WXX-5:SET"]),
    Ex("Flights run twice a week.", ["a week=P1W:SET"]),
    Ex("Output grows 3% a year.", ["a year=P1Y:SET"]),
    Ex("Rent is 500 dollars per month.", ["per month=P1M:SET"]),
    Ex("A daily newspaper reported it.", []),
    Ex("Qatar's leading English daily The Peninsula reported the fire.", []),
    Ex("Bombings claim dozens of lives on the daily basis.", []),
    Ex("Shares rose 3% annually since 1980.", ["annually=P1Y:SET", "1980=1980"]),
    Ex("He gave a weekly address.", []),
]  # fmt: skip
