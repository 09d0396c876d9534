"""A problem in the content, as a content author needs to see it."""

from __future__ import annotations

from dataclasses import dataclass


def shown(text: str) -> str:
    """Text as a message may print it: a character that would end the line, move the cursor
    or hide itself (a file name holding a newline, say) is written as its escape, so no
    message can forge a line of its own. Letters of any language are kept."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in text)


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int  # 0 for a problem with a whole file that has no lines (a link, an image)
    message: str
    hint: str = ""

    @property
    def where(self) -> str:
        """`file:line`, or the file alone for a problem with the whole file."""
        return f"{shown(self.path)}:{self.line}" if self.line else shown(self.path)

    def __str__(self) -> str:
        text = f"{self.where}: {shown(self.message)}"
        return f"{text}\n    hint: {shown(self.hint)}" if self.hint else text


class ContentError(Exception):
    """Raised with every problem found, so an author can fix them all in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        count = len(self.problems)
        summary = f"{count} problem{'s' if count != 1 else ''} in the content"
        super().__init__("\n".join([*map(str, self.problems), summary]))
