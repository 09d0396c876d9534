/* Two tabs' changes put together (site_overrides/assets/merge.js): nothing either side
 * changed is lost, and every place where both changed something is reported. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { merge, mergeLists } from "../../site_overrides/assets/merge.js";

const TEXT = { notes: "lines", name: "line", target: "lines" };
const kindOf = (path) => (path.at(-1) === "check" ? "whole" : TEXT[path.at(-1)]);
const both = (base, mine, theirs) => merge(base, mine, theirs, { kindOf });

test("a field only one side changed takes that side's value", () => {
  const base = { name: "Plan 1", notes: "", rating: null };
  const { value, conflicts } = both(base, { ...base, name: "AB" }, { ...base, rating: "red" });
  assert.deepEqual(value, { name: "AB", notes: "", rating: "red" });
  assert.deepEqual(conflicts, []);
});

test("text both changed is merged by line, and the same line changed keeps both", () => {
  const base = { notes: "one\ntwo\nthree" };
  assert.deepEqual(both(base, { notes: "one!\ntwo\nthree" }, { notes: "one\ntwo\nthree\nfour" }),
    { value: { notes: "one!\ntwo\nthree\nfour" }, conflicts: [] });
  const { value, conflicts } = both(base, { notes: "one\nTWO\nthree" }, { notes: "one\n2\nthree" });
  assert.equal(value.notes, "one\nTWO\n2\nthree");
  assert.deepEqual(conflicts.map((c) => [c.path, c.kind]), [[["notes"], "joined"]]);
  // One line each, typed in the same box at the same time.
  assert.equal(both({ name: "Plan 1" }, { name: "AB" }, { name: "CD" }).value.name, "AB / CD");
  // Emptied here, changed there: the words stay.
  assert.equal(both({ notes: "a" }, { notes: "" }, { notes: "b" }).value.notes, "b");
});

test("a value both changed keeps this tab's and says so", () => {
  const { value, conflicts } = both({ rating: null }, { rating: "red" }, { rating: "amber" });
  assert.deepEqual(value, { rating: "red" });
  assert.deepEqual(conflicts, [{ path: ["rating"], kind: "kept-mine", mine: "red", theirs: "amber" }]);
  // A value taken as a whole is never merged inside.
  const check = (level, ids) => ({ check: { level, ids } });
  const merged = both(check(1, ["a"]), check(2, ["a", "b"]), check(1, ["c"]));
  assert.deepEqual(merged.value, check(2, ["a", "b"]));
  assert.equal(merged.conflicts[0].kind, "kept-mine");
});

test("records with ids are merged one by one, in order, and a changed one is never deleted", () => {
  const plan = (id, name = "") => ({ id, name, notes: "" });
  const base = { plans: [plan("a"), plan("b")] };
  const mine = { plans: [plan("a", "A"), plan("b"), plan("c")] };
  const theirs = { plans: [plan("d"), plan("a"), plan("b", "B")] };
  assert.deepEqual(both(base, mine, theirs).value.plans,
    [plan("d"), plan("a", "A"), plan("b", "B"), plan("c")]);
  // Deleted here, changed there: kept, with the change.
  const kept = both(base, { plans: [plan("a")] }, { plans: [plan("a"), plan("b", "B")] });
  assert.deepEqual(kept.value.plans, [plan("a"), plan("b", "B")]);
  assert.deepEqual(kept.conflicts.map((c) => [c.path, c.kind]), [[["plans", "b"], "kept-changed"]]);
  // Deleted here, untouched there: gone.
  assert.deepEqual(both(base, { plans: [plan("b")] }, base).value.plans, [plan("b")]);
});

test("a list of names keeps what either added and drops what either took out", () => {
  const { value, conflicts } = both({ ids: ["a", "b", "c"] }, { ids: ["a", "c", "x"] }, { ids: ["b", "c", "y"] });
  assert.deepEqual(value.ids, ["c", "x", "y"]);
  assert.deepEqual(conflicts, []);
  // Moved here, added there: the order moved, and the new one.
  assert.deepEqual(both({ ids: ["a", "b"] }, { ids: ["b", "a"] }, { ids: ["a", "b", "c"] }).value.ids,
    ["b", "a", "c"]);
});

test("a list of records without ids is merged item by item, or kept both ways", () => {
  const t = (target, who = "") => ({ target, who });
  const base = { targets: [t("x"), t("y")] };
  // The same number on each side: item by item.
  assert.deepEqual(both(base, { targets: [t("x", "TA"), t("y")] }, { targets: [t("x"), t("y!")] }).value.targets,
    [t("x", "TA"), t("y!")]);
  // One added a target while the other changed the first.
  assert.deepEqual(both(base, { targets: [t("x"), t("y"), t("z")] }, { targets: [t("x!"), t("y")] }),
    { value: { targets: [t("x!"), t("y"), t("z")] }, conflicts: [] });
  // Both added one.
  assert.deepEqual(both(base, { targets: [t("x"), t("y"), t("z")] }, { targets: [t("x"), t("y"), t("w")] }).value.targets,
    [t("x"), t("y"), t("z"), t("w")]);
  // One added a target, the other took one out.
  assert.deepEqual(both(base, { targets: [t("x"), t("y"), t("z")] }, { targets: [t("y")] }).value.targets,
    [t("y"), t("z")]);
  // One took a target out, the other changed it: the changed one stays.
  const { value, conflicts } = both(base, { targets: [t("x")] }, { targets: [t("x"), t("y", "me")] });
  assert.deepEqual(value.targets, [t("x"), t("y", "me")]);
  assert.deepEqual(conflicts.map((c) => c.kind), ["joined"]);
});

test("keys an object's prototype has are merged as keys like any other", () => {
  const base = JSON.parse('{"__proto__": {"rating": null}}');
  const { value } = both(base, JSON.parse('{"__proto__": {"rating": "red"}}'), base);
  assert.equal(Object.getPrototypeOf(value), Object.prototype);
  assert.deepEqual(Object.keys(value), ["__proto__"]);
  assert.equal(value.__proto__.rating, "red"); // eslint-disable-line no-proto
});

test("mergeLists is diff3: the stretches between untouched items", () => {
  assert.deepEqual(mergeLists([1, 2, 3], [1, 2, 3, 4], [0, 1, 2, 3]), { items: [0, 1, 2, 3, 4], conflict: false });
  assert.deepEqual(mergeLists([1, 2, 3], [1, 5, 3], [1, 6, 3]), { items: [1, 5, 6, 3], conflict: true });
  assert.deepEqual(mergeLists([], [1], [1]), { items: [1], conflict: false });
});
