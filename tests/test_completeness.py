"""Every record of the councils' documents is in the data, in the councils' own words.

The seeds in tests/seeds/ are the plain-text captures the content was made from. Each test
reads a seed on its own terms and checks the data from both sides: nothing in the seed is
missing from the data, and nothing the data calls council wording is absent from the seed.
"""

from __future__ import annotations

import re

from conftest import SEEDS

BULLETS = "•·-"


def norm(text: str) -> str:
    """Compare text as a reader would: spacing, bullets and web-page artefacts aside."""
    text = text.replace("\u00a0", " ").replace(" (opens new window)", "").replace("(opens new window)", "")
    text = re.sub(rf"^[\s{BULLETS}]+", "", text)
    return " ".join(text.split())


def seed(name: str) -> str:
    return next(SEEDS.glob(f"{name}_*.txt")).read_text(encoding="utf-8")


def from_seed(records, prefix: str):
    return [record for record in records if record.source.file.startswith(prefix)]


# --- Wiltshire OPAL (002) -----------------------------------------------------------------

def test_every_opal_bullet_is_a_strategy_or_an_indicator_word_for_word(site):
    bullets = [norm(line) for line in seed("002").splitlines() if line.strip().startswith("•")]
    strategies = [norm(s.text) for s in from_seed(site.strategies, "002")]
    indicators = [norm(i.text) for i in from_seed(site.indicators, "002")]

    assert sorted(bullets) == sorted(strategies + indicators)
    assert len(strategies) == 81 and len(indicators) == 5


def test_opals_framing_paragraphs_and_table_header_are_kept_word_for_word(site):
    lines = [norm(line) for line in seed("002").splitlines()]
    opal = site.source["002_4e366928d7b06a22.txt"]
    assert len(opal.framing) == 3
    for paragraph in opal.framing:
        assert norm(paragraph) in lines, paragraph
    assert opal.framing[2].startswith("The first step should always be")
    header = "".join(norm(column) for column in opal.table_columns)
    assert header in lines
    assert header.endswith("according to the ages")


def test_every_opal_heading_is_a_need(site):
    text = norm(seed("002"))
    for need in site.needs:
        assert norm(need.council_wording) in text, need.id
    assert {n.id for n in site.needs} >= {"low-level-disruption", "non-attendance"}


def test_the_fifteen_general_practices_are_for_every_need_and_whole_setting_but_group_work(site):
    general = [s for s in site.strategies if s.source.section == "General expected practices"]
    assert len(general) == 15
    assert all(s.needs == "all" for s in general)
    # Wiltshire's own words make small-group or 1 to 1 work a targeted intervention.
    assert [s.id for s in general if s.tier != "whole-setting"] == ["elsa-group-or-individual-work"]


# --- Levels of need (004) -------------------------------------------------------------------

def parse_levels(text: str) -> dict[int, list[tuple[str, list[str]]]]:
    levels: dict[int, list[tuple[str, list[str]]]] = {}
    current = None
    for line in text.splitlines():
        heading = re.fullmatch(r"Level (\d)\s*", line)
        if heading:
            current = levels.setdefault(int(heading.group(1)), [])
        elif line.startswith("    •"):
            current[-1][1].append(norm(line))
        elif line.startswith("  •"):
            current.append((norm(line), []))
    return levels


def test_every_level_descriptor_and_sub_item_is_kept_in_order(site):
    expected = parse_levels(seed("004"))
    actual = {level.number: [(norm(d.text), [norm(i) for i in d.items])
                             for d in level.descriptors] for level in site.levels}
    assert actual == expected
    assert sum(len(v) for v in expected.values()) == 49


# --- Hertfordshire Quality Offer (003) -------------------------------------------------------

def herts_bullet_starts(text: str) -> list[str]:
    """The first captured line of each '' bullet (the capture wraps the rest)."""
    return [norm(line.replace("\uf0b7", "")) for line in text.splitlines()
            if line.strip().startswith("\uf0b7") and norm(line.replace("\uf0b7", ""))]


