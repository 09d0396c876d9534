"""The content schema: one class per record type, the single truth about a record.

Every class forbids unknown keys, so a misspelt field in a YAML file is reported instead of
being silently ignored. Records are frozen: once validated, nothing downstream changes them.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from enum import Enum
from typing import Annotated, Any, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]


def _no_control_characters(value: str) -> str:
    # Tab and newline are how text is laid out; any other control character (a NUL, a bell,
    # an escape sequence) cannot be shown and would reach the pages and the CSV as it is.
    for position, character in enumerate(value, 1):
        if unicodedata.category(character) == "Cc" and character not in "\t\n":
            raise PydanticCustomError(
                "control_character", "holds the control character {code} at letter {position}",
                {"code": f"U+{ord(character):04X}", "position": position})
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1),
                 AfterValidator(_no_control_characters)]


class Voice(Enum):
    """Whose words a text field of the content holds. Every text field of a content record
    carries one (pydantic leaves it alone), so tests/test_no_advice.py can read everything the
    site says in its own voice, a field added later included."""

    OURS = "our words: sentences this site writes"
    OUR_NAME = "our words: a short name, title or label, not a sentence"
    COUNCILS = "the council's wording, kept as written"
    CITATION = "where words stand in a document, or how a citation names the document"
    SEARCH = "words to search or match with, never shown as the site's sentences"
    FOR_EDITORS = "notes for the people who write and review the content, never shown"


OurWords = Annotated[Text, Voice.OURS]
OurName = Annotated[Text, Voice.OUR_NAME]
CouncilWords = Annotated[Text, Voice.COUNCILS]
Citation = Annotated[Text, Voice.CITATION]
SearchWords = Annotated[Text, Voice.SEARCH]
EditorsNote = Annotated[Text, Voice.FOR_EDITORS]

# http or https, a host name, then a path, query or fragment without white space or the
# characters that end a Markdown link or an HTML attribute, so an address written into a
# page can never become a second link or a `javascript:` one.
URL_PATTERN = (
    r"^https?://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"(?::[0-9]{1,5})?(?:[/?#][^\s()<>\[\]{}\"'`\\|^]*)?$")
Url = Annotated[str, StringConstraints(pattern=URL_PATTERN)]


def _iso_date(value: Any) -> date:
    # Only year-month-day: pydantic alone would also take a number as a Unix time.
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise PydanticCustomError("iso_date", "not a date")


# The day a person last checked a text against its source (YYYY-MM-DD).
IsoDate = Annotated[date, BeforeValidator(_iso_date)]

Phase = Literal["early-years", "primary", "secondary", "post-16"]
Tier = Literal["whole-setting", "targeted", "specialist"]
SeedFile = Literal[
    "000_95c499e47f275a01.txt",
    "001_c8483e522c39e0c8.txt",
    "002_4e366928d7b06a22.txt",
    "003_cf2e783ad3a46981.txt",
    "004_d451873d299f596c.txt",
]

PHASES: tuple[str, ...] = Phase.__args__
TIERS: tuple[str, ...] = Tier.__args__


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(Record):
    """Where a record came from: the seed file and the section heading inside it."""

    file: SeedFile
    # The document's heading; where the capture prints none, our name for the place.
    section: Citation


class Link(Record):
    """An outside web page, named the way a reader would name it."""

    title: Citation
    url: Url


class Mention(Record):
    """Words a council document uses that speak to some needs (see README: how links are judged)."""

    words: CouncilWords  # copied from the record it sits on; validated to be there
    needs: list[Id] = Field(min_length=1)


class Damage(Record):
    """A place where the captured text of a document is damaged: it breaks off, words are
    missing, jumbled or misspelt, or a line is printed twice. The page that shows the words
    says so beside them, in the site's own words; the council's words stay as captured."""

    words: CouncilWords  # the damaged words, copied from the record's text; validated to be there
    note: OurWords  # what is wrong there, e.g. "The document's text breaks off here."


class Quote(Record):
    """A document's own words on something, with where they stand."""

    words: CouncilWords
    source: Source


