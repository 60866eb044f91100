"""PLOVER events: who did what to whom, when, where, and whether it happened.

Triggers are verbs and nouns from the per-type lexicons (``plover_verbs``, ``plover_nouns``)
read over the dependency parse:

* a verb trigger takes its subject as actor (the ``by`` agent in the passive), its object or a
  target preposition's object as target;
* a noun trigger ("strikes", "talks", "sanctions") needs an actor tied to it: a party modifier
  ("Russian strikes", "Israel's offensive"), a ``by`` agent, or the subject of a light verb
  ("carried out strikes", "held talks", "imposed sanctions");
* status comes from the clause: negation and denial verbs (negated), future auxiliaries and plan
  words (planned), threats, conditionals and modals (hypothetical), progressive aspect (ongoing);
* reported speech keeps both layers: the embedded event, linked to the quote it sits in, and the
  speaker's own act: an ACCUSE when the speaker reports another party's hostile act, a REJECT
  when the speaker says their own side did not do it or calls a claim false;
* what a statement does by its modality follows PLOVER: "Y must ..." is a REQUEST of Y, "we
  will ..." a pledge (AGREE) or, for a hostile act, a THREATEN, as is any act made conditional
  ("unless ...") or announced as planned (the rows of lexicon ``plover_derived``); the demanded
  act itself is not an event.

Parties come from the article's entity table when it knows the mention, else from the parse
(named-entity spans, the subject noun phrase), with pronouns resolved to the reporting speaker or
the last party of the right kind. Events are merged by type, actor, target, date and polarity.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from spacy.tokens import Doc, Span, Token

from ...records import Context, Event, EventStatus, Party
from .filters import kept
from .grammar import (
    PASSIVE_SUBJ,
    PLACE_ENT,
    SUBJ_DEPS,
    governor,
    is_pron,
    issued_statement,
    pobj_of,
    reporting_verb,
    subject_of,
)
from .lexicon import DERIVED_CONDITIONS, DerivedRule, lex
from .parties import clean_name, modifier_parties, observe, parties_of, same_side, subject_parties
from .state import ArticleState, Candidate, derived_act, quote_of
from .triggers import candidates

__all__ = ["DERIVED_CONDITIONS", "extract"]


MAX_SENT_TOKENS = 400  # far beyond any real sentence; deeper parses crash spaCy's subtree walk


def extract(doc: Doc, ctx: Context) -> list[Event]:
    """PLOVER events found in ``doc``, merged so each happening appears once."""
    st = ArticleState.of(doc, ctx)
    cands: list[Candidate] = []
    for sent in doc.sents:
        if len(sent) > MAX_SENT_TOKENS or _SURROGATE.search(sent.text):
            # a deep parse overflows spaCy's recursive subtree walk, and lone surrogates its
            # string store; either kills the process, so such a sentence is left out
            ctx.warnings.append(f"events: skipped the sentence at {sent.start_char} (too long or malformed)")
            continue
        try:
            cands.extend(sentence(st, sent))
        except Exception as exc:  # one odd parse must not cost the article its other events
            ctx.warnings.append(
                f"events: skipped the sentence at {sent.start_char} ({type(exc).__name__}: {exc})"
            )
    return merge(cands, st.sides, st.surfaces)


_SURROGATE = re.compile("[\ud800-\udfff]")


def sentence(st: ArticleState, sent: Span) -> list[Candidate]:
    """The event candidates of one sentence, finished (status, date, place, mode): matched by the
    triggers, filtered by the drop checks, then the acts read off others (conditional threats,
    the speaker's own acts in reported speech, declared intent) added and all annotated."""
    out = kept(candidates(st, sent))
    out.extend(conditional_threats(out))
    st.dropped = set()
    out.extend(reported_layer(st, sent, out))
    out = [c for c in out if c.derived or c.trigger.i not in st.dropped]
    for c in out:
        finish(st, c, sent)
    out.extend(declared_intent(st, out, sent))
    observe(st, sent)
    return out


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
            and not is_pron(subj)
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
        own_side = any(same_side(a, speaker, st.sides) for a in c.actors) or any(
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
        if not statement and (lemma not in lex().cues["reporting_verbs"] or tok.pos_ != "VERB"):
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
            is_pron(subj) or (bool(subj_parties) and same_side(subj_parties[0], speaker, st.sides))
        )
        if aux & {"must", "should"} and subj_parties and not own:
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
    return True


def future_marked(tok: Token) -> bool:
    """The act carries "will"/"shall" itself (a pledge), not only a schedule ("is due to")."""
    verb = tok if tok.pos_ in ("VERB", "AUX") else (governor(tok) or tok)
    return any(k.dep_ == "aux" and k.lower_ in lex().cues["future_aux"] for k in verb.children)


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
            out.append(
                derived_act("THREATEN", c.trigger, list(c.actors), list(c.targets), f"conditional {c.type}")
            )
    return out


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
        others = [p for p in parties if not same_side(p, speaker, st.sides)]
        if others:
            return others
    return []


def claim_owner(st: ArticleState, tok: Token) -> list[Party]:
    """Whose claim a claim noun is: "the Russian account" -> Russia."""
    if tok.lemma_.lower() not in lex().cues["claim_nouns"]:
        return []
    return modifier_parties(st, tok)


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
    return gov is not None and gov.lemma_.lower() in lex().cues["deny_verbs"] and gov.i != tok.i


def status(c: Candidate) -> EventStatus:
    tok = c.trigger
    cues = lex().cues
    if c.derived:
        return "negated" if any(k.dep_ == "neg" for k in tok.children) else "occurred"
    if is_negated(tok):
        return "negated"
    verb = tok
    if tok.pos_ in ("NOUN", "PROPN"):
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


def finish(st: ArticleState, c: Candidate, sent: Span) -> None:
    """Fill in status, span, mode, date and place; drop a target that is the actor itself."""
    names = {p.name.lower() for p in c.actors}
    c.targets = [p for p in c.targets if p.name.lower() not in names]
    c.status = status(c)
    c.span = clause_span(c.trigger, sent)
    if c.mode is None:
        c.mode = mode_of(c)
    c.date = event_date(st, c, sent)
    c.location = location(st, c, sent)
    if c.source_quote is None and c.status != "occurred" and c.reason.startswith("reported"):
        c.source_quote = quote_of(st, c.trigger)


def mode_of(c: Candidate) -> str | None:
    table = lex().modes.get(c.type)
    if not table:
        return None
    # only the trigger's own clause: a weapon named in another clause ("killed two men
    # after a drone was seen") says nothing of how this act was done
    scope = own_clause(c.trigger) if c.trigger.pos_ != "NOUN" else own_clause(c.trigger.head)
    if c.trigger.dep_ in ("nsubj",):
        scope += own_clause(c.trigger.head)
    background = {
        t.i
        for k in scope
        if k.dep_ == "prep" and k.lower_ in lex().cues["background_preps"]
        for t in k.subtree
    }
    # "in retaliation for an air strike": another act's weapon, not this one's
    scope = sorted({t for t in scope if t.i not in background}, key=lambda t: t.i)
    subj_words: set[str] = set()
    for t in scope:
        subj_words.add(t.lemma_.lower())
        subj_words.add(t.lower_)
    subj_words.add(c.trigger.lemma_.lower())
    for t in c.trigger.children:
        if t.dep_ in ("compound",):
            subj_words.add(f"{t.lower_} {c.trigger.lower_}")
    for i in range(len(scope) - 1):
        subj_words.add(f"{scope[i].lower_} {scope[i + 1].lower_}")
    for mode, words in table:
        if subj_words & words:
            return mode
    return None


def event_date(st: ArticleState, c: Candidate, sent: Span) -> str | None:
    """The date the event's own clause names ("on Friday", "last Saturday"), else the
    publication date for an event reported as having happened."""
    dates = [d for d in st.ctx.dates if d.value and sent.start_char <= d.span[0] < sent.end_char]
    mine = clause_verb(c.trigger)
    for d in dates:
        sp = st.doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
        if sp is None:
            continue
        t = sp.root
        if t.head.lower_ in ("since", "until", "till", "through"):
            continue  # "since October 2022" bounds a period; it does not date the act
        if any(a.i == c.trigger.i for a in up_to_verb(t)) or clause_verb(t) == mine:
            c.dated = True
            return d.value
    if len(dates) == 1 and c.status == "planned":
        return dates[0].value
    if c.status in ("occurred", "ongoing", "negated"):
        return st.ctx.published
    return None


def location(st: ArticleState, c: Candidate, sent: Span) -> str | None:
    """A place the sentence (else its paragraph) puts things in: a GPE/LOC/FAC after a
    locative preposition ("in Kyiv", "near Kell"), not one that is the actor or target."""
    names = {p.name.lower() for p in c.actors + c.targets}
    para = paragraph_of(st.doc.text, sent.start_char)
    for lo, hi in ((sent.start_char, sent.end_char), para):
        for e in st.places:
            if not lo <= e.start_char < hi:
                continue
            name = clean_name(e.text)
            if name.lower() in names:
                continue
            if e.root.dep_ == "pobj" and e.root.head.lower_ in lex().cues["locative_preps"]:
                ent = st.ctx.entities.at(e.start_char, e.end_char)
                return ent.name if ent is not None and ent.type in PLACE_ENT else name
    return None


CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "acl", "csubj"}


