"""Temporal tagger for English news: TIMEX3 expressions (TimeML) resolved against the DCT.

Where things live: ``rules/`` holds the patterns, one file per family, each with its examples;
``recognise.py`` scans a text with all of them at once; ``resolve.py`` turns what was found into
TIMEX3 values (``tense.py`` decides past or future for dates without a year);
``intervals.py`` links range ends; ``analyse.py`` ties the steps together.
"""

from .analyse import analyse, find_intervals, find_timexes
from .model import Analysis, Interval, Timex
from .recognise import warm_up

__all__ = [
    "Analysis",
    "Interval",
    "Timex",
    "analyse",
    "find_intervals",
    "find_timexes",
    "warm_up",
]
