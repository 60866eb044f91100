"""Scores of analyses against gold: per part precision, recall and F1, micro-averaged over the
articles (counts summed first), three accuracies, and the overall F1.

``score(golds, predictions)`` is pure: predictions are analyses as JSON objects, by article stem;
an article without one scores as an empty analysis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .gold import Gold
from .match import PARTS, Item, pair_up
from .words import norm

HEADLINE = ("quotes", "figures", "events", "framing", "dates")  # their mean F1 is the overall F1
ACCURACIES = ("published", "same_entity", "inconsistencies")


@dataclass(slots=True)
class Counts:
    """True positives, false positives, false negatives of one part."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp += tp
        self.fp += fp
        self.fn += fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float | int]:
        scores = {"precision": self.precision, "recall": self.recall, "f1": self.f1}
        return {**scores, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass(slots=True)
class Tally:
    """Right answers out of those asked (publication dates, same-entity groups, inconsistencies)."""

    right: int = 0
    of: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.of if self.of else 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {"accuracy": self.accuracy, "right": self.right, "of": self.of}


@dataclass(slots=True)
class Scores:
    """The table: ``parts`` by part name, ``accuracies`` by name, and per article the F1 of each
    part it has gold for."""

    parts: dict[str, Counts] = field(default_factory=lambda: {p.name: Counts() for p in PARTS})
    accuracies: dict[str, Tally] = field(default_factory=lambda: {a: Tally() for a in ACCURACIES})
    per_article: dict[str, dict[str, float]] = field(default_factory=dict)

    @property
    def overall_f1(self) -> float:
        return sum(self.parts[p].f1 for p in HEADLINE) / len(HEADLINE)

    def value(self, name: str) -> float:
        """The F1 of a part or the accuracy of an accuracy row, by its name in the table."""
        return self.parts[name].f1 if name in self.parts else self.accuracies[name].accuracy

    def to_dict(self) -> dict[str, Any]:
        """The JSON ``--json`` writes (the shape of shared/eval/score.py's)."""
        out: dict[str, Any] = {name: c.to_dict() for name, c in self.parts.items()}
        out.update({name: t.to_dict() for name, t in self.accuracies.items()})
        out["overall_f1"] = self.overall_f1
        out["files"] = self.per_article
        return out


def score(golds: list[Gold], predictions: Mapping[str, Item | None]) -> Scores:
    """Score each gold file against the analysis of its article (missing: scored as empty)."""
    scores = Scores()
    for gold in golds:
        pred = predictions.get(gold.stem) or {}
        row: dict[str, float] = {}
        for part in PARTS:
            if part.key not in gold.data:
                continue
            counts = pair_up(pred.get(part.key) or [], gold.data[part.key], part.test).counts
            scores.parts[part.name].add(*counts)
            row[part.name] = Counts(*counts).f1
        for name in ACCURACIES:
            asked = _ACCURACY[name](pred, gold.data)
            if asked is not None:
                scores.accuracies[name].right += asked[0]
                scores.accuracies[name].of += asked[1]
        scores.per_article[gold.stem] = row
    return scores


# --- the accuracies: (right, asked) for one article, or None when its gold does not ask ----------------


def published_right(pred: Item, gold: dict[str, Any]) -> tuple[int, int] | None:
    if not gold.get("published"):
        return None
    return int(str(published_of(pred)) == gold["published"]), 1


def published_of(pred: Item) -> object:
    return (pred.get("article") or {}).get("published")


def entity_owners(pred: Item, group: list[str]) -> list[Item]:
    """The predicted entities that carry any spelling of the group as their name or an alias."""
    spellings = {norm(s) for s in group}
    return [
        e
        for e in pred.get("entities") or []
        if any(norm(n) in spellings for n in [e.get("name", ""), *(e.get("aliases") or [])])
    ]


def split_groups(pred: Item, gold: dict[str, Any]) -> list[tuple[list[str], list[Item]]]:
    """The gold's groups of spellings of one entity that not exactly one predicted entity carries,
    each with the entities that carry it."""
    out = []
    for group in gold.get("same_entity") or []:
        owners = entity_owners(pred, group)
        if len(owners) != 1:
            out.append((group, owners))
    return out


def same_entity_right(pred: Item, gold: dict[str, Any]) -> tuple[int, int] | None:
    n = len(gold.get("same_entity") or [])
    return (n - len(split_groups(pred, gold)), n) if n else None


def found_value_sets(pred: Item) -> list[set[float]]:
    """The values of the figures each predicted inconsistency links."""
    figures = pred.get("figures") or []
    found = []
    for inc in pred.get("inconsistencies") or []:
        values = set()
        for i in inc.get("figures") or []:
            if isinstance(i, int) and 0 <= i < len(figures):
                value = figures[i].get("value", -1)
                if value is not None:
                    values.add(float(value))
        found.append(values)
    return found


def missed_inconsistencies(pred: Item, gold: dict[str, Any]) -> list[Item]:
    """Gold inconsistencies no predicted one covers (one that links figures with all its values)."""
    found = found_value_sets(pred)
    wanted = gold.get("inconsistencies") or []
    return [w for w in wanted if not any({float(v) for v in w["values"]} <= f for f in found)]


def inconsistencies_right(pred: Item, gold: dict[str, Any]) -> tuple[int, int] | None:
    n = len(gold.get("inconsistencies") or [])
    return (n - len(missed_inconsistencies(pred, gold)), n) if n else None


_ACCURACY = {
    "published": published_right,
    "same_entity": same_entity_right,
    "inconsistencies": inconsistencies_right,
}

__all__ = ["ACCURACIES", "HEADLINE", "Counts", "Scores", "Tally", "score"]
