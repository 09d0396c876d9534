"""The finder's data as one file, or, for a large site, in pieces fetched as a query needs them.

One file (finder/finder-data.json, see generator/index.py) is fetched whole before the first
answer. At ten thousand strategies it is half a megabyte gzipped, most of it words no first
query shows, so above SPLIT_ABOVE_KB it is cut into pieces:

- finder-data.json, the first file: everything one file holds except the strategies' own
  index and their display fields. It keeps the vocabulary (every term, so prefix and typing
  slip expansion see every term, as lunr's TokenSet does), the need index whole (its size
  does not grow with strategies), each strategy's needs, ages and tier as numbers (every
  strategy is scored through its needs and counted in the filters), and each strategy
  field's length (BM25 divides by it).
- postings pieces: for a run of terms in alphabetical order, each term's documents and how
  often it occurs in each field. finder.js fetches the pieces of the terms a query expands
  to and works each weight out as it does from one file, so the scores are the same.
- pairs pieces: for a run of words in alphabetical order, which words follow each in which
  strategies, for the finder's boost of words typed side by side; fetched only when two or
  more words are typed.
- display pieces: the id, title, text and council of DISPLAY_CHUNK strategies in a row,
  fetched for the results on screen ("Show more" fetches the next ones).
- typing.json, every postings piece again in one file, and shown.json, every strategy's
  display fields in one file: both fetched when someone first goes into the search box, so
  that no letter typed after they have arrived waits for the network. A shared link that is
  only read fetches neither. Each letter typed brings other results to the screen: at 10,000
  strategies the benchmark's ten queries, typed, fetched 349 of the 1,000 display pieces
  (296 KB gzipped, in as many requests, each keeping a letter's results waiting), against
  409 KB for shown.json once. With every strategy's words in hand, the finder finds words
  side by side in them as the one file does, so the pairs pieces (more bytes than the
  postings) are left out of the typing files.

lunr.js scores a document by the dot product of its field vector with the query's vector,
divided by the query vector's length (lunr.Vector.similarity), so the weights of the query's
own terms score a document exactly as its whole field vector does: the finder keeps only the
weights of the terms fetched (ownScores in site_overrides/assets/finder/score.js).

The pieces sit in a folder named after a hash of their content: a browser that cached the
pieces of an earlier build never mixes them with this build's first file.
"""

from __future__ import annotations

import gzip
import hashlib
from collections.abc import Iterator

from lunr.builder import Builder

from generator import index
from generator.link import Site
from generator.words import terms

# Above this gzipped size of the one file, it is split. On a slow phone connection
# (Lighthouse's mobile throttling: 1.6 Mbit/s and 150 ms a round trip, about 200 KB a
# second) the pieces cost two more round trips after the first file (the postings, then the
# results' display fields), about 300 ms, the time 60 KB take to arrive. One file grows by
# about 50 KB gzipped per 1,000 strategies; the first file of the pieces by about 3 KB, and
# a first query's postings and display fields stay near 25 KB (at 10,000 strategies, a deep
# link's data is 57 KB in pieces against 514 KB in one file). So one file is the quicker up
# to about 100 KB, some 2,000 strategies, and the pieces beyond. mkdocs.yml can set another
# threshold (the semh plugin's finder_split_above_kb).
SPLIT_ABOVE_KB = 100
PIECES = f"{index.FOLDER}/pieces"
# Strategies in a display piece. The results on screen are scattered through the list, so
# a small piece wastes little; twenty results fetch at most twenty pieces.
DISPLAY_CHUNK = 10
# Bytes of a postings or pairs piece, before gzip, once it holds more than one term. A
# query's terms are far apart in the alphabet, so each of them fetches about one piece:
# small pieces waste little of it, but each request costs its headers.
PIECE_BYTES = 4096
SHOWN = ("id", "title", "text", "council")
# The files fetched once someone is in the search box: every postings piece, and every
# strategy's display fields.
WARM = "typing"
EVERY_SHOWN = "shown"


def files(site: Site, split_above_kb: float = SPLIT_ABOVE_KB) -> Iterator[tuple[str, str]]:
    """(path under the docs folder, text) for the finder's data and its search library."""
    strategies, needs = index.strategy_builder(site), index.need_builder(site)
    numbers = index.term_numbers(strategies, needs)
    data = index.finder_data(site, strategies, needs, numbers)
    whole = index.dumps(data)
    if len(gzip.compress(whole.encode("utf-8"), 6)) <= split_above_kb * 1024:
        yield index.DATA, whole
    else:
        yield from split(data, strategies, numbers, hashlib.sha256(whole.encode()).hexdigest())
    yield index.LUNR_JS, index.lunr_js()


