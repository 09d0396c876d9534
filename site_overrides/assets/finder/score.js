/* Scoring as lunr scores. The data file sends lunr.py's indexes as what they were made of
 * (pack() in generator/index.py): for each field of each document, the numbers of its
 * terms, ascending, as gaps. lunr.py's BM25 weights are worked out here from those with its
 * formula and its rounding, and documents are scored for the typed terms from the weights
 * of those terms alone, so the scores are lunr's to the last bit
 * (tests/js/finder-scores.test.js compares every weight and score). No page and no
 * network: lunr.js is handed in. */
import { buildQuery, expand, finds } from "./query.js";

/* lunr.py's BM25 weight of a term in a field, worked out the way lunr.py works it out and
 * rounded the way it rounds (toFixed rounds the exact value, as Python's round does). */
export function weightOf(idf, tf, length, average, boost, k1, b) {
  // The same sum, in the same order, as lunr.py's Builder._create_field_vectors.
  let score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf);
  score *= boost;
  return Number(score.toFixed(3));
}

/* lunr's token set of an index's terms, built as lunr.Index.load builds it. */
export function tokenSetOf(lunr, sortedTerms) {
  const builder = new lunr.TokenSet.Builder();
  for (const term of sortedTerms) builder.insert(term);
  builder.finish();
  return builder.root;
}

export const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/* An index's terms and weights straight from what it was made of, without lunr's field
 * vectors, which the finder does not read: the searchable index (its token set, and each
 * term's number) and the weights, as weights.get(term number) -> for each field (by its
 * place in fields), the documents holding the term and its weight in each, as {refs,
 * values}. The documents holding each term are counted and placed in two passes over flat
 * arrays; a term's weights are worked out when a query first asks for them, so a shared
 * link does a few hundred, not every one. lunr.Index.load(unpack(...)) gives the same
 * weights, as field vectors. */
export function weigh(lunr, packed, terms) {
  const { k1, b, fields, occurrences } = packed;
  const names = Object.keys(fields);
  const documentCount = occurrences[names[0]].length;
  const termCount = terms.length;
  // holding[f * termCount + term]: the documents whose field f holds the term.
  const holding = new Int32Array(names.length * termCount);
  const fieldsHolding = new Int32Array(termCount); // lunr's "documents with term"
  const lengths = names.map(() => new Int32Array(documentCount));
  names.forEach((name, f) => {
    occurrences[name].forEach((gaps, ref) => {
      let term = 0;
      for (let i = 0; i < gaps.length; i++) {
        term += gaps[i];
        // Ascending, so a term occurring again is a gap of 0: count each term once.
        if (i === 0 || gaps[i] !== 0) {
          holding[f * termCount + term]++;
          fieldsHolding[term]++;
        }
      }
      lengths[f][ref] = gaps.length;
    });
  });
  // Each (field, term)'s documents sit together from start[f * termCount + term].
  const start = new Int32Array(holding.length + 1);
  for (let i = 0; i < holding.length; i++) start[i + 1] = start[i] + holding[i];
  const refs = new Int32Array(start[holding.length]);
  const times = new Int32Array(start[holding.length]);
  const next = start.slice(0, holding.length);
  names.forEach((name, f) => {
    occurrences[name].forEach((gaps, ref) => {
      let term = 0;
      for (let i = 0; i < gaps.length; i++) {
        term += gaps[i];
        const slot = f * termCount + term;
        if (i === 0 || gaps[i] !== 0) {
          refs[next[slot]] = ref;
          times[next[slot]++] = 1;
        } else {
          times[next[slot] - 1]++;
        }
      }
    });
  });
  const average = lengths.map((perDocument) =>
    perDocument.reduce((sum, length) => sum + length, 0) / documentCount);
  const cache = new Map();
  const weights = {
    get(term) {
      if (!fieldsHolding[term]) return undefined;
      if (cache.has(term)) return cache.get(term);
      // lunr.idf's sum, over the fields holding the term, in lunr's order of operations.
      const held = fieldsHolding[term];
      const idf = Math.log(1 + Math.abs((documentCount - held + 0.5) / (held + 0.5)));
      const perField = names.map((name, f) => {
        const from = start[f * termCount + term];
        const to = start[f * termCount + term + 1];
        if (from === to) return undefined;
        const values = new Float64Array(to - from);
        for (let i = from; i < to; i++) {
          values[i - from] = weightOf(idf, times[i], lengths[f][refs[i]], average[f],
                                      fields[name], k1, b);
        }
        return { refs: refs.subarray(from, to), values };
      });
      cache.set(term, perField);
      return perField;
    },
  };
  const invertedIndex = Object.create(null);
  for (let term = 0; term < termCount; term++) {
    if (fieldsHolding[term]) invertedIndex[terms[term]] = { _index: term };
  }
  const index = new lunr.Index({
    invertedIndex,
    fieldVectors: {},
    tokenSet: tokenSetOf(lunr, Object.keys(invertedIndex).sort(byCodeUnits)),
    fields: names,
    pipeline: lunr.Pipeline.load(packed.pipeline),
  });
  return { index, weights };
}

/* lunr.py's index as lunr.py serialised it, for lunr.Index.load: field vectors, inverted
 * index and all. */
