"""Whatever YAML an editor writes into any content file (mappings, lists, scalars, tags,
anchors and aliases, in any mix, or a real file with lines changed), the check ends in the
author's messages or a valid site: never an exception, and quickly."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from pydantic import BaseModel

from conftest import ROOT, copy_project
from generator import model
from generator.build import check

KINDS = sorted(path.relative_to(ROOT).as_posix() for path in
               [*ROOT.glob("content/*.yaml"), ROOT / "content/pages/home.yaml",
                ROOT / "strategies/general.yaml"]
               if path.name != "link_allowlist.yaml")  # read by the link checker alone


def _field_names() -> list[str]:
    names: set[str] = set()
    for value in vars(model).values():
        if isinstance(value, type) and issubclass(value, BaseModel):
            names.update(value.model_fields)
    return sorted(names)


TAGS = ["!!python/object:os.system", "!!python/object/apply:os.system", "!!python/name:os.sep",
        "!!binary", "!!str", "!!int", "!!float", "!!bool", "!!null", "!!set", "!!omap",
        "!!pairs", "!!timestamp", "!!map", "!!seq", "!local", "!<tag:example.org,2024:x>"]
SURPRISES = ["", "~", "null", "NO", "yes", "on", "true", "0x1F", "0o17", "1e400", ".inf",
             ".nan", "-0", "2024-01-01", "2024-01-01T10:00:00Z", "12:30:00", "1_000", "'q'",
             '"\\u2028\\x00\\t"', "|", ">", "-", "?", ":", "@", "`", "%", "#", "&", "*", "!",
             "<<", "'<<'", "all", "primary", "targeted", "outcome-1", "attention-difficulties",
             "adhd", "home", "002_4e366928d7b06a22.txt", "https://example.org/", "x" * 500]

keys = st.one_of(st.sampled_from(_field_names()), st.sampled_from(SURPRISES),
                 st.from_regex(r"[a-z_]{1,8}", fullmatch=True))
scalars = st.one_of(
    st.sampled_from(SURPRISES),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=12).map(json.dumps),
    st.from_regex(r"[A-Za-z0-9 _.-]{0,12}", fullmatch=True),
    st.integers().map(str),
)


def _flow(children):
    return st.one_of(
        st.lists(children, max_size=4).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(st.tuples(keys, children), max_size=4).map(
            lambda pairs: "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"),
    )


plain_nodes = st.recursive(scalars, _flow, max_leaves=10)
# Tags, anchors and aliases on any node.
nodes = st.one_of(
    plain_nodes,
    st.tuples(st.sampled_from(TAGS), plain_nodes).map(" ".join),
    st.tuples(st.sampled_from(["&a", "&b"]), plain_nodes).map(" ".join),
    st.sampled_from(["*a", "*b", "<<: *a"]),
)
fields = st.lists(st.tuples(keys, nodes), min_size=1, max_size=6)


def _record(pairs: list[tuple[str, str]]) -> str:
    first, *rest = [f"{key}: {value}" for key, value in pairs]
    return "\n".join([f"- {first}", *(f"  {line}" for line in rest)])


def _mapping(pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f"{key}: {value}" for key, value in pairs)


def _nested(pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f"{key}:\n  - {value}\n  - {value}" for key, value in pairs)


documents = st.one_of(
    st.lists(fields.map(_record), max_size=5).map("\n".join),
    fields.map(_mapping),
    fields.map(_nested),
    nodes,
)
texts = st.one_of(
    documents,
    st.lists(documents, min_size=2, max_size=3).map("\n---\n".join),
    documents.map(lambda text: "%YAML 1.1\n---\n" + text),
)


@st.composite
def changed_real_file(draw, kind: str) -> str:
    """The real file with a few lines changed: a value replaced, a line replaced, dropped
    or written twice, so the rest of the file and the other files still make sense."""
    lines = (ROOT / kind).read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(1, 3))):
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        change = draw(st.sampled_from(["value", "line", "drop", "twice"]))
        if change == "value" and ":" in line:
            lines[index] = line.split(":", 1)[0] + ": " + draw(nodes)
        elif change == "line":
            lines[index] = " " * draw(st.integers(0, 6)) + draw(st.one_of(nodes, documents))
        elif change == "drop":
            del lines[index]
        else:
            lines.insert(index, line)
        if not lines:
            break
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def root(tmp_path_factory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("property") / "project")
    assert check(root)[1] == []  # and every unchanged file is parsed once, for all examples
    return root


def assert_messages_or_site(root: Path, kind: str, text: str) -> None:
    path = root / kind
    original = path.read_bytes()
    path.write_text(text, encoding="utf-8")
    try:
        site, problems = check(root)
    finally:
        path.write_bytes(original)
    if site is not None:
        assert problems == []
        return
    assert problems
    for problem in problems:
        assert isinstance(problem.line, int) and problem.line >= 1, problem
        assert (root / problem.path).exists() or problem.path == kind, problem
        assert problem.message and "Traceback" not in str(problem), problem


SETTINGS = settings(max_examples=25, deadline=timedelta(seconds=10),
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("kind", KINDS)
@SETTINGS
@given(data=st.data())
def test_any_yaml_in_any_content_file_ends_in_messages_or_a_site(root: Path, kind: str, data):
    text = data.draw(st.one_of(texts, changed_real_file(kind)), label="text")
    assert_messages_or_site(root, kind, text)


