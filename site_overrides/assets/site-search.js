/* The header search on every page (partials/search.html): the hand-written pages, searched in
 * the browser, and a link that takes the same words to the strategy finder.
 *
 * The index (search/search_index.json, written by the search plugin without the strategy
 * pages) is fetched when someone starts a search, never at load: most readers of a page
 * never search, and a school's connection or a phone's data is not spent on it. Without
 * JavaScript the form still works: Enter opens the finder with the words.
 *
 * A page is found when every word typed (but the commonest) starts a word of its title or
 * text; its title counts most. For a few hundred sections nothing smarter is needed, and the
 * finder, with its everyday words and needs, is one Enter away.
 */
import { changed } from "./lib/components.js";
import { fetchJson } from "./lib/fetch-json.js";


// Words too common to tell one page from another.
const COMMON = new Set(["a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how",
  "i", "in", "is", "it", "my", "of", "on", "or", "the", "to", "what", "with"]);
const TITLE_SCORE = 10; // a typed word in a page's title
const MOST_IN_TEXT = 5; // times a word counts in a page's text, so one long page does not win
const MOST_SHOWN = 10; // results listed
const TEASER = 160; // letters of text shown around the first match
const MOST_WORDS = 12; // as the finder: a longer description says it already
const MOST_LETTERS = 1000;

/* Started by start.js from the header search (data-module="site-search"). */
export function start(root) {
  const toggle = document.getElementById("__search");
  if (!toggle) return;
  const form = root.querySelector("[data-site-search-form]");
  const input = root.querySelector("[data-site-search-input]");
  const status = root.querySelector("[data-site-search-status]");
  const list = root.querySelector("[data-site-search-results]");
  const indexUrl = new URL(root.dataset.siteSearchIndex, document.baseURI);
  const siteRoot = new URL("../", indexUrl);
  const finderUrl = new URL(root.dataset.siteSearchFinder, document.baseURI);
  const onFinder = Boolean(document.querySelector("[data-finder]"));
  let pages = null; // a promise of the index, once asked for

  function load() {
    pages ||= fetchJson(indexUrl)
      .then(({ docs }) => {
        const prepared = prepare(docs);
        root.dataset.siteSearchReady = "";
        return prepared;
      })
      .catch((error) => {
        pages = null; // asked for again at the next search
        throw error;
      });
    return pages;
  }

  function open() {
    if (!toggle.checked) {
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  function close() {
    if (toggle.checked) {
      toggle.checked = false;
      toggle.dispatchEvent(new Event("change"));
    }
  }

  let latest = 0;
  async function show() {
    const text = input.value.slice(0, MOST_LETTERS);
    const ticket = ++latest;
    const typed = wordsOf(text).slice(0, MOST_WORDS);
    if (!typed.length) {
      list.replaceChildren();
      status.textContent = text.trim()
        ? "Type a longer word, or press Enter to look in the strategy finder."
        : "Press Enter to find strategies for these words in the strategy finder.";
      announce();
      return;
    }
    let found;
    try {
      found = find(await load(), typed);
    } catch (error) {
      if (ticket !== latest) return;
      status.textContent = "The search could not be loaded: check the connection, then try "
        + "again. Enter still opens the strategy finder.";
      throw error;
    }
    if (ticket !== latest) return; // typed on meanwhile
    list.replaceChildren(finderItem(text.trim()),
                         ...found.slice(0, MOST_SHOWN).map((hit) => pageItem(hit, typed)));
    status.textContent = found.length === 0
      ? "No page of this site holds all these words. The strategy finder may still help."
      : `${found.length} ${found.length === 1 ? "section" : "sections"} of this site`
        + (found.length > MOST_SHOWN ? `, the first ${MOST_SHOWN} shown.` : ".");
    announce();
  }

  function announce() {
    changed(root, "site-search");
  }

  /* The same words in the finder, which searches the strategies. */
  function finderLink(text) {
    const url = new URL(finderUrl);
    url.searchParams.set("q", text);
    return url;
  }

  function finderItem(text) {
    return item(finderLink(text), `Strategies for “${text}”`, "In the strategy finder: the councils' "
      + "strategies for what you describe, by need and age.");
  }

  function pageItem({ doc }, typed) {
    const title = doc.page && doc.page !== doc ? `${doc.page.title}: ${doc.title}` : doc.title;
    return item(new URL(doc.location, siteRoot), title, teaser(doc.text, typed));
  }

  function item(url, title, text) {
    const li = document.createElement("li");
    li.className = "md-search-result__item";
    const link = document.createElement("a");
    link.className = "md-search-result__link semh-site-search__link";
    link.href = url.href;
    const name = document.createElement("span");
    name.className = "semh-site-search__title";
    name.textContent = title;
    link.append(name);
    if (text) {
      const teaserText = document.createElement("span");
      teaserText.className = "semh-site-search__teaser";
      teaserText.textContent = text;
      link.append(teaserText);
    }
    li.append(link);
    return li;
  }

  input.addEventListener("focus", () => {
    open();
    load().catch(() => {}); // shown, if it fails, when the words are searched
  });
  // Someone quick may have opened the search, or be typing in the box, before this module
  // has run: carry on from where they are.
  if (toggle.checked && document.activeElement !== input) input.focus();
  if (document.activeElement === input) {
    if (input.value.trim()) show().catch(() => {});
    else load().catch(() => {});
  }
  input.addEventListener("input", () => { show().catch(() => {}); });
  // Enter: the finder with these words (on the finder, the header box has no name to send).
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.value.trim()) location.assign(finderLink(input.value.trim()));
  });
  form.addEventListener("reset", () => {
    setTimeout(() => { show(); input.focus(); });
  });
  toggle.addEventListener("change", () => {
    if (toggle.checked && document.activeElement !== input) input.focus();
  });
  // Tabbing on past the results closes the search, as the theme's did, so that it covers
  // nothing focus moves to. A click on something that takes no focus (the overlay, which
  // closes it itself) moves focus nowhere, and is left to the click.
  root.addEventListener("focusout", (event) => {
    if (event.relatedTarget && !root.contains(event.relatedTarget)) close();
  });
  root.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      close();
      input.blur();
    }
  });

  // A shared link to a search (?q=words) opens it, as the theme's did; on the finder the
  // words are the finder's.
  const shared = new URLSearchParams(location.search).get("q");
  if (shared && !onFinder) {
    input.value = shared;
    open();
    show().catch(() => {});
  }
}

