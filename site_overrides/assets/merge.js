/* Two tabs of one tool, one stored copy: what each changed is put together, and nothing either
 * typed is dropped. A tab remembers the stored value it last read (`base`); when it saves, or
 * another tab saves, what it has now (`mine`) and what is stored now (`theirs`) are merged
 * field by field:
 *
 * - a field only one side changed takes that side's value;
 * - text both changed is merged line by line, and where both changed the same lines both
 *   versions are kept, this tab's first;
 * - a list of records with an `id` (plans) is merged record by record, a list of names
 *   (strategies, needs, ticks) keeps what either added and drops what either took out, and
 *   another list (targets) is merged item by item, with what each added at the end, or,
 *   where one took items out, by the stretches neither touched (diff3);
 * - a record one side deleted and the other changed is kept, with the change;
 * - any other value both changed (a rating, a date) keeps this tab's, and is reported.
 *
 * Every place where both had changed something is reported in `conflicts`, for the page to
 * say what it did. Pure functions of JSON values, tested in tests/js/merge.test.js.
 */
import { same } from "./json-schema.js";

const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/* The longest common subsequence of a and b, as pairs of indexes [i in a, j in b]. Common
   ends are matched first, so a long text that changed in one place costs little. */
function common(a, b, equal) {
  const pairs = [];
  let start = 0;
  while (start < a.length && start < b.length && equal(a[start], b[start])) {
    pairs.push([start, start]);
    start += 1;
  }
  let endA = a.length;
  let endB = b.length;
  const tail = [];
  while (endA > start && endB > start && equal(a[endA - 1], b[endB - 1])) {
    endA -= 1;
    endB -= 1;
    tail.unshift([endA, endB]);
  }
  const n = endA - start;
  const m = endB - start;
  // Past a million cells the middle is left unmatched: both sides' versions of it are kept.
  if (n > 0 && m > 0 && n * m <= 1e6) {
    const length = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        length[i][j] = equal(a[start + i], b[start + j])
          ? length[i + 1][j + 1] + 1 : Math.max(length[i + 1][j], length[i][j + 1]);
      }
    }
    for (let i = 0, j = 0; i < n && j < m;) {
      if (equal(a[start + i], b[start + j])) {
        pairs.push([start + i, start + j]);
        i += 1;
        j += 1;
      } else if (length[i + 1][j] >= length[i][j + 1]) {
        i += 1;
      } else {
        j += 1;
      }
    }
  }
  return pairs.concat(tail);
}

/* A three-way merge of two lists that both started as `base` (diff3): between the items
   neither side touched, a stretch only one side changed takes that side's, and a stretch
   both changed differently keeps both, mine first. */
export function mergeLists(base, mine, theirs, equal = same) {
  const inMine = new Map(common(base, mine, equal));
  const inTheirs = new Map(common(base, theirs, equal));
  const anchors = [...inMine.keys()].filter((i) => inTheirs.has(i)).sort((x, y) => x - y);
  const items = [];
  let conflict = false;
  let [b, m, t] = [0, 0, 0];
  for (const anchor of [...anchors, base.length]) {
    const last = anchor === base.length;
    const endM = last ? mine.length : inMine.get(anchor);
    const endT = last ? theirs.length : inTheirs.get(anchor);
    const was = base.slice(b, anchor);
    const ours = mine.slice(m, endM);
    const other = theirs.slice(t, endT);
    const alike = (x, y) => x.length === y.length && x.every((item, i) => equal(item, y[i]));
    if (alike(ours, was)) items.push(...other);
    else if (alike(other, was) || alike(ours, other)) items.push(...ours);
    else {
      items.push(...ours, ...other);
      conflict = true;
    }
    if (!last) items.push(mine[endM]);
    [b, m, t] = [anchor + 1, endM + 1, endT + 1];
  }
  return { items, conflict };
}

/* What `mine` and `theirs` come to, both having started from `base`. `kindOf(path)` says
   what a field holds where a plain value would be wrong: "lines" (text of several lines),
   "line" (text of one line) or "whole" (a value taken as a whole, never merged inside).
   Returns {value, conflicts: [{path, kind, mine, theirs}]}, kind being "joined" (both
   versions kept), "kept-mine" or "kept-changed" (one deleted, the other changed it). */
