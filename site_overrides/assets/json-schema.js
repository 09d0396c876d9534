/* Checks a value against a JSON Schema (draft 2020-12), in the part of the language the site's
 * own schemas use: the ones the build publishes under data/schema/, from generator/. It has
 * no dependency and touches no page, so the browser and Node's test runner use it alike.
 *
 * Only these keywords are read: type (one or a list), const, enum, pattern, minLength,
 * maxLength, properties, required, additionalProperties (false or a schema), propertyNames,
 * items, minItems, maxItems, uniqueItems, minimum, maximum, oneOf, and $ref to "#/$defs/...".
 * A schema with any other keyword that constrains a value is refused with an Error: a rule
 * this module skipped would let through what Python's jsonschema refuses, and
 * tests/test_schema_agreement.py checks that the two agree.
 *
 * Each problem is {path, message}: path lists the keys and indexes from the top of the value
 * to the part that is wrong, and the message says in plain words what is wrong with it.
 */

const NOTES = new Set(["$schema", "$id", "$comment", "$defs", "title", "description",
  "default", "examples"]);
const RULES = new Set(["type", "const", "enum", "pattern", "minLength", "maxLength",
  "properties", "required", "additionalProperties", "propertyNames", "items", "minItems",
  "maxItems", "uniqueItems", "minimum", "maximum", "oneOf", "$ref"]);

const TYPE_WORDS = {
  null: "empty (null)", boolean: "true or false", integer: "a whole number",
  number: "a number", string: "text", array: "a list", object: "a set of named fields",
};

/* The JSON type of a value, as a schema's `type` names it; integers are numbers too. */
function typeOf(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value; // "string", "boolean", "object"; anything else is not JSON
}

const fits = (value, type) => typeOf(value) === type
  || (type === "number" && typeOf(value) === "integer");

const isObject = (value) => typeOf(value) === "object";

/* JSON equality: the same type and the same contents, the order of an object's keys aside. */
export function same(a, b) {
  if (a === b) return true;
  const type = typeOf(a);
  if (type !== typeOf(b)) return false;
  if (type === "array") return a.length === b.length && a.every((item, i) => same(item, b[i]));
  if (type === "object") {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length
      && keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key]));
  }
  return false;
}

/* A value as a person reads it in a message: text in quotes, short, on one line. */
function shown(value) {
  let text = typeof value === "string" ? `“${value}”` : JSON.stringify(value);
  if (text === undefined) text = String(value);
  text = text.replace(/\s+/g, " ");
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function listed(values) {
  const words = values.map((value) => (value === null ? "empty (null)" : shown(value)));
  if (words.length > 6) return `one of the ${words.length} values this site knows`;
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : words[0];
}

/* "#/$defs/plan" in the schema `root`. */
function resolve(root, ref) {
  if (typeof ref !== "string" || !ref.startsWith("#")) throw new Error(`schema: cannot follow $ref ${ref}`);
  let target = root;
  for (const part of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(part).replace(/~1/g, "/").replace(/~0/g, "~");
    if (!isObject(target) || !Object.hasOwn(target, key)) throw new Error(`schema: $ref ${ref} leads nowhere`);
    target = target[key];
  }
  return target;
}

const patterns = new Map();
function regexp(source) {
  if (!patterns.has(source)) patterns.set(source, new RegExp(source, "u"));
  return patterns.get(source);
}

/* Every problem with `value` under `schema`; an empty list when it fits. `at` is a $ref into
   the schema to check against instead of its top ("#/$defs/kept"). */
export function problems(schema, value, { at = "#" } = {}) {
  const found = [];
  check(schema, resolve(schema, at), value, [], found);
  return found;
}

function check(root, schema, value, path, found) {
  if (schema === true) return;
  if (schema === false) {
    found.push({ path, message: "should not be there" });
    return;
  }
  if (!isObject(schema)) throw new Error("schema: a schema is an object, true or false");
  for (const keyword of Object.keys(schema)) {
    if (!RULES.has(keyword) && !NOTES.has(keyword)) throw new Error(`schema: the keyword ${keyword} is not one this checker reads`);
  }
  const say = (message, where = path) => found.push({ path: where, message });

  if (Object.hasOwn(schema, "$ref")) check(root, resolve(root, schema.$ref), value, path, found);

  if (Object.hasOwn(schema, "type")) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!types.some((type) => fits(value, type))) {
      const wanted = types.map((type) => TYPE_WORDS[type]);
      say(`should be ${wanted.length > 1 ? `${wanted.slice(0, -1).join(", ")} or ${wanted.at(-1)}` : wanted[0]}, not ${TYPE_WORDS[typeOf(value)] || typeof value}`);
      return; // what follows speaks of a value of the right type
    }
  }
  if (Object.hasOwn(schema, "const") && !same(value, schema.const)) {
    say(`is ${shown(value)}; it should be ${shown(schema.const)}`);
  }
  if (Object.hasOwn(schema, "enum") && !schema.enum.some((allowed) => same(value, allowed))) {
    say(`is ${shown(value)}; it should be ${listed(schema.enum)}`);
  }
  if (Object.hasOwn(schema, "oneOf")) oneOf(root, schema.oneOf, value, path, found, say);

  const type = typeOf(value);
  if (type === "string") text(schema, value, say);
  if (type === "integer" || type === "number") {
    if (Object.hasOwn(schema, "minimum") && value < schema.minimum) say(`is ${value}; it should be ${schema.minimum} or more`);
    if (Object.hasOwn(schema, "maximum") && value > schema.maximum) say(`is ${value}; it should be ${schema.maximum} or less`);
  }
  if (type === "array") list(root, schema, value, path, found, say);
  if (type === "object") fields(root, schema, value, path, found, say);
}

