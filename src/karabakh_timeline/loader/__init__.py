"""Stage 1 of the pipeline: read ``content/`` into a ``Site`` of articles and dated events.

- ``config``: ``site.yaml``
- ``articles``: one file's front matter and body
- ``markup``: Markdown to sanitised paragraphs
- ``sentences``: the sentence splitter
- ``events``: dates in sentences to timeline events
The dates themselves are recognised and resolved by ``karabakh_timeline.timex``.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import os
import pickle
import re
import stat
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..atomic import keep_if_possible
from ..errors import BuildError, Problem
from ..fingerprint import article_like, file_digest, files_under
from ..models import (
    Article,
    Event,
    Mention,
    Paragraph,
    Site,
    collector_paused,
    pickled_by_fields,
    replaced,
)
from ..snapshot import ArticleState, bodiless, head_digest
from ..timeline import chronological
from .articles import RawArticle, read_article
from .cache import ArticleCache, article_key, map_in_pool
from .config import load_config
from .editorial import EDITS_FILE, apply_edits, load_edits
from .entities import (
    EntityKind,
    EntityResolver,
    Gazetteer,
    counted_names,
    load_gazetteer,
    names_in,
    site_entities,
    with_recurring_names,
)
from .merge import merge_duplicates, sketch
from .update import Change, Tallies, updated_site

if TYPE_CHECKING:
    import markdown

    from .markup import Block

# The tagger and Markdown are imported when an article is analysed, not with the loader: a
# rebuild that takes every analysis from the cache starts without them (0.04 s).

__all__ = [
    "ArticleBodies",
    "Heads",
    "Record",
    "Tallies",
    "analyse_article",
    "find_article_files",
    "load_article",
    "load_site",
    "local_update",
    "reanalyse",
]

PARAGRAPH_SEPARATOR = "\n\n"
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def load_site(
    content_dir: Path,
    base_url: str | None = None,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    memory: dict[str, object] | None = None,
    record: Record | None = None,
    meanwhile: Callable[[], None] | None = None,
    heads: Heads | None = None,
) -> Site:
    """Read every article under ``content_dir``; raise BuildError listing all problems.

    ``cache_dir`` keeps each article's analysis between builds; ``workers`` caps the
    processes used to analyse articles (default: one per core; 1 for none);
    ``progress(done, total)`` hears about the articles analysed afresh; ``memory`` keeps
    analyses in this process between builds (``serve``); ``record`` receives what was
    read of each article file and what was counted over them all (for ``snapshot``);
    ``meanwhile`` is other work for this process while others analyse the articles;
    ``heads``: where articles' heads can be taken in place of their whole analyses.
    """
    if not content_dir.is_dir():
        raise BuildError(Problem(content_dir, "content folder not found (expected a directory)"))
    # Nearly all that is made here lasts as long as the site: the collector would only go
    # through it again and again as it grows (a fifth of a second on a large archive).
    with collector_paused():
        return _load_site(
            content_dir, base_url, cache_dir, workers, progress, memory, record, meanwhile, heads
        )


@dataclass(slots=True)
class Record:
    """What a build read (for ``snapshot``): each article file's state, by its path in the
    content folder, and what it counted over them all."""

    articles: dict[str, ArticleState] = dataclasses.field(default_factory=dict)
    tallies: Tallies | None = None


@dataclass(frozen=True, slots=True)
class Heads:
    """For a rebuild: articles whose head (their analysis without the body) can be taken
    from the cache without reading their files (see ``snapshot``). ``recorded``: what
    the last build read of each file (its digest, and its analysis's key in the cache);
    ``digests``: each article file's digest now, as the build's input scan found it.

    The site's articles whose heads were taken come without their bodies.
    """

    recorded: Mapping[str, ArticleState]
    digests: Mapping[str, str]

    def key(self, relative: str) -> str | None:
        """The key of this file's analysis, if the file is as it was then."""
        state = self.recorded.get(relative)
        if state is None or not state.key or state.file != self.digests.get(relative):
            return None
        return state.key


def _load_site(
    content_dir: Path,
    base_url: str | None,
    cache_dir: Path | None,
    workers: int | None,
    progress: Callable[[int, int], None] | None,
    memory: dict[str, object] | None,
    record: Record | None,
    meanwhile: Callable[[], None] | None,
    heads: Heads | None,
) -> Site:
    config = load_config(content_dir, base_url)
    gazetteer = load_gazetteer(content_dir)
    edits = load_edits(content_dir)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    articles: list[Article] = []
    events: list[Event] = []
    kinds: dict[str, dict[EntityKind, int]] = {}  # how many articles gave each name a kind
    sketches: dict[str, frozenset[int]] = {}
    states = record.articles if record is not None else {}
    files = _article_files(content_dir, problems)
    cache = (
        ArticleCache(cache_dir, memory, _analysis_from)
        if (cache_dir or memory is not None)
        else None
    )
    for (relative, _), (digest, loaded) in zip(
        files,
        _load_all(content_dir, files, gazetteer, cache, workers, progress, meanwhile, heads),
        strict=True,
    ):
        states[relative] = ArticleState(digest, loaded.head, _analysis_key(loaded))
        problems.extend(loaded.problems)
        warnings.extend(loaded.warnings)
        sketches.update(loaded.sketches)
        if loaded.result is not None:
            article, article_events, article_kinds = loaded.result
            articles.append(article)
            events.extend(article_events)
            for name, kind in article_kinds.items():
                counted = kinds.get(name)
                if counted is None:  # (not setdefault: it would make a dict every time)
                    counted = kinds[name] = {}
                counted[kind] = counted.get(kind, 0) + 1
    _check_unique_slugs(articles, problems)
    if problems:
        raise BuildError(problems)
    articles.sort(key=lambda a: (a.date, a.slug))
    by_slug = {article.slug: article for article in articles}
    events = apply_edits(events, edits, content_dir / EDITS_FILE)
    events = merge_duplicates(events, by_slug, sketches)
    pruned = len(events) >= LARGE_ARCHIVE_EVENTS
    named_by = counted_names(events) if pruned else {}
    events = keep_recurring_entities(events, gazetteer, named_by)
    if record is not None:
        record.tallies = Tallies(named_by, kinds, pruned)
    return Site(
        config=config,
        articles=tuple(articles),
        events=tuple(chronological(events, by_slug)),
        warnings=tuple(str(w) for w in warnings),
        entities=site_entities(events, kinds),
    )


def reanalyse(
    content_dir: Path, names: list[str], cache_dir: Path | None = None
) -> list[tuple[ArticleState, Article | None]] | None:
    """Analyse these article files again (paths in the content folder) and cache their
    analyses: what was read of each, and the article (None if it has a problem). None if
    one is no longer an article. (Only models: the caller need not import the loader.)"""
    gazetteer = load_gazetteer(content_dir)
    cache = ArticleCache(cache_dir, decode=_analysis_from)
    settings = _settings(gazetteer)
    root = content_dir.resolve()
    analysed: list[tuple[ArticleState, Article | None]] = []
    for name in names:
        path = content_dir / name
        if not path.is_file() or not path.resolve().is_relative_to(root):
            return None  # a full build says what is wrong
        relative = Path(name)
        data = path.read_bytes()
        key = article_key(relative, data, settings)
        target = cache.path(key) if cache_dir else None
        loaded = _analysis_from(_load_job(LoadJob(relative, data, gazetteer, target, key)))
        article = loaded.result[0] if loaded.result and not loaded.problems else None
        analysed.append((ArticleState(file_digest(data), loaded.head, key), article))
    return analysed


def local_update(
    content_dir: Path,
    cache_dir: Path,
    site: Site,
    tallies: Tallies,
    recorded: Mapping[str, ArticleState],
    edited: Sequence[str],
) -> tuple[Site, Tallies, dict[str, ArticleState]] | None:
    """The last build's ``site`` (articles without bodies) with the edited article files
    (paths in the content folder; added or deleted ones too) put in, when their edits
    stay local (see ``update``), with its new tallies and what was read of every article
    file now; None when a full build is due. Their new analyses must be in the cache
    already (``reanalyse``); what the last build read of them is found there by the keys
    ``recorded`` gives."""
    cache = ArticleCache(cache_dir, decode=_analysis_from)
    paths = _PathsBySlug(site.articles)  # (_as_recorded keeps each slug, as it keeps the file)
    site = _as_recorded(site, recorded, cache, paths)
    if site is None:
        return None
    gazetteer = load_gazetteer(content_dir)
    settings = _settings(gazetteer)
    changes: list[Change] = []
    states = dict(recorded)
    for name in edited:
        before = recorded.get(name)  # None: an article added
        old = _cached_head(cache, before.key) if before is not None else None
        if before is not None and (old is None or old.result is None):
            return None
        old_analysis = old.result if old is not None else None
        old_warnings = tuple(map(str, old.warnings)) if old is not None else ()
        path = content_dir / name
        if before is not None and not os.path.lexists(path):  # an article deleted
            changes.append(Change(old_analysis, old_warnings, None, ()))
            del states[name]
            continue
        try:
            data = path.read_bytes()
        except OSError:
            return None
        new = cache.get(article_key(Path(name), data, settings))
        if not isinstance(new, Loaded) or new.problems or new.result is None:
            return None  # (a full build reports the problems)
        changes.append(
            Change(old_analysis, old_warnings, new.result, tuple(map(str, new.warnings)))
        )
        states[name] = ArticleState(file_digest(data), new.head, _analysis_key(new))
    edited_ids = {i for edit in load_edits(content_dir) for i in edit.ids}

    def analysed(slug: str) -> Sequence[Event] | None:
        """An unchanged article's events as its analysis gave them."""
        state = recorded.get(paths.of(slug))
        head = _cached_head(cache, state.key) if state is not None else None
        return head.result[1] if head is not None and head.result is not None else None

    updated = updated_site(
        site, tallies, changes, edited_ids, gazetteer, LARGE_ARCHIVE_EVENTS, analysed
    )
    return (*updated, states) if updated is not None else None


class _PathsBySlug:
    """Each article's file (its path in the content folder), by slug: made a string only
    when asked for (it costs microseconds, thousands of them milliseconds, and an update
    asks for a few at most)."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self._articles = articles
        self._by_slug: dict[str, Article] | None = None

    def of(self, slug: str) -> str:
        """The file of the article ``slug`` ("" if there is none)."""
        if self._by_slug is None:
            self._by_slug = {article.slug: article for article in self._articles}
        article = self._by_slug.get(slug)
        return article.source_path.as_posix() if article is not None else ""


def _as_recorded(
    site: Site, recorded: Mapping[str, ArticleState], cache: ArticleCache, paths: _PathsBySlug
) -> Site | None:
    """The recorded site with each article's analysis the one ``recorded`` names (None if
    one is missing). A quick rebuild records no site: an article it read again has, in
    the recorded site, the same head but the digest of its analysis before."""
    keys = {state.key for state in recorded.values()}
    if len(keys) == len(site.articles) and all(a.digest in keys for a in site.articles):
        # Each article's digest is the key recorded of a file, one each: of its own file,
        # as a key sums up the file's path (``article_key``).
        return site
    articles = list(site.articles)
    for index, article in enumerate(articles):
        state = recorded.get(paths.of(article.slug))
        if state is None:
            return None
        if state.key != article.digest:
            head = _cached_head(cache, state.key)
            if head is None or head.result is None:
                return None
            articles[index] = head.result[0]
    return dataclasses.replace(site, articles=tuple(articles))


class ArticleBodies:
    """For a site loaded from heads (see ``Heads``): an article with its body, from the
    cache (by ``Article.digest``, the key of its analysis), or else read again."""

    def __init__(self, content_dir: Path, cache_dir: Path | None) -> None:
        self.content_dir = content_dir
        self.cache = ArticleCache(cache_dir, decode=_analysis_from)
        self._gazetteer: Gazetteer | None = None

    def __call__(self, article: Article) -> Article:
        if article.paragraphs:
            return article  # analysed afresh by this build: it has its body
        cached = self.cache.get(article.digest) if article.digest else None
        if isinstance(cached, Loaded) and cached.result is not None:
            return cached.result[0]
        return self._read_again(article)

    def _read_again(self, article: Article) -> Article:
        relative = article.source_path
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer(self.content_dir)
        try:
            data = (self.content_dir / relative).read_bytes()
        except OSError as error:
            raise BuildError(Problem(relative, f"cannot be read: {error.strerror}")) from error
        key = article_key(relative, data, _settings(self._gazetteer))
        if key != article.digest:
            changed = "changed while the site was being built; expected it as it was (build again)"
            raise BuildError(Problem(relative, changed))
        job = LoadJob(relative, data, self._gazetteer, self.cache.path(key), key)
        loaded = _analysis_from(_load_job(job))
        if loaded.result is None or loaded.problems:  # (it was read without any before)
            raise BuildError(loaded.problems or (Problem(relative, "cannot be read again"),))
        return loaded.result[0]


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Loaded:
    """One article file, analysed (or what was wrong with it)."""

    result: tuple[Article, list[Event], dict[str, EntityKind]] | None
    problems: tuple[Problem, ...]
    warnings: tuple[Problem, ...]
    sketches: dict[str, frozenset[int]] = dataclasses.field(default_factory=dict)  # merge.sketch
    head: str = ""  # snapshot.head_digest of the result

    def headless(self) -> Loaded:
        """This analysis with the article ``bodiless`` (see ``Heads``)."""
        if self.result is None:
            return self
        article, events, kinds = self.result
        return replaced(self, result=(bodiless(article), events, kinds))


def _load_all(
    content_dir: Path,
    files: list[tuple[str, Path]],
    gazetteer: Gazetteer,
    cache: ArticleCache | None,
    workers: int | None,
    progress: Callable[[int, int], None] | None = None,
    meanwhile: Callable[[], None] | None = None,
    heads: Heads | None = None,
) -> list[tuple[str, Loaded]]:
    """Every file's analysis (and the digest of its bytes), from the cache where its key
    is there, in path order; or only its head, when ``heads`` knows its key."""
    settings = _settings(gazetteer)
    keys: list[str] = []  # of the files to analyse
    used: set[str] = set()
    found: dict[int, Loaded] = {}
    digests: list[str] = []

    def jobs() -> Iterator[LoadJob]:
        """The files to analyse, read one by one as the pool takes them."""
        for index, (name, path) in enumerate(files):
            recorded = heads.key(name) if heads is not None else None
            head = _cached_head(cache, recorded) if cache is not None else None
            if heads is not None and recorded is not None and head is not None:
                digests.append(heads.digests[name])
                found[index] = head
                used.add(recorded)
                continue
            data = path.read_bytes()
            digests.append(file_digest(data))
            relative = Path(name)
            key = article_key(relative, data, settings)
            used.add(key)
            cached = cache.get(key) if cache is not None else None
            if isinstance(cached, Loaded):
                found[index] = cached
            else:
                keys.append(key)
                # Not cached by the worker: this process keeps them all in one pack.
                yield LoadJob(relative, data, gazetteer, None, key)

    # (map_in_pool takes every job before the first analysis comes back.)
    report = (lambda done: progress(done, len(keys))) if progress is not None else None
    fresh = map_in_pool(
        _load_job,
        jobs(),
        workers,
        report,
        _unpickled,
        meanwhile,
        expected=len(files),
        # A worker reads hundreds of articles: it imports the tagger and gets its rules
        # ready first (the lazy start, for a rebuild that reads one, would cost it more).
        warm_up=_warm_up_tagger,
    )
    missing = [i for i in range(len(files)) if i not in found]
    pickled: dict[str, bytes] = {}
    for index, key, (blob, loaded) in zip(missing, keys, fresh, strict=True):
        found[index] = loaded
        pickled[key] = blob
        if cache is not None:
            cache.remember(key, loaded)
    if cache is not None:
        cache.store(used, pickled)
    return [(digests[i], found[i]) for i in range(len(files))]


def _analysis_key(loaded: Loaded) -> str:
    """The key of an analysis in the cache ("" for a file that could not be read)."""
    return loaded.result[0].digest if loaded.result is not None else ""


def _unpickled(data: bytes) -> tuple[bytes, Loaded]:
    return data, _analysis_from(data)


# An analysis as the cache keeps it (and as a worker sends it back): its head (the
# ``Loaded`` with the article ``bodiless``), then the article's body, pickled apart so that
# a rebuild can read the heads alone (``Heads``); the head's length first.
_LENGTH = 8


def _analysis_bytes(loaded: Loaded) -> bytes:
    head = pickle.dumps(loaded.headless(), pickle.HIGHEST_PROTOCOL)
    article = loaded.result[0] if loaded.result is not None else None
    body = (article.paragraphs, article.mentions) if article is not None else None
    return b"".join(
        [len(head).to_bytes(_LENGTH, "little"), head, pickle.dumps(body, pickle.HIGHEST_PROTOCOL)]
    )


def _parts(data: bytes | memoryview) -> tuple[bytes | memoryview, bytes | memoryview]:
    """The head and the body of a kept analysis, still pickled."""
    end = _LENGTH + int.from_bytes(data[:_LENGTH], "little")
    return data[_LENGTH:end], data[end:]


def _head_from(data: bytes | memoryview | None) -> Loaded | None:
    """The head of a kept analysis (None if there is none, or it cannot be read)."""
    if data is None:
        return None
    try:
        head = pickle.loads(_parts(data)[0])
    except Exception:  # damaged, or from other code: analysed again
        return None
    return head if isinstance(head, Loaded) else None


def _cached_head(cache: ArticleCache, key: str | None) -> Loaded | None:
    """The head of the analysis the cache keeps by ``key`` (None if it keeps none)."""
    return _head_from(cache.pickled(key)) if key else None


def _analysis_from(data: bytes | memoryview) -> Loaded:
    """A kept analysis, whole (raises ValueError if it cannot be read)."""
    head = _head_from(data)
    if head is None:
        raise ValueError("not an analysis")
    body = pickle.loads(_parts(data)[1])
    if head.result is None:
        return head
    article, events, kinds = head.result
    if not isinstance(body, tuple) or len(body) != 2:
        raise ValueError("not an article's body")
    paragraphs, mentions = body
    whole = replaced(article, paragraphs=paragraphs, mentions=mentions)
    return replaced(head, result=(whole, events, kinds))


def _settings(gazetteer: Gazetteer) -> bytes:
    """The settings an article's analysis depends on (part of its cache key)."""
    return pickle.dumps(sorted((k, v.name, v.kind) for k, v in gazetteer.by_alias.items()))


