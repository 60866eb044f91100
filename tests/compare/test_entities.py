"""Entities across articles: spellings, surnames, given names, roles and ministries fold together;
different people who share a surname never do."""

from __future__ import annotations

import pytest

from counterclaim.compare.entities import EntityIndex, resolve_entities
from counterclaim.compare.sides import Sides

from . import corpus
from .helpers import analysis


def _index(*articles: list[tuple]) -> EntityIndex:
    return resolve_entities([analysis(f"Article {n}.", entities=ents) for n, ents in enumerate(articles)])


def _groups(idx: EntityIndex) -> set[frozenset[str]]:
    return {frozenset(m.name for m in e.members) for e in idx}


@pytest.mark.parametrize(
    ("articles", "together"),
    [
        # transliteration variants of one person
        (
            [
                [("Tigran Avetisian", "PERSON")],
                [("Tigran Avetisyan", "PERSON")],
                [("Tigran Avetisjan", "PERSON")],
            ],
            {"Tigran Avetisian", "Tigran Avetisyan", "Tigran Avetisjan"},
        ),
        # given-name variants with the same surname
        ([[("Sergey Volkan", "PERSON")], [("Sergei Volkan", "PERSON")]], {"Sergey Volkan", "Sergei Volkan"}),
        # title stripped; initial of a given name
        (
            [[("General Omar Haddad", "PERSON")], [("O. Haddad", "PERSON")]],
            {"General Omar Haddad", "O. Haddad"},
        ),
        # surname alone joins the one full name
        ([[("Petra Lindqvist", "PERSON")], [("Lindqvist", "PERSON")]], {"Petra Lindqvist", "Lindqvist"}),
        # given names romanised with other vowels
        ([[("Rustam Aliyan", "PERSON")], [("Rustem Aliyan", "PERSON")]], {"Rustam Aliyan", "Rustem Aliyan"}),
        # ministry written two ways
        (
            [
                [("Ostrian Foreign Ministry", "ORG", "Ostria")],
                [("Ministry of Foreign Affairs of Ostria", "ORG")],
                [("Ostria", "GPE")],
            ],
            {"Ostrian Foreign Ministry", "Ministry of Foreign Affairs of Ostria"},
        ),
        # acronym
        ([[("Office for Refugee Relief", "ORG")], [("ORR", "ORG")]], {"Office for Refugee Relief", "ORR"}),
    ],
)
def test_merges(articles: list[list[tuple]], together: set[str]) -> None:
    idx = _index(*articles)
    assert frozenset(together) in _groups(idx)


@pytest.mark.parametrize(
    "articles",
    [
        # two people who share a surname
        [[("Lena Horvat", "PERSON")], [("Milan Horvat", "PERSON")]],
        # given names with the same consonants but a different first letter
        [[("Amir Tessel", "PERSON")], [("Omar Tessel", "PERSON")]],
        # similar but different surnames
        [[("Anna Berg", "PERSON")], [("Anna Borg", "PERSON")]],
        # one state's ministry is not another's
        [
            [("Ostrian Defence Ministry", "ORG")],
            [("Pellandic Defence Ministry", "ORG")],
            [("Ostria", "GPE")],
            [("Pelland", "GPE")],
        ],
    ],
)
def test_keeps_apart(articles: list[list[tuple]]) -> None:
    idx = _index(*articles)
    names = [e[0] for a in articles for e in a if e[1] != "GPE"]
    assert len({idx.of(m.article_id, m.entity_id).id for e in idx for m in e.members if m.name in names}) == 2


def test_shared_surname_alone_stays_apart_when_ambiguous() -> None:
    idx = _index([("Lena Horvat", "PERSON")], [("Milan Horvat", "PERSON")], [("Horvat", "PERSON")])
    assert len(idx) == 3


def test_shared_surname_alone_follows_its_article_or_state() -> None:
    # in its own article the surname means the full name there
    idx = _index([("Lena Horvat", "PERSON"), ("Horvat", "PERSON")], [("Milan Horvat", "PERSON")])
    assert frozenset({"Lena Horvat", "Horvat"}) in _groups(idx)
    # by affiliation when the articles differ
    idx = _index(
        [("Lena Horvat", "PERSON", "Ostria")],
        [("Milan Horvat", "PERSON", "Pelland")],
        [("Horvat", "PERSON", "Pelland")],
    )
    assert frozenset({"Milan Horvat", "Horvat"}) in _groups(idx)


def test_given_name_alone_joins_only_in_its_article() -> None:
    idx = _index([("Sergei Volkan", "PERSON"), ("Sergey", "PERSON")], [("Sergey", "PERSON")])
    groups = _groups(idx)
    assert frozenset({"Sergei Volkan", "Sergey"}) in groups
    assert len(idx) == 2


