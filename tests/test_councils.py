"""Each council's own site from the same content: `python -m generator build --council <id>`.

The default profile and both example profiles are built once each (shared by every test
here); each shows its council's name, logo, colours and contacts. A bad profile stops the
build with `file:line: message` and leaves the site as it was. The example builds are then
checked in Chromium like the real site: axe on every page in both palettes, every internal
link, no request to another origin, and the finder's safeguarding notice.
"""

from __future__ import annotations

import contextlib
import json
import re
from html import unescape
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, build_copy, copy_project, run_generator, shared_folder
from generator import localsite
from generator.linkcheck import built_pages
from site_pages import page_paths
from test_accessibility import AXE, PALETTES, axe_violations, report
from test_links import broken_internal_links
from test_privacy import LOCAL_SCHEMES, origin

EXAMPLES = ["example-north", "example-vale"]
COUNCILS = ["default", *EXAMPLES]
# A need page, to check that contacts are on need pages too.
NEED_PAGE = "needs/unhappy-or-stressed/index.html"
SIGNPOSTING_PAGES = ["index.html", "parents/index.html", "finder/index.html", NEED_PAGE]


class Builds(dict):
    """Each council's site, built once for the run when a test first asks for it: (project
    folder, what the build printed). Built on first use, so the test processes build
    different councils at the same time. The default profile's is the real site every
    other test reads."""

    def __init__(self, tmp_path_factory):
        super().__init__()
        self.tmp_path_factory = tmp_path_factory

    def __missing__(self, council: str) -> tuple[Path, str]:
        if council == "default":
            folder = shared_folder(self.tmp_path_factory, "built", build_copy)
        else:
            folder = shared_folder(self.tmp_path_factory, f"council-{council}",
                                   lambda folder: build_copy(folder, "--council", council))
        self[council] = (folder / "project", (folder / "output.txt").read_text(encoding="utf-8"))
        return self[council]


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> Builds:
    return Builds(tmp_path_factory)


