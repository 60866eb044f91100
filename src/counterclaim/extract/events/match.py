"""Matching: which lexicon rule a verb or a noun is a trigger of (``plover_verbs``,
``plover_nouns``): the verb's rule and the word it read (a particle, a preposition, an object or
a complement), and the noun's type, mode and the key it matched (its lemma, or with its
modifier: "peace talks"). Pure lexicon lookups over the parse; no parties, no state."""

from __future__ import annotations

from spacy.tokens import Token

from .grammar import NOT_PARTY_ENT, PLACE_ENT, pobj_of, verb_form_list
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
    dobj = next((k for k in kids if k.dep_ in ("dobj", "nsubjpass")), None)
    for rule in rules:
        if rule.second:
            for k in kids:
                if (
                    k.dep_ in ("prt", "prep", "dobj", "nsubjpass", "advmod")
                    and k.lemma_.lower() == rule.second
                    and not any(g.ent_type_ in NOT_PARTY_ENT for g in k.children if g.dep_ == "pobj")
                ):
                    return rule, k
                if k.dep_ in ("dobj", "nsubjpass") and any(
                    g.lemma_.lower() == rule.second and g.dep_ == "compound" for g in k.children
                ):
                    return rule, k
                if k.dep_ in ("oprd", "acomp", "ccomp") and k.lemma_.lower() == rule.second:
                    return rule, k  # "held them responsible"
                if k.dep_ in ("dobj", "nsubjpass"):
                    # "held Ossaria responsible": the complement parsed as the object's modifier
                    g = next(
                        (
                            g
                            for g in k.children
                            if g.dep_ in ("amod", "oprd")
                            and g.i > k.i
                            and g.lemma_.lower() == rule.second
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
