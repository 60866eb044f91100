"""Contradictions across sources: incompatible figures, and denials against claims.

Figures: two points of one claims series from different sides (or, without a side, different
claimants) within ``window_days`` of each other. Each figure allows an interval of values
('at least 12' allows 12 and more, 'about 5,000' 4,500 to 5,500). Counts of losses only grow, so:

- same day, intervals apart: ``contradiction`` (both cannot hold);
- a later figure below an earlier one: ``contradiction`` (a toll does not fall);
- a later figure at least ``growth`` times an earlier one per day between them (values beyond
  each other's bounds): ``discrepancy`` (both can hold only if the count grew that much that fast).

One finding per series and pair of sides: the closest pair in time, the most severe first. A
claimant repeating its own earlier figure (an article restating it) keeps the earlier date. When
the figures do not say whose losses they count, only figures in different articles of one story
are compared (within one article they are most likely counts of different things).

Denials: a REJECT event, or a quote whose cue is a denial word (lexicon ``compare_denial``),
by one side, against the other side's figures in the same story within the window whose
sentence shares a content word with the denial ('Kestria denies shelling Dunmere' against
'Valdoria says 12 killed in Dunmere'), and against ASSAULT events the other side attributes to
the denier. One finding per denial, series and side: the figure sharing most words, then closest.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .. import lexicons
from ..records import Analysis, ClaimPoint, ClaimSeries, Contradiction, Evidence, Party, Span, Story, hash_id
from .claims import build_series, interval, point_date
from .entities import EntityIndex, resolve_entities
from .names import demonym_state, fold_token
from .stories import day_number, group_stories, stem, story_of, terms

_RANK = {"contradiction": 0, "discrepancy": 1}


@functools.cache
def _ignored() -> frozenset[str]:
    return frozenset(stem(w) for w in lexicons.entries("compare_denial")["ignore"])


def about_words(sentence: str, states: Mapping[str, str]) -> set[str]:
    """The words that say what a sentence is about: content words, without reporting words,
    weekdays, states and nationality words (a denial and the claim it answers share one)."""
    out = set()
    for t in terms("", sentence):
        if t in _ignored() or t.startswith("@") or fold_token(t) in states:
            continue
        if demonym_state(t.capitalize(), states):
            continue
        out.add(t)
    return out


@functools.cache
def _denial_cues() -> tuple[str, ...]:
    return tuple(c.lower() for c in lexicons.entries("compare_denial")["cues"])


def is_denial_cue(cue: str | None) -> bool:
    """True when a reporting cue denies or disputes ('denied', 'rejected the claims', 'dismissed')."""
    if not cue:
        return False
    low = " " + cue.lower() + " "
    return any(re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", low) for c in _denial_cues())


def sentence_at(text: str, span: Span, *, limit: int = 240) -> str:
    """The sentence (or line) around a span, trimmed to ``limit`` characters."""
    start = max(text.rfind("\n", 0, span[0]), max(text.rfind(". ", 0, span[0]) + 1, 0))
    start = start + 1 if start > 0 and text[start] in "\n " else start
    ends = [i for i in (text.find("\n", span[1]), text.find(". ", span[1])) if i >= 0]
    end = min(ends) + 1 if ends else len(text)
    s = text[start:end].strip()
    return s if len(s) <= limit else s[: limit - 1] + "\u2026"


@dataclass(slots=True)
class _Denial:
    article_id: str
    kind: str  # 'event' or 'quote'
    index: int
    span: Span
    party: Party
    side: str | None
    claimant: str
    date: str | None


def find_contradictions(
    analyses: Iterable[Analysis],
    *,
    index: EntityIndex | None = None,
    stories: list[Story] | None = None,
    series: list[ClaimSeries] | None = None,
    window_days: int = 3,
    growth: float = 1.5,
) -> list[Contradiction]:
    """Contradictions and discrepancies between sources across the analyses."""
    analyses = list(analyses)
    index = index or resolve_entities(analyses)
    stories = stories if stories is not None else group_stories(analyses, index=index)
    series = series if series is not None else build_series(analyses, index=index, stories=stories)
    texts = {a.article.id: a for a in analyses}
    found = _figure_conflicts(series, texts, window_days, growth)
    found += _denials(analyses, index, story_of(stories), series, texts, window_days)
    found.sort(key=lambda c: (_RANK[c.severity], c.kind, c.left.published or "", c.id))
    return found


def _group(p: ClaimPoint) -> str:
    return p.claimant_side if p.claimant_side and p.claimant_side != "neutral" else f"claimant:{p.claimant}"


def _evidence(p: ClaimPoint, texts: dict[str, Analysis]) -> Evidence:
    art = texts[p.article_id].article
    return Evidence(
        kind="figure",
        article_id=p.article_id,
        index=p.figure,
        span=p.span,
        claimant=p.claimant,
        text=sentence_at(art.text, p.span),
        value=p.value,
        outlet=p.outlet,
        published=p.published,
    )


def _judge(q: ClaimPoint, p: ClaimPoint, growth: float) -> tuple[str, str] | None:
    """Severity and explanation when earlier ``q`` and later-or-same-day ``p`` cannot both hold."""
    lq, hq = interval(q)
    lp, hp = interval(p)
    if lp <= hq and lq <= hp:
        return None
    dq, dp = day_number(point_date(q)), day_number(point_date(p))
    gap = (dp - dq) if dq is not None and dp is not None else 0
    if gap == 0:
        return "contradiction", (
            f"{q.claimant} says {q.value:g} and {p.claimant} says {p.value:g} for the same day"
        )
    if hp < lq:
        return "contradiction", (
            f"{p.claimant} says {p.value:g}, below the {q.value:g} {q.claimant} "
            f"gave {gap} day(s) earlier; a count of losses does not fall"
        )
    if q.value > 0 and p.value / q.value >= growth ** max(gap, 1):
        return "discrepancy", (
            f"{p.claimant} says {p.value:g}, {p.value / q.value:.1f} times the "
            f"{q.value:g} {q.claimant} gave {gap} day(s) earlier"
        )
    return None


def _figure_conflicts(
    series: list[ClaimSeries], texts: dict[str, Analysis], window_days: int, growth: float
) -> list[Contradiction]:
    out: list[Contradiction] = []
    for s in series:
        if len({_group(p) for p in s.points}) < 2:
            continue
        best: dict[tuple[str, str], tuple[tuple, ClaimPoint, ClaimPoint, str, str]] = {}
        recent: dict[str, ClaimPoint] = {}  # each group's latest point so far
        said: set[tuple[str, float, str]] = set()
        for p in s.points:  # already in date order
            stated = (p.claimant, p.value, p.qualifier)
            if stated in said:
                continue  # a restatement keeps the date its claimant first gave it
            said.add(stated)
            dp = day_number(point_date(p))
            for g, q in recent.items():
                if g == _group(p):
                    continue
                dq = day_number(point_date(q))
                gap = (dp - dq) if dp is not None and dq is not None else 0
                if gap > window_days:
                    continue
                if s.party is None and (q.article_id == p.article_id or q.story != p.story):
                    continue  # whose losses unknown: only other articles on the same story compare
                verdict = _judge(q, p, growth)
                if verdict is None:
                    continue
                key = tuple(sorted((g, _group(p))))
                rank = (_RANK[verdict[0]], gap, -(dp or 0))
                if key not in best or rank < best[key][0]:
                    best[key] = (rank, q, p, *verdict)  # type: ignore[assignment]
            recent[_group(p)] = p
        for _rank, q, p, severity, why in best.values():
            out.append(
                Contradiction(
                    id=hash_id("figures", s.id, q.article_id, q.figure, p.article_id, p.figure, prefix="x_"),
                    kind="figures",
                    severity=severity,
                    left=_evidence(q, texts),
                    right=_evidence(p, texts),
                    explanation=f"{s.category} {s.subject} ({s.party or 'party unknown'}): {why}",
                    series=s.id,
                    story=q.story or p.story,
                    reason="incompatible figures in one series",
                )
            )
    return out


def _collect_denials(a: Analysis, index: EntityIndex) -> list[_Denial]:
    aid = a.article.id
    out: list[_Denial] = []
    for i, e in enumerate(a.events):
        if e.type == "REJECT" and e.status != "negated":
            out.append(
                _Denial(
                    aid,
                    "event",
                    i,
                    e.span,
                    e.actor,
                    index.side(aid, e.actor),
                    index.party_name(aid, e.actor),
                    e.date or a.article.published,
                )
            )
    for i, q in enumerate(a.quotes):
        if is_denial_cue(q.cue) and not any(d.span[0] < q.span[1] and q.span[0] < d.span[1] for d in out):
            out.append(
                _Denial(
                    aid,
                    "quote",
                    i,
                    q.span,
                    q.speaker,
                    index.side(aid, q.speaker),
                    index.party_name(aid, q.speaker),
                    a.article.published,
                )
            )
    return [d for d in out if d.side and d.side != "neutral"]


def _denials(
    analyses: list[Analysis],
    index: EntityIndex,
    story: dict[str, str],
    series: list[ClaimSeries],
    texts: dict[str, Analysis],
    window_days: int,
) -> list[Contradiction]:
    by_story: dict[str, list[ClaimPoint]] = defaultdict(list)
    for s in series:
        for p in s.points:
            if p.story and p.claimant_side and p.claimant_side != "neutral":
                by_story[p.story].append(p)
    members: dict[str, list[Analysis]] = defaultdict(list)
    for a in analyses:
        if a.article.id in story:
            members[story[a.article.id]].append(a)
    out: list[Contradiction] = []
    for a in analyses:
        sid = story.get(a.article.id)
        if sid is None:
            continue
        for d in _collect_denials(a, index):
            ev = _denial_evidence(d, texts)
            dd = day_number(d.date)
            denied = about_words(ev.text, index.states)
            picks: dict[tuple[str, str], tuple[tuple[int, int], ClaimPoint]] = {}
            for p in by_story.get(sid, []):
                if p.claimant_side == d.side:
                    continue
                dp = day_number(point_date(p))
                gap = abs(dp - dd) if dp is not None and dd is not None else 0
                if gap > window_days:
                    continue
                shared = denied & about_words(
                    sentence_at(texts[p.article_id].article.text, p.span), index.states
                )
                if not shared:
                    continue  # the denial is about something else in the story
                key = (p.series, p.claimant_side or "")
                rank = (-len(shared), gap)
                if key not in picks or rank < picks[key][0]:
                    picks[key] = (rank, p)
            for (series_id, side), (_rank, p) in sorted(picks.items()):
                out.append(
                    Contradiction(
                        id=hash_id("denial", d.article_id, d.kind, d.index, series_id, side, prefix="x_"),
                        kind="denial",
                        severity="contradiction",
                        left=ev,
                        right=_evidence(p, texts),
                        explanation=f"{d.claimant} ({d.side}) denies what {p.claimant} ({side}) reports: "
                        f"{p.value:g} in the same story",
                        series=series_id,
                        story=sid,
                        reason=f"denial by {d.kind} against the other side's figure",
                    )
                )
            out += _denied_assaults(d, ev, members[sid], index, sid)
    return out


def _denied_assaults(
    d: _Denial, ev: Evidence, same_story: list[Analysis], index: EntityIndex, sid: str
) -> list[Contradiction]:
    """ASSAULT events the other side attributes to the denier, in the same story."""
    out: list[Contradiction] = []
    seen: set[str] = set()
    for b in same_story:
        for i, e in enumerate(b.events):
            if e.type != "ASSAULT" or e.source_quote is None or e.source_quote >= len(b.quotes):
                continue
            speaker = b.quotes[e.source_quote].speaker
            side = index.side(b.article.id, speaker)
            if side in (None, "neutral", d.side) or side in seen:
                continue
            if index.side(b.article.id, e.actor) != d.side:
                continue
            seen.add(side)  # type: ignore[arg-type]
            out.append(
                Contradiction(
                    id=hash_id("denial-event", d.article_id, d.kind, d.index, b.article.id, i, prefix="x_"),
                    kind="denial",
                    severity="contradiction",
                    left=ev,
                    right=Evidence(
                        kind="event",
                        article_id=b.article.id,
                        index=i,
                        span=e.span,
                        claimant=index.party_name(b.article.id, speaker),
                        text=sentence_at(b.article.text, e.span),
                        outlet=b.article.outlet,
                        published=b.article.published,
                    ),
                    explanation=f"{d.claimant} ({d.side}) denies an attack {side} attributes to it",
                    story=sid,
                    reason="denial against the other side's reported attack",
                )
            )
    return out


def _denial_evidence(d: _Denial, texts: dict[str, Analysis]) -> Evidence:
    art = texts[d.article_id].article
    return Evidence(
        kind=d.kind,
        article_id=d.article_id,
        index=d.index,
        span=d.span,  # type: ignore[arg-type]
        claimant=d.claimant,
        text=sentence_at(art.text, d.span),
        outlet=art.outlet,
        published=art.published,
    )


def for_story(found: Iterable[Contradiction], story_id: str, stories: Iterable[Story]) -> list[Contradiction]:
    """The contradictions touching one story (by its id, or an article in it)."""
    members = {aid for s in stories if s.id == story_id for aid in s.articles}
    return [
        c
        for c in found
        if c.story == story_id or c.left.article_id in members or c.right.article_id in members
    ]
