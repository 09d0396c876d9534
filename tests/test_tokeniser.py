"""generator/words.py reads every word of the shared table as words.js does in the browser
(tests/js/words.test.js holds the JavaScript side to the same table), and the Node tests
themselves pass."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import words
from conftest import ROOT

TABLE = json.loads((Path(__file__).with_name("tokeniser_words.json")).read_text(encoding="utf-8"))


def test_the_table_is_big_and_its_filler_words_are_the_sites():
    assert len(TABLE["words"]) >= 200
    assert TABLE["fillerWords"] == list(words.FILLER_WORDS)


@pytest.mark.parametrize("row", TABLE["words"], ids=lambda row: repr(row["text"]))
def test_every_word_of_the_table_is_cut_and_stemmed_as_the_browser_reads_it(row):
    assert (words.cut(row["text"]), words.terms(row["text"])) == (row["cut"], row["terms"])


def test_the_node_tests_pass(capsys):
    """node --test tests/js/: the browser's modules, without a browser."""
    result = subprocess.run(["node", "--test", "tests/js/"], cwd=ROOT, capture_output=True,
                            text=True, env={**os.environ, "SEMH_PYTHON": sys.executable})
    # What the tests print (the safeguarding notice's two figures, and anything it missed)
    # is worth seeing on every run, as the relevance score is.
    printed = [line[2:] for line in result.stdout.splitlines()
               if line.startswith("# ") and not line.startswith("# Subtest")]
    with capsys.disabled():
        print("\n" + "\n".join(printed))
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