function text(schema, value, say) {
  // A string's length is counted in characters, as JSON Schema counts it, not UTF-16 units.
  const length = [...value].length;
  if (Object.hasOwn(schema, "minLength") && length < schema.minLength) say(`is shorter than ${schema.minLength} characters`);
  if (Object.hasOwn(schema, "maxLength") && length > schema.maxLength) say(`is longer than ${schema.maxLength} characters`);
  if (Object.hasOwn(schema, "pattern") && !regexp(schema.pattern).test(value)) {
    say(`is ${shown(value)}, which is not ${schema.description || "in the form this site writes"}`);
  }
}

function list(root, schema, value, path, found, say) {
  const count = (n) => `${n} item${n === 1 ? "" : "s"}`;
  if (Object.hasOwn(schema, "minItems") && value.length < schema.minItems) say(`is a list of ${count(value.length)}; it should have at least ${count(schema.minItems)}`);
  if (Object.hasOwn(schema, "maxItems") && value.length > schema.maxItems) say(`is a list of ${count(value.length)}; it should have at most ${count(schema.maxItems)}`);
  if (schema.uniqueItems === true) {
    const twice = value.find((item, i) => value.findIndex((other) => same(other, item)) !== i);
    if (twice !== undefined) say(`has ${shown(twice)} more than once`);
  }
  if (Object.hasOwn(schema, "items")) {
    value.forEach((item, i) => check(root, schema.items, item, [...path, i], found));
  }
}

function fields(root, schema, value, path, found, say) {
  const properties = schema.properties || {};
  for (const key of schema.required || []) {
    if (!Object.hasOwn(value, key)) say(`should have the field ${shown(key)}, which is missing`);
  }
  for (const key of Object.keys(value)) {
    if (Object.hasOwn(schema, "propertyNames")) {
      const wrong = [];
      check(root, schema.propertyNames, key, path, wrong);
      // Said of the name, once, rather than as if the name were a value.
      if (wrong.length) say(`has a field named ${shown(key)}, which this site does not know`);
    }
    if (Object.hasOwn(properties, key)) {
      check(root, properties[key], value[key], [...path, key], found);
    } else if (schema.additionalProperties === false) {
      say(`has the field ${shown(key)}, which this site does not know`);
    } else if (Object.hasOwn(schema, "additionalProperties")) {
      check(root, schema.additionalProperties, value[key], [...path, key], found);
    }
  }
}

/* Exactly one of the forms: where none fits, the problems are those of the form meant, which
   is the one whose type the value has when only one has it. */
function oneOf(root, forms, value, path, found, say) {
  const results = forms.map((form) => {
    const mine = [];
    check(root, form, value, path, mine);
    return mine;
  });
  const fitting = results.filter((result) => result.length === 0).length;
  if (fitting === 1) return;
  if (fitting > 1) {
    say("fits more than one of the forms allowed, where it should fit one");
    return;
  }
  const typeOfForm = (form) => {
    if (!isObject(form)) return null;
    if (Object.hasOwn(form, "type")) return form.type;
    return Object.hasOwn(form, "$ref") ? typeOfForm(resolve(root, form.$ref)) : null;
  };
  const meant = forms.map((form, i) => [typeOfForm(form), results[i]]).filter(([type]) =>
    type && (Array.isArray(type) ? type : [type]).some((t) => fits(value, t)));
  if (meant.length === 1) found.push(...meant[0][1]);
  else say("is not in any of the forms allowed");
}

/* Where a problem is, in words: "plans › item 1 › level_check". */
export function place(path) {
  return path.map((part) => (typeof part === "number" ? `item ${part + 1}` : part)).join(" › ");
}

/* Problems as a sentence for a message: the first few, and how many more there are. */
export function describe(list, { most = 3 } = {}) {
  const told = list.slice(0, most).map(({ path, message }) => (path.length ? `${place(path)} ${message}` : `it ${message}`));
  const more = list.length - told.length;
  return told.join("; ") + (more > 0 ? `; and ${more} more problem${more === 1 ? "" : "s"}` : "");
}
