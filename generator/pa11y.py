"""`make audit-pages`: pa11y over every page of the built site, with both of its runners
(HTML_CodeSniffer and axe) at WCAG 2 AA, and the count of what each finds.

    python -m generator.pa11y --site site

pa11y is the version in package-lock.json, run by the machine's Node.js in Debian's Chromium
(puppeteer is told where it is and downloads nothing). Every error is listed with its page,
runner, rule and element; the command fails when there is one. Warnings and notices are
counted, not listed: they ask a person to check something by eye. Not part of `make test`:
axe already runs there on every page, and this adds a second checker for the page audit.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from generator import localsite

SCRIPT = Path(__file__).with_name("pa11y_pages.mjs")
CHROMIUM = "/usr/bin/chromium"
RUNNERS = ("htmlcs", "axe")


def page_paths(site: Path) -> list[str]:
    """Every page's address from the site's root, as a visitor types it."""
    return [html.relative_to(site).as_posix().removesuffix("index.html")
            for html in sorted(site.rglob("*.html"))]


def run(site: Path, chromium: str = CHROMIUM) -> list[dict]:
    """Each page's issues, as pa11y_pages.mjs prints them."""
    paths = page_paths(site)
    if not paths:
        raise SystemExit(f"{site} holds no page: build the site first")
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_EXECUTABLE_PATH": chromium,
           "SEMH_CHROMIUM_ARGS": json.dumps(["--headless=new", *localsite.CHROMIUM_ARGS])}
    with localsite.serve(site) as url:
        result = subprocess.run(["node", str(SCRIPT), url, *paths], capture_output=True,
                                text=True, env=env)
    if result.returncode != 0:
        raise SystemExit(f"pa11y did not finish:\n{result.stderr}")
    return [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]


def report(pages: list[dict]) -> tuple[str, int]:
    """The counts by runner and kind, then every error; and the number of errors."""
    counts = Counter((issue["runner"], issue["type"]) for page in pages
                     for issue in page["issues"])
    lines = [f"pa11y (WCAG 2 AA) over {len(pages)} pages:"]
    for runner in RUNNERS:
        lines.append(f"  {runner}: {counts[runner, 'error']} errors, "
                     f"{counts[runner, 'warning']} warnings, {counts[runner, 'notice']} notices")
    errors = [(page["path"] or "/", issue) for page in pages for issue in page["issues"]
              if issue["type"] == "error"]
    for path, issue in errors:
        lines.append(f"{path}: {issue['runner']} {issue['code']}: {issue['message']} "
                     f"({issue['selector']})")
    return "\n".join(lines), len(errors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.pa11y", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site")
    parser.add_argument("--chromium", default=CHROMIUM, help="the browser to check in")
    args = parser.parse_args(argv)
    text, errors = report(run(args.site, args.chromium))
    print(text)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
