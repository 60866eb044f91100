"""Parties: which party a mention denotes.

The boundary is ``party_of(st, mention, *, as_target=False) -> Party | None``: the head token of a
noun phrase (a name, title, force noun, demonym or pronoun) in, the party it denotes (or None)
out. The shared "who" layer (``extract/coref.py``) is to take over its insides.

The role readers the other rooms call find the mention for a role and ask ``party_of``:
``parties_of`` (a mention and its conjuncts; notes the party's side in ``ArticleState.sides``),
``subject_parties`` (a verb's actor: subject, passive agent or controlling subject),
``modifier_parties`` (the parties a noun's modifiers name: "Russian strikes", "its forces") and
``crowd_party`` (a counted crowd as actor). ``observe`` feeds the pronoun history after each
sentence; ``same_side`` tells whether two parties are of one side; ``clean_name`` tidies a name.
Outside this room parties come only from here, from the quote layer's speakers and as
``Party.unknown()``.

Inside: pronouns (the quote's or reporting verb's speaker, the main clause's subject, else the last
party of the right kind), titles (their last holder), demonyms and force nouns (the state they
belong to), and side tests by entity, name words, national stems and acronyms."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span, Token

from ... import lexicons
from ...records import Entity, Party, ResolvedVia
from .grammar import (
    NOT_PARTY_ENT,
    PARTY_ENT,
    PASSIVE_SUBJ,
    SUBJ_DEPS,
    EntLike,
    by_agent,
    ent_span,
    first_child,
    is_pron,
    issued_statement,
    of_object,
    pobj_of,
    pronoun_words,
    reporting_verb,
    subject_of,
)
from .lexicon import lex
from .state import ArticleState, in_dateline, quote_of

LEFT_MODS = {"compound", "amod", "poss", "nmod", "case", "npadvmod"}
COUNT_DEPS = {"nummod", "quantmod"}


# --- the boundary ------------------------------------------------------------------------------


def party_of(st: ArticleState, tok: Token, *, as_target: bool = False) -> Party | None:
    """The party the mention headed by ``tok`` denotes, or None (a date, a toll, a thing, the
    place a story was filed from). ``as_target``: the mention is what an act is done to, so a
    thing hit stands for its owner. Parties it reads are also kept for later pronouns."""
    if in_dateline(st, tok):
        return None  # the place a story was filed from acts in nothing
    if is_pron(tok):
        return _pronoun_party(st, tok)
    lemma = tok.lemma_.lower()
    if tok.ent_type_ in NOT_PARTY_ENT or any(k.tag_ in ("WDT", "WP$") for k in tok.children):
        return None  # a date, a number, "which side"
    if lemma in lex().cues["toll_nouns"]:
        return None  # "the number of Palestinians killed": a toll, not a party
    if (lemma in lex().cues["quantity_nouns"] or tok.pos_ == "NUM") and tok.ent_type_ not in PARTY_ENT:
        # "thousands of students", "a group of leaders": the counted party
        pobj = of_object(tok)
        if pobj is not None and not any(k.dep_ == "appos" for k in tok.children):
            return party_of(st, pobj, as_target=as_target)
    if tok.dep_ in ("amod", "compound") and _demonym_like(tok):
        state = _state_of(st, tok)  # "Tolvan boats": the state, when the article names it
        if state is not None:
            return state
    if lemma in lex().cues["state_force_nouns"] and (tok.pos_ == "NOUN" or tok.text.islower()):
        owner = _state_owner(st, tok)  # "Dunmoori artillery", "Ossaria's army": the state
        if owner is not None:
            return owner
    ent = st.ctx.entities.at(tok.idx, tok.idx + len(tok))
    if ent is not None and ent.type == "NORP" and tok.dep_ in ("amod", "compound", "poss"):
        # "Ukrainian shelling": the state, when the demonym names one
        country = _country_name(st, EntLike(ent.name, "NORP"))
        state = st.ctx.entities.lookup(country)
        if state is not None:
            return _entity_party(st, state, tok)
        if country != ent.name:
            return _remember(st, _new_party(country), lemma, "GPE")
    if ent is not None and ent.type in PARTY_ENT | {"GROUP"}:
        return _entity_party(st, ent, tok)
    # appositive name: "Ossaria's foreign minister, Teodor Brannick"
    for k in tok.children:
        if k.dep_ == "appos" and (k.ent_type_ == "PERSON" or k.pos_ == "PROPN"):
            p = party_of(st, k)
            if p is not None:
                return p
    cues = lex().cues
    poss = first_child(tok, ("poss",))
    if (
        poss is not None
        and is_pron(poss)
        and (
            lemma in cues["force_nouns"] or lemma in cues["title_nouns"] or lemma in cues["weapon_nouns"]
        )
    ):
        owner = _pronoun_party(st, poss)  # "its forces", "our troops": the owner's side
        ent = st.ctx.entities.by_id(owner.entity_id) if owner and owner.entity_id else None
        if ent is not None and ent.type == "PERSON" and ent.affiliation:
            side = st.ctx.entities.lookup(ent.affiliation)
            return _as_pronoun(_entity_party(st, side, tok) if side else _new_party(ent.affiliation))
        return owner
    if lemma in cues["claim_nouns"] and tok.ent_type_ not in PARTY_ENT:
        return None
    if (
        poss is not None
        and lemma in cues["force_nouns"] | cues["group_nouns"]
        and poss.ent_type_ == "GPE"
    ):
        sp = ent_span(poss)
        if sp is not None:
            return _remember(st, _new_party(clean_name(sp.text)), lemma, "GPE")
    if tok.ent_type_ in PARTY_ENT:
        sp = ent_span(tok)
        if sp is not None:
            name = clean_name(sp.text)
            if tok.ent_type_ == "NORP" and (tok.pos_ == "ADJ" or tok.dep_ in ("amod", "compound")):
                return _new_party(_country_name(st, sp))
            return _remember(st, _new_party(name), lemma, tok.ent_type_)
    if lemma in cues["weapon_nouns"] or (tok.lemma_.lower() in lex().nouns and not as_target):
        ps = modifier_parties(st, tok)
        if ps:
            return ps[0]
        agent = by_agent(tok)
        if agent is not None:
            return party_of(st, agent)
        owners = cues["force_nouns"] | cues["group_nouns"] | cues["title_nouns"]
        if (
            lemma in cues["weapon_nouns"]
            and lemma in cues["force_nouns"]
            and any(k.dep_ in ("amod", "compound") and k.lemma_.lower() in owners for k in tok.children)
        ):
            text = _np_text(st, tok)  # "rebel artillery", "government warplanes"
            return _remember(st, _new_party(text), lemma, _pronoun_kind(tok)) if text else None
        return None
    if lemma in cues["title_nouns"]:
        name_ent = _named_modifier(st, tok)
        if name_ent is None and tok.tag_ not in ("NNS", "NNPS"):
            prev = _by_title(st, lemma)
            if (
                prev is None
                and lemma in cues["person_titles"]
                and any(k.lower_ == "the" for k in tok.children)
            ):
                # "the head of state", "the president": the last person named
                prev = _last_person_before(st, tok)
            if prev is not None:
                return prev
        if name_ent is not None and name_ent.label_ == "ORG" and lemma not in cues["force_nouns"]:
            return _remember(st, _new_party(clean_name(name_ent.text)), lemma, "ORG")
        if (
            name_ent is not None
            and name_ent.label_ in ("GPE", "NORP")
            and lemma not in cues["state_office_nouns"]
        ):
            return _remember(st, _new_party(_country_name(st, name_ent)), lemma, "GPE")
        text = _np_text(st, tok)
        if text.lower() in cues["bare_bodies"]:
            return None
        return _remember(st, _new_party(text, "title"), lemma, _pronoun_kind(tok))
    if lemma in cues["non_parties"] or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if tok.pos_ == "NOUN" and _unknown_name(tok):
        # "Dunmoor called on ...": a capitalised word the model has never seen is a name
        return _remember(st, _new_party(clean_name(tok.text)), lemma, "ORG")
    if as_target and tok.pos_ == "NOUN" and lemma not in cues["force_nouns"]:
        # a thing hit, not a party: its owner if the phrase names one
        ps = modifier_parties(st, tok)
        if ps:
            return ps[0]
        for k in tok.children:
            if k.dep_ == "prep" and k.lower_ == "of":
                pobj = pobj_of(k)
                if pobj is not None:
                    return party_of(st, pobj, as_target=True)
        return None
    if tok.pos_ == "NOUN" and lemma not in cues["force_nouns"] | cues["group_nouns"]:
        ps = modifier_parties(st, tok)
        return ps[0] if ps else None  # "residents", "the report": no party unless a named one owns it
    text = _np_text(st, tok)
    return _remember(st, _new_party(text), lemma, _pronoun_kind(tok)) if text else None


# --- role readers ------------------------------------------------------------------------------


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


def subject_parties(st: ArticleState, verb: Token) -> list[Party]:
    """The actor(s) of a verb: its subject, the passive agent, or the subject it shares."""
    t = verb
    for _ in range(6):
        kids = list(t.children)
        agent = next((k for k in kids if k.dep_ == "agent"), None)
        if agent is not None:
            pobj = pobj_of(agent)
            return parties_of(st, pobj) if pobj is not None else []
        subj = next((k for k in kids if k.dep_ in SUBJ_DEPS and not in_dateline(st, k)), None)
        if subj is not None:
            return parties_of(st, subj)
        if any(k.dep_ in PASSIVE_SUBJ for k in kids):
            if t.lemma_.lower() in ("engage", "involve"):  # "forces were engaged in cleansing"
                return parties_of(st, next(k for k in kids if k.dep_ in PASSIVE_SUBJ))
            return []  # passive without agent: the actor is unknown
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
                    t = t.head  # "ordered troops to take the zone": the commander's act
                    continue
                if obj is not None and head_lemma in lex().cues["object_control_verbs"]:
                    return parties_of(st, obj)
            t = t.head
            continue
        if t.dep_ == "acomp" or (t.dep_ == "xcomp" and t.head.pos_ == "ADJ"):
            t = t.head
            continue
        return []
    return []


def modifier_parties(st: ArticleState, tok: Token, *, pronouns: bool = True) -> list[Party]:
    """Parties named as modifiers of a noun: "Russian", "Israel's", "Hamas" in "Hamas attack"."""
    out: list[Party] = []
    # direct modifiers, then a demonym one level down ("Tolvan fishing boats")
    deeper = [
        g
        for k in tok.children
        if k.dep_ in ("amod", "compound") and k.i < tok.i
        for g in k.children
        if g.dep_ in ("amod", "compound") and g.i < k.i and _demonym_like(g)
    ]
    for k in [*tok.children, *deeper]:
        if k.dep_ in ("amod", "compound", "poss", "nmod") and k.i < tok.i and not in_dateline(st, k):
            if k.dep_ == "poss" and is_pron(k):
                if not pronouns:
                    continue
                p = _pronoun_party(st, k)
                if p:
                    out.append(p)
                continue
            if k.ent_type_ in PARTY_ENT or st.ctx.entities.at(k.idx, k.idx + len(k)) is not None:
                out.extend(parties_of(st, k))
            elif _demonym_like(k):
                state = _state_of(st, k)  # "two Tolvan fishing boats": Tolva's
                if state is not None:
                    out.append(state)
    return out


def crowd_party(st: ArticleState, crowd: Token) -> Party:
    """A crowd acting as one ("thousands of villagers blocked the road"): the party its own words
    name, kept for later pronouns ('they')."""
    return _remember(st, _new_party(_np_text(st, crowd)), crowd.lemma_.lower(), "PLURAL")


def observe(st: ArticleState, sent: Span) -> None:
    """Keep the sentence's named parties for later pronouns, in text order."""
    for e in sent.ents:
        if e.label_ in ("PERSON", "ORG", "GPE"):
            ent = st.ctx.entities.at(e.start_char, e.end_char)
            p = Party(name=ent.name, entity_id=ent.id) if ent else _new_party(clean_name(e.text))
            st.history.append((p, e.root.lemma_.lower(), e.label_))
    # the main clause's subject is the likeliest antecedent: it goes last
    subj = subject_of(sent.root)
    if subj is not None and subj.pos_ != "PRON":
        p = party_of(st, subj)
        if p is not None:
            kind = subj.ent_type_ if subj.ent_type_ in ("PERSON", "ORG", "GPE") else _pronoun_kind(subj)
            st.history.append((p, subj.lemma_.lower(), kind))
    if len(st.history) > 200:
        del st.history[:-200]


