"""Fingerprints of what a build reads, cheap to compute before anything heavy is imported.

The builder compares them with the previous build's to skip a build that would change
nothing, and to find which articles alone changed (a quick rebuild, see ``snapshot``);
the loader's cache keys include the code's.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

CACHE_FORMAT = "1"


def bundled_templates() -> Path:
    """The bundled templates folder (the repository's top-level ``templates/``, installed
    as the package ``karabakh_timeline.templates``): the folder of that package, as
    ``importlib.resources.files`` gives it for a package installed as files, without the
    import of ``importlib.resources`` (6 ms at the start of every build)."""
    from . import templates

    return Path(templates.__file__).parent


# The libraries that shape the analysis and the pages: distribution -> top-level module.
LIBRARIES = {
    "markdown": "markdown",
    "pyyaml": "yaml",
    "python-dateutil": "dateutil",
    "jinja2": "jinja2",
    "markupsafe": "markupsafe",
}
# This process's code fingerprint, once known (made, or taken from a scan: see ``_code``).
_CODE: dict[str, str] = {}


def code_fingerprint() -> str:
    """A hash of this package's source and of the libraries that shape the analysis."""
    if "code" not in _CODE:
        _CODE["code"] = _code_digest()
    return _CODE["code"]


def _code_digest() -> str:
    from importlib import metadata  # (17 ms: only when the code is not known from a scan)

    digest = hashlib.blake2b(CACHE_FORMAT.encode(), digest_size=16)
    for relative, path in _package_sources():
        digest.update(relative.encode())
        digest.update(Path(path).read_bytes())
    for library in LIBRARIES:
        with contextlib.suppress(metadata.PackageNotFoundError):
            digest.update(f"{library}={metadata.version(library)}".encode())
    return digest.hexdigest()


Signature = tuple[int, int, int, int]  # os.stat: size, modification and change times, inode
# The code's fingerprint and the signatures of the files it stands for (see ``_code``).
CodeStats = tuple[tuple[tuple[str, Signature], ...], str]


def _signature(path: str) -> Signature:
    status = os.stat(path)
    return (status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino)


def _package_sources() -> list[tuple[str, str]]:
    """This package's Python files: (path relative to it, path), as ``files_under``."""
    package = Path(os.path.dirname(os.path.abspath(__file__)))
    return [(relative, path) for relative, path in files_under(package) if relative.endswith(".py")]


def _code_files() -> list[str]:
    """The files whose signatures stand for the code: this package's source, and the
    first file of each library (replaced when the library is installed again)."""
    import importlib.util

    files = [path for _, path in _package_sources()]
    for module in LIBRARIES.values():
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            files.append(spec.origin)
    return files


def _code(known: FileStats | None, trusted_before: int) -> CodeStats:
    """The code's fingerprint, with the signatures of the files it stands for; taken
    from ``known`` when they are the ones it recorded, unchanged since well before
    (``RACY_NS``), without reading the source or asking the libraries' versions."""
    signatures = tuple((path, _signature(path)) for path in _code_files())
    recorded = known.code if known is not None else None
    if (
        "code" not in _CODE
        and recorded is not None
        and recorded[0] == signatures
        and all(max(signature[1:3]) < trusted_before for _, signature in signatures)
    ):
        _CODE["code"] = recorded[1]
    return signatures, code_fingerprint()


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
    files: FileStats = field(default_factory=lambda: FileStats(0, {}))  # for the next scan
    read: int = 0  # how many files were read (the others' digests came from ``known``)


# Changed less than this before a scan began, a file is read again at the next scan even
# if its size, times and inode are as that scan saw them: a change in the same tick of
# a coarse clock (some file systems count whole seconds, or two) leaves them the same.
RACY_NS = 2_000_000_000


@dataclass(frozen=True, slots=True)
class FileStats:
    """What a scan saw of each file (by its path): its ``os.stat`` signature (size,
    modification and change times, inode) and the digest of its bytes, and when the
    scan began (``time.time_ns``)."""

    started: int
    files: dict[str, tuple[Signature, str]]
    # The signatures of the files the code's fingerprint stands for, and that fingerprint.
    code: CodeStats | None = None


def scan_inputs(
    content_dir: Path,
    templates_dir: Path | None,
    base_url: str | None,
    known: FileStats | None = None,
) -> InputScan:
    """Read every input of a build once (content, templates, options, code).

    With ``known`` (the ``files`` of an earlier scan), a file whose signature is the one
    that scan saw, unchanged since well before it (``RACY_NS``), is not read again: its
    digest is the one that scan made, as git's index does.
    """
    started = time.time_ns()
    trusted_before = known.started - RACY_NS if known is not None else 0
    seen: dict[str, tuple[Signature, str]] = {}
    code = _code(known, trusted_before)
    whole = hashlib.blake2b(digest_size=20)
    context = hashlib.blake2b(digest_size=20)
    for digest in (whole, context):
        digest.update(code[1].encode())
        digest.update(repr(base_url).encode())
    articles: dict[str, str] = {}
    folders = [("content", content_dir), ("bundled", bundled_templates())]
    if templates_dir is not None:
        folders.append(("templates", templates_dir))
    for label, folder in folders:
        for relative, path in files_under(folder):
            data = _digest_of(path, known, trusted_before, seen)
            whole.update(f"{label}/{relative}\0{data}".encode())
            if label == "content" and article_like(relative):
                articles[relative] = data
            else:
                context.update(f"{label}/{relative}\0{data}".encode())
    read = sum(
        1 for path, entry in seen.items() if known is None or known.files.get(path) is not entry
    )
    return InputScan(
        whole.hexdigest(), context.hexdigest(), articles, FileStats(started, seen, code), read
    )


def _digest_of(
    path: str,
    known: FileStats | None,
    trusted_before: int,
    seen: dict[str, tuple[Signature, str]],
) -> str:
    """The digest of the file at ``path``, from ``known`` if it may be (see
    ``scan_inputs``), else read; what was seen of it goes into ``seen``."""
    signature = _signature(path)
    entry = known.files.get(path) if known is not None else None
    if entry is not None and entry[0] == signature and max(signature[1:3]) < trusted_before:
        seen[path] = entry
        return entry[1]
    with open(path, "rb") as stream:
        digest = file_digest(stream.read())
    seen[path] = (signature, digest)
    return digest


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


def article_like(relative: str) -> bool:
    """Whether the file at ``relative`` (a path in the content folder, with "/") may be
    an article: Markdown, and in no hidden folder nor hidden itself (editor backups,
    .git). The loader reads these as articles (and decides on links); anything else in
    the content folder is context."""
    hidden = relative.startswith(".") or "/." in relative  # (a file or folder in it)
    return relative.endswith(".md") and not hidden
