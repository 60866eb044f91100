"""Clusters naming one entity merged: acronyms, another name the organisations lexicon gives,
place variants, short forms, plural groups, appositions, 'known as'; capitals used for their
government and nationality adjectives join their state."""

from __future__ import annotations

import re
from collections.abc import Iterator

from rapidfuzz import fuzz
from spacy.tokens import Doc

from ...nlp import doc_text
from .clusters import _acronym, _Cluster
from .mentions import _Mention
from .words import (
    _ORG_OF_FORM,
    _TERRITORY_SUFFIXES,
    COUNTRY_OF_CAPITAL,
    COUNTRY_OF_NAME,
    GOV_WORDS,
    POLITICAL_NOUNS,
    POLITICAL_OBJECTS,
    POLITICAL_VERBS,
)

_WORDS = re.compile(r"[A-Za-z][\w'’-]*")
_ACRONYM_AFTER = re.compile(r"\s*\((?P<acr>[A-Z][A-Za-z.]{1,8})\)")
# 'the UN agency for Palestinian refugees (UNRWA)': the name's own of- or for-phrase before the bracket
_ACRONYM_AFTER_PHRASE = re.compile(
    r"[ \t]+(?:for|of)[ \t]+[A-Za-z'’ -]{2,40}?[ \t]*\((?P<acr>[A-Z][A-Z.]{1,8})\)"
)
_ACRONYM_BEFORE = re.compile(r"\b(?P<acr>[A-Z][A-Z.]{1,8})\s*$")


def _acronyms_after(text: str, name: str) -> Iterator[str]:
    r"""The acronyms in brackets right after ``name`` ('Rapid Support Forces (RSF)'): what
    ``re.finditer(rf"{re.escape(name)}\s*\((?P<acr>[A-Z][A-Za-z.]{{1,8}})\)", text)`` finds,
    without compiling a pattern per name."""
    i = text.find(name)
    while i >= 0:
        m = _ACRONYM_AFTER.match(text, i + len(name)) or _ACRONYM_AFTER_PHRASE.match(text, i + len(name))
        if m is not None:
            yield m.group("acr")
            i = text.find(name, m.end())
        else:
            i = text.find(name, i + 1)


