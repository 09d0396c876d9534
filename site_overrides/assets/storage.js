/* What the tools share: answers kept in this browser only, shared between the tabs a tool is
 * open in, and files a person saves and opens.
 *
 * Nothing here sends anything anywhere. Each tool keeps its answers under one key of
 * localStorage, "semh:<tool>", as {"version": N, "data": ..., "rev": ..., "after": ...}:
 * `rev` names this value, and `after` the value it was made from (see Shared). When a tool's stored form
 * changes, its version goes up and it gives a migration from each older version, so answers
 * kept by an older site, and copies saved from it, still open. What is kept, and every file
 * opened, is checked in full against the tool's JSON Schema (json-schema.js) before the page
 * uses or changes it: a value that does not fit is left as it is, and the page says why.
 */
import { describe, problems, same } from "./json-schema.js";
import { merge } from "./merge.js";

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

const unusable = (found) => (found.state === "newer" || found.state === "damaged" ? found : null);

/* One tab's work on what a tool keeps, when the tool may be open in other tabs too. The tab
 * remembers what was kept when it last read it (`base`). Saving reads what is kept now and
 * puts onto it only what this tab changed since (merge.js), so a tab never writes over what
 * another saved; when another tab saves, `refresh` gives what this tab should show: that,
 * with this tab's own changes not yet saved on top. Where both changed one thing, merge.js
 * keeps both or this tab's and reports it in `conflicts`, for the page to say.
 *
 * Tabs are separate processes, and localStorage has no read-and-write in one step: two tabs
 * can read the same value and each write what it made from it, the second writing over the
 * first's. So each value names itself (`rev`) and the value it was made from (`after`), and
 * a tab remembers the values it has seen. A value made from one older than this tab's base
 * was made without what this tab kept since; it is merged against the value it was made
 * from, so that what only this tab wrote is kept, and written again.
 *
 * What is kept is never written over while it cannot be used (`problem`: newer or damaged).
 * While what is on the page is kept nowhere, because the browser refused it or because what
 * is kept cannot be used, leaving the page asks first (`atRisk`), until it is kept again or
 * saved as a file. */
export class Shared {
  constructor(store, { blank, kindOf, isEmpty = () => false }) {
    Object.assign(this, { store, blank, kindOf, isEmpty });
    this.seen = new Map(); // rev -> the data of a value this tab has read or written
    const found = store.read();
    this.sync(found);
    this.problem = unusable(found);
    this.refused = false;
    this.risk = false;
    this.ask = (event) => {
      event.preventDefault();
      event.returnValue = ""; // older browsers ask only when this is set
    };
  }

  /* Whether leaving the page would lose what is on it. The browser is asked to check only
     while it would: a page with a beforeunload listener is kept out of some browsers' back
     and forward cache. */
  get atRisk() {
    return this.risk;
  }

  set atRisk(risk) {
    if (risk === this.risk) return;
    this.risk = risk;
    if (risk) window.addEventListener("beforeunload", this.ask);
    else window.removeEventListener("beforeunload", this.ask);
  }

  /* What is kept now, as data ("none" and unusable values as the blank one). */
  dataOf(found) {
    return found.state === "ok" ? found.data : this.blank();
  }

  remember(rev, data) {
    if (!rev) return;
    this.seen.set(rev, data);
    if (this.seen.size > 50) this.seen.delete(this.seen.keys().next().value);
  }

  /* This tab now starts from `found`. */
  sync(found) {
    this.base = this.dataOf(found);
    this.baseRev = found.rev || null;
    this.remember(this.baseRev, this.base);
  }

  /* What this tab's changes and `found`'s are merged against: this tab's base, or, when
     `found` was made from another value (one this tab has seen, or nothing kept), that. */
  ancestorOf(found) {
    if (found.state !== "ok" || found.rev === this.baseRev || found.after === this.baseRev) return this.base;
    if (found.after === null) return this.blank();
    return this.seen.has(found.after) ? this.seen.get(found.after) : this.base;
  }

