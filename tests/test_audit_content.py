"""The self-audit's `related` links, checked like every other reference, and the open data
and schema that describe the audit and a saved copy of it."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from generator import audit_file, export
from generator.build import check


def _break(project: Path, old: str, new: str) -> int:
    audit = project / "content" / "audit.yaml"
    lines = audit.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip() == old)
    lines[index] = lines[index].replace(old, new)
    audit.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


def test_an_unknown_related_strategy_course_or_outcome_names_its_line(project: Path):
    first = _break(project, "strategies: [staff-supervision-and-debrief]",
                   "strategies: [staff-supervison-and-debrief]")
    second = _break(project, "courses: [boxall-profile-workshop]", "courses: [boxall]")
    third = _break(project, "outcomes: [outcome-5]", "outcomes: [outcome-9]")

    _, problems = check(project)

    assert [(p.path, p.line, p.message) for p in problems] == [
        ("content/audit.yaml", first, "strategy 'staff-supervison-and-debrief' does not exist"),
        ("content/audit.yaml", second, "course 'boxall' does not exist"),
        ("content/audit.yaml", third, "outcome 'outcome-9' does not exist"),
    ]
    assert problems[0].hint.startswith(
        "did you mean 'staff-supervision-and-debrief'? known strategies: anti-bullying-work, ")
    assert problems[1].hint == ("known courses: adapting-the-curriculum, adhd, bespoke-inset, "
                                "boxall-profile-workshop, de-escalation")
    assert problems[2].hint == ("did you mean 'outcome-5'? known outcomes: outcome-1, outcome-2, "
                                "outcome-3, outcome-4, outcome-5")


def test_an_unknown_kind_of_related_link_is_reported(project: Path):
    line = _break(project, "strategies: [buddying-and-peer-mentoring]",
                  "tools: [buddying-and-peer-mentoring]")
    _, problems = check(project)
    assert [(p.line, p.message) for p in problems][:1] == [(line, "unknown field 'tools'")]
    assert problems[0].hint == ("fields of a audit related: strategies, courses, outcomes")


def test_the_open_data_names_each_criterion_and_its_related_links(site):
    data = export.audit(site)
    assert data["id"] == audit_file.AUDIT_ID
    first = data["sections"][0]["criteria"][0]
    assert first["id"] == "leadership-and-management-1"
    assert first["url"] == "audit/#leadership-and-management-1"
    assert first["related"] == {"strategies": ["trauma-informed-practice", "whole-setting-wellbeing"],
                                "courses": [], "outcomes": ["outcome-1"]}
    unlinked = data["sections"][4]["criteria"][0]
    assert unlinked["related"] == {"strategies": [], "courses": [], "outcomes": []}


def test_the_schema_accepts_a_saved_copy_and_refuses_one_with_an_unknown_criterion(site):
    schema = audit_file.schema(site)
    jsonschema.Draft202012Validator.check_schema(schema)
    fixture = Path(__file__).parent / "fixtures" / "audit" / "saved-format-1.json"
    copy = {**json.loads(fixture.read_text(encoding="utf-8")), "version": audit_file.FORMAT,
            "sections": {"send": {"rating": "amber", "evidence": "", "next_steps": "Review"}}}
    jsonschema.validate(copy, schema)
    bad = {**copy, "answers": {"send-99": {"rating": "red"}}}
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(bad))
    assert [error.message for error in errors] == [
        f"'send-99' is not one of {audit_file.criterion_ids(site)!r}"]
    # What a browser keeps is the same answers, without the file's kind, format and date.
    kept = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/kept"}
    jsonschema.validate({key: copy[key] for key in ("audit", "answers", "sections")}, kept)


def test_the_evaluated_sentences_are_part_of_the_statements_they_follow(site):
    """In the Essex document "These are evaluated to demonstrate impact ..." comes after the
    examples of the statement before it, and "These" means those examples."""
    data = export.audit(site)
    criteria = {c["id"]: c for s in data["sections"] for c in s["criteria"]}
    for statement in ("pupil-voice-and-engagement-4", "parent-carers-voice-4"):
        assert criteria[statement]["after_examples"].startswith(
            "These are evaluated to demonstrate impact; that it has helped ")
        assert criteria[statement]["examples"]
    assert not [c for c in criteria.values() if c["text"].startswith("These are evaluated")]
    assert "pupil-voice-and-engagement-5" not in criteria
    assert "parent-carers-voice-5" not in criteria
