"""The lexicons load with their headers, and the fast (libyaml) loader reads every one exactly
as PyYAML's pure-Python safe loader does."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from counterclaim import lexicons

NAMES = sorted(
    p.name.removesuffix(".yaml") for p in resources.files(lexicons).iterdir() if p.name.endswith(".yaml")
)


def test_there_are_lexicons() -> None:
    assert len(NAMES) >= 20


@pytest.mark.parametrize("name", NAMES)
def test_each_lexicon_reads_the_same_with_either_loader(name: str) -> None:
    raw = resources.files(lexicons).joinpath(f"{name}.yaml").read_text("utf-8")
    data = lexicons.load(name)
    assert {"version", "source"} <= set(data)
    assert data == yaml.safe_load(raw)
