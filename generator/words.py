"""How the site reads words: the councils' text into the finder's index, and the phrases of
content/safeguarding.yaml when they are checked.

site_overrides/assets/words.js reads a query the same way in the browser; the two are held
equal by one table of words (tests/tokeniser_words.json) that a Python test and a Node test
both pass. A word is cut as lunr.js cuts it (at white space and hyphens, once curly
apostrophes are made straight and slashes spaces), trimmed of what is not a letter or digit
at either end, lower-cased; it is searched for unless it is a stop word, filler or longer
than any word; and it is stemmed as lunr.js stems it.
"""

from __future__ import annotations

import re

from lunr.stemmer import PorterStemmer
from lunr.stop_word_filter import stop_word_filter
from lunr.token import Token

# Phones type curly apostrophes; the content has straight and curly ones. lunr splits words
# only at spaces and hyphens, so "anxiety/depression" would be one word without the slash.
# The other characters are lunr's query syntax, which a query never uses but would keep.
_CUT = str.maketrans({"\u2019": "'", "\u2018": "'", "/": " ", "*": " ", ":": " ", "^": " ",
                      "~": " ", "+": " "})
# JavaScript's \s, which lunr.js's tokenizer splits at (with hyphens).
_SPACE = re.compile("[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f"
                    "\u3000\ufeff-]+")
# lunr.js's trimmer: its \W is ASCII-only, so a word of another script trims to nothing.
_LEADING = re.compile(r"^\W+", re.ASCII)
_TRAILING = re.compile(r"\W+$", re.ASCII)

# Words people write about any child, which say nothing about the need: "wets himself" is
# about wetting, and "the child or young person" opens every need's summary. They are
# dropped with lunr's own stop words, from the index and from a query.
FILLER_WORDS = (
    "himself", "herself", "themselves", "themself", "he's", "she's", "they're", "i'm",
    "child", "children", "child's", "young", "person", "people", "kid", "kids", "boy", "girl",
    "pupil", "pupils", "student", "students", "son", "daughter", "really", "very", "always",
    "keeps", "being",
)
_FILLER = frozenset(FILLER_WORDS)

# Letters, as JavaScript counts them (UTF-16 code units): a longer "word" is no word a
# person types, and looking for its typing slips costs the most.
LONGEST_WORD = 30


def cut(text: str) -> list[str]:
    """Every word of `text`, stop words included, as the finder reads it."""
    words = []
    for word in _SPACE.split(text.translate(_CUT).lower()):
        word = _TRAILING.sub("", _LEADING.sub("", word))
        if word:
            words.append(word)
    return words


def stop_word(word: str) -> bool:
    return stop_word_filter(Token(word)) is None


def searched(word: str) -> bool:
    """Whether a cut word is searched for: not a stop word, not filler, not too long."""
    return (not stop_word(word) and word not in _FILLER
            and len(word.encode("utf-16-le")) <= 2 * LONGEST_WORD)


class LunrJsStemmer(PorterStemmer):
    """lunr.py's Porter stemmer, but ending a word the way lunr.js (which stems the query)
    does: there a final y becomes i only after a consonant ("cry" -> "cri", "shy" -> "shi")
    and never after a vowel ("key", "play" stay), where lunr.py does the opposite. Without
    this, "key" in the index ("kei") would never match "key" typed in the browser."""

    def step1c(self) -> None:
        if self.ends("y") and self.j > self.k0 and self.b[self.j] not in "aeiou":
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1:]


_stemmer = LunrJsStemmer()


def stem(word: str) -> str:
    return _stemmer.stem(word)


def terms(text: str) -> list[str]:
    """The index terms of `text`, in order: its searched words, stemmed."""
    return [stem(word) for word in cut(text) if searched(word)]
