/* The level-of-need check (/levels/check/): ticked descriptors, and the level they point to
 * by the levels document's own rules. The ticks are kept in this browser ("semh:levels-check",
 * checked against levels-check.schema.json before they are used), shared with the check open
 * in other tabs, and can be saved into the support plan open last, in its Assess section.
 */
import { debounce, openStore, schemaCheck, schemaInPage } from "./storage.js";
import { askToKeep, keptProblem, showStorageNotice } from "./tools/notices.js";
import { Shared } from "./tools/shared.js";
import { $, $$ } from "./lib/dom.js";
import { escapeHtml } from "./lib/escape.js";
import { today } from "./lib/today.js";
import { blankPlans, currentPlan, plansStore } from "./plan-store.js";

/* The document's rules for Levels 2 to 4, from tests/seeds/004_d451873d299f596c.txt:
 *   line 38, Level 2: "significant and/or persistent difficulty in one or more of the 12 Social,
 *     Emotional and Mental Health descriptors from Level 1 and which regularly (e.g. at least 2x
 *     a week) cause barriers to learning"
 *   line 62, Level 3: "severe and / or persistent difficulties in any two or more of the areas
 *     of the SEMH descriptors at Levels 1 or 2 and which on a frequent basis (e.g. daily) cause
 *     significant barriers to learning"
 *   line 78, Level 4: "severe and profound difficulties in two or more of the SEMH descriptors
 *     from Levels 1, 2 and 3 and which persistently cause severe barriers to learning (e.g.
 *     daily/throughout the day)"
 * How severe and how often cannot be ticked into being: ticking a level's first descriptor is
 * the person saying that it is so. What can be counted is the areas: the items of the lists
 * under the levels each rule names, ticked as the areas they are. Level 1 (line 14) has no
 * count: "There are difficulties in any of the following areas". Level 0 is the typically
 * developing child. The document says nothing of how the other descriptors of a level add up,
 * so they are shown for the conversation and never counted. */
const RULES = [
  { level: 4, descriptor: "level-4/0", areasFrom: [1, 2, 3], atLeast: 2,
    says: "severe and profound difficulties in two or more areas from Levels 1, 2 and 3, which persistently (for example daily or throughout the day) cause severe barriers to learning" },
  { level: 3, descriptor: "level-3/0", areasFrom: [1, 2], atLeast: 2,
    says: "severe and/or persistent difficulties in two or more areas from Levels 1 or 2, which frequently (for example daily) cause significant barriers to learning" },
  { level: 2, descriptor: "level-2/0", areasFrom: [1], atLeast: 1,
    says: "significant and/or persistent difficulty in one or more of the 12 areas of Level 1, which regularly (for example at least twice a week) cause barriers to learning" },
];

