"""What the support plan page reads: the strategies' display fields, and the plan file's
JSON Schema published as open data."""

from __future__ import annotations

import json
from collections.abc import Iterator

from generator.link import Site
from generator.pages import PLAN, strategy_page, url_of
from generator.schemas_plan import plan_schema

FOLDER = PLAN.rpartition("/")[0]
DATA = f"{FOLDER}/plan-data.json"
SCHEMA = "data/schema/plan.schema.json"


def plan_data(site: Site) -> dict:
    """Each strategy as a plan shows it: our title, the council's words and where they are
    from. Needs by id, so a plan can name the needs it is about."""
    return {
        "strategies": {
            s.id: {
                "title": s.title,
                "text": s.text,
                "source": f"{site.source[s.source.file].short_name}, “{s.source.section}”",
                "url": url_of(strategy_page(s.id)),
            }
            for s in site.strategies
        },
        "needs": {need.id: need.title for need in site.needs},
    }


def files(site: Site) -> Iterator[tuple[str, str]]:
    yield DATA, json.dumps(plan_data(site), ensure_ascii=False, separators=(",", ":")) + "\n"
    yield SCHEMA, json.dumps(plan_schema(), ensure_ascii=False, indent=1) + "\n"
