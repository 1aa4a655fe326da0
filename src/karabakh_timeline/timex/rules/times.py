"""Times of day: "6 a.m.", "10:30 p.m. local time", "noon Saturday", "midnight", "mid-afternoon".
The day is the one written next to the time, else the last day mentioned (else the DCT)."""

from __future__ import annotations

from ..lexicon import PARTS_OF_DAY, WEEKDAY_RE, WEEKDAYS
from ..spec import Spec
from .base import Ex, Groups, Rule
from .common import DAY, MONTH, NUM_START, cal, day_of, month_of

_DAY_AFTER = (
    rf"(?:,?\s+(?:on\s+)?(?:(?P<wd>{WEEKDAY_RE})|(?P<dw>today|yesterday|tomorrow)"
    rf"|(?P<mo>{MONTH})\s+(?P<d>{DAY})(?!\d)))?"
)
_ZONE = r"(?:\s+(?:\(?(?-i:[ECMP][SD]T|GMT|UTC)\)?|local\s+time|Moscow\s+time|Baku\s+time))?"


def _with_day(g: Groups, time: str) -> Spec | None:
    """A TIME spec whose date part comes from the day written after the time, if any."""
    if g["wd"]:
        spec = Spec("wday", day=WEEKDAYS[g["wd"].lower()], offset=None)
    elif g["dw"]:
        spec = Spec(
            "rel", unit="day", offset={"today": 0, "yesterday": -1, "tomorrow": 1}[g["dw"].lower()]
        )
    elif g["mo"]:
        found = cal(None, month_of(g["mo"]), day_of(g["d"]))
        if found is None:
            return None
        spec = found
    else:
        spec = Spec("rel", unit="day", offset=0, anchor="ref")
    spec.type, spec.time = "TIME", time
    return spec


def _clock(g: Groups) -> Spec | None:
    hour, minute = int(g["h"] or 0), int(g["mi"] or 0)
    ampm = (g["ap"] or "").lower().replace(".", "").replace(" ", "")
    if (hour > 12 and ampm) or hour > 23 or (ampm and hour == 0):
        return None
    if ampm == "pm" and hour != 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    return _with_day(g, f"T{hour:02d}:{minute:02d}")


def _noon(g: Groups) -> Spec | None:
    word = (g["w"] or "").lower()
    return _with_day(g, "T12:00" if word in ("noon", "midday") else "T24:00")


def _pod_day(g: Groups) -> Spec | None:
    """ "the morning" (of the last day mentioned); "overnight" (the night before the DCT:
    a day named earlier is no safe anchor, the night may come before or after it)."""
    pod = (g["pod"] or "").lower()
    if pod == "overnight":
        return Spec("rel", type="TIME", unit="day", offset=-1, time="TNI")
    return _with_day(g, "T" + PARTS_OF_DAY[pod])


def _mid(spec: Spec | None) -> Spec | None:
    if spec is not None:
        spec.mod = "MID"
    return spec


RULES = [
    Rule("clock",
         rf"{NUM_START}(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>a\.\s?m\."
         rf"|p\.\s?m\.|a\.m|p\.m|am|pm)(?!\w){_ZONE}{_DAY_AFTER}", _clock, 15),
    Rule("clock24",
         rf"{NUM_START}(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?=\s*(?:hours|local\s+time"
         rf"|GMT|UTC|[ECMP][SD]T|\(|on\b|,\s*(?-i:[A-Z])))(?:\s+hours)?{_ZONE}{_DAY_AFTER}",
         _clock, 16),
    Rule("noon", rf"(?P<w>noon|midday|midnight){_DAY_AFTER}", _noon, 17),
    Rule("the_pod", r"(?:the|that)\s+(?P<pod>morning|afternoon|evening)", _pod_day, 47),
    Rule("mid_pod", rf"mid[- ]?(?P<pod>morning|afternoon|evening){_DAY_AFTER}",
         lambda g: _mid(_pod_day(g)), 18),
    Rule("pod_alone",
         r"(?P<pod>overnight)(?!\s+(?:interest|lending|borrowing|repo|rates?|deposits?|loans?"
         r"|call|index|market|stays?|trips?|flights?|trains?|bus|buses|delivery|shipping)\b)",
         _pod_day, 48),
]  # fmt: skip

