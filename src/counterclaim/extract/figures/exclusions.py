"""Exclusions: the checks that drop a number measuring something else (time, money, shares,
distances, ages, scores, ranks, codes) or naming a thing -- see ``lexicons/figure_exclusions.yaml``.
Each is a small predicate ``(doc, num, lex) -> bool`` in ``EXCLUSIONS``; ``excluded`` is true when
any is."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Token

from .lexicon import FigureLex
from .numbers import Num

Exclusion = Callable[[Doc, Num, FigureLex], bool]


def excluded(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """Numbers that measure time, money, shares, distances, ages, scores, or name things."""
    return any(check(doc, num, lex) for check in EXCLUSIONS)


def _before(doc: Doc, num: Num) -> Token | None:
    first = num.toks[0]
    return doc[first.i - 1] if first.i > 0 else None


def _after(doc: Doc, num: Num) -> Token | None:
    last = num.toks[-1]
    return doc[last.i + 1] if last.i + 1 < len(doc) else None


def labelled(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """After a symbol or a label: "$5", "No. 7", "route 12"."""
    prev = _before(doc, num)
    return prev is not None and (
        prev.text in lex.excl_symbols or prev.lower_ in ("no.", "number", "#", "page", "route")
    )


def pronoun_one(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """ "the one near Halden": a pronoun, not a count."""
    first, last, prev = num.toks[0], num.toks[-1], _before(doc, num)
    return (
        prev is not None
        and first.lower_ == "one"
        and len(num.toks) == 1
        and prev.lower_ in ("the", "this", "that", "which", "no")
        and (last.i + 1 >= len(doc) or doc[last.i + 1].pos_ not in ("NOUN", "PROPN", "ADJ"))
    )


def denied(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """A count denied: "nine men, not seventy"."""
    prev = _before(doc, num)
    return prev is not None and prev.lower_ in ("not", "never", "nor") and num.qualifier == "exact"


def vague_scale(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """A scale word after a vague quantity: "several hundred", "many thousand"."""
    prev = _before(doc, num)
    return (
        prev is not None
        and prev.lower_ in ("several", "few", "many", "tens", "hundreds", "thousands")
        and num.toks[0].lower_ in lex.scales
    )


def rank(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """ "one of the deadliest attacks", "two of the most ...": a rank, not a count."""
    last = num.toks[-1]
    return (
        last.i + 3 < len(doc)
        and doc[last.i + 1].lower_ == "of"
        and doc[last.i + 2].lower_ == "the"
        and (doc[last.i + 3].tag_ == "JJS" or doc[last.i + 3].lower_ in ("most", "few", "first", "last"))
    )


def unit_after(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """A unit or symbol after the number: "12 percent", "40%", "5 p.m.", "21st"."""
    nxt = _after(doc, num)
    return nxt is not None and (nxt.lower_ in lex.excl_after or nxt.text in lex.excl_symbols)


def hyphenated_measure(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """ "25-day", "4-year-old", "nine-story"."""
    last, nxt = num.toks[-1], _after(doc, num)
    if nxt is None or nxt.text not in ("-", "\u2013") or last.i + 2 >= len(doc) or nxt.whitespace_:
        return False
    after = doc[last.i + 2]
    return after.lower_ in lex.excl_units or after.lower_ in ("year", "old") or not after.like_num


def time_or_fraction(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """Times and fractions: "10:30", "3/4"."""
    last, nxt = num.toks[-1], _after(doc, num)
    return nxt is not None and nxt.lower_ in (":", "/") and last.i + 2 < len(doc) and doc[last.i + 2].like_num


def day_of_month(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """ "Oct. 7", "7 October", "21 June"."""
    first = num.toks[0]
    if first.ent_type_ != "DATE":
        return False  # (both readings need the number inside a date)
    if first.head.ent_type_ == "DATE" and first.head.pos_ == "PROPN":
        return True  # "Oct. 7", "7 October"
    nxt = first.i + 1  # "21 June"
    return nxt < len(doc) and doc[nxt].ent_type_ == "DATE" and doc[nxt].pos_ == "PROPN"


def year(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """A year: a lone four-digit number from 1800 to 2100 that counts no noun."""
    first = num.toks[0]
    txt = first.text
    return (
        len(num.toks) == 1
        and txt.isdigit()
        and len(txt) == 4
        and 1800 <= int(txt) <= 2100
        and num.qualifier == "exact"
        and first.dep_ != "nummod"
    )


def code(doc: Doc, num: Num, lex: FigureLex) -> bool:
    """Phone numbers and codes start with a zero."""
    txt = num.toks[0].text
    return len(num.toks) == 1 and txt.isdigit() and len(txt) >= 4 and txt.startswith("0")


# the exclusion checks, in the order they are tried
EXCLUSIONS: tuple[Exclusion, ...] = (
    labelled,
    pronoun_one,
    denied,
    vague_scale,
    rank,
    unit_after,
    hyphenated_measure,
    time_or_fraction,
    day_of_month,
    year,
    code,
)
