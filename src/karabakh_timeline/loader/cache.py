"""Analysing many articles fast: a content-hash cache and a process pool.

An article's analysis depends only on its bytes, its path, ``entities.yaml`` and the
code; the cache key hashes all four, so an unchanged article is neither re-parsed nor
re-tagged, and any change to the code or settings starts afresh. The cache lives in
``.cache/`` next to the output folder; deleting it is always safe. Articles that
must be analysed are spread over a process pool when there are enough of them to
pay for starting it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import keep_if_possible
from ..fingerprint import code_fingerprint

# Below this many articles to analyse, starting worker processes costs more than it saves.
POOL_THRESHOLD = 48


def article_key(relative: Path, data: bytes, settings: bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (code_fingerprint().encode(), settings, relative.as_posix().encode(), data):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class ArticleCache:
    """One pickle per analysed article, named by its key, in ``folder`` (if any).

    ``memory`` keeps the analyses in this process too, for a long-running ``serve``:
    its rebuilds then read nothing back from disk.
    """

    folder: Path | None
    memory: dict[str, Any] | None = None

    def path(self, key: str) -> Path | None:
        """Where the analysis of ``key`` is kept on disk (None with no folder)."""
        return self.folder / "articles" / key[:2] / f"{key}.pickle" if self.folder else None

    def get(self, key: str) -> Any | None:
        if self.memory is not None and key in self.memory:
            return self.memory[key]
        path = self.path(key)
        if path is None:
            return None
        try:
            with path.open("rb") as stream:
                value = pickle.load(stream)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # absent or unreadable: analyse again
        if self.memory is not None:
            self.memory[key] = value
        return value

    def prune(self, keep: set[str]) -> None:
        """Forget every entry but ``keep`` (what this build used), so the cache stays small."""
        if self.memory is not None:
            for key in [key for key in self.memory if key not in keep]:
                del self.memory[key]
        folder = self.folder / "articles" if self.folder else None
        if folder is None or not folder.is_dir():
            return
        for path in folder.glob("*/*.pickle"):
            if path.stem not in keep:
                with contextlib.suppress(OSError):
                    path.unlink()

    def remember(self, key: str, value: Any) -> None:
        """Keep ``value`` in this process's memory (if it keeps any); see ``write_bytes``."""
        if self.memory is not None:
            self.memory[key] = value

    @staticmethod
    def write_bytes(path: Path, pickled: bytes) -> None:
        """Store a value already pickled at ``path``, atomically; any process may."""
        keep_if_possible(path, pickled)


def map_in_pool(
    function: Callable[[Any], Any],
    items: Sequence[Any],
    workers: int | None,
    progress: Callable[[int], None] | None = None,
    receive: Callable[[Any], Any] | None = None,
) -> list[Any]:
    """``[receive(function(item)) for item in items]``, in order, across processes when
    worth it (``receive`` then runs here, on each result as it comes back, while the
    pool works on the next ones).

    ``progress`` is called with the number of items done so far, as they finish.
    """
    count = workers if workers is not None else (os.cpu_count() or 1)
    if count <= 1 or len(items) < POOL_THRESHOLD:
        return _received(map(function, items), progress, receive)
    with ProcessPoolExecutor(max_workers=min(count, 8)) as pool:
        chunk = max(1, min(16, len(items) // (count * 8)))
        return _received(pool.map(function, items, chunksize=chunk), progress, receive)


def _received(
    outcomes: Iterable[Any],
    progress: Callable[[int], None] | None,
    receive: Callable[[Any], Any] | None,
) -> list[Any]:
    results: list[Any] = []
    for outcome in outcomes:
        results.append(receive(outcome) if receive is not None else outcome)
        if progress is not None:
            progress(len(results))
    return results