def test_every_hertfordshire_bullet_is_in_the_data(site):
    texts = [norm(p.text) for o in site.outcomes.outcomes for p in o.practices]
    texts += [norm(aim) for aim in site.outcomes.further_aims]
    texts += [norm(item) for side in site.outcomes.side_headings for item in side.items]
    texts += [norm(i.text) for i in from_seed(site.indicators, "003")]
    missing = [start for start in herts_bullet_starts(seed("003"))
               if not any(t.startswith(start) for t in texts)]
    assert missing == []


def test_hertfordshires_side_heading_is_a_heading_with_its_item_under_it(site):
    text = norm(seed("003"))
    [side] = site.outcomes.side_headings
    assert side.heading == "Local offer and co-production"
    assert norm(side.heading) in text
    assert [norm(item) for item in side.items] == ["EHCP, planning, reviewing etc"]
    practices = [p.text for o in site.outcomes.outcomes for p in o.practices]
    assert not [p for p in practices if p in side.items]


def test_hertfordshire_has_five_outcomes_with_their_practices(site):
    outcomes = site.outcomes.outcomes
    assert [o.number for o in outcomes] == [1, 2, 3, 4, 5]
    text = norm(seed("003"))
    for outcome in outcomes:
        assert norm(outcome.council_wording) in text
        for practice in outcome.practices:
            assert norm(practice.text) in text, practice.text


def test_named_hertfordshire_tools_exist(site):
    named = {"when-to-worry", "roots-and-fruits", "anxiety-mapping", "sdq", "boxall-profile",
             "five-ways-to-wellbeing"}
    assert named <= {tool.id for tool in site.tools}


def test_every_hertfordshire_link_is_a_reference(site):
    urls = set(re.findall(r"https?://\S+", seed("003")))
    complete = {u for u in urls if not u.endswith(("/file/", "emotional-"))}
    assert complete - {r.url for r in site.references} == set()


# --- Essex self-audit (001) -----------------------------------------------------------------

TABLE_FURNITURE = {"RAG", "Comments/Evidence:", "Next Steps:", "Next Steps", "SEND:",
                   "(Assess, Plan, Do, Review)", "Assess", "Plan", "Do", "Review",
                   "Comments/Evidence:"}


def test_every_essex_line_is_in_a_criterion_example_or_intro(site):
    text = seed("001")
    audit_part = text[text.index(" Leadership & Management"):]
    titles = {norm(s.title) for s in site.audit.sections} | {"SEMH Provision", "SEND"}
    written = " | ".join(norm(t) for s in site.audit.sections for t in
                         [*s.council_intro, *(c.text for c in s.criteria),
                          *(e for c in s.criteria for e in c.examples),
                          *(c.after_examples for c in s.criteria if c.after_examples)])
    missing = []
    for raw in audit_part.splitlines():
        line = norm(raw.replace("[bookmark: _Hlk42244211]", ""))
        line = re.sub(r"^\((Universal|Additional/Targeted|Targeted/Specialist)\)$", "", line)
        if not line or line in TABLE_FURNITURE or line.rstrip(":") in titles:
            continue
        if line not in written:
            missing.append(line)
    assert missing == []


def test_every_essex_criterion_is_the_councils_wording(site):
    text = norm(seed("001"))
    for section in site.audit.sections:
        for criterion in section.criteria:
            assert norm(criterion.text) in text, criterion.id
            for example in criterion.examples:
                assert norm(example) in text, criterion.id
            if criterion.after_examples:
                # It follows the examples in the source, as the statement's last words.
                assert norm(f"{criterion.examples[-1]} {criterion.after_examples}") in text, \
                    criterion.id
    assert len(site.audit.sections) == 9
    assert [c.id for c in site.audit.columns] == ["rag", "comments-evidence", "next-steps"]
    assert site.audit.columns[0].choices == ["Red", "Amber", "Green"]


# --- Kent / Sevenoaks (000) -----------------------------------------------------------------

def words(text: str) -> str:
    # The capture runs a course's title into its description ("The Boxall Profile, This
    # workshop"); comparing words alone lets adjacent fields meet as they do in the seed.
    return " ".join(re.findall(r"\w+", text))


PAGE_FURNITURE = {"Skip to content ↓", "Valence School", "Social, Emotional and Mental Health"}


def sentences(line: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?’])\s+(?=[A-Z‘])", line) if s]


