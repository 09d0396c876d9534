"""The file a school saves from the self-audit page: its identity, and its JSON Schema.

The page reads `KIND`, `FORMAT` and `AUDIT_ID` from attributes the template writes, and the
schema from a data block in the page; the build publishes the same `schema()` at
data/schema/audit.schema.json, so the page, the open data and the tests all take the file's
shape from here.
"""

from __future__ import annotations

from generator.link import Site
from generator.schema_parts import DATE, SCHEMA_DIALECT, record, ref

KIND = "semh-audit"
# The format of the saved file and of the answers kept in the browser. When it changes, add
# a migration from the old format to MIGRATIONS in site_overrides/assets/tools/audit-migrations.js.
# 2: the answers of a section as a whole (`sections`); "These are evaluated to demonstrate
# impact ..." is part of the statement before it, no longer a statement of its own.
FORMAT = 2
# Which audit the answers belong to: the Essex SEMH best-practice self-audit.
AUDIT_ID = "essex-semh-best-practice"
RATINGS = ("red", "amber", "green")


def criterion_ids(site: Site) -> list[str]:
    return [c.id for section in site.audit.sections for c in section.criteria]


def section_ids(site: Site) -> list[str]:
    return [section.id for section in site.audit.sections]


def _answers(ids: list[str], of: str) -> dict:
    return {"type": "object", "description": f"one answer per {of}, by its id",
            "propertyNames": {"enum": ids}, "additionalProperties": ref("answer")}


def schema(site: Site) -> dict:
    answers = _answers(criterion_ids(site), "criterion")
    sections = _answers(section_ids(site), "section rated as a whole")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "A saved copy of the Essex SEMH best-practice self-audit",
        "description": "Saved with \"Save a copy\" on the self-audit page: one answer per "
                       "criterion and per section rated as a whole, keyed by the criterion "
                       "and section ids of data/audit.json. $defs.kept is what a browser "
                       "keeps under the localStorage key semh:audit, as "
                       f"{{\"version\": {FORMAT}, \"data\": kept, \"rev\", \"after\"}}.",
        **record({
            "kind": {"const": KIND},
            "version": {"const": FORMAT},
            "audit": {"const": AUDIT_ID},
            "date": DATE,  # the day the copy was saved
            "answers": answers,
            "sections": sections,
        }),
        "$defs": {
            "answer": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "rating": {"enum": [*RATINGS, None],
                               "description": "null when it is not rated"},
                    "evidence": {"type": "string", "description": "Comments/Evidence"},
                    "next_steps": {"type": "string", "description": "Next Steps"},
                },
            },
            "kept": record({"audit": {"const": AUDIT_ID}, "answers": answers,
                            "sections": sections}),
        },
    }
