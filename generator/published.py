"""What the theme's custom folder publishes as it is: regular files inside the project only.

MkDocs copies every file of `site_overrides/` that is not a template into the site. A link
there would publish whatever it points at (a file of the build machine's, say), and a device
or a pipe is no file to publish; content, profiles and the logo are held to the same rule.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from generator.problems import Problem

FOLDER = "site_overrides"


def problems(root: Path, folder: str = FOLDER) -> list[Problem]:
    """Every entry of `folder` that is not a regular file or folder inside the project."""
    found = []
    top = root / folder
    if not top.exists() and not top.is_symlink():
        return []

    def unreadable(error: OSError) -> None:
        found.append(Problem(Path(error.filename).relative_to(root).as_posix(), 0,
                             f"this folder cannot be read ({error.strerror})",
                             "check that the folder and its files can be read"))

    for path in [top, *_walk(top, unreadable)]:
        relative = path.relative_to(root).as_posix()
        mode = path.lstat().st_mode
        if stat.S_ISLNK(mode):
            found.append(Problem(
                relative, 0, f"this is a link to '{os.readlink(path)}'; the build publishes "
                "only files that are in the project, never a link",
                "put the file itself here, or delete the link"))
        elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            found.append(Problem(relative, 0, "this is not a file or a folder (a device, a "
                                 "pipe or a socket), and the build would publish it",
                                 "delete it"))
    return found


def _walk(top: Path, unreadable) -> list[Path]:
    """Every entry under `top`, without following links (they are reported, not entered)."""
    if top.is_symlink() or not top.is_dir():
        return []
    entries = []
    for folder, folders, files in os.walk(top, onerror=unreadable, followlinks=False):
        entries += [Path(folder) / name for name in sorted(folders + files)]
    return entries
