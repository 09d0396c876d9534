/* The support plan page (/plan/): one plan per child, kept in this browser as it is typed.
 * The page's HTML is a blank plan that prints without JavaScript; this module fills it from
 * the plan that is open, saves every change, and adds what only a script can do: several
 * plans, targets and strategies added, moved and removed, saved copies and printing.
 *
 * The page may be open in several tabs, and "Add to plan" may be pressed on another page
 * while it is: each save puts only this tab's changes onto what is kept now, and what
 * another tab saves is brought in as it happens (storage.js, Shared). Each tab shows the
 * plan chosen in it; `current` in what is kept is the plan chosen last in any tab, the one
 * "Add to plan" adds to.
 */
import { askToKeep, checkCopy, debounce, FileProblem, keptProblem, openSavedCopy, savedCopy,
  saveFile, schemaInPage, Shared, showStorageNotice, today } from "./storage.js";
import { same } from "./json-schema.js";
import { blankPlan, blankPlans, blankTarget, KIND, kindOf, MIGRATIONS, newPlan, plansStore,
  sameIds, TARGET_FIELDS, unknownIn, VERSION } from "./plan-store.js";
import { strategiesFor } from "./plan-strategies.js";

const $ = (selector, root = document) => root.querySelector(selector);
const $$ = (selector, root = document) => [...root.querySelectorAll(selector)];
const escapeHtml = (text) => String(text).replace(/[&<>"']/g, (c) =>
  ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

const TARGET_LABELS = {
  target: "Target", school: "School will help by", home: "At home", child: "The child will",
  who: "Who", how_often: "How often", review_date: "Review date",
};
const SHORT_FIELDS = new Set(["who", "how_often", "review_date"]);

// Every need of the site is a box on this page.
const knownNeeds = new Set($$("[data-field-need]").map((box) => box.value));

const schema = schemaInPage("plan");
const store = plansStore(schema);
/* Nothing is stored until the person changes something: a visit alone keeps nothing. */
const shared = new Shared(store, { blank: blankPlans, kindOf });
let data = shared.start();
if (!data.plans.length) data.plans.push(newPlan(data));
// The plan this tab shows.
let showing = (data.plans.find((p) => p.id === data.current) || data.plans[0]).id;
const plan = () => data.plans.find((p) => p.id === showing);

const strategyIds = (plans) => plans.flatMap((p) => p.strategies);

/* The strategies of every plan kept here, fetched once: switching plans fetches nothing. */
let shown = new Map();
const fetching = new Set();
let unreachable = false;
async function fetchStrategies(ids) {
  const missing = ids.filter((id) => !shown.has(id) && !fetching.has(id));
  if (!missing.length) return;
  for (const id of missing) fetching.add(id);
  try {
    for (const [id, strategy] of await strategiesFor(missing)) shown.set(id, strategy);
    unreachable = false;
  } catch {
    unreachable = true; // the plan still opens, to be filled in; the strategies say why
  } finally {
    for (const id of missing) fetching.delete(id);
  }
}
await fetchStrategies(strategyIds(data.plans));

function strategyOf(id) {
  if (fetching.has(id)) return { title: id, source: "", url: "", text: "Fetching this strategy’s words…" };
  return shown.get(id) || { title: id, source: "", url: "", text: unreachable
    ? "This strategy could not be fetched: check the connection, then reload the page."
    : "This site no longer has this strategy." };
}

const message = $("[data-plan-message]");
const say = (text) => { message.textContent = text; };

const NOT_KEPT = "This browser would not keep your answers: its storage is full or turned off. They stay on this page: save a copy to keep them before you leave or reload it.";

const showProblem = keptProblem(document, shared, {
  what: "support plans",
  file: "support-plans",
  startedAgain: () => {
    keepNow();
    say("What was kept in this browser is gone; the plan on this page is kept from now on.");
  },
});

/* The plans saved as files from this page, as they were then. A plan is safe when it is as
   kept in this browser, as saved in a file, or blank: once every plan is, leaving the page
   loses nothing, even while the browser refuses to keep them. */
const inFiles = new Map();
function isSafe(p) {
  const kept = shared.base.plans.find((other) => other.id === p.id);
  return same(p, kept) || same(p, inFiles.get(p.id)) || same(p, blankPlan(p.id, p.name));
}

// --- where a change is, in words ------------------------------------------------------------

function labelOf(path) {
  const [, id, field, index, targetField] = path;
  const owner = data.plans.find((p) => p.id === id);
  const where = owner && id !== showing ? ` in the plan “${owner.name || "without a name"}”` : "";
  if (!field) return `the plan “${owner ? owner.name : id}”`;
  if (field === "targets") {
    return index === undefined ? `the targets${where}` : `Target ${Number(index) + 1}${targetField ? `, ${TARGET_LABELS[targetField]}` : ""}${where}`;
  }
  const control = $(`[data-field="${CSS.escape(field)}"]`);
  const named = { needs: "Need(s) of concern", review_next: "Next step", strategies: "Strategies", level_check: "Level-of-need check" }[field];
  const label = named || (control && control.labels[0] ? control.labels[0].textContent.trim() : field);
  return `${label}${where}`;
}

function conflictWords(conflicts) {
  return conflicts.map(({ path, kind }) => {
    const what = labelOf(path);
    if (kind === "joined") return `This tab and another both changed ${what}: both versions are kept, this tab’s first. Check it.`;
    if (kind === "kept-changed") return `${what[0].toUpperCase()}${what.slice(1)} was taken out in one tab and changed in another, so it is kept, with the change.`;
    return `Another tab changed ${what} at the same time: this tab’s is kept.`;
  }).join(" ");
}

// --- keeping ------------------------------------------------------------------------------------

let askedToKeep = false;

/* Shows what a save or another tab's change left, says what the person must know, and
   returns whether what is on the page is kept. */
function settle(result) {
  const before = structuredClone(plan() || null);
  data = result.data;
  if (!data.plans.length) data.plans.push(newPlan(data));
  if (!plan()) {
    const gone = before ? before.name : "";
    showing = (data.plans.find((p) => p.id === data.current) || data.plans[0]).id;
    say(`The plan “${gone || "without a name"}” was deleted in another tab. Now showing “${plan().name}”.`);
  }
  showProblem();
  render();
  // Which plan was chosen last is no one's words: each tab shows its own either way.
  const conflicts = result.conflicts.filter((conflict) => conflict.path[0] !== "current");
  if (conflicts.length) say(conflictWords(conflicts));
  if (result.state === "refused") say(NOT_KEPT);
  return result.state === "saved";
}

function keepNow() {
  const kept = settle(shared.save(data));
  if (kept && !askedToKeep) {
    askedToKeep = true;
    askToKeep();
  }
  return kept;
}
/* Typing is saved once it pauses, and at once before anything else happens or the page is
   left; only when something was typed, so a visit alone keeps nothing. */
let typed = false;
const saveTyping = debounce(() => {
  typed = false;
  keepNow();
}, 400);
const save = () => {
  typed = true;
  saveTyping();
};
save.flush = () => {
  if (typed) saveTyping.flush();
};
window.addEventListener("pagehide", () => save.flush());
document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") save.flush();
});

