"""What the support plan page reads: the display fields of the strategies a plan holds, in
pieces, and the plan file's JSON Schema published as open data.

A plan holds a handful of strategies out of all the site's, so the page fetches only the
pieces that hold them. A strategy's piece is the last byte of the 32-bit FNV-1a hash of its
id's UTF-8 bytes; plan-strategies.js works it out the same way. The number of pieces is
fixed, so the page needs no list of them: at 10,000 strategies a piece holds about 40
(a few kilobytes gzipped), and a plan of five strategies fetches five pieces at most rather
than every strategy on the site."""

from __future__ import annotations

import json
from collections.abc import Iterator

from generator.link import Site
from generator.pages import PLAN, strategy_page, url_of
from generator.schemas_plan import plan_schema

FOLDER = PLAN.rpartition("/")[0]
PIECES = f"{FOLDER}/strategies"
PIECE_COUNT = 256
SCHEMA = "data/schema/plan.schema.json"


def piece_of(strategy_id: str) -> int:
    """Which piece holds the strategy: as pieceOf() in plan-strategies.js."""
    number = 0x811C9DC5
    for byte in strategy_id.encode("utf-8"):
        number = ((number ^ byte) * 0x01000193) & 0xFFFFFFFF
    return number % PIECE_COUNT


def pieces(site: Site) -> list[dict[str, dict]]:
    """Each strategy as a plan shows it (our title, the council's words and where they are
    from), by id, in its piece. Every piece is written, an empty one too, so that the page
    never asks for a file that is not there."""
    out: list[dict[str, dict]] = [{} for _ in range(PIECE_COUNT)]
    for s in site.strategies:
        out[piece_of(s.id)][s.id] = {
            "title": s.title,
            "text": s.text,
            "source": f"{site.source[s.source.file].short_name}, “{s.source.section}”",
            "url": url_of(strategy_page(s.id)),
        }
    return out


def files(site: Site) -> Iterator[tuple[str, str]]:
    for number, piece in enumerate(pieces(site)):
        yield (f"{PIECES}/{number:02x}.json",
               json.dumps(piece, ensure_ascii=False, separators=(",", ":")) + "\n")
    yield SCHEMA, json.dumps(plan_schema(), ensure_ascii=False, indent=1) + "\n"
