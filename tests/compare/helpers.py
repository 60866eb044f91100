"""Hand-built analyses for compare tests: articles with the records a reader would extract."""

from __future__ import annotations

import re
from collections.abc import Sequence

from counterclaim.records import Analysis, Article, Entity, Event, Figure, Party, Quote

EntitySpec = tuple  # (name, type[, affiliation[, descriptors[, aliases]]])


def entity(n: int, spec: EntitySpec, aid: str) -> Entity:
    """An Entity from (name, type, affiliation, descriptors, aliases); missing parts are empty."""
    name, etype, *rest = spec
    aff = rest[0] if rest else None
    desc = list(rest[1]) if len(rest) > 1 else []
    aliases = list(rest[2]) if len(rest) > 2 else []
    return Entity(
        id=f"{aid}-e{n}",
        name=name,
        type=etype,
        aliases=aliases,
        mentions=[(0, len(name))],
        descriptors=desc,
        affiliation=aff,
        reason="test",
    )


def analysis(
    text: str,
    *,
    title: str = "",
    published: str | None = "2030-05-01",
    outlet: str | None = "Test Wire",
    entities: Sequence[EntitySpec] = (),
    figures: Sequence[Figure] = (),
    events: Sequence[Event] = (),
    quotes: Sequence[Quote] = (),
) -> Analysis:
    """An Analysis of ``text`` carrying the given records (entity ids '<article id>-e<n>')."""
    art = Article.make(text, title=title or text[:40], outlet=outlet, published=published)
    ents = [entity(n, s, art.id) for n, s in enumerate(entities)]
    for e in ents:  # where each is mentioned, when the text names it
        found = sorted(
            (m.start(), m.end())
            for form in {e.name, *e.aliases}
            for m in re.finditer(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text)
        )
        e.mentions = found
    return Analysis(
        article=art, entities=ents, figures=list(figures), events=list(events), quotes=list(quotes)
    )


def party(a: Analysis, name: str) -> Party:
    """A source party, tied to the article's entity of that name when there is one."""
    e = next((e for e in a.entities if e.name == name), None)
    return Party(name=name, entity_id=e.id if e else None, kind="source", resolved_via="name" if e else None)


def figure(
    a: Analysis,
    value: float,
    category: str,
    subject: str,
    party_name: str | None,
    claimant: str,
    *,
    qualifier: str = "exact",
    as_of: str | None = None,
) -> Figure:
    """A figure in ``a`` whose span is the first occurrence of its number (or the whole text)."""
    s = f"{value:g}"
    i = a.article.text.find(s)
    span = (i, i + len(s)) if i >= 0 else (0, len(a.article.text))
    return Figure(
        value=value,
        category=category,
        subject=subject,
        claimant=party(a, claimant),
        span=span,
        qualifier=qualifier,
        party=party_name,
        as_of=as_of or a.article.published,
        reason="test",
    )
