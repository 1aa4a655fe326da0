"""Quick rebuilds: an edit that changes only an article's body redraws only its page,
and the output is still exactly a clean build's (see ``karabakh_timeline.snapshot``)."""

from __future__ import annotations

import pickle
import shutil
import time
from pathlib import Path

import pytest

from karabakh_timeline import builder, snapshot
from karabakh_timeline.builder import build, cache_folder
from karabakh_timeline.cli import main
from karabakh_timeline.fingerprint import scan_inputs

from .test_incremental import (
    ARTICLES,
    _append,
    _pages_rendered,
    _watch_rebuilds,
    clean_tree,
    serving,
    tree,
)


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(ARTICLES, folder)
    return folder


@pytest.fixture
def output(content: Path, tmp_path: Path) -> Path:
    """The site built once from ``content``, as the last build before the edits."""
    folder = tmp_path / "out" / "site"
    build(content, folder)
    return folder


@pytest.fixture(params=[True, False], ids=["analysed aside", "one process"])
def fork(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Quick rebuilds with their second process, and in one process (no fork)."""
    monkeypatch.setattr(builder, "can_fork", lambda: request.param)
    return bool(request.param)


@pytest.mark.usefixtures("fork")
def test_an_undated_paragraph_redraws_only_its_article(
    content: Path, output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    index_inode = (output / "index.html").stat().st_ino
    _append(content / "weekdays.md", "\nThe editors thank the readers who wrote in.\n")
    rendered = _pages_rendered(monkeypatch)
    result = build(content, output)
    assert result.kind == "quick" and result.site is not None
    assert rendered == ["articles/weekdays.html"]
    assert result.written == 1
    assert (output / "index.html").stat().st_ino == index_inode  # linked, not rewritten
    assert "thank the readers" in (output / "articles/weekdays.html").read_text("utf-8")
    assert tree(output) == clean_tree(content, tmp_path)


def test_quick_rebuilds_follow_one_another(content: Path, output: Path, tmp_path: Path) -> None:
    for number, name in enumerate(["ranges.md", "ranges.md", "not-dates.md"]):
        _append(content / name, f"\nA note from the editors, number {number}.\n")
        assert build(content, output).kind == "quick"
        assert tree(output) == clean_tree(content, tmp_path)
    assert build(content, output).site is None  # and then nothing has changed


@pytest.mark.parametrize(
    "edit",
    [
        "\nTalks resumed on 3 May.\n",  # a new event
        "",  # a new title (below)
    ],
    ids=["a new date", "a new title"],
)
def test_an_edit_beyond_the_body_makes_a_full_build(
    content: Path, output: Path, tmp_path: Path, edit: str
) -> None:
    article = content / "ranges.md"
    if edit:
        _append(article, edit)
    else:
        text = article.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        article.write_text(text.replace(title, title + " (corrected)"), encoding="utf-8")
    result = build(content, output)
    assert result.kind != "quick"
    assert tree(output) == clean_tree(content, tmp_path)


def test_an_added_article_makes_a_full_build(content: Path, output: Path, tmp_path: Path) -> None:
    (content / "new.md").write_text(
        "---\ntitle: New\ndate: 2020-11-20\n---\n\nNothing is dated here.\n", encoding="utf-8"
    )
    assert build(content, output).kind != "quick"
    assert tree(output) == clean_tree(content, tmp_path)


def test_a_page_changed_by_hand_makes_a_full_build(
    content: Path, output: Path, tmp_path: Path
) -> None:
    (output / "index.html").write_text("<p>changed by hand</p>", encoding="utf-8")
    _append(content / "weekdays.md", "\nThe editors thank the readers who wrote in.\n")
    assert build(content, output).kind != "quick"
    assert tree(output) == clean_tree(content, tmp_path)


def test_a_build_that_fails_after_saving_its_snapshot_is_followed_by_a_full_build(
    content: Path, output: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from karabakh_timeline import builder
    from karabakh_timeline.errors import BuildError, Problem

    def failing(staging: Path, output: Path, *rest: object) -> None:
        # After every page and the snapshot (saved while, or after, the pages are made).
        raise BuildError(Problem(output, "cannot replace the folder: boom"))

    (content / "new.md").write_text(
        "---\ntitle: New\ndate: 2020-11-20\n---\n\nNothing is dated here.\n", encoding="utf-8"
    )
    before = tree(output)
    with monkeypatch.context() as patched:
        patched.setattr(builder, "_swap", failing)
        patched.setattr(builder, "_update_in_place", failing)
        with pytest.raises(BuildError, match="boom"):
            build(content, output)
    assert tree(output) == before
    state = snapshot.load_state(cache_folder(output))
    assert state is not None and state.built == scan_inputs(content, None, None).fingerprint
    # The snapshot is the failed build's; the output is still the build before it.
    _append(content / "weekdays.md", "\nThe editors thank the readers who wrote in.\n")
    assert build(content, output).kind != "quick"
    assert tree(output) == clean_tree(content, tmp_path)


@pytest.mark.parametrize("damage", ["state", "site", "both"])
def test_a_damaged_snapshot_makes_a_full_build(
    content: Path, output: Path, tmp_path: Path, damage: str
) -> None:
    folder = cache_folder(output)
    if damage in ("state", "both"):
        (folder / snapshot.STATE_FILE).write_bytes(b"not a pickle")
    if damage in ("site", "both"):
        (folder / snapshot.SITE_FILE).write_bytes(b"\x80\x05not a site")
    _append(content / "weekdays.md", "\nThe editors thank the readers who wrote in.\n")
    assert build(content, output).kind != "quick"
    assert tree(output) == clean_tree(content, tmp_path)
    assert sorted(p.name for p in output.parent.iterdir()) == [".cache", "site"]  # no staging
    _append(content / "weekdays.md", "\nAnd those who called.\n")
    assert build(content, output).kind == "quick"  # the full build wrote a new snapshot


def test_an_article_with_a_problem_is_reported_by_the_full_build(
    content: Path, output: Path
) -> None:
    from karabakh_timeline.errors import BuildError

    before = tree(output)
    (content / "weekdays.md").write_bytes(b"---\ntitle: [unclosed\n---\n\nText.\n")
    with pytest.raises(BuildError, match=r"weekdays\.md"):
        build(content, output)
    assert tree(output) == before


def test_the_report_after_a_quick_rebuild_shows_every_article(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def report(output: Path, *extra: str) -> str:
        arguments = ["--content", str(content), "--output", str(output), "--quiet", "--report"]
        assert main([*arguments, *extra]) == 0
        return capsys.readouterr().out

    output = tmp_path / "out" / "site"
    report(output)
    _append(content / "weekdays.md", "\nThe editors thank the readers who wrote in.\n")
    quick = report(output)
    assert "The editors thank the readers" in quick
    assert quick == report(tmp_path / "clean" / "site", "--no-cache")


def test_inputs_are_split_into_articles_and_their_context(content: Path) -> None:
    before = scan_inputs(content, None, None)
    assert sorted(before.articles) == sorted(p.name for p in content.glob("*.md"))
    _append(content / "weekdays.md", "\nMore.\n")
    edited = scan_inputs(content, None, None)
    assert edited.context == before.context and edited.fingerprint != before.fingerprint
    assert [name for name in before.articles if before.articles[name] != edited.articles[name]] == [
        "weekdays.md"
    ]
    (content / "site.yaml").write_text("title: Another\n", encoding="utf-8")
    (content / ".hidden").mkdir()
    (content / ".hidden" / "draft.md").write_text("x", encoding="utf-8")
    settled = scan_inputs(content, None, None)
    assert settled.context != edited.context and settled.articles == edited.articles


def test_a_scan_reads_again_only_the_files_changed_since_the_last(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from karabakh_timeline import fingerprint

    first = scan_inputs(content, None, None)
    assert first.read == len(first.files.files)
    # Files changed just before a scan (the articles, written by the test) are read again
    # at the next, times or no times (a change in the same tick of the clock would leave
    # them as they were).
    written = [path for path in first.files.files if path.startswith(str(content))]
    assert scan_inputs(content, None, None, first.files).read >= len(written) > 0
    monkeypatch.setattr(fingerprint, "RACY_NS", -(10**12))  # as if long after
    again = scan_inputs(content, None, None, first.files)
    assert again.read == 0 and again.fingerprint == first.fingerprint
    # A file whose bytes changed has other times (here a size too): read again.
    _append(content / "weekdays.md", "\nMore.\n")
    edited = scan_inputs(content, None, None, again.files)
    assert edited.read == 1 and edited.articles == scan_inputs(content, None, None).articles
    assert edited.fingerprint != first.fingerprint
    # A digest recorded for a signature the file no longer has is not taken.
    stale = fingerprint.FileStats(
        again.files.started,
        {path: (signature, "0" * 32) for path, (signature, _) in edited.files.files.items()},
    )
    (content / "weekdays.md").write_bytes((content / "weekdays.md").read_bytes().upper())
    assert scan_inputs(content, None, None, stale).articles["weekdays.md"] != "0" * 32


def test_the_code_fingerprint_is_taken_from_the_last_scan_while_its_files_are_as_they_were(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from karabakh_timeline import fingerprint

    monkeypatch.setattr(fingerprint, "_CODE", {})
    first = scan_inputs(content, None, None).files
    assert first.code is not None
    signatures, real = first.code
    assert real == fingerprint.code_fingerprint()
    assert any(path.endswith("fingerprint.py") for path, _ in signatures)
    assert any("jinja2" in path for path, _ in signatures)
    monkeypatch.setattr(fingerprint, "RACY_NS", -(10**12))  # as if long after
    recorded = fingerprint.FileStats(first.started, first.files, (signatures, "f" * 32))
    monkeypatch.setattr(fingerprint, "_CODE", {})
    assert scan_inputs(content, None, None, recorded).files.code == (signatures, "f" * 32)
    assert fingerprint.code_fingerprint() == "f" * 32  # taken: not made again
    # A source file with another signature (edited, or a library installed again): made.
    path, (size, *rest) = signatures[0]
    changed = ((path, (size + 1, *rest)), *signatures[1:])
    stale = fingerprint.FileStats(first.started, first.files, (changed, "f" * 32))
    monkeypatch.setattr(fingerprint, "_CODE", {})
    assert scan_inputs(content, None, None, stale).files.code == (signatures, real)


def test_a_scan_kept_by_other_code_is_ignored(
    content: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from karabakh_timeline import fingerprint
    from karabakh_timeline.builder import cache_folder

    output = tmp_path / "out" / "site"
    build(content, output)
    # As an earlier version pickled it: without the field for the code.
    with monkeypatch.context() as patched:
        patched.setattr(fingerprint.FileStats, "__getstate__", lambda self: [0, {}])
        old = pickle.dumps(fingerprint.FileStats(0, {}))
    (cache_folder(output) / snapshot.SCAN_FILE).write_bytes(old)
    assert snapshot.load_file_stats(cache_folder(output)) is None
    _append(content / "weekdays.md", "\nThe editors thank the readers who wrote in.\n")
    assert build(content, output).kind == "quick"


def test_serve_rebuilds_quickly_after_previewing_a_body_edit(content: Path, tmp_path: Path) -> None:
    output = tmp_path / "out" / "site"
    with serving(content, output) as server:
        _, results = _watch_rebuilds(server)
        _append(content / "weekdays.md", "\nThe editors thank the readers who wrote in.\n")
        assert server.poll() is True
        assert len(results) == 1 and results[0] is not None and results[0].kind == "quick"
        assert tree(output) == clean_tree(content, tmp_path)


@pytest.mark.usefixtures("fork")
def test_a_quick_rebuild_that_fails_leaves_the_site_and_no_staging_folder(
    content: Path, output: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = tree(output)

    def failing(*args: object) -> None:
        time.sleep(0.5)  # the other process has staged the pages that did not change
        raise RuntimeError("the disk is gone")

    monkeypatch.setattr(builder, "_recorded_renderer", failing)
    _append(content / "weekdays.md", "\nThe editors thank the readers who wrote in.\n")
    with pytest.raises(RuntimeError, match="the disk is gone"):
        build(content, output)
    assert tree(output) == before
    assert sorted(p.name for p in output.parent.iterdir()) == [".cache", "site"]
