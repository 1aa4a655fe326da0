"""Rebuilds: nothing changed does nothing; one edited article gives a clean build's output."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
import pytest

from karabakh_timeline import builder, fingerprint
from karabakh_timeline.builder import BuildResult, build, cache_folder, write_site
from karabakh_timeline.errors import BuildError, Problem
from karabakh_timeline.fingerprint import bundled_templates, code_fingerprint
from karabakh_timeline.loader import ArticleBodies
from karabakh_timeline.loader.cache import PACK, ArticleCache
from karabakh_timeline.models import Page
from karabakh_timeline.renderer import FactsTable, Renderer
from karabakh_timeline.serve import DevServer
from karabakh_timeline.snapshot import (
    FACTS_FILE,
    STATE_FILE,
    bodiless,
    load_facts,
    load_file_stats,
    load_stamps,
    load_state,
)

ARTICLES = Path(__file__).parent / "articles"


def tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def clean_tree(content: Path, tmp_path: Path) -> dict[str, str]:
    """The files of a clean build of ``content`` (no cache), in a folder of ``tmp_path``."""
    clean = tmp_path / "clean" / "site"
    shutil.rmtree(clean.parent, ignore_errors=True)
    build(content, clean, use_cache=False)
    return tree(clean)


def _pages_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths Renderer._page renders from now on: the pages a rebuild did not reuse."""
    rendered: list[str] = []
    original = Renderer._page

    def spy(self, path, *args, **kwargs):
        rendered.append(path)
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(Renderer, "_page", spy)
    return rendered


