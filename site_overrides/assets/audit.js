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
 *
 * Its parts: tools/audit-sections.js puts the form on the page, tools/audit-form.js reads and
 * writes the answers and the summary, tools/audit-files.js saves and opens copies.
 */
import { debounce, openStore, schemaCheck, schemaInPage } from "./storage.js";
import { askToKeep, keptProblem, showStorageNotice } from "./tools/notices.js";
import { Shared } from "./tools/shared.js";
import { MIGRATIONS } from "./tools/audit-migrations.js";
import { showSections } from "./tools/audit-sections.js";
import { conflictWords, makeForm } from "./tools/audit-form.js";
import { saveButtons, showEarlier, whenOpened } from "./tools/audit-files.js";
import { auditOpening } from "./tools/audit-open.js";
import { auditPrinting } from "./tools/audit-print.js";

const NOT_KEPT = "This browser would not keep your answers: its storage is full or turned off. They stay on this page: save a copy to keep them before you leave or reload it.";

/* Started by start.js from the tool (data-module="audit"). */
export function start(tool) {
  const kind = tool.dataset.auditKind;
  const version = Number(tool.dataset.auditFormat);
  const auditId = tool.dataset.auditId;
  const schema = schemaInPage("audit");
  const store = openStore({ tool: "audit", version, migrations: MIGRATIONS,
    check: schemaCheck(schema, "#/$defs/kept") });
  // First, so that whatever happens below, the sections reach the page.
  const form = makeForm(showSections(tool));
  const status = tool.querySelector("[data-audit-status]");
  const say = (text) => { status.textContent = text; };
  let askedToKeep = false;

  document.documentElement.classList.add("semh-audit-js");
  tool.querySelector("[data-audit-nojs]").hidden = true;
  tool.querySelector("[data-audit-controls]").hidden = false;
  showStorageNotice(tool);

  const kept = () => ({ audit: auditId, ...form.read() });
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
    form.write(result.data);
    showProblem();
    if (result.conflicts.length) say(conflictWords(form, result.conflicts));
    if (result.state === "refused") say(NOT_KEPT);
    if (result.state === "saved" && !askedToKeep && !shared.isEmpty(result.data)) {
      askedToKeep = true;
      askToKeep();
    }
    return result.state === "saved";
  }
  const keepSoon = debounce(keep, 400);

  form.write(shared.start());
  showProblem();

  for (const el of form.parts) {
    el.addEventListener("change", () => { form.refresh(); keepSoon.flush(); });
    el.addEventListener("input", () => { form.refresh(); keepSoon(); });
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
    form.write(result.data);
    showProblem();
    if (result.conflicts.length) say(conflictWords(form, result.conflicts));
    else if (result.state === "merged" && JSON.stringify(kept()) !== JSON.stringify(before)) {
      say("Answers saved in another tab are shown here.");
    }
    if (result.unsaved && result.state === "merged") keepSoon();
    opening.forget(); // Undo would now put back more than the file changed
  });

  const audit = { tool, form, kind, version, auditId, schema, say, shared };
  saveButtons(audit);

  const opening = auditOpening(audit, { keep, flush: () => keepSoon.flushWaiting() });
  auditPrinting(audit);
  whenOpened(audit, tool.querySelector("input[data-compare]"), (data, name) => showEarlier(audit, data, name));

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
    form.write({});
    const cleared = keep();
    closeConfirm();
    if (cleared) say(shared.isEmpty(kept()) ? "All answers were cleared from this page and this browser."
      : "Your answers were cleared. Answers saved in another tab at the same moment are kept and shown.");
  });
}
