"""``python build.py serve``: build, serve the site on 127.0.0.1, rebuild on changes.

The site is served under the path of ``base_url`` (``/karabakh-timeline/`` for
``https://user.github.io/karabakh-timeline/``), as GitHub Pages would, so what works
here works there. Changes are found by polling the modification times of the content
and template files; a build that fails prints its problems and leaves the last good
site being served.
"""

from __future__ import annotations

import http.server
import sys
import threading
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .builder import BuildResult, build
from .errors import BuildError
from .fingerprint import bundled_templates
from .loader import load_config

HOST = "127.0.0.1"

Snapshot = dict[str, tuple[int, int]]


def snapshot(folders: list[Path]) -> Snapshot:
    """Modification time and size of every visible file under ``folders``."""
    state: Snapshot = {}
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in folder.rglob("*"):
            relative = path.relative_to(folder).parts
            if any(part.startswith(".") or part == "__pycache__" for part in relative):
                continue
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                state[str(path)] = (stat.st_mtime_ns, stat.st_size)
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
        self.state = snapshot(self.watched)
        self.prefix = self._prefix()
        handler = type("Handler", (_Handler,), {"prefix": self.prefix, "quiet": True})
        self.output.mkdir(parents=True, exist_ok=True)
        self.server = http.server.ThreadingHTTPServer(
            (HOST, port), partial(handler, directory=str(self.output.resolve()))
        )
        self.thread: threading.Thread | None = None

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
        try:
            result = build(
                self.content, self.output, self.base_url, self.templates, memory=self.memory
            )
        except BuildError as error:
            self.log(f"error: the build stopped, {len(error.problems)} problem(s) found:")
            for problem in error.problems:
                self.log(f"  {problem}")
            self.log("Still serving the last good build.")
            return None
        for warning in result.warnings:
            self.log(f"warning: {warning}")
        if not self.quiet:
            from .cli import summary_line

            self.log(summary_line(self.output, result))
        return result

    def poll(self) -> bool:
        """Rebuild when a watched file changed since the last look; True if it did."""
        state = snapshot(self.watched)
        if state == self.state:
            return False
        self.state = state
        if not self.quiet:
            self.log("Change detected, rebuilding...")
        self.rebuild()
        return True

    def start(self) -> None:
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        if self.thread is not None:
            self.thread.join(timeout=5)


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
            server.poll()
    except KeyboardInterrupt:
        print("Stopped.")
    finally:
        server.close()
    return 0