def own_clause(root: Token) -> list[Token]:
    """The tokens of ``root``'s subtree outside the clauses embedded in it (and outside verbs
    coordinated with it)."""
    out: list[Token] = []
    stack = [root]
    while stack:
        t = stack.pop()
        out.append(t)
        for k in t.children:
            if k.dep_ in CLAUSE_DEPS or (k.dep_ == "conj" and k.pos_ in ("VERB", "AUX")):
                continue
            stack.append(k)
    return out


def up_to_verb(tok: Token) -> list[Token]:
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


def clause_verb(tok: Token) -> int:
    """Index of the verb heading the clause a token sits in (the token itself for a verb)."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok.i
    ups = up_to_verb(tok)
    return ups[-1].i if ups else tok.i


def clause_span(tok: Token, sent: Span) -> tuple[int, int]:
    """Characters of the trigger's clause (a noun's governing verb clause), inside the sentence."""
    head = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i else tok
    toks = [t for t in head.subtree if sent.start <= t.i < sent.end]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return start, end


def paragraph_of(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _actor_key(c: Candidate, surfaces: dict[int, str] | None) -> str:
    """The actor as merging sees it: a state read off a force noun keeps that noun's words."""
    if not c.actors:
        return ""
    a = c.actors[0]
    return (surfaces or {}).get(id(a), a.name.lower())


