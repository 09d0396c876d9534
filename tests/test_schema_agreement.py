"""The schemas the pages check against, read by both checkers: the browser's own
(site_overrides/assets/json-schema.js, run here in Node) and Python's jsonschema must accept
and refuse the same values, and point at the same places. The corrupt values include each
one found to break a page or slip through before the pages checked against the schemas."""

from __future__ import annotations

import json
import subprocess

import jsonschema
import pytest

from conftest import ROOT
from generator import audit_file
from generator.schemas_levels import levels_check_schema
from generator.schemas_plan import plan_schema

CHECKER = (ROOT / "site_overrides" / "assets" / "json-schema.js").as_uri()

# Every case's problems' paths, as the browser's checker finds them.
NODE = f"""
import {{ problems }} from "{CHECKER}";
let input = "";
for await (const chunk of process.stdin) input += chunk;
const cases = JSON.parse(input);
process.stdout.write(JSON.stringify(cases.map(({{ schema, at, value }}) =>
  problems(schema, value, {{ at }}).map((problem) => problem.path))));
"""


def a_plan(**fields) -> dict:
    plan = {"id": "plan-1", "name": "Spring, JB", "initials": "JB", "strengths": "Drawing",
            "child_says": "", "parents_say": "", "needs": ["unhappy-or-stressed"],
            "need_notes": "", "level_check": None,
            "targets": [{"target": "Settle", "school": "", "home": "", "child": "", "who": "",
                         "how_often": "", "review_date": "2026-09-01"}],
            "strategies": ["key-adult-and-pace"], "do_started": "", "do_notes": "",
            "review_worked": "", "review_next": "keep-going", "parents_agreed": False,
            "review_notes": ""}
    return {**plan, **fields}


def plan_file(plans: list, **fields) -> dict:
    return {"kind": "semh-plan", "version": 1, "saved_on": "2026-05-01", "current": "plan-1",
            "plans": plans, **fields}


CHECK = {"level": 2, "saved_on": "2026-05-01",
         "descriptors": [{"id": "level-2/0", "text": "Significant", "areas": ["friendships"]}]}

# (what it is, schema, where in it, value, whether it fits)
PLAN_CASES = [
    ("a saved plan", "#", plan_file([a_plan()]), True),
    ("a plan with a level-of-need check", "#", plan_file([a_plan(level_check=CHECK)]), True),
    ("an older copy without saved_on", "#",
     {k: v for k, v in plan_file([a_plan()]).items() if k != "saved_on"}, True),
    ("a level-of-need check with an empty descriptor", "#",
     plan_file([a_plan(level_check={"descriptors": [{}]})]), False),
    ("no plans", "#", plan_file([]), False),
    ("plans that are not a list", "#", plan_file("plan-1"), False),
    ("a field this site does not know", "#", plan_file([a_plan(constructor="x")]), False),
    ("a need twice", "#", plan_file([a_plan(needs=["a", "a"])]), False),
    ("a level of 5", "#", plan_file([a_plan(level_check={**CHECK, "level": 5})]), False),
    ("a level of 1.5", "#", plan_file([a_plan(level_check={**CHECK, "level": 1.5})]), False),
    ("a next step the pathway does not have", "#", plan_file([a_plan(review_next="maybe")]), False),
    ("yes or no as text", "#", plan_file([a_plan(parents_agreed="yes")]), False),
    ("an id ending in a newline", "#", plan_file([a_plan(id="plan-1\n")]), False),
    ("a date in other digits", "#", plan_file([a_plan(do_started="٢٠٢٦-٠٥-٠١")]), False),
    ("a date with a newline after it", "#", plan_file([a_plan(do_started="2026-05-01\n")]), False),
    ("another tool's file", "#", {**plan_file([a_plan()]), "kind": "semh-audit"}, False),
    ("what a browser keeps", "#/$defs/kept", {"current": "plan-1", "plans": [a_plan()]}, True),
    ("kept, with no plans", "#/$defs/kept", {"current": "plan-1", "plans": []}, True),
    ("kept, with a broken level-of-need check", "#/$defs/kept",
     {"current": "plan-1", "plans": [a_plan(level_check={"descriptors": [{}]})]}, False),
    ("kept, with a target that is not one", "#/$defs/kept",
     {"current": "plan-1", "plans": [a_plan(targets=[None])]}, False),
]

