"""Framing spans: how far a cue's assertion reaches, its noun phrase or clause as the parse
gives it (cut at relative clauses, conjuncts and dashes; only the words said when a reporting
verb takes the cue as its object).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...nlp import sent_bounds, token_lowers
from ..grammar import voice_cue
from .cues import Hit, _head_match

# subtrees cut out of a widened span unless they hold the cue itself
_CLAUSE_CUT = frozenset({"advcl", "conj", "cc", "parataxis", "relcl", "appos", "ccomp", "mark", "preconj"})
_NP_CUT = frozenset({"relcl", "acl", "appos", "conj", "cc", "advcl", "parataxis", "ccomp"})
_BOUNDARIES = frozenset({"\u2014", "\u2013", ";", "--"})
_WH = frozenset({"which", "who", "whom", "whose"})


def _cut_tokens(root: Token, cut: frozenset[str], keep: set[int]) -> set[int]:
    """Tokens of ``root``'s subtree that fall in a cut subtree not holding a kept token."""
    out: set[int] = set()
    for t in root.subtree:
        if t.i == root.i or t.dep_ not in cut:
            continue
        sub = {x.i for x in t.subtree}
        if not sub & keep:
            out |= sub
    return out


def _segment(root: Token, cut: frozenset[str], keep: set[int]) -> tuple[int, int]:
    """The contiguous run of ``root``'s subtree around the kept tokens, stopping at cut parts."""
    inside = {t.i for t in root.subtree} - _cut_tokens(root, cut, keep)
    inside |= keep
    lo, hi = min(keep), max(keep)
    doc = root.doc
    while lo - 1 in inside and doc[lo - 1].text not in _BOUNDARIES:
        lo -= 1
    while hi + 1 in inside and doc[hi + 1].text not in _BOUNDARIES:
        hi += 1
    while lo < hi and (doc[lo].is_punct or doc[lo].dep_ in ("cc", "mark")) and lo not in keep:
        lo += 1
    while hi > lo and (doc[hi].is_punct or doc[hi].is_space) and hi not in keep:
        hi -= 1
    if doc[hi].text in ("'s", "\u2019s") and hi not in keep:
        hi -= 1
    return lo, hi + 1


def _np_head(tok: Token) -> Token:
    node = tok
    for _ in range(4):
        if node.pos_ in ("NOUN", "PROPN", "PRON") and node.dep_ not in ("compound",):
            return node
        if node.head.i == node.i:
            break
        node = node.head
    return node if node.pos_ in ("NOUN", "PROPN", "PRON") else tok


def _clause_head(tok: Token) -> Token:
    node = tok
    while node.pos_ not in ("VERB", "AUX") or node.dep_ in ("amod", "aux", "auxpass", "xcomp"):
        if node.head.i == node.i:
            break
        node = node.head
    return node


def _kind(doc: Doc, hit: Hit) -> str:
    if hit.cue.span:
        return hit.cue.span
    toks = doc[hit.start : hit.end]
    head = toks.root
    if head.pos_ in ("NOUN", "PROPN", "PRON") or head.dep_ in ("amod", "compound", "nmod", "poss", "det"):
        # 'the vote was a sham', 'this is genocide': the predicate asserts of the subject
        noun = _np_head(head)
        if (
            hit.cue.technique in ("doubt", "unattributed_assertion")
            and noun.dep_ == "attr"
            and noun.head.lemma_ == "be"
            and any(c.dep_ in ("nsubj", "nsubjpass") for c in noun.head.children)
        ):
            return "clause"
        return "np"
    if head.pos_ in ("VERB", "AUX"):
        return "clause"
    if head.pos_ == "ADJ":
        return "clause" if head.dep_ in ("acomp", "attr", "xcomp", "oprd", "ROOT") else "np"
    if head.pos_ == "ADV":
        return "np" if head.head.pos_ == "ADJ" and head.head.dep_ == "amod" else "clause"
    return "phrase"


def _complement_of_speech(doc: Doc, hit: Hit, root: Token) -> Token | None:
    """The complement of a reporting verb that holds the cue, when ``root`` is that verb and the
    cue is its object or predicate ('called the drills irresponsible'), else None."""
    if voice_cue(root.lemma_) is None or hit.start <= root.i < hit.end:
        return None
    node = doc[hit.start : hit.end].root
    while node.head.i != root.i and node.head.i != node.i:
        node = node.head
    if node.head.i == root.i and node.dep_ in ("oprd", "dobj", "xcomp", "attr", "acomp"):
        return node
    return None


def widen(doc: Doc, hit: Hit) -> tuple[int, int]:
    """The token range that carries the cue's whole assertion: its noun phrase or clause."""
    keep = set(range(hit.start, hit.end))
    kind = _kind(doc, hit)
    sent_start, sent_end = sent_bounds(doc, hit.start)
    if kind == "rest":
        end = hit.end
        while end < sent_end and doc[end].text not in (";", "\u2014", "\u2013"):
            end += 1
        while end > hit.end and (doc[end - 1].is_punct or doc[end - 1].is_space):
            end -= 1
        return hit.start, end
    if kind == "phrase":
        return hit.start, hit.end
    if kind == "np":
        root = _np_head(doc[hit.end - 1])
    else:
        anchor = _head_match(doc[hit.end - 1], hit.cue.head_in) if hit.cue.head_in else None
        root = _clause_head(anchor or doc[hit.start : hit.end].root)
        inner = _complement_of_speech(doc, hit, root)
        if inner is not None:
            root, kind = inner, "np"  # 'called the drills irresponsible': only the words said
    lo, hi = _segment(root, _NP_CUT if kind == "np" else _CLAUSE_CUT, keep)
    lowers = token_lowers(doc)
    if kind == "clause":
        # 'X, which A did, was used to B': a relative clause the parse missed ends at its comma
        wh = [i for i in range(lo, hit.start) if lowers[i] in _WH]
        commas = [i for i in range(lo, hit.start) if lowers[i] == "," and wh and i > wh[0]]
        if commas:
            lo = commas[-1] + 1
    lo, hi = max(lo, sent_start), min(hi, sent_end)
    if kind == "clause" and doc[lo].lower_ == "according":
        # 'According to the ministry, X were eliminated': the attribution is not the assertion
        comma = next((i for i in range(lo, hit.start) if lowers[i] == ","), None)
        if comma is not None:
            lo = comma + 1
    if hi - lo > 40:  # a runaway parse: keep the matched words with their noun
        lo, hi = hit.start, hit.end
    return lo, hi
