"""Stage 2 of the pipeline: turn a ``Site`` into pages (Jinja2, autoescaped).

- ``labels``: dates in words at their own precision (the ``date_label`` filter)
- ``markup``: article paragraphs with ``<time>`` around every recognised date
- ``exports``: ``events.json``
Templates come from the user's folder first, then the bundled ``templates/``.
"""

from __future__ import annotations

import importlib.resources
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import jinja2

from ..errors import BuildError, Problem
from ..models import Article, Event, Page, Site
from ..timeline import YearGroup, group_by_year
from .exports import events_json
from .labels import event_label, value_label
from .markup import html_datetime, paragraph_html

__all__ = ["Renderer", "render_site"]

TIMELINE_PAGE = "index.html"


def default_templates() -> Path:
    """The bundled templates folder (the repository's top-level ``templates/``)."""
    return Path(str(importlib.resources.files("karabakh_timeline.templates")))


@dataclass(frozen=True, slots=True)
class PageLinks:
    """Where things are, relative to the site root."""

    @staticmethod
    def article(slug: str) -> str:
        return f"articles/{slug}.html"

    @staticmethod
    def event(event: Event) -> str:
        return f"{TIMELINE_PAGE}#{event.id}"

    @staticmethod
    def source(event: Event) -> str:
        return f"articles/{event.article}.html#p{event.paragraph}"


class Renderer:
    """Renders pages from one Jinja2 environment, compiled once per build."""

    def __init__(self, site: Site, templates_dir: Path | None = None) -> None:
        self.site = site
        self.templates_dirs = [d for d in (templates_dir, default_templates()) if d is not None]
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([str(d) for d in self.templates_dirs]),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters["date_label"] = event_label
        self.env.filters["value_label"] = value_label
        self.env.filters["html_datetime"] = html_datetime
        self.articles = {article.slug: article for article in site.articles}
        self.events_by_article: dict[str, list[Event]] = {}
        for event in site.events:
            self.events_by_article.setdefault(event.article, []).append(event)

    def pages(self) -> Iterator[Page]:
        """Every output file of the site."""
        yield self._page(TIMELINE_PAGE, "index.html", root="", groups=self.groups())
        for article in self.site.articles:
            yield self._article_page(article)
        yield Page("events.json", events_json(self.site, PageLinks).encode("utf-8"))
        yield from self._static_files()

    def groups(self) -> list[YearGroup]:
        return group_by_year(self.site.events)

    def _article_page(self, article: Article) -> Page:
        events = self.events_by_article.get(article.slug, [])
        links: dict[int, str] = {}
        for event in events:
            for index in event.mentions:
                links.setdefault(index, "../" + PageLinks.event(event))
        paragraphs = [
            (
                paragraph,
                paragraph_html(
                    paragraph,
                    [
                        (i, m)
                        for i, m in enumerate(article.mentions)
                        if m.paragraph == paragraph.number
                    ],
                    links,
                ),
            )
            for paragraph in article.paragraphs
        ]
        return self._page(
            PageLinks.article(article.slug),
            "article.html",
            root="../",
            article=article,
            paragraphs=paragraphs,
            events=events,
        )

    def _page(self, path: str, template_name: str, root: str, **context: object) -> Page:
        try:
            template = self.env.get_template(template_name)
            html = template.render(
                site=self.site,
                config=self.site.config,
                articles_by_slug=self.articles,
                links=PageLinks,
                root=root,
                page_path=path,
                **context,
            )
        except jinja2.TemplateSyntaxError as error:
            raise BuildError(
                Problem(
                    error.filename or error.name or template_name,
                    f"template error: {error.message}",
                    error.lineno,
                )
            ) from error
        except jinja2.TemplateError as error:
            raise BuildError(
                Problem(template_name, f"template error: {error}", _template_line(error))
            ) from error
        return Page(path, html.encode("utf-8"))

    def _static_files(self) -> Iterator[Page]:
        seen: set[str] = set()
        for folder in self.templates_dirs:
            static = folder / "static"
            if not static.is_dir():
                continue
            for path in sorted(static.rglob("*")):
                relative = path.relative_to(folder).as_posix()
                if path.is_file() and relative not in seen and not path.name.startswith("."):
                    seen.add(relative)
                    yield Page(relative, path.read_bytes())


def _template_line(error: Exception) -> int | None:
    """The template line of a runtime error, from the traceback Jinja2 rewrites."""
    traceback = error.__traceback__
    line = None
    while traceback is not None:
        if traceback.tb_frame.f_code.co_filename.endswith(".html"):
            line = traceback.tb_lineno
        traceback = traceback.tb_next
    return line


def render_site(site: Site, templates_dir: Path | None = None) -> list[Page]:
    """All pages of the site, in a deterministic order."""
    return list(Renderer(site, templates_dir).pages())
