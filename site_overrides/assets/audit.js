/* The Essex self-audit at /audit/: ratings and notes kept in this browser as they are typed,
 * saved copies to move them between devices, and last time's ratings beside this time's.
 *
 * The page is a complete paper form without this script; the script only adds keeping,
 * saving and opening. Answers, in the browser and in a saved copy, look like
 *   {audit: "<audit id>", answers: {"<criterion id>": answer}, sections: {"<section id>": answer}}
 * where an answer is {rating, evidence, next_steps}, with rating "red", "amber", "green" or
 * null (not rated); `sections` holds the answers for a section as a whole. The page carries
 * the schema (audit.schema.json) that every file and stored value is checked against before
 * anything changes. The audit may be open in several tabs: each save puts only this tab's
 * changes onto what is kept, and another tab's saves are brought in as they happen.
 */

import { changed } from "./lib/components.js";
import {
  askToKeep, checkCopy, debounce, FileProblem, keptProblem, openSavedCopy, openStore,
  savedCopy, saveFile, schemaCheck, schemaInPage, Shared, showStorageNotice, today, toCsv,
} from "./storage.js";

const LABELS = { red: "Red", amber: "Amber", green: "Green" };
const NOT_RATED = "not-rated";
const isRecord = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

/* Format 1 had "These are evaluated to demonstrate impact ..." as a statement of its own in
   two sections; in the Essex document it finishes the statement whose examples it follows. */
const FOLDED = [["pupil-voice-and-engagement-5", "pupil-voice-and-engagement-4"],
  ["parent-carers-voice-5", "parent-carers-voice-4"]];
const FOLDED_WORDS = "“These are evaluated to demonstrate impact …”";

/* What was typed for a former statement, kept on the statement it is now part of: its notes
   after that statement's own, and its rating where that statement had none (or, where the
   two differ, said in the evidence). Anything that is not an answer is left for the schema
   check to refuse. */
function fold(into, from) {
  if (!isRecord(from)) return into;
  if (into !== undefined && !isRecord(into)) return into;
  const merged = { rating: null, evidence: "", next_steps: "", ...into };
  const about = (text) => `About ${FOLDED_WORDS}: ${text}`;
  for (const key of ["evidence", "next_steps"]) {
    if (typeof from[key] === "string" && from[key].trim() && typeof merged[key] === "string") {
      merged[key] = [merged[key], about(from[key])].filter(Boolean).join("\n\n");
    }
  }
  if (from.rating != null) {
    if (merged.rating == null) merged.rating = from.rating;
    else if (merged.rating !== from.rating && typeof merged.evidence === "string") {
      const word = Object.hasOwn(LABELS, from.rating) ? LABELS[from.rating] : String(from.rating);
      merged.evidence = [merged.evidence, `${FOLDED_WORDS} was rated ${word} on its own, before it became part of this statement.`].filter(Boolean).join("\n\n");
    }
  }
  return merged;
}

/* migrations[v] turns format v's answers into format v + 1's; raise FORMAT in
   generator/audit_file.py with each. */
export const MIGRATIONS = {
  1: (old) => {
    if (!isRecord(old)) return old;
    const answers = isRecord(old.answers) ? { ...old.answers } : old.answers;
    if (isRecord(answers)) {
      for (const [former, statement] of FOLDED) {
        if (!Object.hasOwn(answers, former)) continue;
        answers[statement] = fold(answers[statement], answers[former]);
        delete answers[former];
      }
    }
    return { ...old, answers, sections: {} };
  },
};

const tool = document.querySelector("[data-audit-tool]");
if (tool) start(tool);