  /* What is kept, as this tab's own copy to change. */
  start() {
    return structuredClone(this.base);
  }

  /* Keeps this tab's `mine`: {state: "saved" | "refused" | "unusable", data, conflicts}, with
     data what the page should show now. */
  save(mine) {
    const now = this.store.read();
    this.problem = unusable(now);
    if (this.problem) {
      this.atRisk = true;
      return { state: "unusable", data: mine, conflicts: [] };
    }
    const theirs = this.dataOf(now);
    this.remember(now.rev, theirs);
    const { value, conflicts } = merge(this.ancestorOf(now), mine, theirs, { kindOf: this.kindOf });
    if (this.isEmpty(value)) {
      if (this.store.clear()) return this.kept({ state: "none" }, value, conflicts);
    } else {
      const rev = this.store.write(value, now.rev || null);
      if (rev) return this.kept({ state: "ok", data: value, rev }, value, conflicts);
    }
    // What is kept is still theirs; this tab's changes stay on the page, to try again.
    this.sync(now);
    this.refused = true;
    this.atRisk = true;
    return { state: "refused", data: structuredClone(value), conflicts };
  }

  kept(found, value, conflicts) {
    this.sync(found);
    this.base = value;
    this.refused = false;
    this.atRisk = false;
    // The page changes its copy in place; what was kept must not change with it.
    return { state: "saved", data: structuredClone(value), conflicts };
  }

  /* After another tab changed what is kept: {state: "merged" | "unusable", data, conflicts,
     unsaved}, unsaved saying that data holds changes of this tab's still to be kept. */
  refresh(mine) {
    const now = this.store.read();
    this.problem = unusable(now);
    if (this.problem) return { state: "unusable", data: mine, conflicts: [], unsaved: true };
    const theirs = this.dataOf(now);
    const { value, conflicts } = merge(this.ancestorOf(now), mine, theirs, { kindOf: this.kindOf });
    this.sync(now);
    return { state: "merged", data: structuredClone(value), conflicts, unsaved: !same(value, theirs) };
  }

  /* The person saved what is on the page as a file: leaving no longer loses it. */
  savedAsFile() {
    this.atRisk = false;
  }

  /* The person chose to let what is kept go: it is removed, and the page starts afresh. */
  startAgain() {
    this.store.clear();
    this.problem = null;
    this.sync({ state: "none" });
  }
}

/* Says on the page (its [data-kept-problem] block) why what this browser keeps for a tool is
   not used, with the damaged value's text to save as a file and a way to start again.
   `what` names what is kept ("support plans"); returns a function that shows the block as
   `shared.problem` now is. */
export function keptProblem(root, shared, { what, file, startedAgain }) {
  const box = root.querySelector("[data-kept-problem]");
  const words = box.querySelector("[data-kept-problem-text]");
  const actions = box.querySelector("[data-kept-problem-actions]");
  let savedText = null; // the damaged text last saved as a file
  box.querySelector("[data-kept-save-raw]").addEventListener("click", () => {
    if (!shared.problem) return;
    saveFile(`${file}-as-kept-${today()}.json`, shared.problem.text);
    savedText = shared.problem.text;
    show();
  });
  box.querySelector("[data-kept-start-again]").addEventListener("click", () => {
    shared.startAgain();
    box.hidden = true;
    startedAgain();
  });
  function show() {
    const problem = shared.problem;
    box.hidden = !problem;
    if (!problem) return;
    actions.hidden = problem.state !== "damaged";
    const saved = problem.state === "damaged" && problem.text === savedText
      ? " They are saved as a file, in the browser’s downloads." : "";
    const [headline, rest] = problem.state === "newer"
      ? [`This browser keeps ${what} saved by a newer version of this site`,
        ` (format ${problem.version}); this page reads format ${shared.store.version} and older. They are left as they are, for the newer site to open. What you type here is not kept in this browser: save a copy to keep it.`]
      : [`The ${what} kept in this browser cannot be read`,
        `, so this page leaves them as they are and does not use them. What is wrong: ${problem.problems.join("; ")}. Save them as a file to keep them, then start again. Until then, what you type here is not kept in this browser: save a copy to keep it.${saved}`];
    words.replaceChildren(Object.assign(document.createElement("strong"), { textContent: headline }), rest);
  }
  return show;
}