@dataclass(frozen=True, slots=True)
class LoadJob:
    """One article file to analyse, and where to cache its analysis (if anywhere)."""

    relative: Path
    data: bytes
    gazetteer: Gazetteer
    cache_path: Path | None
    key: str  # article_key: the analysis's digest (Article.digest)


def _load_job(job: LoadJob) -> bytes:
    """An article's ``Loaded``, pickled: once for both the cache and the way back from a
    worker process (which would otherwise pickle it a second time)."""
    problems: list[Problem] = []
    warnings: list[Problem] = []
    result = load_article(job.relative, job.data, problems, warnings, job.gazetteer, job.key)
    # Sketched here, in parallel, rather than when the events of all articles are merged.
    sketches = {event.text: sketch(event.text) for event in result[1]} if result else {}
    head = head_digest(*result, warnings) if result else ""
    pickled = _analysis_bytes(Loaded(result, tuple(problems), tuple(warnings), sketches, head))
    if job.cache_path is not None:
        # Only for a quick rebuild's articles; a full build keeps its analyses in one pack.
        keep_if_possible(job.cache_path, pickled)
    return pickled


# In a large archive a person's or place's page is for following them across articles: a
# name met in one article only (a passing mention, a misread capital, a company that one
# story is about) stays in that article's text and timeline, but gets no page or filter.
LARGE_ARCHIVE_EVENTS = 1000


