"""Resolve every cross-reference once, so pages and exports only read a finished Site."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator import model
from generator.validate import Valid


@dataclass(frozen=True)
class LevelMention:
    """A level-of-need descriptor that speaks about a need."""

    level: model.Level
    descriptor: model.LevelDescriptor


@dataclass(frozen=True)
class Related:
    """An audit criterion's `related` ids, resolved to the records the page links to."""

    strategies: list[model.Strategy]
    courses: list[model.Course]
    outcomes: list[model.Outcome]

    def __bool__(self) -> bool:
        return bool(self.strategies or self.courses or self.outcomes)


@dataclass(frozen=True)
class PracticeLink:
    """A Hertfordshire practice that speaks to a need, with its outcome."""

    outcome: model.Outcome
    practice: model.Practice


@dataclass(frozen=True)
class CriterionLink:
    """An Essex audit criterion that speaks to a need, with its section."""

    section: model.AuditSection
    criterion: model.AuditCriterion


@dataclass(frozen=True)
class PathwayLink:
    """Kent's words that speak to a need: in a step, or (stage None) in its definition."""

    stage: model.PathwayStage | None
    mention: model.Mention
    position: int  # 0 for the definition, then the step's place in the route


@dataclass
class Site:
    """All content, validated and cross-linked. Nothing below this point reads YAML."""

    sources: list[model.SourceDocument]
    needs: list[model.Need]
    indicators: list[model.Indicator]
    strategies: list[model.Strategy]
    levels: list[model.Level]
    # None where the council's profile does not show the document (see choose.py).
    outcomes: model.OutcomesDocument | None
    tools: list[model.Tool]
    references: list[model.Reference]
    audit: model.AuditDocument | None
    pathway: model.PathwayDocument | None
    training: model.TrainingDocument | None
    glossary: list[model.Term]
    synonyms: list[model.Synonym]
    pages: dict[str, model.Page]
    terms: model.SiteTerms
    safeguarding: model.SafeguardingList
    # The publishing council, set by build.check() once its profile is valid.
    council: model.CouncilProfile | None = None
    # How many source documents the content holds, shown or not (set by build.check()).
    documents_held: int = 0
    # Derived, filled by link():
    courses: list[model.Course] = field(default_factory=list)
    need: dict[str, model.Need] = field(default_factory=dict)
    strategy: dict[str, model.Strategy] = field(default_factory=dict)
    course: dict[str, model.Course] = field(default_factory=dict)
    outcome: dict[str, model.Outcome] = field(default_factory=dict)
    tool: dict[str, model.Tool] = field(default_factory=dict)
    source: dict[str, model.SourceDocument] = field(default_factory=dict)
    strategies_for: dict[str, list[model.Strategy]] = field(default_factory=dict)
    general_strategies: list[model.Strategy] = field(default_factory=list)
    indicators_for: dict[str, list[model.Indicator]] = field(default_factory=dict)
    levels_for: dict[str, list[LevelMention]] = field(default_factory=dict)
    strategies_using: dict[tuple[str, str], list[model.Strategy]] = field(default_factory=dict)
    related_to_criterion: dict[str, Related] = field(default_factory=dict)
    practices_for: dict[str, list[PracticeLink]] = field(default_factory=dict)
    criteria_for: dict[str, list[CriterionLink]] = field(default_factory=dict)
    pathway_for: dict[str, list[PathwayLink]] = field(default_factory=dict)
    tools_for: dict[str, list[model.Tool]] = field(default_factory=dict)

    def needs_of(self, strategy: model.Strategy) -> list[model.Need]:
        """The needs a strategy serves; a general practice serves every need."""
        if strategy.needs == "all":
            return list(self.needs)
        return [self.need[need_id] for need_id in strategy.needs]

    def courses_for(self, need_id: str) -> list[model.Course]:
        """Courses whose own words are about the need, or that its strategies name."""
        wanted = {c for s in self.strategies_for[need_id] for c in s.courses}
        return [course for course in self.courses
                if course.id in wanted or need_id in course.needs]

    def documents_for(self, need_id: str) -> set[str]:
        """The seed files whose items the data links to this need."""
        found = {s.source.file for s in self.strategies_for[need_id]}
        found |= {self.strategy[s].source.file for s in self.need[need_id].related_strategies}
        found |= {i.source.file for i in self.indicators_for[need_id]}
        found |= {m.level.source.file for m in self.levels_for[need_id]}
        found |= {link.outcome.source.file for link in self.practices_for[need_id]}
        found |= {link.section.source.file for link in self.criteria_for[need_id]}
        if self.pathway_for[need_id]:
            found.add(self.pathway.definition_source.file)
        found |= {tool.source.file for tool in self.tools_for[need_id]}
        found |= {course.source.file for course in self.courses_for(need_id)}
        return found

    def outcomes_for(self, need_id: str) -> list[model.Outcome]:
        wanted = {o for s in self.strategies_for[need_id] for o in s.outcomes}
        return [outcome for outcome in self.outcome.values() if outcome.id in wanted]


