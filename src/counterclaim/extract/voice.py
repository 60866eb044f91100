"""Voice: which characters of an article are attributed speech, and which are the outlet's own.

Decided once, from the attribution spans the quote layer found (``Context.attributed``: every
quote's content and every other complement of a reporting, labelling or stance verb) and from
the quotation marks in the text. Framing asks it; nothing else decides voice.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from ..nlp import doc_text
from ..records import Context

_QUOTE_OPEN = {"\u201c": "\u201d", "\u2018": "\u2019", "\u00ab": "\u00bb", '"': '"', "'": "'"}
_DASH = re.compile("[\u2014\u2013]")
_QUOTE_STOPS = re.compile("[\n" + re.escape("".join(sorted({*_QUOTE_OPEN, *_QUOTE_OPEN.values()}))) + "]")
_POLITY_NOUNS = frozenset(
    {
        "republic",
        "state",
        "government",
        "authorities",
        "army",
        "parliament",
        "ministry",
        "court",
        "election",
        "elections",
        "referendum",
        "caliphate",
        "emirate",
        "administration",
        "president",
        "council",
        "assembly",
    }
)
_NOMINAL_DEPS = frozenset({"nsubj", "nsubjpass", "pobj", "dobj", "conj", "appos", "attr"})


def quote_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (marks included).

    A quotation left open at a paragraph end continues when the next paragraph opens with a mark
    (the multi-paragraph convention); otherwise it ends with its paragraph. A straight or curly
    single quote only opens after a space or line start and only closes before a non-letter, so
    apostrophes ('Houthis' war', "don't") never open or close one.
    """
    out: list[tuple[int, int]] = []
    start: int | None = None
    close = ""
    n = len(text)
    i = 0
    while i < n:
        # only line breaks and quotation marks change anything: jump from one to the next
        stop = _QUOTE_STOPS.search(text, i)
        if stop is None:
            break
        i = stop.start()
        ch = text[i]
        if ch == "\n":
            if start is not None:
                j = i
                while j < n and text[j] in "\n \t":
                    j += 1
                if j < n and text[j] in _QUOTE_OPEN and text[j] not in "'\u2019":
                    out.append((start, i))  # paragraph continues the quotation
                    start, close = j, _QUOTE_OPEN[text[j]]
                    i = j + 1
                    continue
                out.append((start, i))
                start = None
            i += 1
            continue
        if start is None:
            if ch in _QUOTE_OPEN and (ch not in "'" or _opens_single(text, i)):
                start, close = i, _QUOTE_OPEN[ch]
        elif ch == close and (ch not in "'\u2019" or _closes_single(text, i)):
            out.append((start, i + 1))
            start = None
        i += 1
    if start is not None:
        out.append((start, n))
    return out


def _opens_single(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "(\u2014-") and (after.isalnum() or after in "\u2018\u201c")


def _closes_single(text: str, i: int) -> bool:
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalnum()


class VoiceMap:
    """Which characters of the article are attributed speech rather than the outlet's voice."""

    def __init__(self, doc: Doc, ctx: Context) -> None:
        self.doc = doc
        self.quoted = quote_regions(doc_text(doc))
        attributed: list[tuple[int, int]] = []
        for q in ctx.quotes:
            # the content only: the speaker and the cue verb are the outlet's words
            start, end = q.content_span or q.span
            if (q.cue or "").lower() == "according to":
                start = max(start, according_scope(doc, q.span))
            attributed.append((start, end))
        attributed += ctx.attributed
        # dashes outside quotations, in text order (what ``_trim_aside`` counts)
        self._dashes = _outside(self.quoted, (m.start() for m in _DASH.finditer(doc_text(doc))))
        self.attributed = [self._trim_aside(a) for a in attributed]
        # a short quoted noun that nobody is reported to have said: the outlet's scare quotes
        self.scare: list[tuple[int, int]] = [
            r for r in self.quoted if not any(_overlaps(r, a) for a in attributed) and _is_scare(doc, r)
        ]

    def _trim_aside(self, span: tuple[int, int]) -> tuple[int, int]:
        """Cut an unpaired closing aside off reported speech: 'X claimed ... — a claim it did not back'."""
        lo, hi = bisect.bisect_left(self._dashes, span[0]), bisect.bisect_left(self._dashes, span[1])
        dashes = self._dashes[lo:hi]
        if len(dashes) % 2 == 1:
            return span[0], dashes[-1]
        return span

    def is_source(self, start: int, end: int) -> bool:
        """True when [start, end) lies in attributed speech."""
        if any(a[0] <= start and end <= a[1] for a in self.attributed):
            return True
        return any(q[0] <= start and end <= q[1] for q in self.quoted if q not in self.scare)

    def in_quotation(self, start: int, end: int) -> bool:
        """True when [start, end) lies inside quotation marks that are not scare quotes."""
        return any(q[0] <= start and end <= q[1] for q in self.quoted if q not in self.scare)

    def outlet_share(self) -> float:
        """Share of the article's non-space characters in the outlet's own voice."""
        text = doc_text(self.doc)
        chars = _non_space(text)
        if not chars:
            return 1.0
        covered = 0
        end = 0
        for s, e in sorted([*self.attributed, *(q for q in self.quoted if q not in self.scare)]):
            s = max(s, end)  # the union of the ranges: each character counted once
            if s < e:
                covered += _non_space(text[s:e])
            end = max(end, e)
        return round(1 - covered / chars, 3)


