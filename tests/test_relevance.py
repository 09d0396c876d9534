"""The queries of finder_queries.yaml, which say what people really type and which needs a
good answer addresses, are many and name needs the site has. tests/js/finder-ranking.test.js
runs each through the finder's own modules and prints how many find a strategy for their
need in the top five."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

QUERIES = Path(__file__).with_name("finder_queries.yaml")


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def strategies_of_need(built_site: Path) -> dict[str, set[str]]:
    """Need id -> the strategies its page offers: its own and its related ones."""
    needs = json.loads((built_site / "data" / "needs.json").read_text(encoding="utf-8"))
    return {need["id"]: {*need["strategies"], *need["related_strategies"]} for need in needs}


def test_the_query_set_is_big_and_names_real_needs(built_site):
    queries = load_queries()
    known = strategies_of_need(built_site)
    assert len(queries) >= 60
    for entry in queries:
        assert entry["query"].strip() and entry["needs"], entry
        assert set(entry["needs"]) <= set(known), entry
