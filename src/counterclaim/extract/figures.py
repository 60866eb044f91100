"""Figures: casualty and damage numbers, each tied to what it counts, whose losses, and who says so.

For every number in the parsed ``Doc`` (digits, "1.2 million", "5k", "twelve", "a dozen"; not
"hundreds of" or "dozens") the extractor

1. reads its value and qualifier ("at least", "over", "nearly", "between 20 and 30");
2. drops it when it measures something else (dates, years, ages, durations, money, percent,
   distances, scores, phone numbers) -- see ``lexicons/figure_exclusions.yaml``;
3. finds what it counts and the category over the dependency parse: the verb whose object or
   passive subject it is ("killed 12 people", "12 people were killed"), the intransitive verb
   whose subject it is ("12 people died"), the participle or adjective on its noun ("houses
   damaged", "people missing"), a loss noun ("12 deaths", "the death toll rose to 12"), or a
   linked figure it continues ("63 civilians were killed and 292 wounded", "including 10
   children", "the number rose to 98,625");
4. finds the claimant: the speaker of a covering quote (``ctx.quotes``), else "according to X",
   the subject of a reporting verb above the number ("X said ..."), a passive "reported by X",
   with pronouns and "the ministry" resolved to the last named speaker; else the outlet;
5. finds the party whose losses they are: nationality adjective or possessive on the counted noun,
   "their"/"its" resolved to the claimant, civilians reported by their own side's authorities;
6. dates it: the nearest date in the clause (``ctx.dates``), else the publication date.

Numbers with no loss category (``other``) are left out unless ``include_other=True``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..records import Context, Figure, FigureCategory, Party, Qualifier
from . import numbers

UPDATE_TAG = "update"  # in a figure's reason: the number revises or continues an earlier count
LOSS_TAG = "lost"  # in a figure's reason: people "lost", which may mean killed or all casualties
PART_TAG = "a part of the dead or wounded"  # in a figure's reason: "four of the dead had gunshot wounds"

_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}
_OBJ = {"dobj", "obj", "nsubjpass", "oprd", "attr"}
_NP_SKIP = {
    "appos",
    "relcl",
    "acl",
    "punct",
    "cc",
    "conj",
    "advcl",
    "parataxis",
    "det",
    "case",
    "prep",
    "mark",
}
_NP_PREPS = {"of", "for", "to", "in"}
_PARTY_NOUN_ENTS = {"GPE", "NORP", "ORG"}
_RANGE_RE = re.compile(r"^(\d[\d,.]*)[-\u2013\u2014](\d[\d,.]*)$")


# --- lexicons -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Lex:
    """The word lists this extractor reads, loaded once."""

    patient: dict[str, str]
    intransitive: dict[str, str]
    adjectives: dict[str, str]
    nouns: dict[str, str]
    tally_nouns: frozenset[str]
    tally_verbs: frozenset[str]
    update_verbs: frozenset[str]
    complements: dict[str, str]
    home_nouns: frozenset[str]
    loss_verbs: frozenset[str]
    other_verbs: frozenset[str]
    care_verbs: frozenset[str]
    fire_verbs: frozenset[str]
    groups: dict[str, str]
    civilian_like: frozenset[str]
    q_before: dict[tuple[str, ...], Qualifier]
    q_after: dict[tuple[str, ...], Qualifier]
    q_verbs: dict[str, Qualifier]
    units: dict[str, float]
    scales: dict[str, float]
    vague: frozenset[str]
    excl_units: frozenset[str]
    excl_symbols: frozenset[str]
    excl_after: frozenset[str]
    excl_verbs: frozenset[str]
    demonyms: dict[str, str]
    speech: frozenset[str]
    stance: frozenset[str]
    documents: frozenset[str]
    by_agent: frozenset[str]
    not_claimants: frozenset[str]
    pron_person: frozenset[str]
    pron_group: frozenset[str]


def _invert(table: dict[str, list[str]]) -> dict[str, str]:
    return {w.lower(): cat for cat, words in table.items() for w in (words or [])}


@cache
def _lex() -> _Lex:
    cat = lexicons.entries("figure_categories")
    subj = lexicons.entries("figure_subjects")
    qual = lexicons.entries("figure_qualifiers")
    num = lexicons.entries("number_words")
    excl = lexicons.entries("figure_exclusions")
    claim = lexicons.entries("figure_claim_verbs")
    return _Lex(
        patient=_invert(cat["patient"]),
        intransitive=_invert(cat["intransitive"]),
        adjectives=_invert(cat["adjectives"]),
        nouns=_invert(cat["nouns"]),
        tally_nouns=frozenset(cat["tally_nouns"]),
        tally_verbs=frozenset(cat["tally_verbs"]),
        update_verbs=frozenset(cat["update_verbs"]),
        complements=_invert(cat["complements"]),
        home_nouns=frozenset(cat["home_nouns"]),
        loss_verbs=frozenset(cat["loss_verbs"]),
        other_verbs=frozenset(cat.get("other", [])),
        care_verbs=frozenset(cat.get("care_verbs", [])),
        fire_verbs=frozenset(cat.get("fire_verbs", [])),
        groups=_invert(subj["groups"]),
        civilian_like=frozenset(subj["civilian_like"]),
        q_before={tuple(k.split()): v for k, v in qual["before"].items()},
        q_after={tuple(k.split()): v for k, v in qual["after"].items()},
        q_verbs=dict(qual.get("verbs", {})),
        units={k: float(v) for k, v in num["units"].items()},
        scales={k: float(v) for k, v in num["scales"].items()},
        vague=frozenset(num["vague"]),
        excl_units=frozenset(excl["units"]),
        excl_symbols=frozenset(excl["symbols"]),
        excl_after=frozenset(excl["words_after"]),
        excl_verbs=frozenset(excl["verbs"]),
        demonyms=lexicons.nationality_map(),
        speech=frozenset(claim["speech"]),
        stance=frozenset(claim.get("stance", [])),
        documents=frozenset(claim.get("documents", [])),
        by_agent=frozenset(claim["by_agent"]),
        not_claimants=frozenset(claim["not_claimants"]),
        pron_person=frozenset(claim["pronouns_person"]),
        pron_group=frozenset(claim["pronouns_group"]),
    )


# --- numbers --------------------------------------------------------------------------------------


@dataclass
class _Num:
    """One number expression in the text and what is known about it so far."""

    toks: list[Token]
    value: float
    low: float | None = None
    high: float | None = None
    qualifier: Qualifier = "exact"
    q_toks: list[Token] = field(default_factory=list)
    anchor: Token | None = None  # the expression's syntactic head
    noun: Token | None = None  # what it counts, when named
    category: FigureCategory | None = None
    subject: str | None = None
    rule: str = ""
    link: int | None = None  # index of the figure this one continues
    update: bool = False
    subset: bool = False  # "including 10 children": part of the count before it
    follows: bool = False  # "up from 420", "as well as 13 tanks": continues the count before it
    skip: bool = False  # not a figure (names a thing, measures time, a total of a part ...)
    party: str | None = None


def _digit_value(text: str) -> float | None:
    return numbers.digit_value(text)


def _word_value(tok: Token, lex: _Lex) -> float | None:
    return numbers.token_value(tok.text)


def _chunks(doc: Doc, lex: _Lex) -> list[_Num]:
    """Number expressions: digits, number words and scale words run together."""
    out: list[_Num] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if not (
            tok.like_num or tok.text[:1].isdigit() or tok.lower_ in lex.units or tok.lower_ in ("a", "an")
        ):
            i += 1
            continue
        first = _word_value(tok, lex)
        lead_a = (
            tok.lower_ in ("a", "an") and i + 1 < n and doc[i + 1].lower_ in ("dozen", "hundred", "thousand")
        )
        if first is None and not lead_a:
            i += 1
            continue
        toks = [tok]
        j = i + 1
        while j < n:
            t = doc[j]
            low = t.lower_
            if low in lex.scales or low == "dozen":
                toks.append(t)
            elif (
                low == "-"
                and j + 1 < n
                and doc[j + 1].lower_ in lex.units
                and toks[-1].lower_ in lex.units
                and not t.whitespace_
                and not toks[-1].whitespace_
            ):
                toks.extend([t, doc[j + 1]])  # "twenty-five"
                j += 1
            elif low in lex.units and toks[-1].lower_ in lex.scales:
                toks.append(t)  # "two hundred fifty"
            else:
                break
            j += 1
        value = _combine(toks, lex)
        power = numbers.in_power(doc[i - 1].text if i else None, doc[j].text if j < n else None)
        if value is not None and not power:  # '10^400': notation, no count
            out.append(_Num(toks=toks, value=value))
        i = j
    return out


def _combine(toks: list[Token], lex: _Lex) -> float | None:
    return numbers.word_value([t.text for t in toks])


def _merge_ranges(doc: Doc, nums: list[_Num]) -> list[_Num]:
    """'between 20 and 30', '20-30', '20 to 30' become one range expression."""
    out: list[_Num] = []
    k = 0
    while k < len(nums):
        a = nums[k]
        b = nums[k + 1] if k + 1 < len(nums) else None
        if b is not None and b.toks[0].i - a.toks[-1].i <= 2:
            gap = doc[a.toks[-1].i + 1 : b.toks[0].i]
            before = doc[a.toks[0].i - 1] if a.toks[0].i > 0 else None
            joint = gap.text.strip().lower()
            is_between = joint == "and" and before is not None and before.lower_ == "between"
            is_dash = joint in ("-", "\u2013", "\u2014", "to") and (
                before is None or before.lower_ not in ("from",)
            )
            ends = numbers.range_ends(a.value, b.value, between=is_between)
            if (is_between or is_dash) and ends is not None:
                # 'between 30 and 20' is the range 20-30, not two figures
                lo, hi = (_scaled_low(a, b), b.value) if b.value > a.value else ends
                merged = _Num(toks=a.toks + list(gap) + b.toks, value=lo, low=lo, high=hi, qualifier="range")
                if is_between and before is not None:
                    merged.q_toks = [before]
                out.append(merged)
                k += 2
                continue
        out.append(a)
        k += 1
    # "20-30" as a single token
    for tok in doc:
        if not tok.text[:1].isdigit() or len(tok.text) < 3:
            continue
        m = _RANGE_RE.match(tok.text)
        if m:
            lo, hi = _digit_value(m.group(1)), _digit_value(m.group(2))
            if lo is not None and hi is not None and hi > lo:
                out.append(_Num(toks=[tok], value=lo, low=lo, high=hi, qualifier="range"))
    out.sort(key=lambda x: x.toks[0].i)
    return out


def _scaled_low(a: _Num, b: _Num) -> float:
    """'20 to 30 thousand': the low end takes the high end's scale (20,000)."""
    if a.value < 1000 <= b.value and len(a.toks) == 1 and len(b.toks) > 1:
        unit = _combine(b.toks[:1], _lex())
        if unit:
            return a.value * (b.value / unit)
    return a.value


