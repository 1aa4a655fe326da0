from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
BUNDLED_CONTENT = REPO / "content"


@pytest.fixture
def write_article(tmp_path: Path):
    """Write an article file under tmp_path/content and return the content folder."""
    content = tmp_path / "content"
    content.mkdir(exist_ok=True)

    def write(name: str, text: str) -> Path:
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return content

    return write
