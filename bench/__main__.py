"""`python -m bench`: the finder's speed and size, at several content sizes, next to the
theme's own search on the same content; writes bench/RESULTS.md.

    python -m bench                      # 100, 1,000 and 10,000 strategies
    python -m bench --sizes 100,1000     # fewer sizes (10,000 takes a while on 2 cores)
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import Browser

from bench import browser as measure
from bench.report import write_report
from bench.synthetic import make_project
from generator import localsite

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def time_generator(project: Path) -> float:
    """Seconds for the generator alone (YAML to Markdown, open data and finder index), in a
    fresh interpreter so imports are counted the way a build counts them."""
    script = ("import sys, time; from pathlib import Path; start = time.perf_counter(); "
              "from generator.build import generate; "
              "generate(Path(sys.argv[1]), Path(sys.argv[2])); "
              "print(time.perf_counter() - start)")
    result = subprocess.run([sys.executable, "-c", script, str(project),
                             str(project / "build" / "generator-only")],
                            capture_output=True, text=True, cwd=ROOT, check=True)
    return float(result.stdout.strip())


def time_build(project: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "generator", "build", "--root", str(project)],
                   cwd=ROOT, check=True, capture_output=True, text=True,
                   env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return time.perf_counter() - start


def sizes_of(site: Path) -> dict[str, int]:
    data = (site / "finder" / "finder-data.json").read_bytes()
    parts = json.loads(data)
    index_keys = ("terms", "strategyIndex", "needIndex")
    index = json.dumps({key: parts[key] for key in index_keys},
                       ensure_ascii=False, separators=(",", ":")).encode()
    display = json.dumps({key: value for key, value in parts.items() if key not in index_keys},
                         ensure_ascii=False, separators=(",", ":")).encode()
    strategies = json.loads((site / "data" / "strategies.json").read_text(encoding="utf-8"))
    text = "\n".join(f"{s['title']}\n{s['text']}" for s in strategies).encode()
    theme = (site / "search" / "search_index.json").read_bytes()
    lunr_js = (site / "finder" / "lunr.js").read_bytes()
    return {
        "strategies": len(strategies),
        "payload_raw": len(data), "payload_gzip": gzipped(data),
        "index_raw": len(index), "index_gzip": gzipped(index),
        "display_gzip": gzipped(display),
        "text_raw": len(text), "text_gzip": gzipped(text),
        "theme_index_raw": len(theme), "theme_index_gzip": gzipped(theme),
        "lunr_js_raw": len(lunr_js), "lunr_js_gzip": gzipped(lunr_js),
    }


def run_size(count: int | None, loads: int, chromium: Browser) -> dict:
    """Figures for `count` strategies, or for the real content alone when count is None."""
    name = "real" if count is None else str(count)
    project = make_project(ROOT, OUT / name / "project", count or 0)
    print(f"[{name}] generator ...", flush=True)
    figures: dict = {"size": name, "generator_s": time_generator(project)}
    print(f"[{name}] full build ...", flush=True)
    figures["build_s"] = time_build(project)
    site = project / "site"
    figures.update(sizes_of(site))
    with localsite.serve(site) as url:
        print(f"[{name}] page weight, readiness ({loads} loads), keystrokes ...", flush=True)
        figures["page"] = measure.page_weight(chromium, url, site)
        figures["ready"] = measure.readiness(chromium, url, loads)
        figures["typing"] = measure.keystrokes(chromium, url)
    print(f"[{name}] {json.dumps(figures)}", flush=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--sizes", default="real,100,1000,10000",
                        help="numbers of strategies, comma-separated; 'real' is the real "
                             "content alone (default: %(default)s)")
    parser.add_argument("--loads", type=int, default=5,
                        help="fresh page loads per readiness figure (default: %(default)s)")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args(argv)
    sizes = [None if size == "real" else int(size) for size in args.sizes.split(",")]

    from playwright.sync_api import sync_playwright

    load_at_start = os.getloadavg()
    chromium_path = os.environ.get("SEMH_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=chromium_path,
                                              args=localsite.CHROMIUM_ARGS)
        version = chromium.version
        rows = [run_size(size, args.loads, chromium) for size in sizes]
        chromium.close()
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(rows, indent=1), encoding="utf-8")
    write_report(args.results, rows, chromium_version=version,
                 load=(load_at_start[0], os.getloadavg()[0]))
    print(f"Wrote {args.results}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
