"""An author who makes a mistake is told the file, the line, the bad value and what to do."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build import check
from generator.load import load
from generator.problems import Problem
from conftest import ROOT

FIXTURES = Path(__file__).parent / "fixtures" / "broken"
KNOWN_NEEDS = ("attention-difficulties, behaviours-that-challenge, "
               "developmental-trauma-and-attachment, following-adult-direction, "
               "healthy-relationships, low-level-disruption, medically-unexplained-symptoms, "
               "non-attendance, unhappy-or-stressed, withdrawn-or-isolated")

EXPECTED = {
    "unknown-need": [
        (6, "need 'atention' does not exist",
         f"did you mean 'attention-difficulties'? known needs: {KNOWN_NEEDS}"),
    ],
    "duplicate-id": [
        (10, "strategy 'broken-twice' is defined twice; "
             "first at strategies/zz-duplicate-id.yaml:2", "give one of them another id"),
    ],
    "wrong-fields": [
        (3, "missing field 'title'", "every strategy needs: id, title, text, needs, ages, tier, source"),
        (4, "unknown field 'titel'",
         "did you mean 'title'? fields of a strategy: id, title, text, needs, ages, tier, "
         "source, courses, outcomes, tools, links, age_note, damage"),
        (5, "text: expected text, got 5", "In YAML, put quotes around it so it stays text"),
        (7, "ages: expected a list, got 'primary'",
         "write each item on its own line starting with '- '"),
        (8, "tier: 'Targeted' is not allowed",
         "expected one of: 'whole-setting', 'targeted' or 'specialist'"),
    ],
    "syntax": [
        (5, "YAML syntax error: expected ',' or ']', but got ':'",
         "check the indentation and the quotes on this line and the one above"),
    ],
    "duplicate-key": [
        (5, "key 'title' is written twice in one record (first on line 2)", "keep one of them"),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_strategy_file_is_reported_exactly(project: Path, name: str):
    target = f"strategies/zz-{name}.yaml"
    shutil.copy(FIXTURES / f"{name}.yaml", project / target)

    site, problems = check(project)

    assert site is None
    assert [(p.path, p.line, p.message, p.hint) for p in problems] == [
        (target, line, message, hint) for line, message, hint in EXPECTED[name]
    ]


def test_the_real_content_has_no_problems():
    site, problems = check(ROOT)
    assert [str(p) for p in problems] == []
    assert site is not None


def test_a_missing_document_is_named(project: Path):
    (project / "content" / "audit.yaml").unlink()
    _, problems = check(project)
    assert [str(p) for p in problems] == [
        "content/audit.yaml:1: this file is missing: it holds the Essex self-audit\n"
        "    hint: restore it from the repository; the site needs it"
    ]


def test_an_unknown_reference_in_a_nested_record_names_its_line(project: Path):
    levels = project / "content" / "levels.yaml"
    lines = levels.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip().startswith("needs: ["))
    lines[index] = lines[index].replace("needs: [", "needs: [no-such-need, ")
    levels.write_text("\n".join(lines) + "\n", encoding="utf-8")

    _, problems = check(project)

    assert [(p.path, p.line, p.message) for p in problems] == [
        ("content/levels.yaml", index + 1, "need 'no-such-need' does not exist")]


def test_yaml_words_that_look_like_booleans_stay_text(tmp_path: Path):
    (tmp_path / "strategies").mkdir()
    (tmp_path / "strategies" / "x.yaml").write_text(
        "- title: NO\n  text: yes\n  tier: on\n", encoding="utf-8")
    records = [r for r in load(tmp_path).records if r.path == "strategies/x.yaml"]
    assert records[0].data == {"title": "NO", "text": "yes", "tier": "on"}


def test_a_page_part_naming_an_unknown_document_names_its_line(project: Path):
    home = project / "content" / "pages" / "home.yaml"
    lines = home.read_text(encoding="utf-8").splitlines()
    index = lines.index("  - sources: [essex-audit]")
    lines[index] = "  - sources: [essex]"
    home.write_text("\n".join(lines) + "\n", encoding="utf-8")

    _, problems = check(project)

    assert [str(p) for p in problems] == [
        f"content/pages/home.yaml:{index + 1}: source document 'essex' does not exist\n"
        "    hint: did you mean 'essex-audit'? known source documents: essex-audit, "
        "herts-quality-offer, kent-stls, levels-of-need, wiltshire-opal"]


def test_a_site_showing_some_documents_has_no_records_of_the_others(project: Path):
    profile = project / "councils" / "default.yaml"
    text = profile.read_text(encoding="utf-8")
    profile.write_text(text.replace("sources: all\n",
                                    "sources: [wiltshire-opal, essex-audit]\n"), encoding="utf-8")

    site, problems = check(project, "default")

    assert problems == []
    assert [document.id for document in site.sources] == ["essex-audit", "wiltshire-opal"]
    assert site.audit is not None and site.outcomes is None and site.pathway is None
    assert site.training is None and site.levels == [] and site.courses == []
    # What the kept records named from the others is cut, not left dangling.
    assert all(not s.courses and not s.outcomes for s in site.strategies)
    assert all(not related.courses and not related.outcomes
               for related in site.related_to_criterion.values())
    assert all(set(s.tools) <= set(site.tool) for s in site.strategies)
    assert {tool.source.file for tool in site.tools} <= {document.file for document in site.sources}
    assert all(set(term.sources) <= {d.file for d in site.sources} for term in site.glossary)
    assert all(quote.source.file in term.sources for term in site.glossary for quote in term.quotes)
    # The pieces of hand-written pages about the documents left out are gone.
    assert "outcomes/index.md" not in site.pages["parents"].body
    assert "audit/index.md" in site.pages["home"].body
    assert "pathway/index.md" not in site.pages["home"].body


# --- notes on damaged source text --------------------------------------------------------------

def test_a_note_on_damaged_text_that_quotes_words_not_there_names_its_line(project: Path):
    outcomes = project / "content" / "outcomes.yaml"
    text = outcomes.read_text(encoding="utf-8")
    text = text.replace('  - words: "to strengthen their"', '  - words: "to strengthen them"')
    outcomes.write_text(text, encoding="utf-8")
    line = text[:text.index('"to strengthen them"')].count("\n") + 1

    _, problems = check(project)

    assert [(p.path, p.line, p.message, p.hint) for p in problems] == [
        ("content/outcomes.yaml", line,
         "damaged words 'to strengthen them' are not in this outcomes document's text",
         "copy the words exactly from the council's text of this outcomes document")]


def test_a_note_on_damaged_text_in_a_nested_record_names_its_line(project: Path):
    levels = project / "content" / "levels.yaml"
    text = levels.read_text(encoding="utf-8")
    old = '        - words: "verbal and physical aggression'
    # The damage note's words, not the area's of the same words in `area_needs` above it.
    start = text.index("      damage:\n")
    text = text[:start] + text[start:].replace(old, '        - words: "verbal aggression', 1)
    levels.write_text(text, encoding="utf-8")
    line = text[:text.index('"verbal aggression')].count("\n") + 1

    _, problems = check(project)

    assert [(p.path, p.line, p.message) for p in problems] == [
        ("content/levels.yaml", line, "damaged words 'verbal aggression as a result of "
         "difficulties in self-regulating emotional responses' are not in this level "
         "descriptor's text")]


def test_every_record_that_can_note_damaged_text_says_which_of_its_texts_the_note_is_about():
    from generator import model
    from generator.validate import DAMAGED_TEXTS
    holding = {kind for kind in vars(model).values()
               if isinstance(kind, type) and issubclass(kind, model.Record)
               and "damage" in kind.model_fields}
    assert holding == set(DAMAGED_TEXTS)


def test_a_slip_in_the_safeguarding_list_names_its_line(project: Path):
    shutil.copy(FIXTURES / "safeguarding.yaml", project / "content" / "safeguarding.yaml")
    site, problems = check(project)
    assert site is None
    same = ("keep one of them: the finder reads every form of a word as one ('cuts', "
            "'cutting' and 'cut' are one word)")
    assert [str(p) for p in problems] == [str(p) for p in [
        Problem("content/safeguarding.yaml", 6, "group <someone at home> names itself, through "
                "<family>", "a group cannot stand for itself: write out the words it needs"),
        Problem("content/safeguarding.yaml", 8, "group <family> names itself, through "
                "<someone at home>", "a group cannot stand for itself: write out the words it "
                "needs"),
        Problem("content/safeguarding.yaml", 11, "groups[3].words: 'dont' reads as the same "
                "words as \"don't\" (line 11)", same),
        Problem("content/safeguarding.yaml", 19, "words: 'self-harming' reads as the same words "
                "as 'self harm' (line 18)", same),
        Problem("content/safeguarding.yaml", 20, "words: 'her' on its own would show the notice "
                "for most searches", "write the words around it, e.g. 'not to tell'"),
        Problem("content/safeguarding.yaml", 21, "words: '😭' has no word the finder reads",
                "write it in letters or digits; other scripts and emoji are not read"),
        Problem("content/safeguarding.yaml", 22, "words: '<not>' on its own would show the "
                "notice for most searches", "write the words around it, e.g. 'not to tell'"),
        Problem("content/safeguarding.yaml", 24, "pairs[1].words: 'cuts' reads as the same "
                "words as 'cut' (line 24)", same),
        Problem("content/safeguarding.yaml", 25, "pairs[1].near: '<someone at hom>' names "
                "<someone at hom>, which is no group of the list", "did you mean "
                "<someone at home>? groups: <someone at home>, <family>, <not>"),
        Problem("content/safeguarding.yaml", 29, "concept 'self-harm' has no words or pairs, so "
                "it never shows the notice", "add the words that say it under 'words' or 'pairs'"),
        Problem("content/safeguarding.yaml", 29, "safeguarding concept 'self-harm' is defined "
                "twice; first at content/safeguarding.yaml:13", "give one of them another id"),
    ]]
