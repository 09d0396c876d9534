"""The built site's security headers: a strict Content-Security-Policy that every page and
the finder work under, in the forms static hosts, nginx and Apache read."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from conftest import ROOT
from generator import headers, localsite
from site_pages import page_paths

# Where the inline scripts of our own templates are written.
OWN_TEMPLATES = [ROOT / "generator" / "templates", ROOT / "site_overrides"]

# Every CSP violation a page causes, whatever the script or element.
WATCH_VIOLATIONS = """
window.semhViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.semhViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture(scope="module")
def served_with_headers(built_site: Path):
    sent = headers.read_headers_file(built_site / headers.HEADERS_FILE)
    with localsite.serve(built_site, sent) as url:
        yield url


def test_the_policy_allows_no_inline_script_but_the_sites_own_by_hash(built_site):
    sent = headers.read_headers_file(built_site / headers.HEADERS_FILE)
    policy = dict(d.split(" ", 1) for d in sent["Content-Security-Policy"].split("; "))
    assert policy["default-src"] == "'self'"
    assert "unsafe-inline" not in policy["script-src"]
    assert "unsafe-eval" not in policy["script-src"]
    hashes = headers.inline_script_hashes(built_site, OWN_TEMPLATES)
    # The theme's scripts, the finder's own first script and the audit's fallback.
    assert len(hashes) >= 5
    assert policy["script-src"] == " ".join(["'self'", *hashes])
    assert sent["Referrer-Policy"] == "no-referrer"
    assert sent["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in sent["Permissions-Policy"]


def test_nginx_and_apache_get_the_same_headers(built_site):
    sent = headers.read_headers_file(built_site / headers.HEADERS_FILE)
    nginx = (built_site / headers.NGINX_FILE).read_text(encoding="utf-8")
    apache = (built_site / headers.APACHE_FILE).read_text(encoding="utf-8")
    for name, value in sent.items():
        assert f'add_header {name} "{value}" always;' in nginx
        assert f'Header always set {name} "{value}"' in apache


def test_no_page_breaks_the_policy(browser, built_site, served_with_headers):
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    broken = {}
    for path in page_paths(built_site):
        page.goto(served_with_headers + path, wait_until="load")
        found = page.evaluate("window.semhViolations")
        found += [text for text in console if "Content Security Policy" in text]
        console.clear()
        if found:
            broken[path] = found
    context.close()
    assert broken == {}


def test_the_finder_answers_under_the_policy(browser, served_with_headers):
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.goto(served_with_headers + "finder/?q=kicking%20off")
    expect(page.locator("[data-finder][data-finder-ready]")).to_be_attached()
    expect(page.locator("[data-finder-results] li").first).to_be_visible()
    page.locator("header [data-md-component=search-query], .md-search__input").first.focus()
    assert page.evaluate("window.semhViolations") == []
    context.close()


def test_the_policy_would_catch_an_inline_script_not_built(browser, built_site, tmp_path):
    """The check above can fail: a script added after the hashes were taken is blocked."""
    page_dir = tmp_path / "site"
    page_dir.mkdir()
    (page_dir / "index.html").write_text(
        "<!doctype html><title>x</title><script>document.title = 'ran'</script>",
        encoding="utf-8")
    sent = headers.read_headers_file(built_site / headers.HEADERS_FILE)
    with localsite.serve(page_dir, sent) as url:
        context = browser.new_context()
        context.add_init_script(WATCH_VIOLATIONS)
        page = context.new_page()
        page.goto(url)
        assert page.title() == "x"
        assert page.evaluate("window.semhViolations") != []
        context.close()


def test_the_finder_falls_back_to_its_list_when_its_scripts_fail_to_load(browser,
                                                                        served_with_headers):
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.route("**/assets/finder.js", lambda route: route.abort())
    page.goto(served_with_headers + "finder/", wait_until="load")
    expect(page.locator("[data-finder-static]")).to_be_visible()
    assert page.evaluate("document.documentElement.classList.contains('semh-finder-js')") is False
    assert page.evaluate("window.semhViolations") == []
    context.close()


def test_an_inline_script_no_one_wrote_stops_the_headers_step(built_site, tmp_path):
    """A script that reached a built page from the content or a profile is not allowed by
    hashing it: the step that writes the policy names the page and stops."""
    site = tmp_path / "site"
    site.mkdir()
    needs = built_site / "needs" / "index.html"
    (site / "needs").mkdir()
    html = needs.read_text(encoding="utf-8")
    (site / "needs" / "index.html").write_text(
        html.replace("</h1>", "</h1><script>alert(document.domain)</script>", 1),
        encoding="utf-8")
    with pytest.raises(headers.UnknownScript) as raised:
        headers.write(site, OWN_TEMPLATES)
    message = str(raised.value)
    assert message.startswith("needs/index.html: an inline script that neither the theme "
                              "nor this site's templates write: 'alert(document.domain)'")
    assert "add its fingerprint" in message
    assert not (site / headers.HEADERS_FILE).exists()
    # The same page as built passes: the theme's scripts are known at this page's depth.
    (site / "needs" / "index.html").write_text(html, encoding="utf-8")
    assert "'sha256-" in headers.write(site, OWN_TEMPLATES)["Content-Security-Policy"]
