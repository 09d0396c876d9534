"""`python -m bench`: three searches on the same content at several sizes, side by side: ours
(the /finder/ page), the header search on every page, and Pagefind over the same built HTML;
writes bench/RESULTS.md.

    python -m bench                          # real content, 1,000, 10,000 and 50,000
    python -m bench --sizes real,100,1000    # fewer sizes (10,000 and up take a while)

RESULTS.md and bench/out/results.json are written again after every size, so a run stopped
part way still reports the sizes it finished.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import Browser

from bench import browser as measure
from bench import pagefind
from bench.report import write_report
from bench.synthetic import make_project
from generator import localsite

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def timed_run(command: list[str], **options) -> tuple[float, float]:
    """Seconds and peak memory (MiB, the largest process) of `command`, which must succeed."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               **options)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode:
        sys.stdout.buffer.write(output)
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode})")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def build(project: Path) -> tuple[float, float]:
    """`python -m generator build`: the generator, then a strict MkDocs build of every page."""
    return timed_run([sys.executable, "-m", "generator", "build", "--root", str(project)],
                     cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def sample_pages(site: Path) -> dict[str, str]:
    """The pages other than the finder whose loads are listed: the home page, and the first
    need page and strategy page by name."""
    pages = {"home page": ""}
    for name, folder in (("need page", "needs"), ("strategy page", "strategies")):
        found = sorted(page.parent.name for page in (site / folder).glob("*/index.html"))
        if found:
            pages[name] = f"{folder}/{found[0]}/"
    return pages


def strategy_titles(site: Path, count: int = 200) -> list[str]:
    """Titles of some strategies, from the site's open data, to tell strategy data when a
    page fetches it."""
    strategies = json.loads((site / "data" / "strategies.json").read_text(encoding="utf-8"))
    return [s["title"] for s in strategies[:count] if len(s["title"]) >= 12]


def run_size(count: int | None, loads: int, chromium: Browser) -> dict:
    """Figures for `count` strategies, or for the real content alone when count is None."""
    name = "real" if count is None else str(count)
    start = time.perf_counter()
    project = make_project(ROOT, OUT / name / "project", count or 0)
    figures: dict = {"size": name, "content_s": time.perf_counter() - start}
    print(f"[{name}] build ...", flush=True)
    figures["build_s"], figures["build_peak_mib"] = build(project)
    print(f"[{name}] built in {figures['build_s']:.1f} s, peak memory "
          f"{figures['build_peak_mib']:,.0f} MiB", flush=True)
    site = project / "site"
    figures["strategies"] = len(json.loads(
        (site / "data" / "strategies.json").read_text(encoding="utf-8")))
    figures["pages"] = sum(1 for _ in site.rglob("*.html"))
    print(f"[{name}] Pagefind ...", flush=True)
    peer_site = OUT / name / "pagefind-site"
    figures["pagefind_s"] = pagefind.index(site, peer_site)
    with localsite.serve(site) as url, localsite.serve(peer_site) as peer_url:
        ours, peer = measure.Files(site, url), measure.Files(peer_site, peer_url)
        # Pagefind on the finder's page types as it does on its own: its keys are timed once.
        systems = ((measure.OURS, url, ours, True), (measure.HEADER, url, ours, True),
                   (measure.PAGEFIND, peer_url, peer, True),
                   (measure.PAGEFIND_THEMED, peer_url, peer, False))
        for system, address, files, typed in systems:
            print(f"[{name}] {system.name}: deep link ({loads} loads)"
                  + (", keystrokes ..." if typed else " ..."), flush=True)
            figures[system.name] = measure.first_results(chromium, system, address, files, loads)
            if typed:
                figures[system.name]["typing"] = measure.keystrokes(chromium, system, address)
        print(f"[{name}] other pages ...", flush=True)
        figures["other_pages"] = measure.page_loads(chromium, url, ours, sample_pages(site),
                                                    strategy_titles(site))
    print(f"[{name}] {json.dumps(figures)}", flush=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default="real,1000,10000,50000",
                        help="numbers of strategies, comma-separated; 'real' is the real "
                             "content alone (default: %(default)s)")
    parser.add_argument("--loads", type=int, default=5,
                        help="cold loads per first-results figure (default: %(default)s)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    parser.add_argument("--report-only", action="store_true",
                        help="write the report again from the last run's "
                             "bench/out/results.json (and any \"notes\" added to it), "
                             "measuring nothing")
    args = parser.parse_args(argv)
    if args.report_only:
        saved = json.loads((OUT / "results.json").read_text(encoding="utf-8"))
        write_report(args.results, saved["rows"], chromium_version=saved["chromium"],
                     load=(saved["load_at_start"], saved["load_at_end"]),
                     pending=saved["pending"], loads=saved["loads"],
                     notes=saved.get("notes", []))
        print(f"Wrote {args.results}")
        return 0
    sizes = [None if size == "real" else int(size) for size in args.sizes.split(",")]

    from playwright.sync_api import sync_playwright

    load_at_start = os.getloadavg()
    chromium_path = os.environ.get("SEMH_CHROMIUM", "/usr/bin/chromium")
    OUT.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path,
                                              args=localsite.CHROMIUM_ARGS)
        version = chromium.version
        for size in sizes:
            rows.append(run_size(size, args.loads, chromium))
            run = {"rows": rows, "chromium": version, "load_at_start": load_at_start,
                   "load_at_end": os.getloadavg(), "loads": args.loads,
                   "pending": [str(s or "real") for s in sizes[len(rows):]]}
            (OUT / "results.json").write_text(json.dumps(run, indent=1), encoding="utf-8")
            write_report(args.results, rows, chromium_version=version,
                         load=(run["load_at_start"], run["load_at_end"]),
                         pending=run["pending"], loads=args.loads)
            print(f"Wrote {args.results}", flush=True)
        chromium.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
