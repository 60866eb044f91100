"""Reported speech: both layers of what a party is reported to say.

The embedded event is linked to the quote it sits in, and the speaker's own act is added beside
it: an ACCUSE when the speaker reports another party's hostile act, a REJECT when the speaker
says their own side did not do it or calls a claim false, a THREATEN for a statement that
threatens. What a statement does by its modality follows PLOVER: "Y must ..." is a REQUEST of Y
(the demanded act itself is no event: its tokens go to ``ArticleState.dropped``), "we will ..."
a pledge (AGREE) or, for a hostile act, a THREATEN."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import Party
from ..who.speakers import pronoun
from .annotate import is_negated, status
from .grammar import (
    PASSIVE_SUBJ,
    SUBJ_DEPS,
    governor,
    issued_statement,
    pobj_of,
    reporting_verb,
    subject_of,
)
from .lexicon import lex
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
        if c.type not in hostile or c.derived:
            continue
        if rv is None and c.source_quote is None:
            continue
        if rv is not None and not direct_content(c.trigger, rv):
            continue  # "... were killed when troops opened fire": background, not the claim
        anchor = rv if rv is not None else c.trigger
        own_side = any(same_side(a, speaker, st) for a in c.actors) or any(
            a.resolved_via == "pronoun" for a in c.actors
        )
        negated = is_negated(c.trigger)
        if negated and own_side:
            extra.append(
                derived_act("REJECT", anchor, [speaker], [], "reported denial: own side did not act")
            )
        elif (
            not negated
            and not own_side
            and c.actors[0].kind != "unknown"
            and c.actors[0].resolved_via in ("name", "alias", None)
            and rv is not None
            and rv.i < c.trigger.i
            and status(c) in ("occurred", "ongoing")
        ):
            # "X said Y shelled Z": the claim leads; a trailing "..., officials said" only sources it
            extra.append(
                derived_act(
                    "ACCUSE",
                    anchor,
                    [speaker],
                    list(c.actors[:1]),
                    f"reported hostile act ({c.type}) by another party",
                )
            )
    # statements that call something false or name a crime
    for tok in sent:
        lemma = tok.lemma_.lower()
        statement = issued_statement(tok)
        if not statement and (lemma not in lex().reporting_verbs or tok.pos_ != "VERB"):
            continue
        already = {c.type for c in found + extra if c.trigger.i == tok.i}
        if already - {"REJECT"}:
            continue  # the statement is already coded (a denial may still carry a charge)
        deps = ("ccomp", "acl", "relcl") if statement else ("ccomp", "oprd", "dobj", "xcomp", "parataxis")
        content = [k for k in tok.children if k.dep_ in deps]
        if not content:
            continue
        speaker = subject_parties(st, tok.head if statement else tok)
        qi = quote_of(st, tok)
        if not speaker and qi is not None:
            speaker = [st.ctx.quotes[qi].speaker]
        if not speaker:
            continue
        pledge = pledge_or_demand(st, tok, content, speaker[0], found)
        if pledge is not None:
            extra.append(pledge)
            continue
        aside = {
            t.i
            for k in content
            for n in k.subtree
            if n.dep_ in ("npadvmod", "appos") and n.lemma_.lower() in lex().cues["claim_nouns"]
            for t in n.subtree
        }  # "..., a claim Marrin rejected": another party's answer, not the speaker's words
        words = {t.lemma_.lower() for k in content for t in k.subtree if t.i not in aside} | {
            t.lower_ for k in content for t in k.subtree if t.i not in aside
        }
        about = content_subject(st, tok, content, speaker[0])
        present = any(
            k.tag_ in ("VBZ", "VBP") or any(a.tag_ == "MD" for a in k.children) for k in content
        )
        if (
            words & lex().cues["threat_cues"]
            and present  # "is a legitimate target", "will be punished"; not a past account
            and not any(k.dep_ == "neg" for c in content for k in c.children)
        ):
            extra.append(derived_act("THREATEN", tok, speaker[:1], about[:1], "statement threatens"))
        elif words & lex().cues["reject_cues"] and "REJECT" not in already:
            owner = next((p for k in content for t in k.subtree for p in claim_owner(st, t)), None)
            claimant = [owner] if owner is not None else []  # whose claim, not whom it is about
            extra.append(derived_act("REJECT", tok, speaker[:1], claimant, "statement calls a claim false"))
        elif (
            about
            and tok.i < min(t.i for k in content for t in k.subtree)
            and words & lex().cues["accuse_cues"]
            and not any(
                c.trigger.i in {t.i for k in content for t in k.subtree} and c.type in hostile
                for c in found
            )
        ):
            extra.append(derived_act("ACCUSE", tok, speaker[:1], about[:1], "statement charges a party"))
    return extra


def speaker_of(st: ArticleState, tok: Token) -> tuple[Party | None, Token | None]:
    """Who is reported as saying what ``tok`` is part of: a quote's speaker or the
    reporting verb's subject."""
    qi = quote_of(st, tok)
    rv = reporting_verb(tok)
    if rv is not None:
        subject_parties(st, rv)  # notes the speaker's side for merging
        subj = subject_of(rv)
        if (
            subj is not None
            and not pronoun(subj)
            and subj.lemma_.lower() in lex().cues["state_force_nouns"]
        ):
            own = subject_parties(st, rv)
            if own:
                return own[0], rv  # "the Lormarki army said": the state, as its acts are coded
    if qi is not None:
        sp = st.ctx.quotes[qi].speaker
        if sp.kind == "source" and sp.name:
            return sp, rv
    if rv is not None:
        subj = subject_parties(st, rv)
        if subj:
            return subj[0], rv
    # "according to X"
    for t in tok.sent:
        if t.lower_ == "according" and t.i + 1 < len(st.doc) and st.doc[t.i + 1].lower_ == "to":
            pobj = pobj_of(st.doc[t.i + 1])
            if pobj is not None:
                ps = parties_of(st, pobj)
                if ps:
                    return ps[0], None
    return None, rv


