"""Files written whole, then renamed over the old ones."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from karabakh_timeline import atomic
from karabakh_timeline.atomic import mapped, replace_file

DATA = bytes(range(256)) * 40_000  # 10 MB, every byte value


def test_a_replaced_file_has_the_new_bytes_and_no_temporary_is_left(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    path.write_bytes(b"old bytes, longer than the new ones" * 1000)
    replace_file(path, DATA)
    assert path.read_bytes() == DATA
    replace_file(path, memoryview(b"short"))
    assert path.read_bytes() == b"short"
    replace_file(path, b"")
    assert path.read_bytes() == b""
    assert [p.name for p in tmp_path.iterdir()] == ["events.json"]


@pytest.mark.skipif(not hasattr(os, "posix_fallocate"), reason="no posix_fallocate here")
def test_the_room_of_a_file_is_reserved_before_it_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reserved: list[tuple[int, int]] = []
    fallocate = os.posix_fallocate

    def watched(descriptor: int, offset: int, length: int) -> None:
        assert os.fstat(descriptor).st_size == 0  # (before any byte is written)
        reserved.append((offset, length))
        fallocate(descriptor, offset, length)

    monkeypatch.setattr(os, "posix_fallocate", watched)
    replace_file(tmp_path / "site.snapshot", DATA)
    replace_file(tmp_path / "empty", b"")  # (nothing to reserve)
    assert reserved == [(0, len(DATA))]
    assert (tmp_path / "site.snapshot").read_bytes() == DATA


def test_a_file_system_that_reserves_no_room_and_takes_bytes_in_parts_gets_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(_descriptor: int, _offset: int, _length: int) -> None:
        raise OSError(95, "Operation not supported")

    write = os.write

    def in_parts(descriptor: int, data: bytes | memoryview) -> int:
        return write(descriptor, data[:65_536])

    monkeypatch.setattr(os, "posix_fallocate", refused, raising=False)
    monkeypatch.setattr(atomic.os, "write", in_parts)
    path = tmp_path / "timelinejs.json"
    replace_file(path, DATA)
    assert path.read_bytes() == DATA


def test_a_mapped_file_keeps_its_bytes_while_a_build_replaces_it(tmp_path: Path) -> None:
    path = tmp_path / "events.json"
    replace_file(path, DATA)
    last = mapped(path)
    assert bytes(last[:1024]) == DATA[:1024] and len(last) == len(DATA)
    replace_file(path, b"the next build's")  # (renamed over it, never written into)
    assert bytes(last[-1024:]) == DATA[-1024:]
    assert path.read_bytes() == b"the next build's"
    path.write_bytes(b"")
    assert mapped(path) == b""  # (an empty file cannot be mapped: read)
