"""The Makefile's front doors install what each needs, and no more.

`make serve` (and `make build`, `make check`) from a fresh clone set up only the packages the
site needs to build and serve; the test packages, most of the environment's size, come with
`make test`. Read from `make --dry-run` in a copy with no environment yet.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import ROOT


def planned(target: str, folder: Path) -> list[str]:
    """The commands `make TARGET` would run in a fresh clone, in order."""
    for name in ("Makefile", "pyproject.toml", "package.json", "package-lock.json"):
        shutil.copy(ROOT / name, folder / name)
    result = subprocess.run(["make", "--dry-run", "--no-print-directory", target], cwd=folder,
                            capture_output=True, text=True, check=True)
    return [line.strip() for line in result.stdout.splitlines()]


def installs(commands: list[str]) -> list[str]:
    return [command for command in commands if " install " in f" {command} "]


@pytest.mark.parametrize("target", ["serve", "build", "check"])
def test_serve_build_and_check_install_only_what_the_site_needs(tmp_path, target):
    pip = [command for command in installs(planned(target, tmp_path)) if "pip" in command]
    assert pip == [".venv/bin/pip install --quiet --upgrade pip==25.3",
                   ".venv/bin/pip install --quiet -e ."]


def test_make_test_installs_the_test_packages_on_top(tmp_path):
    commands = planned("test", tmp_path)
    pip = [command for command in installs(commands) if "pip" in command]
    assert pip == [".venv/bin/pip install --quiet --upgrade pip==25.3",
                   ".venv/bin/pip install --quiet -e .",
                   ".venv/bin/pip install --quiet -e '.[test]'"]
    assert "npm ci --ignore-scripts --no-audit --no-fund --loglevel=error" in commands
    assert commands[-1].startswith(".venv/bin/python -m pytest")


def test_the_site_needs_none_of_the_test_packages():
    """What `make serve` installs is enough to import every module the build runs."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    test_only = {requirement.split("==")[0].lower()
                 for requirement in project["optional-dependencies"]["test"]}
    imported = set()
    for module in (ROOT / "generator").glob("*.py"):
        text = module.read_text(encoding="utf-8")
        imported |= {name.lower() for name in
                     re.findall(r"^\s*(?:from|import) (\w+)", text, flags=re.M)}
    assert imported & test_only == set()
