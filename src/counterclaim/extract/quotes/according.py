"""Pass 3, 'according to': ``According to X, ...`` and ``..., according to X.``"""

from __future__ import annotations

from spacy.tokens import Token

from ...nlp import token_lowers
from ...records import Party, Quote, Span
from ..grammar import cue_info, document_noun, not_party
from ..who import author_of, owner_of
from .bounds import trim
from .state import Run, add_quote


def according(st: Run) -> None:
    """Quote the clause every 'according to X' hangs from, as X's."""
    lowers = token_lowers(st.doc)
    for i, low in enumerate(lowers):
        if low != "according" or i + 1 >= len(lowers) or lowers[i + 1] != "to":
            continue
        tok = st.doc[i]
        if st.quoted_tok[tok.i]:
            continue
        to = st.doc[tok.i + 1]
        obj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if obj is None and tok.i + 2 < len(st.doc):
            obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None or _no_source(obj):
            continue
        content = according_content(st, tok, obj)
        if content is None:
            continue
        phrase_hi = max(obj.right_edge.i, to.i)
        cs, ce = content
        inner = [k for k, s in enumerate(st.segs) if cs <= s.cstart and s.cend <= ce + 1]
        if any(k in st.seg_quote for k in inner):
            continue
        st.consumed.update(inner)
        last = st.doc[phrase_hi]
        add_quote(
            st,
            Quote(
                speaker=Party.unknown(),
                text=st.text[cs:ce],
                kind="mixed" if inner else "indirect",
                span=(min(cs, tok.idx), max(ce, last.idx + len(last))),
                cue="according to",
                cue_loaded=False,
                content_span=(cs, ce),
                reason="'according to' + source",
            ),
            obj,
        )


def _no_source(obj: Token) -> bool:
    """'according to estimates', 'according to preliminary information': a count or a text no
    one is named for is no party speaking."""
    if obj.pos_ == "PROPN" or owner_of(obj) is not None:
        return False  # 'according to UN estimates', 'according to the army's count': theirs
    if not_party(obj.lemma_) or not_party(obj.lower_):
        return True
    bare = not any(c.dep_ in ("det", "poss", "prep", "compound") for c in obj.children)
    return document_noun(obj) and bare and author_of(obj) is None


def according_content(st: Run, tok: Token, obj: Token) -> Span | None:
    """The clause 'according to X' hangs from: the words before it when it closes the
    clause ('..., according to X.'), else those after it ('According to X, ...'); clauses
    with a reporting verb of their own ('while Y has said ...') are left out."""
    sent = tok.sent
    phrase_lo, phrase_hi = tok.i, max(obj.right_edge.i, tok.i + 1)
    stop_hi = sent.end - 1
    for t in st.doc[phrase_hi + 1 : sent.end]:
        if (
            t.dep_ in ("advcl", "conj", "parataxis")
            and t.head.i != tok.i
            and any(cue_info(x.lemma_) is not None and x.pos_ == "VERB" for x in t.subtree)
        ):
            stop_hi = min(stop_hi, t.left_edge.i - 1)
            break
    if phrase_lo > sent.start and st.doc[phrase_lo - 1].text in (",", "\u2014", "("):
        before = trim(st, sent.start, phrase_lo - 1)
        if before is not None and before[1] - before[0] > 12:
            return before
    if phrase_hi + 1 <= stop_hi:
        return trim(st, phrase_hi + 1, stop_hi)
    return trim(st, sent.start, phrase_lo - 1) if phrase_lo > sent.start else None
