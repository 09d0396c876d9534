"""The pieces the site's JSON Schemas are made of (plan, self-audit, level-of-need check).

Every schema is read by two checkers that must agree: Python's jsonschema (the tests, and
anyone using the open data) and site_overrides/assets/json-schema.js (the pages, before they
change anything). json-schema.js reads only the keywords it lists; tests/js/ and
tests/test_schema_agreement.py check that the two give the same answers.
"""

from __future__ import annotations

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def whole(pattern: str) -> str:
    """A pattern that must match the whole text. `$` alone is not enough: Python's `re`, which
    jsonschema uses, lets it match before a final newline, and JavaScript's does not; the
    `(?!\\n)` after it makes both mean the end. [0-9] rather than \\d, which in Python also
    matches other scripts' digits."""
    return f"^(?:{pattern})$(?!\\n)"


TEXT = {"type": "string"}
ID = {"type": "string", "pattern": whole("[a-z0-9]+(?:-[a-z0-9]+)*"),
      "description": "lower-case letters and digits joined by hyphens"}
DATE = {"type": "string", "pattern": whole("[0-9]{4}-[0-9]{2}-[0-9]{2}"),
        "description": "a date written YYYY-MM-DD"}
# "" when no date is given; a date input's value (YYYY-MM-DD) otherwise.
DATE_OR_EMPTY = {"type": "string", "pattern": whole("(?:[0-9]{4}-[0-9]{2}-[0-9]{2})?"),
                 "description": "a date written YYYY-MM-DD, or nothing"}


def record(properties: dict, required: list[str] | None = None) -> dict:
    """An object with exactly these fields, all of them required unless `required` says."""
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required,
            "additionalProperties": False}


def ref(name: str) -> dict:
    return {"$ref": f"#/$defs/{name}"}