def js_order(term: str) -> bytes:
    """A sort key giving JavaScript's string order (UTF-16 code units), which finder.js
    compares piece boundaries with."""
    return term.encode("utf-16-be")


def split(data: dict, builder: Builder, numbers: dict[str, int],
          digest: str) -> Iterator[tuple[str, str]]:
    fields = list(index.STRATEGY_FIELDS)
    count = len(data["strategies"]["id"])
    folder = f"pieces/{digest[:12]}"
    postings = _postings(builder, fields, numbers, count)
    posting_runs = _runs(sorted(postings, key=js_order),
                         lambda term: [numbers[term], postings[term]])
    pairs = _pairs(data["strategies"])
    pair_runs = _runs(sorted(pairs, key=js_order), lambda word: [word, pairs[word]])
    shown = {key: data["strategies"][key] for key in SHOWN}
    first = {key: value for key, value in data.items() if key != "strategyIndex"}
    first["strategies"] = {key: value for key, value in data["strategies"].items()
                           if key not in SHOWN}
    first["strategies"]["count"] = count
    first["strategyIndex"] = {
        **{key: value for key, value in data["strategyIndex"].items() if key != "occurrences"},
        "documentCount": count,
        # term_numbers() numbers the strategy index's terms first.
        "termCount": len({term for counts in builder.field_term_frequencies.values()
                          for term in counts}),
        "lengths": {field: [sum(builder.field_term_frequencies[f"{field}/{ref}"].values())
                            for ref in range(count)] for field in fields},
    }
    first["pieces"] = {
        "folder": folder,
        "postings": [run[0][0] for run in posting_runs],
        "pairs": [run[0][0] for run in pair_runs],
        "displayChunk": DISPLAY_CHUNK,
        "typing": WARM,
        "shown": EVERY_SHOWN,
    }
    yield index.DATA, index.dumps(first)
    for number, run in enumerate(posting_runs):
        yield f"{PIECES}/{digest[:12]}/postings-{number}.json", index.dumps([item for _, item in run])
    for number, run in enumerate(pair_runs):
        yield f"{PIECES}/{digest[:12]}/pairs-{number}.json", index.dumps([item for _, item in run])
    # Once someone is in the box (see warm() in site_overrides/assets/finder/pieces.js): one
    # request for each rather than hundreds.
    yield f"{PIECES}/{digest[:12]}/{WARM}.json", index.dumps({
        "postings": [[item for _, item in run] for run in posting_runs],
    })
    yield f"{PIECES}/{digest[:12]}/{EVERY_SHOWN}.json", index.dumps(shown)
    for number, start in enumerate(range(0, count, DISPLAY_CHUNK)):
        yield (f"{PIECES}/{digest[:12]}/display-{number}.json",
               index.dumps({key: values[start:start + DISPLAY_CHUNK]
                            for key, values in shown.items()}))


def _postings(builder: Builder, fields: list[str], numbers: dict[str, int],
              count: int) -> dict[str, list[list[int]]]:
    """Term -> for each field, its documents and counts: [gap from the document before,
    times it occurs, ...]."""
    postings: dict[str, list[list[int]]] = {}
    last: dict[tuple[str, int], int] = {}
    for ref in range(count):
        for f, field in enumerate(fields):
            for term, times in builder.field_term_frequencies[f"{field}/{ref}"].items():
                posting = postings.setdefault(term, [[] for _ in fields])
                posting[f] += [ref - last.get((term, f), 0), times]
                last[term, f] = ref
    return postings


def _runs(keys: list[str], item) -> list[list[tuple[str, object]]]:
    """Keys in order, cut into runs of about PIECE_BYTES each, with what each piece holds
    for them."""
    runs: list[list[tuple[str, object]]] = []
    size = PIECE_BYTES
    for key in keys:
        entry = item(key)
        length = len(index.dumps(entry))
        if size + length > PIECE_BYTES:
            runs.append([])
            size = 0
        runs[-1].append((key, entry))
        size += length
    return runs


# --- words side by side, as finder.js reads them in a strategy's title and text -------------

def _pairs(strategies: dict) -> dict[str, dict[str, list[int]]]:
    """Word -> word that follows it -> the strategies holding the two side by side, as gaps
    from the one before."""
    holders: dict[str, dict[str, list[int]]] = {}
    for ref, (title, text) in enumerate(zip(strategies["title"], strategies["text"])):
        for words in (terms(title), terms(text)):
            for first, second in zip(words, words[1:]):
                refs = holders.setdefault(first, {}).setdefault(second, [])
                if not refs or refs[-1] != ref:
                    refs.append(ref)
    return {first: {second: [ref - previous for previous, ref in zip([0, *refs], refs)]
                    for second, refs in following.items()}
            for first, following in holders.items()}