def _merge_acronyms(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """'Rapid Support Forces (RSF)' and initials: an acronym joins the name it abbreviates."""
    text = doc_text(doc)
    by_form: dict[str, _Cluster] = {}
    for c in clusters:
        for f in c.forms():
            by_form.setdefault(f, c)
    gone: set[int] = set()
    for c in clusters:
        for f in c.forms():
            if len(f.split()) < 2:
                continue
            initials = "".join(w[0] for w in _WORDS.findall(f) if w[0].isupper())
            acrs = set(_acronyms_after(text, f))
            if len(initials) >= 2:
                acrs.add(initials)
            for a in acrs | set(_acronyms_before(text, f)):
                other = by_form.get(a)
                if other is not None and other is not c and id(other) not in gone and other.label != "PERSON":
                    c.mentions.extend(other.mentions)
                    c.reasons.append(f"acronym {a}")
                    gone.add(id(other))
    return [c for c in clusters if id(c) not in gone]


def _merge_known_names(clusters: list[_Cluster]) -> list[_Cluster]:
    """'the SBU' and 'the Security Service of Ukraine': names the organisations lexicon gives one
    organisation are one entity, whatever their initials."""
    home: dict[str, _Cluster] = {}
    gone: set[int] = set()
    for c in clusters:
        if c.label not in ("ORG", "GROUP"):
            continue
        names = {_ORG_OF_FORM[f.lower()] for f in c.forms() if f.lower() in _ORG_OF_FORM}
        if len(names) != 1:
            continue
        name = names.pop()
        if name in home:
            home[name].mentions.extend(c.mentions)
            home[name].reasons.append(f"another name of {name}")
            gone.add(id(c))
        else:
            home[name] = c
    return [c for c in clusters if id(c) not in gone]


def _merge_place_variants(clusters: list[_Cluster]) -> list[_Cluster]:
    """One place written two ways: 'the Gaza Strip' and 'Gaza' (a territory suffix, lexicon
    ``territory_suffixes``), 'Severodonetsk' and a misspelt 'Severedonestsk' (one long word, close
    by rapidfuzz; the tagger may have called the variant an organisation)."""
    places = [c for c in clusters if c.label == "GPE" and c.country is None]
    place_forms = {id(p): _place_forms(p) for p in places}  # made again for a place that grows
    gone: set[int] = set()
    for c in clusters:
        if id(c) in gone or c.label not in ("GPE", "ORG") or c.country is not None or c.inst:
            continue
        forms = c.forms()
        if len(forms) != 1 or " " in forms[0] or not forms[0][:1].isupper():
            continue
        word = forms[0]
        for p in places:
            if p is c or id(p) in gone:
                continue
            names, territories = place_forms[id(p)]
            territory = word in territories
            variant = c.label == "GPE" or len(c.mentions) == 1
            close = variant and len(word) >= 8 and any(
                " " not in n and len(n) >= 8 and fuzz.ratio(n.lower(), word.lower()) >= 88 for n in names
            )
            if territory or close:
                p.mentions.extend(c.mentions)
                place_forms[id(p)] = _place_forms(p)
                why = "another spelling of the place" if close else "territory named without its suffix"
                p.reasons.append(why)
                gone.add(id(c))
                break
    return [c for c in clusters if id(c) not in gone]


def _place_forms(p: _Cluster) -> tuple[list[str], set[str]]:
    """(``p``'s forms, the first words of its two-word forms ending in a territory suffix)."""
    forms = p.forms()
    parts = [f.split() for f in forms]
    return forms, {w[0] for w in parts if len(w) == 2 and w[1] in _TERRITORY_SUFFIXES}


def _acronyms_before(text: str, name: str) -> Iterator[str]:
    """'the ELN (National Liberation Army)': an acronym whose spelled-out name (often translated,
    so its initials need not match) follows it in brackets."""
    i = text.find(f"({name})")
    while i >= 0:
        m = _ACRONYM_BEFORE.search(text, max(0, i - 12), i)
        if m is not None:
            yield m.group("acr")
        i = text.find(f"({name})", i + 1)


def _acronym_of(c: _Cluster, acr: _Cluster | None, gone: set[int]) -> bool:
    """``acr`` is an acronym cluster found in apposition right after one of ``c``'s mentions."""
    return (
        acr is not None
        and acr is not c
        and id(acr) not in gone
        and acr.label == "ORG"
        and all(x.text == acr.mentions[0].text for x in acr.mentions)
        and any(x.via == "acronym in apposition" for x in acr.mentions)
    )


def _merge_appositions(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """'UNRWA, the U.N. agency for refugees,': an organisation and its apposition are one."""
    owner: dict[int, _Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            owner[m.tok] = c
    gone: set[int] = set()
    for c in clusters:
        acronym = _acronym(c.mentions[0].text) and c.country is None
        if (c.label not in ("ORG", "GROUP") and not acronym) or id(c) in gone:
            continue
        for m in list(c.mentions):
            k = m.tok_end
            acr = owner.get(k + 1) if k + 1 < len(doc) and doc[k].text == "," else None
            if _acronym_of(c, acr, gone):
                c.mentions.extend(acr.mentions)  # type: ignore[union-attr]  # 'the mission, MINUSMA,'
                c.reasons.append("acronym in apposition")
                gone.add(id(acr))
                continue
            if k + 1 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ not in ("the", "a", "an"):
                continue
            other = owner.get(k + 2)
            if other is None or other is c or other.label != "ORG" or id(other) in gone or other.inst:
                continue
            if doc[other.mentions[0].tok : other.mentions[0].tok_end].root.dep_ != "appos":
                continue
            c.mentions.extend(other.mentions)
            c.label = "ORG"
            c.reasons.append("apposition")
            gone.add(id(other))
    return [c for c in clusters if id(c) not in gone]


def _merge_plural_groups(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """'Houthi missiles' belongs to 'the Houthis': a name used only as a modifier joins the group
    named by its plural."""
    by_form = {f.lower(): c for c in clusters if c.label in ("ORG", "NORP") for f in c.forms()}
    gone: set[int] = set()
    for c in clusters:
        if c.label not in ("ORG", "NORP", "GPE"):
            continue
        forms = c.forms()
        if len(forms) != 1 or " " in forms[0]:
            continue
        home = by_form.get(forms[0].lower() + "s")
        if home is None or home is c or id(home) in gone:
            continue
        roots = [doc[m.tok : m.tok_end].root for m in c.mentions]
        if all(r.dep_ in ("compound", "amod", "nmod", "npadvmod") and r.head.i > r.i for r in roots):
            home.mentions.extend(c.mentions)
            home.reasons.append("singular used as a modifier")
            gone.add(id(c))
    return [c for c in clusters if id(c) not in gone]


_HYPHEN_OR_SPACE = re.compile(r"[-\s]")


def _merge_short_forms(clusters: list[_Cluster]) -> list[_Cluster]:
    """A short organisation name that ends or heads exactly one longer one joins it ('Central Command'
    in 'U.S. Central Command', 'Observatory' in 'Syrian Observatory for Human Rights'); 'Ossaria'
    joins 'Kingdom of Ossaria'."""
    gone: set[int] = set()
    # each cluster's forms, lower-cased and split, worked out once (again for a cluster that grows)
    split: dict[int, list[list[str]]] = {id(c): [f.lower().split() for f in c.forms()] for c in clusters}
    # only clusters with a form ending in (or, split at hyphens, in) a's last word can be its home:
    # looked up by that word rather than tried pair by pair (thousands of names made it quadratic)
    by_end: dict[str, list[_Cluster]] = {}
    for c in clusters:
        for k in _form_ends(c):
            by_end.setdefault(k, []).append(c)
    for a in clusters:
        if a.label == "PERSON" or a.inst:
            continue
        af = split[id(a)]
        homes = []
        ends = {x[-1] for x in af if x} | {x[0] for x in af if len(x) == 1}
        for b in {id(b): b for k in ends for b in by_end.get(k, ())}.values():
            if b is a or id(b) in gone or b.label == "PERSON":
                continue
            for bf in split[id(b)]:
                head = bf[: bf.index("for")] if "for" in bf else bf
                for x in af:
                    if len(x) >= len(bf):
                        continue
                    orgs = a.label == "ORG" and b.label == "ORG"
                    short_org = orgs and (bf[-len(x) :] == x or head[-len(x) :] == x)
                    state_of = (
                        len(bf) >= 3
                        and bf[-len(x) :] == x
                        and bf[-len(x) - 1] == "of"
                        and bf[0] in ("kingdom", "republic", "state", "emirate", "sultanate")
                    )
                    if short_org or state_of:
                        homes.append(b)
                parts = _HYPHEN_OR_SPACE.split(" ".join(bf))
                for x in af:  # 'Karabakh' for 'Nagorno-Karabakh', 'Strip' for 'Gaza Strip'
                    places = a.label in ("GPE", "LOC") and b.label in ("GPE", "LOC")
                    if (
                        places
                        and len(x) == 1
                        and len(parts) > 1
                        and parts[-1] == x[0]
                        and x[0] not in COUNTRY_OF_NAME
                    ):
                        homes.append(b)
        homes = list({id(h): h for h in homes}.values())
        if len(homes) == 1:
            homes[0].mentions.extend(a.mentions)
            homes[0].reasons.append("short form of the full name")
            split[id(homes[0])] = [f.lower().split() for f in homes[0].forms()]
            gone.add(id(a))
            for k in _form_ends(homes[0]):  # its forms grew
                by_end.setdefault(k, []).append(homes[0])
    return [c for c in clusters if id(c) not in gone]


def _form_ends(c: _Cluster) -> set[str]:
    """The words a shorter name must end with to be one of ``c``'s forms' short form
    (``_merge_short_forms``): each form's last word, its last before 'for', its last hyphen part."""
    keys: set[str] = set()
    for f in c.forms():
        bf = f.lower().split()
        if not bf:
            continue
        head = bf[: bf.index("for")] if "for" in bf else bf
        keys.update([bf[-1], _HYPHEN_OR_SPACE.split(bf[-1])[-1], *head[-1:]])
    return keys


_KNOWN_AS_RE = re.compile(
    r"\)?,?[ \t]*\(?(?:(?:widely|also|better|commonly|popularly|locally|formerly|previously)[ \t]+)?"
    r"(?:known(?:[ \t]+in[ \t]+[A-Z]\w+)?[ \t]+as|nicknamed|a\.k\.a\.?|aka)[ \t]+[\"“'‘]?"
)


def _merge_known_as(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """'Mohamed Hamdan Dagalo, widely known as Hemedti', 'JNIM, known in Arabic as Jama'at Nusrat
    al-Islam': the other name joins the person or organisation."""
    by_start = {m.start: c for c in clusters for m in c.mentions}
    gone: set[int] = set()
    text = doc_text(doc)
    for c in clusters:
        if c.label not in ("PERSON", "ORG", "GROUP") or id(c) in gone:
            continue
        for m in list(c.mentions):
            hit = _KNOWN_AS_RE.match(text, m.end)
            other = by_start.get(hit.end()) if hit else None
            if other is None or other is c or id(other) in gone or len(other.forms()) != 1:
                continue
            if not _other_name_fits(c, other):
                continue
            c.mentions.extend(other.mentions)
            c.reasons.append("known as")
            gone.add(id(other))
    return [c for c in clusters if id(c) not in gone]


def _other_name_fits(c: _Cluster, other: _Cluster) -> bool:
    """A person's other name is a person's or one word; an organisation's is an organisation's, or
    a long name NER took for a person's ('Jama'at Nusrat al-Islam')."""
    if c.label == "PERSON":
        return other.label == "PERSON" or " " not in other.forms()[0]
    return other.label in ("ORG", "GROUP") or (other.label == "PERSON" and " " in other.forms()[0])


def _metonymic(doc: Doc, m: _Mention) -> bool:
    """A capital standing for its government: subject of a political verb, possessor of a political
    noun, agent of a passive ('appointed by Addis Ababa'), or followed by 'regime'/'government'."""
    toks = doc[m.tok : m.tok_end]
    root = toks.root
    after = doc[m.tok_end] if m.tok_end < len(doc) else None
    if after is not None and after.lower_ in ("'s", "’s"):
        nxt = after.head
        if nxt.lemma_.lower() in POLITICAL_NOUNS or nxt.lower_ in POLITICAL_NOUNS:
            return True
    if after is not None and after.lower_ in GOV_WORDS:
        return True
    if root.dep_ in ("nsubj", "nsubjpass") and root.head.lemma_.lower() in POLITICAL_VERBS:
        return True
    if root.dep_ == "nsubj" and root.head.pos_ == "AUX":
        return False
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.tag_ == "VBN":
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.head.lemma_.lower() in POLITICAL_NOUNS:
        return True  # 'claims by Kiev that ...'
    if root.dep_ == "dobj" and root.head.lemma_.lower() in POLITICAL_OBJECTS:
        return True  # 'blamed Kyiv for the casualties'
    return root.dep_ == "poss" and root.head.lemma_.lower() in POLITICAL_NOUNS


def _capitals(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """Capitals used for their government join their state (or keep their name, with the state as
    affiliation, when the state itself is not named); 'the Kiev regime' becomes an alias."""
    states = {
        c.country: c
        for c in clusters
        if c.label == "GPE"
        and c.country
        and c.inst is None
        and any(m.text.lower() in COUNTRY_OF_NAME for m in c.mentions)
    }
    out: list[_Cluster] = []
    for c in clusters:
        caps = [m for m in c.mentions if m.text.lower() in COUNTRY_OF_CAPITAL] if c.label == "GPE" else []
        if c.label != "GPE" or not caps or len(c.forms()) != len({m.text for m in caps}):
            out.append(c)
            continue
        country = COUNTRY_OF_CAPITAL[caps[0].text.lower()]
        meto = [m for m in caps if _metonymic(doc, m)]
        c.affiliation = country
        for m in list(c.mentions):  # 'the Kiev regime': the phrase is a name of the government too
            if m.tok_end < len(doc) and doc[m.tok_end].lower_ in GOV_WORDS:
                end = doc[m.tok_end].idx + len(doc[m.tok_end].text)
                c.mentions.append(
                    _Mention(
                        m.start,
                        end,
                        doc_text(doc)[m.start : end],
                        "GPE",
                        m.tok,
                        m.tok_end + 1,
                        "capital + government word",
                    )
                )
                c.mentions.remove(m)
        if meto and country in states:
            states[country].mentions.extend(c.mentions)
            states[country].reasons.append(f"capital '{caps[0].text}' used for the government")
            continue
        if meto:
            c.reasons.append(f"capital used for the government of {country}")
        out.append(c)
    return out


def _norp_to_states(doc: Doc, clusters: list[_Cluster]) -> list[_Cluster]:
    """Nationality adjectives become mentions of their state when the state is named; otherwise
    only a plural people noun ('Palestinians', 'Houthis') stays an entity."""
    states = {c.country: c for c in clusters if c.label == "GPE" and c.country and c.inst is None}
    out: list[_Cluster] = []
    for c in clusters:
        if c.label == "NORP" and c.country and c.country in states:
            st = states[c.country]
            st.mentions.extend(c.mentions)
            st.reasons.append("nationality adjective linked to its state")
            continue
        if c.label == "NORP" and not any(doc[m.tok_end - 1].tag_ in ("NNS", "NNPS") for m in c.mentions):
            continue  # an adjective with no named state ('Ukrainian forces'): no entity of its own
        if c.label == "NORP" and c.country:
            c.affiliation = c.country
        out.append(c)
    return out
