"""Reading one number over the parse: its anchor, the noun it counts, its category and subject
(``analyse``): from the counted noun's modifiers, the verb or preposition above, the noun itself,
or, when the parse gives nothing, the words right after it; and whether it is a part of the
count before it ("including 10 children") or continues it ("up from 420")."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...nlp import token_lowers
from .categories import is_passive_like, modifier_category, noun_category, tally_target, verb_category
from .lexicon import THING_GROUPS, FigureLex, is_people
from .numbers import UPDATE_TAG, Num

_OBJ = {"dobj", "obj", "nsubjpass", "oprd", "attr"}


def anchor_of(num: Num) -> Token:
    """The token joining the expression to the rest of the parse ('between' in 'between 20 and 30 X')."""
    toks = [*num.q_toks, *num.toks] if num.qualifier == "range" else num.toks
    ids = {t.i for t in toks}
    outside = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    return outside[-1] if outside else num.toks[-1]


def analyse(num: Num, lex: FigureLex) -> None:
    """Set ``noun``, ``category``, ``subject``, ``rule`` (and ``update``) from the parse."""
    anchor = num.anchor = anchor_of(num)
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


_BE_FORMS = {"was", "were", "are", "is", "been", "be", "being"}


def mark_subset(doc: Doc, num: Num) -> None:
    """'..., including 10 civilians', '..., among them 138 civilians': a part of the count before."""
    lowers = token_lowers(doc)
    k = (num.q_toks[0].i if num.q_toks else num.toks[0].i) - 1
    words = lowers[max(0, k - 2) : k + 1]
    after = tuple(lowers[num.toks[-1].i + 1 : num.toks[-1].i + 3])
    if tuple(words[-1:]) in _SUBSET_CUES or tuple(words[-2:]) in _SUBSET_CUES or after in _SUBSET_CUES:
        num.subset = True
    elif tuple(words[-2:]) in _FOLLOW_CUES or tuple(words[-3:]) in _FOLLOW_CUES:
        num.follows = True
        num.update = words[-1] == "from"


def _adjacent_category(num: Num, lex: FigureLex) -> None:
    """Read off the words right after the number when the parse gives no category: a loss word
    used as a noun ("46 wounded", "nine dead"), or a noun with a bare participle ("60 servicemen
    killed", "412 armoured vehicles destroyed"), not a finite verb with an object."""
    doc = num.toks[0].doc
    j = num.toks[-1].i + 1
    if j < len(doc) - 1 and doc[j].is_quote and doc[j + 1].lower_ in lex.adjectives:
        j += 1  # '"... at least 20" wounded': a quotation closing between the number and its word
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
            things = lex.groups.get(noun.lemma_.lower()) in THING_GROUPS
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
    if cat in ("damaged", "destroyed") and lex.groups.get(noun.lemma_.lower()) not in THING_GROUPS:
        return
    if cat and part.lemma_.lower() not in ("hit", "strike", "hold", "take", "seize"):
        num.category, num.rule = cat, f"'{noun.text} {part.text}' (surface)"  # type: ignore[assignment]
        if num.noun is None:
            num.noun = noun


def _surface_category(num: Num, lex: FigureLex) -> None:
    """When the parse gives nothing: 'N (noun) were|had been <participle>' read off the words."""
    doc = num.toks[0].doc
    j = num.toks[-1].i + 1
    if num.noun is not None and num.noun.i >= j and num.noun.i - j < 4:
        j = num.noun.i + 1
    seen_be = False
    limit = 8
    while j < len(doc) and j - num.toks[-1].i < limit:
        t = doc[j]
        if t.text == "," and not seen_be and j + 1 < len(doc) and (doc[j + 1].lower_,) in _SUBSET_CUES:
            # '558 people, including 50 children, have been killed': step over the part
            close = next((k for k in range(j + 2, min(j + 12, len(doc))) if doc[k].text == ","), None)
            if close is None:
                return
            limit += close + 1 - j
            j = close + 1
            continue
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


def _analyse_parse(num: Num, anchor: Token, lex: FigureLex) -> None:
    """The category read over the parse: the counted noun's modifiers, the verb or preposition
    above, the noun itself; sets ``noun``, ``category``, ``rule`` (or ``skip``) on ``num``."""
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
        cat, why = modifier_category(noun if noun is not None else anchor, lex)
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
            and lex.groups.get(noun.lemma_.lower()) in THING_GROUPS
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
                role = "patient" if is_passive_like(h, x) else "subject"
            if role:
                cat = verb_category(h, role, noun, lex)
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
                                cat, why = modifier_category(pobj, lex)
                                if cat:
                                    num.category, num.rule = cat, f"'among {pobj.text}' {why}"
                                    return
                if lemma in lex.tally_verbs and role == "subject" and (noun is None or is_people(noun, lex)):
                    num.update, num.rule = True, f"count '{h.text}'"
                    return  # "97,735 people had registered": continues the count before it
                if lemma in lex.tally_verbs:
                    tally = tally_target(h, lex)  # "losses had reached up to 47,000 men"
                    if tally is not None and tally[0] is not None:
                        num.category, num.rule = tally[0], tally[2]
                        return
                break
            if dep in ("attr",) and lemma == "be":
                break
            if dep in ("advmod", "npadvmod", "prep", "pobj", "dobj") or x.pos_ == "ADP":
                # "rose to 459", "up from 420", "put the toll at 30": the number is the value of a tally noun
                tally = tally_target(h, lex)
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
            cat = noun_category(h, lex)  # "a death toll of 39", "the toll down from 1,400"
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
        cat = noun_category(noun, lex)
        if cat:
            num.category, num.rule = cat, f"noun '{noun.text}'"
            return
