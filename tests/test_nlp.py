"""``nlp``'s look-ups that stand in for spaCy properties rebuilt on every access: ``doc_text``
(``Doc.text``), ``ent_of`` (the member of ``doc.ents`` holding a token) and ``ents_in``
(``span.ents``) give exactly what spaCy gives, on real articles and on hand-set entities."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc, Span

from counterclaim import nlp as cc_nlp

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted((ROOT / "tests" / "data" / "heldout").glob("*.txt")) + sorted((ROOT / "samples").glob("*.txt"))


def _same(a: Span | None, b: Span | None) -> bool:
    if a is None or b is None:
        return a is b
    return (a.start, a.end, a.label_, a.kb_id_, a.id_) == (b.start, b.end, b.label_, b.kb_id_, b.id_)


def _check(doc: Doc) -> None:
    assert cc_nlp.doc_text(doc) == doc.text
    assert cc_nlp.token_lowers(doc) == [t.lower_ for t in doc]
    assert cc_nlp.token_lowers(doc) is cc_nlp.token_lowers(doc)  # made once per doc
    assert cc_nlp.token_pos_dep(doc) == ([t.pos_ for t in doc], [t.dep_ for t in doc])
    ents = doc.ents
    for tok in doc:
        spacy_ent = next((e for e in ents if e.start <= tok.i < e.end), None)
        assert _same(cc_nlp.ent_of(tok), spacy_ent), tok
    sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
    for span in [*sents, doc[3:17], doc[:]]:
        ours, theirs = cc_nlp.ents_in(span), list(span.ents)
        assert len(ours) == len(theirs) and all(_same(a, b) for a, b in zip(ours, theirs, strict=True))


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.stem)
def test_lookups_match_spacy_on_articles(nlp, path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(path.read_text("utf-8"))
    assert len(doc.ents) > 5
    _check(doc)


def test_lookups_match_spacy_on_hand_set_entities(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp.make_doc("The Free Hills Front said Dario Fenn met envoys in Harrow Ridge on Monday .")
    doc.ents = [
        Span(doc, 1, 4, label="ORG", kb_id="title"),  # adjacent entities: B I I then B I
        Span(doc, 5, 7, label="PERSON"),
        Span(doc, 11, 13, label="GPE"),  # ends just before the last tokens
    ]
    _check(doc)  # an unparsed doc: no part of speech or dependency yet
    assert cc_nlp.ent_of(doc[2]).text == "Free Hills Front"  # type: ignore[union-attr]
    assert cc_nlp.ent_of(doc[4]) is None
    assert [e.text for e in cc_nlp.ents_in(doc[5:12])] == ["Dario Fenn"]  # Harrow Ridge sticks out


def test_doc_text_is_kept_per_doc(nlp) -> None:  # type: ignore[no-untyped-def]
    a, b = nlp.make_doc("One text."), nlp.make_doc("Another text.")
    assert (cc_nlp.doc_text(a), cc_nlp.doc_text(b), cc_nlp.doc_text(a)) == (
        "One text.",
        "Another text.",
        "One text.",
    )


# texts whose characters a careless tokenizer could lose: runs of spaces, tabs, CRLF, NBSP,
# emoji, combining accents, a trailing space, a bracket glued to the next word
AWKWARD = [
    "  Two leading spaces,\ttabs\t\tand CRLF\r\nline ends.\r\n\r\nNext paragraph. ",
    "Non-breaking\u00a0space, e\u0301 combined, an emoji \U0001f4a5 and (CNN)Thirteen officers.",
    "\n\n\nOnly line breaks before.\n\n",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_the_parse_records_each_docs_text_as_spacy_joins_it(nlp, text: str) -> None:  # type: ignore[no-untyped-def]
    """``parse`` and ``parse_many`` record the text they parsed as the doc's text (saving the join
    ``doc_text`` would make): it is what spaCy joins from the tokens."""
    upper = text.upper()
    one = cc_nlp.parse(text)
    many = list(cc_nlp.parse_many([text, upper]))
    for doc, parsed in ((one, text), (many[0], text), (many[1], upper)):
        assert cc_nlp.doc_text(doc) is parsed
        assert doc.text == parsed


@pytest.mark.parametrize("path", TEXTS[:3], ids=lambda p: p.stem)
def test_lemma_head_and_sentence_lookups_match_spacy(nlp, path: Path) -> None:  # type: ignore[no-untyped-def]
    doc = nlp(path.read_text("utf-8"))
    assert cc_nlp.token_lemma_lowers(doc) == [t.lemma_.lower() for t in doc]
    assert cc_nlp.token_heads(doc) == [t.head.i for t in doc]  # heads before and after a token
    assert cc_nlp.sent_starts(doc) == [s.start for s in doc.sents]
    assert all(cc_nlp.sent_bounds(doc, t.i) == (t.sent.start, t.sent.end) for t in doc)
