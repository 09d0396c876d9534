"""Read the hand-written YAML into plain Python data, remembering the line of every value.

The loader is ruamel.yaml in YAML 1.2 mode: it refuses a key written twice in one mapping
(PyYAML silently keeps the last one) and keeps `NO`, `yes` and `on` as the text they look
like. Nothing here knows the schema beyond which file holds which record type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from generator import model
from generator.problems import Problem

# Which files hold which record type. `many` files hold a list of records; the others hold
# one document. Paths are relative to the project root; the order is the order on the site.
LAYOUT: list[tuple[str, type[model.Record], bool]] = [
    ("content/sources.yaml", model.SourceDocument, True),
    ("content/needs.yaml", model.Need, True),
    ("content/indicators.yaml", model.Indicator, True),
    ("strategies/*.yaml", model.Strategy, True),
    ("content/levels.yaml", model.Level, True),
    ("content/outcomes.yaml", model.OutcomesDocument, False),
    ("content/tools.yaml", model.Tool, True),
    ("content/references.yaml", model.Reference, True),
    ("content/audit.yaml", model.AuditDocument, False),
    ("content/pathway.yaml", model.PathwayDocument, False),
    ("content/courses.yaml", model.TrainingDocument, False),
    ("content/glossary.yaml", model.Term, True),
    ("content/synonyms.yaml", model.Synonym, True),
    ("content/pages/*.yaml", model.Page, False),
]

Location = tuple[str | int, ...]


@dataclass
class RawRecord:
    """One record as written: its data, where it is, and the line of each value inside it."""

    kind: type[model.Record]
    path: str  # relative to the project root, with forward slashes
    line: int  # 1-based line where the record starts
    data: Any
    lines: dict[Location, int] = field(default_factory=dict)

    def line_of(self, location: Location) -> int:
        """The line of the value at `location`, or of its nearest written parent."""
        for end in range(len(location), -1, -1):
            if location[:end] in self.lines:
                return self.lines[location[:end]]
        return self.line


@dataclass
class Loaded:
    records: list[RawRecord]
    problems: list[Problem]


def content_files(root: Path) -> list[tuple[Path, type[model.Record], bool]]:
    """Every content file of the layout that exists, in layout order."""
    found = []
    for pattern, kind, many in LAYOUT:
        for path in sorted(root.glob(pattern)):
            found.append((path, kind, many))
    return found


def load(root: Path) -> Loaded:
    records: list[RawRecord] = []
    problems: list[Problem] = []
    for pattern, _, _ in LAYOUT:
        if "*" not in pattern and not (root / pattern).is_file():
            problems.append(Problem(pattern, 1, "this file is missing",
                                    "restore it from the repository; the site needs it"))
    for path, kind, many in content_files(root):
        relative = path.relative_to(root).as_posix()
        try:
            document = _yaml().load(path.read_text(encoding="utf-8"))
        except MarkedYAMLError as error:
            problems.append(_syntax_problem(relative, error))
            continue
        except (YAMLError, UnicodeDecodeError) as error:
            problems.append(Problem(relative, 1, f"cannot read this file: {error}",
                                    "save it as UTF-8 text in YAML format"))
            continue
        if document is None:
            problems.append(Problem(relative, 1, "the file is empty",
                                    "add its records or delete the file"))
            continue
        if many:
            if not isinstance(document, CommentedSeq):
                problems.append(Problem(
                    relative, 1, f"expected a list of {_plural(kind)}",
                    "start each record with '- ' at the left margin"))
                continue
            for index, item in enumerate(document):
                lines: dict[Location, int] = {}
                data = _plain(item, (), lines)
                records.append(RawRecord(kind, relative, document.lc.item(index)[0] + 1,
                                         data, lines))
        else:
            lines = {}
            data = _plain(document, (), lines)
            records.append(RawRecord(kind, relative, 1, data, lines))
    return Loaded(records, problems)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    return yaml


def _plain(node: Any, location: Location, lines: dict[Location, int]) -> Any:
    """Turn ruamel's round-trip nodes into dicts, lists and builtins, noting each line."""
    if isinstance(node, CommentedMap):
        result = {}
        for key in node:
            lines[location + (key,)] = node.lc.key(key)[0] + 1
            result[_scalar(key)] = _plain(node[key], location + (key,), lines)
        return result
    if isinstance(node, CommentedSeq):
        items = []
        for index, item in enumerate(node):
            lines[location + (index,)] = node.lc.item(index)[0] + 1
            items.append(_plain(item, location + (index,), lines))
        return items
    return _scalar(node)


def _scalar(value: Any) -> Any:
    # ruamel wraps quoted and block strings in str subclasses; pydantic wants plain ones.
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return value


def _syntax_problem(path: str, error: MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark else 1
    problem = (error.problem or "the YAML cannot be read").strip()
    if "duplicate key" in problem:
        first = error.context_mark.line + 1 if error.context_mark else line
        key = problem.split('"')[1] if '"' in problem else "?"
        return Problem(path, line, f"key '{key}' is written twice in one record "
                       f"(first on line {first})", "keep one of them")
    return Problem(path, line, f"YAML syntax error: {problem}",
                   "check the indentation and the quotes on this line and the one above")


def _plural(kind: type[model.Record]) -> str:
    name = kind.__name__
    return {"Strategy": "strategies", "Synonym": "synonym entries"}.get(name, name.lower() + "s")
