/* The finder's safeguarding notice (data-module="safeguarding" on the notice): shown above
 * the results while the search says that a child may be at risk of harm
 * (safeguarding-match.js, reading the concepts of content/safeguarding.yaml that the page
 * carries), hidden again when it no longer does. It only shows or hides the notice; the
 * results are the finder's and stay as they are. */
import { CHANGED } from "./lib/components.js";
import { makeMatcher } from "./safeguarding-match.js";
import { makeReader } from "./words.js";

/* lunr.js, which words.js stems with: fetched from the head of the page, and perhaps not
 * here yet. If it never comes, the finder shows its list of needs and no search is typed. */
function lunrLoaded() {
  if (window.lunr) return Promise.resolve(window.lunr);
  const script = document.querySelector("script[data-finder-lunr]");
  if (!script) return Promise.reject(new Error("safeguarding notice: no lunr.js on the page"));
  return new Promise((resolve) => script.addEventListener("load", () => resolve(window.lunr),
                                                          { once: true }));
}

export async function start(notice) {
  const input = document.getElementById("semh-finder-q");
  const finder = notice.closest("[data-finder]");
  if (!input || !finder) return;
  const lunr = await lunrLoaded();
  const matcher = makeMatcher(makeReader(lunr), JSON.parse(notice.dataset.finderConcepts));
  const update = () => {
    notice.hidden = matcher.concerns(input.value).length === 0;
  };
  input.addEventListener("input", update);
  // The finder also fills the box from a shared link and on Back and Forward, and says so
  // each time it has drawn the results, even when none are found.
  finder.addEventListener(CHANGED, (event) => {
    if (event.detail.by === "finder") update();
  });
  update();
}
