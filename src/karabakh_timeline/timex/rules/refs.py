"""Vague references to the present, past and future: "now", "currently", "recently",
"formerly", "the past", "the future", "soon" (TIMEX3 PRESENT_REF / PAST_REF / FUTURE_REF)."""

from __future__ import annotations

from ..spec import Spec
from .base import Ex, Rule


def _lit(value: str) -> Spec:
    return Spec("lit", value=value)


RULES = [
    Rule("present_ref",
         r"now|currently|at\s+present|presently|nowadays|these\s+days|at\s+the\s+moment"
         r"|right\s+now|the\s+present(?!\s+\w)", lambda g: _lit("PRESENT_REF"), 80),
    Rule("past_ref",
         r"recently|formerly|previously|lately|the\s+past(?!\s+(?:\w+\s+)?(?:years?|months?"
         r"|weeks?|days?|decades?|quarters?|centur\w+|hours?|few|several))",
         lambda g: _lit("PAST_REF"), 81),
    Rule("future_ref",
         r"the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|soon|shortly",
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
    Ex("Prices at present are high.", ["at present=PRESENT_REF"]),
    Ex("Known nowadays as Shusha.", ["nowadays=PRESENT_REF"]),
    Ex("The snow fell on the knowledge base.", []),
]  # fmt: skip
