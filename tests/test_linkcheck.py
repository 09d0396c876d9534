"""The outside-link checker (`make linkcheck`), tested offline against a local HTTP server that
answers 200, 301, 404, 500, slowly, refuses HEAD, or fails once and then works."""

from __future__ import annotations

import functools
import http.server
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import ROOT
from generator.linkcheck import (AllowlistError, KnownDeadLink, Result, Settings, check_all,
                                 check_url, external_links, load_allowlist, main, verdict)

FAST = Settings(timeout=2.0, retries=2, backoff=0.0, workers=4)
SLOW_ANSWER_SECONDS = 1.5  # the slow page answers well after the checker's timeout


class LinkServer(http.server.BaseHTTPRequestHandler):
    """Pages that behave the way real servers do, and a count of every request."""

    def do_HEAD(self) -> None:
        self.answer()

    def do_GET(self) -> None:
        self.answer()

    def answer(self) -> None:
        hits: Counter = self.server.hits  # type: ignore[attr-defined]
        hits[self.command, self.path] += 1
        if self.path == "/moved":
            self.reply(301, location="/ok")
        elif self.path in ("/missing", "/gone"):
            self.reply(404)
        elif self.path == "/broken":
            self.reply(500)
        elif self.path == "/slow":
            time.sleep(SLOW_ANSWER_SECONDS)
            self.reply(200)
        elif self.path == "/no-head":
            self.reply(405 if self.command == "HEAD" else 200)
        elif self.path == "/flaky":
            # The first try (a HEAD and a GET) finds the server busy; the next one works.
            busy = hits["HEAD", "/flaky"] + hits["GET", "/flaky"] <= 2
            self.reply(503 if busy else 200)
        else:
            self.reply(200)

    def reply(self, status: int, location: str | None = None) -> None:
        body = f"status {status}".encode()
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "GET":
            self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), LinkServer)
    httpd.hits = Counter()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}", httpd.hits
    httpd.shutdown()
    httpd.server_close()


def test_a_working_link_needs_one_head_request(server):
    base, hits = server
    result = check_url(base + "/ok", FAST)
    assert (result.works, result.status, result.attempts) == (True, 200, 1)
    assert hits == Counter({("HEAD", "/ok"): 1})


def test_a_redirect_is_followed_and_reported_as_moved(server):
    base, _ = server
    result = check_url(base + "/moved", FAST)
    assert result.works and result.moved
    assert result.final_url == base + "/ok"
    label, detail = verdict(base + "/moved", result, {})
    assert label == "MOVED" and f"now at {base}/ok" in detail


def test_a_missing_page_is_broken_at_once(server):
    base, hits = server
    result = check_url(base + "/missing", FAST)
    assert (result.works, result.status, result.attempts) == (False, 404, 1)
    assert verdict(base + "/missing", result, {})[0] == "BROKEN"
    assert hits["GET", "/missing"] == 1


def test_a_server_error_is_retried_before_it_counts_as_broken(server):
    base, hits = server
    result = check_url(base + "/broken", FAST)
    assert (result.status, result.attempts) == (500, 3)
    assert hits["GET", "/broken"] == 3


def test_a_passing_failure_is_retried_and_then_works(server):
    base, _ = server
    result = check_url(base + "/flaky", FAST)
    assert (result.works, result.attempts) == (True, 2)


def test_a_server_that_refuses_head_is_asked_with_get(server):
    base, hits = server
    assert check_url(base + "/no-head", FAST).works
    assert hits["HEAD", "/no-head"] == 1 and hits["GET", "/no-head"] == 1


def test_a_slow_server_times_out_and_is_broken(server):
    base, _ = server
    impatient = Settings(timeout=0.3, retries=1, backoff=0.0)
    result = check_url(base + "/slow", impatient)
    assert not result.works and result.attempts == 2
    assert "timed out" in result.error
    assert verdict(base + "/slow", result, {})[0] == "BROKEN"


def test_links_not_started_within_the_time_limit_are_reported_unchecked(server):
    base, hits = server
    results = check_all([base + "/ok", base + "/missing"], FAST, time_limit=0)
    assert all(result.error == "not checked: the time limit ran out"
               for result in results.values())
    assert hits == Counter()


def test_plain_http_is_reported_and_https_is_not():
    working = Result("x", status=200, final_url="x")
    assert "Not secure" in verdict("http://example.org/", working, {})[1]
    assert "Not secure" not in verdict("https://example.org/", working, {})[1]


def write_site(folder: Path, base: str) -> Path:
    """A two-page built site: links in the content, and a theme link outside it."""
    pages = {
        "index.html": f"""<title>Home - Site</title>
            <nav><a href="{base}/theme">Theme</a></nav><article><h1 id="home">Home</h1><a href="{base}/ok">ok</a>
            <a href="{base}/missing">missing</a><img src="{base}/moved"></article>""",
        "tools/index.html": f"""<title>Tools - Site</title><article>
            <a href="{base}/ok">ok again</a><a href="{base}/gone">gone</a>
            <a href="../">home</a><a href="mailto:someone@example.org">mail</a></article>""",
    }
    for path, html in pages.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(html, encoding="utf-8")
    return folder


