"""How build time grows with input size (not a test).

    python benchmarks/scale_bench.py [--max-mb 5]

Builds single articles of growing size in four shapes that have broken other tools:
ordinary news paragraphs, a text dense with dates (10,000 and more), one line of
100,000+ characters, and deeply nested Markdown (quotes and lists). For each it
prints seconds and microseconds per kilobyte: a flat column means linear time.
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from karabakh_timeline.builder import build

PARAGRAPH = (
    "Another aggravation of the situation happened on September 27. Baku and Yerevan "
    "accused each other of shelling. In the period from 9 to 26 October, the parties agreed "
    "on three ceasefire regimes, which were never observed. Mr. Smith of the U.S. said on "
    "Jan. 5 that 1,200 containers had left Route 66 terminals since 1992.\n\n"
)


def news(size: int) -> str:
    return PARAGRAPH * (size // len(PARAGRAPH) + 1)


def dense_dates(size: int) -> str:
    unit = "On 3 May 2001, 4 June 2002 and 5 July 2003; from 1990 to 1994; since 1988. "
    return unit * (size // len(unit) + 1)


def long_line(size: int) -> str:
    return news(size).replace("\n\n", " ")


def nested(size: int) -> str:
    depth_unit = "".join(f"{'>' * d} quoted on 1 May {1900 + d}\n" for d in range(1, 60))
    list_unit = "".join(f"{'  ' * d}- item of {1900 + d}\n" for d in range(60))
    unit = depth_unit + "\n" + list_unit + "\n"
    return unit * (size // len(unit) + 1)


SHAPES: dict[str, Callable[[int], str]] = {
    "news": news,
    "dense dates": dense_dates,
    "one long line": long_line,
    "nested markdown": nested,
}


def time_build(body: str, work: Path) -> float:
    content = work / "content"
    content.mkdir(exist_ok=True)
    (content / "big.md").write_text(f"---\ntitle: Big\ndate: 2020-11-01\n---\n\n{body}", "utf-8")
    started = time.perf_counter()
    build(content, work / "site", use_cache=False, workers=1)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-mb", type=float, default=5.0)
    args = parser.parse_args()
    sizes = [
        s for s in (250_000, 500_000, 1_000_000, 2_000_000, 5_000_000) if s <= args.max_mb * 1e6
    ]
    print(f"{'shape':<16} {'size KB':>8} {'seconds':>8} {'us/KB':>8}")
    for name, make in SHAPES.items():
        for size in sizes:
            with tempfile.TemporaryDirectory() as folder:
                seconds = time_build(make(size)[:size], Path(folder))
            per_kb = 1e6 * seconds / (size / 1000)
            print(f"{name:<16} {size // 1000:>8} {seconds:>8.2f} {per_kb:>8.0f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of this process: {peak:.0f} MB")


if __name__ == "__main__":
    main()
