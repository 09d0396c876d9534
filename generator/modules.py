"""Which of our ES modules a page's script needs: the script and everything it imports, and
what those import. A page lists them as <link rel="modulepreload"> so that the browser
fetches them alongside the script, not each once the module importing it has arrived; read
from the modules themselves, the lists cannot fall behind a new import."""

from __future__ import annotations

import re
from pathlib import Path

ASSETS = Path("site_overrides") / "assets"

# A static import or re-export of one of our files: `... from "./x.js"`. Dynamic imports
# (`import("./x.js")`) are fetched when they are needed, on purpose, and are not followed.
_FROM = re.compile(r'\bfrom "(\.{1,2}/[^"]+)"')


def imported(assets: Path, entry: str) -> list[str]:
    """Every module `entry` needs, as paths under `assets`, in a stable order."""
    root = assets.resolve()
    start = (root / entry).resolve()
    found: set[Path] = set()
    waiting = [start]
    while waiting:
        module = waiting.pop()
        for name in _FROM.findall(module.read_text(encoding="utf-8")):
            path = (module.parent / name).resolve()
            if path not in found:
                found.add(path)
                waiting.append(path)
    return sorted(path.relative_to(root).as_posix() for path in found - {start})
