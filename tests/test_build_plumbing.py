"""The build's plumbing between processes: how page writers share the pages, how the
quick rebuild hears its verdict, and how the site's records are pickled."""

from __future__ import annotations

import dataclasses
import datetime as dt
import mmap
import os
import pickle
from pathlib import Path

import pytest

from karabakh_timeline import snapshot
from karabakh_timeline.builder import (
    CLAIM_BLOCK,
    SINGLE_CLAIMS,
    _claim_block,
    _Claims,
    _Forked,
    _PipeLock,
    _Verdict,
)
from karabakh_timeline.errors import BuildError, Problem
from karabakh_timeline.models import (
    Article,
    Event,
    Site,
    SiteConfig,
    pickled_by_fields,
    replaced,
)


def test_the_first_pages_are_claimed_alone_then_a_block_at_a_time() -> None:
    assert [_claim_block(n) for n in range(SINGLE_CLAIMS)] == list(range(SINGLE_CLAIMS))
    blocks = [_claim_block(n) for n in range(SINGLE_CLAIMS, SINGLE_CLAIMS + 3 * CLAIM_BLOCK)]
    assert blocks == [SINGLE_CLAIMS + i // CLAIM_BLOCK for i in range(3 * CLAIM_BLOCK)]


def test_two_claimants_take_every_page_once_and_each_block_whole() -> None:
    pages = SINGLE_CLAIMS + 5 * CLAIM_BLOCK + 3
    claimed = mmap.mmap(-1, _claim_block(pages) + 1)
    lock = _PipeLock()
    first, second = _Claims(claimed, lock), _Claims(claimed, lock)
    # As two writers do: the first pages in the same order, then each from its own end.
    taken: dict[int, str] = {}
    for number in range(SINGLE_CLAIMS):
        for name, claims in (("first", first), ("second", second)):
            if claims(number):
                assert number not in taken
                taken[number] = name
    forward = iter(range(SINGLE_CLAIMS, pages))
    backward = iter(range(pages - 1, SINGLE_CLAIMS - 1, -1))
    for one, other in zip(forward, backward, strict=True):
        for name, claims, number in (("first", first, one), ("second", second, other)):
            if claims(number):
                assert taken.get(number, name) == name
                taken[number] = name
    assert sorted(taken) == list(range(pages))
    owners: dict[int, set[str]] = {}
    for number, name in taken.items():
        owners.setdefault(_claim_block(number), set()).add(name)
    assert all(len(names) == 1 for names in owners.values())
    assert {"first", "second"} <= {name for names in owners.values() for name in names}


needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="no os.fork here")


@needs_fork
def test_forked_processes_claim_blocks_in_shared_memory_under_one_lock() -> None:
    claimed = mmap.mmap(-1, 64)
    lock = _PipeLock()

    def claim(shard: int, _shards: int) -> list[int]:
        claims = _Claims(claimed, lock)
        return [n for n in range(SINGLE_CLAIMS + 48 * CLAIM_BLOCK) if claims(n)]

    children = [_Forked(claim, shard, 3) for shard in (1, 2)]
    mine = claim(0, 3)
    theirs = [child.result() for child in children]
    for child in children:
        child.close()
    taken = sorted([*mine, *theirs[0], *theirs[1]])
    assert taken == list(range(SINGLE_CLAIMS + 48 * CLAIM_BLOCK))  # each page once
    lock.close()


def _fails(_shard: int, _shards: int) -> None:
    raise BuildError(Problem("wire-01.md", "broken front matter", 2))


def _dies(_shard: int, _shards: int) -> None:
    os._exit(3)


def _answers_with_a_lambda(_shard: int, _shards: int) -> object:
    return lambda: None  # (cannot be pickled)


@needs_fork
@pytest.mark.parametrize(
    ("work", "said"),
    [
        (_fails, "broken front matter"),
        (_dies, "stopped unexpectedly"),
        (_answers_with_a_lambda, "failed: "),
    ],
)
def test_a_forked_process_that_fails_dies_or_cannot_answer_is_told_here(work, said) -> None:
    child = _Forked(work)
    with pytest.raises(BuildError, match=said):
        child.result()
    child.close(stop=True)


@needs_fork
def test_a_forked_process_gives_back_what_it_made() -> None:
    child = _Forked(lambda shard, shards: {"shard": shard, "pages": list(range(50_000))})
    assert child.result() == {"shard": 1, "pages": list(range(50_000))}
    child.close()


def test_the_verdict_waits_with_work_only_while_it_has_not_come() -> None:
    done: list[str] = []
    told = _Verdict()
    told.tell(False)  # more than bodies changed
    assert told.refused([lambda: done.append("told")]) is True
    awaited = _Verdict()
    # No process will tell it: the work is done, then the wait ends with a no.
    assert awaited.refused([lambda: done.append("awaited")]) is False
    assert done == ["awaited"]
    # The verdict comes during the second step: the third is left undone.
    arriving = _Verdict()
    steps = [
        lambda: done.append("first"),
        lambda: (arriving.tell(False), done.append("second")),
        lambda: done.append("third"),
    ]
    assert arriving.refused(steps) is True
    assert done == ["awaited", "first", "second"]
    for verdict in (told, awaited, arriving):
        verdict.close()


