"""The finder reads everyday words the way they are meant: a phrase of filler words, a word
the councils use in another sense, a phrase typed as a phrase, and the words a strategy's
own text holds."""

from __future__ import annotations

from urllib.parse import quote

from playwright.sync_api import expect

from test_finder import open_finder, shown


def ids(page, text: str, top: int = 40) -> list[str]:
    return page.evaluate("async ([text, top]) => (await window.semhFinder.search(text))"
                         ".slice(0, top).map(r => r.id)", [text, top])


def needs_of_first(page, text: str, top: int = 5) -> list[str]:
    return page.evaluate("async ([text, top]) => (await window.semhFinder.search(text))"
                         ".slice(0, top).map(r => r.needs)", [text, top])


def test_a_phrase_made_only_of_filler_words_finds_its_need(page, site_url):
    open_finder(page, site_url, "?q=" + quote("keeps herself to herself"))
    expect(page.locator("[data-finder-count]")).not_to_contain_text("No searchable words")
    first = shown(page)[:5]
    assert first and all("withdrawn-or-isolated" in r["needs"].split() for r in first)


def test_the_filler_words_of_such_a_phrase_still_find_nothing_on_their_own(page, site_url):
    open_finder(page, site_url, "?q=" + quote("herself"))
    expect(page.locator("[data-finder-count]")).to_contain_text("No searchable words")


def test_lies_as_in_lying_does_not_find_what_lies_behind_behaviour(page, site_url):
    open_finder(page, site_url)
    assert "understand-what-lies-behind" not in ids(page, "lies all the time", top=1000)
    assert all("behaviours-that-challenge" in needs for needs in needs_of_first(page, "lies all the time"))
    assert ids(page, "what lies behind behaviour")[0] == "understand-what-lies-behind"
    # Typed last, "lies" may yet be followed by "behind": found, but after lying.
    he_lies = ids(page, "he lies", top=1000)
    assert "understand-what-lies-behind" in he_lies
    assert all("behaviours-that-challenge" in needs for needs in needs_of_first(page, "he lies"))


def test_the_anti_bullying_work_comes_first_for_bullying(page, site_url):
    open_finder(page, site_url)
    for text in ["being bullied", "bullying", "bullied"]:
        assert ids(page, text)[0] == "anti-bullying-work", text


def test_a_strategy_holding_the_typed_words_as_typed_ranks_above_one_holding_them_apart(
        page, site_url):
    # One says "trusted adult", the other "an adult they trust".
    open_finder(page, site_url)
    typed = ids(page, "trusted adult")
    assert typed.index("elsa-sessions-with-trusted-adult") < typed.index("key-adult-relationship")
    reversed_ = ids(page, "adult they trust")
    assert reversed_.index("key-adult-relationship") < reversed_.index("elsa-sessions-with-trusted-adult")


def test_within_a_need_the_strategy_whose_own_words_match_comes_first(page, site_url):
    open_finder(page, site_url)
    assert ids(page, "cuts herself")[0] == "self-harm-substitutes"
    assert ids(page, "sand timer")[0] in {"calming-scripts", "visual-timetable-and-cues"}
