"""Hostile or careless content ends in an author's message: no traceback, no hang, and the
previous site left exactly as it was."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.load import load
from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "broken"

PLAIN_DATA = "write the value out in full; the content does not use YAML anchors or aliases"
NO_TAGS = ("remove the tag; the content is plain text, numbers, lists and 'field: value' "
           "lines, without YAML tags")
LINKED = "put the file itself here, or delete the link"


def files_under(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_refused(project: Path, expected: list[tuple[str, int, str, str]],
                   council: str = "default") -> None:
    """`build` stops before MkDocs with exactly these problems and leaves site/ alone. A
    problem with a whole file that has no lines is given with line 0, and shown `file: `."""
    site = project / "site"
    (site / "needs").mkdir(parents=True)
    (site / "index.html").write_text("<p>the site as it was</p>\n", encoding="utf-8")
    (site / "needs" / "index.html").write_text("<p>needs</p>\n", encoding="utf-8")
    before = files_under(site)

    try:
        # As conftest's run_generator, with a time limit: reading a FIFO would never end.
        result = subprocess.run(
            [sys.executable, "-m", "generator", "build", "--root", str(project),
             "--council", council],
            capture_output=True, text=True, cwd=ROOT, timeout=60,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    except subprocess.TimeoutExpired:
        pytest.fail("the build hung")

    lines = []
    for path, line, message, hint in expected:
        lines += [f"{path}:{line}: {message}" if line else f"{path}: {message}",
                  f"    hint: {hint}"]
    count = len(expected)
    lines.append(f"{count} problem{'s' if count != 1 else ''} in the content; nothing was built")
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == lines
    assert result.returncode == 1
    assert files_under(site) == before
    assert not (project / "build" / "site.new").exists()


def add_strategy_fixture(project: Path, name: str) -> str:
    target = f"strategies/zz-{name}.yaml"
    shutil.copy(FIXTURES / f"{name}.yaml", project / target)
    return target


# --- YAML that is not plain data --------------------------------------------------------------

def test_yaml_tags_are_refused(project: Path):
    target = add_strategy_fixture(project, "tags")
    assert_refused(project, [
        (target, 3, "YAML tag '!!python/object/apply:os.system' is not allowed", NO_TAGS),
        (target, 4, "YAML tag '!calm' is not allowed", NO_TAGS),
        (target, 6, "YAML tag '!!binary' is not allowed", NO_TAGS),
    ])


def test_yaml_anchors_aliases_and_merge_keys_are_refused(project: Path):
    target = add_strategy_fixture(project, "anchors")
    assert_refused(project, [
        (target, 5, "YAML anchor '&needs' is not allowed", PLAIN_DATA),
        (target, 12, "YAML alias '*needs' is not allowed", PLAIN_DATA),
        (target, 16, "YAML merge key '<<' is not allowed",
         "write the fields out in full; the content does not use YAML merge keys "
         "(put quotes around '<<' to mean the text)"),
    ])


def test_an_alias_bomb_is_refused_at_once(project: Path, tmp_path: Path):
    target = add_strategy_fixture(project, "alias-bomb")
    assert_refused(project, [
        (target, line, f"YAML anchor '&{name}' is not allowed", PLAIN_DATA)
        for line, name in enumerate("abcdefghi", start=2)
    ])

    # Expanded, the file is a billion strings; refused, it is read in a moment.
    alone = tmp_path / "alone"
    (alone / "strategies").mkdir(parents=True)
    shutil.copy(FIXTURES / "alias-bomb.yaml", alone / "strategies" / "bomb.yaml")
    start = time.monotonic()
    problems = load(alone).problems
    assert time.monotonic() - start < 1.0
    assert ("strategies/bomb.yaml", 2) in [(p.path, p.line) for p in problems]


def test_runaway_nesting_is_refused(project: Path):
    (project / "strategies" / "zz-deep.yaml").write_text("[" * 500 + "]" * 500 + "\n")
    assert_refused(project, [
        ("strategies/zz-deep.yaml", 1,
         "the lists and fields here are nested more than 30 levels deep",
         "check the indentation and the brackets"),
    ])


# --- files that are not content files ---------------------------------------------------------

def test_a_file_over_the_size_limit_is_refused(project: Path):
    path = project / "strategies" / "zz-large.yaml"
    path.write_text("# " + "x" * 1024 * 1024 + "\n", encoding="utf-8")
    assert_refused(project, [
        ("strategies/zz-large.yaml", 1, "the file is 1,048,579 bytes, more than the 1 MiB allowed",
         "content files are far smaller; check that nothing was pasted in by mistake, "
         "or split the records into more files"),
    ])


def test_a_symlink_loop_is_refused(project: Path):
    (project / "strategies" / "zz-loop.yaml").symlink_to("zz-loop.yaml")
    assert_refused(project, [
        ("strategies/zz-loop.yaml", 1, "this link leads round in a loop of links", LINKED),
    ])


def test_a_dangling_symlink_is_refused(project: Path):
    (project / "content" / "pages" / "zz-gone.yaml").symlink_to("nowhere.yaml")
    assert_refused(project, [
        ("content/pages/zz-gone.yaml", 1,
         "this is a link to 'nowhere.yaml', which does not exist", LINKED),
    ])


def test_a_symlink_out_of_the_project_is_refused(project: Path):
    # Its own mistake goes unreported: the file out there is never read.
    shutil.copy(FIXTURES / "unknown-need.yaml", project.parent / "outside.yaml")
    (project / "strategies" / "zz-outside.yaml").symlink_to("../../outside.yaml")
    assert_refused(project, [
        ("strategies/zz-outside.yaml", 1, "this is a link to '../../outside.yaml', outside the "
         "project", "copy it into the project instead of linking to it"),
    ])


def test_a_folder_named_like_a_content_file_is_refused(project: Path):
    (project / "content" / "pages" / "zz-folder.yaml").mkdir()
    assert_refused(project, [
        ("content/pages/zz-folder.yaml", 1, "this is a folder, not a file",
         "content files are YAML files; move the folder out of here"),
    ])


def test_a_fifo_named_like_a_content_file_is_refused_without_hanging(project: Path):
    os.mkfifo(project / "strategies" / "zz-fifo.yaml")
    assert_refused(project, [
        ("strategies/zz-fifo.yaml", 1, "this is not a plain file",
         "put a YAML file here, or delete it"),
    ])


# --- no content file is ignored ---------------------------------------------------------------

def test_a_yml_file_is_refused_with_its_new_name(project: Path):
    shutil.copy(FIXTURES / "unknown-need.yaml", project / "strategies" / "zz-new.yml")
    (project / "content" / "pages" / "zz-page.yml").write_text("id: x\n", encoding="utf-8")
    assert_refused(project, [
        ("content/pages/zz-page.yml", 1, "the generator reads only files ending in .yaml",
         "rename it to zz-page.yaml"),
        ("strategies/zz-new.yml", 1, "the generator reads only files ending in .yaml",
         "rename it to zz-new.yaml"),
    ])


def test_stray_files_are_refused_with_what_belongs_there(project: Path):
    (project / "strategies" / "notes.txt").write_text("to do\n", encoding="utf-8")
    (project / "content" / "old").mkdir()
    (project / "content" / "pages" / "home.yaml.bak").write_text("id: home\n")
    assert_refused(project, [
        ("content/old", 1, "the generator does not read this folder",
         "move it out of content/; only these belong there: sources.yaml, needs.yaml, "
         "indicators.yaml, levels.yaml, outcomes.yaml, tools.yaml, references.yaml, "
         "audit.yaml, pathway.yaml, courses.yaml, glossary.yaml, synonyms.yaml, "
         "safeguarding.yaml, terms.yaml, "
         "link_allowlist.yaml, pages"),
        ("content/pages/home.yaml.bak", 1, "the generator does not read this file",
         "move it out of content/pages/; only these belong there: *.yaml"),
        ("strategies/notes.txt", 1, "the generator does not read this file",
         "move it out of strategies/; only these belong there: *.yaml, AGES.md"),
    ])


# --- missing files ----------------------------------------------------------------------------

@pytest.mark.parametrize("name, holds", [
    ("home", "the home page"),
    ("parents", "the page for parents and carers"),
    ("about", "the 'About this site' page"),
])
def test_a_missing_hand_written_page_is_named_before_mkdocs_runs(project: Path, name: str,
                                                                 holds: str):
    (project / "content" / "pages" / f"{name}.yaml").unlink()
    assert_refused(project, [
        (f"content/pages/{name}.yaml", 1, f"this file is missing: it holds {holds}",
         "restore it from the repository; the site needs it"),
    ])


def test_a_missing_content_file_says_what_it_holds(project: Path):
    (project / "content" / "synonyms.yaml").unlink()
    assert_refused(project, [
        ("content/synonyms.yaml", 1,
         "this file is missing: it holds the everyday words the finder knows",
         "restore it from the repository; the site needs it"),
    ])


# --- items written twice in lists whose order means nothing -----------------------------------

def test_repeated_items_in_a_strategy_are_refused(project: Path):
    target = add_strategy_fixture(project, "duplicate-list-items")
    assert_refused(project, [
        (target, 5, "needs: 'attention-difficulties' is listed twice (first on line 5)",
         "keep one of them"),
        (target, 9, "ages: 'primary' is listed twice (first on line 7)", "keep one of them"),
        (target, 12, "courses: 'adhd' is listed twice (first on line 12)", "keep one of them"),
        (target, 13, "outcomes: 'outcome-1' is listed twice (first on line 13)",
         "keep one of them"),
        (target, 14, "tools: 'boxall-profile' is listed twice (first on line 14)",
         "keep one of them"),
    ])


@pytest.mark.parametrize("name, target, line, message", [
    ("duplicate-indicator-needs", "content/indicators.yaml", 4,
     "needs: 'unhappy-or-stressed' is listed twice (first on line 4)"),
    ("duplicate-synonym-needs", "content/synonyms.yaml", 5,
     "needs: 'behaviours-that-challenge' is listed twice (first on line 4)"),
])
def test_a_need_written_twice_is_refused(project: Path, name: str, target: str, line: int,
                                         message: str):
    shutil.copy(FIXTURES / f"{name}.yaml", project / target)
    assert_refused(project, [(target, line, message, "keep one of them")])


def test_a_content_folder_linked_from_outside_the_project_is_not_read(project: Path):
    shutil.move(project / "strategies", project.parent / "strategies")
    (project / "strategies").symlink_to("../strategies")

    loaded = load(project)

    assert [str(p) for p in loaded.problems] == [
        "strategies:1: this is a link to '../strategies', outside the project\n"
        "    hint: copy it into the project instead of linking to it"]
    assert not [record for record in loaded.records if record.path.startswith("strategies/")]


# --- addresses --------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [
    "https://example.org/a)[y](javascript:alert(1)",
    "javascript:alert(1)",
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/<script>",
    "https:///no-host",
])
def test_an_address_that_could_become_markup_or_script_is_refused(project: Path, url: str):
    target = "strategies/zz-link.yaml"
    (project / target).write_text(
        "- id: zz-link\n"
        "  title: A strategy with a link\n"
        "  text: the council's words\n"
        "  needs: [attention-difficulties]\n"
        "  ages: [primary]\n"
        "  tier: targeted\n"
        "  source:\n"
        "    file: 002_4e366928d7b06a22.txt\n"
        "    section: Attention difficulties\n"
        "  links:\n"
        "    - title: Somewhere\n"
        f"      url: '{url}'\n", encoding="utf-8")
    assert_refused(project, [(
        target, 12, f"links[1].url: {url!r} is not a web address",
        "write the full address, starting with https:// and a host name, with no spaces, "
        "brackets, quotes or angle brackets (write them %-encoded)")])


QUICK_CASES = {
    "text only": ("- id: a\n  title: 'Quoted: yes'\n  text: |\n    Two\n    lines\n"
                  "  needs: [x, y]\n"),
    "words YAML 1.1 reads as true": "- id: a\n  title: yes\n  flag: on\n  other: NO\n",
    "a number": "- id: a\n  number: 3\n",
    "a date": "- id: a\n  reviewed: 2026-01-31\n",
    "null": "- id: a\n  title:\n",
    "a key twice": "- id: a\n  id: b\n",
    "a line separator": "- id: a\n  title: one\u2028two\n",
    "not a list": "id: a\n",
}


def both_ways(root: Path):
    """What load() gives for `root`, with plain files read quickly, and all through ruamel."""
    from generator import load as loader

    def seen(loaded):
        return ([(r.path, r.line, r.data, r.lines) for r in loaded.records], loaded.problems)

    quick = seen(loader.load(root))
    loader._parse.cache_clear()
    original, loader._quick_records = loader._quick_records, lambda text, many: None
    try:
        slow = seen(loader.load(root))
    finally:
        loader._quick_records = original
    return quick, slow


@pytest.mark.parametrize("text", QUICK_CASES.values(), ids=QUICK_CASES.keys())
def test_plain_files_read_the_same_through_libyaml_as_through_ruamel(tmp_path: Path, text):
    """Plain files skip ruamel; whatever they hold, the records and lines must be ruamel's."""
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / "x.yaml").write_text(text, encoding="utf-8")
    quick, slow = both_ways(tmp_path)
    assert quick == slow