/* Another tab saved: bring it in at once, with this tab's unsaved changes on top; the words
   of strategies it added follow when they are fetched. */
store.watch(() => {
  const before = structuredClone(plan());
  const result = shared.refresh(data);
  settle(result);
  if (result.state === "merged" && !result.conflicts.length && plan().id === before.id && !same(before, plan())) {
    say("Changes saved in another tab are shown here.");
  }
  if (result.unsaved && result.state === "merged") save();
  const missing = strategyIds(data.plans).filter((id) => !shown.has(id));
  if (missing.length) fetchStrategies(missing).then(render);
});

// --- filling the page from the open plan -----------------------------------------------

function renderChooser() {
  $("[data-plan-choose]").innerHTML = data.plans.map((p) =>
    `<option value="${escapeHtml(p.id)}"${p.id === showing ? " selected" : ""}>${escapeHtml(p.name || "Plan without a name")}</option>`).join("");
}

/* A control is given a value only where it differs, so a box being typed in keeps its place. */
function renderFields() {
  const p = plan();
  for (const field of $$("[data-field]")) {
    if (field.type === "checkbox") field.checked = Boolean(p[field.dataset.field]);
    else if (field.value !== p[field.dataset.field]) field.value = p[field.dataset.field];
  }
  for (const box of $$("[data-field-need]")) box.checked = p.needs.includes(box.value);
  for (const radio of $$("input[name=review_next]")) radio.checked = radio.value === p.review_next;
}

function isDue(date) {
  return date !== "" && date < today();
}

