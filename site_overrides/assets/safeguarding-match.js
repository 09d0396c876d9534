/* Whether a search says that a child may be at risk of harm: the concepts of
 * content/safeguarding.yaml (which explains them for the people who review it), read
 * through the finder's own words.js. No page and no network here, so Node's test runner
 * runs the same matcher as the finder's page (tests/js/safeguarding.test.js). */
import { LONGEST_WORD, clip, oneSlip as anySlip } from "./words.js";

// Words this long or longer also match with one typing slip after their first letter
// ("suicidel", "negelcted"). Shorter words, and slips in the first letter, turn too many
// ordinary words into the list's: "racist" is one letter from "rapist", "better" from
// "batter", "refuse" from "refuge".
export const SLIP_FROM = 7;

// A group of the list, named in an entry between angle brackets: "hit <someone at home>".
const GROUP = /(<[^<>]*>)/;

// Typed words remembered with what they match: a search is read again at every keystroke,
// and a page that pastes a new text each time must not make the memory grow for ever.
const REMEMBERED = 5000;

/* Whether two words are one typing slip apart after the same first letter: a slip in the
 * first letter is left to the finder, which shows results either way. */
export function oneSlip(a, b) {
  return a[0] === b[0] && anySlip(a, b);
}

/* A word and each way of leaving one letter out of it: two words one slip apart always
 * share one of these, so they find the list's words a typed word may be a slip of without
 * comparing it with every one. */
function withOneLeftOut(text) {
  const out = [text];
  for (let i = 0; i < text.length; i++) out.push(text.slice(0, i) + text.slice(i + 1));
  return out;
}

/* The matcher for one list: `reader` is words.js's reader, `list` what the finder's page
 * carries (SafeguardingList.matcher_data in generator/model.py). A list that names a group
 * it does not define, or a group inside itself, is refused here as it is by `make check`. */