function upgrade(data, from, to, migrations) {
  if (from > to) throw new FileProblem(`it was saved by a newer version of this site (format ${from}); this site reads format ${to} and older`);
  for (let v = from; v < to; v += 1) {
    if (!migrations[v]) throw new FileProblem(`format ${from} can no longer be read`);
    data = migrations[v](data);
  }
  return data;
}

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

/* Asks the browser not to clear this site's storage when space runs low. The answer does not
   change what the tool does; the notice beside it says to save a copy either way. */
export async function askToKeep() {
  if (!navigator.storage || !navigator.storage.persist) return false;
  try {
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}

/* Safari deletes what a site stored after seven days without a visit. */
export function mayForgetAfterAWeek() {
  const agent = navigator.userAgent;
  return /Safari\//.test(agent) && !/Chrome\/|Chromium\/|Edg\//.test(agent);
}

/* Shows the notice that answers stay on this device, with the Safari line where it applies. */
export function showStorageNotice(root) {
  for (const line of root.querySelectorAll("[data-storage-safari]")) {
    line.hidden = !mayForgetAfterAWeek();
  }
}

/* A file the person chose to save: made in the page and handed to the browser's download. */
export function saveFile(name, text, type = "application/json") {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/* The text of a saved copy: which tool saved it and in what format, then the tool's data
   (the same shape as it keeps in localStorage, so one set of migrations serves both). */
export function savedCopy(kind, version, data) {
  return JSON.stringify({ kind, version, ...data }, null, 2) + "\n";
}

/* A problem with a file someone opened, worded for them. */
export class FileProblem extends Error {}

/* A saved copy, checked and brought up to the current format: `kind` says which tool saved
   it, `version` its format. Returns the tool's data; throws FileProblem with a message for
   the person. The tool then checks the data itself (unknown ids and the like). */
export async function openSavedCopy(file, { kind, version, migrations = {} }) {
  const name = file.name || "This file";
  let saved;
  try {
    saved = JSON.parse(await file.text());
  } catch {
    throw new FileProblem(`${name} is not a copy saved by this site: it is not a JSON file.`);
  }
  if (!saved || typeof saved !== "object" || typeof saved.kind !== "string") {
    throw new FileProblem(`${name} is not a copy saved by this site.`);
  }
  if (saved.kind !== kind) {
    throw new FileProblem(`${name} was saved by another tool (${saved.kind}), not this one.`);
  }
  if (!Number.isInteger(saved.version)) {
    throw new FileProblem(`${name} does not say which format it is in.`);
  }
  const { kind: _kind, version: savedVersion, ...data } = saved;
  try {
    return upgrade(data, savedVersion, version, migrations);
  } catch (problem) {
    if (problem instanceof FileProblem) throw new FileProblem(`${name} cannot be opened: ${problem.message}.`);
    throw problem;
  }
}

/* A saved copy's data, brought up to the current format, checked in full against the tool's
   schema as the file it would be now; throws FileProblem naming the file. */
export function checkCopy(schema, copy, name) {
  const found = problems(schema, copy);
  if (found.length) throw new FileProblem(`${name} cannot be opened: ${describe(found)}.`);
  return copy;
}

/* Rows of text as CSV a spreadsheet opens: every cell quoted, and a cell a spreadsheet would
   run as a formula (=, +, -, @, tab, carriage return first) starts with ' (the OWASP rule,
   as the site's own strategies.csv does). */
export function toCsv(rows) {
  const cell = (value) => {
    let text = value == null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return `"${text.replace(/"/g, '""')}"`;
  };
  // A byte-order mark so spreadsheet programs read the file as UTF-8.
  return "\ufeff" + rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}

/* Today as YYYY-MM-DD in the person's own time zone, for file names and "saved on". */
export function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
