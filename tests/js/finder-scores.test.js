/* The finder's scores are lunr's: every weight it works out from the term occurrences the
 * data file sends is the one lunr.py computed, and every score of every query people type,
 * and of each half-typed start of one, is what lunr's own query gives, to the last bit. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { ALL_WORDS_BOOST } from "../../site_overrides/assets/finder/rank.js";
import { ownScores, scores, unpack, weigh } from "../../site_overrides/assets/finder/score.js";
import { finderFixture, makeFinder, siteLunr } from "./finder-support.js";

const { oneFile, lunrPy, queries } = finderFixture();
const raw = oneFile["finder-data.json"];
const terms = raw.terms.split(" ");
const lunr = siteLunr();

/* lunr.py's index, as the finder's modules rebuild it for lunr.Index.load. */
const rebuilt = {
  strategy: lunr.Index.load(unpack(lunr, raw.strategyIndex, terms)),
  need: lunr.Index.load(unpack(lunr, raw.needIndex, terms)),
};

/* An index's term numbers, by term. */
const numbersOf = (index) => Object.fromEntries(
  Object.entries(index.invertedIndex).map(([term, posting]) => [term, posting._index]));

/* Each field vector of an index as {term: weight}, whatever numbers the terms were given,
 * by its ref ("title/3"). */
function vectorsOf(index) {
  const termOf = Object.fromEntries(Object.entries(numbersOf(index)).map(([t, n]) => [n, t]));
  return new Map(Object.entries(index.fieldVectors).map(([ref, { elements }]) => {
    const out = {};
    for (let i = 0; i < elements.length; i += 2) out[termOf[elements[i]]] = elements[i + 1];
    return [ref, out];
  }));
}

const sorted = (weights) => JSON.stringify(Object.entries(weights || {}).sort());

test("every weight of every term in every field of every document is lunr.py's", () => {
  const differences = [];
  for (const [name, serialised] of Object.entries(lunrPy)) {
    const original = lunr.Index.load(serialised);
    const shipped = rebuilt[name];
    if (Object.keys(original.invertedIndex).sort().join()
        !== Object.keys(shipped.invertedIndex).sort().join()) differences.push(`${name}: terms`);
    const refs = Object.keys(original.fieldVectors).sort();
    if (refs.join() !== Object.keys(shipped.fieldVectors).sort().join()) {
      differences.push(`${name}: field vectors`);
    }
    const [theirs, ours] = [vectorsOf(original), vectorsOf(shipped)];
    for (const ref of refs) {
      const a = sorted(theirs.get(ref));
      const b = sorted(ours.get(ref));
      if (a !== b) differences.push(`${name} ${ref}: ${a} != ${b}`);
    }
    for (const word of ["behaviour", "calm*", "anxiety", "school", "friend~1", "adult",
                        "sensory", "meltdown", "attendance", "routine"]) {
      const a = JSON.stringify(original.search(word).map((r) => [r.ref, r.score]));
      const b = JSON.stringify(shipped.search(word).map((r) => [r.ref, r.score]));
      if (a !== b) differences.push(`${name} search ${word}`);
    }
  }
  assert.deepEqual(differences, []);
});

test("the weights the finder searches with, term by term, are the field vectors' own", () => {
  const { index, weights } = weigh(lunr, raw.strategyIndex, terms);
  const original = lunr.Index.load(lunrPy.strategy);
  const vectors = vectorsOf(original);
  const differences = [];
  const numbers = Object.entries(numbersOf(index));
  for (const [term, number] of numbers) {
    const perField = weights.get(number);
    index.fields.forEach((field, f) => {
      const got = perField[f]
        ? [...perField[f].refs].map((ref, i) => [ref, perField[f].values[i]]) : [];
      const wanted = Object.keys(original.invertedIndex[term][field]).map(Number)
        .sort((a, b) => a - b).map((ref) => [ref, vectors.get(`${field}/${ref}`)[term]]);
      if (JSON.stringify(got) !== JSON.stringify(wanted)) differences.push(`${term} in ${field}`);
    });
  }
  assert.ok(numbers.length > 300, `${numbers.length} terms`);
  assert.deepEqual(differences, []);
});

test("the finder scores strategies as lunr's own query does, for 1,000 and more typings", async () => {
  const { data, search } = await makeFinder();
  const typed = [...new Set(queries.flatMap(({ query }) =>
    Array.from({ length: Math.max(0, query.length - 2) }, (_, i) => query.slice(0, i + 3))))].sort();
  const options = { allWordsBoost: ALL_WORDS_BOOST };
  const key = (found) => JSON.stringify([...found].sort((a, b) => a[0] - b[0]));
  const differences = typed.filter((text) => {
    const { inStrategies } = search.lookFor(text);
    const finder = ownScores(lunr, data.strategyIndex, data.strategyWeights, inStrategies, options);
    const theirs = scores(lunr, rebuilt.strategy, inStrategies, options).scores;
    return key(finder) !== key(theirs);
  });
  assert.ok(typed.length > 1000, `${typed.length} typings`);
  assert.deepEqual(differences, []);
});
