"""Articles stuffed with XSS vectors: in a real browser, no script runs, no dialog opens."""

from __future__ import annotations

from pathlib import Path

from karabakh_timeline.builder import build

from ..test_robustness import XSS
from .conftest import Watch, open_context, serve_folder


def test_no_script_runs_and_no_dialog_opens(browser, tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "xss.md").write_text(XSS, encoding="utf-8")
    (content / "plain.md").write_text(
        "---\ntitle: Plain\ndate: 2020-11-01\n---\n\nAlert <b>bold</b> on 2 October.\n",
        encoding="utf-8",
    )
    site = tmp_path / "site"
    build(content, site)
    watch = Watch()
    context = open_context(browser, watch, viewport={"width": 1280, "height": 900})
    # Any script of the article's that ran would call alert() or set this flag.
    context.add_init_script(
        "window.__xss = []; window.alert = (m) => window.__xss.push(String(m));"
    )
    dialogs: list[str] = []
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    with serve_folder(site) as url:
        page = context.new_page()
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for path in pages:
            page.goto(url + path)
            page.wait_for_load_state("load")
            for element in page.query_selector_all("a, img, span, p, li"):
                element.dispatch_event("mouseover")
            assert page.evaluate("window.__xss") == [], path
        context.close()
    assert dialogs == []
    assert watch.external == [], "a request left 127.0.0.1"