export function makeMatcher(reader, { pairGap, groups = {}, concepts }) {
  // Every word, stop words included ("not to tell" is three words), with its apostrophes
  // left out, so "doesn't" and "doesnt", "mum's" and "mums" are one word; and its stem.
  // Stems are remembered: the list says "her" and "mum" thousands of times, and a search
  // is read again at every keystroke.
  const stems = new Map();
  const stemOf = (word) => {
    if (!stems.has(word)) {
      if (stems.size >= REMEMBERED) stems.clear();
      stems.set(word, reader.stem(word));
    }
    return stems.get(word);
  };
  const read = (text) => reader.cut(text).map((word) => word.replace(/'/g, ""))
    .filter(Boolean).map((word) => ({ word, stem: stemOf(word) }));

  // Every word of the list, once: a typed word is compared with these, and an entry is a
  // row of their numbers. `nearly` finds the long ones a typed word may be a slip of.
  const known = [];
  const numbers = new Map();
  const sameStem = new Map();
  const nearly = new Map();
  const number = ({ word, stem }) => {
    if (numbers.has(word)) return numbers.get(word);
    const n = known.length;
    known.push({ word, stem });
    numbers.set(word, n);
    if (!sameStem.has(stem)) sameStem.set(stem, []);
    sameStem.get(stem).push(n);
    for (const text of new Set([stem, word])) {
      if (text.length < SLIP_FROM) continue;
      for (const key of withOneLeftOut(text)) {
        if (!nearly.has(key)) nearly.set(key, new Set());
        nearly.get(key).add(n);
      }
    }
    return n;
  };

  /* An entry as the matcher reads it: a row of slots, each a word of the list (its number)
   * or a group it names, compiled once however many entries name it. */
  const compiledGroups = new Map();
  function compile(entry, inside = []) {
    const slots = [];
    for (const part of entry.split(GROUP)) {
      if (!GROUP.test(part)) {
        slots.push(...read(part).map((word) => ({ n: number(word) })));
        continue;
      }
      const name = part.slice(1, -1).trim().toLowerCase();
      if (!Object.hasOwn(groups, name)) throw new Error(`no group <${name}> in the list`);
      if (inside.includes(name)) throw new Error(`the group <${name}> names itself`);
      if (!compiledGroups.has(name)) {
        const members = groups[name].map((member) => compile(member, [...inside, name]))
          .filter((member) => member.length);
        compiledGroups.set(name, { members, first: new Set(members.flatMap(firstWords)) });
      }
      slots.push({ group: compiledGroups.get(name) });
    }
    return slots;
  }

  /* The numbers of the words an entry can start with. */
  function firstWords([slot]) {
    return slot.group ? [...slot.group.first] : [slot.n];
  }

  /* Entries as the matcher looks them up: by the number of each word they can start with,
   * so a search is compared only with the entries that start with a word it has. */
  function byFirstWord(entries) {
    const starting = new Map();
    for (const slots of entries.map((entry) => compile(entry)).filter((slots) => slots.length)) {
      for (const n of firstWords(slots)) {
        if (!starting.has(n)) starting.set(n, []);
        starting.get(n).push(slots);
      }
    }
    return starting;
  }

  const compiled = concepts.map((concept) => ({
    id: concept.id,
    words: byFirstWord(concept.words),
    pairs: concept.pairs.map((pair) => ({ words: byFirstWord(pair.words),
                                          near: byFirstWord(pair.near) })),
    ordinary: byFirstWord(concept.ordinary),
    notWhen: byFirstWord(concept.notWhen || []),
  }));

  /* The list's words a typed word is: `exact`, those of the same stem; `all`, those too and
   * the long ones its stem is one slip from, as written or as stems. Only the stem of what
   * is typed is compared: "setting" (stem "set") is an ordinary word, not a slip of
   * "sexting", while "suicidle" (stem "suicidl") is one of "suicide". */
  const remembered = new Map();
  function wordsOf({ stem }) {
    if (remembered.has(stem)) return remembered.get(stem);
    const exact = sameStem.get(stem) || [];
    const all = new Set(exact);
    if (stem.length >= SLIP_FROM && stem.length <= LONGEST_WORD) {
      for (const variant of withOneLeftOut(stem)) {
        for (const n of nearly.get(variant) || []) {
          const { word, stem: itsStem } = known[n];
          if (!all.has(n) && [itsStem, word].some((text) => text.length >= SLIP_FROM &&
                                                          oneSlip(stem, text))) all.add(n);
        }
      }
    }
    const found = { exact, all: [...all] };
    if (remembered.size >= REMEMBERED) remembered.clear();
    remembered.set(stem, found);
    return found;
  }

  /* Where each entry of `starting` stands in the search, as [start, end), leaving out the
   * words an ordinary use has taken. `at[i]` holds the numbers of the list's words that the
   * i-th typed word is. */
  function spans(starting, at, taken) {
    // The positions just after `slots` (from its k-th slot) typed from position `i`.
    const ends = (slots, k, i) => {
      if (k === slots.length) return [i];
      const slot = slots[k];
      if (slot.group) {
        return slot.group.members.flatMap((member) => ends(member, 0, i))
          .flatMap((after) => ends(slots, k + 1, after));
      }
      return i < at.length && !taken[i] && at[i].includes(slot.n) ? ends(slots, k + 1, i + 1) : [];
    };
    const found = [];
    at.forEach((here, start) => {
      const tried = new Set();
      for (const n of here) {
        for (const slots of starting.get(n) || []) {
          if (tried.has(slots)) continue;
          tried.add(slots);
          for (const end of ends(slots, 0, start)) found.push([start, end]);
        }
      }
    });
    return found;
  }

  /* Whether two spans are apart by at most pairGap words, in either order. */
  const near = ([a0, a1], [b0, b1]) => (a1 <= b0 && b0 - a1 <= pairGap) ||
    (b1 <= a0 && a0 - b1 <= pairGap);

  /* Whether a search says a concept. Ordinary uses and what a search is about are read as
   * written, never as typing slips. */
  function says(concept, { exact, all }) {
    const taken = new Array(all.length).fill(false);
    if (spans(concept.notWhen, exact, taken).length) return false;
    for (const [start, end] of spans(concept.ordinary, exact, taken)) {
      for (let i = start; i < end; i++) taken[i] = true;
    }
    if (spans(concept.words, all, taken).length) return true;
    return concept.pairs.some((pair) => {
      const these = spans(pair.words, all, taken);
      if (!these.length) return false;
      const those = spans(pair.near, all, taken);
      return these.some((one) => those.some((other) => near(one, other)));
    });
  }

  return {
    /* The ids of the concepts a search says, in the list's order; none for most searches. */
    concerns(text) {
      const typed = read(clip(text)).map(wordsOf);
      if (!typed.length) return [];
      const search = { exact: typed.map(({ exact }) => exact), all: typed.map(({ all }) => all) };
      return compiled.filter((concept) => says(concept, search)).map(({ id }) => id);
    },
  };
}
