"""The offline copy: which built files a reader's browser keeps to use the site without a
connection, listed with their revisions in offline.json, and the version of them all
written into the service worker (site_overrides/sw.js, copied to the site's root by the
theme).

The copy is what the pages, the finder and the tools need: every page, our scripts and
stylesheets and the theme's, the finder's data, the plan's strategy files, the header
search's index, the training calendars and the manifest and icons. Left out: the open data
downloads (for reuse, not for reading), source maps (for the browser's developer tools), the
theme's own search worker and its language files (the site has its own search, which never
loads them), the sitemap and the hosts' header files.

A copy over the budget (gzipped, as a host that compresses sends it) keeps what the tools
need first, then the pages, then the strategy pages, each in order, up to the budget; the
build says what it left out.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

WORKER = "sw.js"
LIST = "offline.json"
# Well under the 2 MB the site promises councils for the copy of a site of its size.
BUDGET_KB = 1536

KEPT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".png", ".ico", ".woff", ".woff2",
                 ".webmanifest", ".ics"}
LEFT_OUT_FOLDERS = ("data/", "assets/javascripts/lunr/", "assets/javascripts/workers/")
# Of the open data, the schemas the tools check what they keep against: Add to plan, on every
# page, fetches the plan's before it changes anything.
KEPT_INSIDE = ("data/schema/",)
LEFT_OUT_FILES = {WORKER, LIST}
STRATEGY_PAGES = "strategies/"

# The day of the build is not the content. It is printed on each page (the print header's
# fallback without JavaScript, when there is no copy either) and stamped on each calendar
# file; a rebuild of the same content on another day must not make every reader download
# the site again.
BUILD_STAMPS = [re.compile(rb"<p data-print-date>[^<]*</p>"), re.compile(rb"DTSTAMP:[0-9TZ]+")]

_VERSION_LINE = re.compile(r'^const VERSION = "[^"]*";$', re.M)

log = logging.getLogger("mkdocs.plugins.semh")


@dataclass(frozen=True)
class CopyFile:
    path: str  # as the browser asks for it, relative to the site's root: a page by its folder
    revision: str
    gzipped: int  # bytes


def _address(relative: str) -> str:
    path = relative[: -len("index.html")] if relative.endswith("index.html") else relative
    return quote(path)


def _order(relative: str) -> int:
    """What goes into a copy over its budget first: what the tools and pages need to work,
    then the pages, then the strategy pages."""
    if not relative.endswith(".html"):
        return 0
    return 2 if relative.startswith(STRATEGY_PAGES) else 1


def revision(data: bytes) -> str:
    for stamp in BUILD_STAMPS:
        data = stamp.sub(b"", data)
    return hashlib.sha256(data).hexdigest()[:16]


def candidates(site_dir: Path) -> list[CopyFile]:
    """Every file the copy would hold with no budget, in the order they go in."""
    found = []
    for file in site_dir.rglob("*"):
        relative = file.relative_to(site_dir).as_posix()
        if (not file.is_file() or file.suffix not in KEPT_SUFFIXES
                or relative in LEFT_OUT_FILES
                or (relative.startswith(LEFT_OUT_FOLDERS) and not relative.startswith(KEPT_INSIDE))
                or relative.startswith(".")):
            continue
        data = file.read_bytes()
        found.append((_order(relative), relative,
                      CopyFile(_address(relative), revision(data), len(gzip.compress(data, 6)))))
    return [copy for _, _, copy in sorted(found, key=lambda item: item[:2])]


def choose(files: list[CopyFile], budget_kb: float) -> tuple[list[CopyFile], list[CopyFile]]:
    """(kept, left out): the files in order while they fit in the budget."""
    kept, left_out, total = [], [], 0
    for file in files:
        if not left_out and total + file.gzipped <= budget_kb * 1024:
            kept.append(file)
            total += file.gzipped
        else:
            left_out.append(file)
    return kept, left_out


def version(files: list[CopyFile]) -> str:
    listing = "\n".join(f"{file.path} {file.revision}" for file in files)
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()[:16]


def write(site_dir: Path, budget_kb: float = BUDGET_KB) -> dict:
    """Write offline.json and stamp the worker with the copy's version; return the list."""
    kept, left_out = choose(candidates(site_dir), budget_kb)
    listing = {
        "version": version(kept),
        "gzipped_bytes": sum(file.gzipped for file in kept),
        "files": {file.path: file.revision for file in kept},
    }
    (site_dir / LIST).write_text(json.dumps(listing, indent=0, separators=(",", ":")) + "\n",
                                 encoding="utf-8")
    worker = site_dir / WORKER
    text, count = _VERSION_LINE.subn(f'const VERSION = "{listing["version"]}";',
                                     worker.read_text(encoding="utf-8"))
    if count != 1:
        raise ValueError(f"{WORKER} has no line `const VERSION = \"...\";` to write into")
    worker.write_text(text, encoding="utf-8")
    log.info("Offline copy: %d files, %d KB gzipped (budget %d KB)", len(kept),
             round(listing["gzipped_bytes"] / 1024), budget_kb)
    if left_out:
        # Printed, not logged as a warning: a strict build stops at a warning.
        print(f"The offline copy leaves out {len(left_out)} files over its budget of "
              f"{budget_kb} KB, from {left_out[0].path or 'the home page'} on; raise "
              "offline_budget_kb in mkdocs.yml to keep them")
    return listing
