from __future__ import annotations

import pytest

from karabakh_timeline.loader.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Gen. Jones. They talked.",
            ["Mr. Smith met Gen. Jones.", "They talked."],
        ),
        (
            "U.S. officials said on Jan. 5 that No. 5 was ready. The U.S. Army agreed.",
            ["U.S. officials said on Jan. 5 that No. 5 was ready.", "The U.S. Army agreed."],
        ),
        ("It began at 6 a.m. The talks failed.", ["It began at 6 a.m.", "The talks failed."]),
        ("It began at 6 a.m. on Monday.", ["It began at 6 a.m. on Monday."]),
        (
            'He said: "We will go to the end." Aliyev stressed it.',
            ['He said: "We will go to the end."', "Aliyev stressed it."],
        ),
        ("J. R. Smith wrote it. So did A. Jones.", ["J. R. Smith wrote it.", "So did A. Jones."]),
        ("1. First item\n2. Second item", ["1. First item", "2. Second item"]),
        (
            "Shares rose 3.5 percent. Why? Nobody knows!",
            ["Shares rose 3.5 percent.", "Why?", "Nobody knows!"],
        ),
        ("It was made by Acme Inc. last year.", ["It was made by Acme Inc. last year."]),
        ("  ", []),
        ("No stop at the end", ["No stop at the end"]),
    ],
)
def test_news_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_point_into_the_text() -> None:
    text = "  First one.   Second one.\n\nThird."
    for start, end in split_sentences(text):
        assert text[start:end].strip() == text[start:end]
        assert 0 <= start < end <= len(text)