class SourceDocument(Record):
    """One of the councils' documents the site is made from (content/sources.yaml)."""

    # How a council profile names the document in `sources:`, e.g. "wiltshire-opal".
    id: Id
    file: SeedFile
    council: Citation
    title: CouncilWords
    short_name: Citation  # how a citation names it, e.g. "Wiltshire OPAL"
    summary: OurWords
    # What the site takes from it, in our words; shown on the sources and credits page.
    used_for: OurWords
    # The paragraphs the document opens with, kept as written, and where they stand.
    framing: list[CouncilWords] = []
    framing_source: Source | None = None
    # The column headings of the document's table of strategies, kept as written.
    table_columns: list[CouncilWords] = []
    # When the site's records from this document were last checked against it.
    reviewed: IsoDate
    # The terms of use the document states for its words; none stated is left out, and the
    # open data then says "not stated in the source". Never guessed.
    terms: CouncilWords | None = None
    # The document's own words on the ages it covers, kept as written; empty if it says none.
    age_scope: list[CouncilWords] = []
    # Our words: what the document promises or leaves open but does not give.
    gaps: list[OurWords] = []
    # Our words: where the site reads a structure into the captured text that it does not show.
    site_reading: list[OurWords] = []


class Need(Record):
    """An OPAL "identified barrier and/or need" (content/needs.yaml)."""

    id: Id
    title: OurName  # our short plain-English name
    summary: OurWords  # our plain-English restatement of the heading, naming who says what
    council_wording: CouncilWords  # the OPAL heading, kept as written
    source: Source
    # A note the document prints under the heading, kept as written.
    council_note: CouncilWords | None = None
    # Our words, said on the page: where the sources hold no strategy of their own for this
    # need, or where the site reads a structure into the document.
    note: OurWords | None = None
    # Strategies elsewhere in the sources that speak to this need although OPAL lists them
    # under another heading (non-attendance has none of its own).
    related_strategies: list[Id] = []
    damage: list[Damage] = []  # in the heading or the council's note


class Indicator(Record):
    """A behaviour that can indicate an SEMH need (content/indicators.yaml)."""

    id: Id
    text: CouncilWords
    needs: list[Id] = Field(min_length=1)
    source: Source


class Strategy(Record):
    """A strategy or expected practice (strategies/*.yaml): the council's wording, tagged."""

    id: Id
    title: OurName  # our short plain-English name
    text: CouncilWords  # the council's wording, kept
    # Need ids, or "all" for a general practice the council expects for every SEMH need.
    needs: list[Id] | Literal["all"]
    # Phases only where the text implies them; "any" where the council gives no age.
    ages: Annotated[list[Phase], Field(min_length=1)] | Literal["any"]
    tier: Tier
    source: Source
    courses: list[Id] = []
    outcomes: list[Id] = []
    tools: list[Id] = []
    links: list[Link] = []
    # Our words on an example in the text, only where the text itself gives an age.
    age_note: OurWords | None = None
    damage: list[Damage] = []  # in the text

    @property
    def phases(self) -> list[str]:
        """The phases it is for: every phase where the council gives no age."""
        return list(PHASES) if self.ages == "any" else list(self.ages)


class LevelDescriptor(Record):
    """One bullet of a level of need, with its sub-list kept."""

    text: CouncilWords
    items: list[CouncilWords] = []
    # Needs the bullet's own words speak about, so a need page can show the levels that
    # mention it and the level-of-need check lists them when the bullet is ticked.
    needs: list[Id] = []
    # The needs an item of the list names, its `words` the whole item as written: the check
    # lists a need for the areas ticked, not for every area the list holds.
    area_needs: list[Mention] = []
    damage: list[Damage] = []  # in the bullet or its sub-list

    def needs_of_area(self, area: str) -> list[str]:
        """The needs an item of the list names, each once."""
        found = [need for mention in self.area_needs if mention.words == area
                 for need in mention.needs]
        return list(dict.fromkeys(found))

    @property
    def named_needs(self) -> list[str]:
        """The needs the bullet or any item of its list names, each once."""
        found = [*self.needs, *(need for mention in self.area_needs for need in mention.needs)]
        return list(dict.fromkeys(found))


class Level(Record):
    """A level of need, 0 to 4 (content/levels.yaml)."""

    id: Id
    number: int = Field(ge=0, le=4)
    title: OurName  # our plain-English name
    summary: OurWords  # our plain-English restatement of its descriptors
    descriptors: list[LevelDescriptor] = Field(min_length=1)
    source: Source


class Practice(Record):
    """One "by ..." practice of a Hertfordshire outcome, in the council's wording."""

    text: CouncilWords
    tools: list[Id] = []
    needs: list[Id] = []  # needs whose words this practice speaks to


class Outcome(Record):
    """A Hertfordshire SEMH Quality Offer outcome."""

    id: Id
    number: int = Field(ge=1)
    title: OurName  # our plain-English name
    council_wording: CouncilWords
    practices: list[Practice] = Field(min_length=1)
    source: Source


