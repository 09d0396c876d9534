"""The publishing council's profile (councils/<id>.yaml): read and checked like the content,
then turned into what MkDocs reads: a config that inherits mkdocs.yml, the palette's
stylesheet and the values the theme's templates show (contacts, footer links)."""

from __future__ import annotations

import html
import json
from pathlib import Path

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
    if not path.is_file():
        return [Problem(raw.path, line, f"logo: '{profile.logo}' does not exist",
                        "check the file's name and folder")]
    return []


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
