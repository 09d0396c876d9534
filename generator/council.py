"""The publishing council's profile (councils/<id>.yaml): read and checked like the content,
then turned into what MkDocs reads: a config that inherits mkdocs.yml, the palette's
stylesheet and the values the theme's templates show (contacts, footer links)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from xml.etree import ElementTree

from generator import choose, model
from generator.load import RawRecord, read_file
from generator.problems import Problem
from generator.validate import Valid, validate

FOLDER = "councils"
DEFAULT = "default"
# Where a logo may live: the profiles' folder, or the theme overrides' assets.
LOGO_FOLDERS = (FOLDER, "site_overrides/assets")

# What each palette's colours are shown with. The header's text is always white; the page
# backgrounds are the theme's own (slate is hsl(225deg 15% 14%)).
WHITE = "#ffffff"
LIGHT_BACKGROUND = "#ffffff"
DARK_BACKGROUND = "#1e2129"
MINIMUM_CONTRAST = 4.5  # WCAG 2.2 AA, 1.4.3, for text of normal size


def profile_ids(root: Path) -> list[str]:
    return sorted(path.stem for path in (root / FOLDER).glob("*.yaml"))


def load_profile(root: Path, council_id: str, content: list[Valid] | None = None
                 ) -> tuple[model.CouncilProfile | None, list[Problem]]:
    """The council's profile, or every problem with it as `file:line: message`. Given the
    validated content, its `sources:` are checked against the content's documents too."""
    relative = f"{FOLDER}/{council_id}.yaml"
    path = root / relative
    if not path.is_file():
        known = ", ".join(profile_ids(root)) or "none"
        return None, [Problem(relative, 1, f"there is no council profile '{council_id}'",
                              f"profiles in {FOLDER}/: {known}")]
    raws: list[RawRecord] = []
    problems: list[Problem] = []
    read_file(root, path, model.CouncilProfile, False, raws, problems)
    if problems:
        return None, problems
    valid, problems = validate(raws)
    if problems:
        return None, problems
    profile, raw = valid[0].record, valid[0].raw
    problems = [*_identity(profile, raw, council_id), *_logo(root, profile, raw),
                *_contacts(profile, raw), *_contrast(profile, raw)]
    if content is not None:
        problems += choose.profile_problems(profile, raw, content)
    return (None if problems else profile), problems


def _identity(profile: model.CouncilProfile, raw: RawRecord, council_id: str) -> list[Problem]:
    if profile.id == council_id:
        return []
    return [Problem(raw.path, raw.line_of(("id",)), f"id: '{profile.id}' is not the file's "
                    f"name", f"write id: {council_id}, or rename the file to {profile.id}.yaml")]


def _logo(root: Path, profile: model.CouncilProfile, raw: RawRecord) -> list[Problem]:
    line = raw.line_of(("logo",))
    path = (root / profile.logo).resolve()
    inside = any(path.is_relative_to((root / folder).resolve()) for folder in LOGO_FOLDERS)
    if not inside or path.suffix != ".svg":
        return [Problem(raw.path, line, f"logo: '{profile.logo}' is not an SVG file in "
                        f"{' or '.join(folder + '/' for folder in LOGO_FOLDERS)}",
                        "put the logo there as an .svg file and write its path from the "
                        "project folder, e.g. councils/northshire-logo.svg")]
    if not path.exists():
        return [Problem(raw.path, line, f"logo: '{profile.logo}' does not exist",
                        "check the file's name and folder")]
    if not path.is_file():
        return [Problem(raw.path, line, f"logo: '{profile.logo}' is not a file",
                        "put the logo there as an .svg file")]
    relative = path.relative_to(root.resolve()).as_posix()
    try:
        data = path.read_bytes()
    except OSError as error:
        return [Problem(relative, 0, f"the logo cannot be read ({error.strerror})",
                        "check that the file can be read")]
    return logo_problems(relative, data)


# The logo is sent with every page; council logos are a few kilobytes.
MAX_LOGO_BYTES = 100 * 1024
# Elements that run script or show another document: a logo needs none of them.
_ACTIVE_ELEMENTS = {"script", "foreignObject", "iframe", "embed", "object", "handler",
                    "listener"}
# Pictures drawn into the logo itself, as data: addresses; anything else it refers to lies
# outside the file.
_EMBEDDED_PICTURE = re.compile(r"data:image/(?:png|jpeg|gif|webp)[;,]", re.I)
_OUTSIDE_IN_STYLE = re.compile(r"@import|url\(\s*['\"]?(?!#)", re.I)


