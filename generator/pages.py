"""Which pages the site has, where each one lives, and which template makes it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from generator import audit_file, ics
from generator.link import Site
from generator.modules import imported
from generator.render import render
from generator.schemas_levels import levels_check_schema
from generator.schemas_plan import plan_schema

NEEDS = "needs/index.md"
STRATEGIES = "strategies/index.md"
LEVELS = "levels/index.md"
OUTCOMES = "outcomes/index.md"
AUDIT = "audit/index.md"
PATHWAY = "pathway/index.md"
TRAINING = "training/index.md"
GLOSSARY = "glossary/index.md"
SOURCES = "sources/index.md"
FINDER = "finder/index.md"
TOOLS = "tools/index.md"
PLAN = "plan/index.md"
LEVELS_CHECK = "levels/check/index.md"
ACCESSIBILITY = "accessibility/index.md"


def need_page(need_id: str) -> str:
    return f"needs/{need_id}.md"


def strategy_page(strategy_id: str) -> str:
    return f"strategies/{strategy_id}.md"


def hand_page(page_id: str) -> str:
    return "index.md" if page_id == "home" else f"{page_id}/index.md"


def url_of(page: str) -> str:
    """The page's URL relative to the site root, as MkDocs makes it with directory URLs."""
    path, _, anchor = page.partition("#")
    if path.endswith("index.md"):
        url = path[: -len("index.md")]
    else:
        url = path[: -len(".md")] + "/"
    return f"{url}#{anchor}" if anchor else url


def trim_nav(nav: list, built: set[str]) -> list:
    """mkdocs.yml's nav without the pages this build does not make (the pages of documents
    the council does not show), and without sections left empty."""
    trimmed = []
    for entry in nav:
        if isinstance(entry, dict):
            (title, target), = entry.items()
            if isinstance(target, list):
                target = trim_nav(target, built)
                if target:
                    trimmed.append({title: target})
            elif "://" in target or target in built:
                trimmed.append(entry)
        elif entry in built:
            trimmed.append(entry)
    return trimmed


def page_links() -> dict[str, object]:
    """Page locations for templates, so no template spells a path of its own."""
    return {
        "NEEDS": NEEDS, "STRATEGIES": STRATEGIES, "LEVELS": LEVELS, "OUTCOMES": OUTCOMES,
        "AUDIT": AUDIT, "PATHWAY": PATHWAY, "TRAINING": TRAINING, "GLOSSARY": GLOSSARY,
        "SOURCES": SOURCES, "FINDER": FINDER, "TOOLS": TOOLS, "PLAN": PLAN,
        "LEVELS_CHECK": LEVELS_CHECK, "ACCESSIBILITY": ACCESSIBILITY, "need_page": need_page,
        "strategy_page": strategy_page, "hand_page": hand_page,
    }


def pages(site: Site, assets: Path) -> Iterator[tuple[str, str]]:
    """(path, Markdown) for every generated page, with its review date; `assets` is the folder
    of our scripts, which the pages with tools list for the browser to fetch early."""
    for path, template, context in _plan(site, assets):
        text = render(template, path, site=site, **page_links(), **context).rstrip()
        hand_written = context.get("content")
        day = hand_written.reviewed if hand_written else reviewed(site, text)
        yield path, f"{text}\n\n{reviewed_note(day)}\n"


# Every citation links to its document on the sources page: `...sources/index.md#doc-000)`.
_CITATION = re.compile(r"#doc-([0-9]{3})\)")


def reviewed(site: Site, markdown: str) -> date:
    """A generated page's review date: the latest of the documents it cites. A page that cites
    none (the finder, the glossary, the sources page) draws on them all."""
    cited = set(_CITATION.findall(markdown))
    return max(document.reviewed for document in site.sources
               if not cited or document.file[:3] in cited)


def reviewed_note(day: date) -> str:
    return (f'<p class="semh-reviewed">Content last reviewed: <time datetime="{day.isoformat()}">'
            f'{day.day} {day:%B %Y}</time></p>')


def abbreviations(site: Site) -> dict[str, str]:
    """Every abbreviation and what it stands for, explained on every page by the Markdown
    abbr extension's glossary. Appended to each page as `*[ABBR]: ...` lines instead, they
    were parsed again for every page: a third of the build's Markdown time at 10,000 pages."""
    return {term.term: term.expansion for term in site.glossary}


def _plan(site: Site, assets: Path) -> Iterator[tuple[str, str, dict]]:
    # A document's own pages exist only where the council's site shows it (choose.py).
    for page in site.pages.values():
        yield hand_page(page.id), "page.md.j2", {"content": page}
    # The accessibility statement is made from the council's profile, not written by hand.
    yield ACCESSIBILITY, "accessibility.md.j2", {}
    yield FINDER, "finder.md.j2", {"modules": imported(assets, "finder.js")}
    yield NEEDS, "needs.md.j2", {}
    for need in site.needs:
        yield need_page(need.id), "need.md.j2", {"need": need}
    yield STRATEGIES, "strategies.md.j2", {}
    for strategy in site.strategies:
        yield strategy_page(strategy.id), "strategy.md.j2", {"strategy": strategy}
    if site.levels:
        yield LEVELS, "levels.md.j2", {}
        # The pages that change what a browser keeps carry the schemas they check it with.
        yield LEVELS_CHECK, "levels_check.md.j2", {
            "schemas": {"levels-check": levels_check_schema(), "plan": plan_schema()},
            "modules": ["levels-check.js", *imported(assets, "levels-check.js")]}
    yield PLAN, "plan.md.j2", {"schemas": {"plan": plan_schema()},
                               "modules": ["plan.js", *imported(assets, "plan.js")]}
    if site.outcomes:
        yield OUTCOMES, "outcomes.md.j2", {}
    yield TOOLS, "tools.md.j2", {}
    if site.audit:
        yield AUDIT, "audit.md.j2", {"audit_file": audit_file,
                                     "schemas": {"audit": audit_file.schema(site)},
                                     "modules": ["audit.js", *imported(assets, "audit.js")]}
    if site.pathway:
        yield PATHWAY, "pathway.md.j2", {}
    if site.training:
        yield TRAINING, "training.md.j2", {"calendars": ics.session_files(site.council),
                                            "all_dates": ics.ALL_DATES}
    yield GLOSSARY, "glossary.md.j2", {}
    yield SOURCES, "sources.md.j2", {}
