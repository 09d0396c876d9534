"""Security headers for the built site: a Content-Security-Policy that allows the site's own
files and, by hash, exactly the inline scripts it ships, written in the forms web servers read.

It runs on the finished HTML because the theme writes inline scripts of its own, and they
differ with a page's depth; hashing what was built is the only way to allow exactly those.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

# An inline script: no src attribute. JSON data blocks (the theme's __config) are not run, so
# the policy need not name them.
_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
_DATA_BLOCK = re.compile(r'\btype="application/(?:ld\+)?json"', re.I)

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


def inline_script_hashes(site_dir: Path) -> list[str]:
    """The CSP source of every distinct inline script in the built pages, sorted."""
    hashes = set()
    for html in site_dir.rglob("*.html"):
        for attributes, body in _INLINE_SCRIPT.findall(html.read_text(encoding="utf-8")):
            if _DATA_BLOCK.search(attributes):
                continue
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


def all_headers(site_dir: Path) -> dict[str, str]:
    return {"Content-Security-Policy": policy(inline_script_hashes(site_dir)), **OTHER_HEADERS}


def write(site_dir: Path) -> dict[str, str]:
    """Write the headers for `site_dir` in each server's form; return them."""
    headers = all_headers(site_dir)
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
