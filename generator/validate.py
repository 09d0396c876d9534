"""Check raw records against the schema and against each other.

Every rule reports a Problem naming the file, the line, the bad value and what to do. All
problems are collected before anything fails, so an author sees the whole list at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from generator import model, words
from generator.load import Location, RawRecord
from generator.problems import Problem


@dataclass
class Valid:
    """A record that passed its schema, still tied to where it was written."""

    record: Any
    raw: RawRecord


def validate(raws: list[RawRecord]) -> tuple[list[Valid], list[Problem]]:
    valid: list[Valid] = []
    failed: list[Valid] = []
    problems: list[Problem] = []
    for raw in raws:
        if not isinstance(raw.data, dict):
            problems.append(Problem(raw.path, raw.line,
                                    f"expected a {_name(raw.kind)} with fields, got {raw.data!r}",
                                    f"write it as 'field: value' lines; fields: "
                                    f"{', '.join(raw.kind.model_fields)}"))
            continue
        try:
            valid.append(Valid(raw.kind.model_validate(raw.data), raw))
        except ValidationError as error:
            problems.extend(_schema_problems(raw, error))
            failed.append(Valid(None, raw))
    problems.extend(_duplicate_ids(valid))
    problems.extend(_repeated_items(valid))
    problems.extend(_unknown_references(valid, failed))
    problems.extend(_mentions_not_in_text(valid))
    problems.extend(_areas_not_in_list(valid))
    problems.extend(_damage_not_in_text(valid))
    problems.extend(_tools_without_a_link(valid))
    problems.extend(_safeguarding_words(valid))
    return valid, problems


# --- schema -------------------------------------------------------------------------------

def _schema_problems(raw: RawRecord, error: ValidationError) -> Iterator[Problem]:
    seen: set[Location] = set()
    for detail in error.errors(include_url=False):
        # A union (needs: a list or "all") reports once per branch; the first says enough.
        location = tuple(part for part in detail["loc"] if not _is_union_branch(part))
        if location in seen:
            continue
        seen.add(location)
        yield Problem(raw.path, raw.line_of(location), *_explain(raw.kind, location, detail))


def _is_union_branch(part: Any) -> bool:
    return isinstance(part, str) and (part.startswith("list[") or part.startswith("literal["))


def _explain(kind: type[model.Record], location: Location,
             detail: dict[str, Any]) -> tuple[str, str]:
    field = _field_name(location)
    kind_of_error = detail["type"]
    value = detail.get("input")
    owner = _owner(kind, location)
    if kind_of_error == "missing":
        required = [name for name, info in owner.model_fields.items() if info.is_required()]
        return (f"missing field '{location[-1]}'",
                f"every {_name(owner)} needs: {', '.join(required)}")
    if kind_of_error == "extra_forbidden":
        unknown = str(location[-1])
        known = list(owner.model_fields)
        close = difflib.get_close_matches(unknown, known, n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        return (f"unknown field '{unknown}'",
                f"{hint}fields of a {_name(owner)}: {', '.join(known)}")
    if kind_of_error == "literal_error":
        expected = detail.get("ctx", {}).get("expected", "")
        return (f"{field}: {value!r} is not allowed", f"expected one of: {expected}")
    if kind_of_error == "string_pattern_mismatch":
        if location[-1] in ("id",) or field.endswith("id"):
            return (f"{field}: {value!r} is not a valid id",
                    "use lower-case words and digits joined by hyphens, e.g. 'key-adult'")
        if field.endswith("url"):
            return (f"{field}: {value!r} is not a web address",
                    "write the full address, starting with https:// and a host name, with no "
                    "spaces, brackets, quotes or angle brackets (write them %-encoded)")
        return (f"{field}: {value!r} is not allowed here", detail["msg"])
    if kind_of_error == "iso_date":
        return (f"{field}: {value!r} is not a date",
                "write the day it was checked as year-month-day, e.g. 2026-11-26")
    if kind_of_error == "control_character":
        return (f"{field}: {detail['msg']}, which cannot be shown",
                "remove it; in YAML, an escape in double quotes such as \\0, \\a or \\x1b "
                "writes one")
    if kind_of_error == "string_too_short":
        return (f"{field} is empty", "write the text, or remove the field if it is optional")
    if kind_of_error == "string_type":
        hint = ("In YAML, put quotes around it so it stays text"
                if isinstance(value, (int, float, bool)) or value is None or
                type(value).__name__ in ("date", "datetime")
                else "write it as text on one line, or as a '>-' block")
        return f"{field}: expected text, got {value!r}", hint
    if kind_of_error in ("list_type", "too_short"):
        return (f"{field}: expected a list, got {value!r}" if kind_of_error == "list_type"
                else f"{field}: the list is empty",
                "write each item on its own line starting with '- '")
    if kind_of_error in ("int_type", "int_parsing", "int_from_float"):
        return f"{field}: expected a whole number, got {value!r}", "In YAML, remove quotes from numbers"
    if kind_of_error in ("greater_than_equal", "less_than_equal"):
        return f"{field}: {value!r} is out of range", detail["msg"]
    if kind_of_error in ("model_type", "dict_type"):
        return (f"{field}: expected fields, got {value!r}",
                f"write it as 'field: value' lines; fields: {', '.join(owner.model_fields)}")
    return f"{field}: {detail['msg']}", f"got {value!r}"


def _field_name(location: Location) -> str:
    text = ""
    for part in location:
        text += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "record"


def _owner(kind: type[model.Record], location: Location) -> type[model.Record]:
    """The record class that owns the last field of `location` (for nested records)."""
    owner = kind
    for part in location[:-1]:
        if isinstance(part, int):
            continue
        info = owner.model_fields.get(part)
        if info is None:
            break
        nested = _record_class(info.annotation)
        if nested is None:
            break
        owner = nested
    return owner


def _record_class(annotation: Any) -> type[model.Record] | None:
    if isinstance(annotation, type) and issubclass(annotation, model.Record):
        return annotation
    for argument in getattr(annotation, "__args__", ()):
        found = _record_class(argument)
        if found:
            return found
    return None


def _name(kind: type[model.Record]) -> str:
    words, word = [], ""
    for char in kind.__name__:
        if char.isupper() and word:
            words.append(word)
            word = ""
        word += char.lower()
    return " ".join([*words, word])


# --- across records -------------------------------------------------------------------------

# What each record type names in each kind of id namespace: (where, namespace). A `*` steps
# into every item of a list.
IDS: dict[str, list[tuple[str, str]]] = {
    "Need": [("id", "need")],
    "Strategy": [("id", "strategy")],
    "Indicator": [("id", "indicator")],
    "Level": [("id", "level")],
    "OutcomesDocument": [("outcomes.*.id", "outcome")],
    "Tool": [("id", "tool")],
    "Reference": [("id", "reference")],
    "AuditDocument": [("sections.*.id", "audit section"),
                      ("sections.*.criteria.*.id", "audit criterion")],
    "PathwayDocument": [("stages.*.id", "pathway stage")],
    "TrainingDocument": [("courses.*.id", "course")],
    "Term": [("term", "glossary term")],
    "Page": [("id", "page")],
    "SourceDocument": [("id", "source document"), ("file", "source file")],
    "SafeguardingList": [("concepts.*.id", "safeguarding concept"),
                         ("groups.*.name", "group of words")],
}

REFERENCES: dict[str, list[tuple[str, str]]] = {
    "Need": [("related_strategies.*", "strategy")],
    "Strategy": [("needs.*", "need"), ("courses.*", "course"), ("outcomes.*", "outcome"),
                 ("tools.*", "tool")],
    "Indicator": [("needs.*", "need")],
    "Level": [("descriptors.*.needs.*", "need"), ("descriptors.*.area_needs.*.needs.*", "need")],
    "OutcomesDocument": [("outcomes.*.practices.*.tools.*", "tool"),
                         ("outcomes.*.practices.*.needs.*", "need"),
                         ("side_headings.*.after_outcome", "outcome")],
    "Synonym": [("needs.*", "need")],
    "AuditDocument": [("sections.*.criteria.*.needs.*", "need"),
                      ("sections.*.criteria.*.related.strategies.*", "strategy"),
                      ("sections.*.criteria.*.related.courses.*", "course"),
                      ("sections.*.criteria.*.related.outcomes.*", "outcome")],
    # The other councils' items that speak to a need point at it, as indicators do.
    "Tool": [("needs.*", "need")],
    "PathwayDocument": [("stages.*.mentions.*.needs.*", "need"),
                        ("definition_mentions.*.needs.*", "need")],
    "TrainingDocument": [("courses.*.needs.*", "need")],
    "Page": [("body.*.sources.*", "source document")],
    "Term": [("explanation.*.sources.*", "source document")],
}


def _walk(data: Any, path: str, location: Location = ()) -> Iterator[tuple[Location, Any]]:
    head, _, rest = path.partition(".")
    if head == "*":
        items = enumerate(data) if isinstance(data, list) else ()
    else:
        items = [(head, data[head])] if isinstance(data, dict) and head in data else ()
    for key, value in items:
        if rest:
            yield from _walk(value, rest, location + (key,))
        else:
            yield location + (key,), value


def _defined(valid: list[Valid]) -> dict[str, dict[str, tuple[str, int]]]:
    """namespace -> id -> (path, line) where the id is first defined."""
    found: dict[str, dict[str, tuple[str, int]]] = {}
    for item in valid:
        for path, namespace in IDS.get(item.raw.kind.__name__, []):
            for location, value in _walk(item.raw.data, path):
                if not isinstance(value, str):
                    continue
                found.setdefault(namespace, {}).setdefault(
                    value, (item.raw.path, item.raw.line_of(location)))
    return found


def _duplicate_ids(valid: list[Valid]) -> Iterator[Problem]:
    first: dict[tuple[str, str], tuple[str, int]] = {}
    for item in valid:
        for path, namespace in IDS.get(type(item.record).__name__, []):
            for location, value in _walk(item.raw.data, path):
                here = (item.raw.path, item.raw.line_of(location))
                if (namespace, value) in first:
                    there = first[(namespace, value)]
                    yield Problem(*here, f"{namespace} '{value}' is defined twice; "
                                  f"first at {there[0]}:{there[1]}",
                                  f"give one of them another {'term' if namespace == 'glossary term' else 'id'}")
                else:
                    first[(namespace, value)] = here


def _unknown_references(valid: list[Valid], failed: list[Valid]) -> Iterator[Problem]:
    """A reference to an id no record defines. An id written in a record that failed its
    schema counts as defined: that record's own problem is the one to fix."""
    defined = _defined(valid)
    for namespace, ids in _defined(failed).items():
        for value, where in ids.items():
            defined.setdefault(namespace, {}).setdefault(value, where)
    for item in valid:
        for path, namespace in REFERENCES.get(type(item.record).__name__, []):
            known = defined.get(namespace, {})
            for location, value in _walk(item.raw.data, path):
                if value in known:
                    continue
                close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.5)
                hint = f"did you mean '{close[0]}'? " if close else ""
                listing = ", ".join(sorted(known)) or "none yet"
                yield Problem(item.raw.path, item.raw.line_of(location),
                              f"{namespace} '{value}' does not exist",
                              f"{hint}known {_plural(namespace)}: {listing}")


