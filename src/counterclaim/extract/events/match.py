"""Matching: which lexicon rule a verb or a noun is a trigger of (``plover_verbs``,
``plover_nouns``): the verb's rule and the word it read (a particle, a preposition, an object or
a complement), and the noun's type, mode and the key it matched (its lemma, or with its
modifier: "peace talks"). Pure lexicon lookups over the parse; no parties, no state."""

from __future__ import annotations

import functools

from spacy.attrs import LEMMA, LOWER, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc, Token

from ...nlp import token_lemma_lowers, token_pos_dep
from .grammar import NOT_PARTY_ENT, PLACE_ENT, ending_sources, pobj_of, verb_form_list
from .lexicon import VerbRule, lex


def match_verb(tok: Token) -> tuple[VerbRule, Token | None] | None:
    rules = None
    for form in verb_form_list(tok):
        rules = lex().verbs.get(form)
        if rules:
            break
    if not rules:
        return None
    kids = list(tok.children)
    deps = [k.dep_ for k in kids]
    dobj = next((k for k, dep in zip(kids, deps, strict=True) if dep in ("dobj", "nsubjpass")), None)
    lemma_of = token_lemma_lowers(tok.doc)
    below: dict[int, list[Token]] = {}  # an object's children, listed once for all the rules
    for rule in rules:
        if rule.second:
            for k, dep in zip(kids, deps, strict=True):
                if (
                    dep in ("prt", "prep", "dobj", "nsubjpass", "advmod")
                    and lemma_of[k.i] == rule.second
                    and not any(g.ent_type_ in NOT_PARTY_ENT for g in k.children if g.dep_ == "pobj")
                ):
                    return rule, k
                if dep in ("dobj", "nsubjpass"):
                    grand = below.get(k.i)
                    if grand is None:
                        grand = below[k.i] = list(k.children)
                    if any(lemma_of[g.i] == rule.second and g.dep_ == "compound" for g in grand):
                        return rule, k
                if dep in ("oprd", "acomp", "ccomp") and lemma_of[k.i] == rule.second:
                    return rule, k  # "held them responsible"
                if dep in ("dobj", "nsubjpass"):
                    # "held Ossaria responsible": the complement parsed as the object's modifier
                    g = next(
                        (
                            g
                            for g in below[k.i]
                            if g.dep_ in ("amod", "oprd") and g.i > k.i and lemma_of[g.i] == rule.second
                        ),
                        None,
                    )
                    if g is not None:
                        return rule, g
            continue
        if rule.objects:
            obj = dobj
            if obj is None:
                # "suspended part of the aid", "sent more troops to": the object's of-phrase
                obj = pobj_of(next((k for k in kids if k.dep_ == "prep"), None))
            if obj is None:
                continue
            # the object and its conjuncts: "providing photographs and other intelligence"
            lemmas = {o.lemma_.lower() for o in (obj, *obj.conjuncts)} | {
                g.lemma_.lower() for g in obj.children if g.dep_ in ("compound", "amod", "prep")
            }
            lemmas |= {g.lemma_.lower() for p in obj.children if p.dep_ == "prep" for g in p.children}
            # "defended Iraq against Western criticism", "listed the group as a terrorist
            # organisation": what the verb stands against, or names its object as, is the word
            # read (the criticism is no event of its own there)
            against = next(
                (
                    g
                    for p in kids
                    if p.dep_ == "prep" and p.lower_ in ("against", "as")
                    for g in p.children
                    if g.dep_ == "pobj"
                    and ({g.lemma_.lower()} | {m.lemma_.lower() for m in g.children}) & rule.objects
                ),
                None,
            )
            if against is not None and not lemmas & rule.objects:
                return rule, against
            if (
                lemmas & rule.objects
                or ("PERSON" in rule.objects and obj.ent_type_ == "PERSON")
                or ("PLACE" in rule.objects and obj.ent_type_ in PLACE_ENT)
            ):
                return rule, obj
            continue
        return rule, None
    return None


def match_noun(tok: Token) -> tuple[str, str | None, str] | None:
    lemma = tok.lemma_.lower()
    keys = [
        two
        for k in tok.children
        if k.dep_ in ("compound", "amod") and k.i == tok.i - 1
        for two in (f"{k.lemma_.lower()} {lemma}", f"{k.text.lower()} {tok.text.lower()}")
    ]
    for key in [*keys, lemma, tok.text.lower()]:
        if key in lex().nouns:
            etype, mode = lex().nouns[key]
            return etype, mode, key
    return None


