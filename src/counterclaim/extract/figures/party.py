"""Whose losses a figure counts (nationality or possessive on the counted noun, "their"/"its"
resolved to the claimant or the clause subject, the loser of a loss verb, "on the X side",
civilians reported by their own side's authorities), and the date it refers to."""

from __future__ import annotations

from spacy.attrs import ENT_IOB
from spacy.tokens import Doc, Span, Token

from ...records import Context
from .claimants import Speaker
from .lexicon import THING_GROUPS, FigureLex, is_people
from .numbers import Num
from .phrases import POSSESSIVE, clean, demonym_state, ent_text, np_text, np_tokens, side_of

_PARTY_NOUN_ENTS = {"GPE", "NORP", "ORG"}


def whose_losses(num: Num, claimant: Speaker | None, ctx: Context, lex: FigureLex) -> tuple[str | None, str]:
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
                            state = side_of(np_tokens(owner), ctx, lex)
                            return state or clean(
                                owner.doc[owner.left_edge.i : owner.i + 1].text
                            ), f"'{c.text} {n.text}' (the clause subject's)"
                        if c.lower_ in ("its", "their", "our", "his", "her") and claimant is not None:
                            return claim_side or claim_name, f"'{c.text} {n.text}' (the claimant's)"
                    else:
                        return clean(POSSESSIVE.sub("", c.text)), f"possessive '{c.text}'"
                if c.dep_ in ("amod", "compound", "nmod") and c.i < n.i:
                    state = demonym_state(c, ctx, lex)
                    if state:
                        return state, f"'{c.text} {n.text}'"
                    if c.pos_ == "PROPN" and c.ent_type_ in _PARTY_NOUN_ENTS:
                        return ent_text(c), f"'{c.text} {n.text}'"
            if n.ent_type_ == "NORP" and n.pos_ == "PROPN":
                return demonym_state(n, ctx, lex) or n.text, f"nationality '{n.text}'"
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
    loser = loss_verb_above(noun if noun is not None else num.anchor, lex)
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
            state = side_of(np_tokens(subj), ctx, lex)
            return state or np_text(np_tokens(subj)), f"subject of '{loser.text}'"
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
                    state = demonym_state(m, ctx, lex) if m.dep_ in ("amod", "compound") else None
                    if m.dep_ == "poss" and m.pos_ == "PROPN":
                        state = clean(POSSESSIVE.sub("", m.text))
                    if state:
                        return state, f"'on the {m.text} {pobj.text}'"
    things = noun is None and lex.groups.get(_last_lemma(num.subject)) in THING_GROUPS
    person = (
        (noun is None and not things)
        or (noun is not None and is_people(noun, lex))
        or num.subject == "people"
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


def loss_verb_above(tok: Token | None, lex: FigureLex) -> Token | None:
    """The loss verb ('lose', 'suffer') whose object holds ``tok``, through at most one
    participle or coordination ("lost at least 60 servicemen killed and 100 wounded")."""
    x = tok
    for _ in range(4):
        if x is None or x.head is x:
            return None
        h = x.head
        if h.pos_ in ("VERB", "AUX"):
            lemma = h.lemma_.lower()
            if lemma in lex.loss_verbs:
                return h if x.dep_ in ("dobj", "obj", "ccomp", "xcomp", "conj", "attr") else None
            if lemma in lex.speech:
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


def figure_date(num: Num, span: tuple[int, int], sent: Span, ctx: Context) -> tuple[str | None, str]:
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


def state_map(doc: Doc, ctx: Context) -> dict[str, str]:
    """Places to the state they lie in: 'KYIV, Ukraine' in a dateline, or an entity's affiliation."""
    out: dict[str, str] = {}
    ents = _places(doc)
    for a, b in zip(ents, ents[1:], strict=False):
        if b.start == a.end + 1 and doc[a.end].text == "," and a.text.lower() != b.text.lower():
            out.setdefault(a.text if not a.text.isupper() else a.text.title(), b.text)
            out.setdefault(a.text, b.text)
    for ent in ctx.entities:
        if ent.type == "GPE" and ent.affiliation and ent.affiliation != ent.name:
            for n in (ent.name, *ent.aliases):
                out.setdefault(n, ent.affiliation)
    return out


def _places(doc: Doc) -> list[Span]:
    """The GPE entities of ``doc.ents``, in order, read off the tokens' IOB tags without making a
    Span of every other entity (as ``Doc.ents`` does on each access)."""
    iob = doc.to_array(ENT_IOB).tolist()
    n = len(iob)
    out: list[Span] = []
    for i in [i for i, tag in enumerate(iob) if tag == 3]:  # 'B': where an entity starts
        tok = doc[i]
        if tok.ent_type_ != "GPE":
            continue
        end = i + 1
        while end < n and iob[end] == 1:  # 'I': inside the entity
            end += 1
        out.append(Span(doc, i, end, label=tok.ent_type))
    return out


def part_of_losses(num: Num, lex: FigureLex) -> bool:
    """'four of the dead', 'six of the injured': a part of a count given elsewhere."""
    noun = num.noun
    if noun is None or noun.head.lower_ != "of" or noun.head.head.i not in {t.i for t in num.toks}:
        return False
    return noun.lower_ in lex.adjectives or noun.lemma_.lower() in lex.nouns
