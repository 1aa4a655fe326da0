"""Resolution: turning a recognised ``Spec`` into a TIMEX3 value.

Anchors are the document creation time (DCT) and the reference date: the last calendar date
resolved so far in the document ("the next day", "a week later", "that month", "the 27th").
A date without a year takes the year that fits the tense of its sentence (see ``tense.py``).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from .spec import Spec
from .tense import sentence_left, tense_at
from .values import fmt_date

# Granularities from coarse to fine; a reference date can anchor units no finer than itself.
_FINENESS = {"C": 0, "E": 1, "Y": 2, "H": 3, "Q": 4, "S": 4, "M": 5, "W": 6, "WE": 6, "D": 7}
_UNIT_GRAN = {"day": "D", "week": "W", "weekend": "WE", "month": "M", "quarter": "Q",
              "half": "H", "year": "Y", "decade": "E", "century": "C"}  # fmt: skip
_PART_MONTH = {"Q1": 1, "Q2": 4, "Q3": 7, "Q4": 10, "H1": 1, "H2": 7, "WI": 1, "SP": 3,
               "SU": 6, "FA": 9}  # fmt: skip


# A comparison just before "last year" ("up from $3 million last year").
_COMPARED = re.compile(
    r"\b(?:from|compared\s+(?:with|to)|than|versus|vs\.|against)\b[^.;!?]*\Z", re.IGNORECASE
)


# The period last named before "a year earlier" in its sentence: a year-to-date span ("For the
# nine months, net rose ... from $3 million a year earlier") makes the comparison the previous
# year, not the quarter being reported.
_PERIOD_NAMED = re.compile(
    r"\b(?P<ytd>(?:the|first|latest)\s+(?:nine|six|eleven)[- ]months?|first\s+half"
    r"|year[- ]to[- ]date|so\s+far\s+this\s+year)\b|\bquarter",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Resolved:
    type: str
    value: str
    mod: str | None
    anchored: bool


# Month, week or day of a known year that the text does not say ("1994-XX").
_UNSAID = {"M": "-XX", "W": "-WXX", "D": "-XX-XX"}

# Feasts whose date moves with the year, with a typical (month, day) to pick the year.
_MOVABLE = {"EASTER": (4, 10), "THANKSGIVING": (11, 25)}


def easter(year: int) -> dt.date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * l_) // 433
    month = (h + l_ - 7 * m + 90) // 25
    return dt.date(year, month, (h + l_ - 7 * m + 33 * month + 19) % 32)


def thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def add_months(d: dt.date, months: int) -> dt.date:
    """``d`` moved by whole months, the day clamped to the target month's length."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    if not 1 <= year <= 9999:
        raise ValueError("year out of range")
    return dt.date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def shift(d: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return d + dt.timedelta(days=n)
    if unit in ("week", "weekend"):
        return d + dt.timedelta(weeks=n)
    months = {"month": 1, "quarter": 3, "half": 6, "year": 12, "decade": 120, "century": 1200}
    return add_months(d, n * months[unit])


class Resolver:
    """Resolves the mentions of one document in text order, tracking the reference date."""

    def __init__(self, text: str, dct: dt.date) -> None:
        self.text = text
        self.dct = dct
        self.ref: tuple[dt.date, str] = (dct, "D")
        self.ref_end = 0  # where the mention that set ``ref`` ends
        self.ref_written = False  # whether ``ref`` comes from the text (not the DCT)
        self.reported_q: dt.date | None = None  # last ended quarter written (earnings news)
        self.latest_q: dt.date | None = None  # most recent ended quarter written
        self.position = 0  # start of the mention being resolved

    def __call__(self, start: int, end: int, spec: Spec) -> Resolved | None:
        kind = spec.kind
        self.position = start
        if kind == "lit":
            found = self._literal(spec)
        elif kind == "cal":
            found = self._calendar(spec, start, end)
        elif kind == "rel":
            found = self._relative(spec, start, end)
        else:
            found = self._weekday(spec, start, end)
        return found

    # -- helpers -------------------------------------------------------------------------

    def _remember(self, d: dt.date, gran: str, spec: Spec | None = None) -> None:
        # Comparisons ("a year ago", "year-earlier") do not move the story's reference date.
        if spec is None or spec.tense != "ago":
            self.ref = (d, gran)
            self.ref_end = self.position
            self.ref_written = True
            if gran == "Q" and add_months(d, 3) <= self.dct + dt.timedelta(days=1):
                self.reported_q = d
                self.latest_q = max(d, self.latest_q or d)

    def _finish(self, spec: Spec, d: dt.date, gran: str, anchored: bool) -> Resolved:
        value = fmt_date(d, gran)
        if spec.time:
            value = fmt_date(d, "D") + spec.time
        self._remember(d, gran, spec)
        return Resolved("TIME" if spec.time else spec.type, value, spec.mod, anchored)

    def _tense(self, spec: Spec, start: int, end: int) -> str | None:
        if spec.tense in ("past", "future"):
            return spec.tense
        return tense_at(self.text, start, end)

    def _reported_quarter(self) -> dt.date | None:
        """The quarter just written, when it has ended by the DCT (a quarter whose results
        are being reported) and is no more than about a year old."""
        ref, ref_gran = self.ref
        if ref_gran != "Q" or ref < self.dct - dt.timedelta(days=460):
            return None
        if add_months(ref, 3) > self.dct + dt.timedelta(days=1):
            return None
        # An earlier quarter named in a past sentence ("After a flat second quarter, ...") is
        # an aside: later comparisons refer to the latest quarter reported.
        sentence_start = self.position - len(sentence_left(self.text, self.position))
        if self.ref_end < sentence_start and self.latest_q is not None:
            return max(ref, self.latest_q)
        return ref

    def _year_to_date_before(self, start: int) -> bool:
        """Whether the period last named before ``start`` in its sentence is a year-to-date
        span with no date written after it ("the six months ended Aug. 12" keeps the date)."""
        left = sentence_left(self.text, start)
        matches = list(_PERIOD_NAMED.finditer(left))
        last = matches[-1] if matches else None
        if last is None or last["ytd"] is None:
            return False
        return self.ref_end < start - len(left) + last.start()

    # -- kinds ---------------------------------------------------------------------------

    def _literal(self, spec: Spec) -> Resolved:
        value = spec.value or ""
        anchored = value.endswith("_REF")
        if spec.type == "DATE" and value.isdigit() and len(value) == 4:
            self._remember(dt.date(int(value), 1, 1), "Y")
        return Resolved(spec.type, value, spec.mod, anchored)

    def _calendar(self, spec: Spec, start: int, end: int) -> Resolved | None:
        year, month, day = spec.year, spec.month, spec.day
        anchored = year is None
        if spec.part:
            return self._part(spec, start, end)
        if month is None and day is not None:
            base, gran = self.ref
            if _FINENESS[gran] < _FINENESS["M"]:
                base = self.dct
            month = base.month
            year = year or base.year
            d = dt.date(year, month, day)
            return self._finish(spec, d, "D", True)
        if month is None:
            return None
        if year is None:
            year = self._infer_year(spec, month, day, start, end)
        d = dt.date(year, month, day or 1)
        return self._finish(spec, d, "D" if day else "M", anchored)

    def _part(self, spec: Spec, start: int, end: int) -> Resolved | None:
        part = spec.part or ""
        year = spec.year
        if part in _MOVABLE:
            if year is None:
                month, day = _MOVABLE[part]
                year = self._infer_year(spec, month, day, start, end)
            d = easter(year) if part == "EASTER" else thanksgiving(year)
            return self._finish(spec, d, "D", spec.year is None)
        if (
            part == "Q"
            and year is not None
            and spec.quarterly == "period"
            and (self.reported_q is None or self._year_to_date_before(start))
        ):
            # "the 1988 period" outside quarterly results, or after "the nine months".
            return self._literal(Spec("lit", value=f"{year:04d}", mod=spec.mod))
        if part == "Q" and year is not None:
            # "the 1988 quarter": the quarter being discussed, in that year.
            ref, ref_gran = self.ref
            if ref_gran not in ("Q", "M", "D") or ref == self.dct:
                ref = shift(self.dct, "quarter", -1)
            ref = self._reported_quarter() or ref
            part = f"Q{(ref.month - 1) // 3 + 1}"
            return Resolved(spec.type, f"{year:04d}-{part}", spec.mod, True)
        first_month = _PART_MONTH.get(part, 1)
        if year is None and spec.tense == "year_ago":
            year = self.dct.year - 1
        if year is None:
            year = self.dct.year
            # "profit rose in the fourth quarter" written in January: last year's quarter.
            if first_month > self.dct.month and self._tense(spec, start, end) == "past":
                year -= 1
        d = dt.date(year, first_month, 1)
        self._remember(d, "Q" if part[0] in "QH" else "S")
        return Resolved(spec.type, f"{year:04d}-{part}", spec.mod, spec.year is None)

    def _infer_year(self, spec: Spec, month: int, day: int | None, start: int, end: int) -> int:
        """The year putting month(/day) where the sentence's tense says it is."""
        dct = self.dct
        tense = self._tense(spec, start, end)
        here = (dct.month, dct.day if day else 0)
        this = (month, day or 0)
        if spec.tense == "this":
            return dct.year
        if spec.tense == "last":  # "last March" is before this month
            return dct.year if month < dct.month else dct.year - 1
        if spec.tense == "next":
            return dct.year if month > dct.month else dct.year + 1
        if tense == "past":
            if this <= here:
                return dct.year
            # A day a few weeks after the DCT in a past-tense sentence is reported speech
            # about a coming date ("said the offer expires Nov. 21"), not last year's date.
            ahead = (month - dct.month) * 31 + ((day or 1) - dct.day)
            if (day and ahead <= 90) or (not day and month - dct.month <= 1):
                return dct.year
            return dct.year - 1
        if tense == "future":
            return dct.year if this >= here else dct.year + 1
        # No tense: the DCT year, unless the date is more than half a year away from the DCT
        # (an article of 5 January mentioning "December 28").
        distance = (month - dct.month) * 31 + ((day or 15) - dct.day)
        if distance > 183:
            return dct.year - 1
        if distance < -183:
            return dct.year + 1
        return dct.year

    def _relative(self, spec: Spec, start: int, end: int) -> Resolved | None:
        unit = spec.unit or "day"
        gran = _UNIT_GRAN[unit]
        if spec.tense == "in":
            # "in five years": a date that far from the DCT in a sentence looking forward,
            # else the length itself ("the bridge was built in two years").
            if self._tense(spec, start, end) != "future":
                return Resolved("DURATION", spec.value or "", spec.mod, False)
            d = shift(self.dct, unit, spec.offset or 0)
            return Resolved("DATE", fmt_date(d, gran), spec.mod, True)
        if spec.part:  # "last summer", "this fall"
            year = shift(self.dct, "year", spec.offset or 0).year
            self._remember(dt.date(year, _PART_MONTH.get(spec.part, 1), 1), "S")
            return Resolved(spec.type, f"{year:04d}-{spec.part}", spec.mod, True)
        if spec.month and unit == "year":  # "June last year", "March 3 next year"
            d = dt.date(shift(self.dct, "year", spec.offset or 0).year, spec.month, spec.day or 1)
            return self._finish(spec, d, "D" if spec.day else "M", True)
        if unit == "weekend":
            return self._weekend(spec, start, end)
        if spec.tense == "latest":  # "the quarter", "the latest quarter"
            d = self._reported_quarter() or shift(self.dct, unit, -1)
            return self._finish(spec, d, gran, True)
        if (
            unit == "year"
            and spec.offset == -1
            and spec.anchor == "dct"
            and spec.tense is None
            and self._reported_quarter() is not None
            and _COMPARED.search(self.text, max(0, start - 60), start)
        ):
            # "profit rose in the third quarter from $3 million last year": the same quarter
            # a year earlier (a comparison, so the story's reference date stays).
            d = shift(self.ref[0], "year", -1)
            return Resolved(spec.type, fmt_date(d, "Q"), spec.mod, True)
        if (
            unit == "year"
            and spec.tense == "ago"
            and spec.offset == -1
            and not spec.quarterly
            and self._year_to_date_before(start)
        ):
            d = shift(self.dct, "year", -1)
            return Resolved(spec.type, fmt_date(d, "Y"), spec.mod, True)
        base = self.dct
        if spec.anchor == "ref":
            ref, ref_gran = self.ref
            if _FINENESS[ref_gran] >= _FINENESS[gran] or ref_gran in ("Q", "S"):
                base = ref
            elif (
                self.ref_written
                and spec.tense == "ref"
                and not spec.time
                and gran in _UNSAID
                and _FINENESS[ref_gran] <= 2
            ):
                # "In 1994 ...; the following month": a month of 1994 that the text does not
                # say (never the DCT's month).
                return Resolved(spec.type, f"{ref.year:04d}{_UNSAID[gran]}", spec.mod, True)
            # A clock time or part of day takes the day of a date written close before it
            # ("On 9 October at 5 p.m."), else the DCT's day.
            if spec.time and (self.position - self.ref_end > 250 or ref_gran != "D"):
                base = self.dct
        # "a year ago/earlier" after a quarter keeps the quarter (year-ago results); "the
        # year-ago quarter" is a quarter: the reported one (the quarter just written, or the
        # quarter of a date just written, "the quarter ended Sept. 30", or else the last
        # ended one), a year back.
        if unit == "year" and spec.tense == "ago":
            ref, ref_gran = self.ref
            reported = self._reported_quarter()
            if reported is not None:
                base, gran = reported, "Q"
            elif spec.quarterly:
                recent_day = ref_gran == "D" and self.dct - dt.timedelta(days=120) <= ref
                if recent_day and ref < self.dct:
                    base, gran = ref, "Q"
                elif spec.quarterly == "quarter" or self.reported_q is not None:
                    base, gran = self.reported_q or shift(self.dct, "quarter", -1), "Q"
        d = shift(base, unit, spec.offset or 0)
        ref_gran = self.ref[1]
        ref_based = spec.anchor == "ref" and base is self.ref[0] and spec.tense == "ago"
        # "a week later" after a day is a day, "a year earlier" after a quarter a quarter; but
        # "a year earlier" after a month ("wages rose in January, 3.8% above a year earlier")
        # keeps its own granularity, the year.
        if (
            ref_based
            and not spec.own_gran
            and ref_gran in (("D", "Q") if unit == "year" else ("D", "M", "Q"))
            and _FINENESS[ref_gran] > _FINENESS[gran]
        ):
            gran = ref_gran
        return self._finish(spec, d, gran, True)

    def _weekend(self, spec: Spec, start: int, end: int) -> Resolved | None:
        dct = self.dct
        saturday = dct - dt.timedelta(days=(dct.isoweekday() - 6) % 7)  # latest, <= DCT
        offset = spec.offset or 0
        if offset < 0 and dct.isoweekday() >= 6:
            saturday -= dt.timedelta(days=7)
        elif offset > 0 or (
            self._tense(spec, start, end) == "future" and saturday < dct - dt.timedelta(days=1)
        ):
            saturday += dt.timedelta(days=7)
        return self._finish(spec, saturday, "WE", True)

    def _weekday(self, spec: Spec, start: int, end: int) -> Resolved | None:
        base = self.dct
        if spec.anchor == "ref" and _FINENESS[self.ref[1]] >= _FINENESS["D"]:
            base = self.ref[0]
        target = spec.day or 1
        delta = target - base.isoweekday()  # -6..6
        offset = spec.offset
        if offset == -1:
            delta = delta - 7 if delta >= 0 else delta
        elif offset == 1:
            delta = delta + 7 if delta <= 0 else delta
        elif delta == 0 and base is self.dct:
            pass  # the DCT's own weekday is that day (wire style: "said on Friday" = today)
        else:
            tense = self._tense(spec, start, end)
            # News reports mostly look back: without a future marker, the last such day.
            if tense == "future":
                delta = delta + 7 if delta <= 0 else delta
            elif delta > 0:
                delta -= 7
        return self._finish(spec, base + dt.timedelta(days=delta), "D", True)
