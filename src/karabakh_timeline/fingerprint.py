"""Fingerprints of what a build reads, cheap to compute before anything heavy is imported.

The builder compares them with the previous build's to skip a build that would change
nothing; the loader's cache keys include the code's.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.resources
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


def inputs_fingerprint(content_dir: Path, templates_dir: Path | None, base_url: str | None) -> str:
    """A hash of everything a build reads: content, templates, options and code."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(code_fingerprint().encode())
    digest.update(repr(base_url).encode())
    folders = [("content", content_dir), ("bundled", bundled_templates())]
    if templates_dir is not None:
        folders.append(("templates", templates_dir))
    for label, folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
                digest.update(hashlib.blake2b(path.read_bytes(), digest_size=16).digest())
    return digest.hexdigest()