def _facts_taken(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many facts each Renderer.reuse_facts takes from now on."""
    taken: list[int] = []
    original = Renderer.reuse_facts

    def spy(self, *args):
        taken.append(original(self, *args))
        return taken[-1]

    monkeypatch.setattr(Renderer, "reuse_facts", spy)
    return taken


@contextlib.contextmanager
def serving(content: Path, output: Path) -> Iterator[DevServer]:
    """A ``serve`` dev server (not listening yet) after its first build."""
    server = DevServer(content, output, port=0, quiet=True)
    try:
        assert server.rebuild() is not None
        yield server
    finally:
        server.close()


def _watch_rebuilds(
    server: DevServer, page: Path | None = None
) -> tuple[list[bytes], list[BuildResult | None]]:
    """From now on, the bytes of ``page`` as each rebuild of ``server`` starts (after a
    preview), and what each rebuild returns."""
    seen: list[bytes] = []
    results: list[BuildResult | None] = []
    full_rebuild = server.rebuild

    def rebuild() -> BuildResult | None:
        if page is not None:
            seen.append(page.read_bytes())
        results.append(full_rebuild())
        return results[-1]

    server.rebuild = rebuild  # type: ignore[method-assign]
    return seen, results


def test_unchanged_rebuild_does_nothing(tmp_path: Path) -> None:
    output = tmp_path / "site"
    first = build(ARTICLES, output)
    index_inode = (output / "index.html").stat().st_ino
    again = build(ARTICLES, output)
    assert again.site is None and first.site is not None
    assert (again.articles, again.events, again.pages) == (
        first.articles,
        first.events,
        first.pages,
    )
    assert (output / "index.html").stat().st_ino == index_inode


def test_stray_file_makes_a_real_rebuild(tmp_path: Path) -> None:
    output = tmp_path / "site"
    build(ARTICLES, output)
    (output / "stray.html").write_text("x", encoding="utf-8")
    assert build(ARTICLES, output).site is not None
    assert not (output / "stray.html").exists()


def test_one_edited_article_gives_the_clean_build(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    incremental = tmp_path / "incremental" / "site"
    build(content, incremental)
    article = content / "weekdays.md"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nThe bank met again on 2 February.\n",
        encoding="utf-8",
    )
    result = build(content, incremental)
    assert 0 < result.written < result.pages  # unchanged pages were linked, not rewritten
    assert tree(incremental) == clean_tree(content, tmp_path)


def test_cached_analysis_equals_fresh(tmp_path: Path) -> None:
    build(ARTICLES, tmp_path / "a" / "site")
    cached = tmp_path / "a" / "again"
    build(ARTICLES, cached)  # same cache folder, warm
    fresh = tmp_path / "b" / "site"
    build(ARTICLES, fresh, use_cache=False, workers=1)
    assert tree(cached) == tree(fresh)


def test_cache_keeps_only_what_the_last_build_used(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    output = tmp_path / "out" / "site"
    build(content, output)
    cached = ArticleCache(cache_folder(output)).keys()
    assert len(cached) == len(list(content.glob("*.md")))
    (content / "weekdays.md").unlink()
    assert build(content, output).kind == "local"  # the cache is tidied by a full build:
    (cache_folder(output) / STATE_FILE).unlink()  # one follows when the snapshot is lost
    _append(content / "ranges.md", "\nA paragraph added.\n")
    rebuilt = build(content, output)
    assert rebuilt.kind == "full" and rebuilt.site is not None
    left = ArticleCache(cache_folder(output)).keys()
    assert len(left) == len(list(content.glob("*.md"))) == len(cached) - 1
    assert len(cached - left) == 2  # the deleted article's analysis, and the edited one's


def test_a_damaged_cache_is_analysed_afresh(tmp_path: Path) -> None:
    output = tmp_path / "out" / "site"
    build(ARTICLES, output)
    pack = cache_folder(output) / PACK
    data = pack.read_bytes()
    pack.write_bytes(data[: len(data) // 2])  # cut short, as by a full disk
    (output / "index.html").unlink()  # so that the rebuild reads the analyses again
    build(ARTICLES, output)
    fresh = tmp_path / "fresh" / "site"
    build(ARTICLES, fresh, use_cache=False)
    assert tree(output) == tree(fresh)
    assert pack.read_bytes() == data  # written whole again


def test_analyses_made_between_full_builds_join_the_pack(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    output = tmp_path / "out" / "site"
    build(content, output)
    cache = cache_folder(output)
    article = content / "weekdays.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nMore to come.\n", "utf-8")
    assert build(content, output).kind == "quick"  # a quick rebuild, which cached its analysis
    loose = sorted(cache.glob("articles/*/*.pickle"))
    assert len(loose) == 1
    # An added article with a warning (an unknown key): not a local update, which would
    # leave the cache as it is, but a build of the whole site.
    added = (ARTICLES / "weekdays.md").read_text(encoding="utf-8")
    (content / "added.md").write_text(added.replace("title:", "autor: Ann\ntitle:", 1), "utf-8")
    assert build(content, output).kind not in ("quick", "local")
    assert not list(cache.glob("articles/*/*.pickle"))
    packed = ArticleCache(cache).keys()
    assert len(packed) == len(list(content.glob("*.md"))) and loose[0].stem in packed


def test_a_cache_without_loose_analyses_looks_for_none(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A clean build asks the cache for each of its articles: with no folder of analyses
    # kept outside the pack, no file is opened for them.
    cache = ArticleCache(tmp_path / "cache")
    opened: list[Path] = []
    open_file = Path.open

    def watched(path: Path, *args, **kwargs):
        opened.append(path)
        return open_file(path, *args, **kwargs)

    monkeypatch.setattr(Path, "open", watched)  # (which Path.read_bytes calls too)
    assert cache.get("ab" * 20) is None
    assert opened == [tmp_path / "cache" / PACK]  # the pack, looked for once
    # With such a folder, an analysis kept there is found.
    loose = ArticleCache(tmp_path / "cache")
    target = loose.path("cd" * 20)
    assert target is not None
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps("an analysis"))
    assert loose.get("cd" * 20) == "an analysis"


def _many_articles(folder: Path) -> None:
    shutil.copytree(ARTICLES, folder)
    for number in range(12):
        (folder / f"wire-{number:02d}.md").write_text(
            f"---\ntitle: Wire {number}\ndate: 2020-11-{number + 1:02d}\n---\n\n"
            f"Ilham Aliyev met Nikol Pashinyan in Moscow on {number + 1} October 2020. "
            f"Aliyev said the talks went well.\n\n"
            f"Vladimir Putin spoke to reporters in Sochi on {number + 3} October 2020.\n",
            encoding="utf-8",
        )


def _built_archive(tmp_path: Path, output: str = "out/site") -> tuple[Path, Path]:
    """The content of ``_many_articles`` in ``tmp_path``, and its output, built once."""
    content = tmp_path / "content"
    _many_articles(content)
    built = tmp_path / output
    build(content, built)
    return content, built


REPRINTED = "Ilham Aliyev met Nikol Pashinyan in Moscow on 2 October 2020. Talks went well."
CHANGES = {
    "edit a sentence": lambda c: (c / "wire-03.md").write_text(
        (c / "wire-03.md").read_text(encoding="utf-8").replace("went well", "collapsed"),
        encoding="utf-8",
    ),
    "move a date": lambda c: (c / "wire-01.md").write_text(
        (c / "wire-01.md").read_text(encoding="utf-8").replace("2 October 2020", "30 October 2020"),
        encoding="utf-8",
    ),
    # A new entry on the first page of the timeline (of several, in these tests).
    "add a dated sentence": lambda c: (c / "wire-05.md").write_text(
        (c / "wire-05.md").read_text(encoding="utf-8") + "\nTalks resumed on 9 June 2020.\n",
        encoding="utf-8",
    ),
    # A new last page of the timeline, whose list of pages every other page shows.
    "add a date in a new year": lambda c: _append(
        c / "wire-05.md", "\nTalks are due to resume on 9 June 2031.\n"
    ),
    # wire-06 reprints wire-01's dated sentence: the two entries merge into wire-01's,
    # whose page (and body) must then be drawn again.
    "reprint a dated sentence": lambda c: (c / "wire-06.md").write_text(
        (c / "wire-06.md").read_text(encoding="utf-8") + f"\n{REPRINTED}\n", encoding="utf-8"
    ),
    "add an article": lambda c: (c / "zz-new.md").write_text(
        "---\ntitle: New\ndate: 2020-11-20\n---\n\nVladimir Putin went to Baku on 19 November.\n",
        encoding="utf-8",
    ),
    "delete an article": lambda c: (c / "wire-07.md").unlink(),
    "retitle an article": lambda c: (c / "wire-05.md").write_text(
        (c / "wire-05.md").read_text(encoding="utf-8").replace("Wire 5", "Wire five"),
        encoding="utf-8",
    ),
    # Its events resolve against the new date, and it moves in the list of articles.
    "change a publication date": lambda c: (c / "wire-04.md").write_text(
        (c / "wire-04.md").read_text(encoding="utf-8").replace("2020-11-05", "2020-12-05"),
        encoding="utf-8",
    ),
    "rename the site": lambda c: (c / "site.yaml").write_text("title: Other\n", encoding="utf-8"),
    "add an alias": lambda c: (c / "entities.yaml").write_text(
        "Sochi: {kind: place, aliases: [Black Sea resort]}\n", encoding="utf-8"
    ),
}


@pytest.mark.parametrize("pieces", [False, True])
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_pages_not_rendered_again_are_still_those_of_a_clean_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str, pieces: bool
) -> None:
    # Small pages, so that year pages and parts of person pages exist and are reused.
    monkeypatch.setattr(Renderer, "page_limit", 4)
    monkeypatch.setattr(Renderer, "recent", 3)
    if pieces:
        # Every page's entries and rows kept, and the pages drawn again take those whose
        # facts are unchanged; the others (an edited sentence, a moved date, a count
        # that changed, renamed settings) are rendered again.
        monkeypatch.setattr(Renderer, "pieces_kept_from", 1)
    content = tmp_path / "content"
    _many_articles(content)
    incremental = tmp_path / "incremental" / "site"
    build(content, incremental)
    assert bool(list((cache_folder(incremental) / "pieces").rglob("*.pieces"))) == pieces
    rendered = _pieces_rendered(monkeypatch)
    CHANGES[change](content)
    result = build(content, incremental)
    made = len(rendered)
    assert tree(incremental) == clean_tree(content, tmp_path)
    assert result.site is not None
    if pieces and result.kind == "local" and change != "rename the site":
        # (the pages the rebuild drew again show many pieces, of which it made a few)
        assert 0 < made < 12


def test_pieces_kept_in_a_damaged_file_or_by_other_settings_are_not_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Renderer, "page_limit", 4)
    monkeypatch.setattr(Renderer, "pieces_kept_from", 1)
    content = tmp_path / "content"
    _many_articles(content)
    output = tmp_path / "site"
    build(content, output)
    kept = sorted((cache_folder(output) / "pieces").rglob("*.pieces"))
    for number, path in enumerate(kept):
        made_in, pieces = pickle.loads(path.read_bytes())
        # Each with the HTML of every piece changed: taken, it would show.
        pieces = {key: (facts, html + "<!-- stale -->") for key, (facts, html) in pieces.items()}
        if number % 4 == 0:
            path.write_bytes(pickle.dumps((made_in, pieces))[:-9])  # cut short
        elif number % 4 == 1:
            path.write_bytes(pickle.dumps(("other code or settings", pieces)))
        elif number % 4 == 2:
            path.write_bytes(pickle.dumps([made_in, list(pieces.items())]))
        else:  # pieces that are not pairs of strings
            path.write_bytes(pickle.dumps((made_in, dict.fromkeys(pieces, 7))))
    CHANGES["add a dated sentence"](content)
    result = build(content, output)
    assert result.kind == "local"
    assert tree(output) == clean_tree(content, tmp_path)


def _pieces_rendered(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The keys of the pieces (entries, rows) Renderer renders from now on, not taking
    them from the last build's pages."""
    rendered: list[object] = []
    original = Renderer._last_piece

    def spy(self, here, key, event):
        kept = original(self, here, key, event)
        if kept is None:
            rendered.append(key)
        return kept

    monkeypatch.setattr(Renderer, "_last_piece", spy)
    return rendered


def test_an_article_added_or_deleted_updates_the_last_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output = _built_archive(tmp_path, "site")
    rendered = _pages_rendered(monkeypatch)
    (content / "late-wire.md").write_text(
        "---\ntitle: Late wire\ndate: 2020-11-20\n---\n\n"
        "The ministers met in Vienna on 14 October 2020.\n",
        encoding="utf-8",
    )
    result = build(content, output)
    assert result.kind == "local"  # the last build's site, with the article put in
    assert "articles/late-wire.html" in rendered
    assert not [p for p in rendered if p.startswith("articles/wire-")]  # the others kept
    assert tree(output) == clean_tree(content, tmp_path)
    rendered.clear()
    (content / "wire-03.md").unlink()
    result = build(content, output)
    assert result.kind == "local" and not (output / "articles" / "wire-03.html").exists()
    assert not [p for p in rendered if p.startswith("articles/wire-")]
    assert tree(output) == clean_tree(content, tmp_path)


def test_an_added_article_with_a_slug_taken_makes_a_full_build_that_says_so(
    tmp_path: Path,
) -> None:
    content, output = _built_archive(tmp_path, "site")
    before = tree(output)
    (content / "again.md").write_text(
        "---\ntitle: Again\ndate: 2020-11-21\nslug: wire-03\n---\n\nIt rained.\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match="same slug"):
        build(content, output)
    assert tree(output) == before


@pytest.mark.parametrize("kind", ["local", "heads"])
def test_a_reprint_merges_its_entry_with_the_others_in_the_last_builds_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    content, output = _built_archive(tmp_path)
    CHANGES["reprint a dated sentence"](content)
    if kind == "heads":  # a new warning (an unknown key): the site is made again from heads
        path = content / "wire-06.md"
        path.write_text(path.read_text("utf-8").replace("title:", "autor: Ann\ntitle:", 1), "utf-8")
    rendered = _pages_rendered(monkeypatch)
    taken = _facts_taken(monkeypatch)
    result = build(content, output)
    assert result.kind == kind and not result.complete and result.site is not None
    merged = [e for e in result.site.events if e.also_reported]
    assert [(e.article, [o.article for o in e.also_reported]) for e in merged] == [
        ("wire-01", ["wire-06"])
    ]
    # The entries equal to the last build's keep their facts: all but wire-06's new one,
    # and wire-01's, which now names wire-06 too.
    assert taken == [len(result.site.events) - 2]
    # Only the edited article was read whole: the others are their heads.
    assert [a.slug for a in result.site.articles if a.paragraphs] == ["wire-06"]
    # The entry of wire-01 now names wire-06 too: its page is drawn again, with its body
    # (its key sums up the entries' sources), the page of wire-02 is not.
    assert {"articles/wire-01.html", "articles/wire-06.html"} <= set(rendered)
    assert "articles/wire-02.html" not in rendered
    page = (output / "articles/wire-01.html").read_text(encoding="utf-8")
    assert "Aliyev said the talks went well" in page
    assert tree(output) == clean_tree(content, tmp_path)
    # The reprint taken out again: wire-01's entry is its own again, in a local update.
    path = content / "wire-06.md"
    path.write_text(path.read_text("utf-8").replace(f"\n{REPRINTED}\n", ""), "utf-8")
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    assert not any(e.also_reported for e in result.site.events)
    assert tree(output) == clean_tree(content, tmp_path)
    # Reprinted twice, the sentence gives wire-06 two events with one id, which a full
    # build takes for one (the last, in the place of the first).
    path.write_text(path.read_text("utf-8") + f"\n{REPRINTED}\n\n{REPRINTED}\n", "utf-8")
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    ids = [e.id for e in result.site.events]
    assert len(ids) == len(set(ids))
    assert tree(output) == clean_tree(content, tmp_path)
    # And once again: three times.
    _append(path, f"\n{REPRINTED}\n")
    assert build(content, output).kind == "local"
    assert tree(output) == clean_tree(content, tmp_path)


def test_an_article_moved_before_the_others_takes_the_reprint_its_entry_is_nearest(
    tmp_path: Path,
) -> None:
    # Three wordings of one meeting, each near-identical to the next, the first and the
    # last not: the entry published first keeps the second, the third stays its own.
    first = (
        "On 7 May 2020 the foreign ministers of Armenia and Azerbaijan met in Geneva with "
        "the mediators to discuss a ceasefire along the line of contact."
    )
    second = first.replace("foreign", "defence").replace("Geneva", "Vienna")
    third = second.replace("ceasefire", "truce").replace("contact", "control")
    content, output = _built_archive(tmp_path)
    for name, text in (("wire-01", first), ("wire-02", second), ("wire-03", third)):
        _append(content / f"{name}.md", f"\n{text}\n")
    result = build(content, output)
    assert result.site is not None
    merged = [(e.article, [o.article for o in e.also_reported]) for e in result.site.events]
    assert [m for m in merged if m[1]] == [("wire-01", ["wire-02"])]
    # wire-03, now published first, takes the second wording. Its entries are as they
    # were, field for field (their dates are stated in full), but their place is not.
    path = content / "wire-03.md"
    path.write_text(path.read_text("utf-8").replace("2020-11-04", "2020-10-30"), "utf-8")
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    merged = [(e.article, [o.article for o in e.also_reported]) for e in result.site.events]
    assert [m for m in merged if m[1]] == [("wire-03", ["wire-02"])]
    assert tree(output) == clean_tree(content, tmp_path)


@pytest.mark.parametrize("change", ["add a dated sentence", "edit a sentence"])
def test_pages_changed_or_removed_by_hand_are_written_again_by_a_rebuild(
    tmp_path: Path, change: str
) -> None:
    # Pages the edit leaves as they were, but whose files are not as the last build left
    # them: their keys match, their files do not.
    content, output = _built_archive(tmp_path)
    changed, removed = output / "articles" / "wire-09.html", output / "articles" / "wire-10.html"
    changed.write_text(changed.read_text("utf-8") + "<!-- by hand -->", "utf-8")
    removed.unlink()
    CHANGES[change](content)
    result = build(content, output)
    assert result.kind in {"local", "quick"}
    assert tree(output) == clean_tree(content, tmp_path)


@pytest.mark.parametrize("forked", [True, False])
def test_what_the_scan_saw_of_an_edited_article_is_kept_for_the_next_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    # (On a large site, with the site saved and the pages written by other processes.)
    monkeypatch.setattr(builder, "PARALLEL_THRESHOLD", 1 if forked else 10**9)
    monkeypatch.setattr(builder, "can_fork", lambda: True)  # even if a test left a thread
    content, output = _built_archive(tmp_path)
    CHANGES["add a dated sentence"](content)
    assert build(content, output).kind == "local"
    stats = load_file_stats(cache_folder(output))
    assert stats is not None
    edited = content / "wire-05.md"
    assert stats.files[str(edited)][0] == fingerprint._signature(str(edited))


def test_a_dated_sentence_an_article_repeats_gives_one_entry_as_in_a_clean_build(
    tmp_path: Path,
) -> None:
    content, output = _built_archive(tmp_path)
    _append(content / "wire-05.md", "\nTalks resumed on 9 June 2020.\n" * 2)
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    assert [e.text for e in result.site.events].count("Talks resumed on 9 June 2020.") == 1
    assert tree(output) == clean_tree(content, tmp_path)


def test_a_new_date_puts_the_article_in_the_last_builds_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Renderer, "page_limit", 4)
    content, output = _built_archive(tmp_path)
    # A new date, and a new name (whose kind, a person, the entity's page gives).
    _append(content / "wire-05.md", "\nPresident Emmanuel Macron met them on 9 June 2020.\n")
    rendered = _pages_rendered(monkeypatch)
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    assert [a.slug for a in result.site.articles if a.paragraphs] == ["wire-05"]
    assert "articles/wire-05.html" in rendered and "articles/wire-04.html" not in rendered
    assert {e.name: e.kind for e in result.site.entities}["Emmanuel Macron"] == "person"
    assert tree(output) == clean_tree(content, tmp_path)


@pytest.mark.parametrize(
    ("wording", "every_part"),
    [
        # One entry of the first part reworded: only that part is drawn again.
        ("collapsed", False),
        # A name newly given with Aliyev: every part lists the names given with him.
        ("went well with Emmanuel Macron", True),
    ],
)
def test_a_part_of_a_names_page_is_drawn_again_when_what_it_shows_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wording: str, every_part: bool
) -> None:
    monkeypatch.setattr(Renderer, "page_limit", 4)  # Aliyev's page in several parts
    content, output = _built_archive(tmp_path)
    parts = sorted(
        f"entities/{page.name}" for page in (output / "entities").glob("ilham-aliyev*.html")
    )
    assert len(parts) > 2
    rendered = _pages_rendered(monkeypatch)
    path = content / "wire-01.md"
    path.write_text(path.read_text("utf-8").replace("went well", wording), "utf-8")
    assert build(content, output).kind == "local"
    drawn = sorted(p for p in rendered if p.startswith("entities/ilham-aliyev"))
    assert drawn == (parts if every_part else ["entities/ilham-aliyev.html"])
    assert tree(output) == clean_tree(content, tmp_path)


