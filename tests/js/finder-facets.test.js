/* The finder's filters, on the real content, through the finder's own modules: each option
 * counts the results it would give, and general practices come after a chosen need's own. */
import assert from "node:assert/strict";
import { before, test } from "node:test";

import { GROUPS } from "../../site_overrides/assets/finder/rank.js";
import { PAGE_SIZE } from "../../site_overrides/assets/finder/view.js";
import { finderFixture, makeFinder, ranked } from "./finder-support.js";

const { strategies } = finderFixture();
const strategy = Object.fromEntries(strategies.map((s) => [s.id, s]));
let finder = null;
before(async () => { finder = await makeFinder(); });

test("each filter option shows how many results it would give", () => {
  const chosen = { age: ["primary"] };
  const { counts } = finder.search.search("calm", chosen);
  let checked = 0;
  for (const group of ["need", "tier"]) {
    const options = group === "need" ? finder.data.needs : finder.data.tiers;
    options.forEach(({ id }, i) => {
      const promised = counts[group].get(i) || 0;
      const { results } = finder.search.search("calm", { ...chosen, [group]: [id] });
      assert.equal(results.length, promised, `${group}=${id}`);
      checked++;
    });
  }
  assert.equal(checked, finder.data.needs.length + finder.data.tiers.length);
});

test("in a group already chosen, an option counts what it gives chosen alone there", () => {
  const chosen = { age: ["primary"], tier: ["targeted"] };
  const { counts } = finder.search.search("calm", chosen);
  for (const group of ["age", "tier"]) {
    const options = group === "age" ? finder.data.ages : finder.data.tiers;
    options.forEach(({ id }, i) => {
      const { results } = finder.search.search("calm", { ...chosen, [group]: [id] });
      assert.equal(results.length, counts[group].get(i) || 0, `${group}=${id}`);
    });
  }
});

test("with a need chosen, general practices come after that need's own", async () => {
  const shown = (await ranked(finder, "", { need: ["healthy-relationships"] })).slice(0, PAGE_SIZE);
  const general = shown.map((r) => strategy[r.id].for_every_need);
  assert.ok(general.includes(true) && general.includes(false));
  assert.deepEqual(general, [...general].sort());
});

test("an option the data does not know filters nothing out", () => {
  const every = finder.search.search("calm").results.length;
  assert.ok(every > 0);
  for (const group of GROUPS) {
    assert.equal(finder.search.search("calm", { [group]: ["no-such-option"] }).results.length, every);
  }
});
