/* The "Add to plan" buttons beside every strategy, on every page and in the finder's results
 * as they appear. Each button is `hidden` in the HTML, so a page without JavaScript shows no
 * button that does nothing; this module shows them, says with aria-pressed whether the
 * strategy is in the plan now open, and adds or takes it out on a press. Nothing is stored
 * until someone presses one.
 */
import { currentPlan, loadPlans, plansToWorkIn, savePlans } from "./plan-store.js";

const BUTTON = "[data-add-to-plan]";

function show(buttons) {
  const plan = currentPlan(loadPlans());
  const chosen = new Set(plan ? plan.strategies : []);
  for (const button of buttons) {
    button.hidden = false;
    button.setAttribute("aria-pressed", String(chosen.has(button.dataset.addToPlan)));
  }
}

const allButtons = () => document.querySelectorAll(BUTTON);

let status = null;
function announce(text) {
  if (!status) {
    status = document.createElement("p");
    status.className = "semh-visually-hidden";
    status.setAttribute("role", "status");
    document.body.append(status);
  }
  status.textContent = text;
}

document.addEventListener("click", (event) => {
  const button = event.target.closest(BUTTON);
  if (!button) return;
  const data = plansToWorkIn();
  const plan = currentPlan(data);
  const id = button.dataset.addToPlan;
  const at = plan.strategies.indexOf(id);
  if (at === -1) plan.strategies.push(id);
  else plan.strategies.splice(at, 1);
  if (!savePlans(data)) {
    announce("This browser would not keep the plan: its storage is full or turned off.");
    return;
  }
  show(allButtons());
  announce(at === -1 ? `Added to the plan “${plan.name}”.` : `Taken out of the plan “${plan.name}”.`);
});

/* The finder adds its result cards after the page has loaded, and reuses them. */
new MutationObserver((records) => {
  const added = [];
  for (const record of records) {
    for (const node of record.addedNodes) {
      if (node.nodeType !== Node.ELEMENT_NODE) continue;
      if (node.matches(BUTTON)) added.push(node);
      added.push(...node.querySelectorAll(BUTTON));
    }
  }
  if (added.length) show(added);
}).observe(document.body, { childList: true, subtree: true });

/* Another tab changed the plans. */
window.addEventListener("storage", (event) => {
  if (event.key === null || event.key === "semh:plan") show(allButtons());
});

show(allButtons());
