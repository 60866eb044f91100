"""Categories: what a verb, a modifier or a noun says befell what a number counts ("killed 12",
"houses damaged", "12 deaths", "the death toll rose to 39"), the category a linked count
carries, and what is counted, as the text names it."""

from __future__ import annotations

from spacy.tokens import Token

from ...records import FigureCategory
from .lexicon import PEOPLE_GROUPS, THING_GROUPS, FigureLex
from .numbers import UPDATE_TAG

_SUBJ = {"nsubj", "nsubjpass", "csubj", "expl"}


def verb_category(verb: Token, role: str, noun: Token | None, lex: FigureLex) -> FigureCategory | None:
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
    things = noun is not None and lex.groups.get(noun.lemma_.lower()) in THING_GROUPS
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
            group = lex.groups.get(noun.lemma_.lower()) if noun is not None else None
            if group in THING_GROUPS:
                return "destroyed"
            if lemma in lex.loss_kill_verbs and group in PEOPLE_GROUPS:
                return "killed"  # "we have lost five soldiers": the dead
            return "casualties"
        cat = lex.patient.get(phrasal) or lex.patient.get(lemma)
        if cat is None:
            return None
        # "hit 15 vessels" damages things; people hit are not counted here
        things = noun is not None and lex.groups.get(noun.lemma_.lower()) in THING_GROUPS
        if lemma in ("hit", "strike") and not things:
            return None
        if cat == "destroyed" and noun is not None and not things and phrasal in lex.lethal:
            return "killed"  # "600 servicemen have been eliminated": people destroyed are killed
        others = {lex.patient.get(c.lemma_.lower()) for c in _coordinated(verb)} - {None, cat}
        if {cat, *others} >= {"killed", "wounded"}:
            return "casualties"
        if cat in ("destroyed", "damaged") and others & {"destroyed", "damaged"}:
            return cat
        return cat  # type: ignore[return-value]
    if lemma in lex.loss_verbs and noun is not None and lex.groups.get(noun.lemma_.lower()) in PEOPLE_GROUPS:
        harm = next((lex.harm_nouns.get(c.lemma_.lower()) for c in verb.children if c.dep_ == "dobj"), None)
        if harm is not None:
            return harm  # type: ignore[return-value]  # "three officers suffered injuries"
    # subject of an intransitive verb, or of a predicate adjective parsed as a verb ("were missing")
    cat = lex.intransitive.get(lemma) or lex.adjectives.get(verb.lower_)
    if cat == "displaced" and lemma in ("cross", "leave", "arrive", "escape"):
        # "97,000 people crossed into Armenia" -- people moving out of the fighting
        if noun is None or lex.groups.get(noun.lemma_.lower()) not in PEOPLE_GROUPS:
            return None
        if lemma in ("cross", "arrive") and not any(
            c.dep_ == "prep" and c.lower_ in ("into", "to", "in") for c in verb.children
        ):
            return None
    return cat  # type: ignore[return-value]


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


def is_passive_like(verb: Token, subj: Token) -> bool:
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


def modifier_category(noun: Token, lex: FigureLex) -> tuple[FigureCategory | None, str]:
    """'houses damaged', 'people killed and wounded', 'wounded soldiers', 'people with severe burns'."""
    for c in noun.children:
        dep = c.dep_
        if dep in ("acl", "relcl") and c.pos_ in ("VERB", "ADJ"):
            if any(g.dep_ in _SUBJ for g in c.children) and dep == "relcl":
                continue  # "the 44 drones that Russia launched"
            low = c.lemma_.lower()
            cat = verb_category(c, "patient", noun, lex) if c.tag_ == "VBN" else None
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
        if dep == "amod" and c.i < noun.i and c.lower_ in lex.adjectives:
            return lex.adjectives[c.lower_], f"adjective '{c.text}'"  # type: ignore[return-value]
        if dep == "amod" and c.i > noun.i and c.lower_ in lex.adjectives:
            return lex.adjectives[c.lower_], f"adjective '{c.text}'"  # type: ignore[return-value]
        if dep == "prep" and c.lower_ == "with":
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
                    and lex.groups.get(noun.lemma_.lower()) in THING_GROUPS
                ):
                    return "damaged", f"'with {g.text}'"  # "structures with visible damage"
    return None, ""


def noun_category(noun: Token, lex: FigureLex) -> FigureCategory | None:
    """The category a noun names ("deaths", "casualties", "the death toll"), with its compound."""
    low = noun.lemma_.lower()
    comp = " ".join(c.lower_ for c in noun.children if c.dep_ == "compound" and c.i == noun.i - 1)
    if comp and f"{comp} {low}" in lex.nouns:
        return lex.nouns[f"{comp} {low}"]  # type: ignore[return-value]
    if low == "toll" and comp not in ("", "death"):
        return None
    return lex.nouns.get(low) or lex.nouns.get(noun.lower_)  # type: ignore[return-value]


def carry(cat: FigureCategory | None, noun: Token | None, lex: FigureLex) -> FigureCategory | None:
    """A category carried to a linked count: people lost are casualties, things lost destroyed."""
    if noun is None or cat is None:
        return cat
    group = lex.groups.get(noun.lemma_.lower())
    if group in THING_GROUPS and cat in ("killed", "wounded", "casualties"):
        return "destroyed"
    if group in PEOPLE_GROUPS and cat in ("damaged", "destroyed"):
        return None
    return cat


def tally_target(verb: Token, lex: FigureLex) -> tuple[FigureCategory | None, str | None, str, bool] | None:
    """For 'the death toll rose to 39' or 'the number of houses damaged reached 1,700'."""
    if verb.pos_ not in ("VERB", "AUX"):
        if verb.pos_ == "ADV" and verb.head.i != verb.i:
            return tally_target(verb.head, lex)
        return None
    cands = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if not any(c.dep_ in ("nsubj", "nsubjpass") for c in cands) and verb.lemma_.lower() in lex.tally_verbs:
        # a subject lost to a bad parse: the nearest count noun before the verb in its sentence
        for t in reversed(verb.doc[verb.sent.start : verb.i]):
            if t.pos_ == "NOUN" and (t.lemma_.lower() in lex.tally_nouns or noun_category(t, lex)):
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
                cat, why = modifier_category(pobj, lex)
                cat = cat or lex.adjectives.get(pobj.lower_)
                cat = cat or noun_category(pobj, lex)
                if cat is None and c.head.i != verb.i and c.head.pos_ == "VERB":
                    # "the number of Palestinians killed" parsed with 'number' as the subject of 'killed'
                    cat, why = verb_category(c.head, "patient", pobj, lex), f"'{c.head.text}'"
                if cat:
                    return cat, subject_text(pobj, lex), f"'{c.text} of {pobj.text}' {why}".strip(), update
            return None, None, f"'{c.text}' continues a count ({UPDATE_TAG})", True
        cat = noun_category(c, lex)
        if cat:
            subj = "people" if low in ("toll", "death") else None
            return cat, subj, f"'{c.text}' {verb.text}" + (f" ({UPDATE_TAG})" if update else ""), update
    return None


_NOT_SUBJECT = {"more", "other", "additional", "further", "another", "between", "some", "several"}


def subject_text(noun: Token, lex: FigureLex) -> str:
    """What is counted, as the text names it: the noun with its compounds and adjectives."""
    if noun.lemma_.lower() in ("toll",) or noun.lower_ in lex.adjectives:
        return "people"  # "the death toll", "the number of dead"
    if noun.lemma_.lower() in lex.nouns:
        # "three deaths among its soldiers": the soldiers are counted
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("among", "of"):
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN"):
                    return subject_text(pobj, lex)
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
