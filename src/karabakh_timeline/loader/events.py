"""From recognised dates to timeline events.

The rules, in the order a careful editor applies them:

1. Each date a sentence states makes one event; a range or an open interval
   ("from 9 to 26 October", "since 1992") makes one event spanning it. Durations and
   sets ("for five years", "every Monday") date nothing by themselves.
2. An undated sentence that opens with an ordering cue ("Earlier, ...") is never
   given a date: it becomes an *ordered* event, placed just before the report it
   precedes and labelled "before <date>".
3. An undated sentence that continues a dated report *inherits* that report's date:
   within a paragraph always; into the next paragraph only when that paragraph opens
   as a continuation ("He also said", "In addition", "Aliyev noted", ...). A paragraph
   that opens otherwise is a change of subject and breaks the chain.
4. An undated opening sentence followed by "He said this on <date>" takes that date.
Whatever is left undated is reported, never guessed.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Event, Mention
from ..values import is_calendar_value, parse_value
from .sentences import split_sentences

_ORDERING_CUE = re.compile(
    r"^(?:(?P<before>earlier|previously|before that|before this|prior to that|even earlier)"
    r"|(?P<after>later|later on|afterwards|afterward|subsequently|after that|after this))\b\s*,?",
    re.IGNORECASE,
)
_CONNECTIVE = re.compile(
    r"^(?:in addition|additionally|moreover|furthermore|also|besides|he|she|they|his|her|their|"
    r"in his words|in her words|according to (?:him|her|them))\b",
    re.IGNORECASE,
)
# The words by their first letter: the scan then moves on at once past a character that
# opens none (the archive's 27k sentences: 0.22 -> 0.12 s, the same matches).
_REPORTING = re.compile(
    r"(?<!\w)(?:s(?:aid|ays|tressed|tresses|tated|tates)|n(?:oted|otes)"
    r"|a(?:dded|dds|ccording to)|t(?:old|ells)|e(?:mphasi[sz]ed|xplained)"
    r"|u(?:nderlined|nderscored)|r(?:ecalled|eports|eported)|w(?:arned)"
    r"|i(?:nsisted|n (?:his|her|their) (?:words|opinion|view)))\b",
    re.IGNORECASE,
)
_ALSO = re.compile(r"\b(?:also|further|again|too)\b", re.IGNORECASE)
_BACK_REFERENCE = re.compile(r"^(?:he|she|they|it|this|that)\b", re.IGNORECASE)
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)*\b")
_INTRO_PREPOSITIONS = re.compile(
    r"^(?:on|in|at|during|since|from|after|before|by|earlier|later|meanwhile|on the other hand|"
    r"in the period|as of|until|till|between|according to|in addition|however|also)\b",
    re.IGNORECASE,
)
HEADLINE_LENGTH = 90
# Where a clause may end: not inside a number written "2, 300" or "1,200".
_CLAUSE_BREAK = re.compile(r"(?<!\d), |, (?!\d)|; | – | - ")


@dataclass(frozen=True, slots=True)
class DatedSpan:
    """What dates an event: one calendar date, or a range/interval, as found in a paragraph."""

    start: int  # offsets of the dating expression in the paragraph text
    end: int
    text: str
    start_value: str | None
    end_value: str | None
    mod: str | None
    open_start: bool
    open_end: bool
    mentions: tuple[int, ...]  # indexes into the article's mentions


@dataclass(frozen=True, slots=True)
class ParagraphInput:
    number: int
    text: str
    dated: tuple[DatedSpan, ...]


def extract_events(
    slug: str, article_date_value: str, paragraphs: Sequence[ParagraphInput]
) -> list[Event]:
    """The events of one article, in text order (the timeline sorts them later)."""
    events: list[Event] = []
    report: Event | None = None  # the dated report that undated sentences continue
    for paragraph in paragraphs:
        lede: list[tuple[int, int]] = []  # undated sentences opening the paragraph
        previous_dated = False  # did the previous sentence of this paragraph get a date?
        pending = list(paragraph.dated)  # sorted by offset, as the sentences are
        next_dated = 0
        for index, (s_start, s_end) in enumerate(split_sentences(paragraph.text)):
            sentence = paragraph.text[s_start:s_end]
            while next_dated < len(pending) and pending[next_dated].start < s_start:
                next_dated += 1  # between sentences (white space): dates nothing
            dated = []
            while next_dated < len(pending) and pending[next_dated].start < s_end:
                dated.append(pending[next_dated])
                next_dated += 1
            dated = _distinct_dates(dated)
            if dated:
                new = [
                    _stated_event(
                        slug,
                        paragraph.number,
                        (s_start, s_end),
                        sentence,
                        span,
                        n,
                        article_date_value,
                    )
                    for n, span in enumerate(dated)
                ]
                if lede and _BACK_REFERENCE.match(sentence):
                    # "He said this on November 1": the opening sentence takes that date.
                    sentences = tuple(paragraph.text[a:b] for a, b in lede)
                    span = (lede[0][0], lede[-1][1])
                    events.append(_inherited_event(slug, paragraph.number, span, sentences, new[0]))
                lede = []
                events.extend(new)
                # The first date is usually the main clause's ("Indonesia Friday dismissed
                # a report that it would sign on Monday"): what the next sentences continue.
                report, previous_dated = new[0], True
            elif _ORDERING_CUE.match(sentence) and report is not None and report.start:
                events.append(
                    _ordered_event(slug, paragraph.number, (s_start, s_end), sentence, report)
                )
                previous_dated = False
            elif report is not None and (
                previous_dated if index > 0 else _continues_report(sentence, report, events)
            ):
                _add_inherited(events, slug, paragraph, (s_start, s_end), report)
                previous_dated = True
            else:
                if index == 0:
                    report = None  # a change of subject: the chain of inheritance breaks
                if not previous_dated and len(lede) == index:
                    lede.append((s_start, s_end))
                previous_dated = False
    return events


def _distinct_dates(dated: list[DatedSpan]) -> list[DatedSpan]:
    """One event per date: "revoked in 1999, when ... that year" states 1999 once."""
    seen: set[tuple[object, ...]] = set()
    distinct: list[DatedSpan] = []
    for span in dated:
        key = (span.start_value, span.end_value, span.open_start, span.open_end)
        if key not in seen:
            seen.add(key)
            distinct.append(span)
    return distinct


def _continues_report(sentence: str, report: Event | None, events: list[Event]) -> bool:
    """Does a paragraph's undated first sentence carry on the report before it?"""
    if report is None or not events or events[-1].status == "ordered":
        return False
    if _CONNECTIVE.match(sentence):
        return True
    if not _REPORTING.search(sentence):
        return False
    if _ALSO.search(sentence):
        return True
    recent_names = set().union(*(_names(e.text) for e in events[-3:]))
    names = set(_NAME.findall(sentence)) - {sentence.split()[0]} | {sentence.split()[0]}
    return bool(names & recent_names)


