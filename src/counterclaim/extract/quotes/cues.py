"""Direct quotes' cues: the reporting verb next to a quotation and its speaker. After the
closing mark (``"...," X said``, ``"...," said X``, an inverted verb before a long name, a
subject longer than the usual tail followed to its verb, ``"... missing." Trump said.``), before
the opening mark (``X said: "..."``, ``X said that "..."``), or a colon closing the previous
paragraph (``He said:``)."""

from __future__ import annotations

import functools
from bisect import bisect_left

from spacy.tokens import Token

from ... import lexicons
from ...nlp import token_heads, token_pos_dep
from .. import grammar, who
from ..grammar import cue_info
from .marks import Segment
from .speakers import speaker_of
from .state import MAX_TAIL, SENT_END, Cue, Run, in_segment, lead_text

_SOFT_CLOSE = ",?!\u2014\u2013-\u2026:;"
_BAD_GAP_DEPS = {"nsubj", "nsubjpass", "aux", "auxpass", "ccomp", "csubj", "expl", "ROOT"}


@functools.cache
def _bare_cues() -> frozenset[str]:
    return frozenset(lexicons.entries("quote_bare_cues"))


def right_cue(st: Run, k: int) -> Cue | None:
    seg = st.segs[k]
    if not seg.closed or not (open_after(st, seg) or bare_attribution(st, seg)):
        return None
    nxt = st.segs[k + 1].start if k + 1 < len(st.segs) and st.segs[k + 1].para == seg.para else seg.para_end
    toks = [st.doc[i] for i in st.offsets.tokens(seg.end, nxt)]
    verb: Token | None = None
    words = 0
    for t in toks:
        if t.text in SENT_END or t.text == ";":
            break
        if t.is_punct or t.is_space:
            continue
        words += 1
        if words > MAX_TAIL:
            break
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() != "be":
            info = cue_info(t.lemma_)
            if info is not None and info["frame"] == "clause" and not st.quoted_tok[t.i]:
                verb = t
            break
    long_subject: Token | None = None
    if verb is not None:
        long_subject = inverted_subject(verb, toks)
    if verb is None or reports_own_clause(st, verb, long_subject):
        # '"A," Brandt, who said B, told reporters': the cue after a long subject
        verb, long_subject = cue_after_subject(st, toks, seg)
    if verb is None or reports_own_clause(st, verb, long_subject):
        return None  # the verb reports a clause of its own: '"A" and said B'
    first = next((t for t in toks if not (t.is_punct or t.is_space)), None)
    if first is not None and first.dep_ == "cc":
        return None
    if introduces_next(st, verb, k):
        return None  # '"A," adding: "B"': the verb is the next quotation's cue
    speaker = long_subject or speaker_of(st, verb)
    if speaker is None:  # "said Pashinian" parsed without a subject
        speaker = next(
            (t for t in toks if t.i != verb.i and t.pos_ in ("PROPN", "NOUN", "PRON") and not t.is_punct),
            None,
        )
    stop = next((t for t in toks if t.text in SENT_END or t.text == ";"), None)
    limit = stop.i if stop is not None else (toks[-1].i + 1 if toks else verb.i + 1)
    end_tok = _subtree_end(st, verb, limit, seg.end)
    if speaker is not None:
        end_tok = max(end_tok, speaker.right_edge.i if speaker.right_edge.i < limit else speaker.i)
    end_tok = max(end_tok, verb.i)
    last = st.doc[end_tok]
    return Cue(verb, speaker, last.idx + len(last), seg.start)


def _subtree_end(st: Run, verb: Token, limit: int, after: int) -> int:
    """The last token of the verb's subtree before token ``limit`` that starts at or after
    character ``after`` (else the verb): the tokens are tried from the right, each by a walk up
    the heads, instead of listing the whole subtree (often the whole sentence, quote and all)."""
    heads = token_heads(st.doc)
    v = verb.i
    for i in range(limit - 1, max(v + 1, bisect_left(st.offsets.starts, after)) - 1, -1):
        if _under(heads, i, v):
            return i
    return v


def _under(heads: list[int], i: int, top: int) -> bool:
    """Token ``i`` is ``top`` or lies in its subtree (a walk up ``nlp.token_heads``)."""
    while i != top and heads[i] != i:
        i = heads[i]
    return i == top


def introduces_next(st: Run, verb: Token, k: int) -> bool:
    """A colon follows the verb and the paragraph's next quotation opens right after it."""
    if k + 1 >= len(st.segs) or st.segs[k + 1].para != st.segs[k].para:
        return False
    gap = st.text[verb.idx + len(verb) : st.segs[k + 1].start]
    return gap.strip() == ":"