def read(builds, council: str, page: str) -> str:
    root, _ = builds[council]
    return (root / "site" / page).read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """What a reader sees, roughly: tags dropped, space collapsed."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


# --- name, logo, colours -------------------------------------------------------------------

COLOURS = {
    "default": ["#1d4f7a", "#16395a", "#8cc4f5"],
    "example-north": ["#0b5e3b", "#0a4a2f", "#7fd8a8", "#8a2b6e"],
    "example-vale": ["#4a2a7a", "#3a1f63", "#c9b3f2", "#a3350f"],
}
NAMES = {"default": "SEMH strategy finder", "example-north": "Northshire County Council (example)",
         "example-vale": "Vale Borough Council (example)"}
LOGOS = {"default": "site_overrides/assets/logo.svg", "example-north": "councils/example-north.svg",
         "example-vale": "councils/example-vale.svg"}


@pytest.mark.parametrize("council", COUNCILS)
def test_each_build_shows_its_councils_name_logo_and_colours(builds, council):
    root, _ = builds[council]
    home = read(builds, council, "index.html")
    assert f"<title>Support for children's social, emotional and mental health - {NAMES[council]}</title>" in home
    assert '<img src="assets/council-logo.svg" alt="logo"' in home
    assert (root / "site/assets/council-logo.svg").read_bytes() == (ROOT / LOGOS[council]).read_bytes()
    assert 'href="assets/council.css"' in home
    palette = read(builds, council, "assets/council.css")
    for colour in COLOURS[council]:
        assert colour in palette
    assert "--md-primary-fg-color: " + COLOURS[council][0] in palette


def test_the_build_prints_no_theme_banner(builds):
    for council in COUNCILS:
        _, printed = builds[council]
        assert "MkDocs 2" not in printed and "NO_MKDOCS_2_WARNING" not in printed, council


# --- contacts where help is signposted ------------------------------------------------------

CONTACTS = {
    "example-north": ['<a href="https://www.example.org/send">Northshire <abbr',
                      '<a href="mailto:send@example.org">send@example.org</a>',
                      '<a href="https://www.example.org/worried-about-a-child">Northshire Children',
                      '<a href="tel:01632960002">01632 960002</a>',
                      '<a href="https://www.example.org/local-offer">Northshire local offer</a>'],
    "example-vale": ['<a href="mailto:inclusion@example.com">inclusion@example.com</a>',
                     '<a href="https://www.example.com/children-at-risk">Vale Children',
                     '<a href="tel:01632960102">01632 960102</a>'],
    "default": ['<a href="https://www.gov.uk/find-local-council">Find your council on GOV.UK</a>',
                '<a href="https://www.gov.uk/find-local-council">Find your council\'s '
                "children's services on GOV.UK</a>"],
}


@pytest.mark.parametrize("council", COUNCILS)
@pytest.mark.parametrize("page", SIGNPOSTING_PAGES)
def test_home_parents_finder_and_need_pages_name_the_councils_contacts(builds, council, page):
    html = read(builds, council, page)
    for expected in CONTACTS[council]:
        assert expected in html
    words = text_of(html)
    if council == "default":
        assert "No council publishes this copy of the site, so it names no one's contacts" in words
        assert "example.org" not in html and "example.com" not in html
    else:
        assert f"the contacts are {NAMES[council]}'s, the council that publishes this site" in words


# The service's links in the HTML, and its words as a reader sees them.
SENDIASS = {
    "example-north": (['<a href="https://www.example.org/sendiass">Northshire SENDIASS</a>',
                       '<a href="mailto:sendiass@example.org">sendiass@example.org</a>',
                       '<a href="tel:01632960004">01632 960004</a>'],
                      "Northshire SENDIASS · email sendiass@example.org · phone 01632 960004"),
    "example-vale": (['<a href="tel:01632960104">01632 960104</a>',
                      '<a href="mailto:sendiass@example.com">sendiass@example.com</a>'],
                     "Vale SEND information, advice and support service · email "
                     "sendiass@example.com · phone 01632 960104 — Open Monday to Friday."),
    "default": (['<a href="https://councilfordisabledchildren.org.uk/about-us-0/networks/'
                 'information-advice-and-support-services-network/find-your-local-ias-service">'
                 "Find your local <abbr"],
                "Find your local SEND information, advice and support service — This copy of "
                "the site is not published by a council, so it has no service to name. The "
                "Information, Advice and Support Services Network lists every council's "
                "service."),
}


@pytest.mark.parametrize("council", COUNCILS)
def test_the_parents_and_need_pages_name_the_independent_advice_service_for_parents(builds,
                                                                                    council):
    """Every council has a SEND information, advice and support service (Children and
    Families Act 2014, section 32); the default build says where to find one."""
    root, _ = builds[council]
    need_pages = sorted(path.relative_to(root / "site").as_posix()
                        for path in (root / "site/needs").glob("*/index.html"))
    assert len(need_pages) == 10
    for page in ["parents/index.html", *need_pages]:
        html = read(builds, council, page)
        links, words = SENDIASS[council]
        assert ("Independent advice for parents and carers, the SEND information, advice and "
                "support service (SENDIASS): " + words) in text_of(html), page
        for expected in links:
            assert expected in html, page
    for page in ["index.html", "finder/index.html"]:
        assert "SENDIASS" not in read(builds, council, page), page


# Advice that no source document gives, and which the site must not give in its own voice.
UNSOURCED_ADVICE = ["999", "GP", "NHS 111", "A&E", "Childline", "Samaritans"]


@pytest.mark.parametrize("council", COUNCILS)
def test_home_and_parents_pages_give_no_advice_of_their_own(builds, council):
    for page in ("index.html", "parents/index.html"):
        words = text_of(read(builds, council, page))
        found = [advice for advice in UNSOURCED_ADVICE if re.search(rf"\b{advice}\b", words)]
        assert found == [], page


def test_the_footer_carries_the_councils_links_and_the_theme_credit_as_the_profile_says(builds):
    north = read(builds, "example-north", "parents/index.html")
    vale = read(builds, "example-vale", "parents/index.html")
    default = read(builds, "default", "parents/index.html")
    assert '<li><a href="https://www.example.org/privacy">Privacy notice</a></li>' in north
    assert '<li><a href="https://www.example.com/contact">Contact us</a></li>' in vale
    assert "semh-footer-links" not in default
    assert "Material for MkDocs" in north and "Material for MkDocs" in default
    assert "Material for MkDocs" not in vale
    assert "Published by Vale Borough Council (example)." in vale
    assert "Published by" not in default
    assert "Open Government Licence v3.0" in text_of(vale)


def test_every_page_links_to_report_a_problem_with_that_page(builds):
    root, _ = builds["example-north"]
    pages = page_paths(root / "site")
    assert "404.html" in pages
    for path in pages:
        if path == "404.html":
            assert "Report a problem with this page</a>" in read(builds, "example-north", path)
            continue
        html = read(builds, "example-north", path + "index.html")
        address = quote(f"Problem with the page https://semh.example.org/{path}", safe="/")
        assert (f'<a href="mailto:website@example.org?subject={address}">'
                "Report a problem with this page</a>") in html, path
    vale = read(builds, "example-vale", "needs/unhappy-or-stressed/index.html")
    assert ('<a href="https://www.example.com/report?service=semh&amp;page=https%3A//'
            'semh.example.com/needs/unhappy-or-stressed/">Report a problem with this page</a>'
            ) in vale
    default = text_of(read(builds, "default", "index.html"))
    assert ("Report a problem with this page (This copy of the site is not published by a "
            "council, so there is no one to report a problem to here.") in default


def test_the_accessibility_statement_is_made_from_the_profile(builds):
    words = text_of(read(builds, "example-vale", "accessibility/index.html"))
    for heading in ["How accessible this website is", "Feedback and contact information",
                    "Reporting accessibility problems with this website",
                    "Enforcement procedure", "Compliance status", "Non-accessible content",
                    "Preparation of this accessibility statement"]:
        assert heading in words
    assert "This website is run by Vale Borough Council (example)." in words
    assert "Web Content Accessibility Guidelines version 2.2 AA standard" in words
    assert "Equality Advisory and Support Service (EASS)" in words
    assert "Vale web team · email web@example.com" in words
    assert "get back to you in 10 working days" in words
    assert ("This statement was prepared on 1 October 2026. It was last reviewed on "
            "28 November 2026.") in words
    assert "axe-core accessibility checker" in words and "in both the light and the dark" in words
    default = text_of(read(builds, "default", "accessibility/index.html"))
    assert "No council publishes this copy of the website." in default
    assert "working days" not in default


def test_local_training_dates_are_on_the_training_page(builds):
    north = text_of(read(builds, "example-north", "training/index.html"))
    assert "Local training dates" in north
    assert "10 February 2027: Emotion coaching for school staff" in north
    assert "17 March 2027: Trauma-informed practice in the classroom, Online" in north
    assert "Local training dates" not in text_of(read(builds, "default", "training/index.html"))


# --- the documents a council shows ------------------------------------------------------

# example-vale shows Wiltshire OPAL, Hertfordshire and the levels of need, not Essex or Kent.
VALE_LEFT_OUT = {
    "pages": ["audit/", "pathway/", "training/"],
    "data": ["data/audit.json", "data/courses.json", "data/pathway.json",
             "data/schema/audit.schema.json"],
    "files": ["000_95c499e47f275a01.txt", "001_c8483e522c39e0c8.txt"],
    "anchors": ["doc-000", "doc-001", "council-000", "council-001"],
    "words": ["Essex", "Kent", "Sevenoaks", "self-audit", "Self-audit", "LIFT", "Drop-In"],
}
VALE_SHOWN = {"pages": ["outcomes/", "levels/", "levels/check/"],
              "data": ["data/outcomes.json", "data/levels.json"]}


def test_the_vale_build_has_no_page_or_open_data_of_the_documents_it_leaves_out(builds):
    root, _ = builds["example-vale"]
    site = root / "site"
    for path in VALE_LEFT_OUT["pages"] + VALE_LEFT_OUT["data"]:
        assert not (site / path).exists(), path
    for path in VALE_SHOWN["pages"] + VALE_SHOWN["data"]:
        assert (site / path).exists(), path
    north = builds["example-north"][0] / "site"
    for path in VALE_LEFT_OUT["pages"] + VALE_LEFT_OUT["data"]:
        assert (north / path).exists(), path


def test_no_vale_page_lists_links_to_or_cites_a_document_it_leaves_out(builds):
    """Not in the menu, the text, any link or anchor, the header search or the finder."""
    site = builds["example-vale"][0] / "site"
    pages = built_pages(site)
    assert len(pages) > 100
    found = []
    for page_path, page in pages.items():
        html = (site / page_path).read_text(encoding="utf-8")
        words = text_of(html)
        found += [f"{page_path}: says {word!r}" for word in VALE_LEFT_OUT["words"]
                  if re.search(rf"\b{word}\b", words)]
        for url, _ in page.links:
            resolved = urlsplit(urljoin("/" + page_path, url))
            if urlsplit(url).scheme or urlsplit(url).netloc:
                continue
            if any(resolved.path.startswith("/" + left) for left in
                   VALE_LEFT_OUT["pages"] + VALE_LEFT_OUT["data"]):
                found.append(f"{page_path}: links to {url}")
            if resolved.fragment in VALE_LEFT_OUT["anchors"]:
                found.append(f"{page_path}: links to #{resolved.fragment}")
    for data in ["search/search_index.json", "finder/finder-data.json",
                 *(p.relative_to(site).as_posix() for p in (site / "data").rglob("*.*"))]:
        text = (site / data).read_text(encoding="utf-8")
        found += [f"{data}: holds {word!r}" for word in
                  VALE_LEFT_OUT["words"] + VALE_LEFT_OUT["files"] if word in text]
    assert found == []
    # The menu lists the pages of the documents shown, and only those.
    home = (site / "index.html").read_text(encoding="utf-8")
    menu = set(re.findall(r'href="([^"]*)"[^>]*class="md-nav__link|class="md-nav__link[^"]*"[^>]*href="([^"]*)"', home))
    menu = {a or b for a, b in menu}
    assert {"outcomes/", "levels/", "plan/", "finder/", "needs/"} <= menu
    assert not menu & set(VALE_LEFT_OUT["pages"])


def test_the_open_data_package_lists_only_the_documents_shown(builds):
    package = json.loads(read(builds, "example-vale", "data/datapackage.json"))
    files = {entry["file"] for entry in package["sources"]}
    assert files == {"002_4e366928d7b06a22.txt", "003_cf2e783ad3a46981.txt",
                     "004_d451873d299f596c.txt"}
    paths = {resource["path"] for resource in package["resources"]}
    assert "audit.json" not in paths and "courses.json" not in paths and "levels.json" in paths
    for resource in package["resources"]:
        assert (builds["example-vale"][0] / "site/data" / resource["path"]).is_file()
    sources = json.loads(read(builds, "example-vale", "data/sources.json"))
    assert [document["short_name"] for document in sources] == [
        "Wiltshire OPAL", "Hertfordshire Quality Offer", "SEMH levels of need"]


NEED_SECTIONS = {"example-vale": ["council-003", "levels"],
                 "example-north": ["council-003", "council-001", "council-000", "levels"]}


@pytest.mark.parametrize("council", EXAMPLES)
def test_need_pages_show_a_section_for_each_document_shown_and_no_other(builds, council):
    root, _ = builds[council]
    need_pages = sorted((root / "site/needs").glob("*/index.html"))
    assert len(need_pages) == 10
    for path in need_pages:
        html = path.read_text(encoding="utf-8")
        sections = [anchor for anchor in re.findall(r'<h2 id="([^"]+)"', html)
                    if anchor.startswith("council-") or anchor == "levels"]
        assert sections == NEED_SECTIONS[council], path


def test_the_sources_page_says_which_documents_the_councils_site_shows(builds):
    vale = text_of(read(builds, "example-vale", "sources/index.html"))
    # text_of() leaves a space where an abbreviation's tag was, before the comma.
    assert ("In this site's own words: Vale Borough Council (example) shows these three of the "
            "five documents this site's content is made from: Wiltshire OPAL , Hertfordshire "
            "Quality Offer and SEMH levels of need.") in vale
    assert "comes from three documents" in vale
    north = text_of(read(builds, "example-north", "sources/index.html"))
    assert "shows these" not in north and "comes from five documents" in north


def test_a_glossary_term_keeps_only_the_sentences_of_the_documents_shown(builds):
    vale = text_of(read(builds, "example-vale", "glossary/index.html"))
    north = text_of(read(builds, "example-north", "glossary/index.html"))
    assert "The levels of need document lists ADHD among" in vale
    assert "training course on ADHD" not in vale and "training course on ADHD" in north
    # A term only the documents left out use is not explained at all.
    assert "LIFT" in north and "LIFT" not in vale


def test_the_finder_of_a_build_showing_some_documents_returns_results(page, served):
    page.goto(served["example-vale"] + "finder/?q=kicking+off")
    page.wait_for_selector("[data-finder-results] [data-strategy-id]")
    results = page.locator("[data-finder-results] [data-strategy-id]")
    assert results.count() > 0
    assert "Wiltshire Council" in page.inner_text("[data-finder-results]")


# --- bad profiles --------------------------------------------------------------------------

BAD_PROFILES = {
    "missing-contact": (
        ("  safeguarding:\n    label: Northshire Children's Services Front Door\n"
         "    url: https://www.example.org/worried-about-a-child\n    phone: 01632 960002\n"
         "    note: >-\n      Open at all times, every day of the year.\n"),
        "",
        ["councils/example-north.yaml:20: missing field 'safeguarding'",
         "    hint: every contacts needs: send_team, safeguarding, accessibility, report_problem, "
         "sendiass"]),
    "low-contrast": (
        '    primary: "#0b5e3b"\n    link: "#0b5e3b"\n',
        '    primary: "#6fa08a"\n    link: "#0b5e3b"\n',
        ["councils/example-north.yaml:9: colours.light.primary: white header text on #6fa08a "
         "has a contrast of 2.97:1, under the 4.5:1 that WCAG AA needs",
         "    hint: choose a darker primary colour, so white text on it can be read"]),
    "low-contrast-dark-link": (
        '    link: "#7fd8a8"\n',
        '    link: "#2f6b4c"\n',
        ["councils/example-north.yaml:14: colours.dark.link: #2f6b4c for links on the page "
         "background #1e2129 has a contrast of 2.55:1, under the 4.5:1 that WCAG AA needs",
         "    hint: choose a lighter link colour for the dark palette"]),
    "unknown-key": (
        "short_name: Northshire (example)\n",
        "short_name: Northshire (example)\nshort_nmae: Northshire\n",
        ["councils/example-north.yaml:6: unknown field 'short_nmae'",
         "    hint: did you mean 'short_name'? fields of a council profile: id, name, "
         "short_name, names_a_council, logo, colours, site_url, local_offer, contacts, "
         "footer_links, sources, training_dates, theme_credit, licence, statement"]),
    "no-way-to-reach": (
        "    email: website@example.org\n",
        "",
        ["councils/example-north.yaml:36: contacts.report_problem: gives no way to get in touch",
         "    hint: add a url, an email or a phone number"]),
    "sendiass-without-a-way-to-reach": (
        "    url: https://www.example.org/sendiass\n    email: sendiass@example.org\n"
        "    phone: 01632 960004\n",
        "    note: Open on weekdays.\n",
        ["councils/example-north.yaml:39: contacts.sendiass: gives no way to get in touch",
         "    hint: add a url, an email or a phone number"]),
    "unknown-source": (
        "sources: all\n",
        "sources:\n  - wiltshire-opal\n  - kent-stls\n  - essex\n",
        ["councils/example-north.yaml:54: sources: source document 'essex' does not exist",
         "    hint: write one of the ids in content/sources.yaml, or all; known source "
         "documents: essex-audit, herts-quality-offer, kent-stls, levels-of-need, "
         "wiltshire-opal"]),
    "source-the-site-needs-left-out": (
        "sources: all\n",
        "sources:\n  - essex-audit\n  - kent-stls\n",
        ["councils/example-north.yaml:51: sources: leaves out 'wiltshire-opal', which the "
         "site cannot do without",
         "    hint: the needs and strategies are built on Wiltshire OPAL; add "
         "wiltshire-opal to the list; known source documents: essex-audit, "
         "herts-quality-offer, kent-stls, levels-of-need, wiltshire-opal"]),
    "training-dates-without-their-page": (
        "sources: all\n",
        "sources: [wiltshire-opal, essex-audit]\n",
        ["councils/example-north.yaml:52: training_dates: they are shown on the training page "
         "from Kent, Sevenoaks STLS, which sources: leaves out",
         "    hint: add kent-stls to sources, or remove training_dates"]),
    "missing-logo": (
        "logo: councils/example-north.svg\n",
        "logo: councils/northshire.svg\n",
        ["councils/example-north.yaml:6: logo: 'councils/northshire.svg' does not exist",
         "    hint: check the file's name and folder"]),
}


@pytest.mark.parametrize("case", list(BAD_PROFILES))
def test_a_bad_profile_stops_the_build_and_leaves_the_site_as_it_was(tmp_path, case):
    old, new, expected = BAD_PROFILES[case]
    root = copy_project(tmp_path / "project")
    profile = root / "councils/example-north.yaml"
    text = profile.read_text(encoding="utf-8")
    assert old in text
    profile.write_text(text.replace(old, new, 1), encoding="utf-8")
    (root / "site").mkdir()
    (root / "site/index.html").write_text("the previous site", encoding="utf-8")
    result = run_generator("build", "--council", "example-north", root=root)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert lines[:len(expected)] == expected, result.stderr
    assert lines[-1] == "1 problem in the content; nothing was built"
    assert "Traceback" not in result.stderr
    assert [p.name for p in (root / "site").iterdir()] == ["index.html"]
    assert (root / "site/index.html").read_text(encoding="utf-8") == "the previous site"


def test_an_unknown_council_is_named_with_the_profiles_there_are(tmp_path):
    result = run_generator("check", "--council", "northshire", root=copy_project(tmp_path / "p"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        "councils/northshire.yaml:1: there is no council profile 'northshire'",
        "    hint: profiles in councils/: default, example-north, example-vale"]


# --- the example builds in a browser -------------------------------------------------------

@pytest.fixture(scope="module")
def served(builds):
    """Each example build's address on 127.0.0.1, served from when a test first asks."""
    with contextlib.ExitStack() as stack:
        class Served(dict):
            def __missing__(self, council: str) -> str:
                self[council] = stack.enter_context(
                    localsite.serve(builds[council][0] / "site"))
                return self[council]

        yield Served()


