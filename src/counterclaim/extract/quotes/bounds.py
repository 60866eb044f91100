"""Where a report's words start and end: trimming a token range to its content, and the cuts
that keep another statement out of it (a second subject-less cue, a contrasting report, the
outlet's closing comment, an aside between the cue and its report)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.tokens import Token

from ...records import Span
from .. import who
from ..grammar import cue_info
from .state import Run

_CUE_ASIDES = {"without", "citing", "quoting"}  # 'said, without evidence, ...' describes the saying


def trim(st: Run, lo: int, hi: int) -> Span | None:
    """Character range of tokens ``lo..hi`` without edge punctuation (quotation marks kept), a
    leading 'that' or a trailing conjunction; None under two words."""
    doc, punct, space, lowers, deps = st.doc, st.punct, st.space, st.lowers, st.deps
    while lo <= hi and (
        punct[lo]
        and doc[lo].text not in '"\u201c\u2018\u00ab'
        or space[lo]
        or lowers[lo] == "that"
        and deps[lo] == "mark"
    ):
        lo += 1
    while hi >= lo and (
        space[hi] or deps[hi] == "cc" or punct[hi] and doc[hi].text not in '"\u201d\u2019\u00bb'
    ):
        hi -= 1
    if hi < lo or not _two_words(st, lo, hi):
        return None
    last = doc[hi]
    return st.offsets.starts[lo], last.idx + len(last)


def _two_words(st: Run, lo: int, hi: int) -> bool:
    """Tokens ``lo..hi`` hold at least two that are not punctuation."""
    words = 0
    for i in range(lo, hi + 1):
        if not st.punct[i]:
            words += 1
            if words == 2:
                return True
    return False


def cut_other_cues(st: Run, verb: Token, lo: int, hi: int) -> int:
    """End content before a subject-less reporting verb joined to it ('said A and called B
    "C"', 'denied that A, calling it "B"', 'accused X of A, declaring B'), or before another
    speaker's report set against it ('reported A, while prosecutors said B'): each starts a
    quote of its own."""
    # none of the tests below passes for a word that is not a reporting verb (``st.cues``)
    order = st.cue_order
    for i in order[bisect_left(order, lo) : bisect_right(order, hi)]:
        t = st.doc[i]
        if t.i > lo and contrasting_report(st, t):
            return min(hi, t.left_edge.i - 1)
        if t.i > lo and absolute_report(st, t):
            speaker = with_speaker(t)  # '..., with witnesses telling AFP they heard a bang'
            with_ = speaker.head if speaker is not None else t.head
            edge = with_.i - 1 if st.doc[with_.i - 1].text != "," else with_.i - 2
            return min(hi, edge)
        if t.i > lo and t.i > verb.i and own_clause_cue(st, t):
            edge = t.i - 1 if st.doc[t.i - 1].text != "," else t.i - 2
            return min(hi, edge)
        if (
            t.i == verb.i
            or t.dep_ not in ("conj", "ccomp")
            or t.i <= lo
            or t.head.i != verb.i
            and t.dep_ == "ccomp"
        ):
            continue
        if t.dep_ == "ccomp" and not bare_cue(t):
            continue
        edge = (
            min(t.i, *(c.i for c in t.children if c.dep_ in ("cc", "punct") and c.i < t.i))
            if any(c.dep_ in ("cc", "punct") and c.i < t.i for c in t.children)
            else t.i
        )
        return min(hi, edge - 1)
    return hi


def cut_comment(st: Run, lo: int, hi: int) -> int:
    """'... it was annexing the region, a move rejected by most ...', '32 were killed, a number
    that has not been verified': a closing noun phrase set off by a comma that sums up the
    report is the outlet's comment on it, not part of it."""
    lowers = st.lowers
    for i in range(lo + 1, hi - 1):  # a comma with two words after it inside the content
        if lowers[i] != ",":
            continue
        t = st.doc[i]
        det, head = st.doc[t.i + 1], st.doc[t.i + 2]
        if det.lower_ == "which" and det.dep_ == "nsubj" and _description(det.head, hi):
            return t.i - 1  # '... hit the children's hospital, which is one of Europe's largest'
        if det.lower_ not in ("a", "an") or det.head.i != head.i or head.pos_ != "NOUN":
            continue
        if (
            head.dep_ in ("appos", "npadvmod", "dobj", "attr")
            and head.right_edge.i >= hi
            and any(c.dep_ in ("acl", "relcl") for c in head.children)
        ):
            return t.i - 1
    return hi


def _description(verb: Token, hi: int) -> bool:
    """A closing 'which is ...' clause that says what a thing is, in the present: the outlet
    telling the reader about it, not the speaker's claim ('which stored weapons' stays)."""
    return (
        verb.dep_ == "relcl"
        and verb.lemma_ == "be"
        and verb.tag_ in ("VBZ", "VBP")
        and verb.right_edge.i >= hi
        and any(c.dep_ in ("attr", "acomp") for c in verb.children)
    )


def skip_aside(st: Run, verb: Token, lo: int, hi: int) -> int:
    """'said, without providing evidence, it was ...': a phrase between the cue and its report,
    set off by commas, describes the saying (the outlet's words), not what was said."""
    first = st.doc[lo]
    if lo <= verb.i or first.lower_ not in _CUE_ASIDES or st.doc[lo - 1].text != ",":
        return lo
    comma = next((t.i for t in st.doc[lo : hi + 1] if t.text == ","), None)
    return comma + 1 if comma is not None and comma < hi else lo


def bare_cue(t: Token) -> bool:
    """A reporting verb with no subject of its own ('..., calling it', '... and insisted')."""
    return (
        t.pos_ in ("VERB", "AUX")
        and cue_info(t.lemma_) is not None
        and not any(c.dep_ in who.SUBJECT_DEPS for c in t.children)
    )


def own_clause_cue(st: Run, t: Token) -> bool:
    """'..., declaring that B': a subject-less participle of a reporting verb with a clause of
    its own (a labelling one, 'calling it "false"', stays in the statement)."""
    if t.dep_ != "advcl" or t.tag_ != "VBG":
        return False  # before the verb table: most tokens are neither
    info = st.cues.get(t.i) or {}  # (a word that is no reporting verb fails bare_cue below)
    return (
        info.get("frame") == "clause"
        and bare_cue(t)
        and any(c.dep_ == "ccomp" and c.i > t.i for c in t.children)
    )


def absolute_report(st: Run, t: Token) -> bool:
    """'..., with witnesses telling AFP they heard a loud bang': a reporting verb with its own
    subject in a 'with' phrase, another speaker's report set beside the one around it."""
    if t.pos_ != "VERB" or t.i not in st.cues:
        return False
    if with_speaker(t) is not None:
        return True  # the parser hung the verb on its speaker: 'with witnesses telling AFP ...'
    if t.dep_ not in ("pcomp", "advcl") or t.head.lower_ != "with":
        return False
    return any(c.dep_ in who.SUBJECT_DEPS for c in t.children) and any(c.dep_ == "ccomp" for c in t.children)


def with_speaker(t: Token) -> Token | None:
    """The speaker of a reporting participle the parser hung on it in a 'with' phrase ('with
    witnesses telling AFP they heard ...'), or None."""
    head = t.head
    if t.dep_ != "acl" or t.tag_ != "VBG" or head.dep_ != "pobj" or head.head.lower_ != "with":
        return None
    return head if head.pos_ in ("NOUN", "PROPN") else None


def contrasting_report(st: Run, t: Token) -> bool:
    """'..., while prosecutors said 20 were hurt': a reporting verb with its own subject in a
    clause that sets it against the report around it."""
    if t.pos_ != "VERB" or t.dep_ not in ("advcl", "conj") or t.i not in st.cues:
        return False
    marks = {c.lower_ for c in t.children if c.dep_ in ("mark", "cc")}
    return bool(marks & {"while", "whereas", "but", "although", "though"}) and any(
        c.dep_ in who.SUBJECT_DEPS for c in t.children
    )