def test_the_real_content_reads_the_same_through_libyaml_as_through_ruamel():
    quick, slow = both_ways(ROOT)
    assert quick == slow


# --- files the build publishes as they are ---------------------------------------------------

def test_a_link_in_the_theme_overrides_is_never_published(project: Path):
    (project / "site_overrides" / "assets" / "passwd.txt").symlink_to("/etc/passwd")
    assert_refused(project, [
        ("site_overrides/assets/passwd.txt", 0, "this is a link to '/etc/passwd'; the build "
         "publishes only files that are in the project, never a link", LINKED),
    ])


def test_a_pipe_in_the_theme_overrides_is_refused_without_hanging(project: Path):
    os.mkfifo(project / "site_overrides" / "assets" / "fifo.css")
    assert_refused(project, [
        ("site_overrides/assets/fifo.css", 0, "this is not a file or a folder (a device, a "
         "pipe or a socket), and the build would publish it", "delete it"),
    ])


LOGO = "councils/example-north.svg"
NOT_A_LOGO_SCRIPT = "the logo has a <script> element; a logo may not run script or show another document"


@pytest.mark.parametrize("data, message, hint", [
    ("<svg xmlns='http://www.w3.org/2000/svg'>Caf\xe9</svg>".encode("latin-1"),
     "the logo is not UTF-8 text", "save it as UTF-8 (some programs call it Unicode)"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'>" + b" " * 60_000_000 + b"</svg>",
     "the logo is 60,000,046 bytes; it is sent with every page, so it must be under 100 KB",
     "export it again as a plain, optimised SVG, or simplify the drawing"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(document.domain)</script></svg>",
     NOT_A_LOGO_SCRIPT, "remove the <script> element"),
    (b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
     "the logo has an event attribute, onload, on <svg>; a logo may not run script",
     "remove onload"),
    (b"<svg xmlns='http://www.w3.org/2000/svg' xmlns:x='http://www.w3.org/1999/xlink'>"
     b"<image x:href='https://tracker.example.com/pixel.png'/></svg>",
     "the logo refers to 'https://tracker.example.com/pixel.png' outside itself, on <image>",
     "draw it into the file, or remove the reference"),
    (b"<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a 'aaaa'>]><svg/>",
     "the logo declares a document type or entities, which a logo needs neither of",
     "remove the <!DOCTYPE ...> part"),
    (b"<svg xmlns='http://www.w3.org/2000/svg'><path d='M0 0'></svg>",
     "the logo is not a well-formed SVG file (mismatched tag: line 1, column 57)",
     "export it again as SVG from the drawing program"),
], ids=["latin-1", "50-mb", "script", "event-attribute", "outside-image", "entities",
        "not-well-formed"])
