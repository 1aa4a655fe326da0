"""Markdown to sanitised paragraphs, and dates wrapped in <time> on article pages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from karabakh_timeline.loader.markup import (
    has_markdown_syntax,
    is_safe_url,
    markdown_blocks,
    new_markdown,
    plain_paragraphs,
    sanitise_blocks,
)
from karabakh_timeline.models import Mention, Paragraph
from karabakh_timeline.renderer.markup import paragraph_html


def blocks(source: str) -> list[tuple[str, str, str]]:
    result = markdown_blocks(source, new_markdown())
    return [
        (b.tag, b.text, "".join(c.content for c in b.chunks if c.kind != "break")) for b in result
    ]


def test_paragraphs_lists_and_quotes_are_blocks() -> None:
    found = blocks("One *two* three.\n\n- item one\n- item two\n\n> quoted")
    assert [tag for tag, _, _ in found] == ["p", "ul", "blockquote"]
    assert found[0][1] == "One two three."
    assert "\n" in found[1][1].strip()  # list items are kept apart for the sentence splitter


@pytest.mark.parametrize(
    "source",
    [
        "<script>alert(1)</script>text",
        '<img src="x" onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="JaVa\tScRiPt:alert(1)">x</a>',
        "<svg><script>alert(1)</script></svg>",
        '<iframe src="https://evil.example"></iframe>',
        '<p style="background:url(javascript:alert(1))">x</p>',
        '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    ],
)
def test_nothing_executable_survives(source: str) -> None:
    html = "".join(serialised for _, _, serialised in blocks(source)).lower()
    assert "<script" not in html
    assert "javascript:" not in html
    assert "onerror" not in html
    assert "<iframe" not in html
    assert "style=" not in html
    assert "data:" not in html


def test_unbalanced_markup_is_closed() -> None:
    (_, _, html) = blocks("text <b>unclosed")[0]
    assert html == "<p>text <b>unclosed</b></p>"


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.org/a", True),
        ("relative/page.html", True),
        ("mailto:x@example.org", True),
        ("javascript:alert(1)", False),
        (" JAVASCRIPT:alert(1)", False),
        ("java\nscript:alert(1)", False),
        ("data:text/html;base64,xx", False),
        ("vbscript:x", False),
    ],
)
def test_url_schemes(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def _paragraph(source: str) -> Paragraph:
    block = markdown_blocks(source, new_markdown())[0]
    return Paragraph(1, block.tag, block.text, tuple(block.chunks), 1)


def test_dates_are_wrapped_and_linked() -> None:
    paragraph = _paragraph("It happened on *September 27* and <b>on 9 October</b> & more.")
    text = paragraph.text
    first = text.index("September 27")
    second = text.index("9 October")
    mentions = [
        (0, Mention(1, first, first + 12, "September 27", "DATE", "2020-09-27")),
        (1, Mention(1, second, second + 9, "9 October", "DATE", "2020-10-09")),
    ]
    html = str(paragraph_html(paragraph, mentions, {0: "../index.html#e-1"}))
    assert (
        '<a class="timex-link" id="m0" href="../index.html#e-1"><time datetime="2020-09-27"' in html
    )
    assert '<time datetime="2020-10-09"' in html
    assert "&amp; more" in html
    assert html.count("<time") == 2 and html.count("</time>") == 2


def test_values_html_cannot_express_are_spans() -> None:
    paragraph = _paragraph("In the 1970s <things> happened.")
    start = paragraph.text.index("the 1970s")
    html = str(
        paragraph_html(
            paragraph, [(0, Mention(1, start, start + 9, "the 1970s", "DATE", "197"))], {}
        )
    )
    assert '<span data-timex="197"' in html
    assert "&lt;things&gt;" not in html  # raw unknown tag dropped by the sanitiser, not shown


@pytest.mark.parametrize(
    "source",
    [
        ">" * 3000 + " deep quote on 1 May",
        "".join("  " * depth + "- item\n" for depth in range(600)),
        "[" * 3000 + "x" + "]" * 3000,
        "[a](" * 3000,
        "![a](" * 3000,
        "<b>" * 3000 + "x",
    ],
)
def test_deep_nesting_neither_crashes_nor_loses_text(source: str) -> None:
    found = blocks(source)
    assert found
    text = "".join(text for _, text, _ in found)
    for word in ("deep", "item", "x", "a"):
        if word in source:
            assert word in text


def test_defusing_keeps_ordinary_links() -> None:
    (_, text, html) = blocks("A [link](http://x.org/a_(b)) and [x](y")[0]
    assert '<a href="http://x.org/a_(b)"' in html
    assert text == "A link and [x](y"


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("abc XYZ019.,;:'\"-=+()?/%$@\n\n \t*_#>[]&<`!|~\r")),
        max_size=120,
    )
)
def test_plain_fast_path_matches_markdown(body: str) -> None:
    plain = plain_paragraphs(body)
    if plain is None:
        return  # has Markdown syntax: the fast path stands aside
    converter = new_markdown()
    reference = sanitise_blocks(converter.convert(body))
    as_tuples = [(b.tag, [(c.kind, c.content) for c in b.chunks]) for b in plain]
    assert as_tuples == [(b.tag, [(c.kind, c.content) for c in b.chunks]) for b in reference]


@pytest.mark.parametrize(
    ("body", "syntax"),
    [
        ("Talks resumed on 3 May. Both sides said so.\n\nA second paragraph.", False),
        ("2020 was a long year.\nSo was 2021.", False),
        ("- an item", True),
        ("A line\n+ an item", True),
        ("A line\n12. an item", True),
        ("A line\n3) an item", True),
        ("A heading\n===", True),
        ("A heading\n---\nmore", True),
        (" indented", True),
        ("A line\n indented", True),
        ("a hard break  \nnext", True),
        ("ends with a space ", True),
        ("a *mark*", True),
        ("AT&T", True),
    ],
)
def test_what_counts_as_markdown_syntax(body: str, syntax: bool) -> None:
    assert has_markdown_syntax(body) is syntax


def test_the_converter_names_no_extension_to_look_up(monkeypatch: pytest.MonkeyPatch) -> None:
    # An extension given by name is first looked for among every installed package's
    # entry points: 20 ms in each new process, which a one-article rebuild waits for.
    import markdown.util

    def looked_up() -> None:
        raise AssertionError("an extension was looked up by name")

    monkeypatch.setattr(markdown.util, "get_installed_extensions", looked_up)
    converter = new_markdown()
    assert "<table>" in converter.convert("| a | b |\n|---|---|\n| 1 | 2 |")
    converter.reset()
    assert "<pre><code" in converter.convert("```\ncode\n```")
