"""The project's own wiring: packages listed, CI running the README's test command."""

from __future__ import annotations

import re
import tomllib

from .conftest import REPO


def test_every_package_under_src_is_listed_in_pyproject() -> None:
    listed = set(
        tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(REPO / "src").parts)
        for path in (REPO / "src").rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def test_ci_runs_the_readme_test_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    quick_start = re.search(r"## Quick start.*?```sh\n(.*?)```", readme, re.DOTALL)
    assert quick_start is not None
    commands = [line for line in quick_start.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[1] in (REPO / ".ci" / "run").read_text(encoding="utf-8")
