"""The last build's site with a few articles' new analyses put in, when that is all an edit
changes.

A full build merges and orders the events of every article, and in a large archive prunes
the names only one article gives (``load_site``). After an edit to one article, nearly
all of that gives what it gave before. ``updated_site`` takes the last build's site and
puts the edited articles' new events, names and front matter in its place, or says None
when the result could differ from a full build's (the caller then makes one). An article
added or deleted is such a change too, from or to nothing.

What is made again, as a full build makes it:

- the edited articles' entries, and the entries of every date whose merges the edit may
  change (``_dates_merged_again``: a date where an edited article's entry was merged
  with another article's, or where a new one is near-identical to another article's):
  ``merge_duplicates`` again, on those entries as their articles' analyses gave them (a
  reprint, or a reprint edited away, stays a local update);
- in a large archive, the count of the articles that give each name (``counted_names``),
  for the entries made again; the entries of other articles that give a name which gains
  or loses its page then lose it, or get it back from their analyses.

The edit stays local when, besides:

- each edited article's slug and its warnings are the same (an added or deleted one has
  no warnings, and an added one a slug no other article has);
- ``events.yaml`` names none of the entries made again;
- each entry made again, made as the last build made it, is the last build's (else, the
  analyses are not what that build merged: a full build is due);
- the archive stays on the same side of ``LARGE_ARCHIVE_EVENTS``.

The order of the articles (by date) is then made again, as a full build makes it; the
list of names is the last site's with the counts and kinds the edit changed (made again
when a name comes or goes, whose slug may change others'); the new events are put in
their places among the others, which keep their order (the one ``chronological`` gives
them all).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..models import Article, Event, Site
from ..timeline import with_events_in_order
from .entities import (
    EntityKind,
    Gazetteer,
    counted_names,
    entry_sources,
    recurs,
    site_entities,
    updated_entities,
    with_recurring_names,
)
from .merge import (
    compared,
    merge_duplicates,
    merged_dates,
    similar_words,
    with_reports,
    words_once,
)


@dataclass(frozen=True, slots=True)
class Tallies:
    """What a build counted over every article, beyond what its site shows."""

    # For each name: the articles whose entries give it, before names were pruned, and
    # in how many entries (``counted_names``). Empty when nothing was pruned.
    named_by: dict[str, dict[str, int]]
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

    @property
    def analyses(self) -> list[Analysis]:
        """Its analyses, before and after (those there are)."""
        return [analysis for analysis in (self.old, self.new) if analysis is not None]


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
    old_events = [event for change in changes for event in change.events[0]]
    new_events = [event for change in changes for event in _one_by_id(change.events[1])]
    if _named_in_edits([*old_events, *new_events], edited_ids):
        return None
    articles_before = {article.slug: article for article in site.articles}
    by_slug = dict(articles_before)
    for change in changes:
        if change.new is None:
            del by_slug[change.slug]
        else:
            by_slug[change.slug] = change.new[0]
    raw = _RawEvents(changes, analysed)
    # The entries made again: the edited articles', and those of every date whose
    # merges the edit may change, merged again from their analyses as a full build does.
    fresh = [event for change in changes for event in _made_anew(change)]
    dates = _dates_merged_again(site.events, new_events, fresh, slugs)
    regrouped = [
        event
        for event in site.events
        if event.article in slugs
        # (merged_dates, without the call; an entry merged with an edited article's has
        # one of these dates)
        or (dates and (event.start, event.end, event.before) in dates and compared(event))
    ]
    before = raw.members(regrouped, slugs, edited_ids)
    if before is None:
        return None
    merged_before = merge_duplicates(before, articles_before)
    after = [*(event for event in before if event.article not in slugs), *new_events]
    merged_after = merge_duplicates(after, by_slug)
    if (len(site.events) - len(regrouped) + len(merged_after) >= large) != tallies.pruned:
        return None
    named_by: dict[str, dict[str, int]] = {}
    renamed: list[Event] = []
    if tallies.pruned:
        named_by = counted_names(merged_before, tallies.named_by, -1)
        named_by = counted_names(merged_after, named_by)
        names = {
            name
            for event in (*merged_before, *merged_after)
            for name in event.entities
            if recurs(name, tallies.named_by, gazetteer) != recurs(name, named_by, gazetteer)
        }
        sources = set().union(
            *(tallies.named_by.get(n, {}).keys() | named_by.get(n, {}).keys() for n in names)
        )
        done = {event.id for event in regrouped}
        renamed = [
            event
            for event in (site.events if sources else ())
            if (
                event.article in sources
                or (event.also_reported and not sources.isdisjoint(entry_sources(event)))
            )
            and event.id not in done
        ]
        remerged = raw.remerged(renamed, edited_ids)
        if remerged is None:
            return None
        merged_before += remerged
        merged_after += remerged
    pruned_before = _with_names(merged_before, tallies.named_by, gazetteer, tallies.pruned)
    if pruned_before != {event.id: event for event in (*regrouped, *renamed)}:
        return None  # not what the last build made of them: a full build is due
    made = list(_with_names(merged_after, named_by, gazetteer, tallies.pruned).values())
    gone = {event.id for event in (*regrouped, *renamed)}
    kept = [event for event in site.events if event.id not in gone]
    articles = tuple(sorted(by_slug.values(), key=lambda a: (a.date, a.slug)))
    # The kept events are in order already: their articles' dates are as they were.
    events = with_events_in_order(kept, made, by_slug)
    kinds = _kinds(tallies.kinds, changes)
    revoted = {name for change in changes for _, _, votes in change.analyses for name in votes}
    entities = updated_entities(site.entities, (*regrouped, *renamed), made, kinds, revoted)
    updated = dataclasses.replace(
        site,
        articles=articles,
        events=tuple(events),
        entities=entities if entities is not None else site_entities(events, kinds),
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


def _dates_merged_again(
    everything: Sequence[Event], new: Sequence[Event], fresh: Sequence[Event], slugs: set[str]
) -> set[tuple[str | None, ...]]:
    """The dates whose entries may merge otherwise after the edit: those of the edited
    articles' entries that were merged with another article's, and those of their
    ``fresh`` events (``_made_anew``) that ``merge_duplicates`` would compare with another
    article's and find near-identical. At any other date, an edited article's event,
    before or after, was or would be merged with none, and merges no other two: the
    others stay as they are.
    """
    dates: set[tuple[str | None, ...]] = set()
    # (Loops over every event of the site: most are reported once, and have no date of
    # the new events'; those are passed over without a call or a tuple made for them.)
    for event in everything:
        if event.also_reported and (
            event.article in slugs or any(other.article in slugs for other in event.also_reported)
        ):
            dates.add(merged_dates(event))
    words_of = words_once()
    new_dates = {merged_dates(event) for event in fresh if compared(event)}
    told: dict[tuple[str | None, ...], list[Event]] = {}
    starts = {start for start, _, _ in new_dates}
    for event in everything if new_dates else ():
        # (most events start on no new date: passed over without a tuple made for them)
        for one in (event, *event.also_reported) if event.also_reported else (event,):
            if one.start in starts:
                key = (one.start, one.end, one.before)  # (merged_dates, without the call)
                if key in new_dates and one.article not in slugs and compared(one):
                    told.setdefault(key, []).append(one)
    for event in fresh:
        if not compared(event) or merged_dates(event) in dates:
            continue
        for other in [*told.get(merged_dates(event), ()), *new]:
            if (
                other.article != event.article
                and merged_dates(other) == merged_dates(event)
                and compared(other)
                and similar_words(words_of(event.text), words_of(other.text))
            ):
                dates.add(merged_dates(event))
                break
    return dates


def _made_anew(change: Change) -> list[Event]:
    """The change's new events, but for those it had before, field for field, in an
    article published on the same date. (Such an event has the same place among its
    date's entries as before, and meets the same others there: merged with none before,
    as ``_dates_merged_again`` makes sure, it is merged with none again.)"""
    old, new = change.events
    if change.old is None or change.new is None or change.old[0].date != change.new[0].date:
        return _one_by_id(new)
    before = set(old)
    return [event for event in _one_by_id(new) if event not in before]


class _RawEvents:
    """Events as their articles' analyses gave them: the edited articles' before the
    edit (``changes``), the others' from ``analysed`` (each article's looked up once)."""

    def __init__(
        self,
        changes: Sequence[Change],
        analysed: Callable[[str], Sequence[Event] | None] | None,
    ) -> None:
        self.analysed = analysed
        self.known: dict[str, dict[str, tuple[int, Event]] | None] = {
            change.slug: _positions(change.events[0]) for change in changes
        }

    def get(self, slug: str, event_id: str) -> tuple[int, Event] | None:
        """The event with this id in the analysis of the article ``slug``, and its place
        there; None if unknown."""
        if slug not in self.known:
            events = self.analysed(slug) if self.analysed is not None else None
            self.known[slug] = _positions(events) if events is not None else None
        table = self.known[slug]
        return table.get(event_id) if table is not None else None

    def members(
        self, regrouped: Sequence[Event], slugs: set[str], edited_ids: Collection[str]
    ) -> list[Event] | None:
        """The events that the site's ``regrouped`` entries were merged from, as their
        analyses gave them, in each article's order; None if one is unknown or edited,
        or if an edited article's event is not among them."""
        members = [one for event in regrouped for one in (event, *event.also_reported)]
        if _named_in_edits(members, edited_ids):
            return None
        found: list[tuple[str, int, Event]] = []
        for member in members:
            place = self.get(member.article, member.id)
            if place is None:
                return None
            found.append((member.article, place[0], place[1]))
        edited = {event_id for slug in slugs for event_id in self.known[slug] or {}}
        if {event.id for slug, _, event in found if slug in slugs} != edited:
            return None
        # Merges depend on the order within an article only (see merge_duplicates).
        found.sort(key=lambda item: item[:2])
        return [event for _, _, event in found]

    def remerged(self, events: Sequence[Event], edited_ids: Collection[str]) -> list[Event] | None:
        """The site's ``events`` (outside any date merged again) as ``merge_duplicates``
        made them, before names were pruned; None if one is unknown or edited."""
        made: list[Event] = []
        for event in events:
            if _named_in_edits((event, *event.also_reported), edited_ids):
                return None
            place = self.get(event.article, event.id)
            if place is None:
                return None
            raw = place[1]
            made.append(with_reports(raw, event.also_reported) if event.also_reported else raw)
        return made


def _positions(events: Sequence[Event]) -> dict[str, tuple[int, Event]]:
    """Each event by its id, with its place among ``_one_by_id(events)``."""
    return {event.id: (index, event) for index, event in enumerate(_one_by_id(events))}


def _one_by_id(events: Iterable[Event]) -> list[Event]:
    """One event for each id, as a full build keeps them (``apply_edits``): a sentence that
    an article repeats gives its events twice, with the same ids; the last of them is
    kept, in the place of the first."""
    return list({event.id: event for event in events}.values())


def _with_names(
    events: Iterable[Event],
    named_by: Mapping[str, Mapping[str, int]],
    gazetteer: Gazetteer,
    pruned: bool,
) -> dict[str, Event]:
    """``events`` by id, with only the names that recur when names are ``pruned``."""
    if not pruned:
        return {event.id: event for event in events}
    return {event.id: with_recurring_names(event, named_by, gazetteer) for event in events}


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