def test_a_local_rebuild_takes_the_facts_of_the_entries_the_edit_left_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output = _built_archive(tmp_path)
    taken = _facts_taken(monkeypatch)
    made: list[str] = []
    facts = Renderer._event_facts

    def spy(self, event):
        if event.id not in self._facts:
            made.append(event.article)
        return facts(self, event)

    monkeypatch.setattr(Renderer, "_event_facts", spy)
    keyed: list[str] = []
    key = Renderer._keyed
    monkeypatch.setattr(
        Renderer, "_keyed", lambda self, path, *a: keyed.append(path) or key(self, path, *a)
    )
    rendered = _pages_rendered(monkeypatch)
    # A new entry (on the one page of the timeline: no other entry changes its page).
    _append(content / "wire-05.md", "\nTalks resumed on 9 December 2020.\n")
    result = build(content, output)
    assert "entities/index.html" not in rendered  # it names no one: the list is the same
    assert result.kind == "local" and result.site is not None
    # All but the new one: wire-05's three others, read again, are equal to the last build's.
    assert taken == [len(result.site.events) - 1]
    assert sorted(set(made)) == ["wire-05"]
    # The keys of the pages of the other articles are the last build's, not made again.
    assert [path for path in keyed if path.startswith("articles/wire")] == ["articles/wire-05.html"]
    assert tree(output) == clean_tree(content, tmp_path)
    # Renamed, an article changes the facts of its entries only.
    (content / "wire-07.md").write_text(
        (content / "wire-07.md").read_text(encoding="utf-8").replace("Wire 7", "Wire seven"),
        encoding="utf-8",
    )
    made.clear()
    result = build(content, output)
    assert result.kind == "local" and sorted(set(made)) == ["wire-07"]
    assert tree(output) == clean_tree(content, tmp_path)
    # One more entry about Vladimir Putin: his count on the list of names changes.
    rendered.clear()
    _append(content / "wire-07.md", "\nVladimir Putin spoke again on 2 December 2020.\n")
    assert build(content, output).kind == "local"
    assert "entities/index.html" in rendered
    assert tree(output) == clean_tree(content, tmp_path)


