"""Stage 3 of the pipeline: write the pages to the output folder, atomically.

The pages that changed are written into a temporary folder beside the output, and
moved into it (each renamed over the old file) only when every page was written, so a
failed build leaves the previous site as it was; a page whose bytes did not change
stays where it is (``_update_in_place``). A first build writes the whole site there and
swaps it in. When no input changed at all nothing is done. When only the
bodies of some articles changed, only their pages are drawn again (``quick_rebuild``,
with the snapshot of ``snapshot.py``); when their edits stay local, the last build's
site is updated (``_local_update``); and a page whose key did not change is never
drawn again (see ``BuildResult.kind``).

The builder never deletes what it did not create: an existing output folder is
replaced only when it is empty or carries the marker file of an earlier build
(``.karabakh-timeline``, which also records what that build read and wrote).
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import json
import mmap
import os
import pickle
import select
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, ParamSpec, TypeGuard, TypeVar

from .atomic import keep_if_possible, mapped, replace_file, write_whole
from .errors import BuildError, Problem
from .fingerprint import InputScan, file_digest, scan_inputs
from .models import Article, Page, Site, article_path, collector_paused, pickled_by_fields

if TYPE_CHECKING:
    import jinja2

    from .loader import Heads, Record
    from .renderer import Renderer
    from .renderer.exports import LastExport
    from .snapshot import ArticleState, SiteParts, SnapshotState

_T = TypeVar("_T")
_P = ParamSpec("_P")
MARKER = ".karabakh-timeline"
# In the output while a build moves its files there (see _update_in_place).
UPDATING = ".karabakh-timeline-updating"
MANIFEST_NOTE = "Written by karabakh-timeline; this folder is replaced on each build."


@dataclass(frozen=True, slots=True)
class BuildResult:
    articles: int
    events: int
    pages: int
    seconds: float
    warnings: tuple[str, ...]
    site: Site | None  # None when nothing changed and nothing was rebuilt
    written: int = 0  # pages whose bytes changed
    # How the site was made: "full" (every article read whole), "heads" (the unchanged
    # articles' heads taken from the cache: ``loader.Heads``), "local" (the last build's
    # site with the edited articles put in: ``loader.update``), "quick" (only the pages
    # of the edited articles drawn again: ``quick_rebuild``).
    kind: str = "full"
    # What else the build made and read (its renderer, the last build's site and facts):
    # held as long as the result, so that a command ending right after the build does not
    # first free them object by object (5 ms after a rebuild of a large archive).
    held: tuple[object, ...] = dataclasses.field(default=(), repr=False, compare=False)

    @property
    def complete(self) -> bool:
        """Whether the site's articles were all read whole: in any other ``kind`` of
        build, the articles not read again carry no paragraphs."""
        return self.kind == "full"


def _collector_given_back(function: Callable[_P, _T]) -> Callable[_P, _T]:
    """``function``, after which the collector has back what the build froze (what it
    loaded, ``collector_paused(freeze=True)``): a long-running serve, or a test, builds
    again and again."""

    @functools.wraps(function)
    def given_back(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            return function(*args, **kwargs)
        finally:
            gc.unfreeze()

    return given_back


@_collector_given_back
def build(
    content_dir: Path,
    output_dir: Path,
    base_url: str | None = None,
    templates_dir: Path | None = None,
    workers: int | None = None,
    use_cache: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
    memory: dict[str, object] | None = None,
) -> BuildResult:
    """Read ``content_dir``, render the site and write it to ``output_dir``.

    Each article's analysis is cached in ``.cache/`` beside the output folder (safe to
    delete); ``workers`` caps the processes that analyse articles; ``progress(stage,
    done, total)`` hears how far the build has got.
    """
    started = time.perf_counter()
    if not content_dir.is_dir():
        raise BuildError(
            Problem(
                content_dir, "content folder not found (expected a folder of Markdown articles)"
            )
        )
    check_output_folder(content_dir, output_dir, templates_dir)
    if templates_dir is not None and not templates_dir.is_dir():
        raise BuildError(
            Problem(templates_dir, "templates folder not found (expected a directory)")
        )
    cache_dir = cache_folder(output_dir) if use_cache else None
    scan = _scan(content_dir, templates_dir, base_url, cache_dir)
    inputs = scan.fingerprint
    previous = read_manifest(output_dir)
    if use_cache and previous.get("inputs") == inputs and _intact(output_dir, previous):
        summary = previous.get("summary", {})
        return BuildResult(
            articles=summary.get("articles", 0),
            events=summary.get("events", 0),
            pages=len(previous.get("files", {}).keys() - {".nojekyll"}),  # (as write_site)
            seconds=time.perf_counter() - started,
            warnings=tuple(summary.get("warnings", ())),
            site=None,
        )
    state = _last_state(cache_dir, scan) if cache_dir is not None else None
    edited = _edited_since(state, previous, scan)
    recorded = Recorded()  # the last build's site, once read
    # What quick_rebuild had time to make while it waited for the edited articles to be
    # read again: what the build that follows a refusal needs, in the order it needs it
    # (each step taken only while the answer has not come).
    ready: dict[str, object] = {}

    def import_loader() -> None:
        from . import loader  # noqa: F401

    def read_tallies() -> None:
        from .snapshot import load_tallies

        kept_by_key = _pages_kept_by_key(templates_dir, previous)
        if kept_by_key and cache_dir is not None and state is not None:
            ready["tallies"] = load_tallies(cache_dir, state)  # (for _local_update)

    def read_facts() -> None:
        from .snapshot import load_facts

        if cache_dir is not None and state is not None:
            ready["facts"] = load_facts(cache_dir, state)  # (for _reuse_facts)

    while_waiting = (import_loader, read_tallies, read_facts)

    # (A process quick_rebuild started, still at work for the build that follows a
    # refusal: see its ``ready``.)
    with contextlib.ExitStack() as later:
        if cache_dir is not None and state is not None and edited:
            quick = quick_rebuild(
                content_dir,
                output_dir,
                templates_dir,
                scan,
                previous,
                cache_dir,
                state,
                edited,
                recorded,
                while_waiting,
                ready,
                later,
            )
            if quick is not None:
                return dataclasses.replace(quick, seconds=time.perf_counter() - started)
        # Imported only now: a build that changes nothing starts and ends faster without them.
        from .loader import ArticleBodies, Record, load_site
        from .snapshot import load_stamps, save_recorded_site, save_snapshot, save_stamps

        stamps = load_stamps(cache_dir)  # (the last build's: for its exports and its manifest)

        environments: list[jinja2.Environment] = []

        def prepare_templates() -> None:
            # While other processes analyse the articles: the renderer's imports, and its
            # templates compiled once for every process that renders pages.
            from .renderer import template_environment

            environments.append(template_environment(templates_dir, cache_dir=cache_dir))

        # The loaded site lives until the end of the build: the garbage collector need not
        # go through it again and again, and forked page writers then share its memory pages
        # (a collection would touch, and so copy, every one of them).
        with collector_paused(freeze=True):
            local = (
                _local_update(
                    content_dir, templates_dir, previous, cache_dir, state, edited, recorded, ready
                )
                if cache_dir is not None and state is not None and edited
                else None
            )
            heads = None if local else _article_heads(scan, templates_dir, memory, previous, state)
            site, record = local or (None, Record())
            if site is None:
                site = load_site(
                    content_dir,
                    base_url,
                    cache_dir=cache_dir,
                    workers=workers,
                    memory=memory,
                    progress=(lambda done, total: progress("analysing articles", done, total))
                    if progress
                    else None,
                    record=record,
                    meanwhile=prepare_templates,
                    heads=heads,
                )
            else:
                prepare_templates()
        # The site's snapshot is saved by another process from now on, while this one makes
        # the renderer alone (a core would otherwise wait), then the pages.
        saving = (
            _Forked(
                lambda _shard, _shards: save_recorded_site(
                    cache_dir, site, record.tallies, recorded.parts[0] if recorded.parts else None
                )
            )
            if cache_dir is not None
            and can_fork()
            and (workers is None or workers > 1)
            and len(site.events) >= PARALLEL_THRESHOLD
            else None
        )
        whole = local is None and heads is None  # every article read with its body
        if progress:
            progress("rendering pages", 0, 0)
        summary = {
            "articles": len(site.articles),
            "events": len(site.events),
            "warnings": site.warnings,
        }
        try:
            # Pages stream from the renderer to the disk: the site is never all in memory, and
            # on a large site each core renders and writes a share of the pages.
            from .renderer import Renderer

            # The renderer's tables live as long as the site, to the end of the build: made
            # without collections, and frozen like it (given back by _collector_given_back),
            # so that no collection goes through them again, and none in a forked page writer
            # touches, and so copies, the memory pages it shares with this process.
            with collector_paused(freeze=True):
                renderer = Renderer(
                    site,
                    templates_dir,
                    # (the keys quick_rebuild's other process works out come below)
                    previous_keys=None if "keys" in ready else _reusable_keys(output_dir, previous),
                    environment=environments[0] if environments else None,
                    exports=LastExports(cache_dir, output_dir, previous, stamps)
                    if cache_dir
                    else None,
                    bodies=None if whole else ArticleBodies(content_dir, cache_dir),
                    last_pieces=LastPieces(cache_dir) if cache_dir else None,
                )
                # (a site made from the articles' heads has equal events, not the same ones)
                last_site = recorded.site if local or heads else None
                taken = (
                    _reuse_facts(renderer, cache_dir, state, last_site, ready) if last_site else 0
                )
                if "keys" in ready:  # (ready by now: they were worked out meanwhile)
                    renderer.use_previous_keys(
                        _keys_read(ready) or _reusable_keys(output_dir, previous)
                    )
                # With nine facts in ten taken, the rest are worked out here, sooner than in
                # processes forked for it.
                prepared_here = taken >= 0.9 * len(site.events) > 0
                if prepared_here:
                    renderer.adopt([renderer.prepare()])
                count = sum(1 for _ in renderer.plan())
            processes = workers if workers is not None else (os.cpu_count() or 1)

            def save(facts: object, facts_base: str | None = None) -> None:
                if cache_dir is not None:
                    saved = saving.result() if saving is not None else None
                    save_snapshot(
                        cache_dir,
                        site,
                        inputs,
                        scan.context,
                        record.articles,
                        record.tallies,
                        facts,
                        saved,
                        facts_base,
                    )

            kept = cache_dir is not None and state is not None and renderer.keeps_facts_changes()
            base = state.facts_digest if kept and state is not None else None
            if progress:
                progress("writing pages", 0, 0)
            written, total = write_site(
                renderer.pages,
                output_dir,
                inputs,
                summary,
                workers=min(processes, 8) if count >= PARALLEL_THRESHOLD else 1,
                prepare=None if prepared_here else renderer.prepare,
                adopt=None if prepared_here else renderer.adopt,
                # The facts taken from the last build's table: what changed of them is
                # saved once the pages are written (the processes that went through them
                # found which pages' inputs changed). Else the whole table, while the
                # other processes start on the pages. A build that fails after either
                # leaves the snapshot ahead of the output's manifest, which quick_rebuild
                # then ignores.
                meanwhile=(lambda: save(renderer.facts_table()))
                if base is None
                else renderer.prepare_facts_changes,
                collect=renderer.changed_inputs if base is not None else None,
                afterwards=(lambda shares: save(renderer.facts_changes(shares), base))
                if base is not None
                else None,
                manifest=previous,
                stamps=stamps,
                stamped=functools.partial(save_stamps, cache_dir) if cache_dir else None,
            )
        finally:
            if saving is not None:
                saving.close()
        return BuildResult(
            articles=len(site.articles),
            events=len(site.events),
            pages=total,
            seconds=time.perf_counter() - started,
            warnings=site.warnings,
            site=site,
            written=written,
            kind="local" if local else "heads" if heads else "full",
            held=(renderer, recorded, ready, previous, record),
        )


def _scan(
    content_dir: Path, templates_dir: Path | None, base_url: str | None, cache_dir: Path | None
) -> InputScan:
    """``scan_inputs``, with what the last scan saw (kept in the cache folder): the files
    unchanged since are not read again."""
    from .snapshot import load_file_stats, save_file_stats

    known = load_file_stats(cache_dir) if cache_dir is not None else None
    scan = scan_inputs(content_dir, templates_dir, base_url, known)
    if cache_dir is not None and (known is None or scan.read or scan.files.code != known.code):
        save_file_stats(cache_dir, scan.files)
    return scan


def recorded_site(output_dir: Path) -> Site | None:
    """The site of the build that wrote ``output_dir`` as it is (its articles without
    their bodies), from that build's snapshot; None if there is none. For ``serve``,
    started on a site that is up to date: the build then makes no site, and the pages
    of the first edits are previewed against this one."""
    from .snapshot import load_recorded_site, load_state

    cache_dir = cache_folder(output_dir)
    state = load_state(cache_dir)
    if not _wrote_output(state, read_manifest(output_dir)):
        return None
    with collector_paused():
        return load_recorded_site(cache_dir, state)


def _last_state(cache_dir: Path, scan: InputScan) -> SnapshotState | None:
    """What the last build read (``snapshot``), if it read it with the same settings,
    templates and code: the keys of the analyses depend on them, and the recorded site."""
    from .snapshot import load_state

    state = load_state(cache_dir)
    return state if state is not None and state.context == scan.context else None


def _edited_since(state: SnapshotState | None, previous: dict, scan: InputScan) -> list[str] | None:
    """The article files edited since the build that wrote the output (``state`` is that
    build's), if nothing else changed (see ``snapshot.edited_articles``); else None."""
    from .snapshot import edited_articles

    if not _wrote_output(state, previous):
        return None
    return edited_articles(state, scan.articles)


def _wrote_output(state: SnapshotState | None, manifest: dict) -> TypeGuard[SnapshotState]:
    """Whether ``state`` is that of the build that wrote the output (whose ``manifest``
    records the same inputs): its recorded site is then the site there."""
    return state is not None and state.built == manifest.get("inputs")


def _local_update(
    content_dir: Path,
    templates_dir: Path | None,
    previous: dict,
    cache_dir: Path,
    state: SnapshotState,
    edited: list[str],
    recorded: Recorded,
    ready: dict[str, object] | None = None,
) -> tuple[Site, Record] | None:
    """The last build's site with the ``edited`` articles put in, when their edits stay
    local (see ``loader.update``), and what this build read; None when the site must be
    loaded. ``recorded``: the last build's site, if it was read already (else it goes
    there once read); ``ready["tallies"]``: its tallies, if read already.

    Only when the last build's pages can be kept by their keys (``_pages_kept_by_key``).
    """
    from .loader import Record, Tallies, local_update
    from .snapshot import load_recorded_site, load_tallies

    if not _pages_kept_by_key(templates_dir, previous):
        return None
    tallies = (ready or {}).get("tallies") or load_tallies(cache_dir, state)
    if not isinstance(tallies, Tallies):
        return None
    if recorded.site is None:
        site = load_recorded_site(cache_dir, state, recorded.parts)
        if site is None:
            return None
        recorded.site = site
    site = recorded.site
    updated = local_update(content_dir, cache_dir, site, tallies, state.articles, edited)
    if updated is None:
        return None
    site, tallies, states = updated
    return site, Record(states, tallies)


def _reuse_facts(
    renderer: Renderer,
    cache_dir: Path | None,
    state: SnapshotState | None,
    recorded: Site,
    ready: dict[str, object] | None = None,
) -> int:
    """Give ``renderer`` (of a site made after an edit to the ``recorded`` one, by
    ``_local_update`` or from the articles' heads) the facts of the events the edit left
    as they were, from the last build's snapshot (``ready["facts"]``, if read already):
    most of the work of telling which pages changed (see ``Renderer.reuse_facts``).
    Returns how many it took."""
    from .renderer import FactsTable
    from .snapshot import load_facts

    table = (ready or {}).get("facts")
    if table is None and cache_dir is not None and state is not None:
        table = load_facts(cache_dir, state)
    return renderer.reuse_facts(table, recorded) if isinstance(table, FactsTable) else 0


def _pages_kept_by_key(templates_dir: Path | None, previous: dict) -> bool:
    """Whether the last build's pages can be kept by their keys: only with the bundled
    templates, whose use of the data is known (see ``Renderer``), and when the last
    build recorded keys."""
    return templates_dir is None and bool(previous.get("keys"))


def _article_heads(
    scan: InputScan,
    templates_dir: Path | None,
    memory: dict[str, object] | None,
    previous: dict,
    state: SnapshotState | None,
) -> Heads | None:
    """Where this build can take articles' heads from the cache, not their whole analyses
    (see ``loader.Heads``), by the keys the last build's ``state`` records; None when
    that does not pay.

    Only when the last build's pages can be kept by their keys (``_pages_kept_by_key``),
    and few articles are new or changed (many are read sooner in parallel, and reading
    the archive's analyses is then a small part of the time).
    """
    from .loader import Heads
    from .snapshot import EDITED_LIMIT

    if state is None or memory is not None:
        return None  # (``serve`` keeps every analysis in memory)
    if not _pages_kept_by_key(templates_dir, previous):
        return None
    heads = Heads(state.articles, scan.articles)
    unknown = sum(heads.key(path) is None for path in scan.articles)
    return heads if unknown <= EDITED_LIMIT else None


def quick_rebuild(
    content_dir: Path,
    output_dir: Path,
    templates_dir: Path | None,
    scan: InputScan,
    previous: dict,
    cache_dir: Path,
    state: SnapshotState,
    edited: list[str],
    recorded: Recorded,
    while_waiting: Sequence[Callable[[], object]] = (),
    ready: dict[str, object] | None = None,
    later: contextlib.ExitStack | None = None,
) -> BuildResult | None:
    """Rebuild only the pages of the ``edited`` articles, when their edits left everything
    but their bodies as it was (see ``snapshot``); None when a full build is due. The
    recorded site, if read, goes into ``recorded`` (for ``_local_update``); this process
    takes the steps of ``while_waiting`` as long as it waits for the verdict on the edits.
    After a refusal, the other process works out the page keys of the build that follows
    while this one goes on: ``ready["keys"]`` then gives them (``_keys_read``), and
    ``later`` ends that process.

    The last build's output must be as its manifest recorded it, built from ``state``
    (see ``_edited_since``); every other page is then that build's file, kept.
    """
    from .snapshot import load_stamps, save_stamps, save_state, with_bodies

    files, sizes = previous.get("files"), previous.get("sizes")
    if not isinstance(files, dict) or not isinstance(sizes, dict):
        return None
    staging = staging_folder(output_dir)
    stamps = load_stamps(cache_dir)
    # From the process that reads the edited articles again, as soon as it knows: this
    # one then makes the renderer of the recorded site only if it will be used.
    verdict = _Verdict() if can_fork() else None

    def reread() -> tuple[Reread | None, dict[str, str] | None]:
        """The edited articles, if only their bodies changed, with the staging folder
        started with every other page of the last build; else the last build's page
        keys that the build that follows can use (see ``_reusable_keys``)."""
        from .loader import reanalyse

        # Articles added are analysed too, for the local update that follows (and
        # deleted ones are not there): neither is a change of bodies only.
        present = [name for name in edited if name in scan.articles]
        analysed = reanalyse(content_dir, present, cache_dir) or []
        articles = [
            article
            for name, (now, article) in zip(present, analysed, strict=False)
            if article is not None
            and name in state.articles
            and now.head == state.articles[name].head
        ]
        bodies_only = len(articles) == len(edited)  # (else more changed, or something is wrong)
        if verdict is not None:
            verdict.tell(bodies_only)
        if not bodies_only:
            kept_by_key = _pages_kept_by_key(templates_dir, previous)
            return None, _reusable_keys(output_dir, previous) if kept_by_key else None
        redrawn = {article_path(article.slug) for article in articles}
        kept = {path: size for path, size in sizes.items() if path not in redrawn}
        kept.pop(".nojekyll", None)
        if not _sizes_as_recorded(output_dir, kept):
            return None, None  # a page was changed or removed by hand: a full build writes it
        staged = link_previous(output_dir, sorted(kept), previous, staging, stamps)
        return Reread([now for now, _ in analysed], articles, staged), None

    def recorded_renderer() -> Renderer | None:
        return _recorded_renderer(
            templates_dir,
            cache_dir,
            state,
            previous,
            edited,
            verdict.refused if verdict is not None else lambda _steps: False,
            recorded,
            while_waiting,
        )

    try:
        if verdict is None:  # (one process: one after the other)
            renderer = recorded_renderer()
            edit, keys = reread()
        else:
            # The edited articles are analysed (and the other pages staged) in another
            # process while this one reads the recorded site: two waits of about the same
            # length.
            reading = _Forked(lambda _shard, _shards: reread())
            handed_over = False
            try:
                renderer = recorded_renderer()
                if renderer is None and ready is not None and later is not None:
                    # Refused: the other process goes on with the page keys, which the
                    # build that follows needs only once it has updated the site.
                    ready["keys"] = lambda: reading.result()[1]
                    later.callback(reading.close, True)
                    handed_over = True
                    return None
                edit, keys = reading.result()
            finally:
                if not handed_over:
                    reading.close(stop=True)
        if keys is not None and ready is not None:
            ready["keys"] = lambda: keys
        site = with_bodies(renderer.site, edit.articles) if renderer and edit else None
        if site is None or renderer is None or edit is None:
            return None
        pages = [renderer.article_page(article) for article in edit.articles]
        if {*edit.staged.paths, *(page.path for page in pages)} != files.keys() - {".nojekyll"}:
            return None
        written, total = write_site(
            pages,
            output_dir,
            scan.fingerprint,
            previous.get("summary", {}),
            staged=edit.staged,
            manifest=previous,
            stamps=stamps,
            stamped=functools.partial(save_stamps, cache_dir),
        )
    finally:
        if verdict is not None:
            verdict.close()
        shutil.rmtree(staging, ignore_errors=True)  # unless it became the output
    articles = {**state.articles, **dict(zip(edited, edit.states, strict=True))}
    save_state(cache_dir, dataclasses.replace(state, built=scan.fingerprint, articles=articles))
    return BuildResult(
        articles=len(site.articles),
        events=len(site.events),
        pages=total,
        seconds=0.0,
        warnings=site.warnings,
        site=site,
        written=written,
        kind="quick",
    )


class _Verdict:
    """Whether the edits reach beyond the bodies of the edited articles: told through a
    pipe by the (forked) process that reads them again, the moment it knows."""

    def __init__(self) -> None:
        self._reader, self._writer = os.pipe()
        self._refused: bool | None = None

    def tell(self, bodies_only: bool) -> None:
        """(In the process that reads the articles again.)"""
        os.write(self._writer, b"0" if bodies_only else b"1")

    def refused(self, meanwhile: Sequence[Callable[[], object]] = ()) -> bool:
        """(In this process, after the fork.) Waits for the verdict, taking the steps of
        ``meanwhile`` one by one for as long as it has not come (work that may or may
        not be needed: the rest is left to whoever needs it); if the other process ends
        without one (it failed: the caller hears why), it is no."""
        if self._refused is None:
            for step in meanwhile:
                if select.select([self._reader], [], [], 0)[0]:
                    break
                step()
            self._close_writer()  # this process's end: the other one's exit ends the wait
            try:
                self._refused = os.read(self._reader, 1) == b"1"
            except OSError:
                self._refused = False
        return self._refused

    def close(self) -> None:
        self._close_writer()
        if self._reader >= 0:
            os.close(self._reader)
            self._reader = -1

    def _close_writer(self) -> None:
        if self._writer >= 0:
            os.close(self._writer)
            self._writer = -1


@dataclass(slots=True)
class Recorded:
    """The last build's site, once read from its snapshot (by ``quick_rebuild`` or for
    ``_local_update``), and the parts of its file (``snapshot.SiteParts``): the site
    made from it is saved with the parts it left as they were, not pickled again."""

    site: Site | None = None
    parts: list[SiteParts] = dataclasses.field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Reread:
    """Edited articles read again, and the staging folder started with the other pages."""

    states: list[ArticleState]
    articles: list[Article]
    staged: Staged


def _keys_read(ready: dict[str, object]) -> dict[str, str] | None:
    """The page keys that quick_rebuild's other process worked out, if it did."""
    keys = ready.get("keys")
    return keys() if callable(keys) else None


def _recorded_renderer(
    templates_dir: Path | None,
    cache_dir: Path,
    state: SnapshotState,
    previous: dict,
    edited: list[str],
    refused: Callable[[Sequence[Callable[[], object]]], bool],
    recorded: Recorded,
    while_waiting: Sequence[Callable[[], object]] = (),
) -> Renderer | None:
    """A renderer of the recorded site (None if there is none, or if ``refused()`` says
    that it will not be used); the site goes into ``recorded``. The steps of
    ``while_waiting`` are taken while the verdict has not come, once the renderer is
    imported."""
    from .snapshot import load_recorded_site

    with collector_paused(freeze=True):  # (as the site a build loads: see build)
        site = load_recorded_site(cache_dir, state, recorded.parts)
    if site is None:
        return None
    recorded.site = site
    # The renderer is imported either way (the build that follows a refusal needs it);
    # the verdict, awaited only then, has often come by that time.
    from .renderer import Renderer, template_environment

    if refused(while_waiting):
        return None
    names = set(edited)
    redrawn = {
        article_path(article.slug)
        for article in site.articles
        if article.source_path.as_posix() in names
    }
    # Those pages are always drawn again: the files there may be ``serve``'s previews.
    keys = {path: key for path, key in previous.get("keys", {}).items() if path not in redrawn}
    environment = template_environment(templates_dir, compiled=False, cache_dir=cache_dir)
    return Renderer(site, templates_dir, keys, environment)


def cache_folder(output_dir: Path) -> Path:
    """Where analyses are cached: ``.cache/`` next to the output folder.

    A folder of our own inside it, since ``.cache`` may already be someone's (``~/.cache``).
    """
    return output_dir.resolve().parent / ".cache" / "karabakh-timeline"


class LastExports:
    """The renderer's ``ExportMemory``: the last build's exports, in the output folder as
    its manifest recorded them, and the facts of their lines, kept in the cache folder.

    An export lists every event: after an edit that changes a few, most of its lines are
    the last build's, and making them again would be most of a rebuild's rendering.
    """

    def __init__(
        self,
        cache_dir: Path,
        output_dir: Path,
        manifest: dict,
        stamps: Mapping[str, tuple[int, int]] | None = None,
    ) -> None:
        """``stamps``: those of the last build's large files (``snapshot.load_stamps``), if
        read already."""
        if stamps is None:
            from .snapshot import load_stamps

            stamps = load_stamps(cache_dir)
        self.cache_dir = cache_dir
        self.output_dir = output_dir
        self.keys: dict = manifest.get("keys") or {}
        self.previous = previous_output(output_dir, manifest, stamps)

    def _facts_file(self, path: str) -> Path:
        return self.cache_dir / "exports" / f"{path}.facts"

    def last(self, path: str, context: str) -> LastExport | None:
        from .renderer.exports import last_export

        try:
            made_in, key, facts, lengths = pickle.loads(self._facts_file(path).read_bytes())
        except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError):
            return None
        # The facts must be those of the file there now: recorded by the build that
        # wrote it (not by one that failed after), and the file as that build left it.
        if made_in != context or key != self.keys.get(path) or path not in self.previous.files:
            return None
        try:
            # (mapped: the new export takes most of the last one's bytes, and would
            # otherwise copy the whole file once more)
            data = mapped(self.output_dir / path)
        except (OSError, ValueError):
            return None
        if not self._as_stamped(path) and file_digest(data) != self.previous.files[path]:
            return None
        return last_export(data, facts, lengths)

    def _as_stamped(self, path: str) -> bool:
        """Whether the file at ``path`` is the one the last build left there, by its stamp
        (``STAMPED_FROM``): any change since gives it another time of change. But a change
        within the tick of the clock in which the manifest was written could leave the
        time as it was: a file changed in that tick or after it is told by its digest
        (git does as much for the files its index records)."""
        stamp = self.previous.stamp(path)
        try:
            now = os.stat(self.output_dir / path)
            written = os.stat(self.output_dir / MARKER)
        except OSError:
            return False
        return (
            stamp == (now.st_ino, now.st_mtime_ns)
            and now.st_size == self.previous.sizes.get(path)
            and now.st_mtime_ns < written.st_mtime_ns
        )

    def remember(
        self, path: str, context: str, key: str, facts: Sequence[str], lengths: Sequence[int]
    ) -> None:
        data = pickle.dumps((context, key, list(facts), list(lengths)), pickle.HIGHEST_PROTOCOL)
        keep_if_possible(self._facts_file(path), data)


