"""The site says nothing in its own voice that no council document says.

Every text field of the content says whose words it holds (`model.Voice`). This test reads
every field in the site's own voice and holds each sentence that speaks of a condition, a
diagnosis, a cause, an age or one of the services the documents name to one rule: it names
the document that says so, or restates the council's words on the record it sits on, or
sends the reader to the school or the council. A glossary term, a tool and a need whose
heading names a condition are about that thing in every sentence, so every sentence of their
own words must name its document: that is what keeps a definition no document gives out.
"""

from __future__ import annotations

import re
from types import UnionType
from typing import Annotated, Literal, Union, get_args, get_origin

import pytest
from pydantic import BaseModel

from conftest import ASSETS, ROOT, SEEDS
from generator import model
from generator.load import LAYOUT, load
from generator.validate import validate
from test_readability import plain

# --- what the documents name ------------------------------------------------------------------

# Patterns match in any case, but for an acronym, written (?-i:...).
# Every condition, difficulty, cause and clinical word the five documents use. Our words may
# name one only as the documents do (see the rule above); each is checked to be in a seed.
CONDITIONS = {
    "attention deficit disorder": r"attention deficit",
    "ADHD": r"(?-i:\bADHD\b)",
    "ADD": r"(?-i:\bADD\b)",
    "hyperactivity": r"hyperactiv",
    "ASD": r"(?-i:\bASD\b)|\bautis",
    "ODD": r"(?-i:\bODD\b)|\boppositional",
    "PDA": r"(?-i:\bPDA\b)|demand[- ]avoid",
    "OCD": r"(?-i:\bOCD\b)|\bobsessi|\bcompulsi",
    "attachment": r"\battachment",
    "trauma": r"\btrauma",
    "anxiety": r"\banxi",
    "depression": r"\bdepress",
    "eating disorders": r"\beating disorder",
    "self-harm": r"\bself[- ]?harm",
    "substance misuse": r"\bsubstance misuse|\bdrugs?\b|\balcohol",
    "medically unexplained symptoms": r"\bmedically unexplained|\bsoiling\b|\bstomach pains?",
    "symptoms": r"\bsymptoms?\b",
    "mental health difficulties": r"\bmental health (?:difficult|issue|problem)",
    "learning difficulties": r"\blearning difficult",
    "communication difficulties": r"\bdifficult(?:y|ies) with communication|\bsocial communication",
    "school avoidance": r"\bschool avoidance|(?-i:\bEBSA\b)|\bschool refus",
    "sensory regulation difficulties": r"\bsensory regulation",
    "bereavement": r"\bbereave",
    "abuse and neglect": r"\babuse|\bneglect|\bdomestic violence|\bsexual exploitation",
    "disorder": r"\bdisorders?\b",
    "diagnosis": r"\bdiagnos",
    "medical condition": r"\bconditions?\b",
    "therapy": r"\btherap",
    "cause": r"\bcaus(?:e|es|ed|ing|al)\b",
}
# Clinical claims and causes no document makes: never in our words unless a document is named.
CLAIMS = {
    "treatment": r"\btreat(?:s|ed|ing|ment)?\b",
    "cure": r"\bcur(?:e|es|ed)\b",
    "medication": r"\bmedicat|\bprescri",
    "lifelong": r"\blifelong\b|\blife-long\b",
    "the NHS": r"(?-i:\bNHS\b)",
    "a clinic": r"\bclinic\b|\bclinician",
    "a health professional": r"\bhealth professional",
    "a cause": r"\bbecause of\b|\bdue to\b|\bresults? from\b|\bkeeps? (?:them|him|her|a child|children) from\b",
}
# Ages: our words give one only where the council's words on the record give it.
AGES = {
    "younger": r"\byounger\b", "older": r"\bolder\b", "teenagers": r"\bteen",
    "toddlers": r"\btoddler", "infants": r"\binfant", "nursery": r"\bnursery\b",
    "reception": r"\breception class", "years old": r"\byears? old\b|\baged? \d",
    "key stage": r"\bkey stage", "early years": r"\bearly years\b", "primary": r"\bprimary\b",
    "secondary": r"\bsecondary\b", "post-16": r"\bpost-16\b|\bsixth form",
}
# Services, people and bodies the documents name that are neither in the glossary nor a tool.
OTHER_SERVICES = {
    "Educational Psychologist": r"\beducational psycholog",
    "Speech and Language Therapist": r"\bspeech and language therap",
    "Attendance and Inclusion Advisor": r"\battendance and inclusion advis",
    "Early Years Inclusion Team": r"\bearly years inclusion team",
    "Early Help": r"\bearly help\b",
    "Social Care": r"\bsocial care\b",
    "School Nurse": r"\bschool nurs",
    "Specialist Teacher": r"\bspecialist teachers?\b",
    "Mental Health Lead": r"\bmental health lead",
    "Virtual School": r"\bvirtual school",
    "Drop-In": r"\bdrop-ins?\b",
    "SEND Services": r"(?-i:\bSEND Services)",
}
# Glossary terms that are the site's subject itself, the school's own SENCO, or the names of
# the councils and their documents: naming them is how a sentence says who speaks or whom to
# ask, not a claim about a service. Their own glossary entries are held to the rule all the same.
GENERAL = {"SEMH", "SEN", "SEND", "CYP", "MH", "KCC", "ECC", "OPAL", "RAG", "SENCO"}

