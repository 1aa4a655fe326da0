"""People, places and organisations named in events.

Names are runs of capitalised words ("Ilham Aliyev", "Nagorno-Karabakh", "OSCE Minsk
Group", "Treaty of Friendship"), with titles and nationality adjectives peeled off
("Azerbaijani President Ilham Aliyev" -> "Ilham Aliyev"). A surname used alone is
the full name it abbreviates elsewhere in the same article ("Aliyev" -> "Ilham
Aliyev"). An optional ``content/entities.yaml`` gives canonical names, aliases and
kinds where the rules cannot know them:

    Ilham Aliyev:
      kind: person
      aliases: [President Aliyev]
    Nagorno-Karabakh: {kind: place, aliases: [Karabakh, Artsakh]}
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ..errors import BuildError, Problem, yaml_problem
from ..models import Entity, Event, replaced
from .articles import RESERVED_SLUGS, slugify

EntityKind = Literal["person", "place", "organisation", "other"]
ENTITIES_FILE = "entities.yaml"
KINDS: tuple[EntityKind, ...] = ("person", "place", "organisation", "other")

_WORD = r"(?:(?:[A-Z]\.){2,}|[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)*|[A-Z]{2,}(?:-[A-Z0-9]+)?|[A-Z]\.)"
_CAPS = rf"{_WORD}(?:\s+{_WORD})*"
# "Treaty of Friendship, Cooperation and Mutual Assistance" is one name, commas and all;
# only documents are read this way ("Ministry of Defence, Russia and China" is three).
_DOCUMENTS = "Treaty|Agreement|Convention|Pact|Charter|Declaration|Accord"
_LISTED_TITLE = (
    rf"(?:{_CAPS}\s+)?(?:{_DOCUMENTS})"
    rf"\s+(?:of|on)\s+{_CAPS}(?:,\s+{_CAPS})*,?\s+and\s+{_CAPS}"
)
_RUN = rf"{_WORD}(?:(?:\s+(?:of|de|von|van|al|bin|del|da|and the|of the)\s+|\s+){_WORD})*"
# The lookahead in front lets the regex engine jump from capital to capital instead of
# trying both alternatives at every character: three times faster, same matches.
_NAME_RUN = re.compile(rf"(?=[A-Z])(?:{_LISTED_TITLE}|{_RUN})")
# Most texts name no document: there, trying the first alternative at every capital (a
# run of capitalised words, then backtracking) is wasted (names_in over the archive's
# paragraphs, in one process: 0.51 -> 0.40 s).
_NAME_RUN_WITHOUT_DOCUMENTS = re.compile(rf"(?=[A-Z]){_RUN}")
_DOCUMENT = re.compile(_DOCUMENTS)
_COUNTRY_ABBREVIATIONS = frozenset({"US", "USA", "UK", "UAE", "USSR", "DPRK", "PRC", "DRC"})
_JOINERS = frozenset({"of", "de", "and", "the", "al", "von", "van", "bin", "del", "da"})
_TITLES = frozenset(
    """
    President Prime Minister Foreign Defense Defence Interior Finance Secretary General Gen
    Mr Mrs Ms Dr Chancellor King Queen Pope Senator Sen Rep Governor Gov Mayor Ambassador
    Commander Chairman Chairwoman Chief Spokesman Spokeswoman Deputy Vice Colonel Col Lt
    Captain Lieutenant Admiral Sir Lord Lady Prince Princess Sheikh Premier Speaker Judge
    Justice Professor Prof Bishop Archbishop Father Rev Chairperson Head Leader Former Acting
    """.split()
)
_NOT_NAMES = frozenset(
    """
    The A An This That These Those He She It They We I You His Her Its Their Our My In On At
    By For From With After Before When While As If But And Or So Yet Also However Meanwhile
    Earlier Later Since Until During According Another Other Some Many Most All Both Several
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Today Yesterday Tomorrow Now Then
    There Here What Who Why How Where Which Mr Mrs Ms In-addition Despite Although Though
    Thus Therefore Furthermore Moreover Besides Instead Still Even Only Just Not No Yes
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Wed Thu Fri Sat Sun
    GMT UTC AM PM TV Mrs Dr St
    """.split()
)
# Nationality words the suffix rule below misses.
_DEMONYM_WORDS = frozenset(
    "French German Dutch British Greek Thai Swiss Welsh Danish Czech Arab Muslim Christian "
    "Jewish Kurdish Sunni Shiite Western Eastern Northern Southern".split()
)
_ORGANISATION_WORDS = re.compile(
    r"\b(?:Ministry|Group|Council|Union|Organi[sz]ation|Party|Bank|Army|Forces|Committee|"
    r"Treaty|Agency|Office|Department|Court|Parliament|Assembly|Commission|Company|"
    r"Corporation|Institute|University|Association|Federation|Fund|Service|Government|"
    r"Kremlin|Pentagon|Congress|Senate|Inc|Corp|Ltd|News|Novosti|Press|Times|Post)\b"
)
_PLACE_WORDS = re.compile(
    r"\b(?:Region|Province|District|City|Republic|Oblast|Valley|River|Sea|Mountains|Island|"
    r"Islands|County|State|Strait|Gulf|Peninsula|Corridor|Square|Street)\b"
)
_PLACE_BEFORE = re.compile(r"\b(?:in|from|to|at|near|across|into|of)\s+$")
# Nationality adjectives ("Azerbaijani", "Russian", "Chinese", "Turkish", "American");
# "-an" alone would also catch places such as "Azerbaijan" or "Japan".
_DEMONYM = re.compile(r"^[A-Z][a-z]+(?:i|ian|ean|can|ese|ish)$")
_INITIALS = re.compile(r"(?:[A-Z]\.){2,}")  # "U.S.", "U.N."


@dataclass(frozen=True, slots=True)
class EntityInfo:
    """A canonical entity: its name, kind and the aliases that refer to it."""

    name: str
    kind: EntityKind
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Known entities from ``entities.yaml``, looked up by any of their names."""

    by_alias: Mapping[str, EntityInfo]

    def canonical(self, name: str) -> EntityInfo | None:
        return self.by_alias.get(name.casefold())


