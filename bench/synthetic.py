"""Synthetic content at a chosen number of strategies, made from the councils' own sentences.

The real strategies stay (needs name some of them as related, so the content must keep
validating); the rest are new strategies whose titles and texts are walks through a word
chain learnt from council wording across the content: each word is followed by a word that
follows it somewhere in the councils' text. Their words, lengths and vocabulary look like
the real thing without repeating whole clauses, which would flatter gzip. Needs, ages and
tiers are drawn in roughly the real proportions.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import yaml

from generator.build import check
from generator.link import Site
from generator.localsite import copy_project
from generator.model import PHASES

class _PlainDumper(yaml.SafeDumper):
    """Writes a list shared by several strategies out in full each time: the loader refuses
    YAML anchors and aliases, as it would in an author's file."""

    def ignore_aliases(self, data):
        return True


_NOT_ID = re.compile(r"[^a-z0-9]+")

# Strategies in one synthetic file: about 350 KB of YAML, like a large council's file.
PER_FILE = 1000


def council_texts(site: Site) -> list[str]:
    """The councils' wording across the content: strategies, indicators, levels, audit,
    outcomes."""
    texts = [s.text for s in site.strategies] + [i.text for i in site.indicators]
    for level in site.levels:
        for descriptor in level.descriptors:
            texts += [descriptor.text, *descriptor.items]
    for section in site.audit.sections:
        texts += [criterion.text for criterion in section.criteria]
    for outcome in site.outcomes.outcomes:
        texts += [practice.text for practice in outcome.practices]
    return texts


class WordChain:
    """Which words follow which in the councils' text, to write new text that reads alike."""

    def __init__(self, texts: list[str], rng: random.Random):
        self.rng = rng
        self.starts: list[str] = []
        self.next: dict[str, list[str]] = {}
        for text in texts:
            words = text.split()
            if len(words) < 2:
                continue
            self.starts.append(words[0])
            for word, following in zip(words, words[1:]):
                self.next.setdefault(word, []).append(following)

    def words(self, count: int) -> list[str]:
        word = self.rng.choice(self.starts)
        out = [word]
        while len(out) < count:
            word = self.rng.choice(self.next.get(word) or self.starts)
            out.append(word)
        return out


def synthetic_strategies(site: Site, count: int, seed: int = 1) -> dict[str, list[dict]]:
    """`count` new strategies, grouped by the file they go in (by need, and general)."""
    rng = random.Random(seed)
    chain = WordChain(council_texts(site), rng)
    text_lengths = [len(s.text.split()) for s in site.strategies]
    need_ids = [need.id for need in site.needs if site.strategies_for[need.id]]
    source = site.strategies[0].source.model_dump()
    age_patterns = [s.ages if s.ages == "any" else list(s.ages) for s in site.strategies]
    tiers = [s.tier for s in site.strategies if s.needs != "all"]
    files: dict[str, list[dict]] = {}
    counts: dict[str, int] = {}
    for number in range(1, count + 1):
        title_words = chain.words(rng.randint(3, 7))
        title = " ".join(title_words)
        title = title[0].upper() + title[1:]
        text = " ".join(chain.words(rng.choice(text_lengths)))
        roll = rng.random()
        if roll < 0.05:
            needs: list[str] | str = "all"
            tier = "whole-setting"
        else:
            needs = rng.sample(need_ids, 2 if roll > 0.9 else 1)
            tier = rng.choice(tiers)
        slug = _NOT_ID.sub("-", " ".join(title_words[:4]).lower()).strip("-") or "strategy"
        strategy = {
            "id": f"{slug}-{number}",
            "title": title,
            "text": text,
            "needs": needs,
            "ages": rng.choice(age_patterns) if rng.random() < 0.9 else sorted(
                rng.sample(list(PHASES), 2), key=PHASES.index),
            "tier": tier,
            "source": source,
        }
        group = "general" if needs == "all" else needs[0]
        written = counts[group] = counts.get(group, 0) + 1
        # Files of PER_FILE strategies at most: the loader refuses a content file over 1 MiB,
        # which one file per need passes at about 3,000 strategies.
        part = (written - 1) // PER_FILE + 1
        files.setdefault(f"synthetic-{group}-{part}.yaml", []).append(strategy)
    return files


def make_project(real_root: Path, target: Path, strategies: int) -> Path:
    """A copy of the project whose content holds `strategies` strategies in all."""
    shutil.rmtree(target, ignore_errors=True)
    copy_project(real_root, target)
    site, problems = check(real_root)
    if site is None:
        raise SystemExit("The real content does not validate:\n" +
                         "\n".join(str(problem) for problem in problems))
    extra = max(0, strategies - len(site.strategies))
    for name, records in synthetic_strategies(site, extra).items():
        (target / "strategies" / name).write_text(
            yaml.dump(records, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                      width=1000),
            encoding="utf-8")
    return target
