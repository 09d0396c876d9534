"""Security headers for the built site: a Content-Security-Policy that allows the site's own
files and, by hash, the inline scripts the theme and our templates are known to write, in
the forms web servers read.

The policy names only scripts someone has read: those in our own templates, taken from the
templates themselves, and the theme's, known by a fingerprint (below). Every inline script
of every built page must be one of them, or the build stops and names the page: a script
that came in with the content or a profile is never allowed by hashing whatever was built.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser
from pathlib import Path

# JSON data blocks (the theme's __config) are not run, so the policy need not name them.
_DATA_TYPES = {"application/json", "application/ld+json"}
# The theme writes the way from a page to the site's root into its scripts ("..", "../..",
# "/" on the 404 page, or the path of a site served under one); taken out, the rest of each
# script is the same on every page.
_ROOT_PATH = re.compile(r'"(?:\.|\.\.(?:/\.\.)*|/(?:[A-Za-z0-9._~-]+/)*)"')

# The theme's inline scripts (Material for MkDocs 9.8.1), as fingerprint(): the sha256 of the
# script with its root path taken out. After a theme update the build names any script whose
# fingerprint changed; read the new script in the theme's templates
# (partials/javascripts/*.html) and put its fingerprint here if it does what the old one did.
THEME_SCRIPTS = {
    "236a3d4e2f7e2c53f1d4fa04e431adcbd8a9b407b9d409976c884157dffcb6d3":
        "base.html: __md_scope and the helpers the theme keeps its settings with",
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e":
        "palette.html: the colour scheme a reader chose, set before the page is drawn",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f":
        "content.html: opens the tab a link points to",
}


class UnknownScript(Exception):
    """An inline script in a built page that neither the theme nor our templates write."""

    def __init__(self, page: str, script: str):
        self.page = page
        self.script = script
        start = " ".join(script.split())[:80]
        super().__init__(
            f"{page}: an inline script that neither the theme nor this site's templates "
            f"write: {start!r}\n    hint: if it came in with the content or a council's "
            "profile, find what put it there; if it is the theme's own after an update, read "
            f"it, then add its fingerprint {fingerprint(script)} to THEME_SCRIPTS in "
            "generator/headers.py")


def fingerprint(script: str) -> str:
    return hashlib.sha256(_ROOT_PATH.sub('""', script).encode("utf-8")).hexdigest()


class _InlineScripts(HTMLParser):
    """The text of each script element without a src that a browser would run, as the
    browser reads it (not one in an attribute's value or a comment)."""

    def __init__(self):
        super().__init__(convert_charrefs=False)
        self.found: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes and (
                (attributes.get("type") or "").lower() not in _DATA_TYPES):
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._open is not None:
            self.found.append("".join(self._open))
            self._open = None


def inline_scripts(html: str) -> list[str]:
    parser = _InlineScripts()
    parser.feed(html)
    parser.close()
    return parser.found


def own_scripts(template_folders: Iterable[Path]) -> set[str]:
    """The inline scripts our templates write, as the templates hold them."""
    scripts = set()
    for folder in template_folders:
        for template in sorted(folder.rglob("*")):
            if template.is_file() and template.suffix in (".html", ".j2"):
                scripts.update(inline_scripts(template.read_text(encoding="utf-8")))
    return scripts

OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    # The site uses none of these; saying so stops an embedded page or a script asking.
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

# Where each form of the headers is written, relative to the site root.
HEADERS_FILE = "_headers"  # Netlify, Cloudflare Pages and similar static hosts
NGINX_FILE = "security-headers.nginx.conf"  # for an nginx `include`
APACHE_FILE = ".htaccess"


def inline_script_hashes(site_dir: Path, template_folders: Iterable[Path]) -> list[str]:
    """The CSP source of every distinct inline script in the built pages, sorted; raises
    UnknownScript for the first one that is neither the theme's nor our templates'."""
    own = own_scripts(template_folders)
    hashes = set()
    for html in sorted(site_dir.rglob("*.html")):
        for body in inline_scripts(html.read_text(encoding="utf-8")):
            if body not in own and fingerprint(body) not in THEME_SCRIPTS:
                raise UnknownScript(html.relative_to(site_dir).as_posix(), body)
            digest = hashlib.sha256(body.encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def policy(script_hashes: list[str]) -> str:
    directives = [
        "default-src 'self'",
        " ".join(["script-src 'self'", *script_hashes]),
        # The theme's icons are data: URLs in its stylesheet.
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        # The offline copy's service worker (sw.js) and the web app manifest.
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
    ]
    return "; ".join(directives)


def all_headers(site_dir: Path, template_folders: Iterable[Path]) -> dict[str, str]:
    return {"Content-Security-Policy": policy(inline_script_hashes(site_dir, template_folders)),
            **OTHER_HEADERS}


def write(site_dir: Path, template_folders: Iterable[Path]) -> dict[str, str]:
    """Write the headers for `site_dir` in each server's form; return them. Raises
    UnknownScript when a page holds an inline script no one has read."""
    headers = all_headers(site_dir, template_folders)
    lines = ["/*", *(f"  {name}: {value}" for name, value in headers.items())]
    (site_dir / HEADERS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    nginx = [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    (site_dir / NGINX_FILE).write_text("\n".join(nginx) + "\n", encoding="utf-8")
    apache = ["<IfModule mod_headers.c>",
              *(f'  Header always set {name} "{value}"' for name, value in headers.items()),
              "</IfModule>"]
    (site_dir / APACHE_FILE).write_text("\n".join(apache) + "\n", encoding="utf-8")
    return headers


def read_headers_file(path: Path) -> dict[str, str]:
    """The headers a `_headers` file sets for every path (`/*`), as a static host reads them."""
    headers: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("  ") and ":" in line:
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers
