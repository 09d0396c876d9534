/* The support plan page (/plan/): one plan per child, kept in this browser as it is typed.
 * The page's HTML is a blank plan that prints without JavaScript; this module fills it from
 * the plan that is open, saves every change, and adds what only a script can do: several
 * plans, targets and strategies added, moved and removed, saved copies and printing.
 *
 * The page may be open in several tabs, and "Add to plan" may be pressed on another page
 * while it is: each save puts only this tab's changes onto what is kept now, and what
 * another tab saves is brought in as it happens (tools/shared.js). Each tab shows the
 * plan chosen in it; `current` in what is kept is the plan chosen last in any tab, the one
 * "Add to plan" adds to.
 *
 * Its parts share `app`, the page's state: tools/plan-view.js draws the plan,
 * tools/plan-buttons.js and tools/plan-open.js change it.
 */
import { debounce, schemaInPage } from "./storage.js";
import { same } from "./json-schema.js";
import { $, $$ } from "./lib/dom.js";
import { blankPlan, blankPlans, kindOf, newPlan, plansStore } from "./plan-store.js";
import { strategiesFor } from "./plan-strategies.js";
import { askToKeep, keptProblem, showStorageNotice } from "./tools/notices.js";
import { Shared } from "./tools/shared.js";
import { dueText, makeView } from "./tools/plan-view.js";
import { conflictWords } from "./tools/plan-words.js";
import { planButtons } from "./tools/plan-buttons.js";
import { planOpening } from "./tools/plan-open.js";

const NOT_KEPT = "This browser would not keep your answers: its storage is full or turned off. They stay on this page: save a copy to keep them before you leave or reload it.";

