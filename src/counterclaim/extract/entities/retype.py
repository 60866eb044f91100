"""Which type each mention is: lexicon types first; a form read more often as a place than as a
person (its context, a list of places, a dateline) is a place; a form seen as PERSON is PERSON
everywhere."""

from __future__ import annotations

import functools
import re
from collections import Counter

from rapidfuzz import fuzz
from spacy.tokens import Doc, Token

from ...nlp import doc_text, token_lowers
from .local import _list_head, _modifies_place_noun
from .mentions import _Mention, _root, _unfamiliar
from .words import (
    _MISC,
    _PARTICLES,
    COUNTRY_OF_ADJ,
    COUNTRY_OF_CAPITAL,
    COUNTRY_OF_NAME,
    GEO_FEATURES,
    PLACE_NOUNS,
    PLACE_PREPS,
    POLITICAL_VERBS,
    STATE_POSSESSIONS,
    WEAK_PLACE_PREPS,
)

_DATELINE_DASH = re.compile(r"[—–]|\s-\s")
_LOWER_WORD = re.compile(r"\b[a-z]")


def _is_dateline(doc: Doc, m: _Mention) -> bool:
    """'YANGON —', 'KYIV, Ukraine (AP) —': the capitalised place opening a story's first line."""
    if not m.text.isupper() or (m.tok > 0 and "\n" not in doc[m.tok - 1].text_with_ws):
        return False  # not in capitals, or not at a line's start
    rest = doc_text(doc)[m.end : m.end + 60]
    dash = _DATELINE_DASH.search(rest)
    return dash is not None and not _LOWER_WORD.search(rest[: dash.start()])


def _place_evidence(doc: Doc, lowers: list[str], m: _Mention, root: Token, dateline: bool) -> bool:
    """The mention reads as a place: 'in Goris', 'the town of X', 'X region', "X's Defense Ministry".
    ``root`` is the mention's root token; ``dateline`` says whether it opens a dateline."""
    if m.via == "title":
        return False
    if dateline:
        return True
    # any one clue is enough: the word tests first, then the tree's
    k, n = m.tok, len(doc)
    if k >= 2 and lowers[k - 1] == "of" and lowers[k - 2] in PLACE_NOUNS:
        return True
    if k >= 1 and lowers[k - 1] in PLACE_NOUNS and doc[k - 1].is_lower and doc[k - 1].dep_ != "poss":
        return True  # 'the regional capital Marka', 'the border town Kerem'
    e = m.tok_end
    if e - k > 1 and lowers[e - 1] in GEO_FEATURES and doc[e - 1].text[:1].isupper():
        return True  # 'the Golan Heights', 'the Nuba Mountains': a feature in the name itself
    if e < n and lowers[e] in PLACE_NOUNS:
        return True
    if e + 1 < n and lowers[e] in ("'s", "’s") and lowers[e + 1] in STATE_POSSESSIONS:
        return True
    base = _list_head(root)
    if _modifies_place_noun(base):
        return True  # 'the Belgorod and Kursk regions'
    if base.dep_ != "pobj":
        return False
    prep = base.head
    low = lowers[prep.i]
    if low in PLACE_PREPS:
        return True
    if low in WEAK_PLACE_PREPS and _unfamiliar(doc[k:e]):
        return True  # 'trucks waiting at Adre', 'the road from Minova': a name the model never saw
    # 'the villages of A, B and C'
    return low == "of" and prep.head.lemma_.lower() in PLACE_NOUNS and prep.head.is_lower


def _listed_with_places(doc: Doc, ms: list[_Mention]) -> set[str]:
    """Forms of untitled PERSON mentions written in a list of places ('Kyiv, Dnipro, Kryvyi Rih
    and Kramatorsk'): its neighbours in the list, before and after (only before for the item
    after 'and'), are places."""
    order = sorted(ms, key=lambda m: m.tok)
    out: set[str] = set()

    lowers = token_lowers(doc)

    def joined(a: _Mention, b: _Mention) -> bool:
        gap = lowers[a.tok_end : b.tok]
        return gap in ([","], ["and"], [",", "and"], ["or"], [",", "or"])

    def place(x: _Mention) -> bool:
        return x.label in ("GPE", "LOC") or x.place or x.text.lower() in out

    grew = True
    while grew:  # a place found makes its neighbour's case ('..., Sloviansk and Kramatorsk')
        grew = False
        for k, m in enumerate(order):
            if m.label != "PERSON" or m.via == "title" or m.text.lower() in out:
                continue
            if m.tok_end < len(doc) and doc[m.tok_end].lower_ in ("'s", "’s"):
                continue  # 'Warsaw and Ivan Petrov's office': someone's
            prev = order[k - 1] if k > 0 and joined(order[k - 1], m) else None
            nxt = order[k + 1] if k + 1 < len(order) and joined(m, order[k + 1]) else None
            if prev is not None and doc[m.tok - 1].lower_ in ("and", "or"):
                sides = [prev]  # the list's last item
            elif prev is not None and nxt is not None:
                sides = [prev, nxt]
            else:
                continue
            if all(place(x) for x in sides):
                out.add(m.text.lower())
                grew = True
    return out


