"""Parse helpers the stages share: dependency labels, child and head walks, verb forms, and the
verbs that govern a clause (intent, reporting). No state; some read the ``event_cues`` word
lists."""

from __future__ import annotations

import functools
from collections.abc import Collection

from spacy.tokens import Span, Token

from ...nlp import ent_of
from .lexicon import cue_union, lex

SUBJ_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
PARTY_ENT = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PLACE_ENT = {"GPE", "LOC", "FAC"}
NOT_PARTY_ENT = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}


# --- tokens ------------------------------------------------------------------------------------


def first_child(tok: Token | None, deps: Collection[str]) -> Token | None:
    """The first child of ``tok`` with one of the labels ``deps`` (None when there is no ``tok``)."""
    if tok is not None:
        for k in tok.children:
            if k.dep_ in deps:
                return k
    return None


def pobj_of(prep: Token | None) -> Token | None:
    """The object of a preposition."""
    return first_child(prep, ("pobj",))


def subject_of(verb: Token | None) -> Token | None:
    """The (active) subject of a verb."""
    return first_child(verb, SUBJ_DEPS)


def of_object(tok: Token) -> Token | None:
    """The object of the "of" phrase hanging on a noun ("thousands of people" -> people)."""
    return pobj_of(next((k for k in tok.children if k.dep_ == "prep" and k.lower_ == "of"), None))


def ent_span(tok: Token) -> Span | None:
    """The named-entity span holding ``tok``, if any (``nlp.ent_of``: read off the tokens' IOB
    tags around it; ``doc.ents`` builds every span of the doc on each access)."""
    return ent_of(tok)


def verb_forms(tok: Token) -> set[str]:
    """The lemma and plausible base forms of a verb, for when the lemmatizer slips
    ("staged" -> "stag")."""
    return set(verb_form_list(tok))


def verb_form_list(tok: Token) -> tuple[str, ...]:
    """``verb_forms`` in a fixed order, the lemma first, then the word, then the base forms its
    endings give (a lexicon look-up tries them in this order)."""
    return word_forms(tok.lower_, tok.lemma_.lower())


@functools.lru_cache(maxsize=16384)
def word_forms(low: str, lemma: str) -> tuple[str, ...]:
    """``verb_form_list`` of a word given as its lower-case form and lemma."""
    forms = [lemma, low]
    for suf, rep in _suffix_rules():
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            forms.append(low[: -len(suf)] + rep)
    return tuple(dict.fromkeys(forms))


def ending_sources(bases: Collection[str]) -> frozenset[str]:
    """The words an ending rule turns into one of ``bases`` (as ``word_forms`` derives base
    forms: "staged" for "stage" by "ed>e"): ``word_forms(w, ...)`` holds a base form besides
    ``w`` and its lemma exactly when ``w`` is one of these."""
    return frozenset(
        base[: len(base) - len(rep)] + suf
        for base in bases
        for suf, rep in _suffix_rules()
        if base.endswith(rep) and len(base) - len(rep) >= 3
    )


@functools.cache
def _suffix_rules() -> tuple[tuple[str, str], ...]:
    """(ending, replacement) pairs of the ``verb_suffix_rules`` cue ("ied>y")."""
    pairs = (rule.partition(">") for rule in sorted(lex().cues["verb_suffix_rules"]))
    return tuple((suf, rep) for suf, _, rep in pairs if suf)


# --- governing verbs ---------------------------------------------------------------------------


def governor(tok: Token) -> Token | None:
    """The verb (or adjective) whose clause this trigger's clause is embedded in."""
    t = tok
    # a noun trigger belongs to the verb it is the object of
    if t.pos_ in ("NOUN", "PROPN"):
        while (
            t.dep_ in ("pobj", "prep", "conj", "dobj", "compound", "nsubjpass", "attr", "appos")
            and t.head.i != t.i
        ):
            t = t.head
            if t.pos_ in ("VERB", "AUX", "ADJ"):
                return t
        return None
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    if t.dep_ in ("xcomp", "ccomp", "advcl", "acomp", "pcomp") and t.head.i != t.i:
        return t.head
    return None


