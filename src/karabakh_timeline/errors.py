"""Problems found in the input, reported all together with file and line."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: where, and what was expected."""

    path: Path | str
    message: str
    line: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        key = f" [{self.key}]" if self.key else ""
        return f"{where}:{key} {self.message}"


def yaml_problem(
    path: Path | str, error: Exception, what: str = "not valid YAML", first_line: int = 1
) -> Problem:
    """A YAML parser's error as a Problem: its own reason, at the line it points to.

    ``first_line`` is the file line where the YAML text starts (front matter starts on 2).
    """
    mark = getattr(error, "problem_mark", None)
    reason = getattr(error, "problem", None) or str(error).splitlines()[0]
    line = mark.line + first_line if mark is not None else None
    return Problem(path, f"{what}: {reason}", line)


class BuildError(Exception):
    """The build cannot go on; ``problems`` lists everything that was found wrong."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(problem) for problem in self.problems))
