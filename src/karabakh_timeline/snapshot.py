"""The last build's site, kept so that an edit to an article's text rebuilds only its page.

Everything on the site except an article's own page is made from what we call the
article's *head*: its analysis without its body (the front matter, the events with
their dates, names and sentences, the warnings). The timeline, the person and place
pages, the lists and the exports never show a paragraph that is not an event's.

So a full build records, in the cache folder, the site it rendered with every article's
body left out, and for each article file the digest of its bytes and of its head. When
the next build finds that only article files changed, and that their heads come out
of a new analysis the same (a typo fixed, a sentence without a date added, a link
mended), the new site is the recorded one with those articles' bodies put back: only
their pages can differ from the last build's. Any other change (a date, a title, a new
or deleted article, the settings, the templates, the code) makes a build of the site.

The snapshot serves those too. An edit that changes a head but stays within its
article (most new or moved dates, a new title) makes the recorded site with the
article's new head put in (``loader.update``), from the *tallies* the last build kept
of what it counted over every article. Otherwise the state, which records the cache key
of each file's analysis, lets the build take an unchanged file's head from the cache
(which keeps each analysis's head apart from its body) without reading the file or its
body (``loader.Heads``), and merge and order the events of the whole archive again.
Either way an unchanged article's page is the last build's file, as its key tells (it
sums up the body by ``Article.digest``, the key of the analysis); when its key did
change (an entry in its timeline moved), the renderer takes the body from the cache.

Four files: the site (large), the tallies and the facts of the site's events (what the
renderer sums up of each event to tell which pages changed: ``renderer.FactsTable``),
written by every build but the quick ones, and the state (small, written by every
build), which names the site, the tallies and the facts it goes with.
"""

from __future__ import annotations

import dataclasses
import itertools
import operator
import pickle
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from .atomic import keep_if_possible
from .fingerprint import FileStats, file_digest
from .models import (
    Article,
    Event,
    Site,
    collector_paused,
    pickled_by_fields,
    pickled_digest,
    replaced,
)

SITE_FILE = "site.snapshot"
STATE_FILE = "state.snapshot"
TALLIES_FILE = "tallies.snapshot"
FACTS_FILE = "facts.snapshot"
FACTS_CHANGES_FILE = "facts-changes.snapshot"  # the changes made to it since (see load_facts)
SCAN_FILE = "scan.snapshot"  # what the last scan of the inputs saw (fingerprint.FileStats)
# The stamps (inode, time of change) of the last build's large files (see builder's
# STAMPED_FROM), saved once its manifest is written.
STAMPS_FILE = "stamps.snapshot"


@pickled_by_fields  # (a state holds one for each of thousands of articles)
@dataclass(frozen=True, slots=True)
class ArticleState:
    """What a build read of one article file."""

    file: str  # fingerprint.file_digest of its bytes
    head: str  # head_digest of its analysis ("" when it could not be read)
    key: str = ""  # the key of its analysis in the cache (Article.digest)


@dataclass(frozen=True, slots=True)
class SnapshotState:
    """The small half of a snapshot: what the recorded site was made from."""

    site_digest: str  # fingerprint.file_digest of the site file this state goes with
    built: str  # the inputs fingerprint of the build that wrote the output
    context: str  # fingerprint.InputScan.context of that build
    articles: dict[str, ArticleState]  # by path in the content folder
    tallies_digest: str = ""  # fingerprint.file_digest of the tallies file (if any)
    facts_digest: str = ""  # fingerprint.file_digest of the facts file (if any)
    facts_changes_digest: str = ""  # and of the file of the changes made to it since


# Past this many edited articles, a full build (in parallel, from the cache) is as quick.
EDITED_LIMIT = 64


