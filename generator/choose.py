"""Which source documents a council's site shows: its profile's `sources:`.

Between validation and linking, the records of the documents not shown are dropped, and what
the kept records name from them (a strategy's courses, a glossary term's documents, a
hand-written page's or a glossary term's parts) is cut to what is shown. Everything after this step (links,
pages, nav, open data, the finder) then follows the choice without asking the profile.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator import model
from generator.load import RawRecord
from generator.problems import Problem
from generator.validate import Valid


def shown_files(profile: model.CouncilProfile,
                documents: Iterable[model.SourceDocument]) -> set[str]:
    """The seed files of the documents the profile shows."""
    return {document.file for document in documents
            if profile.sources == "all" or document.id in profile.sources}


def profile_problems(profile: model.CouncilProfile, raw: RawRecord,
                     content: list[Valid]) -> list[Problem]:
    """Every name in `sources:` is a known document, none the site needs is left out, and
    the local training dates have the training page they are shown on."""
    if profile.sources == "all":
        return []
    documents = [item.record for item in content
                 if isinstance(item.record, model.SourceDocument)]
    # The needs and the strategies are built on these, and every page is organised around
    # the needs.
    required = {item.record.source.file for item in content
                if isinstance(item.record, (model.Need, model.Strategy))}
    training = {item.record.source.file for item in content
                if isinstance(item.record, model.TrainingDocument)}
    known = {document.id: document for document in documents}
    listing = f"known source documents: {', '.join(sorted(known))}"
    problems = []
    for i, name in enumerate(profile.sources):
        if name not in known:
            problems.append(Problem(raw.path, raw.line_of(("sources", i)),
                                    f"sources: source document '{name}' does not exist",
                                    f"write one of the ids in content/sources.yaml, or all; "
                                    f"{listing}"))
        elif name in profile.sources[:i]:
            problems.append(Problem(raw.path, raw.line_of(("sources", i)),
                                    f"sources: '{name}' is listed twice", "keep one of them"))
    for document in documents:
        if document.file in required and document.id not in profile.sources:
            problems.append(Problem(raw.path, raw.line_of(("sources",)),
                                    f"sources: leaves out '{document.id}', which the site "
                                    f"cannot do without",
                                    f"the needs and strategies are built on "
                                    f"{document.short_name}; add {document.id} to the list; "
                                    f"{listing}"))
        elif (document.file in training and profile.training_dates
              and document.id not in profile.sources):
            problems.append(Problem(raw.path, raw.line_of(("training_dates",)),
                                    f"training_dates: they are shown on the training page "
                                    f"from {document.short_name}, which sources: leaves out",
                                    f"add {document.id} to sources, or remove training_dates"))
    return problems


def show(valid: list[Valid], shown: set[str]) -> list[Valid]:
    """The records of the shown documents, with what they name from the others cut out."""
    documents = {item.record.id: item.record.file for item in valid
                 if isinstance(item.record, model.SourceDocument)}
    kept = [item for item in valid if _document_of(item.record) in shown | {None}]
    names = _names(kept)
    result = []
    for item in kept:
        record = _cut(item.record, names, shown, documents)
        if record is not None:
            result.append(Valid(record, item.raw))
    return result


def _document_of(record) -> str | None:
    """The seed file a record comes from, or None for the site's own records."""
    if isinstance(record, model.SourceDocument):
        return record.file
    if isinstance(record, model.OutcomesDocument):
        return record.further_aims_source.file
    if isinstance(record, model.PathwayDocument):
        return record.definition_source.file
    source = getattr(record, "source", None)
    return source.file if isinstance(source, model.Source) else None


def _names(kept: list[Valid]) -> dict[str, set[str]]:
    """The ids of the kept records that other records name."""
    names: dict[str, set[str]] = {"course": set(), "outcome": set(), "tool": set(),
                                  "strategy": set()}
    for item in kept:
        record = item.record
        if isinstance(record, model.TrainingDocument):
            names["course"] |= {course.id for course in record.courses}
        elif isinstance(record, model.OutcomesDocument):
            names["outcome"] |= {outcome.id for outcome in record.outcomes}
        elif isinstance(record, model.Tool):
            names["tool"].add(record.id)
        elif isinstance(record, model.Strategy):
            names["strategy"].add(record.id)
    return names


def _only(ids: list[str], known: set[str]) -> list[str]:
    return [i for i in ids if i in known]


def _cut(record, names: dict[str, set[str]], shown: set[str], documents: dict[str, str]):
    if isinstance(record, model.Strategy):
        return record.model_copy(update={
            "courses": _only(record.courses, names["course"]),
            "outcomes": _only(record.outcomes, names["outcome"]),
            "tools": _only(record.tools, names["tool"])})
    if isinstance(record, model.Need):
        return record.model_copy(update={
            "related_strategies": _only(record.related_strategies, names["strategy"])})
    if isinstance(record, model.OutcomesDocument):
        return record.model_copy(update={"outcomes": [
            outcome.model_copy(update={"practices": [
                practice.model_copy(update={"tools": _only(practice.tools, names["tool"])})
                for practice in outcome.practices]})
            for outcome in record.outcomes]})
    if isinstance(record, model.AuditDocument):
        return record.model_copy(update={"sections": [
            section.model_copy(update={"criteria": [
                criterion.model_copy(update={"related": criterion.related.model_copy(update={
                    "strategies": _only(criterion.related.strategies, names["strategy"]),
                    "courses": _only(criterion.related.courses, names["course"]),
                    "outcomes": _only(criterion.related.outcomes, names["outcome"])})})
                for criterion in section.criteria]})
            for section in record.sections]})
    if isinstance(record, model.Term):
        # A term no shown document uses is not explained on this site.
        files = [file for file in record.sources if file in shown]
        if not files:
            return None
        return record.model_copy(update={
            "sources": files, "explanation": _join(record.explanation, " ", shown, documents),
            "quotes": [quote for quote in record.quotes if quote.source.file in shown]})
    if isinstance(record, model.Page):
        return record.model_copy(update={
            "body": _join(record.body, "\n\n", shown, documents)})
    return record


def _join(text: str | list[model.Part], joiner: str, shown: set[str],
          documents: dict[str, str]) -> str:
    """A text written in parts, without the parts that speak of a document not shown."""
    if isinstance(text, str):
        return text
    return joiner.join(part.text for part in text
                       if all(documents[name] in shown for name in part.sources))
