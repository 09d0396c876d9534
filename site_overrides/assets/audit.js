/* The Essex self-audit at /audit/: ratings and notes kept in this browser as they are typed,
 * saved copies to move them between devices, and last time's ratings beside this time's.
 *
 * The page is a complete paper form without this script; the script only adds keeping,
 * saving and opening. Answers, in the browser and in a saved copy, look like
 *   {audit: "<audit id>", answers: {"<criterion id>": {rating, evidence, next_steps}}}
 * with rating "red", "amber", "green" or null (not rated).
 */

import {
  askToKeep, debounce, FileProblem, openSavedCopy, openStore, savedCopy, saveFile,
  showStorageNotice, today, toCsv,
} from "./storage.js";

const LABELS = { red: "Red", amber: "Amber", green: "Green" };
const NOT_RATED = "not-rated";

/* migrations[v] turns format v's answers into format v + 1's. Format 1 is the first; when
   the format changes, add the step here and raise FORMAT in generator/audit_file.py. */
export const MIGRATIONS = {};

const tool = document.querySelector("[data-audit-tool]");
if (tool) start(tool);

function start(tool) {
  const kind = tool.dataset.auditKind;
  const version = Number(tool.dataset.auditFormat);
  const auditId = tool.dataset.auditId;
  const store = openStore({ tool: "audit", version, migrations: MIGRATIONS });
  // First, so that whatever happens below, the sections reach the page.
  const criteria = showSections(tool);
  const byId = new Map(criteria.map((el) => [el.dataset.auditCriterion, el]));
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

  function read() {
    const answers = {};
    for (const el of criteria) {
      answers[el.dataset.auditCriterion] = {
        rating: ratingOf(el),
        evidence: field(el, "evidence").value,
        next_steps: field(el, "next-steps").value,
      };
    }
    return answers;
  }

  function write(answers) {
    for (const el of criteria) {
      const answer = answers[el.dataset.auditCriterion] || {};
      const value = answer.rating || NOT_RATED;
      for (const radio of el.querySelectorAll("input[type=radio]")) radio.checked = radio.value === value;
      field(el, "evidence").value = answer.evidence || "";
      field(el, "next-steps").value = answer.next_steps || "";
    }
    refresh();
  }

  const isEmpty = (answer) => !answer.rating && !answer.evidence && !answer.next_steps;

  /* What the page shows from the answers: the rating on each criterion (so the related
     links of a Red or Amber one show), the printed copies of the notes, and the summary. */
  function refresh() {
    for (const el of criteria) {
      const rating = ratingOf(el);
      el.dataset.rating = rating || NOT_RATED;
      el.querySelector('[data-audit-print="rating"]').textContent = rating ? `Rating: ${LABELS[rating]}` : "";
      for (const name of ["evidence", "next-steps"]) {
        el.querySelector(`[data-audit-print="${name}"]`).textContent = field(el, name).value;
      }
    }
    for (const row of document.querySelectorAll("[data-audit-summary-section]")) {
      const counts = { red: 0, amber: 0, green: 0, unrated: 0 };
      const mine = criteria.filter((el) => el.dataset.auditSection === row.dataset.auditSummarySection);
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
    }
  }

  function keep() {
    const answers = Object.fromEntries(Object.entries(read()).filter(([, answer]) => !isEmpty(answer)));
    if (!Object.keys(answers).length) {
      store.clear();
      return;
    }
    if (!store.save({ audit: auditId, answers })) {
      say("This browser would not keep your answers (its storage may be full or turned off): save a copy to keep them.");
    }
    if (!askedToKeep) {
      askedToKeep = true;
      askToKeep();
    }
  }
  const keepSoon = debounce(keep, 400);

  const kept = store.load();
  if (kept && kept.answers) write(kept.answers);
  else refresh();

  for (const el of criteria) {
    el.addEventListener("change", () => { refresh(); keepSoon.flush(); });
    el.addEventListener("input", () => { refresh(); keepSoon(); });
  }
  // Typing still waiting to be kept is kept before the page goes away.
  window.addEventListener("pagehide", () => keepSoon.flush());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") keepSoon.flush();
  });

  /* --- saving a copy ------------------------------------------------------------------ */

  tool.querySelector('[data-export="json"]').addEventListener("click", () => {
    const date = today();
    saveFile(`semh-self-audit-${date}.json`, savedCopy(kind, version, { audit: auditId, date, answers: read() }));
    say(`Saved a copy as semh-self-audit-${date}.json, in the browser's downloads.`);
  });

  tool.querySelector('[data-export="csv"]').addEventListener("click", () => {
    const answers = read();
    const rows = [["Section", "Number", "Criterion", "RAG", "Comments/Evidence", "Next Steps"]];
    for (const el of criteria) {
      const answer = answers[el.dataset.auditCriterion];
      rows.push([sectionTitle(el), el.dataset.auditNumber, criterionText(el),
        answer.rating ? LABELS[answer.rating] : "Not rated", answer.evidence, answer.next_steps]);
    }
    const date = today();
    saveFile(`semh-self-audit-${date}.csv`, toCsv(rows), "text/csv");
    say(`Saved the answers as semh-self-audit-${date}.csv, in the browser's downloads.`);
  });

  const sectionTitle = (el) => {
    const link = document.querySelector(`[data-audit-summary-section="${el.dataset.auditSection}"] a`);
    return link ? link.textContent.replace(/^\d+\.\s*/, "") : el.dataset.auditSection;
  };

  /* The council's statement with its examples, as the page shows them. */
  function criterionText(el) {
    // Without the number, and without the meanings a11y.js shows beside abbreviations.
    const plain = (node) => {
      const copy = node.cloneNode(true);
      copy.querySelectorAll(".semh-audit-criterion__number, .semh-abbr__tip").forEach((extra) => extra.remove());
      return copy;
    };
    const statement = plain(el.querySelector(":scope > p"));
    const examples = [...el.querySelectorAll(":scope > ul > li")].map((li) => plain(li).textContent.trim());
    const text = statement.textContent.replace(/\s+/g, " ").trim();
    return examples.length ? `${text} ${examples.join("; ")}` : text;
  }

  /* --- opening a saved copy ----------------------------------------------------------- */

  /* The answers of a saved copy, checked against this page; throws FileProblem. */
  function check(data, name) {
    if (data.audit !== auditId) {
      throw new FileProblem(`${name} is a copy of another audit (${data.audit ?? "not named"}), not this one.`);
    }
    const answers = data.answers;
    if (!answers || typeof answers !== "object" || Array.isArray(answers)) {
      throw new FileProblem(`${name} holds no answers.`);
    }
    const unknown = Object.keys(answers).filter((id) => !byId.has(id));
    if (unknown.length) {
      throw new FileProblem(`${name} has answers for criteria this audit does not have: ${unknown.join(", ")}.`);
    }
    for (const [id, answer] of Object.entries(answers)) {
      const number = byId.get(id).dataset.auditNumber;
      if (!answer || typeof answer !== "object") throw new FileProblem(`${name} has no answer for ${number}.`);
      if (answer.rating != null && !(answer.rating in LABELS)) {
        throw new FileProblem(`${name} rates ${number} "${answer.rating}"; a rating is red, amber, green or none.`);
      }
      for (const key of ["evidence", "next_steps"]) {
        if (answer[key] != null && typeof answer[key] !== "string") {
          throw new FileProblem(`${name} has notes for ${number} that are not text.`);
        }
      }
    }
    return data;
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
    write(data.answers);
    keep();
    const rated = Object.values(data.answers).filter((answer) => answer.rating).length;
    say(`Opened ${name}${data.date ? `, saved on ${data.date}` : ""}: ${rated} of ${criteria.length} statements rated.`);
  });

  whenOpened(tool.querySelector("input[data-compare]"), (data, name) => {
    const when = data.date ? `saved on ${data.date}` : name;
    for (const el of criteria) {
      const earlier = data.answers[el.dataset.auditCriterion];
      const line = el.querySelector("[data-audit-earlier]");
      const rating = earlier && earlier.rating;
      line.textContent = `Last time (${when}): ${rating ? LABELS[rating] : "not rated"}`;
      line.dataset.rating = rating || NOT_RATED;
      line.hidden = false;
    }
    say(`Showing the ratings of ${name} (${when}) beside each statement.`);
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
    write({});
    store.clear();
    closeConfirm();
    say("All answers were cleared from this page and this browser.");
  });
}