# A sentence that names the document it restates, or speaks of this site's own reading or
# says what a page holds.
ATTRIBUTION = re.compile(
    r"\b(?:Kent|Sevenoaks|Essex|Wiltshire|Hertfordshire|Herts|OPAL|Quality Offer|"
    r"levels of need|self-audit|Code of Practice)\b|"
    r"\b(?:the|this|that|each|every|its|no|none of the|any|both|other|two|five) "
    r"(?:councils?'?s? |source |captured )?(?:documents?|document's|capture)\b|"
    r"\bthe councils'|\bthis (?:site|page)\b", re.I)
# A sentence that sends the reader to the school or the council, which is all the site advises.
SIGNPOST = re.compile(r"\b(?:ask|contact|talk to|speak to)\b", re.I)
WHO_TO_ASK = re.compile(r"\b(?:school|SENCO|SEND team|local offer|council|children's services)\b", re.I)
# Records that are about one thing, named in these fields: their own words speak of it in
# every sentence, whether or not a sentence names it again.
SUBJECT = {model.Term: ("term", "expansion"), model.Tool: ("name",),
           model.Need: ("council_wording",)}
# Records whose every sentence is about the document itself.
ABOUT_A_DOCUMENT = (model.SourceDocument,)


def seeds() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


def _pattern(name: str) -> str:
    """A name from the data as a pattern: an acronym exactly, other names in any case."""
    words = r"\s+".join(re.escape(word) for word in name.split())
    if re.fullmatch(r"[A-Z0-9&/'-]+", name):
        return rf"(?-i:(?<![\w-]){words}s?(?![\w-]))"
    return rf"(?<![\w-]){words}(?![\w-])"


def _names_of_tool(name: str) -> list[str]:
    """ "Provision Map / Personalised Plan" -> both; "DSPL (Delivering ...)" -> both parts."""
    names = []
    for part in name.split(" / "):
        outer = re.sub(r"\s*\([^)]*\)", "", part).strip()
        inner = re.findall(r"\(([^)]*)\)", part)
        names += [re.sub(r"^A ", "", outer), *inner]
    return [n for n in names if n]


def vocabulary(records) -> dict[str, re.Pattern]:
    """Everything a sentence in our words may speak of only as the documents do: the
    conditions and claims above, every glossary term and tool the content holds, and the
    other services the documents name."""
    found = {**CONDITIONS, **CLAIMS, **AGES, **OTHER_SERVICES}
    for record in records:
        if isinstance(record, model.Term) and record.term not in GENERAL:
            found[record.term] = _pattern(record.term)
            for name in _names_of_tool(record.expansion):
                found[name] = _pattern(name)
        elif isinstance(record, model.Tool):
            for name in _names_of_tool(record.name):
                found[name] = _pattern(name)
    return {name: re.compile(pattern, re.I) for name, pattern in found.items()}


# --- whose words each field holds ------------------------------------------------------------