function start(tool) {
  const kind = tool.dataset.auditKind;
  const version = Number(tool.dataset.auditFormat);
  const auditId = tool.dataset.auditId;
  const schema = schemaInPage("audit");
  const store = openStore({ tool: "audit", version, migrations: MIGRATIONS,
    check: schemaCheck(schema, "#/$defs/kept") });
  // First, so that whatever happens below, the sections reach the page.
  const parts = showSections(tool);
  const criteria = parts.filter((el) => el.dataset.auditCriterion);
  const wholes = parts.filter((el) => el.dataset.auditWhole);
  // Where each answer goes: answers by criterion id, sections by section id.
  const groups = {
    answers: new Map(criteria.map((el) => [el.dataset.auditCriterion, el])),
    sections: new Map(wholes.map((el) => [el.dataset.auditWhole, el])),
  };
  const status = tool.querySelector("[data-audit-status]");
  const say = (text) => { status.textContent = text; };
  let askedToKeep = false;

  document.documentElement.classList.add("semh-audit-js");
  tool.querySelector("[data-audit-nojs]").hidden = true;
  tool.querySelector("[data-audit-controls]").hidden = false;
  showStorageNotice(tool);

  /* --- the form and the answers ------------------------------------------------------- */

  const field = (el, name) => el.querySelector(`textarea[name="${name}"]`);
  const ratingOf = (el) => {
    const chosen = el.querySelector("input[type=radio]:checked");
    return chosen && chosen.value !== NOT_RATED ? chosen.value : null;
  };
  const answerOf = (el) => ({
    rating: ratingOf(el), evidence: field(el, "evidence").value, next_steps: field(el, "next-steps").value,
  });
  const isEmpty = (answer) => !answer.rating && !answer.evidence && !answer.next_steps;

  /* Every answer on the page, the empty ones too (a saved copy), or only those with
     something in them (what is kept). */
  function read({ all = false } = {}) {
    const out = {};
    for (const [group, els] of Object.entries(groups)) {
      out[group] = {};
      for (const [id, el] of els) {
        const answer = answerOf(el);
        if (all || !isEmpty(answer)) out[group][id] = answer;
      }
    }
    return out;
  }
  const kept = () => ({ audit: auditId, ...read() });

  /* Puts answers on the page. A box is given a value only where it differs, so one being
     typed in keeps its place when another tab's answers arrive. */
  function write(data) {
    for (const [group, els] of Object.entries(groups)) {
      const answers = (data && data[group]) || {};
      for (const [id, el] of els) {
        const answer = Object.hasOwn(answers, id) ? answers[id] : {};
        const value = answer.rating || NOT_RATED;
        for (const radio of el.querySelectorAll("input[type=radio]")) radio.checked = radio.value === value;
        for (const [name, key] of [["evidence", "evidence"], ["next-steps", "next_steps"]]) {
          const box = field(el, name);
          if (box.value !== (answer[key] || "")) box.value = answer[key] || "";
        }
      }
    }
    refresh();
  }

  /* What the page shows from the answers: the rating on each criterion (so the related
     links of a Red or Amber one show), the printed copies of the notes, and the summary. */
  function refresh() {
    for (const el of parts) {
      const rating = ratingOf(el);
      el.dataset.rating = rating || NOT_RATED;
      el.querySelector('[data-audit-print="rating"]').textContent = rating ? `Rating: ${LABELS[rating]}` : "";
      for (const name of ["evidence", "next-steps"]) {
        el.querySelector(`[data-audit-print="${name}"]`).textContent = field(el, name).value;
      }
    }
    for (const row of document.querySelectorAll("[data-audit-summary-section]")) {
      const section = row.dataset.auditSummarySection;
      const counts = { red: 0, amber: 0, green: 0, unrated: 0 };
      const mine = criteria.filter((el) => el.dataset.auditSection === section);
      for (const el of mine) counts[ratingOf(el) || "unrated"] += 1;
      let x = 0;
      for (const [rating, count] of Object.entries(counts)) {
        row.querySelector(`[data-audit-count="${rating}"]`).textContent = count;
        const bar = row.querySelector(`[data-audit-bar="${rating}"]`);
        const width = mine.length ? (100 * count) / mine.length : 0;
        bar.setAttribute("x", x);
        bar.setAttribute("width", width);
        x += width;
      }
      row.querySelector("[data-audit-complete]").hidden = counts.unrated > 0;
      const whole = groups.sections.get(section);
      const rating = whole && ratingOf(whole);
      const shown = row.querySelector("[data-audit-whole-rating]");
      shown.textContent = rating ? LABELS[rating] : "not rated";
      shown.dataset.rating = rating || NOT_RATED;
    }
  }

  /* "1.2", or "section 6 as a whole", for an answer's place. */
  function placeOf(group, id) {
    const el = groups[group] && groups[group].get(id);
    const number = el ? el.dataset.auditNumber : id;
    return group === "sections" ? `section ${number} as a whole` : number;
  }

  /* A part of an answer, in words: "Next Steps for 1.2". */
  function nameOf([group, id, key]) {
    const what = placeOf(group, id);
    return { rating: `the rating of ${what}`, evidence: `Comments/Evidence for ${what}`,
      next_steps: `Next Steps for ${what}` }[key] || `the answers for ${what}`;
  }

  function conflictWords(conflicts) {
    return conflicts.map((conflict) => {
      const what = nameOf(conflict.path);
      if (conflict.kind === "joined") return `This tab and another both changed ${what}: both versions are kept, this tab’s first. Check it.`;
      if (conflict.kind === "kept-changed") return `${what[0].toUpperCase()}${what.slice(1)} was cleared in one tab and changed in another, so the change is kept.`;
      const theirs = conflict.theirs == null ? "not rated" : (LABELS[conflict.theirs] || conflict.theirs);
      return `Another tab changed ${what} at the same time (to ${theirs}): this tab’s is kept.`;
    }).join(" ");
  }

  const NOT_KEPT = "This browser would not keep your answers: its storage is full or turned off. They stay on this page: save a copy to keep them before you leave or reload it.";

  const blank = () => ({ audit: auditId, answers: {}, sections: {} });
  const shared = new Shared(store, {
    blank,
    kindOf: (path) => (["evidence", "next_steps"].includes(path.at(-1)) ? "lines" : undefined),
    isEmpty: (data) => !Object.keys(data.answers).length && !Object.keys(data.sections).length,
  });
  const showProblem = keptProblem(tool, shared, {
    what: "self-audit answers",
    file: "semh-self-audit",
    startedAgain: () => {
      keep();
      say("What was kept in this browser is gone; the answers on this page are kept from now on.");
    },
  });

  /* Keeps what is on the page; says what the person must know. Returns whether it is kept. */
  function keep() {
    const result = shared.save(kept());
    write(result.data);
    showProblem();
    if (result.conflicts.length) say(conflictWords(result.conflicts));
    if (result.state === "refused") say(NOT_KEPT);
    if (result.state === "saved" && !askedToKeep && !shared.isEmpty(result.data)) {
      askedToKeep = true;
      askToKeep();
    }
    return result.state === "saved";
  }
  const keepSoon = debounce(keep, 400);

  write(shared.start());
  showProblem();

  for (const el of parts) {
    el.addEventListener("change", () => { refresh(); keepSoon.flush(); });
    el.addEventListener("input", () => { refresh(); keepSoon(); });
  }
  // Typing still waiting to be kept is kept before the page goes away.
  window.addEventListener("pagehide", () => keepSoon.flushWaiting());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") keepSoon.flushWaiting();
  });

  /* Another tab saved: its answers come in, with this tab's unsaved typing on top. */
  store.watch(() => {
    const before = kept();
    const result = shared.refresh(before);
    write(result.data);
    showProblem();
    if (result.conflicts.length) say(conflictWords(result.conflicts));
    else if (result.state === "merged" && JSON.stringify(kept()) !== JSON.stringify(before)) {
      say("Answers saved in another tab are shown here.");
    }
    if (result.unsaved && result.state === "merged") keepSoon();
  });

  /* --- saving a copy ------------------------------------------------------------------ */

  tool.querySelector('[data-export="json"]').addEventListener("click", () => {
    const date = today();
    saveFile(`semh-self-audit-${date}.json`, savedCopy(kind, version, { audit: auditId, date, ...read({ all: true }) }));
    shared.savedAsFile();
    say(`Saved a copy as semh-self-audit-${date}.json, in the browser's downloads.`);
  });

  tool.querySelector('[data-export="csv"]').addEventListener("click", () => {
    const rows = [["Section", "Number", "Criterion", "RAG", "Comments/Evidence", "Next Steps"]];
    const row = (el, text) => {
      const answer = answerOf(el);
      rows.push([sectionTitle(el), el.dataset.auditNumber, text,
        answer.rating ? LABELS[answer.rating] : "Not rated", answer.evidence, answer.next_steps]);
    };
    for (const [section, whole] of groups.sections) {
      for (const el of criteria.filter((c) => c.dataset.auditSection === section)) row(el, criterionText(el));
      row(whole, "The section as a whole");
    }
    const date = today();
    saveFile(`semh-self-audit-${date}.csv`, toCsv(rows), "text/csv");
    say(`Saved the answers as semh-self-audit-${date}.csv, in the browser's downloads.`);
  });

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

  /* --- opening a saved copy ----------------------------------------------------------- */

  /* The answers of a saved copy, checked against this page in words a person knows, then
     in full against the schema; throws FileProblem. */
  function check(data, name) {
    if (data.audit !== auditId) {
      throw new FileProblem(`${name} is a copy of another audit (${data.audit ?? "not named"}), not this one.`);
    }
    for (const [group, what] of [["answers", "criteria"], ["sections", "sections"]]) {
      const answers = data[group];
      if (!isRecord(answers)) continue; // the schema says what is missing
      const unknown = Object.keys(answers).filter((id) => !groups[group].has(id));
      if (unknown.length) {
        throw new FileProblem(`${name} has answers for ${what} this audit does not have: ${unknown.join(", ")}.`);
      }
      for (const [id, answer] of Object.entries(answers)) {
        const number = placeOf(group, id);
        if (!isRecord(answer)) throw new FileProblem(`${name} has no answer for ${number}.`);
        if (answer.rating != null && !Object.hasOwn(LABELS, answer.rating)) {
          throw new FileProblem(`${name} rates ${number} "${answer.rating}"; a rating is red, amber, green or none.`);
        }
      }
    }
    return checkCopy(schema, { kind, version, ...data }, name);
  }

  function whenOpened(input, use) {
    input.addEventListener("change", async () => {
      const file = input.files[0];
      if (!file) return;
      try {
        const data = check(await openSavedCopy(file, { kind, version, migrations: MIGRATIONS }), file.name);
        use(data, file.name);
      } catch (problem) {
        if (!(problem instanceof FileProblem)) throw problem;
        say(`${problem.message} Nothing on this page was changed.`);
      } finally {
        input.value = "";
      }
    });
  }

  whenOpened(tool.querySelector("input[data-import]"), (data, name) => {
    keepSoon.flushWaiting();
    // What the page showed is replaced by the file: every answer, the empty ones too.
    const all = read({ all: true });
    for (const group of Object.keys(groups)) {
      for (const id of Object.keys(all[group])) all[group][id] = data[group][id] || { rating: null, evidence: "", next_steps: "" };
    }
    write(all);
    const saved = keep();
    const rated = (group) => Object.values(data[group]).filter((answer) => answer.rating).length;
    const opened = `Opened ${name}${data.date ? `, saved on ${data.date}` : ""}: ${rated("answers")} of ${criteria.length} statements rated, and ${rated("sections")} of ${wholes.length} sections as a whole.`;
    if (saved) say(opened);
    else if (shared.refused) say(`${opened} But this browser would not keep them: its storage is full or turned off. They stay on this page: save a copy to keep them before you leave or reload it.`);
    else say(`${opened} They are not kept in this browser, for the reason above: save a copy to keep them.`);
  });

  whenOpened(tool.querySelector("input[data-compare]"), (data, name) => {
    const when = data.date ? `saved on ${data.date}` : name;
    for (const [group, els] of Object.entries(groups)) {
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
  });

  /* --- clearing ----------------------------------------------------------------------- */

  const clear = tool.querySelector("[data-audit-clear]");
  const confirm = tool.querySelector("[data-audit-confirm]");
  const closeConfirm = () => {
    confirm.hidden = true;
    clear.setAttribute("aria-expanded", "false");
    clear.focus();
  };
  clear.addEventListener("click", () => {
    confirm.hidden = false;
    clear.setAttribute("aria-expanded", "true");
    confirm.querySelector("[data-audit-confirm-no]").focus();
  });
  confirm.querySelector("[data-audit-confirm-no]").addEventListener("click", () => {
    closeConfirm();
    say("Your answers were kept.");
  });
  confirm.querySelector("[data-audit-confirm-yes]").addEventListener("click", () => {
    keepSoon.flushWaiting();
    write({});
    const cleared = keep();
    closeConfirm();
    if (cleared) say(shared.isEmpty(kept()) ? "All answers were cleared from this page and this browser."
      : "Your answers were cleared. Answers saved in another tab at the same moment are kept and shown.");
  });
}

