"""Valid HTML: the Nu HTML Checker (vnu.jar, from npm) over every built page.

Errors from our templates and content fail the test. A few come from the theme itself and
cannot be fixed without copying its templates; each is listed below with the reason, and an
entry that no longer matches anything fails too, so the list never outlives the problem.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Messages the theme (Material for MkDocs) causes: (message pattern, reason it is allowed).
THEME_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Attribute “autocomplete” is only allowed when the input type is "),
     "base.html gives its hidden menu and search switches (checkboxes) autocomplete=\"off\" "
     "so that a browser does not reopen them after a reload; nothing reads it otherwise."),
    (re.compile(r"^The value of the “for” attribute of the “label” element must be the ID "
                r"of a non-hidden form control\.$"),
     "partials/toc.html labels the table of contents with for=\"__toc\", a switch the theme "
     "writes only for pages in the menu; need pages are reached from the needs index."),
]


def theme_reason(message: str) -> str | None:
    for pattern, reason in THEME_ERRORS:
        if pattern.search(message):
            return reason
    return None


@pytest.fixture(scope="module")
def vnu_messages(built_site: Path) -> list[dict]:
    """Every error and warning the checker reports on the built pages."""
    java = shutil.which("java")
    assert java, "the HTML check needs Java 17 or later (`apt-get install default-jre-headless`)"
    assert VNU.is_file(), "vnu.jar is missing: run `npm ci` (`make test` does)"
    pages = sorted(str(path) for path in built_site.rglob("*.html"))
    result = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *pages],
        capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr)["messages"]
    for message in messages:
        message["page"] = Path(message.get("url", "").removeprefix("file:")).relative_to(
            built_site).as_posix() if message.get("url") else "?"
    return messages


def describe(message: dict) -> str:
    return (f"{message['page']}:{message.get('lastLine', '?')}: {message['message']}\n"
            f"    {message.get('extract', '').strip()[:120]}")


def test_every_page_is_valid_html_apart_from_the_themes_known_errors(vnu_messages):
    ours = [message for message in vnu_messages
            if message["type"] in ("error", "non-document-error")
            and theme_reason(message["message"]) is None]
    assert not ours, "\n".join(describe(message) for message in ours)


def test_every_theme_error_allowed_is_still_there(vnu_messages):
    """When the theme fixes one of its errors, its entry above comes out."""
    unused = [reason for pattern, reason in THEME_ERRORS
              if not any(pattern.search(message["message"]) for message in vnu_messages)]
    assert not unused, unused


def test_the_checker_reports_an_error_in_our_own_markup(tmp_path):
    """The checker really runs: a page with the kind of error a template could make fails."""
    page = tmp_path / "broken.html"
    page.write_text('<!doctype html><html lang="en"><head><title>t</title>'
                    '<meta name="description" content="a "quoted" word"></head>'
                    '<body><p>text</body></html>', encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always",
                             str(page)], capture_output=True, text=True, timeout=120)
    errors = [m for m in json.loads(result.stderr)["messages"] if m["type"] == "error"]
    assert any("meta" in m["message"] for m in errors)
    assert all(theme_reason(m["message"]) is None for m in errors)
