"""One event told by two articles becomes one entry with both sources.

Conservative on purpose: two events merge only when they come from different
articles, have exactly the same dates, and their sentences are near-identical
(at least 85 % of the words the same, in the same order). Wire copy reprinted by two
outlets merges; two different things that happened on the same day do not.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher

from ..models import Article, Event, replaced

SIMILARITY = 0.85
# The statuses of the events that are compared (with an article): those whose dates the
# text states, or took from it.
MERGED_STATUSES = frozenset({"stated", "edited", "inherited"})
SKETCH_SIZE = 6
_WORDS = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return _WORDS.findall(text.casefold())


def words_once() -> Callable[[str], list[str]]:
    """``words``, each text split once: for a run of comparisons where a text is compared
    with many others."""
    split: dict[str, list[str]] = {}

    def words_of(text: str) -> list[str]:
        found = split.get(text)
        if found is None:
            found = split[text] = words(text)
        return found

    return words_of


def similar(a: str, b: str) -> bool:
    """Near-identical wording: the same words, in the same order, for the most part."""
    return similar_words(words(a), words(b))


def similar_words(first: list[str], second: list[str]) -> bool:
    """``similar`` for texts already split into ``words``."""
    if not first or not second:
        return False
    shorter, longer = sorted((len(first), len(second)))
    if 2 * shorter < SIMILARITY * (shorter + longer):
        return False  # the ratio cannot reach the threshold: skip the costly comparison
    if first == second:
        return True  # (wire copy reprinted word for word)
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    # quick_ratio, counting shared words in any order, is never below ratio, and cheaper.
    return matcher.quick_ratio() >= SIMILARITY and matcher.ratio() >= SIMILARITY


@functools.lru_cache(maxsize=1 << 16)  # serve merges the same texts again on each rebuild
def sketch(text: str, size: int = SKETCH_SIZE) -> frozenset[int]:
    """The smallest hashes of a text's word triples: near-identical texts share some.

    Comparing every pair of events on a busy date is quadratic; only events whose
    sketches overlap are compared (crc32, not hash(), so runs are reproducible).
    """
    tokens = words(text)
    if len(tokens) < 3:
        shingles = {" ".join(tokens)}
    else:
        triples = zip(tokens, tokens[1:], tokens[2:], strict=False)  # (the shorter ends it)
        shingles = {f"{a} {b} {c}" for a, b, c in triples}
    return frozenset(sorted([zlib.crc32(s.encode("utf-8")) for s in shingles])[:size])


def merge_duplicates(
    events: list[Event],
    articles: Mapping[str, Article],
    sketches: Mapping[str, frozenset[int]] | None = None,
) -> list[Event]:
    """Merge reports of the same event from different articles into the first published.

    ``sketches`` maps texts to their ``sketch``, made beforehand (in the processes that
    analysed the articles); any other text is sketched here.
    """
    groups: dict[tuple[str | None, ...], list[Event]] = {}
    for event in events:
        # (compared and merged_dates, without the calls: every event of the site)
        if event.status in MERGED_STATUSES and event.article:
            groups.setdefault((event.start, event.end, event.before), []).append(event)
    absorbed: dict[str, list[Event]] = {}
    gone: set[str] = set()
    words_of = words_once()  # (most texts are compared, often with several others)

    for group in groups.values():
        if len({e.article for e in group}) < 2:
            continue
        group.sort(key=lambda e: (_published(e, articles), e.article, e.paragraph, e.start_offset))
        for keeper, other in _candidate_pairs(group, sketches or {}):
            if keeper.id in gone or other.id in gone or other.article == keeper.article:
                continue
            if other.article in {e.article for e in absorbed.get(keeper.id, [])}:
                continue
            if similar_words(words_of(keeper.text), words_of(other.text)):
                absorbed.setdefault(keeper.id, []).append(other)
                gone.add(other.id)
    result: list[Event] = []
    for event in events:
        if event.id in gone:
            continue
        extra = absorbed.get(event.id)
        result.append(with_reports(event, extra) if extra else event)
    return result


def compared(event: Event) -> bool:
    """Whether ``merge_duplicates`` compares the event with others (of its dates)."""
    return event.status in MERGED_STATUSES and bool(event.article)


def merged_dates(event: Event) -> tuple[str | None, ...]:
    """The dates by which ``merge_duplicates`` groups the events it compares: only
    events with exactly the same ones merge."""
    return (event.start, event.end, event.before)


def with_reports(keeper: Event, extra: Sequence[Event]) -> Event:
    """``keeper`` with the ``extra`` reports of it merged in: listed as also reported,
    and their names added to its own."""
    names = dict.fromkeys([*keeper.entities, *(n for e in extra for n in e.entities)])
    return replaced(
        keeper, also_reported=keeper.also_reported + tuple(extra), entities=tuple(names)
    )


def _candidate_pairs(
    group: list[Event], sketches: Mapping[str, frozenset[int]]
) -> list[tuple[Event, Event]]:
    """Pairs (earlier, later) in group order whose sketches share a hash."""
    by_hash: dict[int, list[int]] = {}
    for index, event in enumerate(group):
        known = sketches.get(event.text)
        for value in known if known is not None else sketch(event.text):
            by_hash.setdefault(value, []).append(index)
    pairs: set[tuple[int, int]] = set()
    for members in by_hash.values():
        if len(members) > 1:
            pairs.update((a, b) for i, a in enumerate(members) for b in members[i + 1 :])
    return [(group[a], group[b]) for a, b in sorted(pairs)]


def _published(event: Event, articles: Mapping[str, Article]) -> object:
    article = articles.get(event.article)
    return article.date if article else None
