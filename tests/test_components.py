"""The browser code starts one way: every page gets its scripts from main.html (start.js, and
a11y.js before the theme's bundle), and each component a page has is named by a
data-module attribute that start.js turns into assets/<name>.js. The finder's page starts
the finder from its head, the one documented exception."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from site_pages import page_paths

# What a page may load by <script src>, relative to the site's root.
EVERY_PAGE = {"assets/a11y.js", "assets/start.js"}
THEME_BUNDLE = re.compile(r"^assets/javascripts/bundle\.[0-9a-f]+\.min\.js$")
# The finder's page: lunr.js and finder.js from its head (partials/finder-head.html).
FINDER_PAGE = {"finder/": {"assets/finder.js"}}
LUNR = re.compile(r"(^|/)lunr[.a-z]*\.js$")
START_EXPORT = re.compile(r"^export (async )?function start\(", re.M)


class Scripts(HTMLParser):
    def __init__(self):
        super().__init__()
        self.sources: list[str] = []
        self.modules: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("src"):
            self.sources.append(attributes["src"])
        if "data-module" in attributes:
            self.modules.append(attributes["data-module"] or "")


def read(built_site: Path, path: str) -> Scripts:
    parser = Scripts()
    file = built_site / (path if path.endswith(".html") else path + "index.html")
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def from_root(path: str, source: str) -> str:
    """A script's address as the page writes it, relative to the site's root."""
    prefix = "../" * path.count("/")
    return source.removeprefix(prefix).removeprefix("/")


@pytest.fixture(scope="module")
def pages(built_site) -> dict[str, Scripts]:
    return {path: read(built_site, path) for path in page_paths(built_site)}


def test_every_page_gets_its_scripts_from_one_place(pages):
    for path, found in pages.items():
        allowed = EVERY_PAGE | FINDER_PAGE.get(path, set())
        sources = [from_root(path, source) for source in found.sources]
        ours = [s for s in sources if not THEME_BUNDLE.match(s) and not LUNR.search(s)]
        assert set(ours) <= allowed, (path, sorted(set(ours) - allowed))
        assert "assets/start.js" in ours, path


def test_every_component_a_page_names_is_a_module_that_starts(pages, built_site):
    named = {name for found in pages.values() for name in found.modules}
    # The finder's notice, the header search, the self-audit and the support plan at least.
    assert {"safeguarding", "site-search", "audit", "plan"} <= named
    for name in named:
        assert re.fullmatch(r"[a-z][a-z-]*", name), name
        module = built_site / "assets" / f"{name}.js"
        assert module.is_file(), f"data-module=\"{name}\" names no assets/{name}.js"
        assert START_EXPORT.search(module.read_text(encoding="utf-8")), f"{name}.js has no start()"


def test_the_components_started_on_every_page_are_modules_that_start(built_site):
    start = (built_site / "assets" / "start.js").read_text(encoding="utf-8")
    site_wide = re.search(r"const SITE_WIDE = \[([^\]]*)\]", start).group(1)
    names = re.findall(r'"([a-z-]+)"', site_wide)
    assert names
    for name in names:
        module = (built_site / "assets" / f"{name}.js").read_text(encoding="utf-8")
        assert START_EXPORT.search(module), name