def same_side(a: Party, b: Party, sides: dict[str, set[str]] | None = None) -> bool:
    """Two parties of one side: same entity, a shared name word, or a shared national stem
    ("Russian forces" and "Russia's Defense Ministry"); ``sides`` adds the states each belongs to."""
    if a.entity_id and a.entity_id == b.entity_id:
        return True
    if sides and (sides.get(a.name) or sides.get(b.name)):
        names_a = [a.name, *sides.get(a.name, ())]
        names_b = [b.name, *sides.get(b.name, ())]
        return any(same_side(_new_party(x), _new_party(y)) for x in names_a for y in names_b)
    if a.name.lower() == b.name.lower():
        return True
    if _acronyms(a.name) & _initials(b.name) or _acronyms(b.name) & _initials(a.name):
        return True  # "U.S. Central Command" and "United States"
    wa, wb = _words(a.name), _words(b.name)
    generic = lex().cues["generic_name_words"]
    if (wa - generic) & (wb - generic):
        return True
    sa = {w[:5] for w in wa - generic if len(w) >= 5}
    sb = {w[:5] for w in wb - generic if len(w) >= 5}
    return bool(sa & sb)


def clean_name(text: str) -> str:
    s = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    s = re.sub(r"['\u2019]s?$", "", s).strip(" ,.;:\"'\u201c\u201d")
    return re.sub(r"\s+", " ", s)