def keep_recurring_entities(
    events: list[Event],
    gazetteer: Gazetteer,
    sources: Mapping[str, Mapping[str, int]] | None = None,
) -> list[Event]:
    """In a large archive, drop names that only one article names in its events (unless
    they are in entities.yaml). ``sources``: ``counted_names(events)``, if made already."""
    if len(events) < LARGE_ARCHIVE_EVENTS:
        return events
    articles = sources if sources is not None else counted_names(events)
    return [with_recurring_names(event, articles, gazetteer) for event in events]


def find_article_files(content_dir: Path, problems: list[Problem]) -> Iterator[Path]:
    """Every ``*.md`` file under the content folder, sorted; links leading outside refused."""
    for _, path in _article_files(content_dir, problems):
        yield path


def _article_files(content_dir: Path, problems: list[Problem]) -> list[tuple[str, Path]]:
    """``find_article_files``, each with its path in the content folder ("a/b.md").

    Listed and told apart as the input scan does (``files_under``: ``os.scandir``, plain
    strings, not into linked folders; ``article_like``): ``Path.rglob`` and the sorting
    of its paths took 30 ms on an archive of thousands of articles, on every build that
    reads them.
    """
    root = content_dir.resolve()
    found: list[tuple[str, Path]] = []
    for relative, name in files_under(content_dir):
        if not article_like(relative):
            continue
        try:
            mode = os.lstat(name).st_mode
        except OSError:
            continue
        path = Path(name)
        if stat.S_ISLNK(mode):
            # Only a link can lead outside (one call: pathlib's resolve costs more than
            # reading the file, on thousands of files).
            if not path.is_file():
                continue
            if not path.resolve().is_relative_to(root):
                outside = "is a link to a file outside the content folder; not followed"
                problems.append(Problem(Path(relative), outside))
                continue
        elif not stat.S_ISREG(mode):
            continue
        found.append((relative, path))
    return found