@functools.lru_cache(maxsize=256)  # (an event's text is looked at for the three after it)
def _names(text: str) -> frozenset[str]:
    return frozenset(_NAME.findall(text))


def _add_inherited(
    events: list[Event],
    slug: str,
    paragraph: ParagraphInput,
    sentence_span: tuple[int, int],
    report: Event,
) -> None:
    """Inherit the report's date, joining the inherited run just before in the paragraph."""
    sentence = paragraph.text[sentence_span[0] : sentence_span[1]]
    last = events[-1] if events else None
    if last is not None and last.status == "inherited" and last.paragraph == paragraph.number:
        span = (last.start_offset, sentence_span[1])
        events[-1] = _inherited_event(
            slug, paragraph.number, span, (*last.sentences, sentence), report
        )
    else:
        events.append(_inherited_event(slug, paragraph.number, sentence_span, (sentence,), report))


def _new_event(
    slug: str,
    paragraph: int,
    span: tuple[int, int],
    sentences: tuple[str, ...],
    *,
    expression: str = "",
    ordinal: int = 0,
    **dating: Any,
) -> Event:
    """An event of the sentence(s) at ``span``; ``dating`` says when, and how we know."""
    return Event(
        id=event_id(slug, sentences[0], expression, ordinal),
        article=slug,
        paragraph=paragraph,
        start_offset=span[0],
        end_offset=span[1],
        sentences=sentences,
        headline=headline(sentences[0]),
        **dating,
    )


def _stated_event(
    slug: str,
    paragraph: int,
    sentence_span: tuple[int, int],
    sentence: str,
    span: DatedSpan,
    ordinal: int,
    article_date_value: str,
) -> Event:
    return _new_event(
        slug,
        paragraph,
        sentence_span,
        (sentence,),
        expression=span.text,
        ordinal=ordinal,
        status="stated",
        start=span.start_value,
        # An open interval ("since 1992") lasts to the article's own date.
        end=_open_end(span.start_value, article_date_value) if span.open_end else span.end_value,
        timex=span.text,
        mod=span.mod,
        open_end=span.open_end,
        open_start=span.open_start,
        mentions=span.mentions,
    )


def _open_end(start: str | None, article_date_value: str) -> str | None:
    """The article's date ends an open interval, unless the interval starts after it."""
    first, publication = parse_value(start or ""), parse_value(article_date_value)
    if first is None or publication is None or first.first > publication.last:
        return None
    return article_date_value


