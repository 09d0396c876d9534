"""Shared fixtures: a throw-away copy of the project, and one full build of the real site."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "seeds"
PROJECT_PARTS = ["content", "strategies", "site_overrides", "mkdocs.yml"]


def copy_project(target: Path) -> Path:
    """A copy of the project's content and config, to break or build without touching ours."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    return target


def run_generator(*args: str, root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args, "--root", str(root)],
                          capture_output=True, text=True, env=env, cwd=ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real content built once with `python -m generator build` (mkdocs --strict)."""
    root = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = run_generator("build", root=root)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "site"