def _key(c: Candidate, surfaces: dict[int, str] | None = None) -> tuple[Any, ...]:
    actor = _actor_key(c, surfaces)
    target = c.targets[0].name.lower() if c.targets else None
    return (c.type, actor, target, c.date, c.status == "negated")


def merge(
    cands: list[Candidate], sides: dict[str, set[str]] | None = None, surfaces: dict[int, str] | None = None
) -> list[Event]:
    """One event per happening: same type, actor, target, date and polarity merge; an untargeted
    mention merges into a targeted one of the same type, actor and date."""
    kept: list[Candidate] = []
    index: dict[tuple[Any, ...], Candidate] = {}
    for c in cands:
        if not c.actors:
            continue
        k = _key(c, surfaces)
        if k in index:
            _absorb(index[k], c)
            continue
        loose = next((o for o in kept if _same_happening(o, c, sides, surfaces)), None)
        if loose is not None:
            if not loose.targets and c.targets:
                loose.targets = c.targets
            _absorb(loose, c)
            continue
        index[k] = c
        kept.append(c)
    out: list[Event] = []
    for c in kept:
        out.append(
            Event(
                type=c.type,  # type: ignore[arg-type]
                actor=c.actors[0],
                span=c.span,
                mode=c.mode,
                target=c.targets[0] if c.targets else None,
                date=c.date,
                location=c.location,
                status=c.status,
                actors=list(c.actors),
                targets=list(c.targets),
                source_quote=c.source_quote,
                trigger=c.trigger.text,
                reason=c.reason,
            )
        )
    return out


def _same_happening(
    a: Candidate,
    b: Candidate,
    sides: dict[str, set[str]] | None = None,
    surfaces: dict[int, str] | None = None,
) -> bool:
    """Two mentions of one happening: same type, date and polarity, actors of one side, and
    targets that do not disagree."""
    if a.type != b.type or (a.status == "negated") != (b.status == "negated"):
        return False
    # a later mention without its own date ("the attack on Olm") is the dated happening, if
    # that happening is recent news (not a war's start years before)
    if a.date != b.date and (a.dated == b.dated or not _days_apart_at_most(a.date, b.date, 7)):
        return False
    if a.date != b.date and not _is_restatement(b if a.dated else a):
        return False  # a fresh report ("killing six") is not last week's strike named again
    if a.targets and b.targets and not same_side(a.targets[0], b.targets[0], sides):
        return False
    x, y = a.actors[0], b.actors[0]
    same_actor = _actor_key(a, surfaces) == _actor_key(b, surfaces) or (
        bool(x.entity_id and x.entity_id == y.entity_id)
        and not (surfaces and (id(x) in surfaces or id(y) in surfaces))
    )
    # statements by different speakers are different acts, even from one side; two reported
    # acts of one side on one day may be two acts unless one only restates the other ("the
    # attack", a denial)
    if a.type in lex().speech_acts or not (_is_restatement(a) or _is_restatement(b)):
        return same_actor
    return same_actor or same_side(a.actors[0], b.actors[0], sides)


def _days_apart_at_most(a: str | None, b: str | None, days: int) -> bool:
    """Both are day dates no more than ``days`` apart."""
    try:
        return abs((dt.date.fromisoformat(a or "") - dt.date.fromisoformat(b or "")).days) <= days
    except ValueError:
        return False


def _is_restatement(c: Candidate) -> bool:
    """A mention that names a happening rather than reports it: an event noun, or a denial."""
    return c.trigger.pos_ in ("NOUN", "PROPN") or c.status == "negated"


def _absorb(into: Candidate, other: Candidate) -> None:
    if other.span[0] <= into.span[1] and into.span[0] <= other.span[1]:  # one sentence: widest clause
        into.span = (min(into.span[0], other.span[0]), max(into.span[1], other.span[1]))
    if other.dated and not into.dated:
        into.date, into.dated = other.date, True
    into.mode = into.mode or other.mode
    into.location = into.location or other.location
    if into.source_quote is None:
        into.source_quote = other.source_quote
    names = {p.name for p in into.actors}
    into.actors.extend(p for p in other.actors if p.name not in names)
