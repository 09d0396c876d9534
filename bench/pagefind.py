"""Pagefind, the peer: its CLI over a copy of the built site, and a small search of our own
that reads `?q=` and shows Pagefind's first results through Pagefind's JS API, twice: on a
page of its own, and in the finder's place on the finder's page.

The copy keeps `site/` exactly as our build left it. Pagefind indexes every page's content,
as its CLI does by default, less the theme's header, navigation and footer, which repeat on
every page and would otherwise make each page match every title in the navigation.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

# The search page's address in the copy; it is written after indexing, so it is not indexed.
PAGE = "bench-pagefind/"

# The theme's chrome on every page; Pagefind indexes what is left, each page's own content.
CHROME = ".md-header, .md-tabs, .md-sidebar, .md-footer, .md-skip, .md-dialog"

# As many results as the finder shows at first (its PAGE_SIZE), each with Pagefind's excerpt.
# The page sends "pagefind:results" once they are in the document.
SEARCH = """<form role="search" action="">
  <label for="q">Search the site</label>
  <input id="q" name="q" type="search" autocomplete="off">
</form>
<p id="count" aria-live="polite"></p>
<ol id="results"></ol>
<script type="module">
const SHOWN = 20;
const input = document.getElementById("q");
const list = document.getElementById("results");
const count = document.getElementById("count");
const pagefind = await import("../pagefind/pagefind.js");
await pagefind.init();
// For the keystroke timings: Pagefind is loaded, so typing times searching, not loading.
document.documentElement.dataset.ready = "";
let latest = 0;

async function show(query) {
  const ticket = ++latest;
  const search = await pagefind.search(query);
  if (ticket !== latest) return;
  const found = search ? search.results : [];
  const shown = await Promise.all(found.slice(0, SHOWN).map((result) => result.data()));
  if (ticket !== latest) return;
  list.replaceChildren(...shown.map((page) => {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title || page.url;
    const excerpt = document.createElement("p");
    excerpt.innerHTML = page.excerpt;
    item.append(link, excerpt);
    return item;
  }));
  count.textContent = `${found.length} pages found`;
  document.dispatchEvent(new CustomEvent("pagefind:results", {detail: {query, total: found.length}}));
}

const asked = new URLSearchParams(location.search).get("q");
if (asked) {
  input.value = asked;
  show(asked);
}
input.addEventListener("input", () => show(input.value));
input.form.addEventListener("submit", (event) => {
  event.preventDefault();
  show(input.value);
});
</script>
"""

# Pagefind alone on a page.
BARE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search (Pagefind)</title>
</head>
<body>
<main>
<h1>Search</h1>
""" + SEARCH + """</main>
</body>
</html>
"""

# The same search on a page of the site: the finder's page, whose finder and list of needs
# make way for it, so Pagefind's figures carry the theme's styles, scripts and logo as ours do.
THEMED = "bench-pagefind-themed/"
FINDER_PART = re.compile(r'<div class="semh-finder" data-finder.*?'
                         r'<div class="semh-finder-static".*?</div>', re.DOTALL)


def themed_page(finder_page: str) -> str:
    page, found = FINDER_PART.subn(lambda _: SEARCH, finder_page, count=1)
    if not found:
        raise ValueError("the finder's page no longer has the finder where bench/pagefind.py "
                         "looks for it")
    return page


def index(site: Path, target: Path) -> float:
    """Copy `site` to `target`, index it with Pagefind's CLI and add the two search pages;
    returns the seconds Pagefind took to index."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(site, target)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(target),
                    "--exclude-selectors", CHROME, "--silent"],
                   check=True, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    finder_page = (target / "finder" / "index.html").read_text(encoding="utf-8")
    for path, html in ((PAGE, BARE), (THEMED, themed_page(finder_page))):
        page = target / path
        page.mkdir(parents=True, exist_ok=True)
        (page / "index.html").write_text(html, encoding="utf-8")
    return seconds
