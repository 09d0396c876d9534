"""Keyboard-only use, in a real browser: a skip link first, every control reached by Tab in
order, focus always visible and never trapped, and every abbreviation explained on focus.
Also the page structure a screen reader navigates by: one h1, no skipped heading levels."""

from __future__ import annotations

import pytest

from site_pages import one_page_per_template, page_paths

# Everything the browser puts in the tab order, once per radio group, that a reader can see.
TAB_STOPS_JS = """
() => {
  const focusable = 'a[href], area[href], button, input:not([type="hidden"]), select, '
    + 'textarea, summary, iframe, [tabindex], [contenteditable="true"]';
  const radioGroups = new Set();
  window.__tabStops = [...document.querySelectorAll(focusable)].filter((el) => {
    if (el.tabIndex < 0 || el.disabled || el.closest("[inert]")) return false;
    if (!el.checkVisibility({visibilityProperty: true})) return false;
    if (el.type === "radio") {
      const group = document.querySelectorAll(`input[type="radio"][name="${el.name}"]`);
      const chosen = [...group].find((radio) => radio.checked) || group[0];
      if (el !== chosen || radioGroups.has(el.name)) return false;
      radioGroups.add(el.name);
    }
    return true;
  });
  return window.__tabStops.length;
}
"""

# What has focus now, whether a sighted keyboard user can see where it is (WCAG 2.4.7) and
# whether the sticky header hides it (WCAG 2.4.11). A hidden radio button shows its focus on
# the label drawn for it.
FOCUS_JS = """
async (settle) => {
  // Focus styles fade in: on a second look, look once the fades (at most a second) are over.
  if (settle) {
    const fades = Promise.all(document.getAnimations()
      .filter((a) => a.playState === "running" && a.effect.getTiming().iterations !== Infinity)
      .map((a) => a.finished.catch(() => null)));
    await Promise.race([fades, new Promise((done) => setTimeout(done, 1000))]);
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const describe = (node) => {
    const text = (node.getAttribute("aria-label") || node.textContent || node.value || "")
      .trim().replace(/\\s+/g, " ").slice(0, 40);
    return `<${node.tagName.toLowerCase()}${node.id ? " id=" + node.id : ""}> "${text}"`;
  };
  const shown = [el, ...(el.labels || []), el.nextElementSibling].filter((node) => {
    if (!node || (node !== el && node.tagName !== "LABEL")) return false;
    const box = node.getBoundingClientRect();
    return box.width > 0 && box.height > 0
      && node.checkVisibility({opacityProperty: true, visibilityProperty: true});
  });
  const problems = [];
  if (!shown.length) {
    problems.push("takes focus but cannot be seen");
  } else {
    const ring = shown.some((node) => {
      const style = getComputedStyle(node);
      return (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2)
        || style.boxShadow !== "none";
    });
    if (!ring) problems.push("shows no focus indicator");
    const seen = shown.some((node) => {
      const box = node.getBoundingClientRect();
      const points = [[0.5, 0.5], [0.2, 0.2], [0.8, 0.2], [0.2, 0.8], [0.8, 0.8]];
      return points.some(([x, y]) => {
        const hit = document.elementFromPoint(box.left + box.width * x, box.top + box.height * y);
        return hit && (node.contains(hit) || hit.contains(node));
      });
    });
    if (!seen) problems.push("is covered or off screen while it has focus");
  }
  const index = (window.__tabStops || []).indexOf(el);
  const closed = el.tagName === "SUMMARY" && !el.parentElement.open;
  return {index, description: describe(el), problems, closed};
}
"""


def tab_through(page, steps: int,
                open_closed_sections: bool = False) -> tuple[list[dict], bool]:
    """Press Tab until focus leaves the page or comes round to where it started, or `steps`
    run out; with `open_closed_sections`, press Enter on each closed <summary> on the way, as
    a reader looking for something would. Returns what had focus at each press and whether
    focus came out at the end."""
    reached = []
    for _ in range(steps):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS, False)
        if focus and focus["problems"]:
            focus = page.evaluate(FOCUS_JS, True)
        if focus is None or (reached and focus["index"] >= 0
                             and focus["index"] == reached[0]["index"]):
            return reached, True
        if open_closed_sections and focus["closed"]:
            page.keyboard.press("Enter")
        reached.append(focus)
    return reached, False


