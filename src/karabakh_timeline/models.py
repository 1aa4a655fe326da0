"""The typed hand-offs between the pipeline stages.

loader -> ``Site`` (config, articles, events) -> renderer -> ``Page`` list -> builder.
Every stage takes and returns these frozen dataclasses only, so each stage can be
tested, or replaced, on its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import hashlib
import io
import operator
import pickle
import sys
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal, TypeVar

_T = TypeVar("_T")

# stated: the sentence gives the date; inherited: it continues a dated report;
# ordered: only known to come before another event; edited: an editor fixed the date
# (content/events.yaml); added: an editor added the event by hand.
DateStatus = Literal["stated", "inherited", "ordered", "edited", "added"]


def pickled_by_fields(cls: type[_T]) -> type[_T]:
    """Pickle a frozen, slotted dataclass as its field values, in field order, loaded by
    a function that makes the instance and fills its slots (``_slot_filler``).

    Loading the default pickle of such a class sets each field through Python code, and
    calling the class sets each through ``object.__setattr__`` (a frozen ``__init__``);
    filling the slots directly takes a quarter of the first and half of the second. It
    counts: a rebuild loads the last build's site, tens of thousands of events, and a
    full build the cached analyses of thousands of articles.
    """
    names = tuple(f.name for f in fields(cls))  # type: ignore[arg-type]
    values = _field_values(names)
    make = _slot_filler(cls, names)

    def __reduce__(self: object) -> tuple[Callable[..., object], tuple[object, ...]]:
        return (make, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[method-assign,assignment]
    _FIELD_NAMES[cls] = names
    _MAKERS[cls] = make
    return cls


def _field_values(names: tuple[str, ...]) -> Callable[[object], tuple[object, ...]]:
    """The values of the fields ``names`` of an instance, as a tuple: ``attrgetter`` of
    several names (a single name would give the value itself)."""
    if len(names) > 1:
        return operator.attrgetter(*names)
    return lambda value: tuple(getattr(value, name) for name in names)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_MAKERS: dict[type, Callable[..., object]] = {}


def _slot_filler(cls: type[_T], names: tuple[str, ...]) -> Callable[..., _T]:
    """A function of the field values (in order) that makes an instance of ``cls`` and
    sets its slots through their descriptors, which a frozen class does not forbid; the
    class itself when it checks its values (``__post_init__``) or has no slots.

    Generated, as dataclasses generates ``__init__``, and put in the class's module,
    where pickle finds it by its name.
    """
    slots = vars(cls)
    if hasattr(cls, "__post_init__") or not all(
        isinstance(slots.get(name), types.MemberDescriptorType) for name in names
    ):
        return cls
    # Its own names in dunder form, as dataclasses does: no field is named so.
    setters = {f"__set_{name}__": slots[name].__set__ for name in names}
    body = "".join(f"    __set_{name}__(__made__, {name})\n" for name in names)
    source = (
        f"def make({', '.join(names)}):\n"
        f"    __made__ = __new__(__class_made__)\n{body}    return __made__\n"
    )
    namespace: dict[str, object] = {"__new__": object.__new__, "__class_made__": cls, **setters}
    exec(source, namespace)  # (field names only: identifiers of our own classes)
    make = namespace["make"]
    make.__name__ = make.__qualname__ = f"_made_{cls.__qualname__.replace('.', '_')}"
    make.__module__ = cls.__module__
    setattr(sys.modules[cls.__module__], make.__name__, make)
    return make  # type: ignore[return-value]


def replaced(value: _T, /, **changes: object) -> _T:
    """``dataclasses.replace`` for a class made ``pickled_by_fields``, in a fraction of
    its time (the slots filled with all the values, where ``replace`` first looks each
    field up by name, then calls the class): the loader replaces thousands of events."""
    cls = type(value)
    _, values = value.__reduce__()  # type: ignore[misc]
    fresh = [changes.pop(name, old) for name, old in zip(_FIELD_NAMES[cls], values, strict=True)]
    if changes:
        raise TypeError(f"{cls.__name__} has no fields {sorted(changes)}")
    return _MAKERS[cls](*fresh)  # type: ignore[return-value]


@contextlib.contextmanager
def collector_paused(freeze: bool = False) -> Iterator[None]:
    """No garbage collection while many long-lived objects are made (loading a site's
    snapshot): the collector would go through them again and again on the way, for a
    quarter of the time, and none of them is garbage.

    ``freeze``: they live as long as the caller, who unfreezes them (``gc.unfreeze``)
    when done. Frozen before the collector resumes: its first collection would otherwise
    go through them all as its youngest generation, then again as they age (0.02 s
    after loading a large archive's snapshot).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if collecting:
            gc.enable()


def pickled_digest(value: object) -> str:
    """A digest of a value made of these models, tuples, lists, strings, numbers and dates.

    Pickled without a memo, so equal values give equal bytes however their objects
    happen to be shared; faster than digesting a ``repr`` (dataclasses' is Python code).
    """
    stream = io.BytesIO()
    pickler = pickle.Pickler(stream, pickle.HIGHEST_PROTOCOL)
    pickler.fast = True
    pickler.dump(value)
    return hashlib.blake2b(stream.getvalue(), digest_size=16).hexdigest()


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class SiteConfig:
    """Settings from ``content/site.yaml`` (every key optional)."""

    title: str = "News timeline"
    description: str = "A chronological timeline built from news articles."
    language: str = "en"
    base_url: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Chunk:
    """One piece of a paragraph's sanitised HTML.

    ``kind`` is "text" (plain, unescaped text that is part of the paragraph's text),
    "tag" (a serialised, already safe start or end tag) or "break" (a separator that
    counts as text, so sentences do not run across list items, but renders as nothing).
    """

    kind: Literal["text", "tag", "break"]
    content: str


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Mention:
    """A temporal expression recognised in a paragraph, with its resolved value."""

    paragraph: int  # 1-based paragraph number
    start: int  # offsets into Paragraph.text, end exclusive
    end: int
    text: str
    type: str  # TIMEX3 type: DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value
    mod: str | None = None


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Paragraph:
    """A top-level block of an article (paragraph, heading, list, quote...)."""

    number: int  # 1-based; the anchor on the article page is ``p<number>``
    tag: str  # the block's HTML element, e.g. "p", "h2", "ul"
    text: str
    chunks: tuple[Chunk, ...]
    line: int  # line of the source file where the block starts (for messages)

    @property
    def anchor(self) -> str:
        return f"p{self.number}"


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    source_path: Path  # relative to the content folder
    title: str
    date: dt.date
    source: str | None
    url: str | None
    tags: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    mentions: tuple[Mention, ...] = ()
    # A digest of all the article was made from (file, path, code, settings: the loader's
    # cache key), so that its page's key need not sum up the article itself; "" if unknown.
    digest: str = ""


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Event:
    """One timeline entry: what happened, when, and where the text says so."""

    id: str
    article: str  # the article's slug
    paragraph: int  # 1-based paragraph number in the article
    start_offset: int  # offsets of the sentence(s) in Paragraph.text
    end_offset: int
    sentences: tuple[str, ...]
    headline: str
    status: DateStatus
    start: str | None  # TIMEX3 value of the start, None when only ordered
    end: str | None  # TIMEX3 value of the end; None for a point
    timex: str | None  # the expression as written that dated the event
    mod: str | None = None  # TIMEX3 mod of the dating expression (START, MID, ...)
    open_end: bool = False  # "since 1992": the end is the article's date
    open_start: bool = False  # "until 15 January": nothing known of the start
    before: str | None = None  # for status "ordered": the value it happened before
    after: str | None = None  # for status "ordered": the value it happened after
    inherited_from: str | None = None  # id of the event whose date was inherited/ordered by
    mentions: tuple[int, ...] = ()  # indexes into Article.mentions of the dating expressions
    entities: tuple[str, ...] = ()  # people, places and organisations named, canonical names
    also_reported: tuple[Event, ...] = ()  # the same event in other articles, merged into this
    source_title: str | None = None  # for events added by hand: where they come from
    source_url: str | None = None

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Entity:
    """A person, place or organisation named in events (see loader/entities.py)."""

    name: str  # canonical name
    slug: str
    kind: Literal["person", "place", "organisation", "other"]
    events: int  # how many events name it


@pickled_by_fields
@dataclass(frozen=True, slots=True)
class Site:
    """Everything the loader read: the input of the renderer."""

    config: SiteConfig
    articles: tuple[Article, ...]
    events: tuple[Event, ...]  # in chronological order
    warnings: tuple[str, ...] = field(default_factory=tuple)
    entities: tuple[Entity, ...] = ()  # sorted by name


def article_path(slug: str) -> str:
    """Where an article's page is, relative to the site root."""
    return f"articles/{slug}.html"


@dataclass(frozen=True, slots=True)
class Page:
    """One output file, as bytes, at a path relative to the output folder.

    ``key`` sums up everything the page was rendered from, when the renderer can tell;
    ``reused`` says the page was not rendered at all because the previous build's page
    had the same key (``content`` is then empty and the builder keeps the old file).
    """

    path: str
    content: bytes
    key: str | None = None
    reused: bool = False
