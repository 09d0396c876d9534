"""The level-of-need check (/levels/check/) in Chromium: ticks, the level they point to by the
levels document's own rules, and saving the result into a support plan."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from test_accessibility import AXE, PALETTES, axe_violations
from test_keyboard import keyboard_problems


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