@pytest.mark.parametrize("council", EXAMPLES)
def test_every_internal_link_of_each_example_build_resolves(builds, council):
    problems, checked = broken_internal_links(builds[council][0] / "site")
    assert not problems, "\n".join(problems)
    assert checked > 1000


@pytest.mark.parametrize("council", EXAMPLES)
@pytest.mark.parametrize("palette", list(PALETTES))
def test_axe_finds_no_violation_on_any_page_of_each_example_build(browser, builds, served,
                                                                   council, palette):
    """Every page, and every page asks nothing of another origin while it loads."""
    context = browser.new_context(color_scheme=palette)
    context.add_init_script(path=str(AXE))
    own = origin(served[council])
    foreign: list[str] = []
    context.on("request", lambda request: foreign.append(request.url)
               if urlsplit_scheme(request.url) not in LOCAL_SCHEMES
               and origin(request.url) != own else None)
    page = context.new_page()
    problems = {}
    try:
        for path in page_paths(builds[council][0] / "site"):
            page.goto(served[council] + path)
            found = axe_violations(page)
            scheme = page.get_attribute("body", "data-md-color-scheme")
            if scheme != PALETTES[palette]:
                found.insert(0, f"shows the {scheme!r} palette, not the {palette} one")
            if found:
                problems[path] = found
    finally:
        context.close()
    assert not problems, report(problems)
    assert foreign == [], "requests to other origins:\n" + "\n".join(foreign)


