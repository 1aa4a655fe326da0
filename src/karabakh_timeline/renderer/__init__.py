"""Stage 2 of the pipeline: turn a ``Site`` into pages (Jinja2, autoescaped).

- ``labels``: dates in words at their own precision (the ``date_label`` filter)
- ``markup``: article paragraphs with ``<time>`` around every recognised date
- ``layout``: which entry goes on which timeline page, under which headings
- ``overview``: the SVG overview axis at the top of the timeline
- ``structured``: JSON-LD for entries and articles
- ``exports``: ``events.json``, ``timelinejs.json``, the Atom feed, sitemap, robots.txt
Templates come from the user's folder first, then the bundled ``templates/``.

Every link between pages is relative (``root`` is the way back to the site root from
the page being rendered), so the same output works at a domain's root, under a
sub-path such as ``/repo/``, and opened from disk. Only ``404.html``, which a server
shows at any depth, uses ``base_url`` when there is one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import itertools
import operator
import shutil
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from ..errors import BuildError, Problem
from ..fingerprint import bundled_templates, code_fingerprint, file_digest, files_under
from ..models import Article, Event, Mention, Page, Site, article_path, pickled_digest
from ..timeline import YearGroup, chronological, event_span, group_by_year
from .exports import (
    ExportMemory,
    atom_feed,
    event_line,
    events_json,
    latest_events,
    robots_txt,
    sitemap_xml,
    timelinejs_json,
    timelinejs_line,
)
from .labels import event_label, value_label
from .layout import (
    TIMELINE_PAGE,
    TimelinePage,
    YearLink,
    YearSection,
    entity_slugs,
    month_key,
    paginate,
    sections,
    year_links,
)
from .markup import html_datetime, paragraph_html
from .overview import overview_svg
from .structured import article_ld, entity_ld, events_graph

__all__ = ["FactsTable", "PageLinks", "Renderer", "TimelinePage", "YearSection", "render_site"]

KIND_LABELS = {
    "person": "People",
    "place": "Places",
    "organisation": "Organisations",
    "other": "Other names",
}
KIND_SINGULAR = {"person": "Person", "place": "Place", "organisation": "Organisation"}
_ID = operator.attrgetter("id")  # (an event's id, for ids of thousands of events at C speed)
PAGE_LIMIT = 200  # at most this many entries on one timeline page
# A page showing this many pieces (entries, rows of a list) or more has them kept for the
# next build (see Renderer.cached_entries): fewer render in a few milliseconds, about what
# their file costs a full build to write (on the benchmark, 155 files and 80 to 120 ms of
# its processes' time; from 32, 222 files and 150 ms). The index's recent entries are
# among them: it is drawn again at each new entry.
PIECES_KEPT_FROM = 50
RECENT = 50  # entries on the index of a timeline split into pages


class PageLinks:
    """Where things are, relative to the site root."""

    def __init__(
        self,
        event_pages: Mapping[str, str] | None = None,
        entity_pages: Mapping[str, str] | None = None,
    ) -> None:
        self.event_pages = dict(event_pages or {})
        self.entity_slugs = dict(entity_pages or {})

    @staticmethod
    def article(slug: str) -> str:
        return article_path(slug)

    def event(self, event: Event) -> str:
        """The page and anchor where the entry is on the timeline."""
        return f"{self.event_pages.get(event.id, TIMELINE_PAGE)}#{event.id}"

    @staticmethod
    def source(event: Event) -> str | None:
        """The paragraph the entry comes from; for an entry added by hand, its own source
        address (absolute, or None)."""
        if not event.article:
            url = event.source_url or ""
            return url if url.startswith(("http://", "https://")) else None
        return f"{article_path(event.article)}#p{event.paragraph}"

    @staticmethod
    def is_external(target: str) -> bool:
        return target.startswith(("http://", "https://"))

    def entity(self, name: str) -> str:
        return f"entities/{self.entity_slugs[name]}.html"


@jinja2.pass_context
def _url(context: jinja2.runtime.Context, target: str) -> str:
    """A link from the page being rendered to ``target`` (relative to the site root)."""
    return _relative(target, context.get("page_path", ""), context.get("root", ""))


def _templates_dirs(templates_dir: Path | None) -> list[Path]:
    """Where templates are looked up: the user's folder first, then the bundled one."""
    return [folder for folder in (templates_dir, bundled_templates()) if folder is not None]


