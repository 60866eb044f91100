"""Cue-less quoted sentences and the result: a sentence-opening quote with no cue continues
the previous speaker (``resolved_via`` "continuation"), or, when left open at its paragraph
end, the speaker of the next paragraph's quote; ``result`` gives the quotes in text order with
their marks balanced."""

from __future__ import annotations

import bisect

from ...records import Party, Quote
from .marks import Segment, balance, open_marks
from .state import Run, add_quote, lead_text

_TITLE_BEFORE = {"operation", "operations", "codenamed", "dubbed", "nicknamed", "titled", "entitled"}


def continuations(st: Run) -> None:
    """A quoted sentence with no cue continues the previous speaker (same or previous
    paragraph); a paragraph-opening quote with nobody before it is left unknown."""
    for k in st.pending:
        if k in st.consumed or k in st.seg_quote:
            continue
        seg = st.segs[k]
        words = st.text[seg.cstart : seg.cend].split()
        lead = lead_text(st, k).strip()
        opens_para = lead == ""
        opens_sentence = opens_para or lead[-1:] in ".!?"
        prev_open = k > 0 and not st.segs[k - 1].closed and st.segs[k - 1].para == seg.para - 1
        if not (opens_sentence and (len(words) >= 4 or prev_open)):
            continue  # scare quotes, titles, nicknames, fragments
        if title_before(st, seg):
            continue
        fwd = next_attributed(st, k)
        prev = fwd or previous_quote(st, seg, prev_open)
        if prev is not None:
            sp = prev.speaker
            party = Party(
                name=sp.name,
                entity_id=sp.entity_id,
                kind=sp.kind,
                resolved_via="continuation" if sp.kind != "unknown" else None,
            )
            reason = (
                "direct: open quoted paragraph runs into the next paragraph's attributed quote"
                if fwd is not None
                else "direct: cue-less quoted paragraph continues the previous speaker"
            )
            cue = None
        elif opens_para and len(words) >= 6:
            party, reason, cue = (
                Party.unknown(),
                "direct: quoted paragraph with no speaker in sight",
                None,
            )
        else:
            continue
        st.seg_quote[k] = len(st.quotes)
        add_quote(
            st,
            Quote(
                speaker=party,
                text=st.text[seg.cstart : seg.cend],
                kind="direct",
                span=(seg.start, seg.end),
                cue=cue,
                content_span=(seg.cstart, seg.cend),
                reason=reason,
            ),
            None,
        )


def next_attributed(st: Run, k: int) -> Quote | None:
    """A quotation left open at its paragraph end runs into the next paragraph's opening
    quotation ('“A.' / '“B,” she said.'): the speaker named there says both."""
    start = k
    while k + 1 < len(st.segs):
        seg, nxt = st.segs[k], st.segs[k + 1]
        if seg.closed or nxt.para != seg.para + 1 or lead_text(st, k + 1).strip():
            return None
        if st.text[seg.start] != st.text[nxt.start]:
            return None  # one quotation keeps one style of mark; a change starts another text
        qi = st.seg_quote.get(k + 1)
        if qi is not None:
            q = st.quotes[qi]
            if q.cue is None or q.kind != "direct" or q.speaker.kind == "unknown":
                return None
            last = q.speaker.name.split()[-1]
            if any(last in st.text[s.cstart : s.cend] for s in st.segs[start : k + 1]):
                return None  # the paragraph names the speaker: someone else's words about them
            return q
        k += 1
    return None


def title_before(st: Run, seg: Segment) -> bool:
    """A title word right before the mark (Operation "Iron Swords", dubbed "X"): a name."""
    words = st.text[max(seg.para_start, seg.start - 20) : seg.start].split()
    return bool(words) and words[-1].lower().strip(",") in _TITLE_BEFORE


def previous_quote(st: Run, seg: Segment, prev_open: bool) -> Quote | None:
    """The last quote before the segment, if it is in the same or the previous paragraph (or the
    segment continues an open quotation)."""
    best: Quote | None = None
    for q in st.quotes:
        if q.span[0] >= seg.start:
            continue
        if best is None or q.span[0] > best.span[0]:
            best = q
    if best is None:
        return None
    para_of = _para_index(st, best.span[0])
    if para_of == seg.para or para_of == seg.para - 1 or prev_open:
        return best
    return None


def take_marks(st: Run, q: Quote) -> None:
    """A mixed quote whose content starts or ends at a quoted fragment keeps that fragment's
    marks whole: 'claimed "X's stance" leaves ...' gives '"X's stance" leaves ...'."""
    if q.content_span is None or q.kind == "direct":
        return
    cs, ce = q.content_span
    curly, odd_straight = open_marks(st.text[cs:ce])
    before, after = st.text[cs - 1 : cs] if cs else "", st.text[ce : ce + 1]
    if (curly < 0 and before in "\u201c\u00ab") or (odd_straight and before == '"'):
        cs -= 1
    elif (curly > 0 and after in "\u201d\u00bb") or (odd_straight and after == '"'):
        ce += 1
    else:
        return
    q.content_span = (cs, ce)
    q.text = st.text[cs:ce]


def result(st: Run) -> list[Quote]:
    """The quotes in text order, their marks kept whole and balanced; empty ones and the outlet's
    own reporting left out."""
    out: list[Quote] = []
    head = headline_end(st.text)
    for q in sorted(st.quotes, key=lambda q: (q.span[0], q.span[1])):
        take_marks(st, q)
        q.text = balance(q.text.strip().rstrip(","))
        if not q.text or q.speaker.kind == "outlet":
            continue  # 'DAILY POST reports that ...' in Daily Post: the outlet's own voice
        if q.span[1] <= head:
            continue  # a headline sums the story up; what it quotes is told again below
        out.append(q)
    return out


HEADLINE_WORDS = 30  # a first line longer than this is a paragraph, whatever its punctuation


def headline_end(text: str) -> int:
    """End of the headline the text opens with (0 when it has none): a first line of at most
    HEADLINE_WORDS words that does not end a sentence ('Troops ‘completed the encirclement of
    Gaza City’, says IDF'), followed by more text."""
    stripped = text.lstrip()
    start = len(text) - len(stripped)
    nl = text.find("\n", start)
    if nl == -1:
        return 0
    line = text[start:nl].rstrip()
    if not line or len(line.split()) > HEADLINE_WORDS:
        return 0
    if line.rstrip("\"'\u201d\u2019\u00bb)").endswith((".", "!", "?", ":")):
        return 0
    return nl


def _para_index(st: Run, char: int) -> int:
    """Index of the paragraph (non-empty line) holding ``char``, as ``find_segments`` counts."""
    if st.para_starts is None:
        starts, pos = [], 0
        for line in st.text.split("\n"):
            if line.strip():
                starts.append(pos)
            pos += len(line) + 1
        st.para_starts = starts
    return max(0, bisect.bisect_right(st.para_starts, char) - 1)
