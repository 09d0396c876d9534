/* What a query looks for: each typed word as a stem, whether the site knows it, the sense it
 * may be in, and the lunr clauses that find it (exactly, as the start of a longer word, or
 * with one typing slip). Queries are built with lunr's query builder, never lunr's query
 * language, so nothing a person types can be a syntax error. No page and no network. */
import { clip, oneSlip } from "../words.js";

// How a typed word is matched: its stem exactly, as the start of a longer word (people
// are still typing), and with one typing slip. Exact matches count most.
const EXACT_BOOST = 10;
const PREFIX_BOOST = 2;
const FUZZY_BOOST = 1;
const PREFIX_FROM = 3; // letters typed before a word counts as the start of longer ones
const FUZZY_FROM = 5; // shorter words are one slip away from too many others
// What one query may cost: a pasted page or a shared link of ten thousand letters froze
// the tab. words.js reads at most MOST_LETTERS letters, MOST_WORDS words, and no word
// longer than LONGEST_WORD letters.
const FUZZY_UP_TO = 20; // letters; the slips of longer words cost the most to look for

/* Each typed word as a stem, and whether the site knows it: a word the site uses is taken
 * as meant, and only an unknown one is looked for with a typing slip ("bullying" must not
 * become "belly"). `data` is the finder's (data.js); `senses` is sensesOf's. */
export function typedTerms(data, typed, senses = new Map()) {
  return typed.map((word, i) => {
    const stem = data.reader.stem(word);
    const known = data.strategyTerms.has(stem) || data.needTerms.has(stem);
    // The last word may be half typed, and so may a word the site does not know.
    return { word, stem, known, partial: i === typed.length - 1 || !known,
             sense: senses.get(stem) };
  });
}

/* Each typed stem that the councils use in another sense (see OTHER_SENSES in
 * generator/index.py), as "other" when the next word typed, stop words included, is not
 * the one the councils use with it, and "unsure" when nothing follows yet. */
export function sensesOf(data, text) {
  const all = data.reader.cut(clip(text));
  const found = new Map();
  all.forEach((word, i) => {
    const theirs = data.otherSenses.get(word);
    if (!theirs || theirs.next.has(all[i + 1])) return;
    found.set(theirs.stem, i + 1 < all.length ? "other" : "unsure");
  });
  return found;
}

/* The clauses of a lunr.Query that look for the typed terms. */
export function buildQuery(lunr, query, typed) {
  typed.forEach(({ word, stem, known, partial }) => {
    query.term(stem, { usePipeline: false, boost: EXACT_BOOST });
    // lunr does not stem wildcard terms: the start of a word is matched as typed.
    if (partial && word.length >= PREFIX_FROM) {
      query.term(word, { usePipeline: false, boost: PREFIX_BOOST,
                         wildcard: lunr.Query.wildcard.TRAILING });
    }
    if (!known && stem.length >= FUZZY_FROM && stem.length <= FUZZY_UP_TO) {
      query.term(stem, { usePipeline: false, boost: FUZZY_BOOST, editDistance: 1 });
    }
  });
}

/* Whether a term of the index is what buildQuery looked for with a typed term. */
export function finds(term, { word, stem, known, partial }) {
  if (term === stem || (partial && term.startsWith(word))) return true;
  return !known && oneSlip(term, stem);
}

/* The index terms lunr expands the typed terms' clauses to, each with its clause's boost,
 * as [term, boost], clause by clause. */
export function expand(lunr, index, typed) {
  const query = new lunr.Query(index.fields);
  buildQuery(lunr, query, typed);
  const found = [];
  for (const clause of query.clauses) {
    for (const term of index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()) {
      found.push([term, clause.boost]);
    }
  }
  return found;
}
