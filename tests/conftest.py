"""Shared fixtures: a throw-away copy of the project, and one full build of the real site.

`make test` runs the tests in several processes (pytest-xdist), so a build that many tests
read is made once for the whole run, by whichever process asks first (`shared_folder`).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from generator import localsite, modules

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(__file__).resolve().parent / "seeds"
# Our scripts, whose imports the pages with tools list for the browser to fetch early.
ASSETS = ROOT / modules.ASSETS


def copy_project(target: Path) -> Path:
    """A copy of the project's content and config, to break or build without touching ours."""
    return localsite.copy_project(ROOT, target)


def run_generator(*args: str, root: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "generator", *args, "--root", str(root)],
                          capture_output=True, text=True, env=env, cwd=ROOT)


def shared_folder(tmp_path_factory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder all the test processes of this run share, made by `make` once: the first
    process to ask makes it while the others wait, and every later ask reuses it. Nothing
    may change it once made. A `make` that fails leaves nothing, so the next ask fails too,
    with its own message."""
    base = tmp_path_factory.getbasetemp()
    if "PYTEST_XDIST_WORKER" in os.environ:
        base = base.parent  # each process has a folder of its own in the run's folder
    shared = base / "shared"
    shared.mkdir(exist_ok=True)
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            done.touch()
    return folder


def build_copy(folder: Path, *args: str, change: Callable[[Path], None] | None = None) -> None:
    """The project copied into `folder`/project, changed by `change`, and built with
    `python -m generator build ARGS`, which fails the test if the build fails. What the build
    printed is kept in `folder`/output.txt. NO_MKDOCS_2_WARNING is not set, as in an
    author's shell: the build keeps the theme's notices quiet itself."""
    root = copy_project(folder / "project")
    if change:
        change(root)
    env = {key: value for key, value in os.environ.items() if key != "NO_MKDOCS_2_WARNING"}
    result = subprocess.run([sys.executable, "-m", "generator", "build", *args,
                             "--root", str(root)], capture_output=True, text=True, env=env,
                            cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    (folder / "output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")


# What only a built site or a browser gives. A test that asks for one of them, directly or
# through another fixture, is marked slow, and `make test-fast` (`pytest -m "not slow"`)
# leaves it out; a test that builds or opens a browser by other means is marked by hand.
BUILT_OR_BROWSER = {"built_site", "split_site", "browser", "builds"}
# Files whose tests run `python -m generator build` or `make serve` on a copy of the project,
# each a process that reads the whole content, and most an engine's build.
BUILDING_FILES = {"test_build.py", "test_councils.py", "test_hostile_content.py",
                  "test_hostile_pages.py", "test_safe_outputs.py", "test_serve_errors.py",
                  "test_training_calendar.py", "test_web_app.py"}
# `make test-fast` runs the Node tests itself.
RUNS_NODE_TESTS = {"test_the_node_tests_pass"}


def pytest_collection_modifyitems(items):
    for item in items:
        if (BUILT_OR_BROWSER & set(getattr(item, "fixturenames", ()))
                or item.path.name in BUILDING_FILES
                or getattr(item, "originalname", item.name) in RUNS_NODE_TESTS):
            item.add_marker(pytest.mark.slow)


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
    return shared_folder(tmp_path_factory, "built", build_copy) / "project" / "site"


def split_everywhere(root: Path) -> None:
    """mkdocs.yml's semh plugin told to send the finder's data in pieces at any size."""
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - semh\n" in text
    config.write_text(text.replace("\n  - semh\n",
                                   "\n  - semh:\n      finder_split_above_kb: 0\n"),
                      encoding="utf-8")


@pytest.fixture(scope="session")
def split_site(tmp_path_factory) -> Path:
    """The real content built once with the finder's data in pieces, as a large site's is."""
    return shared_folder(tmp_path_factory, "split",
                         lambda folder: build_copy(folder, change=split_everywhere)
                         ) / "project" / "site"


# --- a real browser against the built site -------------------------------------------------

CHROMIUM = os.environ.get("SEMH_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site, served on 127.0.0.1."""
    with localsite.serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def split_site_url(split_site: Path) -> Iterator[str]:
    with localsite.serve(split_site) as url:
        yield url


class WithoutServiceWorkers:
    """The suite's Chromium, whose contexts refuse service workers unless a test asks for
    them with `service_workers="allow"`, as a browser whose reader turned them off does.

    Every page asks for the offline copy once it has rested (assets/offline.js); in the
    many contexts the suite opens, each copy would be a download of the whole site on a
    machine that runs the suite in parallel, and every later page would come from it. The
    site works the same without the copy; tests/test_offline.py allows it and tests it.
    With "block", Playwright answers the page's request for a worker with nothing, which
    offline.js takes as a browser that keeps no copy."""

    def __init__(self, browser):
        self._browser = browser

    def new_context(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_context(**options)

    def new_page(self, **options):
        options.setdefault("service_workers", "block")
        return self._browser.new_page(**options)

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=localsite.CHROMIUM_ARGS)
        yield WithoutServiceWorkers(chromium)
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()
