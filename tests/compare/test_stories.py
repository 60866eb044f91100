"""Stories: articles about the same happening group together; other happenings and days do not."""

from __future__ import annotations

import pytest

from counterclaim.compare.entities import resolve_entities
from counterclaim.compare.stories import cosine, day_number, group_stories, story_of, terms

from . import corpus
from .helpers import analysis

PORT = (
    "Rockets hit the harbour of Saltmere overnight, setting two cargo ships on fire, "
    "harbour officials in Saltmere said. Firefighters fought the blaze on the Saltmere docks."
)
PORT2 = (
    "Two cargo ships burned in Saltmere harbour after an overnight rocket attack; "
    "the fire on the Saltmere docks was put out by morning."
)
VOTE = (
    "Parliament in Dranov voted to extend the state of emergency by ninety days, "
    "with opposition deputies walking out of the chamber in protest."
)
VOTE2 = (
    "Deputies in Dranov extended the emergency by ninety days after a stormy parliament "
    "session in which the opposition walked out."
)


def _grouped(texts: list[tuple[str, str]], **kw: object) -> list[set[str]]:
    arts = [analysis(t, title=t[:30], published=d) for t, d in texts]
    name = {a.article.id: t[:12] for a, (t, _) in zip(arts, texts, strict=True)}
    return sorted(({name[x] for x in s.articles} for s in group_stories(arts, **kw)), key=sorted)


def test_same_happening_groups_and_other_happening_does_not() -> None:
    groups = _grouped(
        [(PORT, "2030-05-01"), (VOTE, "2030-05-01"), (PORT2, "2030-05-02"), (VOTE2, "2030-05-02")]
    )
    assert {frozenset(g) for g in groups} == {
        frozenset({PORT[:12], PORT2[:12]}),
        frozenset({VOTE[:12], VOTE2[:12]}),
    }


def test_date_window_splits_far_apart_articles() -> None:
    groups = _grouped([(PORT, "2030-05-01"), (PORT2, "2030-07-20")])
    assert len(groups) == 2
    assert len(_grouped([(PORT, "2030-05-01"), (PORT2, "2030-07-20")], window_days=100)) == 1


def test_undated_articles_still_group() -> None:
    assert len(_grouped([(PORT, None), (PORT2, "2030-05-01")])) == 1


def test_terms_stem_and_drop_stopwords() -> None:
    c = terms("Shelling of the town", "The town was shelled.")
    assert c["shell"] == 3 and "the" not in c and c["town"] == 3


@pytest.mark.parametrize(
    ("date", "day"), [("1970-01-02", 1), ("1970-02", 31), ("1971", 365), (None, None), ("garbage", None)]
)
def test_day_number(date: str | None, day: int | None) -> None:
    assert day_number(date) == day


def test_cosine_of_identical_and_disjoint() -> None:
    assert cosine({"a": 0.6, "b": 0.8}, {"a": 0.6, "b": 0.8}) == pytest.approx(1.0)
    assert cosine({"a": 1.0}, {"b": 1.0}) == 0.0


def test_corpus_story_groups() -> None:
    arts = corpus.hand_analyses()
    key = corpus.key_of()
    got = sorted(
        sorted(key[a] for a in s.articles) for s in group_stories(arts, index=resolve_entities(arts))
    )
    assert got == sorted(sorted(g) for g in corpus.expected()["stories"])


def test_story_ids_are_stable_and_labelled() -> None:
    arts = corpus.hand_analyses()
    idx = resolve_entities(arts)
    first = group_stories(arts, index=idx)
    again = group_stories(list(reversed(arts)), index=idx)
    assert {s.id: s.articles for s in first} == {s.id: s.articles for s in again}
    big = first[0]
    assert big.start <= big.end and big.entities and big.reason
    assert set(story_of(first)) == {a.article.id for a in arts}
