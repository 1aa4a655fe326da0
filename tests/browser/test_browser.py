"""The built site in headless Chromium, used the way a reader uses it."""

from __future__ import annotations

import json
from collections import deque
from pathlib import Path
from urllib.parse import parse_qs, urldefrag, urljoin, urlsplit

import pytest

from karabakh_timeline.cli import main

from ..conftest import BUNDLED_CONTENT
from .conftest import Served, Watch, open_context

ARTICLE = "articles/2020-11-01-aliyev-armenia-admitted-defeat.html"


def events(served: Served) -> list[dict]:
    return json.loads((served.folder / "events.json").read_text(encoding="utf-8"))["events"]


def visible_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#timeline li.entry",
        "items => items.filter(li => li.offsetParent !== null).map(li => li.id)",
    )


def test_the_timeline_renders_in_order(page, served: Served, watch: Watch) -> None:
    page.goto(served.url + "index.html")
    assert page.title() == "Nagorno-Karabakh timeline"
    assert visible_ids(page) == [event["id"] for event in events(served)]
    labels = page.locator("#timeline .entry-date").all_inner_texts()
    assert labels[0].startswith("February 1988")
    assert page.locator("main h2").all_inner_texts()[:3] == ["1988", "1992", "2020"]
    assert page.locator("#filters").is_visible()
    marks = page.eval_on_selector_all(
        "svg.overview-axis a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert set(marks) == {"#" + event["id"] for event in events(served)}
    page.click(f"svg.overview-axis a[href='#{events(served)[2]['id']}'] >> nth=0")
    page.wait_for_url(lambda url: url.endswith("#" + events(served)[2]["id"]))
    assert watch.errors == []


def test_search_filters_and_keeps_the_state_in_the_url(page, served: Served, watch) -> None:
    page.goto(served.url + "index.html")
    total = len(events(served))
    page.fill("#f-q", "ceasefire")
    shown = visible_ids(page)
    assert 0 < len(shown) < total
    for event_id in shown:
        assert "ceasefire" in page.locator(f"#{event_id}").inner_text().lower()
    assert parse_qs(urlsplit(page.url).query) == {"q": ["ceasefire"]}
    assert page.locator("#filter-status").inner_text() == f"{len(shown)} of {total} entries shown"
    # Years with nothing left are hidden with their headings.
    assert not page.locator("#y1988").is_visible()
    # The same address shows the same view.
    page.goto(page.url)
    assert page.input_value("#f-q") == "ceasefire"
    assert visible_ids(page) == shown
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelectorAll('#timeline li.entry[hidden]').length === 0")
    assert urlsplit(page.url).query == ""
    assert watch.errors == []


def test_person_and_date_filters(page, served: Served, watch) -> None:
    page.goto(served.url + "index.html")
    options = page.eval_on_selector_all("#f-who option", "os => os.map(o => o.value)")
    if len(options) < 2:
        pytest.skip("the bundled content names no people or places yet")
    name = options[1]
    page.select_option("#f-who", name)
    shown = visible_ids(page)
    assert shown
    for event_id in shown:
        names = page.get_attribute(f"#{event_id}", "data-entities").split("|")
        assert name in names
    assert parse_qs(urlsplit(page.url).query)["who"] == [name]
    page.select_option("#f-who", "")
    page.fill("#f-from", "2020-10-01")
    page.fill("#f-to", "2020-10-31")
    shown = visible_ids(page)
    # Entries whose dates overlap October 2020: those in it, and "since 1992".
    expected = [
        event["id"]
        for event in events(served)
        if event["label"].endswith("October 2020") or event["label"] == "since 1992"
    ]
    assert shown == expected and len(expected) >= 4
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"from": ["2020-10-01"], "to": ["2020-10-31"]}
    assert watch.errors == []


