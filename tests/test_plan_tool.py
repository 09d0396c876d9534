"""The support plan (/plan/) and its "Add to plan" buttons, used in Chromium as a person would:
adding strategies wherever they are shown, filling the plan in, reloading, coming back in a new
browser session, saving a copy and opening it again, printing, and by keyboard alone."""

from __future__ import annotations

import io
import json
from pathlib import Path
from urllib.parse import urlsplit

import jsonschema
import pypdf
import pytest
from playwright.sync_api import expect

from conftest import ROOT
from generator import plan as plan_files
from generator.schemas_plan import plan_schema
from test_accessibility import AXE, PALETTES, axe_violations
from test_keyboard import keyboard_problems

FIXTURES = Path(__file__).parent / "fixtures" / "plan"
PAST, FUTURE = "2020-01-15", "2099-06-30"

# Every field of the plan page, with what a teacher might type.
ANSWERS = {
    "#plan-name": "Spring term, JB",
    "#plan-initials": "JB",
    "#plan-strengths": "Loves drawing dragons and is kind to younger children",
    "#plan-child-says": "It is too loud at lunchtime",
    "#plan-parents-say": "Sleeps badly before school days",
    "#plan-need-notes": "Mostly after lunch and in PE",
    "#plan-do-started": "2026-09-08",
    "#plan-do-notes": "First fortnight went smoothly",
    "#plan-review-worked": "The quiet space after lunch helped most days",
    "#plan-review-notes": "SENCO to ask the parents about a LIFT discussion",
}
TARGET = {
    "target": "Settle after lunch",
    "school": "offering a quiet space and a check-in",
    "home": "talking about one good thing each day",
    "child": "use the quiet space when it gets loud",
    "who": "Mrs Patel (TA)",
    "how-often": "Every school day",
}


@pytest.fixture
def context(browser, site_url):
    """A browser context that notes any request to another origin."""
    context = browser.new_context(accept_downloads=True)
    context.foreign = []
    own = urlsplit(site_url).netloc

    def note(request):
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != own:
            context.foreign.append(request.url)

    context.on("request", note)
    yield context
    assert context.foreign == [], "requests to another origin"
    context.close()


def open_plan(page, site_url):
    page.goto(site_url + "plan/")
    expect(page.locator("html[data-plan-ready]")).to_be_attached()


def stored(page):
    return page.evaluate("localStorage.getItem('semh:plan')")


def add_from(page, site_url, path, button):
    page.goto(site_url + path)
    expect(button).to_be_visible()
    strategy = button.get_attribute("data-add-to-plan")
    expect(button).to_have_attribute("aria-pressed", "false")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    return strategy


def add_strategies(page, site_url, count=3) -> list[str]:
    page.goto(site_url + "strategies/")
    ids = []
    for button in page.locator("[data-add-to-plan]").all()[:count]:
        button.click()
        ids.append(button.get_attribute("data-add-to-plan"))
    return ids


def fill_plan(page):
    for selector, value in ANSWERS.items():
        page.fill(selector, value)
    page.check("[data-field-need][value=behaviours-that-challenge]")
    page.check("[data-field-need][value=unhappy-or-stressed]")
    page.check("input[name=review_next][value=drop-in-or-lift]")
    page.check("[data-field=parents_agreed]")
    for field, value in TARGET.items():
        page.fill(f"#target-1-{field}", value)
    page.fill("#target-1-review-date", PAST)
    page.click("[data-target-add]")
    page.fill("#target-2-target", "Join a lunchtime club")
    page.fill("#target-2-review-date", FUTURE)


def assert_plan_shown(page, strategies):
    for selector, value in ANSWERS.items():
        expect(page.locator(selector)).to_have_value(value)
    expect(page.locator("[data-field-need]:checked")).to_have_count(2)
    expect(page.locator("input[name=review_next][value=drop-in-or-lift]")).to_be_checked()
    expect(page.locator("[data-field=parents_agreed]")).to_be_checked()
    for field, value in TARGET.items():
        expect(page.locator(f"#target-1-{field}")).to_have_value(value)
    expect(page.locator("#target-1-review-date")).to_have_value(PAST)
    expect(page.locator("#target-2-target")).to_have_value("Join a lunchtime club")
    assert shown_strategies(page) == strategies


