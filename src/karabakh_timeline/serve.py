"""``python build.py serve``: build, serve the site on 127.0.0.1, rebuild on changes.

The site is served under the path of ``base_url`` (``/karabakh-timeline/`` for
``https://user.github.io/karabakh-timeline/``), as GitHub Pages would, so what works
here works there. Changes are found by polling the modification times of the content
and template files; a build that fails prints its problems and leaves the last good
site being served.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import http.server
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import builder
from .atomic import replace_file
from .builder import BuildResult, build, safe_relative_path
from .errors import BuildError, Problem
from .fingerprint import bundled_templates
from .loader import load_article, load_config
from .loader.editorial import EDITS_FILE, apply_edits, load_edits
from .loader.entities import load_gazetteer
from .models import Site
from .timex import find_timexes

if TYPE_CHECKING:
    from .renderer import Renderer

HOST = "127.0.0.1"

Snapshot = dict[str, tuple[int, int]]


def snapshot(folders: list[Path]) -> Snapshot:
    """Modification time and size of every visible file under ``folders``.

    ``os.scandir`` rather than ``Path.rglob``: it runs ten times a second over
    thousands of articles, and a directory entry knows whether it is a file.
    """
    state: Snapshot = {}
    pending = [str(folder) for folder in folders if folder.is_dir()]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.name.startswith(".") or entry.name == "__pycache__":
                continue
            try:
                if entry.is_dir():
                    pending.append(entry.path)
                elif entry.is_file():
                    stat = entry.stat()
                    state[entry.path] = (stat.st_mtime_ns, stat.st_size)
            except OSError:
                continue
    return state


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files under a path prefix; ``404.html`` for what is not there."""

    prefix = "/"
    quiet = True

    def __init__(self, *args: Any, directory: str, **kwargs: Any) -> None:
        super().__init__(*args, directory=directory, **kwargs)

    def send_head(self) -> Any:
        path = urlsplit(self.path).path
        if self.prefix != "/" and path in ("", "/", self.prefix.rstrip("/")):
            self.send_response(302)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        plain = urlsplit(path).path
        if not plain.startswith(self.prefix):
            return str(Path(self.directory) / ".not-found")
        return super().translate_path("/" + plain[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


class DevServer:
    """The site served from ``output``, rebuilt from ``content`` when files change."""

    def __init__(
        self,
        content: Path,
        output: Path,
        base_url: str | None = None,
        templates: Path | None = None,
        port: int = 8000,
        quiet: bool = False,
        log: Callable[[str], None] = print,
    ) -> None:
        self.content = content
        self.output = output
        self.base_url = base_url
        self.templates = templates
        self.quiet = quiet
        self.log = log
        self.watched = [content, *([templates] if templates else []), bundled_templates()]
        self.memory: dict[str, object] = {}  # article analyses kept between rebuilds
        self.site: Site | None = None  # the last good build's, for previews
        self.previewer: Renderer | None = None
        self.previewed: dict[str, bytes] = {}  # page path -> its bytes in the last good build
        # When the last rebuild ended, and whether the collector went through its leavings
        # since (see ``tidy``).
        self.built_at = 0.0
        self.tidied = True
        self.state = snapshot(self.watched)
        self.prefix = self._prefix()
        handler = type("Handler", (_Handler,), {"prefix": self.prefix, "quiet": True})
        self.output.mkdir(parents=True, exist_ok=True)
        self.server = http.server.ThreadingHTTPServer(
            (HOST, port), partial(handler, directory=str(self.output.resolve()))
        )
        self.thread: threading.Thread | None = None
        self.process: multiprocessing.process.BaseProcess | None = None

    @property
    def port(self) -> int:
        return int(self.server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}{self.prefix}"

    def _prefix(self) -> str:
        base = self.base_url
        if base is None:
            try:
                base = load_config(self.content).base_url
            except BuildError:
                base = ""
        path = urlsplit(base or "").path or "/"
        return path if path.endswith("/") else path + "/"

    def rebuild(self) -> BuildResult | None:
        """Build the site; on bad input print the problems and return None."""
        gc.unfreeze()  # (see _settle)
        try:
            return self._rebuild()
        finally:
            self._settle()

    def _rebuild(self) -> BuildResult | None:
        try:
            result = build(
                self.content, self.output, self.base_url, self.templates, memory=self.memory
            )
        except BuildError as error:
            self.log(f"error: the build stopped, {len(error.problems)} problem(s) found:")
            for problem in error.problems:
                self.log(f"  {problem}")
            self._unpreview()
            self.log("Still serving the last good build.")
            return None
        self.previewed.clear()
        # A first build that found the site up to date makes none: the last build's,
        # from its snapshot, serves for the previews until a rebuild makes one.
        site = result.site
        if site is None and self.site is None:
            site = builder.recorded_site(self.output)
        if site is not None:
            from .renderer import Renderer

            # Made now, while nothing is waiting, so that a preview costs only its page;
            # the tagger too is readied here (the build ran it in worker processes).
            self.site, self.previewer = site, Renderer(site, self.templates)
            find_timexes("It began on 27 September 2020.", dt.date(2020, 11, 1))
        for warning in result.warnings:
            self.log(f"warning: {warning}")
        if not self.quiet:
            from .cli import summary_line

            self.log(summary_line(self.output, result))
        return result

    def _settle(self) -> None:
        """After a rebuild, what it leaves (the analyses, the site, the previewer) is
        frozen out of the collector's reach: a full collection would otherwise go through
        it all, 0.15-0.2 s on a large archive, at any moment, the next preview's included.
        The garbage among it is collected by ``tidy``, when nothing is happening."""
        gc.freeze()
        self.built_at, self.tidied = time.monotonic(), False

    def tidy(self, idle: float = 2.0) -> bool:
        """Once the last rebuild is ``idle`` seconds old: collect what it left behind, then
        freeze the rest again (see ``_settle``). True if it did."""
        if self.tidied or time.monotonic() - self.built_at < idle:
            return False
        gc.unfreeze()
        gc.collect()
        gc.freeze()
        self.tidied = True
        return True

    def poll(self) -> bool:
        """Rebuild when a watched file changed since the last look; True if it did.

        When only articles changed, their own pages are previewed first, in a few
        milliseconds, so that the page being edited is up to date before the rebuild.
        """
        state = snapshot(self.watched)
        if state == self.state:
            return False
        changed = [
            path
            for path in state.keys() | self.state.keys()
            if state.get(path) != self.state.get(path)
        ]
        self.state = state
        previewed = self.preview(sorted(changed))
        if not self.quiet:
            ahead = f", previewed {', '.join(previewed)}" if previewed else ""
            self.log(f"Change detected{ahead}; rebuilding...")
        self.rebuild()
        return True

    def preview(self, changed: list[str]) -> list[str]:
        """Write the pages of edited articles ahead of the rebuild (see ``article_preview``).

        Only when every changed file is an article the last build had, and each one
        still reads without a problem; otherwise the rebuild alone decides. Returns the
        pages written.
        """
        if self.site is None or self.previewer is None:
            return []
        by_path = {Path(article.source_path).as_posix(): article for article in self.site.articles}
        content = self.content.resolve()
        relatives = []
        for path in changed:
            resolved = Path(path).resolve()
            if not resolved.is_relative_to(content):
                return []  # a template changed
            relative = resolved.relative_to(content)
            if relative.as_posix() not in by_path or not resolved.is_file():
                return []  # settings, a new article, a deleted one
            relatives.append(relative)
        written = []
        # What the last build did beyond one article: its automatic and editorial merges
        # (events told again elsewhere are shown once, by the first report).
        absorbed = {other.id for event in self.site.events for other in event.also_reported}
        try:
            gazetteer = load_gazetteer(self.content)
            edits = load_edits(self.content)
            for relative in relatives:
                problems: list[Problem] = []
                loaded = load_article(
                    relative, (content / relative).read_bytes(), problems, [], gazetteer
                )
                if loaded is None or problems:
                    continue
                article, events, _ = loaded
                if article.slug != by_path[relative.as_posix()].slug:
                    continue
                ids = {event.id for event in events}
                own = [e for e in edits if e.action in ("fix", "hide") and set(e.ids) <= ids]
                events = [
                    event
                    for event in apply_edits(events, own, self.content / EDITS_FILE)
                    if event.id not in absorbed
                ]
                page = self.previewer.article_preview(article, events)
                target = self.output / safe_relative_path(page.path)
                if page.path not in self.previewed:
                    self.previewed[page.path] = target.read_bytes()  # the last good page
                replace_file(target, page.content, suffix="preview")
                written.append(page.path)
        except (BuildError, OSError):
            return written  # the rebuild reports what is wrong
        return written

    def _unpreview(self) -> None:
        """Put back the pages previewed for a rebuild that failed: the last good build
        is served as it was."""
        for path, content in self.previewed.items():
            with contextlib.suppress(OSError):
                replace_file(self.output / safe_relative_path(path), content, suffix="preview")
        self.previewed.clear()

    def start(self) -> None:
        """Serve from a process of its own where this one can fork, else from a thread.

        A process keeps this one single-threaded, and only then can a rebuild fork to
        use every core (``builder.can_fork``); it shares the listening socket.
        """
        if builder.can_fork():
            context = multiprocessing.get_context("fork")
            self.process = context.Process(
                target=_serve_quietly, args=(self.server, os.getpid()), daemon=True
            )
            self.process.start()
        else:
            self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
            self.thread.start()

    def close(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.join(timeout=5)
        if self.thread is not None:  # shutdown() waits for a loop that must be running
            self.server.shutdown()
            self.thread.join(timeout=5)
        self.server.server_close()
        gc.unfreeze()  # (see _settle) the collector has it all back


def _serve_quietly(server: http.server.ThreadingHTTPServer, parent: int) -> None:
    """The server process: Ctrl+C is for the main process, which stops this one; and if
    the main process is killed outright, this one does not live on without it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def follow_parent() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=follow_parent, daemon=True).start()
    server.serve_forever()


def serve(
    content: Path,
    output: Path,
    base_url: str | None = None,
    templates: Path | None = None,
    port: int = 8000,
    quiet: bool = False,
    interval: float = 0.1,
) -> int:
    """Build, serve and rebuild until interrupted (Ctrl+C)."""
    from .builder import check_output_folder

    try:
        check_output_folder(content, output, templates)
    except BuildError as error:
        for problem in error.problems:
            print(f"error: {problem}", file=sys.stderr)
        return 1
    try:
        server = DevServer(content, output, base_url, templates, port, quiet)
    except OSError as error:
        print(f"error: cannot listen on {HOST}:{port}: {error.strerror}", file=sys.stderr)
        return 1
    server.rebuild()
    server.start()
    print(f"Serving {output}/ at {server.url}", flush=True)
    print("Rebuilding when content or templates change; press Ctrl+C to stop.", flush=True)
    try:
        while True:
            time.sleep(interval)
            if not server.poll():
                server.tidy()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.close()
    return 0
