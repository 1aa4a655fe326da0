"""Writing a file so that a reader sees its old bytes or its new ones, never a part."""

from __future__ import annotations

import os
from pathlib import Path


def replace_file(path: Path, data: bytes, suffix: str = "") -> None:
    """Put ``data`` at ``path`` by renaming a finished temporary file over it.

    The old file is replaced, never written into: it may be a hard link to a file of
    another build. ``suffix`` tells the temporary files of different writers apart.
    """
    temporary = path.with_name(f".{path.name}.{suffix or os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def keep_if_possible(path: Path, data: bytes) -> None:
    """``replace_file``, folders made as needed, for a file a build can do without (a
    cache, a snapshot): if the disk refuses, the next build only does more work."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        replace_file(path, data)
    except OSError:
        pass
