"""Fixtures for the browser tests: the site served under /repo/ on 127.0.0.1, and a
headless Chromium driven by Playwright.

Chromium is Debian's (``/usr/bin/chromium``, or ``$CHROMIUM``), never a downloaded one;
every test skips, saying why, when it or Playwright is missing. The site is served by
the ``serve`` command's own server (a stdlib ``http.server``) under ``/repo/``, as
GitHub Pages serves a project site, and every request that would leave 127.0.0.1 is
blocked and recorded.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from karabakh_timeline.serve import DevServer

from ..conftest import BUNDLED_CONTENT, REPO

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
NODE_MODULES = Path(os.environ.get("NODE_MODULES", REPO / "node_modules"))


def _playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install playwright)")
    if not CHROMIUM.is_file():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set $CHROMIUM)")
    return sync_playwright


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_playwright = _playwright()
    with sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(
                executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
            )
        except Exception as error:  # a broken Chromium install: say so, do not fail
            pytest.skip(f"Chromium at {CHROMIUM} does not start: {error}")
        yield chromium
        chromium.close()


@dataclasses.dataclass
class Served:
    url: str  # http://127.0.0.1:PORT/repo/
    folder: Path  # the built site


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The bundled site, built with base_url at its local address and served there."""
    folder = tmp_path_factory.mktemp("served") / "repo"
    server = DevServer(BUNDLED_CONTENT, folder, "http://127.0.0.1/repo/", port=0, quiet=True)
    server.base_url = server.url  # canonical links and the 404 page at the real address
    assert server.rebuild() is not None
    server.start()
    yield Served(server.url, folder)
    server.close()


@contextlib.contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 with the stdlib's http.server; yields its URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(folder))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclasses.dataclass
class Watch:
    """What a page did that it should not: console errors and requests off 127.0.0.1."""

    errors: list[str] = dataclasses.field(default_factory=list)
    external: list[str] = dataclasses.field(default_factory=list)


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("file", "data", "about", "blob") or parts.hostname == "127.0.0.1"


def open_context(browser, watch: Watch, **options):
    context = browser.new_context(**options)

    def route(route) -> None:
        if _local(route.request.url):
            route.continue_()
        else:
            watch.external.append(route.request.url)
            route.abort()

    context.route("**/*", route)

    def on_page(page) -> None:
        page.on(
            "console",
            lambda message: watch.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: watch.errors.append(str(error)))

    context.on("page", on_page)
    return context


@pytest.fixture
def watch() -> Watch:
    return Watch()


@pytest.fixture
def page(browser, watch: Watch):
    """A fresh page (JavaScript on, light theme, desktop width) that must stay clean."""
    context = open_context(browser, watch, viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()
    assert watch.external == [], "requests left 127.0.0.1"


def node_module(*parts: str) -> Path:
    path = NODE_MODULES.joinpath(*parts)
    if not path.is_file():
        pytest.skip(
            f"{path} is missing (npm install --no-save vnu-jar axe-core in {REPO}, "
            "or set $NODE_MODULES)"
        )
    return path


def java() -> str:
    found = shutil.which("java")
    if found is None:
        pytest.skip("java is not installed: the Nu HTML Checker (vnu.jar) needs it")
    return found
