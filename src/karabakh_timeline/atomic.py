"""Writing a file so that a reader sees its old bytes or its new ones, never a part."""

from __future__ import annotations

import contextlib
import mmap
import os
from pathlib import Path


def replace_file(path: Path, data: bytes, suffix: str = "") -> None:
    """Put ``data`` at ``path`` by renaming a finished temporary file over it.

    The old file is replaced, never written into: it may be a hard link to a file of
    another build. ``suffix`` tells the temporary files of different writers apart.
    """
    temporary = path.with_name(f".{path.name}.{suffix or os.getpid()}.tmp")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _BINARY, 0o666)
        try:
            write_whole(descriptor, data)
        finally:
            os.close(descriptor)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_whole(descriptor: int, data: bytes | memoryview) -> None:
    """Write all of ``data`` into a new, empty file. Its room is reserved first, where
    the system can: ext4 otherwise allocates the blocks of a file renamed over an old
    one during the rename, which then waits (7 to 10 ms for a 13 MB export, 0.5 ms for
    one whose room was reserved)."""
    if len(data) and hasattr(os, "posix_fallocate"):
        with contextlib.suppress(OSError):  # (a file system that cannot: written as it is)
            os.posix_fallocate(descriptor, 0, len(data))
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]  # (a write may take only a part)


_BINARY = getattr(os, "O_BINARY", 0)


def keep_if_possible(path: Path, data: bytes) -> None:
    """``replace_file``, folders made as needed, for a file a build can do without (a
    cache, a snapshot): if the disk refuses, the next build only does more work."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, data)
    except OSError:
        pass


def mapped(path: Path) -> bytes | mmap.mmap:
    """The bytes of a file that builds replace, never write into (``replace_file``):
    mapped rather than read where a mapped file can still be replaced (POSIX), so that
    only the pages used are read, not megabytes; read elsewhere, or when it is empty
    (which cannot be mapped)."""
    with path.open("rb") as file:
        if os.name != "posix" or os.fstat(file.fileno()).st_size == 0:
            return file.read()
        return mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
