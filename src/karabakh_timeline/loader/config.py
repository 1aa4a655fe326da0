"""``content/site.yaml``: the site's settings, validated with messages that say where."""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from typing import Any

from ..errors import BuildError, Problem, yaml_problem
from ..models import SiteConfig

CONFIG_NAME = "site.yaml"
_FIELDS = ("title", "description", "language", "base_url")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


def load_config(content_dir: Path, base_url: str | None = None) -> SiteConfig:
    """Read ``site.yaml`` from the content folder (optional) and apply ``--base-url``."""
    path = content_dir / CONFIG_NAME
    data: dict[str, Any] = {}
    if path.is_file():
        data = _read_mapping(path)
    problems: list[Problem] = []
    values: dict[str, str] = {}
    for key, value in data.items():
        if key not in _FIELDS:
            hint = difflib.get_close_matches(str(key), _FIELDS, n=1)
            message = f"unknown setting '{key}' (known: {', '.join(_FIELDS)})"
            if hint:
                message += f"; did you mean '{hint[0]}'?"
            problems.append(Problem(path, message, key=str(key)))
            continue
        if not isinstance(value, str) or not value.strip():
            problems.append(
                Problem(path, f"expected '{key}' to be non-empty text, got {value!r}", key=key)
            )
            continue
        values[key] = " ".join(value.split())
    if base_url is not None:
        values["base_url"] = base_url
    if "language" in values and not _LANGUAGE.match(values["language"]):
        problems.append(
            Problem(
                path,
                f"expected 'language' as a language tag such as 'en' or 'en-GB', "
                f"got {values['language']!r}",
                key="language",
            )
        )
    if values.get("base_url"):
        url = values["base_url"]
        if not re.match(r"^https?://[^\s/]+(/\S*)?$", url) and not url.startswith("/"):
            problems.append(
                Problem(
                    path if base_url is None else "--base-url",
                    f"expected 'base_url' as an http(s) address or a path starting with '/', "
                    f"got {url!r}",
                    key="base_url",
                )
            )
        else:
            values["base_url"] = url.rstrip("/") + "/"
    if problems:
        raise BuildError(problems)
    return SiteConfig(**values)


def _read_mapping(path: Path) -> dict[str, Any]:
    import yaml  # (here: only a site with a site.yaml needs it)

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise BuildError(Problem(path, f"expected UTF-8 text: {error.reason}")) from error
    except yaml.YAMLError as error:
        raise BuildError(yaml_problem(path, error)) from error
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise BuildError(Problem(path, "expected a mapping of settings (key: value lines)"))
    return data
