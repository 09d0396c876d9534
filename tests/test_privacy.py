"""Nothing is sent anywhere: no request to any other origin, no cookie, no referrer.

Every page is loaded in a real browser that records every request that leaves the site's
own origin, whether from the page, a stylesheet, a script or a worker. The built
files are also read for resource hints and stylesheet imports, which can reach another
server without a request the page itself makes.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from site_pages import page_paths

# Addresses the browser makes up itself, which never leave the machine.
LOCAL_SCHEMES = {"data", "blob", "about"}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@pytest.fixture
def watched_context(browser, site_url):
    """A browser context that lists every request its pages and workers make to another
    origin. (The machine that runs the tests has no way out; the list is what would have
    left on a reader's.)"""
    context = browser.new_context()
    foreign: list[str] = []
    own = origin(site_url)

    def note(request):
        url = request.url
        if urlsplit(url).scheme not in LOCAL_SCHEMES and origin(url) != own:
            foreign.append(url)

    context.on("request", note)
    yield context, foreign
    context.close()


# What the site may keep in the browser: the theme's record of the chosen colours, and the
# answers a person enters in one of the site's tools, one localStorage key per tool.
KEPT_SETTINGS = ("__palette",)
TOOL_KEY = re.compile(r"^semh:[a-z]+(?:-[a-z]+)*$")


def stored_keys(page) -> list[str]:
    """What the page keeps in the browser's storage, other than the colour choice and the
    tools' answers."""
    local = page.evaluate("Object.keys(localStorage)")
    session = page.evaluate("Object.keys(sessionStorage)")
    return ([key for key in local if not key.endswith(KEPT_SETTINGS) and not TOOL_KEY.match(key)]
            + [key for key in session if not key.endswith(KEPT_SETTINGS)])


def test_no_page_sends_a_request_to_another_origin_or_keeps_anything(watched_context,
                                                                      built_site, site_url):
    context, foreign = watched_context
    page = context.new_page()
    problems = {}
    for path in page_paths(built_site):
        page.goto(site_url + path)
        found = [f"sets the cookie {cookie['name']!r}" for cookie in context.cookies()]
        if page.evaluate("document.cookie"):
            found.append("sets a cookie from a script")
        found += [f"keeps {key!r} in the browser" for key in stored_keys(page)]
        # Without this, a click on a link to another site tells it which page you were on.
        if page.get_attribute("meta[name=referrer]", "content") != "no-referrer":
            found.append("lets the browser tell other sites which page was being read")
        if found:
            problems[path or "/"] = found
    assert foreign == [], "requests to other origins:\n" + "\n".join(foreign)
    assert not problems, problems


def test_searching_filtering_and_switching_colours_send_nothing_anywhere(watched_context,
                                                                        site_url):
    context, foreign = watched_context
    page = context.new_page()
    page.goto(site_url + "finder/")
    page.wait_for_selector("[data-finder]:not([hidden])")
    page.fill("input[name=q]", "kicking off")
    page.wait_for_selector("[data-finder-results] [data-strategy-id]")
    page.check("[data-finder] fieldset input[type=checkbox]")
    page.click("[data-md-component=palette] label:not([hidden])")
    page.goto(site_url)
    page.fill(".md-search__input", "anxiety")
    page.wait_for_selector(".md-search-result__item")
    page.wait_for_load_state("networkidle")
    assert foreign == []
    assert context.cookies() == []
    assert page.evaluate("document.cookie") == ""
    assert stored_keys(page) == []


def test_the_request_watch_sees_requests_to_other_origins(watched_context, site_url):
    """The watch itself: an image, a font, a beacon and a worker's request to other servers
    are all seen."""
    context, foreign = watched_context
    page = context.new_page()
    page.goto(site_url)
    page.evaluate("""() => {
      document.body.insertAdjacentHTML("beforeend",
        '<img src="https://tracker.example/pixel.gif">'
        + '<style>@font-face { font-family: X; src: url(https://fonts.example/x.woff2); }'
        + 'body { font-family: X; }</style>');
      navigator.sendBeacon("https://analytics.example/beacon", "page viewed");
      const job = "fetch('https://worker.example/report').catch(() => null)";
      new Worker(URL.createObjectURL(new Blob([job], {type: "text/javascript"})));
    }""")
    expected = {"https://tracker.example/pixel.gif", "https://fonts.example/x.woff2",
                "https://analytics.example/beacon", "https://worker.example/report"}
    page.wait_for_function("document.fonts.status === 'loaded'")
    for _ in range(50):
        if expected <= set(foreign):
            break
        page.wait_for_timeout(100)
    assert expected <= set(foreign)


# Resource hints and imports that reach another server by themselves.
REMOTE_REFERENCE = re.compile(
    r"""<link[^>]+rel=["']?(?:preconnect|dns-prefetch|prefetch|preload|prerender|modulepreload)"""
    r"""[^>]+href=["']?(?:https?:)?//"""
    r"""|<link[^>]+href=["']?(?:https?:)?//[^>]+rel=["']?(?:preconnect|dns-prefetch|stylesheet)"""
    r"""|@import\s+(?:url\()?["']?(?:https?:)?//"""
    r"""|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE)


def test_no_built_file_points_the_browser_at_another_server(built_site):
    problems = []
    for path in sorted(built_site.rglob("*")):
        if path.suffix not in {".html", ".css", ".js"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for match in REMOTE_REFERENCE.finditer(text):
            problems.append(f"{path.relative_to(built_site)}: {match.group(0)[:100]}")
    assert not problems, "\n".join(problems)


def test_the_file_check_recognises_remote_fonts_and_hints():
    assert REMOTE_REFERENCE.search('<link rel="preconnect" href="https://fonts.gstatic.com">')
    assert REMOTE_REFERENCE.search("@import url('https://fonts.googleapis.com/css')")
    assert REMOTE_REFERENCE.search('src: url("//cdn.example/font.woff2")')
    assert not REMOTE_REFERENCE.search('<a href="https://www.gov.uk/">GOV.UK</a>')
    assert not REMOTE_REFERENCE.search('<link rel="stylesheet" href="../assets/semh.css">')
