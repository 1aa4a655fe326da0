"""The build's plumbing between processes: how page writers share the pages, how the
quick rebuild hears its verdict, and how the site's records are pickled."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from karabakh_timeline.models import Event, Site, SiteConfig, pickled_by_fields, replaced


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
