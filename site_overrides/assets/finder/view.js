/* What the finder draws: the results, the count line, each filter option's count, and the
 * closest needs when the words match nothing. The HTML of a result and the words of the
 * count line are made by functions that read no page, so Node can test them. */
import { changed } from "../lib/components.js";
import { escapeHtml } from "../lib/escape.js";
import { GROUPS } from "./rank.js";

export const PAGE_SIZE = 20; // results shown at first, and added by "Show more"
const ANY_AGE = "Any age (the council gives none)"; // as the pages say it (render.py)
// Letters of the query repeated in the count line: a pasted page would bury the count.
const QUOTED_UP_TO = 60;
// Milliseconds of no typing before screen readers hear the count.
const ANNOUNCE_PAUSE = 400;

const link = (href, text) => `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>`;

/* The needs a strategy is for, as links to their pages. */
function needLinks(strategy, data, siteRoot) {
  const needLink = (i) => link(siteRoot + data.needs[i].url, data.needs[i].title);
  if (strategy.general) return "every need (a general expected practice)";
  const own = strategy.ownNeeds.map(needLink).join(", ");
  const related = strategy.relatedNeeds.filter((i) => !strategy.ownNeeds.includes(i));
  return related.length ? `${own}; related to ${related.map(needLink).join(", ")}` : own;
}

/* One result, as the list shows it. */
export function resultHtml(strategy, data, siteRoot) {
  const ids = (list, i) => list[i].id;
  const ages = strategy.anyAge ? `<span class="semh-badge semh-badge--age">${ANY_AGE}</span>`
    : strategy.ages.map((i) =>
      `<span class="semh-badge semh-badge--age">${escapeHtml(data.ages[i].label)}</span>`).join(" ");
  const tier = data.tiers[strategy.tier];
  return `<li class="semh-finder__result" data-strategy-id="${escapeHtml(strategy.id)}"`
    + ` data-needs="${strategy.needs.map((i) => ids(data.needs, i)).join(" ")}"`
    + ` data-ages="${strategy.ages.map((i) => ids(data.ages, i)).join(" ")}"`
    + ` data-tier="${tier.id}">`
    + `<h3 class="semh-finder__title">${link(siteRoot + strategy.url, strategy.title)}</h3>`
    + `<blockquote class="semh-finder__text"><p>${escapeHtml(strategy.text)}</p></blockquote>`
    + `<p class="semh-finder__for">For: ${needLinks(strategy, data, siteRoot)}</p>`
    + `<p class="semh-badges"><span class="semh-label">Ages</span> ${ages}`
    + ` <span class="semh-label">Tier</span> <span class="semh-badge semh-badge--tier semh-badge--${tier.id}">${escapeHtml(tier.label)}</span></p>`
    + `<p class="semh-finder__council">From: ${escapeHtml(strategy.council)}</p>`
    // Shown, and kept up to date, by plan-button.js.
    + `<p class="semh-finder__plan"><button type="button" class="md-button semh-add-to-plan" data-add-to-plan="${escapeHtml(strategy.id)}" aria-pressed="false" hidden>`
    + `<span class="semh-add-to-plan__label">Add to plan</span><span class="semh-visually-hidden">: ${escapeHtml(strategy.title)}</span></button></p>`
    + `</li>`;
}

/* The count line for `total` results of `matched` that the words matched, in the view
 * `state` ({q, need, age, tier}). `searchable(text)` says whether the text holds a word to
 * search for. */
export function countText(total, state, matched, searchable) {
  const noun = total === 1 ? "strategy" : "strategies";
  const typed = state.q.trim();
  const quoted = typed.length > QUOTED_UP_TO ? `${typed.slice(0, QUOTED_UP_TO)}…` : typed;
  if (typed && !searchable(typed)) {
    return `No searchable words found in “${quoted}”: try describing what you see in other words.`;
  }
  const words = typed ? ` for “${quoted}”` : "";
  const filtered = GROUPS.some((group) => state[group].length) ? " with the filters chosen" : "";
  if (matched === 0) {
    return `No strategies found${words}. The sources may not cover it, or they may use other`
      + " words: try other words, or look at the needs below.";
  }
  if (total === 0) {
    return `No strategies found${words}${filtered}. Try other words, or clear the filters.`;
  }
  return `${total} ${noun} found${words}${filtered}.`;
}

