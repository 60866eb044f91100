"""Tense: whether the clause governing a date expression is past, future or neither, and whether
a past clause plans the date rather than reports it; the doc's expressions with their tense,
worked out once per doc.
"""

from __future__ import annotations

import re
import weakref
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...nlp import doc_text
from .expressions import Expr, find_expressions
from .patterns import FUTURE_MARKERS, PLAN_LEADS, PLAN_VERBS


def _governing_verb(tok: Token) -> Token | None:
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.dep_ == "ROOT":
            return t
        if t.head is t:
            return t
        t = t.head
    return None


def _future_marked(t: Token) -> bool:
    # a plain past verb is no frame: 'set a depot ablaze Tuesday' (but 'is set to', 'was due')
    plain_past = t.tag_ == "VBD" and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
    if not plain_past and (t.lemma_.lower() in FUTURE_MARKERS or t.lower_ in FUTURE_MARKERS):
        return True
    return any(
        c.dep_ in ("aux", "auxpass", "acomp", "xcomp")
        and (c.lower_ in FUTURE_MARKERS or c.lemma_.lower() in FUTURE_MARKERS)
        for c in t.children
    )


def clause_tense(doc: Doc, start: int, end: int) -> str:
    """'future', 'past' or 'unknown' for the clause governing the expression at [start, end).

    Future: an auxiliary 'will'/'would' or a 'due to'/'scheduled to'/'expected to' frame on the
    governing verb or the verbs it is the complement of. Past: a past-tense or participle verb.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return "unknown"
    v = _governing_verb(span.root)
    if v is None:
        return "unknown"
    t = v
    for _ in range(4):
        if _future_marked(t):
            return "future"
        if t.dep_ not in ("xcomp", "acomp", "advcl", "conj") or t.head is t:
            break
        t = t.head
    if v.tag_ in ("VBD", "VBN"):
        return "past"
    if v.tag_ == "VBG" and any(c.lemma_ == "be" and c.tag_ == "VBD" for c in v.children):
        return "past"
    return "unknown"


def _planned(doc: Doc, ex: Expr) -> bool:
    """'set talks for June 19', 'declared Oct. 10 a day of mourning', 'proposed Jan. 15': a date
    a past clause plans, not one it reports."""
    before = re.findall(r"[a-z]+", doc_text(doc)[max(0, ex.start - 8) : ex.start].lower())
    if before and before[-1] in PLAN_LEADS:
        return True
    span = doc.char_span(ex.start, ex.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    return root.dep_ in ("dobj", "npadvmod", "nsubj", "oprd") and root.head.lemma_.lower() in PLAN_VERBS


def _with_tense(doc: Doc, exprs: list[Expr]) -> list[Expr]:
    for ex in exprs:
        if ex.kind in ("md", "dm", "holiday", "ord", "m", "wd"):
            ex.tense = clause_tense(doc, ex.start, ex.end)
            if ex.tense == "past" and ex.kind != "wd" and _planned(doc, ex):
                ex.tense = "unknown"
    return exprs


# ``_tensed_expressions`` per doc (``infer_published`` and ``extract`` both need them); the
# lists hold no reference to the doc, so an entry goes when its doc does
_EXPRESSIONS: weakref.WeakKeyDictionary[Doc, list[Expr]] = weakref.WeakKeyDictionary()


def _tensed_expressions(doc: Doc) -> list[Expr]:
    """``find_expressions`` of the doc's text with their clauses' tense, worked out once per doc;
    each caller gets its own copies to change (``extra`` holds only numbers and strings)."""
    found = _EXPRESSIONS.get(doc)
    if found is None:
        found = _EXPRESSIONS[doc] = _with_tense(doc, find_expressions(doc_text(doc)))
    return [replace(ex, extra=dict(ex.extra)) for ex in found]
