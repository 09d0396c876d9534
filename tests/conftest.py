"""Shared fixtures: a throw-away copy of the project, and one full build of the real site."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import localsite

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "seeds"


def copy_project(target: Path) -> Path:
    """A copy of the project's content and config, to break or build without touching ours."""
    return localsite.copy_project(ROOT, target)


def run_generator(*args: str, root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args, "--root", str(root)],
                          capture_output=True, text=True, env=env, cwd=ROOT)


@pytest.fixture(scope="session")
def site():
    """The real content, validated and linked once for every test that reads it."""
    from generator.build import check

    site, problems = check(ROOT)
    assert [str(problem) for problem in problems] == []
    return site


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


# --- a real browser against the built site -------------------------------------------------

CHROMIUM = os.environ.get("SEMH_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1."""
    with localsite.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=localsite.CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