def _qualify(doc: Doc, num: _Num, lex: _Lex) -> None:
    """Set the qualifier from the words just before (or after) the expression."""
    if num.qualifier == "range":
        return
    start = num.toks[0].i
    words: list[Token] = []
    k = start - 1
    while k >= 0 and len(words) < 4:
        if doc[k].is_quote or doc[k].text in ("'", '"'):
            k -= 1
            continue
        words.insert(0, doc[k])
        k -= 1
    for size in (4, 3, 2, 1):
        if len(words) >= size:
            key = tuple(t.lower_ for t in words[-size:])
            if key in lex.q_before:
                num.qualifier = lex.q_before[key]
                num.q_toks = words[-size:]
                break
    end = num.toks[-1].i + 1
    for size in (2, 1):
        key = tuple(t.lower_ for t in doc[end : end + size])
        if len(key) == size and key in lex.q_after and num.qualifier == "exact":
            num.qualifier = lex.q_after[key]
            break
    if num.qualifier in ("at_least", "more_than"):
        num.low = num.value
    elif num.qualifier in ("at_most", "fewer_than"):
        num.high = num.value


def _verb_qualifier(num: _Num, lex: _Lex) -> None:
    """A bound set by the verb the count is the object of: "losses exceeded 9,800" (more than)."""
    if num.qualifier != "exact" or num.anchor is None:
        return
    obj = num.noun if num.noun is not None and num.noun.i > num.anchor.i else num.anchor
    verb = obj.head
    if obj.dep_ in ("dobj", "obj") and verb.pos_ == "VERB" and verb.lemma_.lower() in lex.q_verbs:
        num.qualifier = lex.q_verbs[verb.lemma_.lower()]
        if num.qualifier in ("at_least", "more_than"):
            num.low = num.value
        elif num.qualifier in ("at_most", "fewer_than"):
            num.high = num.value


def _excluded(doc: Doc, num: _Num, lex: _Lex) -> bool:
    """Numbers that measure time, money, shares, distances, ages, scores, or name things."""
    first, last = num.toks[0], num.toks[-1]
    if first.i > 0:
        prev = doc[first.i - 1]
        if prev.text in lex.excl_symbols or prev.lower_ in ("no.", "number", "#", "page", "route"):
            return True
        if (
            first.lower_ == "one"
            and len(num.toks) == 1
            and prev.lower_ in ("the", "this", "that", "which", "no")
            and (last.i + 1 >= len(doc) or doc[last.i + 1].pos_ not in ("NOUN", "PROPN", "ADJ"))
        ):
            return True  # "the one near Halden": a pronoun, not a count
        if prev.lower_ in ("not", "never", "nor") and num.qualifier == "exact":
            return True  # a count denied: "nine men, not seventy"
        if (
            prev.lower_ in ("several", "few", "many", "tens", "hundreds", "thousands")
            and first.lower_ in lex.scales
        ):
            return True
    if (
        last.i + 3 < len(doc)
        and doc[last.i + 1].lower_ == "of"
        and doc[last.i + 2].lower_ == "the"
        and (doc[last.i + 3].tag_ == "JJS" or doc[last.i + 3].lower_ in ("most", "few", "first", "last"))
    ):
        return True  # "one of the deadliest attacks", "two of the most ...": a rank, not a count
    if last.i + 1 < len(doc):
        nxt = doc[last.i + 1]
        if nxt.lower_ in lex.excl_after or nxt.text in lex.excl_symbols:
            return True
        if nxt.text in ("-", "\u2013") and last.i + 2 < len(doc) and not nxt.whitespace_:
            after = doc[last.i + 2]
            if after.lower_ in lex.excl_units or after.lower_ in ("year", "old") or not after.like_num:
                return True  # "25-day", "4-year-old", "nine-story"
        if nxt.lower_ in (":", "/") and last.i + 2 < len(doc) and doc[last.i + 2].like_num:
            return True  # times, fractions
    if first.ent_type_ == "DATE" and (first.head.ent_type_ == "DATE" and first.head.pos_ == "PROPN"):
        return True  # "Oct. 7", "7 October"
    if (
        first.i + 1 < len(doc)
        and doc[first.i + 1].ent_type_ == "DATE"
        and doc[first.i + 1].pos_ == "PROPN"
        and first.ent_type_ == "DATE"
    ):
        return True  # "21 June"
    txt = first.text
    if (
        len(num.toks) == 1
        and txt.isdigit()
        and len(txt) == 4
        and 1800 <= int(txt) <= 2100
        and num.qualifier == "exact"
        and first.dep_ != "nummod"
    ):
        return True  # a year
    # phone numbers and codes start with a zero
    return len(num.toks) == 1 and txt.isdigit() and len(txt) >= 4 and txt.startswith("0")


# --- syntax: what is counted, and its category -------------------------------------------------


def _anchor(num: _Num) -> Token:
    """The token joining the expression to the rest of the parse ('between' in 'between 20 and 30 X')."""
    toks = [*num.q_toks, *num.toks] if num.qualifier == "range" else num.toks
    ids = {t.i for t in toks}
    outside = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    return outside[-1] if outside else num.toks[-1]


