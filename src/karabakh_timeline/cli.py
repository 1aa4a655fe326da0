"""The command line: ``karabakh-timeline`` and ``python build.py``."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from .builder import BuildResult

from . import __version__


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="build.py",
        description=(
            "Build a static news timeline: read Markdown articles from the content folder, "
            "find and resolve every date in them, and write the site to the output folder."
        ),
        epilog="`build.py serve [--port N]` builds, serves the site on 127.0.0.1 and rebuilds "
        "it when content or templates change (`build.py serve --help`).",
    )
    cli.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        metavar="DIR",
        help="folder of Markdown articles (every *.md below it) and an optional site.yaml "
        "(default: content/)",
    )
    cli.add_argument(
        "--output",
        type=Path,
        default=Path("_site"),
        metavar="DIR",
        help="folder to write the site to; replaced on each build, and only if it is empty "
        "or was written by an earlier build (default: _site/)",
    )
    cli.add_argument(
        "--base-url",
        metavar="URL",
        default=None,
        help="the address the site is published at, e.g. https://user.github.io/repo/ "
        "(overrides base_url in site.yaml; used for canonical links)",
    )
    cli.add_argument(
        "--templates",
        type=Path,
        default=None,
        metavar="DIR",
        help="folder of your own Jinja2 templates; a file there replaces the bundled one "
        "of the same name",
    )
    cli.add_argument(
        "--jobs",
        type=int,
        default=None,
        metavar="N",
        help="processes that analyse articles in parallel (default: one per core; 1: none)",
    )
    cli.add_argument(
        "--no-cache",
        action="store_true",
        help="analyse every article afresh instead of reusing .cache/ next to the output",
    )
    cli.add_argument(
        "--report",
        action="store_true",
        help="after building, print every recognised date, event, inherited date and undated "
        "sentence per article, for review",
    )
    cli.add_argument("--quiet", action="store_true", help="print only errors")
    cli.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return cli


def serve_parser() -> argparse.ArgumentParser:
    """``build.py serve``: the build's options (except --report) and --port."""
    cli = argparse.ArgumentParser(
        prog="build.py serve",
        description=(
            "Build the site, serve it on 127.0.0.1 (under the path of base_url, as GitHub "
            "Pages does) and rebuild it whenever a file in the content or templates folder "
            "changes. Stop with Ctrl+C."
        ),
    )
    build_cli = parser()
    for action in build_cli._actions:
        if action.dest in ("content", "output", "base_url", "templates", "quiet"):
            cli._add_action(action)
    cli.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar="N",
        help="port on 127.0.0.1 to serve at; 0 picks a free one (default: 8000)",
    )
    return cli


class Progress:
    """Shows how far a long build has got: one updating line on a terminal, else log lines."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.live = stream.isatty()
        self.last_shown = 0.0
        self.last_step = -1
        self.stage = ""
        self.long = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        """``total`` 0 announces a stage whose steps are not counted."""
        if self.live:
            now = time.monotonic()
            if stage == self.stage and now - self.last_shown < 0.1 and done < total:
                return
            self.last_shown, self.stage = now, stage
            counter = f" {done}/{total}" if total else "..."
            self.stream.write(f"\r\033[K{stage}{counter}")
        elif total >= LOG_PROGRESS_FROM:
            # Plain log lines, at every tenth of the way, for long builds only.
            self.long = True
            step = done * 10 // total
            if step == self.last_step and stage == self.stage:
                return
            self.last_step, self.stage = step, stage
            self.stream.write(f"{stage}: {done}/{total}\n")
        elif self.long and not total and stage != self.stage:
            self.stage = stage
            self.stream.write(f"{stage}...\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.live and self.stage:
            self.stream.write("\r\033[K")
            self.stream.flush()


LOG_PROGRESS_FROM = 200


def summary_line(output: Path, result: BuildResult) -> str:
    articles = f"{result.articles} article{'s' if result.articles != 1 else ''}"
    if result.site is None:
        return (
            f"{output}/ is up to date: {articles}, {result.events} events, "
            f"{result.pages} pages; nothing changed ({result.seconds:.2f} s)"
        )
    return (
        f"Built {output}/: {articles}, {result.events} events, "
        f"{result.written} of {result.pages} pages written in {result.seconds:.2f} s"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the build; 0 on success, 1 on bad input, 2 on bad usage."""
    return _command(argv)[0]


def _command(argv: Sequence[str] | None) -> tuple[int, object]:
    """``main``, and what the build made (for ``run`` to hold until the process ends)."""
    from_command_line = argv is None
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["serve"]:
        options = serve_parser().parse_args(argv[1:])
        from .serve import serve

        code = serve(
            options.content,
            options.output,
            options.base_url,
            options.templates,
            port=options.port,
            quiet=options.quiet,
        )
        return code, None
    args = parser().parse_args(argv)
    # Imported here so that `--help` answers at once.
    from .builder import build
    from .errors import BuildError

    progress = None if args.quiet else Progress(sys.stderr)
    try:
        result = build(
            args.content,
            args.output,
            args.base_url,
            args.templates,
            workers=args.jobs,
            use_cache=not args.no_cache,
            progress=progress,
        )
    except BuildError as error:
        if progress is not None:
            progress.finish()
        count = len(error.problems)
        print(
            f"error: the build stopped, {count} problem{'s' if count != 1 else ''} found:",
            file=sys.stderr,
        )
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        print("The previous site, if any, was left as it was.", file=sys.stderr)
        return 1, None
    if progress is not None:
        progress.finish()
    if args.report:
        from .builder import cache_folder
        from .loader import load_site
        from .report import text_report

        complete = result.site if result.complete else None
        site = complete or load_site(
            args.content, args.base_url, cache_dir=cache_folder(args.output)
        )
        print(text_report(site), end="")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet:
        print(summary_line(args.output, result))
    if from_command_line:
        # The process ends now: the operating system takes its memory back at once, so
        # the collector need not go through the site, object by object, on the way out
        # (see also ``run``).
        gc.freeze()
    return 0, result


def run() -> NoReturn:
    """``main`` as a command: then the process ends at once, its output flushed.

    Python would otherwise free the loaded site object by object before it ends (0.05 s
    after a rebuild of a large archive): what the build made is held to the end. Every
    file is written and every other process joined by then; nothing is left for the
    interpreter's exit to do.
    """
    code, _made = _command(None)
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # (a closed pipe) the usual exit reports it
        sys.exit(code)
    os._exit(code)


if __name__ == "__main__":
    run()
