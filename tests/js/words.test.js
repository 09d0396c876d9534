/* words.js reads every word of the shared table as generator/words.py does
 * (tests/test_tokeniser.py holds the Python side to the same table). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { MOST_LETTERS, makeReader } from "../../site_overrides/assets/words.js";
import { loadLunr } from "./support.js";

const table = JSON.parse(readFileSync(new URL("../tokeniser_words.json", import.meta.url), "utf-8"));
const reader = makeReader(loadLunr(), { fillerWords: table.fillerWords });

test("the table is big enough to mean something", () => {
  assert.ok(table.words.length >= 200, `${table.words.length} words`);
});

test("every word of the table is cut and stemmed as the index was", () => {
  const wrong = [];
  for (const { text, cut, terms } of table.words) {
    const got = { cut: reader.cut(text), terms: reader.terms(text) };
    if (JSON.stringify(got) !== JSON.stringify({ cut, terms })) {
      wrong.push(`${JSON.stringify(text)}: ${JSON.stringify(got)}, not ${JSON.stringify({ cut, terms })}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test("a query keeps a phrase of filler whole, drops filler phrases, and reads only its start", () => {
  const query = makeReader(loadLunr(), {
    fillerWords: table.fillerWords,
    fillerPhrases: ["all the time"],
    wholePhrases: ["keeps herself to herself"],
  });
  assert.deepEqual(query.queryWords("Keeps herself to herself all the time"),
                   ["keeps_herself_to_herself"]);
  assert.deepEqual(query.queryWords("kicks off all the time"), ["kicks"]);
  // Past MOST_LETTERS letters nothing is read.
  assert.deepEqual(query.queryWords(`${"x ".repeat(MOST_LETTERS / 2)}meltdown`), ["x"]);
  assert.equal(query.queryWords("a b c d e f g h i j k l m n o p q r s t u v w x y z").length, 12);
});