# --- pronouns and titles -----------------------------------------------------------------------


def _pronoun_party(st: ArticleState, tok: Token) -> Party | None:
    ent = st.ctx.entities.at(tok.idx, tok.idx + len(tok))
    if ent is not None:
        return Party(name=ent.name, entity_id=ent.id, kind="source", resolved_via="pronoun")
    lower = tok.lower_
    if tok.dep_ in SUBJ_DEPS and tok.head.lemma_.lower() in lex().cues["reporting_verbs"]:
        # "..., it said": the quote extractor has already resolved who 'it' is
        qi = quote_of(st, tok.head)
        sp = st.ctx.quotes[qi].speaker if qi is not None else None
        if sp is not None and sp.kind == "source" and sp.name.lower() not in pronoun_words():
            return _as_pronoun(sp)
    if lower in lex().cues["first_person"]:
        qi = quote_of(st, tok)
        sp = st.ctx.quotes[qi].speaker if qi is not None else None
        if sp is None or sp.kind != "source":
            rv = reporting_verb(tok)
            if rv is not None and rv.i != tok.head.i:
                subj = subject_parties(st, rv)
                sp = subj[0] if subj else None
        return _as_pronoun(sp) if sp is not None else None
    # "X said it/its forces ...": the reporting speaker
    rv = reporting_verb(tok)
    if rv is not None:
        subj = subject_of(rv)
        if subj is not None and subj.i != tok.i and not is_pron(subj):
            p = party_of(st, subj)
            if p is not None and _pronoun_fits(lower, _kind_of(st, p)):
                return _as_pronoun(p)
    # "Russia has struck ..., months after it launched ...": the main clause's subject
    main = subject_of(tok.sent.root)
    if main is not None and main.i < tok.i and not is_pron(main) and tok.head.i != tok.sent.root.i:
        p = party_of(st, main)
        if p is not None and _pronoun_fits(lower, _kind_of(st, p)):
            return _as_pronoun(p)
    for p, _lemma, kind in reversed(st.history):
        if _pronoun_fits(lower, kind):
            return _as_pronoun(p)
    return None


