/* The finder's safeguarding matcher, the module the page runs, on every example of
 * content/safeguarding.yaml, the searches of the issue that asked for it, and the labelled
 * searches of tests/safeguarding_queries.yaml. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { makeMatcher } from "../../site_overrides/assets/safeguarding-match.js";
import { makeReader, oneSlip } from "../../site_overrides/assets/words.js";
import { loadLunr, safeguardingCases } from "./support.js";

const cases = safeguardingCases();
// The matcher reads every word: it is given no filler words, as the page gives it none.
const matcher = makeMatcher(makeReader(loadLunr()), cases.list);
const shows = (text) => matcher.concerns(text).length > 0;

test("every example in the list does what it says, reported where it is written", () => {
  const wrong = cases.examples.filter(({ concept, text, shows: wanted }) =>
    (wanted ? !matcher.concerns(text).includes(concept) : shows(text)))
    .map(({ concept, text, shows: wanted, line }) => `${cases.path}:${line}: ${JSON.stringify(text)} `
      + (wanted ? `is not read as '${concept}'` : `shows the notice (${matcher.concerns(text)})`)
      + "\n    hint: change the concept's words, or the example if it is wrong");
  assert.equal(wrong.join("\n"), "");
});

test("the searches of the issue show the notice, and its hard moments do not", () => {
  for (const text of ["says her stepbrother touches her", "his mum slaps him",
    "scratching her legs with a compass", "marks on her wrists",
    "swallowed a packet of paracetamol", "says life isn't worth living",
    "always hungry and unwashed", "has expensive trainers nobody bought him",
    "brought a blade to school", "shared naked pictures online"]) {
    assert.ok(shows(text), text);
  }
  for (const text of ["his brother was killed in a car crash", "grandad died last month",
    "keeps crying in class", "has stopped eating"]) {
    assert.deepEqual(matcher.concerns(text), [], text);
  }
});

test("every category of the list has a concept and labelled searches", () => {
  const listed = new Set(cases.list.concepts.map(({ id }) => id));
  assert.equal(listed.size, cases.list.concepts.length);
  assert.deepEqual(Object.keys(cases.queries.at_risk).sort(), [...cases.categories].sort());
});

test("the notice shows for at least 95% of the searches about a child at risk and at most 2% of the ordinary ones", () => {
  const atRisk = Object.entries(cases.queries.at_risk)
    .flatMap(([category, texts]) => texts.map((text) => ({ category, text })));
  const ordinary = cases.queries.ordinary;
  assert.ok(atRisk.length >= 80 && ordinary.length >= 80, `${atRisk.length}, ${ordinary.length}`);
  const missed = atRisk.filter(({ text }) => !shows(text));
  const wrongly = ordinary.filter((text) => shows(text));
  const percent = (part, whole) => `${(100 * part / whole).toFixed(1)}%`;
  console.log(`Safeguarding notice: shown for ${atRisk.length - missed.length} of ${atRisk.length} `
    + `searches about a child at risk (${percent(atRisk.length - missed.length, atRisk.length)}), `
    + `and for ${wrongly.length} of ${ordinary.length} ordinary searches `
    + `(${percent(wrongly.length, ordinary.length)}).`);
  for (const { category, text } of missed) console.log(`  missed (${category}): ${text}`);
  for (const text of wrongly) console.log(`  shown for: ${text} (${matcher.concerns(text)})`);
  assert.ok(missed.length <= 0.05 * atRisk.length, "too many searches about a child at risk missed");
  assert.ok(wrongly.length <= 0.02 * ordinary.length, "too many ordinary searches show the notice");
});

test("forms of a word are one word, and a pair matches in either order within its gap", () => {
  const small = makeMatcher(makeReader(loadLunr()), {
    pairGap: 2,
    concepts: [{ id: "a", words: ["self harm"], ordinary: ["knife and fork"],
                 pairs: [{ words: ["hit"], near: ["mum"] }] },
               { id: "b", words: ["knife"], ordinary: ["knife and fork"], pairs: [] }],
  });
  for (const text of ["Self-harming!", "SELF HARMS", "self’harm harm self-harm"]) {
    assert.deepEqual(small.concerns(text), ["a"], text);
  }
  assert.deepEqual(small.concerns("harm self"), []);
  assert.deepEqual(small.concerns("his mum hits"), ["a"]);
  assert.deepEqual(small.concerns("hit by his mum"), ["a"]);
  assert.deepEqual(small.concerns("hit by his own mum"), []);
  assert.deepEqual(small.concerns("a knife and fork"), []);
  assert.deepEqual(small.concerns("a knife, and a knife and fork"), ["b"]);
});

test("a long word matches with one typing slip, a short one only as written", () => {
  assert.ok(oneSlip("suicidl", "suicid"));
  assert.ok(oneSlip("negelct", "neglect"));
  assert.ok(!oneSlip("neglect", "neglect"));
  assert.ok(!oneSlip("select", "neglect"));
  assert.ok(shows("negelcted at home"));
  assert.deepEqual(matcher.concerns("gum"), []);
});

test("only what a search reads is read: a page pasted in is no slower and no different", () => {
  assert.ok(shows(`self harm ${"words ".repeat(20000)}`));
  assert.ok(!shows(`${"words ".repeat(200)} self harm`));
});
