"""Descriptors, affiliation and gender: a person's from the title before the name, its
apposition and the pronouns after it; an organisation's or a people's affiliation is its state."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_TYPE, LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from ...nlp import ent_of, sent_starts, token_lowers
from .clusters import _Cluster
from .component import _is_head
from .mentions import _TITLE_WORDS, _Mention, _root
from .words import COUNTRY_OF_ADJ, COUNTRY_OF_CAPITAL, COUNTRY_OF_NAME, TITLE_HEADS, TITLE_MODIFIERS


def _country_of_token(t: Token) -> str | None:
    low = t.text.lower()
    return COUNTRY_OF_ADJ.get(low) or COUNTRY_OF_NAME.get(low) or COUNTRY_OF_CAPITAL.get(low)


_SPACES = re.compile(r"\s+")


def _title_text(doc: Doc, words: list[Token]) -> str:
    """The title as written, lower-cased; a rank after a role is split off with '; '
    ('defense ministry spokesman; lt. gen.')."""
    parts: list[str] = []
    cur = ""
    for w in words:
        rank = w.text.endswith(".") or (w.i + 1 < len(doc) and doc[w.i + 1].text == ".") or w.text == "."
        if cur and rank and not cur.endswith(".") and w.text != "." and _is_head(doc[w.i - 1]):
            parts.append(cur)
            cur = ""
        cur += w.text_with_ws if w.i != words[-1].i else w.text
    parts.append(cur)
    return "; ".join(_SPACES.sub(" ", p).strip().lower() for p in parts if p.strip())


def _title_before(doc: Doc, lowers: list[str], m: _Mention) -> tuple[str | None, str | None, Token | None]:
    """(descriptor, affiliation, possessor token) from the title written before a name
    (``lowers``: the doc's ``token_lowers``)."""
    i = m.tok - 1
    if i >= 0 and lowers[i] == ",":
        i -= 1
    if i < 0 or (lowers[i] not in _TITLE_WORDS and lowers[i] not in (".", "-", "in")):
        return None, None, None  # no title word, full stop or dash before the name: no title
    words: list[Token] = []
    while i >= 0:
        t, low = doc[i], lowers[i]  # one token made per step back
        if not (
            _is_head(t)
            or low in TITLE_MODIFIERS
            or t.text == "."
            or (t.text in ("-", "in") and i + 1 < m.tok and doc[i + 1].text in ("-", "in"))
            or (t.text == "-" and words and _is_head(words[0]))
            or (low == "of" and words and i >= 1 and _is_head(doc[i - 1]))
        ):
            break
        words.insert(0, t)
        i -= 1
    while words and not _is_head(words[0]) and words[0].lower_ not in TITLE_MODIFIERS:
        words.pop(0)
    if not any(_is_head(w) for w in words):
        return None, None, None
    while words and not _is_head(words[-1]) and not (len(words) > 1 and words[-2].lower_ == "of"):
        words.pop()  # 'secretary of state' keeps its tail
    desc = _title_text(doc, words)
    aff: str | None = None
    poss: Token | None = None
    if i >= 3 and doc[i].text == ")" and doc[i - 2].text == "(":
        i -= 3  # 'Israel Defense Forces (IDF) spokesperson X': the name before its acronym
    if i >= 0:
        t = doc[i]
        if t.lower_ in ("'s", "’s") and i >= 1:
            prev = doc[i - 1]
            aff = _country_of_token(prev)
            if aff is None and prev.ent_type_ == "PERSON":
                poss = prev
            elif aff is None and prev.ent_type_ in ("ORG", "GPE"):
                aff = _ent_text(prev)
        else:
            aff = _country_of_token(t)
            if aff is None and t.ent_type_ in ("ORG", "NORP", "GPE") and t.text[:1].isupper():
                aff = _ent_text(t)
    return desc, aff, poss


def _ent_text(t: Token) -> str:
    e = ent_of(t)
    return t.text if e is None else re.sub(r"^the\s+", "", e.text, flags=re.I)


def _apposition(doc: Doc, m: _Mention, appos: set[int]) -> tuple[str | None, str | None]:
    """(descriptor, affiliation) from an apposition: 'X, the head of Y' or 'the commander of Y, X'
    (``appos``: the doc's ``_appos_tokens``)."""
    if appos.isdisjoint(range(m.tok, m.tok_end)):
        return None, None
    root = _root(doc, m.tok, m.tok_end)
    nouns: list[Token] = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    for n in nouns:
        if n.lemma_.lower() not in TITLE_HEADS and n.lower_ not in TITLE_HEADS:
            continue
        mods = [c for c in n.children if c.dep_ in ("compound", "amod") and c.i < n.i]
        start = min([n.i, *[c.i for c in mods]])
        words = [
            w.lower_
            for w in doc[start : n.i + 1]
            if w.lower_ in TITLE_MODIFIERS or w.i == n.i or w.pos_ == "NOUN"
        ]
        for prep in (c for c in n.children if c.dep_ == "prep" and c.lower_ == "of"):
            objs = [o for o in prep.children if o.dep_ == "pobj" and o.is_lower and o.pos_ == "NOUN"]
            if objs and not any(c.dep_ in ("det", "poss") for c in objs[0].children):
                words += ["of", objs[0].lower_]  # 'chief of staff'
        desc = " ".join(words)
        aff = None
        for c in n.subtree:  # the first state or organisation named in the apposition
            if c.i == n.i:
                continue
            if co := _country_of_token(c):
                aff = co
                break
            if c.ent_type_ in ("ORG", "GPE"):
                aff = _ent_text(c)
                break
        return desc, aff
    return None, None


_PRONOUN_GENDER = dict.fromkeys(("he", "his", "him", "himself"), "m") | dict.fromkeys(
    ("she", "her", "hers", "herself"), "f"
)

_PRONOUN_IDS = [numpy.uint64(get_string_id(w)) for w in _PRONOUN_GENDER]  # their LOWER ids


@dataclass(slots=True)
class _Tokens:
    """Where sentences start, PERSON tokens and gendered pronouns stand in a doc (token indices,
    in order), for ``_pronoun_gender``."""

    sent_starts: list[int]
    persons: list[int]
    pronouns: list[int]

    @classmethod
    def of(cls, doc: Doc) -> _Tokens:
        arr = doc.to_array([ENT_TYPE, LOWER])
        lows = arr[:, 1]
        pronoun = lows == _PRONOUN_IDS[0]
        for x in _PRONOUN_IDS[1:]:  # eight comparisons: cheaper than ``numpy.isin`` on one article
            pronoun |= lows == x
        return cls(
            sent_starts(doc),
            numpy.flatnonzero(arr[:, 0] == doc.vocab.strings["PERSON"]).tolist(),
            numpy.flatnonzero(pronoun).tolist(),
        )


def _title_gender(desc: str | None) -> str | None:
    """The gender a title's words give ('spokeswoman'), or None."""
    if desc:
        for w in desc.split():
            g = TITLE_HEADS.get(w)
            if g:
                return g
    return None


def _pronoun_gender(doc: Doc, m: _Mention, toks: _Tokens) -> str | None:
    """The gender of the first personal pronoun after the name in its sentence or the next,
    before another person; None without one."""
    # the end of the name's sentence (``doc[m.tok].sent.end``): the next sentence start after it
    k = bisect_right(toks.sent_starts, m.tok)
    end = min(len(doc), (toks.sent_starts[k] if k < len(toks.sent_starts) else len(doc)) + 25)
    k = bisect_left(toks.pronouns, m.tok_end)
    pronoun = toks.pronouns[k] if k < len(toks.pronouns) and toks.pronouns[k] < end else end
    k = bisect_left(toks.persons, m.tok_end)
    if k < len(toks.persons) and toks.persons[k] <= pronoun and toks.persons[k] < end:
        return None
    return _PRONOUN_GENDER[token_lowers(doc)[pronoun]] if pronoun < end else None


def _attributes(doc: Doc, clusters: list[_Cluster], appos: set[int]) -> None:
    toks: _Tokens | None = None  # made for the first name whose title gives no gender
    lowers = token_lowers(doc)
    pending: list[tuple[_Cluster, Token]] = []
    for c in clusters:
        if c.label != "PERSON":
            if c.country and c.label in ("ORG", "NORP") and not c.affiliation:
                c.affiliation = c.country
            continue
        for m in c.mentions:
            desc, aff, poss = _title_before(doc, lowers, m)
            d2, a2 = _apposition(doc, m, appos)
            for d in [*(desc.split("; ") if desc else []), d2]:
                if d and not any(x == d or x.endswith(" " + d) for x in c.descriptors):
                    c.descriptors.append(d)
            c.affiliation = c.affiliation or aff or a2
            if poss is not None:
                pending.append((c, poss))
            g = _title_gender(desc or d2)
            if g is None:
                toks = toks or _Tokens.of(doc)
                g = _pronoun_gender(doc, m, toks)
            if g:
                c.gender_votes[g] += 2 if desc and TITLE_HEADS.get(desc.split()[-1]) else 1
    by_tok = {i: c for c in clusters for m in c.mentions for i in range(m.tok, m.tok_end)} if pending else {}
    for c, poss in pending:  # "President X's adviser, Y": Y shares X's affiliation
        owner = by_tok.get(poss.i)
        if owner is not None and owner is not c and not c.affiliation:
            c.affiliation = owner.affiliation
