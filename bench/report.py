"""bench/RESULTS.md from one run's figures: the machine, the targets, the three searches side
by side (Pagefind twice: on a page of its own and on the finder's page), and how each figure
is taken."""

from __future__ import annotations

import os
import platform
from datetime import date
from pathlib import Path

from bench.browser import QUERY, TYPED

MIB = 1024 * 1024
# Sizes above this report figures only: the targets are for up to 10,000 strategies.
LARGEST_JUDGED = 10_000
SYSTEMS = (("ours", "Ours (/finder/)"), ("header", "Header search (hand-written pages)"),
           ("pagefind", "Pagefind (a page of its own)"),
           ("pagefind-themed", "Pagefind on the finder's page"))


def systems(row: dict) -> list[tuple[str, str]]:
    """The systems measured at this size: a run from before Pagefind was put on the finder's
    page has no figures for it."""
    return [(key, label) for key, label in SYSTEMS if key in row]


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


def kb(count: float) -> str:
    return f"{count / 1024:,.1f} KB"


def ms(value: float) -> str:
    return f"{value:,.0f} ms" if value >= 100 else f"{value:,.1f} ms"


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def verdict(ok: bool) -> str:
    return "met" if ok else "**not met**"


def judged(row: dict) -> bool:
    return row["size"] == "real" or int(row["size"]) <= LARGEST_JUDGED


def flagged(row: dict) -> list[tuple[str, str]]:
    """(page, file) for every file of strategy data or search index a page other than the
    finder fetched at load."""
    return [(page, f["url"]) for page, found in row["other_pages"].items()
            for f in found["files"] if f["search_or_strategy_data"]]


def _targets(rows: list[dict]) -> list[str]:
    by_size = {row["size"]: row for row in rows}
    lines = ["| Target | Size | Figure | Result |", "| --- | --- | --- | --- |"]

    def missing(target: str, size: str) -> None:
        lines.append(f"| {target} | {size} | not measured in this run | n/a |")

    target = "first results at most 1.5 x the page's own domInteractive"
    for row in filter(judged, rows):
        ours = row["ours"]
        times = ours["first_results"] / ours["dom_interactive"]
        lines.append(f"| {target} | {row['size']} | {ms(ours['first_results'])} vs "
                     f"{ms(ours['dom_interactive'])} ({times:.2f} x) | {verdict(times <= 1.5)} |")
    for peer_key, target in (("pagefind", "first results faster than Pagefind's"),
                             ("pagefind-themed", "the same, Pagefind on the finder's page "
                              "(for comparison; not a target of its own)")):
        for size in ("1000", "10000"):
            if peer_key not in by_size.get(size, {}):
                missing(target, size)
                continue
            ours = by_size[size]["ours"]["first_results"]
            peer = by_size[size][peer_key]["first_results"]
            lines.append(f"| {target} | {size} | {ms(ours)} vs {ms(peer)} "
                         f"({ratio(ours, peer)}) | {verdict(ours < peer)} |")
    target = "bytes until first results at most 0.5 MiB (gzip, every file)"
    if "10000" in by_size:
        got = by_size["10000"]["ours"]["bytes_gzip"]
        lines.append(f"| {target} | 10000 | {kb(got)} ({got / MIB:.2f} MiB) | "
                     f"{verdict(got <= 0.5 * MIB)} |")
    else:
        missing(target, "10000")
    for peer_key, target in (("pagefind", "bytes until first results no more than Pagefind's"),
                             ("pagefind-themed", "the same, Pagefind on the finder's page "
                              "(for comparison; not a target of its own)")):
        if peer_key in by_size.get("1000", {}):
            ours = by_size["1000"]["ours"]["bytes_gzip"]
            peer = by_size["1000"][peer_key]["bytes_gzip"]
            lines.append(f"| {target} | 1000 | {kb(ours)} vs {kb(peer)} ({ratio(ours, peer)}) | "
                         f"{verdict(ours <= peer)} |")
        else:
            missing(target, "1000")
    target = "pages other than the finder fetch no strategy data or search index at load"
    for row in filter(judged, rows):
        found = flagged(row)
        pages = ", ".join(row["other_pages"])
        figure = ("none, on the " + pages if not found else
                  "; ".join(f"{page}: `{url}`" for page, url in found))
        lines.append(f"| {target} | {row['size']} | {figure} | {verdict(not found)} |")
    target = "keystroke p95 under 16 ms"
    if "10000" in by_size:
        got = by_size["10000"]["ours"]["typing"]["p95"]
        lines.append(f"| {target} | 10000 | {ms(got)} | {verdict(got < 16)} |")
    else:
        missing(target, "10000")
    target = "build of 10,000 strategies under 60 s"
    if "10000" in by_size:
        got = by_size["10000"]["build_s"]
        lines.append(f"| {target} | 10000 | {got:.1f} s | {verdict(got < 60)} |")
    else:
        missing(target, "10000")
    lines.append("| Lighthouse (mobile): performance >= 95, accessibility and best practices 100, "
                 "layout shift < 0.02 on the finder | | not taken by `make bench`: it is "
                 "`make audit-pages`, with its report in `build/lighthouse/` | n/a |")
    return lines


