"""Building the site: clean when the content is right, and harmless when it is not."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from html import escape as html_escape
from pathlib import Path

from conftest import ROOT, run_generator

BROKEN = Path(__file__).parent / "fixtures" / "broken"


def snapshot(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def test_the_site_builds_with_strict_mkdocs_and_every_page_is_there(built_site: Path, site):
    expected = [f"needs/{need.id}/index.html" for need in site.needs]
    expected += [f"strategies/{strategy.id}/index.html" for strategy in site.strategies]
    expected += [f"{name}/index.html" for name in ("finder", "needs", "strategies", "levels",
                 "outcomes", "audit", "pathway", "training", "glossary", "sources", "tools",
                 "about", "parents")]
    missing = [page for page in ["index.html", *expected] if not (built_site / page).is_file()]
    assert missing == []


def test_bad_content_stops_the_build_and_leaves_the_site_as_it_was(project: Path):
    assert run_generator("build", root=project).returncode == 0
    before = snapshot(project / "site")
    shutil.copy(BROKEN / "unknown-need.yaml", project / "strategies" / "zz-unknown-need.yaml")

    result = run_generator("build", root=project)

    assert result.returncode == 1
    assert ("strategies/zz-unknown-need.yaml:6: need 'atention' does not exist"
            in result.stderr)
    assert "Traceback" not in result.stderr + result.stdout
    assert snapshot(project / "site") == before


def test_a_broken_link_in_a_page_fails_strict_mkdocs_and_leaves_the_site(project: Path):
    assert run_generator("build", root=project).returncode == 0
    before = snapshot(project / "site")
    about = project / "content" / "pages" / "about.yaml"
    about.write_text(about.read_text(encoding="utf-8").replace(
        "## What it is", "## What it is\n\n      See [the missing page](../missing/index.md).", 1),
        encoding="utf-8")

    result = run_generator("build", root=project)

    assert result.returncode != 0
    assert "missing/index.md" in result.stdout + result.stderr
    assert snapshot(project / "site") == before


def test_mkdocs_itself_reports_content_errors_without_a_traceback(project: Path, tmp_path: Path):
    shutil.copy(BROKEN / "duplicate-key.yaml", project / "strategies" / "zz-duplicate-key.yaml")
    (project / "build" / "docs").mkdir(parents=True)

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"),
         "-d", str(tmp_path / "out")],
        capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})

    assert result.returncode == 1
    assert ("strategies/zz-duplicate-key.yaml:5: key 'title' is written twice in one record "
            "(first on line 2)") in result.stderr
    assert "Traceback" not in result.stderr


def test_check_command_summarises_valid_content():
    result = run_generator("check", root=ROOT)
    assert result.returncode == 0
    assert result.stdout.startswith("Content is valid: 10 needs, ")


def test_abbreviations_are_explained_on_the_built_pages(built_site: Path, site):
    cyp = next(term for term in site.glossary if term.term == "CYP")
    html = (built_site / "needs" / "attention-difficulties" / "index.html").read_text("utf-8")
    assert f'<abbr title="{cyp.expansion}">CYP</abbr>' in html


def test_every_abbreviation_is_explained_wherever_a_page_uses_it(built_site: Path, site):
    """The glossary reaches every page through the abbr extension: no page's text holds an
    abbreviation that is not marked up with what it stands for."""
    terms = {term.term: term.expansion for term in site.glossary}
    unexplained, explained = [], set()
    for path in sorted(built_site.rglob("*.html")):
        html = path.read_text("utf-8")
        article = re.search(r"<article\b.*?</article>", html, re.S)
        if not article:
            continue
        body = article.group(0)
        for term, expansion in terms.items():
            if f'<abbr title="{html_escape(expansion, quote=False)}">{term}</abbr>' in body:
                explained.add(term)
        # The print header names the site; it is not Markdown, so the glossary never reaches it.
        body = re.sub(r'<div class="semh-print-header".*?</div>', " ", body, flags=re.S)
        # Inside a form label or a link an <abbr> would be a tab stop of its own between the
        # controls (a11y.js makes each one focusable), so the tools' labels keep plain words.
        text = re.sub(r"<(abbr|code|script|style|label|a)\b.*?</\1>", " ", body, flags=re.S)
        text = re.sub(r"<[^>]+>", " ", text)
        for term in terms:
            if re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text):
                unexplained.append((path.relative_to(built_site).as_posix(), term))
    assert unexplained == []
    # Every abbreviation is used somewhere, at least on the glossary page that lists it.
    assert explained == set(terms)

