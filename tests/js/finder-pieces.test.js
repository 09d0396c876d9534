/* A large site's finder reads its data in pieces (generator/shards.py): the real content,
 * split as if it were large, must answer exactly as the one file does. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { finderFixture, makeFinder, ranked } from "./finder-support.js";

// Words that exercise every way the finder matches: prefixes, typing slips, words side by
// side, a phrase of filler words, a word in another sense, everyday words of a need.
const MORE_QUERIES = ["calm", "calm dow", "tantrun", "anxeity", "kicking off", "won't come in",
  "keeps herself to herself", "lies all the time", "sensory breaks", "social stories", "ELSA",
  "self-harm", "xyzzyqq", "the and of", ""];

test("every query ranks the same in pieces as in one file", async () => {
  const queries = [...finderFixture().queries.map(({ query, age }) => ({ query, age: age || [] })),
                   ...MORE_QUERIES.map((query) => ({ query, age: [] }))];
  const oneFile = await makeFinder();
  const inPieces = await makeFinder({ inPieces: true });
  assert.equal(oneFile.data.pieces, null);
  assert.ok(inPieces.data.pieces);
  let found = 0;
  for (const { query, age } of queries) {
    const whole = await ranked(oneFile, query, { age });
    // The same strategies, in the same order, with the same scores to the last bit.
    assert.deepEqual(await ranked(inPieces, query, { age }), whole, query);
    found += whole.length;
  }
  assert.ok(found > 0);
  assert.ok(inPieces.loaded.some((name) => name.startsWith("pairs-")));
  assert.ok(!inPieces.loaded.includes("typing"), "the typing files wait for someone to type");
});