def _plural(namespace: str) -> str:
    return namespace[:-1] + "ies" if namespace.endswith("y") else namespace + "s"


# Lists whose order means nothing, so an item written twice is a slip, not emphasis.
SETS: dict[str, list[str]] = {
    "Strategy": ["needs", "ages", "courses", "outcomes", "tools"],
    "Indicator": ["needs"],
    "Synonym": ["needs"],
}


def _repeated_items(valid: list[Valid]) -> Iterator[Problem]:
    for item in valid:
        for name in SETS.get(type(item.record).__name__, []):
            first: dict[Any, int] = {}
            for location, value in _walk(item.raw.data, f"{name}.*"):
                line = item.raw.line_of(location)
                if value in first:
                    yield Problem(item.raw.path, line, f"{name}: '{value}' is listed twice "
                                  f"(first on line {first[value]})", "keep one of them")
                else:
                    first[value] = line


# --- links from the other councils' documents to needs -----------------------------------------

def _squash(text: str) -> str:
    return " ".join(text.split())


def _mentions_not_in_text(valid: list[Valid]) -> Iterator[Problem]:
    """A mention quotes its own record, so a need page shows the council's words only."""
    for item in valid:
        record = item.record
        if not isinstance(record, model.PathwayDocument):
            continue
        places = [(("definition_mentions",), record.definition_mentions, record.definition,
                   "the definition")]
        places += [(("stages", i, "mentions"), stage.mentions,
                    [*stage.paragraphs, *(t for lst in stage.lists for t in (lst.heading, *lst.items))],
                    f"step '{stage.id}'")
                   for i, stage in enumerate(record.stages)]
        for location, mentions, texts, where in places:
            whole = "\n".join(_squash(text) for text in texts)
            for i, mention in enumerate(mentions):
                if _squash(mention.words) not in whole:
                    yield Problem(item.raw.path, item.raw.line_of((*location, i, "words")),
                                  f"words {mention.words!r} are not in {where}",
                                  "copy the words exactly from the paragraphs or lists of "
                                  f"{where}")