def test_every_sentence_of_the_kent_page_is_in_the_pathway_courses_or_indicators(site):
    pathway = site.pathway
    written = " | ".join(norm(t) for t in [
        *pathway.introduction, *pathway.definition,
        *(p for stage in pathway.stages for p in stage.paragraphs),
        *(lst.heading for stage in pathway.stages for lst in stage.lists),
        *(i for stage in pathway.stages for lst in stage.lists for i in lst.items),
        *site.training.introduction, *site.training.further_information,
        *(t for c in site.courses for t in [c.council_title, c.description, *c.feedback,
                                             c.booking or ""]),
        *(stage.source.section for stage in pathway.stages),
        pathway.definition_source.section,
        *(t for i in from_seed(site.indicators, "000") for t in (i.source.section, i.text)),
    ])
    missing = []
    for raw in seed("000").splitlines():
        line = norm(raw)
        if not line or line in PAGE_FURNITURE:
            continue
        for sentence in sentences(line):
            if words(sentence) not in words(written):
                missing.append(sentence)
    assert missing == []


# The parts of the Kent page, each from the line it starts with. Three are headings of the
# capture; the others are the names this site gives the runs of paragraphs between them (see
# `site_reading` in content/sources.yaml).
KENT_PARTS = [
    ("The page's opening", "I am Naomi Botha"),
    ("What do we mean by Social, Emotional and Mental Health (SEMH)?", "What do we mean by"),
    ("Children and young people who are identified as having SEMH difficulties may:",
     "Children and young people who are identified"),
    ("The Specialist Teacher's visit", "As part of the initial visit"),
    ("The Graduated Response", "Before accessing support from the Specialist"),
    ("Assess", "Where there are concerns"),
    ("Plan", "The information gained through assessment"),
    ("Do", "Schools should allow time"),
    ("Review", "The class teacher with the SENCO"),
    ("When and how to access support from the Sevenoaks Specialist Teacher for Social and "
     "Emotional Mental Health (SEMH)?", "When and how to access support"),
    ("Local Inclusion Forum Team (LIFT) Meetings", "Local Inclusion Forum Team (LIFT) Meetings"),
    ("Training", "The Social and Emotional Mental Health (SEMH) Specialist Teacher for Sevenoaks"),
]


def kent_parts() -> dict[str, str]:
    lines = seed("000").splitlines()
    starts = [next(i for i, line in enumerate(lines) if line.startswith(first))
              for _, first in KENT_PARTS]
    ends = [*starts[1:], len(lines)]
    return {name: words(norm("\n".join(lines[start:end]))).lower()
            for (name, _), start, end in zip(KENT_PARTS, starts, ends)}


def kent_citations(site):
    """(what, its citation, the council's words it stands for) for each record citing Kent.
    A tool has no council words of its own: its name stands for them."""
    pathway = site.pathway
    yield "definition", pathway.definition_source, pathway.definition
    for stage in pathway.stages:
        yield f"step {stage.id}", stage.source, [*stage.paragraphs, *(
            t for lst in stage.lists for t in (lst.heading, *lst.items))]
    for indicator in from_seed(site.indicators, "000"):
        yield f"indicator {indicator.id}", indicator.source, [indicator.text]
    for course in site.courses:
        yield f"course {course.id}", course.source, [course.description, *course.feedback]
    for tool in from_seed(site.tools, "000"):
        yield f"tool {tool.id}", tool.source, [" ".join(re.sub(r"\(.*\)", "", tool.name).split()[:2])]
    for term in site.glossary:
        for quote in term.quotes:
            if quote.source.file.startswith("000"):
                yield f"glossary {term.term}", quote.source, [quote.words]


def test_every_kent_citation_names_the_parts_that_hold_its_words(site):
    parts = kent_parts()
    wrong = []
    for what, source, texts in kent_citations(site):
        named = source.section.split("; ")
        unknown = [name for name in named if name not in parts]
        if unknown:
            wrong.append((what, "no such part", unknown))
            continue
        cited = " | ".join(parts[name] for name in named)
        held = [words(norm(text)).lower() for text in texts]
        wrong += [(what, "not in the parts cited", text) for text, found in zip(texts, held)
                  if found not in cited]
        # Each part a citation names holds some of the words.
        wrong += [(what, "holds none of its words", name) for name in named
                  if not any(found in parts[name] for found in held)]
    assert wrong == []


