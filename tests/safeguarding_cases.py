"""What the Node tests of the safeguarding matcher read, as JSON on standard output: the list
as the finder's page carries it, every example of content/safeguarding.yaml with its line,
and the labelled searches of tests/safeguarding_queries.yaml. Node has no YAML reader of
its own, so tests/js/support.js runs this with the project's Python."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

from generator import model
from generator.load import load

ROOT = Path(__file__).resolve().parent.parent
LIST = "content/safeguarding.yaml"
QUERIES = Path(__file__).with_name("safeguarding_queries.yaml")


def cases(root: Path = ROOT) -> dict:
    loaded = load(root)
    raw = next(record for record in loaded.records if record.path == LIST)
    listed = model.SafeguardingList.model_validate(raw.data)
    examples = []
    for c, concept in enumerate(listed.concepts):
        here = ("concepts", c)
        examples += [{"concept": concept.id, "text": text, "shows": True,
                      "line": raw.line_of((*here, "examples", i))}
                     for i, text in enumerate(concept.examples)]
        examples += [{"concept": concept.id, "text": pair.example, "shows": True,
                      "line": raw.line_of((*here, "pairs", i, "example"))}
                     for i, pair in enumerate(concept.pairs)]
        examples += [{"concept": concept.id, "text": use.example, "shows": False,
                      "line": raw.line_of((*here, "ordinary", i, "example"))}
                     for i, use in enumerate(concept.ordinary)]
        examples += [{"concept": concept.id, "text": use.example, "shows": False,
                      "line": raw.line_of((*here, "not_when", i, "example"))}
                     for i, use in enumerate(concept.not_when)]
    return {"path": LIST, "list": listed.matcher_data(), "examples": examples,
            "categories": list(model.SAFEGUARDING_CATEGORIES),
            "queries": yaml.safe_load(QUERIES.read_text(encoding="utf-8"))}


if __name__ == "__main__":
    sys.stdout.write(json.dumps(cases(), ensure_ascii=False))
