/* "Open a saved copy" on the support plan page: the file is checked in full (its format, the
 * schema, and that this site has its strategies and needs) before anything on the page
 * changes. A plan the page does not have is added; where the page has a plan of the same id
 * that the file would write over, the page says how they differ and asks whether to replace
 * it or keep the page's answers (tools/open-choice.js), with Undo either way. `app` is the
 * page's state and its ways to keep it (plan.js). */
import { $ } from "../lib/dom.js";
import { FileProblem } from "../storage.js";
import { blankPlan, KIND, MIGRATIONS, sameIds, unknownIn, VERSION } from "../plan-store.js";
import { same } from "../json-schema.js";
import { count, inWords, openChoice } from "./open-choice.js";
import { strategiesFor } from "../plan-strategies.js";
import { checkCopy, openSavedCopy } from "./saved-copy.js";

/* The plans of a saved copy, checked; throws FileProblem. */
async function checked(app, file) {
  const opened = await openSavedCopy(file, { kind: KIND, version: VERSION, migrations: MIGRATIONS });
  checkCopy(app.schema, { kind: KIND, version: VERSION, ...opened }, file.name);
  let problems = sameIds(opened);
  if (!problems.length) {
    // Only a file that reads as plans has its strategies looked up on this site.
    let found;
    try {
      found = await strategiesFor(opened.plans.flatMap((p) => p.strategies));
    } catch {
      throw new FileProblem(`${file.name} could not be checked against this site's strategies: check the connection, then try again.`);
    }
    problems = unknownIn(opened, { strategies: new Set(found.keys()), needs: app.knownNeeds });
    for (const [id, strategy] of found) app.shown.set(id, strategy);
  }
  if (problems.length) throw new FileProblem(`${file.name} cannot be opened: ${problems.join("; ")}.`);
  return opened;
}

/* Whether a plan's field holds nothing typed: an empty box, no choice, no ticks, or only
   blank targets. */
const blank = (value) => value === "" || value === false || value === null
  || (Array.isArray(value) && value.every((item) => typeof item === "object" && item !== null
    && Object.values(item).every((field) => field === "")));

/* How a file's plan differs from the page's plan of the same id: the fields only the file
   fills, only the page fills, and both fill differently. */
function differences(mine, theirs) {
  const fields = Object.keys(theirs).filter((field) => field !== "id" && !same(mine[field], theirs[field]));
  const fileOnly = fields.filter((field) => blank(mine[field]));
  const pageOnly = fields.filter((field) => !blank(mine[field]) && blank(theirs[field]));
  return { fields, fileOnly, pageOnly, both: fields.length - fileOnly.length - pageOnly.length };
}

/* A plan nothing was typed in: its name alone is the page's. */
const untouched = (plan) => same(plan, blankPlan(plan.id, plan.name));

const named = (plan) => `“${plan.name || "without a name"}”`;

export function planOpening(app) {
  const { say, shared } = app;
  const input = $("[data-import]");
  const choice = openChoice(input.closest("p"), { say, focusAfter: input });
  app.forgetUndo = choice.forget;

  function report(name, file, more = "") {
    if (app.keepNow()) say(`Opened “${name}” from ${file}.${more}`);
    else if (shared.refused) say(`Opened “${name}” from ${file}, but this browser would not keep it: its storage is full or turned off. It stays on this page: save a copy to keep it before you leave or reload the page.`);
    else say(`Opened “${name}” from ${file}. It is not kept in this browser, for the reason above: save a copy to keep it.`);
  }

  /* Puts the file's plans on the page, each plan of an id already here made by `chosen(page's
     plan, file's plan)`, and keeps them; returns how to put back what was there. */
  function apply(opened, file, chosen, more) {
    const before = { data: structuredClone(app.data), showing: app.showing };
    for (const copy of opened.plans) {
      const at = app.data.plans.findIndex((other) => other.id === copy.id);
      if (at < 0) app.data.plans.push(copy);
      else app.data.plans[at] = chosen(app.data.plans[at], copy);
    }
    app.data.current = app.showing = opened.plans[0].id;
    report(app.plan().name, file, more);
    return () => {
      app.data = before.data;
      app.data.current = app.showing = before.showing;
      if (app.keepNow()) say("Undone: the plans are as they were before the file was opened.");
    };
  }

  input.addEventListener("change", async () => {
    const file = input.files[0];
    if (!file) return;
    try {
      const opened = await checked(app, file);
      app.save.flush();
      choice.close();
      const onPage = new Map(app.data.plans.map((p) => [p.id, p]));
      const found = opened.plans.map((copy) => ({ copy, mine: onPage.get(copy.id),
        ...(onPage.has(copy.id) ? differences(onPage.get(copy.id), copy) : {}) }));
      const replace = (mine, theirs) => theirs;
      const written = found.filter((f) => f.mine && !untouched(f.mine) && f.fields.length > f.fileOnly.length);
      if (!written.length) {
        // Nothing on the page would be written over: open it, with Undo.
        choice.offerUndo(apply(opened, file.name, replace));
        return;
      }
      const changes = written.reduce((sum, f) => sum + f.fields.length, 0);
      const filled = found.filter((f) => f.mine).reduce((sum, f) => sum + f.fileOnly.length, 0);
      const keepMine = (mine, theirs) => (untouched(mine) ? theirs : Object.fromEntries(Object.entries(mine).map(([field, value]) =>
        [field, blank(value) ? theirs[field] : value])));
      const about = found.map((f) => {
        if (!f.mine) return `${named(f.copy)} is not on this page and will be added`;
        if (!f.fields.length) return `${named(f.copy)} is the same as on this page`;
        return `${named(f.copy)} is also on this page, and ${count(f.fields.length, "answer")} differ${f.fields.length === 1 ? "s" : ""} (${inWords([
          f.fileOnly.length && `${f.fileOnly.length} only the file fills in`,
          f.pageOnly.length && `${f.pageOnly.length} only this page fills in`,
          f.both && `${f.both} both fill in, differently`])})`;
      });
      choice.ask({
        title: `Open ${file.name}?`,
        summary: `It holds ${count(opened.plans.length, "plan")}: ${inWords(about)}.`,
        choices: [
          { label: "Replace this page’s plan", explain: `each plan this page shares with the file becomes the file’s (${count(changes, "answer")} change); other plans on this page stay as they are.`,
            act: () => apply(opened, file.name, replace, " This page’s plan was replaced by the file’s.") },
          { label: "Keep this page’s answers", explain: `the plans carry no dates, so this page cannot tell which of two answers is newer. It keeps every answer this page has and takes the file’s only where this page’s box is empty (${count(filled, "answer")}).`,
            act: () => apply(opened, file.name, keepMine, ` This page kept its own answers and took ${count(filled, "answer")} from the file.`) },
        ],
      });
    } catch (problem) {
      if (!(problem instanceof FileProblem)) throw problem;
      say(`${problem.message} Nothing was changed.`);
    } finally {
      input.value = "";
    }
  });
}