def urlsplit_scheme(url: str) -> str:
    return url.partition(":")[0]


NOTICE = '[data-finder-notice="safeguarding"]'


@pytest.mark.parametrize("query, shown", [
    ("self-harm", True), ("he wants to die", True), ("Self harming", True),
    ("his mum slaps him", True), ("says her stepbrother touches her", True),
    ("marks on her wrists", True), ("kicking off", False), ("keeps crying in class", False),
    ("won't use a knife and fork at lunch", False), ("grandad died last month", False)])
def test_the_finder_shows_the_safeguarding_notice_above_the_results(page, served, query, shown):
    page.goto(served["example-north"] + "finder/")
    page.wait_for_selector("[data-finder]:not([hidden])")
    page.fill("input[name=q]", query)
    # Drawn, whether or not the councils' strategies hold the words.
    expect(page.locator("[data-finder-count]")).to_contain_text(query)
    assert page.is_visible(NOTICE) is shown
    if shown:
        notice = page.inner_text(NOTICE)
        # Its own words, then the council's contact, with a space between.
        assert ("Follow your setting's safeguarding procedures and contact Northshire "
                "(example): Northshire Children's Services Front Door, phone 01632 960002."
                in notice)
        # Above the results, which stay, or above what the finder says when there are none.
        top = page.locator(NOTICE).bounding_box()["y"]
        first = page.locator("[data-finder-results] [data-strategy-id], [data-finder-nomatch]").first
        assert first.is_visible() and first.bounding_box()["y"] > top


