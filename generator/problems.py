"""A problem in the content, as a content author needs to see it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}: {self.message}"
        return f"{text}\n    hint: {self.hint}" if self.hint else text


class ContentError(Exception):
    """Raised with every problem found, so an author can fix them all in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in the content"
        super().__init__("\n".join([*map(str, self.problems), summary]))
