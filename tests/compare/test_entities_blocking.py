"""Entity resolution's blocking: comparing only people whose surnames share a deletion key finds
exactly the merges an exhaustive comparison of every pair of full names finds."""

from __future__ import annotations

import itertools
import random

import pytest

from counterclaim.compare import entities as ce
from counterclaim.compare.names import parse_person
from counterclaim.compare.unionfind import UnionFind

from .helpers import analysis


def _variant(word: str, rng: random.Random) -> str:
    """``word`` with one letter changed, dropped or doubled after its first three."""
    if len(word) < 5:
        return word
    i = rng.randrange(3, len(word))
    kind = rng.choice(("sub", "del", "ins"))
    if kind == "sub":
        return word[:i] + rng.choice("aeiouy") + word[i + 1 :]
    if kind == "del":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def _corpus(n: int, seed: int) -> list[str]:
    """Full names crowded into few blocks: shared surname openings, few given names, many variants."""
    rng = random.Random(seed)
    heads = ["Al-Ha", "Abdel", "Moham", "Hov"]
    given = ["Omar", "Omer", "Amir", "Ahmad", "Ahmed", "Hasan", "Hassan", "Huda", "Mira", "Maria"]
    letters = "bdklmnrstvzaeiou"
    stems = [h + "".join(rng.choice(letters) for _ in range(rng.randrange(2, 12))) for h in heads * 6]
    names = []
    for _ in range(n):
        surname = rng.choice(stems)
        for _ in range(rng.randrange(0, 3)):
            surname = _variant(surname, rng)
        names.append(f"{rng.choice(given)} {surname.capitalize()}")
    return names


def _exhaustive(names: list[str]) -> set[frozenset[str]]:
    """Groups of full names after comparing every pair with the resolver's own tests."""
    people = [parse_person(n) for n in names]
    uf = UnionFind(len(names))
    for x, y in itertools.combinations(range(len(names)), 2):
        a, b = people[x], people[y]
        same_block = (a.surname[:3], a.given[0][:1]) == (b.surname[:3], b.given[0][:1])
        same = (a.surname, a.given[0]) == (b.surname, b.given[0])
        if same_block and (same or (ce._surname_ok(a.surname, b.surname) and ce._given_ok(a.given, b.given))):
            uf.union(x, y)
    return {frozenset(names[i] for i in g) for g in uf.groups().values()}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_blocking_finds_the_exhaustive_merges(seed: int) -> None:
    names = _corpus(300, seed)
    arts = [analysis(f"Article {i}.", entities=[(n, "PERSON")]) for i, n in enumerate(names)]
    idx = ce.resolve_entities(arts)
    got = {frozenset(m.name for m in e.members) for e in idx}
    want = _exhaustive(names)
    assert got == want
    assert any(len(g) > 1 and len({n.split()[1] for n in g}) > 1 for g in want)  # fuzzy merges happened


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hajiyev", "hajiev"),
        ("alhassanein", "alhasanein"),
        ("abdelrahmanov", "abdelrahmanof"),
        ("mohammedzadeh", "mohamedzadeh"),
        ("abcdefghijklmnopqrst", "abcdefghijklmnopqr"),
    ],
)
def test_surnames_the_fuzzy_test_accepts_share_a_key(a: str, b: str) -> None:
    assert ce._surname_ok(a, b)
    assert set(ce._surname_keys(a)) & set(ce._surname_keys(b))


def test_surnames_the_fuzzy_test_rejects_mostly_share_no_key() -> None:
    assert not set(ce._surname_keys("varga")) & set(ce._surname_keys("vargo"))
    assert not set(ce._surname_keys("hovsepyan")) & set(ce._surname_keys("hovhannisyan"))


def test_exhaustive_property_on_random_pairs() -> None:
    rng = random.Random(5)
    for _ in range(2000):
        a = "".join(rng.choice("abcde") for _ in range(rng.randrange(5, 16)))
        b = a
        for _ in range(rng.randrange(0, 3)):
            b = _variant(b, rng)
        if a[:3] == b[:3] and ce._surname_ok(a, b):
            assert set(ce._surname_keys(a)) & set(ce._surname_keys(b)), (a, b)