def logo_problems(relative: str, data: bytes) -> list[Problem]:
    """What keeps an SVG file from being a logo the site can publish as it is: too large, not
    UTF-8, not well-formed, or able to run script or load something from elsewhere (opened
    by its own address, an SVG runs its scripts as a page of the site would)."""
    def problem(message: str, hint: str) -> list[Problem]:
        return [Problem(relative, 0, message, hint)]

    if len(data) > MAX_LOGO_BYTES:
        return problem(f"the logo is {len(data):,} bytes; it is sent with every page, so it "
                       f"must be under {MAX_LOGO_BYTES // 1024} KB",
                       "export it again as a plain, optimised SVG, or simplify the drawing")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return problem("the logo is not UTF-8 text",
                       "save it as UTF-8 (some programs call it Unicode)")
    if re.search(r"<!(?:DOCTYPE|ENTITY)", text, re.I):
        return problem("the logo declares a document type or entities, which a logo needs "
                       "neither of", "remove the <!DOCTYPE ...> part")
    try:
        drawing = ElementTree.fromstring(data)
    except ElementTree.ParseError as error:
        return problem(f"the logo is not a well-formed SVG file ({error})",
                       "export it again as SVG from the drawing program")
    if _local(drawing.tag) != "svg":
        return problem(f"the logo is not an SVG drawing: it starts with <{_local(drawing.tag)}>",
                       "export it again as SVG from the drawing program")
    found = []
    for element in drawing.iter():
        name = _local(element.tag)
        if name in _ACTIVE_ELEMENTS:
            found += problem(f"the logo has a <{name}> element; a logo may not run script "
                             "or show another document", f"remove the <{name}> element")
        for attribute, value in element.attrib.items():
            attribute = _local(attribute)
            if attribute.lower().startswith("on"):
                found += problem(f"the logo has an event attribute, {attribute}, on <{name}>; "
                                 "a logo may not run script", f"remove {attribute}")
            elif attribute == "href" and not (value.startswith("#")
                                              or _EMBEDDED_PICTURE.match(value)):
                found += problem(f"the logo refers to '{value}' outside itself, on <{name}>",
                                 "draw it into the file, or remove the reference")
            elif attribute == "attributeName" and value.lower().endswith("href"):
                found += problem(f"the logo changes a link with <{name}>; a logo may not",
                                 f"remove the <{name}> element")
            elif attribute == "style" and _OUTSIDE_IN_STYLE.search(value):
                found += problem(f"the logo's style on <{name}> loads something from "
                                 "outside itself", "remove the url() or @import")
        if name == "style" and _OUTSIDE_IN_STYLE.search(element.text or ""):
            found += problem("the logo's <style> loads something from outside itself",
                             "remove the url() or @import")
    return found


def _local(name: str) -> str:
    """An XML name without its namespace: {http://www.w3.org/2000/svg}svg is svg."""
    return name.rpartition("}")[2]


def _contacts(profile: model.CouncilProfile, raw: RawRecord) -> list[Problem]:
    problems = []
    named = [(("local_offer",), profile.local_offer)] + [
        (("contacts", name), getattr(profile.contacts, name))
        for name in model.Contacts.model_fields]
    for location, contact in named:
        field = ".".join(location)
        if not (contact.url or contact.email or contact.phone):
            problems.append(Problem(raw.path, raw.line_of(location),
                                    f"{field}: gives no way to get in touch",
                                    "add a url, an email or a phone number"))
        if contact.page_parameter and not contact.url:
            problems.append(Problem(raw.path, raw.line_of(location + ("page_parameter",)),
                                    f"{field}.page_parameter: there is no url to add it to",
                                    "add the form's url, or remove page_parameter"))
    return problems


def _contrast(profile: model.CouncilProfile, raw: RawRecord) -> list[Problem]:
    problems = []
    for scheme, background in (("light", LIGHT_BACKGROUND), ("dark", DARK_BACKGROUND)):
        palette = getattr(profile.colours, scheme)
        pairs = [("primary", "white header text on", WHITE, palette.primary),
                 ("link", "links on the page background", background, palette.link),
                 ("accent", "links being pointed at, on the page background", background,
                  palette.accent)]
        for name, what, one, other in pairs:
            ratio = contrast(one, other)
            if ratio < MINIMUM_CONTRAST:
                shown = (f"{what} {other}" if name == "primary"
                         else f"{other} for {what} {one}")
                problems.append(Problem(
                    raw.path, raw.line_of(("colours", scheme, name)),
                    f"colours.{scheme}.{name}: {shown} has a contrast of {ratio:.2f}:1, "
                    f"under the {MINIMUM_CONTRAST}:1 that WCAG AA needs",
                    _contrast_hint(scheme, name)))
    return problems


def _contrast_hint(scheme: str, name: str) -> str:
    if name == "primary":
        return "choose a darker primary colour, so white text on it can be read"
    if scheme == "light":
        return f"choose a darker {name} colour for the light palette"
    return f"choose a lighter {name} colour for the dark palette"


