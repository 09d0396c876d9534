"""The one Jinja2 environment and the one render() every page goes through."""

from __future__ import annotations

import html
import json
import posixpath
import re
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context

from generator.model import PHASES, TIERS

TEMPLATES = Path(__file__).parent / "templates"

PHASE_LABELS = dict(zip(PHASES, ["Early years", "Primary", "Secondary", "Post-16"]))
TIER_LABELS = dict(zip(TIERS, ["Whole setting", "Targeted", "Specialist"]))
ANY_AGE = "Any age (the council gives none)"

# Braces too: a trailing `{: onclick=... }` would be an attribute list (attr_list).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


def markdown_text(text: str) -> str:
    """Council text as literal Markdown: their asterisks, brackets and braces are not our
    markup."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return escaped.replace("<", "&lt;")


@cache
def _abbreviation_pattern(terms: tuple[str, ...]) -> re.Pattern:
    """Any of the terms as a whole word, the longest first; made once per glossary."""
    return re.compile(r"(?<![\w-])(" + "|".join(
        re.escape(term) for term in sorted(terms, key=len, reverse=True)) + r")(?![\w-])")


@pass_context
def explained(context, text: str) -> str:
    """Text for raw HTML (form labels, legends, summaries), escaped, with each abbreviation
    marked up as the abbr extension marks it up in Markdown: Markdown never reaches inside
    raw HTML, so without this those abbreviations would go unexplained."""
    terms = {term.term: term.expansion for term in context["site"].glossary}
    words = _abbreviation_pattern(tuple(terms))
    escaped = html.escape(" ".join(text.split()), quote=False)
    return words.sub(lambda found: f'<abbr title="{html.escape(terms[found.group(1)])}">'
                     f"{found.group(1)}</abbr>", escaped)


def front_matter(text: str) -> str:
    """A value for a page's YAML front matter. The theme writes the description into an
    HTML attribute without escaping it, so double quotes are escaped here."""
    return json.dumps(text.replace('"', "&quot;"), ensure_ascii=False)


def front_matter_title(text: str) -> str:
    """A page title for the YAML front matter. The theme prints it into the header and
    <title> as HTML without escaping it, so it is escaped here."""
    return json.dumps(html.escape(text, quote=False), ensure_ascii=False)


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(count: int) -> str:
    """A small count as a word, the way the pages' prose writes it."""
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def relative(from_page: str, to_page: str) -> str:
    """A Markdown link from one generated page to another (both paths like 'needs/x.md')."""
    path, _, anchor = to_page.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(from_page) or ".") if path else ""
    return f"{link}#{anchor}" if anchor else link


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown writes `{#anchor}` after headings, which is Jinja's comment syntax.
        comment_start_string="{%#",
        comment_end_string="#%}",
        autoescape=False,  # the output is Markdown; text goes through the `md` filter
    )
    env.filters["md"] = markdown_text
    env.filters["explained"] = explained
    env.filters["front_matter"] = front_matter
    env.filters["page_title"] = front_matter_title
    env.filters["number_word"] = number_word
    env.filters["phase"] = PHASE_LABELS.__getitem__
    env.filters["tier"] = TIER_LABELS.__getitem__
    env.globals["PHASE_LABELS"] = PHASE_LABELS
    env.globals["TIER_LABELS"] = TIER_LABELS
    env.globals["ANY_AGE"] = ANY_AGE
    return env


def render(template: str, page: str, **context) -> str:
    """Render `template` as the page at `page`; `href(target)` makes links relative to it."""
    return environment().get_template(template).render(
        page=page, href=lambda target: relative(page, target), **context)
