/* A large site's strategy index and display fields, in pieces (see generator/shards.py),
 * fetched as a query needs them. The strategy index is a lunr.Index whose token set holds
 * every term, so lunr expands a query exactly as with the whole index, and whose postings
 * hold the terms fetched so far, with their weights beside them (as weigh() in score.js
 * gives them). A document's score needs the weights of the query's own terms alone
 * (ownScores in score.js), so before a query is scored, every term it expands to is
 * fetched. A site whose data is one file never runs this. */
import { expand } from "./query.js";
import { byCodeUnits, tokenSetOf, weightOf } from "./score.js";

// Pieces put in place between two looks at the keyboard while the index warms up: each
// takes well under a millisecond, so a letter typed meanwhile waits a few at most.
const WARM_BATCH = 8;

/* A term's weight in one field of one document, put with the others of that term. */
function addWeight(weights, term, field, ref, weight) {
  if (!weights.has(term)) weights.set(term, []);
  const perField = weights.get(term);
  perField[field] ||= { refs: [], values: [] };
  perField[field].refs.push(ref);
  perField[field].values.push(weight);
}

/* The piece whose run of words, in alphabetical order, holds `word`. */
function holder(starts, word) {
  let low = 0;
  let high = starts.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (starts[middle] <= word) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}

/* The pieces of the data file `raw`, whose terms are `terms`, for the strategy records
 * `strategies` (data.js), which their display fields are put into. `load(name)` gives a
 * promise of the piece of that name (postings-3, display-12, typing...) as JSON. */
export function makePieces(lunr, raw, terms, strategies, load) {
  const { displayChunk } = raw.pieces;
  const packed = raw.strategyIndex;
  const { k1, b, fields, documentCount, lengths } = packed;
  const names = Object.keys(fields);
  const average = {};
  for (const field of names) {
    average[field] = lengths[field].reduce((sum, length) => sum + length, 0) / documentCount;
  }
  const ownTerms = terms.slice(0, packed.termCount);
  const index = new lunr.Index({
    invertedIndex: Object.create(null),
    fieldVectors: {},
    tokenSet: tokenSetOf(lunr, ownTerms.slice().sort(byCodeUnits)),
    fields: names,
    pipeline: lunr.Pipeline.load(packed.pipeline),
  });
  const noMetadata = Object.freeze({});
  const weights = new Map(); // as weigh() gives them, for the terms fetched so far
  const follows = new Map(); // word -> word after it -> strategies holding the two so
  const fetched = new Map(); // piece name -> its promise, once asked for
  const arrived = new Set(); // piece names put in place
  let warming = null; // the promise of the typing files, once asked for
  let everyShown = false; // every strategy's display fields are here

  function addPostings(piece) {
    for (const [number, perField] of piece) {
      const posting = {};
      const found = [];
      names.forEach((field, f) => {
        posting[field] = {};
        const flat = perField[f];
        let ref = 0;
        for (let i = 0; i < flat.length; i += 2) {
          ref += flat[i];
          posting[field][ref] = noMetadata;
          found.push([field, ref, flat[i + 1]]);
        }
      });
      const idf = lunr.idf(posting, documentCount);
      posting._index = number;
      index.invertedIndex[terms[number]] = posting;
      for (const [field, ref, tf] of found) {
        addWeight(weights, number, names.indexOf(field), ref,
                  weightOf(idf, tf, lengths[field][ref], average[field], fields[field], k1, b));
      }
    }
  }

  function addPairs(piece) {
    for (const [word, after] of piece) {
      const next = new Map();
      for (const [other, gaps] of Object.entries(after)) {
        let ref = 0;
        next.set(other, new Set(gaps.map((gap) => (ref += gap))));
      }
      follows.set(word, next);
    }
  }

  /* The display fields of the strategies from `start` on. */
  function addDisplay(piece, start) {
    piece.id.forEach((id, i) => {
      const strategy = strategies[start + i];
      strategy.id = id;
      strategy.title = piece.title[i];
      strategy.text = piece.text[i];
      strategy.url = raw.strategyUrl.replace("{id}", id);
      strategy.council = raw.councils[piece.council[i]];
    });
  }

  function get(name, put) {
    if (!fetched.has(name)) {
      fetched.set(name, load(name)
        .then((piece) => { put(piece); arrived.add(name); })
        .catch((error) => { fetched.delete(name); throw error; }));
    }
    return fetched.get(name);
  }

  /* null when every piece is here, else a promise that they all are. */
  function fetchAll(wanted) {
    const missing = [...wanted].filter(([name]) => !arrived.has(name));
    return missing.length ? Promise.all(missing.map(([name, put]) => get(name, put))) : null;
  }

  return {
    index,
    weights,
    /* The postings of every term lunr will expand `clauses` to, and the words that follow
     * each of `paired` in the strategies. */
    need(clauses, paired) {
      const wanted = new Map();
      for (const [term] of expand(lunr, index, clauses)) {
        wanted.set(`postings-${holder(raw.pieces.postings, term)}`, addPostings);
      }
      // With every strategy's words here, words side by side are found in them.
      for (const word of everyShown ? [] : paired) {
        const piece = holder(raw.pieces.pairs, word);
        if (piece >= 0) wanted.set(`pairs-${piece}`, addPairs);
      }
      return fetchAll(wanted);
    },
    /* The display fields of these strategies. */
    show(shown) {
      const wanted = new Map();
      for (const { position } of shown) {
        const chunk = Math.floor(position / displayChunk);
        wanted.set(`display-${chunk}`, (piece) => addDisplay(piece, chunk * displayChunk));
      }
      return fetchAll(wanted);
    },
    /* Every postings piece and every strategy's display fields, from one file each (see
     * generator/shards.py). The postings are put in place a few pieces at a time so that
     * letters typed meanwhile are answered between them (fetching, if they must, the
     * pieces not yet in place). A promise that they all are. */
    warm() {
      if (warming) return warming;
      const postings = load(raw.pieces.typing).then(async (typing) => {
        for (const [i, piece] of typing.postings.entries()) {
          const name = `postings-${i}`;
          if (!fetched.has(name)) {
            addPostings(piece);
            arrived.add(name);
            fetched.set(name, Promise.resolve());
          }
          if (i % WARM_BATCH === WARM_BATCH - 1) {
            await new Promise((resolve) => setTimeout(resolve));
          }
        }
      });
      const shown = load(raw.pieces.shown).then((every) => {
        addDisplay(every, 0);
        for (let chunk = 0; chunk * displayChunk < strategies.length; chunk++) {
          arrived.add(`display-${chunk}`);
        }
        everyShown = true;
      });
      warming = Promise.all([postings, shown]).catch((error) => {
        warming = null;
        throw error;
      });
      return warming;
    },
    /* Once every strategy's own words are here, words side by side are looked for in
     * them, as with one file, rather than in the pairs pieces. */
    get everyShown() { return everyShown; },
    sideBySide: (position, first, second) =>
      Boolean(follows.get(first)?.get(second)?.has(position)),
  };
}
