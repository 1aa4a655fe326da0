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


class BuildError(Exception):
    """The build cannot go on; ``problems`` lists everything that was found wrong."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(str(problem) for problem in self.problems))
