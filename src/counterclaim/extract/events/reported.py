"""Reported events: the event a party is reported to have done, and what the reporter does by
reporting it.

Each event inside reported words is linked to its quote (``source_quote``), and the speaker's own
act is added beside it, resting on the same quote:

* an ACCUSE when the speaker reports, as the claim of the statement, a hostile act by another
  party ("Kyiv said Russian forces shelled the town"; not when the act is background: "... were
  killed when troops opened fire", "in response to Ukraine's attack", "the toll in Monday's
  attacks");
* a REJECT when the speaker says their own side did not do it ("the ministry said its forces
  did not strike residential buildings"); whom it answers is found later (``merge``).

What a statement does by itself (a demand, a pledge, a threat, calling a claim false, ruling out
talks) is read by ``speech``."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...nlp import sent_bounds, token_lowers
from ...records import Party
from ..who.speakers import pronoun
from .annotate import is_negated, status
from .grammar import by_agent, content_clause, pobj_of, reporting_verb, subject_of
from .lexicon import cue_union, lex
from .parties import modifier_parties, parties_of, same_side, subject_parties
from .state import ArticleState, Candidate, derived_act, quote_of


def reported_layer(st: ArticleState, sent: Span, found: list[Candidate]) -> list[Candidate]:
    """Link reported events to their quote and add the speaker's ACCUSE or REJECT."""
    extra: list[Candidate] = []
    hostile = lex().hostile
    for c in found:
        speaker, rv = speaker_of(st, c.trigger)
        if speaker is None:
            continue
        c.source_quote = quote_of(st, c.trigger)
        if (
            c.type in lex().speech_acts
            and not c.derived
            and c.actors[0].name != speaker.name
            and _named_person(st, speaker)
            and same_side(c.actors[0], speaker, st)
        ):
            # "Russia rejects the claims, Peskov said": the act is done by the one who speaks it
            c.actors = [speaker]
        if c.type not in hostile or c.derived:
            continue
        if rv is None and c.source_quote is None:
            continue
        if rv is not None and not claimed_act(c.trigger, rv):
            continue  # "... were killed when troops opened fire": background, not the claim
        anchor = rv if rv is not None else c.trigger
        qi = quote_of(st, anchor) if c.source_quote is None else c.source_quote
        own_side = any(same_side(a, speaker, st) for a in c.actors) or any(
            a.resolved_via == "pronoun" for a in c.actors
        )
        negated = is_negated(c.trigger)
        if (negated or _only_against(c.trigger)) and own_side:
            if any(o.type == "REJECT" and not o.derived and o.trigger.is_ancestor(c.trigger) for o in found):
                continue  # "... and denied targeting civilians": the denial is told by its own verb
            act = derived_act("REJECT", anchor, [speaker], [], "reported denial: own side did not act")
        elif (
            not negated
            and not own_side
            and c.actors[0].kind != "unknown"
            and c.actors[0].resolved_via in ("name", "alias", "title", None)
            and (loaded(c.trigger) or (rv is not None and rv.i < c.trigger.i))
            and status(c) in ("occurred", "ongoing")
            and not _toll(c)
        ):
            # "X said Y shelled Z": the claim leads; a trailing "..., officials said" (or a quote's
            # own account) only sources it, unless the words charge ("Russian terrorists attacked")
            why = f"reported hostile act ({c.type}) by another party"
            act = derived_act("ACCUSE", anchor, [speaker], list(c.actors[:1]), why)
        else:
            continue
        act.source_quote = qi
        extra.append(act)
    return extra


def _toll(c: Candidate) -> bool:
    """A count of people harmed, told with who harmed them ("said one civilian was killed by
    separatist fire", "said Ukrainian shelling killed one man"): a toll the speaker reports, not
    a charge, unless its words charge."""
    t = c.trigger
    return t.lemma_.lower() in lex().cues["harm_verbs"] and not loaded(t)


