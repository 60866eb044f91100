"""Pass 1, direct quotes: each quotation-mark segment attributed to an adjacent cue
(``cues``), merged into the quote its cue already introduced, glued to the attributed quote
right before it, or left pending for ``continuations``. Segments that are no speech of their
own are skipped first (``SEGMENT_SKIPS``)."""

from __future__ import annotations

from collections.abc import Callable

from ...records import Party, Quote
from ..grammar import cue_info
from .cues import colon_cue, left_cue, right_cue
from .marks import Segment
from .state import Cue, Run, add_quote, cue_text, lead_text

SegmentSkip = Callable[[Run, Segment], bool]


def direct(st: Run) -> None:
    """Attribute every quotation-mark segment to its cue, or extend the quote before it; the
    rest wait in ``st.pending``."""
    for k, seg in enumerate(st.segs):
        if any(skip(st, seg) for skip in SEGMENT_SKIPS):
            continue
        lead = lead_text(st, k)
        cue = None
        if lead.rstrip().endswith(":"):
            cue = left_cue(st, k)
        cue = cue or right_cue(st, k) or left_cue(st, k) or colon_cue(st, k)
        if cue is not None and cue.verb.i in st.verb_quote:
            merge_into(st, st.verb_quote[cue.verb.i], k)
        elif cue is not None:
            add_direct(st, k, cue)
        elif not merge_with_previous(st, k):
            st.pending.append(k)


def inside_cue(st: Run, seg: Segment) -> bool:
    """The segment sits inside an earlier quote's cue clause, in the speaker's description
    ('X, wearing "Ted Cruz" pins, said'): a name, not more of the quote."""
    return any(
        q.content_span is not None and q.content_span[1] <= seg.start < st.tail_end.get(qi, 0)
        for qi, q in enumerate(st.quotes)
    )


def no_words(st: Run, seg: Segment) -> bool:
    """The segment holds no word or number (a lone mark, punctuation)."""
    return not any(st.doc[i].is_alpha or st.doc[i].like_num for i in st.offsets.tokens(seg.cstart, seg.cend))


def add_direct(st: Run, k: int, cue: Cue) -> None:
    """A direct (or, after 'that', mixed) quote of segment ``k`` introduced by ``cue``."""
    seg = st.segs[k]
    info = cue_info(cue.verb.lemma_) or {"loaded": False}
    party = Party.unknown()  # resolved in text order once every quote is known
    start = min(seg.start, cue.start)
    end = max(seg.end, cue.end)
    q = Quote(
        speaker=party,
        text=st.text[seg.cstart : seg.cend],
        kind="mixed" if cue.with_that else "direct",
        span=(start, end),
        cue=cue_text(st, cue.verb),
        cue_loaded=bool(info["loaded"]),
        content_span=(seg.cstart, seg.cend),
        reason="direct: quotation marks + adjacent reporting verb "
        + ("before" if cue.start < seg.start else "after"),
    )
    st.used_cues.add(cue.verb.i)
    st.verb_quote[cue.verb.i] = len(st.quotes)
    st.seg_quote[k] = len(st.quotes)
    st.tail_end[len(st.quotes)] = end
    add_quote(st, q, cue.speaker)


def merge_with_previous(st: Run, k: int) -> bool:
    """'"A," he said. "B."': a cue-less segment right after an attributed one extends it."""
    if k == 0:
        return False
    seg, prev = st.segs[k], st.segs[k - 1]
    qi = st.seg_quote.get(k - 1)
    if qi is None or prev.para != seg.para:
        return False
    gap = st.text[st.tail_end[qi] : seg.start]
    if gap.strip(" .,;:\u2014\u2013") != "":
        return False
    merge_into(st, qi, k)
    return True


def merge_into(st: Run, qi: int, k: int) -> None:
    """Append segment ``k`` to quote ``qi`` (same speaker, same statement)."""
    seg = st.segs[k]
    q = st.quotes[qi]
    q.text = f"{q.text} ... {st.text[seg.cstart : seg.cend]}"
    q.span = (q.span[0], max(q.span[1], seg.end))
    assert q.content_span is not None
    q.content_span = (q.content_span[0], seg.cend)
    q.reason += "; continued in the next quoted sentence"
    st.seg_quote[k] = qi
    st.tail_end[qi] = max(st.tail_end[qi], seg.end)


# the checks that leave a segment alone, in the order they are tried
SEGMENT_SKIPS: tuple[SegmentSkip, ...] = (no_words, inside_cue)
