/* What the tools share: answers kept in this browser only, and files a person saves and opens.
 *
 * Nothing here sends anything anywhere. Each tool keeps its answers under one key of
 * localStorage, "semh:<tool>", as {"version": N, "data": ...}. When a tool's stored form
 * changes, its version goes up and it gives a migration from each older version, so answers
 * kept by an older site, and copies saved from it, still open.
 */

const PREFIX = "semh:";

/* A tool's place in localStorage. `migrations[v]` turns version v's data into version v+1's. */
export function openStore({ tool, version, migrations = {} }) {
  const key = PREFIX + tool;
  return {
    /* The stored answers at the current version, or null when there are none or they cannot
       be read. Data from a newer site is left alone rather than overwritten by an older one. */
    load() {
      let stored;
      try {
        stored = JSON.parse(localStorage.getItem(key));
      } catch {
        return null;
      }
      if (!stored || typeof stored !== "object" || !Number.isInteger(stored.version)) return null;
      try {
        return upgrade(stored.data, stored.version, version, migrations);
      } catch {
        return null;
      }
    },
    /* False when the browser refuses (storage full, or turned off); the page says so. */
    save(data) {
      try {
        localStorage.setItem(key, JSON.stringify({ version, data }));
        return true;
      } catch {
        return false;
      }
    },
    clear() {
      localStorage.removeItem(key);
    },
  };
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
