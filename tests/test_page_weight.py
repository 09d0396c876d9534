"""Nothing is sent to a reader that their page does not need: the header search index every
page downloads, and the finder page, hold no strategy; lunr.js and our own stylesheets are
sent minified."""

from __future__ import annotations

import html
import json
import re
from importlib import resources
from pathlib import Path

import pytest

from conftest import ROOT

# A strategy's words shorter than this can be a phrase the hand-written pages use too
# ("emotionally based school avoidance"), so only longer ones count as the strategy's.
OWN_WORDS = 8
# The most strategies one section of a hand-written page quotes as examples.
QUOTED_BY_ONE_SECTION = 2


def read_json(built_site: Path, path: str):
    return json.loads((built_site / path).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def strategies(built_site) -> list[dict]:
    return read_json(built_site, "data/strategies.json")


@pytest.fixture(scope="module")
def search_docs(built_site) -> list[dict]:
    return read_json(built_site, "search/search_index.json")["docs"]


def own_words(strategies: list[dict]) -> list[tuple[str, str]]:
    found = [(s["id"], s["text"]) for s in strategies if len(s["text"].split()) >= OWN_WORDS]
    assert len(found) > len(strategies) / 2
    return found


def test_the_header_search_index_holds_no_strategy_page(search_docs, strategies):
    pages = {doc["location"].split("#")[0] for doc in search_docs}
    assert pages.isdisjoint(s["url"] for s in strategies)
    # The glossary quotes a strategy where it shows how a council uses a term; a section
    # holding more than that, or the index holding a tenth of them, is strategies leaking in.
    quoted = set()
    for doc in search_docs:
        held = [strategy_id for strategy_id, text in own_words(strategies) if text in doc["text"]]
        assert len(held) <= QUOTED_BY_ONE_SECTION, (doc["location"], held)
        quoted.update(held)
    assert len(quoted) < len(strategies) / 10, sorted(quoted)


def test_the_header_search_index_still_holds_every_need_page(search_docs, built_site):
    texts = {doc["location"]: doc["text"] for doc in search_docs}
    for need in read_json(built_site, "data/needs.json"):
        assert need["url"] in texts, need["id"]
        assert need["summary"] in texts[need["url"]], need["id"]


def test_the_finder_page_holds_no_strategy(built_site, strategies):
    page = html.unescape((built_site / "finder" / "index.html").read_text(encoding="utf-8"))
    text = re.sub(r"<[^>]+>", "", page)
    for strategy_id, words in own_words(strategies):
        assert words not in text, strategy_id
    for strategy in strategies:
        assert f'/{strategy["url"]}"' not in page and f'"{strategy["url"]}"' not in page


def test_lunr_js_is_sent_minified_with_its_licence(built_site):
    source = resources.files("mkdocs.contrib.search") / "templates" / "search" / "lunr.js"
    original = source.read_text(encoding="utf-8")
    sent = (built_site / "finder" / "lunr.js").read_text(encoding="utf-8")
    assert len(sent) < 0.6 * len(original)
    assert "@license MIT" in sent


def test_our_stylesheets_are_sent_without_their_comments(built_site):
    ours = [path for path in (ROOT / "site_overrides" / "assets").iterdir()
            if path.suffix == ".css"]
    assert len(ours) > 5
    for path in ours:
        source = path.read_text(encoding="utf-8")
        sent = (built_site / "assets" / path.name).read_text(encoding="utf-8")
        assert len(sent) < len(source), path.name
        # No line of a comment reaches the reader (a comment quoting the code aside).
        lines = [line.strip() for line in source.splitlines()]
        commented = ("/*", "* ")
        code = "\n".join(line for line in lines if not line.startswith(commented))
        comments = [line.lstrip("/*").strip() for line in lines if line.startswith(commented)]
        assert comments, path.name
        for words in comments:
            if len(words) > 30 and words not in code:
                assert words not in sent, (path.name, words)


def test_every_image_says_its_size(built_site):
    """An image without width and height moves the page when it arrives."""
    for path in built_site.rglob("*.html"):
        for img in re.findall(r"<img\b[^>]*>", path.read_text(encoding="utf-8")):
            assert re.search(r'\bwidth="\d+"', img) and re.search(r'\bheight="\d+"', img), (
                path.relative_to(built_site), img)


# A phone's screen, as Lighthouse's mobile audit sets it, and a laptop's.
PHONE = {"width": 412, "height": 823}
LAPTOP = {"width": 1280, "height": 720}


@pytest.mark.parametrize("where", ["site_url", "split_site_url"])
@pytest.mark.parametrize("viewport", [LAPTOP, PHONE], ids=["laptop", "phone"])
@pytest.mark.parametrize("query", ["", "?q=kicking%20off"])
def test_nothing_on_the_finder_page_jumps_when_the_results_arrive(browser, request, where,
                                                                   viewport, query):
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    # The layout shifts Chromium reports, kept from the first paint on.
    page.add_init_script("""
        window.semhShifts = [];
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) {
            if (!entry.hadRecentInput) window.semhShifts.push(entry.value);
          }
        }).observe({type: "layout-shift", buffered: true});
    """)
    page.goto(request.getfixturevalue(where) + "finder/" + query)
    page.wait_for_selector("[data-finder][data-finder-ready]", state="attached")
    # Layout shifts are reported after the frame they happen in: wait for the next two.
    shifts = page.evaluate("""new Promise((resolve) => requestAnimationFrame(() =>
        requestAnimationFrame(() => setTimeout(() => resolve(window.semhShifts)))))""")
    context.close()
    # The target for the finder; web.dev counts up to 0.1 as good.
    assert sum(shifts) < 0.02, shifts
