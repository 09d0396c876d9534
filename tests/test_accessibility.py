"""WCAG 2.2 AA in a real browser, on every page of the built site.

axe-core runs every WCAG 2.0, 2.1 and 2.2 rule at levels A and AA on every page, once in the
light palette and once in the dark one. Then every page is laid out as a phone (320 CSS px),
at 200% zoom on a 1280 px screen, and with the WCAG 1.4.12 text spacing, and must neither
scroll sideways nor clip or overlap any text.
"""

from __future__ import annotations

import pytest

from conftest import ROOT
from site_pages import TEXT_SPACING_CSS, page_paths

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_OPTIONS = {
    "runOnly": {"type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]},
    # A best-practice rule, not a WCAG one, but the theme is known to break it: its search
    # box sits in a dialog without a name.
    "rules": {"aria-dialog-name": {"enabled": True}},
    "resultTypes": ["violations"],
}
# Material's value of data-md-color-scheme for each palette of mkdocs.yml.
PALETTES = {"light": "default", "dark": "slate"}

# Sideways scrolling, and text cut off or drawn over other text, as a reader would see it.
# Text inside a container that scrolls (a wide table) is reachable, so it is not "cut off";
# text wholly beside a clipping box is a closed side panel (a menu level), not a cut line.
LAYOUT_PROBLEMS_JS = """
() => {
  const problems = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) {
    problems.push(`scrolls sideways: ${root.scrollWidth}px of content in ${root.clientWidth}px`);
  }
  const describe = (node) => `"${node.textContent.trim().replace(/\\s+/g, " ").slice(0, 50)}"`;
  const styles = new Map();
  const style = (el) => styles.get(el) || styles.set(el, getComputedStyle(el)).get(el);
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  for (let node = walker.nextNode(), id = 0; node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest("script, style, noscript, template")) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    range.selectNodeContents(node);
    const text = range.getBoundingClientRect();
    // Off the side of the window is a closed drawer, which a reader opens to see.
    if (text.width < 1 || text.height < 1 || text.right <= 0 || text.left >= root.clientWidth) {
      continue;
    }
    id += 1;
    if (style(el).textOverflow === "ellipsis" && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`cut short with an ellipsis: ${describe(el)}`);
    }
    for (let box = el; box && box !== document.body; box = box.parentElement) {
      const s = style(box);
      const clipX = ["hidden", "clip"].includes(s.overflowX);
      const clipY = ["hidden", "clip"].includes(s.overflowY);
      if (!clipX && !clipY) continue;
      const b = box.getBoundingClientRect();
      const beside = text.right <= b.left || text.left >= b.right;
      if (b.width < 1 || b.height < 1 || beside) break;
      if ((clipX && (text.left < b.left - 1 || text.right > b.right + 1))
          || (clipY && (text.top < b.top - 1 || text.bottom > b.bottom + 1))) {
        problems.push(`cut off: ${describe(el)}`);
        break;
      }
    }
    for (const line of range.getClientRects()) {
      if (line.width >= 1 && line.height >= 1) boxes.push({id, el, line});
    }
  }
  // Lines of different text that cover each other by more than a couple of pixels.
  boxes.sort((a, b) => a.line.top - b.line.top);
  const open = [];
  for (const box of boxes) {
    for (let i = open.length - 1; i >= 0; i--) {
      if (open[i].line.bottom <= box.line.top + 2) open.splice(i, 1);
    }
    for (const other of open) {
      if (other.id === box.id) continue;
      const width = Math.min(other.line.right, box.line.right)
        - Math.max(other.line.left, box.line.left);
      const height = Math.min(other.line.bottom, box.line.bottom)
        - Math.max(other.line.top, box.line.top);
      if (width > 2 && height > 2) {
        problems.push(`text overlaps: ${describe(other.el)} and ${describe(box.el)}`);
      }
    }
    open.push(box);
  }
  return [...new Set(problems)];
}
"""


def axe_violations(page) -> list[str]:
    """Every axe violation on the page once its transitions end, one line per element."""
    # Colours measured halfway through a fade are neither the old nor the new ones.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    violations = page.evaluate("options => axe.run(document, options).then(r => r.violations)",
                               AXE_OPTIONS)
    return [f"{violation['id']} ({violation['help']}) at {node['target']}: "
            f"{node['failureSummary']}"
            for violation in violations for node in violation["nodes"]]


