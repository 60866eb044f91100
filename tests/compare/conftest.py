"""Fixtures for compare tests: the corpus run through the real pipeline, once per session."""

from __future__ import annotations

import pytest

from counterclaim.records import Analysis

from . import corpus


@pytest.fixture(scope="session")
def pipeline_analyses(nlp: object) -> list[Analysis]:
    """The corpus analysed by the real pipeline (every extractor), in corpus order."""
    from counterclaim.pipeline import analyze_many  # noqa: PLC0415

    out = list(analyze_many(corpus.articles()))
    bad = [a for a in out if not isinstance(a, Analysis)]
    assert not bad, bad
    return out  # type: ignore[return-value]
