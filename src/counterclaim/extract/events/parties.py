"""Parties: which party an event's mention denotes, asked of the shared "who" layer.

The boundary is ``party_of(st, mention, *, as_target=False) -> Party | None``: the head token of a
noun phrase in, the party it denotes (or None) out. Names, pronouns, titles, documents and
descriptions are answered by ``who.resolve_mention``; first-person pronouns by the quote layer's
speaker (``who.speakers``); nationality words, capitals and seats by ``who.sides``. What stays
here is what only events need:

* a force or weapon noun stands for the state that owns it ("Russian troops", "Israel's
  warplanes", "its artillery" -> the state), and merging still tells "Ossarian troops" from the
  "Ossarian air force" (``ArticleState.surfaces``);
* a target may be a thing hit rather than a party: it stands for its owner if the phrase names
  one ("the Tolvan fishing boats"), else it is no party;
* which nouns can be actors at all: names, bodies, forces and social groups, not "residents",
  "the report" or "the rubble"; a toll ("the number of soldiers killed") and a count's own
  head ("thousands of students" -> the students) are read through.

The role readers the other rooms call find the mention for a role and ask ``party_of``:
``parties_of`` (a mention and its conjuncts; notes the party's side in ``ArticleState.sides``),
``subject_parties`` (a verb's actor: subject, passive agent or controlling subject),
``modifier_parties`` (the parties a noun's modifiers name: "Russian strikes", "its forces") and
``crowd_party`` (a counted crowd as actor). ``same_side`` tells whether two parties are of one
side."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from spacy.tokens import Token

from ...records import Entity, Party, ResolvedVia
from .. import who
from ..grammar import clean_name, not_party, noun_phrase
from ..who.sides import affiliations, nationality_like, non_states, side_of, state_named
from ..who.speakers import first_person, pronoun, speaker_of_words
from .grammar import (
    NOT_PARTY_ENT,
    PARTY_ENT,
    PASSIVE_SUBJ,
    SUBJ_DEPS,
    by_agent,
    ent_span,
    first_child,
    issued_statement,
    of_object,
    pobj_of,
    reporting_verb,
    subject_of,
)
from .lexicon import cue_union, lex
from .state import ArticleState, in_dateline

COUNT_DEPS = {"nummod", "quantmod"}


def _once[F: Callable[..., Any]](fn: F) -> F:
    """``fn(st, tok, **flag)`` worked out once per token and flag in an article (kept in
    ``ArticleState.memo``): what a mention denotes depends on the doc and context alone. The same
    Party objects come back each time; a list comes back as a fresh copy (callers extend theirs)."""

    @functools.wraps(fn)
    def once(st: ArticleState, tok: Token, **flag: bool) -> Any:
        key = (fn, tok.i, *flag.values()) if flag else (fn, tok.i)
        hit = st.memo.get(key, st)  # the state itself stands for "not yet read"
        if hit is st:
            hit = st.memo[key] = fn(st, tok, **flag)
        return hit.copy() if type(hit) is list else hit

    return once  # type: ignore[return-value]


# --- the boundary ------------------------------------------------------------------------------


@_once
def party_of(st: ArticleState, tok: Token, *, as_target: bool = False) -> Party | None:
    """The party the mention headed by ``tok`` denotes, or None (a date, a toll, a thing, the
    place a story was filed from). ``as_target``: the mention is what an act is done to, so a
    thing hit stands for its owner."""
    if in_dateline(st, tok):
        return None  # the place a story was filed from acts in nothing
    if pronoun(tok):
        return pronoun_party(st, tok, as_target=as_target)
    lemma = tok.lemma_.lower()
    cues = lex().cues
    if tok.ent_type_ in NOT_PARTY_ENT or any(k.tag_ in ("WDT", "WP$") for k in tok.children):
        return None  # a date, a number, "which side"
    if lemma in cues["toll_nouns"]:
        return None  # "the number of Palestinians killed": a toll, not a party
    political = lemma == "party" and any(
        k.dep_ in ("amod", "compound") and k.lower_ in cues["political_modifiers"] for k in tok.children
    )  # "seven opposition parties": political parties, not "both parties"
    if tok.pos_ == "NOUN" and (not_party(lemma) or not_party(tok.lower_)) and not political:
        # "both sides", "photos", "battles": the who layer's nouns that are no party, unless a
        # named party's word goes with them ("the Turkish and Greek sides")
        ps = modifier_parties(st, tok, pronouns=False) if lemma in ("side", "sides") else []
        return ps[0] if ps else None
    if (lemma in cues["quantity_nouns"] or tok.pos_ == "NUM") and tok.ent_type_ not in PARTY_ENT:
        # "thousands of students", "a group of leaders": the counted party
        pobj = of_object(tok)
        if pobj is not None and not any(k.dep_ == "appos" for k in tok.children):
            return party_of(st, pobj, as_target=as_target)
    if tok.dep_ in ("amod", "compound") and nationality_like(tok.text):
        state = _state_of(st, tok)  # "Tolvan boats": the state, when the article names it
        if state is not None:
            return state
    if (
        lemma == "force"
        and tok.tag_ == "NN"
        and not any(k.dep_ in ("det", "poss", "compound") or k.ent_type_ for k in tok.children)
    ):
        return None  # "with full force", "by force": a manner, not a party
    if lemma in cues["state_force_nouns"] and (tok.pos_ == "NOUN" or tok.text.islower()):
        owner = _state_owner(st, tok)  # "Dunmoori artillery", "Ossaria's army": the state
        if owner is not None:
            return owner
    if lemma in cues["label_force_nouns"] and tok.pos_ == "NOUN":
        # "Russian terrorists attacked": a side's label for a state's forces, when the article
        # names that state (not "Palestinian terrorists" where no Palestinian state is a party)
        owner = _state_owner(st, tok)
        if owner is not None and owner.entity_id is not None:
            return owner
    ent = st.ctx.entities.at(tok.idx, tok.idx + len(tok))
    if ent is None and tok.text[:1].isupper() and tok.pos_ in ("NOUN", "PROPN"):
        ent = st.ctx.entities.lookup(tok.text)  # a name the tagger missed here ("the RSF accused")
    if ent is not None and ent.type == "NORP" and tok.dep_ in ("amod", "compound", "poss"):
        state = _state_of(st, tok)  # "Ukrainian shelling": the state, when the demonym names one
        if state is not None:
            return state
    if ent is not None and ent.type in PARTY_ENT | {"GROUP"}:
        return _entity_party(st, ent, tok)
    # appositive name: "Ossaria's foreign minister, Teodor Brannick"
    for k in tok.children:
        if k.dep_ == "appos" and (k.ent_type_ == "PERSON" or k.pos_ == "PROPN"):
            p = party_of(st, k)
            if p is not None:
                return p
    poss = first_child(tok, ("poss",))
    if (
        poss is not None
        and pronoun(poss)
        and (lemma in cues["force_nouns"] or lemma in cues["title_nouns"] or lemma in cues["weapon_nouns"])
    ):
        owner = pronoun_party(st, poss)  # "its forces", "our troops": the owner's side
        if owner is None:
            return None
        owner_ent = st.ctx.entities.by_id(owner.entity_id) if owner.entity_id else None
        if owner_ent is not None and owner_ent.type == "PERSON" and owner_ent.affiliation:
            side = st.ctx.entities.lookup(owner_ent.affiliation)
            p = _entity_party(st, side, tok) if side else _new_party(owner_ent.affiliation)
            return _as_pronoun(p)
        if lemma in cue_union("force_nouns", "weapon_nouns"):
            # "the Defense Ministry said its units had destroyed ...": the state's forces
            state = state_behind(st, owner, tok)
            return _as_pronoun(state) if state is not None else owner
        return owner
    if lemma in cues["claim_nouns"] and tok.ent_type_ not in PARTY_ENT:
        return None
    if poss is not None and lemma in cue_union("force_nouns", "group_nouns") and poss.ent_type_ == "GPE":
        named = _named_compound(st, tok)  # "Colombia's ELN guerrilla group": the ELN, not Colombia
        if named is not None:
            return named
        sp = ent_span(poss)
        if sp is not None:
            return _new_party(clean_name(sp.text))
    if tok.ent_type_ in PARTY_ENT:
        sp = ent_span(tok)
        if sp is not None:
            if tok.ent_type_ == "NORP" and (tok.pos_ == "ADJ" or tok.dep_ in ("amod", "compound")):
                return _state_of(st, tok) or _new_party(clean_name(sp.text))
            return _ask_who(st, tok) or _new_party(clean_name(sp.text))
    if lemma in cues["weapon_nouns"] or (lemma in lex().nouns and not as_target):
        return _weapon_owner(st, tok, as_target=as_target)
    if lemma in cues["title_nouns"]:
        return _title_party(st, tok, as_target=as_target)
    if lemma in cues["non_parties"] or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.pos_ == "NOUN" and _unknown_name(tok):
        # "Dunmoor called on ...": a capitalised word the model has never seen is a name
        return _new_party(clean_name(tok.text))
    if as_target and tok.pos_ == "NOUN" and lemma not in cues["force_nouns"]:
        # a thing hit, not a party: a facility its name names ("the Artemov missile plant"),
        # else its owner if the phrase names one
        if _named_facility(st, tok):
            return _new_party(np_text(tok))
        ps = modifier_parties(st, tok)
        if ps:
            return ps[0]
        owners = cue_union("force_nouns", "group_nouns")
        owner = next((k for k in tok.children if k.dep_ == "compound" and k.lemma_.lower() in owners), None)
        if owner is not None:
            return _new_party(owner.text)  # "five police vehicles were ambushed": the police
        for k in tok.children:
            if k.dep_ == "prep" and k.lower_ == "of":
                pobj = pobj_of(k)
                if pobj is not None:
                    return party_of(st, pobj, as_target=True)
        return None
    if tok.pos_ == "NOUN" and lemma not in cue_union("force_nouns", "group_nouns"):
        ps = modifier_parties(st, tok)
        if ps:
            return ps[0]
        if any(k.dep_ == "amod" and k.lower_ in cues["armed_modifiers"] for k in tok.children):
            # "armed individuals", "masked men": an armed party, described rather than named
            return _new_party(np_text(tok), via="collective")
        return None  # "residents", "the report": no party unless a named one owns it
    if tok.pos_ == "PROPN":
        return _ask_who(st, tok)
    return _described(st, tok)


def _named_facility(st: ArticleState, tok: Token) -> bool:
    """A thing named by a proper name of its own ("the Artemov missile plant", "the Okhmatdyt
    hospital"), not by its owner's ("the Ukrainian plant", "Kyiv's hospital")."""
    for k in tok.subtree:
        if k.dep_ != "compound" or k.i > tok.i or k.pos_ != "PROPN":
            continue
        ent = st.ctx.entities.at(k.idx, k.idx + len(k))
        owners = ("GPE", "NORP")  # a person's name before a facility names it ("the Kirov plant")
        if k.ent_type_ in owners or (ent is not None and ent.type in owners):
            continue
        if not nationality_like(k.text):
            return True
    return False


def _named_compound(st: ArticleState, tok: Token) -> Party | None:
    """The group a proper name compounded with a group noun names ("the JNIM group", "the ELN
    guerrilla group"): the name nearest the head."""
    for k in sorted(tok.subtree, key=lambda t: -t.i):
        if k.i >= tok.i or k.dep_ != "compound":
            continue
        if k.pos_ != "PROPN":
            continue  # "guerrilla" in "ELN guerrilla group": look further left
        ent = st.ctx.entities.at(k.idx, k.idx + len(k))
        if ent is not None and ent.type in ("ORG", "GROUP"):
            return _entity_party(st, ent, k)
        if ent is None and k.ent_type_ not in ("NORP", "GPE") and not nationality_like(k.text):
            return _ask_who(st, k)
        return None
    return None


def _described(st: ArticleState, tok: Token) -> Party | None:
    """A force or group named by a description: the name in it ("the al Qaeda-linked JNIM
    group" -> JNIM), the group a definite description stands for (the who layer: "the
    Lebanon-based militant group" -> the group named before), else its own words ("rebel
    fighters")."""
    named = _named_compound(st, tok)
    if named is not None:
        return named
    if any(k.dep_ == "det" and k.lower_ in ("the", "this", "that") for k in tok.children):
        p = _ask_who(st, tok)
        if p is not None and p.resolved_via in ("title", "pronoun", "name", "alias"):
            return p
    text = np_text(tok)
    return _new_party(text) if text else None


def pronoun_party(st: ArticleState, tok: Token, *, as_target: bool = False) -> Party | None:
    """The party a pronoun denotes: the quote's speaker for "we" and "our" (else the subject of
    the reporting verb whose content holds it), the who layer's antecedent for the others (read
    as a target when the pronoun is one: 'police vehicles ... when they were ambushed' -> police)."""
    if first_person(tok.lower_):
        sp = speaker_of_words(tok, st.ctx)
        if sp is None:
            rv = reporting_verb(tok)
            if rv is not None and rv.i != tok.head.i:
                subj = subject_of(rv)
                sp = party_of(st, subj) if subj is not None and not pronoun(subj) else None
        return _as_pronoun(sp) if sp is not None else None
    if tok.dep_ in SUBJ_DEPS and tok.head.lemma_.lower() in lex().reporting_verbs:
        sp = speaker_of_words(tok.head, st.ctx)  # "..., it said": the quote layer named 'it'
        if sp is not None:
            return _as_pronoun(sp)
    main = who.main_clause_subject(tok)
    if main is not None and as_target:
        p = party_of(st, main, as_target=True)
        if p is not None:
            return _as_pronoun(p)
    p = who.resolve_mention(st.doc, tok, st.ctx)
    return _as_pronoun(p) if p is not None else None


def _ask_who(st: ArticleState, tok: Token) -> Party | None:
    return who.resolve_mention(st.doc, tok, st.ctx)


def _entity_party(st: ArticleState, ent: Entity, tok: Token) -> Party:
    return who.entity_party(ent, tok.text, st.ctx)


def _weapon_owner(st: ArticleState, tok: Token, *, as_target: bool = False) -> Party | None:
    """The party a weapon or attack noun stands for: the party modifying it ("Russian
    missiles"), its "by" agent, or the owner named in it ("rebel artillery"; as a target, the
    owner alone: "shot down two army fighter jets" -> the army); else None."""
    cues = lex().cues
    ps = modifier_parties(st, tok)
    if ps:
        return ps[0]
    owners = cue_union("force_nouns", "group_nouns")
    mods = [k for k in tok.subtree if k.i < tok.i and k.dep_ in ("compound", "amod")]
    owner = next((k for k in mods if k.lemma_.lower() in owners), None)  # the outermost owner
    if as_target and owner is not None:
        return _new_party(owner.text)
    agent = by_agent(tok)
    if agent is not None:
        return party_of(st, agent)
    for k in tok.children:
        source = pobj_of(k) if k.dep_ == "prep" and k.lower_ == "from" else None
        if source is not None and (named := modifier_parties(st, source, pronouns=False)):
            return named[0]  # "a missile from the Ukrainian air defense system"
    lemma = tok.lemma_.lower()
    owners = cue_union("force_nouns", "group_nouns", "title_nouns")
    if (
        lemma in cues["weapon_nouns"]
        and lemma in cues["force_nouns"]
        and any(k.dep_ in ("amod", "compound") and k.lemma_.lower() in owners for k in tok.children)
    ):
        text = np_text(tok)  # "rebel artillery", "government warplanes"
        return _new_party(text) if text else None
    return None


def _title_party(st: ArticleState, tok: Token, *, as_target: bool = False) -> Party | None:
    """An office or its holder: a state named in the phrase (as an actor "Ossarian authorities"
    keeps its words, tied to Ossaria; as a target it is Ossaria; "the Ossarian ministry" stays an
    office), an organisation named in it, else the who
    layer's answer (the last holder of "the president", "the ministry"), else the phrase's words
    ("a military spokesman"); a bare body with no name ("the government") is no party."""
    cues = lex().cues
    lemma = tok.lemma_.lower()
    name_ent = _named_modifier(st, tok)
    if name_ent is not None and name_ent.label_ == "ORG" and lemma not in cues["force_nouns"]:
        return _new_party(clean_name(name_ent.text))
    office = lemma in cues["state_office_nouns"]
    if name_ent is not None and name_ent.label_ in ("GPE", "NORP") and not office:
        state = state_named(name_ent.text, st.ctx)
        if not as_target and name_ent.root.head.i == tok.i and name_ent.root.dep_ in ("amod", "compound"):
            # "the Turkish government", "Iranian authorities" act: named as written, tied to the
            # state (what is done to "three Russian diplomats" is done to Russia)
            text = np_text(tok)
            entity_id = state.id if isinstance(state, Entity) else None
            return Party(name=text, entity_id=entity_id, kind="source", resolved_via="collective")
        if isinstance(state, Entity):
            return _entity_party(st, state, name_ent.root)
        return _new_party(state or clean_name(name_ent.text))
    if name_ent is None:
        p = _ask_who(st, tok)
        if p is not None and p.resolved_via not in ("collective", None):
            return p
    text = np_text(tok)
    if not text or text.lower() in cues["bare_bodies"]:
        return None
    return _new_party(text, "title")


# --- role readers ------------------------------------------------------------------------------


@_once
def parties_of(st: ArticleState, tok: Token, *, as_target: bool = False) -> list[Party]:
    """The party (and its conjuncts) a noun phrase headed by ``tok`` names."""
    first = party_of(st, tok, as_target=as_target)
    if first is None:
        return []
    _note_side(st, first, tok)
    out = [first]
    for c in tok.conjuncts:
        if c.i > tok.i:
            p = party_of(st, c, as_target=as_target)
            if p is not None and p.name != first.name:
                out.append(p)
    return out


@_once
def subject_parties(st: ArticleState, verb: Token) -> list[Party]:
    """The actor(s) of a verb: its subject, the passive agent, or the subject it shares."""
    t = verb
    below: Token | None = None  # the clause we came up from
    for _ in range(6):
        kids = list(t.children)
        deps = [k.dep_ for k in kids]  # read once for the tests below
        # the parser sometimes takes the agent's 'by' for a plain preposition: 'ambushed by 30 gunmen'
        passive = any(d in PASSIVE_SUBJ for d in deps)
        # a conjunct shares its passive subject: 'were in Moscow and had been granted asylum'
        shared_passive = not passive and t.dep_ == "conj" and "auxpass" in deps
        by = [
            k
            for k, d in zip(kids, deps, strict=True)
            if d == "agent" or ((passive or shared_passive) and d == "prep" and k.lower_ == "by")
        ]
        if not by and passive:
            # 'was accused of misusing funds by officials': the agent hung on the gerund
            by = [
                b
                for k, d in zip(kids, deps, strict=True)
                if d == "prep" and k.lower_ in ("of", "for")
                for g in k.children
                if g.dep_ == "pcomp"
                for b in g.children
                if b.dep_ in ("prep", "agent") and b.lower_ == "by"
            ][:1]
        agent = by[0] if by else None
        if agent is not None:
            pobj = pobj_of(agent)
            return parties_of(st, pobj) if pobj is not None else []
        subjects = [k for k, d in zip(kids, deps, strict=True) if d in SUBJ_DEPS]
        subj = next((k for k in subjects if not in_dateline(st, k)), None)
        if subj is None and subjects:
            # "ARDEN, Lormark (Reuters) - Lormark's defence ministry accused ...": the parser made
            # the dateline the subject and the real one its apposition
            appos = [k for k in subjects[0].children if k.dep_ == "appos"]
            subj = next((k for k in appos if not in_dateline(st, k)), None)
        if subj is not None:
            return parties_of(st, subj)
        if shared_passive:
            return []  # its subject is who it was done to; the actor is unknown
        if passive:
            controls = below is not None and below.dep_ == "xcomp"  # "are expected to meet"
            if controls or t.lemma_.lower() in lex().cues["involvement_verbs"]:  # "were engaged in"
                return parties_of(st, next(k for k, d in zip(kids, deps, strict=True) if d in PASSIVE_SUBJ))
            return []  # passive without agent: the actor is unknown
        if t.dep_ == "acl" and t.tag_ == "VBN":
            return []  # "two nationals captured while fighting": the noun is who it was done to
        if t.dep_ == "acl" and t.head.lemma_.lower() in lex().cues["attempt_nouns"]:
            # "an attempt to assassinate the governor": whose attempt, else no one named
            owner = first_child(t.head, ("poss",))
            named = parties_of(st, owner) if owner is not None else modifier_parties(st, t.head)
            return named or [Party.unknown()]
        if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN"):
            if issued_statement(t.head):
                return subject_parties(st, t.head.head)  # "issued a declaration demanding ..."
            rel = next((k for k in kids if k.dep_ in PASSIVE_SUBJ), None)
            return [] if rel else parties_of(st, t.head)
        if t.dep_ in ("conj", "xcomp", "advcl", "acomp") and t.head.i != t.i:
            # "was due to travel": the subject of 'is' controls 'travel'
            if t.dep_ == "xcomp" and t.head.pos_ == "VERB":
                obj = first_child(t.head, ("dobj",))
                head_lemma = t.head.lemma_.lower()
                if (
                    obj is not None
                    and head_lemma in lex().cues["command_verbs"]
                    and obj.lemma_.lower() in lex().cues["force_nouns"]
                    and not modifier_parties(st, obj, pronouns=False)
                ):
                    below, t = t, t.head  # "ordered troops to take the zone": the commander's act
                    continue
                if obj is not None and head_lemma in lex().cues["object_control_verbs"]:
                    return parties_of(st, obj)
            below, t = t, t.head
            continue
        if t.dep_ == "acomp" or (t.dep_ == "xcomp" and t.head.pos_ == "ADJ"):
            below, t = t, t.head
            continue
        return []
    return []


@_once
def modifier_parties(st: ArticleState, tok: Token, *, pronouns: bool = True) -> list[Party]:
    """Parties named as modifiers of a noun: "Russian", "Israel's", "Hamas" in "Hamas attack"."""
    out: list[Party] = []
    # direct modifiers, then a nationality word one level down ("Tolvan fishing boats")
    deeper = [
        g
        for k in tok.children
        if k.dep_ in ("amod", "compound") and k.i < tok.i
        for g in k.children
        if g.dep_ in ("amod", "compound") and g.i < k.i and nationality_like(g.text)
    ]
    # "the Hamas-led attack": who led it (not "Iran-backed": a sponsor does not act)
    deeper += [
        g
        for k in tok.children
        if k.dep_ == "amod" and k.i < tok.i and k.lemma_.lower() in lex().cues["leading_participles"]
        for g in k.children
        if g.dep_ in ("npadvmod", "compound", "nmod") and g.i < k.i and g.ent_type_ in PARTY_ENT
    ]
    for k in [*tok.children, *deeper]:
        led_by = k.dep_ == "npadvmod" and k.head.i != tok.i  # "Hamas" in "the Hamas-led attack"
        modifier = k.dep_ in ("amod", "compound", "poss", "nmod") or led_by
        if modifier and k.i < tok.i and not in_dateline(st, k):
            if k.dep_ == "poss" and pronoun(k):
                if not pronouns:
                    continue
                p = pronoun_party(st, k)
                if p:
                    out.append(p)
                continue
            if k.lower_ in lex().cues["group_adjectives"]:
                # "a suspected jihadist attack" (an adjective, a noun or a NORP to the tagger): the
                # jihadists'
                out.append(_new_party(f"{k.lower_}s"))
            elif k.ent_type_ in PARTY_ENT or st.ctx.entities.at(k.idx, k.idx + len(k)) is not None:
                out.extend(parties_of(st, k))
            elif nationality_like(k.text):
                state = _state_of(st, k)  # "two Tolvan fishing boats": Tolva's
                if state is not None:
                    out.append(state)
    return out


def crowd_party(st: ArticleState, crowd: Token) -> Party:
    """A crowd acting as one ("thousands of villagers blocked the road"): the party its own words
    name."""
    return _new_party(np_text(crowd))


# --- sides -------------------------------------------------------------------------------------


def same_side(a: Party, b: Party, st: ArticleState | None = None) -> bool:
    """Two parties of one side: same entity, the same state or group behind them (``who.sides``,
    or the states their mentions named, ``ArticleState.sides``), a shared name word, a shared
    national stem ("Russian forces" and "Russia's Defense Ministry"), or an acronym of the other
    ("U.S. Central Command" and "United States")."""
    if a.entity_id and a.entity_id == b.entity_id:
        return True
    if st is not None:
        sa, sb = side_of(a, st.ctx), side_of(b, st.ctx)
        if sa and sb and sa.lower() == sb.lower():
            return True
        names_a = [a.name, *st.sides.get(a.name, ()), *([sa] if sa else []), *affiliations(a, st.ctx)]
        names_b = [b.name, *st.sides.get(b.name, ()), *([sb] if sb else []), *affiliations(b, st.ctx)]
        return any(_same_words(x, y) for x in names_a for y in names_b)
    return _same_words(a.name, b.name)


@functools.lru_cache(maxsize=65536)
def _same_words(a: str, b: str) -> bool:
    """Two names of one side by their words: equal, an acronym of the other, a shared
    non-generic word or five-letter stem."""
    if a.lower() == b.lower():
        return True
    if _acronyms(a) & _initials(b) or _acronyms(b) & _initials(a):
        return True  # "U.S. Central Command" and "United States"
    wa, wb = _words(a), _words(b)
    generic = lex().cues["generic_name_words"]
    if (wa - generic) & (wb - generic):
        return True
    sa = {w[:5] for w in wa - generic if len(w) >= 5}
    sb = {w[:5] for w in wb - generic if len(w) >= 5}
    return bool(sa & sb)


def _note_side(st: ArticleState, p: Party, tok: Token) -> None:
    """Remember the state a party's mention names: "Ossaria's Defense Ministry" -> Ossaria."""
    side = st.sides.setdefault(p.name, set())
    mod = _named_modifier(st, tok) if tok.pos_ in ("NOUN", "PROPN") else None
    if mod is not None and mod.label_ in ("GPE", "NORP"):
        state = state_named(mod.text, st.ctx)
        side.add(state.name if isinstance(state, Entity) else state or clean_name(mod.text))


# --- states ------------------------------------------------------------------------------------


def state_behind(st: ArticleState, p: Party, tok: Token) -> Party | None:
    """The state behind a civil body of it ("Azerbaijan's Defense Ministry" -> Azerbaijan), for
    acts only its forces do; None when ``p`` is no such body or its state is unknown."""
    return side_party(st, p, tok) if _body_name(p.name) else None


def side_party(st: ArticleState, p: Party, tok: Token) -> Party | None:
    """The state or group ``p`` belongs to (``who.sides.side_of``) as a party, when it is
    another than ``p`` itself."""
    side_name = side_of(p, st.ctx)
    if not side_name or side_name.lower() == p.name.lower():
        return None
    side_ent = st.ctx.entities.lookup(side_name)
    return _entity_party(st, side_ent, tok) if side_ent else _new_party(side_name)


def _body_name(name: str) -> bool:
    """A name headed by an office or institution ("Azerbaijan's Defense Ministry", "the
    presidency"), not a state, force or person."""
    words = name.lower().replace("’", "'").split()
    return bool(words) and words[-1] in lex().cues["body_nouns"]


def _state_owner(st: ArticleState, head: Token) -> Party | None:
    """The state a force or weapon noun belongs to, named by a nationality or possessor
    modifier ("the Lormarki army", "Ossaria's troops"); None when no modifier names one."""
    for k in head.children:
        if k.i > head.i or k.dep_ not in ("amod", "compound", "poss", "nmod"):
            continue
        if pronoun(k) or not k.text[:1].isupper():
            continue
        # a possessive the parser took for a modifier: "Tellhaven’s “peacekeepers”"
        possessor = k.dep_ == "poss" or any(c.dep_ == "case" for c in k.children)
        if possessor and (k.pos_ == "PROPN" or _unknown_name(k)) and not in_dateline(st, k):
            p = party_of(st, k)  # "Lormark's troops": the owner named
        else:
            p = _state_of(st, k)
        if p is not None:
            # merging still tells "Ossarian troops" from "the Ossarian air force"
            st.surfaces[id(p)] = np_text(head).lower()
            st.keep.append(p)  # held, so no later party reuses its id
            return p
    return None


def _state_of(st: ArticleState, mod: Token) -> Party | None:
    """The state a capitalised modifier names (``who.sides.state_named``): the article's entity
    for it, else the lexicon's name; None for a people or region's fighters ("Tigrayan
    forces"), an armed group ("Hamas fighters") or a nationality nothing resolves ("the
    Lormarki army" keeps its own words)."""
    ent = st.ctx.entities.at(mod.idx, mod.idx + len(mod))
    if ent is not None and ent.type == "GPE":
        return _entity_party(st, ent, mod)
    if ent is None and mod.ent_type_ not in ("NORP", "GPE") and not nationality_like(mod.text):
        return None
    if mod.ent_type_ == "GPE" and ent is None:
        sp = ent_span(mod)
        return _new_party(clean_name(sp.text if sp is not None else mod.text))
    word = ent.name if ent is not None and ent.type == "NORP" else mod.text
    state = state_named(word, st.ctx)
    if state is None:
        return None
    name = state.name if isinstance(state, Entity) else state
    if name.lower() in non_states():
        return None  # "Tigrayan forces": a people or region's fighters, not a state's army
    if isinstance(state, Entity):
        return _entity_party(st, state, mod)
    return _new_party(state)


@_once
def _named_modifier(st: ArticleState, tok: Token):  # noqa: ANN202 (a spaCy Span or None)
    for k in tok.subtree:
        if (k.i >= tok.i and k.dep_ != "pobj") or in_dateline(st, k):
            continue
        if k.ent_type_ in PARTY_ENT:
            sp = ent_span(k)
            if sp is not None and sp.root.i != tok.i:
                return sp
    return None


@functools.lru_cache(maxsize=16384)
def _acronyms(name: str) -> frozenset[str]:
    """Letters of the acronyms in a name: "U.S. Central Command" -> {"us"}."""
    out = set()
    for w in name.split():
        letters = _NOT_LETTER.sub("", w)
        if 2 <= len(letters) <= 5 and letters.isupper():
            out.add(letters.lower())
    return frozenset(out)


@functools.lru_cache(maxsize=16384)
def _initials(name: str) -> frozenset[str]:
    """Initials of a multiword name: "United States" -> {"us"}."""
    words = [w for w in _LETTERS.findall(name) if w.lower() not in lex().cues["name_stop_words"]]
    return frozenset({"".join(w[0] for w in words).lower()}) if len(words) >= 2 else frozenset()


@functools.lru_cache(maxsize=16384)
def _words(name: str) -> frozenset[str]:
    return frozenset(w for w in _LOWER_WORDS.findall(name.lower()) if w not in lex().cues["name_stop_words"])


_NOT_LETTER = re.compile(r"[^A-Za-z]")
_LETTERS = re.compile(r"[A-Za-z]+")
_LOWER_WORDS = re.compile(r"[a-z]+")


# --- names -------------------------------------------------------------------------------------


def np_text(tok: Token) -> str:
    """The noun phrase's core as a party's name (``grammar.noun_phrase``), without counts and
    rank words ("several senior officials" -> "officials")."""
    span = noun_phrase(tok)
    counted = {t.i for k in tok.children if k.dep_ in COUNT_DEPS for t in k.subtree}
    words = [
        t
        for t in span
        if t.i <= tok.i
        and t.i not in counted
        and t.pos_ not in ("DET", "NUM", "CCONJ", "SYM", "PUNCT")
        and t.lower_ not in lex().cues["name_drop_words"]
    ]
    text = " ".join(t.text for t in words).replace(" 's", "'s").replace(" \u2019s", "\u2019s")
    return clean_name(text)


def _new_party(name: str, via: ResolvedVia | None = "name") -> Party:
    return Party(name=name, entity_id=None, kind="source", resolved_via=via)


def _as_pronoun(p: Party) -> Party:
    return Party(name=p.name, entity_id=p.entity_id, kind=p.kind, resolved_via="pronoun")


def _unknown_name(tok: Token) -> bool:
    """A capitalised word outside the model's vocabulary ("Dunmoor"), read as a name even when
    the tagger calls it a common noun."""
    return tok.text[:1].isupper() and tok.is_alpha and not tok.is_upper and not tok.has_vector
