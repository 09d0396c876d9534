/* The copies a person saves from a tool and opens again, and the spreadsheet the audit saves. */
import { describe, problems } from "../json-schema.js";
import { FileProblem, upgrade } from "../storage.js";

/* The text of a saved copy: which tool saved it and in what format, then the tool's data
   (the same shape as it keeps in localStorage, so one set of migrations serves both). */
export function savedCopy(kind, version, data) {
  return JSON.stringify({ kind, version, ...data }, null, 2) + "\n";
}

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
