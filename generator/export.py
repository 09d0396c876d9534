"""Open data: the JSON and CSV files councils, researchers and the finder read.

The field names here are a published contract (see README.md, "Open data"); add fields,
never rename or remove them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from generator import audit_file
from generator.link import Site
from generator.pages import (AUDIT, LEVELS, OUTCOMES, PATHWAY, SOURCES, TRAINING, hand_page,
                             need_page, strategy_page, url_of)
from generator.render import environment
from generator.schemas_levels import levels_check_schema

# Said for a document whose text states no terms of use: nothing is guessed.
NO_TERMS = "not stated in the source"


def _source(source) -> dict:
    return {"file": source.file, "section": source.section}


def strategies(site: Site) -> list[dict]:
    return [
        {
            "id": s.id,
            "title": s.title,
            "text": s.text,
            "needs": [need.id for need in site.needs_of(s)],
            "for_every_need": s.needs == "all",
            "ages": s.phases,
            # True where the council gives no age, so `ages` is every phase.
            "any_age": s.ages == "any",
            "age_note": s.age_note,
            "tier": s.tier,
            "source": _source(s.source),
            "url": url_of(strategy_page(s.id)),
            "courses": list(s.courses),
            "outcomes": list(s.outcomes),
            "tools": list(s.tools),
            "links": [link.model_dump() for link in s.links],
            # Our notes on where the captured text of `text` is damaged.
            "damage": [damage.model_dump() for damage in s.damage],
        }
        for s in site.strategies
    ]


def needs(site: Site) -> list[dict]:
    return [
        {
            "id": need.id,
            "title": need.title,
            "summary": need.summary,
            "council_wording": need.council_wording,
            "url": url_of(need_page(need.id)),
            "strategies": [s.id for s in site.strategies_for[need.id]],
            "related_strategies": list(need.related_strategies),
            "indicators": [i.text for i in site.indicators_for[need.id]],
            "note": need.note,
            "council_note": need.council_note,
            "source": _source(need.source),
            # What the other councils' documents say about it (see README: how links are judged).
            "practices": [{"outcome": link.outcome.id, "text": link.practice.text}
                          for link in site.practices_for[need.id]],
            "audit_criteria": [link.criterion.id for link in site.criteria_for[need.id]],
            "pathway": [{"step": link.stage.id if link.stage else None,
                         "words": link.mention.words} for link in site.pathway_for[need.id]],
            "tools": [tool.id for tool in site.tools_for[need.id]],
            "courses": [course.id for course in site.courses_for(need.id)],
            "documents": sorted(site.documents_for(need.id)),
            "damage": [damage.model_dump() for damage in need.damage],
        }
        for need in site.needs
    ]


def levels(site: Site) -> list[dict]:
    return [
        {
            "id": level.id,
            "number": level.number,
            "title": level.title,
            "summary": level.summary,
            "descriptors": [d.model_dump() for d in level.descriptors],
            "url": url_of(f"{LEVELS}#level-{level.number}"),
            "source": _source(level.source),
        }
        for level in site.levels
    ]


def outcomes(site: Site) -> dict:
    document = site.outcomes
    return {
        "outcomes": [
            {**outcome.model_dump(), "url": url_of(f"{OUTCOMES}#{outcome.id}")}
            for outcome in document.outcomes
        ],
        "side_headings": [heading.model_dump() for heading in document.side_headings],
        "further_aims": list(document.further_aims),
        "damage": [damage.model_dump() for damage in document.damage],
        "tools": [tool.model_dump() for tool in site.tools],
        "references": [reference.model_dump() for reference in site.references],
    }


def audit(site: Site) -> dict:
    document = site.audit
    return {
        "id": audit_file.AUDIT_ID,
        "columns": [column.model_dump() for column in document.columns],
        "tpp_values": list(document.tpp_values),
        "sections": [
            {**section.model_dump(exclude={"criteria"}),
             "criteria": [{**criterion.model_dump(), "url": url_of(f"{AUDIT}#{criterion.id}")}
                          for criterion in section.criteria],
             "url": url_of(f"{AUDIT}#{section.id}")}
            for section in document.sections
        ],
        "source": _source(document.source),
    }


def courses(site: Site) -> list[dict]:
    return [{**c.model_dump(), "url": url_of(f"{TRAINING}#{c.id}")} for c in site.courses]


def pathway(site: Site) -> dict:
    return {**site.pathway.model_dump(), "url": url_of(PATHWAY)}


def glossary(site: Site) -> list[dict]:
    return [term.model_dump() for term in site.glossary]


def sources(site: Site) -> list[dict]:
    return [
        {
            "file": document.file,
            "council": document.council,
            "title": document.title,
            "short_name": document.short_name,
            "reviewed": document.reviewed.isoformat(),
            "terms": document.terms or NO_TERMS,
            "url": url_of(f"{SOURCES}#doc-{document.file[:3]}"),
        }
        for document in site.sources
    ]


def pages(site: Site) -> list[dict]:
    """The hand-written pages' review dates; a generated page's is that of its sources."""
    return [
        {"id": page.id, "title": page.title, "url": url_of(hand_page(page.id)),
         "reviewed": page.reviewed.isoformat()}
        for page in site.pages.values()
    ]


CSV_FIELDS = ["id", "title", "text", "needs", "ages", "tier", "source_file", "source_section",
              "url", "any_age"]


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, "CSV
# Injection"); a leading ' makes it plain text and the spreadsheet hides the quote.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def strategies_csv(site: Site) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in strategies(site):
        cells = {
            **{key: row[key] for key in ("id", "title", "text", "tier", "url")},
            "needs": " ".join(row["needs"]),
            "ages": " ".join(row["ages"]),
            "source_file": row["source"]["file"],
            "source_section": row["source"]["section"],
            "any_age": "yes" if row["any_age"] else "no",
        }
        writer.writerow({key: _cell(value) for key, value in cells.items()})
    return out.getvalue()


JSON_FILES = (("strategies", strategies), ("needs", needs), ("levels", levels),
              ("outcomes", outcomes), ("audit", audit), ("courses", courses),
              ("pathway", pathway), ("glossary", glossary), ("sources", sources),
              ("pages", pages))

# The files of one document, written only where the council's site shows it (choose.py).
SHOWN_IF = {"levels": lambda site: bool(site.levels), "outcomes": lambda site: site.outcomes,
            "audit": lambda site: site.audit, "courses": lambda site: site.training,
            "pathway": lambda site: site.pathway}


def files(site: Site) -> Iterator[tuple[str, str]]:
    """(path under the site root, text) for every open data file, then the data package
    that describes them and the README with the terms of use."""
    tables = {name: make(site) for name, make in JSON_FILES
              if SHOWN_IF.get(name, lambda site: True)(site)}
    for name, data in tables.items():
        yield f"data/{name}.json", json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    yield "data/strategies.csv", strategies_csv(site)
    if site.audit:
        yield ("data/schema/audit.schema.json",
               json.dumps(audit_file.schema(site), ensure_ascii=False, indent=1) + "\n")
    if site.levels:
        yield ("data/schema/levels-check.schema.json",
               json.dumps(levels_check_schema(), ensure_ascii=False, indent=1) + "\n")
    package = datapackage(site, tables)
    yield "data/datapackage.json", json.dumps(package, ensure_ascii=False, indent=1) + "\n"
    yield "data/README.txt", environment().get_template("data_readme.txt.j2").render(
        site=site, package=package, no_terms=NO_TERMS)


# --- the Frictionless Data Package (datapackage.json) -------------------------------------

_JSON_TYPES = ((bool, "boolean"), (int, "integer"), (float, "number"), (str, "string"),
               (list, "array"), (dict, "object"))


def _type(values: list) -> str:
    """The Table Schema type of a field's values; "any" when they are null or of several."""
    found = {next(name for kind, name in _JSON_TYPES if isinstance(value, kind))
             for value in values if value is not None}
    return found.pop() if len(found) == 1 else "any"


