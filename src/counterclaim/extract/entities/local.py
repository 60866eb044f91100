"""Names the model has never seen and no lexicon lists: what the article's own evidence teaches
(``_learn_local``: states, places, nationality words, capitals, the dateline's city and region)
and the mentions retyped or added by it (``_apply_local``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy
from spacy.attrs import IS_ALPHA, IS_TITLE
from spacy.tokens import Doc, Span, Token

from ... import lexicons
from ...nlp import doc_text, ent_of, token_lowers, token_pos_dep
from .mentions import _make_mention, _Mention, _Piece
from .noise import _DATELINE_RE, _inside
from .words import (
    _NO_LOCAL,
    _NOT_NAMES,
    _OVERLAYS,
    _TITLES,
    COUNTRY_OF_ADJ,
    COUNTRY_OF_CAPITAL,
    COUNTRY_OF_NAME,
    DEMONYM_SUFFIXES,
    GENERIC_INST,
    GOV_WORDS,
    GROUP_HEADS,
    GROUP_NAMES,
    NOT_ENTITIES,
    ORG_HEADS,
    PLACE_NOUNS,
    PLACE_PREPS,
    POLITICAL_NOUNS,
    POLITICAL_VERBS,
    STATE_OF_NOUNS,
    STATE_OWNED,
    STATE_OWNED_WEAK,
    STATE_PREMODIFIERS,
    TITLE_HEADS,
    TITLE_MODIFIERS,
)

NOT_STATE_WORDS: set[str] = set(_TITLES["not_state_words"])
DATELINE_LABELS: set[str] = set(_TITLES["dateline_labels"])
_LOCAL_RULES = {
    "state context",
    "place context",
    "dateline",
    "dateline region",
    "unlisted nationality",
    # rules that add or retype a mention NER missed or mistyped
    "known organisation",
    "known state",
    "name after an organisation noun",
    "acronym in apposition",
    "acronym before its spelled-out name",
    "name + natural feature",
    "name of a force",
}


@dataclass(slots=True)
class _Local:
    """What the article itself teaches about names no lexicon lists."""

    states: dict[str, str] = field(default_factory=dict)  # lower form -> the state's name
    places: set[str] = field(default_factory=set)  # lower forms read as places, not known as states
    adjs: dict[str, str] = field(default_factory=dict)  # lower nationality word -> the state's name
    capitals: dict[str, str] = field(default_factory=dict)  # lower capital -> the state's name
    occurrences: list[tuple[int, int, str]] = field(default_factory=list)  # token bounds, label
    city: tuple[int, int] | None = None  # token bounds of the dateline city
    region: tuple[int, int] | None = None  # token bounds of the dateline's state or region


def _dateline_bounds(doc: Doc) -> tuple[tuple[int, int] | None, tuple[int, int] | None]:
    """Token bounds of the city and of the region of a dateline opening the article."""
    text = doc_text(doc)
    hit = None
    pos = 0
    for line in text.split("\n"):  # one of the first three lines (a photo caption may come first)
        if line.strip():
            hit = _DATELINE_RE.match(text, pos + len(line) - len(line.lstrip()))
            if hit is not None or text[:pos].count("\n") > 6:
                break
        pos += len(line) + 1
    if hit is None or sum(c.isalpha() for c in hit.group("city")) < 3:
        return None, None
    if hit.group("city").lower() in DATELINE_LABELS:
        return None, None  # 'BREAKING —'

    city = doc.char_span(*hit.span("city"), alignment_mode="expand")
    region = doc.char_span(*hit.span("region"), alignment_mode="expand") if hit.group("region") else None
    if city is None:
        return None, None
    return (city.start, city.end), ((region.start, region.end) if region is not None else None)


def _titlecase(name: str) -> str:
    """'GAZA CITY' -> 'Gaza City', 'AL-HASAKAH' -> 'Al-Hasakah'."""
    return " ".join("-".join(p.capitalize() for p in w.split("-")) for w in name.split())


# what ``_not_a_state_name`` asks of the lexicons, as one set each (the lexicons never change;
# what an article teaches lives in the overlays' ``local`` maps, asked apart)
_LISTED_FORMS = frozenset(
    {
        *dict.keys(COUNTRY_OF_NAME),
        *dict.keys(COUNTRY_OF_ADJ),
        *dict.keys(COUNTRY_OF_CAPITAL),
        *lexicons.nationality_map(),
        *NOT_ENTITIES,
        *_NOT_NAMES,
        *GROUP_NAMES,
    }
)
_NO_STATE_WORDS = frozenset(ORG_HEADS | GROUP_HEADS | NOT_STATE_WORDS)
_NO_STATE_ALONE = frozenset({*TITLE_HEADS, *TITLE_MODIFIERS, *POLITICAL_NOUNS})


def _not_a_state_name(low: str) -> bool:
    words = low.split()
    return (
        low in _LISTED_FORMS
        or not _NO_STATE_WORDS.isdisjoint(words)
        or (len(words) == 1 and low in _NO_STATE_ALONE)
        or any(low in getattr(o._tls, "map", _NO_LOCAL) for o in _OVERLAYS)  # what the article taught
    )


def _name_candidates(
    doc: Doc, local: _Local, pieces: list[_Piece], credits: list[tuple[int, int]], capitalised: list[int]
) -> tuple[dict[str, list[Span]], set[str]]:
    """Unlisted capitalised names (NER's spans and untagged proper nouns), by lower form, and the
    lower words of person names (after a title, or a full name NER tagged PERSON). Names in
    credits and bylines teach nothing; 'A, B and C' NER ran together are three names."""
    person_words: set[str] = set()
    spans: list[Span] = []
    lowers = token_lowers(doc)
    for p in pieces:
        if p.title or (p.label == "PERSON" and p.end - p.start > 1):
            person_words.update(lowers[p.start : p.end])
            continue
        spans.append(Span(doc, p.start, p.end))
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    pos = token_pos_dep(doc)[0]
    for i in capitalised:
        if pos[i] != "PROPN" or i in taken:
            continue
        t = doc[i]
        if not t.ent_type_ and not _inside(t.idx, t.idx + len(t), credits):
            spans.append(Span(doc, i, i + 1))
    if local.region is not None and not any((sp.start, sp.end) == local.region for sp in spans):
        spans.append(doc[local.region[0] : local.region[1]])
    out: dict[str, list[Span]] = {}
    text = doc_text(doc)
    texts = [text[sp.start_char : sp.end_char] for sp in spans]  # ``sp.text``, joined once each
    kinds = [sp.root.ent_type_ for sp in spans]
    loc = {x.lower() for x, k in zip(texts, kinds, strict=True) if k in ("LOC", "FAC")}
    loc -= {x.lower() for x, k in zip(texts, kinds, strict=True) if k not in ("LOC", "FAC", "")}
    not_state = functools.cache(_not_a_state_name)  # asked once per form in this article
    for sp, sp_text in zip(spans, texts, strict=True):
        low = sp_text.lower()
        if low in loc:
            continue  # a continent, sea or region NER already reads as a place ('Europe', 'Red Sea')
        if local.city is not None and sp.start < local.city[1] and sp.end > local.city[0]:
            continue
        if sp_text.isupper() or not sp_text[:1].isupper() or low in person_words:
            continue
        if not_state(low):
            continue
        out.setdefault(low, []).append(sp)
    return out, person_words


def _evidence(
    doc: Doc, lowers: list[str], sp: Span, root: Token, local: _Local
) -> tuple[int, int, list[str], list[str]]:
    """(state points, place points) one occurrence of a name (``root``: its root) earns from its
    context, less a place point for each of the two lists of lower-case words that follow when one
    of them is a known state or place: its conjuncts ('X and Y agreed') and its co-arguments ('X
    accused Y')."""
    state = place = 0
    start, end = sp.start, sp.end
    nxt = lowers[end] if end < len(doc) else None
    if (start, end) == local.region:
        state += 2  # 'ARDEN, Lormark (Reuters) -'
    if nxt in ("'s", "’s", "'"):
        for t in doc[end + 1 : end + 4]:  # "X's defence ministry", "X's president"
            if t.lower_ in STATE_OWNED or t.lemma_.lower() in STATE_OWNED:
                state += 3
                break
            if t.lower_ in STATE_OWNED_WEAK or t.lemma_.lower() in STATE_OWNED_WEAK:
                state += 2
                break
            if t.pos_ not in ("ADJ", "NOUN", "PROPN") or not t.is_alpha:
                break
    elif nxt in GOV_WORDS:  # 'the X government', 'X authorities'
        state += 1 if root.ent_type_ == "PERSON" else 2
    if start and lowers[start - 1] in STATE_PREMODIFIERS:  # 'neighbouring X'
        state += 2
    base = _list_head(root)  # 'the villages of A, B and C': B and C read as A does
    if base.dep_ == "pobj" and base.head.lower_ == "of":
        owner = base.head.head
        if owner.lemma_.lower() in STATE_OF_NOUNS or owner.lower_ in STATE_OF_NOUNS:
            state += 2  # 'the president of X'
        elif owner.lower_ in PLACE_NOUNS or owner.lemma_.lower() in PLACE_NOUNS:
            place += 2  # 'the town of X', 'the villages of X, Y and Z'
    if base.dep_ == "pobj" and base.head.lower_ in PLACE_PREPS:
        place += 1  # 'in X'
    if any(c.dep_ == "appos" and c.lemma_.lower() in PLACE_NOUNS for c in root.children):
        place += 2  # 'X, the regional capital'
    if _modifies_place_noun(base):
        place += 2  # 'the X and Y regions'
    if (root.dep_ == "appos" and root.head.lower_ in PLACE_NOUNS) or (
        start >= 3
        and lowers[start - 1] == ","
        and lowers[start - 2] in PLACE_NOUNS
        and doc[start - 3].is_lower
    ):
        place += 2  # 'the capital, X'
    conjuncts = [c.lower_ for c in root.conjuncts]  # 'X and Y agreed', Y a state
    others: list[str] = []
    head = root.head
    if root.dep_ in ("nsubj", "dobj") and head.lemma_.lower() in POLITICAL_VERBS:
        # 'X accused Y of ...', Y a state
        others = [c.lower_ for c in head.children if c.dep_ in ("nsubj", "dobj") and c.i != root.i]
    return state, place, conjuncts, others


@dataclass(slots=True)
class _Clues:
    """What a candidate name's occurrences say, worked out once for both passes of ``_learn_local``."""

    evidence: list[tuple[int, int, list[str], list[str]]]  # ``_evidence`` of each occurrence
    org: bool  # a word the model knows, read by NER only as an organisation
    org_name: bool  # a name of several words NER once read as an organisation
    ner_place: bool  # NER read it as a LOC or FAC somewhere

    @classmethod
    def of(cls, doc: Doc, low: str, sps: list[Span], local: _Local) -> _Clues:
        lowers = token_lowers(doc)
        roots = [sp.root for sp in sps]
        return cls(
            [_evidence(doc, lowers, sp, r, local) for sp, r in zip(sps, roots, strict=True)],
            all(r.ent_type_ == "ORG" and r.has_vector for r in roots),
            " " in low and any(r.ent_type_ == "ORG" for r in roots),
            any(r.ent_type_ in ("LOC", "FAC") for r in roots),
        )


def _modifies_place_noun(tok: Token) -> bool:
    """'Belgorod' in 'the Belgorod and Kursk regions': a name modifying a lower-case place noun."""
    if tok.dep_ not in ("compound", "nmod"):
        return False  # the cheap test first: most names modify nothing
    head = tok.head
    return head.i > tok.i and head.is_lower and head.lemma_.lower() in PLACE_NOUNS


def _list_head(tok: Token) -> Token:
    """The first item of the list ``tok`` is in ('A' for 'C' in 'A, B and C'), else ``tok``."""
    seen = 0
    while tok.dep_ == "conj" and tok.head.i != tok.i and seen < 20:
        tok = tok.head
        seen += 1
    return tok


def _demonym_of_name(word: str, place: str) -> bool:
    """'calveran' ~ 'calvera', 'tessarian' ~ 'tessary', 'lormarki' ~ 'lormark', 'qarabelis' ~
    'qarabel': a nationality ending on the place name's stem, less at most two final letters."""
    if word == place or " " in place or word.rstrip("s") == place or len(place) < 4:
        return False
    n = 0
    while n < min(len(word), len(place)) and word[n] == place[n]:
        n += 1
    rest_w, rest_p = word[n:], place[n:]
    if n < max(4, len(place) - 2) or not 0 < len(rest_w) <= 4 or len(rest_p) > 2:
        return False
    return any(word.endswith(s) and len(s) >= len(rest_w) - 1 for s in DEMONYM_SUFFIXES)


def _inside_name(t: Token) -> bool:
    """'European' in 'European Union': a word inside a longer name, unless the rest of it is a
    generic institution ('Calveran Defence Ministry')."""
    ent = ent_of(t)
    if ent is None or len(ent) == 1 or ent.label_ == "NORP":
        return False
    rest = " ".join(w.lower_ for w in ent if w.i != t.i and w.lower_ != "the")
    return rest not in GENERIC_INST


def _person_of_a_people(sp: Span) -> bool:
    """'a Kurd', 'the Druze', 'Kurds': a NORP noun counted or in the plural names people, not a place."""
    root = sp.root
    return root.ent_type_ == "NORP" and (
        (root.tag_ in ("NNS", "NNPS") and root.lower_.endswith("s"))
        or any(c.dep_ == "det" for c in root.children)
    )


def _capitalised(doc: Doc) -> list[int]:
    """Indices of the title-case alphabetic tokens ('Kyiv', not 'KYIV' or 'Al-Hasakah'), read off
    the doc's arrays in one go."""
    flags = doc.to_array([IS_TITLE, IS_ALPHA])
    return numpy.flatnonzero(flags[:, 0] & flags[:, 1]).tolist()


def _learn_local(doc: Doc, pieces: list[_Piece], credits: list[tuple[int, int]]) -> _Local:
    """States, places and nationality words the article's own repeated evidence shows."""
    local = _Local()
    local.city, local.region = _dateline_bounds(doc)
    capitalised = _capitalised(doc)
    cands, person_words = _name_candidates(doc, local, pieces, credits, capitalised)
    # nationality words: a capitalised word ending like one whose stem is a name in the article
    singles = {  # a member of a people ('a Kurd', 'Kurds') is no place to hang a nationality on
        low: sps
        for low, sps in cands.items()
        if " " not in low and not any(_person_of_a_people(sp) for sp in sps)
    }
    by_stem: dict[str, list[str]] = {}  # a demonym shares its place's first four letters
    for low in singles:
        by_stem.setdefault(low[:4], []).append(low)
    lowers = token_lowers(doc)
    for i in capitalised:
        low = lowers[i]
        stems = by_stem.get(low[:4])
        if stems is None or low in COUNTRY_OF_ADJ or low in COUNTRY_OF_NAME or low in person_words:
            continue
        t = doc[i]
        if (t.ent_type_ == "PERSON" and t.ent_iob_ == "I") or _inside_name(t):
            continue
        homes = [p for p in stems if _demonym_of_name(low, p)]
        if homes:
            home = max(homes, key=len)
            name = singles[home][0].text
            local.states[home] = name
            local.adjs[low] = name
            local.occurrences.append((t.i, t.i + 1, "NORP"))
    known = {*COUNTRY_OF_NAME.keys(), *local.states}
    clues: dict[str, _Clues] = {}
    for _ in range(2):  # the second pass lets 'X and Y' use states found in the first
        for low, sps in cands.items():
            if low in local.adjs or low in local.states:
                continue
            c = clues.get(low) or clues.setdefault(low, _Clues.of(doc, low, sps, local))
            state = place = 0
            for s, p, conjuncts, others in c.evidence:
                p += any(w in known for w in conjuncts) + any(w in known for w in others)
                state, place = state + s, place + p
            # a word the model knows (it has a vector) that NER reads only as an organisation needs
            # more ('Microsoft's president'); on a name it has never seen, NER's label is a guess
            if state >= (4 if c.org_name else 2) and (not c.org or state + place >= 3):
                local.states[low] = sps[0].text
                local.places.discard(low)
            elif state + place >= (3 if c.org else 2) and not c.ner_place:
                local.places.add(low)  # NER's LOC and FAC are places already
        known |= set(local.states) | local.places
    text = doc_text(doc)
    capital = "capital" in lowers  # without the word no name is said to be a capital
    for low, sps in cands.items():
        state = next(
            (st for sp in sps if capital and (st := _capital_of(sp, local, text, lowers)) is not None), None
        )
        if state is not None and low not in local.states:
            local.capitals[low] = state
            local.places.add(low)
        if low in local.states or low in local.places:
            local.occurrences += [(sp.start, sp.end, "GPE") for sp in sps]
    return local


def _capital_of(sp: Span, local: _Local, text: str, lowers: list[str]) -> str | None:
    """The state whose capital ``sp`` is said to be: 'Z, the capital of Y', "Y's capital, Z",
    'the Yan capital Z', 'in Z, the Yan capital,' (``text`` and ``lowers``: the doc's)."""
    doc = sp.doc
    name = text[sp.start_char : sp.end_char].lower()  # ``sp.text``
    if name in local.adjs or name in local.states:
        return None
    root = sp.root
    caps = [c for c in root.children if c.dep_ in ("appos", "compound") and c.lower_ == "capital"]
    if root.dep_ == "appos" and root.head.lower_ == "capital":
        caps.append(root.head)
    e = sp.end
    # the parse often misses the apposition: read the five words after the name
    if e + 3 <= len(doc) and lowers[e] == "," and lowers[e + 1] == "the":
        caps += [doc[i] for i in range(e + 2, min(e + 5, len(doc))) if lowers[i] == "capital"][:1]
    owners: list[Token] = []
    for cap in caps:
        owners += [c for c in cap.children if c.dep_ in ("poss", "amod", "compound") and c.i < cap.i]
        owners += [o for p in cap.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
        owners += [t for t in doc[max(0, cap.i - 2) : cap.i] if t.is_title]
        if cap.i + 2 < len(doc) and doc[cap.i + 1].lower_ == "of":
            owners.append(doc[cap.i + 2])
    for o in owners:
        low = o.lower_
        state = (
            local.states.get(low)
            or local.adjs.get(low)
            or dict.get(COUNTRY_OF_NAME, low)
            or dict.get(COUNTRY_OF_ADJ, low)
        )
        if state is not None:
            return state
    return None


def _titled_apposition(doc: Doc, m: _Mention, appos: set[int]) -> bool:
    """'X, the foreign minister of Y' / 'a spokeswoman for Y, X': a name in apposition with a
    title noun names a person (``appos``: the doc's ``_appos_tokens``)."""
    if appos.isdisjoint(range(m.tok, m.tok_end)):
        return False
    root = doc[m.tok : m.tok_end].root
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ == "appos":
        nouns.append(root.head)
    return any(
        n.pos_ == "NOUN" and n.is_lower and (n.lower_ in TITLE_HEADS or n.lemma_.lower() in TITLE_HEADS)
        for n in nouns
    )


def _apply_local(doc: Doc, ms: list[_Mention], local: _Local, appos: set[int]) -> list[_Mention]:
    """Retype mentions by what the article taught, add the occurrences NER missed, and make the
    dateline's city and region places."""
    fixed: list[_Mention] = []
    text = doc_text(doc)
    for bounds, via in ((local.city, "dateline"), (local.region, "dateline region")):
        if bounds is None:
            continue
        ms = [m for m in ms if m.tok_end <= bounds[0] or m.tok >= bounds[1]]
        m = _make_mention(doc, text, bounds[0], bounds[1], "GPE", via)
        if m is not None:
            fixed.append(m)
    not_state = functools.cache(_not_a_state_name)  # asked once per form in this article
    for m in ms:
        low = m.text.lower()
        if low in local.adjs and m.via != "title":
            m.label, m.via = "NORP", "unlisted nationality"
        elif low in local.states or (low in local.places and m.label not in ("LOC", "FAC")):
            m.label, m.via = "GPE", "state context" if low in local.states else "place context"
        elif m.label != "PERSON" and not not_state(low) and _titled_apposition(doc, m, appos):
            m.label, m.via = "PERSON", "title"  # 'Tomasz Lerch, the foreign minister of X'
    ms = ms + fixed
    taken = {i for m in ms for i in range(m.tok, m.tok_end)}
    for s, e, label in local.occurrences:
        if any(i in taken for i in range(s, e)):
            continue
        via = "unlisted nationality" if label == "NORP" else "state context"
        m = _make_mention(doc, text, s, e, label, via)
        if m is not None:
            ms.append(m)
            taken |= set(range(s, e))
    return ms
