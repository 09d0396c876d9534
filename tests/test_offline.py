"""The offline copy (sw.js, assets/offline.js, generator/offline.py), used in Chromium as a
teacher would: one visit, a rest while the copy is saved, then the network off and the
server gone; the finder, need and strategy pages and the support plan work from the copy,
and every request is answered on the device. A newer build is offered to a returning reader
and loaded on their say-so; a site under a sub-path keeps its copy there; a browser asking
to save data gets none.

The suite's other browser tests run with service workers off (conftest.py); these turn them
on, with the site served as a host serves it: gzipped and with its security headers.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pypdf
import pytest
from playwright.sync_api import expect

from conftest import build_copy, shared_folder
from generator import headers, localsite, offline
from site_pages import page_paths
from test_accessibility import AXE, PALETTES, axe_violations
from test_security_headers import WATCH_VIOLATIONS

# The copy is asked for once the page has rested (offline.js) and then downloaded: this is
# how long a test waits for it, on a busy machine.
SAVED_WITHIN_MS = 90_000
NEED_PAGES = ["needs/attention-difficulties/", "needs/unhappy-or-stressed/",
              "needs/behaviours-that-challenge/"]
STRATEGY_PAGE = "strategies/key-adult-and-pace/"
NEWER_WORDS = "This is the newer version of the site."


@contextlib.contextmanager
def hosted(folder: Path) -> str:
    sent = headers.read_headers_file(folder / headers.HEADERS_FILE)
    with localsite.serve(folder, sent, compress=True) as url:
        yield url


class Watch:
    """Every request a context's pages and worker make, and which answers came from the
    worker, which went elsewhere and which failed."""

    def __init__(self, context, own: str):
        self.own = urlsplit(own).netloc
        self.requests: list[str] = []
        self.by_worker: list[str] = []  # what the service worker asked the network for
        self.foreign: list[str] = []
        self.from_network: list[str] = []
        self.failed: list[str] = []
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("requestfailed", self._failed)

    def _request(self, request):
        self.requests.append(request.url)
        if request.service_worker is not None:
            self.by_worker.append(request.url)
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.netloc != self.own:
            self.foreign.append(request.url)

    def _response(self, response):
        # The worker's own fetches (as it saves the copy) are the network's, not a page's.
        if response.request.service_worker is None and not response.from_service_worker:
            self.from_network.append(response.url)

    def _failed(self, request):
        # Going to the next page stops what the last one was still fetching: not a failure.
        if request.failure != "net::ERR_ABORTED":
            self.failed.append(f"{request.url} {request.failure}")

    def clear(self):
        for found in (self.requests, self.by_worker, self.foreign, self.from_network,
                      self.failed):
            found.clear()


def new_context(browser, url: str):
    context = browser.new_context(service_workers="allow", accept_downloads=True)
    context.add_init_script(WATCH_VIOLATIONS)
    context.add_init_script(path=str(AXE))
    return context, Watch(context, url)


def wait_for_the_copy(page, url: str) -> None:
    page.goto(url)
    expect(page.locator("[data-offline-status=saved]")).to_be_attached(timeout=SAVED_WITHIN_MS)
    expect(page.locator("[data-offline-status]")).to_contain_text(
        "This site is saved on this device, to read without a connection.")


def copy_entries(page) -> list[str]:
    """Every address the site's copy holds, from the browser's own storage."""
    return page.evaluate("""async () => {
      const found = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const request of await cache.keys()) found.push(`${name} | ${request.url}`);
      }
      return found;
    }""")


def violations(page) -> list[str]:
    return page.evaluate("window.semhViolations")


# --- one visit, then offline ------------------------------------------------------------

def test_after_one_visit_the_finder_pages_and_plan_work_with_the_network_off(browser,
                                                                           built_site):
    listed = json.loads((built_site / offline.LIST).read_text(encoding="utf-8"))
    with hosted(built_site) as url:
        context, watch = new_context(browser, url)
        page = context.new_page()
        page.goto(url, wait_until="load")
        page.wait_for_load_state("networkidle")
        # A first visit downloads the page, not the site: the copy comes after a rest.
        assert not [address for address in watch.requests
                    if address.endswith((offline.WORKER, offline.LIST))]
        wait_for_the_copy(page, url)
        held = copy_entries(page)
        scope = f"semh-offline {url} {listed['version']} | "
        assert sorted(held) == sorted(scope + url + path for path in listed["files"])
    # The server is gone, and the browser is told it has no network.
    context.set_offline(True)
    watch.clear()

    page.goto(url + "finder/?q=kicking%20off")
    results = page.locator("[data-finder-results] [data-strategy-id]")
    expect(results.first).to_be_visible()
    assert results.count() > 3
    expect(page.locator("[data-offline-status=offline]")).to_contain_text(
        "You are offline: this page is the copy saved on this device.")
    for path in NEED_PAGES:
        page.goto(url + path)
        expect(page.locator("h1")).to_be_visible()
        assert page.locator("[data-add-to-plan]").count() > 2, path
    page.goto(url + STRATEGY_PAGE)
    button = page.locator("[data-add-to-plan]")
    title = page.locator("h1").inner_text().removesuffix("¶").strip()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")

    # A plan made, saved as a file, reloaded and printed, all from the copy.
    page.goto(url + "plan/")
    expect(page.locator("html[data-plan-ready]")).to_be_attached()
    page.fill("#plan-initials", "JB")
    page.fill("#target-1-target", "Settle after lunch")
    expect(page.locator("[data-plan-strategy] .semh-plan-strategy__title")).to_have_text(title)
    with page.expect_download() as download:
        page.click("[data-export=json]")
    saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert saved["kind"] == "semh-plan" and saved["plans"][0]["initials"] == "JB"
    page.reload()
    expect(page.locator("html[data-plan-ready]")).to_be_attached()
    expect(page.locator("#plan-initials")).to_have_value("JB")
    expect(page.locator("#target-1-target")).to_have_value("Settle after lunch")
    page.emulate_media(media="print")
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    printed = " ".join(" ".join(sheet.extract_text().split()) for sheet in pdf.pages)
    assert "JB" in printed and "Settle after lunch" in printed and title in printed

    assert watch.from_network == []
    # The browser's own check for a newer sw.js is the only request that may fail offline.
    assert [failed for failed in watch.failed
            if not failed.split(" ")[0].endswith(offline.WORKER)] == []
    assert len([address for address in watch.requests if address.startswith(url)]) > 20
    assert watch.foreign == []
    assert violations(page) == []
    context.close()


def test_every_page_from_the_copy_keeps_the_policy_and_asks_nothing_of_other_origins(
        browser, built_site):
    with hosted(built_site) as url:
        context, watch = new_context(browser, url)
        page = context.new_page()
        wait_for_the_copy(page, url)
        watch.clear()
        broken = {}
        for path in page_paths(built_site):
            response = page.goto(url + path, wait_until="load")
            assert response.from_service_worker, path
            # The host's headers are kept with each saved page.
            assert "script-src 'self'" in response.headers["content-security-policy"], path
            if found := violations(page):
                broken[path] = found
        assert broken == {}
        assert watch.foreign == [] and watch.failed == []
        # Nothing but the site's own files is saved.
        held = copy_entries(page)
        assert held and all(entry.split(" | ")[1].startswith(url) for entry in held)
        context.close()


# --- a newer version -------------------------------------------------------------------

def newer_content(root: Path) -> None:
    about = root / "content" / "pages" / "about.yaml"
    text = about.read_text(encoding="utf-8")
    assert "## What it is\n" in text
    about.write_text(text.replace("## What it is\n", f"## What it is\n\n      {NEWER_WORDS}\n"),
                     encoding="utf-8")


@pytest.fixture(scope="module")
def newer_site(tmp_path_factory) -> Path:
    """The real content with a sentence added to the about page, built once."""
    return shared_folder(tmp_path_factory, "offline-newer",
                         lambda folder: build_copy(folder, change=newer_content)
                         ) / "project" / "site"


def test_a_returning_reader_is_told_of_a_newer_version_and_gets_it_when_they_ask(
        browser, built_site, newer_site, tmp_path):
    older = json.loads((built_site / offline.LIST).read_text(encoding="utf-8"))
    newer = json.loads((newer_site / offline.LIST).read_text(encoding="utf-8"))
    assert older["version"] != newer["version"]
    changed = {path for path, revision in newer["files"].items()
               if older["files"].get(path) != revision}
    assert "about/" in changed and len(changed) < len(newer["files"]) / 10

    served = tmp_path / "host"
    shutil.copytree(built_site, served)
    with hosted(served) as url:
        context, watch = new_context(browser, url)
        page = context.new_page()
        wait_for_the_copy(page, url)
        page.goto(url + "about/")
        expect(page.locator("article")).not_to_contain_text(NEWER_WORDS)

        # The council publishes the newer build over the older one.
        shutil.rmtree(served)
        shutil.copytree(newer_site, served)
        watch.clear()
        page.reload()
        notice = page.locator("[data-offline-notice=newer-version]")
        expect(notice).to_contain_text("A newer version of this site is ready. This page is "
                                       "from the copy saved on this device.",
                                       timeout=SAVED_WITHIN_MS)
        # Until the reader asks, the page stays the saved one, and says so.
        expect(page.locator("article")).not_to_contain_text(NEWER_WORDS)
        expect(page.locator(".semh-reviewed")).to_be_visible()
        # Only what changed was downloaded for the newer copy.
        fetched = {address.removeprefix(url) for address in watch.by_worker}
        assert fetched - {offline.WORKER, offline.LIST} == changed
        # The notice and the line under the review date, in both palettes; a reload before
        # the reader asks brings the notice back at once.
        page.reload()
        expect(notice.get_by_role("button")).to_be_visible()
        expect(page.locator("[data-offline-status=saved]")).to_be_visible()
        for palette, scheme in PALETTES.items():
            if page.get_attribute("body", "data-md-color-scheme") != scheme:
                page.click("[data-md-component=palette] label:not([hidden])")
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
            assert axe_violations(page) == [], palette

        notice.get_by_role("button", name="Load the newer version").click()
        expect(page.locator("article")).to_contain_text(NEWER_WORDS)
        expect(page.locator("[data-offline-notice=newer-version]")).to_have_count(0)
        held = copy_entries(page)
        assert held and all(f" {newer['version']} | " in entry for entry in held)
        assert violations(page) == []
        context.close()


# --- where the site lives, and who gets no copy ----------------------------------------

def test_a_site_under_a_sub_path_keeps_its_copy_under_that_path(browser, built_site,
                                                                tmp_path):
    host = tmp_path / "host"
    host.mkdir()
    (host / "semh").symlink_to(built_site, target_is_directory=True)
    shutil.copy(built_site / headers.HEADERS_FILE, host / headers.HEADERS_FILE)
    with hosted(host) as root:
        url = root + "semh/"
        context, watch = new_context(browser, url)
        page = context.new_page()
        wait_for_the_copy(page, url)
        scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.scope)")
        assert scope == url
        assert all(entry.startswith(f"semh-offline {url} ") for entry in copy_entries(page))
    watch.clear()
    context.set_offline(True)
    page.goto(url + NEED_PAGES[0])
    expect(page.locator("h1")).to_be_visible()
    assert watch.from_network == []
    context.close()


SAVE_DATA = """Object.defineProperty(Navigator.prototype, "connection",
  {get: () => ({saveData: true, effectiveType: "4g"}), configurable: true});"""


def test_a_browser_asking_to_save_data_gets_no_copy(browser, built_site):
    with hosted(built_site) as url:
        context, watch = new_context(browser, url)
        context.add_init_script(SAVE_DATA)
        page = context.new_page()
        page.goto(url, wait_until="load")
        # Long past the rest after which the copy would be asked for.
        page.wait_for_timeout(12_000)
        assert page.evaluate("navigator.serviceWorker.getRegistration()"
                             ".then(r => r === undefined)")
        assert not [address for address in watch.requests
                    if address.endswith((offline.WORKER, offline.LIST))]
        context.close()


def test_the_worker_of_a_site_being_served_for_editing_removes_itself(browser, built_site,
                                                                      tmp_path):
    """While `mkdocs serve` runs, sw.js is the source as written (VERSION "none"): a worker
    left from an earlier visit to a built site on that address must not keep serving it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    source = Path(__file__).resolve().parent.parent / "site_overrides" / offline.WORKER
    shutil.copy(source, site / offline.WORKER)
    with hosted(site) as url:
        context, _ = new_context(browser, url)
        page = context.new_page()
        page.goto(url)
        page.evaluate("navigator.serviceWorker.register('sw.js')")
        page.wait_for_function("""navigator.serviceWorker.getRegistration()
            .then(r => r === undefined)""", polling=200, timeout=30_000)
        assert copy_entries(page) == []
        context.close()


