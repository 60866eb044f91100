"""Sides: the state a nationality word names, and the state or group a party stands for.

Read from the shared lexicons only: ``countries`` (nationality words, capitals and seats of
government, and the peoples and regions that are no states) and the nationality suffix rules of
``compare_demonyms`` (for states the lexicon does not know: "Ossarian" -> "Ossaria" when the
article names Ossaria). Public functions:

- ``nationality_like(word)``: the word reads as a nationality adjective;
- ``state_named(word, ctx)``: the state such a word (or a capital, or a seat) names, as the
  article's own entity when it has one;
- ``side_of(party, ctx)``: the state or group a party belongs to (its entity's affiliation,
  followed through persons and seats; a nationality or state word in its name).
"""

from __future__ import annotations

import functools
import re

from ... import lexicons
from ...records import Context, Entity, Party
from ..grammar import clean_name, nationalities


@functools.cache
def _suffix_rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    rules = lexicons.entries("compare_demonyms")["suffix_rules"]
    return tuple((re.compile(str(pattern)), str(repl)) for pattern, repl in rules)


@functools.cache
def _any_suffix() -> re.Pattern[str]:
    """One pattern matching where any of the suffix rules matches."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in _suffix_rules()))


@functools.cache
def non_states() -> frozenset[str]:
    """Peoples, regions and blocs of the ``countries`` lexicon (its ``groups``), lower-cased."""
    return frozenset(str(n).lower() for n in (lexicons.load("countries").get("groups") or {}))


@functools.cache
def seats() -> frozenset[str]:
    """Capitals and seats of government of the ``countries`` lexicon, lower-cased."""
    data = lexicons.load("countries")
    out = {str(k).lower() for k in (data.get("seats") or {})}
    for section in ("entries", "groups"):
        for info in (data.get(section) or {}).values():
            out.update(str(c).lower() for c in (info or {}).get("capital", []))
    return frozenset(out)


def nationality_like(word: str) -> bool:
    """A capitalised word that reads as a nationality adjective: one the lexicon knows, or one
    with a nationality ending ("Ossarian", "Dunmoori")."""
    if not word[:1].isupper():
        return False
    low = word.lower()
    return low in nationalities() or _any_suffix().search(low) is not None


def state_named(word: str, ctx: Context) -> Entity | str | None:
    """The state a nationality word, capital or seat names ("Russian", "Moscow", "Kremlin"):
    the article's entity for that state when it has one, else the lexicon's name; for a
    nationality the lexicon does not know, a state the article names that the suffix rules
    turn it into ("Ossarian" -> Ossaria), or one sharing its five-letter stem. None otherwise."""
    memo = ctx.entities.memo  # the answer depends on the word and the article's entities only
    key = ("state_named", word)
    if key not in memo:
        memo[key] = _state_named(word, ctx)
    return memo[key]


def _state_named(word: str, ctx: Context) -> Entity | str | None:
    name = clean_name(word)
    low = name.lower()
    known = nationalities().get(low)
    if known:
        return _article_state(known, ctx) or known
    states = [e for e in ctx.entities if e.type == "GPE"]
    for pattern, repl in _suffix_rules() if _any_suffix().search(low) else ():
        if pattern.search(low):
            guess = pattern.sub(repl, low)
            hit = next((e for e in states if e.name.lower() == guess), None)
            if hit is not None:
                return hit
    stem = _stem(low)
    if len(stem) >= 5 and nationality_like(name):
        hit = next((e for e in states if _stem(e.name) == stem and e.name.lower() != low), None)
        if hit is not None:
            return hit
    return None


def _article_state(state: str, ctx: Context) -> Entity | None:
    """The article's entity for a state of the lexicon, under whatever name the article uses
    ("Britain" for "United Kingdom"); a capital is not the state's name."""
    direct = ctx.entities.lookup(state)
    if direct is not None:
        return direct
    nat = nationalities()
    for e in ctx.entities:
        if e.type != "GPE" or e.name.lower() in seats():
            continue
        if any(nat.get(f.lower()) == state for f in [e.name, *e.aliases]):
            return e
    return None


def side_of(party: Party, ctx: Context) -> str | None:
    """The state or group a party belongs to: its entity's affiliation (followed through
    persons and bodies, "Peskov" -> "Kremlin" -> Russia), a capital or seat's state, a state
    itself, or a nationality or state word in its name ("Russian Defense Ministry" -> Russia)."""
    memo = ctx.entities.memo  # the answer depends on the party's entity and name, and the table
    key = ("side_of", party.entity_id, party.name)
    if key not in memo:
        memo[key] = _side_of(party, ctx)
    return memo[key]


def _side_of(party: Party, ctx: Context) -> str | None:
    entity = ctx.entities.by_id(party.entity_id) if party.entity_id else ctx.entities.lookup(party.name)
    seen: set[str] = set()
    name = party.name
    while entity is not None and entity.id not in seen:
        seen.add(entity.id)
        name = entity.name
        if entity.affiliation:
            nxt = ctx.entities.lookup(entity.affiliation)
            if nxt is None:
                name = entity.affiliation
                break
            entity = nxt
            continue
        break
    if entity is not None and entity.type in ("GPE", "GROUP") and entity.name.lower() not in seats():
        return entity.name
    return _side_in_words(name, ctx)


def affiliations(party: Party, ctx: Context) -> list[str]:
    """The bodies a party's entity belongs to, followed through the entity table ('ODF
    spokesperson Arel Danon' -> 'Ostrian Defence Forces' -> ...), nearest first."""
    e = ctx.entities.by_id(party.entity_id) if party.entity_id else None
    out: list[str] = []
    while e is not None and e.affiliation and e.affiliation not in out and len(out) < 4:
        out.append(e.affiliation)
        e = ctx.entities.lookup(e.affiliation)
    return out


def _side_in_words(name: str, ctx: Context) -> str | None:
    """A state or group named by the words of a name: the whole name, else its words from the
    right ("the Ministry of Defence of Ossaria"), else a nationality word in it."""
    memo = ctx.entities.memo  # the answer depends on the name and the article's entities only
    key = ("side_in_words", name)
    if key not in memo:
        memo[key] = _words_side(name, ctx)
    return memo[key]


def _words_side(name: str, ctx: Context) -> str | None:
    words = clean_name(name).split()
    for w in [" ".join(words), *reversed(words)]:
        if not w[:1].isupper():
            continue
        state = state_named(w, ctx)
        if isinstance(state, Entity):
            return state.name
        if state is not None:
            return state
        e = ctx.entities.lookup(w)
        if e is not None and e.type in ("GPE", "GROUP") and e.name.lower() not in seats():
            return e.name
    return None


def _stem(name: str) -> str:
    w = re.sub(r"[^a-z]", "", name.lower().split()[0] if name.split() else "")
    return w[:5] if len(w) >= 5 else w
