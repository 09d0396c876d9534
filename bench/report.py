"""bench/RESULTS.md from one run's figures: the machine, the figures, and the targets."""

from __future__ import annotations

import os
import platform
from datetime import date
from pathlib import Path


def machine() -> dict[str, str]:
    cpu = "unknown"
    memory = "unknown"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"nproc": str(cores), "cpu": cpu, "memory": memory,
            "system": f"{platform.system()} {platform.release()}",
            "python": platform.python_version()}


def kb(count: int) -> str:
    return f"{count / 1024:,.1f} KB"


def ms(value: float) -> str:
    return f"{value:,.1f} ms"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def after_load(row: dict, name: str) -> float:
    """A ready time counted from the page's DOMContentLoaded instead of navigation start."""
    return row["ready"][name] - row["ready"]["dom_content_loaded"]


def after_parsing(row: dict, name: str) -> float:
    """A ready time counted from the end of parsing (domInteractive), before any deferred
    script has run."""
    return row["ready"][name] - row["ready"]["dom_interactive"]


def _targets(rows: list[dict]) -> list[str]:
    by_size = {row["size"]: row for row in rows}
    lines = ["| Target | Size | Figure | Result |", "| --- | --- | --- | --- |"]
    for size, limit in (("1000", 16), ("10000", 50)):
        if size in by_size:
            p95 = by_size[size]["typing"]["p95"]
            lines.append(f"| p95 keystroke to results under {limit} ms | {size} | {ms(p95)} | "
                         f"{verdict(p95 < limit)} |")
    for size, limit in (("real", 100), ("10000", 1000)):
        if size in by_size:
            ready = after_load(by_size[size], "finder_ready")
            lines.append(f"| finder ready under {limit:,} ms after load | {size} | {ms(ready)} | "
                         f"{verdict(ready < limit)} |")
    for row in rows:
        ready, theme = after_load(row, "finder_ready"), after_load(row, "theme_ready")
        lines.append(f"| finder ready at most 1/4 of the theme search's ready, after load | "
                     f"{row['size']} | {ms(ready)} vs {ms(theme)} ({ready / theme:.2f}) | "
                     f"{verdict(ready <= theme / 4)} |")
    for row in rows:
        ratio = row["payload_gzip"] / row["text_gzip"]
        lines.append(f"| payload gzip at most 2.5 x strategy text gzip | {row['size']} | "
                     f"{kb(row['payload_gzip'])} vs {kb(row['text_gzip'])} ({ratio:.2f} x) | "
                     f"{verdict(ratio <= 2.5)} |")
    return lines


def _figures(rows: list[dict]) -> list[str]:
    header = "| Figure | " + " | ".join(row["size"] for row in rows) + " |"
    lines = [header, "| --- |" + " --- |" * len(rows)]

    def line(name: str, values) -> None:
        lines.append(f"| {name} | " + " | ".join(values) + " |")

    line("strategies", [f"{row['strategies']:,}" for row in rows])
    line("generator time", [f"{row['generator_s']:.2f} s" for row in rows])
    line("total build time (generator + strict MkDocs)", [f"{row['build_s']:.1f} s" for row in rows])
    line("finder payload, raw / gzip", [f"{kb(r['payload_raw'])} / {kb(r['payload_gzip'])}"
                                        for r in rows])
    line("of which the two indexes and their terms, raw / gzip",
         [f"{kb(r['index_raw'])} / {kb(r['index_gzip'])}" for r in rows])
    line("strategy text (titles and texts), raw / gzip",
         [f"{kb(r['text_raw'])} / {kb(r['text_gzip'])}" for r in rows])
    line("lunr.js, raw / gzip (same at every size)",
         [f"{kb(r['lunr_js_raw'])} / {kb(r['lunr_js_gzip'])}" for r in rows])
    line("theme's search_index.json, raw / gzip",
         [f"{kb(r['theme_index_raw'])} / {kb(r['theme_index_gzip'])}" for r in rows])
    line("/finder/ HTML, raw / gzip", [f"{kb(r['page']['html_raw'])} / {kb(r['page']['html_gzip'])}"
                                       for r in rows])
    line("/finder/ page weight, all files loaded, raw / gzip",
         [f"{kb(r['page']['raw'])} / {kb(r['page']['gzip'])} ({r['page']['files']} files)"
          for r in rows])
    line("keystroke to results, median / p95",
         [f"{ms(r['typing']['median'])} / {ms(r['typing']['p95'])} "
          f"({r['typing']['keystrokes']} keys)" for r in rows])
    line("theme search query (worker round trip), median / p95",
         [f"{ms(r['typing']['theme_query_median'])} / {ms(r['typing']['theme_query_p95'])}"
          for r in rows])
    line("page parsed (domInteractive) / DOMContentLoaded, from navigation start",
         [f"{ms(r['ready']['dom_interactive'])} / {ms(r['ready']['dom_content_loaded'])}"
          for r in rows])
    line("finder ready (index loaded, first results painted), from navigation start / after "
         "DOMContentLoaded / after parsing",
         [f"{ms(r['ready']['finder_ready'])} / {ms(after_load(r, 'finder_ready'))} / "
          f"{ms(after_parsing(r, 'finder_ready'))}" for r in rows])
    line("finder's own work: finder.js starting to its index loaded",
         [ms(r["ready"]["finder-index"] - r["ready"]["finder-start"]) for r in rows])
    line("theme search ready (index built in its worker), from navigation start / after "
         "DOMContentLoaded / after parsing",
         [f"{ms(r['ready']['theme_ready'])} / {ms(after_load(r, 'theme_ready'))} / "
          f"{ms(after_parsing(r, 'theme_ready'))}" for r in rows])
    return lines


