"""The process pool that analyses articles (``loader.cache.map_in_pool``)."""

from __future__ import annotations

from karabakh_timeline.loader.cache import POOL_THRESHOLD, map_in_pool

_warmed = False


def _warm_up() -> None:
    global _warmed
    _warmed = True


def _was_warmed(item: int) -> tuple[int, bool]:
    return item, _warmed


def test_every_worker_warms_up_before_its_first_item() -> None:
    items = range(4 * POOL_THRESHOLD)
    results = map_in_pool(_was_warmed, items, workers=2, warm_up=_warm_up)
    assert results == [(item, True) for item in items]  # in order, each after the warm-up
    assert not _warmed  # in the workers only


def test_without_a_pool_nothing_warms_up() -> None:
    # Too few items for a pool: this process does them, and pays no warm-up.
    results = map_in_pool(_was_warmed, range(3), workers=2, warm_up=_warm_up)
    assert results == [(0, False), (1, False), (2, False)]
