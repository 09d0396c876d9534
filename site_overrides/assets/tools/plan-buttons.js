/* The support plan's buttons: targets and strategies added, moved and removed, plans started,
 * chosen and deleted, a copy saved and the plan printed. Each change is kept at once, and
 * the focus goes where the next keypress is likely to be wanted. `app` is the page's state
 * and its ways to keep it (plan.js). */
import { $, $$ } from "../lib/dom.js";
import { saveFile } from "../lib/download.js";
import { today } from "../lib/today.js";
import { blankTarget, KIND, newPlan, VERSION } from "../plan-store.js";
import { savedCopy } from "./saved-copy.js";

export function planButtons(app) {
  const { say, shared } = app;
  const plan = () => app.plan();

  function moveStrategy(item, step) {
    const ids = plan().strategies;
    const id = item.dataset.planStrategy;
    const from = ids.indexOf(id);
    ids.splice(from, 1);
    ids.splice(from + step, 0, id);
    app.keepNow();
    const moved = $(`[data-plan-strategy="${CSS.escape(id)}"]`);
    // Keep the focus on the same button, or on the other move button at the top or bottom.
    const again = $(`[data-strategy-move="${step < 0 ? "up" : "down"}"]`, moved)
      || $("[data-strategy-move]", moved);
    again.focus();
    say(`Moved “${app.strategyOf(id).title}” to ${plan().strategies.indexOf(id) + 1} of ${plan().strategies.length}.`);
  }

  /* A button's change: typing not yet kept first, then the change, kept at once. */
  function change(act) {
    app.save.flush();
    act(plan());
    return app.keepNow();
  }

  const actions = {
    "[data-target-add]": () => {
      change((p) => p.targets.push(blankTarget()));
      const count = plan().targets.length;
      $(`#target-${count}-target`).focus();
      if (!shared.atRisk) say(`Added target ${count}.`);
    },
    "[data-target-remove]": (button) => {
      const i = Number(button.closest("[data-target]").dataset.target);
      change((p) => p.targets.splice(i, 1));
      const next = $$("[data-target-remove]")[Math.min(i, plan().targets.length - 1)];
      (next || $("[data-target-add]")).focus();
      if (!shared.atRisk) say(`Removed target ${i + 1}.`);
    },
    "[data-strategy-move]": (button) => {
      app.save.flush();
      moveStrategy(button.closest("[data-plan-strategy]"), button.dataset.strategyMove === "up" ? -1 : 1);
    },
    "[data-strategy-remove]": (button) => {
      const id = button.closest("[data-plan-strategy]").dataset.planStrategy;
      const i = plan().strategies.indexOf(id);
      const { title } = app.strategyOf(id);
      change((p) => p.strategies.splice(p.strategies.indexOf(id), 1));
      const buttons = $$("[data-strategy-remove]");
      (buttons[Math.min(i, buttons.length - 1)] || $("[data-plan-no-strategies] a")).focus();
      if (!shared.atRisk) say(`Took “${title}” out of the plan.`);
    },
    "[data-level-check-remove]": () => {
      change((p) => { p.level_check = null; });
      $("#plan-need-notes").focus();
      if (!shared.atRisk) say("Took the level-of-need check out of this plan.");
    },
    "[data-plan-new]": () => {
      app.save.flush();
      const fresh = newPlan(app.data);
      app.data.plans.push(fresh);
      app.data.current = app.showing = fresh.id;
      app.keepNow();
      $("#plan-name").focus();
      if (!shared.atRisk) say(`Started a new plan, “${fresh.name}”. Give it a name below.`);
    },
    "[data-plan-delete]": () => {
      $("[data-plan-delete-question]").textContent = `Delete the plan “${plan().name || "without a name"}”? `
        + "It cannot be brought back unless you have saved a copy.";
      $("[data-plan-delete-confirm]").hidden = false;
      $("[data-plan-delete-no]").focus();
    },
    "[data-plan-delete-no]": () => {
      $("[data-plan-delete-confirm]").hidden = true;
      $("[data-plan-delete]").focus();
    },
    "[data-plan-delete-yes]": () => {
      app.save.flush();
      const p = plan();
      app.data.plans = app.data.plans.filter((other) => other.id !== p.id);
      if (!app.data.plans.length) app.data.plans.push(newPlan(app.data));
      app.data.current = app.showing = app.data.plans[0].id;
      app.keepNow();
      $("[data-plan-delete-confirm]").hidden = true;
      $("[data-plan-choose]").focus();
      if (!shared.atRisk) say(`Deleted the plan “${p.name}”. Now showing “${plan().name}”.`);
    },
    "[data-export=json]": () => {
      app.save.flush();
      const p = plan();
      const file = savedCopy(KIND, VERSION, { saved_on: today(), current: p.id, plans: [p] });
      const name = (p.name || "plan").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
      saveFile(`support-plan-${name || "plan"}-${today()}.json`, file);
      app.inFiles.set(p.id, structuredClone(p));
      if (app.data.plans.every(app.isSafe)) shared.savedAsFile();
      say("Saved a copy of this plan. Keep it somewhere safe; it holds what you typed.");
    },
    "[data-plan-print]": () => {
      app.save.flush();
      window.print();
    },
  };

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const selector = Object.keys(actions).find((which) => button.matches(which));
    if (selector) actions[selector](button);
  });

  $("[data-plan-choose]").addEventListener("change", (event) => {
    app.save.flush();
    app.data.current = app.showing = event.target.value;
    app.keepNow();
    if (!shared.atRisk) say(`Showing the plan “${plan().name}”.`);
  });
}
