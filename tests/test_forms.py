"""Every form can be sent, and every form control has a name, in the HTML of every page: what
HTML_CodeSniffer (pa11y, `make audit-pages`) reports as errors, found here without it.

A form with no submit button leaves a person using a screen reader or voice control with no
control to send it by; a control with no label is announced as nothing. A control that sends
nothing anywhere need not be a form (the light/dark switch is not one).
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from generator.pa11y import report
from site_pages import page_paths


class Forms(HTMLParser):
    """Each form's submit buttons, and each control with neither a label nor a name."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[list[str]] = []  # per form: how it is submitted
        self.open_forms = 0
        self.controls: list[tuple[str, dict]] = []
        self.labelled: set[str] = set()
        self.in_label = 0

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append([])
            self.open_forms += 1
        elif tag == "label":
            self.in_label += 1
            if attributes.get("for"):
                self.labelled.add(attributes["for"])
        kind = attributes.get("type", "submit" if tag == "button" else "text")
        if self.open_forms and ((tag == "button" and kind == "submit")
                                or (tag == "input" and kind in ("submit", "image"))):
            self.forms[-1].append(tag)
        if tag in ("input", "select", "textarea") and kind != "hidden":
            self.controls.append((tag, {**attributes, "wrapped": self.in_label > 0}))

    def handle_endtag(self, tag):
        if tag == "form":
            self.open_forms -= 1
        elif tag == "label":
            self.in_label = max(0, self.in_label - 1)

    def unnamed(self) -> list[str]:
        return [f"<{tag} id={attributes.get('id')!r} name={attributes.get('name')!r}>"
                for tag, attributes in self.controls
                if not (attributes["wrapped"] or attributes.get("id") in self.labelled
                        or attributes.get("aria-label") or attributes.get("aria-labelledby")
                        or attributes.get("title") or attributes.get("aria-hidden") == "true")]


def problems_of(html: str) -> list[str]:
    forms = Forms()
    forms.feed(html)
    found = [f"form {number} has no submit button"
             for number, submits in enumerate(forms.forms, 1) if not submits]
    return found + [f"{control} has no label" for control in forms.unnamed()]


def test_a_form_without_a_submit_button_and_a_control_without_a_label_are_found():
    html = ('<form class="md-header__option"><input type="radio" name="p" aria-label="Dark">'
            '</form><form><input id="q"><label for="q">Words</label><button>Go</button></form>'
            '<input type="checkbox" id="__toc"><label>Need <input type="checkbox"></label>')
    assert problems_of(html) == ["form 1 has no submit button",
                                 "<input id='__toc' name=None> has no label"]


@pytest.fixture(scope="module")
def pages(built_site):
    return {path: (built_site / (path if path.endswith(".html") else path + "index.html"))
            .read_text(encoding="utf-8") for path in page_paths(built_site)}


def test_every_form_on_every_page_has_a_submit_button_and_every_control_a_label(pages):
    assert len(pages) > 100
    found = {path or "/": problems for path, html in pages.items()
             if (problems := problems_of(html))}
    assert found == {}


def test_the_palette_switch_is_not_a_form_and_the_searches_are(pages):
    home, finder = pages[""], pages["finder/"]
    assert '<div class="md-header__option" data-md-component="palette">' in home
    assert 'class="md-search__form" role="search"' in home
    assert '<button type="submit" class="semh-visually-hidden" tabindex="-1">Search</button>' in home
    assert ('<button type="submit" class="semh-visually-hidden" tabindex="-1">Find strategies'
            '</button>') in finder


def test_the_page_audit_counts_each_runners_errors_and_lists_them():
    pages = [{"path": "", "issues": [
                 {"runner": "htmlcs", "type": "error", "code": "H32.2",
                  "message": "This form does not contain a submit button", "selector": "form"},
                 {"runner": "htmlcs", "type": "notice", "code": "G18", "message": "Check",
                  "selector": "p"}]},
             {"path": "plan/", "issues": [
                 {"runner": "axe", "type": "warning", "code": "region", "message": "Region",
                  "selector": "div"}]}]
    text, errors = report(pages)
    assert errors == 1
    assert text.splitlines() == [
        "pa11y (WCAG 2 AA) over 2 pages:",
        "  htmlcs: 1 errors, 0 warnings, 1 notices",
        "  axe: 0 errors, 1 warnings, 0 notices",
        "/: htmlcs H32.2: This form does not contain a submit button (form)"]
