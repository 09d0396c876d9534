"""The JSON Schema of a saved support plan (the file "Save a copy" writes on /plan/).

This is the source of truth for the file's shape: the build publishes it at
data/schema/plan.schema.json, and the tests check the files the page saves against it.
site_overrides/assets/plan-store.js writes and reads the same shape; change both together
and raise VERSION, with a migration in plan-store.js from the old format.
"""

from __future__ import annotations

KIND = "semh-plan"
VERSION = 1

_TEXT = {"type": "string"}
_ID = {"type": "string", "pattern": "^[a-z0-9]+(?:-[a-z0-9]+)*$"}
# "" when no date is given; a date input's value (YYYY-MM-DD) otherwise.
_DATE = {"type": "string", "pattern": "^(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?$"}

# The Kent pathway's next steps after a review (content/pathway.yaml, stage "review").
NEXT_STEPS = ["keep-going", "change-plan", "drop-in-or-lift", "other-professionals",
              "multi-agency", "close"]


def _record(properties: dict, required: list[str] | None = None) -> dict:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required,
            "additionalProperties": False}


TARGET = _record({
    "target": _TEXT,  # what should change
    "school": _TEXT,  # school will help by
    "home": _TEXT,  # at home
    "child": _TEXT,  # the child will
    "who": _TEXT,
    "how_often": _TEXT,
    "review_date": _DATE,
})

LEVEL_CHECK = _record({
    # The level the ticks point to, or null when they meet no level's rule.
    "level": {"type": ["integer", "null"], "minimum": 0, "maximum": 4},
    "saved_on": _DATE,
    "descriptors": {"type": "array", "items": _record({
        "id": {"type": "string", "pattern": "^level-[0-4]/[0-9]+$"},
        "text": _TEXT,
        "areas": {"type": "array", "items": _TEXT},  # the sub-list items ticked under it
    })},
})

PLAN = _record({
    "id": _ID,
    "name": _TEXT,  # what the school calls this plan in the list of plans
    "initials": _TEXT,  # initials or a nickname only
    "strengths": _TEXT,
    "child_says": _TEXT,
    "parents_say": _TEXT,
    "needs": {"type": "array", "items": _ID, "uniqueItems": True},
    "need_notes": _TEXT,
    "level_check": {"oneOf": [{"type": "null"}, LEVEL_CHECK]},
    "targets": {"type": "array", "items": TARGET},
    "strategies": {"type": "array", "items": _ID, "uniqueItems": True},
    "do_started": _DATE,
    "do_notes": _TEXT,
    "review_worked": _TEXT,
    "review_next": {"enum": ["", *NEXT_STEPS]},
    "parents_agreed": {"type": "boolean"},
    "review_notes": _TEXT,
})


def plan_schema() -> dict:
    """The schema of a saved copy: the plan (or plans) it holds and which one was open."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "A support plan saved from the SEMH strategy finder",
        "description": "Made by the Save a copy button on /plan/; opened again by Open a saved copy.",
        **_record({
            "kind": {"const": KIND},
            "version": {"const": VERSION},
            "saved_on": _DATE,
            "current": _ID,
            "plans": {"type": "array", "items": PLAN, "minItems": 1},
        }),
    }
