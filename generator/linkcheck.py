"""Links in the built site: where each page points, and whether links to other websites work.

`python -m generator.linkcheck` reads the built site (site/ by default), collects every link
to another website from the pages' content into one list, checks each over the network
(HEAD, then GET when HEAD is refused, redirects followed, retries for passing failures, a
timeout for each request and a time limit for the whole run) and writes a report grouped by
page for content editors. Addresses known to be dead are listed, with their reason and
replacement, in content/link_allowlist.yaml; they stay in the report, marked as known.
Plain http:// links are reported too. The exit status is 1 when a link is broken and not
known, so the command can gate a publication.

It reads only built HTML and the allowlist: nothing here reaches back into the generator.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.model import Text, Url

# Attributes that hold an address the browser follows or loads.
LINK_ATTRIBUTES = {"href", "src", "srcset", "action", "poster", "data", "cite"}
USER_AGENT = "SEMH-strategy-finder-linkcheck (a council content editor's link check)"
# Statuses worth asking again: the server is busy or briefly broken.
RETRY_STATUSES = {429, 500, 502, 503, 504}


# --- reading the built pages ------------------------------------------------------------

@dataclass
class ParsedPage:
    """What one built page points to and what it can be pointed at."""

    title: str = ""
    # (address, whether it is in the page's own content rather than the theme's frame)
    links: list[tuple[str, bool]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()
        self._article_depth = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._article_depth += 1
        if tag == "title":
            self._in_title = True
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.page.ids.add(value)
            elif name == "srcset":
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.links.append((candidate.split()[0], self._in_content))
            elif name in LINK_ATTRIBUTES:
                self.page.links.append((value.strip(), self._in_content))

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self._article_depth:
            self._article_depth -= 1
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.page.title += data

    @property
    def _in_content(self) -> bool:
        return self._article_depth > 0


def parse_page(html: str) -> ParsedPage:
    parser = _PageParser()
    parser.feed(html)
    parser.close()
    parser.page.title = " ".join(parser.page.title.split())
    return parser.page


def built_pages(site_dir: Path) -> dict[str, ParsedPage]:
    """Every HTML page of the built site by its path under the site folder."""
    return {path.relative_to(site_dir).as_posix(): parse_page(path.read_text(encoding="utf-8"))
            for path in sorted(site_dir.rglob("*.html"))}


def is_external(url: str) -> bool:
    return urlsplit(url).scheme in ("http", "https")


def external_links(site_dir: Path) -> dict[str, list[str]]:
    """Every link to another website in the pages' content: address -> pages, in order."""
    found: dict[str, list[str]] = defaultdict(list)
    for path, page in built_pages(site_dir).items():
        for url, in_content in page.links:
            if in_content and is_external(url) and path not in found[url]:
                found[url].append(path)
    return dict(sorted(found.items()))


# --- the allowlist of known dead links ------------------------------------------------

class KnownDeadLink(BaseModel):
    """An address from the councils' documents that no longer works."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    url: Url
    reason: Text  # what happened to it, as far as anyone knows
    replacement: Text  # what a reader should use instead, or where the content now lives


class AllowlistError(ValueError):
    """The allowlist file cannot be used; each line of the message says why."""


def load_allowlist(path: Path) -> dict[str, KnownDeadLink]:
    """The known dead links by address; AllowlistError says what is wrong with the file."""
    yaml = YAML(typ="safe")
    yaml.version = (1, 2)
    yaml.allow_duplicate_keys = False
    try:
        data = yaml.load(path.read_text(encoding="utf-8"))
    except (OSError, YAMLError) as error:
        raise AllowlistError(f"{path}: cannot read it: {error}") from error
    try:
        entries = TypeAdapter(list[KnownDeadLink]).validate_python(data or [])
    except ValidationError as error:
        problems = [f"{path}: entry {'.'.join(str(part) for part in problem['loc'])}: "
                    f"{problem['msg']}" for problem in error.errors()]
        raise AllowlistError("\n".join(problems)) from error
    known: dict[str, KnownDeadLink] = {}
    for entry in entries:
        if entry.url in known:
            raise AllowlistError(f"{path}: {entry.url} is listed twice")
        known[entry.url] = entry
    return known


# --- checking over the network --------------------------------------------------------

@dataclass(frozen=True)
class Result:
    url: str
    status: int | None = None  # the last HTTP status, after redirects
    final_url: str | None = None  # where redirects ended
    error: str | None = None  # no HTTP answer: why
    attempts: int = 1

    @property
    def works(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def moved(self) -> bool:
        return self.works and self.final_url not in (None, self.url)


@dataclass(frozen=True)
class Settings:
    timeout: float = 10.0  # seconds for each request
    retries: int = 2  # further tries after a timeout, a dropped connection or a busy server
    backoff: float = 1.0  # seconds before the first retry; doubled for each further one
    workers: int = 8


def _request(url: str, method: str, timeout: float) -> Result:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Result(url, status=response.status, final_url=response.geturl())
    except urllib.error.HTTPError as error:
        return Result(url, status=error.code, final_url=error.geturl())
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return Result(url, error=f"no answer: {reason}")


def check_url(url: str, settings: Settings) -> Result:
    """HEAD first (cheap); GET when HEAD fails, as many servers refuse or mishandle HEAD."""
    attempt = 1
    while True:
        result = _request(url, "HEAD", settings.timeout)
        if not result.works:
            result = _request(url, "GET", settings.timeout)
        retryable = result.error is not None or result.status in RETRY_STATUSES
        if not retryable or attempt > settings.retries:
            return replace(result, attempts=attempt)
        time.sleep(settings.backoff * 2 ** (attempt - 1))
        attempt += 1


def check_all(urls: list[str], settings: Settings, time_limit: float) -> dict[str, Result]:
    """Check every address, several at once; those not started within `time_limit` seconds
    are reported as not checked."""
    deadline = time.monotonic() + time_limit

    def check_in_time(url: str) -> Result:
        if time.monotonic() >= deadline:
            return Result(url, error="not checked: the time limit ran out")
        return check_url(url, settings)

    with ThreadPoolExecutor(max_workers=settings.workers) as pool:
        return dict(zip(urls, pool.map(check_in_time, urls)))


# --- the report -----------------------------------------------------------------------

def verdict(url: str, result: Result, known: dict[str, KnownDeadLink]) -> tuple[str, str]:
    """(label, detail) for one link: BROKEN, KNOWN DEAD, MOVED or OK, plus http:// notes."""
    notes = []
    if urlsplit(url).scheme == "http":
        notes.append("Not secure: uses http://, not https://.")
    if url in known:
        entry = known[url]
        still = "" if not result.works else " (it answers now: take it off the allowlist?)"
        label, detail = "KNOWN DEAD", f"{entry.reason} Instead: {entry.replacement}{still}"
    elif result.error:
        label, detail = "BROKEN", result.error
    elif not result.works:
        label, detail = "BROKEN", f"HTTP {result.status}"
    elif result.moved:
        label, detail = "MOVED", f"now at {result.final_url}: update the link"
    else:
        label, detail = "OK", f"HTTP {result.status}"
    return label, " ".join([detail.rstrip(".") + ".", *notes])