def shown_strategies(page):
    return page.locator("[data-plan-strategy]").evaluate_all(
        "items => items.map(item => item.dataset.planStrategy)")


def test_add_to_plan_is_beside_strategies_in_the_finder_need_strategy_and_all_pages(
        context, site_url):
    page = context.new_page()
    added = [
        add_from(page, site_url, "finder/?q=kicking%20off",
                 page.locator("[data-finder-results] [data-add-to-plan]").first),
        add_from(page, site_url, "needs/attention-difficulties/",
                 page.locator("[data-add-to-plan]").nth(2)),
        add_from(page, site_url, "strategies/key-adult-and-pace/",
                 page.locator("[data-add-to-plan]")),
        # The last list on the All strategies page: strategies by need, not the cards.
        add_from(page, site_url, "strategies/", page.locator("li [data-add-to-plan]").last),
    ]
    assert len(set(added)) == 4
    open_plan(page, site_url)
    assert shown_strategies(page) == added
    # Each chosen strategy shows the council's words and where they come from.
    first = page.locator("[data-plan-strategy]").first
    expect(first.locator("blockquote")).not_to_be_empty()
    expect(first.locator(".semh-source")).to_contain_text("Source: Wiltshire OPAL")
    # Pressed again, a button takes its strategy out.
    page.goto(site_url + "strategies/key-adult-and-pace/")
    button = page.locator("[data-add-to-plan]")
    expect(button).to_have_attribute("aria-pressed", "true")
    # Said in words on screen too, not by colour alone.
    assert "In the plan" in button.evaluate("b => getComputedStyle(b, '::before').content")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    open_plan(page, site_url)
    assert shown_strategies(page) == [added[0], added[1], added[3]]


def test_without_javascript_no_button_shows_and_the_plan_is_a_blank_form(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "strategies/")
    assert page.locator("[data-add-to-plan]").count() > 50
    assert page.locator("[data-add-to-plan]:visible").count() == 0
    page.goto(site_url + "plan/")
    expect(page.locator("#plan-initials")).to_be_visible()
    expect(page.locator("#target-1-school")).to_be_visible()
    expect(page.locator("[data-plan-controls]")).to_be_hidden()
    context.close()


def test_a_plan_is_kept_saved_and_opened_again_with_every_answer(context, site_url, built_site,
                                                                tmp_path):
    page = context.new_page()
    strategies = add_strategies(page, site_url, 3)
    open_plan(page, site_url)
    fill_plan(page)
    expect(page.locator("#target-1-due")).to_have_text(
        "Review due: this target’s review date has passed.")
    expect(page.locator("#target-2-due")).to_have_text("")

    # Reordered by keyboard: the second strategy moved up, then the last taken out.
    page.locator("[data-plan-strategy]").nth(1).locator("[data-strategy-move=up]").focus()
    page.keyboard.press("Enter")
    strategies[0], strategies[1] = strategies[1], strategies[0]
    assert shown_strategies(page) == strategies
    # Focus stays on the strategy that moved, so it can be moved again.
    assert page.evaluate("document.activeElement.closest('[data-plan-strategy]').dataset"
                         ".planStrategy") == strategies[0]
    page.locator("[data-plan-strategy]").nth(2).locator("[data-strategy-remove]").focus()
    page.keyboard.press("Enter")
    strategies.pop()
    assert shown_strategies(page) == strategies

    page.reload()
    expect(page.locator("html[data-plan-ready]")).to_be_attached()
    assert_plan_shown(page, strategies)
    expect(page.locator("#target-1-due")).to_contain_text("Review due")

    # A new browser session with the same storage: the plan is still there.
    later = context.browser.new_context(storage_state=context.storage_state(),
                                        accept_downloads=True)
    again = later.new_page()
    open_plan(again, site_url)
    assert_plan_shown(again, strategies)
    later.close()

    with page.expect_download() as download:
        page.click("[data-export=json]")
    saved = tmp_path / "plan.json"
    download.value.save_as(saved)
    copy = json.loads(saved.read_text(encoding="utf-8"))
    published = json.loads((built_site / "data/schema/plan.schema.json").read_text())
    assert published == plan_schema()
    jsonschema.validate(copy, published)
    assert copy["kind"] == "semh-plan" and copy["plans"][0]["initials"] == "JB"

    page.click("[data-plan-delete]")
    expect(page.locator("[data-plan-delete-question]")).to_contain_text("Spring term, JB")
    page.click("[data-plan-delete-yes]")
    expect(page.locator("#plan-initials")).to_have_value("")
    assert shown_strategies(page) == []

    page.set_input_files("[data-import]", saved)
    expect(page.locator("[data-plan-message]")).to_contain_text("Opened “Spring term, JB”")
    assert_plan_shown(page, strategies)
    page.reload()
    expect(page.locator("html[data-plan-ready]")).to_be_attached()
    assert_plan_shown(page, strategies)


