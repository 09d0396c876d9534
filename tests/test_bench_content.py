"""The benchmark's synthetic content is content the generator accepts, at the sizes the
benchmark builds: a size it cannot build reports nothing."""

from pathlib import Path

import yaml

from bench.synthetic import _PlainDumper, make_project, synthetic_strategies
from generator.build import check
from generator.load import MAX_BYTES

ROOT = Path(__file__).resolve().parent.parent


def test_synthetic_strategies_validate_with_the_real_content(tmp_path):
    project = make_project(ROOT, tmp_path / "project", 300)
    site, problems = check(project)
    assert problems == []
    assert len(site.strategies) == 300


def test_no_synthetic_file_is_over_the_loaders_limit_at_the_largest_size():
    site, _ = check(ROOT)
    files = synthetic_strategies(site, 50_000)
    largest = max(files.values(), key=len)
    text = yaml.dump(largest, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False,
                     width=1000)
    assert len(text.encode("utf-8")) <= MAX_BYTES
