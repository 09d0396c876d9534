"""Open data: the JSON and CSV files councils, researchers and the finder read.

The field names here are a published contract (see README.md, "Open data"); add fields,
never rename or remove them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator

from generator.link import Site
from generator.pages import (AUDIT, LEVELS, OUTCOMES, PATHWAY, TRAINING, need_page,
                             strategy_page, url_of)


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
        "tools": [tool.model_dump() for tool in site.tools],
        "references": [reference.model_dump() for reference in site.references],
    }


def audit(site: Site) -> dict:
    document = site.audit
    return {
        "columns": [column.model_dump() for column in document.columns],
        "tpp_values": list(document.tpp_values),
        "sections": [
            {**section.model_dump(), "url": url_of(f"{AUDIT}#{section.id}")}
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


def files(site: Site) -> Iterator[tuple[str, str]]:
    """(path under the site root, text) for every open data file."""
    for name, make in (("strategies", strategies), ("needs", needs), ("levels", levels),
                       ("outcomes", outcomes), ("audit", audit), ("courses", courses),
                       ("pathway", pathway), ("glossary", glossary)):
        yield f"data/{name}.json", json.dumps(make(site), ensure_ascii=False, indent=1) + "\n"
    yield "data/strategies.csv", strategies_csv(site)