def _fix_types(doc: Doc, ms: list[_Mention]) -> None:
    """Lexicon types first (a country is a GPE); a form read more often as a place than as a person
    is a place; then a form seen as PERSON is PERSON everywhere (its surname and first name too)."""
    person_votes: Counter[str] = Counter()
    place_votes: Counter[str] = Counter()
    lowers = token_lowers(doc)
    # a state's name or capital (asked once per form: each overlay look-up is a Python call)
    state_word = functools.cache(lambda low: low in COUNTRY_OF_NAME or low in COUNTRY_OF_CAPITAL)
    for m in ms:
        low = m.text.lower()
        if state_word(low):
            m.label = "GPE"
        elif low in COUNTRY_OF_ADJ and m.label not in ("ORG",):
            m.label = "NORP"
        root = _root(doc, m.tok, m.tok_end)
        dateline = _is_dateline(doc, m)
        m.place = _place_evidence(doc, lowers, m, root, dateline)
        if dateline:
            m.label, m.via = "GPE", "dateline"
        elif m.place and (
            (m.label in _MISC and m.label != "LANGUAGE") or (m.label == "NORP" and low not in COUNTRY_OF_ADJ)
        ):  # 'in Arabic' is a language, not a place
            m.label, m.via = "GPE", "place context"
        m.actor = root.dep_ == "nsubj" and root.head.lemma_.lower() in POLITICAL_VERBS
        if m.place or m.label in ("GPE", "LOC"):
            place_votes[low] += 1
        elif m.label == "PERSON":
            person_votes[low] += 3 if m.via == "title" else 1
        if m.label == "PERSON" and len(low.split()) > 1:
            person_votes[low.split()[-1]] += 2  # a surname alone after the full name
    for low in _listed_with_places(doc, ms):
        place_votes[low] += 1  # 'Kyiv, Dnipro, Kryvyi Rih, Sloviansk': one of a list of places
    name_parts = {p for m in ms if m.label == "PERSON" and " " in m.text for p in m.text.lower().split()}
    for m in ms:
        low = m.text.lower()
        lone = " " not in low and low not in name_parts and place_votes[low] > 0
        if m.label == "PERSON" and m.via != "title" and (place_votes[low] >= person_votes[low] or lone):
            m.label = "GPE"
            m.via = "place context"
    person_forms: set[str] = set()
    for m in ms:
        if m.label == "PERSON":
            low = m.text.lower()
            person_forms.add(low)
            toks = low.split()
            if len(toks) > 1:
                person_forms.add(_surname(toks))
                if toks[0] not in _PARTICLES and len(toks[0]) > 3:
                    person_forms.add(toks[0])
    one_word_forms = [_strip_al(p) for p in person_forms if " " not in p]
    # a person's one-word form spelt closely (asked once per form)
    near_person = functools.cache(lambda bare: any(fuzz.ratio(bare, p) >= 88 for p in one_word_forms))
    for m in ms:
        low = m.text.lower()
        if (
            m.label == "PERSON"
            or state_word(low)
            or place_votes[low] > person_votes[low]
        ):
            continue
        bare = _strip_al(low) if " " not in low and len(low) > 4 else None
        if low in person_forms or (bare and near_person(bare)):
            m.label = "PERSON"
            m.via = "person elsewhere"


_AL = re.compile(r"^(?:al|el)-")


@functools.lru_cache(maxsize=4096)
def _strip_al(s: str) -> str:
    return _AL.sub("", s.lower())


def _surname(tokens: list[str]) -> str:
    return tokens[-1]