def load_gazetteer(content_dir: Path) -> Gazetteer:
    """Read ``entities.yaml`` (optional) from the content folder."""
    path = content_dir / ENTITIES_FILE
    if not path.is_file():
        return Gazetteer({})
    import yaml  # (here: only a site with an entities.yaml needs it)

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise BuildError(yaml_problem(path, error)) from error
    if not isinstance(data, dict):
        raise BuildError(Problem(path, "expected a mapping of canonical names to aliases"))
    problems: list[Problem] = []
    by_alias: dict[str, EntityInfo] = {}
    lines = _key_lines(path)
    for name, spec in data.items():
        info = _entity(str(name), spec, path, lines.get(str(name)), problems)
        if info is None:
            continue
        for alias in (info.name, *info.aliases):
            previous = by_alias.get(alias.casefold())
            if previous is not None and previous.name != info.name:
                problems.append(
                    Problem(
                        path,
                        f"alias '{alias}' is given to both '{previous.name}' and '{info.name}'; "
                        "expected each alias to name one entity",
                        lines.get(str(name)),
                        str(name),
                    )
                )
            by_alias[alias.casefold()] = info
    if problems:
        raise BuildError(problems)
    return Gazetteer(by_alias)


def _entity(
    name: str, spec: Any, path: Path, line: int | None, problems: list[Problem]
) -> EntityInfo | None:
    if spec is None:
        return EntityInfo(name, "other")
    if isinstance(spec, list) and all(isinstance(a, str) for a in spec):
        return EntityInfo(name, "other", tuple(spec))
    if isinstance(spec, str):
        return EntityInfo(name, "other", (spec,))
    if isinstance(spec, dict):
        unknown = set(spec) - {"kind", "aliases"}
        kind = spec.get("kind", "other")
        aliases = spec.get("aliases", [])
        if isinstance(aliases, str):
            aliases = [aliases]
        if unknown:
            problems.append(
                Problem(path, f"unknown keys {sorted(unknown)}; expected kind, aliases", line, name)
            )
        elif kind not in KINDS:
            problems.append(
                Problem(
                    path, f"expected kind to be one of {', '.join(KINDS)}, got {kind!r}", line, name
                )
            )
        elif not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(Problem(path, "expected aliases to be a list of names", line, name))
        else:
            return EntityInfo(name, kind, tuple(aliases))
        return None
    problems.append(
        Problem(path, "expected a list of aliases or a mapping with kind and aliases", line, name)
    )
    return None


