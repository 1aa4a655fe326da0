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
import gc
import hashlib
import itertools
import os
import pickle
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import keep_if_possible, mapped
from ..fingerprint import code_fingerprint

# Below this many articles to analyse, starting worker processes costs more than it saves.
POOL_THRESHOLD = 48


def article_key(relative: Path, data: bytes, settings: bytes) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for part in (code_fingerprint().encode(), settings, relative.as_posix().encode(), data):
        digest.update(len(part).to_bytes(8, "little"))
        digest.update(part)
    return digest.hexdigest()


# The analyses of the last full build, in one file: writing and reading one file costs far
# less than one per article (creating thousands of small files is slow on some disks).
PACK = "articles.pack"
_PACK_MAGIC = b"karabakh-timeline pack 1\n"


@dataclass(slots=True)
class ArticleCache:
    """Analyses by key, pickled, in ``folder`` (if any): those of the last full build in
    one pack (``store``), those of articles analysed since then one file each (``path``).

    ``memory`` keeps the analyses in this process too, for a long-running ``serve``:
    its rebuilds then read nothing back from disk.
    """

    folder: Path | None
    memory: dict[str, Any] | None = None
    decode: Callable[[bytes | memoryview], Any] = pickle.loads  # an analysis from its bytes
    _packed: dict[str, memoryview] | None = field(default=None, init=False)  # read once
    _loose: bool | None = field(default=None, init=False)  # is there a folder of them?

    def path(self, key: str) -> Path | None:
        """Where the analysis of ``key`` is kept on disk outside the pack (None with no
        folder): for an article analysed between full builds."""
        return self.folder / "articles" / key[:2] / f"{key}.pickle" if self.folder else None

    def get(self, key: str) -> Any | None:
        if self.memory is not None and key in self.memory:
            return self.memory[key]
        pickled = self.pickled(key)
        if pickled is None:
            return None
        try:
            value = self.decode(pickled)
        except (
            pickle.UnpicklingError,
            EOFError,
            AttributeError,
            ImportError,
            ValueError,
            TypeError,
        ):
            return None  # unreadable: analyse again
        if self.memory is not None:
            self.memory[key] = value
        return value

    def pickled(self, key: str) -> bytes | memoryview | None:
        """The analysis of ``key`` as stored, or None. (A key hashes everything its
        analysis depends on: wherever it is kept, it is the same.)"""
        packed = self._pack().get(key)
        if packed is not None or not self._has_loose():
            return packed
        path = self.path(key)  # (only now: a path for each of thousands of keys costs)
        if path is None:
            return None
        try:
            return path.read_bytes()
        except OSError:
            return None

    def keys(self) -> set[str]:
        """The keys of every analysis kept on disk."""
        loose = self.folder.glob("articles/*/*.pickle") if self.folder else ()
        return set(self._pack()) | {path.stem for path in loose}

    def remember(self, key: str, value: Any) -> None:
        """Keep ``value`` in this process's memory (if it keeps any)."""
        if self.memory is not None:
            self.memory[key] = value

    def store(self, used: Iterable[str], fresh: dict[str, bytes]) -> None:
        """Keep the analyses of ``used`` (what this build read) and nothing else, so the
        cache stays small: ``fresh`` ones, just made, and the others from where they are.
        Written as one pack, unless it already holds exactly these."""
        keep = set(used)
        if self.memory is not None:
            for key in [key for key in self.memory if key not in keep]:
                del self.memory[key]
        if self.folder is None:
            return
        loose = sorted((self.folder / "articles").glob("*/*.pickle"))
        if not fresh and not loose and set(self._pack()) == keep:
            return
        entries = {key: fresh.get(key) or self.pickled(key) for key in sorted(keep)}
        keep_if_possible(self.folder / PACK, _packed_bytes(entries))
        for path in loose:
            with contextlib.suppress(OSError):
                path.unlink()

    def _has_loose(self) -> bool:
        """Whether analyses are kept outside the pack at all (looked at once: a clean
        build would otherwise try to open a file for each of thousands of articles, and a
        file written later is at worst analysed again)."""
        if self._loose is None:
            self._loose = self.folder is not None and (self.folder / "articles").is_dir()
        return self._loose

    def _pack(self) -> dict[str, memoryview]:
        if self._packed is None:
            self._packed = _unpacked(self.folder / PACK) if self.folder else {}
        return self._packed


def _packed_bytes(entries: dict[str, bytes | memoryview | None]) -> bytes:
    """The pack of these entries: its magic line, the length of its index, the index
    (pickled: each key with the length of its value), then the values one after another."""
    present = {key: value for key, value in entries.items() if value is not None}
    index = pickle.dumps([(key, len(value)) for key, value in present.items()])
    head = _PACK_MAGIC + len(index).to_bytes(8, "little") + index
    return b"".join([head, *present.values()])


def _unpacked(path: Path) -> dict[str, memoryview]:
    """The entries of the pack at ``path``; none if it is absent or damaged."""
    try:
        data = memoryview(mapped(path))  # (a rebuild reads the pages of a few analyses)
        start = len(_PACK_MAGIC)
        if data[:start] != _PACK_MAGIC:
            return {}
        length = int.from_bytes(data[start : start + 8], "little")
        position = start + 8 + length
        entries: dict[str, memoryview] = {}
        for key, size in pickle.loads(data[start + 8 : position]):
            entries[key] = data[position : position + size]
            position += size
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return {}
    return entries if position == len(data) else {}


def map_in_pool(
    function: Callable[[Any], Any],
    items: Iterable[Any],
    workers: int | None,
    progress: Callable[[int], None] | None = None,
    receive: Callable[[Any], Any] | None = None,
    meanwhile: Callable[[], None] | None = None,
    expected: int | None = None,
    warm_up: Callable[[], None] | None = None,
) -> list[Any]:
    """``[receive(function(item)) for item in items]``, in order, across processes when
    worth it (``receive`` then runs here, on each result as it comes back, while the
    pool works on the next ones; and first ``meanwhile``, other work of this process).

    ``items`` may be made as they are taken: the pool starts on the first ones while the
    next are made. ``expected``: about how many there will be (for the pool's batches).
    ``progress`` is called with the number of items done so far, as they finish.
    ``warm_up`` runs first in each worker process (work that pays over many items).
    """
    count = workers if workers is not None else (os.cpu_count() or 1)
    items = iter(items)
    first = list(itertools.islice(items, POOL_THRESHOLD))
    if count <= 1 or len(first) < POOL_THRESHOLD:
        if meanwhile is not None:
            meanwhile()
        every = [*first, *items]  # all made first, as in the pool (see _load_all's progress)
        return _received(map(function, every), progress, receive)
    # Imported here (with logging, 4 ms): a rebuild that analyses few articles has no pool.
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(
        max_workers=min(count, 8), initializer=_start_worker, initargs=(warm_up,)
    ) as pool:
        chunk = max(1, min(16, (expected or len(first)) // (count * 8)))
        # The workers start on the first batch; the next items are made and handed out
        # as they come.
        outcomes = pool.map(function, itertools.chain(first, items), chunksize=chunk)
        if meanwhile is not None:
            meanwhile()
        return _received(outcomes, progress, receive)


def _start_worker(warm_up: Callable[[], None] | None = None) -> None:
    """A worker collects garbage, even when forked while the caller's collector is paused
    (it makes and drops a great deal), but never goes through what it was forked with;
    then it does its ``warm_up``, if any."""
    gc.freeze()
    gc.enable()
    if warm_up is not None:
        warm_up()


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