function dueText(target) {
  return isDue(target.review_date) ? "Review due: this target’s review date has passed." : "";
}

function renderTargets() {
  const list = $("[data-plan-targets]");
  list.innerHTML = plan().targets.map((target, i) => {
    const n = i + 1;
    const fields = TARGET_FIELDS.map((field) => {
      const id = `target-${n}-${field.replace("_", "-")}`;
      const value = escapeHtml(target[field]);
      const control = field === "review_date"
        ? `<input type="date" id="${id}" data-target-field="${field}" value="${value}" aria-describedby="target-${n}-due">`
        : SHORT_FIELDS.has(field)
          ? `<input type="text" id="${id}" data-target-field="${field}" value="${value}">`
          : `<textarea id="${id}" data-target-field="${field}" rows="2">${value}</textarea>`;
      return `<p class="semh-field${SHORT_FIELDS.has(field) ? " semh-field--short" : ""}"><label for="${id}">${TARGET_LABELS[field]}</label> ${control}</p>`;
    }).join("");
    return `<li class="semh-target" data-target="${i}"><fieldset><legend>Target ${n}</legend>${fields}`
      + `<p class="semh-due" id="target-${n}-due" data-target-due>${dueText(target)}</p>`
      + `<p class="semh-plan-actions"><button type="button" class="md-button" data-target-remove>Remove target ${n}</button></p>`
      + `</fieldset></li>`;
  }).join("");
}

function renderStrategies() {
  const ids = plan().strategies;
  $("[data-plan-no-strategies]").hidden = ids.length > 0;
  $("[data-plan-strategies]").innerHTML = ids.map((id, i) => {
    const s = strategyOf(id);
    const name = escapeHtml(s.title);
    const hidden = (text) => `<span class="semh-visually-hidden">${text}</span>`;
    return `<li class="semh-plan-strategy" data-plan-strategy="${escapeHtml(id)}">`
      + `<p class="semh-plan-strategy__title">${s.url ? `<a href="../${escapeHtml(s.url)}">${name}</a>` : name}</p>`
      + `<blockquote><p>${escapeHtml(s.text)}</p></blockquote>`
      + `<p class="semh-source">Source: ${escapeHtml(s.source)}</p>`
      + `<p class="semh-plan-actions">`
      + (i > 0 ? `<button type="button" class="md-button" data-strategy-move="up">Move up${hidden(`: ${name}`)}</button> ` : "")
      + (i < ids.length - 1 ? `<button type="button" class="md-button" data-strategy-move="down">Move down${hidden(`: ${name}`)}</button> ` : "")
      + `<button type="button" class="md-button" data-strategy-remove>Remove${hidden(`: ${name}`)}</button></p></li>`;
  }).join("");
}

function renderLevelCheck() {
  const box = $("[data-plan-level-check]");
  const check = plan().level_check;
  box.hidden = !check;
  if (!check) {
    box.innerHTML = "";
    return;
  }
  const byLevel = new Map();
  for (const d of check.descriptors) {
    const level = d.id.split("/")[0].replace("level-", "");
    if (!byLevel.has(level)) byLevel.set(level, []);
    byLevel.get(level).push(d);
  }
  const levels = [...byLevel.keys()].sort().map((level) =>
    `<p class="semh-plan-level__heading">Level ${escapeHtml(level)}</p><ul>`
    + byLevel.get(level).map((d) => `<li>${escapeHtml(d.text)}`
      + (d.areas.length ? `<ul>${d.areas.map((a) => `<li>${escapeHtml(a)}</li>`).join("")}</ul>` : "")
      + `</li>`).join("")
    + `</ul>`).join("");
  const points = check.level === null ? "to no level by the document’s own rules" : `to Level ${check.level}`;
  box.innerHTML = `<p class="semh-plan-level__heading">Level-of-need check${check.saved_on ? `, saved on ${escapeHtml(check.saved_on)}` : ""}</p>`
    + `<p data-plan-level="${check.level === null ? "" : check.level}">The ticked descriptors point ${points}. This is a guide for the conversation with the SENCO and parents, not a diagnosis or a funding decision.</p>`
    + levels
    + `<p class="semh-plan-actions"><a href="../levels/check/">Do the check again</a> <button type="button" class="md-button" data-level-check-remove>Take the check out of this plan</button></p>`;
}