def _side_by_side(row: dict, loads: int) -> list[str]:
    measured = systems(row)
    keys = [key for key, _ in measured]
    # Each ratio is ours over another system, for the systems measured.
    over = [key for key in ("pagefind", "pagefind-themed", "header") if key in keys]
    names = {"pagefind": "Pagefind", "pagefind-themed": "Pagefind on our page",
             "header": "header"}
    lines = ["| Figure | " + " | ".join(label for _, label in measured) + " | "
             + " | ".join(f"ours / {names[key]}" for key in over) + " |",
             "| --- " * (1 + len(measured) + len(over)) + "|"]

    def line(name: str, value, text, with_ratios: bool = True) -> None:
        def figure(key: str):
            # Pagefind's keys are timed on its own page only: the same engine types the same.
            if "typing" in name and "typing" not in row[key]:
                return None
            return value(row[key])

        values = {key: figure(key) for key in keys}
        cells = [text(values[key]) if values[key] is not None else "as on its own page"
                 for key in keys]
        ratios = [ratio(values["ours"], values[key]) if with_ratios and values[key] is not None
                  else "" for key in over]
        lines.append(f"| {name} | " + " | ".join(cells + ratios) + " |")

    line(f"first results after navigation start (median of {loads} cold loads)",
         lambda s: s["first_results"], ms)
    line("the page's own domInteractive (median)", lambda s: s["dom_interactive"], ms)
    line("first results / own domInteractive", lambda s: s["first_results"] / s["dom_interactive"],
         lambda v: f"{v:.2f} x", with_ratios=False)
    line("bytes until first results, gzip (every file)", lambda s: s["bytes_gzip"], kb)
    line("the same, as stored (no compression)", lambda s: s["bytes_raw"], kb)
    line("files until first results", lambda s: s["files"], lambda v: f"{v:g}")
    line("keystroke to results (typing), p95", lambda s: s["typing"]["p95"], ms)
    line("keystroke to results (typing), median", lambda s: s["typing"]["median"], ms)
    builds = {"ours": row["build_s"], "header": row["build_s"],
              "pagefind": row["build_s"] + row["pagefind_s"],
              "pagefind-themed": row["build_s"] + row["pagefind_s"]}
    texts = {"ours": f"{builds['ours']:.1f} s",
             "header": f"{builds['header']:.1f} s (the same build)",
             "pagefind": f"{builds['pagefind']:.1f} s ({row['pagefind_s']:.1f} s of Pagefind "
                         "on top)",
             "pagefind-themed": "the same index"}
    lines.append("| build time | " + " | ".join(texts[key] for key in keys) + " | "
                 + " | ".join(ratio(builds["ours"], builds[key]) for key in over) + " |")
    typed = [(key, label) for key, label in measured if "typing" in row[key]]
    counts = ", ".join(f"{label} {row[key]['typing']['keystrokes']} "
                       f"({row[key]['typing']['missed']} unanswered)" for key, label in typed)
    lines += ["", f"Keystrokes timed: {counts}.", "",
              "Pagefind's own search page is bare: it carries Pagefind and nothing else, so its "
              "domInteractive and bytes leave out the page furniture (the theme's styles, "
              "scripts, fonts and logo) that the site's pages carry. That furniture, "
              "as the home page fetches it at load, less its HTML and any search index, is "
              f"{kb(furniture(row))} gzip here."
              + (" Pagefind on the finder's page carries it: the same search, in the "
                 "finder's place." if "pagefind-themed" in keys else "")]
    return lines


