"""`make serve` with broken content: the browser gets the author's messages at once, not a
request that never ends, and the site comes back when the file is fixed."""

from __future__ import annotations

import contextlib
import html
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from conftest import ROOT, copy_project

BROKEN = "needs: [atention]"
# Generous: each rebuild of the whole site takes seconds, and more on a loaded machine.
RECOVERY_SECONDS = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def page_text(url: str) -> str:
    """The article of the page at `url` as a reader sees it; fails if the server holds the
    request instead of answering."""
    with urllib.request.urlopen(url, timeout=10) as response:
        body = response.read().decode("utf-8")
    article = re.search(r"<article.*?</article>", body, re.S).group(0)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", article)).split())


@contextlib.contextmanager
def serving(command: list[str], cwd: Path, port: int,
            env: dict[str, str]) -> Iterator[tuple[str, list[str]]]:
    """`command` started as a server on `port`: its address once it is serving, and the lines
    it has printed so far (stdout and stderr together, as a terminal shows them)."""
    server = subprocess.Popen(command, cwd=cwd, env=env,
                              text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              start_new_session=True)
    log: list[str] = []
    serving = threading.Event()

    def read_log():
        for text in server.stdout:
            log.append(text)
            if "Serving on" in text:
                serving.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        start = time.monotonic()
        while not serving.wait(1):
            assert server.poll() is None and time.monotonic() < start + RECOVERY_SECONDS, \
                "".join(log)
        yield f"http://127.0.0.1:{port}/", log
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_broken_content_is_shown_in_the_browser_and_the_site_comes_back(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    strategies = root / "strategies" / "general.yaml"
    good = strategies.read_text(encoding="utf-8")
    line = good[: good.index("needs: all")].count("\n") + 1
    strategies.write_text(good.replace("needs: all", BROKEN, 1), encoding="utf-8")

    (root / "build" / "docs").mkdir(parents=True)  # as `make serve` makes it
    port = free_port()
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"]
    with serving(command, root, port, {**os.environ, "NO_MKDOCS_2_WARNING": "1"}) as (url, log):
        text = page_text(url)
        assert "Problems in the content" in text
        assert (f"strategies/general.yaml:{line}: need 'atention' does not exist hint: did "
                "you mean 'attention-difficulties'?") in text
        assert (f"strategies/general.yaml:{line}: need 'atention' does not exist\n"
                "    hint: did you mean 'attention-difficulties'?") in "".join(log)

        strategies.write_text(good, encoding="utf-8")
        deadline = time.monotonic() + RECOVERY_SECONDS
        while "Problems in the content" in text:
            assert time.monotonic() < deadline, "".join(log)
            time.sleep(1)
            try:
                text = page_text(url)
            except TimeoutError:  # a rebuild holds requests until it is done
                continue
        assert "Support for children's social, emotional and mental health" in text
        assert "Traceback" not in "".join(log)


def test_make_serve_for_a_council_serves_that_councils_site(tmp_path: Path):
    """The front door as a council's web team uses it: `make serve COUNCIL=<id>`, from the
    Makefile, with the project's own virtual environment."""
    root = copy_project(tmp_path / "project")
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, root / name)
    (root / ".venv").symlink_to(Path(sys.prefix))
    port = free_port()
    # -o: the environment is the one running these tests; make is not to set it up again.
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "serve",
               "COUNCIL=example-north", f"SERVE_ADDRESS=127.0.0.1:{port}"]
    # As an author's shell runs it: the Makefile itself keeps the theme's notices quiet.
    env = {key: value for key, value in os.environ.items() if key != "NO_MKDOCS_2_WARNING"}
    with serving(command, root, port, env) as (url, log):
        with urllib.request.urlopen(url, timeout=30) as response:
            home = response.read().decode("utf-8")
        with urllib.request.urlopen(url + "assets/council.css", timeout=10) as response:
            palette = response.read().decode("utf-8")
        with urllib.request.urlopen(url + "assets/council-logo.svg", timeout=10) as response:
            logo = response.read().decode("utf-8")
    assert "<title>Support for children's social, emotional and mental health - Northshire County Council (example)</title>" in home
    # The council's own contacts: its local offer and its safeguarding front door.
    assert "Northshire local offer" in home and "01632 960002" in home
    assert "--md-primary-fg-color: #0b5e3b;" in palette
    assert logo == (ROOT / "councils" / "example-north.svg").read_text(encoding="utf-8")
    printed = "".join(log)
    assert "Traceback" not in printed
    # No theme banner between the author and the address to open.
    assert "MkDocs 2" not in printed and "Material for MkDocs" not in printed, printed


def test_the_build_command_still_fails_on_broken_content(project: Path):
    strategies = project / "strategies" / "general.yaml"
    strategies.write_text(strategies.read_text(encoding="utf-8").replace(
        "needs: all", BROKEN, 1), encoding="utf-8")
    (project / "build" / "docs").mkdir(parents=True)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project,
                            capture_output=True, text=True,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1
    assert "need 'atention' does not exist" in result.stderr
    assert not (project / "site").exists()