/* Puts the focus back where it was after a list was drawn again, the caret too. */
function keepingFocus(draw) {
  const active = document.activeElement;
  const id = active && active.id;
  const caret = active && typeof active.selectionStart === "number" && active.type !== "date"
    ? [active.selectionStart, active.selectionEnd] : null;
  draw();
  const again = id && document.getElementById(id);
  if (again && again !== active && active && !active.isConnected) {
    again.focus();
    if (caret) again.setSelectionRange(...caret);
  }
}

/* What was last drawn, so that only what changed is drawn again: a box being typed in, or a
   button just pressed, is not taken away by another tab's change elsewhere. */
let drawn = null;

function render() {
  const p = plan();
  const now = { showing, names: data.plans.map((other) => [other.id, other.name]), plan: structuredClone(p),
    strategies: p.strategies.map(strategyOf) };
  const changed = (part) => !drawn || !same(part(drawn), part(now));
  if (changed((d) => [d.showing, d.names])) renderChooser();
  if (changed((d) => d.plan)) renderFields();
  if (changed((d) => [d.showing, d.plan.targets])) keepingFocus(renderTargets);
  if (changed((d) => [d.showing, d.plan.strategies, d.strategies])) keepingFocus(renderStrategies);
  if (changed((d) => [d.showing, d.plan.level_check])) keepingFocus(renderLevelCheck);
  drawn = now;
}

// --- typing -------------------------------------------------------------------------------

document.addEventListener("input", (event) => {
  const field = event.target;
  const p = plan();
  if (field.dataset.field) {
    p[field.dataset.field] = field.type === "checkbox" ? field.checked : field.value;
    if (field.dataset.field === "name") renderChooser();
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
  drawn.plan = structuredClone(p); // what is on the page already
  drawn.names = data.plans.map((other) => [other.id, other.name]);
  save();
});
// Checkboxes and radio buttons also send "change"; "input" covers them in every browser here.

// --- buttons ------------------------------------------------------------------------------

function moveStrategy(item, step) {
  const ids = plan().strategies;
  const id = item.dataset.planStrategy;
  const from = ids.indexOf(id);
  const to = from + step;
  ids.splice(from, 1);
  ids.splice(to, 0, id);
  keepNow();
  const moved = $(`[data-plan-strategy="${CSS.escape(id)}"]`);
  // Keep the focus on the same button, or on the other move button at the top or bottom.
  const again = $(`[data-strategy-move="${step < 0 ? "up" : "down"}"]`, moved)
    || $("[data-strategy-move]", moved);
  again.focus();
  say(`Moved “${strategyOf(id).title}” to ${plan().strategies.indexOf(id) + 1} of ${plan().strategies.length}.`);
}

/* A button's change: typing not yet kept first, then the change, kept at once. */
function change(act) {
  save.flush();
  act(plan());
  return keepNow();
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  if (button.matches("[data-target-add]")) {
    change((p) => p.targets.push(blankTarget()));
    const count = plan().targets.length;
    $(`#target-${count}-target`).focus();
    if (!shared.atRisk) say(`Added target ${count}.`);
  } else if (button.matches("[data-target-remove]")) {
    const i = Number(button.closest("[data-target]").dataset.target);
    change((p) => p.targets.splice(i, 1));
    const next = $$("[data-target-remove]")[Math.min(i, plan().targets.length - 1)];
    (next || $("[data-target-add]")).focus();
    if (!shared.atRisk) say(`Removed target ${i + 1}.`);
  } else if (button.matches("[data-strategy-move]")) {
    save.flush();
    moveStrategy(button.closest("[data-plan-strategy]"), button.dataset.strategyMove === "up" ? -1 : 1);
  } else if (button.matches("[data-strategy-remove]")) {
    const item = button.closest("[data-plan-strategy]");
    const id = item.dataset.planStrategy;
    const i = plan().strategies.indexOf(id);
    const { title } = strategyOf(id);
    change((p) => p.strategies.splice(p.strategies.indexOf(id), 1));
    const buttons = $$("[data-strategy-remove]");
    (buttons[Math.min(i, buttons.length - 1)] || $("[data-plan-no-strategies] a")).focus();
    if (!shared.atRisk) say(`Took “${title}” out of the plan.`);
  } else if (button.matches("[data-level-check-remove]")) {
    change((p) => { p.level_check = null; });
    $("#plan-need-notes").focus();
    if (!shared.atRisk) say("Took the level-of-need check out of this plan.");
  } else if (button.matches("[data-plan-new]")) {
    save.flush();
    const fresh = newPlan(data);
    data.plans.push(fresh);
    data.current = showing = fresh.id;
    keepNow();
    $("#plan-name").focus();
    if (!shared.atRisk) say(`Started a new plan, “${fresh.name}”. Give it a name below.`);
  } else if (button.matches("[data-plan-delete]")) {
    const p = plan();
    $("[data-plan-delete-question]").textContent = `Delete the plan “${p.name || "without a name"}”? `
      + "It cannot be brought back unless you have saved a copy.";
    $("[data-plan-delete-confirm]").hidden = false;
    $("[data-plan-delete-no]").focus();
  } else if (button.matches("[data-plan-delete-no]")) {
    $("[data-plan-delete-confirm]").hidden = true;
    $("[data-plan-delete]").focus();
  } else if (button.matches("[data-plan-delete-yes]")) {
    save.flush();
    const p = plan();
    data.plans = data.plans.filter((other) => other.id !== p.id);
    if (!data.plans.length) data.plans.push(newPlan(data));
    data.current = showing = data.plans[0].id;
    keepNow();
    $("[data-plan-delete-confirm]").hidden = true;
    $("[data-plan-choose]").focus();
    if (!shared.atRisk) say(`Deleted the plan “${p.name}”. Now showing “${plan().name}”.`);
  } else if (button.matches("[data-export=json]")) {
    save.flush();
    const p = plan();
    const file = savedCopy(KIND, VERSION, { saved_on: today(), current: p.id, plans: [p] });
    const name = (p.name || "plan").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    saveFile(`support-plan-${name || "plan"}-${today()}.json`, file);
    inFiles.set(p.id, structuredClone(p));
    if (data.plans.every(isSafe)) shared.savedAsFile();
    say("Saved a copy of this plan. Keep it somewhere safe; it holds what you typed.");
  } else if (button.matches("[data-plan-print]")) {
    save.flush();
    window.print();
  }
});