EXAMPLES = [
    Ex("The shelling began at 6 a.m.", ["6 a.m.=2020-11-01T06:00:TIME"]),
    Ex("At 6 a.m. the sirens sounded.", ["6 a.m.=2020-11-01T06:00:TIME"]),
    Ex("It ended at 10:30 p.m. local time.", ["10:30 p.m. local time=2020-11-01T22:30:TIME"]),
    Ex("Polls close at 8 pm on Sunday.", ["8 pm on Sunday=2020-11-01T20:00:TIME"]),
    Ex("The deadline was noon Saturday.", ["noon Saturday=2020-10-31T12:00:TIME"]),
    Ex("The truce starts at midnight.", ["midnight=2020-11-01T24:00:TIME"]),
    Ex("On 9 October at 5 p.m. the talks started.",
       ["9 October=2020-10-09", "5 p.m.=2020-10-09T17:00:TIME"]),
    Ex("The curfew starts at 23:00 local time.", ["23:00 local time=2020-11-01T23:00:TIME"]),
    Ex("The score was 3:2 at halftime.", []),
    Ex("By mid-afternoon the shelling stopped.", ["mid-afternoon=2020-11-01TAF:TIME"]),
    Ex("Shelling resumed mid-afternoon yesterday.",
       ["mid-afternoon yesterday=2020-10-31TAF:TIME"]),
]  # fmt: skip

EXAMPLES += [
    Ex("The attack began at 5:30 a.m.", ["5:30 a.m.=2020-11-01T05:30:TIME"]),
    Ex("Curfew starts at 11 p.m.", ["11 p.m.=2020-11-01T23:00:TIME"]),
    Ex("The talks ended at 12 a.m.", ["12 a.m.=2020-11-01T00:00:TIME"]),
    Ex("The talks ended at 12 p.m.", ["12 p.m.=2020-11-01T12:00:TIME"]),
    Ex("At 7:15 p.m. Tuesday the shelling began.", ["7:15 p.m. Tuesday=2020-10-27T19:15:TIME"]),
    Ex("The deadline is 5 p.m. EST Nov. 9.", ["5 p.m. EST Nov. 9=2020-11-09T17:00:TIME"]),
    Ex("On 27 September at 7:10 am the attack began.",
       ["27 September=2020-09-27", "7:10 am=2020-09-27T07:10:TIME"]),
    Ex("The truce begins at noon.", ["noon=2020-11-01T12:00:TIME"]),
    Ex("The truce began at midnight Friday.", ["midnight Friday=2020-10-30T24:00:TIME"]),
    Ex("At 14:30 GMT the talks resumed.", ["14:30 GMT=2020-11-01T14:30:TIME"]),
    Ex("Markets fell overnight.", ["overnight=2020-10-31TNI:TIME"]),
    Ex("US stocks rebounded overnight after Wednesday's record highs.",
       ["overnight=2020-10-31TNI:TIME", "Wednesday=2020-10-28"]),
    # A time of day takes the day written just before it, never a month or quarter's start.
    Ex("Growth slowed in the third quarter. At 22:00 GMT the euro was at 1.31.",
       ["the third quarter=2020-Q3", "22:00 GMT=2020-11-01T22:00:TIME"]),
    Ex("The bank raised its overnight interest rate.", []),
    Ex("Overnight trains between Paris and Barcelona were cancelled.", []),
    Ex("In June the army advanced. Markets fell overnight.",
       ["June=2020-06", "overnight=2020-10-31TNI:TIME"]),
    Ex("The 1987 crash began on 19 October 1987. " + "Markets were calm. " * 20
       + "Shares rose in the morning session.",
       ["1987=1987", "19 October 1987=1987-10-19", "the morning=2020-11-01TMO:TIME"]),
    Ex("He scored 3 points.", []),
    Ex("Tickets for 2007 went on sale. The essay test is in the afternoon.",
       ["2007=2007", "the afternoon=2020-11-01TAF:TIME"]),
    Ex("It measured 6.5 on the scale.", []),
    Ex("Gate 13 pm", []),
]  # fmt: skip