class SideHeading(Record):
    """A heading the document prints between its outcomes, with the items under it."""

    heading: CouncilWords
    items: list[CouncilWords] = Field(min_length=1)
    after_outcome: Id  # the outcome it follows in the document
    source: Source


class OutcomesDocument(Record):
    """The Hertfordshire Quality Offer (content/outcomes.yaml)."""

    introduction: list[CouncilWords]
    outcomes: list[Outcome] = Field(min_length=1)
    side_headings: list[SideHeading] = []
    # The unnumbered aims the document prints between its outcomes.
    further_aims: list[CouncilWords] = []
    further_aims_source: Source
    damage: list[Damage] = []  # in the further aims


class Tool(Record):
    """A named assessment tool, approach or service (content/tools.yaml)."""

    id: Id
    name: OurName  # the document's name for it, with what an acronym stands for
    kind: Literal["assessment-tool", "approach", "service", "training", "document"]
    summary: OurWords  # what the documents say of it, naming them; no clinical advice
    source: Source
    url: Url | None = None
    needs: list[Id] = []  # needs the document names it for
    # Our words, when no need or strategy links it: why not.
    not_linked_because: OurWords | None = None


class Reference(Record):
    """A reference link a council document lists (content/references.yaml)."""

    id: Id
    title: Citation  # the outside page's name, the way a reader would name it
    url: Url
    source: Source


class AuditRelated(Record):
    """What in this site speaks to an audit criterion, chosen from the wording of both."""

    strategies: list[Id] = []
    courses: list[Id] = []
    outcomes: list[Id] = []


class AuditCriterion(Record):
    """One best-practice statement a school rates Red, Amber or Green."""

    id: Id
    text: CouncilWords
    examples: list[CouncilWords] = []
    # The council's words that follow the examples and finish the same statement ("These are
    # evaluated to demonstrate impact ..."): rated, shown and exported with it.
    after_examples: CouncilWords | None = None
    # The SEND section groups criteria by the Assess, Plan, Do, Review cycle.
    stage: Literal["assess", "plan", "do", "review"] | None = None
    # The SEND section marks some criteria as Universal, Additional/Targeted, ...
    support_level: CouncilWords | None = None
    # Shown under a Red or Amber rating's next steps.
    related: AuditRelated = AuditRelated()
    needs: list[Id] = []  # needs whose words this criterion speaks to


class AuditSection(Record):
    id: Id
    number: int = Field(ge=1)
    title: CouncilWords
    summary: OurWords  # our plain-English explanation
    council_intro: list[CouncilWords]
    criteria: list[AuditCriterion] = Field(min_length=1)
    source: Source


class AuditColumn(Record):
    """A column of the audit form: the shape one answer to one criterion takes."""

    id: Id
    title: CouncilWords
    kind: Literal["rating", "text"]
    choices: list[OurName] = []


class AuditDocument(Record):
    """The Essex SEMH Best Practice self-audit (content/audit.yaml)."""

    introduction: list[CouncilWords]
    tpp_values: list[CouncilWords] = Field(min_length=1)
    context: list[CouncilWords]
    aims: list[CouncilWords]
    how_to_use: list[CouncilWords]
    columns: list[AuditColumn] = Field(min_length=1)
    sections: list[AuditSection] = Field(min_length=1)
    source: Source


class TextList(Record):
    heading: CouncilWords
    items: list[CouncilWords] = Field(min_length=1)


class PathwayStage(Record):
    """One step of the Kent/Sevenoaks route to specialist help."""

    id: Id
    title: OurName  # our plain-English name
    summary: OurWords  # our plain-English restatement of the step
    paragraphs: list[CouncilWords] = []
    lists: list[TextList] = []
    # Words of this step (its paragraphs or lists) that speak to particular needs.
    mentions: list[Mention] = []
    source: Source
    damage: list[Damage] = []  # in its paragraphs or lists


class PathwayDocument(Record):
    """The Sevenoaks STLS pathway (content/pathway.yaml)."""

    introduction: list[CouncilWords]
    definition: list[CouncilWords]  # what SEMH means, as the SEND Code of Practice puts it
    definition_source: Source
    definition_mentions: list[Mention] = []  # words of the definition naming a need
    stages: list[PathwayStage] = Field(min_length=1)


class Course(Record):
    """A training course of the Sevenoaks STLS (content/courses.yaml)."""

    id: Id
    title: OurName  # our plain-English name
    council_title: CouncilWords
    description: CouncilWords
    # The council's words, from the course's own sentences or the page's opening one on all
    # its courses; None where the source does not say, and the page then says so.
    audience: CouncilWords | None = None
    venue: CouncilWords | None = None
    booking: CouncilWords | None = None
    feedback: list[CouncilWords] = []
    needs: list[Id] = []  # needs the course's own words are about
    source: Source
    damage: list[Damage] = []  # in its description or feedback