/* Started by start.js from the check's answer (data-module="levels-check"). */
export function start() {
  const VERSION = 1;
  const store = openStore({ tool: "levels-check", version: VERSION,
    check: schemaCheck(schemaInPage("levels-check"), "#/$defs/kept") });
  const blank = () => ({ descriptors: [], areas: [] });
  const shared = new Shared(store, { blank,
    isEmpty: (ticks) => !ticks.descriptors.length && !ticks.areas.length });
  const plans = plansStore(schemaInPage("plan"));
  const result = $("[data-level-result]");
  const levelOf = (key) => Number(key.split("/")[0].replace("level-", ""));
  const text = (box) => box.closest("label").querySelector("[data-level-text]").textContent.trim();
  const titleOf = (level) => $(`#check-level-${level} legend`).textContent.trim();

  const needsOf = (box) => box.dataset.needs.split(" ").filter(Boolean);

  /* What is ticked: each descriptor ticked, or with an item of its list ticked, and its items.
   * `needs` holds what the boxes ticked name, each need with the words that name it: the
   * descriptor's own needs when it is ticked, and each ticked area's, never the needs of an
   * area left unticked. */
  function ticked() {
    const chosen = [];
    for (const box of $$("[data-level-descriptor]")) {
      const key = box.dataset.levelDescriptor;
      const areas = $$(`[data-level-area^="${CSS.escape(key)}/"]`).filter((area) => area.checked);
      if (!box.checked && !areas.length) continue;
      const needs = [...(box.checked ? needsOf(box).map((need) => [need, text(box)]) : []),
        ...areas.flatMap((area) => needsOf(area).map((need) => [need, text(area)]))];
      chosen.push({
        id: key, level: levelOf(key), box, ticked: box.checked, text: text(box),
        areas: areas.map(text), needs,
      });
    }
    return chosen;
  }

  function pointsTo(chosen) {
    const notes = [];
    const areasAt = (levels) => chosen.filter((d) => levels.includes(d.level))
      .reduce((n, d) => n + d.areas.length, 0);
    let level = null;
    for (const rule of RULES) {
      const first = chosen.find((d) => d.id === rule.descriptor && d.ticked);
      const others = chosen.some((d) => d.level === rule.level && d.id !== rule.descriptor);
      const areas = areasAt(rule.areasFrom);
      if (first && areas >= rule.atLeast) {
        level = rule.level;
        break;
      }
      if (first) {
        notes.push(`Level ${rule.level} needs ${rule.says}. Its first descriptor is ticked, but ${areas} ${areas === 1 ? "area is" : "areas are"} ticked in the lists of Level${rule.areasFrom.length > 1 ? "s" : ""} ${rule.areasFrom.join(", ")}, and the rule needs ${rule.atLeast} or more: tick the areas the difficulties are in.`);
      } else if (others) {
        notes.push(`Some Level ${rule.level} descriptors are ticked, but not its first one, which is the document’s rule for the level: ${rule.says}. Whether that is so is for the people who know the child to say; the document does not say how the other descriptors add up, so they are shown here to talk about and not counted.`);
      }
    }
    if (level === null && chosen.some((d) => d.level === 1)) level = 1;
    if (level === null && chosen.some((d) => d.level === 0)) level = 0;
    return { level, notes };
  }

  /* Set only when the words change: a live region given the same words again would be read
   * out at every tick. */
  function say(element, words) {
    if (element.textContent !== words) element.textContent = words;
  }

  const bar = $("[data-level-bar]");

  /* The answer in short, at the foot of the window: the level, and how many boxes are ticked. */
  function showBar(chosen, level) {
    const count = $$("[data-level-descriptor], [data-level-area]").filter((box) => box.checked).length;
    let answer;
    if (!chosen.length) answer = "Nothing is ticked yet.";
    else if (level === null) answer = "The ticks meet no level’s rule yet.";
    else answer = `The ticks point to ${titleOf(level)}.`;
    bar.hidden = !chosen.length;
    $("[data-level-bar-answer]", bar).textContent = answer;
    // Not as the page opens: only what a tick changed is read out.
    if ("levelsReady" in document.documentElement.dataset) say($("[data-level-said]"), answer);
    $("[data-level-bar-count]", bar).textContent = count
      ? `${count} ${count === 1 ? "box" : "boxes"} ticked.` : "";
  }

  /* Why a need is listed, in the words of the boxes that name it. */
  function because(words) {
    const quoted = words.map((w) => `“${w}”`);
    const listed = quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")} and ${quoted.at(-1)}` : quoted[0];
    return `Because ${listed} ${quoted.length > 1 ? "are" : "is"} ticked.`;
  }

  function show() {
    const chosen = ticked();
    const { level, notes } = pointsTo(chosen);
    result.dataset.level = level === null ? "" : String(level);
    let summary;
    if (!chosen.length) summary = "Nothing is ticked yet.";
    else if (level === null) summary = "The ticked descriptors do not meet any level’s rule as the document writes it; see below.";
    else summary = `The ticked descriptors point to ${titleOf(level)}. This is a guide for the conversation with the SENCO and parents, not a diagnosis or a funding decision.`;
    say($("[data-level-summary]"), summary);
    showBar(chosen, level);
    $("[data-level-notes]").innerHTML = notes.map((note) => `<p class="semh-level-note">${escapeHtml(note)}</p>`).join("");
    const levels = [...new Set(chosen.map((d) => d.level))].sort();
    $("[data-level-ticked]").innerHTML = levels.length
      ? `<h3 id="ticked">What is ticked</h3>` + levels.map((n) => `<p class="semh-plan-level__heading">${escapeHtml(titleOf(n))}</p><ul>`
        + chosen.filter((d) => d.level === n).map((d) => `<li>${d.ticked ? "" : "Not ticked itself, with these items of its list ticked: "}${escapeHtml(d.text)}`
          + (d.areas.length ? `<ul>${d.areas.map((a) => `<li>${escapeHtml(a)}</li>`).join("")}</ul>` : "") + `</li>`).join("")
        + `</ul>`).join("")
      : "";
    const named = new Map();
    for (const [need, words] of chosen.flatMap((d) => d.needs)) {
      named.set(need, new Set([...(named.get(need) || []), words]));
    }
    const needs = new Set(named.keys());
    for (const item of $$("[data-level-need]")) {
      const from = named.get(item.dataset.levelNeed);
      item.hidden = !from;
      $("[data-level-need-from]", item).textContent = from ? because([...from]) : "";
    }
    $("[data-level-no-needs]").hidden = needs.size > 0;
    for (const next of $$("[data-level-next]")) {
      next.hidden = !chosen.length || (next.dataset.levelNext === "0") !== (level === 0 || level === null);
    }
    return { chosen, level };
  }

  /* The ticks on the page, as they are kept. */
  const ticks = () => ({
    descriptors: $$("[data-level-descriptor]").filter((b) => b.checked).map((b) => b.dataset.levelDescriptor),
    areas: $$("[data-level-area]").filter((b) => b.checked).map((b) => b.dataset.levelArea),
  });

  function tickBoxes(kept) {
    const on = new Set([...kept.descriptors, ...kept.areas]);
    for (const box of $$("[data-level-descriptor], [data-level-area]")) {
      box.checked = on.has(box.dataset.levelDescriptor || box.dataset.levelArea);
    }
  }

  const message = $("[data-level-message]");
  const NOT_KEPT = "This browser would not keep your ticks: its storage is full or turned off. They stay on this page until you leave it; save them into the support plan and save a copy of it to keep them.";

  const showProblem = keptProblem(document, shared, {
    what: "level-of-need ticks",
    file: "level-of-need-ticks",
    startedAgain: () => {
      keep();
      message.textContent = "What was kept in this browser is gone; the ticks on this page are kept from now on.";
    },
  });

  function keep() {
    const saved = shared.save(ticks());
    tickBoxes(saved.data);
    showProblem();
    if (saved.state === "refused") message.textContent = NOT_KEPT;
    show();
  }

  let ticking = false;
  const saveTicks = debounce(() => {
    ticking = false;
    keep();
  }, 300);

  // Only after a tick: a visit alone keeps nothing.
  window.addEventListener("pagehide", () => {
    if (ticking) saveTicks.flush();
  });

  document.addEventListener("change", (event) => {
    if (!event.target.matches("[data-level-descriptor], [data-level-area]")) return;
    show();
    ticking = true;
    saveTicks();
  });

  /* The check open in another tab changed the ticks. */
  store.watch(() => {
    const merged = shared.refresh(ticks());
    tickBoxes(merged.data);
    showProblem();
    show();
    if (merged.unsaved && merged.state === "merged") {
      ticking = true;
      saveTicks();
    }
  });

  $("[data-level-save]").addEventListener("click", () => {
    const { chosen, level } = show();
    if (!chosen.length) {
      message.textContent = "Tick the descriptors that describe the child first.";
      return;
    }
    // What is kept now, checked in full, so that nothing another tab saved is written over.
    const found = plans.read();
    if (found.state === "newer") {
      message.textContent = "Nothing was saved: the support plans in this browser were saved by a newer version of this site, and this page leaves them as they are. The support plan page says more.";
      return;
    }
    if (found.state === "damaged") {
      message.innerHTML = `Nothing was saved: the support plans kept in this browser cannot be read. <a href="../../plan/">The support plan page</a> says what is wrong, and how to keep them and start again.`;
      return;
    }
    const data = found.state === "ok" && found.data.plans.length ? found.data : blankPlans();
    const plan = currentPlan(data);
    data.current = plan.id;
    plan.level_check = {
      level, saved_on: today(),
      descriptors: chosen.map((d) => ({ id: d.id, text: d.text, areas: d.areas })),
    };
    if (!plans.write(data, found.rev || null)) {
      message.textContent = "Nothing was saved: this browser would not keep the plan, as its storage is full or turned off.";
      return;
    }
    askToKeep();
    message.innerHTML = `Saved into the Assess section of the plan “${escapeHtml(plan.name)}”. <a href="../../plan/#assess">Open the plan</a>.`;
  });

  /* A box reached with Tab behind the answer at the foot of the window is scrolled above it
   * (WCAG 2.2, 2.4.11), where the browser's own scrolling has not done so already. */
  document.addEventListener("focusin", (event) => {
    if (bar.hidden || !event.target.closest("[data-levels-check] fieldset")) return;
    const hidden = event.target.getBoundingClientRect().bottom - bar.getBoundingClientRect().top;
    if (hidden > 0 && bar.getBoundingClientRect().top < window.innerHeight) {
      window.scrollBy({ top: hidden + 16, behavior: "instant" });
    }
  });

  tickBoxes(shared.start());
  result.hidden = false;
  $("[data-storage-notice]").hidden = false;
  showStorageNotice(document);
  showProblem();
  show();
  document.documentElement.dataset.levelsReady = "";
}
