/* The support plans kept in this browser, shared by the plan page, the "Add to plan" buttons
 * and the level-of-need check. One key, "semh:plan", holds every plan and which one is open:
 * {current: "<plan id>", plans: [plan, ...]}. A saved copy holds one plan in the same shape,
 * so one set of migrations serves both. generator/schemas_plan.py describes the same shape
 * as a JSON Schema; change the two together.
 */
import { openStore } from "./storage.js";

export const KIND = "semh-plan";
export const VERSION = 1;

/* migrations[v] turns format v into format v + 1. Format 0 is one plan's fields at the top
   level, with no list of plans. No published site wrote it: it is kept as the working
   example of the path a real change of format takes, and a test opens such a saved copy and
   such stored data, so that path is known to work. */
export const MIGRATIONS = {
  0: (old) => {
    const { current: _current, plans: _plans, ...fields } = old || {};
    const plan = { ...blankPlan("plan-1", "Plan 1"), ...fields };
    return { current: plan.id, plans: [plan] };
  },
};

export const NEXT_STEPS = ["keep-going", "change-plan", "drop-in-or-lift", "other-professionals",
  "multi-agency", "close"];

const TEXT_FIELDS = ["name", "initials", "strengths", "child_says", "parents_say", "need_notes",
  "do_notes", "review_worked", "review_notes"];
const DATE_FIELDS = ["do_started"];
export const TARGET_FIELDS = ["target", "school", "home", "child", "who", "how_often",
  "review_date"];

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

/* A plan id not yet used, and a name like "Plan 2" for it. */
export function newPlan(data) {
  const ids = new Set(data.plans.map((plan) => plan.id));
  let n = data.plans.length + 1;
  while (ids.has(`plan-${n}`)) n += 1;
  return blankPlan(`plan-${n}`, `Plan ${n}`);
}

export const store = openStore({ tool: "plan", version: VERSION, migrations: MIGRATIONS });

/* The plans kept in this browser ({current, plans}), or null when there are none. Stored data
   that does not read as plans is treated as none rather than breaking the page. */
export function loadPlans() {
  const data = store.load();
  return data && problemsIn(data).length === 0 ? data : null;
}

export function savePlans(data) {
  return store.save(data);
}

/* The plans, with one to work in: a first plan is made when there is none yet. */
export function plansToWorkIn() {
  const data = loadPlans() || { current: "plan-1", plans: [] };
  if (!data.plans.length) data.plans.push(blankPlan("plan-1", "Plan 1"));
  if (!data.plans.some((plan) => plan.id === data.current)) data.current = data.plans[0].id;
  return data;
}

export function currentPlan(data) {
  if (!data) return null;
  return data.plans.find((plan) => plan.id === data.current) || data.plans[0] || null;
}

const isText = (value) => typeof value === "string";
const isDate = (value) => isText(value) && /^(\d{4}-\d{2}-\d{2})?$/.test(value);
const isId = (value) => isText(value) && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value);

/* What is wrong with data that claims to be plans, worded for the person opening a file; an
   empty list when it reads. `known` ({strategies, needs}, sets of ids) adds the check that
   every strategy and need still exists on this site. */
export function problemsIn(data, known = null) {
  if (!data || !Array.isArray(data.plans) || !isId(data.current)) {
    return ["it holds no plans"];
  }
  const problems = [];
  const unknownStrategies = new Set();
  const unknownNeeds = new Set();
  data.plans.forEach((plan, i) => {
    const where = `plan ${i + 1}`;
    if (!plan || typeof plan !== "object") {
      problems.push(`${where} is not a plan`);
      return;
    }
    if (!isId(plan.id)) problems.push(`${where} has no id`);
    for (const field of TEXT_FIELDS) if (!isText(plan[field])) problems.push(`${where}: ${field} is not text`);
    for (const field of DATE_FIELDS) if (!isDate(plan[field])) problems.push(`${where}: ${field} is not a date`);
    if (typeof plan.parents_agreed !== "boolean") problems.push(`${where}: parents_agreed is not yes or no`);
    if (!(plan.review_next === "" || NEXT_STEPS.includes(plan.review_next))) problems.push(`${where}: review_next is not one of the next steps`);
    if (!Array.isArray(plan.needs) || !plan.needs.every(isId)) problems.push(`${where}: needs is not a list of needs`);
    if (!Array.isArray(plan.strategies) || !plan.strategies.every(isId)) problems.push(`${where}: strategies is not a list of strategies`);
    if (!Array.isArray(plan.targets) || !plan.targets.every((t) => t && TARGET_FIELDS.every((f) => (f === "review_date" ? isDate(t[f]) : isText(t[f]))))) {
      problems.push(`${where}: targets are not readable`);
    }
    const check = plan.level_check;
    if (check !== null && (typeof check !== "object" || !Array.isArray(check.descriptors)
        || !(check.level === null || (Number.isInteger(check.level) && check.level >= 0 && check.level <= 4)))) {
      problems.push(`${where}: the level-of-need check is not readable`);
    }
    if (known && Array.isArray(plan.strategies)) {
      for (const id of plan.strategies) if (!known.strategies.has(id)) unknownStrategies.add(id);
    }
    if (known && Array.isArray(plan.needs)) {
      for (const id of plan.needs) if (!known.needs.has(id)) unknownNeeds.add(id);
    }
  });
  if (unknownStrategies.size) {
    problems.push(`this site has no strategy ${[...unknownStrategies].map((id) => `“${id}”`).join(", ")}`);
  }
  if (unknownNeeds.size) {
    problems.push(`this site has no need ${[...unknownNeeds].map((id) => `“${id}”`).join(", ")}`);
  }
  return problems;
}
