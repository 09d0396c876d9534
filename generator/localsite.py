"""The project built away from the working tree and served on this machine, the way the
tests and the benchmark build and open the site: a copy of the project's inputs, a built
site over HTTP on 127.0.0.1, and Chromium started so that it asks nothing of the network."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import shutil
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

# What a build reads: everything else in the project is code, tests or output.
PROJECT_PARTS = ["content", "strategies", "councils", "site_overrides", "mkdocs.yml"]

# Without these, Chromium reaches out to Google's services at start; the machine has no
# network, and the privacy tests must see only the site's own requests.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def copy_project(root: Path, target: Path) -> Path:
    """The project's inputs under `root`, copied to `target`, to change or build there."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = root / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy(source, target / part)
    return target


# What a host compresses: text. Fonts and images are compressed already.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", ".csv", ".map"}


@contextlib.contextmanager
def serve(folder: Path, headers: dict[str, str] | None = None,
          compress: bool = False) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1, as a visitor's browser would fetch it, with
    `headers` on every response as a host configured with them would send them. With
    `compress`, text goes gzipped to a browser that accepts it, as a real host sends it: a
    page audit that sees uncompressed files measures a host nobody uses."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            path = Path(self.translate_path(self.path))
            if path.is_dir() and self.path.split("?")[0].endswith("/"):
                path = path / "index.html"
            if not (compress and path.is_file() and path.suffix in COMPRESSED
                    and "gzip" in self.headers.get("Accept-Encoding", "")):
                return super().do_GET()
            body = gzip.compress(path.read_bytes(), 6)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Vary", "Accept-Encoding")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def end_headers(self):
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            super().end_headers()

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            # A browser context closed mid-response (a test or a timed load ending) is no
            # fault of the site; anything else is printed as the standard server does.
            if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
                super().handle_error(request, client_address)

    handler = functools.partial(Quiet, directory=str(folder))
    server = Server(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