def reports_own_clause(st: Run, verb: Token, subject: Token | None) -> bool:
    """The verb has an unquoted content clause after it ('"A" and said B'); a clause that
    holds the inverted subject or opens with 'as'/'when' (misparsed adverbials) does not count."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.i < verb.i:
            continue
        if subject is not None and c.left_edge.i <= subject.i <= c.right_edge.i:
            continue
        if any(m.dep_ == "mark" and m.lower_ not in ("that", "whether", "if") for m in c.children):
            continue
        if _unquoted_word(st, c):
            return True
    return False


def _unquoted_word(st: Run, top: Token) -> bool:
    """``top``'s subtree holds a word outside quotation marks: the tokens between its edges are
    tested by the run's columns first, and only an unquoted word is walked up to ``top``."""
    heads, quoted, punct = token_heads(st.doc), st.quoted_tok, st.punct
    for i in range(top.left_edge.i, top.right_edge.i + 1):
        if quoted[i] or punct[i]:
            continue
        if _under(heads, i, top.i):
            return True
    return False


def inverted_subject(verb: Token, toks: list[Token]) -> Token | None:
    """'"...," said delegate Beau Correll, angered that ...': the name after an inverted
    verb parsed as the subject of a clause the verb seems to report."""
    first = next((t for t in toks if not (t.is_punct or t.is_space)), None)
    if first is None or first.i != verb.i or verb.i + 1 >= len(verb.doc):
        return None
    t = verb.doc[verb.i + 1]
    while t.dep_ in ("compound", "flat", "det", "amod") and t.head.i > t.i:
        t = t.head  # 'Virginia delegate Beau Correll' -> 'Correll'
    if t.pos_ == "PROPN" and t.dep_ in ("nsubj", "nsubjpass") and t.head.i != verb.i:
        return t
    return None


def cue_after_subject(st: Run, toks: list[Token], seg: Segment) -> tuple[Token | None, Token | None]:
    """'"...," Trump, the frontrunner and polling leader in the state, said': a subject
    phrase longer than the usual tail, then the reporting verb right after it."""
    first = next((t for t in toks if not (t.is_punct or t.is_space)), None)
    while first is not None and first.dep_ in ("compound", "flat") and first.head.i > first.i:
        first = first.head  # 'Ilse' in 'Ilse Brandt'
    if first is None or first.pos_ not in ("PROPN", "NOUN") or first.dep_ == "amod":
        return None, None
    edge = first.right_edge.i
    if first.ent_iob_ in ("B", "I"):  # the rest of a name the parse split
        while edge + 1 < len(st.doc) and st.doc[edge + 1].ent_iob_ == "I":
            edge += 1
    # the subject may hold a short quoted name ('wearing "Ted Cruz" pins'): look to the
    # paragraph end, not to the next quotation mark
    para = st.offsets.tokens(seg.end, seg.para_end)
    last = para[-1] if len(para) else toks[-1].i
    nxt = next((t for t in st.doc[edge + 1 : edge + 4] if not (t.is_punct or t.is_space)), None)
    if nxt is None or nxt.pos_ not in ("VERB", "AUX") or cue_info(nxt.lemma_) is None:
        # 'Brandt, the engineer in charge, Tweeted' with the verb parsed into the apposition,
        # 'X, wearing a hat, said': the first finite verb after the name (participles modify
        # it), right after the comma that closes the apposition
        pos = token_pos_dep(st.doc)[0]
        nxt = next(
            (
                t
                for t in (
                    st.doc[i]
                    for i in range(first.i + 1, last + 1)
                    if pos[i] in ("VERB", "AUX") and not st.quoted_tok[i]
                )
                if t.tag_ in ("VBD", "VBZ", "VBP") or t.text[:1].isupper()
            ),
            None,
        )
        if nxt is None or st.doc[nxt.i - 1].text != ",":
            return None, None
    if nxt.i > last or any(t.text in SENT_END for t in st.doc[first.i : nxt.i]):
        return None, None
    info = cue_info(nxt.lemma_) if nxt.pos_ in ("VERB", "AUX") else None
    if info is None or info["frame"] != "clause" or st.quoted_tok[nxt.i]:
        return None, None
    return nxt, first


def bare_attribution(st: Run, seg: Segment) -> bool:
    """'"... missing." Trump said.': a sentence of nothing but a speaker and a reporting
    verb after a closed quotation attributes it (a full stop typed for the comma)."""
    toks: list[Token] = []  # the words up to the sentence end, if it comes within seven
    for i in st.offsets.tokens(seg.end, seg.para_end):
        t = st.doc[i]
        if not t.is_space:
            toks.append(t)
            if t.text in SENT_END or len(toks) > 6:
                break
    end = next((j for j, t in enumerate(toks) if t.text in SENT_END), None)
    if end is None or end == 0 or end > 6:
        return False
    words = toks[:end]
    verb = words[-1]
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _bare_cues():
        return False
    return all(t.i == verb.i or t.i in {x.i for x in verb.subtree} for t in words) and any(
        c.dep_ in who.SUBJECT_DEPS for c in verb.children
    )


