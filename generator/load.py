"""Read the hand-written YAML into plain Python data, remembering the line of every value.

The loader is ruamel.yaml in YAML 1.2 mode: it refuses a key written twice in one mapping
(PyYAML silently keeps the last one) and keeps `NO`, `yes` and `on` as the text they look
like. Content is plain data: YAML tags, anchors and aliases are refused before anything is
built from them, and so is every file in the content folders that is not a content file.
A file of nothing but text, lists and mappings is read from libyaml's events instead, with
the same result in a fraction of the time; anything else in it sends the file to ruamel.
Nothing here knows the schema beyond which file holds which record type.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml as pyyaml
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (AliasEvent, CollectionEndEvent, CollectionStartEvent, Event,
                                ScalarEvent)
from ruamel.yaml.nodes import ScalarNode
from ruamel.yaml.resolver import VersionedResolver

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
    ("content/safeguarding.yaml", model.SafeguardingList, False),
    ("content/pages/*.yaml", model.Page, False),
    ("content/terms.yaml", model.SiteTerms, False),
]

# What each fixed file holds, to say so when one is missing. The hand-written pages are in
# the navigation (mkdocs.yml), so each of them must exist too.
EXPECTED: dict[str, str] = {
    "content/sources.yaml": "the five councils' documents, for citations and credits",
    "content/needs.yaml": "the ten needs",
    "content/indicators.yaml": "the behaviours that can indicate a need",
    "content/levels.yaml": "the levels of need 0 to 4 with their descriptors",
    "content/outcomes.yaml": "the Hertfordshire outcomes and their practices",
    "content/tools.yaml": "the named tools, approaches and services",
    "content/references.yaml": "the reference links the documents list",
    "content/audit.yaml": "the Essex self-audit",
    "content/pathway.yaml": "the Kent route to specialist help",
    "content/courses.yaml": "the Sevenoaks training courses",
    "content/glossary.yaml": "every abbreviation the site explains",
    "content/synonyms.yaml": "the everyday words the finder knows",
    "content/terms.yaml": "the licence of the site's own text and open data",
    "content/safeguarding.yaml": "the words that show the finder's safeguarding notice",
    "content/pages/home.yaml": "the home page",
    "content/pages/parents.yaml": "the page for parents and carers",
    "content/pages/about.yaml": "the 'About this site' page",
}

# What may sit in each content folder: the layout's files, and those read by other tools
# (the link checker's allowlist, the notes on how ages were given).
ALLOWED: dict[str, list[str]] = {"content": [], "content/pages": [], "strategies": []}
for _pattern, _, _ in LAYOUT:
    _folder, _, _name = _pattern.rpartition("/")
    ALLOWED[_folder].append(_name)
ALLOWED["content"] += ["link_allowlist.yaml", "pages"]
ALLOWED["strategies"] += ["AGES.md"]

# The largest content file is under 30 KB, and the benchmark's 10,000 strategies make files
# of about 300 KB; a file over 1 MiB is a mistake (a pasted document, a generated file) and
# would only make every build slow.
MAX_BYTES = 1024 * 1024
# The content nests six levels deep at most; a much deeper file is not content.
MAX_DEPTH = 30

PLAIN_DATA_HINT = ("write the value out in full; the content does not use YAML anchors "
                   "or aliases")

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
    # False when a content folder could not be listed: its records are missing, so every
    # reference to them would be reported as wrong, which it is not.
    complete: bool = True


def content_files(root: Path) -> list[tuple[Path, type[model.Record], bool]]:
    """Every content file of the layout that is there (even a broken link), in layout order."""
    found = []
    for pattern, kind, many in LAYOUT:
        folder, _, name = pattern.rpartition("/")
        for path in _entries(root, folder):
            if fnmatchcase(path.name, name):
                found.append((path, kind, many))
    return found


def load(root: Path) -> Loaded:
    records: list[RawRecord] = []
    problems = _folder_problems(root)
    for relative, holds in EXPECTED.items():
        if not os.path.lexists(root / relative):
            problems.append(Problem(relative, 1, f"this file is missing: it holds {holds}",
                                    "restore it from the repository; the site needs it"))
    for path, kind, many in content_files(root):
        read_file(root, path, kind, many, records, problems)
    unlisted = [problem for problem in problems if problem.message.startswith(_UNLISTED)]
    return Loaded(records, problems, complete=not unlisted)


def read_file(root: Path, path: Path, kind: type[model.Record], many: bool,
              records: list[RawRecord], problems: list[Problem]) -> None:
    """Read one content file into `records`, or say in `problems` why it cannot be read."""
    relative = path.relative_to(root).as_posix()
    unreadable = _unreadable(root, path, relative)
    if unreadable:
        problems.append(unreadable)
        return
    try:
        text = path.read_text(encoding="utf-8")
        quick = _quick_records(text, many)
        if quick is not None:
            records.extend(RawRecord(kind, relative, line, data, lines)
                           for line, data, lines in quick)
            return
        not_plain, document = _parse(relative, text)
        if not_plain:
            problems.extend(not_plain)
            return
    except MarkedYAMLError as error:
        problems.append(_syntax_problem(relative, error))
        return
    except (YAMLError, UnicodeDecodeError) as error:
        problems.append(Problem(relative, 1, f"cannot read this file: {error}",
                                "save it as UTF-8 text in YAML format"))
        return
    except OSError as error:
        problems.append(Problem(relative, 1, f"cannot read this file: {error.strerror}",
                                "check that the file can be read"))
        return
    if document is None:
        problems.append(Problem(relative, 1, "the file is empty",
                                "add its records or delete the file"))
        return
    if many:
        if not isinstance(document, CommentedSeq):
            problems.append(Problem(
                relative, 1, f"expected a list of {_plural(kind)}",
                "start each record with '- ' at the left margin"))
            return
        for index, item in enumerate(document):
            lines: dict[Location, int] = {}
            data = _plain(item, (), lines)
            records.append(RawRecord(kind, relative, document.lc.item(index)[0] + 1,
                                     data, lines))
    else:
        lines = {}
        data = _plain(document, (), lines)
        records.append(RawRecord(kind, relative, 1, data, lines))


# --- files and folders ------------------------------------------------------------------------

def _entries(root: Path, folder: str) -> list[Path]:
    """What a content folder holds, sorted; nothing when it cannot be listed or is a link
    out of the project (the folder itself is reported)."""
    path = root / folder
    try:
        inside = path.resolve().is_relative_to(root.resolve())
        return _listing(path) if inside else []
    except (OSError, RuntimeError):
        return []


def _listing(path: Path) -> list[Path]:
    return [path / name for name in sorted(os.listdir(path))]


_UNLISTED = "this folder cannot be read"


def _folder_problems(root: Path) -> list[Problem]:
    """Content folders that cannot be used, and files in them the generator would not read."""
    problems = []
    for folder, allowed in ALLOWED.items():
        path = root / folder
        problem = _link_problem(root, path, folder)
        if problem:
            problems.append(problem)
            continue
        if os.path.lexists(path) and not path.is_dir():
            problems.append(Problem(folder, 1, "this should be a folder, but it is a file",
                                    f"move it away and put {folder}/ back from the repository"))
            continue
        try:
            _listing(path) if path.is_dir() else None
        except OSError as error:
            problems.append(Problem(folder, 0, f"{_UNLISTED} ({error.strerror})",
                                    "check that the folder and its files can be read"))
            continue
        for entry in _entries(root, folder):
            if any(fnmatchcase(entry.name, pattern) for pattern in allowed):
                continue
            relative = entry.relative_to(root).as_posix()
            if entry.name.endswith(".yml"):
                problems.append(Problem(relative, 1, "the generator reads only files ending "
                                        "in .yaml", f"rename it to {entry.name[:-4]}.yaml"))
                continue
            what = "folder" if entry.is_dir() else "file"
            problems.append(Problem(
                relative, 1, f"the generator does not read this {what}",
                f"move it out of {folder}/; only these belong there: {', '.join(allowed)}"))
    return problems


def _link_problem(root: Path, path: Path, relative: str) -> Problem | None:
    """A symbolic link that leads nowhere, round in a loop, or out of the project."""
    if not path.is_symlink():
        return None
    written = os.readlink(path)
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return Problem(relative, 1, f"this is a link to '{written}', which does not exist",
                       "put the file itself here, or delete the link")
    except (OSError, RuntimeError):  # Python 3.11 says RuntimeError for a loop of links
        return Problem(relative, 1, "this link leads round in a loop of links",
                       "put the file itself here, or delete the link")
    if not target.is_relative_to(root.resolve()):
        return Problem(relative, 1, f"this is a link to '{written}', outside the project",
                       "copy it into the project instead of linking to it")
    return None


def _unreadable(root: Path, path: Path, relative: str) -> Problem | None:
    """Why a content file cannot be read as one, before anything opens it."""
    problem = _link_problem(root, path, relative)
    if problem:
        return problem
    if path.is_dir():
        return Problem(relative, 1, "this is a folder, not a file",
                       "content files are YAML files; move the folder out of here")
    if not path.is_file():
        return Problem(relative, 1, "this is not a plain file",
                       "put a YAML file here, or delete it")
    size = path.stat().st_size
    if size > MAX_BYTES:
        return Problem(relative, 1, f"the file is {size:,} bytes, more than the 1 MiB allowed",
                       "content files are far smaller; check that nothing was pasted "
                       "in by mistake, or split the records into more files")
    return None


# --- YAML ---------------------------------------------------------------------------------

# Parsing is most of a check's time: while `mkdocs serve` runs, a rebuild parses again only
# the files whose text changed. The documents are only read afterwards, never changed.
@functools.lru_cache(maxsize=256)
def _parse(path: str, text: str) -> tuple[list[Problem], Any]:
    """What in the file is not plain data, else the parsed document."""
    not_plain = _not_plain_data(path, text)
    return (not_plain, None) if not_plain else ([], _yaml().load(text))


def _not_plain_data(path: str, text: str) -> list[Problem]:
    """Anchors, aliases, merge keys, tags and runaway nesting, one problem a line, found by
    parsing alone: nothing is built from the file, so an alias bomb cannot grow."""
    if _plainly_plain(text):
        return []
    problems: dict[int, Problem] = {}
    depth = 0
    for event in _yaml().parse(text):
        line = event.start_mark.line + 1
        if isinstance(event, CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                problems[line] = Problem(path, line, f"the lists and fields here are nested "
                                         f"more than {MAX_DEPTH} levels deep",
                                         "check the indentation and the brackets")
                break
        elif isinstance(event, CollectionEndEvent):
            depth -= 1
        problem = _not_plain(event)
        if problem and line not in problems:
            problems[line] = Problem(path, line, *problem)
    return list(problems.values())


def _plainly_plain(text: str) -> bool:
    """True when libyaml's C parser finds nothing but plain data. It parses in a tenth of the
    time ruamel's Python parser takes, and nearly every file is plain, so only a file it
    doubts (or cannot parse) is parsed again by ruamel, whose findings and messages are the
    ones the author sees."""
    if not pyyaml.__with_libyaml__:
        return False
    depth = 0
    try:
        for event in pyyaml.parse(text, Loader=pyyaml.CSafeLoader):
            if isinstance(event, pyyaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return False
            if isinstance(event, pyyaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH or event.tag is not None:
                    return False
            elif isinstance(event, pyyaml.CollectionEndEvent):
                depth -= 1
            elif isinstance(event, pyyaml.ScalarEvent):
                if event.tag is not None or (event.value == "<<" and not event.style):
                    return False
    except pyyaml.YAMLError:
        return False
    return True


class _NotPlainly(Exception):
    """The quick reader leaves this file to ruamel."""


_STR_TAG = "tag:yaml.org,2002:str"
# Line breaks in YAML 1.1 (which libyaml reads) but text in YAML 1.2.
_BREAKS_IN_1_1_ONLY = ("\x85", "\u2028", "\u2029")


def _quick_records(text: str, many: bool) -> list[tuple[int, Any, dict[Location, int]]] | None:
    """The file's records, as (line, data, lines) read from libyaml's C parser in one pass,
    when it holds nothing but text, lists and mappings; None for anything else (a number, a
    date, an anchor, a key written twice, a syntax error, an empty file), which ruamel then
    reads as before and reports on. For the files it reads, the data and lines are those
    ruamel gives, in a tenth of the time: reading YAML was a fifth of a build at 10,000
    strategies."""
    if not pyyaml.__with_libyaml__ or any(mark in text for mark in _BREAKS_IN_1_1_ONLY):
        return None
    try:
        events = pyyaml.parse(text, Loader=pyyaml.CSafeLoader)
        if not isinstance(next(events), pyyaml.StreamStartEvent):
            return None
        if not isinstance(next(events), pyyaml.DocumentStartEvent):
            return None  # an empty file
        first = next(events)
        if many:
            if not isinstance(first, pyyaml.SequenceStartEvent) or first.anchor or first.tag:
                return None
            found = []
            for event in events:
                if isinstance(event, pyyaml.SequenceEndEvent):
                    break
                lines: dict[Location, int] = {}
                found.append((event.start_mark.line + 1,
                              _quick_value(event, events, (), lines, 1), lines))
        else:
            lines = {}
            found = [(1, _quick_value(first, events, (), lines, 0), lines)]
        if not isinstance(next(events), pyyaml.DocumentEndEvent):
            return None
        if not isinstance(next(events), pyyaml.StreamEndEvent):
            return None  # more than one document
    except (_NotPlainly, pyyaml.YAMLError, StopIteration):
        return None
    return found


def _quick_value(event, events, location: Location, lines: dict[Location, int],
                 depth: int) -> Any:
    if isinstance(event, pyyaml.AliasEvent) or event.anchor is not None:
        raise _NotPlainly
    if isinstance(event, pyyaml.ScalarEvent):
        return _quick_text(event)
    if event.tag is not None or depth >= MAX_DEPTH:
        raise _NotPlainly
    if isinstance(event, pyyaml.MappingStartEvent):
        mapping: dict[str, Any] = {}
        for key_event in events:
            if isinstance(key_event, pyyaml.MappingEndEvent):
                return mapping
            if not isinstance(key_event, pyyaml.ScalarEvent) or key_event.anchor is not None:
                raise _NotPlainly
            key = _quick_text(key_event)
            if key in mapping:
                raise _NotPlainly  # ruamel says which key, and where it was first
            lines[location + (key,)] = key_event.start_mark.line + 1
            mapping[key] = _quick_value(next(events), events, location + (key,), lines,
                                        depth + 1)
    if isinstance(event, pyyaml.SequenceStartEvent):
        items: list[Any] = []
        for item_event in events:
            if isinstance(item_event, pyyaml.SequenceEndEvent):
                return items
            lines[location + (len(items),)] = item_event.start_mark.line + 1
            items.append(_quick_value(item_event, events, location + (len(items),), lines,
                                      depth + 1))
    raise _NotPlainly


def _quick_text(event) -> str:
    """A scalar that YAML 1.2 reads as text; anything else is left to ruamel."""
    if event.tag is not None:
        raise _NotPlainly
    # A plain scalar's style is '' from the C parser.
    if not event.style and str(_resolver().resolve(ScalarNode, event.value,
                                                   (True, False))) != _STR_TAG:
        raise _NotPlainly  # a number, true/false, null, a date or the merge key
    return event.value


@functools.cache
def _resolver() -> VersionedResolver:
    return VersionedResolver(version=(1, 2))


def _not_plain(event: Event) -> tuple[str, str] | None:
    """What in one YAML event is more than plain data, and what to write instead."""
    anchor = getattr(event, "anchor", None)
    tag = getattr(event, "tag", None)
    if isinstance(event, AliasEvent):
        return f"YAML alias '*{anchor}' is not allowed", PLAIN_DATA_HINT
    if anchor is not None:
        return f"YAML anchor '&{anchor}' is not allowed", PLAIN_DATA_HINT
    if isinstance(event, ScalarEvent) and event.value == "<<" and not event.style:
        return ("YAML merge key '<<' is not allowed",
                "write the fields out in full; the content does not use YAML merge keys "
                "(put quotes around '<<' to mean the text)")
    if tag is not None:
        return (f"YAML tag '{tag.replace('tag:yaml.org,2002:', '!!', 1)}' is not allowed",
                "remove the tag; the content is plain text, numbers, lists and "
                "'field: value' lines, without YAML tags")
    return None


class _Constructor(RoundTripConstructor):
    """Dates stay the text they are written as: the schema reads them, so a date that does
    not exist (2026-13-01) is an author's problem with a line, not a crash."""


_Constructor.add_constructor("tag:yaml.org,2002:timestamp",
                             RoundTripConstructor.construct_yaml_str)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
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
