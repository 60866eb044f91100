"""Mentions grouped into one cluster per entity: persons by full name, surname and close
spelling; other names by their normalised form; generic institutions by the state qualifying them."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz
from spacy.tokens import Doc

from ...nlp import doc_text
from .local import _LOCAL_RULES
from .mentions import _Mention
from .retype import _strip_al
from .words import COUNTRY_OF_ADJ, COUNTRY_OF_NAME, GENERIC_INST, _norm_key


@dataclass(slots=True)
class _Cluster:
    label: str
    mentions: list[_Mention] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    country: str | None = None
    inst: str | None = None  # generic institution key
    descriptors: list[str] = field(default_factory=list)
    affiliation: str | None = None
    gender_votes: Counter = field(default_factory=Counter)

    def forms(self) -> list[str]:
        return list(dict.fromkeys([m.text for m in self.mentions]))

    def last_pos(self, before: int) -> int:
        return max((m.start for m in self.mentions if m.start < before), default=-1)


def _same_person(a: str, b: str) -> bool:
    """Two full names for one person: same length, first names alike, surnames alike."""
    ta, tb = a.lower().split(), b.lower().split()
    if ta == tb:
        return True
    if len(ta) != len(tb):
        short, long_ = (ta, tb) if len(ta) < len(tb) else (tb, ta)
        # 'Mohammed al-Golani' within 'Abu Mohammed al-Golani'
        return len(short) >= 2 and long_[-len(short) :] == short
    if fuzz.ratio(_strip_al(ta[-1]), _strip_al(tb[-1])) < 85:
        return False
    return all(fuzz.ratio(x, y) >= 75 for x, y in zip(ta[:-1], tb[:-1], strict=True))


def _person_clusters(ms: list[_Mention]) -> list[_Cluster]:
    persons = sorted((m for m in ms if m.label == "PERSON"), key=lambda m: (-len(m.text.split()), m.start))
    clusters: list[_Cluster] = []
    full: list[tuple[_Cluster, str, list[str]]] = []  # the clusters opened by a full name, its words
    for m in persons:
        toks = m.text.split()
        if len(toks) > 1:
            home = next((c for c, name, _ in full if _same_person(name, m.text)), None)
            if home is None:
                clusters.append(_Cluster("PERSON", [m], ["ner/title full name"]))
                full.append((clusters[-1], m.text, toks))
            else:
                home.mentions.append(m)
                if m.text not in home.forms()[:-1]:
                    home.reasons.append("spelling variant")
            continue
        low = _strip_al(m.text)
        cands = [c for c, _, words in full if fuzz.ratio(low, _strip_al(words[-1])) >= 85]
        if not cands:
            cands = [c for c, _, words in full if words[0].lower() == m.text.lower()]
        if not cands:
            cands = [c for c in clusters if c.mentions[0].text.lower() == m.text.lower()]
        if not cands:
            clusters.append(_Cluster("PERSON", [m], ["ner/title single name"]))
            continue
        # several people share the name: the one mentioned last before it
        home = max(cands, key=lambda c: (c.last_pos(m.start), -c.mentions[0].start))
        home.mentions.append(m)
        surname = home.mentions[0].text.split()[-1].lower()
        home.reasons.append("surname after full name" if m.text.lower() == surname else "name variant")
    return clusters


def _institution(doc: Doc, m: _Mention) -> tuple[str | None, str | None, int]:
    """(institution key, qualifying country, new first token) for a generic institution mention."""
    words = m.text.split()
    low = m.text.lower()
    country = None
    rest = " ".join(w.lower() for w in words[1:])
    if words and words[0].lower() in COUNTRY_OF_ADJ and rest in GENERIC_INST:
        return rest, COUNTRY_OF_ADJ[words[0].lower()], m.tok
    head, of, tail = low.rpartition(" of ")
    if of and head in GENERIC_INST and tail in COUNTRY_OF_NAME:  # 'Security Service of Ukraine'
        return head, COUNTRY_OF_NAME[tail], m.tok
    if low not in GENERIC_INST:
        return None, None, m.tok
    i = m.tok
    if i >= 2 and doc[i - 1].lower_ in ("'s", "’s") and doc[i - 2].text.lower() in COUNTRY_OF_NAME:
        country = COUNTRY_OF_NAME[doc[i - 2].text.lower()]
        return low, country, i - 2
    if i >= 1 and doc[i - 1].lower_ in COUNTRY_OF_ADJ:
        return low, COUNTRY_OF_ADJ[doc[i - 1].lower_], i - 1
    return low, None, i


def _other_clusters(doc: Doc, ms: list[_Mention]) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    bare_inst: list[_Mention] = []
    for m in sorted((m for m in ms if m.label != "PERSON"), key=lambda m: m.start):
        low = m.text.lower()
        if m.label in ("GPE", "LOC") and low in COUNTRY_OF_NAME:
            key = "gpe:" + COUNTRY_OF_NAME[low]
            m.country = COUNTRY_OF_NAME[low]
        elif m.label == "NORP" and low in COUNTRY_OF_ADJ:
            key = "norp:" + COUNTRY_OF_ADJ[low]
            m.country = COUNTRY_OF_ADJ[low]
        else:
            inst, country, first = _institution(doc, m) if m.label in ("ORG", "FAC") else (None, None, m.tok)
            if inst is not None:
                if country is None:
                    bare_inst.append(m)
                    continue
                if first != m.tok:  # take the qualifier into the name: "Russia's Defense Ministry"
                    m.start = doc[first].idx
                    m.text = doc_text(doc)[m.start : m.end]
                    m.tok = first
                m.country = country
                key = f"inst:{country}:{inst}"
                c = clusters.get(key)
                if c is None:
                    c = clusters[key] = _Cluster("ORG", [], ["institution qualified by its state"])
                c.country, c.inst = country, inst
                c.mentions.append(m)
                continue
            key = "name:" + _norm_key(m.text)
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = _Cluster(m.label, [], ["ner"])
        c.mentions.append(m)
        if m.via in _LOCAL_RULES:
            c.reasons.append(m.via)
        if m.country:
            c.country = m.country
    for m in bare_inst:  # 'the Defense Ministry said' after "Russia's Defense Ministry"
        inst = m.text.lower()
        same = [c for c in clusters.values() if c.inst == inst]
        if same:
            home = max(same, key=lambda c: c.last_pos(m.start))
            home.mentions.append(m)
            home.reasons.append("bare institution after its qualified name")
        elif m.via != "institution" and m.text[:1].isupper():
            c = clusters.setdefault(f"inst::{inst}", _Cluster("ORG", [], ["institution"]))
            c.inst = inst
            c.mentions.append(m)
    return list(clusters.values())


_CAPITALS_3 = re.compile(r"[A-Z]{3,}")


def _acronym(text: str) -> bool:
    """'UNRWA', 'OCHA': an all-capital name that is not a state's is an organisation's."""
    return bool(_CAPITALS_3.fullmatch(text)) and text.lower() not in COUNTRY_OF_NAME
