"""What the cross-article pages show, worked out once per state of the store.

``Views`` wraps the store's ``Tables`` (entities, stories, series, contradictions): the party
linker, each canonical entity's articles, quotes, figures and events (one pass over the store),
and the contradictions grouped per story with what each side counts in words. The records of
``compare/`` are only read here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from ..compare.sides import name_key
from ..export import Tables
from ..records import Analysis, CanonicalEntity, Contradiction, Evidence, Party, Story
from .numbers import figure_phrase
from .parties import Linker

SEVERITY_WORDS = {
    "contradiction": "contradiction: both cannot be true",
    "discrepancy": "discrepancy: both can hold only if the count grew that fast",
}


@dataclass(slots=True)
class Mention:
    """One record of an article that an entity (or a name) takes part in."""

    analysis: Analysis
    index: int  # into the article's quotes, figures or events
    role: str  # 'speaker', 'claimant', 'actor', 'target'


@dataclass(slots=True)
class Records:
    """What one entity (or name) said, claimed, did and underwent across the store."""

    quotes: list[Mention] = field(default_factory=list)
    figures: list[Mention] = field(default_factory=list)
    acts: list[Mention] = field(default_factory=list)
    targeted: list[Mention] = field(default_factory=list)


@dataclass(slots=True)
class Side:
    """One side of a contradiction, worded: who, what they count or deny, where."""

    evidence: Evidence
    claimant: str
    what: str  # what a figure counts, in words ('60 civilians killed'); else the sentence
    verb: str  # 'reports', 'denies', 'says'
    title: str
    anchor: str  # the passage on the article page: f-3, e-2, q-1


@dataclass(slots=True)
class Finding:
    """One contradiction, worded for the page."""

    c: Contradiction
    label: str  # the severity in words
    counted: str  # what the series counts: 'civilians killed (Vestar)'
    left: Side
    right: Side


@dataclass(slots=True)
class StoryGroup:
    """The contradictions of one story (or of no story)."""

    story: Story | None
    findings: list[Finding]


class Views:
    """The cross-article views of one state of the store (built lazily, then kept)."""

    def __init__(self, tables: Tables) -> None:
        self.tables = tables
        self.linker = Linker(tables.index)
        self.by_id = {a.article.id: a for a in tables.analyses}
        self._records: tuple[dict[str, Records], dict[str, Records]] | None = None
        self._groups: list[StoryGroup] | None = None

    def records(self) -> tuple[dict[str, Records], dict[str, Records]]:
        """Per canonical entity id, and per folded name of parties with no entity, their records."""
        if self._records is None:
            by_entity: dict[str, Records] = defaultdict(Records)
            by_name: dict[str, Records] = defaultdict(Records)

            def put(a: Analysis, p: Party | None, kind: str, i: int, role: str) -> None:
                if p is None or p.kind != "source":
                    return
                ce = self.linker.entity(a.article.id, p)
                rec = by_entity[ce.id] if ce is not None else by_name[name_key(p.name)]
                lst: list[Mention] = getattr(rec, kind)
                if not lst or lst[-1].analysis is not a or lst[-1].index != i:
                    lst.append(Mention(a, i, role))

            for a in self.tables.analyses:
                for i, q in enumerate(a.quotes):
                    put(a, q.speaker, "quotes", i, "speaker")
                for i, f in enumerate(a.figures):
                    put(a, f.claimant, "figures", i, "claimant")
                for i, e in enumerate(a.events):
                    for p in [e.actor, *e.actors]:
                        put(a, p, "acts", i, "actor")
                    for p in [e.target, *e.targets]:
                        put(a, p, "targeted", i, "target")
            self._records = (dict(by_entity), dict(by_name))
        return self._records

    def of_entity(self, ce: CanonicalEntity) -> Records:
        """The records an entity takes part in."""
        return self.records()[0].get(ce.id, Records())

    def of_name(self, name: str) -> Records:
        """The records of parties named exactly ``name`` that no entity holds."""
        return self.records()[1].get(name_key(name), Records())

    def side(self, article_id: str, p: Party | None) -> str | None:
        """The side a party belongs to, if known."""
        return self.tables.index.side(article_id, p) if p is not None else None

    def groups(self) -> list[StoryGroup]:
        """Contradictions grouped per story, the stories with the most first; each side worded."""
        if self._groups is None:
            stories = {s.id: s for s in self.tables.stories}
            series = {s.id: s for s in self.tables.series}
            grouped: dict[str, list[Finding]] = defaultdict(list)
            for c in self.tables.contradictions:
                s = series.get(c.series or "")
                counted = ""
                if s is not None:
                    counted = f"{s.subject} {s.category} ({s.party or 'whose losses not said'})"
                finding = Finding(
                    c,
                    SEVERITY_WORDS.get(c.severity, c.severity),
                    counted,
                    self._side(c.left, denies=c.kind == "denial"),
                    self._side(c.right),
                )
                if c.kind == "denial":
                    finding.label = "denial: one side denies what the other reports"
                grouped[c.story or ""].append(finding)
            out = [StoryGroup(stories.get(k), v) for k, v in grouped.items()]
            out.sort(key=_group_order)
            self._groups = out
        return self._groups

    def _side(self, ev: Evidence, *, denies: bool = False) -> Side:
        a = self.by_id.get(ev.article_id)
        title = a.article.title if a else ev.article_id
        what = ev.text
        anchor = ""
        if a is not None and ev.kind == "figure" and 0 <= ev.index < len(a.figures):
            f = a.figures[ev.index]
            what = figure_phrase(f.value, f.qualifier, f.subject, f.category, f.low, f.high)
            anchor = f"f-{ev.index + 1}"
        elif a is not None and ev.kind == "event" and 0 <= ev.index < len(a.events):
            anchor = f"e-{ev.index + 1}"
        elif a is not None and ev.kind == "quote" and 0 <= ev.index < len(a.quotes):
            anchor = f"q-{ev.index + 1}"
        verb = "denies" if denies else "reports" if ev.kind == "figure" else "says"
        return Side(ev, ev.claimant, what, verb, title, anchor)


def _group_order(g: StoryGroup) -> tuple[int, str, str]:
    """Stories with the most findings first, then by date; findings outside any story last."""
    if g.story is None:
        return (-len(g.findings), "~", "")
    return (-len(g.findings), g.story.start or "", g.story.id)


def sort_rows(rows: list[Any], key: str, desc: bool, keys: dict[str, Any], default: str) -> list[Any]:
    """Rows sorted by one of ``keys`` (name -> function of a row); unknown names use ``default``."""
    fn = keys.get(key) or keys[default]
    return sorted(rows, key=fn, reverse=desc)


__all__ = ["SEVERITY_WORDS", "Finding", "Mention", "Records", "Side", "StoryGroup", "Views", "sort_rows"]
