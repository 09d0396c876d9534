/* Whether a search says that a child may be at risk of harm: the concepts of
 * content/safeguarding.yaml (which explains them for the people who review it), read
 * through the finder's own words.js. No page and no network here, so Node's test runner
 * runs the same matcher as the finder's page (tests/js/safeguarding.test.js). */
import { clip, oneSlip } from "./words.js";

// Words this long or longer also match with one typing slip ("suicidel", "negelcted"), as
// written or as stems; shorter ones are one slip from too many other words.
export const SLIP_FROM = 6;

/* The matcher for one list: `reader` is words.js's reader, `list` what the finder's page
 * carries (SafeguardingList.matcher_data in generator/model.py). */
export function makeMatcher(reader, { pairGap, concepts }) {
  // Every word of an entry or a search, stop words included ("not to tell" is three words),
  // as written and as its stem.
  const read = (text) => reader.cut(text).map((word) => ({ word, stem: reader.stem(word) }));
  const compiled = concepts.map((concept) => ({
    id: concept.id,
    words: concept.words.map(read),
    pairs: concept.pairs.map((pair) => ({ words: pair.words.map(read), near: pair.near.map(read) })),
    ordinary: concept.ordinary.map(read),
  }));

  /* Where each of `entries` stands in `typed`, as [start, end), leaving out the words an
   * ordinary use has taken. `same` compares a typed word with an entry's. */
  function spans(typed, taken, entries, same) {
    const found = [];
    for (const entry of entries) {
      for (let start = 0; start + entry.length <= typed.length; start++) {
        let k = 0;
        while (k < entry.length && !taken[start + k] && same(typed[start + k], entry[k])) k++;
        if (k === entry.length) found.push([start, start + entry.length]);
      }
    }
    return found;
  }

  /* Whether two spans are apart by at most pairGap words, in either order. */
  const near = ([a0, a1], [b0, b1]) => (a1 <= b0 && b0 - a1 <= pairGap) ||
    (b1 <= a0 && a0 - b1 <= pairGap);

  function says(concept, typed, same) {
    const taken = new Array(typed.length).fill(false);
    const exact = (one, entry) => one.stem === entry.stem;
    for (const [start, end] of spans(typed, taken, concept.ordinary, exact)) {
      for (let i = start; i < end; i++) taken[i] = true;
    }
    if (spans(typed, taken, concept.words, same).length) return true;
    return concept.pairs.some((pair) => {
      const these = spans(typed, taken, pair.words, same);
      if (!these.length) return false;
      const those = spans(typed, taken, pair.near, same);
      return these.some((one) => those.some((other) => near(one, other)));
    });
  }

  return {
    /* The ids of the concepts a search says, in the list's order; none for most searches. */
    concerns(text) {
      const typed = read(clip(text));
      if (!typed.length) return [];
      const slips = new Map();
      const slip = (a, b) => {
        if (a.length < SLIP_FROM || b.length < SLIP_FROM) return false;
        const key = `${a} ${b}`;
        if (!slips.has(key)) slips.set(key, oneSlip(a, b));
        return slips.get(key);
      };
      const same = (one, entry) => one.stem === entry.stem || slip(one.stem, entry.stem) ||
        slip(one.word, entry.word);
      return compiled.filter((concept) => says(concept, typed, same)).map(({ id }) => id);
    },
  };
}
