"""Claims tracker: series keys, revisions, each claimant's latest, range, most conservative."""

from __future__ import annotations

import pytest

from counterclaim.compare.claims import (
    build_series,
    filter_series,
    interval,
    normalise_party,
    normalise_subject,
)
from counterclaim.compare.entities import resolve_entities
from counterclaim.compare.stories import group_stories
from counterclaim.records import ClaimSeries, Figure, Party

from . import corpus
from .helpers import analysis, figure


@pytest.mark.parametrize(
    ("subject", "group"),
    [
        ("troops", "military"),
        ("Ostrian soldiers", "military"),
        ("servicemen", "military"),
        ("civilians", "civilians"),
        ("people", "civilians"),
        ("residential buildings", "buildings"),
        ("homes", "buildings"),
        ("tanks", "vehicles"),
        ("bridges", "bridge"),
        ("", "unspecified"),
    ],
)
def test_normalise_subject(subject: str, group: str) -> None:
    assert normalise_subject(subject) == group


@pytest.mark.parametrize(
    ("party", "states", "norm"),
    [
        ("Ostrian troops", ["Ostria"], "Ostria"),
        ("Ostria", ["Ostria"], "Ostria"),
        ("Pellandic separatists", ["Ostria", "Pelland"], "Pelland"),
        (None, ["Ostria"], None),
        ("the Free Valley Brigade", ["Ostria"], "the Free Valley Brigade"),
    ],
)
def test_normalise_party(party: str | None, states: list[str], norm: str | None) -> None:
    assert normalise_party(party, None, states) == norm


@pytest.mark.parametrize(
    ("value", "qualifier", "low", "high", "allowed"),
    [
        (12, "exact", None, None, (12, 12)),
        (12, "at_least", None, None, (12, float("inf"))),
        (100, "about", None, None, (90, 110)),
        (50, "fewer_than", None, None, (0, 50)),
        (15, "range", 10, 20, (10, 20)),
    ],
)
def test_interval(
    value: float, qualifier: str, low: float | None, high: float | None, allowed: tuple[float, float]
) -> None:
    f = Figure(
        value=value,
        category="killed",
        subject="x",
        claimant=Party.unknown(),
        span=(0, 1),
        qualifier=qualifier,
        low=low,
        high=high,
    )
    assert interval(f) == pytest.approx(allowed)


def _toll_series() -> list[ClaimSeries]:
    ents = [
        ("Ostria", "GPE"),
        ("Pelland", "GPE"),
        ("Ostrian Health Ministry", "ORG", "Ostria"),
        ("Pellandic Army", "ORG", "Pelland"),
    ]
    a1 = analysis(
        "The Ostrian Health Ministry said 10 civilians were killed.", published="2030-05-01", entities=ents
    )
    a2 = analysis(
        "The toll rose to 15, the Ostrian Health Ministry said.", published="2030-05-02", entities=ents
    )
    a3 = analysis(
        "The Pellandic Army said no more than 4 people died.", published="2030-05-02", entities=ents
    )
    a1.figures = [figure(a1, 10, "killed", "civilians", "Ostria", "Ostrian Health Ministry")]
    a2.figures = [figure(a2, 15, "killed", "civilians", "Ostrian civilians", "Ostrian Health Ministry")]
    a3.figures = [figure(a3, 4, "killed", "people", "Ostria", "Pellandic Army", qualifier="at_most")]
    arts = [a1, a2, a3]
    idx = resolve_entities(arts)
    return build_series(arts, index=idx, stories=group_stories(arts, index=idx))


def test_series_summary_and_revision() -> None:
    (s,) = _toll_series()
    assert (s.category, s.subject, s.party) == ("killed", "civilians", "Ostria")
    assert [p.value for p in s.points] == [10, 4, 15] or [p.value for p in s.points] == [10, 15, 4]
    latest = {p.claimant: p.value for p in s.latest}
    assert latest == {"Ostrian Health Ministry": 15, "Pellandic Army": 4}
    assert (s.low, s.high) == (4, 15)
    assert s.conservative is not None and s.conservative.claimant == "Pellandic Army"
    rev = [p for p in s.points if p.revision_of is not None]
    assert [(p.value, p.revision_of) for p in rev] == [(15, 10)]
    assert {p.claimant_side for p in s.points} == {"Ostria", "Pelland"}


