"""TempEval-3 style evaluation of the temporal tagger on a TimeML corpus (e.g. TimeBank).

    python benchmarks/timex_eval.py --corpus ../shared/corpora/timebank [--errors]
    python benchmarks/timex_eval.py --file article.txt --dct 2020-11-01
    python benchmarks/timex_eval.py --markdown ../shared/corpora/silver-md  (speed only)

Each document's <TEXT> is stripped of tags (entities unescaped) and tagged with its <DCT>;
gold TIMEX3 spans are their offsets in that stripped text. Figures (DCT excluded):
strict span P/R/F1 (identical spans), relaxed span P/R/F1 (overlapping spans), and value and
type F1 (a relaxed match whose attribute is equal counts; precision over system timexes, recall
over gold timexes). The scoring functions are importable for tests.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import statistics
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass(slots=True)
class Counts:
    """Running totals over a corpus."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_sys: int = 0  # system timexes overlapping a gold one
    relaxed_gold: int = 0  # gold timexes overlapping a system one
    value: int = 0
    type: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def prf(correct_sys: int, n_sys: int, correct_gold: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 in percent (0 when undefined)."""
    p = 100.0 * correct_sys / n_sys if n_sys else 0.0
    r = 100.0 * correct_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def match_pairs(gold: list[Span], system: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one relaxed alignment: each system span takes a free overlapping gold span,
    preferring an identical span, then an equal value, then the first one."""
    pairs: list[tuple[Span, Span]] = []
    taken: set[int] = set()
    for s in system:
        best = None
        best_rank = 3
        for i, g in enumerate(gold):
            if i in taken or not overlaps(g, s):
                continue
            rank = 0 if (g.start, g.end) == (s.start, s.end) else 1 if g.value == s.value else 2
            if rank < best_rank:
                best, best_rank = i, rank
        if best is not None:
            taken.add(best)
            pairs.append((gold[best], s))
    return pairs


def score_document(gold: list[Span], system: list[Span]) -> Counts:
    counts = Counts(gold=len(gold), system=len(system))
    gold_spans = {(g.start, g.end) for g in gold}
    counts.strict = sum(1 for s in system if (s.start, s.end) in gold_spans)
    counts.relaxed_sys = sum(1 for s in system if any(overlaps(g, s) for g in gold))
    counts.relaxed_gold = sum(1 for g in gold if any(overlaps(g, s) for s in system))
    for g, s in match_pairs(gold, system):
        counts.value += g.value == s.value
        counts.type += g.type == s.type
    return counts


def figures(c: Counts) -> dict[str, tuple[float, float, float]]:
    return {
        "strict": prf(c.strict, c.system, c.strict, c.gold),
        "relaxed": prf(c.relaxed_sys, c.system, c.relaxed_gold, c.gold),
        "value": prf(c.value, c.system, c.value, c.gold),
        "type": prf(c.type, c.system, c.type, c.gold),
    }


# -- TimeML reading ----------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def parse_timeml(source: str) -> tuple[str, dt.date, list[Span]]:
    """(stripped TEXT, DCT, gold TIMEX3 spans in the stripped text)."""
    dct_match = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", source, re.S)
    if not dct_match:
        raise ValueError("no DCT")
    dct = dt.date.fromisoformat(dct_match.group(1))
    body = source[source.index("<TEXT>") + len("<TEXT>") : source.index("</TEXT>")]
    out: list[str] = []
    length = 0
    spans: list[Span] = []
    open_attrs: dict[str, str] | None = None
    open_start = 0
    pos = 0
    for m in _TAG.finditer(body):
        chunk = html.unescape(body[pos : m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_attrs, open_start = dict(_ATTR.findall(m.group(3))), length
        elif open_attrs is not None:
            text = "".join(out)[open_start:length]
            spans.append(
                Span(
                    open_start,
                    length,
                    open_attrs.get("type", ""),
                    open_attrs.get("value", ""),
                    text,
                )
            )
            open_attrs = None
    out.append(html.unescape(body[pos:]))
    return "".join(out), dct, spans


def tag(text: str, dct: dt.date) -> list[Span]:
    from karabakh_timeline.timex import find_timexes

    return [Span(t.start, t.end, t.type, t.value, t.text) for t in find_timexes(text, dct)]


def evaluate(
    corpus: Path, show_errors: bool = False, repeat: int = 3
) -> tuple[Counts, int, float, int]:
    """Counts over all .tml files, plus total characters, tagging seconds and document count.

    Tagging time is the best of ``repeat`` passes over the corpus (one core, in process), so a
    busy machine disturbs the figure less.
    """
    docs = [parse_timeml(p.read_text(encoding="utf-8")) for p in sorted(corpus.glob("*.tml"))]
    names = [p.name for p in sorted(corpus.glob("*.tml"))]
    tag("warm-up", dt.date(2000, 1, 1))  # import and compile outside the timing
    seconds = float("inf")
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        outputs = [tag(text, dct) for text, dct, _ in docs]
        seconds = min(seconds, time.perf_counter() - t0)
    total = Counts()
    for name, (text, dct, gold), system in zip(names, docs, outputs, strict=True):
        total.add(score_document(gold, system))
        if show_errors:
            print_errors(name, dct, text, gold, system)
    chars = sum(len(text) for text, _, _ in docs)
    return total, chars, seconds, len(docs)


_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_MD_DATE = re.compile(r"^date:\s*(\d{4}-\d{2}-\d{2})", re.M)


def read_markdown(folder: Path) -> list[tuple[str, dt.date]]:
    """(text without YAML front matter, DCT from its ``date:``) of every .md file."""
    docs = []
    for path in sorted(folder.glob("*.md")):
        source = path.read_text(encoding="utf-8")
        front = _FRONT_MATTER.match(source)
        date = _MD_DATE.search(front.group(0)) if front else None
        dct = dt.date.fromisoformat(date.group(1)) if date else dt.date(2000, 1, 1)
        docs.append((source[front.end() :] if front else source, dct))
    return docs


def speed(docs: list[tuple[str, dt.date]], repeat: int = 5) -> tuple[float, list[float]]:
    """Median chars/s over ``repeat`` in-process passes (one core), and every pass's figure."""
    tag("warm-up", dt.date(2000, 1, 1))
    chars = sum(len(text) for text, _ in docs)
    runs = []
    for _ in range(max(1, repeat)):
        t0 = time.perf_counter()
        for text, dct in docs:
            tag(text, dct)
        runs.append(chars / (time.perf_counter() - t0))
    return statistics.median(runs), runs


def print_errors(name: str, dct: dt.date, text: str, gold: list[Span], system: list[Span]) -> None:
    pairs = match_pairs(gold, system)
    matched_gold = {id(g) for g, _ in pairs}
    matched_sys = {id(s) for _, s in pairs}
    for g, s in pairs:
        if (g.start, g.end, g.value, g.type) != (s.start, s.end, s.value, s.type):
            gold_part = f"{g.text!r}={g.value}:{g.type}"
            ctx = text[max(0, g.start - 60) : g.end + 30].replace("\n", " ")
            print(f"DIFF {name} {dct} gold {gold_part} sys {s.text!r}={s.value}:{s.type} | {ctx}")
    for g in gold:
        if id(g) not in matched_gold:
            ctx = text[max(0, g.start - 40) : g.end + 30].replace("\n", " ")
            print(f"MISS {name} {dct} {g.text!r}={g.value}:{g.type} | {ctx}")
    for s in system:
        if id(s) not in matched_sys:
            ctx = text[max(0, s.start - 40) : s.end + 30].replace("\n", " ")
            print(f"FP   {name} {dct} {s.text!r}={s.value}:{s.type} | {ctx}")


def report(total: Counts, chars: int, seconds: float, docs: int) -> str:
    lines = [f"documents {docs}  gold timexes {total.gold}  system timexes {total.system}"]
    for name, (p, r, f) in figures(total).items():
        lines.append(f"{name:8s} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
    speed = chars / seconds if seconds else float("inf")
    per_doc = 1000 * seconds / docs if docs else 0.0
    lines.append(f"speed    {speed:,.0f} chars/s  ({chars:,} chars, {per_doc:.2f} ms/document)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--corpus", type=Path, help="folder of TimeML .tml files")
    parser.add_argument("--file", type=Path, help="tag one plain-text file and print timexes")
    parser.add_argument("--dct", default=dt.date.today().isoformat(), help="DCT for --file")
    parser.add_argument("--markdown", type=Path, help="speed only: folder of .md articles")
    parser.add_argument("--errors", action="store_true", help="print every mismatch")
    parser.add_argument("--repeat", type=int, default=3, help="timing passes (best is kept)")
    args = parser.parse_args(argv)
    if args.file:
        from karabakh_timeline.timex import analyse

        text = args.file.read_text(encoding="utf-8")
        result = analyse(text, dt.date.fromisoformat(args.dct))
        for t in result.timexes:
            print(f"{t.start}\t{t.end}\t{t.type}\t{t.value}\t{t.mod or ''}\t{t.text}")
        for iv in result.intervals:
            ends = [e.value if e else "-" for e in (iv.begin, iv.finish)]
            print(f"RANGE\t{iv.start}\t{iv.end}\t{ends[0]}\t{ends[1]}\t{iv.text}")
        return 0
    if args.markdown:
        docs = read_markdown(args.markdown)
        median, runs = speed(docs, max(args.repeat, 5))
        chars = sum(len(text) for text, _ in docs)
        print(f"documents {len(docs)}  chars {chars:,}")
        print(f"speed    {median:,.0f} chars/s median of {len(runs)} passes "
              f"(min {min(runs):,.0f}, max {max(runs):,.0f})")  # fmt: skip
        return 0
    if not args.corpus:
        parser.error("give --corpus, --markdown or --file")
    print(report(*evaluate(args.corpus, args.errors, args.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
