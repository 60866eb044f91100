"""Merging: one event per happening.

Candidates of the same type, actor, target, date and polarity merge; a mention without a target,
or a later restatement without its own date, merges into the happening it names; statements by
different speakers stay apart. The merged candidates become ``Event`` records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...records import Event
from ..who.sides import side_of
from .lexicon import lex
from .parties import same_side
from .state import ArticleState, Candidate


def merge(cands: list[Candidate], st: ArticleState | None = None) -> list[Event]:
    """One event per happening: same type, actor, target, date and polarity merge; an untargeted
    mention merges into a targeted one of the same type, actor and date."""
    surfaces = st.surfaces if st is not None else None
    kept: list[Candidate] = []
    index: dict[tuple[Any, ...], Candidate] = {}
    for c in cands:
        if not c.actors:
            continue
        k = _key(c, surfaces)
        if k in index:
            _absorb(index[k], c)
            continue
        loose = next((o for o in kept if _same_happening(o, c, st, surfaces)), None)
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


def _key(c: Candidate, surfaces: dict[int, str] | None = None) -> tuple[Any, ...]:
    actor = _actor_key(c, surfaces)
    target = c.targets[0].name.lower() if c.targets else None
    return (c.type, actor, target, c.date, c.status == "negated")


def _actor_key(c: Candidate, surfaces: dict[int, str] | None) -> str:
    """The actor as merging sees it: a state read off a force noun keeps that noun's words."""
    if not c.actors:
        return ""
    a = c.actors[0]
    return (surfaces or {}).get(id(a), a.name.lower())


def _same_happening(
    a: Candidate,
    b: Candidate,
    st: ArticleState | None = None,
    surfaces: dict[int, str] | None = None,
) -> bool:
    """Two mentions of one happening: same type, date and polarity, actors of one side, and
    targets that do not disagree."""
    if a.type != b.type or (a.status == "negated") != (b.status == "negated"):
        return False
    if (_one_act(a, b) or _one_act(b, a)) and same_side(a.actors[0], b.actors[0], st):
        return True
    if st is not None and _side_then_spokesman(a, b, st):
        return True
    # a later mention without its own date ("the attack on Olm") is the dated happening, if
    # that happening is recent news (not a war's start years before); a happening named in a
    # time clause ("a week after the parties agreed to ...") is one told elsewhere, whatever
    # the dates
    reference = _is_reference(a) or _is_reference(b)
    if a.date != b.date and not reference:
        if a.dated == b.dated or not _days_apart_at_most(a.date, b.date, 7):
            return False
        if not _is_restatement(b if a.dated else a):
            return False  # a fresh report ("killing six") is not last week's strike named again
    if a.targets and b.targets and not (
        same_side(a.targets[0], b.targets[0], st) or _target_is_place(a, b) or _target_is_place(b, a)
    ):
        return False
    if (
        (not a.targets or not b.targets)
        and a.location
        and b.location
        and a.location != b.location
        and not (_target_is_place(a, b) or _target_is_place(b, a))
    ):
        return False  # "killed four in the Donetsk region" is not the shelling of Lysychansk
    x, y = a.actors[0], b.actors[0]
    if (x.kind == "unknown") != (y.kind == "unknown"):
        # "missile strikes on Ganja killed four" the day Armenia's strikes on Ganja are told: an
        # attack by no one named on the same target is the named one's
        return bool(a.targets and b.targets) and a.date == b.date and a.type not in lex().speech_acts
    same_actor = _actor_key(a, surfaces) == _actor_key(b, surfaces) or (
        bool(x.entity_id and x.entity_id == y.entity_id)
        and not (surfaces and (id(x) in surfaces or id(y) in surfaces))
    )
    # statements by different speakers are different acts, even from one side; two reported
    # acts of one side on one day may be two acts unless one only restates the other ("the
    # attack", a denial)
    if a.type in lex().speech_acts or not (_is_restatement(a) or _is_restatement(b)):
        return same_actor
    if same_actor:
        return True
    if not (_points_back(a) or _points_back(b) or _same_place(a, b)):
        # "a unilateral ceasefire" and troops who "pulled out": two acts of one side, unless
        # told at one place
        return False
    return same_side(a.actors[0], b.actors[0], st)


def _points_back(c: Candidate) -> bool:
    """A restatement that points back at a happening: a definite or possessed event noun ("the
    attack", "Russia's strikes"), or a denial; "a unilateral ceasefire" is news of its own."""
    t = c.trigger
    if c.status == "negated":
        return True
    indefinite = any(k.dep_ == "det" and k.lower_ in ("a", "an") for k in t.children)
    return t.pos_ in ("NOUN", "PROPN") and not indefinite


def _same_place(a: Candidate, b: Candidate) -> bool:
    """Both mentions name where it happened, and it is one place."""
    x = (a.location or (a.targets[0].name if a.targets else "")).lower()
    y = (b.location or (b.targets[0].name if b.targets else "")).lower()
    return bool(x) and x == y


def _one_act(a: Candidate, b: Candidate) -> bool:
    """``b`` is a participle without a subject of its own that restates ``a``'s act inside
    ``a``'s clause ("denied that Assad had left, calling such reports false"); a finite verb
    ("... and has rejected offers of mediation") tells an act of its own."""
    t = b.trigger
    if t.tag_ != "VBG" or t.dep_ not in ("advcl", "xcomp", "conj") or t.sent.start != a.trigger.sent.start:
        return False
    if any(k.dep_ in ("nsubj", "nsubjpass", "expl") for k in t.children):
        return False  # a clause with a subject of its own: "..., and Melsk said ..."
    return t.i != a.trigger.i and a.trigger.is_ancestor(t)


def _side_then_spokesman(a: Candidate, b: Candidate, st: ArticleState) -> bool:
    """A side's denial or charge told, then spelled out by its own official or body in the next
    sentence ("Azerbaijan rejects that charge. Hajiyev, an adviser to Aliyev, said ..."): one
    act of that side."""
    if a.type.lower() not in lex().cues["elaborated_types"] or a.trigger.sent.end != b.trigger.sent.start:
        return False
    x, y = a.actors[0], b.actors[0]
    if x.kind == "unknown" or y.kind == "unknown" or not same_side(x, y, st):
        return False
    if a.targets and b.targets and not same_side(a.targets[0], b.targets[0], st):
        return False
    return any((side_of(p, st.ctx) or "").lower() == p.name.lower() for p in (x, y))


def _target_is_place(a: Candidate, b: Candidate) -> bool:
    """One mention's target is where the other happened ("struck the Beirut suburb" and "a
    strike hit the group's stronghold in Beirut")."""
    return bool(a.targets and b.location) and a.targets[0].name.lower() == (b.location or "").lower()


def _is_reference(c: Candidate) -> bool:
    """The trigger sits in a time clause that points at a happening told elsewhere ("a week
    after the parties agreed to resume talks", "since Moscow invaded")."""
    t = c.trigger
    for _ in range(3):
        if t.dep_ in ("advcl", "pcomp") and any(
            m.dep_ in ("mark", "prep") and m.lower_ in lex().cues["reference_marks"] for m in t.children
        ):
            return True
        if t.dep_ == "pcomp" and t.head.lower_ in lex().cues["reference_marks"]:
            return True
        if t.dep_ not in ("conj", "xcomp") or t.head.i == t.i:
            break
        t = t.head
    return False


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
    if into.actors[0].kind == "unknown" and other.actors[0].kind != "unknown":
        into.actors = list(other.actors)  # the named actor stands for the happening
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
