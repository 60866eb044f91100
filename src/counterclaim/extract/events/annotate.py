"""Annotation: what ``finish`` fills in on a kept candidate.

Status comes from the clause: negation and denial verbs (negated), future auxiliaries and plan
words (planned), threats, conditionals and modals (hypothetical), progressive aspect (ongoing).
Then the clause span, the PLOVER mode (lexicon ``plover_modes``, read in the trigger's own
clause), the date its clause names (else the publication date for what happened) and a place
named after a locative preposition."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span, Token

from ...nlp import doc_text, token_lemma_lowers, token_lowers
from ...records import DateMention, EventStatus, Party
from ..grammar import clean_name
from .grammar import PLACE_ENT, conditioned, denial_verb, governor, reporting_verb
from .lexicon import lex
from .parties import same_side
from .state import ArticleState, Candidate, quote_of


def finish(st: ArticleState, c: Candidate, sent: Span) -> None:
    """Fill in status, span, mode, date and place; drop a target that is the actor itself."""
    names = {p.name.lower() for p in c.actors}
    c.targets = [p for p in c.targets if p.name.lower() not in names]
    if c.actors and c.actors[0].kind != "unknown" and c.type not in ("CONSULT", "AGREE", "COOPERATE"):
        # no one charges, attacks or asks their own side here: a target resolved to the actor's
        # own side is a misreading ("Israel blamed the group" is not Israel's own army)
        c.targets = [p for p in c.targets if not same_side(p, c.actors[0], st)]
    c.status = status(c)
    c.span = _clause_span(c.trigger, sent)
    if c.mode is None:
        c.mode = mode_of(c)
    c.date = event_date(st, c, sent)
    c.location = location(st, c, sent)
    if c.source_quote is None and c.status != "occurred" and c.reason.startswith("reported"):
        c.source_quote = quote_of(st, c.trigger)


# --- status ------------------------------------------------------------------------------------


def is_negated(tok: Token) -> bool:
    t = tok
    if any(k.dep_ == "neg" for k in t.children):
        return True
    if t.pos_ in ("NOUN", "PROPN") and any(k.lower_ in ("no", "never") for k in t.children):
        return True
    if (
        t.pos_ in ("NOUN", "PROPN")
        and t.dep_ in ("dobj",)
        and any(k.dep_ == "neg" for k in t.head.children)
    ):
        return True
    gov = governor(tok)
    return gov is not None and denial_verb(gov) and gov.i != tok.i



def status(c: Candidate) -> EventStatus:
    tok = c.trigger
    cues = lex().cues
    if c.derived:
        return "negated" if any(k.dep_ == "neg" for k in tok.children) else "occurred"
    if is_negated(tok):
        return "negated"
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.dep_ == "pobj" and tok.head.lower_ in cues["background_preps"]:
            return "occurred"  # "would retaliate over a deadly attack": the attack happened
        verb = governor(tok) or tok
        if any(k.dep_ == "neg" for k in verb.children):
            return "negated"
    chain = [verb]
    g = governor(verb)
    while g is not None and len(chain) < 4:
        chain.append(g)
        g = governor(g)
    for v in chain[:2]:
        aux = {k.lower_ for k in v.children if k.dep_ in ("aux", "auxpass")}
        marks = {k.lower_ for k in v.children if k.dep_ == "mark"}
        if v.lemma_.lower() in cues["threat_verbs"] and v.i != tok.i:
            return "hypothetical"
        if marks & cues["conditional_marks"]:
            return "hypothetical"
        if v.lemma_.lower() not in cues["threat_verbs"] and conditioned(v):
            return "hypothetical"  # "would agree to a truce only if the army withdrew"
        if aux & cues["future_aux"]:
            return "planned"
        if v.lemma_.lower() in cues["plan_words"] and v.i != tok.i:
            return "planned"
        if aux & {"would"} and reporting_verb(v) is not None:
            return "planned"
        if aux & cues["hypothetical_aux"]:
            return "hypothetical"
        if v.tag_ == "VBG" and aux & cues["be_aux"]:
            return "ongoing"
        if v.lemma_.lower() in cues["ongoing_verbs"] and v.i != tok.i:
            return "ongoing"
        if v.dep_ not in ("xcomp", "conj") and v.i != verb.i:
            break
    return "occurred"


# --- mode, date and place ----------------------------------------------------------------------


def mode_of(c: Candidate) -> str | None:
    table = lex().modes.get(c.type)
    if not table:
        return None
    # only the trigger's own clause: a weapon named in another clause ("killed two men
    # after a drone was seen") says nothing of how this act was done
    scope = _own_clause(c.trigger) if c.trigger.pos_ != "NOUN" else _own_clause(c.trigger.head)
    if c.trigger.dep_ in ("nsubj",):
        scope += _own_clause(c.trigger.head)
    background = {
        t.i
        for k in scope
        if k.dep_ == "prep" and k.lower_ in lex().cues["background_preps"]
        for t in k.subtree
    }
    # "in retaliation for an air strike": another act's weapon, not this one's
    at = sorted({t.i for t in scope if t.i not in background})
    lemmas, lowers = token_lemma_lowers(c.trigger.doc), token_lowers(c.trigger.doc)
    subj_words = {lemmas[i] for i in at} | {lowers[i] for i in at}
    subj_words.add(lemmas[c.trigger.i])
    for t in c.trigger.children:
        if t.dep_ in ("compound",):
            subj_words.add(f"{lowers[t.i]} {lowers[c.trigger.i]}")
    for i, j in zip(at, at[1:], strict=False):
        subj_words.add(f"{lowers[i]} {lowers[j]}")
    for mode, words in table:
        if subj_words & words:
            return mode
    return None


def event_date(st: ArticleState, c: Candidate, sent: Span) -> str | None:
    """The date the event's own clause names ("on Friday", "last Saturday"), else the
    publication date for an event reported as having happened."""
    dates = [d for d in st.ctx.dates if d.value and sent.start_char <= d.span[0] < sent.end_char]
    mine = _clause_verb(c.trigger)
    for d in dates:
        sp = st.doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
        if sp is None:
            continue
        t = sp.root
        if t.head.lower_ in lex().cues["period_marks"]:
            continue  # "since October 2022" bounds a period; it does not date the act
        if any(a.i == c.trigger.i for a in _up_to_verb(t)) or _clause_verb(t) == mine:
            c.dated = True
            return d.value
    if len(dates) == 1 and c.status == "planned" and _dates_the_plan(st, dates[0], c.trigger):
        return dates[0].value
    if c.status in ("occurred", "ongoing", "negated"):
        return st.ctx.published
    return None


def _dates_the_plan(st: ArticleState, d: DateMention, trigger: Token) -> bool:
    """The sentence's one date hangs on a verb that governs the planned act ("is due to visit
    Kampala on Friday", "Friday's talks will ..."), not on another clause ("after Friday's
    strike, the two will meet")."""
    sp = st.doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
    if sp is None:
        return False
    verb = st.doc[_clause_verb(sp.root)]
    chain, t = [], trigger
    for _ in range(6):
        chain.append(t.i)
        g = governor(t)
        if g is None:
            break
        t = g
    return verb.i in chain or _clause_verb(trigger) == verb.i


