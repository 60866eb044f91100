"""Claimants: who says a figure. The speaker of a covering quote (``ctx.quotes``), else over the
parse "according to X", the subject of a reporting verb above the number ("X said ..."), a
passive "reported by X", the author of a claim noun; the outlet's own descriptions and times of
a report are no claim."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ...nlp import sent_bounds, token_lemma_lowers, token_lowers, token_pos_dep
from ...records import Context, Party
from .. import grammar, who
from .lexicon import FigureLex, load_lex
from .numbers import Num
from .phrases import POSSESSIVE, WORDS, clean, np_tokens, side_from_name, side_of


@dataclass
class Speaker:
    """A claimant as found: where, its party, its head word, whether a person, its side."""

    start: int
    party: Party
    head_lemma: str
    person: bool
    side: str | None
    words: frozenset[str] = frozenset()  # every word of its phrase, appositions included

OUTLET_WORDS = "the outlet's"  # a claimant reason starting so: the outlet vouches, not a covering quote



def _traits(head: Token, ctx: Context, lex: FigureLex) -> tuple[bool, str | None]:
    """Whether the noun phrase headed by ``head`` names a person, and the side it speaks for
    (its owner's, a nationality or place in it, or its entity's)."""
    # a common-noun title followed by a name: "A TDF commander, Tsadkan Gebretensae"
    name_tok = head
    if head.pos_ == "NOUN":
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if appos is not None:
            name_tok = appos
    ent = ctx.entities.at(name_tok.idx, name_tok.idx + len(name_tok)) if len(ctx.entities) else None
    toks = np_tokens(name_tok)
    # spaCy sometimes tags "General Staff" a person; an owner ("Veshtar's General Staff") says otherwise
    owner = next((c for c in name_tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    person = name_tok.ent_type_ == "PERSON" and owner is None
    side = clean(POSSESSIVE.sub("", owner.text)) if owner is not None else None
    side = side or side_of(toks, ctx, lex)
    if ent is not None:
        known = set(WORDS.findall(" ".join([ent.name, *ent.aliases]).lower()))
        extra = [t for t in toks if t.text[:1].isupper() and t.is_alpha and t.lower_ not in known]
        if extra:
            ent = None  # an owner the entity lacks: "Kiev's military" is not "Russian military"
    if ent is not None:
        person = person or ent.type == "PERSON"
        side = side or ent.affiliation or (ent.name if ent.type in ("GPE", "NORP") else None)
    return person, side


def _read_claimant(head: Token, ctx: Context, lex: FigureLex) -> Speaker | None:
    """The claimant a noun phrase or pronoun denotes, as the who layer resolves it, with whether
    it is a person and the side it speaks for."""
    if head.lemma_.lower() in lex.not_claimants or any(
        t.like_num and t.dep_ == "nummod" and t.head.i == head.i for t in head.children
    ):
        return None
    party = who.resolve_mention(head.doc, head, ctx)
    if party is None or party.kind != "source":
        return None
    if party.resolved_via in ("pronoun", "title", "continuation"):
        person, side = _resolved_traits(party, ctx, lex)
        return Speaker(head.idx, party, head.lemma_.lower(), person, side)
    person, side = _traits(head, ctx, lex)
    if party.entity_id and not side:
        side = side_from_name(party, ctx, lex)
    words = frozenset(WORDS.findall(" ".join(t.lower_ for t in head.subtree)))
    return Speaker(head.idx, party, head.lemma_.lower(), person, side, words)


def _resolved_traits(party: Party, ctx: Context, lex: FigureLex) -> tuple[bool, str | None]:
    """Person and side of a claimant found through a pronoun or title: its entity's, else its name's."""
    ent = ctx.entities.by_id(party.entity_id) if party.entity_id else None
    person = ent is not None and ent.type == "PERSON"
    return person, side_from_name(party, ctx, lex)


def _according_to(tok: Token) -> Token | None:
    for c in tok.children:
        if c.lower_ == "according":
            to = next((g for g in c.children if g.lower_ == "to"), None)
            if to is not None:
                return next((g for g in to.children if g.dep_ == "pobj"), None)
    return None


def find_claimant(
    num: Num, ctx: Context, lex: FigureLex, known: dict[int, Speaker | None] | None = None
) -> tuple[Speaker | None, str]:
    """The claimant over the parse: 'according to X', 'X said ...', 'reported by X'.

    ``known`` keeps the claimants of head tokens already read in this article (the figures of a
    sentence share their speaker): pass the same dict for every figure of one doc."""
    assert num.anchor is not None
    memo: dict[int, Speaker | None] = {} if known is None else known

    def claimant_np(head: Token) -> Speaker | None:
        if head.i not in memo:
            memo[head.i] = _read_claimant(head, ctx, lex)
        return memo[head.i]

    start = num.anchor
    doc = start.doc
    lowers, lemmas, (pos, deps) = token_lowers(doc), token_lemma_lowers(doc), token_pos_dep(doc)
    # "the 1,900 claimed by Serevia": a by-phrase on the number or its noun
    for holder in (start, num.noun):
        for c in holder.children if holder is not None else ():
            if deps[c.i] == "acl" and lemmas[c.i] in lex.by_agent:
                agent = next((g for g in c.children if g.dep_ == "agent"), None)
                pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
                sp = claimant_np(pobj) if pobj is not None else None
                if sp:
                    return sp, f"'{c.text} by {pobj.text}'"  # type: ignore[union-attr]
    path = [start, *start.ancestors]
    on_path = {a.i for a in path}  # a token whose subtree holds the number is on its path up
    # every child of the path lies in its root's subtree: without an 'according' there, no
    # token on the path has an 'according to' phrase (the common case: the children are not read)
    top = path[-1]
    according = "according" in lowers[top.left_edge.i : top.right_edge.i + 1]
    for a in path:
        if a.i < start.i and pos[a.i] == "NOUN" and grammar.document_noun(a):
            # 'claims by Kiev that 18 civilians were killed', "the ministry's report that ..."
            author = who.author_of(a)
            sp = claimant_np(author) if author is not None else None
            if sp:
                return sp, f"author of '{a.text}'"
        acc = _according_to(a) if according else None
        if acc is not None:
            sp = claimant_np(acc)
            if sp:
                return sp, f"according to '{acc.text}'"
        lemma = lemmas[a.i]
        if lemma in lex.life_verbs and _takes_lives(a, lex):
            continue  # 'attacks have claimed 200 lives': a loss, not a claim
        speech = pos[a.i] in ("VERB", "AUX") and lemma in lex.speech
        if speech and _described_aside(path, a):
            return None, f"{OUTLET_WORDS} description of what was said about"
        when = _when_said(path, a) if speech else None
        if when == "intention":
            return None, f"{OUTLET_WORDS} account of what came before an announced intention"
        if when == "dated":
            continue  # 'X announced new strikes, a day after 558 people were killed': a time, not a claim
        if speech:
            # the subject not holding the number (a misparse can give a verb two subjects)
            subj = next((c for c in a.children if deps[c.i] == "nsubj" and c.i not in on_path), None)
            if subj is not None:
                sp = claimant_np(subj)
                if sp:
                    return sp, f"subject of '{a.text}'"
            if lemma in lex.by_agent:
                agent = next((c for c in a.children if c.dep_ == "agent"), None)
                pobj = (
                    next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
                )
                if pobj is not None:
                    sp = claimant_np(pobj)
                    if sp:
                        return sp, f"'{a.text} by {pobj.text}'"
        # a reporting clause hung under the figure's clause: "..., the ministry said"
        for c in a.children:
            if deps[c.i] in ("parataxis", "ccomp") and lemmas[c.i] in lex.speech and c.i > start.i:
                subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
                if subj is not None:
                    sp = claimant_np(subj)
                    if sp:
                        return sp, f"subject of '{c.text}'"
    # the reporting verb heading the sentence: "X said its 'Operation 1027' had captured ..."
    sent_start, sent_end = sent_bounds(doc, start.i)
    root = doc[sent_start:sent_end].root
    dated = root.i in on_path and _when_said(path, root)
    if lemmas[root.i] in lex.speech and root.i < start.i and not dated and not _takes_lives(root, lex):
        subj = next((c for c in root.children if c.dep_ == "nsubj" and c.i not in on_path), None)
        if subj is not None:
            sp = claimant_np(subj)
            if sp:
                return sp, f"subject of '{root.text}' heading the sentence"
    # a bare reporting clause set into the sentence: "Another 74 were wounded, she said, 11 of them ..."
    for t in (doc[i] for i in range(sent_start, sent_end) if pos[i] == "VERB" and lemmas[i] in lex.speech):
        if (
            t.dep_ in ("parataxis", "ROOT", "advcl")
            and t.i != start.i
            and not any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in t.children)
            and t.i > 1
            and t.doc[t.i - 1].dep_ == "nsubj"
            and t.doc[t.i - 1].head.i == t.i
            and t.doc[t.i - 1].left_edge.i > 0
            and t.doc[t.doc[t.i - 1].left_edge.i - 1].text == ","
        ):
            sp = claimant_np(t.doc[t.i - 1])
            if sp:
                return sp, f"inserted '{t.doc[t.i - 1].text} {t.text}'"
    # "according to X" elsewhere in the sentence covers all its figures
    for t in (doc[i] for i in range(sent_start, sent_end) if lowers[i] == "according"):
        if t.i + 1 < len(doc) and lowers[t.i + 1] == "to":
            pobj = next((g for g in t.doc[t.i + 1].children if g.dep_ == "pobj"), None)
            if pobj is not None:
                sp = claimant_np(pobj)
                if sp:
                    return sp, f"according to '{pobj.text}' in its sentence"
    return None, ""


def _described_aside(path: list[Token], verb: Token) -> bool:
    """'admitted carrying out an attack that killed 34', 'denies responsibility for the strike
    at the hospital, where two staffers were killed': a toll in a relative clause on the thing
    the verb admits or denies, not in a clause it reports, is the outlet's own description."""
    below = path[: path.index(verb)]
    rel = next((k for k, t in enumerate(below) if t.dep_ == "relcl"), None)
    if rel is None or below[rel].lemma_.lower() in load_lex().speech:
        return False  # '..., which counted 23 dead': the relative clause reports the number itself
    return not any(t.dep_ in ("ccomp", "parataxis", "csubj") for t in below[rel + 1 :])


