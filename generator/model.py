"""The content schema: one class per record type, the single truth about a record.

Every class forbids unknown keys, so a misspelt field in a YAML file is reported instead of
being silently ignored. Records are frozen: once validated, nothing downstream changes them.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
# http or https, a host name, then a path, query or fragment without white space or the
# characters that end a Markdown link or an HTML attribute, so an address written into a
# page can never become a second link or a `javascript:` one.
Url = Annotated[str, StringConstraints(pattern=(
    r"^https?://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
    r"(?::[0-9]{1,5})?(?:[/?#][^\s()<>\[\]{}\"'`\\|^]*)?$"))]


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
    section: Text


class Link(Record):
    """An outside web page, named the way a reader would name it."""

    title: Text
    url: Url


class Mention(Record):
    """Words a council document uses that speak to some needs (see README: how links are judged)."""

    words: Text  # copied from the record it sits on; validated to be there
    needs: list[Id] = Field(min_length=1)


class SourceDocument(Record):
    """One of the councils' documents the site is made from (content/sources.yaml)."""

    # How a council profile names the document in `sources:`, e.g. "wiltshire-opal".
    id: Id
    file: SeedFile
    council: Text
    title: Text
    short_name: Text  # how a citation names it, e.g. "Wiltshire OPAL"
    summary: Text
    # What the site takes from it, in our words; shown on the sources and credits page.
    used_for: Text
    # The paragraphs the document opens with, kept as written, and where they stand.
    framing: list[Text] = []
    framing_source: Source | None = None
    # The column headings of the document's table of strategies, kept as written.
    table_columns: list[Text] = []
    # When the site's records from this document were last checked against it.
    reviewed: IsoDate
    # The terms of use the document states for its words; none stated is left out, and the
    # open data then says "not stated in the source". Never guessed.
    terms: Text | None = None
    # The document's own words on the ages it covers, kept as written; empty if it says none.
    age_scope: list[Text] = []
    # Our words: what the document promises or leaves open but does not give.
    gaps: list[Text] = []
    # Our words: where the site reads a structure into the captured text that it does not show.
    site_reading: list[Text] = []


class Need(Record):
    """An OPAL "identified barrier and/or need" (content/needs.yaml)."""

    id: Id
    title: Text  # our short plain-English name
    summary: Text  # our plain-English explanation
    council_wording: Text  # the OPAL heading, kept as written
    source: Source
    # Said on the page when the sources hold no strategy of their own for this need.
    note: Text | None = None
    # Strategies elsewhere in the sources that speak to this need although OPAL lists them
    # under another heading (non-attendance has none of its own).
    related_strategies: list[Id] = []


class Indicator(Record):
    """A behaviour that can indicate an SEMH need (content/indicators.yaml)."""

    id: Id
    text: Text  # the council's wording
    needs: list[Id] = Field(min_length=1)
    source: Source


class Strategy(Record):
    """A strategy or expected practice (strategies/*.yaml): the council's wording, tagged."""

    id: Id
    title: Text  # our short plain-English name
    text: Text  # the council's wording, kept
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
    # Our words, for an example in the text that suits some ages only.
    age_note: Text | None = None

    @property
    def phases(self) -> list[str]:
        """The phases it is for: every phase where the council gives no age."""
        return list(PHASES) if self.ages == "any" else list(self.ages)


class LevelDescriptor(Record):
    """One bullet of a level of need, with its sub-list kept."""

    text: Text
    items: list[Text] = []
    # Needs this descriptor speaks about, so a need page can show the levels that mention it.
    needs: list[Id] = []


class Level(Record):
    """A level of need, 0 to 4 (content/levels.yaml)."""

    id: Id
    number: int = Field(ge=0, le=4)
    title: Text  # our plain-English name
    summary: Text  # our plain-English explanation
    descriptors: list[LevelDescriptor] = Field(min_length=1)
    source: Source


class Practice(Record):
    """One "by ..." practice of a Hertfordshire outcome, in the council's wording."""

    text: Text
    tools: list[Id] = []
    needs: list[Id] = []  # needs whose words this practice speaks to


class Outcome(Record):
    """A Hertfordshire SEMH Quality Offer outcome."""

    id: Id
    number: int = Field(ge=1)
    title: Text  # our plain-English name
    council_wording: Text
    practices: list[Practice] = Field(min_length=1)
    source: Source


class SideHeading(Record):
    """A heading the document prints between its outcomes, with the items under it."""

    heading: Text  # the council's wording
    items: list[Text] = Field(min_length=1)
    after_outcome: Id  # the outcome it follows in the document
    source: Source


class OutcomesDocument(Record):
    """The Hertfordshire Quality Offer (content/outcomes.yaml)."""

    introduction: list[Text]
    outcomes: list[Outcome] = Field(min_length=1)
    side_headings: list[SideHeading] = []
    # The unnumbered aims the document prints between its outcomes.
    further_aims: list[Text] = []
    further_aims_source: Source


class Tool(Record):
    """A named assessment tool, approach or service (content/tools.yaml)."""

    id: Id
    name: Text
    kind: Literal["assessment-tool", "approach", "service", "training", "document"]
    summary: Text  # our plain-English explanation; no clinical advice
    source: Source
    url: Url | None = None
    needs: list[Id] = []  # needs the document names it for
    # Our words, when no need or strategy links it: why not.
    not_linked_because: Text | None = None


