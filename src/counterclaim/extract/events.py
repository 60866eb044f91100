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
import functools
import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from .. import lexicons
from ..errors import PipelineError
from ..records import Context, Entity, Event, EventStatus, Party, ResolvedVia

SUBJ_DEPS = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
PARTY_ENT = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
PLACE_ENT = {"GPE", "LOC", "FAC"}
LEFT_MODS = {"compound", "amod", "poss", "nmod", "case", "npadvmod"}
COUNT_DEPS = {"nummod", "quantmod"}
NOT_PARTY_ENT = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL"}
MAX_SENT_TOKENS = 400  # far beyond any real sentence; deeper parses crash spaCy's subtree walk


# --- lexicons ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _VerbRule:
    type: str
    second: str | None = None  # particle, preposition or object lemma of a phrasal entry
    objects: frozenset[str] = frozenset()
    mode: str | None = None


@dataclass(frozen=True)
class _DerivedRule:
    """One row of ``plover_derived``: an event of a type in ``sources`` with ``status`` (and
    passing the named ``condition``) is read as a ``to`` event, added beside it (``derive``) or
    replacing its type (``recode``)."""

    sources: frozenset[str]
    status: str
    condition: str | None
    to: str
    action: str
    to_status: EventStatus | None
    reason: str  # template: {type} the source event's type, {reason} its reason


@dataclass(frozen=True)
class _Lex:
    verbs: dict[str, list[_VerbRule]]
    nouns: dict[str, tuple[str, str | None]]  # lemma or "modifier lemma" -> (type, mode)
    modes: dict[str, list[tuple[str, frozenset[str]]]]
    cues: dict[str, frozenset[str]]
    hostile: frozenset[str]  # PLOVER types counted as hostile acts
    speech_acts: frozenset[str]  # PLOVER types of acts done by saying something
    target_types: dict[str, frozenset[str]]  # target preposition -> the only types it targets for
    derived: tuple[_DerivedRule, ...]


# named checks a ``plover_derived`` row may ask for (see ``_Extractor.derived_applies``)
DERIVED_CONDITIONS = ("verb_trigger", "future_marked")


@functools.cache
def _lex() -> _Lex:
    verbs: dict[str, list[_VerbRule]] = {}
    for etype, items in lexicons.entries("plover_verbs").items():
        for item in items:
            if isinstance(item, str):
                first, _, second = item.partition(" ")
                rule = _VerbRule(etype, second or None)
            else:
                first = item["verb"]
                rule = _VerbRule(etype, None, frozenset(item.get("objects", [])), item.get("mode"))
            verbs.setdefault(first, []).append(rule)
    # phrasal and object-constrained rules are tried before bare ones
    for rules in verbs.values():
        rules.sort(key=lambda r: (not r.objects, r.second is None))
    nouns: dict[str, tuple[str, str | None]] = {}
    for etype, items in lexicons.entries("plover_nouns").items():
        for item in items:
            if isinstance(item, str):
                nouns.setdefault(item, (etype, None))
            else:
                nouns.setdefault(item["noun"], (etype, item.get("mode")))
    modes = {
        etype: [(mode, frozenset(str(c).lower() for c in cues)) for mode, cues in table.items()]
        for etype, table in lexicons.entries("plover_modes").items()
    }
    raw = lexicons.entries("event_cues")
    # the word lists; the one table (target_prep_types) is read on its own
    cues = {k: frozenset(str(v).lower() for v in vs) for k, vs in raw.items() if isinstance(vs, list)}
    target_types = {
        str(prep).lower(): frozenset(str(t).upper() for t in types)
        for prep, types in raw["target_prep_types"].items()
    }
    cues["light_verbs"] = cues["light_verbs"] | cues.get("light_verbs_more", frozenset())
    cues["intent_verbs"] = cues["intent_verbs"] | cues.get("intent_adjectives", frozenset())
    hostile = frozenset(h.upper() for h in cues["hostile_types"])
    speech_acts = frozenset(t.upper() for t in cues["speech_act_types"])
    return _Lex(verbs, nouns, modes, cues, hostile, speech_acts, target_types, _derived_rules())


def _derived_rules() -> tuple[_DerivedRule, ...]:
    """The rows of ``plover_derived``, checked: a bad row raises PipelineError at load."""
    rules = []
    for row in lexicons.entries("plover_derived"):
        rule = _DerivedRule(
            sources=frozenset(row["from"]),
            status=row["status"],
            condition=row.get("condition"),
            to=row["to"],
            action=row["action"],
            to_status=row.get("to_status"),
            reason=row["reason"],
        )
        if rule.action not in ("derive", "recode") or (
            rule.condition is not None and rule.condition not in DERIVED_CONDITIONS
        ):
            raise PipelineError(f"bad rule {row!r}", source="lexicons/plover_derived.yaml")
        rules.append(rule)
    return tuple(rules)


# --- candidates --------------------------------------------------------------------------------


@dataclass
class _Cand:
    type: str
    trigger: Token
    actors: list[Party]
    targets: list[Party] = field(default_factory=list)
    mode: str | None = None
    status: EventStatus = "occurred"
    reason: str = ""
    source_quote: int | None = None
    date: str | None = None
    location: str | None = None
    span: tuple[int, int] = (0, 0)
    derived: bool = False  # the speaker's own act, read off a reporting verb
    dated: bool = False  # the date comes from the event's own clause, not the publication date
    consumed: int | None = None  # the object noun an object-constrained verb rule read ("lift the siege")


def extract(doc: Doc, ctx: Context) -> list[Event]:
    """PLOVER events found in ``doc``, merged so each happening appears once."""
    ex = _Extractor(doc, ctx)
    cands: list[_Cand] = []
    for sent in doc.sents:
        if len(sent) > MAX_SENT_TOKENS or _SURROGATE.search(sent.text):
            # a deep parse overflows spaCy's recursive subtree walk, and lone surrogates its
            # string store; either kills the process, so such a sentence is left out
            ctx.warnings.append(f"events: skipped the sentence at {sent.start_char} (too long or malformed)")
            continue
        try:
            cands.extend(ex.sentence(sent))
        except Exception as exc:  # one odd parse must not cost the article its other events
            ctx.warnings.append(
                f"events: skipped the sentence at {sent.start_char} ({type(exc).__name__}: {exc})"
            )
    return _merge(cands, ex.sides, ex.surfaces)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _derived(etype: str, trigger: Token, actors: list[Party], targets: list[Party], reason: str) -> _Cand:
    """An act read off another (a speaker's own act, a pledge or threat by intent): its status
    comes from its trigger alone."""
    return _Cand(etype, trigger, actors, targets, reason=reason, derived=True)


def _trigger_text(tok: Token, second: Token | None = None) -> str:
    return f"{tok.text} {second.text}" if second is not None else tok.text


