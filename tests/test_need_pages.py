"""Need pages read by a parent on a phone: a short opening in plain English before the
councils' words, about half the scrolling of the pages as they were, and every record still
traceable to the document and section it came from."""

from __future__ import annotations

import html
import io
import re

import pytest
from pypdf import PdfReader

from conftest import ASSETS
from generator.pages import pages
from site_pages import page_paths

PHONE = {"width": 390, "height": 844}
# Each need page's height on a 390 px wide phone (CSS px), measured on the default build of
# 7 December 2026, before the pages were made shorter: strategy cards with a source line each,
# and every council's words open on the page.
BEFORE = {
    "attention-difficulties": 7631,
    "behaviours-that-challenge": 15995,
    "developmental-trauma-and-attachment": 8971,
    "following-adult-direction": 8705,
    "healthy-relationships": 9669,
    "low-level-disruption": 7469,
    "medically-unexplained-symptoms": 6020,
    "non-attendance": 5840,
    "unhappy-or-stressed": 12670,
    "withdrawn-or-isolated": 10055,
}
# Pages that took more than ten phone screens: the ones a parent gave up on.
LONG = {need for need, height in BEFORE.items() if height > 10 * PHONE["height"]}
OPENING_WORDS = 250


@pytest.fixture(scope="module")
def measured(browser, built_site, site_url):
    """For each need page at phone width: its height, and the words before the councils'."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    result = {}
    needs = [path for path in page_paths(built_site)
             if re.fullmatch(r"needs/[a-z-]+/", path)]
    for path in needs:
        page.goto(site_url + path)
        opening = page.evaluate("""() => {
            const article = document.querySelector("article");
            const first = article.querySelector(".semh-council");
            const range = document.createRange();
            range.setStart(article, 0);
            range.setEndBefore(first);
            return range.toString();
        }""")
        result[path.split("/")[1]] = {
            "height": page.evaluate("document.documentElement.scrollHeight"),
            "opening": len(opening.split()),
        }
    context.close()
    return result


def test_every_need_page_was_measured(measured):
    assert set(measured) == set(BEFORE)


def test_a_parent_reads_under_250_words_before_the_councils_words(measured):
    too_long = {need: found["opening"] for need, found in measured.items()
                if found["opening"] >= OPENING_WORDS}
    assert too_long == {}
    assert all(found["opening"] > 60 for found in measured.values())


def test_the_long_need_pages_take_half_the_scrolling_they_did(measured):
    ratios = {need: round(measured[need]["height"] / BEFORE[need], 2) for need in LONG}
    print(f"need pages once over ten phone screens, now as a share of then: {ratios}")
    assert len(LONG) >= 5
    assert {need: ratio for need, ratio in ratios.items() if ratio > 0.5} == {}
    total = sum(found["height"] for found in measured.values())
    assert total <= 0.5 * sum(BEFORE.values())


@pytest.fixture(scope="module")
def rendered_pages(site) -> dict[str, str]:
    return dict(pages(site, ASSETS))


def test_every_record_on_a_need_page_is_cited(site, rendered_pages):
    """Each strategy, sign, practice, statement, mention, course and descriptor a need page
    shows has its document and section in a citation on that page."""
    uncited = []
    for need in site.needs:
        page = rendered_pages[f"needs/{need.id}.md"]
        cited = {(file, " ".join(html.unescape(section).replace("\\", "").split()))
                 for file, section
                 in re.findall(r"#doc-([0-9]{3})\), “([^”]*)”", page)}
        records = [*site.strategies_for[need.id], *site.indicators_for[need.id],
                   *(site.strategy[s] for s in need.related_strategies),
                   *(link.outcome for link in site.practices_for[need.id]),
                   *(link.section for link in site.criteria_for[need.id]),
                   *(link.stage for link in site.pathway_for[need.id] if link.stage),
                   *site.courses_for(need.id),
                   *(mention.level for mention in site.levels_for[need.id])]
        for record in records:
            where = (record.source.file[:3], " ".join(record.source.section.split()))
            if where not in cited:
                uncited.append(f"{need.id}: {type(record).__name__} {where}")
    assert uncited == []


def printed_text(page) -> str:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return " ".join(" ".join(sheet.extract_text().split()) for sheet in reader.pages)


def test_the_councils_words_folded_on_a_need_page_open_and_print(browser, site_url):
    """Folded, a council's words are one line on screen; opened, or printed with or without
    script, they are all there."""
    words = "educational settings make good use of experts"  # an Essex statement
    essex = "#council-001 ~ details.semh-fold"
    for script in (True, False):
        context = browser.new_context(java_script_enabled=script)
        page = context.new_page()
        page.goto(site_url + "needs/unhappy-or-stressed/")
        assert page.locator("details.semh-fold").count() == 4
        assert not page.locator(f"{essex} li").first.is_visible()
        assert words in printed_text(page), f"printed with script {script}"
        context.close()
    context = browser.new_context()
    page = context.new_page()
    page.goto(site_url + "needs/unhappy-or-stressed/")
    page.locator(f"{essex} > summary").first.click()
    assert page.locator(f"{essex} li").first.is_visible()
    context.close()