def template_environment(
    templates_dir: Path | None, compiled: bool = True, cache_dir: Path | None = None
) -> jinja2.Environment:
    """The Jinja2 environment of a build, its templates ``compiled`` now (a build makes
    it while the articles are analysed; the processes that render pages, forked later,
    then share the compiled templates instead of compiling them each). ``cache_dir``
    keeps them compiled between builds (see ``compiled_templates``)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(d) for d in _templates_dirs(templates_dir)]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build's templates do not change under it
        bytecode_cache=compiled_templates(cache_dir) if cache_dir is not None else None,
    )
    env.filters["date_label"] = event_label
    env.filters["value_label"] = value_label
    env.filters["html_datetime"] = html_datetime
    env.globals["url"] = _url
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "separators": (",", ":")}
    env.globals["span_of"] = event_span
    env.globals["entry_text"] = entry_text
    if compiled:
        for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
            with contextlib.suppress(jinja2.TemplateError):
                env.get_template(name)  # (a broken template is reported when rendered)
    return env


def compiled_templates(cache_dir: Path) -> jinja2.BytecodeCache | None:
    """Jinja2's cache of compiled templates, in ``cache_dir``: a rebuild after one edit
    would otherwise spend 0.05 s compiling them again (None if the folder cannot be made).

    Jinja knows a template again by its name, file and source; the folder is named by
    this code's fingerprint, which includes Jinja's version and the environment's
    settings, and the folders of other code are removed."""
    folder = cache_dir / "templates"
    current = folder / code_fingerprint()
    try:
        if folder.is_dir():
            for other in folder.iterdir():
                if other != current:
                    shutil.rmtree(other, ignore_errors=True)
        current.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return _KeptIfPossible(str(current))


class _KeptIfPossible(jinja2.FileSystemBytecodeCache):
    """A cache that cannot be written to (a full disk, a read-only folder) is no error:
    the templates are compiled again next time."""

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().dump_bytecode(bucket)


class Renderer:
    """Renders pages from one Jinja2 environment, compiled once per build."""

    page_limit = PAGE_LIMIT
    recent = RECENT
    pieces_kept_from = PIECES_KEPT_FROM
    # Past this share of the table's entries, the changes made to the facts of the last
    # build's table are saved with it, whole (see keeps_facts_changes).
    facts_changes_share = 1 / 8

    def __init__(
        self,
        site: Site,
        templates_dir: Path | None = None,
        previous_keys: Mapping[str, str] | None = None,
        environment: jinja2.Environment | None = None,
        exports: ExportMemory | None = None,
        bodies: Callable[[Article], Article] | None = None,
        last_pieces: PieceMemory | None = None,
    ) -> None:
        """``environment``: ``template_environment(templates_dir)``, made beforehand;
        ``exports``: the last build's lines of the exports (see ``_export``); ``bodies``:
        for a site whose articles come without their bodies (``loader.Heads``), gives an
        article with its body, for the article pages that are rendered again;
        ``last_pieces``: the entries and rows of the last build's pages (see
        ``cached_entries`` and ``cached_rows``)."""
        self.site = site
        self.bodies = bodies
        # Pages whose key matches the previous build's are not rendered again. Only with
        # the bundled templates, whose use of the data is known (see _page_key).
        self.previous_keys: Mapping[str, str] = {}
        self.exports = exports
        self._facts: dict[str, str] = {}
        self._all_facts: str | None = None  # see _every_event_facts
        self._ordered_facts: list[str] | None = None  # see _facts_in_order
        self._plan_parts: list[list[Callable[[], Page]]] | None = None  # see plan_parts
        self._overviews: dict[str, EntityOverview] = {}  # see _entity_overview
        # The last build's facts and page inputs, and the events whose facts it gave
        # (see reuse_facts and _keyed_by_events).
        self._table: FactsTable | None = None
        self._taken: set[str] = set()
        # The inputs of the pages keyed by their events that differ from the table's (see
        # facts_changes).
        self._inputs_changed: dict[str, tuple[object, tuple[str, ...]]] = {}
        self._facts_change: FactsChanges | bool | None = None  # see prepare_facts_changes
        self.templates_dirs = _templates_dirs(templates_dir)
        # Only the bundled templates' use of the data is known: then alone are pages kept
        # by their keys (see _page_key), and entries and rows by their facts.
        self.bundled = self.templates_dirs[0] == bundled_templates()
        if previous_keys:
            self.use_previous_keys(previous_keys)
        self.env = environment or template_environment(templates_dir, compiled=False)
        self.env.globals["entry_view"] = self.entry_view
        self.env.globals["cached_entries"] = self.cached_entries
        self.env.globals["cached_entry"] = self.cached_entry
        self.env.globals["cached_rows"] = self.cached_rows
        self._entries: dict[tuple[str, int, str], Markup] = {}
        # The pieces the last build's pages showed, with the facts they were made from
        # (only with the bundled templates, which global_key sums up), and those each
        # page being rendered shows, by its path (see cached_entries).
        self.last_pieces = last_pieces if self.bundled else None
        self._last_shown: dict[str, Mapping[Hashable, tuple[str, str]]] = {}
        self._shown: dict[str, dict[Hashable, tuple[Event | None, Markup]]] = {}
        self.articles = {article.slug: article for article in site.articles}
        # (lists made as needed, not one for each event that setdefault would throw away)
        by_article: defaultdict[str, list[Event]] = defaultdict(list)
        by_entity: defaultdict[str, list[Event]] = defaultdict(list)
        for event in site.events:
            by_article[event.article].append(event)
            if event.entities:  # (most entries name no one)
                for name in dict.fromkeys(event.entities):
                    by_entity[name].append(event)
        self.events_by_article: dict[str, list[Event]] = dict(by_article)
        self.events_by_entity: dict[str, list[Event]] = dict(by_entity)
        # The year headings of the whole timeline: the index shows them too.
        # Every event's span, worked out once: its heading, its page and the overview ask.
        self._spans = spans = list(map(event_span, site.events))
        self.year_groups = group_by_year(site.events, spans)
        self.timeline_pages = paginate(
            site.events, self.page_limit, groups=self.year_groups, spans=spans
        )
        # What the index's list of pages shows of each (with its count of entries), and
        # what every timeline page's list shows (without: see _timeline_page).
        self.navigation = [_page_summary(page) for page in self.timeline_pages]
        self.year_links = year_links(self.timeline_pages)
        self.years_shown = [(year.title, year.path) for year in self.year_links]
        self.year_of_page: dict[str, YearLink] = {
            page.path: year for year in self.year_links for page in year.pages
        }
        event_pages = {event.id: page.path for page in self.timeline_pages for event in page.events}
        slugs = {entity.name: entity.slug for entity in site.entities}
        missing = [name for name in self.events_by_entity if name not in slugs]
        taken = set(slugs.values())
        for name, slug in entity_slugs(missing).items():
            while slug in taken:
                slug += "-2"
            taken.add(slug)
            slugs[name] = slug
        self.entity_kinds = {entity.name: entity.kind for entity in site.entities}
        self.links = PageLinks(event_pages, slugs)
        self.env.globals["group_entities"] = self.group_entities
        self.env.globals["entity_kind"] = lambda name: KIND_SINGULAR.get(
            self.entity_kinds.get(name, "other"), ""
        )
        base = site.config.base_url
        self.absolute_base = base if base.startswith(("http://", "https://")) else ""
        self.global_key = pickled_digest(
            (
                code_fingerprint(),
                _folder_digest(bundled_templates()),
                site.config,
                bool(self.events_by_entity),
            )
        )

    def use_previous_keys(self, keys: Mapping[str, str]) -> None:
        """The previous build's page keys (see ``_keyed``), by path, when they come after
        the renderer was made (before any page is). Only with the bundled templates,
        whose use of the data is known (see ``_page_key``)."""
        self.previous_keys = dict(keys) if self.bundled else {}

    @jinja2.pass_context
    def cached_entries(
        self,
        context: jinja2.runtime.Context,
        macro: jinja2.runtime.Macro,
        events: Iterable[Event],
        level: int,
        indent: str = "",
    ) -> Markup:
        """The entries of ``events`` (by ``macro``, at heading ``level``), each begun with
        ``indent``, one to a line; each rendered once for every page that shows it the
        same way.

        An entry appears on its timeline page and on the page of each person and place
        it names; only its heading level and the way back to the root change its HTML
        (its permalink is the full link even on its own page, for that reason). One call
        for a whole list: a template's loop would make several for each entry.
        """
        root, here = context.get("root", ""), context.get("page_path", "")
        entries = self._entries
        shown = self._shown.get(here)
        parts = []
        for event in events:
            key = (event.id, level, root)
            html = entries.get(key)
            if html is None:
                html = entries[key] = self._last_piece(here, key, event) or Markup(
                    macro(event, level)
                )
            if shown is not None:
                shown[key] = (event, html)
            parts.append(html)
        return Markup(indent + f"\n{indent}".join(parts)) if parts else Markup()

    @jinja2.pass_context
    def cached_rows(
        self,
        context: jinja2.runtime.Context,
        macro: jinja2.runtime.Macro,
        rows: Iterable[tuple[object, ...]],
        indent: str = "",
    ) -> Markup:
        """The rows of a list (``macro`` of each), each begun with ``indent``, one to a
        line. A row is all its HTML shows (its values, as a tuple): those the last build's
        page showed are taken from it, so that a list of thousands of articles, drawn
        again for one count that changed, renders that row only."""
        here = context.get("page_path", "")
        shown = self._shown.get(here)
        parts = []
        for row in rows:
            key = tuple(row)  # (a named tuple is equal to it, and is pickled as its class)
            html = self._last_piece(here, key, None) or Markup(macro(row))
            if shown is not None:
                shown[key] = (None, html)
            parts.append(html)
        return Markup(indent + f"\n{indent}".join(parts)) if parts else Markup()

    def _last_piece(self, here: str, key: Hashable, event: Event | None) -> Markup | None:
        """The piece the last build's page ``here`` showed at ``key``, if it was made from
        the facts it has now: for an entry, those of its ``event`` (its HTML follows from
        them, and from its heading level and the way back to the root, in ``key``); for a
        row, its key. A page of a few hundred entries, drawn again for one of them, then
        renders that one only."""
        if self.last_pieces is None:
            return None
        last = self._last_shown.get(here)
        if last is None:
            last = self._last_shown[here] = self.last_pieces.last(here, self.global_key)
        kept = last.get(key)
        # (a file anyone can change: a piece is a pair of strings, or none is taken)
        if not (isinstance(kept, tuple) and len(kept) == 2 and isinstance(kept[1], str)):
            return None
        if kept[0] != (self._event_facts(event) if event else ""):
            return None
        return Markup(kept[1])

    def _remember_pieces(self, path: str) -> None:
        """Give ``last_pieces`` the pieces the page at ``path`` showed, for the next
        build, when they are enough to be worth a file."""
        shown = self._shown.pop(path, None)
        self._last_shown.pop(path, None)
        if shown is None or self.last_pieces is None or len(shown) < self.pieces_kept_from:
            return
        facts = self._event_facts
        made = {
            key: (facts(event) if event else "", str(html)) for key, (event, html) in shown.items()
        }
        self.last_pieces.remember(path, self.global_key, made)

    @jinja2.pass_context
    def cached_entry(
        self, context: jinja2.runtime.Context, macro: jinja2.runtime.Macro, event: Event, level: int
    ) -> Markup:
        """One entry of ``cached_entries`` (templates copied from an earlier version call
        it for each entry)."""
        return self.cached_entries(context, macro, [event], level)

    @jinja2.pass_context
    def entry_view(self, context: jinja2.runtime.Context, event: Event) -> EntryView:
        """What a timeline entry shows of ``event``, worked out in one call (an entry's
        template would otherwise make a dozen, a tenth of a large build's rendering)."""
        here, root = context.get("page_path", ""), context.get("root", "")
        span = event_span(event)
        source = self.links.source(event)
        article = self.articles.get(event.article)
        return EntryView(
            label=event_label(event),
            span=(span.first.isoformat(), span.last.isoformat()) if span else None,
            datetime=(
                html_datetime(event.start)
                if event.start and not event.end and event.status != "ordered"
                else None
            ),
            text=entry_text(event),
            entities=[
                (name, _relative(self.links.entity(name), here, root)) for name in event.entities
            ],
            article=article,
            published=article.date.isoformat() if article else "",
            source=_relative(source, here, root) if source and article else source,
            also=[
                (other, self.articles.get(other.article), _relative(link, here, root))
                for other in event.also_reported
                for link in [self.links.source(other) or ""]
            ],
            permalink=root + self.links.event(event),
        )

    def render_entries(self, shard: int = 0, shards: int = 1) -> dict[tuple[str, int, str], str]:
        """Every ``shards``-th entry from ``shard`` on, as the timeline and entity pages show
        it: rendered once before those pages are shared out among processes, so that two
        processes do not both render an entry their pages share (see ``adopt_entries``).

        Only for a clean build with the bundled templates, whose entries are known to come
        from ``cached_entries`` (a rebuild renders few pages, so few entries, on demand).
        """
        if not self.bundled or self.previous_keys:
            return {}
        if self._single_page():
            return {}
        macro = (
            self.env.get_template("_macros.html")
            .make_module(self._context(root="../", page_path=""))
            .entry
        )
        entries: dict[tuple[str, int, str], str] = {}
        for event in self.site.events[shard::shards]:
            # Under a month heading an entry's heading is h4, under a year heading h3
            # (ui.timeline(years) at level 2, as timeline.html and entity.html call it).
            level = 4 if month_key(event) is not None else 3
            entries[(event.id, level, "../")] = str(macro(event, level))
        return entries

    def adopt_entries(self, parts: list[object]) -> None:
        """Take entries rendered by ``render_entries`` (in any process) into the cache."""
        for part in parts:
            for key, html in part.items():  # type: ignore[attr-defined]
                self._entries[key] = Markup(html)

    def prepare(self, shard: int = 0, shards: int = 1) -> tuple[dict, dict[str, str]]:
        """A share of the work that every process's share of the pages would otherwise
        repeat: entries (``render_entries``) and the facts of events (which the keys of
        the index, the exports and many pages sum up). See ``adopt``. The facts known
        already (taken from the last build's, see ``reuse_facts``) are not given again."""
        known = self._facts
        facts = {
            event.id: self._event_facts(event)
            for event in self.site.events[shard::shards]
            if event.id not in known
        }
        return self.render_entries(shard, shards), facts

    def adopt(self, parts: list[object]) -> None:
        """Take the results of ``prepare`` (in any process)."""
        shares: list[tuple[dict, dict[str, str]]] = parts  # type: ignore[assignment]
        self.adopt_entries([entries for entries, _ in shares])
        for _, facts in shares:
            self._facts.update(facts)

    def facts_table(self) -> FactsTable | None:
        """The facts of every event of the site and what they were made from, for the
        next build (see ``reuse_facts``); None until all of them are worked out."""
        facts = self._facts
        if len(facts) == len(self.site.events):
            # (facts are worked out for the site's events only: as many, they are all of
            # them, in another order, which a table looked up by id does not mind)
            by_event = dict(facts)
        else:
            try:
                by_event = {event.id: facts[event.id] for event in self.site.events}
            except KeyError:
                return None
        return FactsTable(
            by_event,
            dict(self.links.event_pages),
            self._name_facts,
            self._article_facts,
            self.global_key,
            self._page_inputs(),
        )

    def changed_inputs(self) -> dict[str, tuple[object, tuple[str, ...]]]:
        """The inputs of the pages this process went through (see ``pages``) that differ
        from those of the table the facts were taken from: for ``facts_changes``, in the
        process that makes them."""
        return self._inputs_changed

    def keeps_facts_changes(self) -> bool:
        """Whether this build's facts are best saved as their changes to the table they
        were taken from (``facts_changes``): there is one, and the changes already made
        to it since it was saved whole are few (each build reads them all again)."""
        table = self._table
        if table is None:
            return False
        return sum(map(len, table.changes)) <= len(table.facts) * self.facts_changes_share

    def facts_changes(
        self, inputs: Iterable[Mapping[str, tuple[object, tuple[str, ...]]]]
    ) -> tuple[FactsChanges, ...] | None:
        """What ``facts_table`` would give, as the changes since the table the facts were
        taken from was saved whole: that table's, and this build's (with the changed page
        inputs of every process that went through the pages); None as ``facts_table``.

        Saving them takes a few milliseconds where the whole table takes fifty: an edit
        changes the facts of a few events and the inputs of a few pages.
        """
        change = self.prepare_facts_changes()
        if change is None or self._table is None:
            return None
        changed_inputs: dict[str, tuple[object, tuple[str, ...]]] = {}
        for share in inputs:
            changed_inputs.update(share)
        return (*self._table.changes, dataclasses.replace(change, inputs=changed_inputs))

    def prepare_facts_changes(self) -> FactsChanges | None:
        """This build's ``facts_changes`` but the page inputs, worked out once (before the
        pages are all written, by a process that has the time)."""
        if self._facts_change is None:
            self._facts_change = self._made_facts_change()
        return self._facts_change or None

    def _made_facts_change(self) -> FactsChanges | bool:
        table = self._table
        facts = self._facts
        if table is None or len(facts) != len(self.site.events):
            return False
        pages, names, articles = self.links.event_pages, self._name_facts, self._article_facts
        taken = self._taken
        # (the inputs of pages gone are left: no page asks for them, and the next whole
        # table leaves them out)
        return FactsChanges(
            facts={event_id: made for event_id, made in facts.items() if event_id not in taken},
            pages={
                event_id: page
                for event_id, page in pages.items()
                if table.pages.get(event_id) != page
            },
            names={name: fact for name, fact in names.items() if table.names.get(name) != fact},
            articles={
                slug: fact for slug, fact in articles.items() if table.articles.get(slug) != fact
            },
            inputs={},
            gone_events=tuple(table.facts.keys() - facts.keys()),
            gone_names=tuple(table.names.keys() - names.keys()),
            gone_articles=tuple(table.articles.keys() - articles.keys()),
        )

    def reuse_facts(self, table: FactsTable, previous: Site) -> int:
        """Take from ``table`` (made by the renderer of ``previous``) the facts of the events
        that ``previous`` has as they are, when nothing else their facts are made of
        changed: the page their entry is on, their articles, their names' pages and
        kinds. Returns how many were taken.

        As they are: the very objects (a site updated after an edit, ``loader.update``,
        keeps the last build's events that it did not change, and a frozen event is what
        it was), or else equal ones (a site made again from the articles' heads): a
        comparison of fields costs a fifth of the facts it spares.
        """
        was = {event.id: event for event in previous.events}
        pages, known = self.links.event_pages, table.facts
        # (the events whose entry is on another page: the others' are looked up alone)
        was_on = table.pages.get
        moved = {event_id for event_id, page in pages.items() if was_on(event_id) != page}
        names = {name for name, now in self._name_facts.items() if table.names.get(name) != now}
        articles = self._article_facts
        changed = {
            slug
            for slug in articles.keys() | table.articles.keys()
            if articles.get(slug) != table.articles.get(slug)
        }
        taken = {
            event.id: facts
            for event in self.site.events
            if (facts := known.get(event.id)) is not None
            and ((old := was.get(event.id)) is event or old == event)
            and event.id not in moved
            and event.article not in changed
            and not (event.entities and not names.isdisjoint(event.entities))
            # (most events are reported once: no generator made for them)
            and not (event.also_reported and any(o.article in changed for o in event.also_reported))
        }
        self._facts.update(taken)
        self._taken.update(taken)
        if table.global_key == self.global_key:
            self._table = table
        return len(taken)

    @functools.cached_property
    def _name_facts(self) -> dict[str, tuple[str, str | None]]:
        """``_name_fact`` of every name (worked out once: ``reuse_facts`` compares them
        with the last build's, and ``facts_table`` keeps them for the next)."""
        return {name: self._name_fact(name) for name in self.events_by_entity}

    def _name_fact(self, name: str) -> tuple[str, str | None]:
        """What an entry's facts take of a name it gives: its page and its kind."""
        return self.links.entity(name), self.entity_kinds.get(name)

    @functools.cached_property
    def _article_facts(self) -> dict[str, tuple[object, ...]]:
        """What an entry's facts take of each article (``_article_summary``), worked out
        once, as ``_name_facts``."""
        return {slug: _article_summary(article) for slug, article in self.articles.items()}

    def _page_inputs(self) -> dict[str, tuple[object, tuple[str, ...]]]:
        """For each page keyed by ``_keyed_by_events``: its own parts and its events' ids."""
        inputs: dict[str, tuple[object, tuple[str, ...]]] = {}
        if not self._single_page():
            for number in range(len(self.timeline_pages)):
                path, own, events = self._timeline_inputs(number)
                inputs[path] = (own, tuple(map(_ID, events)))
        for article in self.site.articles:
            if article.digest:
                path, own, events = self._article_inputs(article)
                inputs[path] = (own, tuple(map(_ID, events)))
        for name, events in self.events_by_entity.items():
            ids = tuple(map(_ID, events))
            for number, path in enumerate(self._entity_paths(name), start=1):
                inputs[path] = (self._entity_inputs(name, number)[1], ids)
        return inputs

    def _timeline_inputs(self, number: int) -> tuple[str, object, Sequence[Event]]:
        """A timeline page's path, own parts and events (see ``_keyed_by_events``): its
        entries' filter of names and its structured data come from their facts; its list
        of years names them without their counts, which the index gives, and opens its
        own year's months only: an entry added to one page, or a month's new page, then
        changes that page (and the pages of its year, and the two next to it), not all."""
        page = self.timeline_pages[number]
        neighbours = [
            (other.path, other.title)
            for other in self.timeline_pages[max(number - 1, 0) : number + 2]
            if other is not page
        ]
        months = [(other.path, other.title) for other in self.year_of_page[page.path].pages]
        own = (_page_summary(page), self.years_shown, months, neighbours)
        return page.path, own, page.events

    def _article_inputs(self, article: Article) -> tuple[str, object, Sequence[Event]]:
        """An article page's path, own parts and events: its body is summed up by the
        key of its analysis (``Article.digest``; the article itself when unknown)."""
        events = self.events_by_article.get(article.slug, [])
        return PageLinks.article(article.slug), article.digest or article, events

    def _entity_inputs(self, name: str, number: int) -> tuple[str, object, Sequence[Event]]:
        """Part ``number`` of a name's page: its path, own parts and events. All of the
        name's events, not the part's only: the part shows their number, the names they
        share with it and the spans of the other parts."""
        path = self._entity_paths(name)[number - 1]
        return path, (name, number, self.page_limit), self.events_by_entity[name]

    def _entity_paths(self, name: str) -> list[str]:
        """The paths of the parts of a name's page (past ``page_limit`` entries)."""
        first = self.links.entity(name)
        parts = -(-len(self.events_by_entity[name]) // self.page_limit)
        return [first] + [first.removesuffix(".html") + f"--p{n}.html" for n in range(2, parts + 1)]

    # -- the pages ---------------------------------------------------------------

    def pages(self, take: Callable[[int], bool] | None = None, start: int = 0) -> Iterator[Page]:
        """Every output file of the site; with ``take``, only those whose number in
        ``plan`` it takes, so that several processes can share the rendering. After the
        first part of the plan, ``start`` chooses the folder this process begins with:
        processes writing into different folders wait less for each other (a folder
        takes its new files one at a time)."""
        parts = self.plan_parts()
        offsets = [0, *itertools.accumulate(len(part) for part in parts)]
        folders = list(range(1, len(parts)))
        turn = start % len(folders) if folders else 0
        for index in [0, *folders[turn:], *folders[:turn]]:
            for position, make in enumerate(parts[index]):
                if take is None or take(offsets[index] + position):
                    yield make()

    def plan(self) -> Iterator[Callable[[], Page]]:
        """One call per output file, in a fixed order; nothing is rendered until called."""
        return itertools.chain.from_iterable(self.plan_parts())

    def plan_parts(self) -> list[list[Callable[[], Page]]]:
        """The plan in parts: first the costliest pages (the exports, the index and the
        lists, then the timeline), so that processes sharing them out finish together,
        and the site's other single pages; then the pages of each folder of many (the
        articles, people and places). Made once: a build counts the pages, then each of
        its processes goes through them."""
        if self._plan_parts is None:
            self._plan_parts = self._made_plan_parts()
        return self._plan_parts

    def _made_plan_parts(self) -> list[list[Callable[[], Page]]]:
        top: list[Callable[[], Page]] = [*self._exports(), self._index_page, self._article_list]
        if self.events_by_entity:
            top.append(self._entity_list)
        if not self._single_page():
            pages = range(len(self.timeline_pages))
            top += [functools.partial(self._timeline_page, number) for number in pages]
        top += [self._not_found_page, *self._static_files()]
        articles = [functools.partial(self.article_page, article) for article in self.site.articles]
        entities = [
            functools.partial(self._entity_page, name, number)
            for name in sorted(self.events_by_entity, key=self.links.entity_slugs.__getitem__)
            for number in range(1, -(-len(self.events_by_entity[name]) // self.page_limit) + 1)
        ]
        return [top, articles, entities]

    def groups(self) -> list[YearGroup]:
        return self.year_groups

    def _single_page(self) -> bool:
        return len(self.timeline_pages) == 1 and self.timeline_pages[0].path == TIMELINE_PAGE

    def _index_page(self) -> Page:
        single = self._single_page()
        # Its overview and year list reflect every entry, so any changed entry changes it.
        key_parts = (
            self._every_event_facts(),
            self.navigation,
        )
        keyed = self._keyed(TIMELINE_PAGE, "index.html", "", key_parts)
        if keyed.reused:
            return keyed
        overview = overview_svg(
            self.site.events,
            lambda e: _relative(self.links.event(e), TIMELINE_PAGE),
            self._spans,
        )
        year_pages = [] if single else list(self.timeline_pages)
        recent = self.site.events[-self.recent :] if not single else self.site.events
        recent_years = sections(group_by_year(recent)) if not single else ()
        return self._page(
            TIMELINE_PAGE,
            "index.html",
            root="",
            key=keyed.key,
            groups=self.groups(),
            years=self.timeline_pages[0].years if single else recent_years,
            single=single,
            year_pages=year_pages,
            year_links=() if single else self.year_links,
            overview=overview,
            filter_entities=self._entities_of(self.site.events if single else recent),
            jsonld=self._events_ld(recent, ""),
            description=self.site.config.description,
        )

    def _timeline_page(self, number: int) -> Page:
        """A page of the timeline split by year (when it has more than one)."""
        year_pages = list(self.timeline_pages)
        page = self.timeline_pages[number]
        previous = self.timeline_pages[number - 1] if number else None
        following = self.timeline_pages[number + 1] if number + 1 < len(year_pages) else None
        events = page.events
        keyed = self._keyed_by_events("timeline.html", "../", *self._timeline_inputs(number))
        if keyed.reused:
            return keyed
        filter_entities = self._entities_of(events)
        return self._page(
            page.path,
            "timeline.html",
            root="../",
            key=keyed.key,
            page=page,
            years=page.years,
            previous=previous,
            following=following,
            year_pages=year_pages,
            year_links=self.year_links,
            filter_entities=filter_entities,
            jsonld=self._events_ld(events, "../"),
            description=(
                f"{len(events)} entries of {self.site.config.title}, "
                f"{page.first_label} to {page.last_label}."
            ),
        )

    def _article_list(self) -> Page:
        articles = sorted(self.site.articles, key=lambda a: (a.date, a.title), reverse=True)
        counts = {slug: len(events) for slug, events in self.events_by_article.items()}
        key_parts = [(a.slug, *_article_summary(a), counts.get(a.slug, 0)) for a in articles]
        here = "articles/index.html"
        keyed = self._keyed(here, "articles.html", "../", key_parts)
        if keyed.reused:
            return keyed
        return self._page(
            here,
            "articles.html",
            root="../",
            key=keyed.key,
            articles=articles,
            counts=counts,
            # What each row shows, worked out here rather than by url() and filters in the
            # template, a dozen calls for each of thousands of rows.
            rows=[
                ArticleRow(
                    _relative(PageLinks.article(article.slug), here, "../"),
                    article.title,
                    date,
                    value_label(date),
                    article.source,
                    counts.get(article.slug, 0),
                )
                for article in articles
                for date in [article.date.isoformat()]
            ],
            description=f"The {len(articles)} article{'' if len(articles) == 1 else 's'} "
            f"of {self.site.config.title}.",
            jsonld=None,
        )

    def article_page(self, article: Article) -> Page:
        """An article's page, with its dates marked up and linked to their entries."""
        path, own, events = self._article_inputs(article)
        keyed = self._keyed_by_events("article.html", "../", path, own, events)
        if keyed.reused:
            return keyed
        if self.bodies is not None:
            article = self.bodies(article)
        # Each entry's link from this page, for its dates in the text and in the page's
        # timeline (with its date label: worked out here rather than by url() and filters
        # in the template, calls for each of thousands of entries).
        event_links = [
            (event, _relative(self.links.event(event), path, "../"), event_label(event))
            for event in events
        ]
        links: dict[int, str] = {}
        for event, link, _ in event_links:
            for index in event.mentions:
                links.setdefault(index, link)
        by_paragraph: dict[int, list[tuple[int, Mention]]] = {}
        for index, mention in enumerate(article.mentions):
            by_paragraph.setdefault(mention.paragraph, []).append((index, mention))
        paragraphs = [
            (paragraph, paragraph_html(paragraph, by_paragraph.get(paragraph.number, []), links))
            for paragraph in article.paragraphs
        ]
        description = _truncate(
            next((p.text for p in article.paragraphs if p.text.strip()), article.title), 155
        )
        entities = self._entities_of(events)
        url = self._absolute(path) or f"{article.slug}.html"
        return self._page(
            path,
            "article.html",
            root="../",
            key=keyed.key,
            article=article,
            paragraphs=paragraphs,
            events=events,
            entities=entities,
            event_links=event_links,
            entity_links=[
                (name, _relative(self.links.entity(name), path, "../")) for name in entities
            ],
            description=description,
            og_type="article",
            jsonld=article_ld(article, url, self.site.config.title, description),
        )

    def article_preview(self, article: Article, events: list[Event]) -> Page:
        """The page of an article just edited, drawn before the rebuild that follows
        (``serve``): against this renderer's site, so its links to entries and names are
        where they were; the rebuild then moves any that changed and merges duplicates.
        """
        names = self.links.entity_slugs
        known = chronological(
            [
                dataclasses.replace(e, entities=tuple(n for n in e.entities if n in names))
                for e in events
            ],
            {**self.articles, article.slug: article},
        )
        saved = self.events_by_article.get(article.slug)
        self.events_by_article[article.slug] = known
        try:
            return self.article_page(article)
        finally:
            if saved is None:
                del self.events_by_article[article.slug]
            else:
                self.events_by_article[article.slug] = saved

    def _entity_list(self) -> Page:
        names = sorted(self.events_by_entity, key=lambda n: (n.casefold(), n))
        counts = {name: len(events) for name, events in self.events_by_entity.items()}
        # Each name under its kind, with its link and its number of entries.
        key_parts = [(name, *self._name_fact(name), counts[name]) for name in names]
        here = "entities/index.html"
        keyed = self._keyed(here, "entities.html", "../", key_parts)
        if keyed.reused:
            return keyed
        return self._page(
            here,
            "entities.html",
            root="../",
            key=keyed.key,
            names=names,
            counts=counts,
            # Each name under its kind, as its row shows it (see ArticleRow).
            name_rows=[
                (
                    label,
                    [
                        NameRow(_relative(self.links.entity(n), here, "../"), n, counts[n])
                        for n in group
                    ],
                )
                for label, group in self.group_entities(names)
            ],
            description=f"People, places and organisations in {self.site.config.title}.",
            jsonld=None,
        )

    def _entity_page(self, name: str, number: int) -> Page:
        """Part ``number`` of a person's or place's page; past PAGE_LIMIT entries, the
        entries are split into parts in time order."""
        path, own, events = self._entity_inputs(name, number)

        def shown() -> object:
            # Its own entries whole, and what it shows of all: an entry changed in another
            # part (a reprint merged into it) leaves this part as it was.
            overview = self._entity_overview(name)
            facts = [self._event_facts(event) for event in overview.chunks[number - 1]]
            return (own, facts, len(events), len(overview.articles), overview.summary)

        keyed = self._keyed_by_events("entity.html", "../", path, own, events, shown)
        if keyed.reused:
            return keyed
        overview = self._entity_overview(name)
        chunk = overview.chunks[number - 1]
        related = [other for other, _ in overview.related_targets]
        return self._page(
            path,
            "entity.html",
            root="../",
            key=keyed.key,
            name=name,
            years=sections(group_by_year(chunk)),
            events=events,
            articles=overview.articles,
            related=related,
            # (name, link from this page): worked out here rather than by url() in the
            # template, a call for each of thousands of links.
            related_links=[
                (other, _relative(target, path, "../"))
                for other, target in overview.related_targets
            ],
            parts=overview.parts,
            part=number,
            description=f"{len(events)} timeline entr{'y' if len(events) == 1 else 'ies'} "
            f"about {name} in {self.site.config.title}.",
            jsonld=entity_ld(
                name, self.entity_kinds.get(name), self._absolute(path), self.site.config.title
            ),
        )

    def _entity_overview(self, name: str) -> EntityOverview:
        """What every part of a name's page shows of all its entries (worked out once for
        all its parts)."""
        overview = self._overviews.get(name)
        if overview is None:
            events = self.events_by_entity[name]
            limit = self.page_limit
            chunks = [events[i : i + limit] for i in range(0, len(events), limit)]
            paths = self._entity_paths(name)
            parts = (
                [(path, _span_label(chunk)) for path, chunk in zip(paths, chunks, strict=True)]
                if len(chunks) > 1
                else []
            )
            counts = self._entity_counts(events, name)
            related = [o for o, _ in sorted(counts.items(), key=lambda i: (-i[1], i[0]))[:12]]
            overview = self._overviews[name] = EntityOverview(
                chunks,
                parts,
                [(other, self.links.entity(other)) for other in related],
                sorted({event.article for event in events if event.article}),
            )
        return overview

    def _not_found_page(self) -> Page:
        # A server shows 404.html at any depth: links start from the site's path.
        base = urlsplit(self.site.config.base_url).path if self.site.config.base_url else ""
        return self._page(
            "404.html",
            "404.html",
            root=base,
            description="This page does not exist.",
            jsonld=None,
            canonical=None,
        )

    def _exports(self) -> Iterator[Callable[[], Page]]:
        base = self.absolute_base
        yield lambda: self._export(
            "events.json",
            lambda event: event_line(event, self.links),
            lambda lines: events_json(self.site, lines),
        )
        yield lambda: self._export(
            "timelinejs.json",
            lambda event: timelinejs_line(event, self.links, base, self.articles),
            lambda lines: timelinejs_json(self.site, lines),
        )
        yield lambda: Page(
            "feed.xml",
            atom_feed(self.site, self.links, base, latest_events(self.site.events)).encode(),
        )
        if base:
            yield lambda: Page("sitemap.xml", sitemap_xml(base, self._html_paths()).encode())
        yield lambda: Page("robots.txt", robots_txt(base).encode("utf-8"))

    def _export(
        self,
        path: str,
        line: Callable[[Event], str | None],
        document: Callable[[list[bytes | memoryview]], bytes],
    ) -> Page:
        """A data export of every event, a ``line`` each (None: none): made again only
        when some entry changed (their facts are all it shows, with the site's settings
        in ``global_key``), and then only the lines of the changed ones; the others are
        the last build's (``exports``), found by the facts they were made from, and taken
        a run of consecutive records at a time."""
        facts = self._every_event_facts()
        keyed = self._keyed(path, "(export)", "", facts)
        if keyed.reused:
            return keyed
        last = self.exports.last(path, self.global_key) if self.exports else None
        every = self._facts_in_order()
        events = self.site.events
        pieces: list[bytes | memoryview] = []
        made_from: list[str] = []
        lengths: list[int] = []
        # The events before and after the first and last that changed, or moved, keep
        # their records: one run each of the last build's, without a look at each.
        same_start, same_end = _same_ends(every, last.facts) if last is not None else (0, 0)
        if last is not None and same_start:
            pieces.append(last.records(0, same_start - 1))
            made_from += every[:same_start]
            lengths += last.lengths[:same_start]
        middle = range(same_start, len(every) - same_end)
        # Where each other event's record is among the last build's others, if it is
        # there: found by C loops (map, dict.get).
        if last is not None and middle:
            others = range(same_start, len(last.facts) - same_end)
            where = dict(zip(last.facts[others.start : others.stop], others, strict=True))
            kept_at: list[int | None] = list(map(where.get, every[middle.start : middle.stop]))
        else:
            kept_at = [None] * len(middle)
        first = previous = -2  # the run of the last build's records being taken
        for number, kept in zip(middle, kept_at, strict=True):
            if kept is not None and last is not None:
                if kept != previous + 1:
                    if first >= 0:
                        pieces.append(last.records(first, previous))
                    first = kept
                previous = kept
                made_from.append(every[number])
                lengths.append(last.lengths[kept])
                continue
            text = line(events[number])
            if text is None:
                continue
            if first >= 0 and last is not None:
                pieces.append(last.records(first, previous))
                first = previous = -2
            made = text.encode("utf-8")
            pieces.append(made)
            made_from.append(every[number])
            lengths.append(len(made))
        if first >= 0 and last is not None:
            pieces.append(last.records(first, previous))
        if last is not None and same_end:
            kept_from = len(last.facts) - same_end
            pieces.append(last.records(kept_from, len(last.facts) - 1))
            made_from += every[len(every) - same_end :]
            lengths += last.lengths[kept_from:]
        if self.exports is not None:
            self.exports.remember(path, self.global_key, keyed.key or "", made_from, lengths)
        return Page(path, document(pieces), key=keyed.key)

    def _html_paths(self) -> list[str]:
        paths = [page.path for page in self.timeline_pages]
        if TIMELINE_PAGE not in paths:
            paths.insert(0, TIMELINE_PAGE)
        paths.append("articles/index.html")
        paths += [PageLinks.article(article.slug) for article in self.site.articles]
        if self.events_by_entity:
            paths.append("entities/index.html")
            paths += sorted(self.links.entity(name) for name in self.events_by_entity)
        return paths

    # -- helpers -----------------------------------------------------------------

    def group_entities(self, names: Iterable[str]) -> list[tuple[str, list[str]]]:
        """Names under "People", "Places", "Organisations", "Other names" (those with any)."""
        groups: dict[str, list[str]] = {kind: [] for kind in KIND_LABELS}
        for name in names:
            kind = self.entity_kinds.get(name, "other")
            groups[kind if kind in groups else "other"].append(name)
        return [(KIND_LABELS[kind], items) for kind, items in groups.items() if items]

    def _entities_of(self, events: object) -> list[str]:
        names: dict[str, None] = {}
        for event in events:  # type: ignore[attr-defined]
            names.update(dict.fromkeys(event.entities))
        return sorted(names, key=lambda n: (n.casefold(), n))

    @staticmethod
    def _entity_counts(events: list[Event], skip: str) -> dict[str, int]:
        counts: dict[str, int] = {}
        for event in events:
            for name in dict.fromkeys(event.entities):
                if name != skip:
                    counts[name] = counts.get(name, 0) + 1
        return counts

    def _events_ld(self, events: object, root: str) -> dict[str, Any]:
        def url(event: Event) -> str:
            return self._absolute(self.links.event(event)) or root + self.links.event(event)

        def source(event: Event) -> str | None:
            target = PageLinks.source(event)
            if target is None or PageLinks.is_external(target):
                return target
            return self._absolute(target) or root + target

        return events_graph(events, url, source, self.articles)  # type: ignore[arg-type]

    def _absolute(self, path: str) -> str:
        return self.absolute_base + path if self.absolute_base else ""

    def _every_event_facts(self) -> str:
        """The facts of every event, summed up once for the index and each export."""
        if self._all_facts is None:
            self._all_facts = pickled_digest(self._facts_in_order())
        return self._all_facts

    def _facts_in_order(self) -> list[str]:
        """``_event_facts`` of every event, in the site's order (worked out once)."""
        if self._ordered_facts is None:
            # (by C loops when every one is worked out already, as it mostly is)
            events = self.site.events
            known = list(map(self._facts.get, map(_ID, events)))
            if None in known:
                pairs = zip(known, events, strict=True)
                known = [made or self._event_facts(event) for made, event in pairs]
            self._ordered_facts = known
        return self._ordered_facts

    def _event_facts(self, event: Event) -> str:
        """All a rendered entry shows of an event: itself, where it and its links lead."""
        facts = self._facts.get(event.id)
        if facts is None:
            articles = [
                (slug, *_article_summary(self.articles.get(slug)))
                for slug in (event.article, *(other.article for other in event.also_reported))
            ]
            names = [(name, *self._name_fact(name)) for name in event.entities]
            facts = self._facts[event.id] = pickled_digest(
                (event, self.links.event(event), articles, names)
            )
        return facts

    def _page_key(self, path: str, template_name: str, root: str, parts: object) -> str:
        return pickled_digest((self.global_key, path, template_name, root, parts))

    def _keyed(self, path: str, template_name: str, root: str, parts: object) -> Page:
        """The page's key, as a page that is ``reused`` (the previous build's file, not
        rendered again) when nothing it shows has changed. Called before any of the
        page's own work is done; a page to render passes its ``key`` on to ``_page``."""
        key = self._page_key(path, template_name, root, parts)
        return Page(path, b"", key=key, reused=self.previous_keys.get(path) == key)

    def _keyed_by_events(
        self,
        template_name: str,
        root: str,
        path: str,
        own: object,
        events: Sequence[Event],
        shown: Callable[[], object] | None = None,
    ) -> Page:
        """``_keyed`` for a page made of its ``own`` parts and the entries of ``events``
        (everything else it shows follows from their facts); ``shown``, when given, sums
        up all the page shows of them instead (a part of a name's page shows some of its
        entries whole, and only a summary of the others).

        When the last build keyed this page by the same own parts and event ids, and every
        one of those events' facts was taken from it (``reuse_facts``), its key is the one
        the last build recorded: the same parts give the same key, not made again (most
        of a rebuild's pages, after a new date).
        """
        table = self._table
        if table is not None:
            ids = tuple(map(_ID, events))
            if table.inputs.get(path) != (own, ids):
                self._inputs_changed[path] = (own, ids)
            elif self._taken.issuperset(ids):
                key = self.previous_keys.get(path)
                if key is not None:
                    return Page(path, b"", key=key, reused=True)
        parts = shown() if shown else (own, [self._event_facts(event) for event in events])
        return self._keyed(path, template_name, root, parts)

    def _page(
        self,
        path: str,
        template_name: str,
        root: str,
        key: str | None = None,
        **context: Any,
    ) -> Page:
        """Render a page; ``key`` (from ``_keyed``) goes into the manifest."""
        base = self.site.config.base_url
        context.setdefault(
            "canonical", (base + ("" if path == TIMELINE_PAGE else path)) if base else None
        )
        context.setdefault("og_type", "website")
        if self.last_pieces is not None:
            self._shown[path] = {}
        try:
            template = self.env.get_template(template_name)
            html = template.render(self._context(root=root, page_path=path, **context))
            self._remember_pieces(path)
        except jinja2.TemplateSyntaxError as error:
            raise BuildError(
                Problem(
                    error.filename or error.name or template_name,
                    f"template error: {error.message}",
                    error.lineno,
                )
            ) from error
        except jinja2.TemplateError as error:
            raise BuildError(
                Problem(template_name, f"template error: {error}", _template_line(error))
            ) from error
        return Page(path, html.encode("utf-8"), key=key)

    def _context(self, **values: Any) -> dict[str, Any]:
        """What every template is rendered with, and ``values``."""
        return {
            "site": self.site,
            "config": self.site.config,
            "articles_by_slug": self.articles,
            "links": self.links,
            "has_entities": bool(self.events_by_entity),
            **values,
        }

    def _static_files(self) -> Iterator[Callable[[], Page]]:
        seen: set[str] = set()
        for folder in self.templates_dirs:
            static = folder / "static"
            if not static.is_dir():
                continue
            for path in sorted(static.rglob("*")):
                relative = path.relative_to(folder).as_posix()
                if path.is_file() and relative not in seen and not path.name.startswith("."):
                    seen.add(relative)
                    yield functools.partial(_static_page, relative, path)


def _same_ends(now: Sequence[str], before: Sequence[str]) -> tuple[int, int]:
    """How many items ``now`` and ``before`` share at their start, and then at their end
    (each item counted once, so the two never overlap)."""
    shortest = min(len(now), len(before))
    start = 0
    while start < shortest and now[start] == before[start]:
        start += 1
    end = 0
    while end < shortest - start and now[-1 - end] == before[-1 - end]:
        end += 1
    return start, end


def _static_page(relative: str, path: Path) -> Page:
    return Page(relative, path.read_bytes())


def _page_summary(page: TimelinePage | None) -> tuple[object, ...]:
    """What navigation shows of a timeline page."""
    if page is None:
        return ()
    return (page.path, page.title, page.year, page.first_label, page.last_label, len(page.events))


def _article_summary(article: Article | None) -> tuple[object, ...]:
    """What an entry shows of its article: title, source, date, original address."""
    if article is None:
        return ()
    return (article.title, article.source, article.date, article.url)


def _folder_digest(folder: Path) -> str:
    return pickled_digest(
        [(relative, file_digest(Path(path).read_bytes())) for relative, path in files_under(folder)]
    )


def _relative(target: str, here: str, root: str = "") -> str:
    """A link to ``target`` (relative to the site root) from the page ``here``."""
    if PageLinks.is_external(target):
        return target
    if here and target.startswith(here + "#"):
        return target[len(here) :]
    return root + target


class PieceMemory(Protocol):
    """The pieces (entries, rows) the last build's pages showed, kept by page (see
    ``Renderer.cached_entries`` and ``Renderer.cached_rows``)."""

    def last(self, path: str, context: str) -> Mapping[Hashable, tuple[str, str]]:
        """The pieces the last build's page at ``path`` showed, if it was made in the same
        ``context`` (code, templates, settings): by key, the facts each was made from and
        its HTML; else none."""
        ...

    def remember(self, path: str, context: str, pieces: Mapping[Hashable, tuple[str, str]]) -> None:
        """Record the pieces this build's page at ``path`` shows, as ``last`` gives them."""
        ...


@dataclass(frozen=True, slots=True)
class FactsTable:
    """The facts of a site's events (``Renderer._event_facts``, by event id) and what they
    were made from beyond the events themselves: the page of each event's entry, each
    name's page and kind, each article's summary (by slug)."""

    facts: dict[str, str]
    pages: dict[str, str]
    names: dict[str, tuple[str, str | None]]
    articles: dict[str, tuple[object, ...]]
    # The renderer's global key, and for each page keyed by its events (see
    # ``Renderer._keyed_by_events``) its own parts and its events' ids.
    global_key: str = ""
    inputs: dict[str, tuple[object, tuple[str, ...]]] = dataclasses.field(default_factory=dict)
    # The changes made to the table since it was saved whole (see with_changes).
    changes: tuple[FactsChanges, ...] = ()

    def with_changes(self, changes: Sequence[FactsChanges]) -> FactsTable:
        """This table (as it was saved whole, and read: its dictionaries are updated in
        place) with ``changes`` (``Renderer.facts_changes``) made to it, in order."""
        for change in changes:
            for values, made, gone in (
                (self.facts, change.facts, change.gone_events),
                (self.pages, change.pages, change.gone_events),
                (self.names, change.names, change.gone_names),
                (self.articles, change.articles, change.gone_articles),
                (self.inputs, change.inputs, ()),
            ):
                for key in gone:
                    values.pop(key, None)
                values.update(made)
        return dataclasses.replace(self, changes=(*self.changes, *changes))


@dataclass(frozen=True, slots=True)
class FactsChanges:
    """What one build changed of a ``FactsTable``: the values added or changed, and the
    events, names and articles gone."""

    facts: dict[str, str]
    pages: dict[str, str]
    names: dict[str, tuple[str, str | None]]
    articles: dict[str, tuple[object, ...]]
    inputs: dict[str, tuple[object, tuple[str, ...]]]
    gone_events: tuple[str, ...]
    gone_names: tuple[str, ...]
    gone_articles: tuple[str, ...]

    def __len__(self) -> int:
        return sum(
            map(len, (self.facts, self.pages, self.names, self.articles, self.inputs))
        ) + len(self.gone_events)


@dataclasses.dataclass(frozen=True, slots=True)
class EntityOverview:
    """What every part of a name's page shows of all the name's entries."""

    chunks: list[Sequence[Event]]  # the entries of each part, in time order
    parts: list[tuple[str, str]]  # each part's path and the years it spans (if several)
    related_targets: list[tuple[str, str]]  # names most often given with it, and their page
    articles: list[str]  # the slugs of the articles of its entries

    @property
    def summary(self) -> tuple[object, ...]:
        """All of it a page's key sums up but the entries (see ``_entity_page``)."""
        return (tuple(self.parts), tuple(self.related_targets))


class ArticleRow(NamedTuple):
    """One article of the list of articles, as it shows it."""

    link: str  # from the list
    title: str
    date: str  # ISO
    date_label: str
    source: str | None
    count: int  # of its dated sentences


class NameRow(NamedTuple):
    """One name of the list of names, as it shows it."""

    link: str  # from the list
    name: str
    count: int  # of its entries


@dataclasses.dataclass(frozen=True, slots=True)
class EntryView:
    """A timeline entry's values, links relative to the page that shows it."""

    label: str  # the date, as words
    span: tuple[str, str] | None  # first and last day, ISO
    datetime: str | None  # the date as <time datetime> takes it, when it is one
    text: tuple[str, str] | None  # see entry_text
    entities: list[tuple[str, str]]  # (name, link to its page)
    article: Article | None
    published: str  # the article's date, ISO
    source: str | None  # the paragraph, or the source address of an entry added by hand
    also: list[tuple[Event, Article | None, str]]  # (report, its article, link to it)
    permalink: str


def entry_text(event: Event) -> tuple[str, str] | None:
    """What to print under an entry's headline: ("full", text), ("rest", the text after
    a headline that opens it), or None when the text says no more than the headline."""
    text = " ".join(event.text.split())
    headline = " ".join(event.headline.split())
    stem = headline.rstrip("…").rstrip(" .,;:")
    if not stem or text.rstrip(" .") == stem:
        return None
    if text.casefold().startswith(stem.casefold()):
        rest = text[len(stem) :]
        if headline.endswith("…"):
            return ("rest", "…" + rest.lstrip()) if rest.strip(" .") else None
        rest = rest.lstrip(" .,;:")
        return ("rest", rest) if rest.strip(" .") else None
    return ("full", text)


def _span_label(events: list[Event]) -> str:
    """The years a run of (chronological) events covers: "1997" or "1997-2005"."""
    spans = [span for span in map(event_span, events) if span is not None]
    if not spans:
        return "undated"
    first, last = spans[0].first.year, max(span.first.year for span in spans)
    return str(first) if first == last else f"{first}-{last}"


def _truncate(text: str, length: int) -> str:
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    cut = text[: length - 1].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _template_line(error: Exception) -> int | None:
    """The template line of a runtime error, from the traceback Jinja2 rewrites."""
    traceback = error.__traceback__
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename.endswith(".html"):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def render_site(site: Site, templates_dir: Path | None = None) -> list[Page]:
    """All pages of the site, in a deterministic order."""
    return list(Renderer(site, templates_dir).pages())