def test_filters() -> None:
    series = _toll_series()
    assert filter_series(series, category="wounded") == []
    assert len(filter_series(series, party="Ostria")) == 1
    (only,) = filter_series(series, claimant="Pellandic Army")
    assert [p.value for p in only.points] == [4] and only.low == only.high == 4
    (late,) = filter_series(series, since="2030-05-02")
    assert sorted(p.value for p in late.points) == [4, 15]
    assert series[0].points[0].revision_of is None  # filtering copies; the originals are untouched


# --- the corpus ---


@pytest.fixture(scope="module")
def corpus_series() -> list[ClaimSeries]:
    arts = corpus.hand_analyses()
    idx = resolve_entities(arts)
    return build_series(arts, index=idx, stories=group_stories(arts, index=idx))


@pytest.mark.parametrize("want", corpus.expected()["series"], ids=lambda w: f"{w['category']}-{w['subject']}")
def test_corpus_series(corpus_series: list[ClaimSeries], want: dict) -> None:
    (s,) = [
        s
        for s in corpus_series
        if (s.category, s.subject, s.party) == (want["category"], want["subject"], want["party"])
    ]
    assert (s.low, s.high) == (want["low"], want["high"])
    assert s.conservative is not None and s.conservative.value == want["conservative"]
    for claimant, values in want.get("values", []):
        assert [p.value for p in s.points if p.claimant == claimant] == values
    for claimant, previous in want.get("revisions", []):
        mine = [p for p in s.points if p.claimant == claimant]
        assert [p.revision_of for p in mine if p.revision_of is not None] == previous


def test_corpus_has_exactly_the_expected_series(corpus_series: list[ClaimSeries]) -> None:
    got = {(s.category, s.subject, s.party) for s in corpus_series}
    assert got == {(w["category"], w["subject"], w["party"]) for w in corpus.expected()["series"]}


# --- scopes: unrelated happenings are never pooled ---


def _partyless(text: str, published: str, value: float, claimant: str, subject: str = "civilians"):
    a = analysis(text, title=text[:30], published=published)
    a.figures = [figure(a, value, "killed", subject, None, claimant)]
    return a


def test_partyless_figures_stay_in_their_story() -> None:
    """Figures that do not say whose losses they count: one series per story, never pooled."""
    quake = [
        _partyless("Floodwaters in Maravel killed 12 civilians, rescuers in Maravel said.", "2030-05-01",
                   12, "rescuers"),
        _partyless("The Maravel flood toll rose to 19 civilians, Maravel rescuers said.", "2030-05-02",
                   19, "rescuers"),
    ]
    far = _partyless("A market bombing in Tolvan killed 40 civilians, Tolvan police said.", "2034-09-10",
                     40, "police")
    arts = [*quake, far]
    idx = resolve_entities(arts)
    stories = group_stories(arts, index=idx)
    series = build_series(arts, index=idx, stories=stories)
    by_values = sorted(sorted(p.value for p in s.points) for s in series)
    assert by_values == [[12, 19], [40]]
    assert all(s.party is None and len({p.story for p in s.points}) == 1 for s in series)
    # without stories, each article is its own scope
    assert sorted(len(s.points) for s in build_series(arts, index=idx)) == [1, 1, 1]


@pytest.mark.parametrize(
    ("dates", "episodes"),
    [
        (["2030-01-01", "2030-02-15", "2030-03-30"], [3]),  # each within 90 days of the last
        (["2020-10-21", "2020-10-25", "2023-09-29"], [2, 1]),  # a different war's toll
        (["2030-01-01", None], [1, 1]),  # an undated figure cannot join a dated episode
    ],
)
def test_party_series_split_into_episodes(dates: list[str | None], episodes: list[int]) -> None:
    ents = [("Ostria", "GPE"), ("Ostrian Health Ministry", "ORG", "Ostria")]
    arts = []
    for i, d in enumerate(dates):
        a = analysis(f"The Ostrian Health Ministry said {10 + i} civilians were killed ({i}).",
                     published=d, entities=ents)
        a.figures = [figure(a, 10 + i, "killed", "civilians", "Ostria", "Ostrian Health Ministry")]
        if d is None:
            a.figures[0].as_of = None
        arts.append(a)
    series = build_series(arts, index=resolve_entities(arts))
    assert sorted((len(s.points) for s in series), reverse=True) == sorted(episodes, reverse=True)
    assert len({s.id for s in series}) == len(series)
    assert all(p.series == s.id for s in series for p in s.points)
