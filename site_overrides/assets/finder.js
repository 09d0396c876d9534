/* The strategy finder: a teacher's own words in, the councils' strategies for that need out.
 *
 * This module starts the finder from the page's head and wires the page to it; the work
 * is done by the modules in finder/, which the head preloads with this one:
 *   data.js     the data file decoded into what a search reads
 *   query.js    what typed words are looked for as (words.js reads them)
 *   score.js    lunr.py's weights worked out again, and lunr's scores from them
 *   rank.js     need join, words side by side, every word, everyday words, filters, closest needs
 *   pieces.js   a large site's data in pieces, fetched as a query needs them
 *   view.js     the results, the count line and the filters' counts, drawn
 *   address.js  the view in the address, and Back and Forward
 * data.js to rank.js read no page and fetch nothing: Node's test runner runs them
 * (tests/js/finder-*.test.js) on the data file the generator builds.
 */
import { fetchJson } from "./lib/fetch-json.js";
import { makeAddress, stateOf } from "./finder/address.js";
import { nameOptions, prepare } from "./finder/data.js";
import { makePieces } from "./finder/pieces.js";
import { makeSearch } from "./finder/rank.js";
import { PAGE_SIZE, makeView } from "./finder/view.js";

// Marks for bench/: this script starting, its data arriving, its index loaded, and ready.
performance.mark("finder-start");

// Without the finder, the page stays the list of needs.
const giveUp = () => document.documentElement.classList.remove("semh-finder-js");

/* Resolves once the whole page has been parsed. */
function parsed() {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("readystatechange", resolve,
                                                            { once: true }));
}

/* Resolves with the finder once the page has been parsed up to its end (the empty
 * [data-finder-end] after it), or with null if the whole page has no finder. */
function finderParsed() {
  const end = () => document.querySelector("[data-finder] [data-finder-end]");
  const found = () => end()?.closest("[data-finder]") ?? null;
  if (end()) return Promise.resolve(found());
  return new Promise((resolve) => {
    const done = () => {
      watch.disconnect();
      resolve(found());
    };
    const watch = new MutationObserver(() => end() && done());
    watch.observe(document, { childList: true, subtree: true });
    parsed().then(done);
  });
}

/* The finder on its page, once `lunr` and the data file `raw` (at `dataUrl`) are here and
 * the page has its finder: {data, search, view, address}, or null without a finder. */
async function setUp(lunr, raw, dataUrl, requested) {
  performance.mark("finder-data");
  const piecesOf = (_, terms, strategies) => makePieces(lunr, raw, terms, strategies,
    (name) => fetchJson(new URL(`${raw.pieces.folder}/${name}.json`, dataUrl)));
  const data = await prepare(lunr, raw, { piecesOf });
  performance.mark("finder-index");
  const root = await finderParsed();
  if (!root) return null;
  const search = makeSearch(lunr, data);
  const view = makeView(root, data, search);
  nameOptions(data, view.optionLabel);
  const address = makeAddress(view);
  address.show(requested);
  // On a narrow screen the filters start folded, so the results sit under the search box.
  if (matchMedia("(max-width: 59.9375em)").matches) view.filters.open = false;
  return { data, search, view, address };
}