def _areas_not_in_list(valid: list[Valid]) -> Iterator[Problem]:
    """An area's needs name a whole item of its descriptor's list, once, so the check can put
    them on that item's box."""
    for item in valid:
        if not isinstance(item.record, model.Level):
            continue
        for d, descriptor in enumerate(item.record.descriptors):
            first: dict[str, int] = {}
            for i, mention in enumerate(descriptor.area_needs):
                where = ("descriptors", d, "area_needs", i, "words")
                line = item.raw.line_of(where)
                if mention.words not in descriptor.items:
                    yield Problem(item.raw.path, line,
                                  f"area {mention.words!r} is not an item of this descriptor's list",
                                  "copy one whole item exactly from the descriptor's 'items'")
                elif mention.words in first:
                    yield Problem(item.raw.path, line,
                                  f"area {mention.words!r} is given needs twice "
                                  f"(first on line {first[mention.words]})",
                                  "put all of its needs in one entry")
                else:
                    first[mention.words] = line


# The words a record's `damage` may quote: those its page shows the note beside.
DAMAGED_TEXTS: dict[type[model.Record], Any] = {
    model.Need: lambda r: [r.council_wording, r.council_note or ""],
    model.Strategy: lambda r: [r.text],
    model.LevelDescriptor: lambda r: [r.text, *r.items],
    model.PathwayStage: lambda r: [*r.paragraphs,
                                   *(t for lst in r.lists for t in (lst.heading, *lst.items))],
    model.Course: lambda r: [r.description, *r.feedback],
    model.TrainingDocument: lambda r: [*r.introduction, *r.further_information],
    model.OutcomesDocument: lambda r: list(r.further_aims),
}