def _leaves(annotation, metadata=()):
    """(type, its metadata) for each type a field's annotation can hold."""
    if get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        yield from _leaves(base, (*metadata, *extra))
    elif get_origin(annotation) is Literal:
        return
    elif get_origin(annotation) in (Union, UnionType, list):
        for argument in get_args(annotation):
            yield from _leaves(argument)
    else:
        yield annotation, metadata


def field_voices(info) -> set[model.Voice]:
    return {item for base, metadata in _leaves(info.annotation, tuple(info.metadata))
            if base is str for item in metadata if isinstance(item, model.Voice)}


def _checked_by_pattern(metadata) -> bool:
    return any(getattr(item, "pattern", None) for item in metadata)


def record_classes() -> set[type[BaseModel]]:
    found: set[type[BaseModel]] = set()
    todo = [kind for _, kind, _ in LAYOUT]
    while todo:
        kind = todo.pop()
        if kind in found:
            continue
        found.add(kind)
        for info in kind.model_fields.values():
            todo += [base for base, _ in _leaves(info.annotation, tuple(info.metadata))
                     if isinstance(base, type) and issubclass(base, BaseModel)]
    return found


def test_every_text_field_of_the_content_says_whose_words_it_holds():
    unmarked, twice = [], []
    for kind in sorted(record_classes(), key=lambda k: k.__name__):
        for name, info in kind.model_fields.items():
            texts = [metadata for base, metadata in _leaves(info.annotation, tuple(info.metadata))
                     if base is str]
            free = [metadata for metadata in texts if not _checked_by_pattern(metadata)
                    and not any(isinstance(item, model.Voice) for item in metadata)]
            if free:
                unmarked.append(f"{kind.__name__}.{name}")
            if len(field_voices(info)) > 1:
                twice.append(f"{kind.__name__}.{name}")
    assert unmarked == [], "give each a voice in generator/model.py (OurWords, CouncilWords, ...)"
    assert twice == []


# --- the rule --------------------------------------------------------------------------------

def walk(record, location=()):
    """(location, voice, text, the innermost record holding it) for every text in `record`."""
    for name, info in type(record).model_fields.items():
        voices = field_voices(info)
        value = getattr(record, name)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            here = (*location, name, index) if isinstance(value, list) else (*location, name)
            if isinstance(item, str) and voices:
                yield here, next(iter(voices)), item, record
            elif isinstance(item, model.Record):
                yield from walk(item, here)


def sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])[”\"’)]*\s+(?=[A-Z“‘\"(])", plain(text)) if s.strip()]


def council_words(record) -> str:
    return "\n".join(text for _, voice, text, _ in walk(record) if voice is model.Voice.COUNCILS)


def named(text: str, words: dict[str, re.Pattern]) -> set[str]:
    return {name for name, pattern in words.items() if pattern.search(text)}


def problems(record, words: dict[str, re.Pattern]) -> list[tuple[tuple, str, str]]:
    """(where, the sentence, what is wrong) for each sentence of our words that breaks the rule."""
    subject_fields = SUBJECT.get(type(record), ())
    subject = {record.term} if isinstance(record, model.Term) else set()
    for field in subject_fields:
        subject |= named(str(getattr(record, field)), words)
    found = []
    for location, voice, text, holder in walk(record):
        if location[0] in subject_fields:
            continue  # the thing's own name
        if voice is model.Voice.OUR_NAME:
            units, implied = [text], set()
        elif voice is model.Voice.OURS:
            units, implied = sentences(text), subject
        else:
            continue
        theirs = council_words(holder)
        for unit in units:
            spoken = named(unit, words)
            if not spoken and not implied:
                continue
            if isinstance(record, ABOUT_A_DOCUMENT) or ATTRIBUTION.search(unit):
                continue
            if SIGNPOST.search(unit) and WHO_TO_ASK.search(unit):
                continue
            unsaid = sorted(name for name in spoken if not words[name].search(theirs))
            if unsaid or implied:
                found.append((location, unit, ", ".join(sorted(set(unsaid) | implied))))
    if isinstance(record, model.Strategy) and record.age_note:
        if not named(record.text, {k: re.compile(v, re.I) for k, v in AGES.items()}):
            found.append((("age_note",), record.age_note, "an age the strategy's text does not give"))
    return found


