"""Markdown to sanitised paragraphs.

Python-Markdown turns the body into HTML; this module re-parses that HTML with the
standard library's parser and rebuilds it from an allow-list, so whatever raw HTML an
article contains, only harmless elements, attributes and URLs reach the site. The
result is cut into top-level blocks (the paragraphs a timeline entry links to), each
kept as chunks of text and tags so that the renderer can later wrap dates in
``<time>`` without parsing HTML again.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
from markdown.extensions.fenced_code import FencedCodeExtension
from markdown.extensions.sane_lists import SaneListExtension
from markdown.extensions.tables import TableExtension

from ..models import Chunk

# The extensions' classes, not their names: a name is first looked for among every
# installed package's entry points (importlib.metadata), 20 ms in each new process.
MARKDOWN_EXTENSIONS = (TableExtension, FencedCodeExtension, SaneListExtension)

# Elements that start a paragraph of their own at the top level of an article.
BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 ul ol li blockquote pre table thead tbody tr th td dl dt dd hr".split()
)
INLINE_TAGS = frozenset("a abbr b br cite code del em i ins q s small span strong sub sup".split())
VOID_TAGS = frozenset({"br", "hr", "img"})
ALLOWED_TAGS = BLOCK_TAGS | INLINE_TAGS | {"img"}
ALLOWED_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "title"}),
    "abbr": frozenset({"title"}),
    "img": frozenset({"src", "alt", "title"}),
    "td": frozenset({"align", "colspan", "rowspan"}),
    "th": frozenset({"align", "colspan", "rowspan"}),
    "code": frozenset({"class"}),
    "ol": frozenset({"start"}),
}
URL_ATTRIBUTES = frozenset({"href", "src"})
SAFE_URL_SCHEMES = frozenset({"", "http", "https", "mailto"})
# Content of these elements is dropped along with the element (never shown as text).
DROPPED_WITH_CONTENT = frozenset(
    "script style iframe object embed template noscript svg math textarea select title head".split()
)
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def is_safe_url(url: str) -> bool:
    """True for http(s), mailto and relative URLs; False for javascript:, data: and the like."""
    # Browsers ignore control characters and spaces inside a scheme ("java\tscript:").
    cleaned = _CONTROL_CHARS.sub("", url).strip().replace("\t", "").replace("\n", "")
    try:
        scheme = urlsplit(cleaned).scheme.lower()
    except ValueError:
        return False
    return scheme in SAFE_URL_SCHEMES


class Block:
    """A top-level block being collected: its element name and its chunks."""

    __slots__ = ("chunks", "tag")

    def __init__(self, tag: str) -> None:
        self.tag = tag
        self.chunks: list[Chunk] = []

    @property
    def text(self) -> str:
        return "".join(chunk.content for chunk in self.chunks if chunk.kind != "tag")


class _Sanitiser(HTMLParser):
    """Rebuilds HTML from an allow-list and splits it into top-level blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[Block] = []
        self._open: list[str] = []  # allowed elements open inside the current block
        self._dropping = 0  # depth inside an element dropped with its content

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._dropping or tag in DROPPED_WITH_CONTENT:
            if tag not in VOID_TAGS:
                self._dropping += 1
            return
        if tag not in ALLOWED_TAGS:
            return  # unknown wrapper (div, section, ...): keep its content only
        if not self._open and (tag in BLOCK_TAGS or not self.blocks or self._block_closed):
            self._start_block(tag if tag in BLOCK_TAGS else "p")
            if tag not in BLOCK_TAGS:
                self._open.append("p")
                self._emit_tag("<p>")
        elif tag in BLOCK_TAGS and self._current.chunks:
            # Nested blocks (list items, quoted paragraphs) end a sentence.
            self._current.chunks.append(Chunk("break", "\n"))
        self._emit_tag(_start_tag(tag, attrs))
        if tag not in VOID_TAGS:
            self._open.append(tag)
        elif not self._open:
            self._block_closed = True

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and tag in ALLOWED_TAGS and self._open and self._open[-1] == tag:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._dropping:
            if tag in DROPPED_WITH_CONTENT or tag not in VOID_TAGS:
                self._dropping -= 1
            return
        if tag not in self._open:
            return  # stray end tag: dropped, the output stays balanced
        while self._open:
            closing = self._open.pop()
            self._emit_tag(f"</{closing}>")
            if closing == tag:
                break
        if tag in BLOCK_TAGS and self._current.chunks and self._open:
            self._current.chunks.append(Chunk("break", "\n"))
        if not self._open:
            self._block_closed = True

    def handle_data(self, data: str) -> None:
        if self._dropping:
            return
        if not self._open:
            if not data.strip():
                return  # whitespace between top-level blocks
            self._start_block("p")
            self._open.append("p")
            self._emit_tag("<p>")
        self._current.chunks.append(Chunk("text", data))

    def close(self) -> None:
        super().close()
        while self._open:
            self._emit_tag(f"</{self._open.pop()}>")

    # -- helpers -------------------------------------------------------------------

    _block_closed = True

    @property
    def _current(self) -> Block:
        return self.blocks[-1]

    def _start_block(self, tag: str) -> None:
        self.blocks.append(Block(tag))
        self._block_closed = False

    def _emit_tag(self, tag_html: str) -> None:
        self._current.chunks.append(Chunk("tag", tag_html))