def _outside(regions: list[tuple[int, int]], offsets: Iterable[int]) -> list[int]:
    """The ascending ``offsets`` that lie strictly inside none of ``regions`` (in text order,
    disjoint, as ``quote_regions`` gives them)."""
    out: list[int] = []
    k = 0
    for i in offsets:
        while k < len(regions) and regions[k][1] <= i:
            k += 1  # regions ending at or before i hold neither it nor any later offset
        if k == len(regions) or not regions[k][0] < i:
            out.append(i)
    return out


def _non_space(text: str) -> int:
    """How many characters of ``text`` are not white space (``str.isspace``)."""
    return len("".join(text.split()))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _is_scare(doc: Doc, region: tuple[int, int]) -> bool:
    """A short lower-case quoted noun that is not a fragment of speech: 'the "peacekeepers"'."""
    span = doc.char_span(region[0], region[1], alignment_mode="expand")
    if span is None:
        return False
    words = [t for t in span if not t.is_punct and not t.is_space]
    if not 1 <= len(words) <= 4:
        return False
    head = words[-1]
    if words[0].text[:1].isupper():
        # a quoted name is doubt only when it names a polity or institution: the "People's Republic";
        # other quoted capitals are titles, slogans or operation names
        before = doc[words[0].i - 2] if words[0].i >= 2 else None
        owned = before is not None and before.lower_ in ("the", "its", "their")
        return owned and head.lemma_.lower() in _POLITY_NOUNS
    if len(words) > 3:
        return False
    # the tagger reads some quoted nouns as adjectives ('a "offensive" that never took place')
    nominal = head.pos_ == "NOUN" or (head.pos_ == "ADJ" and head.dep_ in _NOMINAL_DEPS)
    if not nominal or head.dep_ == "ROOT":
        return False
    if head.dep_ in ("dobj", "attr", "oprd"):
        # a quoted object or predicate is usually someone's words ('called it "a crime"'); it is
        # the outlet's doubt when a determiner or possessive outside the marks claims the noun
        first = words[0].i
        prev = doc[first - 1] if first > 0 and doc[first - 1].is_quote else None
        det = doc[prev.i - 1] if prev is not None and prev.i > 0 else None
        return det is not None and (det.dep_ in ("det", "poss") or det.tag_ == "POS") and det.head.i == head.i
    return True


def according_scope(doc: Doc, span: tuple[int, int]) -> int:
    """First character an 'according to' quote's source vouches for (see ``_phrase_scope``)."""
    for tok in doc.char_span(span[0], span[1], alignment_mode="expand") or []:
        if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
            return doc[phrase_scope(tok)].idx
    return span[0]


def phrase_scope(tok: Token) -> int:
    """First token a trailing attribution phrase covers: in 'A fired, and B were killed, according
    to C' only the nearest clause, B, is C's; a leading phrase covers the whole sentence."""
    sent = tok.sent
    head = tok.head
    if tok.i <= head.i or head.i == tok.i:
        return sent.start
    if head.dep_ == "conj" and head.pos_ in ("VERB", "AUX"):
        first = head.left_edge.i  # the phrase hangs on the second clause itself
    else:
        clauses = [c for c in head.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i < tok.i]
        if not clauses:
            return sent.start
        first = clauses[-1].left_edge.i
    return first if first > sent.start else sent.start
