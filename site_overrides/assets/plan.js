/* The support plan page (/plan/): one plan per child, kept in this browser as it is typed.
 * The page's HTML is a blank plan that prints without JavaScript; this module fills it from
 * the plan that is open, saves every change, and adds what only a script can do: several
 * plans, targets and strategies added, moved and removed, saved copies and printing.
 */
import { askToKeep, debounce, FileProblem, openSavedCopy, savedCopy, saveFile,
  showStorageNotice, today } from "./storage.js";
import { blankPlan, blankTarget, currentPlan, KIND, loadPlans, MIGRATIONS, newPlan,
  problemsIn, savePlans, TARGET_FIELDS, VERSION } from "./plan-store.js";
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

/* Nothing is stored until the person changes something: a visit alone keeps nothing. */
let data = loadPlans() || { current: "plan-1", plans: [blankPlan("plan-1", "Plan 1")] };
const plan = () => currentPlan(data);

const strategyIds = (plans) => plans.flatMap((p) => p.strategies);

/* The strategies of every plan kept here, fetched once: switching plans fetches nothing. */
let shown = new Map();
let unreachable = false;
try {
  shown = await strategiesFor(strategyIds(data.plans));
} catch {
  unreachable = true; // the plan still opens, to be filled in; the strategies say why
}

function strategyOf(id) {
  return shown.get(id) || { title: id, source: "", url: "", text: unreachable
    ? "This strategy could not be fetched: check the connection, then reload the page."
    : "This site no longer has this strategy." };
}

const message = $("[data-plan-message]");
const say = (text) => { message.textContent = text; };

let askedToKeep = false;
function saveNow() {
  if (!savePlans(data)) {
    say("This browser would not keep your answers: its storage is full or turned off. Save a copy to keep them.");
    return;
  }
  if (!askedToKeep) {
    askedToKeep = true;
    askToKeep();
  }
}
/* Typing is saved once it pauses, and at once before anything else happens or the page is
   left; only when something was typed, so a visit alone keeps nothing. */
let typed = false;
const saveTyping = debounce(() => {
  typed = false;
  saveNow();
}, 400);
const save = () => {
  typed = true;
  saveTyping();
};
save.flush = () => {
  if (typed) saveTyping.flush();
};
window.addEventListener("pagehide", () => save.flush());

// --- filling the page from the open plan -----------------------------------------------

function renderChooser() {
  $("[data-plan-choose]").innerHTML = data.plans.map((p) =>
    `<option value="${escapeHtml(p.id)}"${p.id === plan().id ? " selected" : ""}>${escapeHtml(p.name || "Plan without a name")}</option>`).join("");
}