def test_facts_saved_as_their_changes_are_those_a_build_saves_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Renderer, "page_limit", 4)  # (pages whose inputs change)
    monkeypatch.setattr(Renderer, "facts_changes_share", 1000)  # (not saved whole again)
    content, output = _built_archive(tmp_path)
    cache = cache_folder(output)
    whole = (cache / FACTS_FILE).read_bytes()
    for change in (
        "add a dated sentence",
        "reprint a dated sentence",
        "move a date",
        "retitle an article",
        "delete an article",
    ):
        CHANGES[change](content)
        assert build(content, output).kind == "local"
        assert (cache / FACTS_FILE).read_bytes() == whole  # (left as it was)
        state = load_state(cache)
        assert state is not None and state.facts_changes_digest
        kept = load_facts(cache, state)
        # What a build of the same content saves whole.
        other = tmp_path / "other" / "site"
        shutil.rmtree(other.parent, ignore_errors=True)
        build(content, other)
        fresh = load_facts(cache_folder(other), load_state(cache_folder(other)))
        assert isinstance(kept, FactsTable) and isinstance(fresh, FactsTable)
        for field in ("facts", "pages", "names", "articles", "global_key"):
            assert getattr(kept, field) == getattr(fresh, field), field
        # (with the inputs of pages gone left, which no page asks for)
        assert {path: kept.inputs.get(path) for path in fresh.inputs} == fresh.inputs
        assert tree(output) == clean_tree(content, tmp_path)


def test_the_facts_are_saved_whole_again_once_their_changes_are_many(tmp_path: Path) -> None:
    content, output = _built_archive(tmp_path)
    cache = cache_folder(output)
    saved: list[tuple[bytes, int]] = []
    for number in range(4):
        _append(content / "wire-05.md", f"\nTalks resumed on {number + 9} December 2020.\n")
        assert build(content, output).kind == "local"
        state = load_state(cache)
        assert state is not None
        changes = load_facts(cache, state).changes  # type: ignore[union-attr]
        saved.append(((cache / FACTS_FILE).read_bytes(), len(changes)))
    # Each edit adds a few changes to the table of this small archive's 40 events: past
    # an eighth of them, the table is saved whole again, and the changes start anew.
    counts = [count for _, count in saved]
    assert counts[0] == 1 and 0 in counts
    again = counts.index(0)
    assert saved[again][0] != saved[again - 1][0]
    assert tree(output) == clean_tree(content, tmp_path)


