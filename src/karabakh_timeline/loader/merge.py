"""One event told by two articles becomes one entry with both sources.

Conservative on purpose: two events merge only when they come from different
articles, have exactly the same dates, and their sentences are near-identical
(at least 85 % of the words the same, in the same order). Wire copy reprinted by two
outlets merges; two different things that happened on the same day do not.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from difflib import SequenceMatcher

from ..models import Article, Event

SIMILARITY = 0.85
_WORDS = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def similar(a: str, b: str) -> bool:
    """Near-identical wording: the same words, in the same order, for the most part."""
    first, second = words(a), words(b)
    if not first or not second:
        return False
    shorter, longer = sorted((len(first), len(second)))
    if 2 * shorter < SIMILARITY * (shorter + longer):
        return False  # the ratio cannot reach the threshold: skip the costly comparison
    return SequenceMatcher(None, first, second, autojunk=False).ratio() >= SIMILARITY


def merge_duplicates(events: list[Event], articles: Mapping[str, Article]) -> list[Event]:
    """Merge reports of the same event from different articles into the first published."""
    groups: dict[tuple[str | None, str | None, str | None], list[Event]] = {}
    for event in events:
        if event.status in ("stated", "edited", "inherited") and event.article:
            groups.setdefault((event.start, event.end, event.before), []).append(event)
    absorbed: dict[str, list[Event]] = {}
    gone: set[str] = set()
    for group in groups.values():
        if len({e.article for e in group}) < 2:
            continue
        group.sort(key=lambda e: (_published(e, articles), e.article, e.paragraph, e.start_offset))
        for index, keeper in enumerate(group):
            if keeper.id in gone:
                continue
            for other in group[index + 1 :]:
                if (
                    other.id not in gone
                    and other.article != keeper.article
                    and other.article not in {e.article for e in absorbed.get(keeper.id, [])}
                    and similar(keeper.text, other.text)
                ):
                    absorbed.setdefault(keeper.id, []).append(other)
                    gone.add(other.id)
    result: list[Event] = []
    for event in events:
        if event.id in gone:
            continue
        extra = absorbed.get(event.id)
        result.append(
            dataclasses.replace(event, also_reported=event.also_reported + tuple(extra))
            if extra
            else event
        )
    return result


def _published(event: Event, articles: Mapping[str, Article]) -> object:
    article = articles.get(event.article)
    return article.date if article else None