def _event(**changes: object) -> Event:
    fields = {
        "id": "e1",
        "article": "a",
        "paragraph": 1,
        "start_offset": 0,
        "end_offset": 9,
        "sentences": ("It began.",),
        "headline": "It began",
        "status": "stated",
        "start": "2020-09-27",
        "end": None,
        "timex": "27 September",
    }
    return Event(**{**fields, **changes})  # type: ignore[arg-type]


def test_records_pickle_to_equal_frozen_records() -> None:
    event = _event(also_reported=(_event(id="e2", article="b"),), entities=("Baku",))
    site = Site(SiteConfig(title="T"), (), (event,))
    loaded = pickle.loads(pickle.dumps(site, pickle.HIGHEST_PROTOCOL))
    assert loaded == site and type(loaded.events[0]) is Event
    assert hash(loaded.events[0]) == hash(event)
    with pytest.raises(dataclasses.FrozenInstanceError):
        loaded.events[0].id = "changed"  # type: ignore[misc]
    assert replaced(event, start="2020-09-28") == dataclasses.replace(event, start="2020-09-28")
    with pytest.raises(TypeError):
        replaced(event, no_such_field=1)


@pickled_by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class _Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


def test_a_record_that_checks_its_values_is_loaded_through_its_check() -> None:
    data = pickle.dumps(_Checked(1))
    assert pickle.loads(data) == _Checked(1)
    with pytest.raises(ValueError, match="negative"):
        replaced(_Checked(1), value=-1)


@pickled_by_fields
@dataclasses.dataclass(frozen=True, slots=True)
class _Named:
    made: str
    make: str
    cls: str


def test_a_record_whose_fields_are_named_like_the_loader_s_own_names_loads() -> None:
    record = _Named("a", "b", "c")
    assert pickle.loads(pickle.dumps(record)) == record
    assert replaced(record, made="z") == _Named("z", "b", "c")


def _archive(articles: int, events_each: int) -> Site:
    made = [
        Article(
            f"wire-{n:03d}",
            Path(f"wire-{n:03d}.md"),
            f"Wire {n}",
            dt.date(2020, 11, 1 + n % 28),
            None,
            None,
            (),
            (),
            digest=f"{n:040x}",
        )
        for n in range(articles)
    ]
    events = [
        _event(id=f"e{n}-{k}", article=f"wire-{n:03d}", start=f"2020-10-{1 + k % 28:02d}")
        for n in range(articles)
        for k in range(events_each)
    ]
    return Site(SiteConfig(title="Wire"), tuple(made), tuple(events), ("a warning",))


def test_a_site_file_read_back_gives_the_site_its_parts_in_their_order(tmp_path: Path) -> None:
    site = _archive(150, 3)
    digest, _ = snapshot.save_recorded_site(tmp_path, site)
    state = snapshot.SnapshotState(digest, "", "", {})
    parts: list[snapshot.SiteParts] = []
    loaded = snapshot.load_recorded_site(tmp_path, state, parts)
    assert loaded == site
    assert [e.id for e in loaded.events] == [e.id for e in site.events]  # (not by part)
    assert len(parts) == 1 and len(parts[0].events) > 2  # (runs of events)
    # Damaged, or of another build: no site (a full build follows).
    other = dataclasses.replace(state, site_digest="x")
    assert snapshot.load_recorded_site(tmp_path, other) is None
    (tmp_path / snapshot.SITE_FILE).write_bytes(b"karabakh-timeline site 1\n\x00\x01")
    damaged = snapshot.file_digest((tmp_path / snapshot.SITE_FILE).read_bytes())
    other = dataclasses.replace(state, site_digest=damaged)
    assert snapshot.load_recorded_site(tmp_path, other) is None


def test_a_site_made_from_a_read_one_is_saved_with_the_parts_it_left_as_they_were(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    digest, _ = snapshot.save_recorded_site(tmp_path, _archive(150, 20))
    parts: list[snapshot.SiteParts] = []
    read = snapshot.load_recorded_site(tmp_path, snapshot.SnapshotState(digest, "", "", {}), parts)
    assert read is not None
    # An edit to one article, as an update makes it: the others' very objects kept.
    edited = read.articles[7]
    events = tuple(
        replaced(e, sentences=("It ended.",)) if e.article == edited.slug else e
        for e in read.events
    )
    added = _event(id="new", article=edited.slug, start="2020-10-30")
    site = dataclasses.replace(
        read,
        articles=tuple(replaced(a, title="New") if a is edited else a for a in read.articles),
        events=(*events, added),
    )
    pickled: list[object] = []
    dumps = pickle.dumps

    def counted(value: object, *args: object, **kwargs: object) -> bytes:
        pickled.append(value)
        return dumps(value, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(snapshot.pickle, "dumps", counted)
    digest, _ = snapshot.save_recorded_site(tmp_path, site, last=parts[0])
    monkeypatch.undo()
    # The rest, the run of articles the edited one is in, and the runs of events the
    # edited ones are in (and the new one, last); no other run.
    runs_pickled = [value for value in pickled if isinstance(value, tuple)]
    runs = snapshot._runs(site.events, lambda e: e.id, snapshot.EVENT_CUT)
    edited_runs = [run for run in runs if any(e.article == edited.slug for e in run)]
    assert len(runs) > 8 and len(runs_pickled) == 1 + len(edited_runs) + 1  # (+ the last)
    assert any(site.articles[7] in run for run in runs_pickled)
    loaded = snapshot.load_recorded_site(tmp_path, snapshot.SnapshotState(digest, "", "", {}))
    assert loaded == site
