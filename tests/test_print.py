"""Printed pages: Chromium's own PDF of a need page, a strategy page and the self-audit, read
back page by page. A printout carries the content and where it came from, not the menus, and
never leaves a heading alone at the foot of a sheet."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pytest
from pypdf import PdfReader

PRINTED = ["needs/attention-difficulties/", "strategies/key-adult-and-pace/", "audit/"]

# Text of the site's chrome that must not reach paper (the theme's own words).
CHROME = ["Skip to content", "Back to top", "Table of contents", "Made with", "Previous",
          "Next", "Search"]


def printed_day(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def site_name(page) -> str:
    """config.site_name, as the theme ends every page's title with it."""
    return page.title().rpartition(" - ")[2]


def pdf_pages(page, url: str) -> list[list[str]]:
    """The non-empty text lines of each sheet of the page's PDF."""
    page.goto(url)
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return [[" ".join(line.split()) for line in sheet.extract_text().splitlines() if line.strip()]
            for sheet in reader.pages]


@pytest.fixture(scope="module")
def printed(browser, site_url):
    """For each printed page: its sheets' lines, its headings and the menu entries."""
    context = browser.new_context()
    page = context.new_page()
    result = {}
    for path in PRINTED:
        sheets = pdf_pages(page, site_url + path)
        result[path] = {
            "sheets": sheets,
            "headings": [" ".join(text.split()) for text in page.locator(
                "article :is(h2, h3, h4, h5, h6)").all_inner_texts()],
            "nav": [" ".join(text.split()) for text in page.locator(
                ".md-nav--primary .md-nav__link").all_inner_texts()],
            "article": " ".join(page.locator("article").inner_text().split()),
            "site_name": site_name(page),
        }
    context.close()
    return result


@pytest.mark.parametrize("path", PRINTED)
def test_a_printout_has_no_menus_or_site_chrome(printed, path):
    text = "\n".join(line for sheet in printed[path]["sheets"] for line in sheet)
    for words in CHROME:
        if words not in printed[path]["article"]:  # the audit has a "Next steps" column
            assert words not in text, (path, words)
    assert "Skip to content" not in text
    # Each menu entry the page's own text does not also say stays off the paper.
    menu_only = [entry for entry in printed[path]["nav"] if entry and entry not in
                 printed[path]["article"]]
    assert len(menu_only) > 5, printed[path]["nav"]
    for entry in menu_only:
        assert entry not in text, (path, entry)


@pytest.mark.parametrize("path", PRINTED)
def test_a_printout_says_which_site_which_page_and_when(printed, path, site_url):
    first_sheet = printed[path]["sheets"][0]
    today = date.today()
    assert printed[path]["site_name"]
    assert first_sheet[0] == printed[path]["site_name"]
    assert first_sheet[1] == site_url + path
    assert first_sheet[2] in {f"Printed on {printed_day(today)}",
                              f"Printed on {printed_day(today - timedelta(days=1))}"}


def test_a_strategy_prints_on_one_sheet(printed):
    assert len(printed[PRINTED[1]]["sheets"]) == 1


@pytest.mark.parametrize("path", [PRINTED[0], PRINTED[2]])
def test_no_heading_is_left_alone_at_the_foot_of_a_sheet(printed, path):
    sheets = printed[path]["sheets"]
    headings = [heading for heading in printed[path]["headings"] if heading]
    assert len(sheets) > 1 and headings
    for number, sheet in enumerate(sheets[:-1], start=1):
        last = sheet[-1]
        # A long heading wraps, so its last line alone may end the sheet.
        stranded = [h for h in headings if h == last or (h.endswith(last) and len(last) > 10)]
        assert stranded == [], f"{path}: sheet {number} ends with the heading {stranded[0]!r}"


def test_links_to_other_websites_print_their_address(browser, site_url):
    context = browser.new_context()
    page = context.new_page()
    sheets = pdf_pages(page, site_url + "tools/")
    outside = page.locator('article a[href^="http"]:not(.semh-report a)').evaluate_all(
        "links => links.map(link => link.getAttribute('href'))")
    inside = page.locator('article a[href^="../"]').evaluate_all(
        "links => links.map(link => link.getAttribute('href'))")
    context.close()
    # An address wraps wherever the line ends, so compare without the line breaks.
    text = "".join("".join(sheet) for sheet in sheets).replace(" ", "")
    assert outside and inside
    for href in outside:
        assert f"({href})" in text, href
    for href in inside:
        assert f"({href})" not in text, href


def test_without_javascript_a_printout_shows_the_page_path_and_build_day(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    first_sheet = pdf_pages(page, site_url + PRINTED[0])[0]
    name = site_name(page)
    context.close()
    assert name and first_sheet[0] == name
    assert first_sheet[1] == "/" + PRINTED[0]
    assert re.fullmatch(r"Site built on [0-9]{1,2} [A-Z][a-z]+ 20[0-9]{2}", first_sheet[2])