def test_a_logo_that_is_not_a_plain_svg_is_refused(project: Path, data: bytes, message: str,
                                                  hint: str):
    (project / LOGO).write_bytes(data)
    assert_refused(project, [(LOGO, 0, message, hint)], council="example-north")


# --- text that cannot be shown, and names that cannot forge a line --------------------------

def test_a_control_character_in_text_is_refused_with_its_line(project: Path):
    target = "strategies/zz-control.yaml"
    (project / target).write_text(
        "- id: zz-control\n"
        '  title: "A bell \\a and a NUL \\0"\n'
        "  text: the council's words\n"
        "  needs: [attention-difficulties]\n"
        "  ages: any\n"
        "  tier: targeted\n"
        "  source:\n"
        "    file: 002_4e366928d7b06a22.txt\n"
        "    section: Attention difficulties\n", encoding="utf-8")
    assert_refused(project, [(
        target, 2, "title: holds the control character U+0007 at letter 8, which cannot be "
        "shown", "remove it; in YAML, an escape in double quotes such as \\0, \\a or \\x1b "
        "writes one")])


def test_a_file_name_cannot_forge_a_line_of_the_messages(project: Path):
    (project / "strategies" / "zz.yml\nneeds.yaml:1: all is well.yml").write_text(
        "", encoding="utf-8")
    assert_refused(project, [(
        "strategies/zz.yml\\nneeds.yaml:1: all is well.yml", 1,
        "the generator reads only files ending in .yaml",
        "rename it to zz.yml\\nneeds.yaml:1: all is well.yaml")])


def test_a_folder_that_cannot_be_read_is_named_alone(project: Path, monkeypatch):
    """Its records missing, every reference to them would look wrong: only the folder is
    named. (Run as root, a folder without permissions can still be read, so the refusal is
    made here.)"""
    from generator.build import check

    listdir = os.listdir

    def refusing(path):
        if Path(path).name == "strategies":
            raise PermissionError(13, "Permission denied", str(path))
        return listdir(path)

    monkeypatch.setattr(os, "listdir", refusing)
    site, problems = check(project)
    assert site is None
    assert [str(problem) for problem in problems] == [
        "strategies: this folder cannot be read (Permission denied)\n"
        "    hint: check that the folder and its files can be read"]