class _Extractor:
    """Per-article state: the parse, the context and the parties seen so far (for pronouns)."""

    def __init__(self, doc: Doc, ctx: Context) -> None:
        self.doc = doc
        self.text = doc.text  # built once: Doc.text joins every token, so per call it was quadratic
        self.ctx = ctx
        self.lex = _lex()
        self.history: list[tuple[Party, str, str]] = []  # (party, head lemma, kind)
        self.dropped: set[int] = set()  # triggers of acts that are only demanded
        self.sides: dict[str, set[str]] = {}  # party name -> the states it belongs to (for merging)
        self.ents = doc.ents
        self.ent_starts = [e.start for e in self.ents]
        self.places = [e for e in doc.ents if e.label_ in PLACE_ENT]
        self.place_starts = [e.start_char for e in self.places]  # for bisect: places in a range
        self._quotes: tuple[list[int], list[tuple[int, int, int]], int] | None = None  # quote_index
        self.gpes = [e for e in doc.ents if e.label_ == "GPE"] + [
            _EntLike(e.name) for e in ctx.entities if e.type == "GPE"
        ]
        self.surfaces: dict[int, str] = {}  # id of a state party read off a force noun -> its words
        self.keep: list[Party] = []
        self.datelines = _datelines(doc.text)  # "CITY, Country (Agency) -" openings: never parties

    # --- sentence ------------------------------------------------------------------------------

    def sentence(self, sent: Span) -> list[_Cand]:
        """The event candidates of one sentence, finished (status, date, place, mode)."""
        out: list[_Cand] = []
        # verbs first: they govern which nouns and clauses are merely promised, asked or denied
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB") and tok.pos_ != "NOUN"):
                cand = self.verb_event(tok)
                if cand is not None:
                    out.append(cand)
        for tok in sent:
            cand = self.readiness_event(tok)
            if cand is not None:
                out.append(cand)
        for tok in sent:
            if tok.pos_ in ("NOUN", "PROPN"):
                cand = self.noun_event(tok, out)
                if cand is not None:
                    out.append(cand)
        triggers = {c.trigger.i for c in out}
        types = {c.trigger.i: c.type for c in out}
        out = [
            c
            for c in out
            if not self.embedded_in_intent(c)
            and not _backgrounded(c.trigger)
            and not _purpose_of(c.trigger, triggers)
            and not _consequence(c, types)
            and not self.condition_of_another(c)
        ]
        out.extend(self.conditional_threats(out))
        self.dropped = set()
        out.extend(self.reported_layer(sent, out))
        out = [c for c in out if c.derived or c.trigger.i not in self.dropped]
        for c in out:
            self.finish(c, sent)
        out.extend(self.declared_intent(out, sent))
        self.observe(sent)
        return out

    # --- triggers ------------------------------------------------------------------------------

    def readiness_event(self, tok: Token) -> _Cand | None:
        """AGREE for a declared readiness: "Norway is willing to send troops", "is committed to"
        (PLOVER counts an expressed intent to cooperate as agreement)."""
        if (
            tok.lemma_.lower() not in self.lex.cues["intent_adjectives"]
            and tok.lower_ not in self.lex.cues["intent_adjectives"]
        ):
            return None
        if tok.pos_ not in ("ADJ", "VERB") or not any(k.dep_ in ("xcomp", "prep") for k in tok.children):
            return None
        subj = _child(tok, SUBJ_DEPS | PASSIVE_SUBJ)
        if subj is None and tok.dep_ in ("acomp", "xcomp", "ccomp"):
            subj = _subject(tok.head)
        if subj is None:
            return None
        actors = self.parties_of(subj)
        if not actors:
            return None
        xcomp = _child(tok, ("xcomp",))
        if xcomp is not None and self.hostile_verb(xcomp):
            if tok.tag_ == "VBD" and tok.lemma_.lower() == "prepare":  # "the army prepared to attack"
                return _Cand("MOBILIZE", tok, actors, reason="preparing a hostile act")
            return _Cand("THREATEN", tok, actors, reason=f"readiness for a hostile act: '{tok.text} to'")
        return _Cand("AGREE", tok, actors, reason=f"readiness: '{tok.text} to'")

    def match_verb(self, tok: Token) -> tuple[_VerbRule, Token | None] | None:
        rules = None
        for form in _forms(tok):
            rules = self.lex.verbs.get(form)
            if rules:
                break
        if not rules:
            return None
        kids = list(tok.children)
        dobj = next((k for k in kids if k.dep_ in ("dobj", "nsubjpass")), None)
        for rule in rules:
            if rule.second:
                for k in kids:
                    if (
                        k.dep_ in ("prt", "prep", "dobj", "nsubjpass", "advmod")
                        and k.lemma_.lower() == rule.second
                        and not any(g.ent_type_ in NOT_PARTY_ENT for g in k.children if g.dep_ == "pobj")
                    ):
                        return rule, k
                    if k.dep_ in ("dobj", "nsubjpass") and any(
                        g.lemma_.lower() == rule.second and g.dep_ == "compound" for g in k.children
                    ):
                        return rule, k
                    if k.dep_ in ("oprd", "acomp", "ccomp") and k.lemma_.lower() == rule.second:
                        return rule, k  # "held them responsible"
                    if k.dep_ in ("dobj", "nsubjpass"):
                        # "held Ossaria responsible": the complement parsed as the object's modifier
                        g = next(
                            (
                                g
                                for g in k.children
                                if g.dep_ in ("amod", "oprd")
                                and g.i > k.i
                                and g.lemma_.lower() == rule.second
                            ),
                            None,
                        )
                        if g is not None:
                            return rule, g
                continue
            if rule.objects:
                obj = dobj
                if obj is None:
                    # "suspended part of the aid", "sent more troops to": the object's of-phrase
                    obj = _pobj(next((k for k in kids if k.dep_ == "prep"), None))
                if obj is None:
                    continue
                lemmas = {obj.lemma_.lower()} | {
                    g.lemma_.lower() for g in obj.children if g.dep_ in ("compound", "amod", "prep")
                }
                lemmas |= {g.lemma_.lower() for p in obj.children if p.dep_ == "prep" for g in p.children}
                if (
                    lemmas & rule.objects
                    or ("PERSON" in rule.objects and obj.ent_type_ == "PERSON")
                    or ("PLACE" in rule.objects and obj.ent_type_ in PLACE_ENT)
                ):
                    return rule, obj
                continue
            return rule, None
        return None

    def verb_event(self, tok: Token) -> _Cand | None:
        if tok.dep_ in ("amod", "compound"):  # "the fabricated figures", "warning shots"
            return None
        m = self.match_verb(tok)
        if m is None:
            return None
        rule, second = m
        lemma = tok.lemma_.lower()
        if rule.type == "REJECT" and lemma in ("deny", "reject", "dismiss", "refute"):
            obj = _child(tok, ("dobj", "ccomp", "xcomp", "pcomp"))
            claim = tok.dep_ == "relcl" and tok.head.lemma_.lower() in self.lex.cues["claim_nouns"]
            if obj is None and tok.dep_ != "conj" and not claim:
                return None  # "X denied": needs something denied ("a claim X denied" has it)
        if rule.type == "SUPPORT" and rule.objects and not any(k.dep_ in SUBJ_DEPS for k in tok.children):
            return None  # "..., defending the people's rights": a participle describing, not an act
        if lemma in self.lex.cues["conditional_threat_verbs"] and not self.threat_content(tok):
            return None  # "warned of risks": no threat of action
        if (
            rule.type == "AID"
            and not rule.objects
            and not any(k.dep_ in ("dobj", "nsubjpass") for v in [tok, *tok.conjuncts] for k in v.children)
        ):
            return None  # "sheltering in a school": no one aided
        actors = self.subject_parties(tok)
        etype, mode = rule.type, rule.mode
        dobj = _child(tok, ("dobj",))
        cues = self.lex.cues
        if (
            etype == "MOBILIZE"
            and not rule.objects
            and dobj is not None
            and dobj.lemma_.lower()
            not in (
                cues["force_nouns"]
                | cues["weapon_nouns"]
                | cues["populace_nouns"]
                | {"reserve", "reservist", "unit"}
            )
        ):
            return None  # "mobilized pressure groups", "deployed diplomats": no armed forces moved
        if not actors and (etype == "PROTEST" or lemma in self.lex.cues["obstruct_verbs"]):
            crowd = self.counted(_subject(tok))
            if crowd is not None and crowd.lemma_.lower() in cues["populace_nouns"] | {"crowd", "villager"}:
                actors = [self.remember(_party(self.np_text(crowd)), crowd.lemma_.lower(), "PLURAL")]
        if not actors and etype == "ASSAULT":
            actors = self.unattributed_attack(tok)  # "three civilians were killed in a bombing"
        if not actors:
            return None
        targets = self.object_parties(tok, etype, second)
        if not targets and etype == "ACCUSE":
            targets = self.charged_party(tok)  # "condemned the raid by Lormarki troops"
        targets = [p for p in targets if p.name != actors[0].name]  # no one attacks themselves here
        if actors[0].kind == "unknown" and not targets:
            return None  # an unattributed act against no named party tells nothing
        subj = _subject(tok)
        if (
            etype == "COERCE"
            and lemma in self.lex.cues["obstruct_verbs"]
            and not (
                subj is not None
                and any(c.lemma_.lower() in self.lex.cues["force_nouns"] for c in [subj, *subj.conjuncts])
            )
            and subj is not None
            and (
                (self.counted(subj) or subj).lemma_.lower() in cues["group_nouns"] | cues["populace_nouns"]
                or subj.ent_type_ == "NORP"
            )
        ):
            etype, mode = "PROTEST", "obstruct"  # demonstrators blocking roads protest, they do not coerce
        if etype == "PROTEST" and any(k.dep_ == "ccomp" for k in tok.children):
            etype, mode = "ACCUSE", None  # "a rights group protested that ...": a verbal charge
        if etype == "REQUEST" and self.call_to_arms(tok):
            etype, mode = "MOBILIZE", None  # "urged citizens to enlist"
        if lemma == "prepare" and any(k.dep_ == "xcomp" and self.hostile_verb(k) for k in tok.children):
            etype = "MOBILIZE"  # forces preparing to attack
        cand = _Cand(
            type=etype,
            trigger=tok,
            actors=actors,
            targets=targets,
            mode=mode,
            reason=f"verb lexicon: {etype} <- '{_trigger_text(tok, second if rule.second else None)}'",
            consumed=second.i if rule.objects and second is not None else None,
        )
        if (
            rule.type == "AID"
            and second is not None
            and second.lemma_.lower() in self.lex.cues["weapon_nouns"]
        ):
            cand.mode = "military"
        return cand

    def call_to_arms(self, verb: Token) -> bool:
        """A request to the populace to enlist or fight."""
        cues = self.lex.cues
        obj = _child(verb, ("dobj", "pobj"))
        if obj is None:
            obj = next(
                (g for k in verb.children if k.dep_ == "prep" for g in k.children if g.dep_ == "pobj"), None
            )
        xcomp = _child(verb, ("xcomp", "ccomp"))
        return (
            obj is not None
            and obj.lemma_.lower() in cues["populace_nouns"]
            and xcomp is not None
            and bool(_forms(xcomp) & cues["enlist_verbs"])
        )

    def unattributed_attack(self, verb: Token) -> list[Party]:
        """The actor of an attack verb with no subject party: the party modifying the attack or
        weapon noun it names ("killed in a Hamas-led attack"), else unknown; nothing when no such
        noun is named ("70 soldiers have been killed" is a toll, not an event)."""
        kids = list(verb.children)
        nouns: list[Token] = []
        if any(k.dep_ in PASSIVE_SUBJ for k in kids):
            for k in kids:
                if k.dep_ in ("prep", "agent") and k.lower_ in self.lex.cues["attack_noun_preps"]:
                    nouns.extend(g for g in k.children if g.dep_ == "pobj")
        subj = next((k for k in kids if k.dep_ in SUBJ_DEPS), None)
        if subj is not None:
            nouns.append(subj)
        for n in nouns:
            m = self.match_noun(n)
            if n.lemma_.lower() in self.lex.cues["weapon_nouns"] or (m is not None and m[0] == "ASSAULT"):
                return self.modifier_parties(n, pronouns=False) or [Party.unknown()]
        return []

    def threat_content(self, verb: Token) -> bool:
        """A warning is a threat when it announces an action: "warned it would retaliate",
        "warned Kyiv not to ...", "warned of retaliation"."""
        swear = verb.lemma_.lower() in ("vow", "swear")
        for k in verb.children:
            if k.dep_ == "xcomp":
                return not swear or self.hostile_verb(k)
            if k.dep_ == "ccomp" and not swear:
                aux = {a.lower_ for a in k.children if a.dep_ == "aux"}
                if aux & (self.lex.cues["future_aux"] | {"would", "could"}):
                    return True
            if k.dep_ == "prep" and k.lower_ in ("of", "against"):
                pobj = _pobj(k)
                if pobj is not None and pobj.lemma_.lower() in self.lex.nouns:
                    return True
        return False

    def hostile_verb(self, tok: Token) -> bool:
        """The verb names a hostile act (or carries a hostile event noun as its object)."""
        hostile = self.lex.hostile
        m = self.match_verb(tok)
        if m is not None and m[0].type in hostile:
            return True
        for k in tok.children:
            if k.dep_ == "dobj":
                n = self.match_noun(k)
                if n is not None and n[0] in hostile:
                    return True
            if k.dep_ == "xcomp" and self.hostile_verb(k):  # "resume shelling"
                return True
        return False

    def match_noun(self, tok: Token) -> tuple[str, str | None, str] | None:
        lemma = tok.lemma_.lower()
        keys = [
            two
            for k in tok.children
            if k.dep_ in ("compound", "amod") and k.i == tok.i - 1
            for two in (f"{k.lemma_.lower()} {lemma}", f"{k.text.lower()} {tok.text.lower()}")
        ]
        for key in [*keys, lemma, tok.text.lower()]:
            if key in self.lex.nouns:
                etype, mode = self.lex.nouns[key]
                return etype, mode, key
        return None

    def noun_event(self, tok: Token, verbs: list[_Cand]) -> _Cand | None:
        m = self.match_noun(tok)
        if m is None:
            return None
        etype, mode, key = m
        anchor = tok
        if tok.dep_ in ("appos", "attr"):
            return None  # "... — their first talks since June": restates, names no new happening
        if tok.dep_ == "compound":
            # "a mediation effort": the head only says what kind of thing the event is
            if tok.head.lemma_.lower() not in self.lex.cues["event_heads"]:
                return None  # "strike group", "peace talks process": not the head
            anchor = tok.head
        head = anchor.head
        # a noun whose governing verb is already an event of its type adds nothing
        for c in verbs:
            if c.trigger.i == head.i and (c.type == etype or c.consumed == anchor.i):
                return None  # "lifted the siege": the siege is what the verb's event undoes
        actors = self.modifier_parties(tok, pronouns=False) or self.modifier_parties(anchor, pronouns=False)
        how = "party modifier"
        if not actors:
            agent = self.by_agent(anchor)
            if agent is not None:
                actors, how = self.parties_of(agent), "by-agent"
        if (
            not actors
            and anchor.dep_ in ("dobj", "nsubjpass")
            and _forms(head) & self.lex.cues["light_verbs"]
        ):
            actors, how = self.subject_parties(head), f"subject of light verb '{head.text}'"
        if not actors and anchor.dep_ in ("dobj",) and head.lemma_.lower() in self.lex.cues["deny_verbs"]:
            actors, how = self.subject_parties(head), f"denied by subject of '{head.text}'"
        if (
            not actors
            and anchor.dep_ == "pobj"
            and head.head.pos_ == "VERB"
            and (_forms(head.head) & self.lex.cues["light_verbs"])
        ):
            actors, how = self.subject_parties(head.head), f"subject of light verb '{head.head.text}'"
        if not actors and anchor.dep_ == "pobj" and head.lower_ in ("in", "of") and head.head.dep_ == "dobj":
            verb = head.head.head  # "announced $11.5 million in aid", "sent 200 tonnes of food"
            if verb.pos_ == "VERB" and _forms(verb) & (
                self.lex.cues["light_verbs"] | {"announce", "send", "pledge"}
            ):
                actors, how = self.subject_parties(verb), f"subject of light verb '{verb.text}'"
        if not actors:
            actors, how = self.modifier_parties(tok) or self.modifier_parties(anchor), "possessive pronoun"
        if not actors:
            return None
        if (
            etype == "ASSAULT"
            and key == "strike"
            and any(k.lemma_.lower() in self.lex.cues["labour_strike_modifiers"] for k in tok.children)
        ):
            etype, mode = "PROTEST", "strike"
        if etype == "PROTEST" and head.lemma_.lower() in self.lex.cues["diplomatic_protest_verbs"]:
            etype, mode = "ACCUSE", None  # "lodged a protest with Albania": a diplomatic charge
        cues = self.lex.cues
        if etype == "MOBILIZE" and (
            key in cues["exercise_nouns"] or tok.lemma_.lower() in cues["exercise_nouns"]
        ):
            subj = _subject(head.head) if head.dep_ == "prep" else None
            subj = subj or _subject(head)
            owners = self.modifier_parties(subj, pronouns=False) if subj is not None else []
            if max(len(actors), len(owners)) >= 2 or any(k.lower_ == "joint" for k in tok.children):
                etype, mode = "COOPERATE", None  # joint exercises of two states
        if etype == "ASSAULT" and key == "strike" and self.group_actor(head):
            etype, mode = "PROTEST", "strike"  # workers' strike
        targets = self.noun_targets(tok) or (self.noun_targets(anchor) if anchor.i != tok.i else [])
        if not targets and head.pos_ == "VERB" and anchor.dep_ == "dobj":
            targets = self.object_parties(head, etype, anchor)
        return _Cand(
            type=etype,
            trigger=tok,
            actors=actors,
            targets=targets,
            mode=mode,
            reason=f"noun lexicon: {etype} <- '{tok.text}' ({how})",
        )

    def counted(self, tok: Token | None) -> Token | None:
        """The noun a count is of: "thousands of people" -> people."""
        while tok is not None and (
            tok.lemma_.lower() in self.lex.cues["quantity_nouns"] or tok.pos_ == "NUM"
        ):
            tok = _of_object(tok)
        return tok

    def group_actor(self, verb: Token) -> bool:
        """The verb's subject is a social group (workers, a union), not an armed or state actor."""
        subj = _subject(verb)
        while subj is not None and subj.lemma_.lower() in self.lex.cues["quantity_nouns"] | {"some"}:
            subj = _of_object(subj)
        return (
            subj is not None
            and subj.lemma_.lower() in self.lex.cues["group_nouns"] - self.lex.cues["force_nouns"]
        )

    def by_agent(self, tok: Token) -> Token | None:
        """The object of the noun's "by"-phrase, also when the parser hung it lower in the noun
        phrase ("the raid on the village of Tessel by Lormarki troops")."""
        frontier, seen = [tok], 0
        while frontier and seen < 4:
            nxt: list[Token] = []
            for t in frontier:
                for k in t.children:
                    if k.dep_ in ("prep", "agent") and k.lower_ == "by" and k.i > tok.i:
                        pobj = _pobj(k)
                        if pobj is not None:
                            return pobj
                    if k.dep_ == "prep" and k.i > tok.i:
                        nxt.extend(g for g in k.children if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"))
            frontier, seen = nxt, seen + 1
        verb = tok.head
        if tok.dep_ == "dobj" and verb.pos_ == "VERB" and not any(k.dep_ == "auxpass" for k in verb.children):
            # "condemned the strike on X by Y": the parser hung the noun's by-phrase on the verb
            for k in verb.children:
                if k.dep_ == "prep" and k.lower_ == "by" and k.i > tok.i:
                    return _pobj(k)
        return None

    def charged_party(self, verb: Token) -> list[Party]:
        """Whom a charge is against when it names an act, not a party: the actor of the event noun
        it condemns or blames someone for ("condemned Ossaria's shelling", "blamed the attack on
        ...")."""
        nouns = [k for k in verb.children if k.dep_ in ("dobj", "nsubjpass")]
        nouns += [
            g
            for k in verb.children
            if k.dep_ == "prep" and k.lower_ in ("for", "of", "over")
            for g in k.children
            if g.dep_ == "pobj"
        ]
        for n in nouns:
            m = self.match_noun(n)
            if m is None or m[0] not in self.lex.hostile:
                continue
            ps = self.modifier_parties(n, pronouns=False)
            if not ps:
                agent = self.by_agent(n)
                ps = self.parties_of(agent) if agent is not None else []
            if ps:
                return ps
        return []

    # --- embedding -----------------------------------------------------------------------------

    def governor(self, tok: Token) -> Token | None:
        """The verb (or adjective) whose clause this trigger's clause is embedded in."""
        t = tok
        # a noun trigger belongs to the verb it is the object of
        if t.pos_ in ("NOUN", "PROPN"):
            while (
                t.dep_ in ("pobj", "prep", "conj", "dobj", "compound", "nsubjpass", "attr", "appos")
                and t.head.i != t.i
            ):
                t = t.head
                if t.pos_ in ("VERB", "AUX", "ADJ"):
                    return t
            return None
        while t.dep_ == "conj" and t.head.i != t.i:
            t = t.head
        if t.dep_ in ("xcomp", "ccomp", "advcl", "acomp", "pcomp") and t.head.i != t.i:
            return t.head
        return None

    def embedded_in_intent(self, c: _Cand) -> bool:
        """True for the promised, asked-for or threatened action under an intent verb."""
        gov = self.governor(c.trigger)
        if gov is None:
            return False
        if (
            c.trigger.pos_ == "NOUN"
            and _forms(gov) & self.lex.cues["light_verbs"]
            and gov.dep_ in ("xcomp", "ccomp")
            and not any(k.dep_ in SUBJ_DEPS for k in gov.children)
        ):
            # "ready to hold talks": the light verb's own governor decides
            outer = self.governor(gov)
            if outer is not None and outer.lemma_.lower() in self.lex.cues["intent_verbs"]:
                gov = outer
        lemma = gov.lemma_.lower()
        if lemma not in self.lex.cues["intent_verbs"] or lemma in self.lex.cues["deny_verbs"]:
            return False
        if lemma in self.lex.cues["threat_verbs"]:
            return False  # kept, marked hypothetical
        # "agreed that they should cooperate": the agreement is the event
        return c.trigger.dep_ in ("xcomp", "ccomp", "dobj", "pobj", "conj") or c.trigger.pos_ == "NOUN"

    # --- reported speech -----------------------------------------------------------------------

    def reporting_verb(self, tok: Token) -> Token | None:
        """The reporting verb whose content clause holds ``tok``, if any."""
        t = tok
        for _ in range(12):
            if t.head.i == t.i:
                return None
            child, t = t, t.head
            if t.lemma_.lower() in self.lex.cues["reporting_verbs"] and child.dep_ in (
                "ccomp",
                "parataxis",
                "dobj",
                "xcomp",
                "advcl",
                "oprd",
                "conj",
            ):
                if child.dep_ == "conj" and child.pos_ != "VERB":
                    continue
                return t
        return None

    def quote_of(self, tok: Token) -> int | None:
        """Index of the innermost quote holding ``tok``."""
        return self.quote_index(tok.idx, tok.idx + len(tok))

    def quote_index(self, start: int, end: int) -> int | None:
        """The shortest quote holding [start, end) (the first of equals). Only quotes starting
        within the longest quote's length before ``end`` can hold it: found by bisection, so a
        text of thousands of quotes is not scanned once per candidate."""
        if self._quotes is None:
            spans = sorted((q.span[0], q.span[1], i) for i, q in enumerate(self.ctx.quotes))
            longest = max((e - s for s, e, _ in spans), default=0)
            self._quotes = ([s for s, _, _ in spans], spans, longest)
        starts, spans, longest = self._quotes
        best = None
        for s, e, i in spans[bisect_left(starts, end - longest) : bisect_right(starts, start)]:
            if end <= e and (best is None or (e - s, i) < best[::-1]):
                best = (i, e - s)
        return best[0] if best else None

    def speaker_of(self, tok: Token) -> tuple[Party | None, Token | None]:
        """Who is reported as saying what ``tok`` is part of: a quote's speaker or the
        reporting verb's subject."""
        qi = self.quote_of(tok)
        rv = self.reporting_verb(tok)
        if rv is not None:
            self.subject_parties(rv)  # notes the speaker's side for merging
            subj = _subject(rv)
            if (
                subj is not None
                and not _is_pron(subj)
                and subj.lemma_.lower() in self.lex.cues["state_force_nouns"]
            ):
                own = self.subject_parties(rv)
                if own:
                    return own[0], rv  # "the Lormarki army said": the state, as its acts are coded
        if qi is not None:
            sp = self.ctx.quotes[qi].speaker
            if sp.kind == "source" and sp.name:
                return sp, rv
        if rv is not None:
            subj = self.subject_parties(rv)
            if subj:
                return subj[0], rv
        # "according to X"
        for t in tok.sent:
            if t.lower_ == "according" and t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to":
                pobj = _pobj(self.doc[t.i + 1])
                if pobj is not None:
                    ps = self.parties_of(pobj)
                    if ps:
                        return ps[0], None
        return None, rv

    def reported_layer(self, sent: Span, found: list[_Cand]) -> list[_Cand]:
        """Link reported events to their quote and add the speaker's ACCUSE or REJECT."""
        extra: list[_Cand] = []
        hostile = self.lex.hostile
        for c in found:
            speaker, rv = self.speaker_of(c.trigger)
            if speaker is None:
                continue
            c.source_quote = self.quote_of(c.trigger)
            if c.type not in hostile or c.derived:
                continue
            if rv is None and c.source_quote is None:
                continue
            if rv is not None and not self.direct_content(c.trigger, rv):
                continue  # "... were killed when troops opened fire": background, not the claim
            anchor = rv if rv is not None else c.trigger
            own_side = any(_same_side(a, speaker, self.sides) for a in c.actors) or any(
                a.resolved_via == "pronoun" for a in c.actors
            )
            negated = self.is_negated(c.trigger)
            if negated and own_side:
                extra.append(
                    _derived("REJECT", anchor, [speaker], [], "reported denial: own side did not act")
                )
            elif (
                not negated
                and not own_side
                and c.actors[0].kind != "unknown"
                and c.actors[0].resolved_via in ("name", "alias", None)
                and rv is not None
                and rv.i < c.trigger.i
                and self.status(c) in ("occurred", "ongoing")
            ):
                # "X said Y shelled Z": the claim leads; a trailing "..., officials said" only sources it
                extra.append(
                    _derived(
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
            statement = self.issued_statement(tok)
            if not statement and (lemma not in self.lex.cues["reporting_verbs"] or tok.pos_ != "VERB"):
                continue
            already = {c.type for c in found + extra if c.trigger.i == tok.i}
            if already - {"REJECT"}:
                continue  # the statement is already coded (a denial may still carry a charge)
            deps = ("ccomp", "acl", "relcl") if statement else ("ccomp", "oprd", "dobj", "xcomp", "parataxis")
            content = [k for k in tok.children if k.dep_ in deps]
            if not content:
                continue
            speaker = self.subject_parties(tok.head if statement else tok)
            qi = self.quote_of(tok)
            if not speaker and qi is not None:
                speaker = [self.ctx.quotes[qi].speaker]
            if not speaker:
                continue
            pledge = self.pledge_or_demand(tok, content, speaker[0], found)
            if pledge is not None:
                extra.append(pledge)
                continue
            aside = {
                t.i
                for k in content
                for n in k.subtree
                if n.dep_ in ("npadvmod", "appos") and n.lemma_.lower() in self.lex.cues["claim_nouns"]
                for t in n.subtree
            }  # "..., a claim Marrin rejected": another party's answer, not the speaker's words
            words = {t.lemma_.lower() for k in content for t in k.subtree if t.i not in aside} | {
                t.lower_ for k in content for t in k.subtree if t.i not in aside
            }
            about = self.content_subject(tok, content, speaker[0])
            present = any(
                k.tag_ in ("VBZ", "VBP") or any(a.tag_ == "MD" for a in k.children) for k in content
            )
            if (
                words & self.lex.cues["threat_cues"]
                and present  # "is a legitimate target", "will be punished"; not a past account
                and not any(k.dep_ == "neg" for c in content for k in c.children)
            ):
                extra.append(_derived("THREATEN", tok, speaker[:1], about[:1], "statement threatens"))
            elif words & self.lex.cues["reject_cues"] and "REJECT" not in already:
                owner = next((p for k in content for t in k.subtree for p in self.claim_owner(t)), None)
                claimant = [owner] if owner is not None else []  # whose claim, not whom it is about
                extra.append(_derived("REJECT", tok, speaker[:1], claimant, "statement calls a claim false"))
            elif (
                about
                and tok.i < min(t.i for k in content for t in k.subtree)
                and words & self.lex.cues["accuse_cues"]
                and not any(
                    c.trigger.i in {t.i for k in content for t in k.subtree} and c.type in hostile
                    for c in found
                )
            ):
                extra.append(_derived("ACCUSE", tok, speaker[:1], about[:1], "statement charges a party"))
        return extra

    def pledge_or_demand(
        self, verb: Token, content: list[Token], speaker: Party, found: list[_Cand]
    ) -> _Cand | None:
        """What a statement does by its modality: "X said Y must ..." is a REQUEST of Y;
        "X said it will/would ..." is a pledge (AGREE) or, for a hostile act, a THREATEN."""
        hostile = self.lex.hostile | {"PROTEST"}
        for k in content:
            if k.dep_ not in ("ccomp", "parataxis"):
                continue
            aux = {a.lower_ for a in k.children if a.dep_ in ("aux", "auxpass")}
            subj = next((g for g in k.children if g.dep_ in SUBJ_DEPS | PASSIVE_SUBJ), None)
            subj_parties = self.parties_of(subj) if subj is not None else []
            own = subj is not None and (
                _is_pron(subj) or (bool(subj_parties) and _same_side(subj_parties[0], speaker, self.sides))
            )
            if aux & {"must", "should"} and subj_parties and not own:
                self.dropped.update(t.i for t in k.subtree)  # the demanded act has not happened
                return _derived(
                    "REQUEST", verb, [speaker], subj_parties[:1], "statement: another party must act"
                )
            if aux & (self.lex.cues["future_aux"] | {"would"}) and own:
                inner = [
                    c for c in found if c.trigger.i == k.i or (self.governor(c.trigger) or c.trigger).i == k.i
                ]
                if not inner:
                    continue
                if any(self.is_negated(c.trigger) for c in inner):
                    return _derived(
                        "REJECT", verb, [speaker], [], "statement: the speaker's side will not act"
                    )
                if any(c.type in hostile for c in inner):
                    return _derived(
                        "THREATEN",
                        verb,
                        [speaker],
                        list(inner[0].targets[:1]),
                        "statement: the speaker's side will act against another",
                    )
                if any(c.type not in ("ACCUSE", "REJECT", "REQUEST") for c in inner) and not any(
                    k2.dep_ == "neg" for k2 in k.children
                ):
                    return _derived(
                        "AGREE",
                        verb,
                        [speaker],
                        list(inner[0].targets[:1]),
                        "statement: the speaker's side pledges to act",
                    )
        return None

    def declared_intent(self, found: list[_Cand], sent: Span) -> list[_Cand]:
        """Recode by PLOVER's reading of intent, by the first matching row of ``plover_derived``:
        a pledge of aid or cooperation ("will give Tanzania a grant") is also an AGREE, a declared
        hostile act ("plans to impose restrictions", "will expel") also a THREATEN, and an
        agreement that did not happen ("did not accept") is a REJECT. Returns the added events."""
        out = []
        for c in found:
            if c.derived or c.actors[0].kind == "unknown":
                continue
            rule = next((r for r in self.lex.derived if self.derived_applies(r, c)), None)
            if rule is None:
                continue
            reason = rule.reason.format(type=c.type, reason=c.reason)
            if rule.action == "recode":
                c.type, c.reason = rule.to, reason
                c.status = rule.to_status or c.status
                continue
            t = _derived(rule.to, c.trigger, list(c.actors), list(c.targets), reason)
            self.finish(t, sent)
            if rule.to_status is not None:
                t.status = rule.to_status
            out.append(t)
        return out

    def derived_applies(self, rule: _DerivedRule, c: _Cand) -> bool:
        """The event is of the rule's types and status and passes its named condition."""
        if c.type not in rule.sources or c.status != rule.status:
            return False
        if rule.condition == "verb_trigger":
            return c.trigger.pos_ in ("VERB", "AUX")
        if rule.condition == "future_marked":
            return self.future_marked(c.trigger)
        return True

    def future_marked(self, tok: Token) -> bool:
        """The act carries "will"/"shall" itself (a pledge), not only a schedule ("is due to")."""
        verb = tok if tok.pos_ in ("VERB", "AUX") else (self.governor(tok) or tok)
        return any(k.dep_ == "aux" and k.lower_ in self.lex.cues["future_aux"] for k in verb.children)

    def condition_of_another(self, c: _Cand) -> bool:
        """An act named only as the condition of another ("... unless Ruritania apologizes") has
        not happened and is not announced: it is no event."""
        t = c.trigger if c.trigger.pos_ in ("VERB", "AUX") else self.governor(c.trigger)
        while t is not None and t.dep_ == "conj" and t.head.i != t.i:
            t = t.head  # "if Y withdraws and apologises"
        if t is None or t.dep_ != "advcl":
            return False
        marks = {m.lower_ for m in t.children if m.dep_ == "mark"}
        if marks & self.lex.cues["conditional_marks"]:
            return True
        # "... would be returned once Y apologised": the awaited act of a pending outcome
        if not marks & self.lex.cues["pending_marks"]:
            return False
        head, aux = t.head, set()
        for _ in range(4):  # "would keep protesting until ...": the modal sits on "keep"
            aux |= {a.lower_ for a in head.children if a.dep_ in ("aux", "auxpass")}
            if head.dep_ not in ("xcomp", "conj") or head.head.i == head.i:
                break
            head = head.head
        return bool(aux & (self.lex.cues["future_aux"] | self.lex.cues["hypothetical_aux"] | {"would"}))

    def conditional_threats(self, found: list[_Cand]) -> list[_Cand]:
        """A hostile act made conditional ("will expel them unless ...", "or face sanctions") is a
        THREATEN by its actor."""
        hostile = self.lex.hostile
        out = []
        for c in found:
            if c.derived or c.trigger.pos_ not in ("VERB", "AUX") or c.actors[0].kind == "unknown":
                continue
            marks = {
                m.lower_
                for k in c.trigger.children
                if k.dep_ == "advcl"
                for m in k.children
                if m.dep_ == "mark" and m.lower_ in self.lex.cues["conditional_marks"]
            }
            # "unless" makes any act a threat; "if" only a hostile one or a withdrawal
            if "unless" in marks or (marks and (c.type in hostile or c.type == "RETREAT")):
                out.append(
                    _derived("THREATEN", c.trigger, list(c.actors), list(c.targets), f"conditional {c.type}")
                )
        return out

    def direct_content(self, trigger: Token, rv: Token) -> bool:
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

    def issued_statement(self, tok: Token) -> bool:
        """A statement noun that a party issues, sends or makes ("issued a declaration")."""
        return (
            tok.pos_ == "NOUN"
            and tok.lemma_.lower() in self.lex.cues["statement_nouns"]
            and tok.dep_ == "dobj"
            and bool(_forms(tok.head) & self.lex.cues["light_verbs"])
        )

    def content_subject(self, verb: Token, content: list[Token], speaker: Party) -> list[Party]:
        """The other party a statement is about: its object ("called X a liar", "rejected the
        Russian account"), else the subject (or, in the passive, the agent: "was caused by
        Ukrainian missiles") of its content clauses, skipping the speaker's own side."""
        naming = any(k.dep_ in ("oprd", "xcomp") for k in verb.children)
        found: list[list[Party]] = []
        for k in content:
            if k.dep_ == "dobj" and (naming or k.lemma_.lower() in self.lex.cues["claim_nouns"]):
                if k.pos_ == "PRON" and k.lower_ in ("it", "them", "this", "that"):
                    continue  # "calling it a lie": the claim, not its author
                found.append(self.claim_owner(k) or self.parties_of(k))
        for k in content:
            if k.dep_ not in ("ccomp", "parataxis", "xcomp"):
                continue
            for clause in [k, *k.conjuncts]:
                agent = next((g for g in clause.children if g.dep_ == "agent"), None)
                pobj = _pobj(agent)
                subj = pobj or next((g for g in clause.children if g.dep_ in SUBJ_DEPS | PASSIVE_SUBJ), None)
                if subj is not None:
                    found.append(
                        self.claim_owner(subj) or self.parties_of(subj) or self.modifier_parties(subj)
                    )
        for parties in found:
            others = [p for p in parties if not _same_side(p, speaker, self.sides)]
            if others:
                return others
        return []

    def claim_owner(self, tok: Token) -> list[Party]:
        """Whose claim a claim noun is: "the Russian account" -> Russia."""
        if tok.lemma_.lower() not in self.lex.cues["claim_nouns"]:
            return []
        return self.modifier_parties(tok)

    # --- parties -------------------------------------------------------------------------------

    def subject_parties(self, verb: Token) -> list[Party]:
        """The actor(s) of a verb: its subject, the passive agent, or the subject it shares."""
        t = verb
        for _ in range(6):
            kids = list(t.children)
            agent = next((k for k in kids if k.dep_ == "agent"), None)
            if agent is not None:
                pobj = _pobj(agent)
                return self.parties_of(pobj) if pobj is not None else []
            subj = next((k for k in kids if k.dep_ in SUBJ_DEPS and not self.in_dateline(k)), None)
            if subj is not None:
                return self.parties_of(subj)
            if any(k.dep_ in PASSIVE_SUBJ for k in kids):
                if t.lemma_.lower() in ("engage", "involve"):  # "forces were engaged in cleansing"
                    return self.parties_of(next(k for k in kids if k.dep_ in PASSIVE_SUBJ))
                return []  # passive without agent: the actor is unknown
            if t.dep_ in ("relcl", "acl") and t.head.pos_ in ("NOUN", "PROPN"):
                if self.issued_statement(t.head):
                    return self.subject_parties(t.head.head)  # "issued a declaration demanding ..."
                rel = next((k for k in kids if k.dep_ in PASSIVE_SUBJ), None)
                return [] if rel else self.parties_of(t.head)
            if t.dep_ in ("conj", "xcomp", "advcl", "acomp") and t.head.i != t.i:
                # "was due to travel": the subject of 'is' controls 'travel'
                if t.dep_ == "xcomp" and t.head.pos_ == "VERB":
                    obj = _child(t.head, ("dobj",))
                    head_lemma = t.head.lemma_.lower()
                    if (
                        obj is not None
                        and head_lemma in self.lex.cues["command_verbs"]
                        and obj.lemma_.lower() in self.lex.cues["force_nouns"]
                        and not self.modifier_parties(obj, pronouns=False)
                    ):
                        t = t.head  # "ordered troops to take the zone": the commander's act
                        continue
                    if obj is not None and head_lemma in self.lex.cues["object_control_verbs"]:
                        return self.parties_of(obj)
                t = t.head
                continue
            if t.dep_ == "acomp" or (t.dep_ == "xcomp" and t.head.pos_ == "ADJ"):
                t = t.head
                continue
            return []
        return []

    def object_parties(self, verb: Token, etype: str, second: Token | None) -> list[Party]:
        """The target(s): the object (or passive subject), else a target preposition's object."""
        kids = list(verb.children)
        objs = [k for k in kids if k.dep_ in ("dobj", "nsubjpass", "dative")]
        if etype == "MOBILIZE":  # "deployed more troops": the actor's own forces, no target
            objs = [k for k in objs if k.lemma_.lower() not in self.lex.cues["force_nouns"]]
        for o in objs:
            if second is not None and o.i == second.i and etype not in ("ASSAULT", "COERCE"):
                ps = self.noun_targets(o)
            else:
                ps = self.parties_of(o, as_target=True)
            if ps:
                return ps
        preps = self.lex.cues["target_preps"]
        for k in kids:
            if k.dep_ == "prep" and k.lower_ in preps:
                if etype not in self.lex.target_types.get(k.lower_, {etype}):
                    continue  # "met on the sidelines of the summit": a setting, not a counterpart
                if k.lower_ == "in" and objs:
                    continue  # "killed four farmers in Harrow": where it happened, not whom
                pobj = _pobj(k)
                if pobj is not None:
                    ps = self.parties_of(pobj, as_target=True)
                    if ps:
                        return ps
        return []

    def noun_targets(self, tok: Token) -> list[Party]:
        for k in tok.children:
            if k.dep_ == "prep" and k.lower_ in self.lex.cues["noun_target_preps"]:
                pobj = _pobj(k)
                if pobj is not None:
                    ps = self.parties_of(pobj, as_target=True)
                    if ps:
                        return ps
        return []

    def modifier_parties(self, tok: Token, *, pronouns: bool = True) -> list[Party]:
        """Parties named as modifiers of a noun: "Russian", "Israel's", "Hamas" in "Hamas attack"."""
        out: list[Party] = []
        # direct modifiers, then a demonym one level down ("Tolvan fishing boats")
        deeper = [
            g
            for k in tok.children
            if k.dep_ in ("amod", "compound") and k.i < tok.i
            for g in k.children
            if g.dep_ in ("amod", "compound") and g.i < k.i and _demonym_like(g)
        ]
        for k in [*tok.children, *deeper]:
            if k.dep_ in ("amod", "compound", "poss", "nmod") and k.i < tok.i and not self.in_dateline(k):
                if k.dep_ == "poss" and _is_pron(k):
                    if not pronouns:
                        continue
                    p = self.pronoun_party(k)
                    if p:
                        out.append(p)
                    continue
                if k.ent_type_ in PARTY_ENT or self.ctx.entities.at(k.idx, k.idx + len(k)) is not None:
                    out.extend(self.parties_of(k))
                elif _demonym_like(k):
                    state = self.state_of(k)  # "two Tolvan fishing boats": Tolva's
                    if state is not None:
                        out.append(state)
        return out

    def parties_of(self, tok: Token, *, as_target: bool = False) -> list[Party]:
        """The party (and its conjuncts) a noun phrase headed by ``tok`` names."""
        first = self.party_of(tok, as_target=as_target)
        if first is None:
            return []
        self.note_side(first, tok)
        out = [first]
        for c in tok.conjuncts:
            if c.i > tok.i:
                p = self.party_of(c, as_target=as_target)
                if p is not None and p.name != first.name:
                    out.append(p)
        return out

    def in_dateline(self, tok: Token) -> bool:
        """The token sits in a paragraph's dateline ("KELLAN, Ossaria (Wire) -")."""
        return any(lo <= tok.idx < hi for lo, hi in self.datelines)

    def party_of(self, tok: Token, *, as_target: bool = False) -> Party | None:
        if self.in_dateline(tok):
            return None  # the place a story was filed from acts in nothing
        if _is_pron(tok):
            return self.pronoun_party(tok)
        lemma = tok.lemma_.lower()
        if tok.ent_type_ in NOT_PARTY_ENT or any(k.tag_ in ("WDT", "WP$") for k in tok.children):
            return None  # a date, a number, "which side"
        if lemma in self.lex.cues["toll_nouns"]:
            return None  # "the number of Palestinians killed": a toll, not a party
        if (lemma in self.lex.cues["quantity_nouns"] or tok.pos_ == "NUM") and tok.ent_type_ not in PARTY_ENT:
            # "thousands of students", "a group of leaders": the counted party
            pobj = _of_object(tok)
            if pobj is not None and not any(k.dep_ == "appos" for k in tok.children):
                return self.party_of(pobj, as_target=as_target)
        if tok.dep_ in ("amod", "compound") and _demonym_like(tok):
            state = self.state_of(tok)  # "Tolvan boats": the state, when the article names it
            if state is not None:
                return state
        if lemma in self.lex.cues["state_force_nouns"] and (tok.pos_ == "NOUN" or tok.text.islower()):
            owner = self.state_owner(tok)  # "Dunmoori artillery", "Ossaria's army": the state
            if owner is not None:
                return owner
        ent = self.ctx.entities.at(tok.idx, tok.idx + len(tok))
        if ent is not None and ent.type == "NORP" and tok.dep_ in ("amod", "compound", "poss"):
            # "Ukrainian shelling": the state, when the demonym names one
            country = self.country_name(_EntLike(ent.name, "NORP"))
            state = self.ctx.entities.lookup(country)
            if state is not None:
                return self.entity_party(state, tok)
            if country != ent.name:
                return self.remember(_party(country), lemma, "GPE")
        if ent is not None and ent.type in PARTY_ENT | {"GROUP"}:
            return self.entity_party(ent, tok)
        # appositive name: "Ossaria's foreign minister, Teodor Brannick"
        for k in tok.children:
            if k.dep_ == "appos" and (k.ent_type_ == "PERSON" or k.pos_ == "PROPN"):
                p = self.party_of(k)
                if p is not None:
                    return p
        cues = self.lex.cues
        poss = _child(tok, ("poss",))
        if (
            poss is not None
            and _is_pron(poss)
            and (
                lemma in cues["force_nouns"] or lemma in cues["title_nouns"] or lemma in cues["weapon_nouns"]
            )
        ):
            owner = self.pronoun_party(poss)  # "its forces", "our troops": the owner's side
            ent = self.ctx.entities.by_id(owner.entity_id) if owner and owner.entity_id else None
            if ent is not None and ent.type == "PERSON" and ent.affiliation:
                side = self.ctx.entities.lookup(ent.affiliation)
                return _as_pronoun(self.entity_party(side, tok) if side else _party(ent.affiliation))
            return owner
        if lemma in cues["claim_nouns"] and tok.ent_type_ not in PARTY_ENT:
            return None
        if (
            poss is not None
            and lemma in cues["force_nouns"] | cues["group_nouns"]
            and poss.ent_type_ == "GPE"
        ):
            sp = _ent_span(poss)
            if sp is not None:
                return self.remember(_party(_clean_name(sp.text)), lemma, "GPE")
        if tok.ent_type_ in PARTY_ENT:
            sp = _ent_span(tok)
            if sp is not None:
                name = _clean_name(sp.text)
                if tok.ent_type_ == "NORP" and (tok.pos_ == "ADJ" or tok.dep_ in ("amod", "compound")):
                    return _party(self.country_name(sp))
                return self.remember(_party(name), lemma, tok.ent_type_)
        if lemma in cues["weapon_nouns"] or (tok.lemma_.lower() in self.lex.nouns and not as_target):
            ps = self.modifier_parties(tok)
            if ps:
                return ps[0]
            agent = self.by_agent(tok)
            if agent is not None:
                return self.party_of(agent)
            owners = cues["force_nouns"] | cues["group_nouns"] | cues["title_nouns"]
            if (
                lemma in cues["weapon_nouns"]
                and lemma in cues["force_nouns"]
                and any(k.dep_ in ("amod", "compound") and k.lemma_.lower() in owners for k in tok.children)
            ):
                text = self.np_text(tok)  # "rebel artillery", "government warplanes"
                return self.remember(_party(text), lemma, _kind(tok)) if text else None
            return None
        if lemma in cues["title_nouns"]:
            name_ent = self.named_modifier(tok)
            if name_ent is None and tok.tag_ not in ("NNS", "NNPS"):
                prev = self.by_title(lemma)
                if (
                    prev is None
                    and lemma in cues["person_titles"]
                    and any(k.lower_ == "the" for k in tok.children)
                ):
                    # "the head of state", "the president": the last person named
                    prev = self.last_person_before(tok)
                if prev is not None:
                    return prev
            if name_ent is not None and name_ent.label_ == "ORG" and lemma not in cues["force_nouns"]:
                return self.remember(_party(_clean_name(name_ent.text)), lemma, "ORG")
            if (
                name_ent is not None
                and name_ent.label_ in ("GPE", "NORP")
                and lemma not in cues["state_office_nouns"]
            ):
                return self.remember(_party(self.country_name(name_ent)), lemma, "GPE")
            text = self.np_text(tok)
            if text.lower() in cues["bare_bodies"]:
                return None
            return self.remember(_party(text, "title"), lemma, _kind(tok))
        if lemma in cues["non_parties"] or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        if tok.pos_ == "NOUN" and _unknown_name(tok):
            # "Dunmoor called on ...": a capitalised word the model has never seen is a name
            return self.remember(_party(_clean_name(tok.text)), lemma, "ORG")
        if as_target and tok.pos_ == "NOUN" and lemma not in cues["force_nouns"]:
            # a thing hit, not a party: its owner if the phrase names one
            ps = self.modifier_parties(tok)
            if ps:
                return ps[0]
            for k in tok.children:
                if k.dep_ == "prep" and k.lower_ == "of":
                    pobj = _pobj(k)
                    if pobj is not None:
                        return self.party_of(pobj, as_target=True)
            return None
        if tok.pos_ == "NOUN" and lemma not in cues["force_nouns"] | cues["group_nouns"]:
            ps = self.modifier_parties(tok)
            return ps[0] if ps else None  # "residents", "the report": no party unless a named one owns it
        text = self.np_text(tok)
        return self.remember(_party(text), lemma, _kind(tok)) if text else None

    def state_owner(self, head: Token) -> Party | None:
        """The state a force or weapon noun belongs to, named by a demonym or possessor
        modifier ("the Lormarki army", "Ossaria's troops"); None when no modifier names one."""
        for k in head.children:
            if k.i > head.i or k.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            if _is_pron(k) or not k.text[:1].isupper():
                continue
            if k.dep_ == "poss" and (k.pos_ == "PROPN" or _unknown_name(k)) and not self.in_dateline(k):
                p = self.party_of(k)  # "Lormark's troops": the owner named
            else:
                p = self.state_of(k)
            if p is not None:
                # merging still tells "Ossarian troops" from "the Ossarian air force"
                self.surfaces[id(p)] = self.np_text(head).lower()
                self.keep.append(p)  # held, so no later party reuses its id
                return p
        return None

    def state_of(self, mod: Token) -> Party | None:
        """The state a capitalised modifier names: the entity table's reading of the word (the
        state itself, or a nationality mapped to its state), the nationality lexicon, a state the
        article names with the same stem, else the demonym's own text."""
        ent = self.ctx.entities.at(mod.idx, mod.idx + len(mod))
        if ent is not None and ent.type == "GPE":
            return self.entity_party(ent, mod)
        name = ent.name if ent is not None and ent.type == "NORP" else mod.text
        if ent is None and mod.ent_type_ not in ("NORP", "GPE") and not _demonym_like(mod):
            return None  # "Hamas fighters", "Wagner troops": an armed group, not a state
        if mod.ent_type_ == "GPE" and ent is None:
            sp = _ent_span(mod)
            return self.remember(
                _party(_clean_name(sp.text if sp is not None else mod.text)), mod.lemma_.lower(), "GPE"
            )
        country = self.country_name(_EntLike(_clean_name(name), "NORP"))
        if country.lower() in _non_states():
            return None  # "Tigrayan forces": a people or region's fighters, not a state's army
        state = self.ctx.entities.lookup(country) or self.article_state(country)
        if state is not None and state.type == "GPE":
            return self.entity_party(state, mod)
        if country == _clean_name(name):
            return None  # nothing resolved: the phrase keeps its own words ("Lormarki army")
        return self.remember(_party(country), mod.lemma_.lower(), "GPE")

    def article_state(self, country: str) -> Entity | None:
        """The article's own entity for a state, under whatever name it uses ("Britain" for
        the lexicon's "United Kingdom")."""
        nat, seats = _demonyms(), _seats()
        for e in self.ctx.entities:
            if e.type != "GPE" or e.name.lower() in seats:
                continue  # "Moscow" speaks for Russia but is not the state's name
            if any(nat.get(f.lower()) == country for f in [e.name, *e.aliases]):
                return e
        return None

    def note_side(self, p: Party, tok: Token) -> None:
        """Remember the state a party belongs to: "Ossaria's Defense Ministry" -> Ossaria, or its
        entity's affiliation."""
        side = self.sides.setdefault(p.name, set())
        mod = self.named_modifier(tok) if tok.pos_ in ("NOUN", "PROPN") else None
        if mod is not None and mod.label_ in ("GPE", "NORP"):
            side.add(self.country_name(mod))
        ent = self.ctx.entities.by_id(p.entity_id) if p.entity_id else None
        if ent is not None and ent.affiliation:
            side.add(ent.affiliation)

    def named_modifier(self, tok: Token) -> Span | None:
        for k in tok.subtree:
            if (k.i >= tok.i and k.dep_ != "pobj") or self.in_dateline(k):
                continue
            if k.ent_type_ in PARTY_ENT:
                sp = _ent_span(k)
                if sp is not None and sp.root.i != tok.i:
                    return sp
        return None

    def country_name(self, ent: Span) -> str:
        """A GPE for a demonym ("Ukrainian" -> "Ukraine") when the article names one with its stem."""
        name = _clean_name(ent.text)
        if ent.label_ != "NORP":
            return name
        known = _demonyms().get(name.lower())
        if known:
            return known
        stem = _stem(name)
        for g in self.gpes:
            if _stem(g.text) == stem and _clean_name(g.text).lower() != name.lower():
                return _clean_name(g.text)
        return name

    def entity_party(self, ent: Entity, tok: Token) -> Party:
        via: ResolvedVia = "name"
        if tok.text != ent.name and tok.text in ent.aliases:
            via = "alias"
        p = Party(name=ent.name, entity_id=ent.id, kind="source", resolved_via=via)
        return self.remember(p, tok.lemma_.lower(), ent.type)

    def pronoun_party(self, tok: Token) -> Party | None:
        ent = self.ctx.entities.at(tok.idx, tok.idx + len(tok))
        if ent is not None:
            return Party(name=ent.name, entity_id=ent.id, kind="source", resolved_via="pronoun")
        lower = tok.lower_
        if tok.dep_ in SUBJ_DEPS and tok.head.lemma_.lower() in self.lex.cues["reporting_verbs"]:
            # "..., it said": the quote extractor has already resolved who 'it' is
            qi = self.quote_of(tok.head)
            sp = self.ctx.quotes[qi].speaker if qi is not None else None
            if sp is not None and sp.kind == "source" and sp.name.lower() not in _pronouns():
                return _as_pronoun(sp)
        if lower in self.lex.cues["first_person"]:
            qi = self.quote_of(tok)
            sp = self.ctx.quotes[qi].speaker if qi is not None else None
            if sp is None or sp.kind != "source":
                rv = self.reporting_verb(tok)
                if rv is not None and rv.i != tok.head.i:
                    subj = self.subject_parties(rv)
                    sp = subj[0] if subj else None
            return _as_pronoun(sp) if sp is not None else None
        # "X said it/its forces ...": the reporting speaker
        rv = self.reporting_verb(tok)
        if rv is not None:
            subj = _subject(rv)
            if subj is not None and subj.i != tok.i and not _is_pron(subj):
                p = self.party_of(subj)
                if p is not None and _pronoun_fits(lower, self._kind_of(p)):
                    return _as_pronoun(p)
        # "Russia has struck ..., months after it launched ...": the main clause's subject
        main = _subject(tok.sent.root)
        if main is not None and main.i < tok.i and not _is_pron(main) and tok.head.i != tok.sent.root.i:
            p = self.party_of(main)
            if p is not None and _pronoun_fits(lower, self._kind_of(p)):
                return _as_pronoun(p)
        for p, _lemma, kind in reversed(self.history):
            if _pronoun_fits(lower, kind):
                return _as_pronoun(p)
        return None

    def _kind_of(self, p: Party) -> str:
        for q, _l, kind in reversed(self.history):
            if q.name == p.name:
                return kind
        return "ORG"

    def last_person_before(self, tok: Token) -> Party | None:
        """The person most recently named before ``tok`` (within a few sentences)."""
        for e in reversed([e for e in self.doc.ents if e.end <= tok.i and e.label_ == "PERSON"]):
            if tok.i - e.end > 120:
                break
            ent = self.ctx.entities.at(e.start_char, e.end_char)
            if ent is not None:
                return Party(name=ent.name, entity_id=ent.id, kind="source", resolved_via="title")
            return _party(_clean_name(e.text), "title")
        return None

    def by_title(self, lemma: str) -> Party | None:
        for p, head, _kind in reversed(self.history):
            if head == lemma:
                return Party(name=p.name, entity_id=p.entity_id, kind="source", resolved_via="title")
        return None

    def remember(self, p: Party, lemma: str, kind: str) -> Party:
        self.history.append((p, lemma, kind))
        return p

    def observe(self, sent: Span) -> None:
        """Keep the sentence's named parties for later pronouns, in text order."""
        # the sentence's entities by bisection (``Span.ents`` scans every entity of the doc)
        lo = bisect_left(self.ent_starts, sent.start)
        hi = bisect_left(self.ent_starts, sent.end, lo)
        for e in itertools.takewhile(lambda e: e.end <= sent.end, self.ents[lo:hi]):
            if e.label_ in ("PERSON", "ORG", "GPE"):
                ent = self.ctx.entities.at(e.start_char, e.end_char)
                p = Party(name=ent.name, entity_id=ent.id) if ent else _party(_clean_name(e.text))
                self.history.append((p, e.root.lemma_.lower(), e.label_))
        # the main clause's subject is the likeliest antecedent: it goes last
        subj = _subject(sent.root)
        if subj is not None and subj.pos_ != "PRON":
            p = self.party_of(subj)
            if p is not None:
                kind = subj.ent_type_ if subj.ent_type_ in ("PERSON", "ORG", "GPE") else _kind(subj)
                self.history.append((p, subj.lemma_.lower(), kind))
        if len(self.history) > 200:
            del self.history[:-200]

    def np_text(self, tok: Token) -> str:
        """The noun phrase's core: the head with its left modifiers, without determiners."""
        left = tok.i
        for k in sorted(tok.children, key=lambda t: t.i):
            if k.i < tok.i and k.dep_ in LEFT_MODS:
                left = min(left, k.left_edge.i)
        counted = {t.i for k in tok.children if k.dep_ in COUNT_DEPS for t in k.subtree}
        words = [
            t
            for t in self.doc[left : tok.i + 1]
            if t.i not in counted
            and not self.in_dateline(t)
            and t.dep_ not in ("det", "punct", "predet")
            and t.pos_ not in ("DET", "NUM", "ADP", "CCONJ", "SYM", "PUNCT")
            and t.lower_ not in self.lex.cues["name_drop_words"]
        ]
        text = " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s")
        return _clean_name(text)

    # --- status, date, place -------------------------------------------------------------------

    def is_negated(self, tok: Token) -> bool:
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
        gov = self.governor(tok)
        return gov is not None and gov.lemma_.lower() in self.lex.cues["deny_verbs"] and gov.i != tok.i

    def status(self, c: _Cand) -> EventStatus:
        tok = c.trigger
        cues = self.lex.cues
        if c.derived:
            return "negated" if any(k.dep_ == "neg" for k in tok.children) else "occurred"
        if self.is_negated(tok):
            return "negated"
        verb = tok
        if tok.pos_ in ("NOUN", "PROPN"):
            verb = self.governor(tok) or tok
            if any(k.dep_ == "neg" for k in verb.children):
                return "negated"
        chain = [verb]
        g = self.governor(verb)
        while g is not None and len(chain) < 4:
            chain.append(g)
            g = self.governor(g)
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
            if aux & {"would"} and self.reporting_verb(v) is not None:
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

    def finish(self, c: _Cand, sent: Span) -> None:
        """Fill in status, span, mode, date and place; drop a target that is the actor itself."""
        names = {p.name.lower() for p in c.actors}
        c.targets = [p for p in c.targets if p.name.lower() not in names]
        c.status = self.status(c)
        c.span = _clause_span(c.trigger, sent)
        if c.mode is None:
            c.mode = self.mode(c)
        c.date = self.event_date(c, sent)
        c.location = self.location(c, sent)
        if c.source_quote is None and c.status != "occurred" and c.reason.startswith("reported"):
            c.source_quote = self.quote_of(c.trigger)

    def mode(self, c: _Cand) -> str | None:
        table = self.lex.modes.get(c.type)
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
            if k.dep_ == "prep" and k.lower_ in self.lex.cues["background_preps"]
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

    def event_date(self, c: _Cand, sent: Span) -> str | None:
        """The date the event's own clause names ("on Friday", "last Saturday"), else the
        publication date for an event reported as having happened."""
        dates = [d for d in self.ctx.dates if d.value and sent.start_char <= d.span[0] < sent.end_char]
        mine = _clause_verb(c.trigger)
        for d in dates:
            sp = self.doc.char_span(d.span[0], d.span[1], alignment_mode="expand")
            if sp is None:
                continue
            t = sp.root
            if t.head.lower_ in ("since", "until", "till", "through"):
                continue  # "since October 2022" bounds a period; it does not date the act
            if any(a.i == c.trigger.i for a in _up_to_verb(t)) or _clause_verb(t) == mine:
                c.dated = True
                return d.value
        if len(dates) == 1 and c.status == "planned":
            return dates[0].value
        if c.status in ("occurred", "ongoing", "negated"):
            return self.ctx.published
        return None

    def location(self, c: _Cand, sent: Span) -> str | None:
        """A place the sentence (else its paragraph) puts things in: a GPE/LOC/FAC after a
        locative preposition ("in Kyiv", "near Kell"), not one that is the actor or target."""
        names = {p.name.lower() for p in c.actors + c.targets}
        para = _paragraph(self.text, sent.start_char)
        for lo, hi in ((sent.start_char, sent.end_char), para):
            for e in self.places[bisect_left(self.place_starts, lo) : bisect_left(self.place_starts, hi)]:
                name = _clean_name(e.text)
                if name.lower() in names:
                    continue
                if e.root.dep_ == "pobj" and e.root.head.lower_ in self.lex.cues["locative_preps"]:
                    ent = self.ctx.entities.at(e.start_char, e.end_char)
                    return ent.name if ent is not None and ent.type in PLACE_ENT else name
        return None


# --- helpers -----------------------------------------------------------------------------------


class _EntLike:
    """A name that quacks like a spaCy entity span for ``country_name``."""

    def __init__(self, text: str, label: str = "GPE") -> None:
        self.text = text
        self.label_ = label


# an all-caps place, optional ", Country", optional "(Agency)", then a dash, at a paragraph start
_DATELINE = re.compile(
    r"^[ \t]*[A-Z][A-Z'.\-]{2,}(?:[ \t]+[A-Z][A-Z'.\-]+)*"
    r"(?:,[ \t]*[A-Z][\w'.\-]*(?:[ \t]+[A-Z0-9][\w'.\-]*)*){0,2}"
    r"(?:[ \t]*\([^()\n]{1,40}\))?[ \t]*(?:-|\u2013|\u2014|--)[ \t]+",
    re.M,
)


def _datelines(text: str) -> list[tuple[int, int]]:
    """Character ranges of datelines that open a paragraph ("KELLAN, Ossaria (Wire) - ")."""
    return [(m.start(), m.end()) for m in _DATELINE.finditer(text)]


@functools.cache
def _seats() -> frozenset[str]:
    """Capitals and seats of government of the nationality lexicon, lower-cased."""
    try:
        data = lexicons.load("countries")
    except Exception:  # a broken shared lexicon must not stop event extraction
        return frozenset()
    out = {str(k).lower() for k in (data.get("seats") or {})}
    for section in ("entries", "groups"):
        for info in (data.get(section) or {}).values():
            out.update(str(c).lower() for c in (info or {}).get("capital", []))
    return frozenset(out)


@functools.cache
def _non_states() -> frozenset[str]:
    """Peoples, regions and blocs of the nationality lexicon (its ``groups``): not states."""
    try:
        return frozenset(str(n).lower() for n in (lexicons.load("countries").get("groups") or {}))
    except Exception:  # a broken shared lexicon must not stop event extraction
        return frozenset()


def _unknown_name(tok: Token) -> bool:
    """A capitalised word outside the model's vocabulary ("Dunmoor"), read as a name even when
    the tagger calls it a common noun."""
    return tok.text[:1].isupper() and tok.is_alpha and not tok.is_upper and not tok.has_vector


def _demonym_like(tok: Token) -> bool:
    """A capitalised adjective-like modifier with a nationality ending ("Dunmoori", "Ossarian")."""
    low = tok.lower_
    return (
        tok.dep_ in ("amod", "compound")
        and tok.text[:1].isupper()
        and (low in _demonyms() or low.endswith(tuple(_lex().cues["demonym_endings"])))
    )


def _child(tok: Token | None, deps: Collection[str]) -> Token | None:
    """The first child of ``tok`` with one of the labels ``deps`` (None when there is no ``tok``)."""
    return next((k for k in tok.children if k.dep_ in deps), None) if tok is not None else None


def _pobj(prep: Token | None) -> Token | None:
    """The object of a preposition."""
    return _child(prep, ("pobj",))


def _subject(verb: Token | None) -> Token | None:
    """The (active) subject of a verb."""
    return _child(verb, SUBJ_DEPS)


def _of_object(tok: Token) -> Token | None:
    """The object of the "of" phrase hanging on a noun ("thousands of people" -> people)."""
    return _pobj(next((k for k in tok.children if k.dep_ == "prep" and k.lower_ == "of"), None))


def _ent_span(tok: Token) -> Span | None:
    for e in tok.doc.ents:
        if e.start <= tok.i < e.end:
            return e
    return None


@functools.cache
def _demonyms() -> dict[str, str]:
    """Nationality word -> state, from the project's one nationality lexicon (empty without it)."""
    try:
        return lexicons.nationality_map()
    except Exception:  # a broken shared lexicon must not stop event extraction
        return {}


def _forms(tok: Token) -> set[str]:
    """The lemma and plausible base forms of a verb, for when the lemmatizer slips
    ("staged" -> "stag")."""
    low = tok.lower_
    forms = {tok.lemma_.lower(), low}
    for suf, rep in _suffix_rules():
        if low.endswith(suf) and len(low) - len(suf) >= 3:
            forms.add(low[: -len(suf)] + rep)
    return forms


@functools.cache
def _suffix_rules() -> tuple[tuple[str, str], ...]:
    """(ending, replacement) pairs of the ``verb_suffix_rules`` cue ("ied>y")."""
    pairs = (rule.partition(">") for rule in sorted(_lex().cues["verb_suffix_rules"]))
    return tuple((suf, rep) for suf, _, rep in pairs if suf)


def _clean_name(text: str) -> str:
    s = re.sub(r"^(the|a|an)\s+", "", text.strip(), flags=re.I)
    s = re.sub(r"['\u2019]s?$", "", s).strip(" ,.;:\"'\u201c\u201d")
    return re.sub(r"\s+", " ", s)


def _stem(name: str) -> str:
    w = re.sub(r"[^a-z]", "", name.lower().split()[0] if name.split() else "")
    return w[:5] if len(w) >= 5 else w


def _party(name: str, via: ResolvedVia | None = "name") -> Party:
    return Party(name=name, entity_id=None, kind="source", resolved_via=via)


def _as_pronoun(p: Party) -> Party:
    return Party(name=p.name, entity_id=p.entity_id, kind=p.kind, resolved_via="pronoun")


@functools.cache
def _pronouns() -> frozenset[str]:
    """The first- and third-person pronouns of the ``event_cues`` lexicon."""
    return _lex().cues["first_person"] | _lex().cues["third_person"]


def _is_pron(tok: Token) -> bool:
    """A personal or possessive pronoun ("US" the country is not "us")."""
    return tok.lower_ in _pronouns() and (tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"))


def _kind(tok: Token) -> str:
    """Pronoun class of a common-noun party: plural nouns are 'they', not 'it'."""
    return "PLURAL" if tok.tag_ in ("NNS", "NNPS") else "ORG"


def _pronoun_fits(pronoun: str, kind: str) -> bool:
    cues = _lex().cues
    if pronoun in cues["person_pronouns"]:
        return kind == "PERSON"
    if pronoun in cues["body_pronouns"]:
        return kind in ("ORG", "GPE", "NORP", "GROUP")
    return kind != "PERSON"


def _acronyms(name: str) -> set[str]:
    """Letters of the acronyms in a name: "U.S. Central Command" -> {"us"}."""
    out = set()
    for w in name.split():
        letters = re.sub(r"[^A-Za-z]", "", w)
        if 2 <= len(letters) <= 5 and letters.isupper():
            out.add(letters.lower())
    return out


def _initials(name: str) -> set[str]:
    """Initials of a multiword name: "United States" -> {"us"}."""
    words = [w for w in re.findall(r"[A-Za-z]+", name) if w.lower() not in ("of", "the", "and")]
    return {"".join(w[0] for w in words).lower()} if len(words) >= 2 else set()


def _words(name: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]+", name.lower()) if w not in ("the", "of", "s")}


def _same_side(a: Party, b: Party, sides: dict[str, set[str]] | None = None) -> bool:
    """Two parties of one side: same entity, a shared name word, or a shared national stem
    ("Russian forces" and "Russia's Defense Ministry"); ``sides`` adds the states each belongs to."""
    if a.entity_id and a.entity_id == b.entity_id:
        return True
    if sides and (sides.get(a.name) or sides.get(b.name)):
        names_a = [a.name, *sides.get(a.name, ())]
        names_b = [b.name, *sides.get(b.name, ())]
        return any(_same_side(_party(x), _party(y)) for x in names_a for y in names_b)
    if a.name.lower() == b.name.lower():
        return True
    if _acronyms(a.name) & _initials(b.name) or _acronyms(b.name) & _initials(a.name):
        return True  # "U.S. Central Command" and "United States"
    wa, wb = _words(a.name), _words(b.name)
    generic = _lex().cues["generic_name_words"]
    if (wa - generic) & (wb - generic):
        return True
    sa = {w[:5] for w in wa - generic if len(w) >= 5}
    sb = {w[:5] for w in wb - generic if len(w) >= 5}
    return bool(sa & sb)


CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "parataxis", "acl", "csubj"}


def _own_clause(root: Token) -> list[Token]:
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


def _consequence(c: _Cand, types: dict[int, str]) -> bool:
    """A participle or coordinated verb restating its head event ("shelled the post, wounding
    five guards", "killed or wounded"): part of the same happening."""
    tok = c.trigger
    if tok.pos_ not in ("VERB", "AUX") or tok.head.i == tok.i or types.get(tok.head.i) != c.type:
        return False
    return tok.dep_ == "conj" or (tok.dep_ == "advcl" and tok.tag_ == "VBG")


def _purpose_of(tok: Token, triggers: set[int]) -> bool:
    """True for a purpose clause of another event ("travelled to Paris to sign a pact"): what the
    event is for has not happened."""
    if tok.dep_ != "advcl" or tok.head.i not in triggers:
        return False
    return any(k.dep_ == "aux" and k.lower_ == "to" for k in tok.children)


def _backgrounded(tok: Token) -> bool:
    """True inside a relative or participial clause ("troops, which rescued X in 2015"): a
    description of a party, not news of an event."""
    t = tok
    for _ in range(10):
        if t.dep_ in ("relcl", "acl"):
            head = t.head
            cues = _lex().cues
            issued = head.dep_ == "dobj" and head.lemma_.lower() in cues["statement_nouns"]
            # "..., a claim Marrin rejected": the rejection is news, told in a relative clause
            denied = (
                t.i == tok.i
                and head.lemma_.lower() in cues["claim_nouns"]
                and (tok.lemma_.lower() in cues["deny_verbs"])
            )
            return not (issued or denied)  # "issued a declaration demanding ...": the content
        if t.head.i == t.i or t.dep_ in ("ccomp", "ROOT"):
            return False
        t = t.head
    return False


def _clause_span(tok: Token, sent: Span) -> tuple[int, int]:
    """Characters of the trigger's clause (a noun's governing verb clause), inside the sentence."""
    head = tok.head if tok.pos_ in ("NOUN", "PROPN") and tok.head.i != tok.i else tok
    toks = [t for t in head.subtree if sent.start <= t.i < sent.end]
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t) for t in toks)
    return start, end