def test_role_joins_its_holder() -> None:
    idx = _index(
        [("Ostrian Prime Minister Tomas Reke", "PERSON")],
        [("the Ostrian prime minister", "PERSON", "Ostria", ["prime minister"])],
        [("the Pellandic prime minister", "PERSON", "Pelland", ["prime minister"])],
        [("Ostria", "GPE")],
        [("Pelland", "GPE")],
    )
    ce = idx.find("Tomas Reke")[0]
    assert {m.name for m in ce.members} == {"Ostrian Prime Minister Tomas Reke", "the Ostrian prime minister"}
    assert ce.name == "Tomas Reke" and ce.affiliation == "Ostria"


def test_sides_config_rolls_up_affiliation() -> None:
    arts = [
        analysis("One.", entities=[("Ostrian Defence Ministry", "ORG", "Ostria"), ("Ostria", "GPE")]),
        analysis("Two.", entities=[("Free Valley Brigade", "GROUP")]),
    ]
    sides = Sides.from_yaml("sides:\n  North: [Ostria, Free Valley Brigade]\n  South: [Pelland]\n")
    idx = resolve_entities(arts, sides=sides)
    assert {e.name: e.side for e in idx} == {
        "Ostrian Defence Ministry": "North",
        "Ostria": "North",
        "Free Valley Brigade": "North",
    }


def test_find_by_any_spelling() -> None:
    idx = _index(
        [("Tigran Avetisian", "PERSON")], [("Tigran Avetisyan", "PERSON")], [("Anna Berg", "PERSON")]
    )
    assert [e.name for e in idx.find("Avetisjan")] in (["Tigran Avetisian"], ["Tigran Avetisyan"])


# --- the corpus: every right answer about entities ---


@pytest.fixture(scope="module")
def corpus_index() -> EntityIndex:
    return resolve_entities(corpus.hand_analyses())


def _canonical_of(idx: EntityIndex, form: str) -> set[str]:
    return {e.id for e in idx for m in e.members if m.name == form}


@pytest.mark.parametrize("group", corpus.expected()["same_entity"], ids=lambda g: g[0])
def test_corpus_same_entity(corpus_index: EntityIndex, group: list[str]) -> None:
    ids = set().union(*(_canonical_of(corpus_index, f) for f in group))
    assert len(ids) == 1, f"{group} spread over {len(ids)} entities"


@pytest.mark.parametrize("pair", corpus.expected()["distinct"], ids=lambda p: " / ".join(p))
def test_corpus_distinct(corpus_index: EntityIndex, pair: list[str]) -> None:
    a, b = (_canonical_of(corpus_index, f) for f in pair)
    assert a and b and not a & b


@pytest.mark.parametrize(("name", "state"), sorted(corpus.expected()["affiliation"].items()))
def test_corpus_affiliation(corpus_index: EntityIndex, name: str, state: str) -> None:
    (cid,) = _canonical_of(corpus_index, name)
    ce = corpus_index.get(cid)
    assert ce is not None and ce.affiliation == state and ce.side == state


def test_person_typed_state_joins_the_state() -> None:
    idx = _index(
        [("Ostria", "GPE")], [("Twenty Ostrian", "PERSON", None, [], ["Ostrian"])], [("Ostria", "PERSON")]
    )
    (ce,) = list(idx)
    assert (ce.name, ce.type, ce.affiliation) == ("Ostria", "GPE", "Ostria")


@pytest.mark.parametrize(
    ("affiliation", "state"),
    [
        ("Ostrian", "Ostria"),
        ("Ostria", "Ostria"),
        ("Ostrian Defence Ministry", "Ostria"),
        ("Pellandic", "Pelland"),
    ],
)
def test_affiliation_as_written_becomes_a_state(affiliation: str, state: str) -> None:
    idx = _index(
        [("Ostria", "GPE"), ("Ostrian Defence Ministry", "ORG")],
        [("Dana Kovac", "PERSON", affiliation, ["spokeswoman"])],
    )
    (dana,) = idx.find("Dana Kovac")
    assert dana.affiliation == state and dana.side == state


@pytest.mark.parametrize(
    ("party_name", "expected"),
    [
        ("Tomas Reke", "Tomas Reke"),
        ("Reke", "Tomas Reke"),
        ("the Ostrian prime minister", "Tomas Reke"),
        ("Ostrian Defence Ministry", "Ministry of Defence of Ostria"),
        ("Pellandic prime minister", None),
        ("Horvat", None),  # two people share it
    ],
)
def test_by_name_resolves_party_names(party_name: str, expected: str | None) -> None:
    idx = _index(
        [("Ostria", "GPE"), ("Pelland", "GPE"), ("Ministry of Defence of Ostria", "ORG")],
        [("Ostrian Prime Minister Tomas Reke", "PERSON")],
        [("Lena Horvat", "PERSON")],
        [("Milan Horvat", "PERSON")],
    )
    ce = idx.by_name(party_name)
    assert (ce.name if ce else None) == expected