BAD_FILES = {
    "not-json.json": (b"Dear parents,", "is not a copy saved by this site: it is not a JSON file."),
    "audit.json": (json.dumps({"kind": "semh-audit", "version": 1}).encode(),
                   "was saved by another tool (semh-audit), not this one."),
    "newer.json": (json.dumps({"kind": "semh-plan", "version": 9, "plans": []}).encode(),
                   "it was saved by a newer version of this site (format 9)"),
    "unknown.json": (None, "this site has no strategy “no-such-strategy”"),
}


@pytest.mark.parametrize("name", list(BAD_FILES))
def test_a_bad_file_is_refused_with_a_message_and_changes_nothing(context, site_url, name):
    text, expected = BAD_FILES[name]
    if text is None:
        copy = json.loads((FIXTURES / "plan-format-0.json").read_text())
        copy["strategies"] = ["key-adult-and-pace", "no-such-strategy"]
        text = json.dumps(copy).encode()
    page = context.new_page()
    open_plan(page, site_url)
    page.fill("#plan-initials", "CD")
    page.locator("#plan-initials").blur()
    page.wait_for_function("() => (localStorage.getItem('semh:plan') || '').includes('CD')")
    before = stored(page)
    page.set_input_files("[data-import]", files=[{"name": name, "mimeType": "application/json",
                                                 "buffer": text}])
    message = page.locator("[data-plan-message]")
    expect(message).to_contain_text(name)
    expect(message).to_contain_text(expected)
    expect(message).to_contain_text("Nothing was changed.")
    assert stored(page) == before
    expect(page.locator("#plan-initials")).to_have_value("CD")


def test_an_older_saved_copy_and_older_stored_plans_still_open(context, site_url):
    page = context.new_page()
    open_plan(page, site_url)
    page.set_input_files("[data-import]", FIXTURES / "plan-format-0.json")
    expect(page.locator("[data-plan-message]")).to_contain_text("Opened “Autumn plan for AB”")
    expect(page.locator("#plan-initials")).to_have_value("AB")
    expect(page.locator("#target-1-how-often")).to_have_value("daily")
    assert shown_strategies(page) == ["key-adult-and-pace"]

    # The same older format kept in the browser by an older site.
    old = json.loads((FIXTURES / "plan-format-0.json").read_text())
    del old["kind"], old["version"]
    page.evaluate("data => localStorage.setItem('semh:plan', JSON.stringify({version: 0, data}))",
                  old)
    open_plan(page, site_url)
    expect(page.locator("#plan-name")).to_have_value("Autumn plan for AB")
    expect(page.locator("#plan-do-notes")).to_have_value("Started well")


def test_several_plans_are_kept_renamed_and_deleted(context, site_url):
    page = context.new_page()
    open_plan(page, site_url)
    page.fill("#plan-name", "Plan for AB")
    page.fill("#plan-initials", "AB")
    page.click("[data-plan-new]")
    expect(page.locator("#plan-name")).to_be_focused()
    expect(page.locator("#plan-initials")).to_have_value("")
    page.fill("#plan-name", "Plan for CD")
    page.fill("#plan-initials", "CD")
    chooser = page.locator("[data-plan-choose]")
    expect(chooser.locator("option")).to_have_text(["Plan for AB", "Plan for CD"])

    chooser.select_option(label="Plan for AB")
    expect(page.locator("#plan-initials")).to_have_value("AB")
    page.fill("#plan-name", "AB, summer")  # renamed
    expect(chooser.locator("option")).to_have_text(["AB, summer", "Plan for CD"])

    page.click("[data-plan-delete]")
    page.click("[data-plan-delete-no]")  # thought better of it
    expect(chooser.locator("option")).to_have_count(2)
    page.click("[data-plan-delete]")
    page.click("[data-plan-delete-yes]")
    expect(chooser.locator("option")).to_have_text(["Plan for CD"])
    expect(page.locator("#plan-initials")).to_have_value("CD")
    page.reload()
    expect(page.locator("html[data-plan-ready]")).to_be_attached()
    expect(chooser.locator("option")).to_have_text(["Plan for CD"])


