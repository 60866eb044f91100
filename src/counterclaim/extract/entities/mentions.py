"""Mentions made of NER's names: its names cut at their commas and cleaned (``_Piece``), each made
a mention (``_Mention``) with the institution or facility noun NER left out; a bare title word or
an adjective with no state to stand for is none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...nlp import doc_text, token_lowers, token_pos_dep
from .noise import _inside, _is_credit
from .words import (
    _NOT_NAMES,
    _READ_TYPES,
    COUNTRY_OF_ADJ,
    FACILITY_NOUNS,
    FORCE_NOUNS,
    NOT_ENTITIES,
    ORG_HEADS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    label: str
    tok: int  # index of the first token
    tok_end: int
    via: str = "ner"
    country: str | None = None  # state qualifying an institution, or the state a form names
    place: bool = False  # read as a place in its context ('in X', 'the town of X')
    actor: bool = False  # subject of a speech or political verb


def _clean(doc: Doc, lowers: list[str], s: int, e: int) -> tuple[int, int] | None:
    """Token bounds ``[s, e)`` without a leading 'the' and a trailing possessive or punctuation
    (``lowers``: the doc's ``token_lowers``)."""
    while s < e and (lowers[s] in ("the", "a", "an") or doc[s].is_punct):
        s += 1
    while e > s and (
        lowers[e - 1] in ("'s", "’s", "'", "and", "or") or doc[e - 1].is_punct or doc[e - 1].is_space
    ):
        e -= 1  # 'Kumshe and' when NER runs a list together
    return (s, e) if e > s else None


@dataclass(slots=True)
class _Piece:
    """One of NER's names of a type mentions are made of, outside credits and bylines, cut at its
    commas (NER runs lists and two names together: 'Facebook, Pashinyan') and cleaned (``_clean``)."""

    start: int  # token bounds
    end: int
    label: str
    title: bool  # a name after a title (``title_persons``)
    credit: bool  # a photo or wire credit (``_is_credit``)


def _ner_pieces(doc: Doc, credits: list[tuple[int, int]]) -> list[_Piece]:
    """The pieces of NER's names, in text order (read by ``_name_candidates`` and ``_raw_mentions``)."""
    lowers, text = token_lowers(doc), doc_text(doc)
    out: list[_Piece] = []
    for ent in doc.ents:
        label = ent.label_
        if label not in _READ_TYPES:
            continue
        start_char, end_char = ent.start_char, ent.end_char
        if _inside(start_char, end_char, credits):
            continue  # a reporter, photographer or agency in a byline or credit
        start, end = ent.start, ent.end
        title = ent.kb_id != 0 and ent.kb_id_ == "title"
        credit = _is_credit(text[start_char:end_char], lowers, start, end)
        a = start
        for b in [*(i + 1 for i in range(start, end) if lowers[i] == ","), end]:
            bounds = _clean(doc, lowers, a, b)
            a = b
            if bounds is not None:
                out.append(_Piece(bounds[0], bounds[1], label, title, credit))
    return out


_POSSESSIVE_END = re.compile(r"['’]s$")
_NO_LETTERS = re.compile(r"[\d\W]+")


def _make_mention(doc: Doc, doc_str: str, s: int, e: int, label: str, via: str = "ner") -> _Mention | None:
    """A mention of tokens ``[s, e)`` (``doc_str``: the doc's text), or None for no name."""
    if e <= s:
        return None  # no tokens, no text
    start, last = doc[s].idx, doc[e - 1]
    text = doc_str[start : last.idx + len(last.text)]  # ``doc[s:e].text``
    if "s" in text[-2:]:  # a possessive ends it, or ends it before a line break
        text = _POSSESSIVE_END.sub("", text)
    text = text.strip()
    if not text or not any(map(str.isupper, text)) or text.lower() in _NOT_NAMES:
        return None
    if _NO_LETTERS.fullmatch(text):
        return None
    return _Mention(start, start + len(text), text, label, s, e, via)


def _raw_mentions(doc: Doc, pieces: list[_Piece]) -> list[_Mention]:
    out: list[_Mention] = []
    pos = token_pos_dep(doc)[0]
    lowers, text = token_lowers(doc), doc_text(doc)
    for p in pieces:
        if p.credit:
            continue
        m = _make_mention(doc, text, p.start, p.end, p.label, "title" if p.title else "ner")
        if (
            m is None
            or m.text.lower().rstrip(".") in NOT_ENTITIES  # 'wrote on X.'
            or _only_title_words(lowers[p.start : p.end])
        ):
            continue
        if m.label == "PERSON" and _names_a_force(doc, m):
            m.label, m.via = "ORG", "name of a force"
        if m.label == "ORG":
            m = _extend_org(doc, m)
        m = _extend_facility(doc, lowers, m)
        if m.label == "NORP" and m.text.lower() not in COUNTRY_OF_ADJ and pos[p.end - 1] == "ADJ":
            continue  # 'Soviet', 'Western': an adjective with no state to stand for
        out.append(m)
    return out


def _names_a_force(doc: Doc, m: _Mention) -> bool:
    """'the Asayish internal security forces': one unfamiliar word modifying a lower-case force
    noun names that force (NER often calls it a person)."""
    if m.tok_end - m.tok != 1:
        return False
    root = doc[m.tok]
    head = root.head
    return (
        root.dep_ in ("compound", "nmod", "amod")
        and head.i > root.i
        and head.is_lower
        and head.lower_ in FORCE_NOUNS
        and all(t.is_lower for t in doc[root.i + 1 : head.i])
        and _unfamiliar(doc[m.tok : m.tok_end])
    )


# a title word: a modifier, a head, or a head's abbreviation without its full stop ('brig')
_TITLE_WORDS = frozenset({*TITLE_MODIFIERS, *TITLE_HEADS, *(h[:-1] for h in TITLE_HEADS if h.endswith("."))})


def _only_title_words(lowers: list[str]) -> bool:
    """'Supreme', 'Brig.': NER takes a bare title word (its tokens' ``lowers``) for an organisation."""
    words = [w.rstrip(".") for w in lowers if w != "."]
    return bool(words) and _TITLE_WORDS.issuperset(words) and ORG_HEADS.isdisjoint(words)


def _extend_org(doc: Doc, m: _Mention) -> _Mention:
    """Take in the institution noun NER left out: 'U.N.' + 'refugee agency', 'Interior' + 'Ministry'."""
    k = m.tok_end
    j = k
    while j < len(doc) and j - k < 3 and doc[j].pos_ in ("ADJ", "NOUN", "PROPN") and doc[j].is_alpha:
        if doc[j].lower_ in ORG_HEADS:
            end = doc[j].idx + len(doc[j].text)
            return _Mention(m.start, end, doc_text(doc)[m.start : end], "ORG", m.tok, j + 1, "ner + org noun")
        if doc[j].text[:1].isupper() and j > k:
            break
        j += 1
    return m


def _extend_facility(doc: Doc, lowers: list[str], m: _Mention) -> _Mention:
    """'Hakari bridge', 'Rafah crossing': a name with a lower-case facility noun after it is a FAC."""
    k = m.tok_end
    if m.label in ("NORP",) or k >= len(doc) or lowers[k] not in FACILITY_NOUNS or not doc[k].is_lower:
        return m
    end = doc[k].idx + len(doc[k].text)
    return _Mention(m.start, end, doc_text(doc)[m.start : end], "FAC", m.tok, k + 1, "name + facility noun")


def _unfamiliar(span: Span) -> bool:
    """A name the model has no vector for, not an acronym: NER's label for it is a guess."""
    return all(not t.has_vector for t in span if t.is_alpha) and not span.text.isupper()


def _root(doc: Doc, s: int, e: int) -> Token:
    """``doc[s:e].root``, without making a span for a one-token name (its own root)."""
    return doc[s] if e - s == 1 else doc[s:e].root


def _appos_tokens(doc: Doc) -> set[int]:
    """Indices of the tokens in an apposition: each ``appos`` and the word it stands beside. A
    name none of whose tokens is here has no apposition to read."""
    out: set[int] = set()
    for i, dep in enumerate(token_pos_dep(doc)[1]):
        if dep == "appos":
            out.add(i)
            out.add(doc[i].head.i)
    return out
