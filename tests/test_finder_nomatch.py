"""When the words typed match nothing, the finder still answers: the needs whose everyday
words come closest, a link to browse every need, and a plain word that the councils'
documents may not cover it."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect

from test_accessibility import AXE, axe_violations
from test_finder import open_finder, shown, total, type_query

NO_MATCH = "[data-finder-nomatch]"


def closest(page) -> list[str]:
    """The needs offered, by the address of their pages."""
    return page.locator(f"{NO_MATCH} li a").evaluate_all("links => links.map(a => a.href)")


def test_words_that_match_nothing_show_the_closest_needs_and_the_browse_link(page, site_url):
    errors = open_finder(page, site_url, "?q=" + quote("xylophone quantum"))
    expect(page.locator("[data-finder-count]")).to_have_text(
        "No strategies found for “xylophone quantum”. The sources may not cover it, or they "
        "may use other words: try other words, or look at the needs below.")
    assert total(page) == 0 and shown(page) == []
    panel = page.locator(NO_MATCH)
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("The needs whose everyday words come closest to yours:")
    needs = closest(page)
    assert 1 <= len(needs) <= 3
    assert all(url.startswith(site_url + "needs/") and url != site_url + "needs/" for url in needs)
    browse = panel.get_by_role("link", name="Browse all needs")
    expect(browse).to_have_attribute("href", "../needs/")
    browse.click()
    expect(page).to_have_url(site_url + "needs/")
    assert errors == []


def test_the_closest_needs_go_once_the_words_match(page, site_url):
    open_finder(page, site_url, "?q=" + quote("xylophone"))
    expect(page.locator(NO_MATCH)).to_be_visible()
    page.locator("input[name=q]").fill("meltdown")
    expect(page.locator(NO_MATCH)).to_be_hidden()
    assert total(page) > 0


def test_words_that_match_only_outside_the_filters_ask_to_clear_them_instead(page, site_url):
    # Only the sticker charts strategy, for accepting adult direction, says "sticker".
    open_finder(page, site_url, "?q=sticker&need=non-attendance")
    expect(page.locator("[data-finder-count]")).to_contain_text("clear the filters")
    expect(page.locator(NO_MATCH)).to_be_hidden()


def test_text_with_no_searchable_word_still_offers_the_browse_link(page, site_url):
    open_finder(page, site_url, "?q=" + quote("😡😭"))
    expect(page.locator("[data-finder-count]")).to_contain_text("No searchable words found")
    expect(page.locator(NO_MATCH).get_by_role("link", name="Browse all needs")).to_be_visible()
    assert closest(page) == []


def test_the_closest_needs_pass_the_accessibility_checks(page, site_url):
    page.context.add_init_script(path=str(AXE))
    open_finder(page, site_url, "?q=" + quote("xylophone quantum"))
    expect(page.locator(NO_MATCH)).to_be_visible()
    assert axe_violations(page) == []