/* The finder's page: the results follow the form, the address follows both. */
function listen({ data, search, view, address }) {
  const { input, form, filters, clear, more, list } = view;
  let shown = PAGE_SIZE;
  let typing = false;
  let latest = 0;

  /* The results for the form as it is now. In one file, at once; in pieces, once the
   * pieces the words need and those of the results on screen have arrived, and only if the
   * form has not changed meanwhile. Returns a promise when it waits. */
  function render(options = {}) {
    const state = address.fromForm();
    const ticket = ++latest;
    const current = () => ticket === latest;
    const draw = () => {
      const found = search.search(state.q, state);
      const waiting = data.pieces && data.pieces.show(found.results.slice(0, shown)
        .map(({ strategy }) => strategy));
      if (!waiting) return view.paint(state, found, shown, options);
      return waiting.then(() => current() && view.paint(state, found, shown, options));
    };
    const waiting = search.fetchFor(state.q);
    if (!waiting) return draw();
    return waiting.then(() => current() && draw()).catch((error) => {
      if (!current()) return;
      view.failed();
      throw error;
    });
  }

  /* In pieces, the letters typed after the first word wait for none: once someone is in
   * the box, every piece a word can need is fetched. A deep link alone fetches only what
   * its words need. data-finder-warm says when it is all here. */
  function warmUp() {
    (data.pieces ? data.pieces.warm() : Promise.resolve())
      .then(() => { view.root.dataset.finderWarm = ""; })
      .catch(() => input.addEventListener("focus", warmUp, { once: true }));
  }

  /* A change other than typing: its own history entry, the first page of results. */
  function changed() {
    address.flush();
    typing = false;
    shown = PAGE_SIZE;
    render();
    address.save(true);
  }

  input.addEventListener("focus", warmUp, { once: true });
  input.addEventListener("input", () => {
    shown = PAGE_SIZE;
    render({ announce: false });
    // The first letter starts a new history entry; the rest of the word replaces it once
    // typing pauses, or sooner if the page is left or another change needs an entry.
    if (typing) address.saveLater();
    else address.save(true);
    typing = true;
  });
  input.addEventListener("blur", () => {
    address.flush();
    typing = false;
  });
  window.addEventListener("pagehide", address.flush);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    address.flush();
    typing = false;
    view.cancelAnnouncement();
    render();
  });
  filters.addEventListener("change", changed);
  clear.addEventListener("click", () => {
    address.flush();
    address.show({ q: "", need: [], age: [], tier: [] });
    changed();
    input.focus();
  });
  more.addEventListener("click", async () => {
    const first = shown;
    shown += PAGE_SIZE;
    await render();
    // Keyboard users carry on from the first strategy just added.
    const next = list.children[first];
    if (next) next.querySelector("a").focus();
  });
  window.addEventListener("popstate", () => {
    // The entry left behind keeps the address it had; the box now shows another's.
    address.cancel();
    typing = false;
    shown = PAGE_SIZE;
    address.show(address.fromAddress());
    render();
  });
  return render;
}

/* This script, lunr.js and the data are fetched from the top of the page and run as soon
 * as they are here (site_overrides/partials/finder-head.html), so a shared link's index is
 * ready while the rest of the page arrives; the finder's part of the page is waited for
 * only to show the results. If lunr.js cannot load, the page's error listener shows the
 * list. A module script has no document.currentScript. */
function start() {
  const script = document.querySelector("script[data-finder-script]");
  const lunrScript = document.querySelector("script[data-finder-lunr]");
  if (!script || (!window.lunr && !lunrScript)) {
    giveUp();
    return;
  }
  const lunrLoaded = window.lunr ? Promise.resolve()
    : new Promise((resolve) => lunrScript.addEventListener("load", resolve, { once: true }));
  const dataUrl = new URL(script.dataset.finderData, document.baseURI);
  // The head preloads this file, so this fetch takes what is already on its way.
  const dataArrived = fetchJson(dataUrl);
  const requested = stateOf(location.search);
  let finder = null;

  async function run() {
    await lunrLoaded;
    finder = await setUp(window.lunr, await dataArrived, dataUrl, requested);
    if (!finder) return;
    const render = listen(finder);
    // The finder is shown with its first results (paint), which need not wait for the rest
    // of the page: the list of needs it replaces is hidden from the first paint (finder.css).
    await render();
    await parsed();
    const staticList = document.querySelector("[data-finder-static]");
    if (staticList) staticList.hidden = true;
    // Ready once the first results have been painted.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    performance.mark("finder-ready");
    finder.view.root.dataset.finderReady = "";
  }

  const ready = run();
  ready.catch(giveUp);
  // For the tests and the benchmark: the page's own search, on the page's own data.
  window.semhFinder = {
    ready,
    // A promise: in pieces, the pieces the words and every result need are fetched first.
    search: (text, selection = {}) => finder.search.ranked(text, selection),
  };
}

start();
