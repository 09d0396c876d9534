/* The finder's data file (generator/index.py), decoded into what a search reads: the
 * strategies as records, the two indexes, the everyday-words entries and the words in
 * another sense. On a large site the strategy index and the strategies' display fields
 * come in pieces (pieces.js), which the caller hands in. No page and no network: lunr.js
 * is handed in too. */
import { makeReader } from "../words.js";
import { unpack, weigh } from "./score.js";

/* Lets the browser get on with the page (parsing, drawing, a key pressed) between the
 * steps of making the index, so that no step holds it for long: on a slow phone the whole
 * would be one task of several hundred milliseconds. */
const breathe = () => (globalThis.scheduler?.yield ? globalThis.scheduler.yield()
  : new Promise((resolve) => setTimeout(resolve)));

/* The strategies of the data file as records; in pieces, a strategy's id, title, text and
 * council arrive when it is first shown. */
function strategiesOf(raw) {
  const s = raw.strategies;
  const general = new Set(s.forEveryNeed);
  const allNeeds = raw.needs.map((_, i) => i);
  const allAges = raw.ages.map((_, a) => a);
  const noRelated = Object.freeze([]);
  return s.needs.map((_, i) => {
    const own = general.has(i) ? allNeeds : s.needs[i];
    const related = s.related[i] || noRelated;
    return {
      position: i,
      ...(raw.pieces ? {} : {
        id: s.id[i],
        title: s.title[i],
        text: s.text[i],
        url: raw.strategyUrl.replace("{id}", s.id[i]),
        council: raw.councils[s.council[i]],
      }),
      general: general.has(i),
      ownNeeds: own,
      relatedNeeds: related,
      // The needs a strategy is shown for: its own, and those that list it as related.
      needs: general.has(i) || !related.length ? own : [...new Set([...own, ...related])],
      // No ages given means any age: the strategy passes every age filter.
      anyAge: s.ages[i].length === 0,
      ages: s.ages[i].length ? s.ages[i] : allAges,
      tier: s.tier[i],
    };
  });
}

/* Everything a search needs from the data file `raw`. `piecesOf(raw, terms, strategies)`,
 * given on a large site, makes its strategy index (pieces.js). The needs', ages' and
 * tiers' names are not in the file: nameOptions() puts them in. */
export async function prepare(lunr, raw, { piecesOf = null } = {}) {
  const reader = makeReader(lunr, { fillerWords: raw.fillerWords,
                                    fillerPhrases: raw.fillerPhrases,
                                    wholePhrases: raw.wholePhrases });
  const strategies = strategiesOf(raw);
  const needs = raw.needs.map((id) => ({ id, title: null, url: raw.needUrl.replace("{id}", id) }));
  // With no words typed, strategies come grouped by need, as on the need pages. Sorted
  // when first asked for: a shared link with words never needs it.
  let browseOrder = null;
  const browse = () => {
    if (browseOrder) return browseOrder;
    const first = strategies.map(({ ownNeeds }) => Math.min(...ownNeeds));
    browseOrder = strategies.slice().sort((a, b) => (a.general - b.general)
      || (first[a.position] - first[b.position]) || (a.position - b.position));
    return browseOrder;
  };
  await breathe();
  const terms = raw.terms.split(" ");
  const pieces = raw.pieces ? piecesOf(raw, terms, strategies) : null;
  const weighed = pieces || weigh(lunr, raw.strategyIndex, terms);
  const strategyIndex = weighed.index;
  await breathe();
  const needIndex = lunr.Index.load(unpack(lunr, raw.needIndex, terms));
  await breathe();
  // Compared as typed, not stemmed: stemming every word of a pasted page takes long.
  const otherSenses = new Map(Object.entries(raw.otherSenses).map(([word, next]) =>
    [word, { stem: reader.stem(word), next: new Set(next) }]));
  // The searched words of each everyday-words entry, as stems. Many entries share words,
  // and stemming is most of the work, so each word is stemmed once.
  const stems = new Map();
  const stemOnce = (word) => {
    if (!stems.has(word)) stems.set(word, reader.stem(word));
    return stems.get(word);
  };
  const entries = raw.synonyms.map(([needsOf, phrases]) => ({
    needs: needsOf,
    stems: new Set(phrases.flatMap((phrase) => reader.cut(phrase)).map(stemOnce)),
  }));
  // Each need's words, for words that match nothing: made when first asked for, by which
  // time the needs have their names.
  let needWords = null;
  const wordsOfNeeds = () => {
    if (needWords) return needWords;
    needWords = raw.needs.map(() => new Set());
    raw.synonyms.forEach(([needsOf, phrases]) => {
      for (const need of needsOf) for (const phrase of phrases) for (const word of reader.cut(phrase)) {
        needWords[need].add(word);
      }
    });
    needs.forEach(({ title }, i) => {
      for (const word of reader.cut(title)) needWords[i].add(word);
    });
    return needWords;
  };
  return {
    reader,
    strategies,
    get browseOrder() { return browse(); },
    otherSenses,
    entries,
    get needWords() { return wordsOfNeeds(); },
    needsUrl: raw.needsUrl,
    needs,
    ages: raw.ages.map((id) => ({ id, label: null })),
    tiers: raw.tiers.map((id) => ({ id, label: null })),
    strategyIndex,
    strategyWeights: weighed.weights,
    needIndex,
    pieces,
    // Every term of each index; in pieces, the strategy index holds only those fetched.
    strategyTerms: new Set(pieces ? terms.slice(0, raw.strategyIndex.termCount)
      : Object.keys(strategyIndex.invertedIndex)),
    needTerms: new Set(Object.keys(needIndex.invertedIndex)),
    optionIndex: {
      need: new Map(raw.needs.map((id, i) => [id, i])),
      age: new Map(raw.ages.map((id, i) => [id, i])),
      tier: new Map(raw.tiers.map((id, i) => [id, i])),
    },
  };
}

/* The needs', ages' and tiers' names, as `labelOf(group, id)` gives them: on the page,
 * as its filters show them (the data file does not repeat them). */
export function nameOptions(data, labelOf) {
  for (const need of data.needs) need.title = labelOf("need", need.id);
  for (const age of data.ages) age.label = labelOf("age", age.id);
  for (const tier of data.tiers) tier.label = labelOf("tier", tier.id);
}
