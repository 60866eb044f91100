"""Sides of a conflict: which parties stand together, as user configuration.

A sides file is a small YAML mapping::

    conflict: Valdoria-Kestria border war
    sides:
      Valdoria: [Valdoria, Valdorian army, Free Tessa Brigade]
      Kestria: [Kestria]
    neutral: [Lumeria, Relief Coordination Office]

Without one, every state seen as an entity's affiliation is its own side, and so is every armed
group that no state is named for ('al-Shabaab' against 'Somalia'; ``Sides.default``).
A party belongs to a side when its name, or the state it is affiliated with, is a member, or
else when a word of its name is a member or a member's nationality word ('Pellandic army'); names
are compared folded, so spelling variants match too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml

from ..errors import MalformedInput
from .names import demonym_state, fold_token, known_states, tokens


def name_key(name: str) -> str:
    """Folded, word-ordered key of a whole name: "the Valdoria's" -> 'valdoria'."""
    return " ".join(fold_token(t) for t in tokens(name) if t.lower() != "the")


@dataclass(slots=True)
class Sides:
    """Parties grouped into the sides of a conflict."""

    sides: dict[str, list[str]] = field(default_factory=dict)
    neutral: list[str] = field(default_factory=list)
    conflict: str | None = None
    _index: dict[str, str] = field(default_factory=dict, repr=False)
    _members: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._members = known_states(m for side, ms in self.sides.items() for m in [side, *ms])
        for side, members in self.sides.items():
            for m in [side, *members]:
                self._index.setdefault(name_key(m), side)
        for m in self.neutral:
            self._index.setdefault(name_key(m), "neutral")

    @classmethod
    def from_yaml(cls, text: str, *, source: str | None = None) -> Sides:
        """Parse a sides file; raises ``MalformedInput`` naming ``source`` when it is not one."""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise MalformedInput(f"sides file is not YAML: {exc}", source=source) from exc
        if not isinstance(data, dict) or not isinstance(data.get("sides"), dict):
            raise MalformedInput("sides file needs a 'sides' mapping of side -> [parties]", source=source)
        sides: dict[str, list[str]] = {}
        for side, members in data["sides"].items():
            if not isinstance(members, list) or not all(isinstance(m, str) for m in members):
                raise MalformedInput(f"side '{side}' must list party names", source=source)
            sides[str(side)] = list(members)
        neutral = data.get("neutral") or []
        if not isinstance(neutral, list):
            raise MalformedInput("'neutral' must be a list of party names", source=source)
        return cls(sides=sides, neutral=[str(n) for n in neutral], conflict=data.get("conflict"))

    @classmethod
    def default(cls, states: Iterable[str], groups: Iterable[str] = ()) -> Sides:
        """Each state its own side, then each armed group not already one."""
        sides = {s: [s] for s in sorted(set(states))}
        taken = {name_key(s) for s in sides}
        for g in sorted(set(groups)):
            if name_key(g) not in taken:
                sides[g] = [g]
                taken.add(name_key(g))
        return cls(sides=sides)

    def names(self) -> list[str]:
        """The side names, in configuration order."""
        return list(self.sides)

    def side_of(self, name: str | None, affiliation: str | None = None) -> str | None:
        """The side of a party named ``name`` (affiliated with ``affiliation``), 'neutral', or None."""
        for candidate in (name, affiliation):
            if not candidate:
                continue
            hit = self._index.get(name_key(candidate))
            if hit:
                return hit
        if not name:
            return None
        # a word of the name that is a member, or a nationality word of one:
        # 'Pellandic separatists' -> the side holding 'Pelland'
        for w in tokens(name):
            if not w[:1].isupper():
                continue
            hit = self._index.get(name_key(w))
            if hit is None:
                state = demonym_state(w, self._members)
                hit = self._index.get(name_key(state)) if state else None
            if hit:
                return hit
        return None