def edited_articles(state: SnapshotState, files: dict[str, str]) -> list[str] | None:
    """The article files that changed, were added or were deleted since ``state``, given
    each one's digest now; None when none did, or too many."""
    recorded = state.articles
    edited = [
        name
        for name, digest in files.items()
        if name not in recorded or recorded[name].file != digest
    ]
    edited += sorted(recorded.keys() - files.keys())  # deleted
    return edited if 0 < len(edited) <= EDITED_LIMIT else None


def with_bodies(site: Site, articles: list[Article]) -> Site | None:
    """The recorded ``site`` with these articles in place of theirs (same slugs), or None
    if one of them is not there."""
    by_slug = {article.slug: article for article in articles}
    replaced = tuple(by_slug.get(article.slug, article) for article in site.articles)
    if sum(a is by_slug.get(a.slug) for a in replaced) != len(by_slug):
        return None
    return dataclasses.replace(site, articles=replaced)


def head_digest(article: Article, events: list[Event], kinds: object, warnings: object) -> str:
    """A digest of an article's analysis without its body (see the module's note)."""
    return pickled_digest((without_body(article), events, kinds, warnings))


def without_body(article: Article) -> Article:
    """The article without its body, nor the digest of its file, which the body is in."""
    return replaced(article, paragraphs=(), mentions=(), digest="")


def bodiless(article: Article) -> Article:
    """The article without its body, but with the digest its page's key is made from
    (itself when it has none: a rebuild's site keeps most articles as the last build's
    snapshot gave them)."""
    if not article.paragraphs and not article.mentions:
        return article
    return replaced(article, paragraphs=(), mentions=())


def save_snapshot(
    folder: Path,
    site: Site,
    built: str,
    context: str,
    articles: dict[str, ArticleState],
    tallies: object = None,
    facts: object = None,
    saved: tuple[str, str] | None = None,
    facts_base: str | None = None,
) -> None:
    """Record a full build's site (without bodies), its ``tallies`` (``loader.Tallies``:
    what it counted over every article, for ``loader.local_update``), the ``facts`` of its
    events (``renderer.FactsTable``) and the state it was made from. ``saved``: what
    ``save_recorded_site`` returned, when the site and the tallies are saved already.

    With ``facts_base`` (the ``facts_digest`` of the last state), ``facts`` are the
    changes made to the facts that state recorded (``Renderer.facts_changes``), saved
    beside them: the table saved whole stays as it is."""
    site_digest, tallies_digest = saved or save_recorded_site(folder, site, tallies)
    if facts_base is not None and facts is not None:
        facts_digest = facts_base
        changes_digest = _save_if_any(folder / FACTS_CHANGES_FILE, facts)
    else:
        facts_digest, changes_digest = _save_if_any(folder / FACTS_FILE, facts), ""
    save_state(
        folder,
        SnapshotState(
            site_digest, built, context, articles, tallies_digest, facts_digest, changes_digest
        ),
    )


def save_recorded_site(
    folder: Path, site: Site, tallies: object = None, last: SiteParts | None = None
) -> tuple[str, str]:
    """The first part of ``save_snapshot``, which another process can do: the site
    (without bodies) and the tallies, saved; the digests the state records of them.
    ``last``: the parts of the site this one was made from (``load_recorded_site``),
    whose unchanged parts are saved as they were read, not pickled again."""
    headless = dataclasses.replace(site, articles=tuple(map(bodiless, site.articles)))
    data = _site_bytes(headless, last)
    keep_if_possible(folder / SITE_FILE, data)
    return file_digest(data), _save_if_any(folder / TALLIES_FILE, tallies)


# The site file holds the site in parts: the rest, then its articles and its events in
# runs, in the site's order (so that they are read back into memory in the order every
# later pass goes through them). A run ends after an item whose key hashes to 0 modulo
# its cut (content-defined chunking, as rsync and backup tools cut files): an added or
# removed item changes its own run only, and a rebuild that updates the last build's
# site (``loader.update``) keeps the other runs' very objects, which are then saved
# again as the bytes they were read from, not pickled again (saving the site after a new
# date on the 2,452-article benchmark takes 42 ms, not 120).
_SITE_MAGIC = b"karabakh-timeline site 2\n"
ARTICLE_CUT = 64  # articles in a run, on average
EVENT_CUT = 256  # events in a run, on average
_Item = TypeVar("_Item", Article, Event)
Run = tuple[tuple[_Item, ...], bytes | memoryview]  # a run of items, and its bytes