def _fields(records: list[dict]) -> list[dict]:
    return [{"name": name, "type": _type([record[name] for record in records])}
            for name in records[0]]


def _cited(site: Site, data) -> list[str]:
    """The source documents a file names, in the order of content/sources.yaml."""
    names: set[str] = set()

    def walk(value) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value in site.source:
            names.add(value)

    walk(data)
    return [document.file for document in site.sources if document.file in names]


def _source_entry(site: Site, file: str) -> dict:
    document = site.source[file]
    return {"title": f"{document.council}: {document.title}", "file": file,
            "terms": document.terms or NO_TERMS}


DESCRIPTIONS = {
    "strategies": "every strategy and general expected practice, in the council's words, "
                  "with the needs, ages and tier it is for",
    "needs": "the needs the site is organised around, with their strategies and indicators",
    "levels": "the levels of need 0 to 4 with every descriptor and sub-list",
    "outcomes": "one object: the Hertfordshire outcomes and their practices, the side "
                "headings, further aims, tools and reference links",
    "audit": "one object: the Essex self-audit's answer columns, TPP values, sections and "
             "criteria",
    "courses": "the Sevenoaks training courses",
    "pathway": "one object: the Kent route to specialist help, stage by stage",
    "glossary": "every abbreviation with its expansion and explanation",
    "sources": "the councils' documents, each with the day the site's records from it were "
               "last reviewed and the terms of use it states",
    "pages": "the hand-written pages and the day each was last reviewed",
}


CONTENTS = (("strategies", "strategies"), ("needs", "needs"), ("levels", "levels of need"),
            ("outcomes", "outcomes"), ("audit", "the self-audit"), ("courses", "training"),
            ("glossary", "the glossary"))


def _contents(tables: dict) -> str:
    """What the package holds, in words, e.g. "strategies, needs and the glossary"."""
    words = [text for name, text in CONTENTS if name in tables]
    return ", ".join(words[:-1]) + " and " + words[-1]


def datapackage(site: Site, tables: dict[str, list | dict]) -> dict:
    """Describes each file from the data written to it, so the two cannot disagree. A file
    that is one object has that object's keys as its fields."""
    resources = []
    for name, data in tables.items():
        resources.append({
            "name": name,
            "path": f"{name}.json",
            "format": "json",
            "mediatype": "application/json",
            "encoding": "utf-8",
            "description": DESCRIPTIONS[name],
            "schema": {"fields": _fields(data if isinstance(data, list) else [data])},
            "sources": [_source_entry(site, file) for file in _cited(site, data)],
        })
    resources.append({
        "name": "strategies-csv",
        "path": "strategies.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": "the strategies of strategies.json, one row each; lists are "
                       "space-separated",
        "schema": {"fields": [{"name": name, "type": "string"} for name in CSV_FIELDS]},
        "sources": [_source_entry(site, file) for file in _cited(site, tables["strategies"])],
    })
    licence = site.terms
    return {
        "profile": "data-package",
        "name": "semh-strategy-finder",
        "title": "SEMH strategy finder: open data",
        "description": "Councils' guidance on children's social, emotional and mental health: "
                       f"{_contents(tables)}. See README.txt for the terms of use.",
        "licenses": [{"name": licence.licence_id, "title": licence.licence,
                      "path": licence.licence_url}],
        "sources": [_source_entry(site, document.file) for document in site.sources],
        "resources": resources,
    }
