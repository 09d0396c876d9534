"""The strategy finder's data: two prebuilt lunr indexes and the strategies' display fields.

Strategies are ranked on two things: their own words, and the needs they serve. The need
words (title, council wording, summary, indicators and the everyday-words list) are the
same for every strategy of a need, so they are indexed once per need, in a small second
index, instead of once per strategy; the browser adds a need's score to its strategies'.
That keeps the index a fraction of the size, and a general practice, which serves every
need, is simply never given need scores, so it cannot match every query.

The indexes store no documents. The browser shows strategies from the compact display
list in the same file, whose position is each strategy's lunr ref.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from importlib import resources

from lunr.builder import Builder
from lunr.pipeline import Pipeline
from lunr.stemmer import PorterStemmer, stemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

from generator.link import Site
from generator.model import PHASES, TIERS, Strategy
from generator.pages import FINDER, need_page, strategy_page, url_of
from generator.render import PHASE_LABELS, TIER_LABELS

FOLDER = FINDER.rpartition("/")[0]
ID_SLOT = "{id}"
DATA = f"{FOLDER}/finder-data.json"
LUNR_JS = f"{FOLDER}/lunr.js"

# Field boosts. A strategy's title is our plain-English name for it, so it outweighs the
# council's longer text. Of a need's words, the everyday words are what people type, and
# the title and council heading name the need outright.
STRATEGY_FIELDS = {"title": 3, "text": 1}
NEED_FIELDS = {"synonyms": 4, "title": 3, "indicators": 2, "summary": 1}

# The browser trims tokens with lunr.js's trimmer, whose \W is ASCII-only; lunr.py's own
# trimmer keeps punctuation inside a word differently ("won't," stays whole), so the index
# is trimmed the way lunr.js trims a query.
_LEADING = re.compile(r"^\W+", re.ASCII)
_TRAILING = re.compile(r"\W+$", re.ASCII)
# Phones type curly apostrophes; the content has straight and curly ones. lunr splits words
# only at spaces and hyphens, so "anxiety/depression" would be one word without the slash.
# finder.js normalises a query the same way.
NORMALISE = str.maketrans({"\u2019": "'", "\u2018": "'", "/": " "})


def js_trimmer(token: Token, i=None, tokens=None) -> Token:
    return token.update(lambda text, metadata=None: _TRAILING.sub("", _LEADING.sub("", text)))


# Words people write about any child, which say nothing about the need: "wets himself" is
# about wetting, and "the child or young person" opens every need's summary. They are
# dropped with lunr's own stop words, from the index here and from a query in finder.js.
FILLER_WORDS = (
    "himself", "herself", "themselves", "themself", "he's", "she's", "they're", "i'm",
    "child", "children", "child's", "young", "person", "people", "kid", "kids", "boy", "girl",
    "pupil", "pupils", "student", "students", "son", "daughter", "really", "very", "always",
    "keeps",
)


def drop_filler(token: Token, i=None, tokens=None) -> Token | None:
    return None if str(token) in FILLER_WORDS else token


class LunrJsStemmer(PorterStemmer):
    """lunr.py's Porter stemmer, but ending a word the way lunr.js (which stems the query)
    does: there a final y becomes i only after a consonant ("cry" -> "cri", "shy" -> "shi")
    and never after a vowel ("key", "play" stay), where lunr.py does the opposite. Without
    this, "key" in the index ("kei") would never match "key" typed in the browser."""

    def step1c(self) -> None:
        if self.ends("y") and self.j > self.k0 and self.b[self.j] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


_stemmer = LunrJsStemmer()


def js_stemmer(token: Token, i=None, tokens=None) -> Token:
    return token.update(_stemmer.stem)


Pipeline.register_function(js_trimmer, "jsTrimmer")
Pipeline.register_function(drop_filler, "dropFiller")
Pipeline.register_function(js_stemmer, "jsStemmer")


def _builder(fields: dict[str, int]) -> Builder:
    builder = Builder()
    builder.pipeline.add(js_trimmer, stop_word_filter, drop_filler, js_stemmer)
    # Only the search pipeline is serialised, by name: in the browser it is lunr.js's own
    # stemmer, which js_stemmer matches.
    builder.search_pipeline.add(stemmer)
    builder.ref("ref")
    for name, boost in fields.items():
        builder.field(name, boost=boost)
    return builder


def pack(serialized: dict) -> dict:
    """lunr.py's serialised index, packed for the wire; finder.js unpacks it for Index.load.

    The inverted index lists, for each term, the fields and documents it occurs in, and
    every such occurrence is also an entry of that document's field vector, so only the
    vectors are sent. Terms are renumbered in sorted order, which lunr allows (a term's
    number only has to agree between the two), so a term's number is its place in the
    list. Each vector is a flat list of (gap to the previous term number, score x 1000):
    lunr.py rounds scores to 3 decimals, so nothing is lost.
    """
    terms = [term for term, _ in serialized["invertedIndex"]]
    number = {posting["_index"]: place
              for place, (_, posting) in enumerate(serialized["invertedIndex"])}
    fields = serialized["fields"]
    vectors: dict[str, dict[int, list[int]]] = {field: {} for field in fields}
    for field_ref, elements in serialized["fieldVectors"]:
        field, _, ref = field_ref.partition("/")
        pairs = sorted((number[old], score) for old, score in zip(elements[::2], elements[1::2]))
        flat, previous = [], 0
        for term_number, score in pairs:
            flat += [term_number - previous, round(score * 1000)]
            previous = term_number
        vectors[field][int(ref)] = flat
    return {
        "version": serialized["version"],
        "pipeline": serialized["pipeline"],
        "fields": fields,
        "terms": terms,
        # Refs are the strategies' (or needs') positions 0..n-1, so a list is enough.
        "vectors": {field: [by_ref[ref] for ref in range(len(by_ref))]
                    for field, by_ref in vectors.items()},
    }


def _words(*texts: str) -> str:
    return " ".join(texts).translate(NORMALISE)


def strategy_index(site: Site) -> dict:
    builder = _builder(STRATEGY_FIELDS)
    for position, strategy in enumerate(site.strategies):
        builder.add({"ref": str(position), "title": _words(strategy.title),
                     "text": _words(strategy.text)})
    return builder.build().serialize()


def need_index(site: Site) -> dict:
    builder = _builder(NEED_FIELDS)
    for position, need in enumerate(site.needs):
        # Each everyday word once: "school refusal", "refuses school" and "avoiding school"
        # must not make "school" count three times for non-attendance.
        synonyms = dict.fromkeys(word.lower() for synonym in site.synonyms
                                 if need.id in synonym.needs
                                 for phrase in synonym.words for word in phrase.split())
        builder.add({
            "ref": str(position),
            "title": _words(need.title, need.council_wording),
            "summary": _words(need.summary),
            "indicators": _words(*(i.text for i in site.indicators_for[need.id])),
            "synonyms": _words(" ".join(synonyms)),
        })
    return builder.build().serialize()


def related_needs(site: Site) -> dict[str, list[str]]:
    """Strategy id -> needs that list it among their related strategies."""
    related: dict[str, list[str]] = {}
    for need in site.needs:
        for strategy_id in need.related_strategies:
            related.setdefault(strategy_id, []).append(need.id)
    return related


def display(site: Site) -> dict:
    """What a result shows, one list per field, in the strategies' order (a lunr ref is a
    position). Needs, ages, tiers and councils are positions in their own lists."""
    need_position = {need.id: i for i, need in enumerate(site.needs)}
    councils = sorted({source.council for source in site.sources})
    related = related_needs(site)
    strategies = site.strategies

    def own_needs(strategy: Strategy) -> list[int]:
        return [] if strategy.needs == "all" else [need_position[n] for n in strategy.needs]

    return {
        "needs": [{"id": need.id, "title": need.title, "url": url_of(need_page(need.id))}
                  for need in site.needs],
        "ages": [{"id": age, "label": PHASE_LABELS[age]} for age in PHASES],
        "tiers": [{"id": tier, "label": TIER_LABELS[tier]} for tier in TIERS],
        "councils": councils,
        "fillerWords": list(FILLER_WORDS),
        # Every strategy's page is at the same place but for its id.
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
            "ages": [[PHASES.index(age) for age in s.ages] for s in strategies],
            "tier": [TIERS.index(s.tier) for s in strategies],
            "council": [councils.index(site.source[s.source.file].council) for s in strategies],
        },
    }


def finder_data(site: Site) -> str:
    data = {"strategyIndex": pack(strategy_index(site)), "needIndex": pack(need_index(site)),
            **display(site)}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def lunr_js() -> str:
    """lunr.js as MkDocs ships it, the same 2.3.9 the index is built for."""
    source = resources.files("mkdocs.contrib.search") / "templates" / "search" / "lunr.js"
    return source.read_text(encoding="utf-8")


def files(site: Site) -> Iterator[tuple[str, str]]:
    """(path under the docs folder, text) for the finder's data and its search library."""
    yield DATA, finder_data(site)
    yield LUNR_JS, lunr_js()