def open_after(st: Run, seg: Segment) -> bool:
    """The sentence goes on after the closing mark: '"...," he said', '"Why?" she asked'."""
    text = st.text
    # a nested quotation closing with the outer one ('... he said, \u2018I hope so,\u2019\u201d')
    body = text[seg.start + 1 : seg.end - 1].rstrip(" '\u2019\"\u201d")
    last = body[-1:] if seg.end - seg.start > 1 else ""
    after = text[seg.end : seg.end + 40].lstrip()
    if last in _SOFT_CLOSE or text[seg.cend : seg.cend + 1] == "," or after[:1] == ",":
        return True
    return bool(after) and after[0].islower()


def ends_clause(st: Run, seg: Segment) -> bool:
    """Nothing but a sentence end, a cue or another quote follows the closing mark."""
    if not seg.closed:
        return True
    text = st.text
    body = text[seg.cstart : seg.cend].rstrip()
    after = text[seg.end : seg.para_end].lstrip()
    if not after or body[-1:] in ".!?" or after[0] in ".!?;\"\u201c\u2018'":
        return True
    return after[0] in ",\u2014" and right_cue_after(st, seg)


def right_cue_after(st: Run, seg: Segment) -> bool:
    k = st.segs.index(seg)
    return right_cue(st, k) is not None


def left_cue(st: Run, k: int) -> Cue | None:
    seg = st.segs[k]
    if not ends_clause(st, seg):
        return None  # a quoted fragment inside reported speech: mixed, found later
    lo = seg.para_start
    if k > 0 and st.segs[k - 1].para == seg.para:
        lo = st.segs[k - 1].end
    toks = [st.doc[i] for i in st.offsets.tokens(lo, seg.start)]
    while toks and (toks[-1].is_space or toks[-1].text in (",", ":", "\u2014")):
        toks.pop()
    with_that = bool(toks) and toks[-1].lower_ in ("that", "saying")
    if toks and toks[-1].lower_ == "that":
        toks.pop()
    verb: Token | None = None
    gap: list[Token] = []
    for t in reversed(toks):
        if t.text in SENT_END:
            return None
        info = cue_info(t.lemma_) if t.pos_ in ("VERB", "AUX") else None
        if info is not None and info["frame"] == "clause":
            verb = t
            break
        if t.pos_ in ("VERB", "AUX") or t.dep_ in _BAD_GAP_DEPS:
            return None
        if not t.is_punct:
            gap.append(t)
        if len(gap) > MAX_TAIL:
            return None
    if verb is None:
        return None
    if verb.lower_ == "saying":
        with_that = with_that or bool(gap)
    if any(t.dep_ in _BAD_GAP_DEPS for t in gap):
        return None
    speaker = speaker_of(st, verb)
    start = verb.idx
    if speaker is not None and speaker.i < verb.i:
        start = grammar.noun_phrase(speaker).start_char
    return Cue(verb, speaker, seg.end, start, with_that=with_that)


def colon_cue(st: Run, k: int) -> Cue | None:
    """'He said:' (or 'Stated Stone:') closing the previous paragraph introduces a quotation
    that opens this one."""
    seg = st.segs[k]
    if lead_text(st, k).strip():
        return None
    j = seg.para_start
    while j > 0 and st.text[j - 1].isspace():
        j -= 1
    if j == 0 or st.text[j - 1] != ":" or in_segment(st, j - 1):
        return None
    sent = st.doc[st.offsets.token_at(j - 1)].sent
    verbs = [
        t
        for t in sent
        if t.pos_ in ("VERB", "AUX")
        and (cue_info(t.lemma_) or {}).get("frame") == "clause"
        and not st.quoted_tok[t.i]
        and t.i not in st.used_cues
    ]
    if not verbs or any(
        c.dep_ in ("ccomp", "dobj") and not c.is_punct and c.i > verbs[-1].i and c.pos_ != "PROPN"
        for c in verbs[-1].children
    ):
        return None  # 'X said the plan had three parts:' introduces a list, not this quote
    verb = verbs[-1]
    speaker = speaker_of(st, verb)
    if speaker is None:  # 'Stated Stone:'
        speaker = next((t for t in st.doc[verb.i + 1 : sent.end] if t.pos_ in ("PROPN", "NOUN")), None)
    start = verb.idx if speaker is None or speaker.i > verb.i else grammar.noun_phrase(speaker).start_char
    return Cue(verb, speaker, seg.end, start)