def test_the_finder_page_says_who_last_reviewed_the_notices_words_and_when(page, served):
    listed = yaml.safe_load((ROOT / "content" / "safeguarding.yaml").read_text(encoding="utf-8"))
    page.goto(served["example-north"] + "finder/")
    expect(page.locator(".semh-finder__reviewed")).to_have_text(
        "The words that show the finder's safeguarding notice were last reviewed by "
        f"{listed['reviewed_by']}, on {listed['reviewed'].strftime('%-d %B %Y')}.")


def test_the_safeguarding_notice_goes_when_the_query_changes_and_comes_from_a_shared_link(
        page, served):
    url = served["example-north"] + "finder/"
    page.goto(url + "?q=neglected")
    page.wait_for_selector("[data-finder-results] [data-strategy-id]")
    assert page.is_visible(NOTICE)
    page.fill("input[name=q]", "won't come in")
    page.wait_for_selector(NOTICE, state="hidden")
    page.fill("input[name=q]", "being hurt at home")
    page.wait_for_selector(NOTICE, state="visible")
    assert page.locator("[data-finder-results] [data-strategy-id]").count() > 0
    # A shared link whose words find no strategy still shows it.
    page.goto(url + "?q=" + quote("bite marks on her neck"))
    expect(page.locator("[data-finder][data-finder-ready]")).to_be_attached()
    expect(page.locator(NOTICE)).to_be_visible()


def test_the_plan_of_a_build_without_kent_takes_strategies_and_keeps_answers(page, served):
    """The plan is laid out as Kent's graduated response; without Kent it keeps the steps
    and the form, without Kent's words or Drop-In and LIFT."""
    url = served["example-vale"]
    page.goto(url + "needs/unhappy-or-stressed/")
    button = page.locator("[data-add-to-plan]").first
    expect(button).to_be_visible()
    strategy = button.get_attribute("data-add-to-plan")
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    page.goto(url + "plan/")
    expect(page.locator("html[data-plan-ready]")).to_be_attached()
    assert strategy in page.evaluate("localStorage.getItem('semh:plan')")
    assert page.locator("[data-plan-strategies] li").count() == 1
    page.fill("#plan-do-notes", "Going well")
    page.reload()
    expect(page.locator("#plan-do-notes")).to_have_value("Going well")
    for heading in ("1. Assess", "2. Plan", "3. Do", "4. Review"):
        expect(page.locator("h2", has_text=heading)).to_be_visible()
    assert page.locator("input[value=drop-in-or-lift], [data-field=parents_agreed]").count() == 0
