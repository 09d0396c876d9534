"""The JSON Schema of what the level-of-need check (/levels/check/) keeps in a browser under
"semh:levels-check": the descriptors ticked and the items of their lists ticked.

The check page carries it and checks the stored ticks against it before it reads or changes
them; the build publishes it at data/schema/levels-check.schema.json. A descriptor is named
by its place (level-2/0 is Level 2's first descriptor), as levels_check.md.j2 writes it; a
place this site's levels no longer have ticks nothing, so it is not refused.
"""

from __future__ import annotations

from generator.schema_parts import SCHEMA_DIALECT, record, whole

TOOL = "levels-check"
VERSION = 1


def levels_check_schema() -> dict:
    places = {
        "descriptors": ("level-[0-4]/[0-9]+", "a descriptor's place, such as level-2/0"),
        "areas": ("level-[0-4]/[0-9]+/[0-9]+",
                  "an item of a descriptor's list, such as level-2/0/3"),
    }
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "The ticks of the level-of-need check, as a browser keeps them",
        "description": "What /levels/check/ keeps under the localStorage key "
                       "semh:levels-check, as {\"version\": 1, \"data\": kept, \"rev\", \"after\"}.",
        "$ref": "#/$defs/kept",
        "$defs": {
            "kept": record({
                name: {"type": "array", "uniqueItems": True,
                       "items": {"type": "string", "pattern": whole(pattern),
                                 "description": description}}
                for name, (pattern, description) in places.items()
            }),
        },
    }
