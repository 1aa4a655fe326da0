"""Editorial control (events.yaml), cross-article merging and named entities."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_timeline.errors import BuildError
from karabakh_timeline.loader import entities as entities_module
from karabakh_timeline.loader import load_site
from karabakh_timeline.loader.entities import EntityResolver, Gazetteer, load_gazetteer, names_in
from karabakh_timeline.loader.merge import similar

STORY = """---
title: {title}
date: 2020-11-01
---

Another aggravation of the situation happened on September 27. \
Baku and Yerevan accused each other of shelling.

{extra}
"""


def story(title: str = "A story", extra: str = "") -> str:
    return STORY.format(title=title, extra=extra or "The talks went on.")


def ids_by_text(content: Path) -> dict[str, str]:
    return {event.text: event.id for event in load_site(content).events}


def test_fix_hide_and_add(write_article) -> None:
    content = write_article("a.md", story())
    ids = ids_by_text(content)
    aggravation = next(i for t, i in ids.items() if t.startswith("Another aggravation"))
    shelling = next(i for t, i in ids.items() if t.startswith("Baku and Yerevan"))
    (content / "events.yaml").write_text(
        f"- fix: {aggravation}\n  start: 2020-09-26\n"
        "- add:\n    start: 2020-11-10\n    text: A statement ends the war.\n"
        "    source: Kremlin statement\n    url: https://example.org/statement\n",
        encoding="utf-8",
    )
    site = load_site(content)
    by_id = {event.id: event for event in site.events}
    assert by_id[aggravation].start == "2020-09-26" and by_id[aggravation].status == "edited"
    assert by_id[shelling].start == "2020-09-26"  # the inherited sentence follows the fix
    (added,) = [e for e in site.events if e.status == "added"]
    assert (added.start, added.source_title, added.article) == (
        "2020-11-10",
        "Kremlin statement",
        "",
    )
    assert site.events[-1] == added
    (content / "events.yaml").write_text(f"- hide: {shelling}\n", encoding="utf-8")
    assert shelling not in {e.id for e in load_site(content).events}


@pytest.mark.parametrize(
    ("edits", "expected"),
    [
        ("- fix: e-0000000000\n  start: 2020-01-01\n", "events.yaml:1: [fix] no event has the id"),
        ("- fix: {id}\n  start: last week\n", "events.yaml:1: [start] expected start as a date"),
        ("- hide: {id}\n- fix: {id}\n  start: 2020\n", "events.yaml:2: [fix] e-"),
        ("- hide: {id}\n  fix: {id}\n", "expected exactly one of fix, hide, merge, add"),
        ("- merge: [{id}]\n", "expected at least two event ids"),
        ("- add:\n    start: 2020-01-01\n", "missing source, text"),
        ("fix: x\n", "expected a list of edits"),
        (
            "- fix: {id}\n  start: 2020-10-10\n  end: 2020-10-01\n",
            "end 2020-10-01 comes before start",
        ),
    ],
)
def test_bad_edits_name_file_and_line(write_article, edits: str, expected: str) -> None:
    content = write_article("a.md", story())
    event_id = next(iter(ids_by_text(content).values()))
    (content / "events.yaml").write_text(edits.replace("{id}", event_id), encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        load_site(content)
    messages = [str(problem) for problem in raised.value.problems]
    assert any(expected in message for message in messages), messages


def test_same_event_in_two_articles_merges_conservatively(write_article) -> None:
    write_article("a.md", story("First"))
    content = write_article(
        "b.md",
        story("Second").replace("Baku and Yerevan accused", "Officials in Baku blamed"),
    )
    site = load_site(content)
    aggravations = [e for e in site.events if "Another aggravation" in e.text]
    assert len(aggravations) == 1
    assert [e.article for e in aggravations[0].also_reported] == ["b"]
    # Different wording on the same day stays two entries.
    shelling = [e for e in site.events if "shelling" in e.text or "blamed" in e.text]
    assert len(shelling) == 2


def test_edits_survive_new_articles(write_article) -> None:
    content = write_article("a.md", story())
    event_id = next(i for t, i in ids_by_text(content).items() if t.startswith("Another"))
    (content / "events.yaml").write_text(f"- fix: {event_id}\n  start: 2020-09\n", encoding="utf-8")
    write_article("z.md", story("Other", "Something else happened on 3 March 2019."))
    by_id = {e.id: e for e in load_site(content).events}
    assert by_id[event_id].start == "2020-09"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "Baku and Yerevan accused each other of shelling.",
            "Baku and Yerevan accused each other of shelling",
            True,
        ),
        (
            "Baku and Yerevan accused each other of shelling on Sunday.",
            "Baku and Yerevan accused each other of shelling.",
            True,
        ),
        (
            "Baku and Yerevan accused each other of shelling.",
            "Moscow called for an immediate ceasefire.",
            False,
        ),
        ("The talks collapsed.", "The talks resumed.", False),
        (  # the same words, but not in the same order
            "Armenia shelled Azerbaijan and Baku then answered Yerevan at once",
            "Once at Yerevan answered then Baku and Azerbaijan shelled Armenia",
            False,
        ),
    ],
)
def test_similarity(a: str, b: str, same: bool) -> None:
    assert similar(a, b) is same


def test_names_titles_and_surnames() -> None:
    text = (
        "Azerbaijani President Ilham Aliyev met Turkish Foreign Minister Mevlut Cavusoglu in Baku. "
        "Aliyev noted that the Russian Foreign Ministry agreed. The President of Azerbaijan spoke."
    )
    found = names_in(text)
    resolver = EntityResolver(Gazetteer({}), found)
    names = resolver.entities(text)
    assert names == (
        "Ilham Aliyev",
        "Mevlut Cavusoglu",
        "Baku",
        "Russian Foreign Ministry",
        "Azerbaijan",
    )
    assert resolver.kind("Ilham Aliyev") == "person"
    assert resolver.kind("Baku") == "place"
    assert resolver.kind("Russian Foreign Ministry") == "organisation"


def test_entities_yaml_aliases(tmp_path: Path) -> None:
    (tmp_path / "entities.yaml").write_text(
        "Nagorno-Karabakh:\n  kind: place\n  aliases: [Karabakh, Artsakh]\n", encoding="utf-8"
    )
    gazetteer = load_gazetteer(tmp_path)
    resolver = EntityResolver(gazetteer, [])
    assert resolver.entities("Fighting resumed in Karabakh.") == ("Nagorno-Karabakh",)
    assert resolver.kind("Nagorno-Karabakh") == "place"


def test_entities_yaml_errors(tmp_path: Path) -> None:
    (tmp_path / "entities.yaml").write_text(
        "A:\n  kind: planet\nB: [X]\nC: [X]\n", encoding="utf-8"
    )
    with pytest.raises(BuildError) as raised:
        load_gazetteer(tmp_path)
    messages = [str(p) for p in raised.value.problems]
    assert any("entities.yaml:1: [A] expected kind" in m for m in messages), messages
    assert any("alias 'X' is given to both 'B' and 'C'" in m for m in messages), messages


def test_document_titles_keep_their_lists_but_other_names_do_not() -> None:
    found = [
        f.name
        for f in names_in(
            "It acts under the Treaty of Friendship, Cooperation and Mutual Assistance."
        )
    ]
    assert found == ["Treaty of Friendship, Cooperation and Mutual Assistance"]
    found = [f.name for f in names_in("Envoys of the Ministry of Defence, Russia and China met.")]
    assert found == ["Ministry of Defence", "Russia", "China"]


_NAME_PIECES = [
    "Treaty", "Accord", "of", "on", "and", "the", "Friendship", "Cooperation", "Ministry",
    "Defence", "U.S.", "NATO", "al", "Jean-Paul", "O'Neill", "Mr", "said", ",", ".", "\n",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NAME_PIECES), max_size=25))
def test_names_in_texts_without_documents_need_no_document_pattern(words: list[str]) -> None:
    # names_in leaves out the document titles' pattern where no document is named.
    text = " ".join(words)
    spans = [m.span() for m in entities_module._NAME_RUN.finditer(text)]
    if not entities_module._DOCUMENT.search(text):
        runs = entities_module._NAME_RUN_WITHOUT_DOCUMENTS.finditer(text)
        assert [m.span() for m in runs] == spans


def test_large_archives_give_pages_to_names_of_two_articles_or_more(monkeypatch) -> None:
    import karabakh_timeline.loader as loader
    from karabakh_timeline.loader.entities import EntityInfo
    from karabakh_timeline.models import Event

    def event(number: int, article: str, names: tuple[str, ...], *also: Event) -> Event:
        return Event(
            f"e-{number}", article, 1, 0, 1, ("It happened.",), "It happened.", "stated",
            "2020", None, "2020", entities=names, also_reported=also,
        )  # fmt: skip

    monkeypatch.setattr(loader, "LARGE_ARCHIVE_EVENTS", 3)
    reprinted = event(9, "c", ("Wire Name",))
    events = [
        event(1, "a", ("Often Named", "Once Named")),
        event(2, "a", ("Often Named", "Once Named")),  # twice, but in one article
        event(3, "b", ("Often Named", "Listed Name")),
        event(4, "a", ("Wire Name",), reprinted),  # merged with another article's report
    ]
    gazetteer = Gazetteer({"listed name": EntityInfo("Listed Name", "person", ())})
    kept = loader.keep_recurring_entities(events, gazetteer)
    assert [e.entities for e in kept] == [
        ("Often Named",),
        ("Often Named",),
        ("Often Named", "Listed Name"),
        ("Wire Name",),
    ]
    assert loader.keep_recurring_entities(events[:2], gazetteer) == events[:2]  # small: all


# (the first three share a slug, and "Ánn Lee" too, which comes after "Ann Lee 2", whose
# slug is a numbered one of theirs; "Index" is reserved; "Él Ñu" is made ASCII)
_NAMES = [
    *("Ann Lee", "Ann-Lee", "ANN LEE", "Ann Lee 2", "Ánn Lee"),
    *("Bo Ek", "Cy Ro", "Di Wu", "Index", "Él Ñu"),
]


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_NAMES), max_size=3, unique=True), min_size=1, max_size=8),
    st.lists(st.lists(st.sampled_from(_NAMES), max_size=3, unique=True), max_size=4),
    st.integers(min_value=0, max_value=8),
    st.sampled_from(["person", "place", "other"]),
)
def test_entities_updated_after_an_edit_are_those_made_again(
    before: list[list[str]], added: list[list[str]], dropped: int, kind: str
) -> None:
    # An edit replaces some events and changes the votes of a name: the entities are
    # updated from the last ones, or made again when a name that comes or goes could
    # change another's slug (None).
    from karabakh_timeline.loader.entities import site_entities, updated_entities
    from karabakh_timeline.models import Event

    def event(number: int, names: list[str]) -> Event:
        return Event(
            f"e-{number}", "a", 1, 0, 1, ("It happened.",), "It happened.", "stated",
            "2020", None, "2020", entities=tuple(names),
        )  # fmt: skip

    old = [event(number, names) for number, names in enumerate(before)]
    made = [event(100 + number, names) for number, names in enumerate(added)]
    gone, kept = old[:dropped], old[dropped:]
    votes = {name: {"person": 1} for name in _NAMES}
    revoted = {**votes, "Bo Ek": {kind: 2}}  # type: ignore[dict-item]
    last = site_entities(old, votes)  # type: ignore[arg-type]
    again = site_entities([*kept, *made], revoted)  # type: ignore[arg-type]
    updated = updated_entities(last, gone, made, revoted, {"Bo Ek"})  # type: ignore[arg-type]
    if updated is not None:
        assert updated == again
    else:  # a name came or went, which shares its slug's base with another, or is reserved
        assert [e.name for e in again] != [e.name for e in last]
        changed = {e.name for e in again} ^ {e.name for e in last}
        assert changed - {"Bo Ek", "Cy Ro", "Di Wu", "Él Ñu"}


def test_a_name_that_comes_or_goes_alone_with_its_slug_updates_the_entities() -> None:
    from karabakh_timeline.loader.entities import site_entities, updated_entities
    from karabakh_timeline.models import Event

    def event(number: int, *names: str) -> Event:
        return Event(
            f"e-{number}", "a", 1, 0, 1, ("It happened.",), "It happened.", "stated",
            "2020", None, "2020", entities=names,
        )  # fmt: skip

    votes = {"Cy Ro": {"place": 1}}
    old = [event(1, "Ann Lee", "Bo Ek"), event(2, "Ann-Lee"), event(3, "Di Wu")]
    last = site_entities(old, votes)  # type: ignore[arg-type]
    assert [e.slug for e in last] == ["ann-lee", "ann-lee-2", "bo-ek", "di-wu"]
    # Cy Ro comes, Di Wu goes: no other name's slug moves, so no slug is made again.
    made, gone = [event(4, "Cy Ro", "Bo Ek")], [old[2]]
    updated = updated_entities(last, gone, made, votes, set())  # type: ignore[arg-type]
    assert updated == site_entities([*old[:2], *made], votes)  # type: ignore[arg-type]
    assert updated is not None and updated[3].kind == "place" and updated[2].events == 2
    # Ann Lee goes: Ann-Lee would take "ann-lee", so they are all made again.
    assert updated_entities(last, [old[0]], [], votes, set()) is None  # type: ignore[arg-type]
    # ANN LEE comes, before the others in their order: made again too.
    comes = [event(5, "ANN LEE")]
    assert updated_entities(last, [], comes, votes, set()) is None  # type: ignore[arg-type]
