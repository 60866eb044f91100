"""Quotes: who said what, as direct, indirect or mixed speech, with resolved speakers.

Three passes over the parse, in this order:

1. **direct** - quotation-mark segments (straight, curly, single, guillemets), paragraph by
   paragraph; a paragraph that leaves a quote open continues into the next one that opens
   with a mark. A segment is attributed to an adjacent cue: after it (``"...," X said``,
   ``"...," said X``) or before it (``X said: "..."``, ``X said that "..."``). A cue-less
   segment glued to the previous one in its paragraph extends that quote; a cue-less
   sentence-opening quote continues the previous speaker (``resolved_via`` "continuation"),
   or, when left open at its paragraph end, the speaker of the next paragraph's quote
   (``'“A.' / '“B,” she said.'``). A subject longer than the usual tail is followed to its
   verb (``"...," Trump, the frontrunner and ..., said``).
2. **indirect / mixed** - a reporting verb (lexicon ``quote_cues``) with a clausal complement
   (``X said the statement reflects ...``, ``..., the ministry said``, ``X told RIA that ...``,
   ``It was reported by X that ...``, ``X says in a statement that ...``, ``And, X tells the
   crowd, ...``), or a labelling verb with a quoted complement
   (``called it "false"``). A quoted fragment inside the content makes it mixed.
3. **according to** - ``According to X, ...`` and ``..., according to X.``

Quotation marks that are not speech (scare quotes, titles such as Operation "Iron Swords",
nicknames) are left alone unless a reporting construction takes them in. Speakers are
resolved by ``extract.who``; one that stays unknown is ``Party.unknown()``.
"""

from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from .. import lexicons
from ..nlp import doc_text
from ..records import Context, Party, Quote, Span
from . import grammar, voice, who
from .grammar import cue_info

# opening mark -> marks that may close it
_OPEN = {
    '"': '"\u201d\u201c',
    "\u201c": '\u201d"',
    "\u201e": '\u201c\u201d"',
    "\u00ab": "\u00bb",
    "\u00bb": "\u00ab",  # Danish/Swedish style >>...<<
    "\u2039": "\u203a",
}
_SINGLE_OPEN = {"'": "'\u2019", "\u2018": "\u2019'"}
_SENT_END = {".", "!", "?"}
_SOFT_CLOSE = ",?!\u2014\u2013-\u2026:;"
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
_BAD_GAP_DEPS = {"nsubj", "nsubjpass", "aux", "auxpass", "ccomp", "csubj", "expl", "ROOT"}
_TITLE_BEFORE = {"operation", "operations", "codenamed", "dubbed", "nicknamed", "titled", "entitled"}
MAX_TAIL = 8  # tokens after a closing mark within which a cue must start
# reporting-verb forms the tagger sometimes reads as nouns ('whom groups accuse of ...')
_VERB_FORMS = frozenset({"accuse", "accuses", "accused", "says", "said", "told", "alleges", "insists"})
_CUE_ASIDES = {"without", "citing", "quoting"}  # 'said, without evidence, ...' describes the saying


@dataclass(slots=True)
class Segment:
    """One stretch of text inside quotation marks, within one paragraph."""

    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (paragraph end when left open)
    cstart: int  # content start
    cend: int  # content end (trimmed of spaces and a trailing comma)
    closed: bool
    para: int
    para_start: int
    para_end: int


@dataclass(slots=True)
class _Cue:
    verb: Token
    speaker: Token | None
    end: int  # char offset where the cue clause ends
    start: int  # char offset where the cue clause starts
    with_that: bool = False


# --- quotation marks -------------------------------------------------------------------------


def find_segments(text: str) -> list[Segment]:
    """Quotation-mark segments of ``text``, paragraph by paragraph (a line is a paragraph).

    Nested quotes stay inside their outer segment; an opening mark with no closing mark in its
    paragraph runs to the paragraph end (the quote continues in the next paragraph).
    """
    segs: list[Segment] = []
    pos = 0
    para = 0
    for line in text.split("\n"):
        if line.strip():
            _scan_paragraph(line, pos, para, segs)
            para += 1
        pos += len(line) + 1
    return segs


def _scan_paragraph(p: str, base: int, para: int, out: list[Segment]) -> None:
    i, n = 0, len(p)
    while i < n:
        ch = p[i]
        close_set = _OPEN.get(ch)
        if close_set is None and ch in _SINGLE_OPEN and _single_opens(p, i):
            j = _single_close(p, i)
            if j is not None:
                out.append(_segment(p, base, para, i, j + 1, True))
                i = j + 1
                continue
        if close_set is not None and not (ch == '"' and _is_inch(p, i)):
            j = next((k for k in range(i + 1, n) if p[k] in close_set), None)
            if j is None:
                out.append(_segment(p, base, para, i, n, False))
                return
            out.append(_segment(p, base, para, i, j + 1, True))
            i = j + 1
            continue
        i += 1


def _is_inch(p: str, i: int) -> bool:
    """A straight double quote after a digit is an inch mark (a 12" gun), not a quotation."""
    return i > 0 and p[i - 1].isdigit() and (i + 1 == len(p) or not p[i + 1].isalnum())


def _single_opens(p: str, i: int) -> bool:
    before = p[i - 1] if i > 0 else " "
    after = p[i + 1] if i + 1 < len(p) else " "
    return (before.isspace() or before in "([\u2014\u2013-") and after.isalnum()


def _single_close(p: str, i: int) -> int | None:
    """The closing single mark: after a non-space, before a non-letter, not an apostrophe."""
    for k in range(i + 2, len(p)):
        if p[k] not in "'\u2019":
            continue
        before, after = p[k - 1], (p[k + 1] if k + 1 < len(p) else " ")
        if before.isspace() or after.isalnum():
            continue  # don't, it's, rock 'n' roll
        if before in "sS" and after == " " and _possessive_next(p, k + 2):
            continue  # plural possessive: the soldiers' families
        return k
    return None


@functools.cache
def _bare_cues() -> frozenset[str]:
    return frozenset(lexicons.entries("quote_bare_cues"))


@functools.cache
def _function_words() -> frozenset[str]:
    return frozenset(lexicons.entries("quote_function_words"))


def _possessive_next(p: str, k: int) -> bool:
    """After "s' ": a lower-case content word reads as a plural possessive (the soldiers' camp);
    a function word ('objectives' in the region') means the mark closes a quotation."""
    word = p[k:].split(" ", 1)[0].strip(".,;:!?")
    return word[:1].islower() and word not in _function_words()


def _segment(p: str, base: int, para: int, i: int, j: int, closed: bool) -> Segment:
    cs, ce = i + 1, (j - 1 if closed else j)
    while cs < ce and p[cs].isspace():
        cs += 1
    while ce > cs and (p[ce - 1].isspace() or p[ce - 1] == ","):
        ce -= 1
    return Segment(base + i, base + j, base + cs, base + ce, closed, para, base, base + len(p))


def _open_marks(text: str) -> tuple[int, bool]:
    """Curly/angle marks opened in ``text`` and not closed there (negative: closed but never
    opened), and whether it holds an odd number of straight marks (one of them lost its mate)."""
    curly = text.count("\u201c") - text.count("\u201d") + text.count("\u00ab") - text.count("\u00bb")
    return curly, text.count('"') % 2 == 1


def _balance(text: str) -> str:
    """Drop a lone quotation mark left at either end of a content span ('«une désescalade')."""
    opens, closes = "\"\u201c\u2018\u00ab'", "\"\u201d\u2019\u00bb'"
    if text[:1] in opens and not any(c in text[1:] for c in closes):
        text = text[1:].lstrip()
    if text[-1:] in closes and not any(c in text[:-1] for c in opens):
        text = text[:-1].rstrip()
    return text