/* Lower-case words of the text, as searched: letters and digits, less the commonest. */
function wordsOf(text) {
  return text.toLowerCase().split(/[^\p{L}\p{N}']+/u)
    .map((word) => word.replace(/^'+|'+$/g, ""))
    .filter((word) => word.length > 1 && !COMMON.has(word));
}

/* Each section's words, ready to be matched; its text as plain text. */
function prepare(docs) {
  const scratch = document.createElement("template");
  const plain = (html) => {
    scratch.innerHTML = html; // a template's content is inert: nothing in it loads or runs
    return scratch.content.textContent.replace(/\s+/g, " ").trim();
  };
  const byPage = new Map();
  const prepared = docs.map((doc) => {
    const text = plain(doc.text);
    const title = plain(doc.title);
    const entry = { location: doc.location, title, text, titleWords: wordsOf(title),
                    textWords: wordsOf(text), page: null };
    if (!doc.location.includes("#")) byPage.set(doc.location, entry);
    return entry;
  });
  for (const entry of prepared) entry.page = byPage.get(entry.location.split("#")[0]) || null;
  return prepared;
}

/* The sections holding every typed word, best first. */
function find(docs, typed) {
  const found = [];
  for (const doc of docs) {
    let score = 0;
    let every = true;
    for (const word of typed) {
      const inTitle = doc.titleWords.some((own) => own.startsWith(word));
      let inText = 0;
      for (const own of doc.textWords) {
        if (own.startsWith(word) && ++inText === MOST_IN_TEXT) break;
      }
      if (!inTitle && !inText) {
        every = false;
        break;
      }
      score += (inTitle ? TITLE_SCORE : 0) + inText;
    }
    if (every) found.push({ doc, score });
  }
  // Ties keep the site's own order, which is the menu's.
  return found.sort((a, b) => b.score - a.score);
}

/* Some of the text, from a little before its first typed word. */
function teaser(text, typed) {
  if (!text) return "";
  const lower = text.toLowerCase();
  let first = -1;
  for (const word of typed) {
    const at = lower.search(new RegExp(`(^|[^\\p{L}\\p{N}])${escaped(word)}`, "u"));
    if (at >= 0 && (first < 0 || at < first)) first = at;
  }
  const from = Math.max(0, first - 40);
  const start = from > 0 ? text.indexOf(" ", from) + 1 || from : 0;
  const cut = text.slice(start, start + TEASER);
  return (start > 0 ? "…" : "") + cut + (start + TEASER < text.length ? "…" : "");
}

function escaped(word) {
  return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
