"""The open data files: their fields are a contract councils and the finder rely on."""

from __future__ import annotations

import csv
import json
from pathlib import Path


def load(built_site: Path, name: str):
    return json.loads((built_site / "data" / name).read_text(encoding="utf-8"))


def test_strategies_json_has_every_strategy_with_the_contract_fields(built_site, site):
    strategies = load(built_site, "strategies.json")
    assert [s["id"] for s in strategies] == [s.id for s in site.strategies]
    for record in strategies:
        assert {"id", "title", "text", "needs", "ages", "tier", "source", "url"} <= set(record)
        assert set(record["source"]) == {"file", "section"}
        assert record["needs"] and record["ages"]
        # url is relative to the site root and leads to a real page
        assert not record["url"].startswith("/")
        assert (built_site / record["url"] / "index.html").is_file(), record["url"]


def test_general_practices_list_every_need(built_site, site):
    strategies = load(built_site, "strategies.json")
    every = [need.id for need in site.needs]
    general = [s for s in strategies if s["for_every_need"]]
    assert len(general) == 15
    assert all(s["needs"] == every for s in general)


def test_needs_json_links_needs_to_their_strategies(built_site, site):
    needs = load(built_site, "needs.json")
    assert [n["id"] for n in needs] == [n.id for n in site.needs]
    by_id = {n["id"]: n for n in needs}
    for need in needs:
        assert {"id", "title", "summary", "url", "strategies"} <= set(need)
        assert (built_site / need["url"] / "index.html").is_file()
    assert by_id["non-attendance"]["strategies"] == []
    assert len(by_id["behaviours-that-challenge"]["strategies"]) == 17


def test_levels_outcomes_audit_and_courses_are_complete(built_site, site):
    levels = load(built_site, "levels.json")
    assert [level["number"] for level in levels] == [0, 1, 2, 3, 4]
    assert sum(len(level["descriptors"]) for level in levels) == 49
    outcomes = load(built_site, "outcomes.json")
    assert [len(o["practices"]) for o in outcomes["outcomes"]] == [
        len(o.practices) for o in site.outcomes.outcomes]
    audit = load(built_site, "audit.json")
    assert len(audit["sections"]) == 9
    assert sum(len(s["criteria"]) for s in audit["sections"]) == 57
    assert [c["id"] for c in audit["columns"]] == ["rag", "comments-evidence", "next-steps"]
    courses = load(built_site, "courses.json")
    assert [c["id"] for c in courses] == ["de-escalation", "boxall-profile-workshop", "adhd",
                                          "adapting-the-curriculum", "bespoke-inset"]


def test_strategies_csv_matches_the_json(built_site):
    strategies = load(built_site, "strategies.json")
    with (built_site / "data" / "strategies.csv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["id"] for row in rows] == [s["id"] for s in strategies]
    first = strategies[0]
    assert rows[0]["text"] == first["text"]
    assert rows[0]["needs"].split() == first["needs"]
    assert rows[0]["source_file"] == first["source"]["file"]


def test_pathway_and_glossary_are_published(built_site, site):
    pathway = load(built_site, "pathway.json")
    assert [stage["id"] for stage in pathway["stages"]] == [s.id for s in site.pathway.stages]
    glossary = load(built_site, "glossary.json")
    assert {"SEMH", "EBSA", "ELSA"} <= {term["term"] for term in glossary}