def test_the_printed_plan_has_every_answer_no_navigation_and_fits_two_pages(context, site_url):
    page = context.new_page()
    strategies = add_strategies(page, site_url, 4)
    open_plan(page, site_url)
    fill_plan(page)
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert len(pdf.pages) <= 2, f"{len(pdf.pages)} pages"
    for value in [*ANSWERS.values(), *TARGET.values(), "Behaviour that challenges",
                  "Review due"]:
        if "-" in value[:5]:  # dates print as the browser shows them
            continue
        assert value in text, value
    titles = page.locator("[data-plan-strategy] .semh-plan-strategy__title").all_inner_texts()
    assert len(titles) == len(strategies) and all(title in text for title in titles)
    for chrome in ("Skip to content", "Strategy finder", "Glossary", "Self-audit",
                   "Save a copy", "Add a target", "Move down", "kept only in this browser"):
        assert chrome not in text, chrome


def test_a_plan_fetches_the_words_of_its_own_strategies_and_no_others(context, site_url,
                                                                      built_site):
    page = context.new_page()
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url.removeprefix(site_url)))
    open_plan(page, site_url)
    assert [url for url in fetched if url.endswith(".json")] == [], "an empty plan fetches no data"

    strategies = add_strategies(page, site_url, 3)
    fetched.clear()
    open_plan(page, site_url)
    expect(page.locator("[data-plan-strategy]")).to_have_count(3)
    piece = {id: f"{plan_files.PIECES}/{plan_files.piece_of(id):02x}.json" for id in strategies}
    assert sorted(url for url in fetched if url.endswith(".json")) == sorted(set(piece.values()))
    for id, item in zip(strategies, page.locator("[data-plan-strategy]").all()):
        words = json.loads((built_site / piece[id]).read_text())[id]["text"]
        expect(item.locator("blockquote")).to_have_text(words)
    written = list((built_site / plan_files.PIECES).glob("*.json"))
    assert len(written) == plan_files.PIECE_COUNT, "every piece is written, an empty one too"


def test_the_plan_works_by_keyboard_alone(context, site_url):
    page = context.new_page()
    page.emulate_media(reduced_motion="reduce")
    add_strategies(page, site_url, 2)
    open_plan(page, site_url)
    page.focus("#plan-name")
    page.keyboard.press("Control+A")
    page.keyboard.type("Keyboard plan")
    page.focus("[data-target-add]")
    page.keyboard.press("Enter")
    expect(page.locator("#target-2-target")).to_be_focused()
    page.keyboard.type("Ask for help")
    for _ in range(7):
        page.keyboard.press("Tab")
    expect(page.locator("#target-2-review-date")).to_be_focused()
    remove = page.locator("[data-target] >> nth=1 >> [data-target-remove]")
    for _ in range(3):  # a date box takes a Tab for each of day, month and year
        page.keyboard.press("Tab")
    expect(remove).to_be_focused()
    page.keyboard.press("Space")
    expect(page.locator("[data-target]")).to_have_count(1)
    # From the top of the page, Tab reaches every control in order, with a visible ring.
    open_plan(page, site_url)
    expect(page.locator("#plan-name")).to_have_value("Keyboard plan")
    assert keyboard_problems(page) == []


@pytest.mark.parametrize("palette", list(PALETTES))
def test_the_filled_in_plan_has_no_accessibility_violation(browser, site_url, palette):
    context = browser.new_context(color_scheme=palette)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    add_strategies(page, site_url, 3)
    page.goto(site_url + "levels/check/")
    page.check("[data-level-descriptor='level-1/0']")
    page.check("[data-level-area='level-1/0/2']")
    page.click("[data-level-save]")
    open_plan(page, site_url)
    fill_plan(page)
    page.click("[data-plan-delete]")  # the confirmation showing too
    assert axe_violations(page) == []
    context.close()