def keyboard_problems(page) -> list[str]:
    """Tab through the whole page from the top and say what goes wrong."""
    stops = page.evaluate(TAB_STOPS_JS)
    reached, came_out = tab_through(page, steps=stops + 20)
    problems = [f"{focus['description']} {problem}"
                for focus in reached for problem in focus["problems"]]
    if not came_out:
        problems.append(f"focus is trapped: {stops + 20} presses of Tab never left the page "
                        f"(stuck around {reached[-1]['description']})")
    missed = set(range(stops)) - {focus["index"] for focus in reached}
    # A control the page took out of the tab order on the way (the theme's "back to top"
    # button comes and goes with scrolling) is not missed.
    names = page.evaluate("""indexes => indexes.map((i) => window.__tabStops[i])
      .filter((el) => el.tabIndex >= 0 && el.checkVisibility({visibilityProperty: true}))
      .map((el) => el.outerHTML.slice(0, 120))""", sorted(missed))
    if names:
        problems.append("Tab never reaches: " + "; ".join(names))
    order = [focus["index"] for focus in reached if focus["index"] >= 0]
    if order != sorted(order):
        problems.append("Tab moves through the page out of reading order")
    return problems


def test_tab_reaches_every_control_with_visible_focus_on_every_kind_of_page(page, built_site,
                                                                              site_url):
    problems = {}
    for path in one_page_per_template(built_site):
        # A fresh tab each time, so every walk starts from the top of a page. The walk looks
        # at where focus ends up, not at fades: with less motion asked for, there are none.
        tab = page.context.new_page()
        tab.emulate_media(reduced_motion="reduce")
        tab.set_viewport_size({"width": 1280, "height": 800})
        tab.goto(site_url + path)
        found = keyboard_problems(tab)
        tab.close()
        if found:
            problems[path or "/"] = found
    assert not problems, "\n".join(f"{path}:\n  " + "\n  ".join(found)
                                   for path, found in problems.items())


def test_the_keyboard_check_catches_a_trap_a_hidden_focus_and_an_unreachable_link(page,
                                                                                   site_url):
    page.goto(site_url + "about/")
    page.evaluate("""() => {
      const article = document.querySelector("article");
      article.insertAdjacentHTML("afterbegin",
        '<a href="#x" id="no-ring">No ring</a>'
        + '<a href="#y" tabindex="1">Jumps the queue</a>'
        + '<input id="trap" aria-label="Trap">');
      document.getElementById("trap").addEventListener("keydown", (event) => {
        if (event.key === "Tab") event.preventDefault();
      });
      const style = document.createElement("style");
      style.textContent = "#no-ring:focus-visible { outline: none !important; "
        + "box-shadow: none !important; }";
      document.head.append(style);
    }""")
    found = "\n".join(keyboard_problems(page))
    assert '"No ring" shows no focus indicator' in found
    assert "focus is trapped" in found and "stuck around <input id=trap>" in found
    assert "Tab never reaches: " in found and "sources and credits" in found
    assert "out of reading order" in found


