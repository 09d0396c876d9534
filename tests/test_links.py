"""Every link inside the built site works: each href, src and srcset, and each #anchor, in
every page, raw HTML included (which `mkdocs build --strict` does not look at). Offline."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from generator.linkcheck import built_pages

# Addresses that are not files of the site: other websites, e-mail, telephone, inline data.
NOT_OURS = {"http", "https", "mailto", "tel", "data", "javascript", "blob"}


def target_file(site_dir: Path, path: str) -> Path:
    """The file a web server gives for a site path, with directory URLs."""
    target = site_dir / unquote(path).lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def broken_internal_links(site_dir: Path) -> tuple[list[str], int]:
    """Every internal link or anchor that leads nowhere, and how many links were checked."""
    pages = built_pages(site_dir)
    problems = []
    checked = 0
    for page_path, page in pages.items():
        for url, _ in page.links:
            parts = urlsplit(url)
            if parts.scheme in NOT_OURS or parts.netloc:
                continue
            checked += 1
            resolved = urlsplit(urljoin("/" + page_path, url))
            target = target_file(site_dir, resolved.path)
            if not target.is_file():
                problems.append(f"{page_path}: {url} -> no file {resolved.path}")
                continue
            anchor = unquote(resolved.fragment)
            target_path = target.relative_to(site_dir).as_posix()
            if anchor and target_path in pages and anchor not in pages[target_path].ids:
                problems.append(f"{page_path}: {url} -> {target_path} has no #{anchor}")
    return problems, checked


def test_every_internal_link_and_anchor_in_the_built_site_resolves(built_site):
    problems, checked = broken_internal_links(built_site)
    assert not problems, "\n".join(problems)
    # Dozens of links on every page: not a vacuous pass over an empty site.
    assert checked > 20 * len(built_pages(built_site))


def test_the_checker_finds_missing_pages_files_and_anchors(tmp_path):
    site = tmp_path / "site"
    pages = {
        "index.html": """<article><h1 id="top">Top</h1>
            <a href="needs/">ok</a><a href="needs/#calm-down">ok anchor</a>
            <a href="#top">ok here</a><a href="#nowhere">bad here</a>
            <a href="missing/">bad page</a><a href="needs/#gone">bad anchor</a>
            <img src="assets/logo.svg"><img src="assets/missing.png" srcset="a.png 1x, b.png 2x">
            <a href="https://example.org/">outside</a><a href="mailto:x@example.org">mail</a>
            <a href="finder/?q=anxious#results">query and anchor</a></article>""",
        "needs/index.html": """<h2 id="calm-down">Calm</h2><a href="../#top">back</a>
            <a href="../index.html#top">back by file</a><a href="..">up</a>
            <a href="../needs">no slash</a>""",
        "finder/index.html": '<div id="results"></div>',
        "assets/logo.svg": "<svg/>",
        "a.png": "",
    }
    for path, text in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(text, encoding="utf-8")
    problems, checked = broken_internal_links(site)
    assert sorted(problems) == [
        "index.html: #nowhere -> index.html has no #nowhere",
        "index.html: assets/missing.png -> no file /assets/missing.png",
        "index.html: b.png -> no file /b.png",
        "index.html: missing/ -> no file /missing/",
        "index.html: needs/#gone -> needs/index.html has no #gone",
    ]
    assert checked == 15