def _kind_of(st: ArticleState, p: Party) -> str:
    for q, _l, kind in reversed(st.history):
        if q.name == p.name:
            return kind
    return "ORG"


def _pronoun_fits(pronoun: str, kind: str) -> bool:
    cues = lex().cues
    if pronoun in cues["person_pronouns"]:
        return kind == "PERSON"
    if pronoun in cues["body_pronouns"]:
        return kind in ("ORG", "GPE", "NORP", "GROUP")
    return kind != "PERSON"


def _last_person_before(st: ArticleState, tok: Token) -> Party | None:
    """The person most recently named before ``tok`` (within a few sentences)."""
    for e in reversed([e for e in st.doc.ents if e.end <= tok.i and e.label_ == "PERSON"]):
        if tok.i - e.end > 120:
            break
        ent = st.ctx.entities.at(e.start_char, e.end_char)
        if ent is not None:
            return Party(name=ent.name, entity_id=ent.id, kind="source", resolved_via="title")
        return _new_party(clean_name(e.text), "title")
    return None


def _by_title(st: ArticleState, lemma: str) -> Party | None:
    for p, head, _kind in reversed(st.history):
        if head == lemma:
            return Party(name=p.name, entity_id=p.entity_id, kind="source", resolved_via="title")
    return None


def _remember(st: ArticleState, p: Party, lemma: str, kind: str) -> Party:
    st.history.append((p, lemma, kind))
    return p


