"""The level-of-need check (/levels/check/) in Chromium: ticks, the level they point to by the
levels document's own rules, and saving the result into a support plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.build import check
from test_accessibility import AXE, PALETTES, axe_violations
from test_keyboard import keyboard_problems
from test_validate import KNOWN_NEEDS

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "has_touch": True}


def open_check(page, site_url):
    page.goto(site_url + "levels/check/")
    expect(page.locator("html[data-levels-ready]")).to_be_attached()


def level_shown(page) -> str:
    return page.get_attribute("[data-level-result]", "data-level")


def test_every_descriptor_has_a_checkbox_grouped_by_level(page, site_url, site):
    open_check(page, site_url)
    for level in site.levels:
        group = page.locator(f"#check-level-{level.number}")
        expect(group.locator("legend")).to_have_text(f"Level {level.number}: {level.title}")
        expect(group.locator("[data-level-descriptor]")).to_have_count(len(level.descriptors))
    # The level-2 list of areas is ticked item by item, as the areas they are.
    areas = page.locator("[data-level-area^='level-2/0/']")
    expect(areas).to_have_count(len(site.levels[2].descriptors[0].items))
    expect(page.locator("[data-level-descriptor='level-1/0']").locator("xpath=..")).to_contain_text(
        "There are difficulties in any of the following areas")


def test_the_ticks_point_to_a_level_by_the_documents_rules(page, site_url):
    open_check(page, site_url)
    assert level_shown(page) == ""
    expect(page.locator("[data-level-summary]")).to_have_text("Nothing is ticked yet.")

    page.check("[data-level-descriptor='level-0/1']")
    assert level_shown(page) == "0"
    page.check("[data-level-area='level-1/0/1']")  # friendships
    assert level_shown(page) == "1"

    # Level 2's rule: its first descriptor, and one or more of Level 1's areas.
    page.check("[data-level-descriptor='level-2/0']")
    assert level_shown(page) == "2"
    expect(page.locator("[data-level-summary]")).to_contain_text(
        "point to Level 2: Significant or persistent difficulties")
    expect(page.locator("[data-level-summary]")).to_contain_text("not a diagnosis or a funding decision")

    # Level 3 needs two or more areas: with one, the page says why it is not Level 3.
    page.check("[data-level-descriptor='level-3/0']")
    assert level_shown(page) == "2"
    expect(page.locator("[data-level-notes]")).to_contain_text(
        "1 area is ticked in the lists of Levels 1, 2, and the rule needs 2 or more")
    page.check("[data-level-area='level-2/0/0']")  # withdrawal or isolation
    assert level_shown(page) == "3"

    # A level's other descriptors are shown, never counted.
    page.check("[data-level-descriptor='level-4/6']")
    assert level_shown(page) == "3"
    expect(page.locator("[data-level-notes]")).to_contain_text("Some Level 4 descriptors are ticked, but not its first one")
    ticked = page.locator("[data-level-ticked]")
    for words in ("friendships", "withdrawal or isolation", "school refuser", "Level 4: Severe and profound"):
        expect(ticked).to_contain_text(words)

    # The needs those descriptors mention, with their strategies, and the next step.
    expect(page.locator("[data-level-need=non-attendance]")).to_be_visible()
    expect(page.locator("[data-level-need=withdrawn-or-isolated] a").first).to_have_attribute(
        "href", "../../needs/withdrawn-or-isolated/")
    expect(page.locator("[data-level-next='1']")).to_be_visible()
    expect(page.locator("[data-level-next='1']")).to_contain_text("Parental Agreement to Engage")

    page.reload()  # the ticks are kept
    expect(page.locator("html[data-levels-ready]")).to_be_attached()
    assert level_shown(page) == "3"


def test_the_result_is_saved_into_the_open_plan(page, site_url):
    open_check(page, site_url)
    page.check("[data-level-descriptor='level-2/0']")
    page.check("[data-level-area='level-1/0/9']")  # self-regulation
    page.check("[data-level-descriptor='level-2/1']")
    page.click("[data-level-save]")
    expect(page.locator("[data-level-message]")).to_contain_text("Saved into the Assess section")
    page.click("[data-level-message] a")
    expect(page.locator("html[data-plan-ready]")).to_be_attached()
    check = page.locator("[data-plan-level-check]")
    expect(check).to_be_visible()
    expect(check.locator("[data-plan-level]")).to_have_attribute("data-plan-level", "2")
    expect(check).to_contain_text("point to Level 2")
    expect(check).to_contain_text("self-regulation")
    expect(check).to_contain_text("particular difficulty in focusing on task")
    page.click("[data-level-check-remove]")
    expect(check).to_be_hidden()


def test_the_check_works_by_keyboard_alone(page, site_url):
    page.emulate_media(reduced_motion="reduce")
    open_check(page, site_url)
    page.focus("[data-level-descriptor='level-1/1']")
    page.keyboard.press("Space")
    assert level_shown(page) == "1"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator("[data-level-descriptor='level-1/2']")).to_be_checked()
    page.goto(site_url + "levels/check/")
    expect(page.locator("html[data-levels-ready]")).to_be_attached()
    assert keyboard_problems(page) == []


def test_the_levels_page_links_to_the_check(page, site_url):
    page.goto(site_url + "levels/")
    page.click("text=level-of-need check")
    expect(page).to_have_url(site_url + "levels/check/")


@pytest.mark.parametrize("palette", list(PALETTES))
def test_the_ticked_check_has_no_accessibility_violation(browser, site_url, palette):
    context = browser.new_context(color_scheme=palette)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    open_check(page, site_url)
    for key in ("level-1/0", "level-2/0", "level-3/0", "level-4/3"):
        page.check(f"[data-level-descriptor='{key}']")
    page.check("[data-level-area='level-1/0/4']")
    page.click("[data-level-save]")
    assert axe_violations(page) == []
    context.close()


def kept_ticks(page):
    return page.evaluate("localStorage.getItem('semh:levels-check')")


@pytest.mark.parametrize("text, problem", [
    ('{"version": 1, "data": {"descriptors": 5, "areas": ["level-1/0/1"]}}',
     "descriptors should be a list, not a whole number"),
    ('{"version": 1, "data": {"descriptors": ["level-1/0"], "areas": ["friendships"]}}',
     "areas › item 1 is “friendships”, which is not an item of a descriptor's list"),
    ("[1, 2", "it is not JSON"),
], ids=["not a list", "not a place", "not JSON"])
def test_damaged_ticks_in_the_browser_are_left_alone_and_the_check_still_works(page, site_url,
                                                                              text, problem):
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + "levels/")
    page.evaluate("text => localStorage.setItem('semh:levels-check', text)", text)
    open_check(page, site_url)
    notice = page.locator("[data-kept-problem]")
    expect(notice).to_contain_text("The level-of-need ticks kept in this browser cannot be read")
    expect(notice).to_contain_text(problem)
    page.check("[data-level-descriptor='level-0/1']")
    assert level_shown(page) == "0"
    page.wait_for_timeout(500)
    assert kept_ticks(page) == text
    page.on("dialog", lambda dialog: dialog.accept())
    with page.expect_download() as download:
        page.click("[data-kept-save-raw]")
    assert Path(download.value.path()).read_text(encoding="utf-8") == text
    page.click("[data-kept-start-again]")
    expect(notice).to_be_hidden()
    assert json.loads(kept_ticks(page))["data"] == {"descriptors": ["level-0/1"], "areas": []}
    assert errors == []


def test_two_tabs_of_the_check_show_each_others_ticks(page, site_url):
    one, two = page, page.context.new_page()
    for tab in (one, two):
        open_check(tab, site_url)
    one.check("[data-level-descriptor='level-2/0']")
    two.check("[data-level-area='level-1/0/1']")
    for tab in (one, two):
        expect(tab.locator("[data-level-descriptor='level-2/0']")).to_be_checked()
        expect(tab.locator("[data-level-area='level-1/0/1']")).to_be_checked()
        expect(tab.locator("[data-level-result]")).to_have_attribute("data-level", "2")
    one.wait_for_function("() => (localStorage.getItem('semh:levels-check') || '').includes('level-1/0/1')"
                          " && localStorage.getItem('semh:levels-check').includes('level-2/0')")


def test_saving_into_damaged_plans_changes_nothing_and_says_where_to_look(page, site_url):
    damaged = '{"version": 1, "data": {"current": "plan-1", "plans": []'
    page.goto(site_url + "levels/")
    page.evaluate("text => localStorage.setItem('semh:plan', text)", damaged)
    open_check(page, site_url)
    page.check("[data-level-descriptor='level-1/0']")
    page.click("[data-level-save]")
    expect(page.locator("[data-level-message]")).to_contain_text(
        "Nothing was saved: the support plans kept in this browser cannot be read.")
    page.click("[data-level-message] a")
    expect(page.locator("[data-kept-problem]")).to_contain_text("it is not JSON")
    assert page.evaluate("localStorage.getItem('semh:plan')") == damaged


# --- the answer in view on a phone ----------------------------------------------------------

def in_view(page, selector: str) -> dict:
    """Where an element is, in the window: its top and bottom, and the window's height."""
    return page.evaluate("""(selector) => {
      const box = document.querySelector(selector).getBoundingClientRect();
      return {top: box.top, bottom: box.bottom, height: innerHeight};
    }""", selector)