# --- what the build lists ----------------------------------------------------------------

def test_the_real_sites_copy_is_everything_readers_use_within_its_budget(built_site):
    listed = json.loads((built_site / offline.LIST).read_text(encoding="utf-8"))
    files = listed["files"]
    kept_kb = listed["gzipped_bytes"] / 1024
    stored_kb = sum((built_site / (path + "index.html" if path.endswith("/") or not path
                                   else path)).stat().st_size for path in files) / 1024
    print(f"\nOffline copy of the real site: {len(files)} files, {kept_kb:.0f} KB gzipped "
          f"to download, {stored_kb:.0f} KB kept on the device")
    assert kept_kb < offline.BUDGET_KB
    pages = {path for path in page_paths(built_site)}
    assert pages <= set(files)
    for needed in ["finder/finder-data.json", "finder/lunr.js", "assets/finder.js",
                   "assets/plan.js", "assets/offline.js", "search/search_index.json",
                   "manifest.webmanifest", "data/schema/plan.schema.json"]:
        assert needed in files, needed
    assert len([path for path in files if path.startswith("plan/strategies/")]) == 256
    # Of the open data, only the schemas the tools check what they keep against.
    assert not [path for path in files if path.endswith(".map")
                or (path.startswith("data/") and not path.startswith("data/schema/"))
                or path in (offline.WORKER, offline.LIST, "sitemap.xml")]
    worker = (built_site / offline.WORKER).read_text(encoding="utf-8")
    assert f'const VERSION = "{listed["version"]}";' in worker


