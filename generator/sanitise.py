"""The HTML of a hand-written page's Markdown body, cut down to what a text page needs.

A body is Markdown, and Markdown lets raw HTML and attribute lists through, so whatever an
editor pastes into it is cleaned by nh3 (the Ammonia sanitiser) after MkDocs has rendered it:
no script, event handler, frame, form, image, style or `javascript:` link survives.
"""

from __future__ import annotations

import re

import nh3

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
TAGS = HEADINGS | {
    "p", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "a", "em", "strong", "code", "pre",
    "abbr", "blockquote", "details", "summary", "div", "time",
    "table", "caption", "thead", "tbody", "tr", "th", "td",
}
# A table column aligned in Markdown (`:---:`) gets a class, not the style attribute the
# tables extension writes: the Content-Security-Policy allows no inline style.
ALIGNED = {"left": "semh-align-left", "center": "semh-align-center",
           "right": "semh-align-right"}
_ALIGN_STYLE = re.compile(r'<(th|td)( [^>]*?)? style="text-align: (left|center|right);?"')


def aligned_by_class(html: str) -> str:
    """Table cells aligned by class instead of an inline style."""
    return _ALIGN_STYLE.sub(lambda m: f'<{m[1]}{m[2] or ""} class="{ALIGNED[m[3]]}"', html)


# Headings keep the ids that the table of contents and "#section" links point at.
ATTRIBUTES = {
    **{heading: {"id"} for heading in HEADINGS},
    "a": {"href", "title"},
    "abbr": {"title"},
    "details": {"open"},
    "time": {"datetime"},
}
ADMONITIONS = {"admonition", "note", "info", "tip", "warning", "danger", "example", "quote"}
# Only the classes the theme styles: grid cards, admonitions and the headings' permalinks.
CLASSES = {
    "div": {"grid", "cards", *ADMONITIONS},
    "details": ADMONITIONS,
    "p": {"admonition-title", "semh-reviewed"},  # and the review date the page ends with
    "a": {"headerlink"},
    "th": set(ALIGNED.values()), "td": set(ALIGNED.values()),
}


def clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        # Dropped with what they hold, so no script source or style shows up as text.
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        # And relative links; never javascript: or data:. tel: is the council's phone numbers.
        url_schemes={"http", "https", "mailto", "tel"},
        allowed_classes=CLASSES,
        link_rel=None,
    )
