"""The extraction report: what was recognised, inherited and left undated, per article.

``python build.py --report`` prints it, so an editor can review the extraction in
minutes and fix what is wrong in ``content/events.yaml``.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator

from .loader.sentences import split_sentences
from .models import Article, Event, Site
from .renderer.labels import event_label


def text_report(site: Site) -> str:
    """A plain-text report of every article's dates and events."""
    return "\n".join(_lines(site)) + "\n"


def _lines(site: Site) -> Iterator[str]:
    events_by_article: dict[str, list[Event]] = {}
    for event in site.events:
        for told in (event, *event.also_reported):
            events_by_article.setdefault(told.article, []).append(told)
    yield f"Extraction report: {len(site.articles)} articles, {len(site.events)} events"
    for article in site.articles:
        yield from _article_lines(article, events_by_article.get(article.slug, []))
    added = [e for e in site.events if e.status == "added"]
    if added:
        yield ""
        yield "Added by hand (events.yaml):"
        for event in added:
            yield f"  {event.id}  {event_label(event)}: {event.headline} [{event.source_title}]"


def _article_lines(article: Article, events: list[Event]) -> Iterator[str]:
    yield ""
    yield f"== {article.source_path} ({article.slug}), published {article.date.isoformat()}"
    yield "  Recognised expressions:"
    if not article.mentions:
        yield "    (none)"
    for mention in article.mentions:
        mod = f" mod={mention.mod}" if mention.mod else ""
        yield (
            f"    p{mention.paragraph}  {mention.text!r:<32} {mention.type:<8} {mention.value}{mod}"
        )
    yield "  Events:"
    if not events:
        yield "    (none)"
    for event in sorted(events, key=lambda e: (e.paragraph, e.start_offset, e.id)):
        origin = {
            "stated": f"from {event.timex!r}",
            "inherited": f"inherited from {event.inherited_from}",
            "ordered": f"ordered {'after' if event.after else 'before'} {event.inherited_from}",
            "edited": "date fixed in events.yaml",
            "added": "added in events.yaml",
        }[event.status]
        yield f"    p{event.paragraph}  {event.id}  {event_label(event)}  [{origin}]"
        yield f"          {event.headline}"
    undated = list(_undated_sentences(article, events))
    yield "  Undated sentences (no event):"
    if not undated:
        yield "    (none)"
    for paragraph, sentence in undated:
        yield f"    p{paragraph}  {sentence[:110]}{'…' if len(sentence) > 110 else ''}"


def _undated_sentences(article: Article, events: list[Event]) -> Iterator[tuple[int, str]]:
    covered: dict[int, list[tuple[int, int]]] = {}
    for event in events:
        covered.setdefault(event.paragraph, []).append((event.start_offset, event.end_offset))
    for paragraph in article.paragraphs:
        spans = sorted(covered.get(paragraph.number, []))
        starts = [a for a, _ in spans]
        # reaches[i]: how far the spans starting before starts[i] (included) reach.
        reaches = list(itertools.accumulate((b for _, b in spans), max))
        for start, end in split_sentences(paragraph.text):
            index = bisect.bisect_right(starts, start) - 1
            if index < 0 or reaches[index] < end:
                yield paragraph.number, " ".join(paragraph.text[start:end].split())