export function merge(base, mine, theirs, { kindOf = () => undefined } = {}) {
  const conflicts = [];
  const value = mergeAt([], base, mine, theirs, kindOf, conflicts);
  return { value, conflicts };
}

function mergeAt(path, base, mine, theirs, kindOf, conflicts) {
  if (same(mine, theirs)) return mine;
  if (same(mine, base)) return theirs;
  if (same(theirs, base)) return mine;
  const kind = kindOf(path);
  const note = (what) => conflicts.push({ path, kind: what, mine, theirs });
  if (mine === undefined || theirs === undefined) {
    // One side deleted what the other changed: the change is kept, and so is what it holds.
    note("kept-changed");
    return mine === undefined ? theirs : mine;
  }
  if ((kind === "lines" || kind === "line") && typeof mine === "string" && typeof theirs === "string") {
    return mergeText(path, typeof base === "string" ? base : "", mine, theirs, kind, note);
  }
  if (kind !== "whole") {
    if (isRecord(mine) && isRecord(theirs)) {
      return mergeRecords(path, isRecord(base) ? base : {}, mine, theirs, kindOf, conflicts);
    }
    if (Array.isArray(mine) && Array.isArray(theirs)) {
      return mergeArrays(path, Array.isArray(base) ? base : [], mine, theirs, kindOf, conflicts, note);
    }
  }
  note("kept-mine");
  return mine;
}

function mergeText(path, base, mine, theirs, kind, note) {
  // Emptied on one side and changed on the other: the words are kept.
  if (mine === "" || theirs === "") {
    note("kept-changed");
    return mine || theirs;
  }
  if (kind === "line") {
    note("joined");
    return `${mine} / ${theirs}`;
  }
  const { items, conflict } = mergeLists(base.split("\n"), mine.split("\n"), theirs.split("\n"), (x, y) => x === y);
  if (conflict) note("joined");
  return items.join("\n");
}

function mergeRecords(path, base, mine, theirs, kindOf, conflicts) {
  const out = {};
  const keys = new Set([...Object.keys(mine), ...Object.keys(theirs), ...Object.keys(base)]);
  for (const key of keys) {
    const at = (record) => (Object.hasOwn(record, key) ? record[key] : undefined);
    const value = mergeAt([...path, key], at(base), at(mine), at(theirs), kindOf, conflicts);
    if (value !== undefined) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

const hasIds = (list) => list.every((item) => isRecord(item) && typeof item.id === "string");
const isName = (item) => item === null || typeof item !== "object";
const unique = (items) => items.filter((item, i) => items.findIndex((other) => same(other, item)) === i);

function mergeArrays(path, base, mine, theirs, kindOf, conflicts, note) {
  if (hasIds(mine) && hasIds(theirs) && hasIds(base)) {
    const ids = (list) => list.map((item) => item.id);
    const byId = (list) => new Map(list.map((item) => [item.id, item]));
    const [was, ours, other] = [byId(base), byId(mine), byId(theirs)];
    const order = unique(mergeLists(ids(base), ids(mine), ids(theirs)).items);
    // A record one side took out and the other changed is kept, so it needs a place too.
    for (const id of [...ours.keys(), ...other.keys()]) if (!order.includes(id)) order.push(id);
    return order.map((id) => mergeAt([...path, id], was.get(id), ours.get(id), other.get(id), kindOf, conflicts))
      .filter((item) => item !== undefined);
  }
  if ([...base, ...mine, ...theirs].every(isName)) {
    // A list of names: whatever either side added, less what either took out; no conflict.
    const taken = base.filter((name) => !mine.some((item) => same(item, name))
      || !theirs.some((item) => same(item, name)));
    return unique(mergeLists(base, mine, theirs).items)
      .filter((name) => !taken.some((item) => same(item, name)));
  }
  if (mine.length >= base.length && theirs.length >= base.length) {
    // Neither took an item out: item by item, then what each added at the end.
    const kept = base.map((item, i) => mergeAt([...path, i], item, mine[i], theirs[i], kindOf, conflicts));
    const [ours, other] = [mine.slice(base.length), theirs.slice(base.length)];
    return [...kept, ...ours, ...(same(ours, other) ? [] : other)];
  }
  // One took items out: the stretches neither touched, and both versions of the others.
  const { items, conflict } = mergeLists(base, mine, theirs);
  if (conflict) note("joined");
  return items;
}
