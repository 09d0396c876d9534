/* The audit's files: a saved copy (JSON) and a spreadsheet (CSV) made from the answers on the
 * page, and copies opened again, checked before anything on the page changes. `audit` is
 * {tool, form, kind, version, auditId, schema, say, shared}. */
import { saveFile } from "../lib/download.js";
import { today } from "../lib/today.js";
import { FileProblem } from "../storage.js";
import { LABELS, MIGRATIONS, NOT_RATED, isRecord } from "./audit-migrations.js";
import { checkCopy, openSavedCopy, savedCopy, toCsv } from "./saved-copy.js";

/* The "Save a copy" and "Save as a spreadsheet" buttons. */
export function saveButtons({ tool, form, kind, version, auditId, say, shared }) {
  tool.querySelector('[data-export="json"]').addEventListener("click", () => {
    const date = today();
    saveFile(`semh-self-audit-${date}.json`, savedCopy(kind, version, { audit: auditId, date, ...form.read({ all: true }) }));
    shared.savedAsFile();
    say(`Saved a copy as semh-self-audit-${date}.json, in the browser's downloads.`);
  });

  tool.querySelector('[data-export="csv"]').addEventListener("click", () => {
    const rows = [["Section", "Number", "Criterion", "RAG", "Comments/Evidence", "Next Steps"]];
    const row = (el, text) => {
      const answer = form.answerOf(el);
      rows.push([sectionTitle(el), el.dataset.auditNumber, text,
        answer.rating ? LABELS[answer.rating] : "Not rated", answer.evidence, answer.next_steps]);
    };
    for (const [section, whole] of form.groups.sections) {
      for (const el of form.criteria.filter((c) => c.dataset.auditSection === section)) row(el, criterionText(el));
      row(whole, "The section as a whole");
    }
    const date = today();
    saveFile(`semh-self-audit-${date}.csv`, toCsv(rows), "text/csv");
    say(`Saved the answers as semh-self-audit-${date}.csv, in the browser's downloads.`);
  });
}

const sectionTitle = (el) => {
  const link = document.querySelector(`[data-audit-summary-section="${el.dataset.auditSection}"] a`);
  return link ? link.textContent.replace(/^\d+\.\s*/, "") : el.dataset.auditSection;
};

/* The council's statement with its examples and the words after them, as the page shows
   them. */
function criterionText(el) {
  // Without the number, and without the meanings a11y.js shows beside abbreviations.
  const plain = (node) => {
    const copy = node.cloneNode(true);
    copy.querySelectorAll(".semh-audit-criterion__number, .semh-abbr__tip").forEach((extra) => extra.remove());
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  const text = plain(el.querySelector(":scope > p"));
  const examples = [...el.querySelectorAll(":scope > ul > li")].map(plain);
  const after = el.querySelector(":scope > .semh-audit-criterion__after");
  return [text, examples.join("; "), after ? plain(after) : ""].filter(Boolean).join(" ");
}

/* The answers of a saved copy, checked against this page in words a person knows, then
   in full against the schema; throws FileProblem. */
function check({ form, kind, version, auditId, schema }, data, name) {
  if (data.audit !== auditId) {
    throw new FileProblem(`${name} is a copy of another audit (${data.audit ?? "not named"}), not this one.`);
  }
  for (const [group, what] of [["answers", "criteria"], ["sections", "sections"]]) {
    const answers = data[group];
    if (!isRecord(answers)) continue; // the schema says what is missing
    const unknown = Object.keys(answers).filter((id) => !form.groups[group].has(id));
    if (unknown.length) {
      throw new FileProblem(`${name} has answers for ${what} this audit does not have: ${unknown.join(", ")}.`);
    }
    for (const [id, answer] of Object.entries(answers)) {
      const number = form.placeOf(group, id);
      if (!isRecord(answer)) throw new FileProblem(`${name} has no answer for ${number}.`);
      if (answer.rating != null && !Object.hasOwn(LABELS, answer.rating)) {
        throw new FileProblem(`${name} rates ${number} "${answer.rating}"; a rating is red, amber, green or none.`);
      }
    }
  }
  return checkCopy(schema, { kind, version, ...data }, name);
}

/* Calls use(data, file name) with a copy chosen in `input`, once it is checked; a file that
   cannot be opened changes nothing, and the status line says why. */
export function whenOpened(audit, input, use) {
  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    try {
      const opened = await openSavedCopy(file, { kind: audit.kind, version: audit.version, migrations: MIGRATIONS });
      use(check(audit, opened, file.name), file.name);
    } catch (problem) {
      if (!(problem instanceof FileProblem)) throw problem;
      audit.say(`${problem.message} Nothing on this page was changed.`);
    } finally {
      input.value = "";
    }
  });
}

/* "Compare with an earlier copy": last time's rating beside each statement and section. */
export function showEarlier({ form, say }, data, name) {
  const when = data.date ? `saved on ${data.date}` : name;
  for (const [group, els] of Object.entries(form.groups)) {
    for (const [id, el] of els) {
      const earlier = Object.hasOwn(data[group], id) ? data[group][id] : null;
      const line = el.querySelector("[data-audit-earlier]");
      const rating = earlier && earlier.rating;
      line.textContent = `Last time (${when}): ${rating ? LABELS[rating] : "not rated"}`;
      line.dataset.rating = rating || NOT_RATED;
      line.hidden = false;
    }
  }
  say(`Showing the ratings of ${name} (${when}) beside each statement and section.`);
}