class TrainingDocument(Record):
    """The Sevenoaks STLS training offer (content/courses.yaml)."""

    introduction: list[CouncilWords]
    courses: list[Course] = Field(min_length=1)
    further_information: list[CouncilWords] = []  # venue, booking, events
    source: Source
    damage: list[Damage] = []  # in its introduction or further information


class Part(Record):
    """A piece of a text that speaks of some source documents: a council site that leaves
    one of them out leaves the piece out too (see choose.py)."""

    text: OurWords
    sources: list[Id] = []  # the documents (their ids in content/sources.yaml) it needs


class Term(Record):
    """An acronym used by the sources (content/glossary.yaml)."""

    term: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9/&'-]+$"), Voice.COUNCILS]
    expansion: OurName
    # Whether a document spells it out; where none does, the page says the words are ours.
    spelled_out: bool
    # Where the documents use it, in a sentence or two, naming them; in parts where a
    # sentence speaks of one document. Never what it means beyond what a document says.
    explanation: OurWords | list[Part]
    # A document's own explanation of it, where one gives one; the page says when none does.
    quotes: list[Quote] = []
    sources: list[SeedFile] = Field(min_length=1)


class Page(Record):
    """A hand-written page (content/pages/*.yaml): body is Markdown, or a list of parts that
    are joined, each with a blank line, once the parts of documents not shown are dropped."""

    id: Id
    title: OurName
    summary: OurWords
    body: OurWords | list[Part]  # parts of whole Markdown blocks
    reviewed: IsoDate  # when this page was last checked


class SiteTerms(Record):
    """The licence of the site's own text and data (content/terms.yaml); a council that
    publishes the site may name another."""

    licence: Citation  # its name, e.g. "Open Government Licence v3.0"
    licence_id: Citation  # its short identifier, e.g. "OGL-UK-3.0"
    licence_url: Url


class Synonym(Record):
    """Everyday words a teacher or parent types, and the needs they mean (content/synonyms.yaml)."""

    words: list[SearchWords] = Field(min_length=1)
    needs: list[Id] = Field(min_length=1)


Document = Union[
    SourceDocument, Need, Indicator, Strategy, Level, OutcomesDocument, Tool, Reference,
    AuditDocument, PathwayDocument, TrainingDocument, Term, Page, SiteTerms, Synonym,
]


# --- council profiles (councils/*.yaml) ------------------------------------------------------

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
EMAIL_PATTERN = r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$"
Email = Annotated[str, StringConstraints(pattern=EMAIL_PATTERN)]
Phone = Annotated[str, StringConstraints(pattern=r"^\+?[0-9][0-9 ]{5,20}[0-9]$")]


class Contact(Record):
    """A way to reach someone at the council: at least one of url, email and phone."""

    label: Text  # how the link reads, e.g. "Northshire SEND team"
    url: Url | None = None
    email: Email | None = None
    phone: Phone | None = None
    # Shown with the contact, marked as the site's words: when to use it, or why it is missing.
    note: Text | None = None
    # For a report form: the query parameter that gets the page's address, e.g. "page".
    page_parameter: Id | None = None


class Contacts(Record):
    send_team: Contact
    safeguarding: Contact  # the children's services front door
    accessibility: Contact  # named in the accessibility statement
    report_problem: Contact  # "Report a problem with this page" on every page
    # The SEND information, advice and support service (SENDIASS) every council has by law
    # (Children and Families Act 2014, section 32): independent advice for parents and
    # young people, named on the parents' page and every need page.
    sendiass: Contact


class Palette(Record):
    """One colour scheme. The header's text is white on `primary`; `link` and `accent`
    (links being pointed at) are shown on the page background."""

    primary: Colour
    link: Colour
    accent: Colour


class Colours(Record):
    light: Palette
    dark: Palette


class TrainingDate(Record):
    """A local training session the council runs, shown on the training page."""

    title: Text
    when: date
    place: Text | None = None
    url: Url | None = None


class Statement(Record):
    """The dates and reply time the accessibility statement gives."""

    prepared: date
    reviewed: date
    # How soon the council answers a report; the statement says so when it is given.
    reply_within_working_days: int | None = Field(default=None, ge=1, le=60)