def test_a_name_whose_kind_an_edit_changes_changes_the_entries_of_other_articles(
    tmp_path: Path,
) -> None:
    # Two articles call Tavush a person, one a place; the edit makes it two places. The
    # entries of the articles left as they were show its kind: theirs are made again.
    content = tmp_path / "content"
    content.mkdir()
    texts = {
        "a": "Officials gathered in Tavush on 3 May 2020 for talks.",
        "b": "On 5 May 2020, President Tavush spoke to the press.",
        "c": "On 7 May 2020, President Tavush spoke again.",
    }
    for number, (name, text) in enumerate(texts.items(), start=1):
        (content / f"{name}.md").write_text(
            f"---\ntitle: {name}\ndate: 2020-11-0{number}\n---\n\n{text}\n", encoding="utf-8"
        )
    output = tmp_path / "out" / "site"
    build(content, output)
    _append(content / "c.md", "\nOn 8 May 2020, officials met in Tavush.\n")
    (content / "c.md").write_text(
        (content / "c.md").read_text(encoding="utf-8").replace("President Tavush", "Tavush"),
        encoding="utf-8",
    )
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    assert [(e.name, e.kind) for e in result.site.entities] == [("Tavush", "place")]
    assert tree(output) == clean_tree(content, tmp_path)


def test_the_loader_comes_without_the_tagger_and_markdown() -> None:
    # A rebuild whose analyses all come from the cache (a new date: loader.local_update)
    # imports the loader in its main process after the quick attempt; the tagger, Markdown
    # and the finding of events come with the first article analysed, YAML with the first
    # file read, the process pool with the first pool.
    heavy = (
        "markdown",
        "karabakh_timeline.timex",
        "karabakh_timeline.loader.events",
        "yaml",
        "concurrent.futures",
    )
    probe = (
        "import sys, karabakh_timeline.loader as loader\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))\n"
        "loader.load_article\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == "[]"


# In a large archive (here of a few events), names only one article gives are pruned.
PRUNING = {
    # A name only wire-05 gives: pruned before and after; the edit stays local.
    "a name of its own": ("wire-05.md", "\nJens Stoltenberg spoke in Oslo on 7 October 2020.\n"),
    # wire-03 alone gave it (pruned): with wire-05 it is kept, in wire-03's entry too,
    # made again from its analysis; the edit stays local.
    "a name another article gave": (
        "wire-05.md",
        "\nJean Monnet spoke in Oslo on 7 October 2020.\n",
    ),
}


def _pruning_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, BuildResult]:
    """The test archive, as large as prunes names (a few events here), with a name only
    wire-03 gives; its content, output and first build."""
    from karabakh_timeline import loader

    monkeypatch.setattr(loader, "LARGE_ARCHIVE_EVENTS", 3)
    content = tmp_path / "content"
    _many_articles(content)
    _append(content / "wire-03.md", "\nJean Monnet arrived in Paris on 5 October 2020.\n")
    output = tmp_path / "out" / "site"
    return content, output, build(content, output)


@pytest.mark.parametrize("change", sorted(PRUNING))
def test_names_pruned_in_a_large_archive_after_an_edit_are_a_clean_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    content, output, _ = _pruning_archive(tmp_path, monkeypatch)
    assert not (output / "entities" / "jean-monnet.html").exists()  # (pruned)
    name, text = PRUNING[change]
    _append(content / name, text)
    result = build(content, output)
    assert result.kind == "local"
    assert tree(output) == clean_tree(content, tmp_path)
    monnet = (output / "entities" / "jean-monnet.html").exists()
    assert monnet == (change == "a name another article gave")
    if monnet:  # wire-03's entry, drawn again, shows the name's new page
        assert "jean-monnet.html" in (output / "articles/wire-03.html").read_text("utf-8")