class LastPieces:
    """The renderer's ``PieceMemory``: the entries and rows of the last build's pages, a
    file for each page in the cache folder (read only for the pages drawn again)."""

    def __init__(self, cache_dir: Path) -> None:
        self.folder = cache_dir / "pieces"

    def _file(self, path: str) -> Path:
        return self.folder / f"{path}.pieces"

    def last(self, path: str, context: str) -> dict:
        try:
            made_in, pieces = pickle.loads(self._file(path).read_bytes())
        except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError):
            return {}  # (none, or not a pair: a file damaged, or of other code)
        return pieces if made_in == context and isinstance(pieces, dict) else {}

    def remember(self, path: str, context: str, pieces: Mapping) -> None:
        made = pieces if type(pieces) is dict else dict(pieces)
        data = pickle.dumps((context, made), pickle.HIGHEST_PROTOCOL)
        keep_if_possible(self._file(path), data)


def _reusable_keys(output_dir: Path, manifest: dict) -> dict[str, str]:
    """The previous build's page keys, for pages still there with their recorded size."""
    keys, sizes = manifest.get("keys"), manifest.get("sizes")
    if not isinstance(keys, dict) or not isinstance(sizes, dict):
        return {}
    root = os.fspath(output_dir)
    return {path: key for path, key in keys.items() if _as_recorded(root, path, sizes.get(path))}


