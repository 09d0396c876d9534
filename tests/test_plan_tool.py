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
        # Pressed once the plan is kept (the first press fetches the plan's schema).
        expect(button).to_have_attribute("aria-pressed", "true")
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


def a_plan(**fields) -> dict:
    """A whole plan as the page keeps it: blank, with `fields`."""
    plan = {"id": "plan-1", "name": "Plan 1", "initials": "", "strengths": "", "child_says": "",
            "parents_say": "", "needs": [], "need_notes": "", "level_check": None,
            "targets": [{field: "" for field in ("target", "school", "home", "child", "who",
                                                 "how_often", "review_date")}],
            "strategies": [], "do_started": "", "do_notes": "", "review_worked": "",
            "review_next": "", "parents_agreed": False, "review_notes": ""}
    return {**plan, **fields}


def a_copy(plans: list[dict], **fields) -> bytes:
    return json.dumps({"kind": "semh-plan", "version": 1, "saved_on": "2026-05-01",
                       "current": "plan-1", "plans": plans, **fields}).encode()


BAD_FILES = {
    "not-json.json": (b"Dear parents,", "is not a copy saved by this site: it is not a JSON file."),
    # A plan whose level-of-need check is an empty descriptor: it would break every later load.
    "descriptors.json": (a_copy([a_plan(level_check={"descriptors": [{}]})]),
                         "descriptors.json cannot be opened: plans › item 1 › level_check should "
                         "have the field “level”, which is missing"),
    "no-plans.json": (a_copy([]), "no-plans.json cannot be opened: plans is a list of 0 items; it "
                                  "should have at least 1 item."),
    "twice.json": (a_copy([a_plan(), a_plan(name="Again")]),
                   "twice.json cannot be opened: two plans have the id “plan-1”."),
    "proto.json": (a_copy([a_plan(constructor="x")]),
                   "proto.json cannot be opened: plans › item 1 has the field “constructor”, which "
                   "this site does not know."),
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


def open_copy(page, name: str, text: bytes) -> None:
    page.set_input_files("[data-import]", files=[{"name": name, "mimeType": "application/json",
                                                 "buffer": text}])


def test_opening_a_plan_that_differs_asks_and_each_choice_can_be_undone(context, site_url):
    page = context.new_page()
    open_plan(page, site_url)
    page.fill("#plan-initials", "CD")
    page.fill("#plan-strengths", "Kind to younger children")
    page.wait_for_function("() => (localStorage.getItem('semh:plan') || '').includes('younger')")
    on_page = {"#plan-initials": "CD", "#plan-strengths": "Kind to younger children",
               "#plan-child-says": ""}
    # The same plan (plan-1) in the file: initials both fill in, strengths only the page
    # does, what the child says only the file does.
    copy = a_copy([a_plan(initials="AB", child_says="Too loud at lunch")])
    question = ("Open p.json? It holds 1 plan: “Plan 1” is also on this page, and 3 answers "
                "differ (1 only the file fills in, 1 only this page fills in and 1 both fill in, "
                "differently).")
    message = page.locator("[data-plan-message]")
    undo = page.get_by_role("button", name="Undo opening the file")

    def shown():
        return {box: page.locator(box).input_value() for box in on_page}

    def ask():
        open_copy(page, "p.json", copy)
        expect(message).to_have_text(question)
        expect(page.get_by_role("heading", name="Open p.json?")).to_be_focused()
        assert shown() == on_page

    ask()
    page.get_by_role("button", name="Cancel: leave this page as it is").click()
    expect(message).to_have_text("The file was not opened. Nothing on this page was changed.")
    assert shown() == on_page

    ask()
    assert "takes the file’s only where this page’s box is empty (1 answer)" in \
        page.inner_text("[data-open-choice]")
    page.get_by_role("button", name="Keep this page’s answers").click()
    expect(message).to_have_text("Opened “Plan 1” from p.json. This page kept its own answers "
                                 "and took 1 answer from the file.")
    assert shown() == {**on_page, "#plan-child-says": "Too loud at lunch"}
    expect(undo).to_be_focused()
    undo.click()
    expect(message).to_have_text("Undone: the plans are as they were before the file was opened.")
    assert shown() == on_page
    assert "Too loud" not in stored(page)

    ask()
    page.get_by_role("button", name="Replace this page’s plan").click()
    assert shown() == {"#plan-initials": "AB", "#plan-strengths": "",
                       "#plan-child-says": "Too loud at lunch"}
    page.wait_for_function("() => localStorage.getItem('semh:plan').includes('Too loud')")
    undo.click()
    assert shown() == on_page
    page.wait_for_function("() => !localStorage.getItem('semh:plan').includes('Too loud')")
    expect(undo).to_be_hidden()

    # A plan the page does not have is added without asking, and can be undone until the
    # next change.
    open_copy(page, "other.json", a_copy([a_plan(id="plan-7", name="Autumn, EF")]))
    expect(message).to_have_text("Opened “Autumn, EF” from other.json.")
    assert page.locator("[data-plan-choose] option").count() == 2
    expect(undo).to_be_visible()
    page.fill("#plan-initials", "EF")
    expect(undo).to_be_hidden()


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
    open_copy(page, "p.json", a_copy([a_plan(initials="ZZ")]))  # and the question on opening
    expect(page.locator("[data-open-choice]")).to_be_visible()
    assert axe_violations(page) == []
    context.close()


def plan_kept(page) -> dict:
    return json.loads(stored(page))["data"]


def test_two_pages_edit_one_plan_and_neither_loses_what_was_typed(context, site_url):
    """Two tabs of one browser on /plan/: each save puts only its own changes onto what is
    kept, each tab brings in the other's, and words typed in one box in both are kept both."""
    context.clock.install()
    one, two = context.new_page(), context.new_page()
    for page in (one, two):
        open_plan(page, site_url)
    # Time stands still: typing waits to be kept until both tabs have typed.
    context.clock.pause_at(one.evaluate("Date.now()") + 1000)
    one.fill("#plan-strengths", "Kind to younger children")
    two.fill("#plan-child-says", "It is too loud")
    one.fill("#plan-need-notes", "After lunch")
    two.fill("#plan-need-notes", "In PE")
    two.check("[data-field-need][value=unhappy-or-stressed]")
    one.click("[data-target-add]")  # a button's change is kept at once
    one.fill("#target-2-target", "Join a club")
    two.fill("#target-1-target", "Settle after lunch")
    # Time goes on: each tab keeps what it typed, and brings in what the other kept.
    context.clock.resume()
    kept_both = ("() => ['Join a club', 'It is too loud', 'Settle after lunch', 'After lunch', 'In PE']"
                 ".every(words => localStorage.getItem('semh:plan').includes(words))")
    one.wait_for_function(kept_both)
    plan = plan_kept(one)["plans"][0]
    assert plan["strengths"] == "Kind to younger children"
    assert plan["child_says"] == "It is too loud"
    assert sorted(plan["need_notes"].split("\n")) == ["After lunch", "In PE"]
    assert plan["needs"] == ["unhappy-or-stressed"]
    assert [t["target"] for t in plan["targets"]] == ["Settle after lunch", "Join a club"]
    for page in (one, two):
        expect(page.locator("#plan-strengths")).to_have_value("Kind to younger children")
        expect(page.locator("#plan-child-says")).to_have_value("It is too loud")
        expect(page.locator("#plan-need-notes")).to_have_value(plan["need_notes"])
        expect(page.locator("#target-2-target")).to_have_value("Join a club")
        expect(page.locator("#target-1-target")).to_have_value("Settle after lunch")
        expect(page.locator("[data-field-need][value=unhappy-or-stressed]")).to_be_checked()


def test_add_to_plan_on_another_page_while_the_plan_is_open_is_kept(context, site_url):
    plan_page, other = context.new_page(), context.new_page()
    open_plan(plan_page, site_url)
    plan_page.fill("#plan-initials", "JB")
    plan_page.fill("#plan-strengths", "Drawing")  # not kept yet when the button is pressed
    added = add_from(other, site_url, "strategies/key-adult-and-pace/",
                     other.locator("[data-add-to-plan]"))
    # The open plan shows it at once, with its words, and its next save keeps it.
    expect(plan_page.locator("[data-plan-strategy]")).to_have_count(1)
    expect(plan_page.locator("[data-plan-strategy] blockquote")).not_to_contain_text("Fetching")
    assert shown_strategies(plan_page) == [added]
    plan_page.fill("#plan-do-notes", "Started")
    plan_page.wait_for_function("() => localStorage.getItem('semh:plan').includes('Started')")
    plan = plan_kept(plan_page)["plans"][0]
    assert (plan["strategies"], plan["initials"], plan["strengths"]) == ([added], "JB", "Drawing")
    # Taken out on the other page while the plan is open: gone from it too.
    other.locator("[data-add-to-plan]").click()
    expect(other.locator("[data-add-to-plan]")).to_have_attribute("aria-pressed", "false")
    expect(plan_page.locator("[data-plan-strategy]")).to_have_count(0)
    assert plan_kept(plan_page)["plans"][0]["strengths"] == "Drawing"


# localStorage as a browser with little room left has it: anything over 3,000 characters is
# refused, as Chromium refuses what is over its quota.
QUOTA = """(() => {
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(value).length > 3000) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    return setItem.call(this, key, value);
  };
})();"""


def test_an_import_the_browser_will_not_keep_is_reported_and_stays_on_the_page(browser, site_url,
                                                                              tmp_path):
    context = browser.new_context(accept_downloads=True)
    context.add_init_script(QUOTA)
    try:
        page = context.new_page()
        open_plan(page, site_url)
        page.fill("#plan-initials", "CD")
        page.wait_for_function("() => (localStorage.getItem('semh:plan') || '').includes('CD')")
        before = stored(page)
        big = a_plan(id="plan-9", name="Big plan", strengths="x" * 3000)
        page.set_input_files("[data-import]", files=[{
            "name": "big.json", "mimeType": "application/json", "buffer": a_copy([big])}])
        message = page.locator("[data-plan-message]")
        expect(message).to_have_text(
            "Opened “Big plan” from big.json, but this browser would not keep it: its storage is "
            "full or turned off. It stays on this page: save a copy to keep it before you leave "
            "or reload the page.")
        assert stored(page) == before
        expect(page.locator("#plan-strengths")).to_have_value("x" * 3000)
        # Typing more is not kept either, and the page keeps saying so.
        page.fill("#plan-do-notes", "More")
        expect(message).to_contain_text("This browser would not keep your answers")
        # Reloading asks first, and staying keeps it all on the page.
        asked = []
        page.once("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
        page.evaluate("location.reload()")
        page.wait_for_timeout(500)
        assert asked == ["beforeunload"]
        expect(page.locator("#plan-strengths")).to_have_value("x" * 3000)
        # Saved as a file, it is safe: the page lets go without asking.
        with page.expect_download() as download:
            page.click("[data-export=json]")
        download.value.save_as(tmp_path / "big.json")
        assert json.loads((tmp_path / "big.json").read_text())["plans"][0]["do_notes"] == "More"
        page.reload()
        expect(page.locator("html[data-plan-ready]")).to_be_attached()
        expect(page.locator("#plan-initials")).to_have_value("CD")
        assert stored(page) == before
    finally:
        context.close()


def test_plans_kept_by_a_newer_site_are_left_alone_and_each_page_says_why(context, site_url):
    page = context.new_page()
    newer = json.dumps({"version": 7, "data": {"children": [{"initials": "EF"}]}})
    page.goto(site_url)
    page.evaluate("text => localStorage.setItem('semh:plan', text)", newer)
    open_plan(page, site_url)
    notice = page.locator("[data-kept-problem]")
    expect(notice).to_contain_text("This browser keeps support plans saved by a newer version of "
                                   "this site (format 7); this page reads format 1 and older. They "
                                   "are left as they are")
    expect(notice.locator("[data-kept-start-again]")).to_be_hidden()
    page.fill("#plan-initials", "GH")
    page.click("[data-target-add]")
    page.wait_for_timeout(600)
    assert stored(page) == newer
    # What was typed is kept nowhere, so leaving asks first.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    # "Add to plan" elsewhere changes nothing, and says so beside the button.
    button = page.locator("[data-add-to-plan]")
    page.goto(site_url + "strategies/key-adult-and-pace/")
    button.click()
    expect(page.locator("[data-add-to-plan-note]")).to_contain_text(
        "Nothing was added: the support plans in this browser were saved by a newer version")
    expect(button).to_have_attribute("aria-pressed", "false")
    # Nor does the level-of-need check.
    page.goto(site_url + "levels/check/")
    page.check("[data-level-descriptor='level-1/0']")
    page.click("[data-level-save]")
    expect(page.locator("[data-level-message]")).to_contain_text(
        "Nothing was saved: the support plans in this browser were saved by a newer version")
    assert stored(page) == newer
    assert asked == ["beforeunload"]


DAMAGED = {
    # Saved into a plan, a level-of-need check with an empty descriptor broke /plan/ on load.
    "a broken level-of-need check": (
        {"version": 1, "data": {"current": "plan-1", "plans": [
            a_plan(initials="KL", level_check={"descriptors": [{}]})]}},
        "plans › item 1 › level_check should have the field “level”, which is missing"),
    "plans that are not a list": ({"version": 1, "data": {"current": "plan-1", "plans": "KL"}},
                                  "plans should be a list, not text"),
    "not JSON": ("{plans", "it is not JSON"),
}


@pytest.mark.parametrize("name", list(DAMAGED))
def test_damaged_plans_in_the_browser_are_kept_as_they_are_and_can_be_saved(context, site_url,
                                                                           name):
    value, problem = DAMAGED[name]
    text = value if isinstance(value, str) else json.dumps(value)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url)
    page.evaluate("text => localStorage.setItem('semh:plan', text)", text)
    open_plan(page, site_url)
    notice = page.locator("[data-kept-problem]")
    expect(notice).to_contain_text("The support plans kept in this browser cannot be read")
    expect(notice).to_contain_text(problem)
    # The page works; what is kept stays as it was.
    page.fill("#plan-initials", "MN")
    page.click("[data-target-add]")
    expect(page.locator("#target-2-target")).to_be_visible()
    assert stored(page) == text
    # What was typed is kept nowhere, so leaving asks first.
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.accept()))
    # "Add to plan" elsewhere changes nothing, and says why.
    page.goto(site_url + "strategies/key-adult-and-pace/")
    page.locator("[data-add-to-plan]").click()
    expect(page.locator("[data-add-to-plan-note]")).to_contain_text(
        "Nothing was added: the support plans kept in this browser cannot be read.")
    assert stored(page) == text
    assert asked == ["beforeunload"]
    # Saved as a file just as it is kept, then let go.
    open_plan(page, site_url)
    with page.expect_download() as download:
        page.click("[data-kept-save-raw]")
    assert download.value.suggested_filename.startswith("support-plans-as-kept-")
    assert Path(download.value.path()).read_text(encoding="utf-8") == text
    expect(notice).to_contain_text("They are saved as a file")
    page.click("[data-kept-start-again]")
    expect(notice).to_be_hidden()
    page.fill("#plan-initials", "OP")
    page.wait_for_function("() => (localStorage.getItem('semh:plan') || '').includes('OP')")
    assert plan_kept(page)["plans"][0]["initials"] == "OP"
    assert errors == []
