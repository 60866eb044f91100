"""The compare corpus (tests/data/compare): articles, right answers, and hand-built analyses.

``hand_analyses`` builds each article's ``Analysis`` from the per-article answers in
expected.json (what a careful reader takes from the article), so the cross-article logic can be
tested independently of the per-article extractors.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from counterclaim.records import Analysis, Article, Entity, Event, Figure, Party

DATA = Path(__file__).resolve().parent.parent / "data" / "compare"


@cache
def rows() -> list[dict[str, Any]]:
    """The corpus articles as dicts: key, outlet, published, title, text."""
    return [json.loads(line) for line in (DATA / "articles.jsonl").read_text("utf-8").splitlines() if line]


@cache
def expected() -> dict[str, Any]:
    """The right answers."""
    return json.loads((DATA / "expected.json").read_text("utf-8"))


def articles() -> list[Article]:
    """The corpus as ``Article``s."""
    return [
        Article.make(r["text"], title=r["title"], outlet=r["outlet"], published=r["published"])
        for r in rows()
    ]


def key_of() -> dict[str, str]:
    """Article id -> corpus key ('a01')."""
    return {a.id: r["key"] for a, r in zip(articles(), rows(), strict=True)}


def _spans(text: str, form: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text)]


def hand_analyses() -> list[Analysis]:
    """One ``Analysis`` per article, built from expected.json's per-article answers."""
    out = []
    for art, row in zip(articles(), rows(), strict=True):
        ann = expected()["extracted"][row["key"]]
        text = art.text
        ents: list[Entity] = []
        for n, (name, etype, aff, desc, aliases) in enumerate(ann["entities"]):
            mentions = sorted({s for f in [name, *aliases] for s in _spans(text, f)})
            ents.append(
                Entity(
                    id=f"{row['key']}-e{n}",
                    name=name,
                    type=etype,
                    aliases=list(aliases),
                    mentions=mentions,
                    descriptors=list(desc),
                    affiliation=aff,
                    reason="hand",
                )
            )
        by_name = {e.name: e for e in ents}

        def party(name: str | None, *, by_name: dict[str, Entity] = by_name) -> Party | None:
            if name is None:
                return None
            e = by_name.get(name)
            return Party(
                name=name, entity_id=e.id if e else None, kind="source", resolved_via="name" if e else None
            )

        figures = []
        for written, value, qual, cat, subj, pty, claimant, as_of in ann["figures"]:
            span = _spans(text, written)[0]
            figures.append(
                Figure(
                    value=value,
                    category=cat,
                    subject=subj,
                    claimant=party(claimant),
                    span=span,
                    qualifier=qual,
                    party=pty,
                    as_of=as_of,
                    reason="hand",
                )
            )
        events = []
        for actor, trigger, target, location in ann["denials"]:
            span = _spans(text, trigger)[0]
            events.append(
                Event(
                    type="REJECT",
                    actor=party(actor),
                    span=span,
                    target=party(target),
                    date=art.published,
                    location=location,
                    trigger=trigger,
                    reason="hand",
                )
            )
        out.append(Analysis(article=art, entities=ents, figures=figures, events=events))
    return out
