/* The finder's safeguarding matcher, the module the page runs, on every example of
 * content/safeguarding.yaml, the searches of the issue that asked for it, and the labelled
 * searches of tests/safeguarding_queries.yaml. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { makeMatcher, oneSlip } from "../../site_overrides/assets/safeguarding-match.js";
import { makeReader } from "../../site_overrides/assets/words.js";
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

test("a group stands for each of its words, in an entry, in a pair and in another group", () => {
  const small = makeMatcher(makeReader(loadLunr()), {
    pairGap: 2,
    groups: { "not": ["not", "doesn't", "never"], "parent": ["mum", "step dad", "<carer>"],
              "carer": ["foster carer", "nan"] },
    concepts: [{ id: "a", words: ["<not> want to live"], ordinary: [],
                 pairs: [{ words: ["hit"], near: ["<parent>"] }] }],
  });
  for (const text of ["doesn't want to live", "DOESNT want to live", "does not want to live",
    "never wants to live", "his step dad hits him", "hit by her foster carer", "nan hit her"]) {
    assert.deepEqual(small.concerns(text), ["a"], text);
  }
  for (const text of ["want to live", "wants to live not", "his dad hits him", "hit by a carer",
    "her step hits dad"]) {
    assert.deepEqual(small.concerns(text), [], text);
  }
});

test("apostrophes make no difference: doesn't is doesnt, mum's is mums", () => {
  const small = makeMatcher(makeReader(loadLunr()), {
    pairGap: 0, concepts: [{ id: "a", words: ["mum's boyfriend", "doesnt eat"], pairs: [], ordinary: [] }],
  });
  for (const text of ["mums boyfriend", "her mum’s boyfriend", "mum's boyfriends", "doesn't eat",
    "doesnt eat"]) {
    assert.deepEqual(small.concerns(text), ["a"], text);
  }
});

test("an ordinary use takes only its own words; a not_when keeps its concept from the whole search", () => {
  const small = makeMatcher(makeReader(loadLunr()), {
    pairGap: 3,
    concepts: [{ id: "a", words: [], ordinary: ["hit other"], notWhen: ["playing rugby"],
                 pairs: [{ words: ["hit"], near: ["mum"] }] },
               { id: "b", words: ["rugby"], ordinary: [], pairs: [] }],
  });
  assert.deepEqual(small.concerns("mum says he hits other kids"), []);
  assert.deepEqual(small.concerns("mum hits him and he hits other kids"), ["a"]);
  assert.deepEqual(small.concerns("mum hit him after playing rugby"), ["b"]);
});

test("a list that names a group it does not have, or a group inside itself, is refused", () => {
  const reader = makeReader(loadLunr());
  const concept = (words) => ({ id: "a", words, pairs: [], ordinary: [] });
  assert.throws(() => makeMatcher(reader, { pairGap: 0, concepts: [concept(["hit <mum>"])] }),
                /no group <mum> in the list/);
  assert.throws(() => makeMatcher(reader, { pairGap: 0, groups: { a: ["x <b>"], b: ["<a>"] },
                                            concepts: [concept(["<a>"])] }),
                /the group <a> names itself/);
});

test("a word of seven letters or more matches with one typing slip after its first letter", () => {
  assert.ok(oneSlip("suicidl", "suicide"));
  assert.ok(oneSlip("negelct", "neglect"));
  assert.ok(!oneSlip("neglect", "neglect"));
  assert.ok(!oneSlip("select", "neglect"));
  // A slip in the first letter turns ordinary words into the list's.
  assert.ok(!oneSlip("letter", "better") && !oneSlip("texting", "sexting"));
  assert.ok(shows("negelcted at home"));
  assert.ok(shows("i think my son is suicidle"));
  const small = makeMatcher(makeReader(loadLunr()), {
    pairGap: 0,
    concepts: [{ id: "a", words: ["sexting", "rapist", "batter", "missing"], pairs: [],
                 ordinary: [] }],
  });
  // Shorter words, and ordinary words whose stem is no slip of the list's ("setting" is
  // "set", "messing" is "mess"), are read as written.
  for (const text of ["racist", "better", "setting", "seating plan", "messing about"]) {
    assert.deepEqual(small.concerns(text), [], text);
  }
  assert.deepEqual(small.concerns("sexitng"), ["a"]);
});

test("only what a search reads is read: a page pasted in is no slower and no different", () => {
  assert.ok(shows(`self harm ${"words ".repeat(20000)}`));
  assert.ok(!shows(`${"words ".repeat(200)} self harm`));
});