function renderFields() {
  const p = plan();
  for (const field of $$("[data-field]")) {
    if (field.type === "checkbox") field.checked = Boolean(p[field.dataset.field]);
    else field.value = p[field.dataset.field];
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

function render() {
  renderChooser();
  renderFields();
  renderTargets();
  renderStrategies();
  renderLevelCheck();
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
  saveNow();
  renderStrategies();
  const moved = $(`[data-plan-strategy="${CSS.escape(id)}"]`);
  // Keep the focus on the same button, or on the other move button at the top or bottom.
  const again = $(`[data-strategy-move="${step < 0 ? "up" : "down"}"]`, moved)
    || $("[data-strategy-move]", moved);
  again.focus();
  say(`Moved “${strategyOf(id).title}” to ${to + 1} of ${ids.length}.`);
}

document.addEventListener("click", (event) => {
  const button = event.target.closest("button");
  if (!button) return;
  const p = plan();
  if (button.matches("[data-target-add]")) {
    p.targets.push(blankTarget());
    saveNow();
    renderTargets();
    $(`#target-${p.targets.length}-target`).focus();
    say(`Added target ${p.targets.length}.`);
  } else if (button.matches("[data-target-remove]")) {
    const i = Number(button.closest("[data-target]").dataset.target);
    p.targets.splice(i, 1);
    saveNow();
    renderTargets();
    const next = $$("[data-target-remove]")[Math.min(i, p.targets.length - 1)];
    (next || $("[data-target-add]")).focus();
    say(`Removed target ${i + 1}.`);
  } else if (button.matches("[data-strategy-move]")) {
    moveStrategy(button.closest("[data-plan-strategy]"), button.dataset.strategyMove === "up" ? -1 : 1);
  } else if (button.matches("[data-strategy-remove]")) {
    const item = button.closest("[data-plan-strategy]");
    const i = p.strategies.indexOf(item.dataset.planStrategy);
    const { title } = strategyOf(item.dataset.planStrategy);
    p.strategies.splice(i, 1);
    saveNow();
    renderStrategies();
    const buttons = $$("[data-strategy-remove]");
    (buttons[Math.min(i, buttons.length - 1)] || $("[data-plan-no-strategies] a")).focus();
    say(`Took “${title}” out of the plan.`);
  } else if (button.matches("[data-level-check-remove]")) {
    p.level_check = null;
    saveNow();
    renderLevelCheck();
    $("#plan-need-notes").focus();
    say("Took the level-of-need check out of this plan.");
  } else if (button.matches("[data-plan-new]")) {
    const fresh = newPlan(data);
    data.plans.push(fresh);
    data.current = fresh.id;
    saveNow();
    render();
    $("#plan-name").focus();
    say(`Started a new plan, “${fresh.name}”. Give it a name below.`);
  } else if (button.matches("[data-plan-delete]")) {
    $("[data-plan-delete-question]").textContent = `Delete the plan “${p.name || "without a name"}”? `
      + "It cannot be brought back unless you have saved a copy.";
    $("[data-plan-delete-confirm]").hidden = false;
    $("[data-plan-delete-no]").focus();
  } else if (button.matches("[data-plan-delete-no]")) {
    $("[data-plan-delete-confirm]").hidden = true;
    $("[data-plan-delete]").focus();
  } else if (button.matches("[data-plan-delete-yes]")) {
    data.plans = data.plans.filter((other) => other.id !== p.id);
    if (!data.plans.length) data.plans.push(blankPlan("plan-1", "Plan 1"));
    data.current = data.plans[0].id;
    saveNow();
    render();
    $("[data-plan-delete-confirm]").hidden = true;
    $("[data-plan-choose]").focus();
    say(`Deleted the plan “${p.name}”. Now showing “${plan().name}”.`);
  } else if (button.matches("[data-export=json]")) {
    save.flush();
    const file = savedCopy(KIND, VERSION, { saved_on: today(), current: p.id, plans: [p] });
    const name = (p.name || "plan").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
    saveFile(`support-plan-${name || "plan"}-${today()}.json`, file);
    say("Saved a copy of this plan. Keep it somewhere safe; it holds what you typed.");
  } else if (button.matches("[data-plan-print]")) {
    save.flush();
    window.print();
  }
});

$("[data-plan-choose]").addEventListener("change", (event) => {
  save.flush();
  data.current = event.target.value;
  saveNow();
  render();
  say(`Showing the plan “${plan().name}”.`);
});

$("[data-import]").addEventListener("change", async (event) => {
  const input = event.target;
  const file = input.files[0];
  if (!file) return;
  try {
    const opened = await openSavedCopy(file, { kind: KIND, version: VERSION, migrations: MIGRATIONS });
    let problems = problemsIn(opened);
    let found = new Map();
    if (!problems.length) {
      // Only a file that reads as plans has its strategies looked up on this site.
      try {
        found = await strategiesFor(strategyIds(opened.plans));
      } catch {
        throw new FileProblem(`${file.name} could not be checked against this site's strategies: check the connection, then try again.`);
      }
      problems = problemsIn(opened, { strategies: new Set(found.keys()), needs: knownNeeds });
    }
    if (problems.length) throw new FileProblem(`${file.name} cannot be opened: ${problems.join("; ")}. Nothing was changed.`);
    save.flush();
    for (const [id, strategy] of found) shown.set(id, strategy);
    const ids = new Set(data.plans.map((other) => other.id));
    for (const copy of opened.plans) {
      // A plan of the same id is already here: keep both, rather than write over it.
      if (ids.has(copy.id)) copy.id = newPlan(data).id;
      ids.add(copy.id);
      data.plans.push(copy);
    }
    data.current = opened.plans[0].id;
    saveNow();
    render();
    say(`Opened “${plan().name}” from ${file.name}.`);
  } catch (problem) {
    if (!(problem instanceof FileProblem)) throw problem;
    say(problem.message.endsWith("Nothing was changed.") ? problem.message : `${problem.message} Nothing was changed.`);
  } finally {
    input.value = "";
  }
});

// --- start --------------------------------------------------------------------------------

for (const only of $$("[data-plan-controls], [data-plan-only], [data-storage-notice]")) only.hidden = false;
showStorageNotice(document);
render();
document.documentElement.dataset.planReady = "";
