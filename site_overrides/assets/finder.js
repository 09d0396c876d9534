/* The strategy finder: a teacher's own words in, the councils' strategies for that need out.
 *
 * finder-data.json (written by generator/index.py) holds two lunr indexes built by lunr.py,
 * sent as the term occurrences they were made from, and the strategies' display fields; on a
 * large site it holds what every query needs, and the strategy index's postings and the
 * display fields come in pieces, fetched as a query needs them (generator/shards.py). The
 * strategy index holds each strategy's title and text; the need index holds each need's
 * title, council heading, summary, indicators and everyday words. A strategy scores its own
 * match plus the best match of the needs it serves, so "kicking off" finds every strategy for
 * behaviour that challenges without those words being in the councils' text. General
 * practices serve every need and so get no need score: only their own words can match.
 *
 * Queries are built with lunr's query builder, never lunr's query language, so nothing a
 * person types can be a syntax error. The state lives in the URL:
 * ?q=words&need=ID&age=ID&tier=ID, a key repeated for several values. A query is read the
 * way the index was made, by words.js.
 */
import { MOST_WORDS, clip, makeReader } from "./words.js";

(() => {
  "use strict";

  // Marks for bench/: this script starting, its data arriving, its index loaded, and ready.
  performance.mark("finder-start");

  // Without the finder, the page stays the list of needs.
  const giveUp = () => document.documentElement.classList.remove("semh-finder-js");
  // This script, lunr.js and the data are fetched from the top of the page and run as soon
  // as they are here (site_overrides/partials/finder-head.html), so a shared link's index is
  // ready while the rest of the page arrives; the finder's part of the page is waited for
  // only to show the results. If lunr.js cannot load, the page's error listener shows the
  // list.
  // A module script has no document.currentScript.
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
  const dataArrived = fetch(dataUrl).then((response) => {
    if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
    return response.json();
  });

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
  // A need's score, added to each of its strategies' own. What people type mostly describes
  // the child, so naming the need counts for more than a word the strategy happens to use.
  const NEED_WEIGHT = 2;
  // A strategy whose own words hold two typed words side by side, as typed, counts this much
  // more for each such pair than one holding them apart.
  const PHRASE_BOOST = 0.5;
  // A strategy whose own words hold every typed word is the most exact answer there is: it
  // counts this many times its own score, and so comes before those the need alone found.
  const ALL_WORDS_BOOST = 2;
  // The other words of an everyday-words entry a typed word belongs to ("grief": bereavement,
  // funeral...) rank a matched need's strategies by their own words: the strategy holding
  // them best counts this much more. They find nothing new.
  const ENTRY_BOOST = 0.2;
  const CLOSEST_NEEDS = 3; // needs offered when nothing matches
  const PAGE_SIZE = 20; // results shown at first, and added by "Show more"
  // Pieces put in place between two looks at the keyboard while the index warms up: each
  // takes well under a millisecond, so a letter typed meanwhile waits a few at most.
  const WARM_BATCH = 8;
  const ANY_AGE = "Any age (the council gives none)"; // as the pages say it (render.py)
  const GROUPS = ["need", "age", "tier"];
  // Milliseconds of no typing before the address shows the words: writing it at every letter
  // costs a slow laptop more than the search itself.
  const ADDRESS_PAUSE = 400;
  // How this site's words are read (words.js), once its data has arrived.
  let reader = null;
  const stemOf = (word) => reader.stem(word);

  // The finder's part of the page, once it has been parsed (see attach).
  let root, form, input, filters, chosenCount, list, count, more, clear, noMatch, siteRoot;

  function attach(finder) {
    root = finder;
    form = root.querySelector("[data-finder-form]");
    input = form.elements.q;
    filters = root.querySelector("[data-finder-filters]");
    chosenCount = filters.querySelector("[data-finder-chosen]");
    list = root.querySelector("[data-finder-results]");
    count = root.querySelector("[data-finder-count]");
    more = root.querySelector("[data-finder-more]");
    clear = root.querySelector("[data-finder-clear]");
    // Shown instead of an empty list when the words match nothing at all.
    noMatch = document.createElement("div");
    noMatch.className = "semh-finder__nomatch";
    noMatch.dataset.finderNomatch = "";
    noMatch.hidden = true;
    list.after(noMatch);
    siteRoot = root.dataset.siteRoot || "";
  }

  let data = null;
  let shown = PAGE_SIZE;
  let typing = false;
  let announceTimer = 0;
  let addressTimer = 0;
  let laterAddress = null; // the address typing has yet to write, if any

  // --- the index ------------------------------------------------------------------------

  /* lunr.py's BM25 weight of a term in a field, worked out the way lunr.py works it out and
   * rounded the way it rounds (toFixed rounds the exact value, as Python's round does). */
  function weightOf(idf, tf, length, average, boost, k1, b) {
    // The same sum, in the same order, as lunr.py's Builder._create_field_vectors.
    let score = idf * ((k1 + 1) * tf) / (k1 * (1 - b + b * (length / average)) + tf);
    score *= boost;
    return Number(score.toFixed(3));
  }

  /* lunr's token set of an index's terms, built as lunr.Index.load builds it. */
  function tokenSetOf(sortedTerms) {
    const builder = new lunr.TokenSet.Builder();
    for (const term of sortedTerms) builder.insert(term);
    builder.finish();
    return builder.root;
  }

  const byCodeUnits = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

  /* A term's weight in one field of one document, put with the others of that term. */
  function addWeight(weights, term, field, ref, weight) {
    if (!weights.has(term)) weights.set(term, []);
    const perField = weights.get(term);
    perField[field] ||= { refs: [], values: [] };
    perField[field].refs.push(ref);
    perField[field].values.push(weight);
  }

  /* An index's terms and weights straight from what it was made of (see pack() in
   * generator/index.py), without lunr's field vectors, which the finder does not read: the
   * searchable index (its token set, and each term's number) and the weights, as
   * weights.get(term number) -> for each field (by its place in fields), the documents
   * holding the term and its weight in each, as {refs, values}. The documents holding each
   * term are counted and placed in two passes over flat arrays; a term's weights are worked
   * out when a query first asks for them, so a shared link does a few hundred, not every
   * one. lunr.Index.load(unpack(...)) gives the same weights, as field vectors. */
  function weigh(packed, terms) {
    const { k1, b, fields, occurrences } = packed;
    const names = Object.keys(fields);
    const documentCount = occurrences[names[0]].length;
    const termCount = terms.length;
    // holding[f * termCount + term]: the documents whose field f holds the term.
    const holding = new Int32Array(names.length * termCount);
    const fieldsHolding = new Int32Array(termCount); // lunr's "documents with term"
    const lengths = names.map((name) => new Int32Array(documentCount));
    names.forEach((name, f) => {
      occurrences[name].forEach((gaps, ref) => {
        let term = 0;
        for (let i = 0; i < gaps.length; i++) {
          term += gaps[i];
          // Ascending, so a term occurring again is a gap of 0: count each term once.
          if (i === 0 || gaps[i] !== 0) {
            holding[f * termCount + term]++;
            fieldsHolding[term]++;
          }
        }
        lengths[f][ref] = gaps.length;
      });
    });
    // Each (field, term)'s documents sit together from start[f * termCount + term].
    const start = new Int32Array(holding.length + 1);
    for (let i = 0; i < holding.length; i++) start[i + 1] = start[i] + holding[i];
    const refs = new Int32Array(start[holding.length]);
    const times = new Int32Array(start[holding.length]);
    const next = start.slice(0, holding.length);
    names.forEach((name, f) => {
      occurrences[name].forEach((gaps, ref) => {
        let term = 0;
        for (let i = 0; i < gaps.length; i++) {
          term += gaps[i];
          const slot = f * termCount + term;
          if (i === 0 || gaps[i] !== 0) {
            refs[next[slot]] = ref;
            times[next[slot]++] = 1;
          } else {
            times[next[slot] - 1]++;
          }
        }
      });
    });
    const average = lengths.map((perDocument) =>
      perDocument.reduce((sum, length) => sum + length, 0) / documentCount);
    const cache = new Map();
    const weights = {
      get(term) {
        if (!fieldsHolding[term]) return undefined;
        if (cache.has(term)) return cache.get(term);
        // lunr.idf's sum, over the fields holding the term, in lunr's order of operations.
        const held = fieldsHolding[term];
        const idf = Math.log(1 + Math.abs((documentCount - held + 0.5) / (held + 0.5)));
        const perField = names.map((name, f) => {
          const from = start[f * termCount + term];
          const to = start[f * termCount + term + 1];
          if (from === to) return undefined;
          const values = new Float64Array(to - from);
          for (let i = from; i < to; i++) {
            values[i - from] = weightOf(idf, times[i], lengths[f][refs[i]], average[f],
                                        fields[name], k1, b);
          }
          return { refs: refs.subarray(from, to), values };
        });
        cache.set(term, perField);
        return perField;
      },
    };
    const invertedIndex = Object.create(null);
    for (let term = 0; term < termCount; term++) {
      if (fieldsHolding[term]) invertedIndex[terms[term]] = { _index: term };
    }
    const index = new lunr.Index({
      invertedIndex,
      fieldVectors: {},
      tokenSet: tokenSetOf(Object.keys(invertedIndex).sort(byCodeUnits)),
      fields: names,
      pipeline: lunr.Pipeline.load(packed.pipeline),
    });
    return { index, weights };
  }

  /* lunr.py's index, rebuilt from what it was made of (see pack() in generator/index.py):
   * for each field of each document, the numbers of its terms, ascending, as gaps. */
  function unpack(packed, terms) {
    const { k1, b, fields, occurrences } = packed;
    const names = Object.keys(fields);
    const documentCount = occurrences[names[0]].length;
    const postings = new Map(); // term number -> lunr posting: {field: {ref: metadata}}
    // No metadata is kept, and lunr only reads it, so every occurrence shares one.
    const noMetadata = Object.freeze({});
    const counted = []; // [field, ref, Map(term number -> times it occurs), field length]
    for (const field of names) {
      occurrences[field].forEach((gaps, ref) => {
        const times = new Map();
        let term = 0;
        for (const gap of gaps) {
          term += gap;
          times.set(term, (times.get(term) || 0) + 1);
          if (!postings.has(term)) {
            const posting = {};
            for (const name of names) posting[name] = {};
            postings.set(term, posting);
          }
          postings.get(term)[field][ref] = noMetadata;
        }
        counted.push([field, ref, times, gaps.length]);
      });
    }
    const average = {};
    for (const field of names) {
      const lengths = occurrences[field].reduce((sum, gaps) => sum + gaps.length, 0);
      average[field] = lengths / documentCount;
    }
    const idf = new Map();
    for (const [term, posting] of postings) idf.set(term, lunr.idf(posting, documentCount));
    const fieldVectors = counted.map(([field, ref, times, length]) => {
      const elements = [];
      for (const [term, tf] of times) {
        elements.push(term, weightOf(idf.get(term), tf, length, average[field], fields[field],
                                     k1, b));
      }
      return [`${field}/${ref}`, elements];
    });
    // lunr.Index.load wants the inverted index in alphabetical order.
    const invertedIndex = [...postings.keys()]
      .map((term) => [terms[term], term])
      .sort(([a], [b]) => byCodeUnits(a, b))
      .map(([text, term]) => {
        const posting = postings.get(term);
        posting._index = term;
        return [text, posting];
      });
    return { version: packed.version, fields: names, fieldVectors, invertedIndex,
             pipeline: packed.pipeline };
  }

  /* A large site's strategy index and display fields, in pieces (see generator/shards.py).
   * The strategy index is a lunr.Index whose token set holds every term, so lunr expands a
   * query exactly as with the whole index, and whose postings hold the terms fetched so far,
   * with their weights beside them (see weigh). A document's score needs the weights of
   * the query's own terms alone (see ownScores), so before a query is scored, every term it
   * expands to is fetched. */
  function piecesOf(raw, terms, strategies) {
    const { folder, displayChunk } = raw.pieces;
    const base = new URL(`${folder}/`, dataUrl);
    const packed = raw.strategyIndex;
    const { k1, b, fields, documentCount, lengths } = packed;
    const names = Object.keys(fields);
    const average = {};
    for (const field of names) {
      average[field] = lengths[field].reduce((sum, length) => sum + length, 0) / documentCount;
    }
    const ownTerms = terms.slice(0, packed.termCount);
    const index = new lunr.Index({
      invertedIndex: Object.create(null),
      fieldVectors: {},
      tokenSet: tokenSetOf(ownTerms.slice().sort(byCodeUnits)),
      fields: names,
      pipeline: lunr.Pipeline.load(packed.pipeline),
    });
    const noMetadata = Object.freeze({});
    const weights = new Map(); // as weigh() gives them, for the terms fetched so far
    const follows = new Map(); // word -> word after it -> strategies holding the two so
    const fetched = new Map(); // piece name -> its promise, once asked for
    const arrived = new Set(); // piece names put in place
    let warming = null; // the promise of the typing files, once asked for
    let everyShown = false; // every strategy's display fields are here

    function addPostings(piece) {
      for (const [number, perField] of piece) {
        const posting = {};
        const found = [];
        names.forEach((field, f) => {
          posting[field] = {};
          const flat = perField[f];
          let ref = 0;
          for (let i = 0; i < flat.length; i += 2) {
            ref += flat[i];
            posting[field][ref] = noMetadata;
            found.push([field, ref, flat[i + 1]]);
          }
        });
        const idf = lunr.idf(posting, documentCount);
        posting._index = number;
        index.invertedIndex[terms[number]] = posting;
        for (const [field, ref, tf] of found) {
          addWeight(weights, number, names.indexOf(field), ref,
                    weightOf(idf, tf, lengths[field][ref], average[field], fields[field], k1, b));
        }
      }
    }

    function addPairs(piece) {
      for (const [word, after] of piece) {
        const next = new Map();
        for (const [other, gaps] of Object.entries(after)) {
          let ref = 0;
          next.set(other, new Set(gaps.map((gap) => (ref += gap))));
        }
        follows.set(word, next);
      }
    }

    /* The display fields of the strategies from `start` on. */
    function addDisplay(piece, start) {
      piece.id.forEach((id, i) => {
        const strategy = strategies[start + i];
        strategy.id = id;
        strategy.title = piece.title[i];
        strategy.text = piece.text[i];
        strategy.url = raw.strategyUrl.replace("{id}", id);
        strategy.council = raw.councils[piece.council[i]];
      });
    }

    const fetchJson = (name) => fetch(new URL(`${name}.json`, base)).then((response) => {
      if (!response.ok) throw new Error(`${response.url}: ${response.status}`);
      return response.json();
    });

    function get(name, put) {
      if (!fetched.has(name)) {
        fetched.set(name, fetchJson(name)
          .then((piece) => { put(piece); arrived.add(name); })
          .catch((error) => { fetched.delete(name); throw error; }));
      }
      return fetched.get(name);
    }

    /* The piece whose run of words, in alphabetical order, holds `word`. */
    function holder(starts, word) {
      let low = 0;
      let high = starts.length - 1;
      let found = -1;
      while (low <= high) {
        const middle = (low + high) >> 1;
        if (starts[middle] <= word) {
          found = middle;
          low = middle + 1;
        } else {
          high = middle - 1;
        }
      }
      return found;
    }

    /* null when every piece is here, else a promise that they all are. */
    function fetchAll(wanted) {
      const missing = [...wanted].filter(([name]) => !arrived.has(name));
      return missing.length ? Promise.all(missing.map(([name, put]) => get(name, put))) : null;
    }

    return {
      index,
      weights,
      /* The postings of every term lunr will expand `clauses` to, and the words that follow
       * each of `paired` in the strategies. */
      need(clauses, paired) {
        const query = new lunr.Query(names);
        buildQuery(query, clauses);
        const wanted = new Map();
        for (const clause of query.clauses) {
          for (const term of index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()) {
            const piece = holder(raw.pieces.postings, term);
            wanted.set(`postings-${piece}`, addPostings);
          }
        }
        // With every strategy's words here, words side by side are found in them.
        for (const word of everyShown ? [] : paired) {
          const piece = holder(raw.pieces.pairs, word);
          if (piece >= 0) wanted.set(`pairs-${piece}`, addPairs);
        }
        return fetchAll(wanted);
      },
      /* The display fields of these strategies. */
      show(shown) {
        const wanted = new Map();
        for (const { position } of shown) {
          const chunk = Math.floor(position / displayChunk);
          wanted.set(`display-${chunk}`, (piece) => addDisplay(piece, chunk * displayChunk));
        }
        return fetchAll(wanted);
      },
      /* Every postings piece and every strategy's display fields, from one file each (see
       * generator/shards.py). The postings are put in place a few pieces at a time so that
       * letters typed meanwhile are answered between them (fetching, if they must, the
       * pieces not yet in place). A promise that they all are. */
      warm() {
        if (warming) return warming;
        const postings = fetchJson(raw.pieces.typing).then(async (typing) => {
          for (const [i, piece] of typing.postings.entries()) {
            const name = `postings-${i}`;
            if (!fetched.has(name)) {
              addPostings(piece);
              arrived.add(name);
              fetched.set(name, Promise.resolve());
            }
            if (i % WARM_BATCH === WARM_BATCH - 1) {
              await new Promise((resolve) => setTimeout(resolve));
            }
          }
        });
        const shown = fetchJson(raw.pieces.shown).then((every) => {
          addDisplay(every, 0);
          for (let chunk = 0; chunk * displayChunk < strategies.length; chunk++) {
            arrived.add(`display-${chunk}`);
          }
          everyShown = true;
        });
        warming = Promise.all([postings, shown]).catch((error) => {
          warming = null;
          throw error;
        });
        return warming;
      },
      /* Once every strategy's own words are here, words side by side are looked for in
       * them, as with one file, rather than in the pairs pieces. */
      get everyShown() { return everyShown; },
      sideBySide: (position, first, second) =>
        Boolean(follows.get(first)?.get(second)?.has(position)),
    };
  }

  /* A filter option's name, as the page shows it (the data file does not repeat it). */
  function optionLabel(group, id) {
    const label = filters.querySelector(`[data-finder-label-for="${group}:${id}"]`);
    if (!label) throw new Error(`finder: no filter option ${group}:${id} on the page`);
    return label.textContent;
  }

  /* The needs', ages' and tiers' names, as the page's filters give them. */
  function nameOptions() {
    for (const need of data.needs) need.title = optionLabel("need", need.id);
    for (const age of data.ages) age.label = optionLabel("age", age.id);
    for (const tier of data.tiers) tier.label = optionLabel("tier", tier.id);
  }

  /* Lets the browser get on with the page (parsing, drawing, a key pressed) between the
   * steps of making the index, so that no step holds it for long: on a slow phone the whole
   * would be one task of several hundred milliseconds. */
  const breathe = () => (globalThis.scheduler?.yield ? scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve)));

  /* Everything a search needs from the data file; the page itself is not read. */
  async function prepare(raw) {
    reader = makeReader(lunr, { fillerWords: raw.fillerWords, fillerPhrases: raw.fillerPhrases,
                                wholePhrases: raw.wholePhrases });
    const s = raw.strategies;
    const general = new Set(s.forEveryNeed);
    const allNeeds = raw.needs.map((_, i) => i);
    // In pieces, a strategy's id, title, text and council arrive when it is first shown.
    const allAges = raw.ages.map((_, a) => a);
    const noRelated = Object.freeze([]);
    const strategies = s.needs.map((_, i) => {
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
    // In one file, lunr's own index of the strategies is built only for the tests (lunrIndex).
    const weighed = pieces || weigh(raw.strategyIndex, terms);
    const strategyIndex = weighed.index;
    let lunrIndex = null;
    await breathe();
    const needIndex = lunr.Index.load(unpack(raw.needIndex, terms));
    await breathe();
    // Compared as typed, not stemmed: stemming every word of a pasted page takes long.
    const otherSenses = new Map(Object.entries(raw.otherSenses).map(([word, next]) =>
      [word, { stem: stemOf(word), next: new Set(next) }]));
    // The searched words of each everyday-words entry, as stems. Many entries share words,
    // and stemming is most of the work, so each word is stemmed once.
    const stems = new Map();
    const stemOnce = (word) => {
      if (!stems.has(word)) stems.set(word, stemOf(word));
      return stems.get(word);
    };
    const entries = raw.synonyms.map(([needs, phrases]) => ({
      needs,
      stems: new Set(phrases.flatMap((phrase) => cut(phrase)).map(stemOnce)),
    }));
    // Each need's words, for words that match nothing: made when first asked for.
    let needWords = null;
    const wordsOfNeeds = () => {
      if (needWords) return needWords;
      needWords = raw.needs.map(() => new Set());
      raw.synonyms.forEach(([needs, phrases]) => {
        for (const need of needs) for (const phrase of phrases) for (const word of cut(phrase)) {
          needWords[need].add(word);
        }
      });
      raw.needs.forEach((id, i) => {
        for (const word of cut(optionLabel("need", id))) needWords[i].add(word);
      });
      return needWords;
    };
    return {
      strategies,
      get browseOrder() { return browse(); },
      otherSenses,
      entries,
      get needWords() { return wordsOfNeeds(); },
      needsUrl: raw.needsUrl,
      // Named from the page's filters once it is here (nameOptions).
      needs: raw.needs.map((id) => ({ id, title: null, url: raw.needUrl.replace("{id}", id) })),
      ages: raw.ages.map((id) => ({ id, label: null })),
      tiers: raw.tiers.map((id) => ({ id, label: null })),
      strategyIndex,
      strategyWeights: weighed.weights,
      // lunr's own index, field vectors and all, as lunr.py built it (one file only).
      get lunrIndex() {
        lunrIndex ||= pieces ? strategyIndex : lunr.Index.load(unpack(raw.strategyIndex, terms));
        return lunrIndex;
      },
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

  // --- searching ------------------------------------------------------------------------

  /* Text cut into lower-case words, and whether a word is searched for (words.js). */
  const cut = (text) => reader.cut(text);
  const searched = (word) => reader.searched(word);

  /* The words of a query, read exactly as generator/words.py read the councils' words: stop
   * words and filler dropped, a whole phrase of them as one term (words.js). */
  const words = (text) => reader.queryWords(text);

  /* Each typed word as a stem, and whether the site knows it: a word the site uses is taken
   * as meant, and only an unknown one is looked for with a typing slip ("bullying" must not
   * become "belly"). */
  function terms(typed, senses = new Map()) {
    return typed.map((word, i) => {
      const stem = stemOf(word);
      const known = data.strategyTerms.has(stem) || data.needTerms.has(stem);
      // The last word may be half typed, and so may a word the site does not know.
      return { word, stem, known, partial: i === typed.length - 1 || !known,
               sense: senses.get(stem) };
    });
  }

  /* Each typed stem that the councils use in another sense (see OTHER_SENSES in
   * generator/index.py), as "other" when the next word typed, stop words included, is not
   * the one the councils use with it, and "unsure" when nothing follows yet. */
  function senses(text) {
    const all = cut(clip(text));
    const found = new Map();
    all.forEach((word, i) => {
      const theirs = data.otherSenses.get(word);
      if (!theirs || theirs.next.has(all[i + 1])) return;
      found.set(theirs.stem, i + 1 < all.length ? "other" : "unsure");
    });
    return found;
  }

  function buildQuery(query, typed) {
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

  /* Whether a term of the index is what buildQuery looked for with a typed word. */
  function finds(term, { word, stem, known, partial }) {
    if (term === stem || (partial && term.startsWith(word))) return true;
    if (known || Math.abs(term.length - stem.length) > 1) return false;
    // One typing slip, as lunr counts them: a letter changed, added or left out, or two
    // side by side swapped.
    let start = 0;
    while (start < term.length && term[start] === stem[start]) start++;
    const rest = (a, skip) => a.slice(start + skip);
    const swapped = term[start] === stem[start + 1] && term[start + 1] === stem[start] &&
      rest(term, 2) === rest(stem, 2);
    return swapped || rest(term, 1) === rest(stem, 1) || rest(term, 1) === rest(stem, 0) ||
      rest(term, 0) === rest(stem, 1);
  }

  /* Each document's score, and the index terms the query found, as {scores, hits}. A
   * document holding every typed word counts `allWordsBoost` times. */
  function scores(index, typed, { allWordsBoost = 1 } = {}) {
    const found = new Map();
    const hits = new Set();
    if (typed.length === 0) return { scores: found, hits };
    for (const { ref, score, matchData } of index.query((query) => buildQuery(query, typed))) {
      const hit = Object.keys(matchData.metadata);
      for (const term of hit) hits.add(term);
      const holdsAll = typed.every((typedTerm) => hit.some((term) => finds(term, typedTerm)));
      found.set(Number(ref), holdsAll ? score * allWordsBoost : score);
    }
    return { scores: found, hits };
  }

  /* The strategies' scores, as scores(data.strategyIndex, typed, options).scores gives them
   * to the last bit, for much less work: lunr's query makes a Set, a FieldRef and a MatchData
   * for every document each term is in, and walks each matched document's whole field
   * vectors, where only the query's own terms count. As lunr does, a document scores, in each
   * field, the sum in term order of each query term's weight times the boosts of the clauses
   * that found it, over the length of those boosts as a vector; and the sum of its fields,
   * which is lunr's in either order with the two fields, title and text. */
  function ownScores(typed, { allWordsBoost = 1 } = {}) {
    const found = new Map();
    if (typed.length === 0) return found;
    const index = data.strategyIndex;
    const query = new lunr.Query(index.fields);
    buildQuery(query, typed);
    const boosts = new Map(); // term number -> the boosts of the clauses that found it
    const holds = new Map(); // term number -> the typed terms it is found for, as bits
    for (const clause of query.clauses) {
      for (const term of index.tokenSet.intersect(lunr.TokenSet.fromClause(clause)).toArray()) {
        const number = index.invertedIndex[term]._index;
        boosts.set(number, (boosts.get(number) || 0) + clause.boost);
        // Only a boost for holding every word asks which words a term is found for (the
        // words of a query are at most MOST_WORDS, so they fit in the bits of a number).
        if (allWordsBoost !== 1 && !holds.has(number)) {
          holds.set(number, typed.reduce((bits, t, i) => (finds(term, t) ? bits | (1 << i) : bits), 0));
        }
      }
    }
    const numbers = [...boosts.keys()].sort((a, b) => a - b);
    let squares = 0;
    for (const number of numbers) squares += boosts.get(number) * boosts.get(number);
    const length = Math.sqrt(squares);
    const held = new Map(); // document -> the typed terms it holds, as bits
    index.fields.forEach((_, field) => {
      const dots = new Map();
      for (const number of numbers) {
        const posting = data.strategyWeights.get(number)?.[field];
        if (!posting) continue;
        const boost = boosts.get(number);
        const bits = holds.get(number);
        const { refs, values } = posting;
        for (let i = 0; i < refs.length; i++) {
          dots.set(refs[i], (dots.get(refs[i]) || 0) + boost * values[i]);
          if (bits) held.set(refs[i], (held.get(refs[i]) || 0) | bits);
        }
      }
      for (const [ref, dot] of dots) found.set(ref, (found.get(ref) || 0) + (dot / length || 0));
    });
    const all = (1 << typed.length) - 1;
    for (const [ref, bits] of held) {
      if (bits === all) found.set(ref, found.get(ref) * allWordsBoost);
    }
    return found;
  }

  /* Every strategy the words match, best first, as {strategy, score}; all of them, in
   * browsing order, when nothing is typed, and none when what is typed has no word to search
   * for (only stop words, emoji, punctuation, or a script the index does not hold). */
  /* What the words of a query are looked for as: the typed terms, those looked for in the
   * strategies' own words, the needs' scores, and the everyday words near the needs found. */
  let lookedFor = { text: null }; // the last text's, as render() asks for it twice
  function lookFor(text) {
    if (lookedFor.text === text) return lookedFor;
    const typed = terms(words(text), senses(text));
    // A word in another sense finds nothing in the strategies' words.
    const inStrategies = typed.filter((term) => term.sense !== "other");
    const needMatch = scores(data.needIndex, typed);
    lookedFor = { text, typed, inStrategies, needMatch, near: entryTerms(needMatch.hits) };
    return lookedFor;
  }

  /* In pieces: null when every piece the words need is here, else a promise that it is. */
  function fetchFor(text) {
    if (!data.pieces) return null;
    const { typed, inStrategies, near } = lookFor(text);
    if (typed.length === 0) return null;
    return data.pieces.need([...inStrategies, ...near],
                            typed.slice(0, -1).map(({ stem }) => stem));
  }

  function matches(text) {
    const { typed, inStrategies, needMatch, near } = lookFor(text);
    if (typed.length === 0 && text.trim()) return [];
    if (typed.length === 0) return data.browseOrder.map((strategy) => ({ strategy, score: 0 }));
    // A word that may be in another sense does not make a strategy hold every word typed.
    const sure = typed.every((term) => !term.sense);
    const own = ownScores(inStrategies, { allWordsBoost: sure ? ALL_WORDS_BOOST : 1 });
    const needScores = needMatch.scores;
    const nearby = ownScores(near);
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
        const stems = cut(text).filter(searched).map(stemOf);
        stems.slice(1).forEach((stem, i) => own.add(`${stems[i]} ${stem}`));
      }
      pairsOf.set(strategy.position, own);
    }
    return pairs.filter((pair) => own.has(pair)).length;
  }

  /* When nothing matches: the needs whose everyday words and title come closest to the
   * typed words, by the letter triples they share, closest first. */
  const triples = (word) => {
    const padded = `  ${word} `;
    const found = new Set();
    for (let i = 0; i + 3 <= padded.length; i++) found.add(padded.slice(i, i + 3));
    return found;
  };
  let needTriples = null; // each need's words as letter triples, made when first needed

  function closestNeeds(text) {
    const typed = cut(clip(text)).filter(searched).slice(0, MOST_WORDS)
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

  /* The results for a query and filters ({need: [ids], age: [ids], tier: [ids]}), and how
   * many results each filter option would give with the other groups' filters kept. */
  function search(text, selection = {}) {
    const chosen = {};
    for (const group of GROUPS) {
      chosen[group] = new Set((selection[group] || [])
        .map((id) => data.optionIndex[group].get(id))
        .filter((i) => i !== undefined));
    }
    const counts = {};
    for (const group of GROUPS) counts[group] = new Map();
    const results = [];
    const matched = matches(text);
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

  // --- the page -------------------------------------------------------------------------

  const escapeHtml = (text) => text.replace(/[&<>"']/g, (c) =>
    ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  function needLinks(strategy) {
    const link = (i) =>
      `<a href="${escapeHtml(siteRoot + data.needs[i].url)}">${escapeHtml(data.needs[i].title)}</a>`;
    if (strategy.general) return "every need (a general expected practice)";
    const own = strategy.ownNeeds.map(link).join(", ");
    const related = strategy.relatedNeeds.filter((i) => !strategy.ownNeeds.includes(i));
    return related.length ? `${own}; related to ${related.map(link).join(", ")}` : own;
  }

  function resultHtml(strategy) {
    const ids = (list, i) => list[i].id;
    const ages = strategy.anyAge ? `<span class="semh-badge semh-badge--age">${ANY_AGE}</span>`
      : strategy.ages.map((i) =>
        `<span class="semh-badge semh-badge--age">${escapeHtml(data.ages[i].label)}</span>`).join(" ");
    const tier = data.tiers[strategy.tier];
    return `<li class="semh-finder__result" data-strategy-id="${escapeHtml(strategy.id)}"`
      + ` data-needs="${strategy.needs.map((i) => ids(data.needs, i)).join(" ")}"`
      + ` data-ages="${strategy.ages.map((i) => ids(data.ages, i)).join(" ")}"`
      + ` data-tier="${tier.id}">`
      + `<h3 class="semh-finder__title"><a href="${escapeHtml(siteRoot + strategy.url)}">${escapeHtml(strategy.title)}</a></h3>`
      + `<blockquote class="semh-finder__text"><p>${escapeHtml(strategy.text)}</p></blockquote>`
      + `<p class="semh-finder__for">For: ${needLinks(strategy)}</p>`
      + `<p class="semh-badges"><span class="semh-label">Ages</span> ${ages}`
      + ` <span class="semh-label">Tier</span> <span class="semh-badge semh-badge--tier semh-badge--${tier.id}">${escapeHtml(tier.label)}</span></p>`
      + `<p class="semh-finder__council">From: ${escapeHtml(strategy.council)}</p>`
      // Shown, and kept up to date, by plan-button.js.
      + `<p class="semh-finder__plan"><button type="button" class="md-button semh-add-to-plan" data-add-to-plan="${escapeHtml(strategy.id)}" aria-pressed="false" hidden>`
      + `<span class="semh-add-to-plan__label">Add to plan</span><span class="semh-visually-hidden">: ${escapeHtml(strategy.title)}</span></button></p>`
      + `</li>`;
  }

  /* A result's element is made the first time it is shown and reused after, so a keystroke
   * only moves elements, and the browser parses no HTML. */
  const cards = new Map();

  function card(strategy) {
    let item = cards.get(strategy.position);
    if (!item) {
      const holder = document.createElement("template");
      holder.innerHTML = resultHtml(strategy);
      item = holder.content.firstElementChild;
      cards.set(strategy.position, item);
    }
    return item;
  }

  function stateFromForm() {
    const state = { q: input.value, need: [], age: [], tier: [] };
    for (const group of GROUPS) {
      for (const box of filters.querySelectorAll(`input[name="${group}"]:checked`)) {
        state[group].push(box.value);
      }
    }
    return state;
  }

  function stateFromUrl() {
    const params = new URLSearchParams(location.search);
    // Only what a search reads: a link with a whole page in it would otherwise be laid out
    // in the box, and written back into the address, at every change.
    const state = { q: clip(params.get("q") || "") };
    for (const group of GROUPS) state[group] = params.getAll(group);
    return state;
  }

  function showState(state) {
    input.value = state.q;
    for (const group of GROUPS) {
      for (const box of filters.querySelectorAll(`input[name="${group}"]`)) {
        box.checked = state[group].includes(box.value);
      }
    }
  }

  function urlOf(state) {
    const params = new URLSearchParams();
    if (state.q.trim()) params.set("q", state.q);
    for (const group of GROUPS) for (const id of state[group]) params.append(group, id);
    const query = params.toString();
    return query ? `?${query}` : location.pathname;
  }

  // Letters of the query repeated in the count line: a pasted page would bury the count.
  const QUOTED_UP_TO = 60;
  // Outside countText, whose own `words` hides the function.
  const searchable = (text) => words(text).length > 0;

  function countText(total, state, matched) {
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

  /* The needs closest to words that match nothing, and every need, so the page is never
   * empty. `text` is empty when something matched. */
  function showNoMatch(text) {
    noMatch.hidden = !text;
    if (!text) return;
    const link = (url, title) =>
      `<a href="${escapeHtml(siteRoot + url)}">${escapeHtml(title)}</a>`;
    const closest = closestNeeds(text);
    noMatch.innerHTML = (closest.length
      ? "<p>The needs whose everyday words come closest to yours:</p><ul>"
        + closest.map((need) => `<li>${link(need.url, need.title)}</li>`).join("") + "</ul>"
      : "")
      + `<p>${link(data.needsUrl, "Browse all needs")}, each with the councils' strategies for it.</p>`;
  }

  /* The results for the form as it is now. In one file, at once; in pieces, once the pieces
   * the words need and those of the results on screen have arrived, and only if the form
   * has not changed meanwhile. Returns a promise when it waits. */
  let latest = 0;
  function render(options = {}) {
    const state = stateFromForm();
    const ticket = ++latest;
    const current = () => ticket === latest;
    const draw = () => {
      const found = search(state.q, state);
      const waiting = data.pieces && data.pieces.show(found.results.slice(0, shown)
        .map(({ strategy }) => strategy));
      if (!waiting) return paint(state, found, options);
      return waiting.then(() => current() && paint(state, found, options));
    };
    const waiting = fetchFor(state.q);
    if (!waiting) return draw();
    return waiting.then(() => current() && draw()).catch((error) => {
      if (!current()) return;
      count.textContent = "The strategies could not be loaded: check the connection, then try again.";
      throw error;
    });
  }

  function paint(state, { results, counts, matched }, { announce = true }) {
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
    const text = countText(results.length, state, matched);
    if (announce) count.textContent = text;
    else announceTimer = setTimeout(() => { count.textContent = text; }, 400);
    // The finder holds its place, unseen, from the first paint (finder.css), and is shown
    // with its first results, so nothing on screen moves when they arrive.
    root.hidden = false;
    root.dispatchEvent(new CustomEvent("finder:results", { detail: { total: results.length } }));
  }

  function save(push) {
    cancelAddress();
    const url = urlOf(stateFromForm());
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }

  /* The address of what was typed, written once typing pauses. It is worked out now, so a
   * filter ticked before then does not find its way into the entry of the words alone. */
  function saveLater() {
    clearTimeout(addressTimer);
    laterAddress = urlOf(stateFromForm());
    addressTimer = setTimeout(flushAddress, ADDRESS_PAUSE);
  }

  function cancelAddress() {
    clearTimeout(addressTimer);
    laterAddress = null;
  }

  /* The address catches up with the box now, if typing left it behind. */
  function flushAddress() {
    if (laterAddress === null) return;
    const url = laterAddress;
    cancelAddress();
    history.replaceState(null, "", url);
  }

  /* In pieces, the letters typed after the first word wait for none: once someone is in
   * the box, every piece a word can need is fetched. A deep link alone fetches only what
   * its words need. data-finder-warm says when it is all here. */
  function warmUp() {
    (data.pieces ? data.pieces.warm() : Promise.resolve())
      .then(() => { root.dataset.finderWarm = ""; })
      .catch(() => input.addEventListener("focus", warmUp, { once: true }));
  }

  function listen() {
    input.addEventListener("focus", warmUp, { once: true });
    input.addEventListener("input", () => {
      shown = PAGE_SIZE;
      render({ announce: false });
      // The first letter starts a new history entry; the rest of the word replaces it once
      // typing pauses, or sooner if the page is left or another change needs an entry.
      if (typing) saveLater();
      else save(true);
      typing = true;
    });
    input.addEventListener("blur", () => {
      flushAddress();
      typing = false;
    });
    window.addEventListener("pagehide", flushAddress);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      flushAddress();
      typing = false;
      clearTimeout(announceTimer);
      render();
    });
    filters.addEventListener("change", () => {
      flushAddress();
      typing = false;
      shown = PAGE_SIZE;
      render();
      save(true);
    });
    clear.addEventListener("click", () => {
      flushAddress();
      showState({ q: "", need: [], age: [], tier: [] });
      typing = false;
      shown = PAGE_SIZE;
      render();
      save(true);
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
      cancelAddress();
      typing = false;
      shown = PAGE_SIZE;
      showState(stateFromUrl());
      render();
    });
  }

  const requested = stateFromUrl();

  /* Resolves once the whole page has been parsed. */
  function parsed() {
    if (document.readyState !== "loading") return Promise.resolve();
    return new Promise((resolve) => document.addEventListener("readystatechange", resolve,
                                                              { once: true }));
  }

  async function start() {
    await lunrLoaded;
    const raw = await dataArrived;
    performance.mark("finder-data");
    data = await prepare(raw);
    performance.mark("finder-index");
    const finder = await finderParsed();
    if (!finder) return;
    attach(finder);
    nameOptions();
    showState(requested);
    // On a narrow screen the filters start folded, so the results sit under the search box.
    if (matchMedia("(max-width: 59.9375em)").matches) filters.open = false;
    listen();
    // The finder is shown with its first results (paint), which need not wait for the rest
    // of the page: the list of needs it replaces is hidden from the first paint (finder.css).
    await render();
    await parsed();
    const staticList = document.querySelector("[data-finder-static]");
    if (staticList) staticList.hidden = true;
    // Ready once the first results have been painted.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    performance.mark("finder-ready");
    root.dataset.finderReady = "";
  }

  const ready = start();
  ready.catch(giveUp);
  // For the tests and the benchmark: the page's own search, on the page's own index.
  window.semhFinder = {
    ready,
    get indexes() {
      return data && { strategy: data.lunrIndex, need: data.needIndex };
    },
    // The strategies' own scores for `text` as [position, score], as the finder works them
    // out and as lunr's own query does (one file only: in pieces lunr has no field vectors).
    ownScores(text) {
      const { inStrategies } = lookFor(text);
      const options = { allWordsBoost: ALL_WORDS_BOOST };
      return { finder: [...ownScores(inStrategies, options)],
               lunr: [...scores(data.lunrIndex, inStrategies, options).scores] };
    },
    // The words of `text` that are searched for: no stop word, filler or over-long word.
    words: (text) => words(text),
    // A promise: in pieces, the pieces the words and every result need are fetched first.
    async search(text, selection = {}) {
      await fetchFor(text);
      const { results } = search(text, selection);
      await (data.pieces && data.pieces.show(results.map(({ strategy }) => strategy)));
      return results.map(({ strategy, score }) => ({
        id: strategy.id,
        score,
        forEveryNeed: strategy.general,
        needs: strategy.needs.map((i) => data.needs[i].id),
      }));
    },
  };
})();
