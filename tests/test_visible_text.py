"""No page shows a reader text that was never meant for them.

Front matter, template and Markdown syntax that slipped through the build (`title:`, `{{`,
`{%`, `{:`, `](`, `*[`, a stray `**`), and words run together at a punctuation mark
("services:Find") are looked for in what every page of the default build and of each
example council's build shows: its HTML's text, hidden parts and tooltips included (a notice
shown later is still read), and, in Chromium, the text on screen once the page's scripts
have run and the text as printed, with the addresses the print stylesheet adds.
"""

from __future__ import annotations

import contextlib
import re
from html.parser import HTMLParser

import pytest

from conftest import SEEDS
from generator import localsite
from site_pages import page_paths
from test_councils import COUNCILS, Builds

# --- what counts as a fault -----------------------------------------------------------------

SYNTAX = [
    (re.compile(r"(?<![\w-])(title|description): "), "front matter"),
    (re.compile(r"\{\{|\}\}"), "template syntax '{{'"),
    (re.compile(r"\{%|%\}"), "template syntax '{%'"),
    (re.compile(r"\{:|\{#|\{ ?\.[a-z]"), "Markdown attribute syntax"),
    (re.compile(r"\]\("), "a Markdown link '](...)'"),
    (re.compile(r"\*\["), "a Markdown abbreviation '*[...]'"),
    (re.compile(r"\*\*"), "Markdown bold '**'"),
    (re.compile(r"(?<![\w*])__\w|\w__(?![\w*])"), "Markdown bold '__'"),
]
# A word, a punctuation mark and the next word with no space: "services:Find", "(SEMH)and",
# "end.Next". Digits are left alone (10:30, 4.5:1, 0-25), and so are addresses, file and
# module names (gov.uk, strategies.csv, generator.build), whose dot is followed by a small
# letter: a sentence's full stop is followed by a capital.
RUN_TOGETHER = re.compile(r"[A-Za-z][:;,!?)][A-Za-z]|[a-z]{2}\.[A-Z][a-z]")
# The councils' words are kept as they wrote them, a missing space too: each of these is in
# the seed named, word for word (a test below holds them to it).
AS_THE_SOURCE_WRITES = {"made progress.Schools will": "000_95c499e47f275a01.txt"}
# Addresses and the site's own keys are written without spaces on purpose.
UNSPACED = re.compile(r"\b(?:https?|mailto|tel):\S+|\S+@\S+\.\S+|\bsemh:[a-z<>-]+")


def faults(text: str) -> list[str]:
    """Each fault in `text`, with the words around it."""
    found = []

    def around(match: re.Match) -> str:
        start, end = match.start(), match.end()
        return text[max(0, start - 30):end + 30].replace("\n", " ")

    words = UNSPACED.sub(lambda m: " " * len(m.group()), text)
    for pattern, name in SYNTAX:
        found += [f"{name}: ...{around(m)}..." for m in pattern.finditer(words)]
    for quoted in AS_THE_SOURCE_WRITES:
        words = words.replace(quoted, " " * len(quoted))
    found += [f"words run together: ...{around(m)}..." for m in RUN_TOGETHER.finditer(words)]
    return found


@pytest.mark.parametrize("text", [
    '---\ntitle: "Essex SEMH best-practice self-audit" description: "The nine sections"',
    "Hello {{ council.name }}", "{% if x %}", "Heading {: .class }", "Heading {#about}",
    "see [the finder](../finder/)", "*[SEMH]: Social", "a **stray bold",
    "The council says how to reach its children's services:Find your council's page",
    "Anxiety (SEMH)and stress", "the end.Next step", "one,two", "Stop!Go",
])
def test_each_kind_of_fault_is_found(text):
    assert faults(text)


@pytest.mark.parametrize("text", [
    "Open 9:30 to 17:00", "a contrast of 4.5:1", "ages 0-25", "https://www.gov.uk/find-local-council",
    "email send@example.org", "data/strategies.csv and data/needs.json", "e.g. a sand timer",
    "python -m generator.build", "kept under semh:audit", "mailto:send@example.org", "Key Stage 2",
    "Title: the page's own, in plain words", "Sevenoaks, Kent: the pathway",
    "(https://www.gov.uk/mental_health_and_behaviour_in_schools__.pdf)",
])
def test_ordinary_text_is_not_a_fault(text):
    assert faults(text) == []


def test_the_run_together_words_let_through_are_the_councils_own():
    for quoted, seed in AS_THE_SOURCE_WRITES.items():
        assert quoted in (SEEDS / seed).read_text(encoding="utf-8")
        assert faults(quoted) == []


# --- a page's text, as its HTML has it ------------------------------------------------------

# Elements that start a line of their own, so the text on each side of them is not run together.
SEPARATE = {
    "address", "article", "aside", "blockquote", "br", "button", "caption", "dd", "details",
    "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "input", "label", "legend", "li",
    "main", "nav", "noscript", "ol", "optgroup", "option", "p", "pre", "section", "select",
    "summary", "table", "tbody", "td", "textarea", "tfoot", "th", "thead", "title", "tr", "ul",
}
NOT_TEXT = {"script", "style", "svg"}
# Attributes a reader sees: a tooltip, an image's words, a box's hint.
SHOWN_ATTRIBUTES = {"title", "alt", "placeholder"}


