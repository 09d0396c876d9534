/* Where a change in the support plans is, in words: for the status line when two tabs
   changed the same thing. `app` is the page's state (plan.js). */
import { $ } from "../lib/dom.js";

export const TARGET_LABELS = {
  target: "Target", school: "School will help by", home: "At home", child: "The child will",
  who: "Who", how_often: "How often", review_date: "Review date",
};

const NAMED = { needs: "Need(s) of concern", review_next: "Next step", strategies: "Strategies",
  level_check: "Level-of-need check" };

function labelOf(app, path) {
  const [, id, field, index, targetField] = path;
  const owner = app.data.plans.find((p) => p.id === id);
  const where = owner && id !== app.showing ? ` in the plan “${owner.name || "without a name"}”` : "";
  if (!field) return `the plan “${owner ? owner.name : id}”`;
  if (field === "targets") {
    return index === undefined ? `the targets${where}` : `Target ${Number(index) + 1}${targetField ? `, ${TARGET_LABELS[targetField]}` : ""}${where}`;
  }
  const control = $(`[data-field="${CSS.escape(field)}"]`);
  const label = NAMED[field] || (control && control.labels[0] ? control.labels[0].textContent.trim() : field);
  return `${label}${where}`;
}

export function conflictWords(app, conflicts) {
  return conflicts.map(({ path, kind }) => {
    const what = labelOf(app, path);
    if (kind === "joined") return `This tab and another both changed ${what}: both versions are kept, this tab’s first. Check it.`;
    if (kind === "kept-changed") return `${what[0].toUpperCase()}${what.slice(1)} was taken out in one tab and changed in another, so it is kept, with the change.`;
    return `Another tab changed ${what} at the same time: this tab’s is kept.`;
  }).join(" ");
}
