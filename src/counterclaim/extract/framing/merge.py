"""Framing records: hits in one phrase merged into one record (overlapping, touching or linked
through a few words), and a record's character span widened to take in a quotation mark it cuts.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ...nlp import doc_text, sent_bounds
from .cues import Hit

_PUNCT_GAP = re.compile(r"^[\s,;:\-\u2013\u2014\"'\u201c\u201d\u2018\u2019]*$")


def _merge(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """One record per phrase: hits whose spans overlap or touch in one sentence and voice merge."""
    hits.sort(key=lambda h: (h.span[0], -h.span[1], h.start, h.cue.lexicon, h.cue.text))
    out: list[Hit] = []
    for h in hits:
        if out:
            last = out[-1]
            lo, hi = last.span
            same_sent = sent_bounds(doc, lo)[0] == sent_bounds(doc, h.span[0])[0]
            gap = ""
            if h.span[0] >= hi:
                gap = doc_text(doc)[doc[hi - 1].idx + len(doc[hi - 1].text) : doc[h.span[0]].idx]
            touching = (
                h.span[0] < hi
                or (bool(_PUNCT_GAP.match(gap)) and len(gap) <= 3 and _linked(doc, last.span, h.span))
                or _bridged(doc, last.span, h.span)
            )
            if same_sent and last.voice == h.voice and touching:
                last.span = (lo, max(hi, h.span[1]))
                last.reasons += [r for r in h.reasons if r not in last.reasons]
                last.techniques += h.techniques
                # a side taken by a label or accusation outranks one merely named near a neutral cue
                if h.favours and (last.favours is None or (last.cue.polarity == "none" != h.cue.polarity)):
                    last.favours = h.favours
                continue
        out.append(h)
    return out


def _linked(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Two adjacent spans belong together when the root of one hangs on a word of the other."""
    ra, rb = doc[a[0] : a[1]].root, doc[b[0] : b[1]].root
    return b[0] <= ra.head.i < b[1] or a[0] <= rb.head.i < a[1]


def _balance_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in the other mark of a quotation the span cuts: 'the so-called "corridor"'."""
    inner = text[start:end]
    opens = inner.count("\u201c") > inner.count("\u201d")
    closes = inner.count("\u201d") > inner.count("\u201c")
    if inner.count('"') % 2 == 1:
        at = start + inner.rindex('"')
        opens = at + 1 < len(text) and text[at + 1].isalnum()  # a mark before a word opens
        closes = not opens
    if opens and text[end : end + 1] in ('"', "\u201d"):
        return start, end + 1
    if closes and start > 0 and text[start - 1] in ('"', "\u201c"):
        return start - 1, end
    return start, end


def _bridged(doc: Doc, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Spans a few words apart belong together when one hangs on the other through those words:
    'reckless provocations ordered by the criminal clique'."""
    gap = range(a[1], b[0])
    ra, rb = doc[a[0] : a[1]].root, doc[b[0] : b[1]].root
    if len(gap) == 1 and doc[gap[0]].dep_ == "cc" and rb.dep_ == "conj" and rb.head.i == ra.i:
        return ra.pos_ == rb.pos_ == "ADJ"  # 'irresponsible and destabilising': one judgement
    if not 1 <= len(gap) <= 3 or any(doc[i].is_punct or doc[i].dep_ == "cc" for i in gap):
        return False
    for x, y in ((a, b), (b, a)):
        node = doc[y[0] : y[1]].root
        for _ in range(4):
            if node.head.i == node.i:
                break
            node = node.head
            if x[0] <= node.i < x[1]:
                return True
            if node.i not in gap:
                break
    return False