def write_allowlist(path: Path, entries: list[dict]) -> Path:
    YAML().dump(entries, path)
    return path


def test_links_are_collected_from_the_content_into_one_list(server, tmp_path):
    base, _ = server
    site = write_site(tmp_path / "site", base)
    assert external_links(site) == {
        f"{base}/gone": ["tools/index.html"],
        f"{base}/missing": ["index.html"],
        f"{base}/moved": ["index.html"],
        f"{base}/ok": ["index.html", "tools/index.html"],
    }


def test_the_report_is_grouped_by_page_and_broken_links_fail_the_run(server, tmp_path):
    base, _ = server
    site = write_site(tmp_path / "site", base)
    allowlist = write_allowlist(tmp_path / "allow.yaml", [
        {"url": f"{base}/gone", "reason": "The service closed.", "replacement": "Ask the council."},
        {"url": "https://example.org/old", "reason": "Closed.", "replacement": "Nothing."},
    ])
    report_file = tmp_path / "report.md"
    status = main(["--site", str(site), "--allowlist", str(allowlist), "--report",
                   str(report_file), "--timeout", "2", "--retries", "0"])
    report = report_file.read_text(encoding="utf-8")
    assert status == 1
    home, tools = report.split("## Home (/)")[1].split("## Tools (tools/)")
    assert f"**OK** {base}/ok" in home and f"**OK** {base}/ok" in tools
    assert f"**BROKEN** {base}/missing — HTTP 404." in home
    assert f"**MOVED** {base}/moved — now at {base}/ok: update the link." in home
    assert (f"**KNOWN DEAD** {base}/gone — The service closed. Instead: Ask the council."
            in tools)
    assert "Not secure: uses http://" in home
    assert "/theme" not in report
    assert "no longer on any page (remove them): https://example.org/old" in report
    assert "4 addresses on 2 pages: 1 work, 1 moved, 1 broken, 1 known dead" in report


def test_a_run_with_only_working_and_known_dead_links_passes(server, tmp_path):
    base, _ = server
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(
        f'<article><a href="{base}/ok">ok</a><a href="{base}/gone">gone</a></article>')
    allowlist = write_allowlist(tmp_path / "allow.yaml", [
        {"url": f"{base}/gone", "reason": "Closed.", "replacement": "Nothing yet."}])
    assert main(["--site", str(site), "--allowlist", str(allowlist),
                 "--report", str(tmp_path / "report.md")]) == 0


@pytest.mark.parametrize("entries, message", [
    ([{"url": "https://a.example/", "reason": "Closed."}], "replacement: Field required"),
    ([{"url": "not a link", "reason": "Closed.", "replacement": "None."}], "url: String"),
    ([{"url": "https://a.example/", "reason": " ", "replacement": "None."}], "reason: String"),
    ([{"url": "https://a.example/", "reason": "Closed.", "replacement": "None.", "why": "x"}],
     "why: Extra inputs are not permitted"),
    ([{"url": "https://a.example/", "reason": "Closed.", "replacement": "None."}] * 2,
     "https://a.example/ is listed twice"),
])
def test_a_bad_allowlist_is_refused_with_the_reason(tmp_path, entries, message):
    path = write_allowlist(tmp_path / "allow.yaml", entries)
    with pytest.raises(AllowlistError, match=message):
        load_allowlist(path)


def test_an_allowlist_with_a_key_written_twice_is_refused(tmp_path):
    path = tmp_path / "allow.yaml"
    path.write_text("- url: https://a.example/\n  url: https://b.example/\n"
                    "  reason: Closed.\n  replacement: None.\n", encoding="utf-8")
    with pytest.raises(AllowlistError, match="cannot read it"):
        load_allowlist(path)


def test_the_allowlist_is_valid_and_every_entry_is_still_on_the_site(built_site):
    known = load_allowlist(ROOT / "content" / "link_allowlist.yaml")
    on_site = external_links(built_site)
    assert known and all(isinstance(entry, KnownDeadLink) for entry in known.values())
    assert sorted(set(known) - set(on_site)) == []


def test_every_outside_link_in_the_content_is_collected(built_site):
    yaml = YAML(typ="safe")
    collected = external_links(built_site)
    for name in ("references.yaml", "tools.yaml"):
        for record in yaml.load((ROOT / "content" / name).read_text(encoding="utf-8")):
            if record.get("url"):
                assert record["url"] in collected, (name, record["url"])
    assert not any("squidfunk" in url for url in collected), "the theme's own link is not ours"
