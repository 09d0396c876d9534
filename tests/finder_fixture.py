"""What the Node tests of the finder read, as JSON on standard output: the real content's
finder data as the build writes it, in one file and in pieces, lunr.js as the site sends it,
lunr.py's own indexes, the names the finder's filters show, the open data's strategies and
needs, and the queries of tests/finder_queries.yaml. Node has no YAML reader and no lunr.py
of its own, so tests/js/finder-support.js runs this with the project's Python."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import yaml

from generator import export, index, shards
from generator.build import check
from generator.render import PHASE_LABELS, TIER_LABELS

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).with_name("finder_queries.yaml")


def in_folder(files: dict[str, str]) -> dict[str, object]:
    """The finder's data files, by their path in the finder's folder."""
    return {path.removeprefix(index.FOLDER + "/"): json.loads(text)
            for path, text in files.items() if path != index.LUNR_JS}


def fixture(root: Path = ROOT) -> dict:
    site, problems = check(root)
    if problems:
        raise SystemExit("\n".join(str(problem) for problem in problems))
    one_file = dict(shards.files(site, split_above_kb=math.inf))
    return {
        "lunr": one_file[index.LUNR_JS],
        "oneFile": in_folder(one_file),
        "inPieces": in_folder(dict(shards.files(site, split_above_kb=0))),
        "lunrPy": {"strategy": index.strategy_builder(site).build().serialize(),
                   "need": index.need_builder(site).build().serialize()},
        # As the finder's filters name them (generator/templates/finder.md.j2).
        "labels": {"need": {need.id: need.title for need in site.needs},
                   "age": PHASE_LABELS, "tier": TIER_LABELS},
        "strategies": export.strategies(site),
        "needs": export.needs(site),
        "queries": yaml.safe_load(QUERIES.read_text(encoding="utf-8")),
    }


if __name__ == "__main__":
    sys.stdout.write(json.dumps(fixture(), ensure_ascii=False))
