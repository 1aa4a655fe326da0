"""Data exports: ``events.json`` (documented in the README)."""

from __future__ import annotations

import json
from typing import Any, Protocol

from ..models import Event, Site
from .labels import event_label

EVENTS_FORMAT_VERSION = 1


class Links(Protocol):
    @staticmethod
    def event(event: Event) -> str: ...

    @staticmethod
    def source(event: Event) -> str: ...


def event_record(event: Event, links: type[Links]) -> dict[str, Any]:
    return {
        "id": event.id,
        "start": event.start,
        "end": event.end,
        "label": event_label(event),
        "status": event.status,
        "open_start": event.open_start,
        "open_end": event.open_end,
        "before": event.before,
        "mod": event.mod,
        "headline": event.headline,
        "text": event.text,
        "sentences": list(event.sentences),
        "article": event.article,
        "paragraph": event.paragraph,
        "offsets": [event.start_offset, event.end_offset],
        "timex": event.timex,
        "inherited_from": event.inherited_from,
        "url": links.event(event),
        "source_url": links.source(event),
    }


def events_json(site: Site, links: type[Links]) -> str:
    document = {
        "version": EVENTS_FORMAT_VERSION,
        "title": site.config.title,
        "events": [event_record(event, links) for event in site.events],
    }
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
