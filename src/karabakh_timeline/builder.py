"""Stage 3 of the pipeline: write the pages to the output folder, atomically.

The whole site is written into a temporary folder beside the output and swapped in
only when every page was written, so a failed build leaves the previous site as it
was. The builder never deletes what it did not create: an existing output folder is
replaced only when it is empty or carries the marker file of an earlier build.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .errors import BuildError, Problem
from .loader import load_site
from .models import Page, Site
from .renderer import render_site

MARKER = ".karabakh-timeline"
MARKER_TEXT = "This folder was written by karabakh-timeline and is replaced on each build.\n"


@dataclass(frozen=True, slots=True)
class BuildResult:
    articles: int
    events: int
    pages: int
    seconds: float
    warnings: tuple[str, ...]
    site: Site


def build(
    content_dir: Path,
    output_dir: Path,
    base_url: str | None = None,
    templates_dir: Path | None = None,
    workers: int | None = None,
    use_cache: bool = True,
) -> BuildResult:
    """Read ``content_dir``, render the site and write it to ``output_dir``.

    Each article's analysis is cached in ``.cache/`` beside the output folder (safe to
    delete); ``workers`` caps the processes that analyse articles.
    """
    started = time.perf_counter()
    check_output_folder(content_dir, output_dir, templates_dir)
    if templates_dir is not None and not templates_dir.is_dir():
        raise BuildError(
            Problem(templates_dir, "templates folder not found (expected a directory)")
        )
    cache_dir = cache_folder(output_dir) if use_cache else None
    site = load_site(content_dir, base_url, cache_dir=cache_dir, workers=workers)
    pages = render_site(site, templates_dir)
    write_site(pages, output_dir)
    return BuildResult(
        articles=len(site.articles),
        events=len(site.events),
        pages=len(pages),
        seconds=time.perf_counter() - started,
        warnings=site.warnings,
        site=site,
    )


def cache_folder(output_dir: Path) -> Path:
    """Where analyses are cached: ``.cache/`` next to the output folder.

    A folder of our own inside it, since ``.cache`` may already be someone's (``~/.cache``).
    """
    return output_dir.resolve().parent / ".cache" / "karabakh-timeline"


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


def write_site(pages: Iterable[Page], output_dir: Path) -> None:
    """Write every page into a fresh folder, then swap it in place of ``output_dir``."""
    output = output_dir.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    staging = output.parent / f".{output.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        staging.mkdir()
        (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
        # GitHub Pages: serve files as they are, without Jekyll.
        (staging / ".nojekyll").write_bytes(b"")
        for page in pages:
            target = staging / safe_relative_path(page.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.content)
        _swap(staging, output)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def safe_relative_path(path: str) -> Path:
    """A page path that stays inside the output folder, or a BuildError."""
    pure = PurePosixPath(path)
    if (
        not path
        or pure.is_absolute()
        or ".." in pure.parts
        or "\\" in path
        or any(part.startswith(".") and part not in (".nojekyll",) for part in pure.parts)
        or "\x00" in path
    ):
        raise BuildError(Problem(path, "page path would leave the output folder; refused"))
    return Path(*pure.parts)


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
