/* The finder's answer to a query: every strategy the words match, best first, those that
 * pass the need, age and tier filters chosen, and how many each filter option would give;
 * when nothing matches, the closest needs. A strategy scores its own match plus the best
 * match of the needs it serves, so "kicking off" finds every strategy for behaviour that
 * challenges without those words being in the councils' text. General practices serve
 * every need and so get no need score: only their own words can match. No page and no
 * network: on a large site the caller fetches what fetchFor asks for before searching. */
import { MOST_WORDS, clip } from "../words.js";
import { sensesOf, typedTerms } from "./query.js";
import { ownScores, scores } from "./score.js";

// A need's score, added to each of its strategies' own. What people type mostly describes
// the child, so naming the need counts for more than a word the strategy happens to use.
const NEED_WEIGHT = 2;
// A strategy whose own words hold two typed words side by side, as typed, counts this much
// more for each such pair than one holding them apart.
const PHRASE_BOOST = 0.5;
// A strategy whose own words hold every typed word is the most exact answer there is: it
// counts this many times its own score, and so comes before those the need alone found.
export const ALL_WORDS_BOOST = 2;
// The other words of an everyday-words entry a typed word belongs to ("grief": bereavement,
// funeral...) rank a matched need's strategies by their own words: the strategy holding
// them best counts this much more. They find nothing new.
const ENTRY_BOOST = 0.2;
const CLOSEST_NEEDS = 3; // needs offered when nothing matches
// The filter groups, as the page and the address name them.
export const GROUPS = ["need", "age", "tier"];

function passes(strategy, group, chosen) {
  if (chosen.size === 0) return true;
  if (group === "need") return strategy.needs.some((need) => chosen.has(need));
  if (group === "age") return strategy.ages.some((age) => chosen.has(age));
  return chosen.has(strategy.tier);
}

function optionsOf(strategy, group) {
  if (group === "need") return strategy.needs;
  if (group === "age") return strategy.ages;
  return [strategy.tier];
}

/* The matches ({strategy, score}, best first) that pass the filters chosen in `selection`
 * ({need: [ids], age: [ids], tier: [ids]}; an id the data does not know is left out), and
 * how many each filter option would give, as {results, counts: {group: Map(option ->
 * count)}, matched: how many matched the words}. */
export function filtered(data, matched, selection = {}) {
  const chosen = {};
  for (const group of GROUPS) {
    chosen[group] = new Set((selection[group] || [])
      .map((id) => data.optionIndex[group].get(id))
      .filter((i) => i !== undefined));
  }
  const counts = {};
  for (const group of GROUPS) counts[group] = new Map();
  const results = [];
  for (const match of matched) {
    const pass = GROUPS.map((group) => passes(match.strategy, group, chosen[group]));
    GROUPS.forEach((group, g) => {
      if (pass.every((ok, other) => ok || other === g)) {
        for (const option of optionsOf(match.strategy, group)) {
          counts[group].set(option, (counts[group].get(option) || 0) + 1);
        }
      }
    });
    if (pass.every(Boolean)) results.push(match);
  }
  // A general practice applies to every need, so it stays, but below the strategies
  // written for the chosen need.
  if (chosen.need.size > 0) {
    results.sort((a, b) => a.strategy.general - b.strategy.general);
  }
  return { results, counts, matched: matched.length };
}

/* Each word as its letter triples, for words that match nothing. */
const triples = (word) => {
  const padded = `  ${word} `;
  const found = new Set();
  for (let i = 0; i + 3 <= padded.length; i++) found.add(padded.slice(i, i + 3));
  return found;
};

