"""Pass 4, attribution lines: a paragraph that is nothing but an attribution ('- the statement
said.', 'Dr. X, the director of Y, said in a statement.') closes the statement block of the
paragraph before it; 'This was reported by X.' closes the sentences before it in its own
paragraph."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span as SpacySpan
from spacy.tokens import Token

from ...nlp import sent_bounds
from ...records import Party, Quote
from ..grammar import cue_info
from .bounds import trim
from .direct import add_direct, merge_into
from .speakers import speaker_of
from .state import MAX_TAIL, SENT_END, Cue, Run, add_quote, cue_text, lead_text


def attribution_lines(st: Run) -> None:
    """A paragraph that is nothing but an attribution ('- the statement said.', 'Dr. X, the
    director of Y, said in a statement.') closes the statement block of the paragraph before
    it; 'This was reported by X.' closes the sentences before it in its own paragraph."""
    paras = _paragraphs(st)
    passage = [i for i, info in st.cues.items() if info.get("passage")]  # verbs that can relay one
    for pi, (ps, pe) in enumerate(paras):
        near = pe > ps and _passage_near(st, passage, ps, pe)
        for sent in st.doc.char_span(ps, pe, alignment_mode="expand").sents if near else ():
            verb, speaker = anaphoric_report(st, sent)
            if verb is not None:
                attribute_block(st, ps, sent.start_char, verb, speaker, "'this was reported by X'")
        if pi == 0:
            continue
        verb, speaker = attribution_only(st, ps, pe)
        if verb is not None:
            lo, hi = paras[pi - 1]
            attribute_block(st, lo, hi, verb, speaker, "an attribution line")


def _passage_near(st: Run, passage: list[int], ps: int, pe: int) -> bool:
    """A verb of ``passage`` lies in the sentences around the paragraph [ps, pe) (a margin of a
    token each side): without one, no sentence of the paragraph has a root that relays a passage."""
    n = len(st.doc)
    lo = sent_bounds(st.doc, max(0, st.offsets.token_at(ps) - 1))[0]
    hi = sent_bounds(st.doc, min(n - 1, st.offsets.token_at(max(ps, pe - 1)) + 1))[1]
    return bisect_left(passage, lo) < bisect_left(passage, hi)


def _paragraphs(st: Run) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs (non-empty lines)."""
    out, pos = [], 0
    for line in st.text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def attribution_only(st: Run, ps: int, pe: int) -> tuple[Token | None, Token | None]:
    """The cue and speaker of a paragraph that only attributes: a reporting verb with its
    subject, and nothing else but where it was said ('in a statement', 'on Telegram')."""
    words = 0
    first = last = last_word = -1
    for i in st.offsets.tokens(ps, pe):
        if st.space[i]:
            continue
        last = i
        if not st.punct[i]:
            words += 1
            if words > MAX_TAIL * 3:
                return None, None  # too long for a line that only attributes
            if first < 0:
                first = i
            last_word = i
    if not words or last < 0 or st.doc[last].text not in SENT_END:
        return None, None
    sent = st.doc[first].sent  # one sentence (a lone dash may be parsed as a sentence of its own)
    if last_word >= sent.end:
        return None, None
    verb = sent.root
    info = cue_info(verb.lemma_) if verb.pos_ in ("VERB", "AUX") else None
    if info is None or info["frame"] != "clause" or verb.i in st.used_cues:
        return None, None
    if st.quoted_tok[verb.i]:
        return None, None
    hearer = bool(info.get("addressee"))
    own = ("ccomp", "xcomp", "mark")
    if any(c.dep_ in own or c.dep_ == "dobj" and not hearer for c in verb.children):
        return None, None  # the verb reports a clause of its own
    speaker = speaker_of(st, verb)
    return (verb, speaker) if speaker is not None else (None, None)


def anaphoric_report(st: Run, sent: SpacySpan) -> tuple[Token | None, Token | None]:
    """'This was reported by the Security Service.', 'The ministry reported this.'"""
    verb = sent.root
    info = cue_info(verb.lemma_) if verb.pos_ in ("VERB", "AUX") else None
    if info is None or not info.get("passage") or verb.i in st.used_cues or st.quoted_tok[verb.i]:
        return None, None  # 'The army denies that' answers a claim, it does not relay a passage
    this = next(
        (c for c in verb.children if c.dep_ in ("nsubjpass", "dobj") and c.lower_ in ("this", "that")),
        None,
    )
    speaker: Token | None = None
    if this is not None and this.dep_ == "dobj":
        speaker = speaker_of(st, verb)
    elif this is not None:
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is not None:
            speaker = next((g for g in agent.children if g.dep_ == "pobj"), None)
    return (verb, speaker) if speaker is not None else (None, None)


def attribute_block(st: Run, lo: int, hi: int, verb: Token, speaker: Token | None, how: str) -> None:
    """Quote the unattributed sentences (or open quotations) of [lo, hi) as said by ``speaker``."""
    if hi <= lo:
        return
    st.blocks.append((lo, hi))  # one statement: no antecedent for its own attribution
    segs = [k for k, g in enumerate(st.segs) if lo <= g.start < hi and k not in st.seg_quote]
    segs = [k for k in segs if k not in st.consumed]
    if segs and not lead_text(st, segs[0]).strip():  # a quotation opening the block
        k0 = segs[0]
        add_direct(st, k0, Cue(verb, speaker, verb.idx + len(verb), st.segs[k0].start))
        for k in segs[1:]:
            merge_into(st, st.seg_quote[k0], k)
        return
    block = st.doc.char_span(lo, hi, alignment_mode="expand")
    if block is None:
        return
    for sent in block.sents:
        if sent.start_char >= verb.idx or any(
            q.content_span and q.content_span[0] < sent.end_char and sent.start_char < q.content_span[1]
            for q in st.quotes
        ):
            continue
        content = trim(st, sent.start, sent.end - 1)
        if content is None:
            continue
        cs, ce = content
        st.used_cues.add(verb.i)
        add_quote(
            st,
            Quote(
                speaker=Party.unknown(),
                text=st.text[cs:ce],
                kind="indirect",
                span=(cs, max(ce, verb.idx + len(verb))),
                cue=cue_text(st, verb),
                cue_loaded=bool((cue_info(verb.lemma_) or {}).get("loaded")),
                content_span=(cs, ce),
                reason=f"indirect: unattributed sentence closed by {how}",
            ),
            speaker,
        )