LEVELS_CASES = [
    ("ticks", "#", {"descriptors": ["level-1/0", "level-2/0"], "areas": ["level-1/0/3"]}, True),
    ("no ticks", "#/$defs/kept", {"descriptors": [], "areas": []}, True),
    ("descriptors that are not a list", "#", {"descriptors": 5, "areas": []}, False),
    ("an area named in words", "#", {"descriptors": [], "areas": ["friendships"]}, False),
    ("a level of 7", "#", {"descriptors": ["level-7/0"], "areas": []}, False),
    ("a tick twice", "#", {"descriptors": ["level-1/0", "level-1/0"], "areas": []}, False),
    ("no areas", "#", {"descriptors": []}, False),
]


def audit_cases() -> list[tuple]:
    def copy(answers: dict, sections: dict | None = None, **fields) -> dict:
        return {"kind": "semh-audit", "version": audit_file.FORMAT, "audit": audit_file.AUDIT_ID,
                "date": "2026-03-01", "answers": answers, "sections": sections or {}, **fields}

    answer = {"rating": "amber", "evidence": "Survey in May", "next_steps": ""}
    kept = {"audit": audit_file.AUDIT_ID, "answers": {"send-1": answer}, "sections": {}}
    return [
        ("a saved copy", "#", copy({"send-1": answer}, {"send": {"rating": None}}), True),
        ("an empty copy", "#", copy({}), True),
        ("a prototype's name as a rating", "#", copy({"send-1": {"rating": "constructor"}}), False),
        ("toString as a section's rating", "#", copy({}, {"send": {"rating": "toString"}}), False),
        ("toString as a criterion", "#", copy({"toString": answer}), False),
        ("__proto__ as a criterion", "#", json.loads(json.dumps(copy({"__proto__": answer}))),
         False),
        ("constructor as a section", "#", copy({}, {"constructor": answer}), False),
        ("a statement that is no longer one", "#",
         copy({"pupil-voice-and-engagement-5": answer}), False),
        ("notes that are a list", "#", copy({"send-1": {"evidence": ["a"]}}), False),
        ("no sections", "#", {k: v for k, v in copy({}).items() if k != "sections"}, False),
        ("format 1", "#", copy({}, version=1), False),
        ("what a browser keeps", "#/$defs/kept", kept, True),
        ("kept, with a rating of purple", "#/$defs/kept",
         {**kept, "answers": {"send-1": {"rating": "purple"}}}, False),
        ("kept, without the audit's id", "#/$defs/kept",
         {k: v for k, v in kept.items() if k != "audit"}, False),
    ]


def node_paths(cases: list[dict]) -> list[list[list]]:
    result = subprocess.run(["node", "--input-type=module", "-e", NODE], input=json.dumps(cases),
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout)


def python_paths(schema: dict, at: str, value) -> list[list]:
    if at != "#":
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": at}
    validator = jsonschema.Draft202012Validator(schema)
    return [list(error.absolute_path) for error in validator.iter_errors(value)]


@pytest.fixture(scope="module")
def cases(site) -> list[tuple]:
    schemas = {"plan": plan_schema(), "levels-check": levels_check_schema(),
               "audit": audit_file.schema(site)}
    return ([("plan", *case) for case in PLAN_CASES]
            + [("levels-check", *case) for case in LEVELS_CASES]
            + [("audit", *case) for case in audit_cases()]), schemas


def test_each_schema_is_valid_json_schema(cases):
    _, schemas = cases
    for schema in schemas.values():
        jsonschema.Draft202012Validator.check_schema(schema)


def test_both_checkers_accept_and_refuse_the_same_values_at_the_same_places(cases):
    found, schemas = cases
    in_node = node_paths([{"schema": schemas[name], "at": at, "value": value}
                          for name, _, at, value, _ in found])
    disagree = []
    for (name, what, at, value, fits), js in zip(found, in_node):
        py = python_paths(schemas[name], at, value)
        # Each checker's problems lie where the other's do: one may name the field inside
        # the part the other names (a oneOf, say), never somewhere else.
        places_agree = (all(any(j[:len(p)] == p for j in js) for p in py)
                        and all(any(j[:len(p)] == p for p in py) for j in js))
        if (not js) != fits or (not py) != fits or not places_agree:
            disagree.append((name, what, {"node": js, "python": py}))
    assert disagree == []
