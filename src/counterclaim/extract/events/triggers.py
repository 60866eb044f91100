"""Triggers: the event candidates of a sentence, as the verb and noun lexicons read them over the
parse (the match step; the lexicon lookups are ``match``). Each trigger returns a candidate or
None; whether a candidate stays, and what else is read off it, is decided later (filters,
reported speech, derived acts, annotation).

* a verb trigger takes its subject as actor (the ``by`` agent in the passive; for an attack no
  subject names, ``attacks``), its object or a target preposition's object as target
  (``targets``);
* a noun trigger ("strikes", "talks", "sanctions") needs an actor tied to it: a party modifier
  ("Russian strikes", "Israel's offensive"), a ``by`` agent, or the subject of a light verb
  ("carried out strikes", "held talks", "imposed sanctions");
* a declared readiness ("is willing to send", "is committed to the ceasefire") is an AGREE, or a
  THREATEN when what the actor is ready for is hostile; readiness for an aim or under a condition
  is a position, no event;
* talks said to be separate are one CONSULT per counterpart."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...records import Party
from ..who.sides import nationality_like
from .attacks import hit_place, launched_from, place_hit, unattributed_attack, weapon_targets
from .grammar import (
    PASSIVE_SUBJ,
    SUBJ_DEPS,
    by_agent,
    conditioned,
    denial_verb,
    first_child,
    governor,
    of_object,
    pobj_of,
    subject_of,
    verb_forms,
)
from .lexicon import cue_union, lex
from .match import match_noun, match_verb
from .parties import (
    crowd_party,
    modifier_parties,
    parties_of,
    party_of,
    side_party,
    state_behind,
    subject_parties,
)
from .reported import speaker_of
from .state import ArticleState, Candidate
from .targets import charged_party, noun_targets, object_parties


def candidates(st: ArticleState, sent: Span) -> list[Candidate]:
    """The sentence's event candidates, in the order the triggers are read: verbs first (they
    govern which nouns and clauses are merely promised, asked or denied), then declared
    readiness, then nouns."""
    out: list[Candidate] = []
    for tok in st.read_by("verb", sent):  # the verbs a rule can match (``match.cue_positions``)
        cand = verb_event(st, tok) or closure_order(st, tok)
        if cand is not None:
            out.append(cand)
    for tok in st.read_by("ready", sent):
        cand = readiness_event(st, tok)
        if cand is not None:
            out.append(cand)
    for tok in st.read_by("noun", sent):
        cand = noun_event(st, tok, out)
        if cand is not None:
            out.append(cand)
    repression(out)
    return [one for c in out for one in separate_meetings(st, c)]


def own_kill_speaker(st: ArticleState, verb: Token) -> list[Party]:
    """The side whose words for its own kills a passive report uses: the speaker of the
    statement it is part of, or no one."""
    speaker, _ = speaker_of(st, verb)
    if speaker is None or speaker.kind == "outlet":
        return []
    return [side_party(st, speaker, verb) or speaker]  # a minister speaks for his state's forces


def closure_order(st: ArticleState, tok: Token) -> Candidate | None:
    """An order to a party to shut down ("ordered the opposition newspaper to suspend
    publication", "told the charity to close its offices"): coercion of that party."""
    cues = lex().cues
    if tok.lemma_.lower() not in cues["command_verbs"]:
        return None
    obj = first_child(tok, ("dobj",))
    act = next(
        (k for k in tok.children if k.dep_ == "xcomp" and k.lemma_.lower() in cues["closure_verbs"]), None
    )
    if obj is None or act is None or obj.lemma_.lower() in cues["force_nouns"]:
        return None
    actors, targets = subject_parties(st, tok), parties_of(st, obj, as_target=True)
    if not actors or not targets:
        return None
    why = f"verb lexicon: COERCE <- '{tok.text} ... to {act.text}' (a party ordered to shut down)"
    return Candidate(type="COERCE", trigger=tok, actors=actors, targets=targets, reason=why)


def repression(found: list[Candidate]) -> None:
    """Force used to break up a crowd ("police opened fire to disperse demonstrators") is
    repression: the attack is coded COERCE, as PLOVER codes violent repression; the dispersal it
    was for is dropped later as its purpose."""
    purposes = {
        c.trigger.i: c
        for c in found
        if c.type == "COERCE" and c.trigger.lemma_.lower() in lex().cues["dispersal_verbs"]
    }
    for c in found:
        if c.type != "ASSAULT":
            continue
        for k in c.trigger.children:
            if k.dep_ in ("advcl", "xcomp") and k.i in purposes:
                c.type, c.mode = "COERCE", "repression"
                c.reason = f"{c.reason} (force used to disperse a crowd: repression)"
                if not c.targets:
                    c.targets = list(purposes[k.i].targets)
                break


def separate_meetings(st: ArticleState, c: Candidate) -> list[Candidate]:
    """One CONSULT per counterpart when the meetings are said to be separate ("held separate
    meetings with the foreign ministers of Armenia and Azerbaijan"): each party named in the
    counterpart phrase gets its own meeting."""
    if c.type != "CONSULT":
        return [c]
    words = lex().cues["separate_words"]
    anchor = c.trigger if c.trigger.pos_ != "NOUN" else c.trigger.head
    marks = [*c.trigger.children, *anchor.children]
    if not any(k.lower_ in words for k in marks):
        return [c]
    counterparts: list[Party] = []
    for k in c.trigger.children:
        with_prep = k.dep_ == "prep" and k.lower_ in ("with", "to")
        head = k if k.dep_ == "dobj" else (pobj_of(k) if with_prep else None)
        if head is None:
            continue
        # the coordinated counterparts: "with X and Y", or "with the ministers of X and Y"
        heads = [head, *head.conjuncts]
        if len(heads) < 2:
            of = of_object(head)
            heads = [of, *of.conjuncts] if of is not None else heads
        for h in heads:
            for p in parties_of(st, h)[:1]:
                if p.name not in {q.name for q in counterparts}:
                    counterparts.append(p)
    if len(counterparts) < 2:
        return [c]
    why = f"{c.reason} (separate meetings)"
    return [Candidate(c.type, c.trigger, list(c.actors), [p], mode=c.mode, reason=why) for p in counterparts]


# --- verbs -------------------------------------------------------------------------------------


def verb_event(st: ArticleState, tok: Token) -> Candidate | None:
    if tok.dep_ in ("amod", "compound"):  # "the fabricated figures", "warning shots"
        return None
    m = match_verb(tok)
    if m is None:
        return None
    rule, second = m
    lemma = tok.lemma_.lower()
    if rule.type == "REJECT" and lemma in lex().cues["object_denials"]:
        obj = first_child(tok, ("dobj", "ccomp", "xcomp", "pcomp"))
        claim = tok.dep_ == "relcl" and tok.head.lemma_.lower() in lex().cues["claim_nouns"]
        if obj is None and tok.dep_ != "conj" and not claim:
            return None  # "X denied": needs something denied ("a claim X denied" has it)
    if rule.type == "SUPPORT" and rule.objects and not any(k.dep_ in SUBJ_DEPS for k in tok.children):
        return None  # "..., defending the people's rights": a participle describing, not an act
    if lemma in lex().cues["conditional_threat_verbs"] and not threat_content(tok):
        return None  # "warned of risks": no threat of action
    if (
        rule.type == "AID"
        and not rule.objects
        and not any(k.dep_ in ("dobj", "nsubjpass") for v in [tok, *tok.conjuncts] for k in v.children)
    ):
        return None  # "sheltering in a school": no one aided
    if rule.type == "REQUEST" and question(tok):
        return None  # "was asked if ...": a question, not a request
    obj = first_child(tok, ("dobj",))
    if rule.type == "REQUEST" and obj is not None and obj.lemma_.lower() in lex().cues["not_requests"]:
        return None  # "requesting anonymity": a source's condition, not a demand
    if lemma == "blame" and tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "be":
        return None  # "X is to blame": the speaker charges X (speech), X charges no one
    if lemma in lex().cues["struggle_verbs"] and abstract_object(tok):
        return None  # "fight corruption": no one attacked
    actors = [] if victim_count(tok) else subject_parties(st, tok)
    etype, mode = rule.type, rule.mode
    dobj = first_child(tok, ("dobj",))
    cues = lex().cues
    if (
        etype == "MOBILIZE"
        and not rule.objects
        and dobj is not None
        and dobj.lemma_.lower()
        not in cue_union("force_nouns", "weapon_nouns", "populace_nouns", "reserve_nouns")
    ):
        return None  # "mobilized pressure groups", "deployed diplomats": no armed forces moved
    if not actors and (etype == "PROTEST" or lemma in lex().cues["obstruct_verbs"]):
        crowd = counted(subject_of(tok))
        if crowd is not None and crowd.lemma_.lower() in cue_union("populace_nouns", "crowd_nouns"):
            actors = [crowd_party(st, crowd)]
    by_noun = False  # the actor read off the attack noun, not a subject
    if not actors and etype == "ASSAULT" and lemma in cues["own_kill_verbs"]:
        actors = own_kill_speaker(st, tok)  # "64 rebels had been 'neutralised', the minister said"
    if not actors and etype == "ASSAULT":
        actors = unattributed_attack(st, tok)  # "three civilians were killed in a bombing"
        by_noun = bool(actors)
    if not actors and etype == "ASSAULT":
        actors = launched_from(st, tok) or hit_place(st, tok)
    if not actors:
        return None
    if etype == "ASSAULT" and (state := state_behind(st, actors[0], tok)) is not None:
        actors = [state, *actors[1:]]  # "the ministry said it hit ...": the state's forces did
    targets = object_parties(st, tok, etype, second)
    if not targets and etype == "ACCUSE":
        targets = charged_party(st, tok)  # "condemned the raid by Lormarki troops"
    if not targets and (actors[0].kind == "unknown" or by_noun):
        # "missile strikes on Ganja killed four civilians", "the station in Kramatorsk was hit",
        # "killed in the Hamas-led attack on southern Israel"
        targets = weapon_targets(st, tok) or place_hit(st, tok)
    targets = [p for p in targets if p.name != actors[0].name]  # no one attacks themselves here
    if actors[0].kind == "unknown" and not targets:
        return None  # an unattributed act against no named party tells nothing
    subj = subject_of(tok)
    if (
        etype == "COERCE"
        and lemma in lex().cues["obstruct_verbs"]
        and not (
            subj is not None
            and any(c.lemma_.lower() in lex().cues["force_nouns"] for c in [subj, *subj.conjuncts])
        )
        and subj is not None
        and (
            (counted(subj) or subj).lemma_.lower() in cue_union("group_nouns", "populace_nouns")
            or subj.ent_type_ == "NORP"
        )
    ):
        etype, mode = "PROTEST", "obstruct"  # demonstrators blocking roads protest, they do not coerce
    if etype == "PROTEST" and any(k.dep_ == "ccomp" for k in tok.children):
        etype, mode = "ACCUSE", None  # "a rights group protested that ...": a verbal charge
    if etype == "REQUEST" and call_to_arms(tok):
        etype, mode = "MOBILIZE", None  # "urged citizens to enlist"
    if lemma == "prepare" and any(k.dep_ == "xcomp" and hostile_verb(k) for k in tok.children):
        etype = "MOBILIZE"  # forces preparing to attack
    cand = Candidate(
        type=etype,
        trigger=tok,
        actors=actors,
        targets=targets,
        mode=mode,
        reason=f"verb lexicon: {etype} <- '{_trigger_text(tok, second if rule.second else None)}'",
        consumed=second.i if rule.objects and second is not None else None,
    )
    if rule.type == "AID" and second is not None and second.lemma_.lower() in lex().cues["weapon_nouns"]:
        cand.mode = "military"
    return cand


def question(verb: Token) -> bool:
    """The verb asks a question: its complement opens with "if", "whether" or a wh-word."""
    for k in verb.children:
        if k.dep_ in ("ccomp", "advcl", "xcomp") and any(
            m.dep_ in ("mark", "advmod", "nsubj", "dobj")
            and m.lower_ in lex().cues["question_words"]
            and m.i < k.i
            for m in k.children
        ):
            return True
    return False


def abstract_object(verb: Token) -> bool:
    """The verb's object is a common noun no party owns and no party is ("corruption",
    "poverty"): what a struggle verb fights is then no enemy."""
    obj = first_child(verb, ("dobj",))
    if obj is None or obj.pos_ != "NOUN" or obj.ent_type_:
        return False
    parties = cue_union("force_nouns", "group_nouns", "title_nouns", "populace_nouns")
    if obj.lemma_.lower() in parties or obj.lemma_.lower() in lex().nouns:
        return False
    owned = ("poss", "amod", "compound")
    return not any(k.dep_ in owned and (k.ent_type_ or k.pos_ == "PRON") for k in obj.children)


def threat_content(verb: Token) -> bool:
    """A warning is a threat when it announces an action: "warned it would retaliate",
    "warned Kyiv not to ...", "warned of retaliation"."""
    swear = verb.lemma_.lower() in lex().cues["vow_verbs"]
    for k in verb.children:
        if k.dep_ == "xcomp":
            # "fight until they gain control" (the clause may hang on the vow) is more than a resolve
            bare = not any(g.dep_ in ("dobj", "prep", "advcl", "xcomp") for g in k.children) and not any(
                g.dep_ == "advcl" for g in verb.children
            )
            return not swear or (
                hostile_verb(k)
                and not (k.lemma_.lower() in lex().cues["struggle_verbs"] and (abstract_object(k) or bare))
            )  # "vowed to fight corruption", "vowed to fight on": a resolve, no threat
        if k.dep_ == "ccomp" and not swear:
            aux = {a.lower_ for a in k.children if a.dep_ == "aux"}
            if aux & cue_union("future_aux", "announcing_modals"):
                return True
        if k.dep_ == "prep" and k.lower_ in ("of", "against"):
            pobj = pobj_of(k)
            if pobj is not None and pobj.lemma_.lower() in lex().nouns:
                return True
    return False


def call_to_arms(verb: Token) -> bool:
    """A request to the populace to enlist or fight."""
    cues = lex().cues
    obj = first_child(verb, ("dobj", "pobj"))
    if obj is None:
        obj = next(
            (g for k in verb.children if k.dep_ == "prep" for g in k.children if g.dep_ == "pobj"), None
        )
    xcomp = first_child(verb, ("xcomp", "ccomp"))
    if xcomp is None and obj is not None:
        xcomp = first_child(obj.head if obj.dep_ == "pobj" else obj, ("xcomp", "acl"))
    raised = first_child(xcomp, ("dobj",)) if xcomp is not None else None
    if (
        raised is not None
        and xcomp.lemma_.lower() in cues["raise_verbs"]
        and raised.lemma_.lower() in cues["raised_units"]
    ):
        return True  # "urged local mayors to organize volunteer units"
    return (
        obj is not None
        and (obj.lemma_.lower() in cues["populace_nouns"] or (obj.ent_type_ == "NORP" and obj.tag_ == "NNPS"))
        and xcomp is not None
        and bool(verb_forms(xcomp) & cues["enlist_verbs"])
    )


def hostile_verb(tok: Token) -> bool:
    """The verb names a hostile act (or carries a hostile event noun as its object)."""
    hostile = lex().hostile
    m = match_verb(tok)
    if m is not None and m[0].type in hostile:
        return True
    for k in tok.children:
        if k.dep_ == "dobj":
            n = match_noun(k)
            if n is not None and n[0] in hostile:
                return True
        if k.dep_ == "xcomp" and hostile_verb(k):  # "resume shelling"
            return True
    return False


def readiness_event(st: ArticleState, tok: Token) -> Candidate | None:
    """AGREE for a declared readiness to do a concrete act: "Norway is willing to send troops",
    "is committed to the ceasefire" (PLOVER counts an expressed intent to cooperate as
    agreement); THREATEN (or MOBILIZE, "the army prepared to attack") when the act is hostile.
    A readiness for no act in particular ("ready to resolve the issue through dialogue") or one
    held to a condition ("ready to talk once the law passes") is a position: no event."""
    if tok.pos_ not in ("ADJ", "VERB"):
        return None
    if (
        tok.lemma_.lower() not in lex().cues["intent_adjectives"]
        and tok.lower_ not in lex().cues["intent_adjectives"]
    ):
        return None
    if not any(k.dep_ in ("xcomp", "prep") for k in tok.children):
        return None
    subj = first_child(tok, SUBJ_DEPS | PASSIVE_SUBJ)
    if subj is None and tok.dep_ in ("acomp", "xcomp", "ccomp"):
        subj = subject_of(tok.head)
    if subj is None:
        return None
    actors = parties_of(st, subj)
    if not actors:
        return None
    xcomp = first_child(tok, ("xcomp",))
    if xcomp is not None and hostile_verb(xcomp):
        if tok.tag_ == "VBD" and tok.lemma_.lower() == "prepare":  # "the army prepared to attack"
            return Candidate("MOBILIZE", tok, actors, reason="preparing a hostile act")
        return Candidate("THREATEN", tok, actors, reason=f"readiness for a hostile act: '{tok.text} to'")
    clauses = [tok, *([xcomp] if xcomp is not None else []), *([tok.head] if tok.dep_ == "acomp" else [])]
    if any(conditioned(v, pending=True) for v in clauses):
        return None
    act = concrete_act(tok, xcomp)
    if act is None:
        return None
    return Candidate("AGREE", tok, actors, reason=f"readiness for a concrete act: '{tok.text} to {act.text}'")


def concrete_act(tok: Token, xcomp: Token | None) -> Token | None:
    """What a readiness is for, when it is an act: a verb that does something ("to send
    troops", "to extend the truce", "to open up the economy") or an event noun ("committed to
    the ceasefire"); None for an aim ("to resolve the issue", "to find a solution") or a noun
    that names no act ("committed to peace")."""
    verb = xcomp
    if verb is None:  # "committed to opening up the economy"
        preps = [k for k in tok.children if k.dep_ == "prep"]
        verb = next((g for k in preps for g in k.children if g.dep_ == "pcomp"), None)
    if verb is not None:
        if match_verb(verb) is not None:
            return verb
        obj = first_child(verb, ("dobj",))
        if obj is not None and match_noun(obj) is not None:
            return obj  # "ready to make concessions"
        return None if verb.lemma_.lower() in lex().cues["aim_verbs"] else verb
    for k in tok.children:
        if k.dep_ == "prep":
            obj = pobj_of(k)
            if obj is not None and match_noun(obj) is not None:
                return obj
    return None


# --- nouns -------------------------------------------------------------------------------------


def noun_event(st: ArticleState, tok: Token, verbs: list[Candidate]) -> Candidate | None:
    m = match_noun(tok)
    if m is None:
        return None
    etype, mode, key = m
    anchor = tok
    if tok.dep_ in ("appos", "attr"):
        return None  # "... — their first talks since June": restates, names no new happening
    if tok.ent_type_ in ("DATE", "TIME", "ORG", "PERSON", "GPE", "FAC", "WORK_OF_ART", "LAW"):
        return None  # a word of a name or a date ("since March 2024", "Open Hands Relief")
    if tok.dep_ == "compound":
        # "a mediation effort": the head only says what kind of thing the event is
        if tok.head.lemma_.lower() not in lex().cues["event_heads"]:
            return None  # "strike group", "peace talks process": not the head
        anchor = tok.head
    head = anchor.head
    # a noun whose governing verb is already an event of its type adds nothing ("killed ... in
    # Hezbollah attacks" is the verb's event, whose actor the noun names)
    gov = governor(anchor)
    for c in verbs:
        if c.trigger.i == head.i and (c.type == etype or c.consumed == anchor.i):
            return None  # "lifted the siege": the siege is what the verb's event undoes
        if gov is not None and c.trigger.i == gov.i and c.type == etype and anchor.dep_ == "pobj":
            return None
    # "the Shangri-La Dialogue summit": a name of the meeting, not who meets
    meeting = etype == "CONSULT" and tok.lemma_.lower() in lex().cues["meeting_nouns"]
    names = {p.name for p in meeting_names(st, tok)} if meeting else set()
    actors = modifier_parties(st, tok, pronouns=False) or modifier_parties(st, anchor, pronouns=False)
    actors = [p for p in actors if p.name not in names]
    how = "party modifier"
    if not actors:
        agent = by_agent(anchor)
        if agent is not None:
            actors, how = parties_of(st, agent), "by-agent"
    if not actors and anchor.dep_ in ("dobj", "nsubjpass") and verb_forms(head) & lex().cues["light_verbs"]:
        actors, how = subject_parties(st, head), f"subject of light verb '{head.text}'"
    if not actors and anchor.dep_ in ("dobj",) and denial_verb(head):
        actors, how = subject_parties(st, head), f"denied by subject of '{head.text}'"
    if (
        not actors
        and anchor.dep_ == "pobj"
        and head.head.pos_ == "VERB"
        and (verb_forms(head.head) & lex().cues["light_verbs"])
    ):
        actors, how = subject_parties(st, head.head), f"subject of light verb '{head.head.text}'"
    if (
        not actors
        and anchor.dep_ == "pobj"
        and head.lower_ in ("in", "of")
        and head.head.dep_ == "dobj"
        and measure(head.head)
    ):
        verb = head.head.head  # "announced $11.5 million in aid", "sent 200 tonnes of food"
        if verb.pos_ == "VERB" and verb_forms(verb) & cue_union("light_verbs", "aid_light_verbs"):
            actors, how = subject_parties(st, verb), f"subject of light verb '{verb.text}'"
    if not actors:
        actors, how = modifier_parties(st, tok) or modifier_parties(st, anchor), "possessive pronoun"
        actors = [p for p in actors if p.name not in names]
    if not actors and etype == "AGREE":
        actors, how = broker(st, tok), "brokered agreement taking effect"
    if not actors and etype in lex().hostile:
        actors, how = blamed_on(st, tok), "blamed on"  # "an attack blamed on the group"
    if not actors:
        return None
    if (
        etype == "ASSAULT"
        and key == "strike"
        and any(k.lemma_.lower() in lex().cues["labour_strike_modifiers"] for k in tok.children)
    ):
        etype, mode = "PROTEST", "strike"
    if etype == "PROTEST" and head.lemma_.lower() in lex().cues["diplomatic_protest_verbs"]:
        etype, mode = "ACCUSE", None  # "lodged a protest with Albania": a diplomatic charge
    cues = lex().cues
    if etype == "MOBILIZE" and (
        key in cues["exercise_nouns"] or tok.lemma_.lower() in cues["exercise_nouns"]
    ):
        verb = head
        while verb.pos_ != "VERB" and verb.dep_ in ("prep", "pobj", "dobj") and verb.head.i != verb.i:
            verb = verb.head  # "launched ten days of war games": the verb that governs them
        subj = subject_of(verb) if verb.pos_ == "VERB" else subject_of(head)
        owners = len(modifier_parties(st, subj, pronouns=False)) if subj is not None else 0
        if subj is not None:
            # "French and Egyptian warships": each coordinated nationality is an owner
            owners += sum(
                1
                for k in subj.children
                if k.dep_ == "amod"
                for c in k.conjuncts
                if party_of(st, c) is not None or nationality_like(c.text)
            )
        if max(len(actors), owners) >= 2 or any(k.lower_ in cues["joint_words"] for k in tok.children):
            etype, mode = "COOPERATE", None  # joint exercises of two states
    if etype == "ASSAULT" and key == "strike" and group_actor(head):
        etype, mode = "PROTEST", "strike"  # workers' strike
    targets = noun_targets(st, tok, etype) or (noun_targets(st, anchor, etype) if anchor.i != tok.i else [])
    if not targets and head.pos_ == "VERB" and anchor.dep_ == "dobj":
        targets = object_parties(st, head, etype, anchor)
    return Candidate(
        type=etype,
        trigger=tok,
        actors=actors,
        targets=targets,
        mode=mode,
        reason=f"noun lexicon: {etype} <- '{tok.text}' ({how})",
    )


def broker(st: ArticleState, noun: Token) -> list[Party]:
    """Who brokered an agreement that takes effect ("a ceasefire brokered by the United States
    took effect"): the agreement is news when it starts, and its broker is the one named."""
    if noun.dep_ not in ("nsubj", "nsubjpass") or not (verb_forms(noun.head) & lex().cues["effect_verbs"]):
        return []
    for k in noun.children:
        if k.dep_ in ("acl", "amod") and k.lemma_.lower() in lex().cues["broker_verbs"]:
            agent = next((g for g in k.children if g.dep_ == "agent"), None)
            pobj = pobj_of(agent)
            if pobj is not None:
                return parties_of(st, pobj)
        if k.dep_ == "amod" and any(
            g.lemma_.lower() in lex().cues["broker_verbs"] for g in k.children
        ):  # "a Russia-brokered ceasefire"
            return modifier_parties(st, k)
    return []


def blamed_on(st: ArticleState, noun: Token) -> list[Party]:
    """Whom an act named by a noun is laid on ("a deadly attack blamed on the group", "a bombing
    claimed by the group", "strikes attributed to Israel")."""
    for k in noun.children:
        if k.dep_ not in ("acl", "relcl") or k.lemma_.lower() not in lex().cues["attribution_verbs"]:
            continue
        for g in k.children:
            if g.dep_ in ("prep", "agent") and g.lower_ in ("on", "to", "by"):
                pobj = pobj_of(g)
                ps = parties_of(st, pobj) if pobj is not None else []
                if ps:
                    return ps
    return []


def measure(tok: Token) -> bool:
    """A count or amount ("$11.5 million", "200 tonnes", "a batch"), not a thing of its own
    ("its violations of the truce")."""
    return (
        tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL")
        or tok.lemma_.lower() in lex().cues["quantity_nouns"]
        or any(k.dep_ == "nummod" for k in tok.children)
    )


def meeting_names(st: ArticleState, noun: Token) -> list[Party]:
    """The parties an organisation's name compounded with a meeting noun reads as ("the
    Shangri-La Dialogue summit", "the NATO summit"): it names the meeting, not who meets."""
    return [
        p
        for k in noun.children
        if k.dep_ == "compound" and k.ent_type_ in ("ORG", "FAC", "EVENT")
        for p in parties_of(st, k)
    ]


def victim_count(verb: Token) -> bool:
    """'63 killed', '11 soldiers lost their lives and at least 20 wounded': a harm verb with no
    object whose subject is a bare count, or a participle joined to another verb with no subject
    of its own, is an elided passive; its subject is who was harmed, not who harmed."""
    if verb.lemma_.lower() not in lex().cues["harm_verbs"] or verb.tag_ not in ("VBN", "VBD"):
        return False
    kids = list(verb.children)
    if any(k.dep_ in ("dobj", "obj", "ccomp", "agent") for k in kids):
        return False
    subj = next((k for k in kids if k.dep_ == "nsubj"), None)
    if subj is None:
        have = any(k.dep_ == "aux" and k.lemma_ == "have" for k in kids)
        return verb.dep_ == "conj" and verb.tag_ == "VBN" and not have
    counts = any(k.dep_ == "nummod" for k in subj.children)
    owned = any(k.dep_ in ("det", "poss") for k in subj.children)
    bare = subj.pos_ == "NUM" or (counts and not owned)
    return bare and subj.ent_type_ not in ("ORG", "NORP", "GPE")


def counted(tok: Token | None) -> Token | None:
    """The noun a count is of: "thousands of people" -> people."""
    while tok is not None and (tok.lemma_.lower() in lex().cues["quantity_nouns"] or tok.pos_ == "NUM"):
        tok = of_object(tok)
    return tok


def group_actor(verb: Token) -> bool:
    """The verb's subject is a social group (workers, a union), not an armed or state actor."""
    subj = subject_of(verb)
    while subj is not None and subj.lemma_.lower() in lex().cues["quantity_nouns"]:
        subj = of_object(subj)
    return subj is not None and subj.lemma_.lower() in lex().cues["group_nouns"] - lex().cues["force_nouns"]


def _trigger_text(tok: Token, second: Token | None = None) -> str:
    return f"{tok.text} {second.text}" if second is not None else tok.text