# --- the extractor ---------------------------------------------------------------------------


class _Doc:
    """Character-offset helpers over one parsed doc."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.starts = [t.idx for t in doc]

    def token_at(self, char: int) -> int:
        """Index of the token containing (or first after) ``char``."""
        k = bisect.bisect_right(self.starts, char) - 1
        if k < 0:
            return 0
        t = self.doc[k]
        return k if char < t.idx + len(t.text) else min(k + 1, len(self.doc) - 1)

    def tokens(self, start: int, end: int) -> range:
        """Token indices whose start lies in [start, end)."""
        return range(bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end))


def extract(doc: Doc, ctx: Context) -> list[Quote]:
    """Quote records found in ``doc``, in text order (see the module docstring)."""
    text = doc_text(doc)
    if not text.strip():
        return []
    d = _Doc(doc)
    segs = [s for s in find_segments(text) if s.cend > s.cstart]
    index = who.build_index(doc, ctx, quoted=[(s.cstart, s.cend) for s in segs])
    run = _Run(doc, ctx, d, segs, index)
    run.direct()
    run.indirect()
    run.according()
    run.attribution_lines()
    run.resolve()
    run.continuations()
    return run.result()


def _as_clause(tok: Token) -> bool:
    return any(m.dep_ == "mark" and m.lower_ == "as" for m in tok.children)


def attributed(doc: Doc) -> list[Span]:
    """Character ranges that are someone's words or view by the parse alone: complements of the
    reporting, labelling and stance verbs (``grammar.voice_cue``), the host clause of an inserted
    'the governor said', and sentences carrying an attribution phrase ('according to X'). With
    the quotes' own contents these are what ``extract.voice`` counts as attributed speech."""
    phrases, clause_scoped = grammar.attribution_phrases()
    out: list[Span] = []
    for tok in doc:
        verb = grammar.voice_cue(tok.lemma_) is not None and tok.pos_ in ("VERB", "AUX")
        if not (verb or tok.lower_ in _VERB_FORMS):
            continue
        subj = [c.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        subordinate = any(c.dep_ == "mark" for c in tok.children)
        for child in tok.children:
            keep = (
                child.dep_ in ("ccomp", "xcomp", "oprd", "dobj", "attr")
                or (child.dep_ == "prep" and child.lower_ in ("of", "as"))
                or (child.dep_ == "advcl" and _as_clause(child))  # 'described the town as liberated'
            )
            if keep and child.i < tok.i and (subordinate or not subj or min(subj) < child.i):
                keep = False  # a clause before the verb is its content only in 'X, officials said'
            if keep:
                sub = list(child.subtree)
                out.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
        if tok.dep_ == "parataxis" and subj and tok.i < tok.head.i:
            # 'The rebels, the governor said, are bandits': the whole host clause is the content
            sub = list(tok.head.subtree)
            out.append((sub[0].idx, sub[-1].idx + len(sub[-1].text)))
    for sent in doc.sents:
        low = [t.lower_ for t in sent]
        words = set(low)
        for ph in phrases:
            if ph and ph[0] not in words:
                continue  # cannot occur in this sentence
            n = len(ph)
            at = next((i for i in range(len(low) - n + 1) if tuple(low[i : i + n]) == ph), None)
            if at is not None:
                start = voice.phrase_scope(sent[at]) if ph in clause_scoped else sent.start
                out.append((sent.doc[start].idx, sent.end_char))
                break
    return out


class _Run:
    """State of one extraction: segments, used cues, quotes found so far."""

    def __init__(self, doc: Doc, ctx: Context, d: _Doc, segs: list[Segment], index: who.CorefIndex) -> None:
        self.doc, self.ctx, self.d, self.segs, self.index = doc, ctx, d, segs, index
        self.text = doc_text(doc)  # Doc.text joins every token: read it once per doc
        # which tokens sit inside quotation marks
        self.quoted_tok = [False] * len(doc)
        for seg in segs:
            for i in d.tokens(seg.cstart, seg.cend):
                self.quoted_tok[i] = True
        self.quotes: list[Quote] = []
        self.used_cues: set[int] = set()
        self.seg_quote: dict[int, int] = {}  # segment -> index of the quote it belongs to
        self.consumed: set[int] = set()  # segments taken into an indirect/mixed quote
        self.pending: list[int] = []  # cue-less segments, decided after the other passes
        self.tail_end: dict[int, int] = {}  # quote index -> where its cue clause ends
        self.speakers: list[Token | None] = []  # speaker token of each quote, resolved last
        self.verb_quote: dict[int, int] = {}  # cue verb -> the direct quote it introduced
        self._para_starts: list[int] | None = None
        self.blocks: list[tuple[int, int]] = []  # statement blocks closed by an attribution line

    # --- pass 1: direct -------------------------------------------------------------------

    def direct(self) -> None:
        for k, seg in enumerate(self.segs):
            if self._inside_quote_tokens(seg) or self._inside_cue(seg):
                continue
            lead = self._lead(k)
            cue = None
            if lead.rstrip().endswith(":"):
                cue = self._left_cue(k)
            cue = cue or self._right_cue(k) or self._left_cue(k) or self._colon_cue(k)
            if cue is not None and cue.verb.i in self.verb_quote:
                self._merge_into(self.verb_quote[cue.verb.i], k)
            elif cue is not None:
                self._add_direct(k, cue)
            elif not self._merge_with_previous(k):
                self.pending.append(k)

    def _inside_cue(self, seg: Segment) -> bool:
        """The segment sits inside an earlier quote's cue clause, in the speaker's description
        ('X, wearing "Ted Cruz" pins, said'): a name, not more of the quote."""
        return any(
            q.content_span is not None and q.content_span[1] <= seg.start < self.tail_end.get(qi, 0)
            for qi, q in enumerate(self.quotes)
        )

    def _inside_quote_tokens(self, seg: Segment) -> bool:
        return not any(
            self.doc[i].is_alpha or self.doc[i].like_num for i in self.d.tokens(seg.cstart, seg.cend)
        )

    def _lead(self, k: int) -> str:
        """Text between the previous segment (or paragraph start) and this segment's mark."""
        seg = self.segs[k]
        start = seg.para_start
        if k > 0 and self.segs[k - 1].para == seg.para:
            start = self.segs[k - 1].end
        return self.text[start : seg.start]

    def _right_cue(self, k: int) -> _Cue | None:
        seg = self.segs[k]
        if not seg.closed or not (self._open_after(seg) or self._bare_attribution(seg)):
            return None
        nxt = (
            self.segs[k + 1].start
            if k + 1 < len(self.segs) and self.segs[k + 1].para == seg.para
            else seg.para_end
        )
        toks = [self.doc[i] for i in self.d.tokens(seg.end, nxt)]
        verb: Token | None = None
        words = 0
        for t in toks:
            if t.text in _SENT_END or t.text == ";":
                break
            if t.is_punct or t.is_space:
                continue
            words += 1
            if words > MAX_TAIL:
                break
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() != "be":
                info = cue_info(t.lemma_)
                if info is not None and info["frame"] == "clause" and not self._in_segment(t.idx):
                    verb = t
                break
        long_subject: Token | None = None
        if verb is not None:
            long_subject = self._inverted_subject(verb, toks)
        if verb is None or self._reports_own_clause(verb, long_subject):
            # '"A," Brandt, who said B, told reporters': the cue after a long subject
            verb, long_subject = self._cue_after_subject(toks, seg)
        if verb is None or self._reports_own_clause(verb, long_subject):
            return None  # the verb reports a clause of its own: '"A" and said B'
        first = next((t for t in toks if not (t.is_punct or t.is_space)), None)
        if first is not None and first.dep_ == "cc":
            return None
        if self._introduces_next(verb, k):
            return None  # '"A," adding: "B"': the verb is the next quotation's cue
        speaker = long_subject or self._speaker_of(verb)
        if speaker is None:  # "said Pashinian" parsed without a subject
            speaker = next(
                (t for t in toks if t.i != verb.i and t.pos_ in ("PROPN", "NOUN", "PRON") and not t.is_punct),
                None,
            )
        stop = next((t for t in toks if t.text in _SENT_END or t.text == ";"), None)
        limit = stop.i if stop is not None else (toks[-1].i + 1 if toks else verb.i + 1)
        end_tok = max(
            (t.i for t in verb.subtree if verb.i <= t.i < limit and t.idx >= seg.end), default=verb.i
        )
        if speaker is not None:
            end_tok = max(end_tok, speaker.right_edge.i if speaker.right_edge.i < limit else speaker.i)
        end_tok = max(end_tok, verb.i)
        last = self.doc[end_tok]
        return _Cue(verb, speaker, last.idx + len(last.text), seg.start)

    def _introduces_next(self, verb: Token, k: int) -> bool:
        """A colon follows the verb and the paragraph's next quotation opens right after it."""
        if k + 1 >= len(self.segs) or self.segs[k + 1].para != self.segs[k].para:
            return False
        gap = self.text[verb.idx + len(verb.text) : self.segs[k + 1].start]
        return gap.strip() == ":"

    def _reports_own_clause(self, verb: Token, subject: Token | None) -> bool:
        """The verb has an unquoted content clause after it ('"A" and said B'); a clause that
        holds the inverted subject or opens with 'as'/'when' (misparsed adverbials) does not count."""
        for c in verb.children:
            if c.dep_ != "ccomp" or c.i < verb.i:
                continue
            if subject is not None and c.left_edge.i <= subject.i <= c.right_edge.i:
                continue
            if any(m.dep_ == "mark" and m.lower_ not in ("that", "whether", "if") for m in c.children):
                continue
            if any(not self.quoted_tok[t.i] and not t.is_punct for t in c.subtree):
                return True
        return False

    @staticmethod
    def _inverted_subject(verb: Token, toks: list[Token]) -> Token | None:
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

    def _cue_after_subject(self, toks: list[Token], seg: Segment) -> tuple[Token | None, Token | None]:
        """'"...," Trump, the frontrunner and polling leader in the state, said': a subject
        phrase longer than the usual tail, then the reporting verb right after it."""
        first = next((t for t in toks if not (t.is_punct or t.is_space)), None)
        while first is not None and first.dep_ in ("compound", "flat") and first.head.i > first.i:
            first = first.head  # 'Ilse' in 'Ilse Brandt'
        if first is None or first.pos_ not in ("PROPN", "NOUN") or first.dep_ == "amod":
            return None, None
        edge = first.right_edge.i
        if first.ent_iob_ in ("B", "I"):  # the rest of a name the parse split
            while edge + 1 < len(self.doc) and self.doc[edge + 1].ent_iob_ == "I":
                edge += 1
        # the subject may hold a short quoted name ('wearing "Ted Cruz" pins'): look to the
        # paragraph end, not to the next quotation mark
        para = self.d.tokens(seg.end, seg.para_end)
        last = para[-1] if len(para) else toks[-1].i
        nxt = next((t for t in self.doc[edge + 1 : edge + 4] if not (t.is_punct or t.is_space)), None)
        if nxt is None or nxt.pos_ not in ("VERB", "AUX") or cue_info(nxt.lemma_) is None:
            # 'Brandt, the engineer in charge, Tweeted' with the verb parsed into the apposition,
            # 'X, wearing a hat, said': the first finite verb after the name (participles modify
            # it), right after the comma that closes the apposition
            nxt = next(
                (
                    t
                    for t in self.doc[first.i + 1 : last + 1]
                    if t.pos_ in ("VERB", "AUX")
                    and not self.quoted_tok[t.i]
                    and (t.tag_ in ("VBD", "VBZ", "VBP") or t.text[:1].isupper())
                ),
                None,
            )
            if nxt is None or self.doc[nxt.i - 1].text != ",":
                return None, None
        if nxt.i > last or any(t.text in _SENT_END for t in self.doc[first.i : nxt.i]):
            return None, None
        info = cue_info(nxt.lemma_) if nxt.pos_ in ("VERB", "AUX") else None
        if info is None or info["frame"] != "clause" or self._in_segment(nxt.idx):
            return None, None
        return nxt, first

    def _bare_attribution(self, seg: Segment) -> bool:
        """'"... missing." Trump said.': a sentence of nothing but a speaker and a reporting
        verb after a closed quotation attributes it (a full stop typed for the comma)."""
        toks = [t for t in (self.doc[i] for i in self.d.tokens(seg.end, seg.para_end)) if not t.is_space]
        end = next((j for j, t in enumerate(toks) if t.text in _SENT_END), None)
        if end is None or end == 0 or end > 6:
            return False
        words = toks[:end]
        verb = words[-1]
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in _bare_cues():
            return False
        return all(t.i == verb.i or t.i in {x.i for x in verb.subtree} for t in words) and any(
            c.dep_ in who.SUBJECT_DEPS for c in verb.children
        )

    def _open_after(self, seg: Segment) -> bool:
        """The sentence goes on after the closing mark: '"...," he said', '"Why?" she asked'."""
        text = self.text
        # a nested quotation closing with the outer one ('... he said, \u2018I hope so,\u2019\u201d')
        body = text[seg.start + 1 : seg.end - 1].rstrip(" '\u2019\"\u201d")
        last = body[-1:] if seg.end - seg.start > 1 else ""
        after = text[seg.end : seg.end + 40].lstrip()
        if last in _SOFT_CLOSE or text[seg.cend : seg.cend + 1] == "," or after[:1] == ",":
            return True
        return bool(after) and after[0].islower()

    def _ends_clause(self, seg: Segment) -> bool:
        """Nothing but a sentence end, a cue or another quote follows the closing mark."""
        if not seg.closed:
            return True
        text = self.text
        body = text[seg.cstart : seg.cend].rstrip()
        after = text[seg.end : seg.para_end].lstrip()
        if not after or body[-1:] in ".!?" or after[0] in ".!?;\"\u201c\u2018'":
            return True
        return after[0] in ",\u2014" and self._right_cue_after(seg)

    def _right_cue_after(self, seg: Segment) -> bool:
        k = self.segs.index(seg)
        return self._right_cue(k) is not None

    def _left_cue(self, k: int) -> _Cue | None:
        seg = self.segs[k]
        if not self._ends_clause(seg):
            return None  # a quoted fragment inside reported speech: mixed, found later
        lo = seg.para_start
        if k > 0 and self.segs[k - 1].para == seg.para:
            lo = self.segs[k - 1].end
        toks = [self.doc[i] for i in self.d.tokens(lo, seg.start)]
        while toks and (toks[-1].is_space or toks[-1].text in (",", ":", "\u2014")):
            toks.pop()
        with_that = bool(toks) and toks[-1].lower_ in ("that", "saying")
        if toks and toks[-1].lower_ == "that":
            toks.pop()
        verb: Token | None = None
        gap: list[Token] = []
        for t in reversed(toks):
            if t.text in _SENT_END:
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
        speaker = self._speaker_of(verb)
        start = verb.idx
        if speaker is not None and speaker.i < verb.i:
            start = grammar.noun_phrase(speaker)[0].idx
        return _Cue(verb, speaker, seg.end, start, with_that=with_that)

    def _colon_cue(self, k: int) -> _Cue | None:
        """'He said:' (or 'Stated Stone:') closing the previous paragraph introduces a quotation
        that opens this one."""
        seg = self.segs[k]
        if self._lead(k).strip():
            return None
        j = seg.para_start
        while j > 0 and self.text[j - 1].isspace():
            j -= 1
        if j == 0 or self.text[j - 1] != ":" or self._in_segment(j - 1):
            return None
        sent = self.doc[self.d.token_at(j - 1)].sent
        verbs = [
            t
            for t in sent
            if t.pos_ in ("VERB", "AUX")
            and (cue_info(t.lemma_) or {}).get("frame") == "clause"
            and not self._in_segment(t.idx)
            and t.i not in self.used_cues
        ]
        if not verbs or any(
            c.dep_ in ("ccomp", "dobj") and not c.is_punct and c.i > verbs[-1].i and c.pos_ != "PROPN"
            for c in verbs[-1].children
        ):
            return None  # 'X said the plan had three parts:' introduces a list, not this quote
        verb = verbs[-1]
        speaker = self._speaker_of(verb)
        if speaker is None:  # 'Stated Stone:'
            speaker = next((t for t in self.doc[verb.i + 1 : sent.end] if t.pos_ in ("PROPN", "NOUN")), None)
        start = verb.idx if speaker is None or speaker.i > verb.i else grammar.noun_phrase(speaker)[0].idx
        return _Cue(verb, speaker, seg.end, start)

    def _speaker_of(self, verb: Token) -> Token | None:
        """The subject of a reporting verb. Participles and conjoined verbs without a subject
        ('..., saying that', '... and insisted that') take the subject of the clause they hang
        from, skipping clauses that are themselves reported content."""
        relayed = self._relayed_source(verb)
        if relayed is not None:
            return relayed
        v = verb
        via_conj = False
        for _ in range(6):
            subj = self._subject(v)
            if subj == "none":
                return None
            if isinstance(subj, Token) and self.quoted_tok[subj.i]:
                # a misparse gave the verb a second subject inside the quotation: the one outside speaks
                subj = next(
                    (c for c in v.children if c.dep_ in who.SUBJECT_DEPS and not self.quoted_tok[c.i]), subj
                )
            if via_conj and v.dep_ in ("advcl", "xcomp", "acl") and cue_info(v.lemma_) is None:
                subj = None  # 'urged citizens to sign up as volunteers ... and claimed': not 'volunteers'
            if isinstance(subj, Token) and (
                v.i == verb.i or cue_info(v.lemma_) is not None or not self._reported(v)
            ):
                return subj
            via_conj = v.dep_ == "conj"
            if v.dep_ == "relcl":
                return v.head
            if v.pos_ not in ("VERB", "AUX") and v.head.i != v.i and v.i != verb.i:
                v = v.head  # 'urged citizens to sign up as volunteers ... and claimed': up to the verb
                continue
            if (
                v.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "pobj", "prep")
                and v.head.i != v.i
            ):
                v = v.head
                continue
            return subj if isinstance(subj, Token) else self._loose_subject(verb)
        return None

    @staticmethod
    def _relayed_source(verb: Token) -> Token | None:
        """'Interfax reported, citing a source in the ministry, that ...': the source an agency (or
        anyone) cites speaks, not the one who relays it."""
        for c in verb.children:
            relay = (grammar.voice_cue(c.lemma_) or {}).get("relay")
            if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and relay:
                obj = next((g for g in c.children if g.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
        return None

    @staticmethod
    def _subject(v: Token) -> Token | str | None:
        """v's subject token; the agent of a passive; "none" for 'it was reported that'."""
        subj = next((c for c in v.children if c.dep_ in who.SUBJECT_DEPS), None)
        agent = next((c for c in v.children if c.dep_ == "agent"), None)
        pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
        if pobj is not None and (subj is None or subj.dep_ == "nsubjpass"):
            return pobj
        if (
            subj is not None
            and subj.dep_ == "nsubjpass"
            and subj.lower_ == "it"
            and any(c.dep_ == "ccomp" for c in v.children)
        ):
            return "none"
        if subj is not None and subj.lower_ in ("who", "which", "that") and v.dep_ == "relcl":
            return v.head
        return subj

    @staticmethod
    def _reported(v: Token) -> bool:
        """True when v sits inside the content clause of a reporting verb."""
        t = v
        while t.head.i != t.i:
            if t.dep_ == "ccomp" and cue_info(t.head.lemma_) is not None:
                return True
            t = t.head
        return False

    def _loose_subject(self, verb: Token) -> Token | None:
        """A misparsed subject ('In Goris, Artur Sargsyan, who runs ..., said'): the last name
        or noun before the verb in its sentence that is no other verb's argument."""
        best: Token | None = None
        for t in verb.sent:
            if t.i >= verb.i:
                break
            if t.pos_ not in ("PROPN", "NOUN") or t.dep_ in ("compound", "poss", "amod", "nmod"):
                continue
            h, ok = t.head, True
            while h.i != verb.i and h.head.i != h.i:
                if h.pos_ in ("VERB", "AUX"):
                    ok = False
                    break
                h = h.head
            if ok:
                best = t
        if best is None and verb.tag_ in ("VBD", "VBZ", "VBP"):
            # 'Kasich offered the man a job, then says he ...' parsed with the first clause as a
            # ccomp of 'says': its subject is the speaker
            for c in verb.lefts:
                if c.dep_ in ("ccomp", "conj") and c.pos_ in ("VERB", "AUX"):
                    subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                    if subj is not None and subj.pos_ in ("PROPN", "NOUN", "PRON"):
                        best = subj
        return best

    def _party(self, speaker: Token | None) -> Party:
        if speaker is None:
            return Party.unknown()
        party = who.resolve_mention(self.doc, speaker, self.ctx, index=self.index)
        if party is None:
            return Party.unknown()
        if party.resolved_via not in ("pronoun", "continuation"):
            person = speaker.ent_type_ == "PERSON" or grammar.person_role(speaker.lemma_)
            kind = "person" if person else "group"
            self.index.note(party, speaker, kind=kind, plural=speaker.tag_ in ("NNS", "NNPS"))
        return party

    def _cue_text(self, verb: Token) -> str:
        parts = [verb.text]
        for c in verb.rights:
            if c.dep_ == "prep" and c.lower_ == "in":
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.lemma_.lower() in _STATEMENT_NOUNS:
                    parts.append(self.doc[c.i : obj.i + 1].text)
        return " ".join(parts)

    def _add_direct(self, k: int, cue: _Cue) -> None:
        seg = self.segs[k]
        info = cue_info(cue.verb.lemma_) or {"loaded": False}
        party = Party.unknown()  # resolved in text order once every quote is known
        start = min(seg.start, cue.start)
        end = max(seg.end, cue.end)
        q = Quote(
            speaker=party,
            text=self.text[seg.cstart : seg.cend],
            kind="mixed" if cue.with_that else "direct",
            span=(start, end),
            cue=self._cue_text(cue.verb),
            cue_loaded=bool(info["loaded"]),
            content_span=(seg.cstart, seg.cend),
            reason="direct: quotation marks + adjacent reporting verb "
            + ("before" if cue.start < seg.start else "after"),
        )
        self.used_cues.add(cue.verb.i)
        self.verb_quote[cue.verb.i] = len(self.quotes)
        self.seg_quote[k] = len(self.quotes)
        self.tail_end[len(self.quotes)] = end
        self._append(q, cue.speaker)

    def _merge_with_previous(self, k: int) -> bool:
        """'"A," he said. "B."': a cue-less segment right after an attributed one extends it."""
        if k == 0:
            return False
        seg, prev = self.segs[k], self.segs[k - 1]
        qi = self.seg_quote.get(k - 1)
        if qi is None or prev.para != seg.para:
            return False
        gap = self.text[self.tail_end[qi] : seg.start]
        if gap.strip(" .,;:\u2014\u2013") != "":
            return False
        self._merge_into(qi, k)
        return True

    def _merge_into(self, qi: int, k: int) -> None:
        """Append segment ``k`` to quote ``qi`` (same speaker, same statement)."""
        seg = self.segs[k]
        q = self.quotes[qi]
        q.text = f"{q.text} ... {self.text[seg.cstart : seg.cend]}"
        q.span = (q.span[0], max(q.span[1], seg.end))
        assert q.content_span is not None
        q.content_span = (q.content_span[0], seg.cend)
        q.reason += "; continued in the next quoted sentence"
        self.seg_quote[k] = qi
        self.tail_end[qi] = max(self.tail_end[qi], seg.end)

    # --- pass 2: indirect and mixed -------------------------------------------------------

    def _in_segment(self, char: int) -> bool:
        k = self.d.token_at(char)
        return (
            self.quoted_tok[k]
            if self.doc[k].idx == char
            else any(s.cstart <= char < s.cend for s in self.segs)
        )

    def indirect(self) -> None:
        for tok in self.doc:
            if tok.pos_ not in ("VERB", "AUX") or tok.i in self.used_cues:
                continue
            info = cue_info(tok.lemma_)
            if info is None or self._in_segment(tok.idx) or any(c.dep_ == "neg" for c in tok.children):
                continue  # not a cue, quoted speech, or 'did not say'
            if self._in_content(tok.idx):
                # 'said its units destroyed what it called "..."', 'said "eyewitnesses" confirmed
                # ...': speech reported inside another report is part of that report
                continue
            content = (
                self._label_content(tok) if info["frame"] == "label" else self._clause_content(tok, info)
            )
            if content is None or self._relays_a_report(tok):
                continue  # no report, or 'A said B, Interfax reported': A's report, relayed
            cs, ce = content
            inner = [k for k, s in enumerate(self.segs) if cs <= s.cstart and s.cend <= ce + 1]
            if any(k in self.seg_quote for k in inner):
                continue  # the verb introduces a direct quote already taken
            if info["frame"] == "label" and not inner:
                continue
            speaker = self._speaker_of(tok)
            party = Party.unknown()
            start = min(cs, tok.idx)
            end = max(ce, tok.idx + len(tok.text))
            words = self.text[cs:ce]
            if cs < tok.idx < ce:  # the cue clause sits inside its report: leave it out of the words
                inner_cue = [t for t in tok.subtree if not t.is_punct]
                a, b = inner_cue[0].idx, inner_cue[-1].idx + len(inner_cue[-1].text)
                words = f"{self.text[cs:a].rstrip(' ,')} {self.text[b:ce].lstrip(' ,')}"
            if speaker is not None:
                sp = grammar.noun_phrase(speaker)
                start, end = min(start, sp[0].idx), max(end, sp[-1].idx + len(sp[-1].text))
            self.consumed.update(inner)
            self.used_cues.add(tok.i)
            self._append(
                Quote(
                    speaker=party,
                    text=words,
                    kind="mixed" if inner else "indirect",
                    span=(start, end),
                    cue=self._cue_text(tok),
                    cue_loaded=bool(info["loaded"]),
                    content_span=(cs, ce),
                    reason=(
                        "labelling verb with a quoted complement"
                        if info["frame"] == "label"
                        else "reporting verb + "
                        + ("clause with quoted words" if inner else "clausal complement")
                    ),
                ),
                speaker,
            )

    def _in_content(self, char: int) -> bool:
        return any(q.content_span and q.content_span[0] <= char < q.content_span[1] for q in self.quotes)

    def _clause_content(self, verb: Token, info: dict[str, Any]) -> Span | None:
        comps = [c for c in verb.children if c.dep_ == "ccomp"]
        if len(comps) > 1:  # 'said A and insisted that B' parsed as two ccomps: B is its own quote
            comps = [comps[0], *(c for c in comps[1:] if not self._bare_cue(c))]
        if not comps and info.get("xcomp"):
            comps = [c for c in verb.children if c.dep_ in ("xcomp", "pcomp") and c.pos_ in ("VERB", "AUX")]
        if not comps and info.get("prep"):
            heads = [verb, *(c for c in verb.rights if c.dep_ == "dobj")]
            for c in (r for h in heads for r in h.rights):
                if c.dep_ == "prep" and c.lower_ == info["prep"]:
                    # 'accused X of hitting ...' reports a claim; 'blamed X for the casualties' names
                    # a thing, not a statement
                    comps = [
                        g for g in c.children if g.dep_ == "pcomp" or g.dep_ == "pobj" and self._clausal(g)
                    ]
        if not comps:  # 'said in a video posted online that ...'
            for c in verb.rights:
                if c.dep_ == "prep":
                    comps = [t for t in c.subtree if t.dep_ == "ccomp" and cue_info(t.head.lemma_) is None]
                    if not comps and c.lower_ in ("in", "on", "at", "during"):
                        # 'wrote in his memoir that X', 'said at the briefing that X': the
                        # that-clause hung on the noun
                        comps = [
                            t
                            for g in c.children
                            if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
                            for t in g.rights
                            if t.dep_ in ("acl", "relcl", "ccomp")
                            and any(m.dep_ == "mark" and m.lower_ == "that" and m.i < t.i for m in t.children)
                        ]
                    if comps:
                        break
        subj = next((c for c in verb.children if c.dep_ in who.SUBJECT_DEPS), None)
        before = [c for c in comps if c.i < verb.i]
        # 'X has deployed units, it said Friday, after a massacre the UN said ...': the clause
        # before the cue is the report; a clause after it with a subject of its own is not
        split = bool(before) and len(before) < len(comps) and subj is not None
        if split and subj.i > before[-1].right_edge.i and self.doc[subj.left_edge.i - 1].text == ",":
            comps = before
        if (
            comps
            and all(c.i < verb.i for c in comps)
            and any(c.dep_ == "mark" or c.dep_ == "dobj" and not info.get("addressee") for c in verb.children)
        ):
            return None  # 'X happened, hours after Y announced a ceasefire': not an attribution
        if comps:
            lo = min(c.left_edge.i for c in comps)
            hi = max(c.right_edge.i for c in comps)
            # a ccomp before the verb ('X happened, the army said') must not swallow the subject
            if hi > verb.i and lo < verb.i:
                lo = verb.i + 1
            hi = self._cut_other_cues(verb, lo, hi)
            hi = self._cut_comment(lo, hi)
            lo = self._skip_aside(verb, lo, hi)
            for c in verb.rights:  # 'denied that A, dismissing B as "C"': one statement
                if lo > verb.i and c.dep_ == "advcl" and c.i > hi and self._bare_cue(c) and c.tag_ == "VBG":
                    hi = c.right_edge.i
            return self._trim(lo, hi)
        # '..., the ministry said.' parsed with the report as the head of the verb
        if (
            verb.dep_ in ("parataxis", "ccomp", "advcl", "conj")
            and verb.head.i < verb.i
            and verb.head.pos_ in ("VERB", "AUX")
        ):
            return self._report_before(verb)
        if verb.dep_ in ("ccomp", "parataxis") and verb.head.i > verb.i and verb.head.pos_ in ("VERB", "AUX"):
            return self._report_after(verb) or self._report_around(verb)
        return None

    def _clausal(self, tok: Token) -> bool:
        """A noun phrase that carries a claim: a verb or quoted words in it, or four words or more."""
        sub = [t for t in tok.subtree if not t.is_punct]
        return len(sub) >= 4 or any(t.pos_ in ("VERB", "AUX") or self.quoted_tok[t.i] for t in sub)

    def _cut_comment(self, lo: int, hi: int) -> int:
        """'... it was annexing the region, a move rejected by most ...', '32 were killed, a number
        that has not been verified': a closing noun phrase set off by a comma that sums up the
        report is the outlet's comment on it, not part of it."""
        for t in self.doc[lo + 1 : hi + 1]:
            if t.text != "," or t.i + 2 > hi:
                continue
            det, head = self.doc[t.i + 1], self.doc[t.i + 2]
            if det.lower_ not in ("a", "an") or det.head.i != head.i or head.pos_ != "NOUN":
                continue
            if head.dep_ in ("appos", "npadvmod", "dobj", "attr") and head.right_edge.i >= hi and any(
                c.dep_ in ("acl", "relcl") for c in head.children
            ):
                return t.i - 1
        return hi

    def _skip_aside(self, verb: Token, lo: int, hi: int) -> int:
        """'said, without providing evidence, it was ...': a phrase between the cue and its report,
        set off by commas, describes the saying (the outlet's words), not what was said."""
        first = self.doc[lo]
        if lo <= verb.i or first.lower_ not in _CUE_ASIDES or self.doc[lo - 1].text != ",":
            return lo
        comma = next((t.i for t in self.doc[lo : hi + 1] if t.text == ","), None)
        return comma + 1 if comma is not None and comma < hi else lo

    def _report_after(self, verb: Token) -> Span | None:
        """'X told the crowd, he has been known to be "tough".': a sentence-opening cue clause
        set off by a comma, with the report after it (parsed as the head of the verb)."""
        sent = verb.sent
        if not any(c.dep_ in who.SUBJECT_DEPS for c in verb.children) or any(
            c.dep_ in ("mark", "advmod") and c.i < verb.i and c.lower_ not in ("then", "also")
            for c in verb.children
        ):
            return None  # 'As X said, ...', 'when X said' are not this shape
        lead = [t for t in self.doc[sent.start : verb.left_edge.i] if not (t.is_punct or t.dep_ == "cc")]
        info = cue_info(verb.lemma_) or {}
        if verb.right_edge.i - verb.left_edge.i > MAX_TAIL or any(
            c.dep_ == "dobj" and not info.get("addressee") for c in verb.children
        ):
            return None  # 'X has maintained support among ..., Fox found': X's own clause
        after = verb.right_edge.i + 1
        if lead or after >= sent.end or self.doc[after].text not in (",", "\u2014", ":"):
            return None
        return self._trim(after + 1, min(verb.head.right_edge.i, sent.end - 1))

    def _report_around(self, verb: Token) -> Span | None:
        """'The trio, police said, were not on the list': a short cue clause set off by commas
        inside the report; the content is the sentence around it (its text leaves the cue out)."""
        sent = verb.sent
        inner = [t.i for t in verb.subtree if not t.is_punct]
        lo, hi = min(inner), max(inner)
        if lo <= sent.start or hi + 1 >= sent.end or hi - lo > MAX_TAIL:
            return None
        if self.doc[lo - 1].text != "," or self.doc[hi + 1].text != ",":
            return None
        if not any(c.dep_ in who.SUBJECT_DEPS for c in verb.children) or any(
            c.dep_ in ("dobj", "ccomp", "mark") for c in verb.children
        ):
            return None
        return self._trim(sent.start, sent.end - 1)

    def _report_before(self, verb: Token) -> Span | None:
        """'..., the ministry said (in a statement).': the sentence before the attribution;
        '..., a local official told AFP': a verb that takes its hearer as object may have one."""
        sent = verb.sent
        hearer = bool((cue_info(verb.lemma_) or {}).get("addressee"))
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i), None)
        for c in verb.children:
            set_off = subj is not None and self._set_off(c, subj)
            if c.i < verb.i and c.dep_ in ("prep", "npadvmod") and set_off:
                continue  # '..., soon after midnight, a local official told AFP': the report's own time
            if c.i < verb.i and c.dep_ not in ("nsubj", "nsubjpass", "aux", "advmod", "punct", "neg"):
                return None  # 'hours after the government announced ...'
            if c.i > verb.i and c.dep_ == "dobj" and hearer:
                continue
            if c.i > verb.i and c.dep_ not in (
                "nsubj",
                "prep",
                "npadvmod",
                "advmod",
                "punct",
                "dative",
                "agent",
            ):
                return None
        left = min((t.i for t in verb.subtree if not t.is_punct), default=verb.i)
        if subj is not None and left < subj.left_edge.i:
            left = subj.left_edge.i  # a phrase the parse hung on the cue belongs to the report
        prev = self.doc[left - 1] if left > sent.start else None
        if prev is None or prev.text not in (",", "\u2014"):
            return None
        return self._trim(sent.start, left - 2)

    def _set_off(self, phrase: Token, subj: Token) -> bool:
        """The phrase ends right before a comma that comes right before the subject."""
        after = phrase.right_edge.i + 1
        return after + 1 == subj.left_edge.i and self.doc[after].text == ","

    @staticmethod
    def _bare_cue(t: Token) -> bool:
        """A reporting verb with no subject of its own ('..., calling it', '... and insisted')."""
        return (
            t.pos_ in ("VERB", "AUX")
            and cue_info(t.lemma_) is not None
            and not any(c.dep_ in who.SUBJECT_DEPS for c in t.children)
        )

    def _cut_other_cues(self, verb: Token, lo: int, hi: int) -> int:
        """End content before a subject-less reporting verb joined to it ('said A and called B
        "C"', 'denied that A, calling it "B"', 'accused X of A, declaring B'), or before another
        speaker's report set against it ('reported A, while prosecutors said B'): each starts a
        quote of its own."""
        for t in self.doc[lo : hi + 1]:
            if t.i > lo and self._contrasting_report(t):
                return min(hi, t.left_edge.i - 1)
            if t.i > lo and t.i > verb.i and self._own_clause_cue(t):
                edge = t.i - 1 if self.doc[t.i - 1].text != "," else t.i - 2
                return min(hi, edge)
            if (
                t.i == verb.i
                or t.dep_ not in ("conj", "ccomp")
                or t.i <= lo
                or t.head.i != verb.i
                and t.dep_ == "ccomp"
            ):
                continue
            if cue_info(t.lemma_) is None or t.pos_ not in ("VERB", "AUX"):
                continue
            if t.dep_ == "ccomp" and not self._bare_cue(t):
                continue
            edge = (
                min(t.i, *(c.i for c in t.children if c.dep_ in ("cc", "punct") and c.i < t.i))
                if any(c.dep_ in ("cc", "punct") and c.i < t.i for c in t.children)
                else t.i
            )
            return min(hi, edge - 1)
        return hi

    def _relays_a_report(self, verb: Token) -> bool:
        """The report before the verb is itself a report with a speaker of its own ('Ukraine's air
        force said it had shot down 40 drones, Interfax reported'): the relay makes no claim."""
        for c in verb.children:
            if c.dep_ not in ("ccomp", "parataxis") or c.pos_ not in ("VERB", "AUX") or c.i > verb.i:
                continue  # ('X said "witnesses" confirmed Y' is X's claim: the relay comes after)
            info = cue_info(c.lemma_)
            if info and info["frame"] == "clause" and any(g.dep_ in who.SUBJECT_DEPS for g in c.children):
                return any(g.dep_ == "ccomp" for g in c.children)
        return False

    def _own_clause_cue(self, t: Token) -> bool:
        """'..., declaring that B': a subject-less participle of a reporting verb with a clause of
        its own (a labelling one, 'calling it "false"', stays in the statement)."""
        info = cue_info(t.lemma_) or {}
        return (
            t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and info.get("frame") == "clause"
            and self._bare_cue(t)
            and any(c.dep_ == "ccomp" and c.i > t.i for c in t.children)
        )

    def _contrasting_report(self, t: Token) -> bool:
        """'..., while prosecutors said 20 were hurt': a reporting verb with its own subject in a
        clause that sets it against the report around it."""
        if t.pos_ != "VERB" or t.dep_ not in ("advcl", "conj") or cue_info(t.lemma_) is None:
            return False
        marks = {c.lower_ for c in t.children if c.dep_ in ("mark", "cc")}
        return bool(marks & {"while", "whereas", "but", "although", "though"}) and any(
            c.dep_ in who.SUBJECT_DEPS for c in t.children
        )

    def _label_content(self, verb: Token) -> Span | None:
        """'called the exodus "an act of ethnic cleansing" ...': from the object to the label."""
        if any(
            c.dep_ == "dobj" and c.lower_ in ("itself", "themselves", "himself", "herself")
            for c in verb.children
        ):
            return None  # 'a group that calls itself "X"' names, it does not speak
        for c in verb.rights:  # 'rejected the account as "a lie"', 'called for "restraint"': the label alone
            if (
                c.dep_ == "prep"
                and c.lower_ in ("as", "for")
                and any(self._in_segment(t.idx) for t in c.subtree)
            ):
                return self._trim(c.i + 1, c.right_edge.i)
        rights = [c for c in verb.rights if c.dep_ in ("dobj", "oprd", "xcomp", "ccomp", "attr")]
        if not rights:
            return None
        lo = min(c.left_edge.i for c in rights)
        hi = max(c.right_edge.i for c in rights)
        for c in verb.children:  # 'what it called "X"': the object precedes the verb
            if c.dep_ == "dobj" and c.i < verb.i:
                lo = min(lo, verb.i + 1)
        return self._trim(lo, hi)

    def _trim(self, lo: int, hi: int) -> Span | None:
        doc = self.doc
        while lo <= hi and (
            doc[lo].is_punct
            and doc[lo].text not in '"\u201c\u2018\u00ab'
            or doc[lo].is_space
            or doc[lo].lower_ == "that"
            and doc[lo].dep_ == "mark"
        ):
            lo += 1
        while hi >= lo and (
            doc[hi].is_space
            or doc[hi].dep_ == "cc"
            or doc[hi].is_punct
            and doc[hi].text not in '"\u201d\u2019\u00bb'
        ):
            hi -= 1
        if hi < lo or sum(1 for t in doc[lo : hi + 1] if not t.is_punct) < 2:
            return None
        return doc[lo].idx, doc[hi].idx + len(doc[hi].text)

    # --- pass 3: according to -------------------------------------------------------------

    def according(self) -> None:
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].lower_ != "to":
                continue
            if self._in_segment(tok.idx):
                continue
            to = self.doc[tok.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None)
            if obj is None and tok.i + 2 < len(self.doc):
                obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
            if obj is None:
                continue
            content = self._according_content(tok, obj)
            if content is None:
                continue
            phrase_hi = max(obj.right_edge.i, to.i)
            cs, ce = content
            inner = [k for k, s in enumerate(self.segs) if cs <= s.cstart and s.cend <= ce + 1]
            if any(k in self.seg_quote for k in inner):
                continue
            self.consumed.update(inner)
            last = self.doc[phrase_hi]
            self._append(
                Quote(
                    speaker=Party.unknown(),
                    text=self.text[cs:ce],
                    kind="mixed" if inner else "indirect",
                    span=(min(cs, tok.idx), max(ce, last.idx + len(last.text))),
                    cue="according to",
                    cue_loaded=False,
                    content_span=(cs, ce),
                    reason="'according to' + source",
                ),
                obj,
            )

    def _according_content(self, tok: Token, obj: Token) -> Span | None:
        """The clause 'according to X' hangs from: the words before it when it closes the
        clause ('..., according to X.'), else those after it ('According to X, ...'); clauses
        with a reporting verb of their own ('while Y has said ...') are left out."""
        sent = tok.sent
        phrase_lo, phrase_hi = tok.i, max(obj.right_edge.i, tok.i + 1)
        stop_hi = sent.end - 1
        for t in self.doc[phrase_hi + 1 : sent.end]:
            if (
                t.dep_ in ("advcl", "conj", "parataxis")
                and t.head.i != tok.i
                and any(cue_info(x.lemma_) is not None and x.pos_ == "VERB" for x in t.subtree)
            ):
                stop_hi = min(stop_hi, t.left_edge.i - 1)
                break
        if phrase_lo > sent.start and self.doc[phrase_lo - 1].text in (",", "\u2014", "("):
            before = self._trim(sent.start, phrase_lo - 1)
            if before is not None and before[1] - before[0] > 12:
                return before
        if phrase_hi + 1 <= stop_hi:
            return self._trim(phrase_hi + 1, stop_hi)
        return self._trim(sent.start, phrase_lo - 1) if phrase_lo > sent.start else None

    # --- pass 4: attribution lines ---------------------------------------------------------

    def attribution_lines(self) -> None:
        """A paragraph that is nothing but an attribution ('- the statement said.', 'Dr. X, the
        director of Y, said in a statement.') closes the statement block of the paragraph before
        it; 'This was reported by X.' closes the sentences before it in its own paragraph."""
        paras = self._paragraphs()
        for pi, (ps, pe) in enumerate(paras):
            for sent in self.doc.char_span(ps, pe, alignment_mode="expand").sents if pe > ps else ():
                verb, speaker = self._anaphoric_report(sent)
                if verb is not None:
                    self._attribute_block(ps, sent.start_char, verb, speaker, "'this was reported by X'")
            if pi == 0:
                continue
            verb, speaker = self._attribution_only(ps, pe)
            if verb is not None:
                lo, hi = paras[pi - 1]
                self._attribute_block(lo, hi, verb, speaker, "an attribution line")

    def _paragraphs(self) -> list[tuple[int, int]]:
        out, pos = [], 0
        for line in self.text.split("\n"):
            if line.strip():
                out.append((pos, pos + len(line)))
            pos += len(line) + 1
        return out

    def _attribution_only(self, ps: int, pe: int) -> tuple[Token | None, Token | None]:
        """The cue and speaker of a paragraph that only attributes: a reporting verb with its
        subject, and nothing else but where it was said ('in a statement', 'on Telegram')."""
        toks = [self.doc[i] for i in self.d.tokens(ps, pe) if not self.doc[i].is_space]
        words = [t for t in toks if not t.is_punct]
        if not words or len(words) > MAX_TAIL * 3 or toks[-1].text not in _SENT_END:
            return None, None
        roots = {t.sent.root.i for t in words}  # a lone dash may be parsed as a sentence of its own
        if len(roots) != 1:
            return None, None
        verb = self.doc[roots.pop()]
        info = cue_info(verb.lemma_) if verb.pos_ in ("VERB", "AUX") else None
        if info is None or info["frame"] != "clause" or verb.i in self.used_cues:
            return None, None
        if self._in_segment(verb.idx):
            return None, None
        hearer = bool(info.get("addressee"))
        own = ("ccomp", "xcomp", "mark")
        if any(c.dep_ in own or c.dep_ == "dobj" and not hearer for c in verb.children):
            return None, None  # the verb reports a clause of its own
        speaker = self._speaker_of(verb)
        return (verb, speaker) if speaker is not None else (None, None)

    def _anaphoric_report(self, sent: SpacySpan) -> tuple[Token | None, Token | None]:
        """'This was reported by the Security Service.', 'The ministry reported this.'"""
        verb = sent.root
        info = cue_info(verb.lemma_) if verb.pos_ in ("VERB", "AUX") else None
        if info is None or not info.get("passage") or verb.i in self.used_cues or self._in_segment(verb.idx):
            return None, None  # 'The army denies that' answers a claim, it does not relay a passage
        this = next(
            (c for c in verb.children if c.dep_ in ("nsubjpass", "dobj") and c.lower_ in ("this", "that")),
            None,
        )
        speaker: Token | None = None
        if this is not None and this.dep_ == "dobj":
            speaker = self._speaker_of(verb)
        elif this is not None:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                speaker = next((g for g in agent.children if g.dep_ == "pobj"), None)
        return (verb, speaker) if speaker is not None else (None, None)

    def _attribute_block(self, lo: int, hi: int, verb: Token, speaker: Token | None, how: str) -> None:
        """Quote the unattributed sentences (or open quotations) of [lo, hi) as said by ``speaker``."""
        if hi <= lo:
            return
        self.blocks.append((lo, hi))  # one statement: no antecedent for its own attribution
        segs = [k for k, g in enumerate(self.segs) if lo <= g.start < hi and k not in self.seg_quote]
        segs = [k for k in segs if k not in self.consumed]
        if segs and not self._lead(segs[0]).strip():  # a quotation opening the block
            k0 = segs[0]
            self._add_direct(k0, _Cue(verb, speaker, verb.idx + len(verb.text), self.segs[k0].start))
            for k in segs[1:]:
                self._merge_into(self.seg_quote[k0], k)
            return
        block = self.doc.char_span(lo, hi, alignment_mode="expand")
        if block is None:
            return
        for sent in block.sents:
            if sent.start_char >= verb.idx or any(
                q.content_span and q.content_span[0] < sent.end_char and sent.start_char < q.content_span[1]
                for q in self.quotes
            ):
                continue
            content = self._trim(sent.start, sent.end - 1)
            if content is None:
                continue
            cs, ce = content
            self.used_cues.add(verb.i)
            self._append(
                Quote(
                    speaker=Party.unknown(),
                    text=self.text[cs:ce],
                    kind="indirect",
                    span=(cs, max(ce, verb.idx + len(verb.text))),
                    cue=self._cue_text(verb),
                    cue_loaded=bool((cue_info(verb.lemma_) or {}).get("loaded")),
                    content_span=(cs, ce),
                    reason=f"indirect: unattributed sentence closed by {how}",
                ),
                speaker,
            )

    # --- cue-less quoted sentences ----------------------------------------------------------

    def _take_marks(self, q: Quote) -> None:
        """A mixed quote whose content starts or ends at a quoted fragment keeps that fragment's
        marks whole: 'claimed "X's stance" leaves ...' gives '"X's stance" leaves ...'."""
        if q.content_span is None or q.kind == "direct":
            return
        cs, ce = q.content_span
        curly, odd_straight = _open_marks(self.text[cs:ce])
        before, after = self.text[cs - 1 : cs] if cs else "", self.text[ce : ce + 1]
        if (curly < 0 and before in "\u201c\u00ab") or (odd_straight and before == '"'):
            cs -= 1
        elif (curly > 0 and after in "\u201d\u00bb") or (odd_straight and after == '"'):
            ce += 1
        else:
            return
        q.content_span = (cs, ce)
        q.text = self.text[cs:ce]

    def _append(self, q: Quote, speaker: Token | None) -> None:
        self.quotes.append(q)
        self.speakers.append(speaker)

    def resolve(self) -> None:
        """Resolve every speaker in text order, with all quote contents known: a name inside
        someone's reported words is never the antecedent of a speaker's pronoun."""
        # direct quotes are already there segment by segment (a merged one spans its cue)
        spans = {q.content_span for q in self.quotes if q.content_span and q.kind != "direct"}
        self.index.quoted = sorted(set(self.index.quoted) | spans | set(self.blocks))
        for i in sorted(range(len(self.quotes)), key=lambda i: self.quotes[i].span[0]):
            self.quotes[i].speaker = self._party(self.speakers[i])

    def continuations(self) -> None:
        """A quoted sentence with no cue continues the previous speaker (same or previous
        paragraph); a paragraph-opening quote with nobody before it is left unknown."""
        for k in self.pending:
            if k in self.consumed or k in self.seg_quote:
                continue
            seg = self.segs[k]
            words = self.text[seg.cstart : seg.cend].split()
            lead = self._lead(k).strip()
            opens_para = lead == ""
            opens_sentence = opens_para or lead[-1:] in ".!?"
            prev_open = k > 0 and not self.segs[k - 1].closed and self.segs[k - 1].para == seg.para - 1
            if not (opens_sentence and (len(words) >= 4 or prev_open)):
                continue  # scare quotes, titles, nicknames, fragments
            if self._title_before(seg):
                continue
            fwd = self._next_attributed(k)
            prev = fwd or self._previous_quote(seg, prev_open)
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
            self.seg_quote[k] = len(self.quotes)
            self._append(
                Quote(
                    speaker=party,
                    text=self.text[seg.cstart : seg.cend],
                    kind="direct",
                    span=(seg.start, seg.end),
                    cue=cue,
                    content_span=(seg.cstart, seg.cend),
                    reason=reason,
                ),
                None,
            )

    def _next_attributed(self, k: int) -> Quote | None:
        """A quotation left open at its paragraph end runs into the next paragraph's opening
        quotation ('“A.' / '“B,” she said.'): the speaker named there says both."""
        start = k
        while k + 1 < len(self.segs):
            seg, nxt = self.segs[k], self.segs[k + 1]
            if seg.closed or nxt.para != seg.para + 1 or self._lead(k + 1).strip():
                return None
            if self.text[seg.start] != self.text[nxt.start]:
                return None  # one quotation keeps one style of mark; a change starts another text
            qi = self.seg_quote.get(k + 1)
            if qi is not None:
                q = self.quotes[qi]
                if q.cue is None or q.kind != "direct" or q.speaker.kind == "unknown":
                    return None
                last = q.speaker.name.split()[-1]
                if any(last in self.text[s.cstart : s.cend] for s in self.segs[start : k + 1]):
                    return None  # the paragraph names the speaker: someone else's words about them
                return q
            k += 1
        return None

    def _title_before(self, seg: Segment) -> bool:
        words = self.text[max(seg.para_start, seg.start - 20) : seg.start].split()
        return bool(words) and words[-1].lower().strip(",") in _TITLE_BEFORE

    def _previous_quote(self, seg: Segment, prev_open: bool) -> Quote | None:
        best: Quote | None = None
        for q in self.quotes:
            if q.span[0] >= seg.start:
                continue
            if best is None or q.span[0] > best.span[0]:
                best = q
        if best is None:
            return None
        para_of = self._para_index(best.span[0])
        if para_of == seg.para or para_of == seg.para - 1 or prev_open:
            return best
        return None

    def _para_index(self, char: int) -> int:
        """Index of the paragraph (non-empty line) holding ``char``, as ``find_segments`` counts."""
        if self._para_starts is None:
            starts, pos = [], 0
            for line in self.text.split("\n"):
                if line.strip():
                    starts.append(pos)
                pos += len(line) + 1
            self._para_starts = starts
        return max(0, bisect.bisect_right(self._para_starts, char) - 1)

    # --- output ---------------------------------------------------------------------------

    def result(self) -> list[Quote]:
        out: list[Quote] = []
        for q in sorted(self.quotes, key=lambda q: (q.span[0], q.span[1])):
            self._take_marks(q)
            q.text = _balance(q.text.strip().rstrip(","))
            if not q.text:
                continue
            out.append(q)
        return out
