"""Data exports: ``events.json`` (documented in the README), ``timelinejs.json``
(Knight Lab TimelineJS3), the Atom feed, ``sitemap.xml`` and ``robots.txt``."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from markupsafe import escape

from ..models import Article, Event, Site
from ..timeline import event_span
from ..values import parse_value
from .labels import event_label

if TYPE_CHECKING:
    import mmap

EVENTS_FORMAT_VERSION = 1
FEED_ENTRIES = 100
_FEED_NAMESPACE = "6f1c9a52-8f0e-4c55-9d61-1b2a2d7f3e10"  # (a UUID)


class Links(Protocol):
    def event(self, event: Event) -> str: ...

    def source(self, event: Event) -> str | None: ...


class ExportMemory(Protocol):
    """The last build's export, with the facts of the event of each of its records, and
    where this build's are recorded (so that a rebuild makes only the changed ones)."""

    def last(self, path: str, context: str) -> LastExport | None:
        """The last build's export at ``path``, if it was made in the same ``context``
        (code, templates, settings) and is there as that build wrote it; else None."""
        ...

    def remember(
        self, path: str, context: str, key: str, facts: Sequence[str], lengths: Sequence[int]
    ) -> None:
        """Record the facts of the events of this build's export at ``path`` (whose page
        ``key`` it is), and the length of each one's record, in order."""
        ...


@dataclass(frozen=True, slots=True)
class LastExport:
    """A ``json_document`` as the last build wrote it: its bytes, and the facts of each
    record's event with where the record is (``last_export``)."""

    data: bytes | mmap.mmap
    facts: Sequence[str]
    starts: Sequence[int]  # each record's first byte
    lengths: Sequence[int]

    def records(self, first: int, last: int) -> memoryview:
        """Records ``first`` to ``last`` (included) as they are in the document: one
        slice, their separators with them (a view: the new document copies it once)."""
        return memoryview(self.data)[self.starts[first] : self.starts[last] + self.lengths[last]]


def last_export(
    data: bytes | mmap.mmap, facts: Sequence[str], lengths: Sequence[int]
) -> LastExport | None:
    """``data``, a ``json_document`` whose records are ``lengths`` bytes long, as a
    ``LastExport`` (None if it is not made so).

    No record holds a line break (json escapes those in strings): the records start on
    the second line, one a line, each but the last followed by a comma.
    """
    if len(facts) != len(lengths) or not lengths:
        return None
    first = data.find(b"\n") + 1
    starts = list(itertools.accumulate((length + 2 for length in lengths[:-1]), initial=first))
    if first == 0 or starts[-1] + lengths[-1] + len(_DOCUMENT_END) != len(data):
        return None
    if data[-len(_DOCUMENT_END) :] != _DOCUMENT_END or data[first - 2 : first] != b"[\n":
        return None
    return LastExport(data, facts, starts, lengths)


def site_url(base: str, target: str) -> str:
    """``target`` (relative to the site root, or an absolute address) from ``base``."""
    return target if target.startswith(("http://", "https://")) else base + target


def event_record(event: Event, links: Links) -> dict[str, Any]:
    return {
        "id": event.id,
        "start": event.start,
        "end": event.end,
        "label": event_label(event),
        "status": event.status,
        "open_start": event.open_start,
        "open_end": event.open_end,
        "before": event.before,
        "after": event.after,
        "mod": event.mod,
        "headline": event.headline,
        "text": event.text,
        "sentences": list(event.sentences),
        "article": event.article,
        "paragraph": event.paragraph,
        "offsets": [event.start_offset, event.end_offset],
        "timex": event.timex,
        "inherited_from": event.inherited_from,
        "entities": list(event.entities),
        "url": links.event(event),
        "source_url": links.source(event),
    }


def event_line(event: Event, links: Links) -> str:
    """An event's line of ``events.json``."""
    return json_line(event_record(event, links))


def events_json(site: Site, lines: Sequence[bytes | memoryview]) -> bytes:
    """``events.json``: the site's ``event_line`` of each event, in order."""
    head = {"version": EVENTS_FORMAT_VERSION, "title": site.config.title}
    return json_document(head, "events", lines)


def json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False)


def json_document(head: dict[str, Any], key: str, lines: Sequence[bytes | memoryview]) -> bytes:
    """``head`` with ``key``: the records of ``lines`` (each a ``json_line`` in UTF-8, or
    consecutive records of a ``LastExport``), one a line.

    Readable and diffable, and fast: each line goes through the json module's C encoder
    (an indented dump takes its pure-Python path, ten times slower on large archives).
    Lines stay bytes from end to end: a rebuild takes most of them from the last build's
    file, a run of records at a time.
    """
    opening = json.dumps(head, ensure_ascii=False)[:-1]  # without its closing brace
    separator = ", " if head else ""
    start = f'{opening}{separator}"{key}": '.encode()
    if not lines:
        return start + b"[]}\n"
    # One join of the opening, the lines with separators between them, and the end:
    # the document is copied once (adding the opening to the first of long runs of
    # records, or the end to the last, would copy most of it again).
    parts: list[bytes | memoryview] = [b""] * (2 * len(lines) + 1)
    parts[0] = start + b"[\n"
    parts[1::2] = lines
    parts[2:-1:2] = [b",\n"] * (len(lines) - 1)
    parts[-1] = _DOCUMENT_END
    return b"".join(parts)


_DOCUMENT_END = b"\n]}\n"


