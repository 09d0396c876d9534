"""Generated pages: golden copies catch any change in what a reader sees.

After a deliberate change to a template or to the content behind a golden page, rewrite the
golden files with `SEMH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_pages.py` and
read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from conftest import ASSETS
from generator.pages import pages

GOLDEN = Path(__file__).parent / "golden"
GOLDEN_PAGES = [
    "needs/non-attendance.md",
    "needs/attention-difficulties.md",
    "strategies/key-adult-and-pace.md",
    "training/index.md",
    "levels/index.md",
]


@pytest.fixture(scope="module")
def rendered(site) -> dict[str, str]:
    return dict(pages(site, ASSETS))


@pytest.mark.parametrize("path", GOLDEN_PAGES)
def test_page_matches_its_golden_copy(rendered, path):
    golden = GOLDEN / path
    if os.environ.get("SEMH_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered[path], encoding="utf-8")
    assert rendered[path] == golden.read_text(encoding="utf-8")


def test_a_need_with_no_strategies_says_the_sources_are_silent(rendered):
    text = rendered["needs/non-attendance.md"]
    assert "The captured Wiltshire text shows no strategies under this heading" in text
    assert "The captured text of the Wiltshire page ends after this heading." in text
    assert "this site does not invent any" in text
    assert "../strategies/emotionally-based-school-avoidance.md" in text


def test_council_asterisks_and_brackets_are_shown_not_treated_as_markup():
    from generator.render import markdown_text

    assert markdown_text("use *care* [here] <b>") == r"use \*care\* \[here\] &lt;b>"


def test_audit_examples_are_a_list_under_their_criterion(built_site, site):
    """In the built page, each example is an item of a list inside its criterion's item,
    not words run on after the criterion's sentence."""
    html = (built_site / "audit" / "index.html").read_text(encoding="utf-8")
    with_examples = [c for s in site.audit.sections for c in s.criteria if c.examples]
    assert len(with_examples) == 5
    for criterion in with_examples:
        start = html.index(f'id="{criterion.id}"')
        item = html[start:html.index("</ul>", start)]
        assert "<ul>" in item, criterion.id
        listed = re.findall(r"<li>(.*?)</li>", item.split("<ul>", 1)[1])
        assert len(listed) == len(criterion.examples), criterion.id
