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


@dataclass
class Site:
    """All content, validated and cross-linked. Nothing below this point reads YAML."""

    sources: list[model.SourceDocument]
    needs: list[model.Need]
    indicators: list[model.Indicator]
    strategies: list[model.Strategy]
    levels: list[model.Level]
    outcomes: model.OutcomesDocument
    tools: list[model.Tool]
    references: list[model.Reference]
    audit: model.AuditDocument
    pathway: model.PathwayDocument
    training: model.TrainingDocument
    glossary: list[model.Term]
    synonyms: list[model.Synonym]
    pages: dict[str, model.Page]
    safeguarding: model.SafeguardingList
    # The publishing council, set by build.check() once its profile is valid.
    council: model.CouncilProfile | None = None
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

    def needs_of(self, strategy: model.Strategy) -> list[model.Need]:
        """The needs a strategy serves; a general practice serves every need."""
        if strategy.needs == "all":
            return list(self.needs)
        return [self.need[need_id] for need_id in strategy.needs]

    def courses_for(self, need_id: str) -> list[model.Course]:
        wanted = {c for s in self.strategies_for[need_id] for c in s.courses}
        return [course for course in self.courses if course.id in wanted]

    def outcomes_for(self, need_id: str) -> list[model.Outcome]:
        wanted = {o for s in self.strategies_for[need_id] for o in s.outcomes}
        return [outcome for outcome in self.outcomes.outcomes if outcome.id in wanted]


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
        outcomes=_single(by_kind, "OutcomesDocument"),
        tools=by_kind["Tool"],
        references=by_kind["Reference"],
        audit=_single(by_kind, "AuditDocument"),
        pathway=_single(by_kind, "PathwayDocument"),
        training=_single(by_kind, "TrainingDocument"),
        glossary=sorted(by_kind["Term"], key=lambda term: term.term.lower()),
        synonyms=by_kind["Synonym"],
        pages={page.id: page for page in by_kind["Page"]},
        safeguarding=_single(by_kind, "SafeguardingList"),
    )
    site.courses = list(site.training.courses)
    site.need = {need.id: need for need in site.needs}
    site.strategy = {strategy.id: strategy for strategy in site.strategies}
    site.course = {course.id: course for course in site.courses}
    site.outcome = {outcome.id: outcome for outcome in site.outcomes.outcomes}
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
            for need_id in descriptor.needs:
                site.levels_for[need_id].append(LevelMention(level, descriptor))

    for strategy in site.strategies:
        for kind, ids in (("course", strategy.courses), ("outcome", strategy.outcomes),
                          ("tool", strategy.tools)):
            for target in ids:
                site.strategies_using.setdefault((kind, target), []).append(strategy)
    return site


def _single(by_kind: dict[str, list], name: str):
    found = by_kind[name]
    if len(found) != 1:
        # validate() guarantees the layout's single documents exist; a missing file is a
        # content problem reported by check(), never a crash here.
        raise LookupError(name)
    return found[0]
