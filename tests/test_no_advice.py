"""The site gives no clinical definition or advice that no council document gives."""

from __future__ import annotations

# Conditions the levels of need document only names ("ADHD, ADD, ODD, ASD or PDA"): no
# document defines them, so neither may the glossary.
NAMED_ONLY = ["ADD", "ADHD", "ASD", "ODD", "PDA"]
CLINICAL_WORDS = ["diagnos", "condition that", "lifelong", "pattern of", "profile"]


def test_glossary_does_not_define_conditions_the_sources_only_name(site):
    terms = {term.term: term for term in site.glossary}
    for name in NAMED_ONLY:
        explanation = terms[name].explanation.lower()
        assert not [w for w in CLINICAL_WORDS if w in explanation], (name, explanation)
        assert "does not either" in explanation, name