def _timelinejs_date(value: str | None) -> dict[str, int] | None:
    """A TIMEX3 value as TimelineJS's {year, month, day}, at the value's precision."""
    span = parse_value(value) if value else None
    if span is None:
        return None
    date: dict[str, int] = {"year": span.first.year}
    if span.precision in ("day", "week", "weekend", "month"):
        date["month"] = span.first.month
    if span.precision in ("day", "week", "weekend"):
        date["day"] = span.first.day
    return date


def timelinejs_line(
    event: Event, links: Links, base: str, articles: Mapping[str, Article]
) -> str | None:
    """An event's line of ``timelinejs.json`` (None for an event it leaves out, one
    without a date TimelineJS can place); links are prefixed with ``base``."""
    if event.status == "ordered":
        start, end = _timelinejs_date(event.before or event.after), None
    else:
        start = _timelinejs_date(event.start)
        end = _timelinejs_date(event.end) if event.end and event.end != event.start else None
        if event.open_end and end is None:
            article = articles.get(event.article)
            end = _timelinejs_date(article.date.isoformat()) if article else None
    if start is None:
        return None
    article = articles.get(event.article)
    title = article.title if article else event.article
    text = "" if event.text.strip() == event.headline.strip() else f"<p>{escape(event.text)}</p>"
    text += (
        f'<p><a href="{escape(base + links.source(event))}">{escape(title)}</a>, '
        f"paragraph {event.paragraph}</p>"
    )
    record: dict[str, Any] = {
        "unique_id": event.id,
        "start_date": start,
        "text": {"headline": event.headline, "text": text},
        "group": title,
        "display_date": event_label(event),
    }
    if end is not None:
        record["end_date"] = end
    return json_line(record)


def timelinejs_json(site: Site, lines: Sequence[bytes | memoryview]) -> bytes:
    """The events in TimelineJS3's JSON format: the site's ``timelinejs_line`` of each
    event that has one, in order."""
    head = {"title": {"text": {"headline": site.config.title, "text": site.config.description}}}
    return json_document(head, "events", lines)


def atom_feed(site: Site, links: Links, base: str, latest: Sequence[Event]) -> str:
    """An Atom feed of the latest entries of the timeline, newest first.

    Entry ids are UUIDs derived from the event ids, so they stay put when the site
    moves; ``updated`` is the article's publication date, so a rebuild changes nothing.
    """
    # Imported here, by the process that draws the feed and when it does: uuid brings
    # platform along (3 ms), which a rebuild's main process would wait for.
    import uuid

    namespace = uuid.UUID(_FEED_NAMESPACE)
    articles: Mapping[str, Article] = {article.slug: article for article in site.articles}
    config = site.config
    dates = [article.date for article in site.articles] or [dt.date(1970, 1, 1)]
    feed_id = uuid.uuid5(namespace, config.base_url or config.title)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom"'
        + (f" xml:base={_xml_attribute(base)}" if base else "")
        + f" xml:lang={_xml_attribute(config.language)}>",
        f"  <title>{_xml_text(config.title)}</title>",
        f"  <subtitle>{_xml_text(config.description)}</subtitle>",
        f"  <id>urn:uuid:{feed_id}</id>",
        f"  <updated>{_atom_time(max(dates))}</updated>",
        f'  <link rel="self" href={_xml_attribute(base + "feed.xml")}/>',
        f'  <link rel="alternate" type="text/html" href={_xml_attribute(base + "index.html")}/>',
        "  <author><name>karabakh-timeline</name></author>",
    ]
    for event in latest:
        article = articles.get(event.article)
        published = _atom_time(article.date if article else max(dates))
        label = event_label(event)
        summary = event.text
        if article is not None:
            summary += f" (Source: {article.title}"
            summary += f", {article.source})" if article.source else ")"
        elif event.source_title:
            summary += f" (Source: {event.source_title})"
        source = links.source(event)
        lines += [
            "  <entry>",
            f"    <title>{_xml_text(f'{label}: {event.headline}')}</title>",
            f"    <id>urn:uuid:{uuid.uuid5(namespace, event.id)}</id>",
            f"    <link href={_xml_attribute(site_url(base, links.event(event)))}/>",
        ]
        if source is not None:
            lines.append(f'    <link rel="related" href={_xml_attribute(site_url(base, source))}/>')
        lines += [
            f"    <published>{published}</published>",
            f"    <updated>{published}</updated>",
            f"    <summary>{_xml_text(summary)}</summary>",
            "  </entry>",
        ]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def latest_events(events: Sequence[Event], count: int = FEED_ENTRIES) -> list[Event]:
    """The ``count`` last entries of the timeline that have a place on it, newest first."""
    # From the end: most events are not among the latest.
    placed = (event for event in reversed(events) if event_span(event) is not None)
    return list(itertools.islice(placed, count))


def _xml_text(text: str) -> str:
    """``text`` escaped for XML. With markupsafe (loaded with the templates), not
    ``xml.sax.saxutils``: that brings urllib.request and ssl along, 10 ms a rebuild."""
    return str(escape(text))


def _xml_attribute(value: str) -> str:
    """``value`` as a quoted XML attribute value."""
    return f'"{escape(value)}"'


def _atom_time(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def sitemap_xml(base: str, paths: Sequence[str]) -> str:
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path in paths:
        location = base if path == "index.html" else base + path
        lines.append(f"  <url><loc>{_xml_text(location)}</loc></url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(base: str) -> str:
    text = "User-agent: *\nAllow: /\n"
    if base.startswith(("http://", "https://")):
        text += f"\nSitemap: {base}sitemap.xml\n"
    return text