/* The sections of the form, which the page carries inside <noscript data-audit-sections>:
 * without JavaScript they are the page, and with it the browser keeps them as text, so the
 * page loads without laying out some 2,500 controls (see audit.md.j2). They are made into
 * elements off the page, where the answers can be read and written at once, and put on the
 * page one at a time once it has been parsed, giving the browser back between them so that
 * no step holds it up for long. A link to a statement or a section, and printing, put in the
 * sections they need at once. The tool says data-audit-shown when all are in; each section
 * put in is said to have changed (lib/components.js) for the scripts that enhance what a page holds. Returns the
 * elements that take an answer (criteria and sections as a whole), wherever they are. */
function showSections(tool) {
  const later = document.querySelector("noscript[data-audit-sections]");
  const answered = "[data-audit-criterion], [data-audit-whole]";
  if (!later) {
    tool.dataset.auditShown = "";
    return [...document.querySelectorAll(answered)];
  }
  const form = document.createElement("div");
  form.innerHTML = later.textContent;
  const parts = [...form.children];
  const criteria = [...form.querySelectorAll(answered)];
  const place = document.createElement("div");
  place.className = "semh-audit-sections";
  later.replaceWith(place);
  let shown = 0;

  function showUpTo(last) {
    for (; shown <= last && shown < parts.length; shown += 1) {
      place.append(parts[shown]);
      changed(parts[shown], "audit");
    }
    if (shown === parts.length) tool.dataset.auditShown = "";
  }

  /* Puts in the section of the element the address names, if it is not in yet, and goes to
     it as the browser would have. */
  function showTarget() {
    let id;
    try {
      id = decodeURIComponent(location.hash.slice(1));
    } catch {
      return; // not an address this page wrote
    }
    if (!id || document.getElementById(id)) return;
    const last = parts.findIndex((part) => part.querySelector(`[id="${CSS.escape(id)}"]`));
    if (last < 0) return;
    showUpTo(last);
    document.getElementById(id).scrollIntoView();
  }

  const breathe = () => (globalThis.scheduler?.yield ? scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve)));

  async function showInTurn() {
    // The theme's own start once the page is parsed (DOMContentLoaded) is quicker on a
    // smaller page. This module runs before that event, when readyState already says
    // "interactive", so the navigation's timing tells whether the event has been.
    const [navigation] = performance.getEntriesByType("navigation");
    if (document.readyState !== "complete" && !(navigation?.domContentLoadedEventEnd > 0)) {
      await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
    }
    while (shown < parts.length) {
      await breathe();
      showUpTo(shown);
    }
  }

  showTarget();
  window.addEventListener("hashchange", showTarget);
  window.addEventListener("beforeprint", () => showUpTo(parts.length - 1));
  showInTurn();
  return criteria;
}
