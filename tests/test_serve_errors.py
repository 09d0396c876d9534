"""`make serve` with broken content: the browser gets the author's messages at once, not a
request that never ends, and the site comes back when the file is fixed."""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from conftest import copy_project

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


def test_broken_content_is_shown_in_the_browser_and_the_site_comes_back(tmp_path: Path):
    root = copy_project(tmp_path / "project")
    strategies = root / "strategies" / "general.yaml"
    good = strategies.read_text(encoding="utf-8")
    line = good[: good.index("needs: all")].count("\n") + 1
    strategies.write_text(good.replace("needs: all", BROKEN, 1), encoding="utf-8")

    (root / "build" / "docs").mkdir(parents=True)  # as `make serve` makes it
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=root, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, text=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    log: list[str] = []
    serving = threading.Event()

    def read_log():
        for text in server.stderr:
            log.append(text)
            if "Serving on" in text:
                serving.set()

    threading.Thread(target=read_log, daemon=True).start()
    try:
        start = time.monotonic()
        while not serving.wait(1):
            assert server.poll() is None and time.monotonic() < start + RECOVERY_SECONDS, \
                "".join(log)
        url = f"http://127.0.0.1:{port}/"

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
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


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