export function unpack(lunr, packed, terms) {
  const { k1, b, fields, occurrences } = packed;
  const names = Object.keys(fields);
  const documentCount = occurrences[names[0]].length;
  const postings = new Map(); // term number -> lunr posting: {field: {ref: metadata}}
  // No metadata is kept, and lunr only reads it, so every occurrence shares one.
  const noMetadata = Object.freeze({});
  const counted = []; // [field, ref, Map(term number -> times it occurs), field length]
  for (const field of names) {
    occurrences[field].forEach((gaps, ref) => {
      const times = new Map();
      let term = 0;
      for (const gap of gaps) {
        term += gap;
        times.set(term, (times.get(term) || 0) + 1);
        if (!postings.has(term)) {
          const posting = {};
          for (const name of names) posting[name] = {};
          postings.set(term, posting);
        }
        postings.get(term)[field][ref] = noMetadata;
      }
      counted.push([field, ref, times, gaps.length]);
    });
  }
  const average = {};
  for (const field of names) {
    const lengths = occurrences[field].reduce((sum, gaps) => sum + gaps.length, 0);
    average[field] = lengths / documentCount;
  }
  const idf = new Map();
  for (const [term, posting] of postings) idf.set(term, lunr.idf(posting, documentCount));
  const fieldVectors = counted.map(([field, ref, times, length]) => {
    const elements = [];
    for (const [term, tf] of times) {
      elements.push(term, weightOf(idf.get(term), tf, length, average[field], fields[field],
                                   k1, b));
    }
    return [`${field}/${ref}`, elements];
  });
  // lunr.Index.load wants the inverted index in alphabetical order.
  const invertedIndex = [...postings.keys()]
    .map((term) => [terms[term], term])
    .sort(([a], [c]) => byCodeUnits(a, c))
    .map(([text, term]) => {
      const posting = postings.get(term);
      posting._index = term;
      return [text, posting];
    });
  return { version: packed.version, fields: names, fieldVectors, invertedIndex,
           pipeline: packed.pipeline };
}

/* Each document's score by lunr's own query, and the index terms the query found, as
 * {scores, hits}. A document holding every typed word counts `allWordsBoost` times. */
export function scores(lunr, index, typed, { allWordsBoost = 1 } = {}) {
  const found = new Map();
  const hits = new Set();
  if (typed.length === 0) return { scores: found, hits };
  for (const { ref, score, matchData } of index.query((query) => buildQuery(lunr, query, typed))) {
    const hit = Object.keys(matchData.metadata);
    for (const term of hit) hits.add(term);
    const holdsAll = typed.every((typedTerm) => hit.some((term) => finds(term, typedTerm)));
    found.set(Number(ref), holdsAll ? score * allWordsBoost : score);
  }
  return { scores: found, hits };
}

/* The documents' scores, as scores(lunr, index, typed, options).scores gives them to the
 * last bit, from `weights` (weigh() above, or the pieces fetched so far) for much less
 * work: lunr's query makes a Set, a FieldRef and a MatchData for every document each term
 * is in, and walks each matched document's whole field vectors, where only the query's
 * own terms count. As lunr does, a document scores, in each field, the sum in term
 * order of each query term's weight times the boosts of the clauses that found it, over
 * the length of those boosts as a vector; and the sum of its fields, which is lunr's in
 * either order with the two fields, title and text. */
export function ownScores(lunr, index, weights, typed, { allWordsBoost = 1 } = {}) {
  const found = new Map();
  if (typed.length === 0) return found;
  const boosts = new Map(); // term number -> the boosts of the clauses that found it
  const holds = new Map(); // term number -> the typed terms it is found for, as bits
  for (const [term, boost] of expand(lunr, index, typed)) {
    const number = index.invertedIndex[term]._index;
    boosts.set(number, (boosts.get(number) || 0) + boost);
    // Only a boost for holding every word asks which words a term is found for (the
    // words of a query are at most MOST_WORDS, so they fit in the bits of a number).
    if (allWordsBoost !== 1 && !holds.has(number)) {
      holds.set(number, typed.reduce((bits, t, i) => (finds(term, t) ? bits | (1 << i) : bits), 0));
    }
  }
  const numbers = [...boosts.keys()].sort((a, b) => a - b);
  let squares = 0;
  for (const number of numbers) squares += boosts.get(number) * boosts.get(number);
  const length = Math.sqrt(squares);
  const held = new Map(); // document -> the typed terms it holds, as bits
  index.fields.forEach((_, field) => {
    const dots = new Map();
    for (const number of numbers) {
      const posting = weights.get(number)?.[field];
      if (!posting) continue;
      const boost = boosts.get(number);
      const bits = holds.get(number);
      const { refs, values } = posting;
      for (let i = 0; i < refs.length; i++) {
        dots.set(refs[i], (dots.get(refs[i]) || 0) + boost * values[i]);
        if (bits) held.set(refs[i], (held.get(refs[i]) || 0) | bits);
      }
    }
    for (const [ref, dot] of dots) found.set(ref, (found.get(ref) || 0) + (dot / length || 0));
  });
  const all = (1 << typed.length) - 1;
  for (const [ref, bits] of held) {
    if (bits === all) found.set(ref, found.get(ref) * allWordsBoost);
  }
  return found;
}