def _damaged(record: Any, location: Location = ()) -> Iterator[tuple[Location, Any]]:
    """(location, record) for the record and every record inside it that has `damage`."""
    if isinstance(record, model.Record):
        if type(record) in DAMAGED_TEXTS and record.damage:
            yield location, record
        for name in type(record).model_fields:
            value = getattr(record, name)
            for index, item in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(item, model.Record):
                    where = (name, index) if isinstance(value, list) else (name,)
                    yield from _damaged(item, (*location, *where))


def _damage_not_in_text(valid: list[Valid]) -> Iterator[Problem]:
    """A note on damaged text quotes the words it is about, so the page can show it there."""
    for item in valid:
        for location, record in _damaged(item.record):
            texts = DAMAGED_TEXTS[type(record)](record)
            for i, damage in enumerate(record.damage):
                # Exactly as written, as the page looks for them to put the note beside them.
                if not any(damage.words in text for text in texts):
                    kind = _name(type(record))
                    yield Problem(item.raw.path, item.raw.line_of((*location, "damage", i, "words")),
                                  f"damaged words {damage.words!r} are not in this {kind}'s text",
                                  f"copy the words exactly from the council's text of this {kind}")


def _tools_without_a_link(valid: list[Valid]) -> Iterator[Problem]:
    """Every tool is reachable from a need or a strategy, or says why not."""
    named = {tool for item in valid if isinstance(item.record, model.Strategy)
             for tool in item.record.tools}
    for item in valid:
        tool = item.record
        if not isinstance(tool, model.Tool):
            continue
        linked = bool(tool.needs) or tool.id in named
        if not linked and not tool.not_linked_because:
            yield Problem(item.raw.path, item.raw.line,
                          f"tool '{tool.id}' is linked from no need or strategy",
                          "list the needs its document names it for under 'needs', name it in a "
                          "strategy's 'tools', or say why not in 'not_linked_because'")


# --- the safeguarding notice's words ---------------------------------------------------------

SAME_WORD_HINT = ("keep one of them: the finder reads every form of a word as one ('cuts', "
                  "'cutting' and 'cut' are one word)")


def _safeguarding_words(valid: list[Valid]) -> Iterator[Problem]:
    """Each entry of content/safeguarding.yaml says something the finder can read, and says
    it once: entries the finder reads as the same words are a slip, a lone short word would
    show the notice for most searches, and a group an entry names must be there, and not
    inside itself."""
    for item in valid:
        if not isinstance(item.record, model.SafeguardingList):
            continue
        groups = {group.name: group.words for group in item.record.groups}
        lists = []
        for g, group in enumerate(item.record.groups):
            lists.append((("groups", g, "words"), group.words, False))
            yield from _group_inside_itself(item.raw, ("groups", g, "name"), group.name, groups)
        for c, concept in enumerate(item.record.concepts):
            where = ("concepts", c)
            if not concept.words and not concept.pairs:
                yield Problem(item.raw.path, item.raw.line_of(where),
                              f"concept '{concept.id}' has no words or pairs, so it never shows "
                              "the notice", "add the words that say it under 'words' or 'pairs'")
            lists.append(((*where, "words"), concept.words, True))
            for i, pair in enumerate(concept.pairs):
                lists += [((*where, "pairs", i, "words"), pair.words, True),
                          ((*where, "pairs", i, "near"), pair.near, True)]
            lists += [((*where, "ordinary", i, "words"), [use.words], False)
                      for i, use in enumerate(concept.ordinary)]
            lists += [((*where, "not_when", i, "words"), [use.words], False)
                      for i, use in enumerate(concept.not_when)]
        for location, entries, alone in lists:
            yield from _entries(item.raw, location, entries, alone, groups)


