"""Bad input: clear messages naming file, line and what was expected; nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest

from karabakh_timeline.builder import MARKER, build
from karabakh_timeline.cli import main
from karabakh_timeline.errors import BuildError
from karabakh_timeline.loader import load_site

GOOD = "---\ntitle: Good\ndate: 2020-11-01\n---\n\nIt happened on 27 September 2020.\n"


def problems_for(content: Path) -> list[str]:
    with pytest.raises(BuildError) as raised:
        load_site(content)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no front matter\n", "a.md:1: expected YAML front matter"),
        (
            "---\ntitle: x\ndate: 2020-01-01\n\nbody\n",
            "a.md:1: front matter opened with '---' is never closed",
        ),
        (
            "---\ntitle: [unclosed\ndate: 2020-01-01\n---\nbody\n",
            "a.md:3: front matter is not valid YAML",
        ),
        ("---\n- a list\n---\nbody\n", "a.md:2: front matter must be a mapping"),
        ("---\ntitle: x\n---\nbody\n", "a.md: [date] missing 'date'"),
        (
            "---\ntitle: x\ndate: yesterday\n---\nbody\n",
            "a.md:3: [date] expected the publication date as YYYY-MM-DD",
        ),
        (
            "---\ntitle: x\ndate: 2020-01-01\nurl: javascript:alert(1)\n---\nbody\n",
            "a.md:4: [url] expected an http:// or https:// address",
        ),
        ("---\ntitle: x\ndate: 2020-01-01\n---\n\n", "a.md:5: the article has no text"),
        (
            "---\ntitle: {a: 1}\ndate: 2020-01-01\n---\nbody\n",
            "a.md:2: [title] expected 'title' to be a line of text",
        ),
    ],
)
def test_front_matter_problems(write_article, text: str, expected: str) -> None:
    content = write_article("a.md", text)
    found = problems_for(content)
    assert any(problem.startswith(expected) for problem in found), found


def test_all_problems_are_listed_not_just_the_first(write_article) -> None:
    write_article("a.md", "no front matter\n")
    content = write_article("sub/b.md", "---\ntitle: x\n---\nbody\n")
    found = problems_for(content)
    assert len(found) == 2
    assert found[0].startswith("a.md") and found[1].startswith("sub/b.md")


def test_non_utf8_file_names_the_line(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.md").write_bytes(b"---\ntitle: x\ndate: 2020-01-01\n---\ncaf\xe9\n")
    (found,) = problems_for(content)
    assert found.startswith("a.md:5: expected UTF-8 text")


def test_duplicate_slugs(write_article) -> None:
    write_article("one/story.md", GOOD)
    content = write_article("two/story.md", GOOD)
    (found,) = problems_for(content)
    assert "same slug 'story'" in found


def test_unknown_key_is_a_warning_with_a_suggestion(write_article) -> None:
    content = write_article("a.md", GOOD.replace("title: Good", "titel: Good"))
    site = load_site(content)
    assert any("unknown key 'titel'" in w and "did you mean 'title'" in w for w in site.warnings)


@pytest.mark.parametrize(
    ("yaml_text", "expected"),
    [
        ("title: [x\n", "site.yaml:2: not valid YAML"),
        ("- a\n", "expected a mapping of settings"),
        ("titel: x\n", "unknown setting 'titel'"),
        ("language: english language\n", "expected 'language' as a language tag"),
        ("base_url: ftp://x\n", "expected 'base_url' as an http(s) address"),
        ("title: 3\n", "expected 'title' to be non-empty text"),
    ],
)
def test_site_yaml_problems(write_article, yaml_text: str, expected: str) -> None:
    content = write_article("a.md", GOOD)
    (content / "site.yaml").write_text(yaml_text, encoding="utf-8")
    found = problems_for(content)
    assert any(expected in problem for problem in found), found


def test_failed_build_exits_non_zero_and_keeps_the_previous_site(
    write_article, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = write_article("a.md", GOOD)
    output = tmp_path / "out"
    assert main(["--content", str(content), "--output", str(output), "--quiet"]) == 0
    before = (output / "index.html").read_bytes()
    write_article("b.md", "---\ntitle: broken\n---\n")
    assert main(["--content", str(content), "--output", str(output), "--quiet"]) == 1
    error = capsys.readouterr().err
    assert "b.md" in error and "missing 'date'" in error
    assert (output / "index.html").read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]


def test_refuses_to_replace_a_folder_it_did_not_create(write_article, tmp_path: Path) -> None:
    content = write_article("a.md", GOOD)
    precious = tmp_path / "home"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work", encoding="utf-8")
    with pytest.raises(BuildError, match="refusing to replace it"):
        build(content, precious)
    assert (precious / "thesis.txt").read_text(encoding="utf-8") == "years of work"


@pytest.mark.parametrize("target", ["content", "content/sub", "."])
def test_refuses_output_overlapping_content(write_article, tmp_path: Path, target: str) -> None:
    content = write_article("a.md", GOOD)
    with pytest.raises(BuildError, match="overlaps the content folder"):
        build(content, tmp_path / target)
    assert (content / "a.md").exists()


@pytest.mark.parametrize("content", ["missing", "a-file.md"])
def test_a_content_folder_that_is_not_there_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str
) -> None:
    (tmp_path / "a-file.md").write_text(GOOD, encoding="utf-8")
    output = tmp_path / "out"
    argv = ["--content", str(tmp_path / content), "--output", str(output)]
    assert main(argv) == 1
    error = capsys.readouterr().err
    assert f"{tmp_path / content}: content folder not found" in error
    assert "Traceback" not in error and not output.exists()


def test_rebuild_replaces_its_own_output(write_article, tmp_path: Path) -> None:
    content = write_article("a.md", GOOD)
    output = tmp_path / "out"
    build(content, output)
    (output / "stale.html").write_text("old", encoding="utf-8")
    build(content, output)
    assert (output / MARKER).exists()
    assert not (output / "stale.html").exists()
    assert (output / ".nojekyll").exists()


def test_help_documents_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["-h"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    for option in ("--content", "--output", "--base-url", "--templates"):
        assert option in text


def test_broken_user_template_names_template_and_line(write_article, tmp_path: Path) -> None:
    content = write_article("a.md", GOOD)
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "index.html").write_text("line one\n{% if %}\n", encoding="utf-8")
    with pytest.raises(BuildError) as raised:
        build(content, tmp_path / "out", templates_dir=templates)
    (problem,) = raised.value.problems
    assert "index.html" in str(problem.path) and problem.line == 2


def test_future_publication_date_is_a_warning(write_article) -> None:
    content = write_article("a.md", GOOD.replace("2020-11-01", "9999-01-01"))
    site = load_site(content)
    assert any(
        "a.md:3: [date] the publication date 9999-01-01 is in the future" in w
        for w in site.warnings
    )


def test_year_zero_is_an_error(write_article) -> None:
    content = write_article("a.md", GOOD.replace("2020-11-01", "0000-01-01"))
    (found,) = problems_for(content)
    assert found.startswith("a.md:3: front matter has an impossible date")


def test_report_lists_expressions_events_and_undated_sentences(write_article) -> None:
    from karabakh_timeline.report import text_report

    content = write_article(
        "a.md",
        GOOD + "\nThe minister resigned.\n\nNothing else is known about it.\n",
    )
    report = text_report(load_site(content))
    assert "'27 September 2020'" in report and "DATE     2020-09-27" in report
    assert "27 September 2020  [from '27 September 2020']" in report
    assert "p3  Nothing else is known about it." in report


def test_links_out_of_the_content_folder_are_not_followed(write_article, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text(GOOD.replace("Good", "Secret"), encoding="utf-8")
    content = write_article("a.md", GOOD)
    (content / "leak.md").symlink_to(secret)
    found = problems_for(content)
    assert any(p.startswith("leak.md:") and "outside the content folder" in p for p in found), found


def test_linked_folders_are_not_read(write_article, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text(GOOD.replace("Good", "Secret"), encoding="utf-8")
    content = write_article("a.md", GOOD)
    (content / "linked").symlink_to(elsewhere, target_is_directory=True)
    (content / "inside").mkdir()
    (content / "inside" / "b.md").write_text(GOOD.replace("Good", "Inside"), encoding="utf-8")
    titles = [article.title for article in load_site(content).articles]
    assert sorted(titles) == ["Good", "Inside"]


@pytest.mark.parametrize(
    "slug", ["../../etc/passwd", "/absolute", "..", "ﬁle\u202eslug", "CON", "a/b\\c", "\u0000x"]
)
def test_odd_slugs_stay_inside_the_output(write_article, tmp_path: Path, slug: str) -> None:
    content = write_article("a.md", GOOD.replace("title: Good", f"title: Good\nslug: {slug!r}"))
    output = tmp_path / "out"
    try:
        build(content, output)
    except BuildError as error:
        assert "slug" in str(error)
        return
    for path in output.rglob("*"):
        assert path.resolve().is_relative_to(output.resolve())
    assert not (tmp_path / "etc").exists()


def test_pages_the_site_makes_are_never_overwritten(write_article, tmp_path: Path) -> None:
    write_article("index.md", GOOD.replace("27 September 2020", "27 September 2020 in Index"))
    content = write_article("b.md", GOOD + "\nIndex officials met on 3 October. Index agreed.\n")
    output = tmp_path / "out"
    build(content, output)
    assert (output / "articles" / "index-article.html").exists()
    assert b"<h1>Articles" in (output / "articles" / "index.html").read_bytes()
    assert b'entities/index-2.html"' in (output / "entities" / "index.html").read_bytes()


def test_reserved_slug_in_front_matter_is_an_error(write_article) -> None:
    content = write_article("a.md", GOOD.replace("title: Good", "title: Good\nslug: index"))
    (found,) = problems_for(content)
    assert "a.md:3: [slug] 'index' is the name of a page the site makes" in found
