"""Build benchmark at archive scale (not a test).

    python benchmarks/build_bench.py --corpus ../shared/corpora/silver-md [--vs-pelican]

Copies a share of the corpus (10 %, 50 %, 100 %) into a temporary folder and measures,
each in a fresh process: a full clean build (no cache), a rebuild with nothing changed,
a rebuild after editing one article (adding a paragraph with no date: a quick rebuild of
that article's page), a rebuild after adding a dated sentence to one article (a new
entry: the last build's site with the article put in, loader/update.py), a rebuild
after reprinting in one article a paragraph of another that gives a full date (its
entry merges with the other's: the last build's site with the entries of that date
merged again, loader/update.py),
and the peak memory of the full build; and under
``serve``, the time from saving an article to its page updated (the preview) and to the
whole site rebuilt. With ``--vs-pelican`` it installs Pelican into a temporary virtual
environment and times its plain build of the same articles alternately with ours,
printing the ratio. ``--work-dir /dev/shm`` runs it all in memory, without the disk
(whose cost of creating files moves with what was just deleted there).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARES = (0.1, 0.5, 1.0)
_MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# A full date, US or UK style: it dates an entry alike in whichever article tells it.
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTH} \d{{1,2}},? (?:19|20)\d\d|\d{{1,2}} {_MONTH},? (?:19|20)\d\d)\b"
)


def run(command: list[str]) -> float:
    """Wall seconds of a command, in a child process."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def peak_rss(command: list[str]) -> int:
    """Peak RSS in KB of one command (GNU time's %M, counting its child processes' max)."""
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=True
    )
    return int(result.stderr.strip().splitlines()[-1])


def copy_share(corpus: Path, share: float, target: Path) -> list[Path]:
    files = sorted(corpus.glob("*.md"))
    chosen = files[: max(1, round(len(files) * share))]
    target.mkdir(parents=True)
    for path in chosen:
        shutil.copy(path, target / path.name)
    return [target / p.name for p in chosen]


def ours(content: Path, output: Path, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "karabakh_timeline",
        "--content",
        str(content),
        "--output",
        str(output),
        "--quiet",
        *extra,
    ]


def bench_share(corpus: Path, share: float, work: Path, repeats: int) -> dict[str, float]:
    content = work / f"content-{share}"
    files = copy_share(corpus, share, content)
    output = work / f"site-{share}" / "_site"
    full = []
    for _ in range(repeats + 1):  # the last one, clean too, measures memory
        shutil.rmtree(output.parent, ignore_errors=True)  # output and .cache: a clean build
        if len(full) < repeats:
            full.append(run(ours(content, output)))
        else:
            rss = peak_rss(ours(content, output))
    unchanged = [run(ours(content, output)) for _ in range(repeats)]
    edited = []  # a paragraph with no date: a quick rebuild (only the article's page)
    for attempt in range(repeats):
        victim = files[attempt % len(files)]
        victim.write_text(
            victim.read_text(encoding="utf-8") + f"\nEdited {attempt}.\n", encoding="utf-8"
        )
        edited.append(run(ours(content, output)))
    # A sentence with a new date: a new entry, so the last build's site with the article
    # put in (loader/update.py), or else a rebuild from the articles' heads.
    dated = []
    for attempt in range(repeats):
        victim = files[-1 - attempt % len(files)]
        victim.write_text(
            victim.read_text(encoding="utf-8") + f"\nTalks resumed on {attempt + 3} May.\n",
            encoding="utf-8",
        )
        dated.append(run(ours(content, output)))
    reprinted = []
    for attempt in range(repeats):
        if reprint(files, attempt):
            reprinted.append(run(ours(content, output)))
    serve, serve_rebuilt = serve_latency(content, work / f"serve-{share}" / "_site", repeats)
    return {
        "serve": serve,
        "serve_rebuilt": serve_rebuilt,
        "articles": len(files),
        "full": statistics.median(full),
        "unchanged": statistics.median(unchanged),
        "one_edited": statistics.median(edited),
        "one_dated": statistics.median(dated),
        "reprinted": statistics.median(reprinted) if reprinted else float("nan"),
        "peak_mb": rss / 1024,
    }


