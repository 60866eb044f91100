"""Stories: articles about the same happening group together; other happenings and days do not."""

from __future__ import annotations

import pytest

from counterclaim.compare.entities import resolve_entities
from counterclaim.compare.names import fold_token
from counterclaim.compare.stories import cosine, day_number, group_stories, story_of, terms
from counterclaim.records import Story

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


SALTMERE = [("Saltmere", "GPE", "Velmar"), ("Velmar", "GPE"), ("Harbour Authority", "ORG", "Velmar")]


def _port_pair(entities: list, second: str) -> list[Story]:
    undated = analysis(PORT, title="Rockets hit Saltmere harbour", published=None, entities=entities)
    dated = analysis(second, title="Ships burn in Saltmere", published="2030-05-01", entities=entities)
    return group_stories([undated, dated])


def test_undated_article_joins_only_on_the_same_place_and_actor() -> None:
    # the same text but no named place below a state or actor in common: not enough
    assert len(_port_pair([("Velmar", "GPE")], second=PORT + " Two ships sank.")) == 2
    # same town, same authority, very similar text: one story, whose dates are uncertain
    (story,) = _port_pair(SALTMERE, second=PORT + " Two ships sank.")
    assert story.date_uncertain and "without a date" in story.reason
    # the same place and actor in a text about something else are not enough
    budget = "The Harbour Authority in Saltmere approved a budget for new cranes and staff."
    assert len(_port_pair(SALTMERE, second=budget)) == 2


def test_dated_stories_are_certain() -> None:
    assert not any(s.date_uncertain for s in group_stories(corpus.hand_analyses()))


def test_no_story_across_years() -> None:
    # the same text a year apart and a wide window: different happenings all the same
    assert len(_grouped([(PORT, "2030-05-01"), (PORT2, "2031-05-01")], window_days=400)) == 2


def test_titles_naming_different_places_do_not_link_weakly() -> None:
    a = analysis(
        "Drones hit a depot at Halvik, the army said. The strike followed shelling in Dunmere.",
        title="Drones hit Halvik depot",
        entities=[("Halvik", "GPE", "Velmar"), ("Dunmere", "GPE", "Velmar")],
    )
    b = analysis(
        "Shelling hit Dunmere, the army said, after drones struck a depot.",
        title="Shelling hits Dunmere",
        entities=[("Dunmere", "GPE", "Velmar")],
    )
    c = analysis(
        "A depot at Halvik burned after a drone strike, firefighters said.",
        title="Halvik depot burns",
        entities=[("Halvik", "GPE", "Velmar")],
    )
    groups = group_stories([a, b, c], strong=0.9)
    assert sorted(len(s.articles) for s in groups) == [1, 2]
    assert b.article.id in next(s.articles for s in groups if len(s.articles) == 1)


def test_many_outlets_on_one_happening_stay_one_story() -> None:
    # eleven rewrites of one report over two days: each has several equally close neighbours
    base = [
        "Rockets hit the harbour of Saltmere overnight, setting two cargo ships on fire.",
        "Two cargo ships burned in Saltmere harbour after an overnight rocket attack.",
        "Firefighters fought the blaze on the Saltmere docks after rockets struck.",
        "An overnight rocket strike on Saltmere left two cargo ships ablaze.",
    ]
    arts = [
        analysis(" ".join(base[k % 4] for k in range(i, i + 2)), published=f"2030-05-0{1 + i % 2}")
        for i in range(11)
    ]
    arts.append(analysis(VOTE))
    assert sorted(len(s.articles) for s in group_stories(arts)) == [1, 11]


def test_terms_stem_fold_and_drop_stopwords() -> None:
    c = terms("Shelling of the town", "The town was shelled.")
    assert c[fold_token("shell")] == 3 and "the" not in c and c[fold_token("town")] == 3
    # romanisations and possessives meet
    assert terms("", "Zelenskiy's office") == terms("", "Zelensky office")


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
