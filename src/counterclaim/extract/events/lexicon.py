"""The event rule tables, read once from the lexicons: verb and noun triggers per PLOVER type
(``plover_verbs``, ``plover_nouns``), modes (``plover_modes``), the cue word lists and the one
table of ``event_cues``, the derived-act rows (``plover_derived``, checked at load), and the
reporting verbs (the quote layer's ``quote_cues``)."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ... import lexicons
from ...errors import PipelineError
from ...records import EventStatus


@dataclass(frozen=True)
class VerbRule:
    type: str
    second: str | None = None  # particle, preposition or object lemma of a phrasal entry
    objects: frozenset[str] = frozenset()
    mode: str | None = None


@dataclass(frozen=True)
class DerivedRule:
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
class Lex:
    verbs: dict[str, list[VerbRule]]
    nouns: dict[str, tuple[str, str | None]]  # lemma or "modifier lemma" -> (type, mode)
    modes: dict[str, list[tuple[str, frozenset[str]]]]
    cues: dict[str, frozenset[str]]
    hostile: frozenset[str]  # PLOVER types counted as hostile acts
    speech_acts: frozenset[str]  # PLOVER types of acts done by saying something
    target_types: dict[str, frozenset[str]]  # target preposition -> the only types it targets for
    derived: tuple[DerivedRule, ...]
    # verbs that only report speech (``quote_cues`` less the verbs that code an act of their own
    # and the aspect verbs "continue", "keep"): what they report may be an event, they are none
    reporting_verbs: frozenset[str]


# named checks a ``plover_derived`` row may ask for (see ``derived.derived_applies``)
DERIVED_CONDITIONS = ("verb_trigger", "future_marked", "refused", "not_decided")


@functools.cache
def lex() -> Lex:
    verbs: dict[str, list[VerbRule]] = {}
    for etype, items in lexicons.entries("plover_verbs").items():
        for item in items:
            if isinstance(item, str):
                first, _, second = item.partition(" ")
                rule = VerbRule(etype, second or None)
            else:
                first = item["verb"]
                rule = VerbRule(etype, None, frozenset(item.get("objects", [])), item.get("mode"))
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
    reporting = frozenset(
        cue
        for cue in lexicons.entries("quote_cues")
        if not any(r.second is None and not r.objects for r in verbs.get(cue, ()))
        and cue not in cues["ongoing_verbs"]
    )
    return Lex(verbs, nouns, modes, cues, hostile, speech_acts, target_types, _derived_rules(), reporting)


@functools.cache
def cue_union(*names: str) -> frozenset[str]:
    """The union of the named ``event_cues`` word lists, made once (not at every test)."""
    return frozenset().union(*(lex().cues[name] for name in names))


def _derived_rules() -> tuple[DerivedRule, ...]:
    """The rows of ``plover_derived``, checked: a bad row raises PipelineError at load."""
    rules = []
    for row in lexicons.entries("plover_derived"):
        rule = DerivedRule(
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
