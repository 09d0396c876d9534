"""Put generated files into the docs folder, touching only what changed.

Rewriting an unchanged file would wake `mkdocs serve` again and again, so a file is written
only when its text differs; files no longer generated are removed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def write_tree(folder: Path, files: Iterable[tuple[str, str]]) -> int:
    """Make `folder` hold exactly `files`; return how many were written."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted: set[Path] = set()
    written = 0
    for relative, text in files:
        path = folder / relative
        wanted.add(path)
        # Compared as bytes: a calendar file's CRLF line ends would not survive read_text.
        if path.is_file() and path.read_bytes() == text.encode("utf-8"):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written += 1
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path not in wanted:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written
