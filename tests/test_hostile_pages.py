"""Script written into any content or profile field never runs: every plain-text field and
every page body of a copy of the project, and every text field of the council profiles, gets
markup, attribute lists and `javascript:` addresses; the site is built for a council whose
profile uses every field, and every built page is opened in Chromium with the site's own
security headers, which must open no dialog and report no breach of the policy."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from conftest import build_copy, shared_folder
from generator import headers, localsite
from site_pages import page_paths

# Appended to every plain-text field: markup, a way out of an attribute, and an attribute list
# last, where attr_list would read it.
PAYLOAD = ('<img src=x onerror=alert(1)> "><script>alert(1)</script> javascript:alert(1) '
           '{: onclick="alert(1)" }')
# Appended to every page body, which is Markdown: each way raw HTML or Markdown makes script.
BODY_PAYLOAD = """

<script>alert(1)</script>

<img src=x onerror=alert(1)>

<a href="javascript:alert(1)">a link</a> and [another](javascript:alert(1)) and
[a third](JaVaScRiPt:alert(1))

<iframe src="javascript:alert(1)"></iframe>

<svg onload=alert(1)><circle r="1"/></svg>

<div onmouseover="alert(1)" markdown>Hover <b onclick="alert(1)">here</b></div>

A paragraph that asks for a handler
{: onclick="alert(1)" }

## A heading <img src=x onerror=alert(1)>

| Left | Centred | Right |
| :--- | :-----: | ----: |
| a | b | c |
"""
# Ids, references between records, enumerations and addresses: fields whose values are
# checked against a fixed list or pattern, so they cannot hold the payload.
NOT_TEXT = {"id", "file", "section", "url", "kind", "tier", "ages", "needs", "courses",
            "outcomes", "tools", "sources", "related_strategies", "stage", "after_outcome",
            "strategies", "reviewed", "licence_url",
            # a mention quotes its step word for word, and the check holds it to that;
            # the safeguarding list's words are what a search is matched against, and its
            # categories are the fixed list of those in the statutory guidance
            "words", "near", "category",
            # a profile's logo file, colours, addresses, numbers and dates
            "logo", "primary", "link", "accent", "site_url", "email", "phone",
            "page_parameter", "when", "prepared"}
# The council whose profile uses every field (contacts, footer links, training dates).
COUNCIL = "example-north"
# The way in the issue that found it: a council's name, which the theme prints unescaped.
NAME_PAYLOAD = "Northshire <script>alert(document.domain)</script>"
# A glossary term is letters, digits and `/&'-` only: it gets the two of those that matter.
TERM_PAYLOAD = "'&"


# Fields read otherwise inside one kind of record: an area's words in a level's `area_needs`
# quote an item of its list, so they take the payload the item takes; a safeguarding group's
# name is a fixed pattern that entries name it by.
INSIDE = {("area_needs", "words"): "area", ("groups", "name"): "id"}


def poison(node, key: str = ""):
    """`node` with the payload appended to every plain-text field in it."""
    if isinstance(node, dict):
        for name in node:
            # The text of a body written in parts is Markdown, as a whole body is.
            inner = "body" if key == "body" and name == "text" else INSIDE.get((key, name), name)
            node[name] = poison(node[name], inner)
        return node
    if isinstance(node, list):
        for index, item in enumerate(node):
            node[index] = poison(item, key)
        return node
    if isinstance(node, str) and key not in NOT_TEXT:
        if key == "term":
            return node + TERM_PAYLOAD
        return f"{node}{BODY_PAYLOAD}" if key == "body" else f"{node} {PAYLOAD}"
    return node


def poison_file(path: Path) -> None:
    yaml = YAML()  # round trip: text stays text, as the loader reads it
    yaml.width = 4096
    data = yaml.load(path.read_text(encoding="utf-8"))
    with path.open("w", encoding="utf-8") as file:
        yaml.dump(poison(data), file)


def poison_project(root: Path) -> None:
    for path in [*root.glob("content/**/*.yaml"), *root.glob("strategies/*.yaml"),
                 *root.glob("councils/*.yaml")]:
        if path.name != "link_allowlist.yaml":
            poison_file(path)
    profile = root / "councils" / f"{COUNCIL}.yaml"
    text = profile.read_text(encoding="utf-8")
    name = next(line for line in text.splitlines() if line.startswith("name: "))
    profile.write_text(text.replace(name, f'name: "{NAME_PAYLOAD}"'), encoding="utf-8")


@pytest.fixture(scope="module")
def poisoned_site(tmp_path_factory) -> Path:
    folder = shared_folder(tmp_path_factory, "hostile",
                           lambda folder: build_copy(folder, "--council", COUNCIL,
                                                     change=poison_project))
    return folder / "project" / "site"


@pytest.fixture(scope="module")
def poisoned_url(poisoned_site: Path):
    """The poisoned site, served with the security headers its build wrote."""
    sent = headers.read_headers_file(poisoned_site / headers.HEADERS_FILE)
    with localsite.serve(poisoned_site, sent) as url:
        yield url


# Every breach of the Content-Security-Policy a page causes, whatever the script or element.
WATCH_VIOLATIONS = """
window.semhViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.semhViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


