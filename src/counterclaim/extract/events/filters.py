"""Filters: the drop checks a sentence's candidates pass before anything else is read off them.

Each check is a small predicate ``(candidate, types) -> bool``, true when the candidate is no event
of its own (``types`` maps the trigger of every candidate of the sentence to its type); they sit
in ``DROP_CHECKS`` and ``kept`` applies them in order, as spaCy's span ruler keeps matching apart
from the policy that filters matches. Each can be tested alone."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from spacy.tokens import Token

from .grammar import SUBJ_DEPS, content_clause, denial_verb, governor, verb_forms
from .lexicon import lex
from .state import Candidate

DropCheck = Callable[[Candidate, Mapping[int, str]], bool]


def kept(found: list[Candidate]) -> list[Candidate]:
    """The candidates of one sentence that no drop check rejects, in their order."""
    types = {c.trigger.i: c.type for c in found}
    return [c for c in found if not any(check(c, types) for check in DROP_CHECKS)]


def embedded_in_intent(c: Candidate, types: Mapping[int, str]) -> bool:
    """True for the promised, asked-for or threatened action under an intent verb."""
    gov = governor(c.trigger)
    if gov is None:
        return False
    if (
        c.trigger.pos_ == "NOUN"
        and verb_forms(gov) & lex().cues["light_verbs"]
        and gov.dep_ in ("xcomp", "ccomp")
        and not any(k.dep_ in SUBJ_DEPS for k in gov.children)
    ):
        # "ready to hold talks": the light verb's own governor decides
        outer = governor(gov)
        if outer is not None and outer.lemma_.lower() in lex().cues["intent_verbs"]:
            gov = outer
    lemma = gov.lemma_.lower()
    if lemma not in lex().cues["intent_verbs"] or lemma in lex().cues["deny_verbs"]:
        return False
    if lemma in lex().cues["threat_verbs"]:
        return False  # kept, marked hypothetical
    # "agreed that they should cooperate": the agreement is the event
    return c.trigger.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "conj") or c.trigger.pos_ == "NOUN"


def backgrounded(c: Candidate, types: Mapping[int, str]) -> bool:
    """True inside a relative or participial clause ("troops, which rescued X in 2015"): a
    description of a party, not news of an event."""
    tok = c.trigger
    t = tok
    for _ in range(10):
        if t.dep_ in ("relcl", "acl"):
            head = t.head
            cues = lex().cues
            if t.dep_ == "acl" and head.lemma_.lower() in cues["attempt_nouns"]:
                return False  # "an attempt to assassinate the governor was thwarted": an act tried
            if head.lemma_.lower() in cues["weapon_nouns"] and any(
                k.dep_ == "prep" and k.lower_ == "in" for k in t.children
            ):
                return False  # "a barrage in which the group fired missiles": the event told
            if content_clause(t):
                return False  # "evidence the facility was hit by ...": what the proof shows, told
            issued = head.dep_ == "dobj" and head.lemma_.lower() in cues["statement_nouns"]
            # "..., a claim Marrin rejected": the rejection is news, told in a relative clause
            denied = (
                t.i == tok.i
                and head.lemma_.lower() in cues["claim_nouns"]
                and denial_verb(tok)
            )
            return not (issued or denied)  # "issued a declaration demanding ...": the content
        if t.head.i == t.i or t.dep_ in ("ccomp", "ROOT"):
            return False
        if (
            t.dep_ == "advcl"
            and any(k.dep_ in SUBJ_DEPS for k in t.children)
            and any(m.dep_ == "mark" and m.lower_ in lex().cues["news_marks"] for m in t.children)
        ):
            return False  # "..., as the Kremlin continued to deny it": a clause with news of its own
        t = t.head
    return False


def toll_setting(c: Candidate, types: Mapping[int, str]) -> bool:
    """An event noun that only places a toll ("the death toll in Monday's missile attacks rose
    to 42"): the news is the toll; the attack is told elsewhere."""
    t = c.trigger
    if t.pos_ not in ("NOUN", "PROPN"):
        return False
    for _ in range(3):
        if t.dep_ != "pobj" or t.head.dep_ != "prep":
            return False
        t = t.head.head
        if t.lemma_.lower() in lex().cues["toll_nouns"]:
            return True
    return False


def purpose_of(c: Candidate, types: Mapping[int, str]) -> bool:
    """True for a purpose clause of another event ("travelled to Paris to sign a pact"): what the
    event is for has not happened."""
    tok = c.trigger
    if tok.dep_ != "advcl" or tok.head.i not in types:
        return False
    return any(k.dep_ == "aux" and k.lower_ == "to" for k in tok.children)


def topic_of_talks(c: Candidate, types: Mapping[int, str]) -> bool:
    """True for what talks are about ("will meet to discuss extending the truce", "talks on a
    ceasefire") or what an act works against ("to sabotage Moscow's talks with the US"): a
    subject named, not an act told."""
    cues = lex().cues
    t = c.trigger
    for _ in range(4):
        if t.dep_ not in ("dobj", "xcomp", "pcomp", "pobj", "prep", "ccomp") or t.head.i == t.i:
            return False
        head = t.head
        lemma = head.lemma_.lower()
        if head.pos_ in ("VERB", "AUX") and lemma in cues["topic_verbs"]:
            return True
        if head.pos_ == "VERB" and lemma in cues["undermining_verbs"] and c.trigger.pos_ == "NOUN":
            return True  # "to sabotage Moscow's talks with the US": the talks are not told here
        if (
            head.pos_ == "ADP"
            and head.lower_ in cues["topic_preps"]
            and head.head.lemma_.lower() in cues["talk_nouns"]
        ):
            return True
        t = head
    return False


def order_for_an_act(c: Candidate, types: Mapping[int, str]) -> bool:
    """True for the order that sends forces to do an act the sentence names ("ordered troops to
    take control of the buffer zone"): the act ordered is the event, its actor the one who
    ordered it (``parties.subject_parties``)."""
    tok = c.trigger
    cues = lex().cues
    if c.type != "MOBILIZE" or tok.lemma_.lower() not in cues["command_verbs"]:
        return False
    obj = next((k for k in tok.children if k.dep_ == "dobj"), None)
    if obj is None or obj.lemma_.lower() not in cues["force_nouns"]:
        return False
    return any(k.dep_ == "xcomp" and k.i in types for k in tok.children)


def consequence(c: Candidate, types: Mapping[int, str]) -> bool:
    """A participle or coordinated verb restating its head event ("shelled the post, wounding
    five guards", "killed or wounded"): part of the same happening."""
    tok = c.trigger
    if tok.pos_ not in ("VERB", "AUX") or tok.head.i == tok.i or types.get(tok.head.i) != c.type:
        return False
    return tok.dep_ == "conj" or (tok.dep_ == "advcl" and tok.tag_ == "VBG")


def condition_of_another(c: Candidate, types: Mapping[int, str]) -> bool:
    """An act named only as the condition of another ("... unless Ruritania apologizes") has
    not happened and is not announced: it is no event."""
    t = c.trigger if c.trigger.pos_ in ("VERB", "AUX") else governor(c.trigger)
    while t is not None and t.dep_ == "conj" and t.head.i != t.i:
        t = t.head  # "if Y withdraws and apologises"
    if t is None or t.dep_ != "advcl":
        return False
    marks = {m.lower_ for m in t.children if m.dep_ == "mark"}
    if marks & lex().cues["conditional_marks"]:
        return True
    # "... would be returned once Y apologised": the awaited act of a pending outcome
    if not marks & lex().cues["pending_marks"]:
        return False
    head, aux = t.head, set()
    for _ in range(4):  # "would keep protesting until ...": the modal sits on "keep"
        aux |= {a.lower_ for a in head.children if a.dep_ in ("aux", "auxpass")}
        if head.dep_ not in ("xcomp", "conj") or head.head.i == head.i:
            break
        head = head.head
    return bool(aux & (lex().cues["future_aux"] | lex().cues["hypothetical_aux"] | {"would"}))


def unannounced(c: Candidate) -> bool:
    """A hypothetical act (held to a condition, or under a modal: "would agree only if ...",
    "could face trial") that no threat announces has not happened and is not declared: no event.
    What a threat threatens stays, marked hypothetical, beside the THREATEN."""
    if c.status != "hypothetical" or c.derived:
        return False
    t: Token | None = c.trigger
    for _ in range(4):
        t = governor(t) if t is not None else None
        if t is None:
            return True
        if t.lemma_.lower() in lex().cues["threat_verbs"]:
            return False
    return True


def generic(c: Candidate, types: Mapping[int, str]) -> bool:
    """A habit or a rule stated in the present, not news: "Moscow only hits military
    facilities", "the army does not strike civilian infrastructure", "our military strikes
    exclusively military targets" (a material act in the simple present, with a habit word or
    an object that names a kind rather than a thing, outside the headline)."""
    tok = c.trigger
    cues = lex().cues
    # "exclusively carries out strikes against military targets": the light verb's tense and habit
    nominal = tok.pos_ == "NOUN" and tok.dep_ == "dobj" and bool(verb_forms(tok.head) & cues["light_verbs"])
    verb = tok.head if nominal else tok
    if c.type.lower() not in cues["material_types"] or verb.pos_ not in ("VERB", "AUX"):
        return False
    aux = {a.lower_ for a in verb.children if a.dep_ in ("aux", "auxpass")}
    do = cues["do_aux"]
    present = verb.tag_ in ("VBZ", "VBP") or (verb.tag_ == "VB" and aux & do)
    if not present or aux - do:
        return False
    habit = cues["habit_adverbs"]
    if any(k.lower_ in habit for k in verb.children if k.dep_ in ("advmod", "neg", "preconj")):
        return True  # 'Moscow only hits military facilities', headline or not
    if nominal:
        return False  # "carry out strikes on Kharkiv every night": strikes told
    if tok.sent.start == 0 and not tok.sent.text.rstrip().endswith((".", "!", "?")):
        return False  # a headline tells news in the present
    obj = next((k for k in tok.children if k.dep_ == "dobj"), None)
    return (
        obj is not None
        and obj.tag_ in ("NNS", "NN")
        and not obj.ent_type_
        and not any(k.dep_ in ("det", "poss", "nummod") for k in obj.children)
    )


def part_of_statement(c: Candidate, types: Mapping[int, str]) -> bool:
    """A participle adding to another speech act of the same speaker ("condemned the attack,
    calling for an investigation"): one statement, coded once."""
    tok = c.trigger
    speech = lex().speech_acts
    return (
        tok.dep_ == "advcl"
        and tok.tag_ == "VBG"
        and c.type in speech
        and types.get(tok.head.i) in speech
    )


# the drop checks, in the order they are tried
DROP_CHECKS: tuple[DropCheck, ...] = (
    embedded_in_intent,
    backgrounded,
    purpose_of,
    topic_of_talks,
    order_for_an_act,
    consequence,
    condition_of_another,
    part_of_statement,
    toll_setting,
)
# checks tried once the reported layer has read its acts off the candidates: a habit stated by
# a speaker is no event, but denying it is the speaker's act ("our military does not strike
# civilian infrastructure" -> REJECT)
def intercepted(c: Candidate, types: Mapping[int, str]) -> bool:
    """Damage told as done by a defensive weapon ("hit by a falling air defense missile",
    "struck by a Ukrainian anti-missile"): an interception gone astray attacks no one; saying so
    still charges the defender (read off it in ``reported``)."""
    if c.type != "ASSAULT":
        return False
    words = lex().cues["defensive_weapons"]
    for k in c.trigger.children:
        if k.dep_ != "agent":
            continue
        phrase = " ".join(t.lower_ for t in k.subtree)
        if any(w in phrase for w in words):
            return True
    return False


def denied_any(c: Candidate, types: Mapping[int, str]) -> bool:
    """A denial of any such act ("denied any attacks on civilian targets", "did not strike any
    civilian settlement"): a denial of a kind of act, not of a happening; the denial is the
    event (REJECT, read off it)."""
    if c.type.lower() not in lex().cues["material_types"]:
        return False  # "will not accept any more refugees" is a refusal (REJECT), kept to be recoded
    if c.status != "negated" and not _negated_here(c.trigger):
        return False
    t = c.trigger
    words = lex().cues["any_words"]
    if t.pos_ in ("NOUN", "PROPN"):
        return any(k.dep_ == "det" and k.lower_ in words for k in t.children)
    return any(
        g.dep_ == "det" and g.lower_ in words
        for k in t.children
        if k.dep_ in ("dobj", "nsubjpass")
        for g in k.children
    )


def _negated_here(tok: Token) -> bool:
    """The act is negated or denied in its own clause (status is read only later)."""
    gov = governor(tok)
    return any(k.dep_ == "neg" for k in tok.children) or (
        gov is not None and denial_verb(gov)
    )


LATE_CHECKS: tuple[DropCheck, ...] = (generic, intercepted, denied_any)


def late_kept(found: list[Candidate]) -> list[Candidate]:
    """The candidates no late check rejects (acts read off others are kept)."""
    types = {c.trigger.i: c.type for c in found}
    return [c for c in found if c.derived or not any(check(c, types) for check in LATE_CHECKS)]
