"""Rule families, each next to its examples. Order matters: earlier families win ties."""

from __future__ import annotations

from . import calendar, durations, negatives, ranges, refs, relative, sets, times
from .base import Ex, Rule

FAMILIES = [ranges, times, calendar, relative, sets, durations, refs, negatives]

RULES: list[Rule] = sorted(
    (rule for family in FAMILIES for rule in family.RULES), key=lambda r: r.priority
)
EXAMPLES: dict[str, list[Ex]] = {f.__name__.rsplit(".", 1)[1]: f.EXAMPLES for f in FAMILIES}