/* The closest needs (a list of data.needs' entries, perhaps empty) and the link to every
 * need, so the page is never empty. */
export function noMatchHtml(closest, data, siteRoot) {
  return (closest.length
    ? "<p>The needs whose everyday words come closest to yours:</p><ul>"
      + closest.map((need) => `<li>${link(siteRoot + need.url, need.title)}</li>`).join("")
      + "</ul>"
    : "")
    + `<p>${link(siteRoot + data.needsUrl, "Browse all needs")}, each with the councils' strategies for it.</p>`;
}

/* The finder's part of the page, `root`, drawn from `data` (data.js). `search` is
 * rank.js's: its closest needs and its words. */
export function makeView(root, data, search) {
  const form = root.querySelector("[data-finder-form]");
  const filters = root.querySelector("[data-finder-filters]");
  const chosenCount = filters.querySelector("[data-finder-chosen]");
  const list = root.querySelector("[data-finder-results]");
  const count = root.querySelector("[data-finder-count]");
  const more = root.querySelector("[data-finder-more]");
  const siteRoot = root.dataset.siteRoot || "";
  // Shown instead of an empty list when the words match nothing at all.
  const noMatch = document.createElement("div");
  noMatch.className = "semh-finder__nomatch";
  noMatch.dataset.finderNomatch = "";
  noMatch.hidden = true;
  list.after(noMatch);
  const searchable = (text) => search.words(text).length > 0;
  let announceTimer = 0;

  /* A result's element is made the first time it is shown and reused after, so a
   * keystroke only moves elements, and the browser parses no HTML. */
  const cards = new Map();
  function card(strategy) {
    let item = cards.get(strategy.position);
    if (!item) {
      const holder = document.createElement("template");
      holder.innerHTML = resultHtml(strategy, data, siteRoot);
      item = holder.content.firstElementChild;
      cards.set(strategy.position, item);
    }
    return item;
  }

  /* The closest needs to words that match nothing; `text` is empty when something did. */
  function showNoMatch(text) {
    noMatch.hidden = !text;
    if (!text) return;
    noMatch.innerHTML = noMatchHtml(search.closestNeeds(text), data, siteRoot);
  }

  return {
    root,
    form,
    input: form.elements.q,
    filters,
    list,
    more,
    clear: root.querySelector("[data-finder-clear]"),
    /* A filter option's name, as the page shows it. */
    optionLabel(group, id) {
      const label = filters.querySelector(`[data-finder-label-for="${group}:${id}"]`);
      if (!label) throw new Error(`finder: no filter option ${group}:${id} on the page`);
      return label.textContent;
    },
    /* The first `shown` of the results `found` (rank.js's search) for the view `state`.
     * The count is announced at once, or once typing pauses. */
    paint(state, { results, counts, matched }, shown, { announce = true } = {}) {
      showNoMatch(matched === 0 && state.q.trim() ? state.q : "");
      const visible = results.slice(0, shown);
      list.replaceChildren(...visible.map(({ strategy }) => card(strategy)));
      list.dataset.total = results.length;
      more.hidden = results.length <= shown;
      more.textContent = `Show more strategies (${results.length - visible.length} not shown yet)`;
      const chosen = GROUPS.reduce((sum, group) => sum + state[group].length, 0);
      chosenCount.textContent = chosen ? `(${chosen} chosen)` : "";
      for (const group of GROUPS) {
        data[group === "need" ? "needs" : `${group}s`].forEach((option, i) => {
          const label = filters.querySelector(`[data-finder-count-for="${group}:${option.id}"]`);
          if (label) label.textContent = `(${counts[group].get(i) || 0})`;
        });
      }
      // Screen readers hear the count once typing pauses, not at every letter.
      clearTimeout(announceTimer);
      const text = countText(results.length, state, matched, searchable);
      if (announce) count.textContent = text;
      else announceTimer = setTimeout(() => { count.textContent = text; }, ANNOUNCE_PAUSE);
      // The finder holds its place, unseen, from the first paint (finder.css), and is shown
      // with its first results, so nothing on screen moves when they arrive.
      root.hidden = false;
      changed(root, "finder");
    },
    /* The count a search submitted says at once: no announcement left waiting. */
    cancelAnnouncement: () => clearTimeout(announceTimer),
    failed() {
      count.textContent = "The strategies could not be loaded: check the connection, then try again.";
    },
  };
}
