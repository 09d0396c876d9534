"""The header search on every page: nothing of it downloaded until someone searches, the
hand-written pages found as they type, and their words taken to the finder on Enter, with or
without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}

# One page of each kind but the finder. The support plan, with no plan kept, fetches none of
# its strategies' words either (see test_plan_tool.py).
PAGES = ["", "needs/", "needs/behaviour-that-challenges/", "strategies/", "glossary/", "audit/",
         "levels/check/", "plan/"]


def data_fetched(requests: list[str], site: str) -> list[str]:
    """What of the requests is data rather than the page and its furniture."""
    return [url.removeprefix(site) for url in requests
            if url.split("?")[0].endswith(".json") or "/search/" in url or "/data/" in url
            or "/pieces/" in url]


@pytest.mark.parametrize("path", PAGES)
def test_no_page_but_the_finder_fetches_an_index_or_strategy_data_at_load(page, site_url,
                                                                         path):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    assert data_fetched(requests, site_url) == []


def test_the_finder_fetches_no_header_search_index_for_its_first_results(page, site_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_url + "finder/?q=kicking%20off")
    expect(page.locator("[data-finder][data-finder-ready]")).to_be_attached()
    page.wait_for_load_state("networkidle")
    assert not [url for url in data_fetched(requests, site_url) if "search/" in url]


def test_starting_a_search_fetches_the_index_once_and_finds_pages(page, site_url):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.set_viewport_size(LAPTOP)
    page.goto(site_url + "about/")
    page.locator(".md-search__input").click()
    expect(page.locator("[data-site-search][data-site-search-ready]")).to_be_attached()
    page.keyboard.type("glossary")
    results = page.locator("[data-site-search-results] a")
    expect(results.first).to_contain_text("Strategies for “glossary”")
    expect(results.nth(1)).to_be_visible()
    found = {href.removeprefix(site_url)
             for href in results.evaluate_all("links => links.map(a => a.href)")}
    assert "glossary/" in found, found
    page.keyboard.press("Backspace")
    page.keyboard.type("y")
    assert [url for url in requests if url.endswith("search/search_index.json")] == [
        site_url + "search/search_index.json"]


def test_a_word_no_page_holds_says_so_and_still_offers_the_finder(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url)
    page.click("label.md-header__button[for=__search]")
    expect(page.locator(".md-search__input")).to_be_focused()
    page.keyboard.type("zzqxv")
    expect(page.locator("[data-site-search-status]")).to_contain_text("No page of this site")
    expect(page.locator("[data-site-search-results] li")).to_have_count(1)
    expect(page.locator("[data-site-search-results] a")).to_have_text(
        "Strategies for “zzqxv”In the strategy finder: the councils' strategies for what you "
        "describe, by need and age.")


@pytest.mark.parametrize("path", ["", "finder/"])
def test_enter_takes_the_words_to_the_finder(page, site_url, path):
    page.set_viewport_size(LAPTOP)
    page.goto(site_url + path)
    page.locator(".md-search__input").fill("tummy ache")
    page.locator(".md-search__input").press("Enter")
    page.wait_for_url("**/finder/?q=*")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["tummy ache"]}
    expect(page.locator("[data-finder][data-finder-ready]")).to_be_attached()
    expect(page.locator("input[name=q]")).to_have_value("tummy ache")


def test_without_javascript_enter_still_opens_the_finder(browser, site_url):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    page.goto(site_url + "glossary/")
    page.click("label.md-header__button[for=__search]")
    page.locator(".md-search__input").fill("kicking off")
    page.locator(".md-search__input").press("Enter")
    page.wait_for_url("**/finder/?q=*")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["kicking off"]}
    context.close()


def test_escape_closes_the_search(page, site_url):
    page.set_viewport_size(PHONE)
    page.goto(site_url)
    page.click("label.md-header__button[for=__search]")
    expect(page.locator("#__search")).to_be_checked()
    page.keyboard.press("Escape")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator(".md-search__input")).not_to_be_focused()


def test_a_shared_search_link_opens_the_search_with_its_words(page, site_url):
    page.set_viewport_size(LAPTOP)
    page.goto(site_url + "?q=attendance")
    expect(page.locator("#__search")).to_be_checked()
    expect(page.locator(".md-search__input")).to_have_value("attendance")
    expect(page.locator("[data-site-search-results] li").nth(1)).to_be_visible()
