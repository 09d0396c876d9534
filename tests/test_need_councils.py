"""Each need page shows every council, every tool is reachable, and ages and tiers are honest."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.build import check
from generator.pages import pages
from generator.render import ANY_AGE
from conftest import ASSETS, ROOT, SEEDS

STRATEGY_FILES = sorted((ROOT / "strategies").glob("*.yaml"))
# The sections of a need page after Wiltshire's strategies: anchor -> seed file.
COUNCIL_SECTIONS = {"council-003": "003_cf2e783ad3a46981.txt",
                    "council-001": "001_c8483e522c39e0c8.txt",
                    "council-000": "000_95c499e47f275a01.txt",
                    "levels": "004_d451873d299f596c.txt"}
SAYS_NOTHING = re.compile(r"says nothing about this need")


@pytest.fixture(scope="module")
def rendered(site) -> dict[str, str]:
    return dict(pages(site, ASSETS))


def cited(html: str) -> set[str]:
    """The documents a built page cites: the seed prefix of each `Source:` link."""
    spans = re.findall(r'<span class="semh-source">Source: <a href="[^"]*#doc-(\d{3})"', html)
    return set(spans)


def squash(text: str) -> str:
    return " ".join(text.replace("\u2022", " ").split())


# --- every council on every need page -------------------------------------------------------

def test_every_need_page_cites_every_document_the_data_links_and_at_least_three(site, built_site):
    short = []
    for need in site.needs:
        html = (built_site / "needs" / need.id / "index.html").read_text(encoding="utf-8")
        linked = {file[:3] for file in site.documents_for(need.id)}
        assert linked <= cited(html), (need.id, sorted(linked - cited(html)))
        if len(linked) < 3:
            short.append((need.id, sorted(linked)))
    assert short == []


def test_each_council_has_its_section_with_its_items_or_a_says_nothing_sentence(site, rendered):
    for need in site.needs:
        text = rendered[f"needs/{need.id}.md"]
        for anchor, file in COUNCIL_SECTIONS.items():
            heading = re.search(rf"^## .* \{{#{anchor}\}}$", text, re.M)
            assert heading, (need.id, anchor)
            body = text[heading.end():].split("\n## ", 1)[0]
            cites_it = f"#doc-{file[:3]})" in body
            assert cites_it != bool(SAYS_NOTHING.search(body)), (need.id, anchor)


def test_the_false_no_outcome_line_is_gone_and_herts_outcome_1_reaches_trauma(rendered):
    assert not any("The sources link no particular outcome or course" in t for t in rendered.values())
    trauma = rendered["needs/developmental-trauma-and-attachment.md"]
    assert "Virtual School attachment and trauma aware toolkit" in trauma
    assert "../outcomes/index.md#outcome-1" in trauma
    absence = rendered["needs/non-attendance.md"]
    assert "reduced timetables" in absence and "../audit/index.md#policies-and-practice-4" in absence
    assert "Attendance and Inclusion Advisor" in absence


def test_kent_plan_examples_reach_their_needs(rendered):
    behaviour = rendered["needs/behaviours-that-challenge.md"]
    for words in ("anger management sessions", "complete a Risk Assessment"):
        assert words in behaviour
    relationships = rendered["needs/healthy-relationships.md"]
    assert "a course in social skills" in relationships
    assert "../pathway/index.md#plan" in relationships


# --- tools --------------------------------------------------------------------------------

def test_no_tool_is_unlinked_without_a_reason_and_the_tools_page_gives_it(site, rendered):
    named = {tool for strategy in site.strategies for tool in strategy.tools}
    unlinked = [tool.id for tool in site.tools
                if not tool.needs and tool.id not in named and not tool.not_linked_because]
    assert unlinked == []
    page = rendered["tools/index.md"]
    for tool in site.tools:
        if not tool.needs and tool.id not in named:
            assert tool.not_linked_because in page, tool.id


def test_a_tool_with_no_link_and_no_reason_is_reported(project: Path):
    path = project / "content" / "tools.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- id: when-to-worry")
    line = text[:start].count("\n") + 1
    reason = re.compile(r"  not_linked_because: .*\n")
    block_end = text.index("\n- id:", start)
    path.write_text(text[:start] + reason.sub("", text[start:block_end], count=1) + text[block_end:],
                    encoding="utf-8")
    site, problems = check(project)
    assert [(p.path, p.line, p.message, p.hint) for p in problems] == [
        ("content/tools.yaml", line, "tool 'when-to-worry' is linked from no need or strategy",
         "list the needs its document names it for under 'needs', name it in a strategy's "
         "'tools', or say why not in 'not_linked_because'")]


def test_kent_words_that_are_not_in_their_step_are_reported(project: Path):
    path = project / "content" / "pathway.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('"anger management sessions"', '"anger control sessions"')
    path.write_text(text, encoding="utf-8")
    line = text[:text.index('"anger control sessions"')].count("\n") + 1
    site, problems = check(project)
    assert [(p.path, p.line, p.message, p.hint) for p in problems] == [
        ("content/pathway.yaml", line, "words 'anger control sessions' are not in step 'plan'",
         "copy the words exactly from the paragraphs or lists of step 'plan'")]


def test_an_unknown_need_on_an_audit_criterion_is_reported_with_the_known_needs(project: Path):
    path = project / "content" / "audit.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("needs: [non-attendance]", "needs: [non-attendence]", 1)
    path.write_text(text, encoding="utf-8")
    line = text[:text.index("non-attendence")].count("\n") + 1
    site, problems = check(project)
    assert [(p.path, p.line, p.message) for p in problems] == [
        ("content/audit.yaml", line, "need 'non-attendence' does not exist")]
    assert problems[0].hint.startswith("did you mean 'non-attendance'? known needs: ")


# --- ages -----------------------------------------------------------------------------------

def test_no_strategy_carries_all_four_ages_unless_it_is_any(site):
    assert [s.id for s in site.strategies if s.ages != "any" and len(s.ages) == 4] == []


def test_any_age_is_shown_and_exported_as_any_age(site, rendered, built_site):
    card = rendered["strategies/key-adult-and-pace.md"]
    assert f"Ages\n:   {ANY_AGE}" in card
    data = {s["id"]: s for s in json.loads((built_site / "data" / "strategies.json").read_text())}
    for strategy in site.strategies:
        record = data[strategy.id]
        assert record["any_age"] == (strategy.ages == "any")
        assert record["ages"] == strategy.phases
    finder = json.loads((built_site / "finder" / "finder-data.json").read_text())
    ages = finder["strategies"]["ages"]
    assert [i for i, s in enumerate(site.strategies) if s.ages == "any"] == \
        [i for i, a in enumerate(ages) if a == []]


def phases_of(site, strategy_id: str) -> set[str]:
    return set(site.strategy[strategy_id].phases)


def test_the_named_examples_carry_honest_ages(site):
    # "at the end of assembly": a school's day, not early years or post-16.
    assert phases_of(site, "backward-chaining") == {"primary", "secondary"}
    # Sand timers, circle time, sticker charts, messy play, writing by hand: no document gives
    # an age for them, so their strategies are for any age and the site adds no age of its own.
    examples = ("sand timer", "circle time", "sticker chart", "messy play", "hand write")
    with_examples = [s for s in site.strategies if any(w in s.text.lower() for w in examples)]
    assert len(with_examples) == 7
    assert [(s.id, s.ages, s.age_note) for s in with_examples if s.ages != "any" or s.age_note] == []


def test_a_note_on_damaged_text_is_shown_on_the_strategy_card_and_page(site, rendered):
    [damage] = site.strategy["monitor-attendance-and-school-avoidance"].damage
    note = f"*This site's note on the document's text, at “(EBSA):”:* {damage.note}"
    assert note in rendered["needs/non-attendance.md"]
    assert note in rendered["strategies/monitor-attendance-and-school-avoidance.md"]


def test_the_documents_age_scope_is_on_the_sources_page_in_their_words(site, rendered):
    sources = rendered["sources/index.md"]
    seeds = {path.name: squash(path.read_text(encoding="utf-8")) for path in SEEDS.glob("*.txt")}
    for document in site.sources:
        for words in document.age_scope:
            assert squash(words) in seeds[document.file].replace("needProvision", "need Provision")
            assert f"> {words}" in sources
    for words in ("0-25", "primary and secondary schools", "Key Stage 2", "Early Years Inclusion Team"):
        assert words in sources


def test_the_sources_gaps_and_the_sites_reading_are_marked_as_the_sites_words(rendered):
    audit, pathway = rendered["audit/index.md"], rendered["pathway/index.md"]
    assert "**Gap in the source:** The document says “references can be found at the end" in audit
    assert "links to useful resources and recommended websites" in pathway
    assert "Naomi Botha" in pathway and "Steve Sherrell" in pathway
    assert "**This site's reading:** The section names this site uses for the Kent page" in pathway
    for page in (audit, pathway, rendered["sources/index.md"]):
        assert "These are this site's words, not the council's." in page
    trauma = rendered["needs/developmental-trauma-and-attachment.md"]
    assert "It is this site's reading that the list under the next heading is shared" in trauma


# --- tiers ----------------------------------------------------------------------------------

SPECIALIST_WORDS = ("professional", "mhst", "camhs", "eps", "specialist", "after training")
GROUP_WORDS = ("small group", "1 to 1")
WHOLE_WORDS = ("school-wide", "whole-school", "whole school")


def tier_by_the_rule(strategy) -> str:
    """The README's tier rule: the councils' words, checked in this order."""
    words = strategy.text.lower()
    if any(re.search(rf"\b{re.escape(w)}\b", words) for w in SPECIALIST_WORDS):
        return "specialist"
    if any(w in words for w in GROUP_WORDS):
        return "targeted"
    if strategy.needs == "all" or any(w in words for w in WHOLE_WORDS):
        return "whole-setting"
    return "targeted"


def test_every_strategy_has_the_tier_the_rule_gives(site):
    wrong = [(s.id, s.tier, tier_by_the_rule(s)) for s in site.strategies
             if s.tier != tier_by_the_rule(s)]
    assert wrong == []


def test_both_elsa_items_share_a_tier_and_the_school_nurse_is_not_specialist(site):
    assert site.strategy["elsa-group-or-individual-work"].tier == \
        site.strategy["elsa-sessions-with-trusted-adult"].tier == "targeted"
    assert site.strategy["liaison-with-school-nurse"].tier == "targeted"


# --- the finder's age filter ----------------------------------------------------------------

def test_the_age_filter_counts_any_age_strategies_for_every_age(page, site_url, site):
    page.goto(site_url + "finder/")
    expect(page.locator("[data-finder][data-finder-ready]")).to_be_attached()
    for phase in ("early-years", "primary", "secondary", "post-16"):
        want = sum(phase in s.phases for s in site.strategies)
        label = page.locator(f"[data-finder-count-for='age:{phase}']")
        assert int(label.text_content().strip("()")) == want, phase
    assert sum("early-years" in s.phases for s in site.strategies) < len(site.strategies)


def test_the_open_data_lists_what_each_council_links_to_a_need(built_site):
    needs = {n["id"]: n for n in json.loads((built_site / "data" / "needs.json").read_text())}
    absence = needs["non-attendance"]
    assert absence["audit_criteria"] == ["policies-and-practice-4"]
    assert {"step": "drop-in-and-lift", "words": "an Attendance and Inclusion Advisor"} in absence["pathway"]
    assert needs["developmental-trauma-and-attachment"]["tools"] == \
        ["virtual-school-toolkit", "trauma-perceptive-practice"]
    assert all(len(n["documents"]) >= 3 for n in needs.values())
