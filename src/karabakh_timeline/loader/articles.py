"""Reading one article file: YAML front matter, then a Markdown body.

Front matter is validated the MkDocs way: every problem names the file, the line and
the key, and says what was expected; all problems are collected, not just the first.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, yaml_problem

KNOWN_KEYS = ("title", "date", "source", "url", "tags", "slug")
# Page names the site itself uses in the articles/ and entities/ folders.
RESERVED_SLUGS = frozenset({"index"})


def safe_load(text: str) -> Any:
    """``yaml.safe_load``, with the C loader where available (libyaml's C parser, when
    PyYAML has it: ten times faster)."""
    import yaml  # (here: a rebuild that reads no article need not import it, 10 ms)

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_SLUG_UNSAFE = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True, slots=True)
class RawArticle:
    """An article's validated front matter and its Markdown body, not yet analysed."""

    path: Path  # relative to the content folder
    slug: str
    title: str
    date: dt.date
    source: str | None
    url: str | None
    tags: tuple[str, ...]
    body: str
    body_line: int  # line of the file where the body starts


def slugify(text: str) -> str:
    """A URL- and file-safe slug: lowercase ASCII letters, digits and hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _SLUG_UNSAFE.sub("-", ascii_text.lower()).strip("-")[:80].strip("-")


def split_front_matter(
    text: str, path: Path, problems: list[Problem]
) -> tuple[dict[str, Any], str, int] | None:
    """Split ``---`` front matter from the body: (metadata, body, body's first line)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(path, "expected YAML front matter starting with '---' on the first line", 1)
        )
        return None
    closing = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if closing is None:
        problems.append(
            Problem(path, "front matter opened with '---' is never closed by a '---' line", 1)
        )
        return None
    import yaml

    try:
        metadata = safe_load("".join(lines[1:closing]))
    except yaml.YAMLError as error:
        problem = yaml_problem(path, error, "front matter is not valid YAML", first_line=2)
        problems.append(dataclasses.replace(problem, line=problem.line or 1))
        return None
    except ValueError as error:  # YAML reads 0000-01-01 as a date, then cannot build it
        line = _impossible_date_line(lines[1:closing])
        problems.append(
            Problem(
                path, f"front matter has an impossible date ({error}); expected YYYY-MM-DD", line
            )
        )
        return None
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        problems.append(
            Problem(path, f"front matter must be a mapping of keys, not {_kind(metadata)}", 2)
        )
        return None
    return metadata, "".join(lines[closing + 1 :]), closing + 2


def read_article(
    text: str, path: Path, problems: list[Problem], warnings: list[Problem]
) -> RawArticle | None:
    """Validate an article's text; append what is wrong to ``problems``."""
    split = split_front_matter(text, path, problems)
    if split is None:
        return None
    metadata, body, body_line = split
    lines = _key_lines(text)
    found: list[Problem] = []

    def problem(key: str, message: str) -> None:
        found.append(Problem(path, message, lines.get(key), key))

    for key in metadata:
        if str(key) not in KNOWN_KEYS:
            hint = difflib.get_close_matches(str(key), KNOWN_KEYS, n=1)
            did_you_mean = f"; did you mean '{hint[0]}'?" if hint else ""
            warnings.append(
                Problem(
                    path,
                    f"unknown key '{key}' is ignored (known keys: {', '.join(KNOWN_KEYS)})"
                    f"{did_you_mean}",
                    lines.get(str(key)),
                    str(key),
                )
            )
    date = _read_date(metadata.get("date"), problem)
    if date is not None and date > dt.date.today():
        # A warning, not an error: embargoed copy is dated ahead; the output does not
        # depend on the build's own date, so builds stay reproducible.
        warnings.append(
            Problem(
                path,
                f"the publication date {date.isoformat()} is in the future; dates in the text "
                "are resolved against it as given",
                lines.get("date"),
                "date",
            )
        )
    title = _optional_text(metadata, "title", problem)
    if title is None and "title" not in metadata:
        title = path.stem
    source = _optional_text(metadata, "source", problem)
    url = _optional_text(metadata, "url", problem)
    if url is not None and not re.match(r"^https?://[^\s/]+", url, re.IGNORECASE):
        problem("url", f"expected an http:// or https:// address, got {url!r}")
    tags = _read_tags(metadata.get("tags"), problem)
    slug = _read_slug(metadata, path, problem)
    if not body.strip():
        found.append(Problem(path, "the article has no text after its front matter", body_line))
    problems.extend(found)
    if found or date is None or title is None:
        return None
    return RawArticle(path, slug, title, date, source, url, tags, body, body_line)


def _read_date(value: Any, problem: Any) -> dt.date | None:
    if value is None:
        problem("date", "missing 'date': expected the publication date as YYYY-MM-DD")
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip()[:10])
        except ValueError:
            pass
    problem("date", f"expected the publication date as YYYY-MM-DD, got {value!r}")
    return None


def _optional_text(metadata: dict[str, Any], key: str, problem: Any) -> str | None:
    value = metadata.get(key)
    if value is None:
        return None
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = " ".join(str(value).split())
        if text:
            return text
    problem(key, f"expected '{key}' to be a line of text, got {_kind(value)}")
    return None


def _read_tags(value: Any, problem: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [part for part in value.split(",")]
    if isinstance(value, list) and all(isinstance(tag, (str, int)) for tag in value):
        return tuple(dict.fromkeys(" ".join(str(tag).split()) for tag in value if str(tag).strip()))
    problem("tags", f"expected 'tags' to be a list of words, got {_kind(value)}")
    return ()


def _read_slug(metadata: dict[str, Any], path: Path, problem: Any) -> str:
    wanted = metadata.get("slug")
    if wanted is not None:
        slug = slugify(str(wanted))
        if slug in RESERVED_SLUGS:
            problem("slug", f"'{slug}' is the name of a page the site makes; choose another slug")
        elif slug:
            return slug
        else:
            problem("slug", f"expected 'slug' to contain letters or digits, got {wanted!r}")
    slug = slugify(path.stem) or "article"
    return f"{slug}-article" if slug in RESERVED_SLUGS else slug


def _impossible_date_line(lines: list[str]) -> int | None:
    for number, line in enumerate(lines, start=2):
        match = re.search(r"\b(\d{4}-\d{1,2}-\d{1,2})\b", line)
        if match:
            try:
                dt.date.fromisoformat(match.group(1))
            except ValueError:
                return number
    return None


def _key_lines(text: str) -> dict[str, int]:
    """Line numbers of the top-level keys of the front matter, for messages."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines()[1:], start=2):
        if _FENCE.match(line):
            break
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def _kind(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)
