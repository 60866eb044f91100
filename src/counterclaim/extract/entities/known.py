"""Mentions NER missed, cut or mistyped, found by lexicon or by their frame (generic
institutions, known groups, organisations and states, a name after an organisation noun, acronyms
in apposition, natural features, later occurrences of a name), and the mentions that name no party
(credits, time zones, 'X-type' kinds, news wires and the outlet, a capitalised common word opening
a sentence)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc, Token

from ...nlp import doc_text, token_lowers, token_pos_dep
from ...records import Context
from .component import _particle_joined
from .mentions import _Mention
from .noise import _inside
from .words import (
    _GROUP_RE,
    _INST_BY_FIRST,
    _NOT_NAMES,
    _ORG_RE,
    _PARTICLES,
    _STATE_RE,
    ARMED_WORDS,
    COUNTRY_OF_ADJ,
    COUNTRY_OF_CAPITAL,
    COUNTRY_OF_NAME,
    GEO_FEATURES,
    GROUP_HEADS,
    GROUP_NAMES,
    KIND_SUFFIXES,
    NOT_ENTITIES,
    ORG_HEADS,
    ORG_NOUNS,
    TIME_ZONES,
    WIRE_AGENCIES,
    _norm_key,
)


def _institution_mentions(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """Generic institutions NER does not tag: 'Israeli military', "Sudan's army", 'the army'."""
    taken = {i for m in ms if m.label in ("ORG", "FAC") for i in range(m.tok, m.tok_end)}
    out: list[_Mention] = []
    lowers = token_lowers(doc)
    i = 0
    # only where an institution's first word stands; a hit skips its words
    for first in [k for k, w in enumerate(lowers) if w in _INST_BY_FIRST]:
        if first < i:
            continue
        i = first
        hit = None
        for phrase in _INST_BY_FIRST[lowers[i]]:  # longest first
            n = len(phrase)
            if i + n <= len(doc) and all(lowers[i + k] == phrase[k] for k in range(n)):
                hit = n
                break
        if hit is None or any(j in taken for j in range(i, i + hit)):
            i += 1
            continue
        last = doc[i + hit - 1]
        if last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i:
            i += hit
            continue  # 'military correspondents': a modifier, not the institution
        prev = doc[i - 1] if i else None
        qualified = prev is not None and (prev.lower_ in COUNTRY_OF_ADJ or prev.lower_ in ("'s", "’s"))
        if qualified or (prev is not None and prev.lower_ == "the"):
            end = doc[i + hit - 1].idx + len(doc[i + hit - 1].text)
            out.append(
                _Mention(doc[i].idx, end, doc_text(doc)[doc[i].idx : end], "ORG", i, i + hit, "institution")
            )
        i += hit
    return ms + out


def _known_groups(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """Armed groups known by name ('Islamic State', 'Hamas') wherever NER missed or mistyped them."""
    out = list(ms)
    for hit in _GROUP_RE.finditer(doc_text(doc)):
        s, e = hit.span()
        longer = _longer_name(doc_text(doc), s, e)
        if longer != e:  # 'Islamic State West Africa Province (ISWAP)': the acronym names it too
            acr = _LONGER_RE.match(doc_text(doc), e).group("acr")  # type: ignore[union-attr]
            out += _occurrences(doc, out, acr, "ORG", "acronym of a known group")
        out = _put_known(doc, out, s, longer, "known armed group")
    return out


def _put_known(doc: Doc, ms: list[_Mention], s: int, e: int, why: str) -> list[_Mention]:
    """``ms`` with an ORG mention at [s, e) of a name from a known-names lexicon: left out when an
    ORG or GROUP mention already covers it (a longer name is kept), else replacing every mention
    it overlaps."""
    span = doc.char_span(s, e)
    if span is None:
        return ms
    clash = [m for m in ms if not (e <= m.start or s >= m.end)]
    if any(m.start <= s and m.end >= e and m.label in ("ORG", "GROUP") for m in clash):
        return ms
    kept = [m for m in ms if m not in clash]
    return [*kept, _Mention(s, e, doc_text(doc)[s:e], "ORG", span.start, span.end, why)]


def _occurrences(doc: Doc, ms: list[_Mention], form: str, label: str, via: str) -> list[_Mention]:
    """New mentions for every whole-word occurrence of ``form`` that no mention covers."""
    out: list[_Mention] = []
    for hit in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", doc_text(doc)):
        s, e = hit.span()
        span = doc.char_span(s, e)
        if span is None or any(not (e <= m.start or s >= m.end) for m in [*ms, *out]):
            continue
        out.append(_Mention(s, e, form, label, span.start, span.end, via))
    return out


_LONGER_RE = re.compile(r"((?:[ \t]+[A-Z][\w'’-]*){1,5})[ \t]*\((?P<acr>[A-Z]{2,8})\)")


def _longer_name(text: str, s: int, e: int) -> int:
    """End of the longer name a known name opens, when an acronym in brackets spells it:
    'Islamic State West Africa Province (ISWAP)'; else ``e``."""
    hit = _LONGER_RE.match(text, e)
    if hit is None:
        return e
    words = re.findall(r"[\w'’-]+", text[s : hit.end(1)])
    initials = "".join(w[0] for w in words if w[:1].isupper())
    return hit.end(1) if initials == hit.group("acr") else e


def _known_organisations(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """International organisations known by name ('Médecins Sans Frontières', 'OSCE') wherever NER
    missed, cut or mistyped them; a longer name already found is kept."""
    out = list(ms)
    for hit in _ORG_RE.finditer(doc_text(doc)):
        out = _put_known(doc, out, *hit.span(), "known organisation")
    return out


def _named_by_org_noun(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """'state news agency Tasnim', 'the broadcaster KTV', 'the militia group Fano', 'the terrorist
    group al-Shabaab': a name written right after a lower-case organisation noun names that
    organisation, whatever NER said."""
    out = list(ms)
    pos = token_pos_dep(doc)[0]
    lowers = token_lowers(doc)
    # where a noun is followed by a proper noun or a particle ('al-Shabaab'): the cheap tests first
    after_nouns = [
        i
        for i, (p, q, low) in enumerate(zip(pos, pos[1:], lowers[1:], strict=False), 1)
        if p == "NOUN" and (q == "PROPN" or low in _PARTICLES)
    ]
    for i in after_nouns:
        prev = doc[i - 1]
        if not (prev.is_lower and prev.lemma_.lower() in ORG_NOUNS):
            continue
        t = doc[i]
        particle = _particle_joined(doc, t.i)
        if not particle and (
            not (t.is_alpha and t.text[:1].isupper() and t.pos_ == "PROPN") or t.lower_ in _NOT_NAMES
        ):
            continue
        k = t.i + (3 if particle else 1)
        while k < len(doc) and k - t.i < 4 and doc[k].pos_ == "PROPN" and doc[k].text[:1].isupper():
            k += 1
        e = doc[k - 1].idx + len(doc[k - 1].text)
        text = doc_text(doc)[t.idx : e]
        low = text.lower()
        if any(low in known for known in (COUNTRY_OF_NAME, COUNTRY_OF_ADJ, COUNTRY_OF_CAPITAL, NOT_ENTITIES)):
            continue
        clash = [m for m in out if not (e <= m.start or t.idx >= m.end)]
        if any(m.label in ("ORG", "GROUP") or m.via == "title" for m in clash):
            continue
        out = [m for m in out if m not in clash]
        armed = prev.lower_ in ARMED_WORDS or any(
            c.dep_ in ("amod", "compound") and c.lower_ in ARMED_WORDS for c in prev.children
        )
        label = "GROUP" if armed else "ORG"
        out.append(_Mention(t.idx, e, text, label, t.i, k, "name after an organisation noun"))
    named = {_norm_key(m.text): m.label for m in out if m.via == "name after an organisation noun"}
    for m in out:
        if m.label == "PERSON" and _norm_key(m.text) in named:
            # 'the group al-Shabaab ... Al-Shabaab claimed': the same organisation
            m.label = named[_norm_key(m.text)]
    return out


def _acronym_appositions(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """'the U.N. peacekeeping mission, MINUSMA, left': an all-capital word set off by commas right
    after an organisation is that organisation's acronym, and so is one right before its name in
    brackets ('the ELN (National Liberation Army)'); NER often leaves such words untagged."""
    taken = {i for m in ms for i in range(m.tok, m.tok_end)}
    out = list(ms)
    for m in ms:
        k = m.tok_end
        if m.label != "ORG" or k + 2 >= len(doc) or doc[k].text != ",":
            continue
        t = doc[k + 1]
        if t.i in taken or not (t.is_alpha and t.is_upper and len(t) >= 3) or t.text in TIME_ZONES:
            continue
        if doc[k + 2].text not in (",", ".", ")", ";") or t.lower_ in COUNTRY_OF_NAME:
            continue
        out.append(_Mention(t.idx, t.idx + len(t), t.text, "ORG", t.i, t.i + 1, "acronym in apposition"))
    for m in ms:  # 'the ELN (National Liberation Army)': the acronym its spelled-out name follows
        k = m.tok
        if m.label != "ORG" or k < 2 or doc[k - 1].text != "(" or m.tok_end >= len(doc):
            continue
        t = doc[k - 2]
        if doc[m.tok_end].text != ")" or t.i in taken or not (t.is_alpha and t.is_upper and len(t) >= 2):
            continue
        if t.text in TIME_ZONES or t.lower_ in COUNTRY_OF_NAME:
            continue
        out += _occurrences(doc, out, t.text, "ORG", "acronym before its spelled-out name")
    return out


def _natural_features(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """'the Bab el-Mandeb strait', 'the Nuba mountains': capitalised words right before a
    lower-case natural-feature noun name a place (LOC), whatever NER made of them."""
    out = list(ms)
    for i in [i for i, low in enumerate(token_lowers(doc)) if low in GEO_FEATURES and i]:
        t = doc[i]
        if not t.is_lower:
            continue
        j = t.i
        while j > 0 and t.i - j < 5:
            prev = doc[j - 1]
            if prev.is_alpha and prev.text[:1].isupper() and not prev.is_sent_start:
                j -= 1
            elif prev.text == "-" and j >= 2 and not prev.whitespace_ and not doc[j - 2].whitespace_:
                j -= 2  # 'el-Mandeb'
            elif prev.lower_ in ("al", "el") and j < t.i:
                j -= 1
            else:
                break
        while j < t.i and not doc[j].text[:1].isupper():
            j += 1
        if j == t.i:
            continue
        s, e = doc[j].idx, doc[t.i - 1].idx + len(doc[t.i - 1].text)
        text = doc_text(doc)[s:e]
        if text.lower() in COUNTRY_OF_NAME or text.lower() in COUNTRY_OF_ADJ:
            continue  # 'the Niger river' is named for its state; 'Yemeni coast' is the state's
        clash = [m for m in out if not (e <= m.start or s >= m.end)]
        if any(m.start < s or m.end > e or m.label in ("PERSON", "ORG", "GROUP") for m in clash):
            continue
        out = [m for m in out if m not in clash]
        out.append(_Mention(s, e, text, "LOC", j, t.i, "name + natural feature"))
    return out


def _known_states(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """States the country lexicon names, wherever NER missed or cut them ('Burkina' of 'Burkina
    Faso'); a name inside a longer capitalised name ('Lake Chad', 'Jordan Bardella') is left alone."""
    out = list(ms)
    bounds = {(m.start, m.end) for m in out}  # a mention there already covers the name: the cheap test
    for hit in _STATE_RE.finditer(doc_text(doc)):
        s, e = hit.span()
        if (s, e) in bounds:
            continue
        span = doc.char_span(s, e)
        if span is None:
            continue
        before = doc[span.start - 1] if span.start else None
        after = doc[span.end] if span.end < len(doc) else None
        if _name_word(before) or _name_word(after):
            continue
        clash = [m for m in out if not (e <= m.start or s >= m.end)]
        if any(m.start <= s and m.end >= e for m in clash) or any(m.label == "PERSON" for m in clash):
            continue
        out = [m for m in out if m not in clash]
        out.append(_Mention(s, e, hit.group(0), "GPE", span.start, span.end, "known state"))
        bounds = {(m.start, m.end) for m in out}
    return out


def _name_word(t: Token | None) -> bool:
    """A capitalised word that is not capitalised only for opening its sentence."""
    return t is not None and t.is_alpha and t.text[:1].isupper() and not t.is_sent_start


_COMMON_TAGS = {"NN", "NNS", "VBG", "VBN", "RB"}


def _drop_capitalised_common_words(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """'Ceasefire talks collapsed', 'Aid Workers described chaos': a sentence's first word is
    capitalised whatever it is; when the tagger reads it as a common noun (or a verb form or
    adverb) and the form never appears capitalised elsewhere, NER's name is no name. Lexicon
    names (states, nationality words, known groups and organisations) are kept."""
    inside: dict[str, int] = Counter(m.text for m in ms if not doc[m.tok].is_sent_start)
    out: list[_Mention] = []
    for m in ms:
        first = doc[m.tok]
        low = m.text.lower()
        common = (
            first.is_sent_start
            and first.tag_ in _COMMON_TAGS
            and m.label in ("PERSON", "ORG", "GPE", "LOC", "FAC")
            and m.via in ("ner", "title", "found again", "name + facility noun", "ner + org noun")
            and not inside[m.text]
            and low not in COUNTRY_OF_NAME
            and low not in COUNTRY_OF_CAPITAL
            and low not in GROUP_NAMES
            and not any(w in ORG_HEADS or w in GROUP_HEADS for w in low.split()[1:])
        )
        if not common:
            out.append(m)
    return out


def _reporter(m: _Mention, ctx: Context) -> bool:
    """A news wire ('told Reuters', 'AFP reported') or the outlet itself: who reports the story,
    not a party to it."""
    if m.label == "PERSON":
        return False
    if m.text.lower() in WIRE_AGENCIES:
        return True
    outlet = _norm_key(ctx.article.outlet or "")
    return bool(outlet) and _norm_key(m.text) == outlet


def _noise_mention(doc: Doc, lowers: list[str], m: _Mention, credits: list[tuple[int, int]]) -> bool:
    """A mention that names no party: inside a credit or byline, a time zone ('14:02 GMT'), or a
    name made a kind of thing by a hyphen ('Shahed-type drone'); ``lowers``: the doc's
    ``token_lowers``."""
    if _inside(m.start, m.end, credits) or m.text in TIME_ZONES:
        return True
    k = m.tok_end
    return (
        m.label != "NORP"
        and k + 1 < len(doc)
        and lowers[k] == "-"
        and not doc[k - 1].whitespace_
        and doc[k + 1].lower_ in KIND_SUFFIXES
    )


def _find_again(doc: Doc, ms: list[_Mention]) -> list[_Mention]:
    """Occurrences of known PERSON names and surnames that NER left untagged."""
    text = doc_text(doc)
    taken = [(m.start, m.end) for m in ms]
    forms: dict[str, str] = {}
    for m in ms:
        if m.label == "PERSON":
            forms[m.text] = "PERSON"
            parts = m.text.split()
            if len(parts) > 1 and len(parts[-1]) > 3:
                forms.setdefault(parts[-1], "PERSON")
        elif m.label in ("ORG", "GPE", "LOC", "FAC") and len(m.text) > 3:
            forms.setdefault(m.text, m.label)
    extra: list[_Mention] = []
    # a mask of taken characters (the mentions, and each new hit as it is found): one lookup per
    # hit instead of a scan of every taken span
    mask = bytearray(len(text))
    for a, b in taken:
        mask[a:b] = b"\x01" * (b - a)
    for form, label in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        for s, e in _whole_word_hits(text, form):
            if mask.find(1, s, e) >= 0:
                continue
            span = doc.char_span(s, e)
            if span is None:
                continue
            mask[s:e] = b"\x01" * (e - s)
            extra.append(_Mention(s, e, form, label, span.start, span.end, "found again"))
    return ms + extra


def _word_char(c: str) -> bool:
    """What a regular expression's ``[\\w-]`` matches: a letter, digit, underscore or hyphen."""
    return c.isalnum() or c in "_-"


def _whole_word_hits(text: str, form: str) -> Iterator[tuple[int, int]]:
    """Where ``form`` occurs in ``text`` not inside a longer word or hyphenated name, left to
    right without overlaps: the spans of ``re.finditer(rf"(?<![\\w-]){re.escape(form)}(?![\\w-])",
    text)``, found with ``str.find`` (no pattern to compile per name, no regex scan)."""
    if not form:
        return
    n, end = len(form), len(text)
    i = text.find(form)
    while i >= 0:
        e = i + n
        if (i == 0 or not _word_char(text[i - 1])) and (e == end or not _word_char(text[e])):
            yield i, e
            i = text.find(form, e)
        else:
            i = text.find(form, i + 1)