def _key_lines(path: Path) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = re.match(r"^(['\"]?)([^:#'\"][^:#]*?)\1\s*:", line)
        if match and not line.startswith((" ", "\t", "-")):
            lines.setdefault(match.group(2).strip(), number)
    return lines


class Found(NamedTuple):  # (made 55k times on a large archive: quicker as a tuple)
    name: str
    kind: EntityKind
    initial: bool = False  # a lone capitalised word opening a sentence: maybe not a name
    start: int = 0  # offset of the name in the text searched


def _is_demonym(word: str) -> bool:
    return word in _DEMONYM_WORDS or bool(_DEMONYM.match(word))


def names_in(text: str, sentence_starts: Iterable[int] = (0,)) -> list[Found]:
    """Capitalised names in a text, titles peeled off, with a guess at their kind."""
    starts = set(sentence_starts)
    found: list[Found] = []
    runs = _NAME_RUN if _DOCUMENT.search(text) else _NAME_RUN_WITHOUT_DOCUMENTS
    for match in runs.finditer(text):
        start = match.start()
        words = match.group().split()
        at_sentence_start = start in starts or _after_sentence_end(text, start)
        while words and words[0] in _NOT_NAMES:
            words.pop(0)  # "On October", "The President of Azerbaijan"
            at_sentence_start = False
        if (
            at_sentence_start
            and len(words) > 2
            and words[1] in _JOINERS
            and not _ORGANISATION_WORDS.search(words[0])
        ):
            # "Envoys of the Ministry": a sentence's first word is no part of the name
            # ("Bank of England" is: an institution's word).
            words.pop(0)
            at_sentence_start = False
        titled = False
        # "Russian Foreign Ministry" is a name as a whole: keep an institution's titles.
        if words and not _ORGANISATION_WORDS.search(words[-1]):
            while words and (
                words[0].rstrip(".") in _TITLES or (len(words) > 1 and _is_demonym(words[0]))
            ):
                titled = titled or words[0].rstrip(".") in _TITLES
                words.pop(0)
        place_hint = False
        while words and words[0] in _JOINERS:
            words.pop(0)
            # "President of Azerbaijan": what follows a title's "of" is where, not who.
            place_hint, titled = place_hint or titled, False
        while words and words[-1] in _JOINERS:
            words.pop()
        if not words:
            continue
        # "U.S." and "US", "U.N." and "UN" are one name.
        words = [w.replace(".", "") if "." in w and _INITIALS.fullmatch(w) else w for w in words]
        name = " ".join(words)
        if name in _NOT_NAMES or not name:
            continue
        initial = len(words) == 1 and at_sentence_start and not name.isupper()
        if len(words) == 1 and (words[0] in _TITLES or _is_demonym(words[0])):
            continue
        if len(words) == 1 and len(words[0]) == 2 and words[0].endswith("."):
            continue  # a lone initial
        before = text[max(0, start - 16) : start]
        kind = "place" if place_hint else _guess_kind(name, titled, before)
        found.append(Found(name, kind, initial, start))
    return found


def _after_sentence_end(text: str, position: int) -> bool:
    """Does only white space or an opening quote stand between position and a stop?"""
    index = position - 1
    while index >= 0 and text[index] in " \"'“‘(":
        index -= 1
    return index < 0 or text[index] in ".!?\n:"


def _guess_kind(name: str, titled: bool, before: str) -> EntityKind:
    if name in _COUNTRY_ABBREVIATIONS:
        return "place"
    if _ORGANISATION_WORDS.search(name) or (name.isupper() and len(name) <= 6):
        return "organisation"
    if _PLACE_WORDS.search(name):
        return "place"
    if titled:
        return "person"
    if _PLACE_BEFORE.search(before):
        return "place"
    return "other"


