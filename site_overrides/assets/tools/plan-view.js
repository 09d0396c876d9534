/* The support plan page filled in from the plan a tab shows: the list of plans, the boxes, the
 * targets, the strategies and the level-of-need check. `app` is the page's state (plan.js):
 * {data, showing, plan(), strategyOf(id)}. Only what changed since it was last drawn is drawn
 * again, so a box being typed in, or a button just pressed, is not taken away by another
 * tab's change elsewhere. */
import { $, $$ } from "../lib/dom.js";
import { escapeHtml } from "../lib/escape.js";
import { today } from "../lib/today.js";
import { same } from "../json-schema.js";
import { TARGET_FIELDS } from "../plan-store.js";
import { TARGET_LABELS } from "./plan-words.js";

const SHORT_FIELDS = new Set(["who", "how_often", "review_date"]);

export function dueText(target) {
  return target.review_date !== "" && target.review_date < today()
    ? "Review due: this target’s review date has passed." : "";
}

export function makeView(app) {
  function renderChooser() {
    $("[data-plan-choose]").innerHTML = app.data.plans.map((p) =>
      `<option value="${escapeHtml(p.id)}"${p.id === app.showing ? " selected" : ""}>${escapeHtml(p.name || "Plan without a name")}</option>`).join("");
  }

  /* A control is given a value only where it differs, so a box being typed in keeps its place. */
  function renderFields() {
    const p = app.plan();
    for (const field of $$("[data-field]")) {
      if (field.type === "checkbox") field.checked = Boolean(p[field.dataset.field]);
      else if (field.value !== p[field.dataset.field]) field.value = p[field.dataset.field];
    }
    for (const box of $$("[data-field-need]")) box.checked = p.needs.includes(box.value);
    for (const radio of $$("input[name=review_next]")) radio.checked = radio.value === p.review_next;
  }

  function renderTargets() {
    $("[data-plan-targets]").innerHTML = app.plan().targets.map((target, i) => {
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
    const ids = app.plan().strategies;
    $("[data-plan-no-strategies]").hidden = ids.length > 0;
    $("[data-plan-strategies]").innerHTML = ids.map((id, i) => {
      const s = app.strategyOf(id);
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
    const check = app.plan().level_check;
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

  const view = {
    drawn: null, // what was last drawn
    renderChooser,
    render() {
      const p = app.plan();
      const now = { showing: app.showing, names: app.data.plans.map((other) => [other.id, other.name]),
        plan: structuredClone(p), strategies: p.strategies.map(app.strategyOf) };
      const changed = (part) => !view.drawn || !same(part(view.drawn), part(now));
      if (changed((d) => [d.showing, d.names])) renderChooser();
      if (changed((d) => d.plan)) renderFields();
      if (changed((d) => [d.showing, d.plan.targets])) keepingFocus(renderTargets);
      if (changed((d) => [d.showing, d.plan.strategies, d.strategies])) keepingFocus(renderStrategies);
      if (changed((d) => [d.showing, d.plan.level_check])) keepingFocus(renderLevelCheck);
      view.drawn = now;
    },
    /* What was typed is on the page already: nothing to draw for it. */
    typed() {
      view.drawn.plan = structuredClone(app.plan());
      view.drawn.names = app.data.plans.map((other) => [other.id, other.name]);
    },
  };
  return view;
}
