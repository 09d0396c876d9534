/* The "Add to plan" buttons beside every strategy, on every page and in the finder's results
 * as they appear. Each button is `hidden` in the HTML, so a page without JavaScript shows no
 * button that does nothing; this module shows them, says with aria-pressed whether the
 * strategy is in the plan open last, and adds or takes it out on a press. Nothing is stored
 * until someone presses one.
 *
 * A press reads what is kept at that moment, checks it against the plan schema (fetched on
 * the first press, as most visits press nothing), changes that one strategy and writes it
 * back at once, so a support plan open in another tab loses nothing and brings it in.
 */
import { CHANGED } from "./lib/components.js";

const BUTTON = "[data-add-to-plan]";
const KEY = "semh:plan"; // as plan-store.js keeps the plans

/* The strategies of the plan open last, read without the schema, only to say which buttons
   are pressed: stored data this cannot read counts as no plan, and nothing is changed from
   it. plan-store.js, with the schema and the checks, is fetched on the first press, as most
   visits press nothing. */
function strategiesInPlan() {
  try {
    const { plans, current } = JSON.parse(localStorage.getItem(KEY)).data;
    const plan = plans.find((p) => p && p.id === current) || plans[0];
    return new Set(plan.strategies.filter((id) => typeof id === "string"));
  } catch {
    return new Set();
  }
}

function show(buttons) {
  const chosen = strategiesInPlan();
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

/* Why a press changed nothing: on screen beside the button, and announced. With `toPlan`,
   a link to the support plan page, which says more. */
function refuse(button, text, toPlan = false) {
  let note = button.nextElementSibling;
  if (!note || !note.matches("[data-add-to-plan-note]")) {
    note = document.createElement("span");
    note.className = "semh-add-to-plan-note";
    note.dataset.addToPlanNote = "";
    button.after(note);
  }
  note.textContent = text;
  if (toPlan) {
    const link = Object.assign(document.createElement("a"), {
      href: new URL("../plan/", import.meta.url).href, textContent: "The support plan page",
    });
    note.append(" ", link, " says why and what to do.");
  }
  announce(note.textContent);
}

/* plan-store.js and the plan schema, fetched once, when a button is first pointed at or
   reached by keyboard, so that they are usually here by the time it is pressed. */
let ready = null;
function planStore() {
  if (!ready) {
    ready = import("./plan-store.js").then(async (plans) => ({ plans, store: await plans.openPlans() }));
    ready.catch(() => { ready = null; }); // asked for again on the next press
  }
  return ready;
}

/* A press: the strategy goes into the plan open last, or comes out of it. */
async function press(event) {
  const button = event.target.closest(BUTTON);
  if (!button) return;
  let plans;
  let store;
  try {
    ({ plans, store } = await planStore());
  } catch {
    refuse(button, "Nothing was changed: the plan could not be checked, as this page could not reach the site. Try again.");
    return;
  }
  const found = store.read();
  if (found.state === "newer") {
    refuse(button, "Nothing was added: the support plans in this browser were saved by a newer version of this site, and this page leaves them as they are.", true);
    return;
  }
  if (found.state === "damaged") {
    refuse(button, "Nothing was added: the support plans kept in this browser cannot be read.", true);
    return;
  }
  const data = found.state === "ok" && found.data.plans.length ? found.data : plans.blankPlans();
  const plan = plans.currentPlan(data);
  data.current = plan.id;
  const id = button.dataset.addToPlan;
  const at = plan.strategies.indexOf(id);
  if (at === -1) plan.strategies.push(id);
  else plan.strategies.splice(at, 1);
  if (!store.write(data, found.rev || null)) {
    refuse(button, "Nothing was changed: this browser would not keep the plan, as its storage is full or turned off.");
    return;
  }
  const note = button.nextElementSibling;
  if (note && note.matches("[data-add-to-plan-note]")) note.remove();
  show(allButtons());
  announce(at === -1 ? `Added to the plan “${plan.name}”.` : `Taken out of the plan “${plan.name}”.`);
}

/* Started for every page by start.js: buttons anywhere on the page, and those a component
   puts in later (the finder's result cards, which it also reuses). */
export function start() {
  for (const type of ["pointerover", "focusin"]) {
    document.addEventListener(type, (event) => {
      if (event.target.closest && event.target.closest(BUTTON)) planStore().catch(() => {});
    });
  }
  document.addEventListener("click", press);
  document.addEventListener(CHANGED, (event) => {
    const within = event.target;
    show([...(within.matches(BUTTON) ? [within] : []), ...within.querySelectorAll(BUTTON)]);
  });
  // Another tab changed the plans.
  window.addEventListener("storage", (event) => {
    if (event.key === null || event.key === "semh:plan") show(allButtons());
  });
  show(allButtons());
}
