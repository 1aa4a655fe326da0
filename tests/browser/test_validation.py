"""Zero errors from the Nu HTML Checker on every page, zero axe-core violations.

vnu.jar and axe-core come from npm (``npm install --no-save vnu-jar axe-core`` in the
repository, which ``.ci/run`` does); the checks skip, saying why, when they or java or
Chromium are missing.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from karabakh_timeline.builder import write_site
from karabakh_timeline.renderer import Renderer

from ..test_site_pages import make_site, news_site  # noqa: F401 (a fixture)
from .conftest import Served, Watch, java, node_module, open_context, serve_folder

ARTICLE = "articles/2020-11-01-aliyev-armenia-admitted-defeat.html"


class SmallPages(Renderer):
    page_limit = 12
    recent = 6


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A hand-made site with every kind of page: year pages, people and places."""
    folder = tmp_path_factory.mktemp("paged") / "site"
    site = make_site(events_per_day=2, days=10, years=(2019, 2020), base="https://u.github.io/r/")
    write_site(list(SmallPages(site).pages()), folder)
    return folder


@pytest.fixture(scope="module")
def paged_url(paged_site: Path) -> Iterator[str]:
    with serve_folder(paged_site) as url:
        yield url


def vnu(*folders: Path) -> list[dict]:
    jar = node_module("vnu-jar", "build", "dist", "vnu.jar")
    result = subprocess.run(
        [java(), "-jar", str(jar), "--errors-only", "--format", "json", "--skip-non-html"]
        + [str(folder) for folder in folders],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def test_every_page_is_valid_html(served: Served, paged_site: Path) -> None:
    pages = list(served.folder.rglob("*.html")) + list(paged_site.rglob("*.html"))
    assert len(pages) > 20
    assert any("/timeline/" in str(page) for page in pages)
    assert any("/entities/" in str(page) for page in pages)
    errors = vnu(served.folder, paged_site)
    assert errors == [], "\n".join(
        f"{e.get('url')}:{e.get('lastLine')}: {e.get('message')}" for e in errors
    )


def test_real_news_pages_are_valid_html(news_site: Path) -> None:  # noqa: F811
    errors = vnu(news_site)
    assert errors == [], "\n".join(
        f"{e.get('url')}:{e.get('lastLine')}: {e.get('message')}" for e in errors
    )


def axe_violations(browser, url: str, scheme: str) -> list[str]:
    script = node_module("axe-core", "axe.min.js")
    watch = Watch()
    context = open_context(browser, watch, color_scheme=scheme)
    page = context.new_page()
    page.goto(url)
    page.add_script_tag(path=str(script))
    result = page.evaluate("async () => await axe.run(document)")
    context.close()
    assert watch.external == [] and watch.errors == []
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(node["target"][0] for node in v["nodes"][:3])
        for v in result["violations"]
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(
    browser, served: Served, paged_site: Path, paged_url: str, scheme: str
) -> None:
    person = next(served.folder.glob("entities/*.html"), None)
    urls = [served.url + "index.html", served.url + ARTICLE]
    if person is not None and person.name != "index.html":
        urls.append(served.url + person.relative_to(served.folder).as_posix())
    # Always a person page, a place page and a year page, from the hand-made site.
    year_page = next((paged_site / "timeline").glob("*.html")).relative_to(paged_site)
    urls += [
        paged_url + "entities/ilham-aliyev.html",
        paged_url + "entities/baku.html",
        paged_url + "entities/index.html",
        paged_url + "index.html",
        paged_url + year_page.as_posix(),
    ]
    found = {url: axe_violations(browser, url, scheme) for url in urls}
    assert {url: v for url, v in found.items() if v} == {}