def _only_against(tok: Token) -> bool:
    """The act is said to be done only to some kind of target ("exclusively carries out strikes
    against military targets", "hits only military facilities"): the denial of hitting others."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else tok.head
    only = lex().cues["restrictive_adverbs"]
    return any(k.dep_ == "advmod" and k.lower_ in only for t in (tok, verb) for k in t.children)


def _named_person(st: ArticleState, p: Party) -> bool:
    ent = st.ctx.entities.by_id(p.entity_id) if p.entity_id else None
    return ent is not None and ent.type == "PERSON"


def speaker_of(st: ArticleState, tok: Token) -> tuple[Party | None, Token | None]:
    """Who is reported as saying what ``tok`` is part of, and the reporting verb: the state for
    "the Lormarki army said" (as its acts are coded), else the quote's named speaker, else the
    reporting verb's subject, else "according to X"."""
    qi = quote_of(st, tok)
    rv = reporting_verb(tok)
    if rv is not None and rv.pos_ == "NOUN":  # a claim named by a noun: its owner speaks
        agent = by_agent(rv)
        owner = modifier_parties(st, rv) or (parties_of(st, agent) if agent is not None else [])
        return (owner[0], rv) if owner else (None, None)
    subj = subject_parties(st, rv) if rv is not None else []
    if rv is not None and subj:
        head = subject_of(rv)
        if head is not None and not pronoun(head) and head.lemma_.lower() in lex().cues["state_force_nouns"]:
            return subj[0], rv
    if qi is not None:
        sp = st.ctx.quotes[qi].speaker
        if sp.kind == "source" and sp.name:
            return sp, rv
    if subj:
        return subj[0], rv
    lowers = token_lowers(st.doc)
    for i in range(*sent_bounds(st.doc, tok.i)):  # "according to X" in the sentence
        if lowers[i] == "according" and i + 1 < len(st.doc) and lowers[i + 1] == "to":
            pobj = pobj_of(st.doc[i + 1])
            if pobj is not None:
                ps = parties_of(st, pobj)
                if ps:
                    return ps[0], None
    return None, rv


def claimed_act(trigger: Token, rv: Token) -> bool:
    """True when the trigger is what the statement claims, not background to it: its clause is
    the reported content (or a cause the speaker gives: "because Russia attacked ..."), or the
    content of a claim or proof noun in it ("had evidence the hospital was hit by ..."); a noun
    trigger is an argument of that clause ("Russian attacks killed ...", "was hit by a Russian
    missile"), not a setting ("the toll in Monday's attacks", "in response to the attack")."""
    cues = lex().cues
    t = trigger
    if t.pos_ in ("NOUN", "PROPN"):
        if t.dep_ == "pobj" and t.head.dep_ == "agent":
            t = t.head.head  # "was hit by a Russian missile"
        elif t.dep_ in ("nsubj", "nsubjpass", "dobj"):
            t = t.head
        else:
            return False
    for _ in range(12):
        if t.i == rv.i:
            return True
        if (t.dep_ == "relcl" and not content_clause(t)) or (
            t.dep_ == "pcomp" and t.head.lower_ in cues["reference_marks"]
        ):
            return False  # a relative clause describes; 'had evidence the facility was hit' tells
        if t.dep_ == "acl" and t.head.lemma_.lower() not in cue_union("claim_nouns", "proof_nouns"):
            return False
        if t.dep_ == "advcl" and not any(
            m.dep_ == "mark" and m.lower_ in cues["causal_marks"] for m in t.children
        ):
            return False
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def loaded(trigger: Token) -> bool:
    """The words of the act charge its actor ("Russian terrorists attacked", "a barbaric
    strike"): a loaded word among the trigger's own arguments."""
    cues = lex().cues["accuse_cues"]
    return any(
        t.lemma_.lower() in cues or t.lower_ in cues
        for k in trigger.children
        if k.dep_ in ("nsubj", "amod", "advmod", "dobj")
        for t in k.subtree
    )
