"""Our own stylesheets, minified in the built site.

Their comments say why for the people who change them (site_overrides/assets/ keeps them);
a phone loading the page needs none of it. The theme's own files come minified already, and
lunr.js is minified where the finder's files are written (generator/index.py).

Our scripts are sent as written: rjsmin, which minifies lunr.js, does not follow a template
literal inside another one (`${a ? `, b` : ""}`) and closes up the spaces in it, so it
would change what our scripts say.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin


def stylesheets(source: Path, site_assets: Path) -> list[str]:
    """Rewrites, minified, each stylesheet in `site_assets` that was copied from the folder
    `source`; returns their names."""
    done = []
    for path in sorted(source.glob("*.css")):
        built = site_assets / path.name
        if built.is_file():
            built.write_text(rcssmin.cssmin(built.read_text(encoding="utf-8")), encoding="utf-8")
            done.append(path.name)
    return done