def furniture(row: dict) -> int:
    """Bytes (gzip) the home page fetches at load besides its own HTML and any strategy data
    or search index: what any page of the site carries."""
    files = row["other_pages"]["home page"]["files"]
    return sum(f["gzip"] for f in files[1:] if not f["search_or_strategy_data"])


def _other_pages(row: dict) -> list[str]:
    lines = ["| Page | Files fetched at load | gzip | Strategy data or search index |",
             "| --- | --- | --- | --- |"]
    for page, found in row["other_pages"].items():
        files = found["files"]
        data = [f for f in files if f["search_or_strategy_data"]]
        listed = ", ".join(f"`{f['url']}` ({kb(f['gzip'])})" for f in data) or "none"
        lines.append(f"| {page} (`/{found['path']}`) | {len(files)} | "
                     f"{kb(sum(f['gzip'] for f in files))} | {listed} |")
    return lines


def _fetch_list(row: dict) -> list[str]:
    lines = []
    for page, found in row["other_pages"].items():
        lines += [f"- **{page}** (`/{found['path']}`): " + ", ".join(
            f"`{f['url']}` {kb(f['gzip'])}" + (" (**strategy data or search index**)"
                                              if f["search_or_strategy_data"] else "")
            for f in found["files"])]
    return lines


def _builds(rows: list[dict]) -> list[str]:
    lines = ["| Size | Strategies | HTML pages | Synthetic content written | Our build "
             "(generator + MkDocs) | Peak memory of the build | Pagefind indexing |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in rows:
        lines.append(f"| {r['size']} | {r['strategies']:,} | {r['pages']:,} | "
                     f"{r['content_s']:.1f} s | {r['build_s']:.1f} s | "
                     f"{r['build_peak_mib']:,.0f} MiB | {r['pagefind_s']:.1f} s |")
    return lines


def write_report(path: Path, rows: list[dict], chromium_version: str,
                 load: tuple[tuple[float, ...], tuple[float, ...]], pending: list[str],
                 loads: int = 5, notes: list[str] = ()) -> None:
    """`load` is the load averages (1, 5, 15 min) when the run started and when the report
    was written: other work on the machine slows every timing."""
    box = machine()
    start, end = (", ".join(f"{v:.1f}" for v in averages) for averages in load)
    text = [
        "# Search benchmark: ours, the header search, and Pagefind",
        "",
        "Written by `make bench` (`python -m bench`); do not edit by hand, run it again.",
        f"Run on {date.today().isoformat()}: {box['nproc']} cores (nproc), {box['cpu']}, "
        f"{box['memory']} memory, {box['system']}, Python {box['python']}, headless Chromium "
        f"{chromium_version}. Load average (1, 5, 15 min) {start} at the start and {end} "
        "when this report was written. The machine is shared: a busy machine slows every "
        "timing here, the three systems alike, since each size measures them one after "
        "another.",
        "",
        "Sizes: `real` is the real content alone; the others add synthetic strategies to the "
        "real ones, written by a word chain learnt from the councils' wording (see "
        "`bench/synthetic.py`). Sizes above 10,000 report figures without targets.",
        *[line for note in notes for line in ("", note)],
        *(["", f"**Not measured in this run**: {', '.join(pending)} (the run was stopped, or "
            "is still going, before these sizes finished)."] if pending else []),
        "",
        "## Targets",
        "",
        *_targets(rows),
        "",
    ]
    for row in rows:
        text += [f"## {row['size']} strategies" if row["size"] != "real"
                 else f"## Real content ({row['strategies']} strategies)", "",
                 *_side_by_side(row, loads), "",
                 "What the other pages fetch at load:", "", *_other_pages(row), ""]
    text += [
        "## Builds",
        "",
        *_builds(rows),
        "",
    ]
    if rows:
        text += [f"## Every file the other pages fetch at load, at {rows[-1]['size']}", "",
                 *_fetch_list(rows[-1]), ""]
        if all("fetched" in rows[-1][key] for key, _ in systems(rows[-1])):
            text += [f"## Every file received until the first results, at {rows[-1]['size']} "
                     "(the last cold load)", ""]
            for key, label in systems(rows[-1]):
                text.append(f"- **{label}**: " + ", ".join(
                    f"`{f['url']}` {kb(f['gzip'])}" for f in rows[-1][key]["fetched"]))
            text.append("")
    text += [
        "## How the figures are taken",
        "",
        "- **The three systems** run on the same built site: ours is the `/finder/` page; the "
        "header search (the site's own, `site_overrides/assets/site-search.js`, over the "
        "hand-written pages; it took the place of the theme's, which fetched its index on "
        "every page at load, and whose figures are in this file's history) is opened by its "
        "deep link on the home page; Pagefind "
        "(`pagefind[extended]`, its CLI at its default settings but for leaving out the "
        "theme's header, navigation and footer) indexes a copy of the built HTML, and a small "
        "search of the benchmark's own (`bench/pagefind.py`) reads `?q=` and shows "
        "Pagefind's first 20 results, titles and excerpts, through Pagefind's JS API, as many "
        "as the finder shows at first. That search is measured twice: on a page of its own, "
        "and in the finder's place on a copy of the finder's page, with the theme's header, "
        "styles and scripts around it as the finder has them; its keys are timed on its own "
        "page only.",
        f"- **First results**: each system's page opened with `?q={QUERY.replace(' ', '%20')}` "
        "in a fresh browser context (a cold cache), median of the loads; the time, from "
        "navigation start, at which the first results are in the document: ours when the "
        "finder sends `finder:results`, Pagefind's page when it sends `pagefind:results` "
        "after inserting its results, the header search when it sends "
        "`site-search:results`. The **page's own domInteractive** is the same load's navigation timing.",
        "- **Bytes until first results**: every response the page and its workers had "
        "received by that moment (the Resource Timing API in the page and in each worker, "
        "put on the page's clock), whatever the files are; cache hits are not counted. The "
        "local server does not compress, so each file is gzipped here (level 6) as a host "
        "would send it; fonts and images, already compressed, gain little.",
        f"- **Keystroke to results**: every letter of {len(TYPED)} typical queries "
        "(`bench/browser.py`), typed by Playwright one after the answer to the one before, "
        "from the key's `keydown` to the answer being in the document: ours and Pagefind's "
        "page and the header search by their events. Each is typed into once it can answer "
        "from what it fetches when someone is in its box: the finder, on a large site, once "
        "the file of every postings piece it fetches at the box's first focus is in "
        "(`data-finder-warm`); the header search once its index is in; Pagefind once it has "
        "loaded (the index pieces a query needs are fetched while typing, and counted). A key with no answer within the "
        "system's limit is left out and counted as unanswered. A system that takes more "
        "than three minutes for them all stops at the end of the query it is on, so a slow "
        "search at the largest sizes is timed on fewer keys (the counts are under each table).",
        "- **Build time**: `python -m generator build` (the generator, then a strict MkDocs "
        "build, which also writes the header search's index), and Pagefind's indexing on top for "
        "Pagefind. Peak memory is the build's largest process.",
        "- **Other pages**: the home page and the first need and strategy pages in the "
        "sitemap, each in a fresh context, loaded until the network has been quiet for a "
        "second; every file they and their workers fetched. A file counts as strategy data "
        "or a search index when it is JSON or holds three or more strategy titles from the "
        "site's open data (the page's own HTML is its content and is not counted).",
        "",
    ]
    path.write_text("\n".join(text), encoding="utf-8")