def test_every_link_resolves_under_the_repo_prefix(page, served: Served, watch: Watch) -> None:
    """Crawl every page from the index; every link and #anchor must exist."""
    start = served.url + "index.html"
    queue, seen, failures = deque([start]), {start}, []
    checked = 0
    while queue:
        url = queue.popleft()
        response = page.goto(url)
        checked += 1
        if response is None or response.status != 200:
            failures.append(f"{url}: {response.status if response else 'no response'}")
            continue
        if "html" not in (response.headers.get("content-type") or ""):
            continue
        links = page.eval_on_selector_all(
            "a[href], link[href], script[src]",
            "els => els.map(e => e.getAttribute('href') || e.getAttribute('src'))",
        )
        for link in links:
            target, fragment = urldefrag(urljoin(url, link))
            if not target.startswith(served.url):
                assert urlsplit(target).hostname != "127.0.0.1", f"{url} -> {link}"
                continue
            if fragment and target == urldefrag(url)[0]:
                if page.locator(f"[id='{fragment}']").count() != 1:
                    failures.append(f"{url} -> #{fragment}: no such anchor")
            elif target not in seen:
                seen.add(target)
                queue.append(target)
    assert failures == []
    assert checked >= 10
    for missing in ("nothing.html", "articles/nothing.html"):
        response = page.goto(served.url + missing)
        assert response.status == 404
        assert page.locator("h1").inner_text() == "Page not found"
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    assert watch.errors == [] or all("404" in error for error in watch.errors)


def test_the_page_works_with_javascript_off(browser, served: Served) -> None:
    watch = Watch()
    context = open_context(browser, watch, java_script_enabled=False)
    page = context.new_page()
    page.goto(served.url + "index.html")
    assert not page.locator("#filters").is_visible()
    entries = page.locator("#timeline li.entry")
    assert entries.count() == len(events(served))
    assert all(entries.nth(i).is_visible() for i in range(entries.count()))
    page.click("nav.years >> text=2020")
    page.wait_for_url(lambda url: url.endswith("#y2020"))
    first = events(served)[0]
    page.click(f"#{first['id']} .entry-source a >> nth=0")
    page.wait_for_url(lambda url: url.endswith(first["source_url"]))
    assert page.locator(f"#p{first['paragraph']}").is_visible()
    page.click(f"a.timex-link[href$='#{first['id']}'] >> nth=0")
    page.wait_for_url(lambda url: url.endswith(f"index.html#{first['id']}"))
    context.close()
    assert watch.external == []


def test_article_page_links_dates_to_entries(page, served: Served, watch) -> None:
    page.goto(served.url + ARTICLE)
    marks = page.locator("a.timex-link time")
    assert marks.count() >= 5
    mini = page.locator(".mini-timeline li")
    assert mini.count() == len([e for e in events(served) if e["article"] in ARTICLE])
    assert page.locator(".article-meta").inner_text().startswith("Published")
    assert watch.errors == []


def test_opened_from_disk(browser, tmp_path: Path) -> None:
    output = tmp_path / "_site"
    assert main(["--content", str(BUNDLED_CONTENT), "--output", str(output), "--quiet"]) == 0
    watch = Watch()
    context = open_context(browser, watch)
    page = context.new_page()
    page.goto((output / "index.html").as_uri())
    assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui")
    page.fill("#f-q", "ceasefire")
    assert 0 < len(visible_ids(page)) < page.locator("#timeline li.entry").count()
    page.click("header nav >> text=Articles")
    page.wait_for_url(lambda url: url.endswith("articles/index.html"))
    page.click("main li a >> nth=0")
    page.wait_for_url(lambda url: url.endswith(ARTICLE))
    context.close()
    assert watch.errors == [] and watch.external == []


@pytest.mark.parametrize("width", [360, 375, 768, 1440])
def test_responsive_without_sideways_scrolling(browser, served: Served, width: int) -> None:
    watch = Watch()
    context = open_context(browser, watch, viewport={"width": width, "height": 800})
    page = context.new_page()
    for path in ("index.html", ARTICLE):
        page.goto(served.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} is {overflow}px too wide at {width}px"
    context.close()


def test_dark_theme_and_print_stylesheet(browser, served: Served) -> None:
    watch = Watch()
    context = open_context(browser, watch, color_scheme="dark")
    page = context.new_page()
    page.goto(served.url + "index.html")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == "rgb(21, 23, 27)"
    page.emulate_media(media="print")
    assert not page.locator("#filters").is_visible()
    assert not page.locator("figure.overview").is_visible()
    assert not page.locator(".site-header nav").is_visible()
    assert page.locator("#timeline li.entry").first.is_visible()
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    context.close()


def test_keyboard_focus_is_visible(page, served: Served) -> None:
    page.goto(served.url + "index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").is_visible()
    page.keyboard.press("Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
