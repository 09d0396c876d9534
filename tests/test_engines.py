"""The real site built by ProperDocs, the maintained fork of MkDocs 1.6, is the site MkDocs
builds: the same pages and files, the same text on every page, the same security headers,
and the finder answering under them. What differs is the engine's name in each page's
generator tag, and the offline copy's revisions of the pages that carry it
(docs/engines.md)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import build_copy, shared_folder
from generator import headers, localsite, offline
from test_finder import total, type_query
from test_security_headers import WATCH_VIOLATIONS
from test_visible_text import html_text

GENERATOR_TAG = re.compile(r'<meta name="generator" content="([^"]*)">')
# The day of the build, printed on every page and in the sitemap: two builds made either
# side of midnight are still the same site.
BUILD_DAY = [re.compile(r"<p data-print-date>[^<]*</p>"), re.compile(r"<lastmod>[^<]*</lastmod>")]
# The offline copy's version, a hash of its pages' revisions, in the service worker.
COPY_VERSION = re.compile(r'^const VERSION = "[0-9a-f]+";$', re.M)


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory) -> Path:
    """The real content built once with `python -m generator build --engine properdocs`."""
    return shared_folder(tmp_path_factory, "properdocs",
                         lambda folder: build_copy(folder, "--engine", "properdocs")
                         ) / "project" / "site"


def files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def engine_of(site: Path) -> set[str]:
    return {match for page in site.rglob("*.html")
            for match in GENERATOR_TAG.findall(page.read_text(encoding="utf-8"))}


def without_engine(text: str) -> str:
    """A page or a sitemap as it would be whichever engine built it, on whatever day."""
    text = GENERATOR_TAG.sub("", text)
    for stamp in BUILD_DAY:
        text = stamp.sub("", text)
    return text


def test_each_site_was_built_by_its_own_engine(built_site, properdocs_site):
    """Without this, two MkDocs builds would pass every comparison below."""
    assert {name.split(",")[0] for name in engine_of(built_site)} == {"mkdocs-1.6.1"}
    assert {name.split(",")[0] for name in engine_of(properdocs_site)} == {
        "mkdocs-ProperDocs 1.6.7"}


def test_both_engines_write_the_same_files(built_site, properdocs_site):
    mkdocs_files = files(built_site)
    assert len(mkdocs_files) > 100
    assert files(properdocs_site) ^ mkdocs_files == set()


def test_every_page_shows_the_same_text(built_site, properdocs_site):
    pages = sorted(page.relative_to(built_site).as_posix()
                   for page in built_site.rglob("*.html"))
    assert len(pages) > 100
    differing = [page for page in pages
                 if html_text(without_engine((built_site / page).read_text(encoding="utf-8")))
                 != html_text(without_engine((properdocs_site / page).read_text(
                     encoding="utf-8")))]
    assert differing == []


def test_every_file_is_the_same_but_for_the_engines_name(built_site, properdocs_site):
    """Pages down to their markup, the finder's data, the open data, scripts and styles;
    the offline copy lists the same files, at the same revisions but for the pages, whose
    generator tag names the engine."""
    differing = []
    for name in sorted(files(built_site) - {offline.LIST}):
        mkdocs_file, properdocs_file = built_site / name, properdocs_site / name
        if name.endswith(".html") or name == "sitemap.xml":
            same = (without_engine(mkdocs_file.read_text(encoding="utf-8"))
                    == without_engine(properdocs_file.read_text(encoding="utf-8")))
        elif name == offline.WORKER:
            same = (COPY_VERSION.sub("", mkdocs_file.read_text(encoding="utf-8"))
                    == COPY_VERSION.sub("", properdocs_file.read_text(encoding="utf-8")))
        elif name == "sitemap.xml.gz":
            same = (without_engine(gzip.decompress(mkdocs_file.read_bytes()).decode())
                    == without_engine(gzip.decompress(properdocs_file.read_bytes()).decode()))
        else:
            same = mkdocs_file.read_bytes() == properdocs_file.read_bytes()
        if not same:
            differing.append(name)
    assert differing == []

    listed = [json.loads((site / offline.LIST).read_text(encoding="utf-8"))["files"]
              for site in (built_site, properdocs_site)]
    assert listed[0].keys() == listed[1].keys()
    assets = {path for path in listed[0] if path.startswith("assets/")}
    assert len(assets) > 10
    assert {path: listed[0][path] for path in assets} == {path: listed[1][path]
                                                          for path in assets}


def test_the_security_headers_are_the_same(built_site, properdocs_site):
    sent = [headers.read_headers_file(site / headers.HEADERS_FILE)
            for site in (built_site, properdocs_site)]
    assert list(sent[0]) == ["Content-Security-Policy", "X-Content-Type-Options",
                             "Referrer-Policy", "Permissions-Policy"]
    assert sent[0] == sent[1]
    for name in (headers.NGINX_FILE, headers.APACHE_FILE):
        assert (built_site / name).read_text() == (properdocs_site / name).read_text()


def test_the_finder_answers_under_the_policy_on_the_properdocs_site(browser, properdocs_site):
    sent = headers.read_headers_file(properdocs_site / headers.HEADERS_FILE)
    with localsite.serve(properdocs_site, sent) as url:
        context = browser.new_context()
        context.add_init_script(WATCH_VIOLATIONS)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(url + "finder/")
        expect(page.locator("[data-finder][data-finder-ready]")).to_be_attached()
        every = total(page)
        type_query(page, "kicking off")
        expect(page.locator("[data-finder-results] > li:not([hidden])").first).to_be_visible()
        assert 0 < total(page) < every
        assert page.evaluate("window.semhViolations") == []
        assert errors == []
        context.close()