def link(valid: list[Valid]) -> Site:
    """Build the Site from records that passed validation (references are known to resolve)."""
    by_kind: dict[str, list] = defaultdict(list)
    for item in valid:
        by_kind[type(item.record).__name__].append(item.record)

    site = Site(
        sources=by_kind["SourceDocument"],
        needs=by_kind["Need"],
        indicators=by_kind["Indicator"],
        strategies=by_kind["Strategy"],
        levels=sorted(by_kind["Level"], key=lambda level: level.number),
        outcomes=_shown(by_kind, "OutcomesDocument"),
        tools=by_kind["Tool"],
        references=by_kind["Reference"],
        audit=_shown(by_kind, "AuditDocument"),
        pathway=_shown(by_kind, "PathwayDocument"),
        training=_shown(by_kind, "TrainingDocument"),
        glossary=sorted(by_kind["Term"], key=lambda term: term.term.lower()),
        synonyms=by_kind["Synonym"],
        pages={page.id: page for page in by_kind["Page"]},
        terms=_single(by_kind, "SiteTerms"),
        safeguarding=_single(by_kind, "SafeguardingList"),
    )
    site.courses = list(site.training.courses) if site.training else []
    site.need = {need.id: need for need in site.needs}
    site.strategy = {strategy.id: strategy for strategy in site.strategies}
    site.course = {course.id: course for course in site.courses}
    outcomes = site.outcomes.outcomes if site.outcomes else []
    site.outcome = {outcome.id: outcome for outcome in outcomes}
    sections = site.audit.sections if site.audit else []
    site.tool = {tool.id: tool for tool in site.tools}
    site.source = {source.file: source for source in site.sources}

    site.strategies_for = {need.id: [] for need in site.needs}
    for strategy in site.strategies:
        if strategy.needs == "all":
            site.general_strategies.append(strategy)
        else:
            for need_id in strategy.needs:
                site.strategies_for[need_id].append(strategy)

    site.indicators_for = {need.id: [] for need in site.needs}
    for indicator in site.indicators:
        for need_id in indicator.needs:
            site.indicators_for[need_id].append(indicator)

    site.levels_for = {need.id: [] for need in site.needs}
    for level in site.levels:
        for descriptor in level.descriptors:
            for need_id in descriptor.named_needs:
                site.levels_for[need_id].append(LevelMention(level, descriptor))

    site.practices_for = {need.id: [] for need in site.needs}
    for outcome in outcomes:
        for practice in outcome.practices:
            for need_id in practice.needs:
                site.practices_for[need_id].append(PracticeLink(outcome, practice))

    site.criteria_for = {need.id: [] for need in site.needs}
    for section in sections:
        for criterion in section.criteria:
            for need_id in criterion.needs:
                site.criteria_for[need_id].append(CriterionLink(section, criterion))

    site.pathway_for = {need.id: [] for need in site.needs}
    mentions = []
    if site.pathway:
        mentions = [(None, m, 0) for m in site.pathway.definition_mentions]
        mentions += [(stage, m, i) for i, stage in enumerate(site.pathway.stages, 1)
                     for m in stage.mentions]
    for stage, mention, position in mentions:
        for need_id in mention.needs:
            site.pathway_for[need_id].append(PathwayLink(stage, mention, position))

    site.tools_for = {need.id: [tool for tool in site.tools if need.id in tool.needs]
                      for need in site.needs}

    for strategy in site.strategies:
        for kind, ids in (("course", strategy.courses), ("outcome", strategy.outcomes),
                          ("tool", strategy.tools)):
            for target in ids:
                site.strategies_using.setdefault((kind, target), []).append(strategy)

    for section in sections:
        for criterion in section.criteria:
            related = criterion.related
            site.related_to_criterion[criterion.id] = Related(
                [site.strategy[i] for i in related.strategies],
                [site.course[i] for i in related.courses],
                [site.outcome[i] for i in related.outcomes])
    return site


def _shown(by_kind: dict[str, list], name: str):
    """A document's single record, or None where the council does not show it."""
    return _single(by_kind, name) if by_kind[name] else None


def _single(by_kind: dict[str, list], name: str):
    found = by_kind[name]
    if len(found) != 1:
        # validate() guarantees the layout's single documents exist; a missing file is a
        # content problem reported by check(), never a crash here.
        raise LookupError(name)
    return found[0]
