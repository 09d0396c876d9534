"""Timings and bytes in headless Chromium for the three searches on the same content: ours
(the /finder/ page), the header search on every page, and Pagefind.

Every time is taken inside the page with performance.now(), the browser's own clock, not the
driver's round trips. Bytes are counted from what the page received (the Resource Timing
API, plus anything a worker fetched that the page's timeline cannot see), never from knowing
which files a search is made of: the searches may split their data in any way.
"""

from __future__ import annotations

import gzip
import json
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page

# The deep link every system is opened with.
QUERY = "kicking off"

# What people type, letter by letter, for the keystroke timings.
TYPED = ["keeps kicking off", "tummy ache every morning", "won't come in", "can't sit still",
         "self harm", "anxious about school", "ELSA", "meltdowns at lunchtime", "no friends",
         "refuses to follow instructions"]


@dataclass(frozen=True)
class System:
    name: str
    path: str  # the search page, under the site's address
    box: str  # the search box to type into
    wait: int  # longest wait, in ms, for one answer


OURS = System("ours", "finder/", "input[name=q]", 10_000)
# The header search (site_overrides/assets/site-search.js), over the hand-written pages.
HEADER = System("header", "", ".md-search__input", 30_000)
PAGEFIND = System("pagefind", "bench-pagefind/", "input[name=q]", 30_000)
# The same search in the finder's place on the finder's page (bench/pagefind.py).
PAGEFIND_THEMED = System("pagefind-themed", "bench-pagefind-themed/", "#q", 30_000)

# Before any page script. `__bench.first` is when the system's first results are in the
# document; `__bench.signal` the latest answer since the last key went down:
# - ours sends "finder:results" once its results are in the document;
# - the bench's Pagefind pages send "pagefind:results" likewise;
# - the header search sends "site-search:results" likewise.
INSTRUMENT = """
(() => {
  const system = window.__benchSystem;
  performance.setResourceTimingBufferSize(100000);
  const bench = window.__bench = {first: null, keyDown: null, signal: null, keys: []};
  const answered = () => {
    const now = performance.now();
    if (bench.first === null) bench.first = now;
    if (bench.keyDown !== null) bench.signal = now;
  };
  if (system === "ours") document.addEventListener("finder:results", answered, true);
  if (system.startsWith("pagefind")) {
    document.addEventListener("pagefind:results", answered, true);
  }
  if (system === "header") document.addEventListener("site-search:results", answered, true);
  document.addEventListener("keydown", (event) => {
    bench.keyDown = event.timeStamp;
    bench.signal = null;
  }, true);
})();
"""

# One key's answer is in; its time is pushed exactly once.
SETTLED = """
() => {
  const bench = window.__bench;
  if (bench.keyDown === null || bench.signal === null) return false;
  bench.keys.push(bench.signal - bench.keyDown);
  bench.keyDown = null;
  return true;
}
"""

# Every response the page received: its navigation and resources, with when each ended.
RECEIVED = """
() => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
  .map((entry) => ({url: entry.name, end: entry.responseEnd, transfer: entry.transferSize,
                    body: entry.encodedBodySize}))
"""


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 6))


class Files:
    """A served folder's files by address: the local server sends each file as it is and
    does not compress, so a response's body is its file, gzipped here as a host would."""

    def __init__(self, folder: Path, url: str):
        self.folder, self.url = folder, url
        self._sizes: dict[str, tuple[int, int]] = {}

    def path(self, address: str) -> Path | None:
        if not address.startswith(self.url):
            return None
        path = unquote(urlsplit(address).path).lstrip("/")
        file = self.folder / path
        return file / "index.html" if not path or path.endswith("/") or file.is_dir() else file

    def sizes(self, address: str) -> tuple[int, int]:
        """Raw and gzip bytes of the file at `address`."""
        if address not in self._sizes:
            file = self.path(address)
            data = file.read_bytes() if file and file.is_file() else b""
            self._sizes[address] = (len(data), gzipped(data) if data else 0)
        return self._sizes[address]

    def read(self, address: str) -> bytes:
        file = self.path(address)
        return file.read_bytes() if file and file.is_file() else b""


def _open(browser: Browser, system: System, url: str, query: str | None
          ) -> tuple[BrowserContext, Page]:
    """The system's page in a fresh context (a cold cache), with the instrument. A first
    visit has no offline copy, and the copy it asks for after resting would be fetched in
    the middle of the typing measured: service workers are off."""
    context = browser.new_context(service_workers="block")
    page = context.new_page()
    page.add_init_script(f"window.__benchSystem = {json.dumps(system.name)};" + INSTRUMENT)
    address = url + system.path + (f"?q={query.replace(' ', '%20')}" if query else "")
    page.goto(address, wait_until="commit")
    return context, page


