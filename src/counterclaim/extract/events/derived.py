"""Derived acts: acts read off other acts by PLOVER's reading of intent.

A hostile act made conditional ("will expel them unless ...") is also a THREATEN by its actor;
the rows of lexicon ``plover_derived`` add or recode by status: a pledge of aid or cooperation is
also an AGREE, a declared hostile act also a THREATEN, an agreement that did not happen a
REJECT."""

from __future__ import annotations

from spacy.tokens import Span, Token

from .annotate import finish, mode_of
from .grammar import denial_verb, governor, reporting_verb
from .lexicon import DerivedRule, lex
from .state import ArticleState, Candidate, derived_act


def conditional_threats(found: list[Candidate]) -> list[Candidate]:
    """A hostile act made conditional ("will expel them unless ...", "or face sanctions") is a
    THREATEN by its actor."""
    hostile = lex().hostile
    out = []
    for c in found:
        if c.derived or c.trigger.pos_ not in ("VERB", "AUX") or c.actors[0].kind == "unknown":
            continue
        marks = {
            m.lower_
            for k in c.trigger.children
            if k.dep_ == "advcl"
            for m in k.children
            if m.dep_ == "mark" and m.lower_ in lex().cues["conditional_marks"]
        }
        # "unless" makes any act a threat; "if" only a hostile one or a withdrawal
        if "unless" in marks or (marks and (c.type in hostile or c.type == "RETREAT")):
            why = f"conditional {c.type}"
            threat = derived_act("THREATEN", c.trigger, list(c.actors), list(c.targets), why)
            threat.source_quote = c.source_quote  # said in the same words
            out.append(threat)
    return out


def declared_intent(st: ArticleState, found: list[Candidate], sent: Span) -> list[Candidate]:
    """Recode by PLOVER's reading of intent, by the first matching row of ``plover_derived``:
    a pledge of aid or cooperation ("will give Tanzania a grant") is also an AGREE, a declared
    hostile act ("plans to impose restrictions", "will expel") also a THREATEN, and an
    agreement that did not happen ("did not accept") is a REJECT. Returns the added events."""
    out = []
    for c in found:
        if c.derived or c.actors[0].kind == "unknown":
            continue
        rule = next((r for r in lex().derived if derived_applies(r, c)), None)
        if rule is None:
            continue
        reason = rule.reason.format(type=c.type, reason=c.reason)
        if rule.action == "recode":
            c.type, c.reason = rule.to, reason
            c.status = rule.to_status or c.status
            c.mode = mode_of(c)  # the old type's mode ("military" aid) says nothing of the new
            continue
        t = derived_act(rule.to, c.trigger, list(c.actors), list(c.targets), reason)
        finish(st, t, sent)
        if rule.to_status is not None:
            t.status = rule.to_status
        out.append(t)
    return out


def derived_applies(rule: DerivedRule, c: Candidate) -> bool:
    """The event is of the rule's types and status and passes its named condition."""
    if c.type not in rule.sources or c.status != rule.status:
        return False
    if rule.condition == "verb_trigger":
        return c.trigger.pos_ in ("VERB", "AUX")
    if rule.condition == "future_marked":
        return future_marked(c.trigger)
    if rule.condition == "refused":
        gov = governor(c.trigger)
        refusal = gov is not None and denial_verb(gov)
        return refusal or future_marked(c.trigger)
    if rule.condition == "not_decided":
        # "announced it would prohibit all aid": a measure decided is that measure, no threat
        verb = c.trigger if c.trigger.pos_ in ("VERB", "AUX") else (governor(c.trigger) or c.trigger)
        rv = reporting_verb(verb)
        return rv is None or rv.lemma_.lower() not in lex().cues["decision_verbs"]
    return True


def future_marked(tok: Token) -> bool:
    """The act carries "will"/"shall" itself (a pledge), or "would" in reported words ("said it
    would not negotiate"), not only a schedule ("is due to")."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else (governor(tok) or tok)
    aux = {k.lower_ for k in verb.children if k.dep_ == "aux"}
    return bool(aux & lex().cues["future_aux"]) or ("would" in aux and reporting_verb(verb) is not None)
