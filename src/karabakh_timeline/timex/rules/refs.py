"""Vague references to the present, past and future: "now", "currently", "recently",
"formerly", "the past", "the future", "soon" (TIMEX3 PRESENT_REF / PAST_REF / FUTURE_REF)."""

from __future__ import annotations

from ..spec import Spec
from .base import Ex, Rule


def _lit(value: str) -> Spec:
    return Spec("lit", value=value)


RULES = [
    Rule("then_current", r"then[\s-]+current(?=\s+[a-z])", lambda g: _lit("PAST_REF"), 79),
    # "will one day be", "some day": an unspecified future time, not a day-long duration.
    Rule("one_day_future",
         r"(?:(?<=\bwill\s)|(?<=\bwould\s)|(?<=\bcould\s)|(?<=\bmay\s)|(?<=\bmight\s)"
         r"|(?<=\bcan\s)|(?<=\bshall\s)|(?<=\bshould\s)|(?<=\bmust\s))one\s+day(?=\s+(?-i:[a-z]))"
         r"|some\s?day(?!s|\s+(?:of|in|next|last|this|that|when)\b)",
         lambda g: _lit("FUTURE_REF"), 69),
    Rule("present_ref",
         r"now|currently|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment"
         r"|(?<=\bat\s)this\s+(?:(?-i:[a-z]+)\s+)?moment(?!s)"
         r"|right\s+now|the\s+present(?!\s+\w)|current(?=\s+[a-z])(?!\s+(?:year|month"
         r"|week|quarter|fiscal|period|decade|century|account|affairs|events)\b)",
         lambda g: _lit("PRESENT_REF"), 80),
    Rule("past_ref",
         r"recently|formerly|lately|the\s+past(?!\s+(?:\w+\s+)?(?:years?|months?"
         r"|weeks?|days?|decades?|quarters?|centur\w+|hours?|few|several))",
         lambda g: _lit("PAST_REF"), 81),
    Rule("future_ref",
         r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|the\s+(?:near|short)\s+term"
         r"|a\s+later\s+date|future\s+(?:years|months|quarters|weeks)|(?<!as\s)soon(?!\s+(?:after|as)\b)",
         lambda g: _lit("FUTURE_REF"), 82),
]  # fmt: skip

EXAMPLES = [
    Ex("The army now controls the town.", ["now=PRESENT_REF"]),
    Ex("He is currently in Baku.", ["currently=PRESENT_REF"]),
    Ex("He recently visited Baku.", ["recently=PAST_REF"]),
    Ex("He formerly served as minister.", ["formerly=PAST_REF"]),
    Ex("Such wars happened in the past.", ["the past=PAST_REF"]),
    Ex("Talks may resume in the near future.", ["the near future=FUTURE_REF"]),
    Ex("Talks will resume soon.", ["soon=FUTURE_REF"]),
    Ex("Prices may fall in the near term.", ["the near term=FUTURE_REF"]),
    Ex("The bonds will be sold at a later date.", ["a later date=FUTURE_REF"]),
    Ex("Prices at present are high.", ["at present=PRESENT_REF"]),
    Ex("Known nowadays as Shusha.", ["nowadays=PRESENT_REF"]),
    Ex("Under current rules, he can stay.", ["current=PRESENT_REF"]),
    Ex("He left as soon as he could.", []),
    Ex("He was killed soon after.", []),
    Ex("The snow fell on the knowledge base.", []),
]  # fmt: skip

EXAMPLES += [
    Ex("Right now the town is quiet.", ["Right now=PRESENT_REF"]),
    Ex("The town is now quiet.", ["now=PRESENT_REF"]),
    Ex("Currently, 20 villages are empty.", ["Currently=PRESENT_REF"]),
    Ex("These days the roads are open.", ["These days=PRESENT_REF"]),
    Ex("He was recently appointed.", ["recently=PAST_REF"]),
    Ex("Talks will start shortly.", []),
    Ex("Under the current ceasefire, troops stay.", ["current=PRESENT_REF"]),
    Ex("Holders may buy shares at half the then current market price.",
       ["then current=PAST_REF"]),
    Ex("The current account deficit grew.", []),
    Ex("In the past, the road was closed.", ["the past=PAST_REF"]),
    Ex("In the future, the road will open.", ["the future=FUTURE_REF"]),
    Ex("Prices will fall in the short term.", ["the short term=FUTURE_REF"]),
    Ex("Future quarters look weak.", ["Future quarters=FUTURE_REF"]),
    Ex("Islam will one day be the second largest religion.", ["one day=FUTURE_REF"]),
    Ex("He could one day become president.", ["one day=FUTURE_REF"]),
    Ex("Some day he will return.", ["Some day=FUTURE_REF"]),
    Ex("Someday the road will reopen.", ["Someday=FUTURE_REF"]),
    Ex("The talks lasted one day.", ["one day=P1D:DURATION"]),
    Ex("The strike will last one day.", ["one day=P1D:DURATION"]),
    Ex("He would not travel at this crucial moment.", ["this crucial moment=PRESENT_REF"]),
    Ex("At this moment the town is quiet.", ["this moment=PRESENT_REF"]),
    Ex("I have been dreaming of this moment.", []),
]  # fmt: skip