class EntityResolver:
    """Maps names found in one article to canonical entities."""

    def __init__(self, gazetteer: Gazetteer, article_names: Iterable[Found]) -> None:
        self.gazetteer = gazetteer
        self.kinds: dict[str, EntityKind] = {}
        article_names = list(article_names)
        full_names = [f.name for f in article_names if len(f.name.split()) > 1]
        self.surnames: dict[str, str] = {}
        for full in full_names:
            last = full.split()[-1]
            # A surname stands for one full name only when the article has just one.
            self.surnames[last] = full if self.surnames.get(last, full) == full else ""
        # A sentence's first word counts as a name when the article also uses it mid-sentence.
        self.known: set[str] = set()
        for found in article_names:
            if not found.initial:
                name = self.canonical(found.name)
                self.known.add(name)
                self._note(name, found.kind)

    def canonical(self, name: str) -> str:
        known = self.gazetteer.canonical(name)
        if known is not None:
            return known.name
        full = self.surnames.get(name)
        if full:
            known = self.gazetteer.canonical(full)
            return known.name if known else full
        return name

    def kind(self, canonical: str) -> EntityKind:
        known = self.gazetteer.canonical(canonical)
        if known is not None and known.kind != "other":
            return known.kind
        return self.kinds.get(canonical, "other")

    def _note(self, name: str, kind: EntityKind) -> None:
        if kind != "other" and self.kinds.get(name, "other") == "other":
            self.kinds[name] = kind
        self.kinds.setdefault(name, kind)

    def entities(self, text: str) -> tuple[str, ...]:
        """The canonical names in a text."""
        return self.names(names_in(text))

    def names(self, found_names: Iterable[Found]) -> tuple[str, ...]:
        """The canonical names of names already found, in order, each once."""
        names = [
            self.canonical(found.name)
            for found in found_names
            if not found.initial
            or self.canonical(found.name) in self.known
            or self.gazetteer.canonical(found.name)
        ]
        return tuple(dict.fromkeys(names))


_ENTITIES = operator.attrgetter("entities")


def site_entities(
    events: list[Event], kinds: Mapping[str, Mapping[EntityKind, int]]
) -> tuple[Entity, ...]:
    """Every entity named by an event, with its most common specific kind and a unique slug
    (``kinds``: for each name, how many articles gave it each kind)."""
    # (counted by C loops: an archive's entries give tens of thousands of names)
    counts = Counter(itertools.chain.from_iterable(map(_ENTITIES, events)))
    entities: list[Entity] = []
    slugs: set[str] = set(RESERVED_SLUGS)
    for name in sorted(counts, key=lambda n: (n.casefold(), n)):
        slug = base = _base_slug(name)
        number = 2
        while slug in slugs:
            slug, number = f"{base}-{number}", number + 1
        slugs.add(slug)
        entities.append(Entity(name, slug, _voted_kind(kinds.get(name, {})), counts[name]))
    return tuple(entities)


def updated_entities(
    entities: Sequence[Entity],
    gone: Iterable[Event],
    made: Iterable[Event],
    kinds: Mapping[str, Mapping[EntityKind, int]],
    revoted: Collection[str],
) -> tuple[Entity, ...] | None:
    """``site_entities`` of a site made from the one whose ``entities`` these are, with
    the events ``gone`` replaced by those ``made``, and the votes of the names ``revoted``
    changed (``kinds``, as in ``site_entities``); None when a name that comes or goes
    could change the slug of another (``site_entities`` then makes them all again).

    An edit changes a few names' counts and kinds: the others are the last site's."""
    change: Counter[str] = Counter(name for event in made for name in event.entities)
    change.subtract(name for event in gone for name in event.entities)
    updated: list[Entity] = []
    left: list[Entity] = []
    for entity in entities:
        count = entity.events + change.pop(entity.name, 0)
        if count <= 0:
            left.append(entity)
            continue
        kind = _voted_kind(kinds.get(entity.name, {})) if entity.name in revoted else entity.kind
        if count != entity.events or kind != entity.kind:
            entity = Entity(entity.name, entity.slug, kind, count)
        updated.append(entity)
    came = {name: count for name, count in change.items() if count}
    if not left and not came:
        return tuple(updated)
    if any(count < 0 for count in came.values()):
        return None  # (a name no entry gave, given one less time: not the last site's)
    return _with_names_come_and_gone(updated, left, came, kinds)


