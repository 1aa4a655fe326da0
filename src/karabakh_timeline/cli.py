"""The command line: ``karabakh-timeline`` and ``python build.py``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__


def parser() -> argparse.ArgumentParser:
    cli = argparse.ArgumentParser(
        prog="build.py",
        description=(
            "Build a static news timeline: read Markdown articles from the content folder, "
            "find and resolve every date in them, and write the site to the output folder."
        ),
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
        "--report",
        action="store_true",
        help="after building, print every recognised date, event, inherited date and undated "
        "sentence per article, for review",
    )
    cli.add_argument("--quiet", action="store_true", help="print only errors")
    cli.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return cli


def main(argv: Sequence[str] | None = None) -> int:
    """Run the build; 0 on success, 1 on bad input, 2 on bad usage."""
    args = parser().parse_args(argv)
    # Imported here so that `--help` answers at once.
    from .builder import build
    from .errors import BuildError

    try:
        result = build(args.content, args.output, args.base_url, args.templates)
    except BuildError as error:
        count = len(error.problems)
        print(
            f"error: the build stopped, {count} problem{'s' if count != 1 else ''} found:",
            file=sys.stderr,
        )
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        print("The previous site, if any, was left as it was.", file=sys.stderr)
        return 1
    if args.report:
        from .report import text_report

        print(text_report(result.site), end="")
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if not args.quiet:
        plural = "s" if result.articles != 1 else ""
        print(
            f"Built {args.output}/: {result.articles} article{plural}, "
            f"{result.events} events, {result.pages} pages in {result.seconds:.2f} s"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