def reprint(files: list[Path], attempt: int) -> bool:
    """Append to one article a paragraph of another that gives a full date, as wire copy
    is reprinted (the articles are far apart in the list); False if none has one.

    Not into an article that has the paragraph already (an earlier attempt's reprint
    taken back to its source): that article would then repeat its own paragraph."""
    start = attempt * 613 % len(files)
    for step in range(len(files)):
        source = files[(start + step) % len(files)]
        body = source.read_text(encoding="utf-8").split("---", 2)[-1]
        victim = files[(start + step + len(files) // 2) % len(files)]
        text = victim.read_text(encoding="utf-8")
        for paragraph in body.split("\n\n"):
            if _FULL_DATE.search(paragraph) and paragraph.strip()[:1].isalnum():
                if paragraph.strip() in text:
                    continue
                victim.write_text(f"{text}\n{paragraph.strip()}\n", encoding="utf-8")
                return True
    return False


def serve_latency(content: Path, output: Path, repeats: int) -> tuple[float, float]:
    """Median seconds, under serve, from saving an article to its page holding the edit
    (the preview), and to the whole site rebuilt (a new manifest swapped in)."""
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "karabakh_timeline",
            "serve",
            "--port",
            "0",
            "--quiet",
            "--content",
            str(content),
            "--output",
            str(output),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        server.stdout.readline()  # "Serving ... at URL": the first build is done
        victim = sorted(content.glob("*.md"))[0]
        page = output / "articles" / f"{victim.stem}.html"
        manifest = output / ".karabakh-timeline"
        latencies, rebuilds = [], []
        for attempt in range(repeats):
            marker = f"Serve edit number {attempt} happened."
            before = _identity(manifest)
            victim.write_text(victim.read_text(encoding="utf-8") + f"\n{marker}\n", "utf-8")
            saved = time.perf_counter()
            while marker not in _read(page):
                _wait(saved)
            latencies.append(time.perf_counter() - saved)
            while _identity(manifest) == before:
                _wait(saved)
            rebuilds.append(time.perf_counter() - saved)
        return statistics.median(latencies), statistics.median(rebuilds)
    finally:
        server.terminate()
        server.wait(timeout=10)


def _wait(since: float) -> None:
    if time.perf_counter() - since > 120:
        raise TimeoutError("serve did not rebuild within 120 s")
    time.sleep(0.005)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_ino, stat.st_mtime_ns


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def pelican_env(work: Path) -> Path:
    venv = work / "pelican-venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = venv / "bin" / "pip"
    subprocess.run([str(pip), "install", "--quiet", "pelican", "markdown"], check=True)
    return venv / "bin" / "pelican"


def pelican_vs_ours(corpus: Path, work: Path, repeats: int) -> None:
    pelican = pelican_env(work)
    content = work / "pelican-content"
    copy_share(corpus, 1.0, content)
    settings = work / "pelicanconf.py"
    settings.write_text(
        "SITENAME = 'bench'\nTIMEZONE = 'UTC'\nDEFAULT_LANG = 'en'\nLOAD_CONTENT_CACHE = False\n"
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nRELATIVE_URLS = True\n"
        # Titles repeat in a real archive (wire codes): name pages after their files.
        "SLUGIFY_SOURCE = 'basename'\n",
        encoding="utf-8",
    )
    pelican_times, our_times = [], []
    for _ in range(repeats):
        out = work / "pelican-out"
        shutil.rmtree(out, ignore_errors=True)
        pelican_times.append(
            run([str(pelican), str(content), "-o", str(out), "-s", str(settings), "-q"])
        )
        site = work / "ours-vs" / "_site"
        shutil.rmtree(site.parent, ignore_errors=True)
        our_times.append(run(ours(content, site)))
    p, o = statistics.median(pelican_times), statistics.median(our_times)
    print(f"\nfull corpus, median of {repeats} alternating runs:")
    print(f"  Pelican plain build  {p:6.2f} s")
    print(f"  karabakh-timeline    {o:6.2f} s   ratio {o / p:.2f}")
    # The disk's state moves both tools' times (more so the one writing more files), and
    # the two medians above may come from different pairs: each pair's ratio, and their
    # median, for the spread.
    ratios = [b / a for a, b in zip(pelican_times, our_times, strict=True)]
    print(f"  ratio of each pair:  {', '.join(f'{r:.2f}' for r in ratios)}")
    print(f"  median pair ratio:   {statistics.median(ratios):.2f}")
    print(f"  each run, s:  Pelican {' '.join(f'{t:.2f}' for t in pelican_times)}")
    print(f"                ours    {' '.join(f'{t:.2f}' for t in our_times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--shares", type=float, nargs="*", default=list(SHARES))
    parser.add_argument("--vs-pelican", action="store_true")
    parser.add_argument(
        "--work-dir",
        type=Path,
        default=None,
        help="where to make the temporary folder (default: the system's); a memory file "
        "system such as /dev/shm leaves the disk out of the times",
    )
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="kt-bench-", dir=args.work_dir) as folder:
        work = Path(folder)
        print(
            f"{'share':>6} {'articles':>8} {'full s':>8} {'ms/article':>10} "
            f"{'no-change s':>11} {'one-edit s':>10} {'new date s':>10} {'reprint s':>9} "
            f"{'serve s':>8} "
            f"{'rebuilt s':>9} {'peak MB':>8}"
        )
        for share in args.shares:
            row = bench_share(args.corpus, share, work, args.repeats)
            print(
                f"{share:>6.0%} {row['articles']:>8} {row['full']:>8.2f} "
                f"{1000 * row['full'] / row['articles']:>10.2f} {row['unchanged']:>11.2f} "
                f"{row['one_edited']:>10.2f} {row['one_dated']:>10.2f} {row['reprinted']:>9.2f} "
                f"{row['serve']:>8.2f} "
                f"{row['serve_rebuilt']:>9.2f} {row['peak_mb']:>8.0f}"
            )
        if args.vs_pelican:
            pelican_vs_ours(args.corpus, work, args.repeats)


if __name__ == "__main__":
    main()