/* The sections of the form, which the page carries inside <noscript data-audit-sections>:
 * without JavaScript they are the page, and with it the browser keeps them as text, so the
 * page loads without laying out some 2,300 controls (see audit.md.j2). They are made into
 * elements off the page, where the answers can be read and written at once, and put on the
 * page one at a time once it has been parsed, giving the browser back between them so that
 * no step holds it up for long. A link to a statement or a section, and printing, put in the
 * sections they need at once. The tool says data-audit-shown when all are in; each section
 * put in fires "semh:added" for the scripts that enhance what a page holds. Returns the
 * criteria's elements, wherever they are. */
function showSections(tool) {
  const later = document.querySelector("noscript[data-audit-sections]");
  if (!later) {
    tool.dataset.auditShown = "";
    return [...document.querySelectorAll("[data-audit-criterion]")];
  }
  const form = document.createElement("div");
  form.innerHTML = later.textContent;
  const parts = [...form.children];
  const criteria = [...form.querySelectorAll("[data-audit-criterion]")];
  const place = document.createElement("div");
  place.className = "semh-audit-sections";
  later.replaceWith(place);
  let shown = 0;

  function showUpTo(last) {
    for (; shown <= last && shown < parts.length; shown += 1) {
      place.append(parts[shown]);
      parts[shown].dispatchEvent(new CustomEvent("semh:added", { bubbles: true }));
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
