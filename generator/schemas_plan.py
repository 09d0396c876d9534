"""The JSON Schema of the support plans: the file "Save a copy" writes on /plan/, and what a
browser keeps under "semh:plan" (`$defs.kept`).

This is the source of truth for both shapes: the build publishes it at
data/schema/plan.schema.json and puts it in the pages that change a plan, which check every
file and stored value against it before changing anything; the tests check what the page
saves against it too. site_overrides/assets/plan-store.js writes and reads the same shape;
change both together and raise VERSION, with a migration in plan-store.js from the old format.
"""

from __future__ import annotations

from generator.schema_parts import (DATE_OR_EMPTY, ID, SCHEMA_DIALECT, TEXT, record, ref,
                                    whole)

KIND = "semh-plan"
VERSION = 1

# The Kent pathway's next steps after a review (content/pathway.yaml, stage "review").
NEXT_STEPS = ["keep-going", "change-plan", "drop-in-or-lift", "other-professionals",
              "multi-agency", "close"]

TARGET = record({
    "target": TEXT,  # what should change
    "school": TEXT,  # school will help by
    "home": TEXT,  # at home
    "child": TEXT,  # the child will
    "who": TEXT,
    "how_often": TEXT,
    "review_date": ref("date"),
})

LEVEL_CHECK = record({
    # The level the ticks point to, or null when they meet no level's rule.
    "level": {"type": ["integer", "null"], "minimum": 0, "maximum": 4},
    "saved_on": ref("date"),
    "descriptors": {"type": "array", "items": record({
        "id": {"type": "string", "pattern": whole("level-[0-4]/[0-9]+"),
               "description": "a descriptor's place, such as level-2/0"},
        "text": TEXT,
        "areas": {"type": "array", "items": TEXT},  # the sub-list items ticked under it
    })},
})

PLAN = record({
    "id": ref("id"),
    "name": TEXT,  # what the school calls this plan in the list of plans
    "initials": TEXT,  # initials or a nickname only
    "strengths": TEXT,
    "child_says": TEXT,
    "parents_say": TEXT,
    "needs": {"type": "array", "items": ref("id"), "uniqueItems": True},
    "need_notes": TEXT,
    "level_check": {"oneOf": [{"type": "null"}, ref("level_check")]},
    "targets": {"type": "array", "items": ref("target")},
    "strategies": {"type": "array", "items": ref("id"), "uniqueItems": True},
    "do_started": ref("date"),
    "do_notes": TEXT,
    "review_worked": TEXT,
    "review_next": {"enum": ["", *NEXT_STEPS]},
    "parents_agreed": {"type": "boolean"},
    "review_notes": TEXT,
})


def plan_schema() -> dict:
    """The schema of a saved copy: the plan (or plans) it holds and which one was open; and
    in `$defs.kept`, what the browser keeps: every plan, and the one last open."""
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "A support plan saved from the SEMH strategy finder",
        "description": "Made by the Save a copy button on /plan/; opened again by Open a "
                       "saved copy. $defs.kept is what a browser keeps under the "
                       "localStorage key semh:plan, as {\"version\": 1, \"data\": kept, \"rev\", \"after\"}.",
        **record({
            "kind": {"const": KIND},
            "version": {"const": VERSION},
            "saved_on": ref("date"),
            "current": ref("id"),
            "plans": {"type": "array", "items": ref("plan"), "minItems": 1},
        }, required=["kind", "version", "current", "plans"]),
        "$defs": {
            "id": ID,
            "date": DATE_OR_EMPTY,
            "target": TARGET,
            "level_check": LEVEL_CHECK,
            "plan": PLAN,
            "kept": record({
                "current": ref("id"),
                "plans": {"type": "array", "items": ref("plan")},
            }),
        },
    }