def _sizes_as_recorded(output_dir: Path, sizes: dict[str, int]) -> bool:
    """Every file the manifest lists is there with its recorded size."""
    root = os.fspath(output_dir)
    return all(_as_recorded(root, path, size) for path, size in sizes.items())


def _as_recorded(root: str, path: str, size: object) -> bool:
    """The previous build's file at ``path`` is there with its recorded ``size`` (and the
    path is a page's: a manifest is a file anyone can edit)."""
    try:
        relative = checked_page_path(path)
    except BuildError:
        return False
    return _has_size(os.path.join(root, relative), size)


def read_manifest(output_dir: Path) -> dict:
    """What the previous build recorded in its marker file (empty if none or unreadable,
    or if a build stopped while updating the output: see ``_update_in_place``)."""
    try:
        data = json.loads((output_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if (output_dir / UPDATING).exists():
        return {}
    return data if isinstance(data, dict) else {}


def _intact(output_dir: Path, manifest: dict) -> bool:
    """The output holds exactly the files the manifest lists, with their sizes unchanged."""
    files = manifest.get("files")
    sizes = manifest.get("sizes")
    if not isinstance(files, dict) or not isinstance(sizes, dict):
        return False
    found: dict[str, int] = {}
    for folder, prefix, _, names in _walk_output(output_dir):
        for name in names:
            found[prefix + name] = os.stat(os.path.join(folder, name)).st_size
    found.pop(MARKER, None)
    return found == sizes


def check_output_folder(content_dir: Path, output_dir: Path, templates_dir: Path | None) -> None:
    """Refuse an output folder whose replacement would destroy a user's files."""
    output = output_dir.resolve()
    for name, folder in (("content", content_dir), ("templates", templates_dir)):
        if folder is None:
            continue
        inside = folder.resolve()
        if output == inside or output in inside.parents or inside in output.parents:
            raise BuildError(
                Problem(
                    output_dir,
                    f"the output folder overlaps the {name} folder {folder}; "
                    "expected a separate folder such as _site/",
                )
            )
    if output.exists() and not output.is_dir():
        raise BuildError(Problem(output_dir, "exists and is not a folder; expected a folder"))
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).is_file():
        raise BuildError(
            Problem(
                output_dir,
                f"is not empty and was not made by karabakh-timeline (no {MARKER} file); "
                "refusing to replace it. Choose an empty or new folder with --output.",
            )
        )


# (take, start) -> the pages (numbered in the source's fixed order) for which
# take(number) is true, in the order a process with that ``start`` goes through them
# (see Renderer.pages), asking ``take`` once for every page; each process writes those
# it takes.
PageSource = Callable[[Callable[[int], bool], int], Iterable[Page]]
# Below this many pages, a second process costs more than it saves.
PARALLEL_THRESHOLD = 256


def write_site(
    pages: Iterable[Page] | PageSource,
    output_dir: Path,
    inputs: str = "",
    summary: dict | None = None,
    workers: int = 1,
    prepare: Callable[[int, int], object] | None = None,
    adopt: Callable[[list[object]], None] | None = None,
    staged: Staged | None = None,
    meanwhile: Callable[[], object] | None = None,
    manifest: dict | None = None,
    collect: Callable[[], object] | None = None,
    afterwards: Callable[[list[object]], None] | None = None,
    stamps: Mapping[str, tuple[int, int]] | None = None,
    stamped: Callable[[dict[str, tuple[int, int]]], None] | None = None,
) -> tuple[int, int]:
    """Write every page into a fresh folder, then swap it in place of ``output_dir``.

    ``pages`` is either the pages themselves or a ``PageSource``; with a source and
    ``workers`` > 1, that many processes render and write a share of the pages each
    (after ``prepare`` and ``adopt``, see ``_write_in_processes``). ``staged``: the
    folder was started by ``link_previous`` with the rest of the pages. ``meanwhile`` is
    work for this process to do before it writes pages while other processes start on
    them (alone, it does it after its pages). ``manifest``: the output's manifest, if the
    caller read it already (``read_manifest``). ``afterwards`` is given, once every page
    is written (before the manifest), what ``collect`` returned in each process that
    wrote pages. ``stamps``: those the last build recorded (``load_stamps``); ``stamped``
    is given this build's, once the manifest is written.
    Returns how many pages were written (the others were unchanged and kept) and how
    many there are.
    """
    output = output_dir.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    manifest_before = manifest if manifest is not None else read_manifest(output)
    previous = previous_output(output, manifest_before, stamps)
    staging = staged.folder if staged is not None else _fresh_folder(staging_folder(output))
    try:
        records: list[Record] = list(staged.records) if staged is not None else []
        collected: list[object] = []
        if callable(pages):
            records += _write_in_processes(
                pages, staging, previous, workers, prepare, adopt, meanwhile, collect, collected
            )
        else:
            records += _write_pages(pages, staging, previous)
            if meanwhile is not None:
                meanwhile()
            if collect is not None:
                collected.append(collect())
        if afterwards is not None:
            afterwards(collected)
        records += _write_pages([Page(".nojekyll", b"")], staging, previous)
        files: dict[str, str] = {}
        sizes: dict[str, int] = {}
        keys: dict[str, str] = {}
        stamps_now: dict[str, tuple[int, int]] = {}
        kept_keys = manifest_before.get("keys") or {}
        for record in records:
            if isinstance(record, str):  # (kept: as the previous manifest recorded it)
                if record in files:
                    raise BuildError(Problem(record, "two pages would be written to this path"))
                files[record] = previous.files[record]
                sizes[record] = previous.sizes[record]
                if (key := kept_keys.get(record)) is not None:
                    keys[record] = key
                if record in previous.stamps and (stamp := previous.stamp(record)):
                    stamps_now[record] = stamp  # (a few large files among thousands)
                continue
            if record.path in files:
                raise BuildError(Problem(record.path, "two pages would be written to this path"))
            files[record.path] = record.digest
            sizes[record.path] = record.size
            if record.key is not None:
                keys[record.path] = record.key
            if record.stamp is not None:
                stamps_now[record.path] = record.stamp
        manifest = {
            "note": MANIFEST_NOTE,
            "inputs": inputs,
            "summary": summary or {},
            "files": files,
            "sizes": sizes,
            "keys": keys,
        }
        # One line: json's fast encoder is only used without indentation.
        text = json.dumps(manifest, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        if previous.in_place:
            _update_in_place(staging, output, records, previous, (text + "\n").encode())
        else:
            (staging / MARKER).write_text(text + "\n", encoding="utf-8")
            _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if stamped is not None:
        stamped(stamps_now)
    written = sum(
        not isinstance(record, str) and record.written and record.path != ".nojekyll"
        for record in records
    )
    return written, len(files) - 1


def staging_folder(output_dir: Path) -> Path:
    """Where this process builds the next output before swapping it in."""
    output = output_dir.resolve()
    return output.parent / f".{output.name}.building-{os.getpid()}"


def _fresh_folder(folder: Path) -> Path:
    """``folder``, empty: one left there by a build that was killed is removed first."""
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    return folder


@dataclass(frozen=True, slots=True)
class Staged:
    """A staging folder started with some of the previous build's files (see
    ``link_previous``), and what the manifest records of them."""

    folder: Path
    records: list[Record]

    @property
    def paths(self) -> list[str]:
        return list(map(_path_of, self.records))


def link_previous(
    output_dir: Path,
    paths: Iterable[str],
    manifest: dict,
    folder: Path,
    stamps: Mapping[str, tuple[int, int]] | None = None,
) -> Staged:
    """Start the staging ``folder`` (``staging_folder`` of the process that will call
    ``write_site``) with the previous build's files at ``paths``, as ``manifest``
    recorded them (kept where they are, or linked when the output is replaced whole), and
    ``stamps`` (``snapshot.load_stamps``); another process may do this."""
    output = output_dir.resolve()
    previous = previous_output(output, manifest, stamps)
    keys = manifest.get("keys", {})
    _fresh_folder(folder)
    try:
        pages = (Page(path, b"", key=keys.get(path), reused=True) for path in paths)
        return Staged(folder, _write_pages(pages, folder, previous))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise


@dataclass(frozen=True, slots=True)
class Previous:
    """The output of the previous build: where it is, each file's digest and size, and
    whether this build updates it in place (``_update_in_place``) or replaces it."""

    output: Path
    files: dict[str, str]
    sizes: dict[str, int]
    in_place: bool = False
    stamps: Mapping[str, tuple[int, int]] = dataclasses.field(default_factory=dict)

    def stamp(self, path: str) -> tuple[int, int] | None:
        """The stamp of the file at ``path`` the last build recorded (``load_stamps``)."""
        stamp = self.stamps.get(path)
        return stamp if isinstance(stamp, tuple) and len(stamp) == 2 else None


def previous_output(
    output: Path, manifest: dict, stamps: Mapping[str, tuple[int, int]] | None = None
) -> Previous:
    """The previous build's output as its ``manifest`` (``read_manifest``) records it.

    Updated in place when the manifest lists its files: the pages that did not change
    then stay where they are, where a new folder needed a link to each (thousands on a
    large site) before it was swapped in. Otherwise (no output, or one that a build
    stopped while updating it) a new folder replaces it whole."""
    files, sizes = manifest.get("files"), manifest.get("sizes")
    if not isinstance(files, dict) or not isinstance(sizes, dict):
        return Previous(output, {}, {})
    in_place = bool(files) and output.is_dir()
    return Previous(output, files, sizes, in_place, stamps or {})


@pickled_by_fields  # (a quick rebuild's other process sends back thousands)
@dataclass(frozen=True, slots=True)
class Written:
    """What the manifest records of one page, and whether its bytes were written."""

    path: str
    digest: str
    size: int
    key: str | None
    written: bool
    stamp: tuple[int, int] | None = None  # see STAMPED_FROM


# What the manifest records of a page: a ``Written``, or for a file of the previous build
# kept where it is, as its manifest recorded it, its path alone (a rebuild keeps thousands,
# which the processes that went through them send back to the one writing the manifest).
Record = Written | str


def _path_of(record: Record) -> str:
    return record if isinstance(record, str) else record.path


# A file this large has its stamp, its inode and the time it was last changed, recorded in
# the cache folder (``snapshot.save_stamps``; not in the manifest, which would then differ
# from build to build): a later build taking bytes from it (the exports, see LastExports)
# then knows it is as this build left it by a look at it, not by its digest (13 MB: 9 ms).
STAMPED_FROM = 1 << 20


def _write_pages(pages: Iterable[Page], staging: Path, previous: Previous) -> list[Record]:
    """Write pages into ``staging``, but those the previous build already has: kept
    where they are when the output is updated in place, else hard-linked.

    Paths are plain strings here: a rebuild goes through thousands of unchanged pages,
    and ``pathlib`` would cost more than the rest.
    """
    root, old_root = os.fspath(staging), os.fspath(previous.output)
    made: set[str] = {""}
    records: list[Record] = []
    for page in pages:
        if page.reused and previous.in_place:
            # The previous build's file, left where it is, as its manifest recorded it (its
            # path was checked with its key, see _reusable_keys, and a page is reused with
            # the key recorded): nothing to do but say so.
            records.append(page.path)
            continue
        relative = checked_page_path(page.path)
        folder = relative.rpartition("/")[0]
        if folder not in made:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
            while folder not in made:
                made.add(folder)
                folder = folder.rpartition("/")[0]
        target, old = os.path.join(root, relative), os.path.join(old_root, relative)
        if page.reused:
            # Not rendered: the previous build's file, as its manifest recorded it.
            size = previous.sizes[page.path]  # checked by whoever reused it
            if not previous.in_place and not _link(old, target):
                _create(page.path, target, Path(old).read_bytes())
            records.append(Written(page.path, previous.files[page.path], size, page.key, False))
            continue
        digest = file_digest(page.content)
        wrote = not (
            previous.files.get(page.path) == digest
            and (
                _has_size(old, len(page.content))
                if previous.in_place
                else _link(old, target, len(page.content))
            )
        )
        stamp = previous.stamp(page.path) if previous.in_place else None  # (kept there)
        if wrote:
            stamp = _create(page.path, target, page.content)
        records.append(Written(page.path, digest, len(page.content), page.key, wrote, stamp))
    return records


def _create(path: str, target: str, content: bytes) -> tuple[int, int] | None:
    """Write a new file; never into an existing one, which may be a link to the live site.
    Returns its stamp, if it is large enough to have one (``STAMPED_FROM``).

    With ``os`` calls rather than ``open()``, whose file object asks the system three
    more things of each file (a large site has thousands)."""
    try:
        descriptor = os.open(target, _NEW_FILE, 0o666)
    except FileExistsError:
        raise BuildError(Problem(path, "two pages would be written to this path")) from None
    try:
        write_whole(descriptor, content)
        if len(content) < STAMPED_FROM:
            return None
        written = os.fstat(descriptor)
        return written.st_ino, written.st_mtime_ns
    finally:
        os.close(descriptor)


_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


def _write_in_processes(
    source: PageSource,
    staging: Path,
    previous: Previous,
    workers: int,
    prepare: Callable[[int, int], object] | None = None,
    adopt: Callable[[list[object]], None] | None = None,
    meanwhile: Callable[[], object] | None = None,
    collect: Callable[[], object] | None = None,
    collected: list[object] | None = None,
) -> list[Record]:
    """Render and write the pages in ``workers`` processes, this one included (which
    first does ``meanwhile``, if given; alone, it does it last). What ``collect`` returns
    in each, after its pages, goes into ``collected``.

    The other processes are forked, so they share the loaded site and the compiled
    templates without copying them. ``prepare(shard, shards)``, when given, first runs in
    as many processes and ``adopt`` receives its results before the pages are shared out
    (work that every share would otherwise repeat). Forking is only safe in a
    single-threaded process (``serve`` runs a server thread) and not every platform can
    (``can_fork``); otherwise one process does it all.
    """
    if workers <= 1 or not can_fork():
        records = _write_pages(source(_every_page, 0), staging, previous)
        if meanwhile is not None:
            meanwhile()  # after the pages, which may have worked out what it saves
        if collect is not None and collected is not None:
            collected.append(collect())
        return records
    if prepare is not None and adopt is not None:
        adopt(_in_processes(prepare, workers))
    # A byte for each block of pages, in memory the forked processes share, and one lock
    # for the claim.
    claimed = mmap.mmap(-1, _claim_block(_count(source)) + 1)
    lock = _PipeLock()

    def write_share(shard: int, _shards: int) -> tuple[list[Record], object]:
        if shard == 0 and meanwhile is not None:
            meanwhile()  # this process (shard 0 stays here)
        records = _write_pages(source(_Claims(claimed, lock), shard), staging, previous)
        return records, collect() if collect is not None else None

    try:
        shares = _in_processes(write_share, workers)
    finally:
        lock.close()
        claimed.close()
    if collect is not None and collected is not None:
        collected += [share for _, share in shares]
    return [record for records, _ in shares for record in records]


def _every_page(number: int) -> bool:
    return True


def _count(source: PageSource) -> int:
    """How many pages ``source`` has (it renders none of them to say so)."""
    count = 0

    def none(number: int) -> bool:
        nonlocal count
        count += 1
        return False

    for _ in source(none, 0):
        pass
    return count


class _Claims:
    """A page goes to the first process that asks for it (``claimed``, shared by the
    processes, marks those taken): their costs differ a thousandfold (an export, an
    article), so fixed shares would leave one process working alone at the end. Each
    process goes through the pages in its own order (see ``PageSource``).

    Past the first pages (the costly ones, see ``Renderer.plan_parts``), pages are
    claimed a block at a time (``_claim_block``): each claim takes the lock that the
    processes share, and an unchanged page costs little more than its claim, so one
    claim per page of a large archive kept the processes waiting on each other.
    """

    def __init__(self, claimed: Any, lock: Any) -> None:
        self.claimed = claimed
        self.lock = lock
        self.mine: dict[int, bool] = {}

    def __call__(self, number: int) -> bool:
        block = _claim_block(number)
        mine = self.mine.get(block)
        if mine is None:
            with self.lock:
                mine = not self.claimed[block]
                self.claimed[block] = 1
            self.mine[block] = mine
        return mine


class _PipeLock:
    """A lock that forked processes share: a byte in a pipe, which the holder took out.

    (multiprocessing's locks would do, but importing multiprocessing costs a rebuild
    12 ms before its first fork; its processes are not needed here either.)"""

    def __init__(self) -> None:
        self._reader, self._writer = os.pipe()
        os.write(self._writer, b"-")

    def __enter__(self) -> None:
        os.read(self._reader, 1)  # (waits while another process holds it)

    def __exit__(self, *_exc: object) -> None:
        os.write(self._writer, b"-")

    def close(self) -> None:
        os.close(self._reader)
        os.close(self._writer)


# Pages claimed one by one (the exports, the index and the lists come first), and the
# size of the blocks after them.
SINGLE_CLAIMS = 16
CLAIM_BLOCK = 8


def _claim_block(number: int) -> int:
    """The block of page ``number``, which the process that claims it writes whole."""
    if number < SINGLE_CLAIMS:
        return number
    return SINGLE_CLAIMS + (number - SINGLE_CLAIMS) // CLAIM_BLOCK


def can_fork() -> bool:
    """Whether this process can fork: on this platform, and with no other thread running
    (a forked child gets a copy of their locks, possibly held, but not the threads)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class _Forked:
    """``work(shard, shards)`` in a forked process, from now on; ``result()`` waits for
    what it gives (or raises its error, or says the process died).

    With ``os.fork`` and a pipe: multiprocessing's processes would do, but importing it
    costs a rebuild 12 ms before its first fork, and nothing more is needed here."""

    def __init__(self, work: Callable[[int, int], Any], shard: int = 1, shards: int = 2) -> None:
        reader, writer = os.pipe()
        _flush_standard_streams()  # (else the child's copy of their buffers is written too)
        try:
            pid = os.fork()
        except OSError:
            os.close(reader)
            os.close(writer)
            raise
        if pid == 0:  # the child: it never returns from here
            os.close(reader)
            _run_shard(work, shard, shards, writer)
        os.close(writer)
        self._pid: int | None = pid
        self._reader = os.fdopen(reader, "rb")

    def result(self) -> Any:
        try:
            outcome, value = pickle.load(self._reader)
        except (EOFError, pickle.UnpicklingError):  # (ended before all of it was written)
            raise BuildError(Problem("(build)", "a build process stopped unexpectedly")) from None
        if outcome == "error":
            raise value
        return value

    def close(self, stop: bool = False) -> None:
        """Waits for the process to end, or with ``stop`` ends it if it is still at work.
        (Not stopped, one that writes a file never leaves half of it behind.)"""
        self._reader.close()
        if self._pid is None:
            return
        if stop and os.waitpid(self._pid, os.WNOHANG) == (0, 0):
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGTERM)
        with contextlib.suppress(ChildProcessError):  # (already waited for)
            os.waitpid(self._pid, 0)
        self._pid = None


def _in_processes(work: Callable[[int, int], _T], workers: int) -> list[_T]:
    """``[work(shard, workers) for shard in range(workers)]``, shard 0 in this process and
    the others in forked ones; the first error (or a process that died) is raised here."""
    children: list[_Forked] = []
    try:
        for shard in range(1, workers):
            children.append(_Forked(work, shard, workers))
        return [work(0, workers), *(child.result() for child in children)]
    finally:
        for child in children:
            child.close(stop=True)


def _run_shard(
    work: Callable[[int, int], object], shard: int, shards: int, writer: int
) -> NoReturn:
    """A forked process's share of the work: its result (or its error) goes back through
    ``writer``, then the process ends, without the interpreter's exit (the parent's
    handlers and buffers are not its to run)."""
    code = 0
    try:
        try:
            outcome: tuple[str, object] = ("ok", work(shard, shards))
        except BaseException as error:  # any failure must reach the parent, which reports it
            outcome = ("error", error)
        try:
            data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
        except Exception as error:  # the result or the error cannot be sent (not picklable)
            failed = BuildError(Problem("(build)", f"failed: {error!r}"))
            data = pickle.dumps(("error", failed), pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(data)
    except BaseException:  # (the parent has gone: nothing to tell)
        code = 1
    finally:
        _flush_standard_streams()
        os._exit(code)


def _flush_standard_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):  # (closed, or gone)
            stream.flush()


def _has_size(existing: str, size: object) -> bool:
    """The previous build's file is there with ``size`` bytes (else it was edited or
    removed by hand since: written afresh)."""
    try:
        return os.stat(existing).st_size == size
    except OSError:
        return False


def _link(existing: str, target: str, size: int | None = None) -> bool:
    """Reuse an unchanged file of the previous build (of ``size`` bytes, when that is not
    known yet); False if that cannot be done."""
    try:
        if size is not None and not _has_size(existing, size):
            return False  # edited by hand since: write it afresh
        os.link(existing, target)
    except OSError:
        return False
    return True


def safe_relative_path(path: str) -> Path:
    """A page path that stays inside the output folder, or a BuildError."""
    return Path(checked_page_path(path))


def checked_page_path(path: str) -> str:
    """``path`` if it is a page path that stays inside the output folder: relative, made
    of plain names (none hidden but .nojekyll); otherwise a BuildError."""
    parts = path.split("/")
    if (
        not path
        or "\\" in path
        or "\x00" in path
        or any(
            not part or part == ".." or (part[0] == "." and part != ".nojekyll") for part in parts
        )
    ):
        raise BuildError(Problem(path, "page path would leave the output folder; refused"))
    return path


def _update_in_place(
    staging: Path, output: Path, records: list[Record], previous: Previous, manifest: bytes
) -> None:
    """Move the files written into ``staging`` to their places in ``output`` (each
    renamed over the old one: a reader sees one or the other), remove what this build
    does not have (the previous build's pages it no longer makes, and anything else
    put there: the folder is replaced on each build), then record the new manifest.

    Everything was rendered and written before: a build that fails leaves the output
    as it was. While the files move, a mark in the output (``UPDATING``) tells a build
    that finds it (this one having been killed) that the manifest no longer describes
    the output: that build then replaces it whole.
    """
    mark = output / UPDATING
    mark.write_bytes(b"")
    root, old_root = os.fspath(staging), os.fspath(output)
    for record in records:
        if not isinstance(record, str) and record.written:
            relative = checked_page_path(record.path)
            target = os.path.join(old_root, relative)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            os.replace(os.path.join(root, relative), target)
    _remove_others(output, {*map(_path_of, records), MARKER, UPDATING})
    replace_file(output / MARKER, manifest)
    mark.unlink()
    shutil.rmtree(staging, ignore_errors=True)


def _remove_others(output: Path, kept: set[str]) -> None:
    """Remove every file of ``output`` but those at the ``kept`` paths, and the folders
    left empty (names only: a walk of a large site's folders takes a few milliseconds)."""
    for folder, prefix, folders, names in _walk_output(output, topdown=False):
        for name in [*names, *(f for f in folders if os.path.islink(os.path.join(folder, f)))]:
            if prefix + name not in kept:
                os.unlink(os.path.join(folder, name))
        if prefix:
            with contextlib.suppress(OSError):  # not empty
                os.rmdir(folder)


def _walk_output(
    output: Path, topdown: bool = True
) -> Iterator[tuple[str, str, list[str], list[str]]]:
    """``os.walk`` of the output: each folder, its path in the site as a prefix of its
    files' ("" or "articles/"), its folders and its files."""
    root = os.fspath(output)
    for folder, folders, names in os.walk(root, topdown=topdown):
        relative = os.path.relpath(folder, root).replace(os.sep, "/")
        yield folder, "" if relative == "." else relative + "/", folders, names


def _swap(staging: Path, output: Path) -> None:
    if not output.exists():
        staging.rename(output)
        return
    retired = output.parent / f".{output.name}.old-{os.getpid()}"
    if retired.exists():
        shutil.rmtree(retired)
    output.rename(retired)
    try:
        staging.rename(output)
    except BaseException:
        retired.rename(output)
        raise
    shutil.rmtree(retired, ignore_errors=True)