def _inherited_event(
    slug: str,
    paragraph: int,
    span: tuple[int, int],
    sentences: tuple[str, ...],
    report: Event,
) -> Event:
    return _new_event(
        slug,
        paragraph,
        span,
        sentences,
        status="inherited",
        start=report.start,
        end=report.end,
        timex=report.timex,
        mod=report.mod,
        open_end=report.open_end,
        open_start=report.open_start,
        inherited_from=report.id,
    )


def _ordered_event(
    slug: str, paragraph: int, sentence_span: tuple[int, int], sentence: str, report: Event
) -> Event:
    cue = _ORDERING_CUE.match(sentence)
    later = cue is not None and cue.group("after") is not None
    return _new_event(
        slug,
        paragraph,
        sentence_span,
        (sentence,),
        status="ordered",
        start=None,
        end=None,
        timex=cue.group().rstrip(" ,") if cue else None,
        before=None if later else report.start,
        # "Later, ..." comes after the whole of a reported span ("from 9 to 26 October").
        after=(report.end or report.start) if later else None,
        inherited_from=report.id,
    )


def event_id(slug: str, sentence: str, expression: str, ordinal: int) -> str:
    """A stable id: the same article slug, sentence and expression give the same id."""
    key = "\x1f".join((slug, " ".join(sentence.split()), expression, str(ordinal)))
    return "e-" + hashlib.blake2b(key.encode("utf-8"), digest_size=5).hexdigest()


def headline(sentence: str) -> str:
    """The sentence's main clause, without a leading adverbial, trimmed at a word boundary."""
    text = " ".join(sentence.split())
    if _INTRO_PREPOSITIONS.match(text):
        comma = text.find(", ")
        # Only skip a short introduction; a long one is the sentence itself.
        if 0 < comma < len(text) * 0.6:
            rest = text[comma + 2 :]
            inner = _skip_parenthetical(rest)
            text = inner[:1].upper() + inner[1:]
    text = text.rstrip(" .")
    if len(text) <= HEADLINE_LENGTH:
        return text
    # Prefer ending at a clause boundary; else at a word boundary, marked with "…".
    clauses = [m.start() for m in _CLAUSE_BREAK.finditer(text, 0, HEADLINE_LENGTH)]
    if clauses and clauses[-1] > HEADLINE_LENGTH * 0.5:
        return text[: clauses[-1]]
    cut = text.rfind(" ", 0, HEADLINE_LENGTH)
    return text[: cut if cut > 20 else HEADLINE_LENGTH].rstrip(" ,;:–-") + "…"


def _skip_parenthetical(text: str) -> str:
    """Skip one more introductory phrase ("with the assistance of X, the parties ...")."""
    if re.match(r"^(?:with|in|on|at|after|under|amid|despite)\b", text, re.IGNORECASE):
        comma = text.rfind(", ", 0, int(len(text) * 0.8))
        if comma > 0 and re.match(r"^(?:the|a|an|[A-Z])", text[comma + 2 :]):
            return text[comma + 2 :]
    return text


def dated_spans_for(
    paragraph_mentions: Sequence[tuple[int, Mention]],
    paragraph_intervals: Sequence[tuple[int, int, str, int | None, int | None]],
    mentions: Sequence[Mention],
) -> tuple[DatedSpan, ...]:
    """Combine a paragraph's calendar mentions and intervals into what dates events.

    ``paragraph_intervals`` holds (start, end, text, begin mention, finish mention).
    A mention that is an endpoint of an interval dates nothing on its own.
    """
    in_interval: set[int] = set()
    spans: list[DatedSpan] = []
    for start, end, text, begin, finish in paragraph_intervals:
        begin_value = mentions[begin].value if begin is not None else None
        finish_value = mentions[finish].value if finish is not None else None
        if not (is_calendar_value(begin_value) or is_calendar_value(finish_value)):
            continue
        if begin_value is not None and not is_calendar_value(begin_value):
            continue
        if finish_value is not None and not is_calendar_value(finish_value):
            continue
        members = tuple(i for i in (begin, finish) if i is not None)
        in_interval.update(members)
        spans.append(
            DatedSpan(
                start=start,
                end=end,
                text=text,
                start_value=begin_value,
                end_value=finish_value,
                mod=None,
                open_start=begin is None,
                open_end=finish is None,
                mentions=members,
            )
        )
    for index, mention in paragraph_mentions:
        if index in in_interval or mention.type not in ("DATE", "TIME"):
            continue
        if not is_calendar_value(mention.value):
            continue
        spans.append(
            DatedSpan(
                start=mention.start,
                end=mention.end,
                text=mention.text,
                start_value=mention.value,
                end_value=None,
                mod=mention.mod,
                open_start=False,
                open_end=False,
                mentions=(index,),
            )
        )
    spans.sort(key=lambda span: span.start)
    return tuple(spans)
