"""Every page of a built site, and the browser settings the quality checks share."""

from __future__ import annotations

from pathlib import Path

# The WCAG 1.4.12 text spacing values, as the W3C's text spacing bookmarklet sets them.
TEXT_SPACING_CSS = """
* {
  line-height: 1.5 !important;
  letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important;
}
p { margin-bottom: 2em !important; }
"""


def page_paths(site_dir: Path) -> list[str]:
    """The address of every HTML page, relative to the site root, as a visitor types it."""
    paths = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir).as_posix()
        paths.append(relative.removesuffix("index.html"))
    return paths


def one_page_per_template(site_dir: Path) -> list[str]:
    """A page made by each template: the hand-written pages, the indexes, one need and one
    strategy. For checks too slow to run on all of the many need and strategy pages."""
    chosen = []
    for path in page_paths(site_dir):
        section = path.split("/")[0]
        is_item = path.count("/") > 1
        if is_item and any(p.startswith(section + "/") and p.count("/") > 1 for p in chosen):
            continue
        chosen.append(path)
    return chosen