def contrast(one: str, other: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    lighter, darker = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


# --- what MkDocs reads ----------------------------------------------------------------------

LOGO = "assets/council-logo.svg"
PALETTE = "assets/council.css"


def palette_css(profile: model.CouncilProfile) -> str:
    """The theme's custom palette variables, from the profile's colours."""
    light, dark = profile.colours.light, profile.colours.dark
    return f"""/* Generated from {FOLDER}/{profile.id}.yaml: the council's colours. */
[data-md-color-primary="custom"] {{
  --md-primary-fg-color: {light.primary};
  --md-primary-fg-color--light: {light.primary};
  --md-primary-fg-color--dark: {light.primary};
  --md-primary-bg-color: {WHITE};
  --md-primary-bg-color--light: {WHITE}b3;
  --md-typeset-a-color: {light.link};
}}

[data-md-color-accent="custom"] {{
  --md-accent-fg-color: {light.accent};
  --md-accent-fg-color--transparent: {light.accent}1a;
}}

[data-md-color-scheme="slate"][data-md-color-primary="custom"] {{
  --md-primary-fg-color: {dark.primary};
  --md-primary-fg-color--light: {dark.primary};
  --md-primary-fg-color--dark: {dark.primary};
  --md-typeset-a-color: {dark.link};
}}

[data-md-color-scheme="slate"][data-md-color-accent="custom"] {{
  --md-accent-fg-color: {dark.accent};
  --md-accent-fg-color--transparent: {dark.accent}1a;
}}
"""


def logo_svg(root: Path, profile: model.CouncilProfile) -> str:
    return (root / profile.logo).read_text(encoding="utf-8")


def report_href(contact: model.Contact) -> dict[str, str]:
    """How the theme builds "Report a problem with this page": the address, and how the
    page's own address is added (a mailto subject, or a form's query parameter)."""
    if contact.url and contact.page_parameter:
        joiner = "&" if "?" in contact.url else "?"
        return {"href": f"{contact.url}{joiner}{contact.page_parameter}=", "page": "query"}
    if contact.email:
        return {"href": f"mailto:{contact.email}?subject=", "page": "subject"}
    if contact.url:
        return {"href": contact.url, "page": "none"}
    return {"href": f"tel:{contact.phone.replace(' ', '')}", "page": "none"}


class HtmlText(str):
    """Text that prints as HTML-escaped text in any template, escaping or not.

    The theme prints `config.site_name` into the title, the header and the navigation, in
    some places escaped (`| e`) and in most not. A plain string of the council's name would
    reach those pages as markup; this one is escaped when it is printed (`str()`, which is
    how a template without autoescaping prints), and escaped once, not twice, where a
    template escapes it (`__html__`, which escaping asks first). Its value is still the name,
    so comparing, URL-encoding and slicing see the name as written."""

    def __str__(self) -> str:
        return html.escape(str.__str__(self), quote=True)

    def __html__(self) -> str:
        return str(self)


def theme_extra(profile: model.CouncilProfile) -> dict:
    """The values the theme's partials read from `extra.council`."""
    return {
        "id": profile.id,
        "name": profile.name,
        "short_name": profile.short_name,
        "names_a_council": profile.names_a_council,
        "report": {"label": "Report a problem with this page",
                   "note": profile.contacts.report_problem.note or "",
                   **report_href(profile.contacts.report_problem)},
        "footer_links": [link.model_dump() for link in profile.footer_links],
        "licence": profile.licence.model_dump(),
        "theme_credit": profile.theme_credit,
    }


def mkdocs_config(profile: model.CouncilProfile, semh_options: dict | None = None) -> str:
    """A config for this council that inherits everything else from mkdocs.yml. It lives in
    build/, so every path it sets is written from there. MkDocs replaces an inherited list
    rather than merging it, so the semh plugin's other options in mkdocs.yml
    (`semh_options`) are written again here."""
    settings = {
        "INHERIT": "../mkdocs.yml",
        "site_name": profile.name,
        "site_url": profile.site_url or "",
        "docs_dir": "docs",
        "site_dir": "../site",
        "theme": {"custom_dir": "../site_overrides", "logo": LOGO, "favicon": LOGO},
        # The plugin reads the profile and hands the theme its values as extra.council.
        "plugins": [{"semh": {**(semh_options or {}), "root": "..", "council": profile.id}},
                    "search"],
    }
    # JSON is YAML, and leaves no doubt about quoting.
    return (f"# Generated from {FOLDER}/{profile.id}.yaml by `python -m generator build`; "
            "never edit it by hand.\n" + json.dumps(settings, indent=2, ensure_ascii=False)
            + "\n")
