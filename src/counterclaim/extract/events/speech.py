"""Speech acts: what a statement does, read off the statement itself.

A statement (``Statement``) is a reporting verb with its content, a statement a party issues
("issued a declaration demanding ..."), or a claim a party makes, named by a noun ("claims by
Kiev that ...", "Russia's claim that ..."). Its speaker is the quote layer's speaker when the
statement is a quote (``ctx.quotes``), else the reporting verb's subject or the claim's owner; the
act rests on that quote (``source_quote``). What it does, tried in this order:

1. its modality (``pledge_or_demand``): "Y must ..." is a REQUEST of Y; "we will ..." a pledge
   (AGREE), a threat (THREATEN) or, negated, a refusal (REJECT);
2. ruling out diplomacy ("there is no way to settle it through diplomacy", "leaves no room for
   talks"): a REJECT of the other side;
3. threat words in the present ("every convoy is a legitimate target"): THREATEN;
4. calling a claim false ("the figures are fabricated"): a REJECT of the claim's owner;
5. loaded words charging another party ("aggression", "war crime", "is to blame"): ACCUSE.

Acts the speaker does by reporting another party's act (an ACCUSE for a hostile act, a REJECT for
a denial of their own side's) are read in ``reported``."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ...nlp import token_lemma_lowers, token_lowers, token_pos_dep
from ...records import Party
from ..grammar import cue_info
from ..who.speakers import first_person, pronoun
from .annotate import is_negated, status
from .grammar import PASSIVE_SUBJ, SUBJ_DEPS, by_agent, governor, issued_statement, pobj_of
from .lexicon import cue_union, lex
from .parties import modifier_parties, parties_of, same_side, subject_parties
from .state import ArticleState, Candidate, derived_act, quote_of


@dataclass(slots=True)
class Statement:
    """A party's statement: the cue (reporting verb, statement noun or claim noun), the speaker,
    the heads of the reported clauses and the quote it is, if the quote layer found it."""

    cue: Token
    speaker: Party
    content: list[Token]
    quote: int | None
    by_noun: bool = False  # a claim named by a noun ("claims by Kiev that ...")
    _tokens: list[Token] | None = field(default=None, repr=False, compare=False)  # tokens(), once
    _words: set[str] | None = field(default=None, repr=False, compare=False)  # words(), once

    def words(self) -> set[str]:
        """Lemmas and forms of the content, leaving out clauses with a subject of their own
        that another party's act fills ("..., as the Kremlin continued to deny it") and asides
        naming another party's answer ("..., a claim Marrin rejected"). Shared: never change it."""
        if self._words is None:
            lemmas, lowers = token_lemma_lowers(self.cue.doc), token_lowers(self.cue.doc)
            at = [t.i for t in self.tokens()]
            self._words = {lemmas[i] for i in at} | {lowers[i] for i in at}
        return self._words

    def tokens(self) -> list[Token]:
        """The content's tokens, in order, as ``words`` reads them (worked out once)."""
        if self._tokens is not None:
            return self._tokens
        skip: set[int] = set()
        cues = lex().cues
        deps = token_pos_dep(self.cue.doc)[1]
        trees = [list(k.subtree) for k in self.content]
        for tree in trees:
            for n in tree:
                # "..., a claim Marrin rejected", "..., a move rejected by the world": the
                # reporter's aside, not the speaker's words
                dep = deps[n.i]
                aside = dep == "appos" or (
                    dep == "npadvmod"
                    and (n.lemma_.lower() in cues["claim_nouns"] or any(t.pos_ == "VERB" for t in n.subtree))
                )
                own_clause = dep == "advcl" and any(g.dep_ in SUBJ_DEPS for g in n.children)
                if aside or own_clause:
                    skip.update(t.i for t in n.subtree)
        whole = [t for tree in trees for t in tree]
        self._tokens = [t for t in whole if t.i not in skip] if skip else whole
        return self._tokens

    def holds(self, tok: Token) -> bool:
        """``tok`` is in the content (a content head or below one)."""
        return any(k.i == tok.i or k.is_ancestor(tok) for k in self.content)

    def start(self) -> int:
        return min(t.i for k in self.content for t in k.subtree)


def speech_acts(st: ArticleState, sent: Span, found: list[Candidate]) -> list[Candidate]:
    """The acts the sentence's statements do by what they say."""
    out: list[Candidate] = []
    for stmt in statements(st, sent):
        already = {c.type for c in found + out if c.trigger.i == stmt.cue.i}
        if already - {"REJECT"}:
            continue  # the statement is already coded (a denial may still carry a charge)
        act = statement_act(st, stmt, found, already)
        if act is not None:
            act.source_quote = stmt.quote
            out.append(act)
    return out


