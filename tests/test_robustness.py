"""Any input: never a crash, always valid values and offsets; builds are reproducible."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from karabakh_timeline.builder import build
from karabakh_timeline.loader import analyse_article
from karabakh_timeline.loader.articles import RawArticle
from karabakh_timeline.loader.entities import Gazetteer
from karabakh_timeline.loader.markup import new_markdown
from karabakh_timeline.values import parse_value

NEWSY = st.sampled_from(
    [
        "On 27 September 2020 ",
        "from 9 to 26 October ",
        "since 1992, ",
        "1992-1994 ",
        "Earlier, ",
        "Later, ",
        "He said this on Monday. ",
        "last Friday ",
        "two weeks ago ",
        "in the 1970s ",
        "\n\n",
        "- item on 3 May\n",
        "<b>bold",
        "</p>",
        "**",
        "> ",
        "# ",
        "Mr. ",
        "U.S. ",
        "6 a.m. ",
        "1,200 ",
        "",
    ]
)
BODIES = st.lists(st.one_of(NEWSY, st.text(max_size=30)), max_size=25).map("".join)
DATES = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=BODIES, date=DATES)
def test_any_article_loads_with_valid_events(body: str, date: dt.date) -> None:
    raw = RawArticle(Path("a.md"), "a", "A", date, None, None, (), body, 5)
    article, events, _ = analyse_article(raw, new_markdown(), Gazetteer({}))
    texts = {p.number: p.text for p in article.paragraphs}
    for mention in article.mentions:
        text = texts[mention.paragraph]
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
    for event in events:
        text = texts[event.paragraph]
        assert 0 <= event.start_offset < event.end_offset <= len(text)
        assert event.sentences and all(s in text for s in event.sentences)
        for value in (event.start, event.end, event.before, event.after):
            assert value is None or parse_value(value) is not None, value
        if event.start and event.end:
            first, last = parse_value(event.start), parse_value(event.end)
            assert first is not None and last is not None
            assert first.first <= last.last
        assert re.fullmatch(r"e-[0-9a-f]{10}", event.id)


XSS = """---
title: "<script>alert('title')</script>\\" onmouseover=\\"alert(1)"
date: 2020-11-01
source: "<img src=x onerror=alert('source')>"
url: "https://example.org/\\"><script>alert('url')</script>"
tags: ["<svg onload=alert('tag')>"]
---

<script>alert('body')</script> On 27 September 2020 it happened.

<img src=x onerror="alert('img')"> <a href="javascript:alert('link')">click</a>
<a href="  JaVaScRiPt:alert('spaced')">x</a>
<a href="data:text/html,<script>alert(1)</script>">d</a>

<svg><script>alert('svg')</script><animate onbegin="alert('anim')"/></svg>
<math><maction actiontype="statusline" xlink:href="javascript:alert('math')">m</maction></math>

<div onclick="alert('div')"><p style="x:expression(alert(1))">broken <b><i>markup</p>

[md link](javascript:alert('md')) ![img](javascript:alert('mdimg'))

<iframe srcdoc="<script>alert('iframe')</script>"></iframe><object data="x.swf"></object>
<form action="javascript:alert(1)"><button formaction="javascript:alert(2)">b</button></form>
"<script>alert('quoted')</script>" on October 1.
"""


class _Elements(HTMLParser):
    """Every element and attribute as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))


def test_xss_vectors_are_neutralised(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "xss.md").write_text(XSS, encoding="utf-8")
    output = tmp_path / "out"
    build(content, output)
    for page in output.rglob("*.html"):
        parser = _Elements()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in parser.elements:
            where = (page.name, tag, attrs)
            assert tag not in ("iframe", "object", "embed", "base", "maction", "animate"), where
            if tag == "script":  # only the site's own: JSON-LD data and files from static/
                assert attrs.get("type", "").startswith("application/") or re.fullmatch(
                    r"(\.\./)*static/[\w.-]+\.js", attrs.get("src", "")
                ), where
            assert not [name for name in attrs if name.startswith("on")], where
            assert "style" not in attrs or tag not in ("p", "div", "a", "img"), where
            for name in ("href", "src", "action", "formaction", "data", "xlink:href"):
                value = re.sub(r"[\s\x00-\x1f]", "", attrs.get(name, "")).lower()
                assert not value.startswith(("javascript:", "data:", "vbscript:")), where


def test_the_feed_keeps_markup_in_titles_as_text(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    content = tmp_path / "content"
    content.mkdir()
    (content / "xss.md").write_text(XSS, encoding="utf-8")
    (content / "site.yaml").write_text(
        'title: "A & B <i>timeline</i>"\nbase_url: "https://u.io/a\\"b/"\n', encoding="utf-8"
    )
    output = tmp_path / "out"
    build(content, output)
    atom = "{http://www.w3.org/2005/Atom}"
    feed = ET.fromstring((output / "feed.xml").read_bytes())  # well-formed, whatever the text
    assert feed.findtext(f"{atom}title") == "A & B <i>timeline</i>"
    summaries = [entry.findtext(f"{atom}summary") or "" for entry in feed.iter(f"{atom}entry")]
    assert summaries and all("Source: <script>alert('title')</script>" in s for s in summaries)
    links = [link.get("href") for link in feed.iter(f"{atom}link")]
    assert 'https://u.io/a"b/feed.xml' in links
    sitemap = ET.fromstring((output / "sitemap.xml").read_bytes())
    assert any('u.io/a"b/' in (loc.text or "") for loc in sitemap.iter())


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    content = Path(__file__).parent / "articles"
    build(content, tmp_path / "one")
    build(content, tmp_path / "two")
    assert _tree_digest(tmp_path / "one") == _tree_digest(tmp_path / "two")


def test_control_characters_never_reach_the_output(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_text(
        "---\ntitle: Bell\x07 title\ndate: 2020-11-01\n---\n\nIt rang\x07 on 3 May\x1b.\n",
        encoding="utf-8",
    )
    output = tmp_path / "out"
    build(content, output)
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".json"):
            data = path.read_text(encoding="utf-8")
            assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", data), path