# A group named in an entry, as safeguarding-match.js finds it.
_GROUP = re.compile(r"(<[^<>]*>)")


def _group_name(part: str) -> str | None:
    return part[1:-1].strip().lower() if _GROUP.fullmatch(part) else None


def _read(entry: str) -> tuple[str, ...]:
    """An entry as the finder reads it: each word's stem, apostrophes left out ("doesn't" is
    "doesnt"), and each group it names as <name>."""
    read: list[str] = []
    for part in _GROUP.split(entry):
        name = _group_name(part)
        if name is not None:
            read.append(f"<{name}>")
            continue
        read += [words.stem(word) for word in (w.replace("'", "") for w in words.cut(part))
                 if word]
    return tuple(read)


def _alone(entry: str, groups: dict[str, list[str]], inside: tuple[str, ...] = ()) -> list[str]:
    """The lone words an entry can be, through the groups it names: a stop word among them
    would show the notice on its own."""
    parts = [part for part in _GROUP.split(entry) if part.strip()]
    if len(parts) != 1:
        return []
    name = _group_name(parts[0])
    if name is None:
        cut = words.cut(parts[0])
        return cut if len(cut) == 1 else []
    if name not in groups or name in inside:
        return []
    return [word for member in groups[name] for word in _alone(member, groups, (*inside, name))]


def _group_inside_itself(raw: RawRecord, location: Location, name: str,
                         groups: dict[str, list[str]]) -> Iterator[Problem]:
    """A group that names itself, directly or through others, would stand for words without
    end."""
    todo = [(name, (name,))]
    while todo:
        here, path = todo.pop()
        for member in groups.get(here, []):
            for part in _GROUP.split(member):
                inner = _group_name(part)
                if inner == name:
                    through = "".join(f", through <{step}>" if i == 0 else f" and <{step}>"
                                      for i, step in enumerate(path[1:]))
                    yield Problem(raw.path, raw.line_of(location),
                                  f"group <{name}> names itself{through}",
                                  "a group cannot stand for itself: write out the words it needs")
                    return
                if inner in groups and inner not in path:
                    todo.append((inner, (*path, inner)))


def _entries(raw: RawRecord, location: Location, entries: list[str], alone: bool,
             groups: dict[str, list[str]]) -> Iterator[Problem]:
    seen: dict[tuple[str, ...], tuple[str, int]] = {}
    field = _field_name(location[2:] if location[0] == "concepts" else location)
    for i, entry in enumerate(entries):
        line = raw.line_of((*location, i) if len(entries) > 1 or alone else location)
        unknown = [name for part in _GROUP.split(entry)
                   if (name := _group_name(part)) is not None and name not in groups]
        for name in unknown:
            close = difflib.get_close_matches(name, list(groups), n=1, cutoff=0.5)
            hint = f"did you mean <{close[0]}>? " if close else ""
            yield Problem(raw.path, line, f"{field}: {entry!r} names <{name}>, which is no "
                          "group of the list", f"{hint}groups: "
                          f"{', '.join(f'<{g}>' for g in groups) or 'none yet'}")
        read = _read(entry)
        if not read:
            yield Problem(raw.path, line, f"{field}: {entry!r} has no word the finder reads",
                          "write it in letters or digits; other scripts and emoji are not read")
            continue
        if alone and any(words.stop_word(word) for word in _alone(entry, groups)):
            yield Problem(raw.path, line, f"{field}: {entry!r} on its own would show the notice "
                          "for most searches", "write the words around it, e.g. 'not to tell'")
        if read in seen:
            first, first_line = seen[read]
            yield Problem(raw.path, line, f"{field}: {entry!r} reads as the same words as "
                          f"{first!r} (line {first_line})", SAME_WORD_HINT)
        else:
            seen[read] = (entry, line)