def report(site_dir: Path, results: dict[str, Result],
           known: dict[str, KnownDeadLink]) -> tuple[str, int]:
    """The Markdown report, grouped by page, and how many links are broken and not known."""
    pages = built_pages(site_dir)
    by_page: dict[str, list[str]] = defaultdict(list)
    for url, where in external_links(site_dir).items():
        for page in where:
            by_page[page].append(url)
    counts: dict[str, int] = defaultdict(int)
    insecure = 0
    sections = []
    for page, urls in sorted(by_page.items()):
        address = page.removesuffix("index.html") or "/"
        title = pages[page].title.rpartition(" - ")[0] or pages[page].title or address
        lines = [f"## {title} ({address})", ""]
        for url in urls:
            label, detail = verdict(url, results[url], known)
            lines.append(f"- **{label}** {url} — {detail}")
        sections.append("\n".join(lines))
    for url, result in results.items():
        counts[verdict(url, result, known)[0]] += 1
        insecure += urlsplit(url).scheme == "http"
    unused = sorted(set(known) - set(results))
    summary = [
        "# Links to other websites",
        "",
        f"{len(results)} addresses on {len(by_page)} pages: "
        f"{counts['OK']} work, {counts['MOVED']} moved, {counts['BROKEN']} broken, "
        f"{counts['KNOWN DEAD']} known dead (see content/link_allowlist.yaml); "
        f"{insecure} use plain http://.",
    ]
    if unused:
        summary += ["", "Allowlist entries no longer on any page (remove them): "
                    + ", ".join(unused)]
    return "\n\n".join(["\n".join(summary), *sections]) + "\n", counts["BROKEN"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m generator.linkcheck",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"),
                        help="the built site (default: site)")
    parser.add_argument("--allowlist", type=Path, default=Path("content/link_allowlist.yaml"))
    parser.add_argument("--report", type=Path, default=Path("build/linkcheck.md"),
                        help="where to write the report (default: build/linkcheck.md)")
    parser.add_argument("--list", action="store_true",
                        help="only list the links to other websites, with their pages")
    parser.add_argument("--timeout", type=float, default=Settings.timeout,
                        help="seconds for each request")
    parser.add_argument("--retries", type=int, default=Settings.retries)
    parser.add_argument("--time-limit", type=float, default=600.0,
                        help="seconds for the whole run; later links are reported unchecked")
    args = parser.parse_args(argv)

    if not args.site.is_dir():
        print(f"{args.site}/ does not exist: build the site first (make build)",
              file=sys.stderr)
        return 2
    links = external_links(args.site)
    if args.list:
        for url, pages in links.items():
            print(f"{url}\t{' '.join(pages)}")
        return 0
    try:
        known = load_allowlist(args.allowlist)
    except AllowlistError as error:
        print(error, file=sys.stderr)
        return 2
    results = check_all(list(links), Settings(timeout=args.timeout, retries=args.retries),
                        args.time_limit)
    text, broken = report(args.site, results, known)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(text, encoding="utf-8")
    print(text)
    print(f"Report written to {args.report}", file=sys.stderr)
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
