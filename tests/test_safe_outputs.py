"""Outputs a user can trust: CSV cells a spreadsheet will not run, and builds that never
break site/ (two at once, or one killed half way)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

from conftest import ROOT, run_generator

FORMULAS = {
    "formula-equals": '=HYPERLINK("http://example.com","Click")',
    "formula-plus": "+1",
    "formula-minus": "-1",
    "formula-at": "@SUM(A1:A2)",
}


def add_formula_strategies(project: Path) -> None:
    records = "".join(f"""
- id: {sid}
  title: {json.dumps(text)}
  text: {json.dumps(text)}
  needs: all
  ages: [primary]
  tier: whole-setting
  source:
    file: 002_4e366928d7b06a22.txt
    section: General expected practices
""" for sid, text in FORMULAS.items())
    with open(project / "strategies" / "general.yaml", "a", encoding="utf-8") as f:
        f.write(records)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def start_build(root: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "generator", "build", "--root", str(root)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                            start_new_session=True)


def test_csv_cells_that_look_like_formulas_get_a_quote_and_the_json_keeps_the_text(project):
    add_formula_strategies(project)
    result = run_generator("build", root=project)
    assert result.returncode == 0, result.stderr
    csv_bytes = (project / "site" / "data" / "strategies.csv").read_bytes()
    assert b"\n" + b'formula-equals,"\'=HYPERLINK(""http://example.com"",""Click"")"' in csv_bytes
    assert b"\nformula-plus,'+1,'+1," in csv_bytes
    assert b"\nformula-minus,'-1,'-1," in csv_bytes
    assert b"\nformula-at,'@SUM(A1:A2),'@SUM(A1:A2)," in csv_bytes
    # ordinary cells are untouched
    assert b"\ntrauma-informed-practice,Use trauma-informed practice," in csv_bytes
    strategies = json.loads((project / "site" / "data" / "strategies.json").read_bytes())
    by_id = {s["id"]: s for s in strategies}
    for sid, text in FORMULAS.items():
        assert (by_id[sid]["title"], by_id[sid]["text"]) == (text, text)


def test_two_builds_at_once_both_end_with_the_whole_site(project):
    assert run_generator("build", root=project).returncode == 0
    expected = sorted(snapshot(project / "site"))
    first, second = start_build(project), start_build(project)
    outputs = [build.communicate(timeout=900) for build in (first, second)]
    for build, (out, err) in zip((first, second), outputs):
        assert build.returncode == 0, err
        assert "Traceback" not in err
    assert any("Another build of this project is running" in err for _, err in outputs)
    assert sorted(snapshot(project / "site")) == expected
    assert (project / "site" / "index.html").is_file()
    assert [p.name for p in (project / "build").glob("site.*")] == []


def test_a_build_killed_half_way_leaves_the_site_and_the_next_build_works(project):
    assert run_generator("build", root=project).returncode == 0
    before = snapshot(project / "site")
    build = start_build(project)
    # Kill it (and mkdocs under it) once mkdocs has started writing the new site.
    deadline = time.monotonic() + 300
    while not any((project / "build").glob("site.new*/*")):
        assert build.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert snapshot(project / "site") == before
    result = run_generator("build", root=project)
    assert result.returncode == 0, result.stderr
    assert sorted(snapshot(project / "site")) == sorted(before)
    assert [p.name for p in (project / "build").glob("site.*")] == []


IMG = "<img src=x onerror=alert(1)>"
ATTR = 'Calm corner {: onclick="alert(1)" }'


def replace_once(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if (tag == "img" and ("src", "x") in attrs) or any("alert(1)" in (v or "") for _, v in attrs):
            self.found.append(self.get_starttag_text())


def injected_markup(html: str) -> list[str]:
    """Elements the titles above would make if they became markup."""
    parser = _Markup()
    parser.feed(html)
    return parser.found


def test_titles_that_look_like_html_or_attribute_lists_show_as_text(project):
    replace_once(project / "strategies" / "general.yaml",
                 "title: Use trauma-informed practice", f"title: {json.dumps(IMG)}")
    replace_once(project / "strategies" / "general.yaml",
                 "title: Promote wellbeing across the whole setting", f"title: {json.dumps(ATTR)}")
    replace_once(project / "content" / "pages" / "about.yaml",
                 "title: About this site", f"title: {json.dumps(IMG)}")
    result = run_generator("build", root=project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    for page in ("strategies/trauma-informed-practice", "about"):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        assert "&lt;img src=x onerror=alert(1)&gt;" in html, page
    injected = {str(f.relative_to(site)): injected_markup(f.read_text(encoding="utf-8"))
                for f in site.rglob("*.html")}
    assert {page: found for page, found in injected.items() if found} == {}
    html = (site / "strategies" / "whole-setting-wellbeing" / "index.html").read_text("utf-8")
    # the braces stay in the heading as text instead of becoming its attributes
    assert '>Calm corner {: onclick="alert(1)" }<a class="headerlink"' in html
