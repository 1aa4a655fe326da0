"""Fingerprints of what a build reads, cheap to compute before anything heavy is imported.

The builder compares them with the previous build's to skip a build that would change
nothing, and to find which articles alone changed (a quick rebuild, see ``snapshot``);
the loader's cache keys include the code's.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
import os
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

CACHE_FORMAT = "1"


def bundled_templates() -> Path:
    """The bundled templates folder (the repository's top-level ``templates/``)."""
    return Path(str(importlib.resources.files("karabakh_timeline.templates")))


@cache
def code_fingerprint() -> str:
    """A hash of this package's source and of the libraries that shape the analysis."""
    digest = hashlib.blake2b(CACHE_FORMAT.encode(), digest_size=16)
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    for library in ("markdown", "pyyaml", "python-dateutil", "jinja2", "markupsafe"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library}={metadata.version(library)}".encode())
    return digest.hexdigest()


def file_digest(data: bytes) -> str:
    """The digest by which a build knows a file's bytes again (a build digests every page
    it writes, 100 MB for a large archive: SHA-256, which processors now compute in
    hardware, takes half the time of BLAKE2 here)."""
    return hashlib.sha256(data).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class InputScan:
    """Everything a build reads, summed up: as a whole, and split into the articles and
    the rest (the context of the articles: settings, templates, options and code)."""

    fingerprint: str
    context: str
    articles: dict[str, str]  # each Markdown file's path in the content folder -> file_digest


def scan_inputs(content_dir: Path, templates_dir: Path | None, base_url: str | None) -> InputScan:
    """Read every input of a build once (content, templates, options, code)."""
    whole = hashlib.blake2b(digest_size=20)
    context = hashlib.blake2b(digest_size=20)
    for digest in (whole, context):
        digest.update(code_fingerprint().encode())
        digest.update(repr(base_url).encode())
    articles: dict[str, str] = {}
    folders = [("content", content_dir), ("bundled", bundled_templates())]
    if templates_dir is not None:
        folders.append(("templates", templates_dir))
    for label, folder in folders:
        for relative, path in files_under(folder):
            with open(path, "rb") as stream:
                data = file_digest(stream.read())
            whole.update(f"{label}/{relative}\0{data}".encode())
            if label == "content" and _article_like(relative):
                articles[relative] = data
            else:
                context.update(f"{label}/{relative}\0{data}".encode())
    return InputScan(whole.hexdigest(), context.hexdigest(), articles)


def files_under(folder: Path) -> list[tuple[str, str]]:
    """(path relative to ``folder`` with "/", path) of every file below it, in a fixed
    order; like ``Path.rglob``, links to folders are not followed. Plain strings and
    ``os.scandir``: an archive has thousands of files, and this runs before every build."""
    found: list[tuple[str, str]] = []

    def visit(directory: str, prefix: str) -> None:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    visit(entry.path, f"{prefix}{entry.name}/")
            elif entry.is_file():
                found.append((prefix + entry.name, entry.path))

    visit(os.fspath(folder), "")
    return found


def _article_like(relative: str) -> bool:
    """A path the loader may read as an article (it decides; anything else is context)."""
    hidden = any(part.startswith(".") for part in relative.split("/"))
    return relative.endswith(".md") and not hidden