def statements(st: ArticleState, sent: Span) -> list[Statement]:
    """The statements made in a sentence."""
    out = []
    cues = lex().cues
    # a statement's cue is a reporting verb or a statement or claim noun (``match.cue_positions``)
    for tok in st.read_by("statement", sent):
        lemma = tok.lemma_.lower()
        by_noun = False
        if tok.pos_ == "VERB" and lemma in lex().reporting_verbs:
            content = [k for k in tok.children if k.dep_ in ("ccomp", "oprd", "dobj", "xcomp", "parataxis")]
            speakers = subject_parties(st, tok)
        elif issued_statement(tok):
            content = [k for k in tok.children if k.dep_ in ("ccomp", "acl", "relcl")]
            # "issued a reminder to Iraq that it must ...": the parser may hang the content on
            # the verb
            content += [
                k for k in tok.head.children if k.dep_ == "ccomp" and k.i > tok.i and _content_clause(k)
            ]
            speakers = subject_parties(st, tok.head)
        elif tok.pos_ == "NOUN" and lemma in cues["claim_nouns"]:
            content = [k for k in tok.children if k.dep_ in ("acl", "ccomp") and _content_clause(k)]
            agent = by_agent(tok)
            speakers = modifier_parties(st, tok) or (parties_of(st, agent) if agent is not None else [])
            by_noun = True
        else:
            continue
        if not content:
            continue
        qi = quote_of(st, tok)
        if not by_noun and qi is not None:
            sp = st.ctx.quotes[qi].speaker
            if sp.kind == "source" and sp.name and not _state_force_subject(tok, speakers):
                speakers = [sp]
        if speakers:
            out.append(Statement(tok, speakers[0], content, qi, by_noun))
    return out


def _content_clause(k: Token) -> bool:
    """A clause that states something ("claims that X shelled Y"), not a relative one."""
    return k.pos_ in ("VERB", "AUX") and (
        any(m.dep_ == "mark" and m.lower_ == "that" for m in k.children)
        or any(g.dep_ in SUBJ_DEPS | PASSIVE_SUBJ for g in k.children)
    )


def _state_force_subject(verb: Token, speakers: list[Party]) -> bool:
    """"The Lormarki army said": the state speaks, as its acts are coded."""
    subj = next((k for k in verb.children if k.dep_ in SUBJ_DEPS), None)
    return (
        bool(speakers)
        and subj is not None
        and not pronoun(subj)
        and subj.lemma_.lower() in lex().cues["state_force_nouns"]
    )


def statement_act(
    st: ArticleState, stmt: Statement, found: list[Candidate], already: set[str]
) -> Candidate | None:
    """The first act the statement does, by the order of the module docstring."""
    cues = lex().cues
    speaker = stmt.speaker
    if stmt.by_noun:
        return None  # a claim named by a noun does no act beyond the one it reports (reported)
    if any(
        c.type in lex().speech_acts and stmt.holds(c.trigger) and same_side(c.actors[0], speaker, st)
        for c in found
    ):
        return None  # "Russia rejects the claims, Peskov said": the statement is that act
    pledge = pledge_or_demand(st, stmt, found)
    if pledge is not None:
        return pledge
    if rules_out_talks(st, stmt):
        about = content_subject(st, stmt)
        return derived_act("REJECT", stmt.cue, [speaker], about[:1], "statement rules out talks")
    if _rules_out(stmt):
        return derived_act("REJECT", stmt.cue, [speaker], [], "statement rules something out")
    words = stmt.words()
    present = any(k.tag_ in ("VBZ", "VBP") or any(a.tag_ == "MD" for a in k.children) for k in stmt.content)
    if (
        words & cues["threat_cues"]
        and present  # "is a legitimate target", "will be punished"; not a past account
        and not any(k.dep_ == "neg" for c in stmt.content for k in c.children)
    ):
        about = content_subject(st, stmt)
        return derived_act("THREATEN", stmt.cue, [speaker], about[:1], "statement threatens")
    if _calls_false(stmt) and "REJECT" not in already:
        owner = next((p for t in stmt.tokens() for p in claim_owner(st, t)), None)
        claimant = [owner] if owner is not None else []  # whose claim, not whom it is about
        return derived_act("REJECT", stmt.cue, [speaker], claimant, "statement calls a claim false")
    about = content_subject(st, stmt)
    if (
        about
        and stmt.cue.i < stmt.start()
        and words & cues["accuse_cues"]
        and not same_side(about[0], speaker, st)  # 'IDF troops encircled the terror group's base'
        # an act it reports is charged in ``reported`` (one it denies is not: "did not strike
        # homes, the damage was caused by Ukrainian missiles" still charges)
        and not any(
            c.type in lex().hostile and stmt.holds(c.trigger) and not is_negated(c.trigger) for c in found
        )
    ):
        return derived_act("ACCUSE", stmt.cue, [speaker], about[:1], "statement charges a party")
    return None