def _paragraph(text: str, pos: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return start, len(text) if end < 0 else end


def _actor_key(c: _Cand, surfaces: dict[int, str] | None) -> str:
    """The actor as merging sees it: a state read off a force noun keeps that noun's words."""
    if not c.actors:
        return ""
    a = c.actors[0]
    return (surfaces or {}).get(id(a), a.name.lower())


def _key(c: _Cand, surfaces: dict[int, str] | None = None) -> tuple[Any, ...]:
    actor = _actor_key(c, surfaces)
    target = c.targets[0].name.lower() if c.targets else None
    return (c.type, actor, target, c.date, c.status == "negated")


def _merge(
    cands: list[_Cand], sides: dict[str, set[str]] | None = None, surfaces: dict[int, str] | None = None
) -> list[Event]:
    """One event per happening: same type, actor, target, date and polarity merge; an untargeted
    mention merges into a targeted one of the same type, actor and date."""
    kept: list[_Cand] = []
    index: dict[tuple[Any, ...], _Cand] = {}
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
    a: _Cand, b: _Cand, sides: dict[str, set[str]] | None = None, surfaces: dict[int, str] | None = None
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
    if a.targets and b.targets and not _same_side(a.targets[0], b.targets[0], sides):
        return False
    x, y = a.actors[0], b.actors[0]
    same_actor = _actor_key(a, surfaces) == _actor_key(b, surfaces) or (
        bool(x.entity_id and x.entity_id == y.entity_id)
        and not (surfaces and (id(x) in surfaces or id(y) in surfaces))
    )
    # statements by different speakers are different acts, even from one side; two reported
    # acts of one side on one day may be two acts unless one only restates the other ("the
    # attack", a denial)
    if a.type in _lex().speech_acts or not (_is_restatement(a) or _is_restatement(b)):
        return same_actor
    return same_actor or _same_side(a.actors[0], b.actors[0], sides)


def _days_apart_at_most(a: str | None, b: str | None, days: int) -> bool:
    """Both are day dates no more than ``days`` apart."""
    try:
        return abs((dt.date.fromisoformat(a or "") - dt.date.fromisoformat(b or "")).days) <= days
    except ValueError:
        return False


def _is_restatement(c: _Cand) -> bool:
    """A mention that names a happening rather than reports it: an event noun, or a denial."""
    return c.trigger.pos_ in ("NOUN", "PROPN") or c.status == "negated"


def _absorb(into: _Cand, other: _Cand) -> None:
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
