"""Targets: whom or what an event is done to.

A verb's target is its object (or passive subject), else the object of a target preposition the
type table allows ("talks with X", "strikes on X", not "met on the sidelines"); the object of a
charge or a rejection that is a claim stands for whose claim it is; an event noun's target hangs
on it by such a preposition ("the shelling of Martuni"); a charge against an act charges that
act's actor ("condemned the raid by Lormarki troops")."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import Party
from .grammar import by_agent, pobj_of
from .lexicon import lex
from .match import match_noun
from .parties import modifier_parties, parties_of
from .state import ArticleState


def object_parties(st: ArticleState, verb: Token, etype: str, second: Token | None) -> list[Party]:
    """The target(s): the object (or passive subject), else a target preposition's object. The
    object of a charge or a rejection that is a claim stands for whose claim it is ("rejected
    offers of mediation from religious leaders"); an event noun of the verb's own type is the
    event itself ("met ... for their first direct talks"), not a target."""
    kids = list(verb.children)
    objs = [k for k in kids if k.dep_ in ("dobj", "nsubjpass", "dative")]
    if etype == "MOBILIZE":  # "deployed more troops": the actor's own forces, no target
        objs = [k for k in objs if k.lemma_.lower() not in lex().cues["force_nouns"]]
    objs = [k for k in objs if (match_noun(k) or ("",))[0] != etype]
    # what an act is done to may be a thing hit ("shelled the hospital"); what talks, charges and
    # demands are addressed to is a counterpart ("negotiate with armed groups")
    hit = etype.lower() not in lex().cues["counterpart_types"]
    for o in objs:
        if etype in ("REJECT", "ACCUSE") and o.lemma_.lower() in lex().cues["claim_nouns"]:
            ps = claim_parties(st, o)
        elif second is not None and o.i == second.i and etype not in ("ASSAULT", "COERCE"):
            ps = noun_targets(st, o)
        else:
            ps = parties_of(st, o, as_target=hit)
        if ps:
            return ps
    preps = lex().cues["target_preps"]
    for k in kids:
        if k.dep_ == "prep" and k.lower_ in preps:
            if etype not in lex().target_types.get(k.lower_, {etype}):
                continue  # "met on the sidelines of the summit": a setting, not a counterpart
            if k.lower_ == "in" and objs:
                continue  # "killed four farmers in Harrow": where it happened, not whom
            pobj = pobj_of(k)
            if pobj is not None:
                ps = parties_of(st, pobj, as_target=hit)
                if ps:
                    return ps
    return []


def claim_parties(st: ArticleState, claim: Token) -> list[Party]:
    """Whose claim, offer or demand a noun is: its party modifier ("the Russian account",
    "Kyiv's demands") or the party it is from ("offers of mediation from religious leaders",
    "claims by Kiev")."""
    owners = modifier_parties(st, claim)
    if owners:
        return owners
    poss = next((k for k in claim.children if k.dep_ == "poss"), None)
    if poss is not None and (ps := parties_of(st, poss)):
        return ps  # "the ministry's account"
    frontier = [claim]
    for _ in range(2):  # "offers of mediation from X": the from-phrase may hang one level down
        nxt = []
        for t in frontier:
            for k in t.children:
                if k.dep_ in ("prep", "agent") and k.lower_ in ("from", "by"):
                    pobj = pobj_of(k)
                    ps = parties_of(st, pobj) if pobj is not None else []
                    if ps:
                        return ps
                if k.dep_ == "prep":
                    nxt.extend(g for g in k.children if g.dep_ == "pobj")
                if k.dep_ == "acl" and k.tag_ == "VBN":
                    nxt.append(k)  # "the figure released by NEMA"
        frontier = nxt
    return []


def noun_targets(st: ArticleState, tok: Token, etype: str | None = None) -> list[Party]:
    """The target of an event noun: the object of a target preposition hanging on it ("strikes
    on Kell", "talks with Ossaria"), where the preposition targets for the noun's type ("talks
    in Cairo" name a setting, not a counterpart)."""
    for k in tok.children:
        if k.dep_ == "prep" and k.lower_ in lex().cues["noun_target_preps"]:
            if etype is not None and etype not in lex().target_types.get(k.lower_, {etype}):
                continue
            pobj = pobj_of(k)
            if pobj is not None:
                ps = parties_of(st, pobj, as_target=True)
                if ps:
                    return ps
    return []


def charged_party(st: ArticleState, verb: Token) -> list[Party]:
    """Whom a charge is against when it names an act, not a party: the actor of the event noun
    it condemns or blames someone for ("condemned Ossaria's shelling", "blamed the attack on
    ...")."""
    nouns = [k for k in verb.children if k.dep_ in ("dobj", "nsubjpass")]
    nouns += [
        g
        for k in verb.children
        if k.dep_ == "prep" and k.lower_ in ("for", "of", "over")
        for g in k.children
        if g.dep_ == "pobj"
    ]
    for n in nouns:
        m = match_noun(n)
        if m is None or m[0] not in lex().hostile:
            continue
        ps = modifier_parties(st, n, pronouns=False)
        if not ps:
            agent = by_agent(n)
            ps = parties_of(st, agent) if agent is not None else []
        if ps:
            return ps
    return []