def _start_tag(tag: str, attrs: list[tuple[str, str | None]]) -> str:
    allowed = ALLOWED_ATTRIBUTES.get(tag, frozenset())
    parts = [tag]
    for name, value in attrs:
        if name not in allowed or value is None:
            continue
        if name in URL_ATTRIBUTES and not is_safe_url(value):
            continue
        parts.append(f'{name}="{html.escape(value, quote=True)}"')
    if tag == "a" and any(part.startswith("href=") for part in parts):
        parts.append('rel="nofollow noopener"')
    return "<" + " ".join(parts) + ">"


def sanitise_blocks(body_html: str) -> list[Block]:
    """Split HTML into sanitised top-level blocks."""
    parser = _Sanitiser()
    parser.feed(body_html)
    parser.close()
    return [block for block in parser.blocks if block.chunks]


def new_markdown() -> markdown.Markdown:
    """A Markdown converter, to be reused (with ``reset()``) across articles."""
    extensions = [extension() for extension in MARKDOWN_EXTENSIONS]
    return markdown.Markdown(extensions=extensions, output_format="html")


# Anything Markdown could read as markup: inline marks, HTML and entities, block
# starts (headings, quotes, lists, indented code, setext underlines), hard breaks.
_MARKDOWN_CHARACTERS = re.compile(r"[\\`*_\[\]<>&!#|~\t\r]")
# What a line may not begin with: a list item, a setext underline, or a space (white
# space at either end of a line: Markdown's rules there are subtle; let it decide).
_LINE_START = r"(?:[-+]|\d+[.)])(?:\s|$)|[=-]+$| "
_FIRST_LINE_START = re.compile(_LINE_START, re.MULTILINE)
# Looked for after each newline: a pattern that opens with one skips to the next at once,
# where "^" in a pattern would be tried at every character (five times slower on news).
_LATER_LINE_START = re.compile(rf"\n(?:{_LINE_START})", re.MULTILINE)


def has_markdown_syntax(body: str) -> bool:
    """Could Markdown read anything in ``body`` as markup?"""
    return bool(
        _MARKDOWN_CHARACTERS.search(body)
        or " \n" in body  # a line ending with a space
        or body.endswith(" ")
        or _FIRST_LINE_START.match(body)
        or _LATER_LINE_START.search(body)
    )


