"""The strategy finder, driven in Chromium the way a teacher uses it: typing, ticking filters,
sharing the URL, going Back, using the keyboard, and with JavaScript switched off."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

from generator.localsite import serve

RESULTS = "[data-finder-results] > li:not([hidden])"


def read_json(built_site: Path, name: str):
    return json.loads((built_site / "data" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def strategies(built_site) -> dict[str, dict]:
    return {s["id"]: s for s in read_json(built_site, "strategies.json")}


@pytest.fixture(scope="module")
def needs(built_site) -> dict[str, dict]:
    return {n["id"]: n for n in read_json(built_site, "needs.json")}


def open_finder(page: Page, site_url: str, query: str = "") -> list[str]:
    """Open the finder (with `query` as its URL's query) and wait for it; returns the list
    the page's script errors will be collected in."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "finder/" + query)
    expect(page.locator("[data-finder][data-finder-ready]")).to_be_attached()
    return errors


def shown(page: Page) -> list[dict[str, str]]:
    """The results on screen, in order, as their data attributes."""
    return page.locator(RESULTS).evaluate_all(
        """items => items.map(li => ({id: li.dataset.strategyId, needs: li.dataset.needs,
                                      ages: li.dataset.ages, tier: li.dataset.tier}))""")


def total(page: Page) -> int:
    """How many results the finder found, shown or not yet shown."""
    return int(page.locator("[data-finder-results]").get_attribute("data-total"))


def type_query(page: Page, text: str) -> None:
    box = page.locator("input[name=q]")
    box.click()
    box.press_sequentially(text)


def url_state(page: Page) -> dict[str, list[str]]:
    # Asked of the page itself: Playwright's page.url learns of history.replaceState from
    # an event that can arrive after the key press that caused it has returned.
    return parse_qs(urlsplit(page.evaluate("location.href")).query)


def address_comes_to(page: Page, state: dict[str, list[str]]) -> None:
    """Waits for the address to show `state`: while someone types, it catches up once they
    pause."""
    for _ in range(100):
        if url_state(page) == state:
            return
        page.wait_for_timeout(50)
    assert url_state(page) == state


def imported(module: Path) -> set[Path]:
    """Every module `module` imports, and those they import, as files."""
    found: set[Path] = set()
    for name in re.findall(r'\bfrom "(\.{1,2}/[^"]+)"', module.read_text(encoding="utf-8")):
        path = (module.parent / name).resolve()
        if path not in found:
            found |= {path} | imported(path)
    return found


def test_the_finders_page_preloads_every_module_the_finder_imports(built_site):
    """Fetched with finder.js, not each once the module importing it has arrived."""
    assets = (built_site / "assets").resolve()
    wanted = {path.relative_to(assets).as_posix() for path in imported(assets / "finder.js")}
    head = (built_site / "finder" / "index.html").read_text(encoding="utf-8").split("</head>")[0]
    preloaded = re.findall(r'<link rel="modulepreload" href="\.\./assets/([^"]+)">', head)
    assert len(wanted) > 5
    assert sorted(preloaded) == sorted(wanted)


# --- what a teacher sees first ------------------------------------------------------------

def test_the_finder_replaces_the_static_list_and_shows_every_strategy(page, site_url,
                                                                      strategies):
    open_finder(page, site_url)
    expect(page.locator("[data-finder-static]")).to_be_hidden()
    expect(page.locator("input[name=q]")).to_be_visible()
    expect(page.locator("[data-finder-count]")).to_have_text(f"{len(strategies)} strategies found.")
    first_page = len(shown(page))
    assert 0 < first_page < len(strategies)
    more = page.get_by_role("button", name="Show more strategies")
    more.click()
    # The keyboard carries on from the first strategy just added.
    new_first = shown(page)[first_page]["id"]
    assert page.evaluate("document.activeElement.closest('li').dataset.strategyId") == new_first
    for _ in range(len(strategies)):
        if not more.is_visible():
            break
        more.click()
    ids = [r["id"] for r in shown(page)]
    assert sorted(ids) == sorted(strategies)


def test_everyday_words_bring_that_needs_strategies_to_the_top(page, site_url):
    open_finder(page, site_url)
    type_query(page, "keeps kicking off")
    first = shown(page)[:5]
    assert first and all("behaviours-that-challenge" in r["needs"].split() for r in first)
    address_comes_to(page, {"q": ["keeps kicking off"]})


def test_results_appear_while_the_word_is_still_being_typed(page, site_url):
    open_finder(page, site_url)
    type_query(page, "tumm")
    first = shown(page)[:3]
    assert first and all("medically-unexplained-symptoms" in r["needs"].split() for r in first)


@pytest.mark.parametrize("text", ["age: 5", "sensory^", "+", "-anger", "*", "~2", "title:calm",
                                  "\"won't", "[(", "\\"])
def test_search_syntax_typed_by_accident_never_breaks_the_page(page, site_url, text):
    errors = open_finder(page, site_url)
    type_query(page, text)
    expect(page.locator("[data-finder-count]")).to_contain_text("found")
    assert errors == []


# --- each result ----------------------------------------------------------------------------

def test_a_result_shows_the_councils_text_needs_ages_tier_and_council(page, site_url, site,
                                                                      strategies, needs):
    open_finder(page, site_url)
    type_query(page, "self-harm")
    result = page.locator(RESULTS).first
    strategy = strategies[result.get_attribute("data-strategy-id")]
    expect(result.locator("h3")).to_have_text(strategy["title"])
    expect(result.locator("blockquote")).to_have_text(" ".join(strategy["text"].split()))
    for need_id in strategy["needs"]:
        link = result.locator(f"a:text-is('{needs[need_id]['title']}')")
        expect(link).to_have_attribute("href", "../" + needs[need_id]["url"])
    assert result.get_attribute("data-needs").split() == strategy["needs"]
    assert result.get_attribute("data-ages").split() == strategy["ages"]
    if strategy["any_age"]:
        expect(result.locator(".semh-badge--age")).to_have_text(["Any age (the council gives none)"])
    else:
        expect(result.locator(".semh-badge--age")).to_have_count(len(strategy["ages"]))
    expect(result.locator(".semh-badge--tier")).to_have_text(
        {"whole-setting": "Whole setting", "targeted": "Targeted",
         "specialist": "Specialist"}[strategy["tier"]])
    council = site.source[strategy["source"]["file"]].council
    expect(result.locator(".semh-finder__council")).to_have_text(f"From: {council}")


def test_the_dom_order_is_the_rank_order_of_the_pages_own_search(page, site_url, strategies):
    open_finder(page, site_url)
    type_query(page, "calm")
    ranked = page.evaluate("async () => (await window.semhFinder.search('calm')).map(r => r.id)")
    assert total(page) == len(ranked)
    assert [r["id"] for r in shown(page)] == ranked[:len(shown(page))]
    assert all(r["id"] in strategies for r in shown(page))


# On a council's site the finder may live under a sub-path: links must not assume "/".
@pytest.mark.parametrize("where, query", [("site_url", "meltdown"),
                                          ("sub_path_url", "won't come in")])
def test_a_result_link_opens_the_strategys_own_page(page, request, strategies, where, query):
    base = request.getfixturevalue(where)
    open_finder(page, base)
    type_query(page, query)
    first = page.locator(RESULTS).first
    strategy = strategies[first.get_attribute("data-strategy-id")]
    first.locator("h3 a").click()
    expect(page).to_have_url(base + strategy["url"])
    expect(page.locator("h1")).to_contain_text(strategy["title"])


def test_the_number_of_results_is_announced(page, site_url):
    open_finder(page, site_url)
    live = page.locator("[data-finder-count]")
    expect(live).to_have_attribute("aria-live", "polite")
    type_query(page, "meltdown")
    expect(live).to_have_text(f"{total(page)} strategies found for “meltdown”.")
    type_query(page, "xyzzyqq")
    expect(live).to_contain_text("No strategies found")
    assert shown(page) == []


# --- filters --------------------------------------------------------------------------------

def test_filters_are_labelled_fieldsets(page, site_url):
    open_finder(page, site_url)
    legends = page.locator("[data-finder] fieldset > legend").all_text_contents()
    assert legends == ["Need", "Age", "Tier"]
    boxes = page.locator("[data-finder] fieldset input[type=checkbox]")
    assert boxes.count() == 17
    assert boxes.evaluate_all("boxes => boxes.every(b => b.labels[0].textContent.trim())")


def test_need_age_and_tier_filters_combine_with_the_words(page, site_url, strategies):
    open_finder(page, site_url)
    type_query(page, "calm")
    page.locator("input[name=need][value=unhappy-or-stressed]").check()
    page.locator("input[name=need][value=following-adult-direction]").check()
    page.locator("input[name=age][value=early-years]").check()
    page.locator("input[name=tier][value=targeted]").check()
    results = shown(page)
    assert results
    for result in results:
        assert {"unhappy-or-stressed", "following-adult-direction"} & set(result["needs"].split())
        assert "early-years" in result["ages"].split()
        assert result["tier"] == "targeted"
    state = url_state(page)
    assert sorted(state.pop("need")) == ["following-adult-direction", "unhappy-or-stressed"]
    assert state == {"q": ["calm"], "age": ["early-years"], "tier": ["targeted"]}


def test_clearing_is_one_click(page, site_url, strategies):
    open_finder(page, site_url, "?q=anger&need=behaviours-that-challenge&age=primary")
    page.get_by_role("button", name="Clear search and filters").click()
    expect(page.locator("input[name=q]")).to_have_value("")
    assert page.locator("[data-finder] input:checked").count() == 0
    assert total(page) == len(strategies)
    assert url_state(page) == {}


# --- the URL --------------------------------------------------------------------------------

def test_a_shared_link_opens_that_view(page, site_url):
    open_finder(page, site_url, "?q=tummy+ache&need=medically-unexplained-symptoms"
                                "&age=primary&tier=targeted")
    expect(page.locator("input[name=q]")).to_have_value("tummy ache")
    for name, value in [("need", "medically-unexplained-symptoms"), ("age", "primary"),
                        ("tier", "targeted")]:
        expect(page.locator(f"input[name={name}][value={value}]")).to_be_checked()
    results = shown(page)
    assert results and all(r["needs"] == "medically-unexplained-symptoms" for r in results)
    assert all(r["tier"] == "targeted" and "primary" in r["ages"] for r in results)


def test_several_values_of_a_key_select_several_options(page, site_url):
    open_finder(page, site_url, "?need=healthy-relationships&need=non-attendance")
    for need in ("healthy-relationships", "non-attendance"):
        expect(page.locator(f"input[name=need][value={need}]")).to_be_checked()
    needs_shown = {need for r in shown(page) for need in r["needs"].split()}
    assert {"healthy-relationships", "non-attendance"} <= needs_shown


def test_typing_replaces_the_url_and_back_goes_to_the_view_before(page, site_url, strategies):
    open_finder(page, site_url)
    start = page.evaluate("history.length")
    type_query(page, "meltdown")
    address_comes_to(page, {"q": ["meltdown"]})
    # One history entry for the whole word, not one per letter.
    assert page.evaluate("history.length") == start + 1
    page.locator("input[name=age][value=secondary]").check()
    assert url_state(page) == {"q": ["meltdown"], "age": ["secondary"]}

    page.go_back()
    expect(page.locator("input[name=age][value=secondary]")).not_to_be_checked()
    expect(page.locator("input[name=q]")).to_have_value("meltdown")
    page.go_back()
    expect(page.locator("input[name=q]")).to_have_value("")
    assert total(page) == len(strategies)
    page.go_forward()
    expect(page.locator("input[name=q]")).to_have_value("meltdown")


def test_words_typed_just_before_a_filter_or_a_link_keep_their_own_entry(page, site_url):
    # Quicker than the pause after which the address catches up with typing.
    open_finder(page, site_url)
    type_query(page, "meltdown")
    page.locator("input[name=age][value=secondary]").check()
    assert url_state(page) == {"q": ["meltdown"], "age": ["secondary"]}
    page.go_back()
    expect(page.locator("input[name=q]")).to_have_value("meltdown")
    assert url_state(page) == {"q": ["meltdown"]}

    type_query(page, " at lunch")
    page.locator(RESULTS).first.locator("h3 a").click()
    expect(page.locator("[data-finder]")).to_have_count(0)
    page.go_back()
    expect(page.locator("input[name=q]")).to_have_value("meltdown at lunch")
    assert url_state(page) == {"q": ["meltdown at lunch"]}


# --- keyboard and screen readers ------------------------------------------------------------

def test_the_finder_works_from_the_keyboard_alone(page, site_url):
    open_finder(page, site_url)
    page.locator("input[name=q]").focus()
    page.keyboard.type("anxious")
    page.keyboard.press("Enter")  # submitting must not reload the page
    expect(page.locator("input[name=q]")).to_have_value("anxious")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "SUMMARY"  # "Filters"
    page.keyboard.press("Tab")
    focused = page.evaluate("() => [document.activeElement.name, document.activeElement.value]")
    assert focused[0] == "need"
    promised = page.locator(f"[data-finder-count-for='need:{focused[1]}']").text_content()
    page.keyboard.press("Space")
    expect(page.locator(f"input[name=need][value={focused[1]}]")).to_be_checked()
    assert f"({total(page)})" == promised
    assert url_state(page)["need"] == [focused[1]]
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


# --- without JavaScript, and on a sub-path --------------------------------------------------

def test_without_javascript_every_need_is_listed_with_working_links(
        browser, site_url, needs, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "finder/")
    expect(page.locator("[data-finder]")).to_be_hidden()
    static = page.locator("[data-finder-static]")
    expect(static).to_be_visible()
    hrefs = static.locator("a").evaluate_all("links => links.map(a => a.href)")
    # Each need page lists that need's strategies, so the finder page need not repeat them.
    for need in needs.values():
        assert site_url + need["url"] in hrefs, need["id"]
        link = static.get_by_role("link", name=need["title"], exact=True)
        expect(link.locator("xpath=..")).to_contain_text(need["summary"])
    expect(static.get_by_role("link", name="all strategies")).to_have_attribute(
        "href", "../strategies/")
    for href in set(hrefs):
        target = href.removeprefix(site_url).split("#")[0]
        assert (built_site / target / "index.html").is_file() or (built_site / target).is_file(), href
    context.close()


@pytest.fixture(scope="module")
def sub_path_url(built_site, tmp_path_factory):
    """The same site hosted under /council/semh/, as a council's web team might."""
    host = tmp_path_factory.mktemp("host")
    (host / "council").mkdir()
    (host / "council" / "semh").symlink_to(built_site, target_is_directory=True)

    with serve(host) as url:
        yield url + "council/semh/"


def test_the_header_search_still_works_on_the_finder_page(page, site_url):
    open_finder(page, site_url)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("attendance")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    # The finder's own box is left alone by the theme's search.
    expect(page.locator("input[name=q]")).to_have_value("")


def test_a_shared_link_with_words_does_not_open_the_themes_own_search(page, site_url):
    open_finder(page, site_url, "?q=meltdown")
    page.wait_for_load_state("load")
    expect(page.locator("#__search")).not_to_be_checked()
    expect(page.locator("input[name=q]")).to_have_value("meltdown")
    assert url_state(page) == {"q": ["meltdown"]}
    page.locator("input[name=age][value=primary]").check()
    assert url_state(page) == {"q": ["meltdown"], "age": ["primary"]}


def test_on_a_phone_the_filters_start_folded_under_the_search_box(browser, site_url):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    open_finder(page, site_url)
    need_box = page.locator("input[name=need]").first
    expect(need_box).to_be_hidden()
    expect(page.locator(RESULTS).first).to_be_visible()
    page.locator("[data-finder-filters] > summary").focus()
    page.keyboard.press("Enter")
    expect(need_box).to_be_visible()
    context.close()
