"""Timings in headless Chromium: the finder and the theme's own search, on one built site.

Every figure is taken inside the page with performance.now(), so it is the browser's own
clock, not the test driver's round trips.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from statistics import median

from playwright.sync_api import Browser

# What people type, letter by letter, for the keystroke timings.
TYPED = ["keeps kicking off", "tummy ache every morning", "won't come in", "can't sit still",
         "self harm", "anxious about school", "ELSA", "meltdowns at lunchtime", "no friends",
         "refuses to follow instructions"]

# Before any page script: keep hold of the theme's search worker and note when it is ready
# (the worker answers its setup message with type 1), and time each keystroke of the finder
# from the key going down to the finder's "finder:results" event.
INSTRUMENT = """
(() => {
  const Native = window.Worker;
  window.__bench = {themeReady: null, worker: null, keystrokes: [], keyDown: null};
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      window.__bench.worker = this;
      this.addEventListener("message", (event) => {
        if (event.data && event.data.type === 1 && window.__bench.themeReady === null) {
          window.__bench.themeReady = performance.now();
        }
      });
    }
  };
  document.addEventListener("keydown", (event) => { window.__bench.keyDown = event.timeStamp; },
                            true);
  document.addEventListener("finder:results", () => {
    if (window.__bench.keyDown !== null) {
      window.__bench.keystrokes.push(performance.now() - window.__bench.keyDown);
      window.__bench.keyDown = null;
    }
  }, true);
})();
"""

THEME_QUERY = """
async (queries) => {
  const worker = window.__bench.worker;
  const times = [];
  for (const query of queries) {
    const start = performance.now();
    await new Promise((resolve) => {
      const answered = (event) => {
        if (event.data && event.data.type === 3) {
          worker.removeEventListener("message", answered);
          resolve();
        }
      };
      worker.addEventListener("message", answered);
      worker.postMessage({type: 2, data: query});
    });
    times.push(performance.now() - start);
  }
  return times;
}
"""


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def page_weight(browser: Browser, url: str, site: Path) -> dict[str, int]:
    """Bytes of every same-site file the finder page loads, as sent and gzipped."""
    context = browser.new_context()
    page = context.new_page()
    loaded: list[str] = []
    page.on("requestfinished", lambda request: loaded.append(request.url))
    page.goto(url + "finder/")
    page.wait_for_selector("[data-finder-ready]", state="attached", timeout=120_000)
    page.wait_for_load_state("networkidle")
    context.close()
    raw = zipped = 0
    for address in set(loaded):
        if not address.startswith(url):
            continue
        path = address.removeprefix(url).split("?")[0].split("#")[0]
        file = site / path / "index.html" if path.endswith("/") or not path else site / path
        if file.is_file():
            data = file.read_bytes()
            raw += len(data)
            zipped += len(gzip.compress(data, 6))
    html = (site / "finder" / "index.html").read_bytes()
    return {"files": len(set(loaded)), "raw": raw, "gzip": zipped, "html_raw": len(html),
            "html_gzip": len(gzip.compress(html, 6))}


def readiness(browser: Browser, url: str, loads: int) -> dict[str, float]:
    """Milliseconds from navigation start: the page parsed (domInteractive), the finder
    showing its first results, the page's DOMContentLoaded, and the theme's search worker
    ready; median of fresh loads."""
    finder, parsed, dom, theme, phases = [], [], [], [], []
    for _ in range(loads):
        context = browser.new_context()  # a cold cache every time
        page = context.new_page()
        page.add_init_script(INSTRUMENT)
        page.goto(url + "finder/")
        page.wait_for_selector("[data-finder-ready]", state="attached", timeout=120_000)
        page.wait_for_function("() => window.__bench.themeReady !== null", timeout=300_000)
        finder.append(page.evaluate(
            "performance.getEntriesByName('finder-ready')[0].startTime"))
        navigation = page.evaluate(
            """() => { const n = performance.getEntriesByType('navigation')[0];
                       return [n.domInteractive, n.domContentLoadedEventEnd]; }""")
        parsed.append(navigation[0])
        dom.append(navigation[1])
        theme.append(page.evaluate("window.__bench.themeReady"))
        phases.append(page.evaluate(
            """() => Object.fromEntries(['finder-start', 'finder-data', 'finder-index']
                   .map(name => [name, performance.getEntriesByName(name)[0].startTime]))"""))
        context.close()
    return {"finder_ready": median(finder), "dom_interactive": median(parsed),
            "dom_content_loaded": median(dom),
            "theme_ready": median(theme),
            **{name: median([p[name] for p in phases]) for name in phases[0]}}


def keystrokes(browser: Browser, url: str, rounds: int = 3) -> dict[str, float]:
    """Key down to the finder's results in the page, for every letter of TYPED typed `rounds`
    times, and the theme's search worker answering the same queries whole."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(INSTRUMENT)
    page.goto(url + "finder/")
    page.wait_for_selector("[data-finder-ready]", state="attached", timeout=120_000)
    page.wait_for_function("() => window.__bench.themeReady !== null", timeout=300_000)
    box = page.locator("input[name=q]")
    for query in TYPED * rounds:
        box.click()
        page.keyboard.press("Control+A")
        page.keyboard.press("Backspace")
        page.keyboard.type(query)
    times = page.evaluate("window.__bench.keystrokes")
    theme = page.evaluate(THEME_QUERY, TYPED)
    context.close()
    return {"keystrokes": len(times), "median": median(times), "p95": p95(times),
            "theme_query_median": median(theme), "theme_query_p95": p95(theme)}
