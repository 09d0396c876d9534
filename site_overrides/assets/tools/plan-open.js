/* "Open a saved copy" on the support plan page: the file is checked in full (its format, the
 * schema, and that this site has its strategies and needs) before anything on the page
 * changes. `app` is the page's state and its ways to keep it (plan.js). */
import { $ } from "../lib/dom.js";
import { FileProblem } from "../storage.js";
import { KIND, MIGRATIONS, newPlan, sameIds, unknownIn, VERSION } from "../plan-store.js";
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

export function planOpening(app) {
  const { say, shared } = app;
  $("[data-import]").addEventListener("change", async (event) => {
    const input = event.target;
    const file = input.files[0];
    if (!file) return;
    try {
      const opened = await checked(app, file);
      app.save.flush();
      const ids = new Set(app.data.plans.map((other) => other.id));
      for (const copy of opened.plans) {
        // A plan of the same id is already here: keep both, rather than write over it.
        if (ids.has(copy.id)) copy.id = newPlan(app.data).id;
        ids.add(copy.id);
        app.data.plans.push(copy);
      }
      app.data.current = app.showing = opened.plans[0].id;
      const name = app.plan().name;
      if (app.keepNow()) say(`Opened “${name}” from ${file.name}.`);
      else if (shared.refused) say(`Opened “${name}” from ${file.name}, but this browser would not keep it: its storage is full or turned off. It stays on this page: save a copy to keep it before you leave or reload the page.`);
      else say(`Opened “${name}” from ${file.name}. It is not kept in this browser, for the reason above: save a copy to keep it.`);
    } catch (problem) {
      if (!(problem instanceof FileProblem)) throw problem;
      say(`${problem.message} Nothing was changed.`);
    } finally {
      input.value = "";
    }
  });
}
