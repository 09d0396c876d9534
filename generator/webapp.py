"""The web app manifest, from the council's profile, so that a reader can put the site on a
phone's home screen: the council's name and short name, its colours, and its logo as the
icon, on its header colour as the site's header shows it.

Every address in the manifest is relative to the manifest itself, at the site's root, so a
site served under a sub-path installs with that sub-path as its start and scope.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator import council as councils
from generator import model

MANIFEST = "manifest.webmanifest"
ICON = "assets/council-icon.svg"
MASKABLE_ICON = "assets/council-icon-maskable.svg"
BACKGROUND = councils.LIGHT_BACKGROUND

# The icons are drawn on a 512 unit square. A launcher may cut a maskable icon down to a
# circle of 40% of its size around the centre (the "safe zone" of the manifest spec), so
# there the logo's box fits inside that circle; the plain icon gives the logo more room.
SIZE = 512
LOGO_SHARE = {ICON: 0.75, MASKABLE_ICON: 0.55}

_ROOT_TAG = re.compile(r"<svg\b[^>]*>", re.I)
_SIZE_ATTRIBUTE = re.compile(r'\s(?:width|height|x|y)\s*=\s*("[^"]*"|\'[^\']*\')', re.I)
_NUMBER = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*$")


def manifest(profile: model.CouncilProfile) -> str:
    data = {
        "id": "./",
        "name": profile.name,
        "short_name": profile.short_name,
        "lang": "en",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        # A small bar with Back and Reload where the browser has one, so a reader can go
        # back and load a newer version; a plain browser tab where it has none.
        "display": "minimal-ui",
        "theme_color": profile.colours.light.primary,
        "background_color": BACKGROUND,
        "icons": [
            {"src": ICON, "sizes": "any", "type": "image/svg+xml", "purpose": "any"},
            {"src": MASKABLE_ICON, "sizes": "any", "type": "image/svg+xml",
             "purpose": "maskable"},
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _logo_element(logo: str, box: float) -> str:
    """The logo's own <svg> element, placed and sized as a box of `box` units in the middle
    of the icon (its own width and height, if it gives them, become its viewBox)."""
    start = _ROOT_TAG.search(logo)
    if start is None:
        raise ValueError("the logo has no <svg> element")
    tag = start.group(0)
    attributes = dict(re.findall(r'\s(width|height)\s*=\s*["\']([^"\']*)["\']', tag, re.I))
    width, height = (_NUMBER.match(attributes.get(name, "")) for name in ("width", "height"))
    tag = _SIZE_ATTRIBUTE.sub("", tag)
    if "viewbox" not in tag.lower() and width and height:
        tag = tag[:-1] + f' viewBox="0 0 {width.group(1)} {height.group(1)}">'
    offset = (SIZE - box) / 2
    # White, as the header shows the logo: a logo drawn in currentColor takes it from here.
    empty = tag.endswith("/>")
    placed = (f'{tag[:-2] if empty else tag[:-1]} x="{offset:g}" y="{offset:g}" '
              f'width="{box:g}" height="{box:g}" color="{councils.WHITE}"'
              f'{"/>" if empty else ">"}')
    return placed + ("" if empty else logo[start.end():].strip())


def icon_svg(logo: str, profile: model.CouncilProfile, path: str) -> str:
    box = SIZE * LOGO_SHARE[path]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}">'
            f'<rect width="{SIZE}" height="{SIZE}" fill="{profile.colours.light.primary}"/>'
            f"{_logo_element(logo, box)}</svg>\n")


def files(root: Path, profile: model.CouncilProfile) -> list[tuple[str, str]]:
    logo = councils.logo_svg(root, profile)
    return [(MANIFEST, manifest(profile)),
            *((path, icon_svg(logo, profile, path)) for path in LOGO_SHARE)]
