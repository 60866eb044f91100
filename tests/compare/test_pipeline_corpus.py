"""The corpus through the real pipeline, then across articles: what must hold whatever the
per-article extractors miss (they are tested on their own)."""

from __future__ import annotations

import pytest

from counterclaim.compare.contradictions import find_contradictions
from counterclaim.compare.entities import resolve_entities
from counterclaim.compare.stories import group_stories
from counterclaim.records import Analysis

from . import corpus

pytestmark = pytest.mark.slow

PEOPLE = [
    ["Aram Hovsepian", "Aram Hovsepyan", "Aram Hovsepjan"],
    ["Sergey Drozdov", "Sergei Drozdov"],
    ["Yuri Melnichenko", "Yuriy Melnychenko"],
]


def test_stories_from_real_analyses(pipeline_analyses: list[Analysis]) -> None:
    key = corpus.key_of()
    stories = group_stories(pipeline_analyses, index=resolve_entities(pipeline_analyses))
    got = sorted(sorted(key[a] for a in s.articles) for s in stories)
    assert got == sorted(sorted(g) for g in corpus.expected()["stories"])


@pytest.mark.parametrize("forms", PEOPLE, ids=lambda f: f[0])
def test_spellings_of_one_person_merge(pipeline_analyses: list[Analysis], forms: list[str]) -> None:
    idx = resolve_entities(pipeline_analyses)
    holders = {e.id for e in idx if e.type == "PERSON" and {e.name, *e.aliases} & set(forms)}
    assert len(holders) == 1


def test_namesakes_stay_apart(pipeline_analyses: list[Analysis]) -> None:
    idx = resolve_entities(pipeline_analyses)
    lena = {e.id for e in idx if "Lena Varga" in {e.name, *e.aliases}}
    milan = {e.id for e in idx if "Milan Varga" in {e.name, *e.aliases}}
    assert lena and milan and not lena & milan


def test_contradictions_run_and_point_into_articles(pipeline_analyses: list[Analysis]) -> None:
    texts = {a.article.id: a.article.text for a in pipeline_analyses}
    for c in find_contradictions(pipeline_analyses):
        for ev in (c.left, c.right):
            start, end = ev.span
            assert 0 <= start < end <= len(texts[ev.article_id])
        assert c.severity in ("contradiction", "discrepancy") and c.explanation