$("[data-plan-choose]").addEventListener("change", (event) => {
  save.flush();
  data.current = showing = event.target.value;
  keepNow();
  if (!shared.atRisk) say(`Showing the plan “${plan().name}”.`);
});

$("[data-import]").addEventListener("change", async (event) => {
  const input = event.target;
  const file = input.files[0];
  if (!file) return;
  try {
    const opened = await openSavedCopy(file, { kind: KIND, version: VERSION, migrations: MIGRATIONS });
    checkCopy(schema, { kind: KIND, version: VERSION, ...opened }, file.name);
    let problems = sameIds(opened);
    if (!problems.length) {
      // Only a file that reads as plans has its strategies looked up on this site.
      let found;
      try {
        found = await strategiesFor(strategyIds(opened.plans));
      } catch {
        throw new FileProblem(`${file.name} could not be checked against this site's strategies: check the connection, then try again.`);
      }
      problems = unknownIn(opened, { strategies: new Set(found.keys()), needs: knownNeeds });
      for (const [id, strategy] of found) shown.set(id, strategy);
    }
    if (problems.length) throw new FileProblem(`${file.name} cannot be opened: ${problems.join("; ")}.`);
    save.flush();
    const ids = new Set(data.plans.map((other) => other.id));
    for (const copy of opened.plans) {
      // A plan of the same id is already here: keep both, rather than write over it.
      if (ids.has(copy.id)) copy.id = newPlan(data).id;
      ids.add(copy.id);
      data.plans.push(copy);
    }
    data.current = showing = opened.plans[0].id;
    const name = plan().name;
    if (keepNow()) say(`Opened “${name}” from ${file.name}.`);
    else if (shared.refused) say(`Opened “${name}” from ${file.name}, but this browser would not keep it: its storage is full or turned off. It stays on this page: save a copy to keep it before you leave or reload the page.`);
    else say(`Opened “${name}” from ${file.name}. It is not kept in this browser, for the reason above: save a copy to keep it.`);
  } catch (problem) {
    if (!(problem instanceof FileProblem)) throw problem;
    say(`${problem.message} Nothing was changed.`);
  } finally {
    input.value = "";
  }
});

// --- start --------------------------------------------------------------------------------

for (const only of $$("[data-plan-controls], [data-plan-only], [data-storage-notice]")) only.hidden = false;
showStorageNotice(document);
showProblem();
render();
document.documentElement.dataset.planReady = "";
