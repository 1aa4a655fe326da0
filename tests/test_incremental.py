"""Rebuilds: nothing changed does nothing; one edited article gives a clean build's output."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from karabakh_timeline.builder import build

ARTICLES = Path(__file__).parent / "articles"


def tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_unchanged_rebuild_does_nothing(tmp_path: Path) -> None:
    output = tmp_path / "site"
    first = build(ARTICLES, output)
    index_inode = (output / "index.html").stat().st_ino
    again = build(ARTICLES, output)
    assert again.site is None and first.site is not None
    assert (again.articles, again.events) == (first.articles, first.events)
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
    clean = tmp_path / "clean" / "site"
    build(content, clean, use_cache=False)
    assert tree(incremental) == tree(clean)


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
    cached = sorted((output.parent / ".cache").rglob("*.pickle"))
    assert len(cached) == len(list(content.glob("*.md")))
    (content / "weekdays.md").unlink()
    build(content, output)
    assert len(sorted((output.parent / ".cache").rglob("*.pickle"))) == len(cached) - 1
