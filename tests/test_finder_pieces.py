"""A large site's finder fetches its data in pieces (generator/shards.py): the real content,
built with the split forced, must answer exactly as the one-file finder does, and a first
query must fetch only some of the pieces."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from test_finder import open_finder, shown, total

# Words that exercise every way the finder matches: prefixes, typing slips, words side by
# side, a phrase of filler words, a word in another sense, everyday words of a need.
MORE_QUERIES = ["calm", "calm dow", "tantrun", "anxeity", "kicking off", "won't come in",
                "keeps herself to herself", "lies all the time", "sensory breaks",
                "social stories", "ELSA", "self-harm", "xyzzyqq", "the and of", ""]


def first_file(site: Path) -> dict:
    return json.loads((site / "finder" / "finder-data.json").read_text(encoding="utf-8"))


def pieces_of(site: Path) -> list[Path]:
    return sorted((site / "finder" / "pieces").glob("*/*.json"))


def test_a_small_site_keeps_one_file_and_a_forced_split_makes_pieces(built_site, split_site):
    assert "pieces" not in first_file(built_site)
    assert not (built_site / "finder" / "pieces").exists()
    data = first_file(split_site)
    # The first file holds no strategy's words: those come in the pieces.
    assert not {"id", "title", "text"} & set(data["strategies"])
    kinds = {path.stem.split("-")[0] for path in pieces_of(split_site)}
    assert kinds == {"postings", "pairs", "display", "typing", "shown"}


def ranked(page: Page, queries: list[dict]) -> list:
    return page.evaluate(
        """queries => Promise.all(queries.map(({query, age}) =>
               window.semhFinder.search(query, {age})))""", queries)


def view(page: Page) -> dict:
    """Everything the finder shows: the count line, the results, each filter's count, the
    closest needs when nothing matches, and the address."""
    return {
        "count": page.locator("[data-finder-count]").text_content(),
        "total": total(page),
        "shown": shown(page),
        "titles": page.locator("[data-finder-results] h3").all_text_contents(),
        "options": page.locator("[data-finder-count-for]").evaluate_all(
            "labels => labels.map(l => [l.dataset.finderCountFor, l.textContent])"),
        "nomatch": page.locator("[data-finder-nomatch]").evaluate(
            "box => box.hidden ? '' : box.innerHTML"),
        "url": page.evaluate("location.href").split("/finder/")[1],
    }


@pytest.mark.parametrize("query", [
    "", "?q=kicking%20off", "?q=calm&age=primary&tier=targeted",
    "?q=tummy+ache&need=medically-unexplained-symptoms&need=unhappy-or-stressed",
    "?need=healthy-relationships", "?q=" + quote("xyzzyqq"), "?q=" + quote("😡"),
])
def test_a_shared_link_shows_the_same_view_in_pieces(browser, site_url, split_site_url,
                                                      query):
    views = []
    for url in (site_url, split_site_url):
        context = browser.new_context()
        page = context.new_page()
        errors = open_finder(page, url, query)
        more = page.locator("[data-finder-more]")
        views.append([view(page)])
        if more.is_visible():
            more.click()
            page.wait_for_function("n => document.querySelectorAll("
                                   "'[data-finder-results] > li').length > n",
                                   arg=len(views[-1][0]["shown"]))
            views[-1].append(view(page))
        assert errors == []
        context.close()
    assert views[1] == views[0]


def test_typing_and_filtering_in_pieces_ends_where_one_file_does(browser, site_url,
                                                                  split_site_url):
    views = []
    for url in (site_url, split_site_url):
        context = browser.new_context()
        page = context.new_page()
        open_finder(page, url)
        box = page.locator("input[name=q]")
        box.click()
        box.press_sequentially("anxious about scho")
        page.locator("input[name=age][value=secondary]").check()
        # Typed quickly, the last words' pieces may arrive last: the view is the last one's.
        page.wait_for_function("() => document.querySelector('[data-finder-count]')"
                               ".textContent.includes('with the filters chosen')")
        views.append(view(page))
        context.close()
    assert views[0]["total"] > 0
    assert views[1] == views[0]


def test_a_first_query_fetches_only_the_pieces_it_needs(page, split_site, split_site_url):
    fetched: list[str] = []
    page.on("requestfinished", lambda request: fetched.append(request.url))
    open_finder(page, split_site_url, "?q=kicking%20off")
    names = {url.rsplit("/", 1)[1] for url in fetched if "/finder/pieces/" in url}
    every = {path.name for path in pieces_of(split_site)}
    assert names <= every

    def kind(name: str) -> set[str]:
        return {piece for piece in names if piece.startswith(name + "-")}

    def all_of(name: str) -> set[str]:
        return {piece for piece in every if piece.startswith(name + "-")}

    # Nobody is typing yet: the files for typing wait for someone to.
    assert not {"typing.json", "shown.json"} & names
    # One word searched ("off" is a stop word): no word follows another.
    assert kind("pairs") == set()
    assert 0 < len(kind("postings")) < len(all_of("postings"))
    # Display fields only for the results on screen.
    assert 0 < len(kind("display")) <= len(shown(page))
    assert len(kind("display")) < len(all_of("display"))


def test_once_someone_is_in_the_box_no_word_waits_for_a_piece(browser, site_url,
                                                              split_site_url):
    """The first focus fetches every postings piece and every strategy's display fields at
    once; after that no letter typed fetches anything, and the answers are still the one
    file's."""
    queries = [{"query": query, "age": []} for query in MORE_QUERIES]
    context = browser.new_context()
    page = context.new_page()
    open_finder(page, split_site_url)
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.rsplit("/", 1)[1]))
    page.locator("input[name=q]").click()
    page.wait_for_selector("[data-finder][data-finder-warm]", state="attached")
    assert {"typing.json", "shown.json"} <= set(fetched)
    fetched.clear()
    page.locator("input[name=q]").press_sequentially("lunchtime friendships")
    page.wait_for_function("() => document.querySelector('[data-finder-count]')"
                           ".textContent.includes('lunchtime friendships')")
    warm = ranked(page, queries)
    assert [name for name in fetched if name.endswith(".json")] == []
    context.close()
    context = browser.new_context()
    page = context.new_page()
    open_finder(page, site_url)
    assert warm == ranked(page, queries)
    context.close()