def location(st: ArticleState, c: Candidate, sent: Span) -> str | None:
    """A place the sentence puts things in: a GPE/LOC/FAC after a locative preposition ("in
    Kyiv", "near Kell") that is not the actor or target; else, for an attack or a coercion, the
    place it hit ("missile strikes on Ganja": Ganja); else such a place in the paragraph."""
    names = {p.name.lower() for p in c.actors + c.targets}
    para = _paragraph_of(doc_text(st.doc), sent.start_char)
    for n, (lo, hi) in enumerate(((sent.start_char, sent.end_char), para)):
        if n == 1 and c.type in ("ASSAULT", "COERCE"):
            hit = next((p for p in c.targets if _place(st, p)), None)
            if hit is not None:
                return hit.name
        for k in range(bisect_left(st.place_starts, lo), bisect_left(st.place_starts, hi)):
            e, name = st.places[k], _place_name(st, k)
            if name.lower() in names:
                continue
            root = e.root.head if e.root.dep_ in ("poss", "compound") else e.root  # "in Beirut's suburbs"
            if root.dep_ == "pobj" and root.head.lower_ in lex().cues["locative_preps"]:
                ent = st.ctx.entities.at(e.start_char, e.end_char)
                return ent.name if ent is not None and ent.type in PLACE_ENT else name
    return None


def _place_name(st: ArticleState, k: int) -> str:
    """The cleaned name of the article's ``k``-th place (worked out once)."""
    key = ("place name", k)
    if key not in st.memo:
        st.memo[key] = clean_name(st.places[k].text)
    return st.memo[key]  # type: ignore[return-value]


def _place(st: ArticleState, p: Party) -> bool:
    """The party is a place the article names (a town, a region, a site), not a state's people."""
    ent = st.ctx.entities.by_id(p.entity_id) if p.entity_id else st.ctx.entities.lookup(p.name)
    return ent is not None and ent.type in PLACE_ENT


# --- clauses -----------------------------------------------------------------------------------


_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "acl", "csubj"}


def _own_clause(root: Token) -> list[Token]:
    """The tokens of ``root``'s subtree outside the clauses embedded in it (and outside verbs
    coordinated with it)."""
    out: list[Token] = []
    stack = [root]
    while stack:
        t = stack.pop()
        out.append(t)
        for k in t.children:
            if k.dep_ in _CLAUSE_DEPS or (k.dep_ == "conj" and k.pos_ in ("VERB", "AUX")):
                continue
            stack.append(k)
    return out


def _up_to_verb(tok: Token) -> list[Token]:
    """The heads above a token up to and including the first verb."""
    out = []
    t = tok
    for _ in range(20):
        if t.head.i == t.i:
            break
        t = t.head
        out.append(t)
        if t.pos_ in ("VERB", "AUX"):
            break
    return out


def _clause_verb(tok: Token) -> int:
    """Index of the verb heading the clause a token sits in (the token itself for a verb)."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok.i
    ups = _up_to_verb(tok)
    return ups[-1].i if ups else tok.i


def _clause_span(tok: Token, sent: Span) -> tuple[int, int]:
    """Characters of the trigger's clause (a noun's governing verb clause), inside the sentence."""
    head = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i else tok
    left, right = head.left_edge, head.right_edge  # the subtree's first and last tokens
    if sent.start <= left.i and right.i < sent.end:
        return left.idx, right.idx + len(right)
    toks = [t for t in head.subtree if sent.start <= t.i < sent.end]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return start, end


def _paragraph_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end