def _addressee(st: ArticleState, stmt: Statement) -> list[Party]:
    """The party a statement is addressed to: "a reminder to Iraq", "told Kyiv that ..."."""
    cue = stmt.cue
    anchors = [cue, cue.head] if cue.pos_ == "NOUN" else [cue]
    for a in anchors:
        for k in a.children:
            if k.dep_ in ("prep", "dative") and k.lower_ == "to":
                pobj = pobj_of(k)
                if pobj is not None:
                    return parties_of(st, pobj)
            if k.dep_ == "dobj" and a.pos_ == "VERB" and (cue_info(a.lemma_) or {}).get("addressee"):
                return parties_of(st, k)  # the quote layer's verbs that take the hearer as object
    return []


def _rules_out(stmt: Statement) -> bool:
    """The statement declares a step out of the question ("removing the sanctions is out of
    the question", "a ceasefire is off the table")."""
    lowers = token_lowers(stmt.cue.doc)
    words = " ".join(lowers[t.i] for t in stmt.tokens())
    return any(phrase in words for phrase in lex().cues["refusal_phrases"])


def _calls_false(stmt: Statement) -> bool:
    """The statement calls a claim false ("the figures are fabricated", "denied the report"); a
    verb of denial whose object is no claim ("would deny entry to ...") calls nothing false."""
    cues = lex().cues
    if stmt.words().isdisjoint(cues["reject_cues"]):
        return False  # no word of rejection (the loop below would find none)
    for t in stmt.tokens():
        if t.lemma_.lower() not in cues["reject_cues"] and t.lower_ not in cues["reject_cues"]:
            continue
        obj = next((k for k in t.children if k.dep_ == "dobj"), None) if t.pos_ == "VERB" else None
        if obj is not None and obj.lemma_.lower() not in cues["claim_nouns"] and not pronoun(obj):
            continue
        return True
    return False


def pledge_or_demand(st: ArticleState, stmt: Statement, found: list[Candidate]) -> Candidate | None:
    """What a statement does by its modality: "X said Y must ..." is a REQUEST of Y;
    "X said it will/would ..." is a pledge (AGREE) or, for a hostile act, a THREATEN; "... will
    not ..." a REJECT."""
    hostile = lex().hostile | {"PROTEST"}
    verb, speaker = stmt.cue, stmt.speaker
    for k in stmt.content:
        if k.dep_ not in ("ccomp", "parataxis", "acl"):  # "issued a reminder that Iraq must ..."
            continue
        aux = {a.lower_ for a in k.children if a.dep_ in ("aux", "auxpass")}
        subj = next((g for g in k.children if g.dep_ in SUBJ_DEPS | PASSIVE_SUBJ), None)
        subj_parties = parties_of(st, subj) if subj is not None else []
        addressed = subj is not None and pronoun(subj) and not first_person(subj.text)
        told = _addressee(st, stmt) if addressed else []
        if told and aux & lex().cues["demand_modals"]:
            # "issued a reminder to Iraq that it must cooperate": the one told must act
            st.dropped.update(t.i for t in k.subtree)
            return derived_act("REQUEST", verb, [speaker], told[:1], "statement: the party told must act")
        own = subj is not None and (
            pronoun(subj) or (bool(subj_parties) and same_side(subj_parties[0], speaker, st))
        )
        if aux & lex().cues["demand_modals"] and subj_parties and not own:
            st.dropped.update(t.i for t in k.subtree)  # the demanded act has not happened
            why = "statement: another party must act"
            return derived_act("REQUEST", verb, [speaker], subj_parties[:1], why)
        if aux & (lex().cues["future_aux"] | {"would"}) and own:
            inner = [c for c in found if c.trigger.i == k.i or (governor(c.trigger) or c.trigger).i == k.i]
            if not inner:
                continue
            if any(is_negated(c.trigger) for c in inner):
                why = "statement: the speaker's side will not act"
                return derived_act("REJECT", verb, [speaker], _own_targets(inner, k), why)
            if any(c.type in hostile and not _resolve_only(c) for c in inner):
                measures = lex().cues["measure_types"]
                if verb.lemma_.lower() in lex().cues["decision_verbs"] and all(
                    c.type.lower() in measures for c in inner if c.type in hostile
                ):
                    continue  # "announced it would prohibit all aid": the measure itself, planned
                return derived_act(
                    "THREATEN",
                    verb,
                    [speaker],
                    _own_targets(inner, k),
                    "statement: the speaker's side will act against another",
                )
            if any(status(c) == "hypothetical" for c in inner):
                continue  # "would agree only if ...": a conditional offer is a position
            if any(c.type.lower() not in lex().cues["not_pledged"] for c in inner) and not any(
                k2.dep_ == "neg" for k2 in k.children
            ):
                return derived_act(
                    "AGREE",
                    verb,
                    [speaker],
                    _own_targets(inner, k),
                    "statement: the speaker's side pledges to act",
                )
    return None