@pytest.fixture(scope="module")
def content():
    loaded = load(ROOT)
    valid, trouble = validate(loaded.records)
    assert [str(p) for p in loaded.problems + trouble] == []
    return valid


def test_every_word_the_rule_knows_is_one_the_documents_use():
    text = seeds()
    absent = [name for name, pattern in {**CONDITIONS, **OTHER_SERVICES}.items()
              if not re.search(pattern, text, re.I)]
    assert absent == []


def test_our_words_make_no_claim_no_document_makes(content):
    words = vocabulary([item.record for item in content])
    report = []
    for item in content:
        for location, sentence, about in problems(item.record, words):
            report.append(f"{item.raw.path}:{item.raw.line_of(location)}: {sentence!r} speaks "
                          f"of {about} but names no document that says so")
    assert report == [], "\n" + "\n".join(report)


# --- the rule can fail ---------------------------------------------------------------------

WORDS = {name: re.compile(pattern, re.I) for name, pattern in
         {**CONDITIONS, **CLAIMS, **AGES, "CAMHS": r"(?-i:\bCAMHS\b)"}.items()}
SOURCE = model.Source(file="002_4e366928d7b06a22.txt", section="General expected practices")


def term(explanation: str) -> model.Term:
    return model.Term(term="OCD", expansion="Obsessive Compulsive Disorder", spelled_out=False,
                      explanation=explanation, sources=["004_d451873d299f596c.txt"])


def strategy(**fields) -> model.Strategy:
    return model.Strategy(**{"id": "x", "title": "Emotionally based school avoidance",
                             "text": "emotionally based school avoidance", "needs": "all",
                             "ages": "any", "tier": "targeted", "source": SOURCE, **fields})


@pytest.mark.parametrize("record, about", [
    # A definition no document gives, in sentences that do not name the term again.
    (term("A condition in which a person has unwanted thoughts. It is diagnosed by health "
          "professionals."), ["OCD", "medical condition", "diagnosis", "a health professional"]),
    # A service described in the site's voice.
    (model.Term(term="CAMHS", expansion="Child and Adolescent Mental Health Services", spelled_out=False,
                explanation="The NHS services that assess and support children.",
                sources=["002_4e366928d7b06a22.txt"]), ["CAMHS", "the NHS"]),
    # A title that names a cause the council's words do not give.
    (strategy(title="Anxiety that keeps them from school"), ["a cause", "anxiety"]),
    # An age the council's words do not give.
    (strategy(title="Sand timers", text="use of sand timers", age_note="Sand timers suit "
              "younger children best."), ["younger", "an age the strategy's text does not give"]),
])
def test_the_rule_finds_a_claim_no_document_makes(record, about):
    found = ", ".join(what for _, _, what in problems(record, WORDS)).split(", ")
    assert [name for name in about if name not in found] == [], found


@pytest.mark.parametrize("record", [
    term("The levels of need document lists it after “high levels of anxious/obsessive "
         "behaviour”. None of the documents explains it."),
    term("To find out more, ask the school's SENCO or the council's SEND team."),
    strategy(title="Reduce anxiety", text="focus on reducing anxiety and thereby behaviours"),
])
def test_the_rule_lets_a_restatement_or_a_signpost_pass(record):
    assert problems(record, WORDS) == []


# --- the glossary ------------------------------------------------------------------------------

def test_the_glossary_quotes_a_document_or_says_none_explains_the_term_and_who_to_ask(site):
    from generator.pages import pages
    page = dict(pages(site, ASSETS))["glossary/index.md"]

    def entry(term: str) -> str:
        start = page.index(f"\n{term}\n:   ")
        return page[start:page.index("\n\n", page.index("Used in:", start))]

    ocd = entry("OCD")
    assert "None of the documents explains it further." in ocd
    assert "the documents give only the letters; this site has spelled them out" in ocd
    lift = entry("LIFT")
    assert "> LIFT meetings are held weekly during term time." in lift
    assert "None of the documents explains it" not in lift and "spelled them out" not in lift
    assert "“Local Inclusion Forum Team (LIFT) Meetings”" in lift
    assert page.count("None of the documents explains it further.") == \
        sum(not term.quotes for term in site.glossary)
    assert "see [who to contact](#who-to-contact)" in page
    assert "## Who to contact {#who-to-contact}" in page
