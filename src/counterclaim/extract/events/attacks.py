"""Attacks no subject names: the actor and target of an attack told in the passive or by a noun.

* "three civilians were killed in a Hamas-led attack": the party modifying the attack noun, else
  an unknown actor ("killed in a bombing");
* "missile strikes on Ganja killed four civilians": the target on the attack noun;
* "missiles were launched from the territory of Armenia": the party whose ground it was;
* "Kramatorsk railway station was hit", "the station in Kramatorsk was hit": a place or facility
  hit, by an unknown actor, with the place in its phrase as target.

A count of people killed with no attack named ("70 soldiers have been killed") is a toll, not an
event."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Party
from .grammar import PASSIVE_SUBJ, PLACE_ENT, SUBJ_DEPS, of_object, pobj_of
from .lexicon import lex
from .match import match_noun
from .parties import modifier_parties, parties_of
from .state import ArticleState, in_dateline
from .targets import noun_targets


def unattributed_attack(st: ArticleState, verb: Token) -> list[Party]:
    """The actor of an attack verb with no subject party: the party modifying the attack or
    weapon noun it names ("killed in a Hamas-led attack"), else unknown; nothing when no such
    noun is named ("70 soldiers have been killed" is a toll, not an event)."""
    kids = list(verb.children)
    nouns: list[Token] = []
    if any(k.dep_ in PASSIVE_SUBJ for k in kids):
        # "killed in an attack", also when the parser hung the phrase on a place ("killed along
        # the border in Hezbollah attacks")
        frontier = kids
        for _ in range(3):
            nxt = []
            for k in frontier:
                if k.dep_ in ("prep", "agent") and k.lower_ in lex().cues["attack_noun_preps"]:
                    nouns.extend(g for g in k.children if g.dep_ == "pobj")
                if k.dep_ in ("prep", "agent"):
                    objs = [p for p in k.children if p.dep_ == "pobj"]
                    nxt.extend(g for p in objs for g in p.children if g.dep_ == "prep")
            frontier = nxt
    subj = next((k for k in kids if k.dep_ in SUBJ_DEPS and not in_dateline(st, k)), None)
    if subj is not None:
        nouns.append(subj)
    for n in nouns:
        m = match_noun(n)
        if n.lemma_.lower() in lex().cues["weapon_nouns"] or (m is not None and m[0] == "ASSAULT"):
            return modifier_parties(st, n, pronouns=False) or [Party.unknown()]
    return []


def weapon_targets(st: ArticleState, verb: Token) -> list[Party]:
    """The target named on the attack noun that does an unattributed act ("missile strikes on
    Ganja killed four civilians", "were killed in shelling of Martuni")."""
    nouns = [k for k in verb.children if k.dep_ in SUBJ_DEPS and not in_dateline(st, k)]
    nouns += [g for k in verb.children if k.dep_ in ("prep", "agent") for g in k.children if g.dep_ == "pobj"]
    for n in nouns:
        m = match_noun(n)
        if m is not None and m[0] == "ASSAULT":
            ps = noun_targets(st, n, "ASSAULT")
            if ps:
                return ps
    return []


def launched_from(st: ArticleState, verb: Token) -> list[Party]:
    """The actor of a passive attack launched from a party's territory ("missiles were launched
    from the territory of Armenia")."""
    if not any(k.dep_ in PASSIVE_SUBJ for k in verb.children):
        return []
    for k in verb.children:
        if k.dep_ == "prep" and k.lower_ == "from":
            ground = pobj_of(k)
            if ground is not None and ground.lemma_.lower() in lex().cues["territory_nouns"]:
                owner = of_object(ground)
                ps = parties_of(st, owner) if owner is not None else modifier_parties(st, ground)
                if ps:
                    return ps
    return []


def place_hit(st: ArticleState, verb: Token) -> list[Party]:
    """The place named in the phrase of a thing hit in the passive ("the railway station in
    Kramatorsk was hit"): with no attacker named, the place is what the report is about."""
    subj = next((k for k in verb.children if k.dep_ in PASSIVE_SUBJ), None)
    if subj is None:
        return []
    for k in subj.children:
        if k.dep_ == "prep" and k.lower_ in lex().cues["locative_preps"]:
            pobj = pobj_of(k)
            if pobj is None:
                continue
            ent = st.ctx.entities.at(pobj.idx, pobj.idx + len(pobj))
            if pobj.ent_type_ in PLACE_ENT or (ent is not None and ent.type in PLACE_ENT):
                return parties_of(st, pobj)
    return []


def hit_place(st: ArticleState, verb: Token) -> list[Party]:
    """An unknown actor for a place or a named facility hit in the passive ("Kramatorsk railway
    station was hit"): the attack is told, its author is not. A person or a count hit
    ("70 soldiers were killed") is a toll, not this."""
    subj = next((k for k in verb.children if k.dep_ in PASSIVE_SUBJ), None)
    if subj is None or verb.lemma_.lower() not in lex().cues["hit_verbs"]:
        return []
    ent = st.ctx.entities.at(subj.idx, subj.idx + len(subj))
    place = subj.ent_type_ in ("GPE", "LOC", "FAC") or (ent is not None and ent.type == "GPE")
    thing = subj.pos_ == "NOUN" and bool(parties_of(st, subj, as_target=True) or place_hit(st, verb))
    if place or thing:
        return [Party.unknown()]
    return []
