"""JSON-LD for the pages: ``Event`` for timeline entries, ``NewsArticle`` for articles."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from ..models import Article, Event
from .markup import html_datetime

CONTEXT = "https://schema.org"


def _date(value: str | None) -> str | None:
    if value is None:
        return None
    if html_datetime(value):
        return value
    return None


def event_ld(
    event: Event, url: str, article: Article | None, source_url: str | None
) -> dict[str, Any]:
    """A compact ``Event``: a timeline page can hold a few hundred of them."""
    data: dict[str, Any] = {"@type": "Event", "name": event.headline, "url": url}
    if " ".join(event.text.split()) != " ".join(event.headline.split()):
        data["description"] = event.text
    start = _date(event.start) if event.status != "ordered" else None
    if start:
        data["startDate"] = start
        end = _date(event.end) if event.end else None
        if end and end != start:
            data["endDate"] = end
    if source_url is not None:
        data["subjectOf"] = {
            "@type": "NewsArticle" if article else "CreativeWork",
            "url": source_url,
        }
    return data


def events_graph(
    events: Iterable[Event],
    url: Callable[[Event], str],
    source_url: Callable[[Event], str | None],
    articles: dict[str, Article],
) -> dict[str, Any]:
    return {
        "@context": CONTEXT,
        "@graph": [
            event_ld(event, url(event), articles.get(event.article), source_url(event))
            for event in events
        ],
    }


def article_ld(article: Article, url: str, site_name: str, description: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": description,
        "datePublished": article.date.isoformat(),
        "url": url,
        "mainEntityOfPage": url,
        "isPartOf": {"@type": "WebSite", "name": site_name},
    }
    if article.source:
        data["publisher"] = {"@type": "Organization", "name": article.source}
        data["author"] = {"@type": "Organization", "name": article.source}
    if article.url:
        data["isBasedOn"] = article.url
    if article.tags:
        data["keywords"] = list(article.tags)
    return data


SCHEMA_TYPES = {"person": "Person", "place": "Place", "organisation": "Organization"}


def entity_ld(name: str, kind: str | None, url: str, site_name: str) -> dict[str, Any]:
    """A person's or place's page: a collection about them. Its entries are described as
    ``Event`` once, on their own timeline page, not again on every page that lists them."""
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": name,
        "about": {"@type": SCHEMA_TYPES.get(kind or "", "Thing"), "name": name},
        "isPartOf": {"@type": "WebSite", "name": site_name},
    }
    if url:
        data["url"] = url
    return data
