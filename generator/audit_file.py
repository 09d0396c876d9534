"""The file a school saves from the self-audit page: its identity, and its JSON Schema.

The page reads `KIND`, `FORMAT` and `AUDIT_ID` from attributes the template writes, and the
build publishes `schema()` at data/schema/audit.schema.json, so the page, the open data and
the tests all take the file's shape from here.
"""

from __future__ import annotations

from generator.link import Site

KIND = "semh-audit"
# The format of the saved file and of the answers kept in the browser. When it changes, add
# a migration from the old format to site_overrides/assets/audit.js.
FORMAT = 1
# Which audit the answers belong to: the Essex SEMH best-practice self-audit.
AUDIT_ID = "essex-semh-best-practice"
RATINGS = ("red", "amber", "green")


def criterion_ids(site: Site) -> list[str]:
    return [c.id for section in site.audit.sections for c in section.criteria]


def schema(site: Site) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A saved copy of the Essex SEMH best-practice self-audit",
        "description": "Saved with \"Save a copy\" on the self-audit page: one answer per "
                       "criterion, keyed by the criterion ids of data/audit.json.",
        "type": "object",
        "required": ["kind", "version", "audit", "date", "answers"],
        "additionalProperties": False,
        "properties": {
            "kind": {"const": KIND},
            "version": {"const": FORMAT},
            "audit": {"const": AUDIT_ID},
            "date": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$",
                     "description": "the day the copy was saved, YYYY-MM-DD"},
            "answers": {
                "type": "object",
                "propertyNames": {"enum": criterion_ids(site)},
                "additionalProperties": {"$ref": "#/$defs/answer"},
            },
        },
        "$defs": {
            "answer": {
                "type": "object",
                "additionalProperties": False,
                "properties": {
                    "rating": {"enum": [*RATINGS, None],
                               "description": "null when the criterion is not rated"},
                    "evidence": {"type": "string", "description": "Comments/Evidence"},
                    "next_steps": {"type": "string", "description": "Next Steps"},
                },
            },
        },
    }