class Reference(Record):
    """A reference link a council document lists (content/references.yaml)."""

    id: Id
    title: Text
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
    text: Text  # the council's wording
    examples: list[Text] = []
    # The council's words that follow the examples and finish the same statement ("These are
    # evaluated to demonstrate impact ..."): rated, shown and exported with it.
    after_examples: Text | None = None
    # The SEND section groups criteria by the Assess, Plan, Do, Review cycle.
    stage: Literal["assess", "plan", "do", "review"] | None = None
    # The SEND section marks some criteria as Universal, Additional/Targeted, ...
    support_level: Text | None = None
    # Shown under a Red or Amber rating's next steps.
    related: AuditRelated = AuditRelated()
    needs: list[Id] = []  # needs whose words this criterion speaks to


class AuditSection(Record):
    id: Id
    number: int = Field(ge=1)
    title: Text
    summary: Text  # our plain-English explanation
    council_intro: list[Text]
    criteria: list[AuditCriterion] = Field(min_length=1)
    source: Source


class AuditColumn(Record):
    """A column of the audit form: the shape one answer to one criterion takes."""

    id: Id
    title: Text
    kind: Literal["rating", "text"]
    choices: list[Text] = []


class AuditDocument(Record):
    """The Essex SEMH Best Practice self-audit (content/audit.yaml)."""

    introduction: list[Text]
    tpp_values: list[Text] = Field(min_length=1)
    context: list[Text]
    aims: list[Text]
    how_to_use: list[Text]
    columns: list[AuditColumn] = Field(min_length=1)
    sections: list[AuditSection] = Field(min_length=1)
    source: Source


class TextList(Record):
    heading: Text
    items: list[Text] = Field(min_length=1)


class PathwayStage(Record):
    """One step of the Kent/Sevenoaks route to specialist help."""

    id: Id
    title: Text  # our plain-English name
    summary: Text  # our plain-English explanation
    paragraphs: list[Text] = []  # the council's wording
    lists: list[TextList] = []
    # Words of this step (its paragraphs or lists) that speak to particular needs.
    mentions: list[Mention] = []
    source: Source


class PathwayDocument(Record):
    """The Sevenoaks STLS pathway (content/pathway.yaml)."""

    introduction: list[Text]
    definition: list[Text]  # what SEMH means, as the SEND Code of Practice puts it
    definition_source: Source
    definition_mentions: list[Mention] = []  # words of the definition naming a need
    stages: list[PathwayStage] = Field(min_length=1)


class Course(Record):
    """A training course of the Sevenoaks STLS (content/courses.yaml)."""

    id: Id
    title: Text  # our plain-English name
    council_title: Text
    description: Text  # the council's wording
    # None where the source does not say; the page then says so.
    audience: Text | None = None
    venue: Text | None = None
    booking: Text | None = None
    feedback: list[Text] = []
    needs: list[Id] = []  # needs the course's own words are about
    source: Source


class TrainingDocument(Record):
    """The Sevenoaks STLS training offer (content/courses.yaml)."""

    introduction: list[Text]
    courses: list[Course] = Field(min_length=1)
    further_information: list[Text] = []  # the council's wording: venue, booking, events
    source: Source


class Part(Record):
    """A piece of a text that speaks of some source documents: a council site that leaves
    one of them out leaves the piece out too (see choose.py)."""

    text: Text
    sources: list[Id] = []  # the documents (their ids in content/sources.yaml) it needs


class Term(Record):
    """An acronym used by the sources (content/glossary.yaml)."""

    term: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9/&'-]+$")]
    expansion: Text
    # One or two plain-English sentences; in parts where a sentence speaks of one document.
    explanation: Text | list[Part]
    sources: list[SeedFile] = Field(min_length=1)


class Page(Record):
    """A hand-written page (content/pages/*.yaml): body is Markdown, or a list of parts that
    are joined, each with a blank line, once the parts of documents not shown are dropped."""

    id: Id
    title: Text
    summary: Text
    body: Text | list[Part]  # parts of whole Markdown blocks
    reviewed: IsoDate  # when this page was last checked


class SiteTerms(Record):
    """The licence of the site's own text and data (content/terms.yaml); a council that
    publishes the site may name another."""

    licence: Text  # its name, e.g. "Open Government Licence v3.0"
    licence_id: Text  # its short identifier, e.g. "OGL-UK-3.0"
    licence_url: Url


class Synonym(Record):
    """Everyday words a teacher or parent types, and the needs they mean (content/synonyms.yaml)."""

    words: list[Text] = Field(min_length=1)
    needs: list[Id] = Field(min_length=1)


Document = Union[
    SourceDocument, Need, Indicator, Strategy, Level, OutcomesDocument, Tool, Reference,
    AuditDocument, PathwayDocument, TrainingDocument, Term, Page, SiteTerms, Synonym,
]


# --- council profiles (councils/*.yaml) ------------------------------------------------------

Colour = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Email = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")]
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


class SafeguardingList(Record):
    """Words and phrases that mean a child may be at risk (content/safeguarding.yaml): the
    finder shows the council's safeguarding contact when a query holds one."""

    reviewed_by: Text
    reviewed: date
    phrases: list[Text] = Field(min_length=1)