def test_the_finder_works_with_the_keyboard_alone(page, site_url):
    """The finder's contract: a search box named q, filters in fieldsets with legends, and
    results inside [data-finder-results], each with data-strategy-id."""
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "finder/")
    page.wait_for_selector("[data-finder]:not([hidden])")
    stops = page.evaluate(TAB_STOPS_JS)
    before_search = []
    for _ in range(stops):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_JS, False)
        if focus is None or page.evaluate("document.activeElement.name") == "q":
            break
        before_search.append(focus["description"])
    assert page.evaluate("document.activeElement.name") == "q", (
        f"Tab from the top never reached the finder's search box: {before_search}")

    page.keyboard.type("worried about school")
    page.wait_for_selector("[data-finder-results] [data-strategy-id]")
    legends = page.eval_on_selector_all(
        "[data-finder] fieldset",
        "sets => sets.map(set => (set.querySelector('legend')?.textContent || '').trim())")
    assert legends and all(legends), f"every group of filters needs a legend: {legends}"

    # Mark every filter and every result, note which of them focus lands in, and Tab on from
    # the search box until focus leaves the page.
    expected = page.evaluate("""() => {
      const marked = [
        ...document.querySelectorAll("[data-finder] fieldset :is(input, select)"),
        ...document.querySelectorAll("[data-finder-results] [data-strategy-id]"),
      ];
      marked.forEach((el, i) => { el.dataset.check = String(i); });
      document.addEventListener("focusin", (event) => {
        const hit = event.target.closest("[data-check]");
        if (hit) hit.dataset.focused = "yes";
      });
      return marked.map((el) => el.dataset.strategyId || el.name + "=" + el.value);
    }""")
    after_search, came_out = tab_through(page, steps=len(expected) * 8 + 100,
                                         open_closed_sections=True)
    assert came_out, "focus is trapped in the finder"
    problems = [f"{focus['description']} {problem}"
                for focus in after_search for problem in focus["problems"]]
    assert not problems, "\n".join(problems)
    missed = page.evaluate("""() => [...document.querySelectorAll("[data-check]")]
      .filter((el) => el.dataset.focused !== "yes")
      .map((el) => el.dataset.strategyId || el.name + "=" + el.value)""")
    assert not missed, f"Tab never reaches these filters or results: {missed}"
    assert len(expected) > len(legends), "the search found no result to reach"

    # A filter is operated from the keyboard: focus it, Space ticks it, the results follow.
    first_filter = "[data-finder] fieldset input[type=checkbox]"
    page.focus(first_filter)
    count_before = page.inner_text("[data-finder-count]")
    page.keyboard.press("Space")
    assert page.is_checked(first_filter)
    page.wait_for_function(
        "before => document.querySelector('[data-finder-count]').textContent !== before",
        arg=count_before)


# --- on every page: skip link, headings, abbreviations ------------------------------------

SKIP_LINK_JS = """
() => {
  const link = document.activeElement;
  const heading = document.querySelector("h1");
  return {
    text: link && link.tagName === "A" ? link.textContent.trim() : null,
    target: link && link.tagName === "A" ? link.getAttribute("href") : null,
    heading: heading ? "#" + heading.id : null,
  };
}
"""

# After the skip link: the main heading is on screen, not under the header, and the next Tab
# goes on from there rather than from the top of the page.
AFTER_SKIP_JS = """
() => {
  const heading = document.querySelector("h1");
  const box = heading.getBoundingClientRect();
  const hit = document.elementFromPoint(box.left + 4, box.top + box.height / 2);
  const next = document.activeElement;
  return {
    headingVisible: Boolean(hit && heading.contains(hit)),
    nextIsAfterHeading: Boolean(next && next !== document.body
      && heading.compareDocumentPosition(next) & Node.DOCUMENT_POSITION_FOLLOWING),
  };
}
"""

HEADINGS_JS = """
() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .filter((heading) => heading.checkVisibility())
  .map((heading) => [Number(heading.tagName[1]), heading.textContent.trim().slice(0, 60)])
"""

# Each abbreviation on show, focused without a mouse: is it in the tab order, and does its
# tooltip appear, inside the window, with the expansion in it?
ABBREVIATIONS_JS = """
() => [...document.querySelectorAll("abbr")]
  .filter((abbr) => abbr.checkVisibility())
  .map((abbr) => {
    abbr.focus({preventScroll: true});
    const tip = document.getElementById(abbr.getAttribute("aria-describedby") || "");
    const box = tip ? tip.getBoundingClientRect() : null;
    return {
      term: abbr.textContent.trim(),
      inTabOrder: abbr.tabIndex >= 0 && document.activeElement === abbr,
      tip: tip ? tip.textContent.trim() : null,
      shown: Boolean(tip && tip.checkVisibility() && box.width > 0 && box.left >= 0
        && box.right <= document.documentElement.clientWidth),
    };
  })
"""