class PageText(HTMLParser):
    """Every piece of text in a page's HTML, hidden ones included: a notice a script shows
    later, and the sections the self-audit keeps in <noscript> until its script puts them in."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in NOT_TEXT:
            self.skipping += 1
        if tag in SEPARATE:
            self.parts.append("\n")
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.parts.append(f"\n{value}\n")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in NOT_TEXT:
            self.skipping -= 1

    def handle_endtag(self, tag):
        if tag in NOT_TEXT:
            self.skipping = max(0, self.skipping - 1)
        if tag in SEPARATE:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = PageText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def test_the_html_text_keeps_inline_words_together_and_lines_apart():
    text = html_text('<p>services:<a href="x">Find</a></p><p>Next</p><script>a{{b}}</script>'
                     '<abbr title="Social, Emotional">SEMH</abbr>')
    assert "services:Find" in text and "Next" in text and "{{" not in text
    assert "Social, Emotional" in text
    found = faults(text)
    assert len(found) == 1 and "services:Find" in found[0]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory)


def site_pages(site) -> list[tuple[str, object]]:
    return [(path, site / (path if path.endswith(".html") else path + "index.html"))
            for path in page_paths(site)]


@pytest.mark.parametrize("council", COUNCILS)
def test_no_page_of_the_html_shows_syntax_or_words_run_together(builds, council):
    site = builds[council][0] / "site"
    problems = {}
    for path, file in site_pages(site):
        found = faults(html_text(file.read_text(encoding="utf-8")))
        if found:
            problems[path or "/"] = found
    assert len(site_pages(site)) > 100
    assert not problems, report(problems)


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}:\n  " + "\n  ".join(found) for path, found in problems.items())


# --- a page's text in the browser, on screen and on paper ------------------------------------

# The text a reader sees, as innerText lays it out, with what the stylesheets add before and
# after an element (on paper, the address after a link to another website). Hidden elements
# are left out: these are what the screen or the sheet shows now.
SHOWN_TEXT_JS = r"""
() => {
  const BLOCKS = new Set(["block", "flex", "grid", "list-item", "table", "table-row",
                          "table-cell", "table-caption", "flow-root"]);
  const out = [];
  // A computed `content` is its strings and attr() in order, then "/" and its spoken text.
  const added = (el, which) => {
    const content = getComputedStyle(el, which).content;
    if (!content || content === "none" || content === "normal") return "";
    let shown = "";
    for (const [token, string, attr] of content.matchAll(
        /"((?:[^"\\]|\\.)*)"|attr\(([\w-]+)\)|\//g)) {
      if (token === "/") break;
      shown += string !== undefined ? string.replace(/\\(.)/g, "$1")
                                    : (el.getAttribute(attr) || "");
    }
    return shown;
  };
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) { out.push(node.textContent); return; }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE", "svg"].includes(node.nodeName)) return;
    const style = getComputedStyle(node);
    if (style.display === "none" || style.visibility === "hidden") return;
    const block = BLOCKS.has(style.display) || ["BR", "INPUT", "BUTTON", "SELECT",
                                                 "TEXTAREA", "IMG"].includes(node.nodeName);
    if (block) out.push("\n");
    out.push(added(node, "::before"));
    node.childNodes.forEach(walk);
    out.push(added(node, "::after"));
    if (block) out.push("\n");
  };
  walk(document.body);
  return out.join("");
}
"""


# Pages whose scripts put text on the page after it loads, and what says they are done.
DRAWN = {"audit/": "[data-audit-shown]", "finder/": "[data-finder-results] [data-strategy-id]"}


@pytest.fixture(scope="module")
def served(builds):
    with contextlib.ExitStack() as stack:
        class Served(dict):
            def __missing__(self, council: str) -> str:
                self[council] = stack.enter_context(localsite.serve(builds[council][0] / "site"))
                return self[council]

        yield Served()


@pytest.mark.parametrize("council", COUNCILS)
def test_no_page_shows_syntax_or_words_run_together_on_screen_or_on_paper(browser, builds,
                                                                             served, council):
    site = builds[council][0] / "site"
    context = browser.new_context()
    page = context.new_page()
    problems = {}
    try:
        for path, _ in site_pages(site):
            page.emulate_media(media="screen")
            page.goto(served[council] + path, wait_until="networkidle")
            if path in DRAWN:
                page.wait_for_selector(DRAWN[path], state="attached")
            screen = page.evaluate(SHOWN_TEXT_JS)
            page.emulate_media(media="print")
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            paper = page.evaluate(SHOWN_TEXT_JS)
            found = [f"on screen, {fault}" for fault in faults(screen)]
            found += [f"on paper, {fault}" for fault in faults(paper)]
            if found:
                problems[path or "/"] = found
            assert "\n" in paper and len(paper) > 200, path
    finally:
        context.close()
    assert not problems, report(problems)