def _own_targets(inner: list[Candidate], clause: Token) -> list[Party]:
    """The target of the act the clause's own verb names ("will intensify its strikes on X"),
    not of an act it only mentions ("would retaliate over an attack on Y")."""
    own = [c for c in inner if c.trigger.i == clause.i or c.trigger.dep_ != "pobj"]
    return list(own[0].targets[:1]) if own else []


def _resolve_only(c: Candidate) -> bool:
    """A struggle verb with no one it is against ("the troops would fight on"): a resolve, not a
    threat."""
    t = c.trigger
    bare = not any(k.dep_ in ("dobj", "prep", "advcl", "xcomp") for k in t.children)
    return t.lemma_.lower() in lex().cues["struggle_verbs"] and not c.targets and bare


def rules_out_talks(st: ArticleState, stmt: Statement) -> bool:
    """The speaker denies diplomacy a chance: a word of talks or settlement under a negation in
    its own clause ("there is no way to settle it through diplomacy", "X's stance leaves no room
    for negotiations", "we will not negotiate"); not when another party is the one said to refuse
    ("Russia will not join negotiations")."""
    talks = lex().cues["diplomacy_words"]
    if stmt.words().isdisjoint(talks):
        return False  # no word of talks (the loop below would find none)
    for t in stmt.tokens():
        if t.lemma_.lower() not in talks and t.lower_ not in talks:
            continue
        node: Token | None = t
        for _ in range(6):
            if node is None:
                break
            if any(k.dep_ == "neg" or (k.dep_ == "det" and k.lower_ == "no") for k in node.children):
                if _past_fact(node):
                    break  # a past fact denied, not diplomacy ruled out; try the next word
                return not _another_refuses(st, stmt, node)
            if node.i == stmt.cue.i or node.head.i == node.i:
                break
            node = node.head
    return False


def _past_fact(node: Token) -> bool:
    """The negated clause reports a past fact ("Moscow had not taken part in those talks"): a
    denial of having acted, not diplomacy ruled out."""
    clause = node
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i:
        clause = clause.head
    aux = {a.lower_ for a in clause.children if a.dep_ in ("aux", "auxpass")}
    if aux & cue_union("future_aux", "hypothetical_aux"):
        return False
    return clause.tag_ == "VBD" or (clause.tag_ == "VBN" and bool(aux & {"had", "has", "have"}))


def _another_refuses(st: ArticleState, stmt: Statement, node: Token) -> bool:
    """The negated clause's subject is a party other than the speaker's side."""
    clause = node
    while clause.pos_ not in ("VERB", "AUX") and clause.head.i != clause.i and clause.i != stmt.cue.i:
        clause = clause.head
    subj = next((k for k in clause.children if k.dep_ in SUBJ_DEPS), None)
    if subj is None or subj.dep_ == "expl" or subj.lower_ == "there":
        return False
    party_words = cue_union("force_nouns", "group_nouns", "title_nouns")
    if subj.pos_ == "NOUN" and not subj.ent_type_ and subj.lemma_.lower() not in party_words:
        return False  # "X's stance leaves no room ...": a thing, not a party refusing
    ps = parties_of(st, subj)
    return bool(ps) and not same_side(ps[0], stmt.speaker, st)


def content_subject(st: ArticleState, stmt: Statement) -> list[Party]:
    """The other party a statement is about: its object ("called X a liar", "rejected the
    Russian account"), else the subject (or, in the passive, the agent: "was caused by
    Ukrainian missiles") of its content clauses, skipping the speaker's own side."""
    verb, speaker = stmt.cue, stmt.speaker
    naming = any(k.dep_ in ("oprd", "xcomp") for k in verb.children)
    found: list[list[Party]] = []
    for k in stmt.content:
        if k.dep_ == "dobj" and (naming or k.lemma_.lower() in lex().cues["claim_nouns"]):
            if k.pos_ == "PRON" and k.lower_ in lex().cues["claim_pronouns"]:
                continue  # "calling it a lie": the claim, not its author
            found.append(claim_owner(st, k) or parties_of(st, k))
    for k in stmt.content:
        if k.dep_ not in ("ccomp", "parataxis", "xcomp"):
            continue
        for clause in [k, *k.conjuncts]:
            if any(g.dep_ == "neg" for g in clause.children):
                continue  # "Russian forces did not strike ...": who is cleared, not charged
            agent = next((g for g in clause.children if g.dep_ == "agent"), None)
            pobj = pobj_of(agent)
            subj = pobj or next((g for g in clause.children if g.dep_ in SUBJ_DEPS | PASSIVE_SUBJ), None)
            if subj is not None:
                found.append(claim_owner(st, subj) or parties_of(st, subj) or modifier_parties(st, subj))
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