def test_a_copy_over_its_budget_leaves_out_strategy_pages_first():
    assert (offline._order("assets/finder.js") < offline._order("needs/index.html")
            < offline._order("strategies/b/index.html"))
    files = [offline.CopyFile("assets/finder.js", "3", 300), offline.CopyFile("needs/", "2", 300),
             offline.CopyFile("strategies/b/", "1", 400), offline.CopyFile("strategies/c/", "1", 1)]
    kept, left_out = offline.choose(files, 700 / 1024)
    assert [file.path for file in kept] == ["assets/finder.js", "needs/"]
    # Once one file is left out, so is every file after it: the copy is a beginning of the order.
    assert [file.path for file in left_out] == ["strategies/b/", "strategies/c/"]


def test_a_rebuild_of_the_same_content_on_another_day_is_the_same_version():
    page = b'<p data-print-date>Site built on %s</p><p>Words</p>'
    assert offline.revision(page % b"1 May 2027") == offline.revision(page % b"2 June 2027")
    assert offline.revision(page % b"1 May 2027") != offline.revision(b"<p>Other words</p>")
    calendar = b"BEGIN:VEVENT\r\nDTSTAMP:%s\r\nSUMMARY:Course\r\n"
    assert (offline.revision(calendar % b"20270501T101010Z")
            == offline.revision(calendar % b"20270602T000000Z"))