# --- states, demonyms and sides ----------------------------------------------------------------


def _state_owner(st: ArticleState, head: Token) -> Party | None:
    """The state a force or weapon noun belongs to, named by a demonym or possessor
    modifier ("the Lormarki army", "Ossaria's troops"); None when no modifier names one."""
    for k in head.children:
        if k.i > head.i or k.dep_ not in ("amod", "compound", "poss", "nmod"):
            continue
        if is_pron(k) or not k.text[:1].isupper():
            continue
        if k.dep_ == "poss" and (k.pos_ == "PROPN" or _unknown_name(k)) and not in_dateline(st, k):
            p = party_of(st, k)  # "Lormark's troops": the owner named
        else:
            p = _state_of(st, k)
        if p is not None:
            # merging still tells "Ossarian troops" from "the Ossarian air force"
            st.surfaces[id(p)] = _np_text(st, head).lower()
            st.keep.append(p)  # held, so no later party reuses its id
            return p
    return None


def _state_of(st: ArticleState, mod: Token) -> Party | None:
    """The state a capitalised modifier names: the entity table's reading of the word (the
    state itself, or a nationality mapped to its state), the nationality lexicon, a state the
    article names with the same stem, else the demonym's own text."""
    ent = st.ctx.entities.at(mod.idx, mod.idx + len(mod))
    if ent is not None and ent.type == "GPE":
        return _entity_party(st, ent, mod)
    name = ent.name if ent is not None and ent.type == "NORP" else mod.text
    if ent is None and mod.ent_type_ not in ("NORP", "GPE") and not _demonym_like(mod):
        return None  # "Hamas fighters", "Wagner troops": an armed group, not a state
    if mod.ent_type_ == "GPE" and ent is None:
        sp = ent_span(mod)
        return _remember(
            st, _new_party(clean_name(sp.text if sp is not None else mod.text)), mod.lemma_.lower(), "GPE"
        )
    country = _country_name(st, EntLike(clean_name(name), "NORP"))
    if country.lower() in _non_states():
        return None  # "Tigrayan forces": a people or region's fighters, not a state's army
    state = st.ctx.entities.lookup(country) or _article_state(st, country)
    if state is not None and state.type == "GPE":
        return _entity_party(st, state, mod)
    if country == clean_name(name):
        return None  # nothing resolved: the phrase keeps its own words ("Lormarki army")
    return _remember(st, _new_party(country), mod.lemma_.lower(), "GPE")


def _article_state(st: ArticleState, country: str) -> Entity | None:
    """The article's own entity for a state, under whatever name it uses ("Britain" for
    the lexicon's "United Kingdom")."""
    nat, seats = _demonyms(), _seats()
    for e in st.ctx.entities:
        if e.type != "GPE" or e.name.lower() in seats:
            continue  # "Moscow" speaks for Russia but is not the state's name
        if any(nat.get(f.lower()) == country for f in [e.name, *e.aliases]):
            return e
    return None


def _country_name(st: ArticleState, ent: Span) -> str:
    """A GPE for a demonym ("Ukrainian" -> "Ukraine") when the article names one with its stem."""
    name = clean_name(ent.text)
    if ent.label_ != "NORP":
        return name
    known = _demonyms().get(name.lower())
    if known:
        return known
    stem = _stem(name)
    for g in st.gpes:
        if _stem(g.text) == stem and clean_name(g.text).lower() != name.lower():
            return clean_name(g.text)
    return name


def _entity_party(st: ArticleState, ent: Entity, tok: Token) -> Party:
    via: ResolvedVia = "name"
    if tok.text != ent.name and tok.text in ent.aliases:
        via = "alias"
    p = Party(name=ent.name, entity_id=ent.id, kind="source", resolved_via=via)
    return _remember(st, p, tok.lemma_.lower(), ent.type)


def _note_side(st: ArticleState, p: Party, tok: Token) -> None:
    """Remember the state a party belongs to: "Ossaria's Defense Ministry" -> Ossaria, or its
    entity's affiliation."""
    side = st.sides.setdefault(p.name, set())
    mod = _named_modifier(st, tok) if tok.pos_ in ("NOUN", "PROPN") else None
    if mod is not None and mod.label_ in ("GPE", "NORP"):
        side.add(_country_name(st, mod))
    ent = st.ctx.entities.by_id(p.entity_id) if p.entity_id else None
    if ent is not None and ent.affiliation:
        side.add(ent.affiliation)