/* Started by start.js from the plan's controls (data-module="plan"). */
export async function start() {
  const schema = schemaInPage("plan");
  const store = plansStore(schema);
  /* Nothing is stored until the person changes something: a visit alone keeps nothing. */
  const shared = new Shared(store, { blank: blankPlans, kindOf });
  const message = $("[data-plan-message]");

  const app = {
    schema,
    shared,
    data: shared.start(),
    showing: null, // the id of the plan this tab shows
    plan: () => app.data.plans.find((p) => p.id === app.showing),
    // Every need of the site is a box on this page.
    knownNeeds: new Set($$("[data-field-need]").map((box) => box.value)),
    /* The strategies of every plan kept here, fetched once: switching plans fetches nothing. */
    shown: new Map(),
    /* The plans saved as files from this page, as they were then. */
    inFiles: new Map(),
    say: (text) => { message.textContent = text; },
  };
  if (!app.data.plans.length) app.data.plans.push(newPlan(app.data));
  app.showing = (app.data.plans.find((p) => p.id === app.data.current) || app.data.plans[0]).id;

  const strategyIds = (plans) => plans.flatMap((p) => p.strategies);
  const fetching = new Set();
  let unreachable = false;
  async function fetchStrategies(ids) {
    const missing = ids.filter((id) => !app.shown.has(id) && !fetching.has(id));
    if (!missing.length) return;
    for (const id of missing) fetching.add(id);
    try {
      for (const [id, strategy] of await strategiesFor(missing)) app.shown.set(id, strategy);
      unreachable = false;
    } catch {
      unreachable = true; // the plan still opens, to be filled in; the strategies say why
    } finally {
      for (const id of missing) fetching.delete(id);
    }
  }
  await fetchStrategies(strategyIds(app.data.plans));

  app.strategyOf = (id) => {
    if (fetching.has(id)) return { title: id, source: "", url: "", text: "Fetching this strategy’s words…" };
    return app.shown.get(id) || { title: id, source: "", url: "", text: unreachable
      ? "This strategy could not be fetched: check the connection, then reload the page."
      : "This site no longer has this strategy." };
  };

  const view = makeView(app);
  app.render = view.render;
  const showProblem = keptProblem(document, shared, {
    what: "support plans",
    file: "support-plans",
    startedAgain: () => {
      app.keepNow();
      app.say("What was kept in this browser is gone; the plan on this page is kept from now on.");
    },
  });

  /* A plan is safe when it is as kept in this browser, as saved in a file, or blank: once every
     plan is, leaving the page loses nothing, even while the browser refuses to keep them. */
  app.isSafe = (p) => {
    const kept = shared.base.plans.find((other) => other.id === p.id);
    return same(p, kept) || same(p, app.inFiles.get(p.id)) || same(p, blankPlan(p.id, p.name));
  };

  // --- keeping ------------------------------------------------------------------------------------

  let askedToKeep = false;

  /* Shows what a save or another tab's change left, says what the person must know, and
     returns whether what is on the page is kept. */
  function settle(result) {
    const before = structuredClone(app.plan() || null);
    app.data = result.data;
    if (!app.data.plans.length) app.data.plans.push(newPlan(app.data));
    if (!app.plan()) {
      const gone = before ? before.name : "";
      app.showing = (app.data.plans.find((p) => p.id === app.data.current) || app.data.plans[0]).id;
      app.say(`The plan “${gone || "without a name"}” was deleted in another tab. Now showing “${app.plan().name}”.`);
    }
    showProblem();
    view.render();
    // Which plan was chosen last is no one's words: each tab shows its own either way.
    const conflicts = result.conflicts.filter((conflict) => conflict.path[0] !== "current");
    if (conflicts.length) app.say(conflictWords(app, conflicts));
    if (result.state === "refused") app.say(NOT_KEPT);
    return result.state === "saved";
  }

  app.keepNow = () => {
    const kept = settle(shared.save(app.data));
    if (kept && !askedToKeep) {
      askedToKeep = true;
      askToKeep();
    }
    return kept;
  };
  /* Typing is saved once it pauses, and at once before anything else happens or the page is
     left; only when something was typed, so a visit alone keeps nothing. */
  let typed = false;
  const saveTyping = debounce(() => {
    typed = false;
    app.keepNow();
  }, 400);
  app.save = () => {
    typed = true;
    saveTyping();
  };
  app.save.flush = () => {
    if (typed) saveTyping.flush();
  };
  window.addEventListener("pagehide", () => app.save.flush());
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") app.save.flush();
  });

  /* Another tab saved: bring it in at once, with this tab's unsaved changes on top; the words
     of strategies it added follow when they are fetched. */
  store.watch(() => {
    const before = structuredClone(app.plan());
    const result = shared.refresh(app.data);
    settle(result);
    if (result.state === "merged" && !result.conflicts.length && app.plan().id === before.id && !same(before, app.plan())) {
      app.say("Changes saved in another tab are shown here.");
    }
    if (result.unsaved && result.state === "merged") app.save();
    app.forgetUndo(); // Undo would now put back more than the file changed
    const missing = strategyIds(app.data.plans).filter((id) => !app.shown.has(id));
    if (missing.length) fetchStrategies(missing).then(view.render);
  });

  // --- typing -------------------------------------------------------------------------------

  document.addEventListener("input", (event) => {
    const field = event.target;
    const p = app.plan();
    if (field.dataset.field) {
      p[field.dataset.field] = field.type === "checkbox" ? field.checked : field.value;
      if (field.dataset.field === "name") view.renderChooser();
    } else if (field.matches("[data-field-need]")) {
      p.needs = $$("[data-field-need]").filter((box) => box.checked).map((box) => box.value);
    } else if (field.name === "review_next") {
      p.review_next = field.value;
    } else if (field.dataset.targetField) {
      const i = Number(field.closest("[data-target]").dataset.target);
      p.targets[i][field.dataset.targetField] = field.value;
      if (field.dataset.targetField === "review_date") {
        $("[data-target-due]", field.closest("[data-target]")).textContent = dueText(p.targets[i]);
      }
    } else {
      return;
    }
    view.typed();
    app.save();
  });
  // Checkboxes and radio buttons also send "change"; "input" covers them in every browser here.

  planButtons(app);
  planOpening(app);

  // --- start --------------------------------------------------------------------------------

  for (const only of $$("[data-plan-controls], [data-plan-only], [data-storage-notice]")) only.hidden = false;
  showStorageNotice(document);
  showProblem();
  view.render();
  document.documentElement.dataset.planReady = "";
}
