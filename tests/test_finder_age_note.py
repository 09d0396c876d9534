"""Beside the finder's age filter, how many strategies the councils give an age for: so few
do that ticking an age leaves nearly every strategy in, and a teacher is told so there."""

from __future__ import annotations

import re
from html import unescape

from conftest import copy_project
from generator.build import check
from generator.pages import FINDER, page_links
from generator.render import render


def age_note(site) -> str:
    # The modules to preload are the build's business, not the note's.
    page = render("finder.md.j2", FINDER, site=site, modules=[], **page_links())
    note = re.search(r"<legend>Age</legend>\s*<p [^>]*data-finder-age-note>(.*?)</p>", page, re.S)
    assert note, "no note under the age filter's legend"
    return unescape(note.group(1))


def test_the_age_filter_says_how_many_strategies_have_an_age(site):
    aged = [s for s in site.strategies if s.ages != "any"]
    assert 0 < len(aged) < len(site.strategies)
    assert age_note(site) == (
        f"The councils give an age for {len(aged)} of the {len(site.strategies)} strategies. "
        f"The other {len(site.strategies) - len(aged)} are for any age, so they stay in "
        "whichever age you tick.")


def test_the_note_is_counted_from_the_strategies(tmp_path):
    root = copy_project(tmp_path / "project")
    for path in sorted((root / "strategies").glob("*.yaml")):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"^(\s*)ages: .*$", r"\1ages: any", text, flags=re.M),
                        encoding="utf-8")
    site, problems = check(root)
    assert problems == []
    assert age_note(site) == (f"The councils give no strategy an age: all {len(site.strategies)} "
                              "are for any age, so ticking an age leaves them all in.")


def test_the_built_finder_shows_the_note_in_the_age_filter(built_site):
    html = (built_site / "finder/index.html").read_text(encoding="utf-8")
    fieldset = re.search(r"<legend>Age</legend>(.*?)</fieldset>", html, re.S).group(1)
    assert "data-finder-age-note" in fieldset and "are for any age" in fieldset