class CouncilProfile(Record):
    """The publishing council's name, branding and contacts (councils/<id>.yaml)."""

    id: Id  # the file's name without .yaml
    name: Text
    short_name: Text
    # False only for the default profile: the pages then say that no council publishes it.
    names_a_council: bool = True
    logo: Text  # an SVG file under councils/ or site_overrides/assets/
    colours: Colours
    site_url: Url | None = None
    local_offer: Contact
    contacts: Contacts
    footer_links: list[Link] = []
    # Which source documents the site shows: all, or a list of their ids in
    # content/sources.yaml. The pages, nav and open data of the others are left out.
    sources: Literal["all"] | Annotated[list[Id], Field(min_length=1)] = "all"
    training_dates: list[TrainingDate] = []
    theme_credit: bool = True  # keep "Made with Material for MkDocs", in small print
    licence: Link  # the licence of the site's own text, e.g. the Open Government Licence v3.0
    statement: Statement


# The categories of harm that Keeping Children Safe in Education (the Department for
# Education's statutory guidance, which the Hertfordshire document links) asks staff to
# know, as the concepts of content/safeguarding.yaml are grouped, and a disclosure itself.
SafeguardingCategory = Literal[
    "Self-harm",
    "Suicide and wanting to die",
    "Physical abuse",
    "Emotional abuse",
    "Sexual abuse",
    "Neglect",
    "Domestic abuse",
    "Child sexual and criminal exploitation",
    "Going missing",
    "Substance misuse",
    "Weapons and serious violence",
    "Online harm",
    "Forced marriage, FGM and so-called honour-based abuse",
    "Radicalisation",
    "A disclosure",
]
SAFEGUARDING_CATEGORIES: tuple[str, ...] = SafeguardingCategory.__args__


class WordPair(Record):
    """Two words near each other, in either order: a word of `words` and a word of `near`."""

    words: list[SearchWords] = Field(min_length=1)
    near: list[SearchWords] = Field(min_length=1)
    example: SearchWords  # a query it shows the notice for


class OrdinaryUse(Record):
    """Words in an ordinary sense ("knife and fork"): the concept does not read them."""

    words: SearchWords
    example: SearchWords  # a query it keeps the notice away from


# The name of a group of words in content/safeguarding.yaml, which an entry names between
# angle brackets: "hit <someone at home>".
GroupName = Annotated[str, StringConstraints(pattern=r"^[a-z]+( [a-z]+)*$")]


class WordGroup(Record):
    """Words that stand in for one another wherever an entry names the group: "hit <someone at
    home>" reads as "hit mum", "hit her stepdad" and each of the others."""

    name: GroupName
    words: list[SearchWords] = Field(min_length=1)


class NotWhen(Record):
    """What a search is about when a concept's words are used of something else: a lesson, a
    book, a game of rugby. The concept is not read in such a search at all."""

    words: SearchWords
    example: SearchWords  # a query it keeps the notice away from


class SafeguardingConcept(Record):
    """One way people write that a child may be at risk, and the words that say it."""

    id: Id
    category: SafeguardingCategory
    title: EditorsNote  # what the concept is about, for the people who review it
    review_note: EditorsNote  # what a safeguarding lead checks when reviewing this concept
    words: list[SearchWords] = []  # a word, or words in a row
    pairs: list[WordPair] = []
    ordinary: list[OrdinaryUse] = []
    not_when: list[NotWhen] = []
    examples: list[SearchWords] = Field(min_length=1)  # queries it shows the notice for


class SafeguardingList(Record):
    """What the finder reads as a child perhaps at risk (content/safeguarding.yaml): it shows
    the council's safeguarding contact when a query says one of these concepts."""

    reviewed_by: OurName
    reviewed: IsoDate
    # Words that may stand between the two words of a pair.
    pair_gap: int = Field(ge=0, le=8)
    groups: list[WordGroup] = []
    concepts: list[SafeguardingConcept] = Field(min_length=1)

    def matcher_data(self) -> dict:
        """What site_overrides/assets/safeguarding-match.js reads, as the finder's page
        carries it: the words as written (the browser stems them as it stems a search), and
        none of the notes and examples, which are for the people who review the list."""
        return {
            "pairGap": self.pair_gap,
            "groups": {group.name: group.words for group in self.groups},
            "concepts": [{"id": concept.id,
                          "words": concept.words,
                          "pairs": [{"words": pair.words, "near": pair.near}
                                    for pair in concept.pairs],
                          "ordinary": [use.words for use in concept.ordinary],
                          "notWhen": [use.words for use in concept.not_when]}
                         for concept in self.concepts],
        }
