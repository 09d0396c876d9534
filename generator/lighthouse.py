"""`make audit-pages`: Lighthouse, as a phone on a slow connection sees them, over the pages
people land on, with the site served the way a host serves it (gzip, the security headers).

    python -m generator.lighthouse --site site --out build/lighthouse

Lighthouse is the version in package-lock.json, run by the machine's Node.js against Debian's
Chromium. Each page's report goes to OUT as HTML and JSON, with a summary of every score
against its target in OUT/summary.md; the command fails when a target is missed. It is not
part of `make test`: its scores move with the machine's load, and tests do not time.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from generator import headers, localsite

LIGHTHOUSE = Path("node_modules/lighthouse/cli/index.js")
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices")
# The lowest score each category may have, out of 100.
LOWEST = {"performance": 95, "accessibility": 100, "best-practices": 100}
# Where the finder's results arrive, nothing may move: cumulative layout shift under this.
MOST_SHIFT = 0.02


@dataclass(frozen=True)
class Page:
    name: str  # the report's file name
    path: str  # from the site's root
    shift_checked: bool = False


def pages(site: Path) -> list[Page]:
    """The pages people land on: home, the finder empty and opened from a shared link, a need
    page (the first, by name) and the self-audit."""
    needs = sorted(path.parent.name for path in site.glob("needs/*/index.html"))
    if not needs:
        raise SystemExit(f"{site}/needs/ holds no need page: build the site first")
    return [Page("home", ""),
            Page("finder", "finder/", shift_checked=True),
            Page("finder-query", "finder/?q=kicking%20off", shift_checked=True),
            Page("need", f"needs/{needs[0]}/"),
            Page("audit", "audit/")]


def run_lighthouse(url: str, out: Path) -> dict:
    """One Lighthouse run with its mobile defaults (a mid-range phone, slow 4G, simulated);
    returns its JSON report and leaves OUT.report.html and OUT.report.json beside it."""
    flags = " ".join(["--headless=new", *localsite.CHROMIUM_ARGS])
    subprocess.run(["node", str(LIGHTHOUSE), url, "--quiet",
                    f"--chrome-path={CHROMIUM}", f"--chrome-flags={flags}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--output=json", "--output=html", f"--output-path={out}"],
                   check=True)
    return json.loads(out.with_suffix(".report.json").read_text(encoding="utf-8"))


def verdicts(page: Page, report: dict) -> list[tuple[str, str, bool]]:
    """(what, figure, met) for each of the page's targets."""
    rows = []
    for category in CATEGORIES:
        score = round(report["categories"][category]["score"] * 100)
        rows.append((category, str(score), score >= LOWEST[category]))
    if page.shift_checked:
        shift = report["audits"]["cumulative-layout-shift"]["numericValue"]
        rows.append(("cumulative layout shift", f"{shift:.3f}", shift < MOST_SHIFT))
    return rows


def summary(results: list[tuple[Page, dict]], version: str) -> str:
    lines = ["# Lighthouse", "",
             f"Lighthouse {version}, mobile (simulated slow 4G and a 4x slower CPU), "
             "over the site served with gzip and its security headers.", "",
             f"Targets: performance at least {LOWEST['performance']}, accessibility "
             f"{LOWEST['accessibility']}, best practices {LOWEST['best-practices']}; "
             f"cumulative layout shift under {MOST_SHIFT} on the finder.", "",
             "| Page | Check | Figure | Result |", "| --- | --- | --- | --- |"]
    for page, report in results:
        for what, figure, met in verdicts(page, report):
            lines.append(f"| /{page.path} | {what} | {figure} | {'met' if met else 'NOT MET'} |")
    lines += ["", "What cost the most, where performance fell short:", ""]
    for page, report in results:
        if report["categories"]["performance"]["score"] * 100 >= LOWEST["performance"]:
            continue
        for key in ("first-contentful-paint", "largest-contentful-paint",
                    "total-blocking-time", "speed-index"):
            audit = report["audits"][key]
            lines.append(f"- /{page.path}: {audit['title']} {audit['displayValue']}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.lighthouse")
    parser.add_argument("--site", type=Path, default=Path("site"))
    parser.add_argument("--out", type=Path, default=Path("build/lighthouse"))
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.is_file():
        raise SystemExit(f"{LIGHTHOUSE} is missing: run `npm ci` (make audit-pages does)")
    args.out.mkdir(parents=True, exist_ok=True)
    sent = headers.read_headers_file(args.site / headers.HEADERS_FILE)
    results = []
    with localsite.serve(args.site, sent, compress=True) as root:
        for page in pages(args.site):
            print(f"Lighthouse: /{page.path}", file=sys.stderr)
            results.append((page, run_lighthouse(root + page.path, args.out / page.name)))
    version = results[0][1]["lighthouseVersion"]
    text = summary(results, version)
    (args.out / "summary.md").write_text(text, encoding="utf-8")
    print(text)
    missed = [what for page, report in results for what, _, met in verdicts(page, report)
              if not met]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