@dataclass(frozen=True, slots=True)
class SiteParts:
    """A site file's runs as read: each run's items (the very objects of the site read)
    and its bytes (see ``_SITE_MAGIC``)."""

    articles: tuple[Run[Article], ...]
    events: tuple[Run[Event], ...]


def _runs(
    items: tuple[_Item, ...], key_of: Callable[[_Item], str], cut: int
) -> list[tuple[_Item, ...]]:
    """``items`` in runs, each ended by an item whose key hashes to 0 modulo ``cut``."""
    runs: list[tuple[_Item, ...]] = []
    start = 0
    for end, item in enumerate(items, start=1):
        if zlib.crc32(key_of(item).encode("utf-8")) % cut == 0:
            runs.append(items[start:end])
            start = end
    if start < len(items):
        runs.append(items[start:])
    return runs


def _run_bytes(
    runs: list[tuple[_Item, ...]], last: tuple[Run[_Item], ...]
) -> list[bytes | memoryview]:
    """Each run pickled, or its bytes as read when it holds the very objects it did."""
    known = {id(items[0]): (items, data) for items, data in last if items}
    pickled: list[bytes | memoryview] = []
    for run in runs:
        items, data = known.get(id(run[0]), ((), b""))
        if len(items) == len(run) and all(map(operator.is_, items, run)):
            pickled.append(data)
        else:
            pickled.append(pickle.dumps(run, pickle.HIGHEST_PROTOCOL))
    return pickled


def _site_bytes(site: Site, last: SiteParts | None) -> bytes:
    """The site file of ``site`` (see ``_SITE_MAGIC``)."""
    article_runs = _runs(site.articles, lambda a: a.slug, ARTICLE_CUT)
    event_runs = _runs(site.events, lambda e: e.id, EVENT_CUT)
    rest = pickle.dumps(dataclasses.replace(site, articles=(), events=()), pickle.HIGHEST_PROTOCOL)
    blobs = [
        rest,
        *_run_bytes(article_runs, last.articles if last else ()),
        *_run_bytes(event_runs, last.events if last else ()),
    ]
    index = pickle.dumps(
        (len(article_runs), [len(blob) for blob in blobs]), pickle.HIGHEST_PROTOCOL
    )
    return b"".join([_SITE_MAGIC, len(index).to_bytes(8, "little"), index, *blobs])


def _site_from(data: bytes) -> tuple[Site, SiteParts] | None:
    """The site in a site file's bytes, and its runs; None if they are not one."""
    view = memoryview(data)
    start = len(_SITE_MAGIC)
    if view[:start] != _SITE_MAGIC:
        return None
    length = int.from_bytes(view[start : start + 8], "little")
    position = start + 8 + length
    article_count, sizes = pickle.loads(view[start + 8 : position])
    blobs: list[memoryview] = []
    for size in sizes:
        blobs.append(view[position : position + size])
        position += size
    rest, *runs = (pickle.loads(blob) for blob in blobs)
    if not isinstance(rest, Site) or position != len(view):
        return None
    article_runs, event_runs = runs[:article_count], runs[article_count:]
    site = dataclasses.replace(
        rest,
        articles=tuple(itertools.chain.from_iterable(article_runs)),
        events=tuple(itertools.chain.from_iterable(event_runs)),
    )
    parts = SiteParts(
        tuple(zip(article_runs, blobs[1 : 1 + article_count], strict=True)),
        tuple(zip(event_runs, blobs[1 + article_count :], strict=True)),
    )
    return site, parts


