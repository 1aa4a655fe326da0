"""What a rule recognised, before resolution: a small, value-free description.

Rules turn regex matches into ``Spec`` objects; ``resolve.py`` turns specs into TIMEX3 values
using the document creation time, the last date mentioned and the tense of the sentence.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(slots=True)
class Spec:
    """Meaning of one mention.

    kind:
      "lit"   value is final (durations, sets, PRESENT_REF, explicit years and decades)
      "cal"   calendar date; missing year (and month for "the 27th") is inferred
      "rel"   ``offset`` ``unit``s from the DCT or from the last date (``anchor="ref"``)
      "wday"  a weekday; ``offset`` None means "infer from tense"
    """

    kind: str
    type: str = "DATE"
    value: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    part: str | None = None  # "Q3", "H1", "SU", "WE" (weekend), or ISO week "W10"
    time: str | None = None  # "T06:00", "TNI" ...
    unit: str | None = None  # "day", "week", "month", "quarter", "year", "decade", ...
    offset: int | None = 0
    anchor: str = "dct"  # "dct" or "ref"
    mod: str | None = None
    tense: str | None = None  # "past" / "future" forced by the expression ("last March")
    own_gran: bool = False  # "the week before": a week, whatever the reference date's unit
    # "the year-ago quarter": "quarter" (always a quarter, the reported one a year back) or
    # "period" (a quarter where one is being reported, else the year).
    quarterly: str | None = None
