"""Speakers' own words: whom a first-person pronoun ("we", "our forces") denotes.

In reported words a first-person pronoun stands for the speaker of the report holding it; the
quote layer has already said who that is (``ctx.quotes``). The pronouns are the
``first_person`` list of the ``coref_pronouns`` lexicon.
"""

from __future__ import annotations

import functools

from spacy.tokens import Token

from ... import lexicons
from ...records import Context, Party


@functools.cache
def _first_person() -> frozenset[str]:
    return frozenset(str(w).lower() for w in lexicons.load("coref_pronouns").get("first_person") or [])


def first_person(word: str) -> bool:
    """True for a pronoun by which a speaker names themselves or their side ("we", "our")."""
    return word.lower() in _first_person()


def pronoun(tok: Token) -> bool:
    """A personal or possessive pronoun of either list ("US" the country is not "us")."""
    if tok.pos_ != "PRON" and tok.tag_ not in ("PRP", "PRP$"):
        return False
    return first_person(tok.lower_) or tok.lower_ in lexicons.entries("coref_pronouns")


def quote_at(ctx: Context, start: int, end: int) -> int | None:
    """Index of the innermost quote of ``ctx.quotes`` whose span holds [start, end)."""
    best: tuple[int, int] | None = None
    for i, q in enumerate(ctx.quotes):
        s, e = q.span
        if s <= start and end <= e and (best is None or (e - s) < best[1]):
            best = (i, e - s)
    return best[0] if best else None


def speaker_of_words(tok: Token, ctx: Context) -> Party | None:
    """The named speaker of the quote holding ``tok`` (None outside a quote, or when the quote
    layer could not name its speaker)."""
    qi = quote_at(ctx, tok.idx, tok.idx + len(tok))
    if qi is None:
        return None
    sp = ctx.quotes[qi].speaker
    if sp.kind != "source" or not sp.name or first_person(sp.name) or sp.name.lower() in lexicons.entries(
        "coref_pronouns"
    ):
        return None
    return sp