def plain_paragraphs(body: str) -> list[Block] | None:
    """Blocks of a body with no Markdown syntax at all, without running Markdown.

    Most news is plain paragraphs; this gives exactly what Python-Markdown would
    (tests compare both) at a fraction of the cost. None when there is any syntax.
    """
    if has_markdown_syntax(body):
        return None
    blocks: list[Block] = []
    for part in body.split("\n\n"):
        text = part.strip("\n")
        if not text:
            continue
        block = Block("p")
        block.chunks.extend((Chunk("tag", "<p>"), Chunk("text", text), Chunk("tag", "</p>")))
        blocks.append(block)
    return blocks


def markdown_blocks(body: str, converter: markdown.Markdown) -> list[Block]:
    """Render Markdown and return its sanitised top-level blocks."""
    plain = plain_paragraphs(body)
    if plain is not None:
        return plain
    converter.reset()
    try:
        return sanitise_blocks(converter.convert(defuse(body)))
    except RecursionError:
        # Nesting deeper than Python's stack: keep the text, as plain paragraphs.
        converter.reset()
        paragraphs = (html.escape(part) for part in re.split(r"\n\s*\n", body) if part.strip())
        return sanitise_blocks("".join(f"<p>{part}</p>" for part in paragraphs))


# Python-Markdown recurses on nested quotes and lists and backtracks on nested
# brackets; news never nests this deep, so deeper nesting is flattened beforehand
# to keep time linear and the stack safe.
MAX_QUOTE_DEPTH = 16
MAX_INDENT = 32
MAX_BRACKET_DEPTH = 16
_DEEP_QUOTE = re.compile(rf"^(?:[ \t]*>){{{MAX_QUOTE_DEPTH + 1},}}", re.MULTILINE)
_DEEP_INDENT = re.compile(rf"^[ \t]{{{MAX_INDENT + 1},}}(?=\S)", re.MULTILINE)
_BRACKETS = re.compile(r"\n[ \t]*\n|\[|\]")


def defuse(body: str) -> str:
    """Flatten nesting deeper than any article needs (quotes, indents, brackets, links)."""
    body = _DEEP_QUOTE.sub(">" * MAX_QUOTE_DEPTH, body)
    body = _DEEP_INDENT.sub(" " * MAX_INDENT, body)
    if "[" not in body:
        return body
    return _escape_unclosed_links(_flatten_brackets(body))


def _flatten_brackets(body: str) -> str:
    """Escape brackets nested deeper than MAX_BRACKET_DEPTH within a paragraph."""
    if body.count("[") <= MAX_BRACKET_DEPTH:
        return body
    pieces: list[str] = []
    depth = 0
    position = 0
    for match in _BRACKETS.finditer(body):
        token = match.group()
        if token == "[":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                pieces.append(body[position : match.start()] + "\\[")
                position = match.end()
        elif token == "]":
            if depth > MAX_BRACKET_DEPTH:
                pieces.append(body[position : match.start()] + "\\]")
                position = match.end()
            depth = max(0, depth - 1)
        else:
            depth = 0  # a blank line ends every span
    pieces.append(body[position:])
    return "".join(pieces)


_LINK_PARENS = re.compile(r"\n[ \t]*\n|\]\(|\(|\)")


def _escape_unclosed_links(body: str) -> str:
    """Escape ``](`` openings never closed in their paragraph.

    Python-Markdown looks for the end of each such link to the end of the paragraph,
    which makes a paragraph of many of them quadratic; an unclosed one is no link.
    """
    unclosed: list[int] = []
    stack: list[int] = []  # positions of "](" openings; -1 for a plain "("
    for match in _LINK_PARENS.finditer(body):
        token = match.group()
        if token == "](":
            stack.append(match.start() + 1)
        elif token == "(":
            stack.append(-1)
        elif token == ")":
            if stack:
                stack.pop()
        else:  # a blank line ends the paragraph
            unclosed.extend(p for p in stack if p >= 0)
            stack = []
    unclosed.extend(p for p in stack if p >= 0)
    if not unclosed:
        return body
    pieces: list[str] = []
    position = 0
    for opening in sorted(unclosed):
        pieces.append(body[position:opening] + "\\")
        position = opening
    pieces.append(body[position:])
    return "".join(pieces)
