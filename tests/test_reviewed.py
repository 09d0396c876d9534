"""Every page says when its content was last reviewed, from the `reviewed:` dates in the YAML,
and the open data carries the same dates."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator import export
from generator.build import check
from conftest import ASSETS
from generator.pages import pages

NOTE = re.compile(r'<p class="semh-reviewed">Content last reviewed: '
                  r'<time datetime="([0-9-]+)">([^<]+)</time></p>')


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems_of(project: Path) -> list[tuple]:
    site, problems = check(project)
    assert site is None
    return [(p.path, p.line, p.message, p.hint) for p in problems]


DATE_HINT = "write the day it was checked as year-month-day, e.g. 2026-11-26"


def test_a_page_without_a_review_date_is_refused(project: Path):
    replace_in(project / "content/pages/about.yaml",
               "reviewed: 2026-11-26  # when this page was last checked\n", "")
    assert problems_of(project) == [
        ("content/pages/about.yaml", 1, "missing field 'reviewed'",
         "every page needs: id, title, summary, body, reviewed")]


def test_a_source_document_without_a_review_date_is_refused(project: Path):
    sources = project / "content/sources.yaml"
    replace_in(sources, "  reviewed: 2026-12-07\n", "")
    first = sources.read_text(encoding="utf-8").splitlines().index("- id: kent-stls") + 1
    problems = problems_of(project)
    assert len(problems) == 1
    path, line, message, hint = problems[0]
    assert (path, line, message) == ("content/sources.yaml", first, "missing field 'reviewed'")
    assert hint.startswith("every source document needs: ") and "reviewed" in hint


def test_a_review_date_must_be_a_real_year_month_day(project: Path):
    replace_in(project / "content/pages/home.yaml", "reviewed: 2026-11-26", "reviewed: 2026-13-01")
    replace_in(project / "content/pages/parents.yaml", "reviewed: 2026-12-07", "reviewed: 20261207")
    sources = project / "content/sources.yaml"
    replace_in(sources, "reviewed: 2026-12-07", "reviewed: 7 December 2026")
    line = sources.read_text(encoding="utf-8").splitlines().index(
        "  reviewed: 7 December 2026") + 1
    assert problems_of(project) == [
        ("content/pages/home.yaml", 4, "reviewed: '2026-13-01' is not a date", DATE_HINT),
        ("content/pages/parents.yaml", 4, "reviewed: 20261207 is not a date", DATE_HINT),
        ("content/sources.yaml", line, "reviewed: '7 December 2026' is not a date", DATE_HINT),
    ]


def test_every_built_page_shows_when_it_was_last_reviewed(built_site: Path):
    for html in sorted(built_site.rglob("*.html")):
        if html.name == "404.html":
            continue
        notes = NOTE.findall(html.read_text(encoding="utf-8"))
        assert len(notes) == 1, html.relative_to(built_site)


def test_each_page_shows_the_date_of_what_it_shows(project: Path):
    """A hand-written page: its own date. A generated page: the latest date of the documents
    it cites. A page that cites none (the glossary) draws on them all: the latest of all."""
    sources = project / "content/sources.yaml"
    dates = {"000": "2027-01-10", "001": "2027-02-11", "002": "2027-01-05",
             "003": "2027-03-01", "004": "2027-05-20"}
    text = sources.read_text(encoding="utf-8")
    for prefix, day in dates.items():
        text = re.sub(rf"(  file: {prefix}_[^\n]*\n(?:  [^\n]*\n)*?  reviewed: )[0-9-]+",
                      rf"\g<1>{day}", text)
    sources.write_text(text, encoding="utf-8")
    replace_in(project / "content/pages/home.yaml", "reviewed: 2026-11-26", "reviewed: 2025-06-30")
    site, problems = check(project)
    assert problems == []
    shown = {path: NOTE.search(markdown).groups() for path, markdown in pages(site, ASSETS)}

    assert shown["index.md"] == ("2025-06-30", "30 June 2025")
    # The strategy cites Wiltshire alone; the audit, Essex alone.
    assert shown["strategies/key-adult-and-pace.md"] == ("2027-01-05", "5 January 2027")
    assert shown["audit/index.md"] == ("2027-02-11", "11 February 2027")
    # The need page shows what every council's document says about the need, so it cites
    # them all, the later levels document too.
    assert shown["needs/attention-difficulties.md"] == ("2027-05-20", "20 May 2027")
    # The pathway page cites Kent alone.
    assert shown["pathway/index.md"] == ("2027-01-10", "10 January 2027")
    assert shown["levels/index.md"] == ("2027-05-20", "20 May 2027")
    assert shown["glossary/index.md"] == ("2027-05-20", "20 May 2027")


def test_the_open_data_carries_the_review_dates(built_site: Path, site):
    sources = json.loads((built_site / "data/sources.json").read_text(encoding="utf-8"))
    assert [(s["file"], s["reviewed"]) for s in sources] == [
        (document.file, document.reviewed.isoformat()) for document in site.sources]
    hand_pages = json.loads((built_site / "data/pages.json").read_text(encoding="utf-8"))
    assert {p["id"]: p["reviewed"] for p in hand_pages} == {
        page.id: page.reviewed.isoformat() for page in site.pages.values()}
    for page in hand_pages:
        assert (built_site / page["url"] / "index.html").is_file()
    assert export.sources(site)[0]["url"] == "sources/#doc-000"
