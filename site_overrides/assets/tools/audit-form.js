/* The audit's form: reading the answers off the page, putting answers on it, and what the page
 * shows from them (the rating of each statement, the printed copies of the notes, and the
 * summary). `parts` are the elements that take an answer: statements (data-audit-criterion)
 * and sections as a whole (data-audit-whole). */
import { LABELS, NOT_RATED } from "./audit-migrations.js";

export const EMPTY = Object.freeze({ rating: null, evidence: "", next_steps: "" });

export const isEmpty = (answer) => !answer.rating && !answer.evidence && !answer.next_steps;

export function makeForm(parts) {
  const criteria = parts.filter((el) => el.dataset.auditCriterion);
  const wholes = parts.filter((el) => el.dataset.auditWhole);
  // Where each answer goes: answers by criterion id, sections by section id.
  const groups = {
    answers: new Map(criteria.map((el) => [el.dataset.auditCriterion, el])),
    sections: new Map(wholes.map((el) => [el.dataset.auditWhole, el])),
  };

  const field = (el, name) => el.querySelector(`textarea[name="${name}"]`);
  const ratingOf = (el) => {
    const chosen = el.querySelector("input[type=radio]:checked");
    return chosen && chosen.value !== NOT_RATED ? chosen.value : null;
  };
  const answerOf = (el) => ({
    rating: ratingOf(el), evidence: field(el, "evidence").value, next_steps: field(el, "next-steps").value,
  });

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
      // What "Print my answers" prints (tools/audit-print.js).
      el.toggleAttribute("data-audit-answered", !isEmpty(answerOf(el)));
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

  return { parts, criteria, wholes, groups, answerOf, ratingOf, read, write, refresh, placeOf };
}

/* What two tabs both changed, in words for the status line. */
export function conflictWords(form, conflicts) {
  /* A part of an answer, in words: "Next Steps for 1.2". */
  const nameOf = ([group, id, key]) => {
    const what = form.placeOf(group, id);
    return { rating: `the rating of ${what}`, evidence: `Comments/Evidence for ${what}`,
      next_steps: `Next Steps for ${what}` }[key] || `the answers for ${what}`;
  };
  return conflicts.map((conflict) => {
    const what = nameOf(conflict.path);
    if (conflict.kind === "joined") return `This tab and another both changed ${what}: both versions are kept, this tab’s first. Check it.`;
    if (conflict.kind === "kept-changed") return `${what[0].toUpperCase()}${what.slice(1)} was cleared in one tab and changed in another, so the change is kept.`;
    const theirs = conflict.theirs == null ? "not rated" : (LABELS[conflict.theirs] || conflict.theirs);
    return `Another tab changed ${what} at the same time (to ${theirs}): this tab’s is kept.`;
  }).join(" ");
}
