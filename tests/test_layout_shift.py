"""Nothing on any page moves while it loads, on a phone's screen or a laptop's.

Chromium's own layout-shift entries (a PerformanceObserver of 'layout-shift', buffered, so
from the first paint on) are added up for every page of the built site, at 390 and 1280 CSS
px wide. The sum of every shift is at least the page's cumulative layout shift, and must stay
under 0.02.

A page's module scripts are deferred: a browser may run them before its first paint or after
it. On a fast machine they usually run before, and what they show or hide moves nothing on
screen; on a slow phone the page is painted first and moves when they run (Lighthouse saw
the support plan move by 0.19). So each module here starts only after the page's first
frame, as on a slow phone, and every load shows what a phone shows.
"""

from __future__ import annotations

import pytest

from site_pages import page_paths

# Not is_mobile: with it Chromium sometimes paints a page first at another size, and reports
# no shift for what then moves.
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 3, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
LIMIT = 0.02
# Pages whose scripts put their parts on the page after it loads, and what says they are done.
DRAWN = {"audit/": "[data-audit-shown]", "finder/": "[data-finder][data-finder-ready]",
         "plan/": "html[data-plan-ready]"}

# Every shift from the first paint on, with what moved, read after the next two frames (a
# shift is reported after the frame it happens in).
SHIFTS_JS = """
() => new Promise((resolve) => {
  const shifts = [];
  const name = (node) => node ? `${node.nodeName.toLowerCase()}${node.id ? "#" + node.id : ""}`
    + `${node.className && typeof node.className === "string" ? "." + node.className.trim().split(/\\s+/).join(".") : ""}` : "?";
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      shifts.push([entry.value, (entry.sources || []).map((source) => name(source.node))]);
    }
  }).observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(shifts))));
})
"""


# Put before a module's code: it runs once Chromium reports the page's first paint.
AFTER_FIRST_FRAME = """await new Promise((go) => new PerformanceObserver((list, observer) => {
  observer.disconnect(); setTimeout(go);
}).observe({type: "paint", buffered: true}));
"""


def after_first_frame(route):
    """Module scripts (fetched in CORS mode; classic ones are not) start after a frame."""
    if route.request.all_headers().get("sec-fetch-mode") != "cors":
        route.continue_()
        return
    response = route.fetch()
    route.fulfill(response=response, body=AFTER_FIRST_FRAME + response.text())


def shifts_of(page, url: str, path: str) -> list:
    # From a blank page: a link within the site would keep showing the page before until
    # the new one is drawn (Chromium's paint holding), which a reader arriving from a search
    # engine or a shared link never sees.
    page.goto("about:blank")
    page.goto(url + path, wait_until="networkidle")
    if path in DRAWN:
        page.wait_for_selector(DRAWN[path], state="attached")
    return page.evaluate(SHIFTS_JS)


@pytest.fixture(params=[PHONE, LAPTOP], ids=["phone", "laptop"])
def phone_like_page(request, browser):
    context = browser.new_context(**request.param)
    context.route("**/*.js", after_first_frame)
    page = context.new_page()
    yield page
    context.close()


def test_no_page_moves_as_it_loads(phone_like_page, built_site, site_url):
    moved = {}
    paths = page_paths(built_site)
    assert "plan/" in paths and len(paths) > 100
    for path in paths:
        shifts = shifts_of(phone_like_page, site_url, path)
        if sum(value for value, _ in shifts) >= LIMIT:
            moved[path or "/"] = shifts
    assert not moved, "\n".join(
        f"{path}: {sum(value for value, _ in shifts):.3f}, "
        + "; ".join(f"{value:.3f} moving {', '.join(sources)}" for value, sources in shifts)
        for path, shifts in moved.items())
