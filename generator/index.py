"""The strategy finder's data: two prebuilt lunr indexes and the strategies' display fields.

Strategies are ranked on two things: their own words, and the needs they serve. The need
words (title, council wording, summary, indicators and the everyday-words list) are the
same for every strategy of a need, so they are indexed once per need, in a small second
index, instead of once per strategy; the browser adds a need's score to its strategies'.
That keeps the index a fraction of the size, and a general practice, which serves every
need, is simply never given need scores, so it cannot match every query.

Both indexes are built by lunr.py and sent as what lunr.py made them from, which is a
fraction of their size; the browser puts them back together exactly (see pack()). They
store no documents: the browser shows strategies from the compact display list in the same
file, whose position is each strategy's lunr ref. On a large site generator/shards.py sends
the same data in pieces.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import lunr
import rjsmin
from lunr.builder import Builder
from lunr.stemmer import stemmer

from generator import words
from generator.link import Site
from generator.model import PHASES, TIERS, Strategy, Synonym
from generator.pages import FINDER, NEEDS, need_page, strategy_page, url_of

FOLDER = FINDER.rpartition("/")[0]
ID_SLOT = "{id}"
DATA = f"{FOLDER}/finder-data.json"
LUNR_JS = f"{FOLDER}/lunr.js"

# Field boosts. A strategy's title is our plain-English name for it, so it outweighs the
# council's longer text. Of a need's words, the everyday words are what people type, and
# the title and council heading name the need outright.
STRATEGY_FIELDS = {"title": 3, "text": 1}
NEED_FIELDS = {"synonyms": 4, "title": 3, "indicators": 2, "summary": 1}
# BM25's term-frequency saturation and length normalisation, lunr's defaults.
K1 = 1.2
B = 0.75
# The need index's length normalisation, less than lunr's: a need people describe in many
# everyday words (a child unhappy or stressed: crying, grief, self-harm, not eating) has a
# long list of them, and a word of a long list must not count for less than the same word
# in a short one.
NEED_B = 0.3

# Phrases people add to any description ("lies all the time"), dropped from a query in
# finder.js. Only from a query: in the councils' words "take up time" means time.
FILLER_PHRASES = ("all the time", "most of the time", "every time", "a lot", "at the moment")


# Words the councils use in another sense than the one people type them in: "understanding
# what lies behind the behaviours" is not about lying. Such a word followed in a query by any
# other word than the one the councils use with it ("lies all the time") finds nothing in the
# strategies' words; typed last it still does, the next word may be coming, but counts less.
# It always matches the needs' words.
OTHER_SENSES = {"lies": ["behind"]}


def _builder(fields: dict[str, int], b: float = B) -> Builder:
    builder = Builder()
    # Every field is given as its terms, read by generator/words.py as finder.js reads a
    # query, so the index pipeline has nothing left to do. Only the search pipeline is
    # serialised, by name: finder.js never runs it, but lunr.js loads it with the index.
    builder.search_pipeline.add(stemmer)
    # lunr's own BM25 settings, set here because the browser needs them too (see pack()).
    builder.k1(K1)
    builder.b(b)
    builder.ref("ref")
    for name, boost in fields.items():
        builder.field(name, boost=boost)
    return builder


def _words(*texts: str) -> list[str]:
    return words.terms(" ".join(texts))


def whole_phrases(synonyms: list[Synonym]) -> list[str]:
    """The everyday phrases made only of stop words and filler ("keeps herself to herself"),
    which word by word would find nothing. Each is indexed as one term, its words joined by
    underscores, and finder.js adds that term when the phrase is typed."""
    phrases = []
    for synonym in synonyms:
        for phrase in synonym.words:
            cut = words.cut(phrase)
            if len(cut) > 1 and not any(words.searched(word) for word in cut):
                phrases.append(" ".join(cut))
    return sorted(set(phrases))


def phrase_term(phrase: str) -> str:
    return phrase.replace(" ", "_")


def strategy_builder(site: Site) -> Builder:
    """The strategy index's builder, every strategy added; build() gives lunr.py's index."""
    builder = _builder(STRATEGY_FIELDS)
    for position, strategy in enumerate(site.strategies):
        builder.add({"ref": str(position), "title": _words(strategy.title),
                     "text": _words(strategy.text)})
    return builder


def need_builder(site: Site) -> Builder:
    """The need index's builder, every need added; build() gives lunr.py's index."""
    builder = _builder(NEED_FIELDS, NEED_B)
    for position, need in enumerate(site.needs):
        # Each everyday word once: "school refusal", "refuses school" and "avoiding school"
        # must not make "school" count three times for non-attendance.
        synonyms = dict.fromkeys(word.lower() for synonym in site.synonyms
                                 if need.id in synonym.needs
                                 for phrase in synonym.words for word in phrase.split())
        for phrase in whole_phrases([s for s in site.synonyms if need.id in s.needs]):
            synonyms.setdefault(phrase_term(phrase))
        builder.add({
            "ref": str(position),
            "title": _words(need.title, need.council_wording),
            "summary": _words(need.summary),
            "indicators": _words(*(i.text for i in site.indicators_for[need.id])),
            "synonyms": _words(" ".join(synonyms)),
        })
    return builder


def term_numbers(*builders: Builder) -> dict[str, int]:
    """Every term of the indexes, numbered in the order the terms first occur.

    lunr lets a term have any number, as long as the inverted index and the vectors agree.
    Numbered this way, the terms read much like the text they came from, and each document
    brings its new terms as a run of consecutive numbers: both compress far better than
    lunr's own alphabetical order.
    """
    numbers: dict[str, int] = {}
    for builder in builders:
        for counts in builder.field_term_frequencies.values():
            for term in counts:
                numbers.setdefault(term, len(numbers))
    return numbers


def _settings(builder: Builder) -> dict:
    """What Index.load needs besides the vectors and postings, as lunr.py's serialize()
    writes it, without building the index only to read them."""
    return {"version": lunr.__TARGET_JS_VERSION__,
            "pipeline": builder.search_pipeline.serialize(), "k1": K1, "b": builder._b}


def pack(builder: Builder, fields: dict[str, int], numbers: dict[str, int]) -> dict:
    """The index lunr.py builds, in what it is made from; the finder
    (site_overrides/assets/finder/score.js) rebuilds it for Index.load.

    lunr.py's index is, for each field of each document, a vector of BM25 weights, one per
    term, and an inverted index that lists again where each term occurs. Every weight is
    worked out from how often the term occurs in that field, the field's length and its
    average length, how many fields hold the term, the field's boost and the two BM25
    settings; the weights, three decimals each, are most of the index and compress poorly.
    So only the occurrences are sent, a list per field per document of term numbers, ascending, each as the gap from the
    one before (a term that occurs twice is there twice: a gap of 0). The finder counts them
    and computes each weight with lunr.py's formula and its rounding to three decimals; a
    test (tests/js/finder-scores.test.js) checks that every weight it gets is the one
    lunr.py computed.
    """
    occurrences: dict[str, list[list[int]]] = {}
    for field in fields:
        documents = []
        for ref in range(builder.document_count):
            counts = builder.field_term_frequencies[f"{field}/{ref}"]
            ascending = sorted(numbers[term] for term, count in counts.items()
                               for _ in range(count))
            documents.append([number - previous for previous, number
                              in zip([0, *ascending], ascending)])
        occurrences[field] = documents
    return {
        **_settings(builder),
        "fields": fields,
        "occurrences": occurrences,
    }


def related_needs(site: Site) -> dict[str, list[str]]:
    """Strategy id -> needs that list it among their related strategies."""
    related: dict[str, list[str]] = {}
    for need in site.needs:
        for strategy_id in need.related_strategies:
            related.setdefault(strategy_id, []).append(need.id)
    return related


def display(site: Site) -> dict:
    """What a result shows, one list per field, in the strategies' order (a lunr ref is a
    position). Needs, ages, tiers and councils are positions in their own lists. The names
    of needs, ages and tiers are not repeated here: the finder's filters, on the same page,
    already show each one, and finder.js takes them from there."""
    need_position = {need.id: i for i, need in enumerate(site.needs)}
    councils = sorted({source.council for source in site.sources})
    related = related_needs(site)
    strategies = site.strategies

    def own_needs(strategy: Strategy) -> list[int]:
        return [] if strategy.needs == "all" else [need_position[n] for n in strategy.needs]

    return {
        "needs": [need.id for need in site.needs],
        "ages": list(PHASES),
        "tiers": list(TIERS),
        "councils": councils,
        "fillerWords": list(words.FILLER_WORDS),
        "fillerPhrases": list(FILLER_PHRASES),
        "wholePhrases": whole_phrases(site.synonyms),
        "otherSenses": OTHER_SENSES,
        # Each entry of the everyday-words list, as need positions and words: they rank a
        # need's strategies by the words of the entry a query hit, and, when nothing
        # matches, point to the needs whose everyday words come closest to what was typed.
        "synonyms": [[[need_position[n] for n in synonym.needs], list(synonym.words)]
                     for synonym in site.synonyms],
        "needsUrl": url_of(NEEDS),
        # Every need's and every strategy's page is at the same place but for its id.
        "needUrl": url_of(need_page(ID_SLOT)),
        "strategyUrl": url_of(strategy_page(ID_SLOT)),
        "strategies": {
            "id": [s.id for s in strategies],
            "title": [s.title for s in strategies],
            "text": [" ".join(s.text.split()) for s in strategies],
            "needs": [own_needs(s) for s in strategies],
            "forEveryNeed": [i for i, s in enumerate(strategies) if s.needs == "all"],
            # Needs that show this strategy as related although it is listed elsewhere.
            "related": {str(i): [need_position[n] for n in related[s.id]]
                        for i, s in enumerate(strategies) if s.id in related},
            # An empty list: any age, the council gives none (the finder matches every age).
            "ages": [[] if s.ages == "any" else [PHASES.index(age) for age in s.ages]
                     for s in strategies],
            "tier": [TIERS.index(s.tier) for s in strategies],
            "council": [councils.index(site.source[s.source.file].council) for s in strategies],
        },
    }


def finder_data(site: Site, strategies: Builder, needs: Builder,
                numbers: dict[str, int]) -> dict:
    """The finder's data as one file holds it, from the two builders and term_numbers()."""
    # The terms come after the strategies' text, which gzip then finds most of them in.
    return {
        **display(site),
        # A term never holds a space: lunr splits words at spaces.
        "terms": " ".join(numbers),
        "strategyIndex": pack(strategies, STRATEGY_FIELDS, numbers),
        "needIndex": pack(needs, NEED_FIELDS, numbers),
    }


def dumps(data) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def lunr_js() -> str:
    """lunr.js as MkDocs ships it, the same 2.3.9 the index is built for, minified: MkDocs
    ships it with its comments, nearly half of its size."""
    # Found beside the search plugin's module, not through importlib.resources: ProperDocs
    # answers `mkdocs.*` imports with its own modules under an alias, which has no resource
    # reader of its own, and the module's file is where the engine that runs keeps it.
    search = importlib.import_module("mkdocs.contrib.search")
    source = Path(search.__file__).parent / "templates" / "search" / "lunr.js"
    text = source.read_text(encoding="utf-8")
    # The opening comment is lunr's copyright and MIT licence notice, which must stay.
    notice = text[:text.index("*/") + 2]
    return notice + "\n" + rjsmin.jsmin(text[len(notice):])
