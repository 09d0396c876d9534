/* The support plans kept in this browser, shared by the plan page, the "Add to plan" buttons
 * and the level-of-need check. One key, "semh:plan", holds every plan and which one was open
 * last: {current: "<plan id>", plans: [plan, ...]}. A saved copy holds one plan in the same
 * shape, so one set of migrations serves both. generator/schemas_plan.py describes both as a
 * JSON Schema, which the page carries or fetches, and nothing is changed until what is kept
 * has been checked against it; change the two together.
 */
import { loadSchema, openStore, schemaCheck } from "./storage.js";

export const KIND = "semh-plan";
export const VERSION = 1;
const TOOL = "plan";

/* migrations[v] turns format v into format v + 1. Format 0 is one plan's fields at the top
   level, with no list of plans. No published site wrote it: it is kept as the working
   example of the path a real change of format takes, and a test opens such a saved copy and
   such stored data, so that path is known to work. */
export const MIGRATIONS = {
  0: (old) => {
    const { current: _current, plans: _plans, ...fields } = old && typeof old === "object" ? old : {};
    const plan = { ...blankPlan("plan-1", "Plan 1"), ...fields };
    return { current: plan.id, plans: [plan] };
  },
};

export const NEXT_STEPS = ["keep-going", "change-plan", "drop-in-or-lift", "other-professionals",
  "multi-agency", "close"];

export const TARGET_FIELDS = ["target", "school", "home", "child", "who", "how_often",
  "review_date"];
// What merge.js may join when two tabs changed the same words: boxes of several lines, and
// of one line (the name, initials, who and how often). Dates and choices are never joined.
const LINES = new Set(["strengths", "child_says", "parents_say", "need_notes", "do_notes",
  "review_worked", "review_notes", "target", "school", "home", "child"]);
const LINE = new Set(["name", "initials", "who", "how_often"]);

export function blankPlan(id, name) {
  return {
    id, name, initials: "", strengths: "", child_says: "", parents_say: "", needs: [],
    need_notes: "", level_check: null, targets: [blankTarget()], strategies: [],
    do_started: "", do_notes: "", review_worked: "", review_next: "", parents_agreed: false,
    review_notes: "",
  };
}

export function blankTarget() {
  return Object.fromEntries(TARGET_FIELDS.map((field) => [field, ""]));
}

/* What the page shows when nothing is kept: one blank plan. */
export const blankPlans = () => ({ current: "plan-1", plans: [blankPlan("plan-1", "Plan 1")] });

/* A new plan, named "Plan <n>" by how many there are. Its id is made from the time and a
   random part, so that two tabs starting a plan at once do not give both the same id. */
export function newPlan(data) {
  const id = `plan-${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 4).toString(36)}`;
  return blankPlan(id, `Plan ${data.plans.length + 1}`);
}

/* How merge.js treats a field of the kept plans, from its path. */
export function kindOf(path) {
  const field = path.at(-1);
  if (path.length === 3 && field === "level_check") return "whole";
  if (LINES.has(field)) return "lines";
  if (LINE.has(field)) return "line";
  return undefined;
}

export function currentPlan(data) {
  if (!data || !Array.isArray(data.plans)) return null;
  return data.plans.find((plan) => plan.id === data.current) || data.plans[0] || null;
}

/* What the schema cannot say: that no two plans share an id. */
export function sameIds(data) {
  const seen = new Set();
  const twice = data.plans.map((plan) => plan.id).filter((id) => seen.has(id) || !seen.add(id));
  return twice.length ? [`two plans have the id “${twice[0]}”`] : [];
}

/* The store of the plans kept in this browser, checking them against the plan schema
   (plan.schema.json's $defs.kept) and that no two plans share an id. */
export function plansStore(schema) {
  return openStore({ tool: TOOL, version: VERSION, migrations: MIGRATIONS,
    check: schemaCheck(schema, "#/$defs/kept", sameIds) });
}

/* The store, once the schema is here: the page's own, or fetched. */
export async function openPlans() {
  return plansStore(await loadSchema("plan"));
}

/* What a saved copy names that this site does not have, worded for the person opening it:
   an empty list when it has them all. `known` is {strategies, needs}, sets of ids. */
export function unknownIn(data, known) {
  const problems = [];
  const strategies = new Set(data.plans.flatMap((plan) => plan.strategies.filter((id) => !known.strategies.has(id))));
  const needs = new Set(data.plans.flatMap((plan) => plan.needs.filter((id) => !known.needs.has(id))));
  if (strategies.size) problems.push(`this site has no strategy ${[...strategies].map((id) => `“${id}”`).join(", ")}`);
  if (needs.size) problems.push(`this site has no need ${[...needs].map((id) => `“${id}”`).join(", ")}`);
  return problems;
}

