"""The who layer's sides (who/sides.py) and speakers' own words (who/speakers.py)."""

from __future__ import annotations

import pytest

from counterclaim.extract.who.sides import nationality_like, side_of, state_named
from counterclaim.extract.who.speakers import first_person, speaker_of_words
from counterclaim.records import Article, Context, Entity, EntityTable, Party, Quote


def ctx_with(*entities: tuple[str, str, str | None]) -> Context:
    text = " ".join(name for name, _, _ in entities)
    ents = [
        Entity(id=f"e{n}", name=name, type=etype, affiliation=aff, mentions=[(n, n + 1)])  # type: ignore[arg-type]
        for n, (name, etype, aff) in enumerate(entities)
    ]
    return Context(article=Article.make(text), entities=EntityTable(ents))


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Ukrainian", True), ("Ossarian", True), ("Dunmoori", True), ("the", False), ("ukrainian", False)],
)
def test_nationality_like(word: str, expected: bool) -> None:
    assert nationality_like(word) is expected


def test_state_named_prefers_the_articles_own_entity() -> None:
    ctx = ctx_with(("Ossaria", "GPE", None), ("Britain", "GPE", None))
    named = state_named("Ossarian", ctx)  # no lexicon knows it: the suffix rules find the article's state
    assert isinstance(named, Entity) and named.name == "Ossaria"
    named = state_named("British", ctx)  # the lexicon's "United Kingdom", under the article's name
    assert isinstance(named, Entity) and named.name == "Britain"
    assert state_named("Kremlin", ctx_with()) == "Russia"  # a seat of government
    assert state_named("Lormarki", ctx_with()) is None  # nothing resolves it


@pytest.mark.parametrize(
    ("word", "in_article", "expected"), [("Ossarian", True, "Ossaria"), ("Ossarian", False, None)]
)
def test_state_named_is_worked_out_once_per_entity_table(
    word: str, in_article: bool, expected: str | None
) -> None:
    ctx = ctx_with(("Ossaria", "GPE", None)) if in_article else ctx_with()
    first = state_named(word, ctx)
    assert (first.name if isinstance(first, Entity) else first) == expected
    assert ctx.entities.memo[("state_named", word)] is first  # kept with this article's table
    assert state_named(word, ctx) is first
    other = ctx_with() if in_article else ctx_with(("Ossaria", "GPE", None))  # another article's table
    again = state_named(word, other)
    assert (again.name if isinstance(again, Entity) else again) == (None if in_article else "Ossaria")


def test_side_of_is_worked_out_once_per_party_name_and_table() -> None:
    ctx = ctx_with(("Dmitry Peskov", "PERSON", "Kremlin"), ("Kremlin", "ORG", None))
    peskov = Party(name="Dmitry Peskov", entity_id="e0", kind="source")
    assert side_of(peskov, ctx) == "Russia"
    assert ctx.entities.memo[("side_of", "e0", "Dmitry Peskov")] == "Russia"
    # another party, another answer: the key is the party's entity and name, not the call
    assert side_of(Party(name="Ossarian officials", kind="source"), ctx) is None


def test_side_of_follows_affiliations_seats_and_name_words() -> None:
    ctx = ctx_with(("Dmitry Peskov", "PERSON", "Kremlin"), ("Kremlin", "ORG", None), ("Russia", "GPE", None))
    peskov = Party(name="Dmitry Peskov", entity_id="e0", kind="source")
    assert side_of(peskov, ctx) == "Russia"
    assert side_of(Party(name="Russian Defense Ministry", kind="source"), ctx) == "Russia"
    assert side_of(Party(name="residents", kind="source"), ctx) is None


def test_first_person_and_the_speaker_of_the_words(nlp) -> None:
    assert first_person("We") and first_person("our") and not first_person("they")
    text = '"Our forces did not strike the village," the ministry said.'
    doc = nlp(text)
    ctx = Context(article=Article.make(text))
    ministry = Party(name="Ossarian Defence Ministry", kind="source", resolved_via="name")
    ctx.quotes = [Quote(speaker=ministry, text=text[1:-17], kind="direct", span=(0, len(text)))]
    our = next(t for t in doc if t.text == "Our")
    assert speaker_of_words(our, ctx) == ministry
    assert speaker_of_words(our, Context(article=Article.make(text))) is None  # outside any quote