def test_on_a_phone_the_answer_stays_in_view_while_boxes_far_down_are_ticked(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_check(page, site_url)
    bar = page.locator("[data-level-bar]")
    expect(bar).to_be_hidden()  # nothing to say yet, so it covers nothing
    for box in ("[data-level-area='level-1/0/1']", "[data-level-descriptor='level-2/0']",
                "[data-level-area='level-2/0/0']", "[data-level-descriptor='level-3/0']",
                "[data-level-descriptor='level-4/6']"):
        page.check(box)
        # The box just ticked and the answer in short are on the screen together...
        ticked, shown = in_view(page, box), in_view(page, "[data-level-bar]")
        assert 0 <= ticked["top"] and ticked["bottom"] <= shown["top"]
        assert 0 <= shown["top"] and shown["bottom"] <= shown["height"]
        # ...while the full answer is off the screen, below the boxes.
        assert in_view(page, "#result")["top"] > shown["height"]
    expect(bar).to_contain_text("The ticks point to Level 3: Severe difficulties.")
    expect(bar).to_contain_text("5 boxes ticked.")
    # Read out when the level changes, not at every tick.
    expect(page.locator("[aria-live][data-level-said]")).to_have_text(
        "The ticks point to Level 3: Severe difficulties.")
    bar.get_by_role("link", name="See the full answer").click()
    expect(page.locator("#result")).to_be_in_viewport()
    expect(page.locator("[data-level-summary]")).to_be_in_viewport()
    context.close()


def test_on_a_phone_a_box_reached_with_tab_is_not_behind_the_answer(browser, site_url):
    context = browser.new_context(**PHONE)
    page = context.new_page()
    open_check(page, site_url)
    page.check("[data-level-descriptor='level-1/0']")
    page.focus("[data-level-descriptor='level-1/0']")
    covered = []
    for _ in range(40):
        page.keyboard.press("Tab")
        name = page.evaluate("document.activeElement.dataset.levelArea"
                             " || document.activeElement.dataset.levelDescriptor")
        focused, shown = in_view(page, ":focus"), in_view(page, "[data-level-bar]")
        if focused["bottom"] > shown["top"] or focused["top"] < 0:
            covered.append(name)
    assert covered == []
    context.close()


def test_without_javascript_and_on_paper_there_is_no_answer_in_short(browser, site_url):
    context = browser.new_context(java_script_enabled=False, **PHONE)
    page = context.new_page()
    page.goto(site_url + "levels/check/")
    expect(page.locator("[data-level-bar]")).to_be_hidden()
    expect(page.locator("[data-level-descriptor='level-1/0']")).to_be_visible()
    context.close()
    page = browser.new_page(**PHONE)
    open_check(page, site_url)
    page.check("[data-level-descriptor='level-1/0']")
    expect(page.locator("[data-level-bar]")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("[data-level-bar]")).to_be_hidden()
    page.close()


# --- the needs an area names ----------------------------------------------------------------

def test_ticking_only_friendships_lists_relationships_and_not_school_attendance(page, site_url):
    open_check(page, site_url)
    page.check("[data-level-area='level-1/0/1']")  # friendships
    listed = page.locator("[data-level-need]:visible")
    expect(listed).to_have_count(1)
    expect(listed).to_have_attribute("data-level-need", "healthy-relationships")
    expect(listed).to_contain_text("Difficulty with relationships")
    expect(listed).to_contain_text("Because “friendships” is ticked.")
    expect(page.locator("[data-level-need=non-attendance]")).to_be_hidden()

    page.check("[data-level-area='level-1/0/8']")  # attendance
    expect(page.locator("[data-level-need=non-attendance]")).to_be_visible()
    expect(page.locator("[data-level-need=non-attendance]")).to_contain_text("Because “attendance” is ticked.")
    # An area whose words name none of the site's needs adds none.
    page.uncheck("[data-level-area='level-1/0/8']")
    page.uncheck("[data-level-area='level-1/0/1']")
    page.check("[data-level-area='level-1/0/3']")  # empathy
    expect(page.locator("[data-level-need]:visible")).to_have_count(0)
    expect(page.locator("[data-level-no-needs]")).to_be_visible()


def test_an_unknown_need_on_an_area_is_reported_with_its_line(project):
    levels = project / "content" / "levels.yaml"
    lines = levels.read_text(encoding="utf-8").splitlines()
    index = lines.index('        - words: "friendships"') + 1
    assert lines[index] == "          needs: [healthy-relationships]"
    lines[index] = "          needs: [friendships]"
    levels.write_text("\n".join(lines) + "\n", encoding="utf-8")

    site, problems = check(project)

    assert site is None
    assert [str(p) for p in problems] == [
        f"content/levels.yaml:{index + 1}: need 'friendships' does not exist\n"
        f"    hint: known needs: {KNOWN_NEEDS}"]


def test_an_area_not_in_the_descriptors_list_is_reported_with_its_line(project):
    levels = project / "content" / "levels.yaml"
    lines = levels.read_text(encoding="utf-8").splitlines()
    index = lines.index('        - words: "friendships"')
    lines[index] = '        - words: "friendship"'
    levels.write_text("\n".join(lines) + "\n", encoding="utf-8")

    site, problems = check(project)

    assert site is None
    assert [str(p) for p in problems] == [
        f"content/levels.yaml:{index + 1}: area 'friendship' is not an item of this "
        "descriptor's list\n"
        "    hint: copy one whole item exactly from the descriptor's 'items'"]
