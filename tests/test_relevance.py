"""Does the finder put the right strategies first for what people really type?

Every query in finder_queries.yaml goes through the finder's own search function, on the
finder's own index, in the built page in Chromium. A query is found when a strategy written
for one of its needs (or shown on that need's page as related) is in the top five; general
practices for every need do not count, since they would answer anything.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

QUERIES = Path(__file__).with_name("finder_queries.yaml")
TOP = 5
REQUIRED_SCORE = 0.9


def load_queries() -> list[dict]:
    return yaml.safe_load(QUERIES.read_text(encoding="utf-8"))


def strategies_of_need(built_site: Path) -> dict[str, set[str]]:
    """Need id -> the strategies its page offers: its own and its related ones."""
    needs = json.loads((built_site / "data" / "needs.json").read_text(encoding="utf-8"))
    return {need["id"]: {*need["strategies"], *need["related_strategies"]} for need in needs}


def test_the_query_set_is_big_and_names_real_needs(built_site):
    queries = load_queries()
    known = strategies_of_need(built_site)
    assert len(queries) >= 60
    for entry in queries:
        assert entry["query"].strip() and entry["needs"], entry
        assert set(entry["needs"]) <= set(known), entry


@pytest.fixture
def finder(page, site_url):
    page.goto(site_url + "finder/")
    page.evaluate("() => window.semhFinder.ready")
    return page


def test_everyday_words_find_strategies_for_their_need(finder, built_site, capsys):
    queries = load_queries()
    offered = strategies_of_need(built_site)
    ranked = finder.evaluate(
        """queries => Promise.all(queries.map(({query, age}) =>
               window.semhFinder.search(query, {age: age || []})))""",
        [{"query": entry["query"], "age": entry.get("age", [])} for entry in queries])
    misses = []
    for entry, results in zip(queries, ranked):
        wanted = set().union(*(offered[need] for need in entry["needs"]))
        top = results[:TOP]
        if not any(r["id"] in wanted and not r["forEveryNeed"] for r in top):
            misses.append(f"  {entry['query']!r} (wanted {', '.join(entry['needs'])}) got "
                          f"{[r['id'] for r in top] or 'nothing'}")
    score = 1 - len(misses) / len(queries)
    with capsys.disabled():  # the score is worth seeing on every run, not only on failure
        print(f"\nFinder relevance: {len(queries) - len(misses)}/{len(queries)} queries "
              f"({score:.0%}) have a strategy for their need in the top {TOP}.")
        if misses:
            print("Misses:\n" + "\n".join(misses))
    assert score >= REQUIRED_SCORE, "\n".join(misses)


# A death, a loss or an illness in the family, in people's words, none of them naming
# self-harm; and searches that do, which must still find it.
LOSS = ["his brother was killed in a car crash", "grandad died last month", "mum died",
        "grieving for her nan", "lost his dad", "bereavement", "bereaved",
        "nan passed away at the weekend", "mum has cancer", "dad is seriously ill in hospital",
        "her baby brother died", "miscarriage in the family", "dog was put down",
        "best friend killed in an accident", "going to the funeral on friday",
        "anniversary of his mum's death", "dad terminally ill", "missing her grandma",
        "lost her mum last year", "upset since his uncle died"]
SELF_HARM_NAMED = ["self harming", "cuts herself", "self-harm after her mum died"]


def self_harm_strategies(built_site: Path) -> set[str]:
    """Every strategy whose own title or text speaks of self-harm."""
    strategies = json.loads((built_site / "data" / "strategies.json").read_text(encoding="utf-8"))
    return {s["id"] for s in strategies
            if "self-harm" in f"{s['title']} {s['text']}".lower().replace(" harm", "-harm")}


def test_loss_grief_and_illness_never_bring_a_self_harm_strategy_to_the_top_five(finder, built_site):
    self_harm = self_harm_strategies(built_site)
    assert self_harm
    ranked = finder.evaluate("texts => Promise.all(texts.map(async text => "
                             "(await window.semhFinder.search(text)).slice(0, 5).map(r => r.id)))",
                             LOSS + SELF_HARM_NAMED)
    wrong = {text: top for text, top in zip(LOSS, ranked) if self_harm & set(top)}
    assert wrong == {}
    for text, top in zip(SELF_HARM_NAMED, ranked[len(LOSS):]):
        assert self_harm & set(top), text