def test_the_five_courses_are_there(site):
    assert [c.id for c in site.courses] == ["de-escalation", "boxall-profile-workshop", "adhd",
                                           "adapting-the-curriculum", "bespoke-inset"]


# --- glossary -------------------------------------------------------------------------------

REQUIRED_ACRONYMS = ("SEMH SEND SENCO CYP LIFT STLS ELSA PACE EBSA PSP EHCP MHST CAMHS BSS EPS "
                     "PSHE PSHEE RSE SDQ TPP INSET ADHD ADD ODD ASD PDA OCD EWMHS KCC").split()


def seeds_of(files) -> str:
    return norm("\n".join((SEEDS / file).read_text(encoding="utf-8") for file in files))


def test_a_glossary_term_quotes_its_documents_word_for_word(site):
    quoted = [(term.term, quote) for term in site.glossary for quote in term.quotes]
    assert [(term, quote.words) for term, quote in quoted
            if norm(quote.words) not in seeds_of([quote.source.file])] == []
    assert {term for term, _ in quoted} >= {"SEMH", "LIFT", "PSP", "TPP", "EHCP", "BESD"}


def test_a_glossary_term_says_whether_its_documents_spell_it_out(site):
    wrong = [term.term for term in site.glossary
             if term.spelled_out != (norm(term.expansion).lower()
                                     in seeds_of(term.sources).lower())]
    assert wrong == []


def test_every_acronym_the_seeds_use_is_in_the_glossary(site):
    terms = {term.term for term in site.glossary}
    assert [a for a in REQUIRED_ACRONYMS if a not in terms] == []
    used = set()
    for path in SEEDS.glob("*.txt"):
        words = re.sub(r"https?://\S+", " ", path.read_text(encoding="utf-8"))
        used |= set(re.findall(r"\b[A-Z]{3,}s?\b", words))
    shouting = {"NOT", "ASSESS", "PLAN", "REVIEW", "RAG", "SEMH"}  # emphasis, not acronyms
    unexplained = {w for w in used - shouting
                   if w not in terms and w.rstrip("s") not in terms}
    assert unexplained == set()


# --- damaged text -----------------------------------------------------------------------------

def damage_notes(site):
    """(seed file, the council's text, its notes, whether words follow it on the page) for
    every text that can carry a note."""
    for need in site.needs:
        yield need.source.file, need.council_wording, need.damage, False
    for strategy in site.strategies:
        yield strategy.source.file, strategy.text, strategy.damage, False
    for aim in site.outcomes.further_aims:
        yield site.outcomes.further_aims_source.file, aim, site.outcomes.damage, False
    for level in site.levels:
        for d in level.descriptors:
            yield level.source.file, d.text, d.damage, bool(d.items)
    for stage in site.pathway.stages:
        for i, paragraph in enumerate(stage.paragraphs):
            followed = i + 1 < len(stage.paragraphs) or bool(stage.lists)
            yield stage.source.file, paragraph, stage.damage, followed
    for course in site.courses:
        yield course.source.file, course.description, course.damage, False
    for paragraph in site.training.further_information:
        yield site.training.source.file, paragraph, site.training.damage, False


def test_the_words_a_note_on_damaged_text_quotes_are_the_documents(site):
    quoted = {(file, damage.words) for file, _, notes, _ in damage_notes(site) for damage in notes}
    assert [(file, words) for file, words in quoted if norm(words) not in seeds_of([file])] == []


# A council text that ends on one of these, or on a colon with nothing after it, stops in the
# middle of a sentence.
DANGLING = re.compile(r"(?:\b(?:the|a|an|to|of|and|or|with|for|their|reflect)|:)$")


def test_every_text_that_stops_mid_sentence_carries_a_note_saying_so(site):
    silent = [text for _, text, notes, followed in damage_notes(site)
              if DANGLING.search(text) and not (followed and text.endswith(":"))
              and not any(text.endswith(d.words) for d in notes)]
    assert silent == []
    ends = {d.words for _, _, notes, _ in damage_notes(site) for d in notes}
    assert {"to strengthen their", "(EBSA):", "Behaviours that may reflect"} <= ends