# --- where to look -----------------------------------------------------------------------------


def cue_positions(doc: Doc) -> dict[str, list[int]]:
    """The tokens each pass over a sentence reads, found once per article off the doc's arrays,
    in doc order: verbs a verb rule or a command can match (``verb``), words of readiness
    (``ready``), nouns a noun rule can match (``noun``), reporting verbs and statement or claim
    nouns (``statement``). Any other token is one the pass turns down at its first look-up."""
    pos, _ = token_pos_dep(doc)
    # one list per column: a list per token would be as many objects for the collector to scan
    tags, lemmas, lows = doc.to_array([TAG, LEMMA, LOWER]).T.tolist()
    strings = doc.vocab.strings
    verb_tags = {t for t in set(tags) if _verb_tag(t, strings)}
    out: dict[str, list[int]] = {"verb": [], "ready": [], "noun": [], "statement": []}
    verbs, ready, nouns, statements = out["verb"], out["ready"], out["noun"], out["statement"]
    for i, p in enumerate(pos):
        verbal = p == "VERB" or p == "AUX" or (p != "NOUN" and tags[i] in verb_tags)
        if not verbal and p not in _NOMINAL_OR_ADJ:
            continue
        bits = _bits(lemmas[i], lows[i], strings)
        if not bits:
            continue
        if verbal and bits & _VERB:
            verbs.append(i)
        if (p == "ADJ" or p == "VERB") and bits & _READY:
            ready.append(i)
        if (p == "NOUN" or p == "PROPN") and bits & _NOUN:
            nouns.append(i)
        if (p == "VERB" and bits & _REPORTS) or (p == "NOUN" and bits & _STATES):
            statements.append(i)
    return out


_NOMINAL_OR_ADJ = frozenset({"NOUN", "PROPN", "ADJ"})  # what a pass reads besides verbs


# what a lemma or a word can start (bits of ``_lemma_bits`` and ``_word_bits``)
_VERB, _READY, _NOUN, _REPORTS, _STATES = 1, 2, 4, 8, 16


@functools.lru_cache(maxsize=256)
def _verb_tag(tag: int, strings: StringStore) -> bool:
    return strings[tag].startswith("VB")


@functools.lru_cache(maxsize=65536)
def _bits(lemma: int, low: int, strings: StringStore) -> int:
    """What a token with this lemma and lower-case form (their string ids) can be. Keyed on the
    ids: a string id stands for one string in every store, and looking a string up in the
    model's large store costs more than the check."""
    return _lemma_bits(strings[lemma]) | _word_bits(strings[low])


@functools.lru_cache(maxsize=65536)
def _lemma_bits(lemma: str) -> int:
    """What a token with this lemma (as the parse gives it) can be: a verb rule's or a command's
    verb, a word of readiness, a noun rule's word (alone or last in a two-word key), a reporting
    verb, a statement or claim noun."""
    low = lemma.lower()
    cues = lex().cues
    return (
        (_VERB if low in lex().verbs or low in cues["command_verbs"] else 0)
        | (_READY if low in cues["intent_adjectives"] else 0)
        | (_NOUN if _noun_word(low) else 0)
        | (_REPORTS if low in lex().reporting_verbs else 0)
        | (_STATES if low in cues["statement_nouns"] or low in cues["claim_nouns"] else 0)
    )


@functools.lru_cache(maxsize=65536)
def _word_bits(low: str) -> int:
    """What a token with this lower-case form can be: a verb rule's verb (the word or a base form
    its ending gives, as ``grammar.word_forms`` derives them), a word of readiness, a noun rule's
    word."""
    return (
        (_VERB if low in _verb_words() else 0)
        | (_READY if low in lex().cues["intent_adjectives"] else 0)
        | (_NOUN if _noun_word(low) else 0)
    )


@functools.cache
def _verb_words() -> frozenset[str]:
    """The words a verb rule can match by their own form or a base form their ending gives."""
    return frozenset(lex().verbs) | ending_sources(lex().verbs)


@functools.cache
def _noun_last_words() -> frozenset[str]:
    """The last words of the two-word noun keys ("peace talks" -> "talks")."""
    return frozenset(key.rsplit(" ", 1)[-1] for key in lex().nouns if " " in key)


def _noun_word(word: str) -> bool:
    """``match_noun`` can match at a token with this lemma or form: alone, or last in a key."""
    return " " in word or word in lex().nouns or word in _noun_last_words()
