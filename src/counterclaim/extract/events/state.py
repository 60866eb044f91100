"""What the stages pass around: the event ``Candidate`` and the per-article ``ArticleState``
(the extractor's only mutable state), with the lookups that need the article: its quotes and
its datelines."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...nlp import doc_text
from ...records import Context, EventStatus, Party
from .grammar import PLACE_ENT
from .match import cue_positions


@dataclass
class Candidate:
    """One event as the stages build it, before merging: the trigger token and what was read
    around it."""

    type: str
    trigger: Token
    actors: list[Party]
    targets: list[Party] = field(default_factory=list)
    mode: str | None = None
    status: EventStatus = "occurred"
    reason: str = ""
    source_quote: int | None = None
    date: str | None = None
    location: str | None = None
    span: tuple[int, int] = (0, 0)
    derived: bool = False  # the speaker's own act, read off a reporting verb
    dated: bool = False  # the date comes from the event's own clause, not the publication date
    consumed: int | None = None  # the object noun an object-constrained verb rule read ("lift the siege")


def derived_act(
    etype: str, trigger: Token, actors: list[Party], targets: list[Party], reason: str
) -> Candidate:
    """An act read off another (a speaker's own act, a pledge or threat by intent): its status
    comes from its trigger alone."""
    return Candidate(etype, trigger, actors, targets, reason=reason, derived=True)


@dataclass(slots=True)
class ArticleState:
    """What the stages share while one article is read: its parse and context, and what the
    parties room learns on the way (the states each party's mentions named; the force-noun words
    merging keeps apart). The extractor's only mutable state."""

    doc: Doc
    ctx: Context
    places: list[Span]  # the parse's GPE/LOC/FAC spans, for locations
    datelines: list[tuple[int, int]]  # "CITY, Country (Agency) -" openings: never parties
    # triggers of acts that are only demanded, in the sentence being read
    dropped: set[int] = field(default_factory=set)
    # party name -> the states it belongs to (for merging and for telling sides apart)
    sides: dict[str, set[str]] = field(default_factory=dict)
    # id of a state party read off a force noun -> that noun phrase's words (for merging)
    surfaces: dict[int, str] = field(default_factory=dict)
    keep: list[Party] = field(default_factory=list)  # those parties, held so no later party reuses their id
    place_starts: list[int] = field(default_factory=list)  # the places' first characters (bisected)
    # the quotes' spans sorted by start, their starts, and the longest span (quote_index bisects)
    quote_spans: list[tuple[int, int, int]] = field(default_factory=list)
    quote_starts: list[int] = field(default_factory=list)
    longest_quote: int = 0
    # the tokens each pass over a sentence reads, by pass, in doc order (``match.cue_positions``)
    positions: dict[str, list[int]] = field(default_factory=dict)
    # answers that depend on the doc and context alone, read once per article: the parties
    # room's by (reader, token index, flag), the places' cleaned names by ("place name", index)
    memo: dict[tuple[object, ...], object] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc, ctx: Context) -> ArticleState:
        """A fresh state for one article."""
        places = [e for e in doc.ents if e.label_ in PLACE_ENT]
        spans = sorted((q.span[0], q.span[1], i) for i, q in enumerate(ctx.quotes))
        return cls(
            doc=doc,
            ctx=ctx,
            places=places,
            datelines=datelines_of(doc_text(doc)),
            place_starts=[e.start_char for e in places],
            quote_spans=spans,
            quote_starts=[s for s, _, _ in spans],
            longest_quote=max((e - s for s, e, _ in spans), default=0),
            positions=cue_positions(doc),
        )

    def read_by(self, kind: str, sent: Span) -> list[Token]:
        """The tokens of ``sent`` the ``kind`` pass reads (``positions``), in order."""
        at = self.positions[kind]
        doc = self.doc
        return [doc[i] for i in at[bisect_left(at, sent.start) : bisect_left(at, sent.end)]]


def in_dateline(st: ArticleState, tok: Token) -> bool:
    """The token sits in a paragraph's dateline ("KELLAN, Ossaria (Wire) -")."""
    if not st.datelines:
        return False
    at = tok.idx
    return any(lo <= at < hi for lo, hi in st.datelines)


def quote_of(st: ArticleState, tok: Token) -> int | None:
    """Index of the innermost quote holding ``tok``."""
    return quote_index(st, tok.idx, tok.idx + len(tok))


def quote_index(st: ArticleState, start: int, end: int) -> int | None:
    """The shortest quote holding [start, end) (the first of equals). Only quotes starting within
    the longest quote's length before ``end`` can hold it: found by bisection, so an article of
    thousands of quotes is not scanned once per candidate."""
    lo = bisect_left(st.quote_starts, end - st.longest_quote)
    hi = bisect_right(st.quote_starts, start)
    best: tuple[int, int] | None = None
    for s, e, i in st.quote_spans[lo:hi]:
        if end <= e and (best is None or (e - s, i) < (best[1], best[0])):
            best = (i, e - s)
    return best[0] if best else None


# an all-caps place, optional ", Country", optional "(Agency)", then a dash, at a paragraph start
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z'./\-]{2,}(?:[ \t]+[A-Z][A-Z'./\-]+)*"
    r"(?:,[ \t]*[A-Z][\w'.\-]*(?:[ \t]+[A-Z0-9][\w'.\-]*)*){0,2}"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:-|\u2013|\u2014|--)[ \t]+",
    re.M,
)


def datelines_of(text: str) -> list[tuple[int, int]]:
    """Character ranges of datelines that open a paragraph ("KELLAN, Ossaria (Wire) - ")."""
    return [(m.start(), m.end()) for m in _DATELINE.finditer(text)]
