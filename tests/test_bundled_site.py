"""End to end: the bundled article builds into the timeline the backbone issue specifies."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from karabakh_timeline.cli import main

from .conftest import BUNDLED_CONTENT

# phrase -> (start, end); every event whose text contains the phrase must be dated so.
EXPECTED = {
    "began in February 1988": ("1988-02", None),
    "armed confrontation in 1992-1994": ("1992", "1994"),
    "Since 1992, negotiations": ("1992", "2020-11-01"),
    "Another aggravation": ("2020-09-27", None),
    "accused each other of shelling": ("2020-09-27", None),
    "three ceasefire regimes": ("2020-10-09", "2020-10-26"),
    "not to fire on civilians": ("2020-10-30", None),
    "all the necessary assistance": ("2020-10-31", None),
    "Armenian authorities explained": ("2020-11-01", None),
    "meeting with Turkish Foreign Minister": ("2020-11-01", None),
    "Aliyev noted": ("2020-11-01", None),
    "also stressed": ("2020-11-01", None),
    "withdrawal of the Armenian armed forces": ("2020-11-01", None),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "_site"
    assert main(["--content", str(BUNDLED_CONTENT), "--output", str(output), "--quiet"]) == 0
    return output


@pytest.fixture(scope="module")
def events(built: Path) -> list[dict]:
    return json.loads((built / "events.json").read_text(encoding="utf-8"))["events"]


@pytest.mark.parametrize("phrase", sorted(EXPECTED))
def test_every_event_with_the_phrase_has_its_date(events: list[dict], phrase: str) -> None:
    matching = [event for event in events if phrase in event["text"]]
    assert matching, f"no event contains {phrase!r}"
    for event in matching:
        assert (event["start"], event["end"]) == EXPECTED[phrase], event


def test_open_interval_lasts_to_publication(events: list[dict]) -> None:
    (since,) = [e for e in events if "Since 1992, negotiations" in e["text"]]
    assert since["open_end"] is True
    assert since["label"] == "since 1992"


def test_no_invented_or_wrong_dates(events: list[dict]) -> None:
    starts = {event["start"] for event in events} | {event["end"] for event in events}
    assert "1994-11-01" not in starts
    assert "2019-09-27" not in starts
    for event in events:
        assert event["timex"] is None or not re.fullmatch(
            r"(three|seven)", event["timex"], re.IGNORECASE
        ), event


def test_earlier_without_a_date_is_ordered_not_dated(events: list[dict]) -> None:
    (earlier,) = [e for e in events if "Pashinyan had asked" in e["text"]]
    assert earlier["start"] is None and earlier["end"] is None
    assert earlier["status"] == "ordered"
    assert earlier["before"] == "2020-11-01"
    assert earlier["label"] == "before 1 November 2020"
    position = events.index(earlier)
    assert events[position - 1]["start"] == "2020-10-31"
    assert all(e["start"] == "2020-11-01" for e in events[position + 1 :])


def test_events_are_chronological_with_stable_fields(events: list[dict]) -> None:
    ids = [event["id"] for event in events]
    assert len(ids) == len(set(ids))
    for event in events:
        assert event["article"] == "2020-11-01-aliyev-armenia-admitted-defeat"
        assert event["url"] == f"index.html#{event['id']}"
        assert event["source_url"].startswith(f"articles/{event['article']}.html#p")
    dated = [e["start"] or e["before"] for e in events]
    assert dated[0] == "1988-02"
    assert dated[-1] == "2020-11-01"


def test_ids_are_stable_across_rebuilds(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert main(["--content", str(BUNDLED_CONTENT), "--output", str(again), "--quiet"]) == 0
    for name in ("index.html", "events.json"):
        assert (again / name).read_bytes() == (built / name).read_bytes()


def test_index_lists_labels_in_order_under_year_headings(built: Path) -> None:
    html = (built / "index.html").read_text(encoding="utf-8")
    labels = re.findall(r'<p class="entry-date">\s*<(?:time|span)[^>]*>([^<]+)<', html)
    distinct = [label for i, label in enumerate(labels) if i == 0 or labels[i - 1] != label]
    assert distinct == [
        "February 1988",
        "1992-1994",
        "since 1992",
        "27 September 2020",
        "9-26 October 2020",
        "30 October 2020",
        "31 October 2020",
        "before 1 November 2020",
        "1 November 2020",
    ]
    headings = re.findall(r'<h2 id="y[^"]+">([^<]+)</h2>', html)
    assert headings == ["1988", "1992", "2020"]


def test_article_page_marks_dates_and_links_to_entries(built: Path, events: list[dict]) -> None:
    page = built / "articles" / "2020-11-01-aliyev-armenia-admitted-defeat.html"
    html = page.read_text(encoding="utf-8")
    assert '<time datetime="2020-09-27"' in html
    assert '<time datetime="1988-02"' in html
    assert html.count('id="p') == 8
    aggravation = next(e for e in events if "Another aggravation" in e["text"])
    assert f'href="../index.html#{aggravation["id"]}"' in html
    for event in events:
        anchor = event["source_url"].split("#")[1]
        assert f'id="{anchor}"' in html