def _save_if_any(path: Path, value: object) -> str:
    """``value`` pickled at ``path`` unless it is None; the digest of what was saved."""
    data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL) if value is not None else b""
    if data:
        keep_if_possible(path, data)
    return file_digest(data)


def save_state(folder: Path, state: SnapshotState) -> None:
    keep_if_possible(folder / STATE_FILE, pickle.dumps(state, pickle.HIGHEST_PROTOCOL))


def load_state(folder: Path) -> SnapshotState | None:
    """The last build's state, or None (none, unreadable, or from other code)."""
    value = _unpickle(folder / STATE_FILE)
    return value if isinstance(value, SnapshotState) else None


def load_recorded_site(
    folder: Path, state: SnapshotState, parts: list[SiteParts] | None = None
) -> Site | None:
    """The site that goes with ``state`` (articles without bodies), or None. Its parts
    go into ``parts``, if given (for the next ``save_recorded_site``)."""
    data = _read_if(folder / SITE_FILE, state.site_digest)
    found = _unpickle_bytes(data, _site_from) if data is not None else None
    if not isinstance(found, tuple):
        return None
    if parts is not None:
        parts.append(found[1])
    return found[0]


def load_tallies(folder: Path, state: SnapshotState) -> object | None:
    """The tallies that go with ``state`` (a ``loader.Tallies``), or None."""
    return _unpickle_if(folder / TALLIES_FILE, state.tallies_digest)


def load_facts(folder: Path, state: SnapshotState) -> object | None:
    """The facts that go with ``state`` (a ``renderer.FactsTable``, with the changes
    saved since it was saved whole), or None."""
    table = _unpickle_if(folder / FACTS_FILE, state.facts_digest)
    if table is None or not state.facts_changes_digest:
        return table
    changes = _unpickle_if(folder / FACTS_CHANGES_FILE, state.facts_changes_digest)
    with_changes = getattr(table, "with_changes", None)
    if not isinstance(changes, tuple) or with_changes is None:
        return None  # (the table alone is not the state's)
    return with_changes(changes)


def load_file_stats(folder: Path) -> FileStats | None:
    """What the last scan of the inputs saw, or None."""
    value = _unpickle(folder / SCAN_FILE)
    if not isinstance(value, FileStats):
        return None
    # Read before the code is known: it may come from other code, with fields missing.
    complete = all(hasattr(value, field.name) for field in dataclasses.fields(value))
    return value if complete else None


def save_file_stats(folder: Path, stats: FileStats) -> None:
    keep_if_possible(folder / SCAN_FILE, pickle.dumps(stats, pickle.HIGHEST_PROTOCOL))


def load_stamps(folder: Path | None) -> dict[str, tuple[int, int]]:
    """The stamps of the last build's large files, by path in the output (none if no
    folder, or none readable)."""
    value = _unpickle(folder / STAMPS_FILE) if folder is not None else None
    return value if isinstance(value, dict) else {}


def save_stamps(folder: Path, stamps: dict[str, tuple[int, int]]) -> None:
    keep_if_possible(folder / STAMPS_FILE, pickle.dumps(stamps, pickle.HIGHEST_PROTOCOL))


def _unpickle_if(path: Path, digest: str) -> object:
    """The value pickled at ``path``, if its bytes have this digest; None if not."""
    data = _read_if(path, digest)
    return _unpickle_bytes(data) if data is not None else None


def _read_if(path: Path, digest: str) -> bytes | None:
    """The bytes at ``path``, if they have this digest (else they were written by another
    build than the state's); None if not."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    return data if file_digest(data) == digest else None


def _unpickle(path: Path) -> object:
    try:
        return _unpickle_bytes(path.read_bytes())
    except OSError:
        return None


def _unpickle_bytes(data: bytes, decode: Callable[[bytes], object] = pickle.loads) -> object:
    """``decode(data)``, or None when it fails."""
    try:
        with collector_paused():
            return decode(data)
    except Exception:  # a snapshot of other code: ignored, a full build follows
        return None