def load_article(
    relative: Path,
    data: bytes,
    problems: list[Problem],
    warnings: list[Problem],
    gazetteer: Gazetteer | None = None,
    digest: str = "",
) -> tuple[Article, list[Event], dict[str, EntityKind]] | None:
    """Validate and analyse one article file's bytes (``relative`` names it in messages;
    ``digest`` is the article's, see ``Article.digest``)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            Problem(relative, f"expected UTF-8 text; byte {data[error.start]:#x} is not", line)
        )
        return None
    # Control characters (pasted from other systems) are invalid in HTML and XML alike.
    text = _CONTROL_CHARACTERS.sub("", text.lstrip("\ufeff"))
    raw = read_article(text, relative, problems, warnings)
    if raw is None:
        return None
    return analyse_article(raw, _converter(), gazetteer or Gazetteer({}), digest)


@functools.cache
def _converter() -> markdown.Markdown:
    """One Markdown converter per process (it is reset before each article)."""
    from .markup import new_markdown

    return new_markdown()


def _warm_up_tagger() -> None:
    from ..timex import warm_up

    warm_up()


def analyse_article(
    raw: RawArticle, converter: object, gazetteer: Gazetteer, digest: str = ""
) -> tuple[Article, list[Event], dict[str, EntityKind]]:
    """Paragraphs, recognised dates and events of a validated article."""
    from ..timex import analyse
    from .markup import markdown_blocks

    blocks = markdown_blocks(raw.body, converter)  # type: ignore[arg-type]
    paragraphs = _paragraphs(blocks, raw)
    text = PARAGRAPH_SEPARATOR.join(p.text for p in paragraphs)
    analysis = analyse(text, raw.date)
    starts = _paragraph_starts(paragraphs)
    mentions: list[Mention] = []
    mention_index: dict[tuple[int, int], int] = {}
    for timex in analysis.timexes:
        number = bisect.bisect_right(starts, timex.start)
        offset = starts[number - 1]
        if timex.end > offset + len(paragraphs[number - 1].text):
            continue  # runs across paragraphs: cannot be marked up in one place
        mention_index[(timex.start, timex.end)] = len(mentions)
        mentions.append(
            Mention(
                paragraph=number,
                start=timex.start - offset,
                end=timex.end - offset,
                text=timex.text,
                type=timex.type,
                value=timex.value,
                mod=timex.mod,
            )
        )
    intervals_by_paragraph: dict[int, list[tuple[int, int, str, int | None, int | None]]] = {}
    for interval in analysis.intervals:
        number = bisect.bisect_right(starts, interval.start)
        offset = starts[number - 1]
        begin = (
            mention_index.get((interval.begin.start, interval.begin.end))
            if interval.begin
            else None
        )
        finish = (
            mention_index.get((interval.finish.start, interval.finish.end))
            if interval.finish
            else None
        )
        if (interval.begin and begin is None) or (interval.finish and finish is None):
            continue
        intervals_by_paragraph.setdefault(number, []).append(
            (interval.start - offset, interval.end - offset, interval.text, begin, finish)
        )
    mentions_by_paragraph: dict[int, list[tuple[int, Mention]]] = {}
    for index, mention in enumerate(mentions):
        mentions_by_paragraph.setdefault(mention.paragraph, []).append((index, mention))
    # Imported here, by the process that analyses articles (a rebuild whose analyses all
    # come from the cache never does: 8 ms of patterns compiled for nothing).
    from .events import ParagraphInput, dated_spans_for, extract_events

    inputs = [
        ParagraphInput(
            number=p.number,
            text=p.text,
            dated=dated_spans_for(
                mentions_by_paragraph.get(p.number, []),
                intervals_by_paragraph.get(p.number, []),
                mentions,
            ),
        )
        for p in paragraphs
    ]
    events = extract_events(raw.slug, raw.date.isoformat(), inputs)
    found = {p.number: names_in(p.text) for p in paragraphs}  # in text order
    starts = {number: [f.start for f in names] for number, names in found.items()}
    resolver = EntityResolver(gazetteer, [name for names in found.values() for name in names])

    def names_of(event: Event) -> tuple[str, ...]:
        offsets = starts.get(event.paragraph, [])
        first = bisect.bisect_left(offsets, event.start_offset)
        last = bisect.bisect_left(offsets, event.end_offset)
        return resolver.names(found[event.paragraph][first:last])

    events = [replaced(e, entities=names_of(e)) for e in events]
    kinds = {name: resolver.kind(name) for e in events for name in e.entities}
    article = Article(
        slug=raw.slug,
        source_path=raw.path,
        title=raw.title,
        date=raw.date,
        source=raw.source,
        url=raw.url,
        tags=raw.tags,
        paragraphs=tuple(paragraphs),
        mentions=tuple(mentions),
        digest=digest,
    )
    return article, events, kinds


def _paragraphs(blocks: list[Block], raw: RawArticle) -> list[Paragraph]:
    body_lines = raw.body.splitlines()
    paragraphs: list[Paragraph] = []
    search_from = 0
    for number, block in enumerate(blocks, start=1):
        line, search_from = _find_line(body_lines, block.text, search_from)
        paragraphs.append(
            Paragraph(
                number=number,
                tag=block.tag,
                text=block.text,
                chunks=tuple(block.chunks),
                line=raw.body_line + line,
            )
        )
    return paragraphs


def _find_line(lines: list[str], text: str, search_from: int) -> tuple[int, int]:
    """The body line where a block's text starts (best effort, for messages only)."""
    probe = " ".join(text.split()[:3])
    if probe:
        for index in range(search_from, len(lines)):
            if probe[:12] in lines[index]:
                return index, index + 1
    return search_from, search_from


def _paragraph_starts(paragraphs: list[Paragraph]) -> list[int]:
    starts: list[int] = []
    position = 0
    for paragraph in paragraphs:
        starts.append(position)
        position += len(paragraph.text) + len(PARAGRAPH_SEPARATOR)
    return starts


def _check_unique_slugs(articles: list[Article], problems: list[Problem]) -> None:
    seen: dict[str, Article] = {}
    for article in articles:
        if article.slug in seen:
            problems.append(
                Problem(
                    article.source_path,
                    f"has the same slug '{article.slug}' as {seen[article.slug].source_path}; "
                    "expected every article to have its own (rename the file or set 'slug')",
                )
            )
        else:
            seen[article.slug] = article
