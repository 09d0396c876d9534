/* The browser's JSON Schema checker (site_overrides/assets/json-schema.js): what it refuses,
 * and how it says so. tests/test_schema_agreement.py checks it against Python's jsonschema
 * on the site's own schemas. Run with `node --test tests/js/`. */
import assert from "node:assert/strict";
import { test } from "node:test";

import { describe, problems, same } from "../../site_overrides/assets/json-schema.js";

const SCHEMA = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  type: "object",
  required: ["kind", "plans"],
  additionalProperties: false,
  properties: {
    kind: { const: "semh-plan" },
    plans: { type: "array", items: { $ref: "#/$defs/plan" }, minItems: 1 },
    answers: {
      type: "object",
      propertyNames: { enum: ["send-1", "send-2"] },
      additionalProperties: { $ref: "#/$defs/answer" },
    },
  },
  $defs: {
    id: { type: "string", pattern: "^[a-z0-9]+(?:-[a-z0-9]+)*$(?!\\n)", description: "lower-case letters and digits joined by hyphens" },
    plan: {
      type: "object",
      required: ["id", "needs", "check"],
      additionalProperties: false,
      properties: {
        id: { $ref: "#/$defs/id" },
        needs: { type: "array", items: { $ref: "#/$defs/id" }, uniqueItems: true },
        level: { type: ["integer", "null"], minimum: 0, maximum: 4 },
        check: { oneOf: [{ type: "null" }, { $ref: "#/$defs/check" }] },
      },
    },
    check: { type: "object", required: ["level"], properties: { level: { type: "integer" } } },
    answer: { type: "object", additionalProperties: false, properties: { rating: { enum: ["red", "amber", "green", null] } } },
  },
};

const plan = (fields = {}) => ({ id: "plan-1", needs: [], check: null, ...fields });
const where = (value, at) => problems(SCHEMA, value, at ? { at } : undefined).map((p) => [p.path.join("/"), p.message]);

test("a value that fits has no problems", () => {
  assert.deepEqual(where({ kind: "semh-plan", plans: [plan({ level: 4, needs: ["a", "b-2"] })] }), []);
  assert.deepEqual(where({ kind: "semh-plan", plans: [plan({ check: { level: 2 } })], answers: { "send-1": { rating: null } } }), []);
});

test("each broken rule is named where it is broken", () => {
  assert.deepEqual(where({ kind: "semh-audit", plans: [], extra: 1 }), [
    ["kind", "is “semh-audit”; it should be “semh-plan”"],
    ["plans", "is a list of 0 items; it should have at least 1 item"],
    ["", "has the field “extra”, which this site does not know"],
  ]);
  assert.deepEqual(where({ plans: [plan({ id: "Plan 1", needs: ["a", "a"], level: 5 })] }), [
    ["", "should have the field “kind”, which is missing"],
    ["plans/0/id", "is “Plan 1”, which is not lower-case letters and digits joined by hyphens"],
    ["plans/0/needs", "has “a” more than once"],
    ["plans/0/level", "is 5; it should be 4 or less"],
  ]);
  assert.deepEqual(where({ kind: "semh-plan", plans: "none" }), [["plans", "should be a list, not text"]]);
  assert.deepEqual(where({ kind: "semh-plan", plans: [plan({ level: 1.5 })] }), [
    ["plans/0/level", "should be a whole number or empty (null), not a number"]]);
});

test("oneOf reports the problems of the form the value was meant to have", () => {
  assert.deepEqual(where({ kind: "semh-plan", plans: [plan({ check: {} })] }), [
    ["plans/0/check", "should have the field “level”, which is missing"]]);
  assert.deepEqual(where({ kind: "semh-plan", plans: [plan({ check: "high" })] }), [
    ["plans/0/check", "is not in any of the forms allowed"]]);
});

test("names that an object's own prototype has are not taken for allowed values", () => {
  const answers = JSON.parse('{"send-1": {"rating": "constructor"}, "toString": {}, "__proto__": {"rating": "red"}}');
  assert.deepEqual(where({ kind: "semh-plan", plans: [plan()], answers }), [
    ["answers/send-1/rating", "is “constructor”; it should be “red”, “amber”, “green” or empty (null)"],
    ["answers", "has a field named “toString”, which this site does not know"],
    ["answers", "has a field named “__proto__”, which this site does not know"],
  ]);
  assert.deepEqual(where(JSON.parse('{"kind": "semh-plan", "plans": [{"id": "a", "needs": [], "check": null, "constructor": 1}]}')), [
    ["plans/0", "has the field “constructor”, which this site does not know"]]);
});

test("a pattern's end is the end of the text, a final newline included", () => {
  assert.equal(where({ kind: "semh-plan", plans: [plan({ id: "plan-1\n" })] }).length, 1);
  assert.equal(where({ kind: "semh-plan", plans: [plan({ id: "plan-١" })] }).length, 1);
});

test("a part of the schema can be checked on its own", () => {
  assert.deepEqual(where(plan(), "#/$defs/plan"), []);
  assert.deepEqual(where({ id: "x" }, "#/$defs/plan"), [
    ["", "should have the field “needs”, which is missing"],
    ["", "should have the field “check”, which is missing"],
  ]);
});

test("a keyword the checker does not read is refused, not skipped", () => {
  assert.throws(() => problems({ type: "string", format: "date" }, "x"), /format is not one this checker reads/);
  assert.throws(() => problems({ $ref: "#/$defs/missing" }, 1), /leads nowhere/);
});

test("the problems read as a sentence, the first few only", () => {
  const found = problems(SCHEMA, { plans: [plan({ id: "A", needs: [1, 2, 3] })] });
  assert.equal(describe(found), "it should have the field “kind”, which is missing; "
    + "plans › item 1 › id is “A”, which is not lower-case letters and digits joined by hyphens; "
    + "plans › item 1 › needs › item 1 should be text, not a whole number; and 2 more problems");
});

test("JSON equality ignores the order of keys", () => {
  assert.ok(same({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 }));
  assert.ok(!same({ a: 1 }, { a: 1, b: undefined }));
  assert.ok(!same([1], { 0: 1 }));
  assert.ok(!same(1, "1"));
});
