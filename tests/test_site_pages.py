"""The site's pages without a browser: every page, link, feed and export, checked on
the bundled content and on hand-made sites (entities, added events, many years)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin

import pytest

from karabakh_timeline.cli import main, serve_parser
from karabakh_timeline.models import (
    Article,
    Chunk,
    Entity,
    Event,
    Page,
    Paragraph,
    Site,
    SiteConfig,
)
from karabakh_timeline.renderer import Renderer, entry_text, render_site
from karabakh_timeline.renderer.markup import html_datetime
from karabakh_timeline.serve import DevServer

from .conftest import BUNDLED_CONTENT

ATOM = "{http://www.w3.org/2005/Atom}"

# -- hand-made sites -------------------------------------------------------------------

PEOPLE = ["Ilham Aliyev", "Nikol Pashinyan", "Şuşa", "Baku"]


def _article(slug: str, date: dt.date, sentences: list[str]) -> Article:
    paragraphs = tuple(
        Paragraph(number, "p", text, (Chunk("text", text),), number)
        for number, text in enumerate(sentences, start=1)
    )
    return Article(slug, Path(f"{slug}.md"), f"Story {slug}", date, "Wire", None, (), paragraphs)


def make_site(
    events_per_day: int = 2, days: int = 12, years: tuple[int, ...] = (2019, 2020), base: str = ""
) -> Site:
    """Articles whose events fall on ``days`` days in each of ``years``, naming people."""
    articles: list[Article] = []
    events: list[Event] = []
    for year in years:
        for day_number in range(days):
            day = dt.date(year, 1 + day_number % 12, 1 + day_number // 12)
            slug = f"{day.isoformat()}-story"
            sentences = [
                f"On {day:%d %B} {PEOPLE[(day_number + i) % 4]} met reporters number {i}."
                for i in range(events_per_day)
            ]
            articles.append(_article(slug, day, sentences))
            for i, sentence in enumerate(sentences):
                events.append(
                    Event(
                        id=f"e-{year}{day_number:03d}{i:03d}",
                        article=slug,
                        paragraph=i + 1,
                        start_offset=0,
                        end_offset=len(sentence),
                        sentences=(sentence,),
                        headline=sentence.rstrip("."),
                        status="stated",
                        start=day.isoformat(),
                        end=None,
                        timex=f"{day:%d %B}",
                        entities=(PEOPLE[(day_number + i) % 4],),
                    )
                )
    return Site(
        SiteConfig(title="Test timeline", base_url=base),
        tuple(articles),
        tuple(events),
        entities=(
            Entity("Ilham Aliyev", "ilham-aliyev", "person", 1),
            Entity("Baku", "baku", "place", 1),
        ),
    )


def as_dict(pages: list[Page]) -> dict[str, bytes]:
    return {page.path: page.content for page in pages}


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.headings: list[int] = []
        self.meta: dict[str, str] = {}
        self.jsonld: list[str] = []
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if name in values:
                self.links.append(values[name])
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "meta":
            key = values.get("name") or values.get("property")
            if key:
                self.meta[key] = values.get("content", "")
        if tag == "link" and values.get("rel") == "canonical":
            self.meta["canonical"] = values["href"]
        self._in_jsonld = tag == "script" and values.get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False


def parse(html: bytes) -> _Links:
    parser = _Links()
    parser.feed(html.decode("utf-8"))
    return parser


def broken_links(pages: dict[str, bytes]) -> list[str]:
    """Every internal link (and #fragment) that does not resolve, as "page -> link"."""
    parsed = {path: parse(content) for path, content in pages.items() if path.endswith(".html")}
    broken = []
    for path, page in parsed.items():
        if path == "404.html":
            continue
        for link in page.links:
            if link.startswith(("http://", "https://", "mailto:")):
                continue
            target, fragment = urldefrag(urljoin("http://site/" + path, link))
            assert target.startswith("http://site/"), f"{path} -> {link} leaves the site"
            target_path = target[len("http://site/") :] or "index.html"
            if target_path.endswith("/"):
                target_path += "index.html"
            if target_path not in pages:
                broken.append(f"{path} -> {link}")
            elif fragment and fragment not in parsed[target_path].ids:
                broken.append(f"{path} -> {link} (no id {fragment!r})")
    return broken


# -- the bundled site ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("bundled") / "_site"
    options = [
        "--output",
        str(output),
        "--base-url",
        "https://example.github.io/karabakh-timeline/",
    ]
    assert main(["--content", str(BUNDLED_CONTENT), *options, "--quiet"]) == 0
    return output


def read_all(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_article_list_gives_each_articles_date_source_and_dated_sentences(
    bundled: Path,
) -> None:
    html = (bundled / "articles" / "index.html").read_text(encoding="utf-8")
    slug = "2020-11-01-aliyev-armenia-admitted-defeat"
    events = json.loads((bundled / "events.json").read_text(encoding="utf-8"))["events"]
    count = sum(event["article"] == slug for event in events)
    assert count > 1
    assert (
        f'<li><a href="../articles/{slug}.html">Aliyev believes that the Prime Minister of '
        "Armenia admitted defeat in Karabakh</a>"
    ) in html
    assert (
        f'<time datetime="2020-11-01">1 November 2020</time> · RIA Novosti · '
        f"{count} dated sentences</span>"
    ) in html
    assert '<meta name="description" content="The 1 article of ' in html


def test_bundled_site_has_every_page_and_export(bundled: Path) -> None:
    for name in (
        "index.html",
        "404.html",
        "articles/index.html",
        "events.json",
        "timelinejs.json",
        "feed.xml",
        "sitemap.xml",
        "robots.txt",
        "static/site.css",
        "static/timeline.js",
        ".nojekyll",
    ):
        assert (bundled / name).is_file(), name


def test_bundled_links_all_resolve(bundled: Path) -> None:
    assert broken_links(read_all(bundled)) == []


def test_bundled_index_is_small(bundled: Path) -> None:
    html = (bundled / "index.html").read_bytes()
    assert len(gzip.compress(html)) < 50_000
    assert len(html) < 100_000


def test_every_page_has_metadata_and_ordered_headings(bundled: Path) -> None:
    for path in bundled.rglob("*.html"):
        page = parse(path.read_bytes())
        where = path.relative_to(bundled).as_posix()
        assert page.meta.get("description"), where
        assert page.meta.get("og:title") and page.meta.get("og:type"), where
        assert page.headings[0] == 1 and page.headings.count(1) == 1, where
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, f"{where}: h{before} then h{after}"
        if where != "404.html":
            assert page.meta["canonical"].startswith("https://example.github.io/karabakh-timeline/")
            assert page.meta["og:url"] == page.meta["canonical"]
        for block in page.jsonld:
            json.loads(block)


def test_json_ld_events_on_the_timeline_and_news_article_on_articles(bundled: Path) -> None:
    index = parse((bundled / "index.html").read_bytes())
    graph = json.loads(index.jsonld[0])["@graph"]
    events = json.loads((bundled / "events.json").read_text(encoding="utf-8"))["events"]
    assert [item["@type"] for item in graph] == ["Event"] * len(events)
    assert graph[0]["url"].endswith(events[0]["url"])
    article = next((bundled / "articles").glob("2020-*.html"))
    data = json.loads(parse(article.read_bytes()).jsonld[0])
    assert data["@type"] == "NewsArticle" and data["datePublished"] == "2020-11-01"


def test_feed_is_atom_with_every_entry_linked(bundled: Path) -> None:
    root = ET.fromstring((bundled / "feed.xml").read_bytes())
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    events = json.loads((bundled / "events.json").read_text(encoding="utf-8"))["events"]
    assert len(entries) == len(events)
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("urn:uuid:")
        link = entry.find(f"{ATOM}link").get("href")
        assert link.startswith("https://example.github.io/karabakh-timeline/index.html#e-")
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT00:00:00Z", entry.find(f"{ATOM}updated").text)


def test_timelinejs_json_has_the_knight_lab_shape(bundled: Path) -> None:
    data = json.loads((bundled / "timelinejs.json").read_text(encoding="utf-8"))
    assert data["title"]["text"]["headline"] == "Nagorno-Karabakh timeline"
    assert len(data["events"]) >= 10
    for event in data["events"]:
        for key in ("start_date", "end_date"):
            if key in event:
                assert set(event[key]) <= {"year", "month", "day"}
                assert all(isinstance(value, int) for value in event[key].values())
        assert event["text"]["headline"]
        assert event["group"]
    ranged = next(e for e in data["events"] if e["display_date"] == "9-26 October 2020")
    assert ranged["start_date"] == {"year": 2020, "month": 10, "day": 9}
    assert ranged["end_date"] == {"year": 2020, "month": 10, "day": 26}
    decade = next(e for e in data["events"] if e["display_date"] == "February 1988")
    assert decade["start_date"] == {"year": 1988, "month": 2}


def test_sitemap_and_robots(bundled: Path) -> None:
    root = ET.fromstring((bundled / "sitemap.xml").read_bytes())
    locations = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    html_pages = [p for p in bundled.rglob("*.html") if p.name != "404.html"]
    assert len(locations) == len(html_pages)
    assert "https://example.github.io/karabakh-timeline/" in locations
    assert all(loc.startswith("https://example.github.io/karabakh-timeline/") for loc in locations)
    robots = (bundled / "robots.txt").read_text(encoding="utf-8")
    assert "Sitemap: https://example.github.io/karabakh-timeline/sitemap.xml" in robots


def test_not_found_page_links_from_the_site_path(bundled: Path) -> None:
    page = parse((bundled / "404.html").read_bytes())
    internal = [link for link in page.links if not link.startswith(("http", "#"))]
    assert internal and all(link.startswith("/karabakh-timeline/") for link in internal)


def test_index_has_overview_filters_and_year_links(bundled: Path) -> None:
    html = (bundled / "index.html").read_text(encoding="utf-8")
    svg = re.search(r"<svg class=\"overview-axis\".*?</svg>", html, re.DOTALL).group(0)
    events = json.loads((bundled / "events.json").read_text(encoding="utf-8"))["events"]
    for event in events:
        assert f'href="#{event["id"]}"' in svg
    assert re.search(r'<form class="filters" id="filters"[^>]* hidden>', html)
    assert '<script src="static/timeline.js" defer></script>' in html
    assert re.search(r'<a href="#y2020">2020</a>', html)
    assert '<ol class="timeline">' in html
    assert '<script src="http' not in html and "@import" not in html


# -- hand-made sites -------------------------------------------------------------------


def test_sentence_equal_to_headline_is_printed_once() -> None:
    site = make_site(events_per_day=1, days=1, years=(2020,))
    html = as_dict(render_site(site))["index.html"].decode("utf-8")
    sentence = site.events[0].text
    entry = re.search(r'<li class="entry.*?</li>', html, re.DOTALL).group(0)
    assert entry.count(sentence.rstrip(".")) == 1
    assert 'class="entry-text' not in entry


def test_entry_text_says_only_what_the_headline_does_not() -> None:
    def event(headline: str, text: str) -> Event:
        return Event("e-1", "a", 1, 0, 1, (text,), headline, "stated", "2020", None, None)

    assert entry_text(event("He came", "He came.")) is None
    assert entry_text(event("He came", "He came. She left.")) == ("rest", "She left.")
    assert entry_text(event("A long…", "A long story.")) == ("rest", "…story.")
    assert entry_text(event("Talks", "Since 1992, talks.")) == ("full", "Since 1992, talks.")


def test_person_and_place_pages_list_their_events() -> None:
    site = make_site()
    pages = as_dict(render_site(site))
    for name in PEOPLE:
        named = [e for e in site.events if name in e.entities]
        slug = {"Ilham Aliyev": "ilham-aliyev", "Baku": "baku"}.get(name)
        path = f"entities/{slug}.html" if slug else None
        if path is None:  # not in Site.entities: a slug of its own
            path = next(p for p in pages if p.startswith("entities/") and _named(pages[p], name))
        html = pages[path].decode("utf-8")
        assert f"<h1>{name}" in html.replace("&#39;", "'")
        assert html.count('<li class="entry') == len(named)
        for event in named:
            assert f'id="{event.id}"' in html
    assert "entities/susa.html" in pages
    listing = pages["entities/index.html"].decode("utf-8")
    assert re.search(
        r"<h2[^>]*>People</h2>.*Ilham Aliyev.*<h2[^>]*>Places</h2>.*Baku", listing, re.S
    )
    index = pages["index.html"].decode("utf-8")
    assert '<a href="entities/ilham-aliyev.html">Ilham Aliyev</a>' in index
    assert '<optgroup label="People">' in index
    assert broken_links(pages) == []


def _named(html: bytes, name: str) -> bool:
    return f"<h1>{name}".encode() in html


def test_added_and_merged_events_show_their_sources() -> None:
    site = make_site(events_per_day=1, days=2, years=(2020,))
    first, second = site.events
    added = Event(
        "e-added00001",
        "",
        0,
        0,
        10,
        ("Armenia, Azerbaijan and Russia sign a statement.",),
        "Armenia, Azerbaijan and Russia sign a statement",
        "added",
        "2020-11-10",
        None,
        None,
        source_title="Kremlin statement",
        source_url="https://example.org/statement",
    )
    merged = Event(**{**_fields(first), "also_reported": (second,)})
    site = Site(site.config, site.articles, (merged, added), entities=site.entities)
    pages = as_dict(render_site(site))
    html = pages["index.html"].decode("utf-8")
    assert (
        'href="https://example.org/statement" rel="nofollow noopener">Kremlin statement</a>' in html
    )
    assert "added by the editors" in html
    assert f'also reported in <a href="articles/{second.article}.html#p1">' in html
    record = json.loads(pages["events.json"])["events"][1]
    assert record["source_url"] == "https://example.org/statement"
    assert broken_links(pages) == []


def _fields(event: Event) -> dict[str, object]:
    return {name: getattr(event, name) for name in Event.__slots__}


class SmallPages(Renderer):
    page_limit = 10
    recent = 5


def test_large_timelines_split_into_pages_that_say_where_entries_are() -> None:
    site = make_site(events_per_day=2, days=12, years=(2018, 2019, 2020), base="https://u.io/r/")
    pages = as_dict(SmallPages(site).pages())
    timeline_pages = sorted(p for p in pages if p.startswith("timeline/"))
    assert len(timeline_pages) >= 3 * 24 // 10
    where: dict[str, str] = {}
    for path in timeline_pages:
        ids = re.findall(r'<li class="entry[^"]*" id="([^"]+)"', pages[path].decode("utf-8"))
        assert 0 < len(ids) <= 10, path
        for event_id in ids:
            assert event_id not in where, f"{event_id} on {where.get(event_id)} and {path}"
            where[event_id] = path
    assert set(where) == {event.id for event in site.events}
    records = json.loads(pages["events.json"])["events"]
    for record in records:
        assert record["url"] == f"{where[record['id']]}#{record['id']}"
    index = pages["index.html"].decode("utf-8")
    assert len(re.findall(r'<li class="entry', index)) == 5
    for path in timeline_pages:
        assert f'href="{path}"' in index
    # Entries shown on the index link to the page they live on.
    last = site.events[-1]
    assert f'href="{where[last.id]}#{last.id}"' in index
    assert broken_links(pages) == []
    sitemap = pages["sitemap.xml"].decode("utf-8")
    for path in timeline_pages:
        assert f"<loc>https://u.io/r/{path}</loc>" in sitemap
    article = pages[f"articles/{site.articles[0].slug}.html"].decode("utf-8")
    assert f'href="../{where[site.events[0].id]}#{site.events[0].id}"' in article


def test_busy_person_pages_split_into_parts_in_time_order() -> None:
    site = make_site(events_per_day=2, days=12, years=(2018, 2019, 2020))
    pages = as_dict(SmallPages(site).pages())
    named = [e for e in site.events if "Ilham Aliyev" in e.entities]
    parts = sorted(p for p in pages if re.fullmatch(r"entities/ilham-aliyev(--p\d+)?\.html", p))
    assert len(parts) == -(-len(named) // 10) > 1
    shown: list[str] = []
    for path in ["entities/ilham-aliyev.html"] + [
        f"entities/ilham-aliyev--p{n}.html" for n in range(2, len(parts) + 1)
    ]:
        html = pages[path].decode("utf-8")
        ids = re.findall(r'<li class="entry[^"]*" id="([^"]+)"', html)
        assert 0 < len(ids) <= 10
        shown.extend(ids)
        assert 'aria-current="page"' in html
    assert shown == [e.id for e in named]  # every entry once, oldest first
    assert broken_links(pages) == []


def test_a_month_heading_for_day_dates_and_none_for_years() -> None:
    site = make_site(events_per_day=1, days=2, years=(2020,))
    year = Event("e-year000001", site.articles[0].slug, 1, 0, 5, ("In 2020 it began.",),
                 "It began", "stated", "2020", None, "2020")  # fmt: skip
    site = Site(site.config, site.articles, (year, *site.events))
    html = as_dict(render_site(site))["index.html"].decode("utf-8")
    assert re.search(r'<h2 id="y2020">2020</h2>\s*<ol class="timeline">\s*<li[^>]*id="e-year', html)
    assert '<h3 class="month" id="y2020-01">January 2020</h3>' in html
    assert '<h4 class="entry-headline">' in html and '<h3 class="entry-headline">It began' in html


def test_no_base_url_means_no_canonical_and_no_sitemap() -> None:
    pages = as_dict(render_site(make_site(days=2)))
    assert "sitemap.xml" not in pages
    assert b'rel="canonical"' not in pages["index.html"]
    assert b"Sitemap:" not in pages["robots.txt"]
    assert b'href="index.html"' in pages["404.html"]


# -- serve -----------------------------------------------------------------------------


def test_serve_options() -> None:
    options = serve_parser().parse_args(["--port", "0", "--content", "c", "--quiet"])
    assert options.port == 0 and options.content == Path("c") and options.quiet


@pytest.mark.parametrize("forked", [True, False], ids=["server process", "server thread"])
def test_serve_builds_serves_under_the_base_path_and_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forked: bool
) -> None:
    from karabakh_timeline import builder

    # Where a process can fork, the server runs in a process of its own, so that this
    # one stays single-threaded and its rebuilds can fork; elsewhere, in a thread.
    monkeypatch.setattr(builder, "can_fork", lambda: forked)
    content = tmp_path / "content"
    content.mkdir()
    article = content / "a.md"
    article.write_text(
        "---\ntitle: First\ndate: 2020-11-01\n---\n\nOn 27 September 2020 it began.\n",
        encoding="utf-8",
    )
    messages: list[str] = []
    server = DevServer(
        content, tmp_path / "out", "https://u.github.io/repo/", port=0, log=messages.append
    )
    try:
        assert server.rebuild() is not None
        server.start()
        assert (server.process is not None, server.thread is not None) == (forked, not forked)
        assert server.url == f"http://127.0.0.1:{server.port}/repo/"

        def get(url: str) -> tuple[int, str]:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    return response.status, response.read().decode("utf-8")
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode("utf-8")

        status, html = get(server.url + "index.html")
        assert status == 200 and "it began" in html
        status, html = get(server.url)
        assert status == 200 and "<h1>" in html
        status, html = get(server.url + "nothing-here.html")
        assert status == 404 and "Page not found" in html
        status, _ = get(f"http://127.0.0.1:{server.port}/other/index.html")
        assert status == 404
        assert server.poll() is False
        article.write_text(
            article.read_text(encoding="utf-8").replace("it began", "it started"),
            encoding="utf-8",
        )
        assert server.poll() is True
        status, html = get(server.url + "index.html")
        assert "it started" in html
        article.write_text("---\ntitle: Broken\n---\n", encoding="utf-8")
        assert server.poll() is True
        assert any("problem" in message for message in messages)
        assert "it started" in get(server.url + "index.html")[1]  # the last good build
    finally:
        server.close()
    if forked:
        assert server.process is not None and not server.process.is_alive()


def test_serve_command_prints_the_url(tmp_path: Path, monkeypatch, capsys) -> None:
    import karabakh_timeline.serve as serve_module

    def stop(_seconds: float) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(serve_module.time, "sleep", stop)
    output = tmp_path / "out"
    base = ["--base-url", "https://example.github.io/karabakh-timeline/"]
    code = main(
        ["serve", "--content", str(BUNDLED_CONTENT), "--output", str(output), "--port", "0", *base]
    )
    assert code == 0
    printed = capsys.readouterr().out
    assert re.search(r"Serving .* at http://127\.0\.0\.1:\d+/karabakh-timeline/", printed)
    assert (output / "index.html").is_file()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-11-01", "2020-11-01"),
        ("2020-11", "2020-11"),
        ("1988", "1988"),
        ("2019-W10", "2019-W10"),
        ("2020-11-01T06:30", "2020-11-01T06:30"),
        ("2005-12-16T24:00", "2005-12-16"),  # HTML has no hour 24: the date stays
        ("2020-02-30", None),
        ("2020-13", None),
        ("2020-W54", None),
        ("0000", None),
        ("197", None),
        ("2020-11-01TMO", None),
    ],
)
def test_html_datetime_accepts_only_what_html_does(value: str, expected: str | None) -> None:
    assert html_datetime(value) == expected


