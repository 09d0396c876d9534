/* The finder's safeguarding notice: shown above the results while the search says that a
 * child may be at risk of harm (safeguarding-match.js, reading the concepts of
 * content/safeguarding.yaml that the page carries), hidden again when it no longer does. It
 * only shows or hides the notice; the results are finder.js's and stay as they are. */
import { makeMatcher } from "./safeguarding-match.js";
import { makeReader } from "./words.js";

const notice = document.querySelector('[data-finder-notice="safeguarding"]');
const input = document.getElementById("semh-finder-q");

/* lunr.js, which words.js stems with: fetched from the head of the page, and perhaps not
 * here yet. If it never comes, the finder shows its list of needs and no search is typed. */
function lunrLoaded() {
  if (window.lunr) return Promise.resolve(window.lunr);
  const script = document.querySelector("script[data-finder-lunr]");
  if (!script) return Promise.reject(new Error("safeguarding notice: no lunr.js on the page"));
  return new Promise((resolve) => script.addEventListener("load", () => resolve(window.lunr),
                                                          { once: true }));
}

if (notice && input && notice.closest("[data-finder]")) {
  lunrLoaded().then((lunr) => {
    const matcher = makeMatcher(makeReader(lunr), JSON.parse(notice.dataset.finderConcepts));
    const update = () => {
      notice.hidden = matcher.concerns(input.value).length === 0;
    };
    input.addEventListener("input", update);
    // finder.js also fills the box from a shared link and on Back and Forward, and says so
    // each time it has drawn the results, even when none are found.
    notice.closest("[data-finder]").addEventListener("finder:results", update);
    update();
  });
}