def _verb_category(verb: Token, role: str, noun: Token | None, lex: _Lex) -> FigureCategory | None:
    """Category a verb gives a number that is its ``role`` ('patient' or 'subject')."""
    lemma = verb.lemma_.lower()
    prt = next(
        (
            c.lower_
            for c in verb.children
            if c.dep_ == "prt"
            or (c.dep_ == "advmod" and c.lower_ in ("down", "out", "up", "off") and c.i == verb.i + 1)
        ),
        "",
    )
    phrasal = f"{lemma} {prt}" if prt else lemma
    if role == "patient" and lemma in lex.care_verbs:
        for c in verb.children:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None) if c.dep_ == "prep" else None
            if (
                pobj is not None
                and c.lower_ in ("for", "with")
                and lex.nouns.get(pobj.lemma_.lower()) == "wounded"
            ):
                return "wounded"  # "150 protesters were treated for injuries"
        return None
    things = noun is not None and lex.groups.get(noun.lemma_.lower()) in _THING_GROUPS
    if role == "patient" and things and lemma in lex.fire_verbs:
        return "damaged"  # "burned 11 cars": damaged at least; the text rarely says destroyed
    if verb.tag_ == "VBN" or role == "subject":
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in ("from", "out"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if (
                    pobj is not None
                    and pobj.lemma_.lower() in lex.home_nouns
                    and (any(g.dep_ == "poss" for g in pobj.children) or pobj.tag_ == "NNS")
                ):
                    return "displaced"  # "forced from their homes"
    if role == "patient":
        for c in verb.children:
            if c.dep_ in ("oprd", "acomp", "xcomp") and c.lower_ in lex.adjectives:
                return lex.adjectives[c.lower_]  # type: ignore[return-value]  # "left 8 dead", "feared dead"
            if (
                c.dep_ == "xcomp"
                and c.lemma_.lower() in lex.intransitive
                and c.lemma_.lower()
                not in (
                    "cross",
                    "leave",
                    "arrive",
                )
            ):
                return lex.intransitive[c.lemma_.lower()]  # type: ignore[return-value]  # "forced to flee"
        if lemma == "take" or lemma == "go":
            for c in verb.children:
                if (
                    c.dep_ in ("oprd", "acomp", "dobj", "attr", "xcomp")
                    and c.lemma_.lower() in lex.complements
                ):
                    return lex.complements[c.lemma_.lower()]  # type: ignore[return-value]
            return None
        if lemma in lex.loss_verbs:
            if noun is not None and lex.groups.get(noun.lemma_.lower()) in _THING_GROUPS:
                return "destroyed"
            return "casualties"
        cat = lex.patient.get(phrasal) or lex.patient.get(lemma)
        if cat is None:
            return None
        # "hit 15 vessels" damages things; people hit are not counted here
        things = noun is not None and lex.groups.get(noun.lemma_.lower()) in _THING_GROUPS
        if lemma in ("hit", "strike") and not things:
            return None
        others = {lex.patient.get(c.lemma_.lower()) for c in _coordinated(verb)} - {None, cat}
        if {cat, *others} >= {"killed", "wounded"}:
            return "casualties"
        if cat in ("destroyed", "damaged") and others & {"destroyed", "damaged"}:
            return cat
        return cat  # type: ignore[return-value]
    # subject of an intransitive verb, or of a predicate adjective parsed as a verb ("were missing")
    cat = lex.intransitive.get(lemma) or lex.adjectives.get(verb.lower_)
    if cat == "displaced" and lemma in ("cross", "leave", "arrive", "escape"):
        # "97,000 people crossed into Armenia" -- people moving out of the fighting
        if noun is None or lex.groups.get(noun.lemma_.lower()) not in _PEOPLE_GROUPS:
            return None
        if lemma in ("cross", "arrive") and not any(
            c.dep_ == "prep" and c.lower_ in ("into", "to", "in") for c in verb.children
        ):
            return None
    return cat  # type: ignore[return-value]


_THING_GROUPS = {
    "houses",
    "buildings",
    "settlements",
    "vehicles",
    "aircraft",
    "munitions",
    "vessels",
    "positions",
}
_PEOPLE_GROUPS = {"military", "civilians", "children", "women", "people"}


def _coordinated(verb: Token) -> list[Token]:
    """Verbs sharing ``verb``'s object ('killed or wounded 3,000'), not those with counts of their own
    ('63 were killed and 292 wounded')."""
    out = [c for c in verb.children if c.dep_ == "conj" and c.pos_ in ("VERB", "ADJ")]
    if verb.dep_ == "conj" and verb.head.pos_ == "VERB":
        out.append(verb.head)

    def own_count(v: Token) -> bool:
        return any(
            c.dep_ in ("dobj", "obj", "nsubjpass")
            or (c.dep_ == "nsubj" and (c.like_num or any(g.dep_ == "nummod" for g in c.children)))
            for c in v.children
        )

    return [v for v in out if not own_count(v)]


def _is_passive_like(verb: Token, subj: Token) -> bool:
    """An elided passive: '63 civilians were killed and 292 wounded' (292 is parsed as nsubj)."""
    if verb.tag_ != "VBN":
        return False
    if any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):
        return False
    if any(c.dep_ in ("dobj", "obj") for c in verb.children):
        return False
    return verb.dep_ in ("conj", "acl", "relcl", "advcl", "amod") or any(
        c.dep_ == "auxpass" for c in verb.children
    )


def _modifier_category(noun: Token, lex: _Lex) -> tuple[FigureCategory | None, str]:
    """'houses damaged', 'people killed and wounded', 'wounded soldiers', 'people with severe burns'."""
    for c in noun.children:
        low = c.lemma_.lower()
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "ADJ"):
            if any(g.dep_ in _SUBJ for g in c.children) and c.dep_ == "relcl":
                continue  # "the 44 drones that Russia launched"
            cat = _verb_category(c, "patient", noun, lex) if c.tag_ == "VBN" else None
            cat = cat or lex.adjectives.get(c.lower_) or lex.adjectives.get(low)
            if cat:
                conj_cats = {
                    lex.patient.get(g.lemma_.lower()) or lex.adjectives.get(g.lower_)
                    for g in c.children
                    if g.dep_ == "conj"
                }
                if {cat, *conj_cats} >= {"killed", "wounded"}:
                    return "casualties", f"participle '{c.text}'"
                return cat, f"participle '{c.text}'"  # type: ignore[return-value]
            if low in lex.other_verbs:
                return "other", f"participle '{c.text}'"
        if c.dep_ == "amod" and c.i < noun.i and c.lower_ in lex.adjectives:
            return lex.adjectives[c.lower_], f"adjective '{c.text}'"  # type: ignore[return-value]
        if c.dep_ == "amod" and c.i > noun.i and c.lower_ in lex.adjectives:
            return lex.adjectives[c.lower_], f"adjective '{c.text}'"  # type: ignore[return-value]
        if c.dep_ == "prep" and c.lower_ == "with":
            for g in c.children:
                if (
                    g.dep_ == "pobj"
                    and lex.nouns.get(g.lemma_.lower()) == "wounded"
                    or g.lemma_.lower() in ("burn", "wound", "injury")
                ):
                    return "wounded", f"'with {g.text}'"
                if (
                    g.dep_ == "pobj"
                    and g.lemma_.lower() == "damage"
                    and lex.groups.get(noun.lemma_.lower()) in _THING_GROUPS
                ):
                    return "damaged", f"'with {g.text}'"  # "structures with visible damage"
    return None, ""


def _noun_category(noun: Token, lex: _Lex) -> FigureCategory | None:
    low = noun.lemma_.lower()
    comp = " ".join(c.lower_ for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1)
    if comp and f"{comp} {low}" in lex.nouns:
        return lex.nouns[f"{comp} {low}"]  # type: ignore[return-value]
    if low == "toll" and comp not in ("", "death"):
        return None
    return lex.nouns.get(low) or lex.nouns.get(noun.lower_)  # type: ignore[return-value]


def _analyse(num: _Num, lex: _Lex) -> None:
    """Set ``noun``, ``category``, ``subject``, ``rule`` (and ``update``) from the parse."""
    anchor = num.anchor = _anchor(num)
    _analyse_parse(num, anchor, lex)
    if num.category is None and not num.skip and not num.subset:
        _adjacent_category(num, lex)
    if num.subset:
        num.category, num.rule = None, "part of the count before it"
    elif num.follows and num.category is None:
        num.rule = f"continues the count before it{f' ({UPDATE_TAG})' if num.update else ''}"
    elif num.category is None and not num.rule:
        _surface_category(num, lex)


_SUBSET_CUES = {
    ("including",),
    ("among", "them"),
    ("among", "whom"),
    ("among", "those"),
    ("of", "whom"),
    ("of", "them"),
}
_FOLLOW_CUES = {
    ("up", "from"),
    ("down", "from"),
    ("as", "well", "as"),
    ("along", "with"),
    ("in", "addition", "to"),
}
_NOT_SUBJECT = {"more", "other", "additional", "further", "another", "between", "some", "several"}
_BE_FORMS = {"was", "were", "are", "is", "been", "be", "being"}


def _mark_subset(doc: Doc, num: _Num) -> None:
    """'..., including 10 civilians', '..., among them 138 civilians': a part of the count before."""
    k = (num.q_toks[0].i if num.q_toks else num.toks[0].i) - 1
    words = [doc[j].lower_ for j in range(max(0, k - 2), k + 1)]
    after = tuple(t.lower_ for t in doc[num.toks[-1].i + 1 : num.toks[-1].i + 3])
    if tuple(words[-1:]) in _SUBSET_CUES or tuple(words[-2:]) in _SUBSET_CUES or after in _SUBSET_CUES:
        num.subset = True
    elif tuple(words[-2:]) in _FOLLOW_CUES or tuple(words[-3:]) in _FOLLOW_CUES:
        num.follows = True
        num.update = words[-1] == "from"


def _adjacent_category(num: _Num, lex: _Lex) -> None:
    """Read off the words right after the number when the parse gives no category: a loss word
    used as a noun ("46 wounded", "nine dead"), or a noun with a bare participle ("60 servicemen
    killed", "412 armoured vehicles destroyed"), not a finite verb with an object."""
    doc = num.toks[0].doc
    j = num.toks[-1].i + 1
    if j >= len(doc):
        return
    nxt = doc[j]
    if nxt.lower_ in lex.adjectives and (j + 1 >= len(doc) or doc[j + 1].pos_ not in ("NOUN", "PROPN")):
        num.category, num.rule = lex.adjectives[nxt.lower_], f"'{nxt.text}' after the number"  # type: ignore[assignment]
        num.subject = num.subject or "people"  # "46 wounded": people, whatever was counted before
        return
    k = j
    while k < len(doc) and k - j < 4 and doc[k].pos_ in ("ADJ", "PROPN", "NOUN") and not doc[k].is_punct:
        k += 1
    if k == j or k >= len(doc) or doc[k - 1].pos_ != "NOUN":
        return
    noun = doc[k - 1]
    while k < len(doc) - 1 and doc[k].is_quote:
        k += 1
    part = doc[k]
    if part.lower_ == "with":
        # "structures with visible damage", "children with burns"
        for t in doc[k + 1 : min(k + 4, len(doc))]:
            low = t.lemma_.lower()
            things = lex.groups.get(noun.lemma_.lower()) in _THING_GROUPS
            cat = "damaged" if low == "damage" and things else None
            cat = cat or ("wounded" if low in ("injury", "wound", "burn") and not things else None)
            if cat:
                num.category, num.rule = cat, f"'{noun.text} with {t.text}' (surface)"  # type: ignore[assignment]
                num.noun = num.noun or noun
                return
            if t.pos_ not in ("ADJ", "ADV"):
                break
        return
    if part.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("dobj", "obj") for c in part.children):
        return
    if k + 1 < len(doc) and (doc[k + 1].like_num or doc[k + 1].pos_ == "DET"):
        return  # "12 soldiers killed three civilians": an active verb with its own object
    cat = lex.patient.get(part.lemma_.lower()) or lex.adjectives.get(part.lower_)
    if cat in ("damaged", "destroyed") and lex.groups.get(noun.lemma_.lower()) not in _THING_GROUPS:
        return
    if cat and part.lemma_.lower() not in ("hit", "strike", "hold", "take", "seize"):
        num.category, num.rule = cat, f"'{noun.text} {part.text}' (surface)"  # type: ignore[assignment]
        if num.noun is None:
            num.noun = noun


