"""When a predicted record counts as a gold item, part by part, and the one-to-one matching.

Predictions are analyses as JSON objects (the schema's), gold items as in a gold file. Each
``Part`` names the analysis list it reads and a test ``(predicted, gold) -> bool``; ``pair_up``
matches a list of predictions against a list of gold items.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .words import answers, hashed_words, name_matches, norm, overlap_f1, runs_inside, same_text

Item = dict[str, Any]

QUOTE_WORDS_F1 = 0.6  # share of content words a quote must have in common with the gold
FRAMING_WORDS_F1 = 0.5


def party_name(party: object) -> str:
    """The name of a party as the schema writes it (an object with "name"), or a plain string."""
    if party is None:
        return ""
    if isinstance(party, dict):
        return party.get("name") or ""
    return str(party)


def gold_words(gold: Item) -> list[str]:
    """The gold's content words, hashed: its ``text_tokens``, or its ``text`` hashed here."""
    if "text_tokens" in gold:
        return list(gold["text_tokens"])
    return hashed_words(gold.get("text", ""))


def _number(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def same_number(a: object, b: object) -> bool:
    x, y = _number(a), _number(b)
    return x is not None and y is not None and abs(x - y) < 1e-9


# --- the tests, one per part ------------------------------------------------------------------------


def quote_text(pred: Item, gold: Item) -> bool:
    """Enough content words in common, or the gold's words (three or more) whole inside a
    prediction at most twice as long."""
    mine, theirs = hashed_words(pred.get("text", "")), gold_words(gold)
    if overlap_f1(mine, theirs) >= QUOTE_WORDS_F1:
        return True
    return len(theirs) >= 3 and len(mine) <= 2 * len(theirs) and runs_inside(mine, theirs)


def quote(pred: Item, gold: Item) -> bool:
    """The words (as ``quote_text``) and the speaker."""
    return quote_text(pred, gold) and name_matches(party_name(pred.get("speaker")), gold["speaker"])


def figure_value(pred: Item, gold: Item) -> bool:
    return same_number(pred.get("value"), gold["value"])


def figure(pred: Item, gold: Item) -> bool:
    """The value, the category and who claims it."""
    return (
        figure_value(pred, gold)
        and pred.get("category") in answers(gold["category"])
        and name_matches(party_name(pred.get("claimant")), gold["claimant"])
    )


def event(pred: Item, gold: Item) -> bool:
    """The type and the actor; the target too when both give one."""
    if pred.get("type") not in answers(gold["type"]):
        return False
    if not name_matches(party_name(pred.get("actor")), gold["actor"]):
        return False
    both_have_target = bool(gold.get("target")) and bool(pred.get("target"))
    return not both_have_target or name_matches(party_name(pred.get("target")), gold["target"])


def framing(pred: Item, gold: Item) -> bool:
    """Overlapping words (half in common, or one span's words inside the other's) and the voice."""
    mine, theirs = hashed_words(pred.get("text", "")), gold_words(gold)
    overlaps = (
        overlap_f1(mine, theirs) >= FRAMING_WORDS_F1
        or runs_inside(mine, theirs)
        or (len(mine) >= 2 and runs_inside(theirs, mine))
    )
    return overlaps and same_text(pred.get("voice", ""), gold["voice"])


def date(pred: Item, gold: Item) -> bool:
    """One text holds the other, and the same calendar value."""
    mine, theirs = norm(pred.get("text", "")), norm(gold["text"])
    if not mine or (theirs not in mine and mine not in theirs):
        return False
    return str(pred.get("value")) == str(gold["value"])


def entity(pred: Item, gold: Item) -> bool:
    """The name or one of the aliases, and the type."""
    names = [pred.get("name", ""), *(pred.get("aliases") or [])]
    if pred.get("type") not in answers(gold["type"]):
        return False
    return any(name_matches(n, gold["name"]) for n in names if n)


@dataclass(frozen=True, slots=True)
class Part:
    """A row of the table: its name, the list of the analysis and of the gold it compares, the test."""

    name: str
    key: str
    test: Callable[[Item, Item], bool] = field(repr=False)


PARTS: tuple[Part, ...] = (
    Part("quotes", "quotes", quote),
    Part("quote spans", "quotes", quote_text),
    Part("figures", "figures", figure),
    Part("figure values", "figures", figure_value),
    Part("events", "events", event),
    Part("framing", "framing", framing),
    Part("dates", "dates", date),
    Part("entities", "entities", entity),
)
PART_BY_NAME = {p.name: p for p in PARTS}


@dataclass(slots=True)
class Pairing:
    """How the predictions of one part of one article met its gold."""

    found: list[tuple[Item, Item]] = field(default_factory=list)  # (gold, prediction), required gold
    optional_found: list[tuple[Item, Item]] = field(default_factory=list)
    missed: list[Item] = field(default_factory=list)  # required gold with no prediction
    extra: list[Item] = field(default_factory=list)  # predictions matching no gold item

    @property
    def counts(self) -> tuple[int, int, int]:
        """(true positives, false positives, false negatives); optional gold counts neither way."""
        return len(self.found), len(self.extra), len(self.missed)


def pair_up(preds: list[Item], golds: list[Item], test: Callable[[Item, Item], bool]) -> Pairing:
    """Greedy one-to-one matching: the required gold items first, then the optional ones, each in
    file order, and each takes the first prediction not yet taken that passes ``test``."""
    taken: set[int] = set()
    out = Pairing()
    ordered = [g for g in golds if not g.get("optional")] + [g for g in golds if g.get("optional")]
    for g in ordered:
        i = next((i for i, p in enumerate(preds) if i not in taken and test(p, g)), None)
        if i is None:
            if not g.get("optional"):
                out.missed.append(g)
            continue
        taken.add(i)
        (out.optional_found if g.get("optional") else out.found).append((g, preds[i]))
    out.extra = [p for i, p in enumerate(preds) if i not in taken]
    return out