/* The searches of one site's data (data.js). */
export function makeSearch(lunr, data) {
  const { reader } = data;

  /* What the words of a query are looked for as: the typed terms, those looked for in the
   * strategies' own words, the needs' scores, and the everyday words near the needs found. */
  let lookedFor = { text: null }; // the last text's, as a search asks for it twice
  function lookFor(text) {
    if (lookedFor.text === text) return lookedFor;
    const typed = typedTerms(data, reader.queryWords(text), sensesOf(data, text));
    // A word in another sense finds nothing in the strategies' words.
    const inStrategies = typed.filter((term) => term.sense !== "other");
    const needMatch = scores(lunr, data.needIndex, typed);
    lookedFor = { text, typed, inStrategies, needMatch, near: entryTerms(needMatch.hits) };
    return lookedFor;
  }

  /* The other words of the everyday-words entries that the terms a query found in the
   * needs' words belong to, as exact terms: "grief" brings "bereavement", which a
   * strategy's own words may hold. */
  function entryTerms(hits) {
    const near = new Set();
    for (const entry of data.entries) {
      if (![...hits].some((term) => entry.stems.has(term))) continue;
      for (const stem of entry.stems) if (!hits.has(stem)) near.add(stem);
    }
    return [...near].filter((stem) => data.strategyTerms.has(stem))
      .map((stem) => ({ word: stem, stem, known: true, partial: false }));
  }

  /* In pieces: null when every piece the words need is here, else a promise that it is. */
  function fetchFor(text) {
    if (!data.pieces) return null;
    const { typed, inStrategies, near } = lookFor(text);
    if (typed.length === 0) return null;
    return data.pieces.need([...inStrategies, ...near],
                            typed.slice(0, -1).map(({ stem }) => stem));
  }

  const strategyScores = (typed, options) =>
    ownScores(lunr, data.strategyIndex, data.strategyWeights, typed, options);

  /* How many of the typed pairs of words a strategy's title or text holds side by side. */
  const pairsOf = new Map();
  function sideBySide(strategy, pairs) {
    if (data.pieces && !data.pieces.everyShown) {
      return pairs.filter((pair) => data.pieces.sideBySide(strategy.position, ...pair.split(" ")))
        .length;
    }
    let own = pairsOf.get(strategy.position);
    if (!own) {
      own = new Set();
      for (const text of [strategy.title, strategy.text]) {
        const stems = reader.terms(text);
        stems.slice(1).forEach((stem, i) => own.add(`${stems[i]} ${stem}`));
      }
      pairsOf.set(strategy.position, own);
    }
    return pairs.filter((pair) => own.has(pair)).length;
  }

  /* Every strategy the words match, best first, as {strategy, score}; all of them, in
   * browsing order, when nothing is typed, and none when what is typed has no word to
   * search for (only stop words, emoji, punctuation, or a script the index does not hold). */
  function matches(text) {
    const { typed, inStrategies, needMatch, near } = lookFor(text);
    if (typed.length === 0 && text.trim()) return [];
    if (typed.length === 0) return data.browseOrder.map((strategy) => ({ strategy, score: 0 }));
    // A word that may be in another sense does not make a strategy hold every word typed.
    const sure = typed.every((term) => !term.sense);
    const own = strategyScores(inStrategies, { allWordsBoost: sure ? ALL_WORDS_BOOST : 1 });
    const needScores = needMatch.scores;
    const nearby = strategyScores(near);
    const nearest = Math.max(0, ...nearby.values());
    const pairs = typed.slice(1).map((term, i) => `${typed[i].stem} ${term.stem}`);
    const found = [];
    for (const strategy of data.strategies) {
      let score = own.get(strategy.position) || 0;
      if (score > 0 && pairs.length) score *= 1 + PHRASE_BOOST * sideBySide(strategy, pairs);
      if (!strategy.general) {
        let best = 0;
        for (const need of strategy.needs) best = Math.max(best, needScores.get(need) || 0);
        score += NEED_WEIGHT * best;
      }
      if (score > 0 && nearest > 0) {
        score *= 1 + ENTRY_BOOST * ((nearby.get(strategy.position) || 0) / nearest);
      }
      if (score > 0) found.push({ strategy, score });
    }
    return found.sort((a, b) => (b.score - a.score) || (a.strategy.position - b.strategy.position));
  }

  /* When nothing matches: the needs whose everyday words and title come closest to the
   * typed words, by the letter triples they share, closest first. */
  let needTriples = null; // each need's words as letter triples, made when first needed
  function closestNeeds(text) {
    const typed = reader.cut(clip(text)).filter(reader.searched).slice(0, MOST_WORDS)
      .map(triples);
    if (typed.length === 0) return [];
    needTriples ||= data.needWords.map((needWords) => [...needWords].map(triples));
    const closeness = (a, b) => {
      let shared = 0;
      for (const triple of a) if (b.has(triple)) shared++;
      return (2 * shared) / (a.size + b.size);
    };
    return needTriples.map((theirs, need) => {
      const score = typed.reduce((sum, mine) =>
        sum + Math.max(0, ...theirs.map((other) => closeness(mine, other))), 0);
      return { need, score };
    }).filter(({ score }) => score > 0)
      .sort((a, b) => (b.score - a.score) || (a.need - b.need))
      .slice(0, CLOSEST_NEEDS)
      .map(({ need }) => data.needs[need]);
  }

  return {
    /* The words of `text` that are searched for (words.js): no stop word, filler or
     * over-long word, a whole phrase of filler as one. */
    words: (text) => reader.queryWords(text),
    lookFor,
    fetchFor,
    matches,
    /* The results for a query and filters, with each filter option's count (filtered). */
    search: (text, selection = {}) => filtered(data, matches(text), selection),
    /* The results for a query and filters as plain records, once every piece they need is
     * here (in pieces, fetched first): what the tests and the benchmark read. */
    async ranked(text, selection = {}) {
      await fetchFor(text);
      const { results } = filtered(data, matches(text), selection);
      await (data.pieces && data.pieces.show(results.map(({ strategy }) => strategy)));
      return results.map(({ strategy, score }) => ({
        id: strategy.id,
        score,
        forEveryNeed: strategy.general,
        needs: strategy.needs.map((i) => data.needs[i].id),
      }));
    },
    closestNeeds,
  };
}
