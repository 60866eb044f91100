"""Claims tracker: every figure as a point on a series of figures that count the same thing.

A series is keyed by (category, subject group, party) inside a scope, so unrelated happenings are
never pooled: a figure that says whose losses it counts joins that party's series in the same
conflict episode (points of one key more than ``EPISODE_GAP_DAYS`` apart start a new episode:
a toll of 2020 and one of 2023 are different wars' tolls); a figure that does not say whose
losses it counts stays inside its story (without stories, its article).

Subjects fold to comparable groups (lexicon ``compare_subjects``: 'troops' and 'soldiers' are
'military'); parties fold to the state they belong to ('Kestrian troops' -> 'Kestria') or to
their canonical entity. Points carry the claimant's canonical name and side, the outlet, the
article, the as-of date (else the publication date) and the qualifier; a point that changes the
same claimant's previous figure records it in ``revision_of``. Each series is summarised by every
claimant's latest point, the range across those, and the most conservative (lowest) of them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping

from .. import lexicons
from ..records import Analysis, ClaimPoint, ClaimSeries, Figure, Story, hash_id
from .entities import EntityIndex
from .names import ascii_fold, demonym_state, fold_token, known_states, singular, tokens
from .stories import day_number, story_of

EPISODE_GAP_DAYS = 90  # a party's series breaks where no figure of it falls for this long

_QUALIFIER_RANK = {
    "exact": 0,
    "about": 1,
    "range": 2,
    "at_least": 3,
    "more_than": 3,
    "at_most": 4,
    "fewer_than": 4,
}


@functools.cache
def _subject_groups() -> dict[str, str]:
    out: dict[str, str] = {}
    for group, words in lexicons.entries("compare_subjects").items():
        for w in words:
            out[singular(w)] = group
            out[w.lower()] = group
    return out


def normalise_subject(subject: str) -> str:
    """'Kestrian troops' -> 'military'; 'residential buildings' -> 'buildings'; else the head word."""
    words = [w.lower() for w in tokens(subject)]
    groups = _subject_groups()
    for w in reversed(words):
        g = groups.get(w) or groups.get(singular(w))
        if g:
            return g
    return singular(words[-1]) if words else "unspecified"


def normalise_party(
    party: str | None, index: EntityIndex | None, states: Iterable[str] | Mapping[str, str] = ()
) -> str | None:
    """Whose losses, folded: a state named or implied by a nationality word, else the canonical entity."""
    if not party:
        return None
    known = states if isinstance(states, Mapping) else known_states(states)
    for w in tokens(party):
        if fold_token(w) in known:
            return known[fold_token(w)]
        if w[:1].isupper():
            st = demonym_state(w, known)
            if st:
                return st
    if index is not None:
        ce = index.by_name(party)
        if ce is not None:
            return ce.affiliation if ce.type in ("NORP",) and ce.affiliation else ce.name
    return " ".join(t for t in tokens(party)) or ascii_fold(party)


def interval(p: ClaimPoint | Figure) -> tuple[float, float]:
    """The values a figure allows: 'at least 12' -> (12, inf), 'about 5,000' -> (4500, 5500)."""
    v = p.value
    q = p.qualifier
    if q == "range" and p.low is not None and p.high is not None:
        return (p.low, p.high)
    if q in ("at_least", "more_than"):
        return (v, float("inf"))
    if q in ("at_most", "fewer_than"):
        return (0.0, v)
    if q == "about":
        return (v * 0.9, v * 1.1)
    return (v, v)


def build_series(
    analyses: Iterable[Analysis],
    *,
    index: EntityIndex | None = None,
    stories: Iterable[Story] | None = None,
    gap_days: int = EPISODE_GAP_DAYS,
) -> list[ClaimSeries]:
    """Every figure of every analysis as a point on its claims series, with per-series summaries.

    Series never pool unrelated happenings: party-less figures stay in their story (or article),
    a party's figures split into episodes where ``gap_days`` pass without one (see the module doc).
    """
    story = story_of(stories) if stories is not None else {}
    names = list(index.sides.names()) if index is not None else []
    if index is not None:
        names += sorted({e.affiliation for e in index if e.affiliation} - set(names))
    states = known_states(names)
    keyed: dict[tuple[str, str, str, str], list[ClaimPoint]] = {}
    for a in analyses:
        art = a.article
        for i, f in enumerate(a.figures):
            subject = normalise_subject(f.subject)
            party = normalise_party(f.party, index, states)
            # whose losses unknown: the figure's own story (or article) is its scope
            scope = "" if party else "story:" + story.get(art.id, art.id)
            claimant = index.party_name(art.id, f.claimant) if index else f.claimant.name
            keyed.setdefault((f.category, subject, party or "", scope), []).append(
                ClaimPoint(
                    series="",
                    value=f.value,
                    claimant=claimant,
                    article_id=art.id,
                    figure=i,
                    span=f.span,
                    low=f.low,
                    high=f.high,
                    qualifier=f.qualifier,
                    claimant_side=index.side(art.id, f.claimant) if index else None,
                    outlet=art.outlet,
                    published=art.published,
                    as_of=f.as_of or art.published,
                    story=story.get(art.id),
                    text=art.text[f.span[0] : f.span[1]],
                    reason=f.reason or "figure",
                )
            )
    out: list[ClaimSeries] = []
    for (category, subject, party, scope), points in keyed.items():
        for episode, pts in _episodes(points, gap_days if not scope else None):
            sid = hash_id(category, subject, party, scope, episode, prefix="c_")
            for p in pts:
                p.series = sid
            s = ClaimSeries(
                id=sid,
                category=category,  # type: ignore[arg-type]
                subject=subject,
                party=party or None,
                points=pts,
                reason=(
                    f"figures with the same category, subject group and party, none {gap_days} days "
                    "from the rest"
                    if party
                    else "figures with the same category and subject group in one story, party unknown"
                ),
            )
            _summarise(s)
            out.append(s)
    out.sort(key=lambda s: (-len(s.points), s.category, s.subject, s.party or "", s.id))
    return out


def _episodes(points: list[ClaimPoint], gap_days: int | None) -> list[tuple[str, list[ClaimPoint]]]:
    """Points split where more than ``gap_days`` pass between consecutive dates (None: no split),
    each episode named by its first date ('' for the first episode, so a series' id is stable
    while nothing earlier arrives); undated points form their own episode, 'undated'."""
    if gap_days is None:
        return [("", points)]
    dated = sorted((p for p in points if day_number(point_date(p)) is not None), key=point_date)
    undated = [p for p in points if day_number(point_date(p)) is None]
    out: list[tuple[str, list[ClaimPoint]]] = []
    last: int | None = None
    for p in dated:
        day = day_number(point_date(p))
        if last is None or day - last > gap_days:  # type: ignore[operator]
            out.append(("" if last is None else point_date(p)[:10], []))
        out[-1][1].append(p)
        last = day
    if undated:
        out.append(("undated" if out else "", undated))
    return out


def point_date(p: ClaimPoint) -> str:
    """The date a point speaks for: as-of, else publication; '' when neither is known."""
    return p.as_of or p.published or ""


def _summarise(s: ClaimSeries) -> None:
    s.points.sort(key=lambda p: (point_date(p), p.published or "", p.article_id, p.figure))
    last: dict[str, ClaimPoint] = {}
    for p in s.points:
        prev = last.get(p.claimant)
        if prev is not None and prev.value != p.value:
            p.revision_of = prev.value
        last[p.claimant] = p
    s.latest = sorted(last.values(), key=lambda p: (p.value, p.claimant))
    values = [p.value for p in s.latest]
    s.low, s.high = (min(values), max(values)) if values else (None, None)
    s.conservative = min(
        s.latest, key=lambda p: (p.value, _QUALIFIER_RANK.get(p.qualifier, 5), p.claimant), default=None
    )


def filter_series(
    series: Iterable[ClaimSeries],
    *,
    party: str | None = None,
    category: str | None = None,
    claimant: str | None = None,
    since: str | None = None,
) -> list[ClaimSeries]:
    """Series matching the filters; ``claimant`` and ``since`` keep only matching points."""
    out = []
    for s in series:
        if category and s.category != category:
            continue
        if party and fold_token(party) not in {fold_token(w) for w in tokens(s.party or "")}:
            continue
        pts = s.points
        if claimant:
            key = " ".join(fold_token(w) for w in tokens(claimant))
            pts = [
                p
                for p in pts
                if key in " ".join(fold_token(w) for w in tokens(p.claimant))
                or (p.claimant_side and key == fold_token(p.claimant_side))
            ]
        if since:
            pts = [p for p in pts if point_date(p) >= since]
        if not pts:
            continue
        if pts is not s.points:
            s = ClaimSeries(
                id=s.id,
                category=s.category,
                subject=s.subject,
                party=s.party,
                points=[_copy(p) for p in pts],
                reason=s.reason,
            )
            _summarise(s)
        out.append(s)
    return out


def _copy(p: ClaimPoint) -> ClaimPoint:
    return ClaimPoint.from_dict(p.to_dict())