def write_report(path: Path, rows: list[dict], chromium_version: str,
                 load: tuple[float, float]) -> None:
    """`load` is the one-minute load average when the run started and when it ended: other
    work on the machine slows every timing."""
    box = machine()
    text = [
        "# Strategy finder benchmark",
        "",
        "Written by `make bench` (`python -m bench`); do not edit by hand, run it again.",
        f"Run on {date.today().isoformat()}: {box['nproc']} cores (nproc), {box['cpu']}, "
        f"{box['memory']} memory, {box['system']}, Python {box['python']}, headless Chromium "
        f"{chromium_version}. Load average (1 min) {load[0]:.1f} at the start and "
        f"{load[1]:.1f} at the end.",
        "",
        "Sizes: `real` is the real content alone; the others add synthetic strategies to the "
        "real ones, written by a word chain learnt from the councils' wording (see "
        "`bench/synthetic.py`).",
        "",
        "Timings depend on what else the machine is doing: the load average above says how "
        "busy it was, and a busy machine slows every timing in this report.",
        "",
        "## Targets",
        "",
        *_targets(rows),
        "",
        "## Figures",
        "",
        *_figures(rows),
        "",
        "## How the figures are taken",
        "",
        "- **Generator time**: `generate()` (YAML to Markdown, open data and the finder's "
        "index) in a fresh Python. **Total build time**: `python -m generator build`, "
        "which runs the generator inside a strict MkDocs build of every page.",
        "- **Payload**: `finder/finder-data.json`, the two lunr indexes and the "
        "display fields the finder downloads; **strategy text** is every strategy's title "
        "and text, one after another. lunr.js is the library, the same at every size, and "
        "is counted in the page weight, not the payload.",
        "- **Page weight**: every file of the site the finder page loads (HTML, CSS, scripts, "
        "fonts, the payload, the theme's search index), as stored and gzipped one by one.",
        "- **Keystroke to results**: in the page, from the key's `keydown` to the finder's "
        "`finder:results` event, which it sends once the new results are in the document; "
        "every letter of ten typical queries (`bench/browser.py`), each typed three times by Playwright. "
        "Painting the frame comes after and is not included.",
        "- **Theme search query**: the theme's search worker answering the same ten queries "
        "whole, from posting the query to its answer arriving.",
        "- **Ready**: median of fresh loads of `/finder/` with a cold cache. The finder is "
        "ready when its index is loaded and its first results have been painted "
        "(`finder-ready` mark); the theme's search is ready when its worker reports its index "
        "built; both are timed on the same loads. The targets say \"after load\"; they are "
        "judged from DOMContentLoaded, which comes before the page's load event, so this is "
        "the stricter of the two readings. DOMContentLoaded comes after the deferred scripts, "
        "finder.js among them, so some of the finder's work can fall before it: the table "
        "also gives each ready time from the end of parsing (`domInteractive`), before any "
        "of the finder's work, and the finder's own work (its script starting to its index "
        "loaded) on its own. From the end of parsing, the first frame after the theme's own "
        "DOMContentLoaded work is in the finder's figure too. The figures from navigation "
        "start are in the table as well.",
        "",
        "## What the payload is made of",
        "",
        "| Size | Indexes / strategy text (gzip) | Display fields / strategy text (gzip) |",
        "| --- | --- | --- |",
        *[f"| {r['size']} | {r['index_gzip'] / r['text_gzip']:.2f} x | "
          f"{r['display_gzip'] / r['text_gzip']:.2f} x |" for r in rows],
        "",
        "The display fields carry every title and text again, with ids, so they alone are "
        "about the size of the text. The indexes are the ones lunr.py builds, sent as what "
        "they are made from: the terms, once for both indexes and numbered in the order they "
        "first occur, and for each field of each strategy (or need) the numbers of its terms. "
        "The browser counts the occurrences and works out each of lunr's BM25 weights with "
        "lunr.py's own formula and rounding (a test checks every weight against lunr.py's), "
        "so the three-decimal weights, which compress poorly, are never sent. Compared one by "
        "one, the indexes are still gzipped on their own here, while in the file the terms "
        "follow the strategies' text and compress further, so the two columns add up to a "
        "little more than the payload. At the real content's size the need index, the same "
        "at every size, is a large part of the payload next to 81 short strategies.",
        "",
    ]
    path.write_text("\n".join(text), encoding="utf-8")