def _named_modifier(st: ArticleState, tok: Token) -> Span | None:
    for k in tok.subtree:
        if (k.i >= tok.i and k.dep_ != "pobj") or in_dateline(st, k):
            continue
        if k.ent_type_ in PARTY_ENT:
            sp = ent_span(k)
            if sp is not None and sp.root.i != tok.i:
                return sp
    return None


def _demonym_like(tok: Token) -> bool:
    """A capitalised adjective-like modifier with a nationality ending ("Dunmoori", "Ossarian")."""
    low = tok.lower_
    return (
        tok.dep_ in ("amod", "compound")
        and tok.text[:1].isupper()
        and (low in _demonyms() or low.endswith(tuple(lex().cues["demonym_endings"])))
    )


@functools.cache
def _demonyms() -> dict[str, str]:
    """Nationality word -> state, from the project's one nationality lexicon (empty without it)."""
    try:
        return lexicons.nationality_map()
    except Exception:  # a broken shared lexicon must not stop event extraction
        return {}


@functools.cache
def _seats() -> frozenset[str]:
    """Capitals and seats of government of the nationality lexicon, lower-cased."""
    try:
        data = lexicons.load("countries")
    except Exception:  # a broken shared lexicon must not stop event extraction
        return frozenset()
    out = {str(k).lower() for k in (data.get("seats") or {})}
    for section in ("entries", "groups"):
        for info in (data.get(section) or {}).values():
            out.update(str(c).lower() for c in (info or {}).get("capital", []))
    return frozenset(out)


@functools.cache
def _non_states() -> frozenset[str]:
    """Peoples, regions and blocs of the nationality lexicon (its ``groups``): not states."""
    try:
        return frozenset(str(n).lower() for n in (lexicons.load("countries").get("groups") or {}))
    except Exception:  # a broken shared lexicon must not stop event extraction
        return frozenset()


def _stem(name: str) -> str:
    w = re.sub(r"[^a-z]", "", name.lower().split()[0] if name.split() else "")
    return w[:5] if len(w) >= 5 else w


def _acronyms(name: str) -> set[str]:
    """Letters of the acronyms in a name: "U.S. Central Command" -> {"us"}."""
    out = set()
    for w in name.split():
        letters = re.sub(r"[^A-Za-z]", "", w)
        if 2 <= len(letters) <= 5 and letters.isupper():
            out.add(letters.lower())
    return out


def _initials(name: str) -> set[str]:
    """Initials of a multiword name: "United States" -> {"us"}."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "the", "and")]
    return {"".join(w[0] for w in words).lower()} if len(words) >= 2 else set()


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if w not in ("the", "of", "s")}


# --- names -------------------------------------------------------------------------------------


def _np_text(st: ArticleState, tok: Token) -> str:
    """The noun phrase's core: the head with its left modifiers, without determiners."""
    left = tok.i
    for k in sorted(tok.children, key=lambda t: t.i):
        if k.i < tok.i and k.dep_ in LEFT_MODS:
            left = min(left, k.left_edge.i)
    counted = {t.i for k in tok.children if k.dep_ in COUNT_DEPS for t in k.subtree}
    words = [
        t
        for t in st.doc[left : tok.i + 1]
        if t.i not in counted
        and not in_dateline(st, t)
        and t.dep_ not in ("det", "punct", "predet")
        and t.pos_ not in ("DET", "NUM", "ADP", "CCONJ", "SYM", "PUNCT")
        and t.lower_ not in lex().cues["name_drop_words"]
    ]
    text = " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s")
    return clean_name(text)


def _new_party(name: str, via: ResolvedVia | None = "name") -> Party:
    return Party(name=name, entity_id=None, kind="source", resolved_via=via)


def _as_pronoun(p: Party) -> Party:
    return Party(name=p.name, entity_id=p.entity_id, kind=p.kind, resolved_via="pronoun")


def _pronoun_kind(tok: Token) -> str:
    """Pronoun class of a common-noun party: plural nouns are 'they', not 'it'."""
    return "PLURAL" if tok.tag_ in ("NNS", "NNPS") else "ORG"


def _unknown_name(tok: Token) -> bool:
    """A capitalised word outside the model's vocabulary ("Dunmoor"), read as a name even when
    the tagger calls it a common noun."""
    return tok.text[:1].isupper() and tok.is_alpha and not tok.is_upper and not tok.has_vector