SILVER = Path("/work/shared/corpora/silver-md")


@pytest.fixture(scope="module")
def news_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real news articles over several years (every 12th of the silver corpus), when the
    corpus is on this machine."""
    if not SILVER.is_dir():
        pytest.skip(f"no news corpus at {SILVER}")
    content = tmp_path_factory.mktemp("news") / "content"
    content.mkdir()
    for path in sorted(SILVER.glob("*.md"))[::12]:
        (content / path.name).write_bytes(path.read_bytes())
    output = content.parent / "_site"
    assert main(["--content", str(content), "--output", str(output), "--quiet"]) == 0
    return output


def test_real_news_builds_into_year_pages_with_every_link_resolving(news_site: Path) -> None:
    pages = read_all(news_site)
    timeline_pages = [path for path in pages if path.startswith("timeline/")]
    assert len(timeline_pages) >= 3
    events = json.loads(pages["events.json"])["events"]
    assert len(events) > 200
    for path in timeline_pages:
        assert pages[path].count(b'<li class="entry') <= 200, path
    for event in events:
        page, anchor = event["url"].split("#")
        assert f'id="{anchor}"'.encode() in pages[page]
    assert broken_links(pages) == []
    assert len(gzip.compress(pages["index.html"])) < 50_000


def test_entity_pages_describe_the_entity_not_every_entry_again(bundled: Path) -> None:
    pages = sorted((bundled / "entities").glob("*.html"))
    pages = [page for page in pages if page.name != "index.html"]
    assert pages
    for path in pages:
        (block,) = parse(path.read_bytes()).jsonld
        data = json.loads(block)
        assert data["@type"] == "CollectionPage" and "@graph" not in data
        assert data["about"]["@type"] in ("Person", "Place", "Organization", "Thing")
        assert data["url"] == parse(path.read_bytes()).meta["canonical"]


def test_entries_rendered_ahead_are_those_the_pages_render() -> None:
    site = make_site(events_per_day=2, days=12, years=(2018, 2019, 2020), base="https://u.io/r/")
    on_demand = SmallPages(site)
    pages = as_dict(on_demand.pages())
    ahead = SmallPages(site)
    prepared = [ahead.prepare(shard, 3) for shard in range(3)]
    shares = [entries for entries, _ in prepared]
    assert sum(map(len, shares)) == len(site.events)
    rendered = {key: html for share in shares for key, html in share.items()}
    assert rendered == {
        key: str(html) for key, html in on_demand._entries.items() if key in rendered
    }
    facts = {event_id: fact for _, share in prepared for event_id, fact in share.items()}
    assert facts == on_demand._facts and len(facts) == len(site.events)
    ahead.adopt(prepared)
    keyed = list(ahead.pages())
    assert as_dict(keyed) == pages
    assert [page.key for page in keyed] == [page.key for page in SmallPages(site).pages()]


def test_macros_copied_from_an_earlier_version_render_the_same_pages(tmp_path: Path) -> None:
    # Before cached_entries, _macros.html called cached_entry for each entry: a copy of
    # it in a user's templates folder still works, and gives the same pages.
    bundled = (Path(__file__).resolve().parents[1] / "templates" / "_macros.html").read_text(
        encoding="utf-8"
    )
    loop = (
        "    {% for event in month.events %}\n"
        "    {{ cached_entry(entry, event, level + 2 if month.key else level + 1) }}\n"
        "    {% endfor %}\n"
    )
    call = (
        '{{ cached_entries(entry, month.events, level + 2 if month.key else level + 1, "    ") }}\n'
    )
    assert call in bundled
    (tmp_path / "_macros.html").write_text(bundled.replace(call, loop), encoding="utf-8")
    site = make_site(events_per_day=2, days=12, years=(2019, 2020))
    expected = as_dict(SmallPages(site).pages())
    copied = as_dict(SmallPages(site, tmp_path).pages())
    assert copied.keys() == expected.keys()
    for path, content in expected.items():
        if path.endswith(".html"):
            assert copied[path] == content, path


@pytest.mark.parametrize(
    "records",
    [
        [],
        [{"id": "a"}],
        [{"id": "a", "text": "two\nlines, and \u2028 a line separator"}, {"id": "b", "n": [1, 2]}],
    ],
)
def test_export_records_read_back_from_the_document(records: list[dict]) -> None:
    from karabakh_timeline.renderer.exports import json_document, json_line, last_export

    lines = [json_line(record).encode("utf-8") for record in records]
    data = json_document({"version": 1, "title": "T\nitle"}, "events", lines)
    assert json.loads(data)["events"] == records
    facts = [f"facts {n}" for n in range(len(lines))]
    lengths = [len(line) for line in lines]
    last = last_export(data, facts, lengths)
    if not lines:
        assert last is None  # nothing to take
        return
    assert last is not None
    assert [bytes(last.records(n, n)) for n in range(len(lines))] == lines
    # A run of records, separators and all: the document again from its runs.
    assert (
        json_document(
            {"version": 1, "title": "T\nitle"}, "events", [last.records(0, len(lines) - 1)]
        )
        == data
    )
    assert last_export(data.replace(b"]}", b"}"), facts, lengths) is None
    assert last_export(data, facts, [length + 1 for length in lengths]) is None


def test_overview_histogram_counts_each_month_and_links_its_first_entry() -> None:
    from karabakh_timeline.renderer.overview import MAX_MARKS, overview_svg

    # More entries than marks fit, over two years: a bar per month.
    site = make_site(events_per_day=13, days=24, years=(2019, 2020))
    assert len(site.events) > MAX_MARKS
    svg = overview_svg(site.events, lambda event: f"#{event.id}")
    bars = re.findall(r'<a href="#([^"]+)"><title>([^<]+)</title>', svg)
    by_month: dict[str, list[str]] = {}
    for event in site.events:
        by_month.setdefault(event.start[:7], []).append(event.id)
    expected = [
        (ids[0], f"{dt.date.fromisoformat(month + '-01'):%B %Y}: {len(ids)} entries")
        for month, ids in sorted(by_month.items())
    ]
    assert bars == expected