def _with_names_come_and_gone(
    kept: list[Entity],
    left: Iterable[Entity],
    came: Mapping[str, int],
    kinds: Mapping[str, Mapping[EntityKind, int]],
) -> tuple[Entity, ...] | None:
    """The ``kept`` entities (in order) without those that ``left`` and with the names that
    ``came`` (by their count), as ``site_entities`` would make them; None when one could
    change the slug of another.

    ``site_entities`` gives names their slugs in order, each the first free one of its
    base, ``base-2``, ``base-3``...: a name alone with its base, one no other slug is made
    from, takes or frees its base and touches no other name's."""
    slugs = {entity.slug for entity in kept}
    for entity in left:
        if not _alone(_base_slug(entity.name), entity.slug, slugs):
            return None
    made: list[Entity] = []
    for name in came:
        base = _base_slug(name)
        if base in RESERVED_SLUGS or not _alone(base, base, slugs):
            return None
        slugs.add(base)
        made.append(Entity(name, base, _voted_kind(kinds.get(name, {})), came[name]))
    return tuple(sorted([*kept, *made], key=lambda entity: (entity.name.casefold(), entity.name)))


def _base_slug(name: str) -> str:
    """The slug ``site_entities`` first tries for a name (numbered when taken)."""
    return slugify(name) or "entity"


def _alone(base: str, slug: str, slugs: Collection[str]) -> bool:
    """Whether a name of this ``base`` slug has it as its ``slug``, and alone: no slug of
    ``slugs`` (the other names') is the base or a numbered one of it, and it is no
    numbered one of another."""
    if slug != base or _numbered(base):
        return False
    return base not in slugs and not any(
        other.startswith(base + "-") and _numbered(other) for other in slugs
    )


def _numbered(slug: str) -> bool:
    """Whether a slug ends as ``site_entities`` numbers one ("-2", "-3"...)."""
    head, _, number = slug.rpartition("-")
    return bool(head) and number.isdigit()


def _voted_kind(votes: Mapping[EntityKind, int]) -> EntityKind:
    """The most common specific kind that articles gave a name ("other" if none)."""
    specific = [(count, kind) for kind, count in votes.items() if kind != "other"]
    return max(specific)[1] if specific else "other"


def counted_names(
    events: Iterable[Event], counts: Mapping[str, Mapping[str, int]] | None = None, sign: int = 1
) -> dict[str, dict[str, int]]:
    """For each name, the articles whose entries give it, and in how many entries each (an
    entry told by several articles counts for each of them): for a large archive's names,
    which it keeps when more than one article gives them (``recurs``).

    With ``counts`` (not changed), those counts with ``events`` added (``sign`` 1) or
    taken away (-1): an edit replaces some entries, and the rest count as they did.
    """
    counted: dict[str, dict[str, int]] = dict(counts) if counts is not None else {}
    mine: set[str] = set()  # the names whose counts are this call's own, not ``counts``'
    for event in events:
        if not event.entities:
            continue  # (most entries name no one)
        sources = entry_sources(event)
        for name in dict.fromkeys(event.entities):
            if name not in mine:
                mine.add(name)
                counted[name] = dict(counted.get(name, {}))
            per = counted[name]
            for slug in sources:
                left = per.get(slug, 0) + sign
                if left > 0:
                    per[slug] = left
                else:
                    per.pop(slug, None)
    for name in mine:
        if not counted[name]:
            del counted[name]
    return counted


def entry_sources(event: Event) -> list[str]:
    """The articles that tell an entry, each once: its own, then those of the reports
    merged into it."""
    if not event.also_reported:
        return [event.article]  # (most entries: told by one article)
    return list(dict.fromkeys([event.article, *(o.article for o in event.also_reported)]))


def recurs(name: str, named_by: Mapping[str, Collection[str]], gazetteer: Gazetteer) -> bool:
    """Whether a name keeps its page in a large archive: more than one article gives it
    (``named_by``: the articles that give each name), or ``entities.yaml`` names it."""
    return len(named_by.get(name, ())) > 1 or gazetteer.canonical(name) is not None


def with_recurring_names(
    event: Event, named_by: Mapping[str, Collection[str]], gazetteer: Gazetteer
) -> Event:
    """The event with only the names that ``recurs`` (itself, if it keeps them all)."""
    names = tuple(name for name in event.entities if recurs(name, named_by, gazetteer))
    return event if names == event.entities else replaced(event, entities=names)