def heading_problems(headings: list[tuple[int, str]]) -> list[str]:
    """One h1, first; no level skipped on the way down (an h2 may follow an h4)."""
    levels = [level for level, _ in headings]
    problems = []
    if levels.count(1) != 1:
        problems.append(f"has {levels.count(1)} h1 headings, not one")
    if levels and levels[0] != 1:
        problems.append(f"starts with an h{levels[0]}, not the h1")
    for (before, _), (level, text) in zip(headings, headings[1:]):
        if level > before + 1:
            problems.append(f"skips from h{before} to h{level} at {text!r}")
    return problems


def test_heading_problems_finds_skipped_levels_and_extra_h1s():
    assert heading_problems([(1, "Title"), (2, "A"), (3, "B"), (2, "C"), (3, "D")]) == []
    assert heading_problems([(1, "Title"), (3, "B")]) == ["skips from h1 to h3 at 'B'"]
    assert heading_problems([(2, "A"), (1, "Title"), (1, "Again")]) == [
        "has 2 h1 headings, not one", "starts with an h2, not the h1"]


@pytest.fixture(scope="module")
def every_page(browser, built_site, site_url) -> dict[str, dict]:
    """Each page visited once by keyboard: what the skip link does, its headings, and what
    each abbreviation shows on focus."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    facts = {}
    for path in page_paths(built_site):
        page.goto(site_url + path)
        page.keyboard.press("Tab")
        skip = page.evaluate(SKIP_LINK_JS)
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        skip.update(page.evaluate(AFTER_SKIP_JS))
        facts[path or "/"] = {"skip": skip, "headings": page.evaluate(HEADINGS_JS),
                              "abbreviations": page.evaluate(ABBREVIATIONS_JS)}
    context.close()
    return facts


def test_every_page_starts_with_a_skip_link_to_its_main_heading(every_page):
    problems = []
    for path, facts in every_page.items():
        skip = facts["skip"]
        if skip["text"] != "Skip to content" or skip["target"] != skip["heading"]:
            problems.append(f"{path}: the first Tab reaches {skip['text']!r} -> "
                            f"{skip['target']!r}, not a skip link to {skip['heading']!r}")
        elif not skip["headingVisible"] or not skip["nextIsAfterHeading"]:
            problems.append(f"{path}: after the skip link the main heading is not on screen, "
                            "or the next Tab goes back to the top")
    assert not problems, "\n".join(problems)


def test_every_page_has_one_h1_and_no_skipped_heading_level(every_page):
    problems = [f"{path}: {problem}" for path, facts in every_page.items()
                for problem in heading_problems(facts["headings"])]
    assert not problems, "\n".join(problems)


def test_every_abbreviation_shows_its_expansion_on_keyboard_focus(every_page, site):
    expansions = {term.term: term.expansion for term in site.glossary}
    problems = []
    for path, facts in every_page.items():
        for abbr in facts["abbreviations"]:
            if not abbr["inTabOrder"]:
                problems.append(f"{path}: {abbr['term']} cannot be reached with Tab")
            elif not abbr["shown"] or abbr["tip"] != expansions.get(abbr["term"]):
                problems.append(f"{path}: {abbr['term']} shows {abbr['tip']!r} on focus, not "
                                f"{expansions.get(abbr['term'])!r}")
    assert not problems, "\n".join(problems)
    assert sum(len(facts["abbreviations"]) for facts in every_page.values()) > len(every_page)


def test_escape_hides_an_abbreviation_tooltip_and_keeps_the_focus(page, site_url):
    page.goto(site_url + "about/")
    for _ in range(100):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    tip = page.locator("abbr:focus + [role=tooltip]")
    assert tip.is_visible()
    assert tip.inner_text() == "Social, Emotional and Mental Health"
    page.keyboard.press("Escape")
    assert not tip.is_visible()
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
