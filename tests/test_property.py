"""Whatever an author writes, the checker answers with messages, never a traceback."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from ruamel.yaml import YAML

from generator.build import check
from generator.problems import Problem

# Scalars YAML can hold, including the ones that surprise authors.
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=20), st.sampled_from(["NO", "yes", "on", "2024-01-01",
                                                           "all", "primary", "targeted"]))
keys = st.sampled_from(["id", "title", "text", "needs", "ages", "tier", "source", "file",
                        "section", "courses", "links", "url", "extra"])
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=6)), max_leaves=12)
documents = st.one_of(values, st.lists(st.dictionaries(keys, values, max_size=8), max_size=4))

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def assert_reported(root: Path) -> None:
    site, problems = check(root)
    assert site is None
    assert problems and all(isinstance(p, Problem) for p in problems)
    for problem in problems:
        assert problem.line >= 1 and problem.path and problem.message
        assert "Traceback" not in str(problem)


@SETTINGS
@given(document=documents)
def test_any_yaml_structure_gives_messages(tmp_path: Path, document):
    path = tmp_path / "strategies" / "random.yaml"
    path.parent.mkdir(exist_ok=True)
    with path.open("w", encoding="utf-8") as file:
        YAML(typ="safe", pure=True).dump(document, file)
    assert_reported(tmp_path)


@SETTINGS
@given(text=st.text(max_size=200))
def test_any_text_gives_messages(tmp_path: Path, text: str):
    path = tmp_path / "content" / "audit.yaml"
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    assert_reported(tmp_path)