def reporting_verb(tok: Token) -> Token | None:
    """The reporting verb whose content clause holds ``tok``, if any; or the claim noun
    ("claims by Kiev that ...", "Russia's claim that ...") whose content clause holds it."""
    t = tok
    for _ in range(12):
        if t.head.i == t.i:
            return None
        child, t = t, t.head
        if (
            t.pos_ == "NOUN"
            and t.lemma_.lower() in lex().cues["claim_nouns"]
            and child.dep_ in ("acl", "ccomp")
            and child.pos_ in ("VERB", "AUX")
            and any(g.dep_ in ("nsubj", "nsubjpass", "mark") for g in child.children)
        ):
            return t
        if t.lemma_.lower() in lex().reporting_verbs and child.dep_ in (
            "ccomp",
            "parataxis",
            "dobj",
            "xcomp",
            "advcl",
            "oprd",
            "conj",
        ):
            if child.dep_ == "conj" and child.pos_ != "VERB":
                continue
            if (
                child.dep_ == "conj"
                and any(g.dep_ in ("nsubj", "nsubjpass") for g in child.children)
                and any(g.dep_ == "dobj" for g in t.children)
            ):
                return None  # "Washington listed the group ..., and the EU launched ...": two acts
            return t
    return None


def issued_statement(tok: Token) -> bool:
    """A statement noun that a party issues, sends or makes ("issued a declaration")."""
    return (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() in lex().cues["statement_nouns"]
        and tok.dep_ == "dobj"
        and bool(verb_forms(tok.head) & lex().cues["light_verbs"])
    )


def by_agent(tok: Token) -> Token | None:
    """The object of the noun's "by"-phrase, also when the parser hung it lower in the noun
    phrase ("the raid on the village of Tessel by Lormarki troops")."""
    frontier, seen = [tok], 0
    while frontier and seen < 4:
        nxt: list[Token] = []
        for t in frontier:
            for k in t.children:
                if k.dep_ in ("prep", "agent") and k.lower_ == "by" and k.i > tok.i:
                    pobj = pobj_of(k)
                    if pobj is not None:
                        return pobj
                if k.dep_ == "prep" and k.i > tok.i:
                    nxt.extend(g for g in k.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"))
        frontier, seen = nxt, seen + 1
    verb = tok.head
    if tok.dep_ == "dobj" and verb.pos_ == "VERB" and not any(k.dep_ == "auxpass" for k in verb.children):
        # "condemned the strike on X by Y": the parser hung the noun's by-phrase on the verb
        for k in verb.children:
            if k.dep_ == "prep" and k.lower_ == "by" and k.i > tok.i:
                return pobj_of(k)
    return None


def conditioned(verb: Token, *, pending: bool = False) -> bool:
    """The clause carries a condition of its own ("... if the army withdraws", "... only if");
    with ``pending``, also an awaited event ("... once the law is passed")."""
    marks = cue_union("conditional_marks", "pending_marks") if pending else lex().cues["conditional_marks"]
    return any(
        k.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in k.children)
        for k in verb.children
    )


def content_clause(t: Token) -> bool:
    """``t`` heads a clause the parser hung on a claim or proof noun as a relative clause, which
    is that noun's content: 'had evidence the facility was hit' (a subject of its own, no gap)."""
    return (
        t.dep_ in ("relcl", "acl")
        and t.head.lemma_.lower() in cue_union("claim_nouns", "proof_nouns")
        and any(k.dep_ in ("nsubj", "nsubjpass") and k.pos_ in ("NOUN", "PROPN") for k in t.children)
    )


def denial_verb(tok: Token) -> bool:
    """A verb of denial or refusal; 'rule' only as 'rule out' ("Taliban ruled Afghanistan" is
    no denial)."""
    lemma = tok.lemma_.lower()
    if lemma not in lex().cues["deny_verbs"]:
        return False
    return lemma != "rule" or any(k.dep_ == "prt" and k.lower_ == "out" for k in tok.children)
