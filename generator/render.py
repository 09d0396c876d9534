"""The one Jinja2 environment and the one render() every page goes through."""

from __future__ import annotations

import html
import json
import posixpath
import re
from functools import cache
from pathlib import Path

from jinja2 import (Environment, FileSystemLoader, StrictUndefined, pass_context,
                    pass_eval_context, select_autoescape)
from markupsafe import Markup

from generator.model import EMAIL_PATTERN, PHASES, TIERS, URL_PATTERN

TEMPLATES = Path(__file__).parent / "templates"

PHASE_LABELS = dict(zip(PHASES, ["Early years", "Primary", "Secondary", "Post-16"]))
TIER_LABELS = dict(zip(TIERS, ["Whole setting", "Targeted", "Specialist"]))
ANY_AGE = "Any age (the council gives none)"

# Braces too: a trailing `{: onclick=... }` would be an attribute list (attr_list).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}])")


_WHITE_SPACE = re.compile(r"\s+")


def _literal(text: str) -> Markup:
    """Text as literal Markdown on one line: asterisks, brackets, braces, ampersands and
    angle brackets are shown, never read as markup, and a line break cannot start a heading
    or a list."""
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", _WHITE_SPACE.sub(" ", str.__str__(text)))
    return Markup(escaped.replace("&", "&amp;").replace("<", "&lt;"))


def markdown_text(text: str) -> Markup:
    """A council's or a profile's text as literal Markdown, with its surrounding space
    trimmed."""
    return _literal(text.strip())


@pass_eval_context
def _printed(eval_context, value):
    """Every value a Markdown template prints is text unless it is marked as Markdown or HTML
    already (Markup: the filters below, macros, links): so a template that forgets a filter
    still shows a value as the words it is, never as markup. Jinja escapes the rest (numbers,
    dates) as HTML. Plain-text templates (not autoescaped) print values as they are."""
    if (eval_context.autoescape and isinstance(value, str) and not isinstance(value, Markup)
            and not value.isspace()):  # a template's own line breaks are layout, not text
        return _literal(value)
    return value


def _checked(pattern: str, what: str):
    def mark(text: str) -> Markup:
        # The schema allows only addresses that cannot end a Markdown link or an HTML
        # attribute; checked again here, as this is where they become markup.
        if not re.fullmatch(pattern, text):
            raise ValueError(f"not {what}: {text!r}")
        return Markup(text)
    mark.__doc__ = f"{what.capitalize()} the schema has checked, printed as it is."
    return mark


web_address = _checked(URL_PATTERN, "a web address")
email_address = _checked(EMAIL_PATTERN, "an email address")


def in_groups(items, attribute: str) -> list[tuple[object, list]]:
    """Items grouped by an attribute, the groups in the order their first item comes: unlike
    Jinja's groupby, it keeps the content's order and needs no ordering of the values."""
    groups: dict[object, list] = {}
    for item in items:
        value = item
        for name in attribute.split("."):
            value = getattr(value, name)
        groups.setdefault(value, []).append(item)
    return list(groups.items())


def most_common(items, attribute: str):
    """The value of an attribute most items share (the first of them, on a tie)."""
    groups = in_groups(items, attribute)
    return max(groups, key=lambda group: len(group[1]))[0] if groups else None


def code(text: str) -> Markup:
    """Text shown as code (a Markdown code span), where escapes would show as written."""
    if "`" in text:
        raise ValueError(f"a backtick cannot be shown in a code span: {text!r}")
    return Markup(f"`{text}`")


def markdown_source(text: str) -> Markup:
    """An editor's Markdown (a hand-written page's body), printed as Markdown: the plugin
    cleans its HTML once MkDocs has rendered it (sanitise.py)."""
    return Markup(text)


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
    return Markup(words.sub(lambda found: f'<abbr title="{html.escape(terms[found.group(1)])}">'
                            f"{found.group(1)}</abbr>", escaped))


def front_matter(text: str) -> Markup:
    """A value for a page's YAML front matter. The theme writes the description into an
    HTML attribute without escaping it, so it is escaped here."""
    return Markup(json.dumps(html.escape(text, quote=False).replace('"', "&quot;"),
                             ensure_ascii=False))


def front_matter_title(text: str) -> Markup:
    """A page title for the YAML front matter. The theme prints it into the header and
    <title> as HTML without escaping it, so it is escaped here."""
    return Markup(json.dumps(html.escape(text, quote=False), ensure_ascii=False))


NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def number_word(count: int) -> str:
    """A small count as a word, the way the pages' prose writes it."""
    return NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)


def relative(from_page: str, to_page: str) -> Markup:
    """A Markdown link from one generated page to another (both paths like 'needs/x.md'),
    made of the site's own page paths and ids."""
    path, _, anchor = to_page.partition("#")
    link = posixpath.relpath(path, posixpath.dirname(from_page) or ".") if path else ""
    return Markup(f"{link}#{anchor}" if anchor else link)


@cache
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        extensions=["jinja2.ext.do"],
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        # Markdown writes `{#anchor}` after headings, which is Jinja's comment syntax.
        comment_start_string="{%#",
        comment_end_string="#%}",
        # The output is Markdown: what a template prints is escaped as Markdown text
        # (_printed) unless a filter or macro made it Markdown. Autoescaping is what makes
        # macros' and filters' output Markup, which the escaping then leaves alone.
        autoescape=select_autoescape(enabled_extensions=("md.j2",), default=False),
        finalize=_printed,
    )
    env.filters["md"] = markdown_text
    env.filters["markdown"] = markdown_source
    env.filters["url"] = web_address
    env.filters["email"] = email_address
    env.filters["code"] = code
    env.filters["in_groups"] = in_groups
    env.filters["most_common"] = most_common
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
