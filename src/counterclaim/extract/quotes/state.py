"""What the passes share: the per-article ``Run`` (the extractor's only mutable state), the
character-offset helpers over the parse, a reporting ``Cue``, and the small lookups every pass
makes (the text before a segment, whether a character is quoted or already reported, a cue's
words, the paragraphs)."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE
from spacy.tokens import Doc, Token

from ...nlp import doc_text, token_lemma_lowers, token_lowers, token_pos_dep
from ...records import Context, Quote
from .. import who
from ..grammar import speech_cues
from .marks import Segment

SENT_END = {".", "!", "?"}
MAX_TAIL = 8  # tokens after a closing mark within which a cue must start
_STATEMENT_NOUNS = {
    "statement",
    "interview",
    "post",
    "video",
    "message",
    "address",
    "briefing",
    "communique",
    "tweet",
    "letter",
    "speech",
    "release",
    "report",
    "broadcast",
}


class Offsets:
    """Character-offset helpers over one parsed doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = doc.to_array(IDX).tolist()  # every token's character offset

    def token_at(self, char: int) -> int:
        """Index of the token containing (or first after) ``char``."""
        k = bisect.bisect_right(self.starts, char) - 1
        if k < 0:
            return 0
        t = self.doc[k]
        return k if char < t.idx + len(t) else min(k + 1, len(self.doc) - 1)

    def tokens(self, start: int, end: int) -> range:
        """Token indices whose start lies in [start, end)."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))


@dataclass(slots=True)
class Cue:
    """A reporting verb found next to a quotation, with its speaker and the clause's extent."""

    verb: Token
    speaker: Token | None
    end: int  # char offset where the cue clause ends
    start: int  # char offset where the cue clause starts
    with_that: bool = False


@dataclass(slots=True)
class Run:
    """State of one extraction: segments, used cues, quotes found so far."""

    doc: Doc
    ctx: Context
    offsets: Offsets
    segs: list[Segment]
    index: who.CorefIndex
    text: str  # Doc.text joins every token: read it once per doc
    quoted_tok: list[bool]  # which tokens sit inside quotation marks (``in_segment`` of their idx)
    lowers: list[str]  # every token's ``lower_`` (``nlp.token_lowers``)
    deps: list[str]  # every token's ``dep_`` (``nlp.token_pos_dep``)
    punct: list[int]  # every token's ``is_punct`` (1 or 0), read off the doc once
    space: list[int]  # every token's ``is_space``
    cues: dict[int, dict[str, Any]]  # verbs (VERB/AUX) of the doc that report speech -> cue_info entry
    cue_order: list[int]  # the keys of ``cues``, in text order
    quotes: list[Quote] = field(default_factory=list)
    used_cues: set[int] = field(default_factory=set)
    seg_quote: dict[int, int] = field(default_factory=dict)  # segment -> index of the quote it belongs to
    consumed: set[int] = field(default_factory=set)  # segments taken into an indirect/mixed quote
    pending: list[int] = field(default_factory=list)  # cue-less segments, decided after the other passes
    tail_end: dict[int, int] = field(default_factory=dict)  # quote index -> where its cue clause ends
    speakers: list[Token | None] = field(default_factory=list)  # speaker token of each quote, resolved last
    verb_quote: dict[int, int] = field(default_factory=dict)  # cue verb -> the direct quote it introduced
    para_starts: list[int] | None = None
    blocks: list[tuple[int, int]] = field(
        default_factory=list
    )  # statement blocks closed by an attribution line

    @classmethod
    def of(cls, doc: Doc, ctx: Context, segs: list[Segment], index: who.CorefIndex) -> Run:
        """A fresh state for one article and its quotation-mark segments."""
        offsets = Offsets(doc)
        quoted_tok = [False] * len(doc)
        for seg in segs:
            for i in offsets.tokens(seg.cstart, seg.cend):
                quoted_tok[i] = True
        flags = doc.to_array([IS_PUNCT, IS_SPACE])
        lemmas = token_lemma_lowers(doc)  # (lower-cased already: what cue_info looks up)
        pos, deps = token_pos_dep(doc)
        table = speech_cues()
        cues = {i: table[lemmas[i]] for i, p in enumerate(pos) if p in ("VERB", "AUX") and lemmas[i] in table}
        return cls(
            doc,
            ctx,
            offsets,
            segs,
            index,
            doc_text(doc),
            quoted_tok,
            token_lowers(doc),
            deps,
            flags[:, 0].tolist(),
            flags[:, 1].tolist(),
            cues,
            list(cues),
        )


def lead_text(st: Run, k: int) -> str:
    """Text between the previous segment (or paragraph start) and this segment's mark."""
    seg = st.segs[k]
    start = seg.para_start
    if k > 0 and st.segs[k - 1].para == seg.para:
        start = st.segs[k - 1].end
    return st.text[start : seg.start]


def in_segment(st: Run, char: int) -> bool:
    """The character sits inside a quotation-mark segment."""
    k = st.offsets.token_at(char)
    return st.quoted_tok[k] if st.doc[k].idx == char else any(s.cstart <= char < s.cend for s in st.segs)


def in_content(st: Run, char: int) -> bool:
    """The character sits inside the content of a quote found so far."""
    return any(q.content_span and q.content_span[0] <= char < q.content_span[1] for q in st.quotes)


def add_quote(st: Run, q: Quote, speaker: Token | None) -> None:
    """Record a quote with the speaker token to resolve once every quote is known."""
    st.quotes.append(q)
    st.speakers.append(speaker)


def cue_text(st: Run, verb: Token) -> str:
    """The cue as the quote shows it: the verb, with 'in a statement' and the like."""
    parts = [verb.text]
    for c in verb.rights:
        if c.dep_ == "prep" and c.lower_ == "in":
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.lemma_.lower() in _STATEMENT_NOUNS:
                parts.append(st.doc[c.i : obj.i + 1].text)
    return " ".join(parts)
