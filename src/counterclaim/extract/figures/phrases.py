"""Noun phrases and sides: a noun phrase's words as written, the named entity a token belongs
to, and the state or group a phrase, a nationality word or a party name belongs to."""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.tokens import Token

from ...records import Context, Party
from .lexicon import FigureLex

_NP_SKIP = {
    "appos",
    "relcl",
    "acl",
    "punct",
    "cc",
    "conj",
    "advcl",
    "parataxis",
    "det",
    "case",
    "prep",
    "mark",
}


_NP_PREPS = {"of", "for", "to", "in"}

_ARTICLE = re.compile(r"^(the|a|an)\s+", re.I)
_SPACES = re.compile(r"\s+")
POSSESSIVE = re.compile(r"['\u2019]s$")  # a final 's (straight or curly apostrophe)
WORDS = re.compile(r"\w+")


def np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without articles, clauses, appositions and most prepositions."""
    keep = [head]
    for c in head.children:
        if c.dep_ in ("det",) and c.lower_ in ("the", "a", "an", "this", "that"):
            continue
        if c.dep_ == "prep" and c.lower_ in _NP_PREPS and c.i > head.i:
            keep.extend(
                c.subtree if not any(g.dep_ in ("relcl", "appos") for g in c.subtree) else [c, *_pp(c)]
            )
            continue
        if c.dep_ in _NP_SKIP:
            continue
        keep.extend(t for t in c.subtree if not (t.dep_ == "det" and t.lower_ in ("the", "a", "an")))
    return sorted(set(keep), key=lambda t: t.i)


def _pp(prep: Token) -> list[Token]:
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return np_tokens(pobj) if pobj is not None else []


def clean(text: str) -> str:
    """Text without a leading article, its spaces collapsed."""
    text = _ARTICLE.sub("", text.strip())
    return _SPACES.sub(" ", text).strip(" ,")


def np_text(toks: list[Token]) -> str:
    """The words of a noun phrase as written, without a leading article."""
    if not toks:
        return ""
    if _contiguous(toks):
        return clean(toks[0].doc[toks[0].i : toks[-1].i + 1].text)
    return clean(" ".join(t.text for t in toks).replace(" 's", "'s").replace(" \u2019s", "\u2019s"))


def _contiguous(toks: list[Token]) -> bool:
    return all(b.i - a.i == 1 for a, b in zip(toks, toks[1:], strict=False))


def side_of(toks: Iterable[Token], ctx: Context, lex: FigureLex) -> str | None:
    """The state or group a noun phrase belongs to: 'Azerbaijani authorities' -> Azerbaijan."""
    for t in toks:
        s = demonym_state(t, ctx, lex)
        if s:
            return s
        if t.ent_type_ in ("GPE",) and t.pos_ == "PROPN":
            ent_span = ent_text(t)
            return ent_span
    return None


def ent_text(t: Token) -> str:
    """The text of the named entity ``t`` is part of, without a possessive 's."""
    if not t.ent_type_:
        return t.text
    doc = t.doc
    a = t.i
    while a > 0 and doc[a].ent_iob_ == "I":
        a -= 1
    b = t.i + 1
    while b < len(doc) and doc[b].ent_iob_ == "I":
        b += 1
    return clean(POSSESSIVE.sub("", doc[a:b].text))


def demonym_state(t: Token, ctx: Context, lex: FigureLex) -> str | None:
    """The state a nationality word names: the shared lexicon, else the entity table, which maps
    an unlisted nationality to a state named in the article ('Veshtari' -> Veshtar)."""
    low = t.lower_
    if low in lex.demonyms:
        return lex.demonyms[low]
    if not t.text[:1].isupper():
        return None
    ent = ctx.entities.at(t.idx, t.idx + len(t))
    return ent.name if ent is not None and ent.type == "GPE" else None


def side_from_name(party: Party, ctx: Context, lex: FigureLex) -> str | None:
    """The side a party stands for: its entity's affiliation or state, else a nationality word in its name."""
    if party.entity_id:
        ent = ctx.entities.by_id(party.entity_id)
        if ent is not None:
            return ent.affiliation or (ent.name if ent.type in ("GPE", "NORP") else None)
    for word in party.name.split():
        w = POSSESSIVE.sub("", word)
        if w.lower() in lex.demonyms:
            return lex.demonyms[w.lower()]
    return None
