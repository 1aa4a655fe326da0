"""Short articles with tricky dating, each beside its expected timeline.

Each ``tests/articles/<name>.md`` has a ``<name>.expected.yaml``:
``events`` (phrase -> start/end and optional open_start/open_end/mod: an event whose
text contains the phrase must have them), ``never`` (values no event may have),
``undated`` (phrases no event may contain) and ``count`` (events of the article).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from karabakh_timeline.loader import load_site
from karabakh_timeline.models import Event, Site

ARTICLES = Path(__file__).parent / "articles"
CASES = sorted(
    path.name.removesuffix(".expected.yaml") for path in ARTICLES.glob("*.expected.yaml")
)


@pytest.fixture(scope="module")
def site() -> Site:
    return load_site(ARTICLES)


def article_events(site: Site, name: str) -> list[Event]:
    return [event for event in site.events if event.article == name]


@pytest.mark.parametrize("name", CASES)
def test_expected_timeline(site: Site, name: str) -> None:
    expected = yaml.safe_load((ARTICLES / f"{name}.expected.yaml").read_text(encoding="utf-8"))
    events = article_events(site, name)
    for row in expected.get("events", []):
        matching = [e for e in events if row["phrase"] in e.text]
        wanted = (row["start"], row["end"])
        assert wanted in [(e.start, e.end) for e in matching], (
            row,
            [(e.start, e.end) for e in matching],
        )
        event = next(e for e in matching if (e.start, e.end) == wanted)
        assert event.open_start is row.get("open_start", False)
        assert event.open_end is row.get("open_end", False)
        if "mod" in row:
            assert event.mod == row["mod"]
    values = {e.start for e in events} | {e.end for e in events}
    for value in expected.get("never", []):
        assert value not in values
    for phrase in expected.get("undated", []):
        assert not [e for e in events if phrase in e.text], phrase
    if "count" in expected:
        assert len(events) == expected["count"], [(e.start, e.text) for e in events]


def test_every_article_has_expectations() -> None:
    assert sorted(p.stem for p in ARTICLES.glob("*.md")) == CASES
    assert len(CASES) >= 5