class _Active(HTMLParser):
    """Elements and attributes that would run the payload, if any got through as markup."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag, attrs):
        handlers = [name for name, _ in attrs if name.startswith("on")]
        scripted = [name for name, value in attrs if name in {"href", "src", "action", "data"}
                    and (value or "").strip().lower().startswith("javascript:")]
        if (handlers or scripted or tag in {"iframe", "object", "embed"}
                or (tag == "img" and ("src", "x") in attrs)):
            self.found.append(self.get_starttag_text())
        self.in_script = tag == "script"

    def handle_data(self, data):
        if self.in_script and "alert(" in data:
            self.found.append(f"<script>{data}")

    def handle_endtag(self, tag):
        self.in_script = False


def test_no_payload_becomes_markup_in_any_built_page(poisoned_site: Path):
    found = {}
    for html in sorted(poisoned_site.rglob("*.html")):
        parser = _Active()
        parser.feed(html.read_text(encoding="utf-8"))
        if parser.found:
            found[html.relative_to(poisoned_site).as_posix()] = parser.found
    assert found == {}
    # The payload is there, as text, on the pages it was written into.
    home = (poisoned_site / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in home
    # A table's columns aligned by class: the policy allows no inline style.
    assert '<td class="semh-align-right">c</td>' in home
    assert 'style="text-align' not in home
    # The council's name, in the theme's title and header, and in the contacts' words.
    assert " - Northshire &lt;script&gt;alert(document.domain)&lt;/script&gt;</title>" in home
    assert "Northshire County Council home &lt;img src=x" in home


def test_no_page_opens_a_dialog_or_breaks_the_policy(browser, poisoned_site: Path,
                                                      poisoned_url: str):
    dialogs: list[str] = []
    context = browser.new_context()
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"),
                                      dialog.dismiss()))
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    broken = {}
    paths = page_paths(poisoned_site)
    assert len(paths) > 100
    for path in paths:
        page.goto(poisoned_url + path, wait_until="load")
        found = page.evaluate("window.semhViolations")
        found += [text for text in console if "Content Security Policy" in text]
        console.clear()
        if found:
            broken[path] = found
    # The finder draws its results with script: a query that finds poisoned strategies and
    # needs, with the filters that list the need titles.
    page.goto(poisoned_url + "finder/?q=calm+worried", wait_until="load")
    page.locator("[data-finder][data-finder-ready]").wait_for(state="attached")
    assert page.locator("[data-finder-results] li").count() > 0
    assert "onerror=alert(1)" in page.locator("[data-finder-results]").inner_text()
    page.wait_for_timeout(500)  # for any image error or late handler to fire
    broken["finder/?q=calm+worried"] = page.evaluate("window.semhViolations")
    context.close()
    assert dialogs == []
    assert {path: found for path, found in broken.items() if found} == {}
