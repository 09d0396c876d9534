"""What README.md and docs/ name is there: a reader who follows them finds each file, folder
and page, and each command they give runs.

A path in backticks or a relative link exists in the project, or in a built site (or in the
build/ folder the build leaves); a file another command writes is named by the code that
writes it. A `make` target is in the Makefile, with the variables given on its line; a
`python -m` module is there and takes the subcommand and options written after it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from conftest import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Written by a command the docs describe, not by the build: each is named in the file that
# writes it (the Makefile's target, or the module), so a renamed output is caught too.
WRITTEN_ELSEWHERE = {
    "build/lighthouse/": "Makefile",
    "summary.md": "generator/lighthouse.py",
    "build/linkcheck.md": "Makefile",
    "bench/RESULTS.md": "bench/__main__.py",
    # The finder's data in pieces, written only for a large site (tests/test_finder_pieces.py).
    "typing.json": "generator/shards.py",
    "shown.json": "generator/shards.py",
    ".venv/": "Makefile",
    "node_modules/": "Makefile",
    # The theme's own template, which site_overrides/main.html extends.
    "base.html": "site_overrides/main.html",
    # Installed by npm from package-lock.json.
    "vnu.jar": "package-lock.json",
    # Written only for a council whose profile gives training dates (tests/test_training_calendar.py).
    "training/training-dates.ics": "generator/ics.py",
}
# Written in backticks but not a file: media types, YAML tags, an address's start.
NOT_A_PATH = re.compile(r"^(?:https?://|data:|application/|text/|image/|!!|\.[a-z]+$|\*\.|/$|\S*\s)")
PATH_LIKE = re.compile(r"/|\.(?:py|js|css|html|ya?ml|json|csv|md|txt|j2|toml|conf|xml|lock|svg"
                       r"|jar)$")


def doc_text(doc: Path) -> str:
    return doc.read_text(encoding="utf-8")


def backticked(text: str) -> list[str]:
    """Every `span` in the text and every line of its ```sh blocks."""
    spans = re.findall(r"(?<!`)`([^`\n]+)`(?!`)", text)
    for block in re.findall(r"```sh\n(.*?)```", text, re.S):
        spans += [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    return spans


def named_paths(doc: Path) -> list[str]:
    return sorted({span for span in backticked(doc_text(doc))
                   if PATH_LIKE.search(span) and not NOT_A_PATH.match(span)
                   and not span.startswith(("make ", "python", ".venv/bin/"))})


def places(path: str, built_project: Path) -> list[Path]:
    """Where a named path may be: the project, the built site, the build's own folder, or
    the theme's custom_dir (`partials/search.html`)."""
    path = path.removeprefix(".../").split("?")[0].lstrip("/")
    if path.startswith("site/"):
        roots, path = [built_project / "site"], path.removeprefix("site/")
    else:
        roots = [ROOT, built_project / "site", built_project, ROOT / "site_overrides"]
    pattern = re.sub(r"<[a-z]+>", "*", path).rstrip("/")
    if not pattern:  # the folder itself, `site/`
        return [root for root in roots if root.is_dir()]
    return [found for root in roots for found in root.glob(pattern)]


@cache
def file_names(built_project: Path) -> set[str]:
    names = {path.name for path in ROOT.rglob("*")
             if not {".venv", "node_modules", ".git"} & set(path.relative_to(ROOT).parts)}
    return names | {path.name for path in (built_project / "site").rglob("*")}


def missing_paths(doc: Path, built_project: Path, label: str) -> list[str]:
    missing = []
    for path in named_paths(doc):
        if path in WRITTEN_ELSEWHERE:
            continue
        # A file's name alone, where the text around it says which folder.
        if "/" not in path.strip("/") and path.strip("/") in file_names(built_project):
            continue
        if places(path, built_project):
            continue
        missing.append(f"{label}: `{path}` is in neither the project nor a built site")
    return missing


@pytest.fixture(scope="module")
def built_project(built_site: Path) -> Path:
    return built_site.parent


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_every_path_the_docs_name_exists(doc, built_project):
    assert len(named_paths(doc)) > 10
    assert missing_paths(doc, built_project, doc.relative_to(ROOT).as_posix()) == []


def test_a_path_that_is_not_there_is_reported(tmp_path, built_project):
    doc = tmp_path / "DEPLOY.md"
    doc.write_text("Check `needs/anxiety/` and `needs/attention-difficulties/`, and "
                   "`councils/<id>.yaml`, `content/nothing.yaml`, `a11y.js`, `gone.js`.",
                   encoding="utf-8")
    assert missing_paths(doc, built_project, "DEPLOY.md") == [
        "DEPLOY.md: `content/nothing.yaml` is in neither the project nor a built site",
        "DEPLOY.md: `gone.js` is in neither the project nor a built site",
        "DEPLOY.md: `needs/anxiety/` is in neither the project nor a built site"]


def test_what_is_written_elsewhere_is_named_where_it_is_written():
    for path, writer in WRITTEN_ELSEWHERE.items():
        text = (ROOT / writer).read_text(encoding="utf-8")
        name = {"base.html": '"base.html"', "vnu.jar": "vnu-jar"}.get(path, path.rstrip("/"))
        assert name.rsplit("/", 1)[-1] in text or name in text, (path, writer)


# --- links -----------------------------------------------------------------------------------

def slug(heading: str) -> str:
    """The anchor a Markdown viewer gives a heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def broken_links(doc: Path, label: str) -> list[str]:
    text = doc_text(doc)
    broken = []
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:", target):
            continue
        path, _, anchor = target.partition("#")
        linked = (doc.parent / path).resolve() if path else doc
        if not linked.exists():
            broken.append(f"{label}: links to {target}, which does not exist")
        elif anchor and linked.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.M)
            if anchor not in {slug(heading) for heading in headings}:
                broken.append(f"{label}: links to {target}, a heading that "
                              "does not exist")
    return broken


@pytest.mark.parametrize("doc", DOCS, ids=lambda doc: doc.name)
def test_every_link_between_the_docs_resolves(doc):
    assert broken_links(doc, doc.relative_to(ROOT).as_posix()) == []


def test_a_broken_link_is_reported(tmp_path):
    (tmp_path / "README.md").write_text((ROOT / "README.md").read_text(encoding="utf-8"),
                                        encoding="utf-8")
    doc = tmp_path / "docs" / "DEPLOY.md"
    doc.parent.mkdir()
    doc.write_text("[the README](../README.md#publishing-for-a-council), [gone](GONE.md), "
                   "[no such part](../README.md#no-such-part)\n", encoding="utf-8")
    assert broken_links(doc, "docs/DEPLOY.md") == [
        "docs/DEPLOY.md: links to GONE.md, which does not exist",
        "docs/DEPLOY.md: links to ../README.md#no-such-part, a heading that does not exist"]


# --- commands --------------------------------------------------------------------------------

def commands(prefix: str) -> list[tuple[str, str]]:
    """(document, command) for every command that starts with `prefix` in the docs."""
    return [(doc.name, span) for doc in DOCS for span in dict.fromkeys(backticked(doc_text(doc)))
            if span.startswith(prefix)]


def makefile() -> tuple[set[str], set[str]]:
    """The Makefile's targets and its variables a command line may set."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([\w.-]+):(?!=)", text, re.M))
    variables = set(re.findall(r"^([A-Z_]+) \?=", text, re.M))
    return targets, variables


def make_problems(command: str) -> list[str]:
    targets, variables = makefile()
    problems = []
    named = [word for word in command.split()[1:] if "=" not in word]
    for word in command.split()[1:]:
        if "=" in word and word.split("=")[0] not in variables:
            problems.append(f"`{command}`: the Makefile has no variable {word.split('=')[0]}")
    problems += [f"`{command}`: the Makefile has no target {target}"
                 for target in named if target not in targets]
    if not named:
        problems.append(f"`{command}`: names no target")
    return problems


@pytest.mark.parametrize("doc, command", commands("make "))
def test_every_make_command_the_docs_give_has_its_target(doc, command):
    assert make_problems(command) == []


def test_a_make_target_that_is_not_there_is_reported():
    assert make_problems("make deploy COUNCIL=x") == ["`make deploy COUNCIL=x`: the Makefile "
                                                      "has no target deploy"]
    assert make_problems("make serve PORT=1") == ["`make serve PORT=1`: the Makefile has no "
                                                  "variable PORT"]


@cache
def help_text(*words: str) -> str:
    result = subprocess.run([sys.executable, "-m", *words, "--help"], capture_output=True,
                            text=True, cwd=ROOT)
    return result.stdout if result.returncode == 0 else ""


def python_problems(command: str) -> list[str]:
    words = command.split(" -m ", 1)[1].split()
    module, rest = words[0], words[1:]
    usage = help_text(module)
    if not usage:
        return [f"`{command}`: python -m {module} does not run"]
    problems = []
    if rest and not rest[0].startswith("-") and rest[0].endswith(".py"):
        file = re.sub(r"<[a-z]+>", "*", rest[0])
        if not list(ROOT.glob(file)):
            problems.append(f"`{command}`: there is no {rest[0]}")
        return problems
    if rest and not rest[0].startswith("-"):
        subcommands = re.search(r"\{([\w,]+)\}", usage)
        if not subcommands or rest[0] not in subcommands.group(1).split(","):
            problems.append(f"`{command}`: python -m {module} has no subcommand {rest[0]}")
    problems += [f"`{command}`: python -m {module} has no option {option}"
                 for option in rest if option.startswith("--") and option not in usage]
    return problems


@pytest.mark.parametrize("doc, command", commands("python -m ") + commands(".venv/bin/python -m "))
def test_every_python_command_the_docs_give_runs(doc, command):
    assert python_problems(command) == []


def test_a_python_command_that_does_not_run_is_reported():
    assert python_problems("python -m generator publish") == [
        "`python -m generator publish`: python -m generator has no subcommand publish"]
    assert python_problems("python -m generator.deploy --site site") == [
        "`python -m generator.deploy --site site`: python -m generator.deploy does not run"]
    assert python_problems("python -m bench --quick") == [
        "`python -m bench --quick`: python -m bench has no option --quick"]