def direct_content(trigger: Token, rv: Token) -> bool:
    """True when the trigger's clause is the reported content itself, not a clause hanging
    off it ("when ...", "after ...") or a relative clause."""
    t = trigger
    for _ in range(12):
        if t.i == rv.i:
            return True
        if t.dep_ in ("advcl", "relcl", "acl") or (
            t.dep_ == "pcomp" and t.head.lower_ in ("after", "before")
        ):
            return False
        if t.head.i == t.i:
            return False
        t = t.head
    return False


def pledge_or_demand(
    st: ArticleState, verb: Token, content: list[Token], speaker: Party, found: list[Candidate]
) -> Candidate | None:
    """What a statement does by its modality: "X said Y must ..." is a REQUEST of Y;
    "X said it will/would ..." is a pledge (AGREE) or, for a hostile act, a THREATEN."""
    hostile = lex().hostile | {"PROTEST"}
    for k in content:
        if k.dep_ not in ("ccomp", "parataxis"):
            continue
        aux = {a.lower_ for a in k.children if a.dep_ in ("aux", "auxpass")}
        subj = next((g for g in k.children if g.dep_ in SUBJ_DEPS | PASSIVE_SUBJ), None)
        subj_parties = parties_of(st, subj) if subj is not None else []
        own = subj is not None and (
            pronoun(subj) or (bool(subj_parties) and same_side(subj_parties[0], speaker, st))
        )
        if aux & lex().cues["demand_modals"] and subj_parties and not own:
            st.dropped.update(t.i for t in k.subtree)  # the demanded act has not happened
            return derived_act(
                "REQUEST", verb, [speaker], subj_parties[:1], "statement: another party must act"
            )
        if aux & (lex().cues["future_aux"] | {"would"}) and own:
            inner = [
                c for c in found if c.trigger.i == k.i or (governor(c.trigger) or c.trigger).i == k.i
            ]
            if not inner:
                continue
            if any(is_negated(c.trigger) for c in inner):
                return derived_act(
                    "REJECT", verb, [speaker], [], "statement: the speaker's side will not act"
                )
            if any(c.type in hostile for c in inner):
                return derived_act(
                    "THREATEN",
                    verb,
                    [speaker],
                    list(inner[0].targets[:1]),
                    "statement: the speaker's side will act against another",
                )
            if any(status(c) == "hypothetical" for c in inner):
                continue  # "would agree only if ...": a conditional offer is a position
            if any(c.type not in ("ACCUSE", "REJECT", "REQUEST") for c in inner) and not any(
                k2.dep_ == "neg" for k2 in k.children
            ):
                return derived_act(
                    "AGREE",
                    verb,
                    [speaker],
                    list(inner[0].targets[:1]),
                    "statement: the speaker's side pledges to act",
                )
    return None


def content_subject(st: ArticleState, verb: Token, content: list[Token], speaker: Party) -> list[Party]:
    """The other party a statement is about: its object ("called X a liar", "rejected the
    Russian account"), else the subject (or, in the passive, the agent: "was caused by
    Ukrainian missiles") of its content clauses, skipping the speaker's own side."""
    naming = any(k.dep_ in ("oprd", "xcomp") for k in verb.children)
    found: list[list[Party]] = []
    for k in content:
        if k.dep_ == "dobj" and (naming or k.lemma_.lower() in lex().cues["claim_nouns"]):
            if k.pos_ == "PRON" and k.lower_ in ("it", "them", "this", "that"):
                continue  # "calling it a lie": the claim, not its author
            found.append(claim_owner(st, k) or parties_of(st, k))
    for k in content:
        if k.dep_ not in ("ccomp", "parataxis", "xcomp"):
            continue
        for clause in [k, *k.conjuncts]:
            agent = next((g for g in clause.children if g.dep_ == "agent"), None)
            pobj = pobj_of(agent)
            subj = pobj or next((g for g in clause.children if g.dep_ in SUBJ_DEPS | PASSIVE_SUBJ), None)
            if subj is not None:
                found.append(
                    claim_owner(st, subj) or parties_of(st, subj) or modifier_parties(st, subj)
                )
    for parties in found:
        others = [p for p in parties if not same_side(p, speaker, st)]
        if others:
            return others
    return []


def claim_owner(st: ArticleState, tok: Token) -> list[Party]:
    """Whose claim a claim noun is: "the Russian account" -> Russia."""
    if tok.lemma_.lower() not in lex().cues["claim_nouns"]:
        return []
    return modifier_parties(st, tok)