def received(page: Page) -> list[dict]:
    """Every response the page and its workers received, with when each ended on the page's
    clock: a worker's timeline has its own origin, and Pagefind fetches from a worker."""
    entries = page.evaluate(RECEIVED)
    origin = page.evaluate("performance.timeOrigin")
    for worker in page.workers:
        try:
            theirs, their_origin = worker.evaluate(f"[({RECEIVED})(), performance.timeOrigin]")
        except Exception:  # a worker that has ended since
            continue
        for entry in theirs:
            entry["end"] += their_origin - origin
        entries += theirs
    return entries


def first_results(browser: Browser, system: System, url: str, files: Files, loads: int
                  ) -> dict:
    """Cold loads of the system's page with the deep link: when its first results are in the
    document, the page's own domInteractive, and the bytes (gzip, every file) it had received
    by then; medians of `loads` loads."""
    firsts, parsed, raw, zipped, counts = [], [], [], [], []
    for _ in range(loads):
        context, page = _open(browser, system, url, QUERY)
        page.wait_for_function("() => window.__bench && window.__bench.first !== null",
                               timeout=system.wait * 5, polling=50)
        first = page.evaluate("window.__bench.first")
        parsed.append(page.evaluate(
            "performance.getEntriesByType('navigation')[0].domInteractive"))
        entries = received(page)
        context.close()
        # A response not yet whole, or served from the cache, is not a byte fetched by then.
        before = [e["url"] for e in entries if 0 < e["end"] <= first and e["transfer"] != 0]
        firsts.append(first)
        raw.append(sum(files.sizes(address)[0] for address in before))
        zipped.append(sum(files.sizes(address)[1] for address in before))
        counts.append(len(before))
    last = [{"url": address.removeprefix(url) or "/", "gzip": files.sizes(address)[1]}
            for address in before]
    return {"fetched": last, "first_results": median(firsts), "first_results_all": firsts,
            "dom_interactive": median(parsed), "bytes_raw": median(raw),
            "bytes_gzip": median(zipped), "files": median(counts)}


def keystrokes(browser: Browser, system: System, url: str, rounds: int = 1,
               budget_s: float = 180) -> dict:
    """Key down to the system's answer being in the document, for every letter of TYPED,
    typed `rounds` times, one letter after the answer to the one before. A system slower
    than `budget_s` for the lot stops at the end of the query it is on: at the largest sizes
    a letter can take seconds (Pagefind's, on a short prefix that matches many words)."""
    context, page = _open(browser, system, url, None)
    if system is PAGEFIND:
        page.wait_for_selector("html[data-ready]", state="attached", timeout=system.wait)
    elif system is OURS:
        page.wait_for_function("() => window.__bench && window.__bench.first !== null",
                               timeout=system.wait, polling=50)
    else:
        page.wait_for_load_state("domcontentloaded")  # the header search's module has run
    box = page.locator(system.box)
    box.click()
    # Typing starts once each can answer from what it fetches when someone is in its box:
    # the finder, in pieces, every postings piece; the header search, its index.
    if system is OURS:
        page.wait_for_selector("[data-finder][data-finder-warm]", state="attached",
                               timeout=system.wait)
    elif system is HEADER:
        page.wait_for_selector("[data-site-search][data-site-search-ready]", state="attached",
                               timeout=system.wait)
    missed = 0
    start = time.perf_counter()
    for query in TYPED * rounds:
        if time.perf_counter() - start > budget_s:
            break
        box.fill("")
        page.wait_for_timeout(50)
        page.evaluate("window.__bench.keyDown = null")
        for letter in query:
            page.keyboard.type(letter)
            try:
                page.wait_for_function(SETTLED, timeout=system.wait, polling="raf")
            except Exception:
                missed += 1
    times = page.evaluate("window.__bench.keys")
    context.close()
    return {"keystrokes": len(times), "missed": missed, "median": median(times),
            "p95": p95(times), "max": max(times)}


def page_loads(browser: Browser, url: str, files: Files, pages: dict[str, str],
               titles: list[str]) -> dict[str, dict]:
    """What each page fetches at load, once the network has been quiet for a second: every
    file, and which of them carry strategy data or a search index (a JSON file, or any file
    but the page itself holding several strategies' titles)."""
    found = {}
    for name, path in pages.items():
        context = browser.new_context(service_workers="block")
        page = context.new_page()
        page.goto(url + path, wait_until="load")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        entries = received(page)
        context.close()
        listed = []
        addresses = [e["url"] for e in entries if e["transfer"] != 0]
        for number, address in enumerate(addresses):
            raw, zipped = files.sizes(address)
            flagged = False
            if number > 0:  # the page's own HTML is its content
                data = files.read(address)
                text = data.decode("utf-8", "replace")
                holds = sum(1 for title in titles if title in text)
                flagged = address.split("?")[0].endswith(".json") or holds >= 3
            listed.append({"url": address.removeprefix(url) or "/", "raw": raw, "gzip": zipped,
                           "search_or_strategy_data": flagged})
        found[name] = {"path": path, "files": listed}
    return found