_TIME_PREPS = {"after", "before", "since", "during", "following", "amid"}


def _when_said(path: list[Token], verb: Token) -> str | None:
    """How the number reaches the reporting verb through a phrase of time: "dated" ('a day after
    ...', 'on Sunday, a day after ...': it dates the report and is no part of what it says),
    "intention" ('said it would intensify its strikes after three Israelis were injured': an
    intention announced after a toll does not assert the toll; 'revised the toll after two died'
    does), else None (a time phrase inside the reported clause, 'said that after 12 were killed')."""
    below = path[: path.index(verb)]
    for k, t in enumerate(below):
        if t.dep_ == "prep" and t.lower_ in _TIME_PREPS:
            inside = any(u.dep_ in ("ccomp", "parataxis", "csubj") for u in below[k + 1 :])
            return None if inside else "dated"
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _TIME_PREPS for c in t.children):
            return "intention" if _intention(t.head) else None
    return None


def _intention(verb: Token) -> bool:
    """A verb of what will be done ('would intensify', 'will respond'), not of what was."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in verb.children)


def covering_quote(span: tuple[int, int], ctx: Context) -> int | None:
    """Index of the narrowest quote with a known speaker that holds ``span``."""
    best: tuple[int, int] | None = None
    for k, q in enumerate(ctx.quotes):
        s, e = q.content_span or q.span
        qs, qe = q.span
        if (s <= span[0] and span[1] <= e) or (qs <= span[0] and span[1] <= qe):
            width = e - s
            if q.speaker.kind != "unknown" and (best is None or width < best[1]):
                best = (k, width)
    return best[0] if best else None


def document_owner(party: Party, lex: FigureLex) -> Party:
    """A document named as a speaker stands for its owner: "the army's evening summary" -> army."""
    words = party.name.split()
    if len(words) < 2 or not grammar.document_noun(words[-1]):
        return party
    for k in range(len(words) - 2, -1, -1):
        if POSSESSIVE.search(words[k]):
            owner = clean(POSSESSIVE.sub("", " ".join(words[: k + 1])))
            return Party(owner, None, party.kind, party.resolved_via) if owner else party
    return party


def own_pronoun(mine: Speaker | None, theirs: Party) -> bool:
    """Both resolved the reporting verb's pronoun ("it said ..."): keep the parse's antecedent,
    which also weighs subjects of stance verbs ("X rejected the figures. It said ...")."""
    return (
        mine is not None
        and mine.party.resolved_via == "pronoun"
        and theirs.resolved_via == "pronoun"
        and mine.party.name != theirs.name
    )


def more_specific(mine: Speaker | None, theirs: Party) -> bool:
    """Whether the parse's claimant names the quote's speaker more fully ('mission to the JCCC')."""
    if mine is None or mine.party.resolved_via in ("pronoun", "title"):
        return False
    a = set(WORDS.findall(mine.party.name.lower())) - {"the", "s"}
    b = set(WORDS.findall(theirs.name.lower())) - {"the", "s"}
    # the same speaker named more fully, or by the name its apposition describes ("UNRWA, the U.N. agency")
    return bool(b) and (b < a or (b <= mine.words and mine.party.name[:1].isupper()))


def _takes_lives(verb: Token, lex: FigureLex) -> bool:
    """'has claimed 200 lives', 'took the lives of 40': the verb takes lives, it reports nothing."""
    return verb.lemma_.lower() in lex.life_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() == "life" for c in verb.children
    )