def test_a_reprint_gives_a_name_its_page_and_the_keepers_edit_undoes_the_merge(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output, _ = _pruning_archive(tmp_path, monkeypatch)
    monnet = content / "wire-03.md"
    sentence = "Jean Monnet arrived in Paris on 5 October 2020."
    # wire-05 reprints wire-03's sentence: one entry told by both, so two articles give
    # the name, which gets its page; wire-03's entry (published first) keeps it.
    _append(content / "wire-05.md", f"\n{sentence}\n")
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    merged = [(e.article, [o.article for o in e.also_reported]) for e in result.site.events]
    assert ("wire-03", ["wire-05"]) in merged
    assert (output / "entities" / "jean-monnet.html").exists()
    assert tree(output) == clean_tree(content, tmp_path)
    # wire-03 words its sentence otherwise: the two entries part, each its article's own,
    # and the name, given by two articles still, keeps its page.
    monnet.write_text(
        monnet.read_text("utf-8").replace(sentence, "Jean Monnet flew to Paris on 5 October 2020."),
        "utf-8",
    )
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    assert not any(e.also_reported for e in result.site.events)
    assert (output / "entities" / "jean-monnet.html").exists()
    assert tree(output) == clean_tree(content, tmp_path)
    # wire-05 drops the reprint: only wire-03 gives the name again, which loses its page.
    path = content / "wire-05.md"
    path.write_text(path.read_text("utf-8").replace(f"\n{sentence}\n", ""), "utf-8")
    assert build(content, output).kind == "local"
    assert not (output / "entities" / "jean-monnet.html").exists()
    assert tree(output) == clean_tree(content, tmp_path)


def test_a_deleted_article_whose_entry_kept_a_reprint_leaves_the_reprint_its_own(
    tmp_path: Path,
) -> None:
    content, output = _built_archive(tmp_path)
    CHANGES["reprint a dated sentence"](content)
    build(content, output)
    (content / "wire-01.md").unlink()
    result = build(content, output)
    assert result.kind == "local" and result.site is not None
    assert not any(e.also_reported for e in result.site.events)
    assert any(e.article == "wire-06" and e.start == "2020-10-02" for e in result.site.events)
    assert tree(output) == clean_tree(content, tmp_path)


def test_a_name_gaining_its_page_in_an_edited_entry_of_another_article_is_not_local(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    content, output, first = _pruning_archive(tmp_path, monkeypatch)
    assert first.site is not None
    monnet = next(e.id for e in first.site.events if "Monnet" in e.text)
    # events.yaml moves wire-03's entry: it is not its analysis's any more.
    (content / "events.yaml").write_text(
        f"- fix: {monnet}\n  start: 2020-10-06\n", encoding="utf-8"
    )
    build(content, output)
    _append(content / "wire-05.md", "\nJean Monnet spoke in Oslo on 7 October 2020.\n")
    result = build(content, output)
    assert result.kind == "heads"
    assert tree(output) == clean_tree(content, tmp_path)


def test_a_local_rebuild_after_a_quick_one_keeps_the_quick_ones_body(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The quick rebuild records no new site; the local one must not take the last
    # recorded site's wire-02 (its analysis before the quick edit) for the current one.
    content, output = _built_archive(tmp_path)
    _append(content / "wire-02.md", "\nA paragraph the editors added.\n")
    assert build(content, output).kind == "quick"
    _append(content / "wire-05.md", "\nPresident Emmanuel Macron met them on 9 June 2020.\n")
    # wire-02's page is drawn again too: its entries' neighbours moved.
    monkeypatch.setattr(Renderer, "page_limit", 2)
    assert build(content, output).kind == "local"
    assert "the editors added" in (output / "articles/wire-02.html").read_text("utf-8")
    assert tree(output) == clean_tree(content, tmp_path)


def test_an_edit_that_events_yaml_or_a_warning_reaches_is_not_made_locally(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    _many_articles(content)
    output = tmp_path / "out" / "site"
    first = build(content, output)
    assert first.site is not None
    hidden = next(e.id for e in first.site.events if e.article == "wire-05")
    (content / "events.yaml").write_text(f"- hide: {hidden}\n", encoding="utf-8")
    build(content, output)
    _append(content / "wire-05.md", "\nTalks resumed on 9 June 2020.\n")
    result = build(content, output)
    assert result.kind == "heads" and result.site is not None
    assert hidden not in {event.id for event in result.site.events}
    assert tree(output) == clean_tree(content, tmp_path)
    path = content / "wire-06.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title:", "autor: Ann\ntitle:", 1), "utf-8"
    )
    result = build(content, output)
    assert result.kind == "heads" and any("autor" in w for w in result.warnings)
    assert tree(output) == clean_tree(content, tmp_path)


def test_an_articles_body_comes_from_the_cache_or_from_its_file_as_it_was(
    tmp_path: Path,
) -> None:
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    result = build(content, tmp_path / "out" / "site")
    assert result.site is not None
    article = next(a for a in result.site.articles if a.slug == "weekdays")
    headless = bodiless(article)
    assert not headless.paragraphs and headless.digest == article.digest
    assert ArticleBodies(content, cache_folder(tmp_path / "out" / "site"))(headless) == article
    assert ArticleBodies(content, tmp_path / "empty")(headless) == article  # read again
    path = content / "weekdays.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"weekdays\.md.*changed while the site was being built"):
        ArticleBodies(content, tmp_path / "empty2")(headless)


def test_templates_compiled_by_a_build_are_kept_for_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    output = tmp_path / "out" / "site"
    build(ARTICLES, output)
    folder = cache_folder(output) / "templates"
    kept = list((folder / code_fingerprint()).glob("*.cache"))
    assert len(kept) == len(list(bundled_templates().glob("*.html")))
    (folder / "of-other-code").mkdir()

    def compile_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("a template was compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", compile_again)
    (output / "index.html").unlink()  # so that the rebuild renders pages
    clean = tree(output)
    build(ARTICLES, output)
    assert set(tree(output)) == set(clean) | {"index.html"}
    assert not (folder / "of-other-code").exists()


def test_templates_that_cannot_be_kept_compiled_are_no_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(jinja2.FileSystemBytecodeCache, "dump_bytecode", full_disk)
    output = tmp_path / "out" / "site"
    build(ARTICLES, output)
    assert not list((cache_folder(output) / "templates").glob("*/*.cache"))
    assert tree(output) == clean_tree(ARTICLES, tmp_path)


def test_unchanged_pages_are_not_rendered_again(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(Renderer, "page_limit", 4)
    content, output = _built_archive(tmp_path, "site")
    CHANGES["edit a sentence"](content)
    rendered = _pages_rendered(monkeypatch)
    build(content, output)
    assert "articles/wire-03.html" in rendered
    assert "articles/wire-09.html" not in rendered
    assert len([p for p in rendered if p.startswith("entities/")]) < len(
        list((output / "entities").glob("*.html"))
    )


def _append_sentence(article: Path, sentence: str) -> None:
    article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")


def test_an_added_entry_changes_its_timeline_page_not_the_others(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Renderer, "page_limit", 4)
    content, output = _built_archive(tmp_path, "site")
    timeline_pages = sorted(p.name for p in (output / "timeline").glob("*.html"))
    assert len(timeline_pages) >= 3
    # The index lists every page with its count of entries; a timeline page, without.
    assert '<span class="count">' in (output / "index.html").read_text(encoding="utf-8")
    page = (output / "timeline" / timeline_pages[0]).read_text(encoding="utf-8")
    assert 'aria-label="Years"' in page and '<span class="count">' not in page
    # 2020 has more entries than a page holds: a page per month. January has one page,
    # with room: an entry added there changes that page and no other.
    assert "2020-01.html" in timeline_pages and "2020-01-2.html" not in timeline_pages
    _append_sentence(content / "wire-05.md", "Talks resumed in Baku on 20 January 2020.")
    rendered = _pages_rendered(monkeypatch)
    build(content, output)
    assert [p for p in rendered if p.startswith("timeline/")] == ["timeline/2020-01.html"]
    assert "index.html" in rendered  # its counts changed
    assert "20 January 2020" in (output / "timeline/2020-01.html").read_text(encoding="utf-8")
    # An entry in a month that had none makes the month's page: the other pages of its
    # year list it, and the pages before and after it link to it; the others stay.
    assert "2020-06.html" not in timeline_pages
    rendered.clear()
    CHANGES["add a dated sentence"](content)  # 9 June 2020
    build(content, output)
    changed = sorted(p for p in rendered if p.startswith("timeline/"))
    assert "timeline/2020-06.html" in changed
    assert all(p.startswith(("timeline/2020-", "timeline/2020.")) for p in changed), changed
    assert len(changed) < len(list((output / "timeline").glob("*.html")))
    assert "9 June 2020" in (output / "timeline/2020-06.html").read_text(encoding="utf-8")
    assert tree(output) == clean_tree(content, tmp_path)


def test_serve_keeps_analyses_in_memory_between_builds() -> None:
    from karabakh_timeline.loader import load_site

    memory: dict[str, object] = {}
    first = load_site(ARTICLES, memory=memory)
    analysed: list[tuple[int, int]] = []
    again = load_site(
        ARTICLES, memory=memory, progress=lambda done, total: analysed.append((done, total))
    )
    assert analysed == []  # nothing analysed afresh
    assert len(memory) == len(list(ARTICLES.glob("*.md")))
    assert again.events == first.events


def test_serve_keeps_what_a_rebuild_leaves_out_of_the_collectors_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    clock = [1000.0]
    monkeypatch.setattr("karabakh_timeline.serve.time.monotonic", lambda: clock[0])
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    collections: list[int] = []
    monkeypatch.setattr(gc, "collect", lambda *a: collections.append(1) or 0)
    with serving(content, tmp_path / "site") as server:
        # Frozen after the rebuild: a full collection would go through the site again.
        assert gc.get_freeze_count() > 0
        assert not server.tidy() and collections == []  # too soon: edits may follow
        clock[0] += 5
        assert server.tidy() and collections == [1]  # idle: its garbage is collected once
        assert gc.get_freeze_count() > 0 and not server.tidy()
    assert gc.get_freeze_count() == 0  # closed: the collector has it all back


def test_a_build_freezes_what_it_loads_and_gives_it_back_to_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    content, built = _built_archive(tmp_path)
    frozen_while_rendering: list[int] = []
    real_renderer = Renderer

    def renderer_seen(*args: object, **kwargs: object) -> Renderer:
        frozen_while_rendering.append(gc.get_freeze_count())
        return real_renderer(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr("karabakh_timeline.renderer.Renderer", renderer_seen)
    frozen_while_writing: list[int] = []
    real_write_site = builder.write_site

    def write_site_seen(*args: object, **kwargs: object) -> tuple[int, int]:
        frozen_while_writing.append(gc.get_freeze_count())
        return real_write_site(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builder, "write_site", write_site_seen)
    undated = "\nThe editors thank the readers who wrote in.\n"
    edits = {
        "local": lambda: CHANGES["add a dated sentence"](content),
        "quick": lambda: (content / "wire-07.md").write_text(
            (content / "wire-07.md").read_text(encoding="utf-8") + undated, encoding="utf-8"
        ),
    }
    for kind, edit in edits.items():
        edit()
        before = gc.get_freeze_count()
        assert build(content, built).kind == kind
        assert gc.get_freeze_count() == before == 0
    # The sites loaded (the last build's, and the local update's) were frozen while the
    # pages were made; the collector had them back after each build.
    assert len(frozen_while_rendering) >= 2
    assert all(count > 0 for count in frozen_while_rendering)
    # The local update's renderer (the first one made) was frozen too before its pages
    # were written.
    assert frozen_while_writing[0] > frozen_while_rendering[0]


def test_pages_shared_among_processes_give_the_same_site(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder, "PARALLEL_THRESHOLD", 0)  # fork even for a small site
    monkeypatch.setattr(builder, "can_fork", lambda: True)  # even if a test left a thread
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    serial = tmp_path / "serial" / "site"
    build(content, serial, workers=1)
    parallel = tmp_path / "parallel" / "site"
    build(content, parallel, workers=3)
    assert tree(parallel) == tree(serial)
    article = content / "ranges.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nTalks resumed on 3 May.\n", "utf-8")
    edited = build(content, parallel, workers=3)
    assert 0 < edited.written < edited.pages
    build(content, serial, workers=1)
    assert tree(parallel) == tree(serial)


_TEST_PROCESS = os.getpid()


def _failing_source(take: Callable[[int], bool], start: int) -> list[Page]:
    if os.getpid() != _TEST_PROCESS:  # in the forked page writer
        raise BuildError(Problem("entity.html", "template error: boom", 3))
    return [Page(f"page-{number}.html", b"<p>fine</p>") for number in range(4) if take(number)]


def _dying_source(take: Callable[[int], bool], start: int) -> list[Page]:
    if os.getpid() != _TEST_PROCESS:
        os._exit(3)  # killed, as by the out-of-memory killer: no error to send back
    return [Page(f"page-{number}.html", b"<p>fine</p>") for number in range(4) if take(number)]


@pytest.mark.parametrize(
    ("source", "message"),
    [(_failing_source, "template error: boom"), (_dying_source, "stopped unexpectedly")],
)
def test_a_failing_page_process_fails_the_build_and_keeps_the_site(
    tmp_path: Path, source: object, message: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder, "can_fork", lambda: True)  # even if a test left a thread
    output = tmp_path / "site"
    build(ARTICLES, output)
    before = tree(output)
    with pytest.raises(BuildError) as raised:
        write_site(source, output, workers=2)  # type: ignore[arg-type]
    assert message in str(raised.value)
    assert tree(output) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "site"]  # no staging left


def test_a_rebuild_updates_the_output_in_place(tmp_path: Path) -> None:
    content, output = _built_archive(tmp_path, "site")
    untouched = output / "articles" / "weekdays.html"
    inode, folder = untouched.stat().st_ino, output.stat().st_ino
    (output / ".stray").write_text("put here by hand", encoding="utf-8")
    CHANGES["add a dated sentence"](content)
    result = build(content, output)
    assert result.kind == "local" and result.written > 0
    assert untouched.stat().st_ino == inode  # left where it was: not rewritten
    assert output.stat().st_ino == folder  # the same folder, not a new one swapped in
    assert tree(output) == clean_tree(content, tmp_path)
    # Only the site and its cache: no staging folder, no mark of an update under way.
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "clean", "content", "site"]
    assert not (output / builder.UPDATING).exists() and not (output / ".stray").exists()


def test_a_build_stopped_while_updating_the_output_is_followed_by_a_whole_one(
    tmp_path: Path,
) -> None:
    content, output = _built_archive(tmp_path, "site")
    # As a build killed while moving its files: some of them moved (of the same size as
    # before: nothing but the mark tells), the manifest the old one.
    (output / builder.UPDATING).write_bytes(b"")
    page = output / "articles" / "weekdays.html"
    page.write_bytes(page.read_bytes().replace(b"</main>", b"</MAIN>"))
    assert builder.read_manifest(output) == {}  # nothing in it is to be trusted
    result = build(content, output)  # the inputs are those the manifest records
    assert result.site is not None and result.kind == "full"
    assert tree(output) == clean_tree(content, tmp_path)
    assert not (output / builder.UPDATING).exists()


def test_two_pages_on_one_path_are_refused_without_touching_the_live_site(tmp_path: Path) -> None:
    output = tmp_path / "site"
    build(ARTICLES, output)
    before = tree(output)
    index = (output / "index.html").read_bytes()
    pages = [Page("index.html", index), Page("index.html", b"<p>other</p>")]
    with pytest.raises(BuildError, match="two pages would be written to this path"):
        write_site(pages, output)
    assert tree(output) == before


def test_serve_started_on_an_up_to_date_site_previews_the_first_edit(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    output = tmp_path / "out" / "site"
    build(content, output)
    with serving(content, output) as server:  # its first build finds nothing to do
        assert server.site is not None  # the last build's, from its snapshot
        page = output / "articles" / "weekdays.html"
        seen_by_rebuild, _ = _watch_rebuilds(server, page)
        _append(content / "weekdays.md", "\nA sentence added in the editor.\n")
        assert server.poll() is True
        assert b"A sentence added in the editor." in seen_by_rebuild[0]  # before the rebuild
        assert tree(output) == clean_tree(content, tmp_path)


def test_serve_previews_an_edited_article_before_rebuilding(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    output = tmp_path / "out" / "site"
    with serving(content, output) as server:
        page = output / "articles" / "weekdays.html"
        seen_by_rebuild, _ = _watch_rebuilds(server, page)
        article = content / "weekdays.md"
        article.write_text(
            article.read_text(encoding="utf-8") + "\nA sentence added in the editor.\n", "utf-8"
        )
        assert server.poll() is True
        assert b"A sentence added in the editor." in seen_by_rebuild[0]  # before the rebuild
        rebuilt = page.read_bytes()
        assert seen_by_rebuild[0] == rebuilt  # the same page, when no entry moved
        assert tree(output) == clean_tree(content, tmp_path)

        # A broken edit is not previewed: the last good page stays until it is fixed.
        article.write_text("---\ntitle: Broken\n---\n", encoding="utf-8")
        assert server.poll() is True
        assert page.read_bytes() == rebuilt
        # Nor is an edit with another file (here a template), which may change any page.
        assert server.preview([str(content / "weekdays.md"), str(tmp_path / "x.html")]) == []


def test_serve_merges_a_reprint_and_parts_it_again_as_a_clean_build_does(
    tmp_path: Path,
) -> None:
    content, output = _built_archive(tmp_path)
    with serving(content, output) as server:
        _, results = _watch_rebuilds(server)
        CHANGES["reprint a dated sentence"](content)
        assert server.poll() is True
        merged = results[-1]
        assert merged is not None and merged.kind == "local" and merged.site is not None
        assert any(e.also_reported for e in merged.site.events)
        assert tree(output) == clean_tree(content, tmp_path)
        path = content / "wire-06.md"
        path.write_text(path.read_text("utf-8").replace(f"\n{REPRINTED}\n", ""), "utf-8")
        assert server.poll() is True
        parted = results[-1]
        assert parted is not None and parted.kind == "local" and parted.site is not None
        assert not any(e.also_reported for e in parted.site.events)
        assert tree(output) == clean_tree(content, tmp_path)


def test_index_and_exports_are_made_again_only_when_an_entry_changed(
    tmp_path: Path, monkeypatch
) -> None:
    # Page keys at work in a full rebuild: the edits below touch one article's body
    # first, which would otherwise take the quick rebuild (tests/test_quick_rebuild.py).
    monkeypatch.setattr(builder, "quick_rebuild", lambda *args: None)
    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    output = tmp_path / "site"
    build(content, output)
    made: list[str] = []  # the exports made again
    lines: list[tuple[str, str]] = []  # (export, event id) of each line made again
    original = Renderer._export

    def spy(self, path, line, document):
        def made_line(event):
            lines.append((path, event.id))
            return line(event)

        return original(self, path, made_line, lambda found: made.append(path) or document(found))

    monkeypatch.setattr(Renderer, "_export", spy)
    rendered = _pages_rendered(monkeypatch)
    article = content / "weekdays.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nNo date here.\n", "utf-8")
    build(content, output)
    assert made == []  # the article's page changed, no entry did
    assert "articles/weekdays.html" in rendered and "index.html" not in rendered
    article.write_text(article.read_text(encoding="utf-8") + "\nTalks on 4 March.\n", "utf-8")
    result = build(content, output)
    assert sorted(made) == ["events.json", "timelinejs.json"]
    assert "index.html" in rendered
    # Only the new entry's lines are made; the others are the last build's (but for the
    # events TimelineJS cannot place, which have no line to keep).
    new = [e.id for e in result.site.events if e.timex == "4 March"]
    assert len(new) == 1 and len(result.site.events) > 10
    assert [event for path, event in lines if path == "events.json"] == new
    placed = json.loads((output / "timelinejs.json").read_text(encoding="utf-8"))["events"]
    unplaced = {e.id for e in result.site.events} - {record["unique_id"] for record in placed}
    made_again = {event for path, event in lines if path == "timelinejs.json"}
    assert new[0] in made_again and made_again <= {new[0], *unplaced}
    assert tree(output) == clean_tree(content, tmp_path)


def test_serve_preview_follows_edits_and_is_undone_when_the_rebuild_fails(
    tmp_path: Path,
) -> None:
    import json

    content = tmp_path / "content"
    shutil.copytree(ARTICLES, content)
    output = tmp_path / "out" / "site"
    with serving(content, output) as server:
        events = json.loads((output / "events.json").read_text(encoding="utf-8"))["events"]
        rally = next(e for e in events if e["text"].startswith("Markets rallied"))
        hidden = next(e for e in events if e["text"].startswith("The governor"))
        (content / "events.yaml").write_text(
            f"- fix: {rally['id']}\n  start: 2019-03-02\n- hide: {hidden['id']}\n", "utf-8"
        )
        assert server.poll() is True
        page = output / "articles" / "weekdays.html"
        good = page.read_bytes()
        assert b"2 March 2019" in good and b"The governor will" not in good.split(b"<ol")[-1]
        article = content / "weekdays.md"
        text = article.read_text(encoding="utf-8")
        article.write_text(text + "\nA calm day.\n", "utf-8")
        previews, _ = _watch_rebuilds(server, page)
        assert server.poll() is True
        assert b"A calm day." in previews[0]
        assert previews[0] == page.read_bytes()  # the fix and the hide applied in the preview
        # The fixed sentence removed: events.yaml names an event that is gone, so the
        # rebuild fails, and the page previewed in the meantime is put back.
        good = page.read_bytes()
        article.write_text(text.replace("Markets rallied last Friday", "Markets fell"), "utf-8")
        assert server.poll() is True
        assert b"Markets fell" in previews[1]
        assert page.read_bytes() == good


@pytest.mark.parametrize("stamped", [False, True])
def test_an_export_changed_by_hand_is_not_taken_for_the_last_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stamped: bool
) -> None:
    if stamped:  # (these exports are small: stamped too, they are told by their stamps)
        monkeypatch.setattr(builder, "STAMPED_FROM", 0)
    content, output = _built_archive(tmp_path, "site")
    export = output / "events.json"
    assert ("events.json" in load_stamps(cache_folder(output))) == stamped
    # The same length, one headline changed: only its digest, or its stamp, tells.
    export.write_text(
        export.read_text(encoding="utf-8").replace("Vladimir Putin", "Vladimir Putim", 1),
        encoding="utf-8",
    )
    CHANGES["add a dated sentence"](content)
    build(content, output)
    assert tree(output) == clean_tree(content, tmp_path)


def test_an_export_as_its_stamp_says_is_taken_without_its_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(builder, "STAMPED_FROM", 0)
    content, output = _built_archive(tmp_path, "site")
    manifest = output / builder.MARKER
    export = output / "events.json"
    # (the manifest written in a later tick of the clock than the exports, as it mostly is)
    latest = max(path.stat().st_mtime_ns for path in output.glob("*.json"))
    os.utime(manifest, ns=(latest + 10**6,) * 2)
    checked: list[str] = []
    digest = builder.file_digest
    monkeypatch.setattr(
        builder,
        "file_digest",
        lambda data: checked.append(type(data).__name__) or digest(data),
    )
    CHANGES["add a dated sentence"](content)
    build(content, output)
    assert "mmap" not in checked  # (the last exports, mapped: none was read through)
    assert tree(output) == clean_tree(content, tmp_path)
    # Written in the tick the manifest was: a change then could keep its time; the digest
    # tells.
    os.utime(manifest, ns=(export.stat().st_mtime_ns,) * 2)
    checked.clear()
    _append(content / "wire-06.md", "\nTalks resumed on 10 June 2020.\n")
    build(content, output)
    assert "mmap" in checked
    assert tree(output) == clean_tree(content, tmp_path)


def test_export_lines_only_from_the_build_that_wrote_the_export(tmp_path: Path) -> None:
    import pickle

    output = tmp_path / "site"
    result = build(ARTICLES, output)
    memory = builder.LastExports(cache_folder(output), output, builder.read_manifest(output))
    made_in, _key, facts, lengths = pickle.loads(memory._facts_file("events.json").read_bytes())
    last = memory.last("events.json", made_in)
    assert last is not None and last.facts == facts
    assert len(facts) == len(result.site.events)
    records = json.loads((output / "events.json").read_text(encoding="utf-8"))["events"]
    lines = [json.loads(bytes(last.records(n, n))) for n in range(len(facts))]
    assert [line["id"] for line in lines] == [r["id"] for r in records]
    assert memory.last("events.json", "other code or settings") is None
    # Facts recorded by a build that failed afterwards: not those of the file there.
    memory.remember("events.json", made_in, "the key of a build that failed", facts, lengths)
    assert memory.last("events.json", made_in) is None
