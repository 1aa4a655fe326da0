"""Article paragraphs as HTML, with every recognised date wrapped in ``<time>``.

The loader kept each paragraph as chunks of sanitised tags and plain text; here the
text is escaped and each temporal expression wrapped, linked to its timeline entry.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

from ..models import Mention, Paragraph

# Values that HTML's <time datetime> accepts as they are (TIMEX3 has more forms:
# decades, seasons, quarters, durations in years... which HTML cannot express).
_HTML_DATETIME = re.compile(
    r"^(?P<date>(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?|-W(?P<week>\d{2}))?)"
    r"(?:T(?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?$"
)


def html_datetime(value: str) -> str | None:
    """The value as HTML's ``datetime`` attribute accepts it, or None.

    Impossible dates give None; an impossible time of day ("T24:00") is dropped and
    the date kept.
    """
    match = _HTML_DATETIME.match(value)
    if match is None or int(match["year"]) < 1:
        return None
    parts = match.groupdict()
    if parts["hour"] is not None and parts["day"] is None:
        return None  # a time needs a full date
    try:
        if parts["day"] is not None:
            dt.date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        elif parts["month"] is not None and not 1 <= int(parts["month"]) <= 12:
            return None
        elif parts["week"] is not None:
            dt.date.fromisocalendar(int(parts["year"]), int(parts["week"]), 1)
    except ValueError:
        return None
    if parts["hour"] is not None and (
        int(parts["hour"]) > 23 or int(parts["minute"]) > 59 or int(parts["second"] or 0) > 59
    ):
        return parts["date"]
    return value


def paragraph_html(
    paragraph: Paragraph,
    mentions: Sequence[tuple[int, Mention]],
    links: Mapping[int, str],
) -> Markup:
    """The paragraph's HTML with its mentions marked; ``links`` maps mention index -> URL."""
    marks = sorted(mentions, key=lambda item: item[1].start)
    out: list[str] = []  # (escape gives Markup, a str)
    position = 0  # offset in the paragraph text
    next_mark = 0
    open_mark: tuple[int, Mention] | None = None
    inside_link = 0
    for chunk in paragraph.chunks:
        if chunk.kind == "tag":
            inside_link += _link_depth_change(chunk.content)
            out.append(chunk.content)
            continue
        if chunk.kind == "break":
            position += len(chunk.content)
            continue
        text = chunk.content
        chunk_start, chunk_end = position, position + len(text)
        cursor = chunk_start
        while True:
            if open_mark is None and next_mark < len(marks):
                index, mention = marks[next_mark]
                if mention.start < chunk_start:
                    next_mark += 1  # began in an earlier chunk: not marked
                    continue
                if mention.start < chunk_end and mention.end <= chunk_end:
                    out.append(escape(text[cursor - chunk_start : mention.start - chunk_start]))
                    datetime = html_datetime(mention.value)
                    link = None if inside_link > 0 else links.get(index)
                    out.append(_open_tag(index, mention, datetime, link))
                    out.append(escape(mention.text))
                    out.append(("</time>" if datetime else "</span>") + ("</a>" if link else ""))
                    cursor = mention.end
                    next_mark += 1
                    continue
                if mention.start < chunk_end:
                    next_mark += 1  # crosses a tag boundary: left unmarked
                    continue
            break
        out.append(escape(text[cursor - chunk_start :]))
        position = chunk_end
    return Markup("".join(out))


def _link_depth_change(tag: str) -> int:
    if tag.startswith("<a ") or tag == "<a>":
        return 1
    if tag == "</a>":
        return -1
    return 0


def _open_tag(index: int, mention: Mention, datetime: str | None, link: str | None) -> str:
    value = escape(mention.value)
    element = (
        f'<time datetime="{escape(datetime)}" data-timex="{value}"'
        if datetime
        else f'<span data-timex="{value}"'
    )
    element += f' class="timex timex-{mention.type.lower()}" title="{value}">'
    if link:
        return f'<a class="timex-link" id="m{index}" href="{escape(link)}">' + element
    return element
