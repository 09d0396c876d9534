/* Where the tools keep answers: in this browser only. What two tabs of a tool share is
 * tools/shared.js; the files a person saves and opens, tools/saved-copy.js; what the page says
 * about keeping, tools/notices.js.
 *
 * Nothing here sends anything anywhere. Each tool keeps its answers under one key of
 * localStorage, "semh:<tool>", as {"version": N, "data": ..., "rev": ..., "after": ...}:
 * `rev` names this value, and `after` the value it was made from (see Shared). When a tool's stored form
 * changes, its version goes up and it gives a migration from each older version, so answers
 * kept by an older site, and copies saved from it, still open. What is kept, and every file
 * opened, is checked in full against the tool's JSON Schema (json-schema.js) before the page
 * uses or changes it: a value that does not fit is left as it is, and the page says why.
 */
import { describe, problems } from "./json-schema.js";

const PREFIX = "semh:";

/* The JSON Schema `name` as the page carries it (a data block written by the build), or null
   when the page has none. */
export function schemaInPage(name) {
  const block = document.querySelector(`script[type="application/json"][data-schema="${CSS.escape(name)}"]`);
  return block ? JSON.parse(block.textContent) : null;
}

const fetchedSchemas = new Map();
/* The JSON Schema `name`: the page's own, or data/schema/<name>.schema.json, fetched once. */
export function loadSchema(name) {
  const inPage = schemaInPage(name);
  if (inPage) return Promise.resolve(inPage);
  if (!fetchedSchemas.has(name)) {
    const url = new URL(`../data/schema/${name}.schema.json`, import.meta.url);
    fetchedSchemas.set(name, fetch(url).then((response) => {
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      return response.json();
    }).catch((error) => {
      fetchedSchemas.delete(name); // asked for again next time
      throw error;
    }));
  }
  return fetchedSchemas.get(name);
}

/* A check for openStore: the problems of data against `schema` (at `at`), in words, then the
   tool's own (`more`) once the data fits the schema. */
export function schemaCheck(schema, at, more = () => []) {
  return (data) => {
    const found = problems(schema, data, { at });
    return found.length ? [describe(found)] : more(data);
  };
}

/* A tool's place in localStorage. `migrations[v]` turns version v's data into version v+1's;
   `check(data)` lists in words what is wrong with data at the current version. */
export function openStore({ tool, version, migrations = {}, check = () => [] }) {
  const key = PREFIX + tool;
  return {
    key,
    version,
    /* What is kept, as {state}: "none"; "ok" with the data at the current version, and its
       rev and after (null when an older site wrote it); "newer" with the version, when a
       newer site wrote it; "damaged" with what is wrong. "newer" and "damaged" keep the
       text as stored, to be saved as a file. */
    read() {
      let text;
      try {
        text = localStorage.getItem(key);
      } catch {
        return { state: "none" }; // storage turned off: nothing kept, and nothing will be
      }
      if (text === null) return { state: "none" };
      const damaged = (why) => ({ state: "damaged", text, problems: why });
      let stored;
      try {
        stored = JSON.parse(text);
      } catch {
        return damaged(["it is not JSON"]);
      }
      if (!stored || typeof stored !== "object" || !Number.isInteger(stored.version) || !Object.hasOwn(stored, "data")) {
        return damaged(["it does not say which format it is in"]);
      }
      if (stored.version > version) return { state: "newer", version: stored.version, text };
      let data;
      try {
        data = upgrade(stored.data, stored.version, version, migrations);
      } catch (problem) {
        return damaged([problem instanceof FileProblem ? problem.message : "it could not be brought up to this format"]);
      }
      const found = check(data);
      if (found.length) return damaged(found);
      const name = (value) => (typeof value === "string" ? value : null);
      return { state: "ok", data, rev: name(stored.rev), after: name(stored.after) };
    },
    /* Writes data made from the value named `after` (a rev read, or null); returns the new
       value's rev, or null when the browser refuses (storage full, or turned off). */
    write(data, after = null) {
      const rev = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
      try {
        localStorage.setItem(key, JSON.stringify({ version, data, rev, after }));
        return rev;
      } catch {
        return null;
      }
    },
    clear() {
      try {
        localStorage.removeItem(key);
        return true;
      } catch {
        return false;
      }
    },
    /* Calls `changed` when another tab of this site changes or clears what is kept here. */
    watch(changed) {
      window.addEventListener("storage", (event) => {
        if (event.storageArea === localStorage && (event.key === key || event.key === null)) changed();
      });
    },
  };
}

/* Data of format `from` brought up to format `to` by the tool's migrations; throws
   FileProblem, worded for the person, when it cannot be. */
export function upgrade(data, from, to, migrations) {
  if (from > to) throw new FileProblem(`it was saved by a newer version of this site (format ${from}); this site reads format ${to} and older`);
  for (let v = from; v < to; v += 1) {
    if (!migrations[v]) throw new FileProblem(`format ${from} can no longer be read`);
    data = migrations[v](data);
  }
  return data;
}

/* A problem with a file someone opened, worded for them. */
export class FileProblem extends Error {}

/* Calls fn once typing has paused for `ms`, so answers are saved as they are typed without
   writing on every key. `flush()` saves at once (before the page is left). */
export function debounce(fn, ms = 400) {
  let timer = null;
  const debounced = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...args);
    }, ms);
  };
  debounced.flush = (...args) => {
    clearTimeout(timer);
    timer = null;
    fn(...args);
  };
  /* Saves at once only what is waiting to be saved. */
  debounced.flushWaiting = (...args) => {
    if (timer !== null) debounced.flush(...args);
  };
  return debounced;
}
