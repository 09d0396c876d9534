/* How the finder reads what is typed: cut into words, trimmed, stop words and filler
 * dropped, stemmed; and whether two words are one typing slip apart. The finder (finder.js)
 * and the safeguarding notice (safeguarding.js) both read a query through this module; generator/words.py reads the councils' words into
 * the index the same way, and tests/tokeniser_words.json holds the two equal (a Python test
 * and a Node test pass the same table). No page and no network here: lunr is handed in, so
 * Node's test runner loads this module as the browser does. */

// Letters of a query read: twelve words, and stop words between them, fit in far fewer.
export const MOST_LETTERS = 1000;
// Letters of a word (UTF-16 code units): no word a teacher types is this long, and lunr's
// work grows with a word's length (a typing slip can be at any letter).
export const LONGEST_WORD = 30;
// Words searched; a description longer than this says it already.
export const MOST_WORDS = 12;

/* Phones type curly apostrophes; lunr splits words only at spaces and hyphens, so
 * "anxiety/depression" would be one word without the slash. The other characters are lunr's
 * query syntax, which the finder never uses but which would stay inside a word. */
const normalise = (text) => text.replace(/[\u2018\u2019]/g, "'").replace(/[\/*:^~+]/g, " ");

/* Only as much of a text as a search reads. */
export const clip = (text) => text.slice(0, MOST_LETTERS);

/* The reader of one site's words. `lunr` is lunr.js; the lists come from the finder's data
 * file (generator/index.py): filler words, dropped like stop words; filler phrases ("all the
 * time"), dropped from a query; and whole phrases of stop words and filler ("keeps herself
 * to herself"), each searched as one term, its words joined by underscores. */
export function makeReader(lunr, { fillerWords = [], fillerPhrases = [], wholePhrases = [] } = {}) {
  const filler = new Set(fillerWords);

  /* Every word of a text, stop words included, lower-case, as lunr cuts and trims it. */
  const cut = (text) => lunr.tokenizer(normalise(text))
    .map((token) => lunr.trimmer(token).toString()).filter(Boolean);

  const stopWord = (word) => !lunr.stopWordFilter(new lunr.Token(word));

  /* Whether a cut word is searched for: not a stop word, not filler, not too long. */
  const searched = (word) => !stopWord(word) && !filler.has(word) && word.length <= LONGEST_WORD;

  const stem = (word) => lunr.stemmer(new lunr.Token(word)).toString();

  /* The index terms of a text, in order: its searched words, stemmed. */
  const terms = (text) => cut(text).filter(searched).map(stem);

  /* The words of a query: a whole phrase first, as the one term the index holds for it;
   * filler phrases dropped; then each searched word once, at most MOST_WORDS in all. */
  function queryWords(text) {
    let spaced = ` ${cut(clip(text)).join(" ")} `;
    const phrases = wholePhrases.filter((phrase) => spaced.includes(` ${phrase} `))
      .map((phrase) => phrase.replace(/ /g, "_"));
    // Twice, for a phrase that follows itself: the space between them serves the first.
    for (const phrase of [...fillerPhrases, ...fillerPhrases]) {
      spaced = spaced.split(` ${phrase} `).join(" ");
    }
    // A word typed twice is searched once: it says no more, and lunr's work is per word.
    return [...new Set([...phrases, ...spaced.split(" ").filter((word) => word && searched(word))])]
      .slice(0, MOST_WORDS);
  }

  return { cut, stopWord, searched, stem, terms, queryWords };
}

/* Whether two words are one typing slip apart, as lunr counts slips: a letter changed,
 * added or left out, or two side by side swapped. A word is no slip from itself. */
export function oneSlip(a, b) {
  if (Math.abs(a.length - b.length) > 1 || a === b) return false;
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  const rest = (text, skip) => text.slice(start + skip);
  const swapped = a[start] === b[start + 1] && a[start + 1] === b[start] &&
    rest(a, 2) === rest(b, 2);
  return swapped || rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) ||
    rest(a, 0) === rest(b, 1);
}
