"""The last build's site with a few articles' new analyses put in, when that is all an edit
changes.

A full build merges and orders the events of every article, and in a large archive prunes
the names only one article gives (``load_site``). After an edit to one article, nearly
all of that gives what it gave before. ``updated_site`` takes the last build's site and
puts the edited articles' new events, names and front matter in its place, or says None
when the result could differ from a full build's (the caller then makes one). An article
added or deleted is such a change too, from or to nothing. The edit stays local when,
for every edited article:

- its slug and its warnings are the same (an added or deleted one has no warnings, and
  an added one a slug no other article has);
- none of its events, old or new, was or would be merged with another article's
  (``merge``: checked on every event with the same dates, with the same test);
- ``events.yaml`` names none of them;
- a name that gains or loses its page through it (in a large archive, a name only one
  article gives has none) is given by other articles whose entries are their analyses'
  with names pruned (not merged, not edited in ``events.yaml``): those entries are
  then made again with the name, or without it;
- the archive stays on the same side of ``LARGE_ARCHIVE_EVENTS``.

The order of the articles (by date) and the list of names are then made again from the
whole site, as a full build makes them; the new events are put in their places among
the others, which keep their order (the one ``chronological`` gives them all).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Article, Event, Site
from ..timeline import with_events_in_order
from .entities import EntityKind, Gazetteer, recurs, site_entities, with_recurring_names
from .merge import similar_words, words_once

# The statuses of the events ``merge_duplicates`` compares (with an article).
MERGED_STATUSES = frozenset({"stated", "edited", "inherited"})


@dataclass(frozen=True, slots=True)
class Tallies:
    """What a build counted over every article, beyond what its site shows."""

    # For each name: the articles whose events give it, before names were pruned (an
    # entry told by several articles counts for each). Empty when nothing was pruned.
    named_by: dict[str, frozenset[str]]
    # For each name, how many articles gave it each kind (plain dicts: a Counter is
    # unpickled in Python code, 25 times slower).
    kinds: dict[str, dict[EntityKind, int]]
    pruned: bool  # a large archive, whose names given by one article only were pruned


Analysis = tuple[Article, Sequence[Event], Mapping[str, EntityKind]]


@dataclass(frozen=True, slots=True)
class Change:
    """One edited article: what the last build read of it (its analysis without the
    body is enough; None: it was added), and its new analysis, whole (None: deleted)."""

    old: Analysis | None
    old_warnings: tuple[str, ...]
    new: Analysis | None
    new_warnings: tuple[str, ...]

    @property
    def slug(self) -> str:
        for analysis in (self.old, self.new):
            if analysis is not None:
                return analysis[0].slug
        raise ValueError("a change from nothing to nothing")

    @property
    def events(self) -> tuple[Sequence[Event], Sequence[Event]]:
        """Its events before and after."""
        return (self.old[1] if self.old else ()), (self.new[1] if self.new else ())


def updated_site(
    site: Site,
    tallies: Tallies,
    changes: Sequence[Change],
    edited_ids: Collection[str],
    gazetteer: Gazetteer,
    large: int,
    analysed: Callable[[str], Sequence[Event] | None] | None = None,
) -> tuple[Site, Tallies] | None:
    """``site`` with the ``changes`` made, and its new tallies; None if a full build is
    due (see the module's note). ``edited_ids``: the event ids ``events.yaml`` names;
    ``large``: the number of events from which names are pruned; ``analysed(slug)``: an
    unchanged article's events as its analysis gave them (None if unknown)."""
    slugs = {change.slug for change in changes}
    taken = {article.slug for article in site.articles}
    if len(slugs) != len(changes) or any(not _same_frame(c, taken) for c in changes):
        return None
    new_events = [event for change in changes for event in change.events[1]]
    touched = [*(event for change in changes for event in change.events[0]), *new_events]
    if _named_in_edits(touched, edited_ids):
        return None
    kept = [event for event in site.events if event.article not in slugs]
    if not _merged_with_none(site.events, kept, new_events, slugs):
        return None
    if (len(kept) + len(new_events) >= large) != tallies.pruned:
        return None
    named_by = _named_by(tallies.named_by, changes) if tallies.pruned else {}
    if tallies.pruned:
        names = _names_changing_pages(tallies.named_by, named_by, changes, slugs, gazetteer)
        if names:
            before = tallies.named_by
            renamed = _renamed(site, names, slugs, before, named_by, gazetteer, analysed)
            if renamed is None or _named_in_edits(
                [event for change in renamed for event in change.events[0]], edited_ids
            ):
                return None
            changes = [*changes, *renamed]
            slugs |= {change.slug for change in renamed}
            kept = [event for event in kept if event.article not in slugs]
        new_events = [
            with_recurring_names(event, named_by, gazetteer)
            for change in changes
            for event in change.events[1]
        ]
    by_slug = {article.slug: article for article in site.articles}
    for change in changes:
        if change.new is None:
            del by_slug[change.slug]
        else:
            by_slug[change.slug] = change.new[0]
    articles = tuple(sorted(by_slug.values(), key=lambda a: (a.date, a.slug)))
    # The kept events are in order already: their articles' dates are as they were.
    events = with_events_in_order(kept, new_events, by_slug)
    kinds = _kinds(tallies.kinds, changes)
    updated = dataclasses.replace(
        site, articles=articles, events=tuple(events), entities=site_entities(events, kinds)
    )
    return updated, Tallies(named_by, kinds, tallies.pruned)


def _named_in_edits(events: Iterable[Event], edited_ids: Collection[str]) -> bool:
    """Whether ``events.yaml`` names one of ``events``, or the event one inherits from."""
    return any(e.id in edited_ids or e.inherited_from in edited_ids for e in events)


def _same_frame(change: Change, taken: Collection[str]) -> bool:
    """The same slug and the same warnings (the site lists every article's, in the order
    of their files): none for an article added or deleted, and an added one's slug is
    not ``taken`` by another article (a full build reports that)."""
    if change.old is None or change.new is None:
        added = change.old is None
        return (
            not change.old_warnings
            and not change.new_warnings
            and (not added or change.slug not in taken)
        )
    return change.old[0].slug == change.new[0].slug and change.old_warnings == change.new_warnings


def _merged_with_none(
    everything: Iterable[Event], kept: Iterable[Event], new: Sequence[Event], slugs: set[str]
) -> bool:
    """Whether the edited articles' events were merged with no other article's, and
    their new ones would not be (checked against every event with the same dates that
    ``merge_duplicates`` would compare them with, with its test of the wording)."""
    # (Loops over every event of the site: most are reported once, and have no date of
    # the new events'; those are passed over without a call or a tuple made for them.)
    for event in everything:
        if event.also_reported and (
            event.article in slugs or any(other.article in slugs for other in event.also_reported)
        ):
            return False
    words_of = words_once()
    dates = {_dates(event) for event in new if _compared(event)}
    told: dict[tuple[str | None, ...], list[Event]] = {}
    if dates:
        for event in kept:
            for one in (event, *event.also_reported) if event.also_reported else (event,):
                key = (one.start, one.end, one.before)  # (_dates, without the call)
                if key in dates and _compared(one):
                    told.setdefault(key, []).append(one)
    for index, event in enumerate(new):
        if not _compared(event):
            continue
        others = [*told.get(_dates(event), ()), *new[index + 1 :]]
        for other in others:
            if (
                other.article != event.article
                and _dates(other) == _dates(event)
                and similar_words(words_of(event.text), words_of(other.text))
            ):
                return False
    return True


def _compared(event: Event) -> bool:
    return event.status in MERGED_STATUSES and bool(event.article)


def _dates(event: Event) -> tuple[str | None, ...]:
    return (event.start, event.end, event.before)


def _names(events: Iterable[Event]) -> set[str]:
    return {name for event in events for name in event.entities}


def _named_by(
    named_by: Mapping[str, frozenset[str]], changes: Sequence[Change]
) -> dict[str, frozenset[str]]:
    """``named_by`` with each edited article's names as its new events give them."""
    updated = dict(named_by)
    for change in changes:
        slug = change.slug
        before, after = change.events
        for name in _names(before):
            left = updated.get(name, frozenset()) - {slug}
            if left:
                updated[name] = left
            else:
                updated.pop(name, None)
        for name in _names(after):
            updated[name] = updated.get(name, frozenset()) | {slug}
    return updated


def _names_changing_pages(
    before: Mapping[str, frozenset[str]],
    after: Mapping[str, frozenset[str]],
    changes: Sequence[Change],
    slugs: set[str],
    gazetteer: Gazetteer,
) -> set[str]:
    """The names another article gives that gain or lose their page (that article's
    entries then show them, or not)."""
    names = set().union(*(_names((*c.events[0], *c.events[1])) for c in changes))
    return {
        name
        for name in names
        if (before.get(name, frozenset()) | after.get(name, frozenset())) - slugs
        and recurs(name, before, gazetteer) != recurs(name, after, gazetteer)
    }


def _renamed(
    site: Site,
    names: set[str],
    slugs: set[str],
    before: Mapping[str, frozenset[str]],
    named_by: Mapping[str, frozenset[str]],
    gazetteer: Gazetteer,
    analysed: Callable[[str], Sequence[Event] | None] | None,
) -> list[Change] | None:
    """The other articles that give ``names`` (which gain or lose their pages), as
    changes whose entries are made again from their analyses with the names pruned by
    ``named_by``; None if one's entries are not simply its analysis's with the names
    pruned by the last build's (``before``): merged with another's, edited, or unknown."""
    others = set().union(
        *(before.get(n, frozenset()) | named_by.get(n, frozenset()) for n in names)
    )
    others -= slugs
    if analysed is None:
        return None
    recorded: dict[str, dict[str, Event]] = {slug: {} for slug in others}
    for event in site.events:
        if any(other.article in others for other in event.also_reported):
            return None  # one of their entries was merged into another article's
        if event.article in others:
            recorded[event.article][event.id] = event
    articles = {article.slug: article for article in site.articles}
    renamed = []
    for slug in sorted(others):
        events = analysed(slug)
        if events is None or slug not in articles:
            return None
        pruned = {event.id: with_recurring_names(event, before, gazetteer) for event in events}
        if pruned != recorded[slug]:
            return None  # not the last build's entries: merged, or edited
        again = tuple(with_recurring_names(event, named_by, gazetteer) for event in events)
        article = articles[slug]
        renamed.append(Change((article, tuple(pruned.values()), {}), (), (article, again, {}), ()))
    return renamed


def _kinds(
    kinds: Mapping[str, Mapping[EntityKind, int]], changes: Sequence[Change]
) -> dict[str, dict[EntityKind, int]]:
    """``kinds`` with each edited article's votes as its new analysis gives them."""
    updated = dict(kinds)
    for change in changes:
        for sign, analysis in ((-1, change.old), (1, change.new)):
            for name, kind in (analysis[2] if analysis else {}).items():
                counted = Counter(updated.get(name, {}))
                counted[kind] += sign
                left = {k: n for k, n in counted.items() if n > 0}
                if left:
                    updated[name] = left
                else:
                    updated.pop(name, None)
    return updated