def layout_problems(page) -> list[str]:
    return page.evaluate(LAYOUT_PROBLEMS_JS)


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{path or '/'}:\n  " + "\n  ".join(found)
                     for path, found in problems.items())


@pytest.fixture(params=list(PALETTES), ids=list(PALETTES))
def palette_page(request, browser):
    """A tab that prefers the palette's colour scheme, with axe-core loaded into every page."""
    context = browser.new_context(color_scheme=request.param)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    yield request.param, page
    context.close()


def test_axe_finds_no_violation_on_any_page_in_either_palette(palette_page, built_site,
                                                                site_url):
    palette, page = palette_page
    problems = {}
    for path in page_paths(built_site):
        page.goto(site_url + path)
        scheme = page.get_attribute("body", "data-md-color-scheme")
        found = axe_violations(page)
        if scheme != PALETTES[palette]:
            found.insert(0, f"shows the {scheme!r} palette, not the {palette} one")
        if found:
            problems[path] = found
    assert not problems, report(problems)


def test_the_open_search_and_its_results_have_no_violation(palette_page, site_url):
    palette, page = palette_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url)
    page.click("label.md-header__button[for=__search]")
    page.keyboard.type("anger")
    page.wait_for_selector(".md-search-result__item")
    assert page.is_visible(".md-search__input")
    assert page.get_attribute("body", "data-md-color-scheme") == PALETTES[palette]
    found = axe_violations(page)
    assert not found, "\n".join(found)


def test_the_accessibility_checks_catch_what_they_look_for(page, site_url):
    """The harness itself: a page broken on purpose fails every check above."""
    page.context.add_init_script(path=str(AXE))
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site_url + "about/")
    page.evaluate("""() => {
      const article = document.querySelector("article");
      article.insertAdjacentHTML("beforeend",
        '<img src="../assets/logo.svg"><p style="color: #aaa">Pale text</p>'
        + '<div role="dialog"><p>Unnamed</p></div>'
        + '<p style="width: 600px">Too wide</p>'
        + '<p style="height: 1em; overflow: hidden">Cut off<br> here</p>'
        + '<p style="height: 1em">Spills<br> over</p><p>Underneath</p>');
    }""")
    found_by_axe = " ".join(axe_violations(page))
    for rule in ("image-alt", "color-contrast", "aria-dialog-name"):
        assert rule in found_by_axe
    found_in_layout = " ".join(layout_problems(page))
    assert "scrolls sideways" in found_in_layout
    assert 'cut off: "Cut off here"' in found_in_layout
    assert 'text overlaps: "Spills over" and "Underneath"' in found_in_layout


LAYOUTS = {
    # WCAG 1.4.10: 1280 px at 400% zoom is 320 CSS px.
    "phone-320px": ({"viewport": {"width": 320, "height": 640}}, None),
    # 1280 x 720 at 200% zoom: 640 x 360 CSS px, each drawn with two device pixels.
    "zoom-200%": ({"viewport": {"width": 640, "height": 360}, "device_scale_factor": 2}, None),
    "text-spacing": ({"viewport": {"width": 1280, "height": 720}}, TEXT_SPACING_CSS),
}


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_every_page_reflows_without_sideways_scroll_or_hidden_text(layout, browser, built_site,
                                                                      site_url):
    options, extra_css = LAYOUTS[layout]
    context = browser.new_context(**options)
    page = context.new_page()
    problems = {}
    try:
        for path in page_paths(built_site):
            page.goto(site_url + path)
            if extra_css:
                page.add_style_tag(content=extra_css)
            found = layout_problems(page)
            if found:
                problems[path] = found
    finally:
        context.close()
    assert not problems, report(problems)