def _surface_category(num: _Num, lex: _Lex) -> None:
    """When the parse gives nothing: 'N (noun) were|had been <participle>' read off the words."""
    doc = num.toks[0].doc
    j = num.toks[-1].i + 1
    if num.noun is not None and num.noun.i >= j and num.noun.i - j < 4:
        j = num.noun.i + 1
    seen_be = False
    while j < len(doc) and j - num.toks[-1].i < 8:
        t = doc[j]
        if t.lower_ in _BE_FORMS or t.lower_ in ("had", "have", "has", "still", "also", "reportedly"):
            seen_be = seen_be or t.lower_ in _BE_FORMS
            j += 1
            continue
        if seen_be:
            low = t.lemma_.lower()
            cat = lex.patient.get(low) if t.tag_ == "VBN" else None
            cat = cat or lex.adjectives.get(t.lower_)
            if cat and low not in ("hit", "strike", "hold", "take", "seize"):
                words = doc[num.toks[-1].i + 1 : j + 1].text
                num.category, num.rule = cat, f"'{words}' (surface)"  # type: ignore[assignment]
        return


def _analyse_parse(num: _Num, anchor: Token, lex: _Lex) -> None:
    noun: Token | None = None
    core = anchor
    if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and anchor.head.pos_ in (
        "NOUN",
        "PROPN",
        "ADJ",
    ):
        head = anchor.head
        if (
            head.pos_ == "PROPN"
            and head.dep_ in ("nmod", "compound", "amod")
            and head.head.pos_ == "NOUN"
            and head.head.i > head.i
        ):
            head = head.head  # "412 Kovan armoured vehicles": the name only modifies the noun
        if head.pos_ == "PROPN" and head.tag_ != "NNPS" and head.ent_type_ != "NORP":
            num.rule = "names a thing"
            num.skip = True
            return  # "Operation 1027", "April 15"
        noun = core = head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.like_num:
            num.rule = "total of a part ('41 of the 44')"
            num.skip = True
            return
    part = next((c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if noun is None and part is not None:
        pobj = next((g for g in part.children if g.dep_ == "pobj"), None)
        if pobj is not None:
            noun = pobj  # "834 of their troops", "a dozen of the wounded"
    if noun is None and anchor.pos_ == "NOUN" and anchor.lower_ not in lex.units and anchor.lower_ != "dozen":
        noun = anchor
    num.noun = noun
    if noun is not None and (noun.lemma_.lower() in lex.excl_units or noun.lower_ in lex.excl_units):
        num.rule = f"measures '{noun.text}'"
        num.skip = True
        return
    if noun is not None and noun.lower_ in ("others", "more"):
        num.noun = noun = None  # "wounding 19 others": the count of a kind named earlier
    # 1. the counted noun's own modifiers (or the number's: "and 270 wounded")
    if noun is not None or anchor.pos_ == "NUM":
        cat, why = _modifier_category(noun if noun is not None else anchor, lex)
        if cat == "other" and part is not None and noun is not None and noun.head.i == part.i:
            cat = None  # "destroyed 35 of 38 drones launched": the verb above says what befell the part
        if cat:
            num.category, num.rule = cat, why
            return
    # 2. the verb or preposition above
    x = core
    for _ in range(5):
        h = x.head
        if h.i == x.i:
            break
        dep = x.dep_
        lemma = h.lemma_.lower()
        if lemma in lex.excl_verbs:
            num.rule = f"'{h.text}' is not a loss"
            num.skip = True
            return
        if (
            h.pos_ == "VERB"
            and dep == "prep"
            and noun is not None
            and lex.groups.get(noun.lemma_.lower()) in _THING_GROUPS
        ):
            obj = next((c for c in h.children if c.dep_ in ("dobj", "obj")), None)
            if obj is not None and f"{lemma} {obj.lower_} {x.lower_}" in lex.fire_verbs:
                num.category, num.rule = "damaged", f"'{h.text} {obj.text} {x.text}'"  # "set fire to 11 cars"
                return
        if h.pos_ in ("VERB", "AUX"):
            role = None
            if dep in _OBJ and dep != "attr":
                role = "patient"
            elif dep in ("nsubj", "csubj"):
                role = "patient" if _is_passive_like(h, x) else "subject"
            if role:
                cat = _verb_category(h, role, noun, lex)
                if cat:
                    num.category, num.rule = (
                        cat,
                        f"{'object' if role == 'patient' else 'subject'} of '{h.text}'",
                    )
                    return
                if lemma in lex.other_verbs:
                    num.category, num.rule = "other", f"'{h.text}'"
                    return
                if role == "subject" and lemma == "be":
                    for c in h.children:
                        if c.dep_ in ("acomp", "attr") and c.lower_ in lex.adjectives:
                            num.category, num.rule = lex.adjectives[c.lower_], f"'{h.text} {c.text}'"  # type: ignore[assignment]
                            return
                        if c.dep_ == "prep" and c.lower_ == "among":
                            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                            if pobj is not None and lex.nouns.get(pobj.lower_) in ("killed", "wounded"):
                                num.category = lex.nouns[pobj.lower_]  # type: ignore[assignment]
                                num.rule = f"'among the {pobj.text}'"
                                return
                            if pobj is not None:  # "among those killed"
                                cat, why = _modifier_category(pobj, lex)
                                if cat:
                                    num.category, num.rule = cat, f"'among {pobj.text}' {why}"
                                    return
                if lemma in lex.tally_verbs and role == "subject" and (noun is None or _people(noun, lex)):
                    num.update, num.rule = True, f"count '{h.text}'"
                    return  # "97,735 people had registered": continues the count before it
                if lemma in lex.tally_verbs:
                    tally = _tally_target(h, lex)  # "losses had reached up to 47,000 men"
                    if tally is not None and tally[0] is not None:
                        num.category, num.rule = tally[0], tally[2]
                        return
                break
            if dep in ("attr",) and lemma == "be":
                break
            if dep in ("advmod", "npadvmod", "prep", "pobj", "dobj") or x.pos_ == "ADP":
                # "rose to 459", "up from 420", "put the toll at 30": the number is the value of a tally noun
                tally = _tally_target(h, lex)
                if tally is not None:
                    cat, subj, why, upd = tally
                    direct = x.lower_ in ("to", "from", "at", "up", "down") or cat is None
                    num.category, num.rule, num.update = cat, why, upd and direct
                    if subj and noun is None:
                        num.subject = subj
                    return
                if dep in ("dobj", "prep") and x.pos_ != "ADP":
                    break
        if (
            h.pos_ == "NOUN"
            and x.pos_ in ("ADP", "ADV")
            and x.dep_ in ("prep", "advmod")
            and (noun is None or h.i != noun.i)
        ):
            cat = _noun_category(h, lex)  # "a death toll of 39", "the toll down from 1,400"
            if cat:
                num.update = num.update or x.lower_ in ("up", "down", "from")
                num.category, num.rule = (
                    cat,
                    f"value of '{h.text}'" + (f" ({UPDATE_TAG})" if num.update else ""),
                )
                if noun is None:
                    num.subject = "people" if h.lemma_.lower() in ("toll", "death") else h.text
                return
        if h.pos_ == "NOUN" and dep == "pobj":
            break
        if x.pos_ == "ADP" and x.lower_ in ("with", "between", "for") and h.pos_ == "NOUN":
            break  # "held 3 meetings with 200 delegates": the count belongs to the noun's phrase
        if dep == "conj" or dep == "appos":
            break  # coordinated with another count: inherits from it below
        x = h
    # 3. the noun itself carries a category: "three deaths", "3,000 casualties", "25 hostages"
    if noun is not None:
        cat = _noun_category(noun, lex)
        if cat:
            num.category, num.rule = cat, f"noun '{noun.text}'"
            return


def _carry(cat: FigureCategory | None, noun: Token | None, lex: _Lex) -> FigureCategory | None:
    """A category carried to a linked count: people lost are casualties, things lost destroyed."""
    if noun is None or cat is None:
        return cat
    group = lex.groups.get(noun.lemma_.lower())
    if group in _THING_GROUPS and cat in ("killed", "wounded", "casualties"):
        return "destroyed"
    if group in _PEOPLE_GROUPS and cat in ("damaged", "destroyed"):
        return None
    return cat


def _people(noun: Token, lex: _Lex) -> bool:
    return lex.groups.get(noun.lemma_.lower()) in _PEOPLE_GROUPS or noun.ent_type_ == "NORP"


def _tally_target(verb: Token, lex: _Lex) -> tuple[FigureCategory | None, str | None, str, bool] | None:
    """For 'the death toll rose to 39' or 'the number of houses damaged reached 1,700'."""
    if verb.pos_ not in ("VERB", "AUX"):
        if verb.pos_ == "ADV" and verb.head.i != verb.i:
            return _tally_target(verb.head, lex)
        return None
    cands = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cands) and verb.lemma_.lower() in lex.tally_verbs:
        # a subject lost to a bad parse: the nearest count noun before the verb in its sentence
        for t in reversed(verb.doc[verb.sent.start : verb.i]):
            if t.pos_ == "NOUN" and (t.lemma_.lower() in lex.tally_nouns or _noun_category(t, lex)):
                cands.append(t)
                break
    for c in cands:
        low = c.lemma_.lower()
        update = verb.lemma_.lower() in lex.update_verbs or any(
            g.lower_ in ("up", "down") for g in verb.children
        )
        if low in lex.tally_nouns:
            of = next((g for g in c.children if g.dep_ == "prep" and g.lower_ == "of"), None)
            pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
            if of is not None and pobj is None and of.i + 1 < len(of.doc):
                pobj = of.doc[of.i + 1]  # "the number of dead" with 'dead' parsed elsewhere
            if pobj is not None:
                cat, why = _modifier_category(pobj, lex)
                cat = cat or lex.adjectives.get(pobj.lower_)
                cat = cat or _noun_category(pobj, lex)
                if cat is None and c.head.i != verb.i and c.head.pos_ == "VERB":
                    # "the number of Palestinians killed" parsed with 'number' as the subject of 'killed'
                    cat, why = _verb_category(c.head, "patient", pobj, lex), f"'{c.head.text}'"
                if cat:
                    return cat, _subject_text(pobj, lex), f"'{c.text} of {pobj.text}' {why}".strip(), update
            return None, None, f"'{c.text}' continues a count ({UPDATE_TAG})", True
        cat = _noun_category(c, lex)
        if cat:
            subj = "people" if low in ("toll", "death") else None
            return cat, subj, f"'{c.text}' {verb.text}" + (f" ({UPDATE_TAG})" if update else ""), update
    return None


def _subject_text(noun: Token, lex: _Lex) -> str:
    """What is counted, as the text names it: the noun with its compounds and adjectives."""
    if noun.lemma_.lower() in ("toll",) or noun.lower_ in lex.adjectives:
        return "people"  # "the death toll", "the number of dead"
    if noun.lemma_.lower() in lex.nouns:
        # "three deaths among its soldiers": the soldiers are counted
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("among", "of"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                    return _subject_text(pobj, lex)
    mods = [
        t
        for c in noun.children
        if c.dep_ in ("compound", "amod", "nmod")
        and c.i < noun.i
        and c.lower_ not in lex.adjectives
        and not c.like_num
        and c.lower_ not in _NOT_SUBJECT
        for t in c.subtree
        if not t.like_num
    ]
    words = [t.text_with_ws for t in sorted({*mods, noun}, key=lambda t: t.i)]
    words = ["".join(words).strip()]
    if noun.lemma_.lower() == "member":
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None:
            words = [pobj.text, noun.text]
    return " ".join(words)


# --- links between figures ----------------------------------------------------------------------


def _link(nums: list[_Num], sent_of: dict[int, int]) -> None:
    """Let counts with no category of their own take it from the count they continue."""
    tok_owner: dict[int, int] = {}
    for k, num in enumerate(nums):
        for t in num.toks:
            tok_owner[t.i] = k
        if num.noun is not None:
            tok_owner.setdefault(num.noun.i, k)
    for k, num in enumerate(nums):
        if num.category is not None or num.anchor is None or num.skip:
            continue
        core = (
            num.noun
            if num.noun is not None and num.noun.i in tok_owner and tok_owner[num.noun.i] == k
            else num.anchor
        )
        # climb through conj / appos / 'including' / 'among' / 'along with' to another count
        x = core
        target = None
        for _ in range(4):
            h = x.head
            if h.i == x.i:
                break
            if h.i in tok_owner and tok_owner[h.i] != k:
                target = tok_owner[h.i]
                break
            if x.dep_ in ("conj", "appos", "pobj", "prep", "npadvmod", "advmod") or h.lower_ in (
                "including",
                "among",
                "with",
                "along",
            ):
                x = h
                continue
            break
        if num.subset or num.follows:
            prev = [
                j for j in range(k) if nums[j].category and not nums[j].subset and sent_of[j] == sent_of[k]
            ]
            target = prev[-1] if prev else target
        if target is None and num.update:
            # "the number rose to 98,625": the last count before it, in this or the previous sentence
            prev = [j for j in range(k) if nums[j].category and sent_of[k] - sent_of[j] <= 1]
            target = prev[-1] if prev else None
        definite = num.toks[0].i > 0 and num.toks[0].doc[num.toks[0].i - 1].lower_ == "the"
        if (
            target is None
            and num.noun is None
            and (
                num.anchor.dep_ in ("nsubj", "nsubjpass", "dobj") or (definite and num.anchor.dep_ == "pobj")
            )
        ):
            prev = [j for j in range(k) if nums[j].category and sent_of[j] == sent_of[k]]
            target = prev[-1] if prev else None
        if target is not None and nums[target].category:
            src = nums[target]
            num.link = target
            if num.category is None:
                num.category = _carry(src.category, num.noun, _lex())
                num.rule = (num.rule + "; " if num.rule else "") + f"continues '{src.toks[0].text}'"
                if num.update or (src.update and num.follows):
                    num.rule += f" ({UPDATE_TAG})"
                    num.update = True
    # a count with a category but no noun ("292 wounded", "240 were taken captive") shares the
    # noun of the count before it in the sentence
    for k, num in enumerate(nums):
        if num.noun is None and num.subject is None and num.category:
            prev = [
                j
                for j in range(k)
                if nums[j].category
                and (nums[j].noun is not None or nums[j].subject)
                and not nums[j].subset
                and sent_of[k] - sent_of[j] <= (1 if num.update else 0)
            ]
            if not prev:
                # "They now say 22 have been killed": the same kind of count in the sentence before
                prev = [
                    j
                    for j in range(k)
                    if nums[j].category == num.category
                    and not nums[j].subset
                    and (nums[j].noun is not None or nums[j].subject)
                    and sent_of[k] - sent_of[j] == 1
                ]
            if num.link is not None and (nums[num.link].noun is not None or nums[num.link].subject):
                prev.append(num.link)
            if prev:
                src = nums[prev[-1]]
                num.subject = src.subject or (
                    _subject_text(src.noun, _lex()) if src.noun is not None else None
                )
                num.link = prev[-1] if num.link is None else num.link
                num.party = num.party or src.party


# --- claimants ----------------------------------------------------------------------------------


@dataclass
class _Speaker:
    start: int
    party: Party
    head_lemma: str
    person: bool
    side: str | None
    words: frozenset[str] = frozenset()  # every word of its phrase, appositions included


def _np_tokens(head: Token) -> list[Token]:
    """The noun phrase of ``head`` without articles, clauses, appositions and most prepositions."""
    keep = [head]
    for c in head.children:
        if c.dep_ in ("det",) and c.lower_ in ("the", "a", "an", "this", "that"):
            continue
        if c.dep_ == "prep" and c.lower_ in _NP_PREPS and c.i > head.i:
            keep.extend(
                c.subtree if not any(g.dep_ in ("relcl", "appos") for g in c.subtree) else [c, *_pp(c)]
            )
            continue
        if c.dep_ in _NP_SKIP:
            continue
        keep.extend(t for t in c.subtree if not (t.dep_ == "det" and t.lower_ in ("the", "a", "an")))
    return sorted(set(keep), key=lambda t: t.i)


def _pp(prep: Token) -> list[Token]:
    pobj = next((g for g in prep.children if g.dep_ == "pobj"), None)
    return _np_tokens(pobj) if pobj is not None else []


def _clean(text: str) -> str:
    text = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _party_for(head: Token, ctx: Context, lex: _Lex) -> tuple[Party, bool, str | None]:
    """A claimant ``Party`` for the noun phrase headed by ``head``: (party, is_person, side)."""
    # a common-noun title followed by a name: "A TDF commander, Tsadkan Gebretensae"
    name_tok = head
    if head.pos_ == "NOUN":
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is not None:
            name_tok = appos
    ent = ctx.entities.at(name_tok.idx, name_tok.idx + len(name_tok.text)) if len(ctx.entities) else None
    toks = _np_tokens(name_tok)
    text = _np_text(toks)
    if (
        name_tok.ent_type_ in ("ORG", "PERSON", "FAC")
        and name_tok.i + 1 < len(name_tok.doc)
        and name_tok.doc[name_tok.i + 1].ent_iob_ == "I"
    ):
        # a name running past its head: "the Committee to Protect Journalists"
        full = _ent_span(name_tok)
        if len(full) > len(text):
            text = full
    # spaCy sometimes tags "General Staff" a person; an owner ("Veshtar's General Staff") says otherwise
    owner = next((c for c in name_tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    person = name_tok.ent_type_ == "PERSON" and owner is None
    side = _clean(re.sub(r"['\u2019]s$", "", owner.text)) if owner is not None else None
    side = side or _side_of(toks, ctx, lex)
    if ent is not None:
        known = set(re.findall(r"\w+", " ".join([ent.name, *ent.aliases]).lower()))
        extra = [t for t in toks if t.text[:1].isupper() and t.is_alpha and t.lower_ not in known]
        if extra:
            ent = None  # an owner the entity lacks: "Kiev's military" is not "Russian military"
    if ent is not None:
        person = person or ent.type == "PERSON"
        side = side or ent.affiliation or (ent.name if ent.type in ("GPE", "NORP") else None)
        party = ctx.entities.party(ent)
        if ent.name.split()[-1][:1].islower() and name_tok.pos_ == "PROPN" and text[:1].isupper():
            # a proper name beats a description as the canonical form: "UNRWA", not "U.N. agency"
            party = Party(name=text, entity_id=ent.id, kind="source", resolved_via="name")
        return party, person, side
    return Party(name=text, kind="source", resolved_via="name"), person, side


def _np_text(toks: list[Token]) -> str:
    """The words of a noun phrase as written, without a leading article."""
    if not toks:
        return ""
    if _contiguous(toks):
        return _clean(toks[0].doc[toks[0].i : toks[-1].i + 1].text)
    return _clean(" ".join(t.text for t in toks).replace(" 's", "'s").replace(" \u2019s", "\u2019s"))


def _contiguous(toks: list[Token]) -> bool:
    return all(b.i - a.i == 1 for a, b in zip(toks, toks[1:], strict=False))


def _side_of(toks: Iterable[Token], ctx: Context, lex: _Lex) -> str | None:
    """The state or group a noun phrase belongs to: 'Azerbaijani authorities' -> Azerbaijan."""
    for t in toks:
        s = _demonym_state(t, ctx, lex)
        if s:
            return s
        if t.ent_type_ in ("GPE",) and t.pos_ == "PROPN":
            ent_span = _ent_span(t)
            return ent_span
    return None


def _ent_span(t: Token) -> str:
    """The text of the named entity ``t`` is part of, without a possessive 's."""
    if not t.ent_type_:
        return t.text
    doc = t.doc
    a = t.i
    while a > 0 and doc[a].ent_iob_ == "I":
        a -= 1
    b = t.i + 1
    while b < len(doc) and doc[b].ent_iob_ == "I":
        b += 1
    return _clean(re.sub(r"['\u2019]s$", "", doc[a:b].text))


def _demonym_state(t: Token, ctx: Context, lex: _Lex) -> str | None:
    """The state a nationality word names: the shared lexicon, else the entity table, which maps
    an unlisted nationality to a state named in the article ('Veshtari' -> Veshtar)."""
    low = t.lower_
    if low in lex.demonyms:
        return lex.demonyms[low]
    if not t.text[:1].isupper():
        return None
    ent = ctx.entities.at(t.idx, t.idx + len(t.text))
    return ent.name if ent is not None and ent.type == "GPE" else None


def _speakers(doc: Doc, ctx: Context, lex: _Lex) -> list[_Speaker]:
    """Named subjects of reporting verbs and 'according to' objects, in text order."""
    out: list[_Speaker] = []
    for tok in doc:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        h = tok.head
        is_speaker = (tok.dep_ == "nsubj" and h.lemma_.lower() in lex.speech | lex.stance) or (
            tok.dep_ == "pobj" and h.lower_ == "to" and h.head.lower_ == "according"
        )
        if not is_speaker or tok.lemma_.lower() in lex.not_claimants:
            continue
        party, person, side = _party_for(tok, ctx, lex)
        out.append(_Speaker(tok.idx, party, tok.lemma_.lower(), person, side))
    return out


class _Speakers:
    """The article's named speakers, found only when a pronoun or 'the ministry' needs them."""

    def __init__(self, doc: Doc, ctx: Context, lex: _Lex) -> None:
        self._args = (doc, ctx, lex)
        self._found: list[_Speaker] | None = None

    def __call__(self) -> list[_Speaker]:
        if self._found is None:
            self._found = _speakers(*self._args)
        return self._found


def _resolve_pronoun(tok: Token, speakers: _Speakers, lex: _Lex) -> _Speaker | None:
    low = tok.lower_
    want_person = low in lex.pron_person
    for sp in reversed(speakers()):
        if sp.start >= tok.idx:
            continue
        if sp.party.name.lower() in lex.pron_person | lex.pron_group:
            continue
        if want_person == sp.person or (not want_person and low == "they"):
            return sp
    return None


def _claimant_np(head: Token, ctx: Context, lex: _Lex, speakers: _Speakers) -> _Speaker | None:
    if head.lemma_.lower() in lex.not_claimants or any(
        t.like_num and t.dep_ == "nummod" and t.head.i == head.i for t in head.children
    ):
        return None
    if head.pos_ == "PRON":
        if head.lower_ in lex.pron_person | lex.pron_group:
            sp = _resolve_pronoun(head, speakers, lex)
            if sp is not None:
                party = Party(sp.party.name, sp.party.entity_id, "source", "pronoun")
                return _Speaker(head.idx, party, sp.head_lemma, sp.person, sp.side)
        return None
    if head.lemma_.lower() in lex.documents:
        # "its evening summary said", "the army's statement said": the owner speaks
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and owner.lower_ in ("its", "their"):
            prev = _previous_subject(owner)
            if prev is not None:
                # "Kovan's military did not respond. Its own summary said ...": the last subject
                party, person, side = _party_for(prev, ctx, lex)
                return _Speaker(
                    head.idx, Party(party.name, party.entity_id, "source", "pronoun"), "", person, side
                )
            sp = _resolve_pronoun(owner, speakers, lex)
            if sp is not None:
                party = Party(sp.party.name, sp.party.entity_id, "source", "pronoun")
                return _Speaker(head.idx, party, sp.head_lemma, sp.person, sp.side)
        elif owner is not None and owner.pos_ != "PRON":
            sp = _claimant_np(owner, ctx, lex, speakers)
            if sp is not None:
                return sp
    party, person, side = _party_for(head, ctx, lex)
    words = frozenset(re.findall(r"\w+", " ".join(t.lower_ for t in head.subtree)))
    bare = (
        head.pos_ == "NOUN"
        and not any(c.dep_ in ("compound", "amod", "poss") for c in head.children)
        and any(c.lower_ == "the" for c in head.children)
    )
    if bare:
        # "the ministry" after "Russia's Defense Ministry said"
        for sp in reversed(speakers()):
            if (
                sp.start < head.idx
                and sp.head_lemma == head.lemma_.lower()
                and sp.party.name.lower() != head.lower_
            ):
                return _Speaker(
                    head.idx,
                    Party(sp.party.name, sp.party.entity_id, "source", "title"),
                    sp.head_lemma,
                    sp.person,
                    sp.side,
                )
    return _Speaker(head.idx, party, head.lemma_.lower(), person, side, words)


def _previous_subject(tok: Token) -> Token | None:
    """The subject of the sentence before ``tok``'s, when it names a group (not a person or pronoun)."""
    sent = tok.sent
    if sent.start == 0:
        return None
    prev = tok.doc[sent.start - 1].sent
    subj = next((c for c in prev.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN") or subj.ent_type_ == "PERSON":
        return None
    return subj


def _according_to(tok: Token) -> Token | None:
    for c in tok.children:
        if c.lower_ == "according":
            to = next((g for g in c.children if g.lower_ == "to"), None)
            if to is not None:
                return next((g for g in to.children if g.dep_ == "pobj"), None)
    return None


def _find_claimant(num: _Num, ctx: Context, lex: _Lex, speakers: _Speakers) -> tuple[_Speaker | None, str]:
    """The claimant over the parse: 'according to X', 'X said ...', 'reported by X'."""
    assert num.anchor is not None
    start = num.anchor
    # "the 1,900 claimed by Serevia": a by-phrase on the number or its noun
    for holder in (start, num.noun):
        for c in holder.children if holder is not None else ():
            if c.dep_ == "acl" and c.lemma_.lower() in lex.by_agent:
                agent = next((g for g in c.children if g.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
                sp = _claimant_np(pobj, ctx, lex, speakers) if pobj is not None else None
                if sp:
                    return sp, f"'{c.text} by {pobj.text}'"  # type: ignore[union-attr]
    path = [start, *start.ancestors]
    for a in path:
        acc = _according_to(a)
        if acc is not None:
            sp = _claimant_np(acc, ctx, lex, speakers)
            if sp:
                return sp, f"according to '{acc.text}'"
        lemma = a.lemma_.lower()
        if a.pos_ in ("VERB", "AUX") and lemma in lex.speech:
            # the subject not holding the number (a misparse can give a verb two subjects)
            subj = next((c for c in a.children if c.dep_ == "nsubj" and start not in set(c.subtree)), None)
            if subj is not None:
                sp = _claimant_np(subj, ctx, lex, speakers)
                if sp:
                    return sp, f"subject of '{a.text}'"
            if lemma in lex.by_agent:
                agent = next((c for c in a.children if c.dep_ == "agent"), None)
                pobj = (
                    next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                )
                if pobj is not None:
                    sp = _claimant_np(pobj, ctx, lex, speakers)
                    if sp:
                        return sp, f"'{a.text} by {pobj.text}'"
        # a reporting clause hung under the figure's clause: "..., the ministry said"
        for c in a.children:
            if c.dep_ in ("parataxis", "ccomp") and c.lemma_.lower() in lex.speech and c.i > start.i:
                subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if subj is not None:
                    sp = _claimant_np(subj, ctx, lex, speakers)
                    if sp:
                        return sp, f"subject of '{c.text}'"
    # the reporting verb heading the sentence: "X said its 'Operation 1027' had captured ..."
    root = start.sent.root
    if root.lemma_.lower() in lex.speech and root.i < start.i:
        subj = next((c for c in root.children if c.dep_ == "nsubj" and start not in set(c.subtree)), None)
        if subj is not None:
            sp = _claimant_np(subj, ctx, lex, speakers)
            if sp:
                return sp, f"subject of '{root.text}' heading the sentence"
    # a bare reporting clause set into the sentence: "Another 74 were wounded, she said, 11 of them ..."
    for t in start.sent:
        if (
            t.lemma_.lower() in lex.speech
            and t.pos_ == "VERB"
            and t.dep_ in ("parataxis", "ROOT", "advcl")
            and t.i != start.i
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in t.children)
            and t.i > 1
            and t.doc[t.i - 1].dep_ == "nsubj"
            and t.doc[t.i - 1].head.i == t.i
            and t.doc[t.i - 1].left_edge.i > 0
            and t.doc[t.doc[t.i - 1].left_edge.i - 1].text == ","
        ):
            sp = _claimant_np(t.doc[t.i - 1], ctx, lex, speakers)
            if sp:
                return sp, f"inserted '{t.doc[t.i - 1].text} {t.text}'"
    # "according to X" elsewhere in the sentence covers all its figures
    for t in start.sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            pobj = next((g for g in t.doc[t.i + 1].children if g.dep_ == "pobj"), None)
            if pobj is not None:
                sp = _claimant_np(pobj, ctx, lex, speakers)
                if sp:
                    return sp, f"according to '{pobj.text}' in its sentence"
    return None, ""


def _covering_quote(span: tuple[int, int], ctx: Context) -> int | None:
    best: tuple[int, int] | None = None
    for k, q in enumerate(ctx.quotes):
        s, e = q.content_span or q.span
        qs, qe = q.span
        if (s <= span[0] and span[1] <= e) or (qs <= span[0] and span[1] <= qe):
            width = e - s
            if q.speaker.kind != "unknown" and (best is None or width < best[1]):
                best = (k, width)
    return best[0] if best else None


# --- party and date -----------------------------------------------------------------------------


def _party(num: _Num, claimant: _Speaker | None, ctx: Context, lex: _Lex) -> tuple[str | None, str]:
    """Whose losses: from the counted noun's modifiers, its possessor, or the claimant's side."""
    noun = num.noun
    claim_side = claimant.side if claimant else None
    # a named organisation stands for its own side; a person's side is unknown without one
    claim_name = claimant.party.name if claimant and not claimant.person else None
    cands: list[Token] = []
    if noun is not None:
        cands = [noun]
        for c in noun.children:  # "deaths among its soldiers", "members of its crew"
            if c.dep_ == "prep" and c.lower_ in ("among", "of"):
                cands.extend(g for g in c.children if g.dep_ == "pobj")
    elif num.anchor is not None:
        # "put its own losses at fewer than 100": the loss noun the number is the value of
        verb = next((a for a in num.anchor.ancestors if a.pos_ in ("VERB", "AUX")), None)
        if verb is not None:
            cands = [
                c
                for c in verb.children
                if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                and (c.lemma_.lower() in lex.nouns or c.lemma_.lower() in lex.tally_nouns)
            ]
    if cands:
        for n in cands:
            for c in n.children:
                if c.dep_ == "poss":
                    if c.pos_ == "PRON":
                        owner = _clause_subject(n, cands)
                        if owner is not None and c.lower_ in ("its", "their"):
                            state = _side_of(_np_tokens(owner), ctx, lex)
                            return state or _clean(
                                owner.doc[owner.left_edge.i : owner.i + 1].text
                            ), f"'{c.text} {n.text}' (the clause subject's)"
                        if c.lower_ in ("its", "their", "our", "his", "her") and claimant is not None:
                            return claim_side or claim_name, f"'{c.text} {n.text}' (the claimant's)"
                    else:
                        return _clean(re.sub(r"['\u2019]s$", "", c.text)), f"possessive '{c.text}'"
                if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i:
                    state = _demonym_state(c, ctx, lex)
                    if state:
                        return state, f"'{c.text} {n.text}'"
                    if c.pos_ == "PROPN" and c.ent_type_ in _PARTY_NOUN_ENTS:
                        return _ent_span(c), f"'{c.text} {n.text}'"
            if n.ent_type_ == "NORP" and n.pos_ == "PROPN":
                return _demonym_state(n, ctx, lex) or n.text, f"nationality '{n.text}'"
        # an "of"-partitive: "834 of their troops"
        anchor = num.anchor
        if (
            anchor is not None
            and noun is not None
            and noun.head.dep_ == "prep"
            and noun.head.head.i == anchor.i
        ):
            for c in noun.children:
                if c.dep_ == "poss" and c.pos_ == "PRON" and claimant is not None:
                    return claim_side or claim_name, f"'{c.text} {noun.text}' (the claimant's)"
    if num.party:
        return num.party, "shared with the count it continues"
    # "Ukrainian formations lost 1,500 servicemen", "we lost nine men": the loser's
    loser = _loss_verb_above(noun if noun is not None else num.anchor, lex)
    if loser is not None:
        subj = next((c for c in loser.children if c.dep_ == "nsubj"), None)
        head = loser
        while subj is None and head.dep_ == "conj" and head.head.i != head.i:
            # "its troops had killed 46 ... and had lost only four men": the shared subject
            head = head.head
            subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
        owner = next((c for c in subj.children if c.dep_ == "poss"), None) if subj is not None else None
        if subj is not None and subj.pos_ == "PRON":
            if subj.lower_ in ("we", "they", "it") and claimant is not None:
                return claim_side or claim_name, f"'{subj.text} {loser.text}' (the claimant's)"
        elif owner is not None and owner.lower_ in ("its", "their", "our") and claimant is not None:
            return claim_side or claim_name, f"'{owner.text} {subj.text} {loser.text}' (the claimant's)"  # type: ignore[union-attr]
        elif subj is not None:
            state = _side_of(_np_tokens(subj), ctx, lex)
            return state or _np_text(_np_tokens(subj)), f"subject of '{loser.text}'"
    # "killed on the Armenian side"
    verb = next(
        (a for a in (num.anchor.ancestors if num.anchor is not None else []) if a.pos_ == "VERB"), None
    )
    holders = [t for t in (verb, noun) if t is not None]
    for c in [c for h in holders for c in h.children]:
        if c.dep_ == "prep" and c.lower_ in ("on", "among"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None and pobj.lower_ == "sides" and any(g.lower_ == "both" for g in pobj.children):
                return "both sides", "'on both sides'"
            if pobj is not None and pobj.lemma_.lower() in ("side", "ranks"):
                for m in pobj.children:
                    state = _demonym_state(m, ctx, lex) if m.dep_ in ("amod", "compound") else None
                    if m.dep_ == "poss" and m.pos_ == "PROPN":
                        state = _clean(re.sub(r"['\u2019]s$", "", m.text))
                    if state:
                        return state, f"'on the {m.text} {pobj.text}'"
    things = noun is None and lex.groups.get(_last_lemma(num.subject)) in _THING_GROUPS
    person = (
        (noun is None and not things) or (noun is not None and _people(noun, lex)) or num.subject == "people"
    )
    if person and claimant is not None and claimant.party.kind == "source" and claim_side:
        group = lex.groups.get(noun.lemma_.lower()) if noun is not None else "people"
        if group != "military":
            return claim_side, "losses reported by their own side"
    return None, ""


def _last_lemma(subject: str | None) -> str:
    """The last word of a subject text, singular: 'armoured vehicles' -> 'vehicle'."""
    words = (subject or "").lower().split()
    if not words:
        return ""
    w = words[-1]
    return w[:-1] if w.endswith("s") and not w.endswith("ss") else w


def _loss_verb_above(tok: Token | None, lex: _Lex) -> Token | None:
    """The loss verb ('lose', 'suffer') whose object holds ``tok``, through at most one
    participle or coordination ("lost at least 60 servicemen killed and 100 wounded")."""
    x = tok
    for _ in range(4):
        if x is None or x.head is x:
            return None
        h = x.head
        if h.pos_ in ("VERB", "AUX") and h.lemma_.lower() in lex.loss_verbs:
            return h if x.dep_ in ("dobj", "obj", "ccomp", "xcomp", "conj", "attr") else None
        if h.pos_ in ("VERB", "AUX") and h.lemma_.lower() in lex.speech:
            return None
        x = h
    return None


def _clause_subject(n: Token, counted: list[Token]) -> Token | None:
    """The named subject of the clause holding ``n`` ("The army put its own losses at ...")."""
    verb = n.head if n.dep_ in ("dobj", "obj", "pobj") else None
    if verb is None or verb.pos_ not in ("VERB", "AUX"):
        return None
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj in counted or subj.pos_ == "PRON":
        return None
    return subj


def _as_of(num: _Num, span: tuple[int, int], sent: Span, ctx: Context) -> tuple[str | None, str]:
    """The date the figure refers to: the nearest date in its sentence not introduced by 'since'."""
    best: tuple[int, str] | None = None
    for d in ctx.dates:
        if not d.value or d.grain not in (None, "day") or len(d.value) != 10:
            continue
        s, e = d.span
        if s < sent.start_char or e > sent.end_char:
            continue
        before = sent.doc.char_span(s, e, alignment_mode="expand")
        if before is not None and before.start > 0:
            prev = sent.doc[before.start - 1]
            if prev.lower_ in ("since", "from", "until", "till", "after", "before"):
                continue
        dist = min(abs(s - span[1]), abs(span[0] - e))
        if best is None or dist < best[0]:
            best = (dist, d.value)
    if best is not None:
        return best[1], "date in its sentence"
    return ctx.published, "publication date"


# --- the extractor ------------------------------------------------------------------------------


def extract(doc: Doc, ctx: Context, *, include_other: bool = False) -> list[Figure]:
    """Figure records found in ``doc``: value, qualifier, category, subject, party, claimant, date.

    ``include_other`` keeps counts whose category is ``other`` (prisoners released, drones launched).
    """
    lex = _lex()
    nums = _merge_ranges(doc, _chunks(doc, lex))
    # counts only: whole, not negative, within numbers.is_count's bound ('0.5 wounded', 1e22 are not)
    nums = [n for n in nums if all(numbers.is_count(v) for v in (n.value, n.low, n.high) if v is not None)]
    kept: list[_Num] = []
    for num in nums:
        _qualify(doc, num, lex)
        if _excluded(doc, num, lex):
            continue
        _mark_subset(doc, num)
        _analyse(num, lex)
        _verb_qualifier(num, lex)
        kept.append(num)
    sents = list(doc.sents)
    sent_index = {}
    for si, s in enumerate(sents):
        for t in range(s.start, s.end):
            sent_index[t] = si
    sent_of = {k: sent_index[n.toks[0].i] for k, n in enumerate(kept)}
    _link(kept, sent_of)
    speakers = _Speakers(doc, ctx, lex)
    states = _state_map(doc, ctx) if kept else {}
    figures: list[Figure] = []
    claim_of: dict[int, _Speaker | None] = {}
    for k, num in enumerate(kept):
        if num.category is None or (num.category == "other" and not include_other):
            continue
        assert num.anchor is not None
        toks = sorted([*num.q_toks, *num.toks], key=lambda t: t.i)
        span = (toks[0].idx, num.toks[-1].idx + len(num.toks[-1].text))
        fig_span = span
        if num.noun is not None and num.noun.i > num.toks[-1].i and num.noun.i - num.toks[-1].i <= 4:
            fig_span = (span[0], num.noun.idx + len(num.noun.text))
        qi = _covering_quote(span, ctx)
        claimant, why_c = _find_claimant(num, ctx, lex, speakers)
        if (
            qi is not None
            and not _more_specific(claimant, ctx.quotes[qi].speaker)
            and not _own_pronoun(claimant, ctx.quotes[qi].speaker)
        ):
            # a covering quote's speaker, unless the parse names the same speaker more fully
            q = ctx.quotes[qi]
            qparty = _document_owner(q.speaker, lex)
            side = _side_from_name(qparty, ctx, lex)
            claimant = _Speaker(q.span[0], qparty, "", False, side)
            why_c = f"in a quote of {q.speaker.name}"
        if claimant is None and num.link is not None and num.link in claim_of:
            claimant, why_c = claim_of[num.link], "claimant of the count it continues"
        claim_of[k] = claimant
        party, why_p = _party(num, claimant, ctx, lex)
        weak = party is None or why_p == "losses reported by their own side"
        if weak and num.link is not None and kept[num.link].party:
            party, why_p = kept[num.link].party, "shared with the count it continues"
        party = states.get(party, party) if party else party
        num.party = party
        as_of, _ = _as_of(num, span, sents[sent_of[k]], ctx)
        subject = num.subject or (_subject_text(num.noun, lex) if num.noun is not None else "people")
        reason = f"{num.rule}; claimant: {why_c or 'the outlet (no source named)'}"
        if why_p:
            reason += f"; party: {why_p}"
        if num.update and UPDATE_TAG not in reason:
            reason += f" ({UPDATE_TAG})"
        if num.category == "casualties" and _loss_verb_above(num.noun or num.anchor, lex) is not None:
            reason += f" ({LOSS_TAG})"
        if _part_of_losses(num, lex):
            reason += f" ({PART_TAG})"
        figures.append(
            Figure(
                value=num.value,
                category=num.category,
                subject=subject,
                claimant=claimant.party if claimant else Party.outlet(ctx.article.outlet),
                span=fig_span,
                low=num.low if num.low is not None else (num.value if num.qualifier == "exact" else None),
                high=num.high if num.high is not None else (num.value if num.qualifier == "exact" else None),
                qualifier=num.qualifier,
                party=party,
                as_of=as_of,
                quote=qi,
                reason=reason,
                sentence=sent_of[k],
            )
        )
    return figures


def _part_of_losses(num: _Num, lex: _Lex) -> bool:
    """'four of the dead', 'six of the injured': a part of a count given elsewhere."""
    noun = num.noun
    if noun is None or noun.head.lower_ != "of" or noun.head.head.i not in {t.i for t in num.toks}:
        return False
    return noun.lower_ in lex.adjectives or noun.lemma_.lower() in lex.nouns


def _document_owner(party: Party, lex: _Lex) -> Party:
    """A document named as a speaker stands for its owner: "the army's evening summary" -> army."""
    words = party.name.split()
    if len(words) < 2 or words[-1].lower() not in lex.documents:
        return party
    for k in range(len(words) - 2, -1, -1):
        if re.search(r"['\u2019]s$", words[k]):
            owner = _clean(re.sub(r"['\u2019]s$", "", " ".join(words[: k + 1])))
            return Party(owner, None, party.kind, party.resolved_via) if owner else party
    return party


def _own_pronoun(mine: _Speaker | None, theirs: Party) -> bool:
    """Both resolved the reporting verb's pronoun ("it said ..."): keep the parse's antecedent,
    which also weighs subjects of stance verbs ("X rejected the figures. It said ...")."""
    return (
        mine is not None
        and mine.party.resolved_via == "pronoun"
        and theirs.resolved_via == "pronoun"
        and mine.party.name != theirs.name
    )


def _more_specific(mine: _Speaker | None, theirs: Party) -> bool:
    """Whether the parse's claimant names the quote's speaker more fully ('mission to the JCCC')."""
    if mine is None or mine.party.resolved_via in ("pronoun", "title"):
        return False
    a = set(re.findall(r"\w+", mine.party.name.lower())) - {"the", "s"}
    b = set(re.findall(r"\w+", theirs.name.lower())) - {"the", "s"}
    # the same speaker named more fully, or by the name its apposition describes ("UNRWA, the U.N. agency")
    return bool(b) and (b < a or (b <= mine.words and mine.party.name[:1].isupper()))


def _state_map(doc: Doc, ctx: Context) -> dict[str, str]:
    """Places to the state they lie in: 'KYIV, Ukraine' in a dateline, or an entity's affiliation."""
    out: dict[str, str] = {}
    ents = [e for e in doc.ents if e.label_ == "GPE"]
    for a, b in zip(ents, ents[1:], strict=False):
        if b.start == a.end + 1 and doc[a.end].text == "," and a.text.lower() != b.text.lower():
            out.setdefault(a.text if not a.text.isupper() else a.text.title(), b.text)
            out.setdefault(a.text, b.text)
    for ent in ctx.entities:
        if ent.type == "GPE" and ent.affiliation and ent.affiliation != ent.name:
            for n in (ent.name, *ent.aliases):
                out.setdefault(n, ent.affiliation)
    return out


def _side_from_name(party: Party, ctx: Context, lex: _Lex) -> str | None:
    if party.entity_id:
        ent = ctx.entities.by_id(party.entity_id)
        if ent is not None:
            return ent.affiliation or (ent.name if ent.type in ("GPE", "NORP") else None)
    for word in party.name.split():
        w = re.sub(r"['\u2019]s$", "", word)
        if w.lower() in lex.demonyms:
            return lex.demonyms[w.lower()]
    return None


__all__ = ["LOSS_TAG", "PART_TAG", "UPDATE_TAG", "Figure", "extract"]
