"""Contradictions across sources: incompatible counts of one thing, and denials against the claim
they reject (``compare/denials.py``).

Figures: two counts compare only when they count the same thing at the same place and time by
different claimants: the same category, the same count (lexicon ``compare_counts``: '38 people'
and '42 dead' count one thing, '4 children' does not), the same party or one of them unsaid, the
same story (the happening), no different places named in their sentences, neither a part of a
count ('including four children', '11 of them children') nor a replaced value ('down from
1,400'), and not two numbers of one sentence unless each sits in its own quote. The day of a
count is the day it was given (its article's date), or the as-of day both share. Each figure
allows an interval of values ('at least 12' allows 12 and more, 'about 5,000' 4,500 to 5,500).
Then:

- claimants who are not adversaries (one side, or no known side) whose counts lie more than
  ``max_ratio`` apart count different scopes (a hospital's dead and a country's): no finding;
- given on the same day, intervals apart: ``contradiction`` (both cannot hold);
- across days only between claimants not on one side (a neutral or unplaced monitor against a
  side, or two sides): a later figure below an earlier one is a ``contradiction`` (a toll does
  not fall); one at least ``growth`` times the earlier per day between them is a
  ``discrepancy`` (both can hold only if the count grew that fast). One side's counts over
  days, or two unplaced claimants', are updates;
- a count of some kind of person above another source's count of everyone for the same day and
  party ('14 officers killed' against 'the death toll was 13') is a ``contradiction``.

One finding per story, count and pair of adversaries' sides, or of other claimants
(claimants naming one body, 'Amnesty International' and 'officials from Amnesty International',
are one): the most severe, closest in time. A claimant repeating its own earlier figure keeps the
earlier date.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .. import lexicons
from ..records import Analysis, ClaimPoint, ClaimSeries, Contradiction, Evidence, Story, hash_id
from .claims import build_series, interval, point_date
from .denials import about_words, find_denials, is_denial_cue, sentence_at, sentence_bounds
from .entities import EntityIndex, resolve_entities
from .names import fold_token, singular, tokens
from .stories import day_number, group_stories, story_of

__all__ = ["about_words", "find_contradictions", "for_story", "is_denial_cue", "sentence_at"]

_RANK = {"contradiction": 0, "discrepancy": 1}


@dataclass(frozen=True, slots=True)
class _CountLex:
    same: dict[str, str]  # word -> the count it names
    part: re.Pattern[str]  # a part of a count just given
    earlier: re.Pattern[str]  # a value since replaced
    part_after: re.Pattern[str]  # a part of a count, said after the number
    max_ratio: float
    whole: frozenset[str]  # words counting every person
    toll: re.Pattern[str]
    subjects: frozenset[str]  # every subject word figures know
    human: frozenset[str]  # counts of some kind of person


def _ending(phrases: list[str], reach: int) -> re.Pattern[str]:
    """One of the phrases, then at most ``reach`` characters of the same clause, at the end."""
    alts = "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)[^.;:]{{0,{reach}}}$", re.I)


@functools.cache
def _counts() -> _CountLex:
    lex = lexicons.entries("compare_counts")
    subj = lexicons.entries("figure_subjects")["groups"]
    same = {w.lower(): key for key, words in lex["same"].items() for w in words}
    cues = lex["part_cues"]
    human = {singular(w) for g in ("military", "civilians", "children", "women") for w in subj[g]}
    return _CountLex(
        same=same,
        part=_ending(cues, 60),
        earlier=_ending(lex["earlier_cues"], 12),
        part_after=re.compile(
            r"^(?:\s+[\w-]+)?\s+(?:"
            + "|".join(re.escape(p) for p in lex["part_after"])
            + r"|of\s+the\s+\d[\d,]*)(?!\w)",
            re.I,
        ),
        max_ratio=float(lex["max_ratio"]),
        whole=frozenset(lex["whole"]),
        toll=re.compile(r"(?<!\w)(?:" + "|".join(re.escape(t) for t in lex["toll"]) + r")(?!\w)", re.I),
        subjects=frozenset(singular(w) for ws in subj.values() for w in ws) | frozenset(same),
        human=frozenset(human) | frozenset(k for k in lex["same"] if k != "people"),
    )


def count_key(subject: str, sentence: str = "") -> tuple[str, bool]:
    """What a figure counts, for comparing, and whether it counts every person: 'Ukrainian
    servicemen' -> ('soldiers', False), '85 deaths' -> ('people', True), '4 children' -> ('child',
    False); a subject that is no count noun in a sentence about the toll counts every person."""
    lex = _counts()
    words = [w.lower() for w in tokens(subject)]
    for w in reversed(words):
        for form in (w, singular(w)):
            if form in lex.same:
                return lex.same[form], form in lex.whole
    head = singular(words[-1]) if words else ""
    if head not in lex.subjects and lex.toll.search(sentence):
        return "people", True  # 'the death toll was in fact 13'
    return head or "unspecified", False


def is_part(text: str, start: int, end: int | None = None) -> bool:
    """A number given as a part of a count ('including four children', '11 of them children',
    '41 of the 44 drones'), or as a value since replaced ('revised the toll down from 1,400')."""
    lex = _counts()
    line_start = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start))
    before = text[line_start + 1 : start]
    after = text[end : end + 40] if end is not None else ""
    return bool(lex.part.search(before) or lex.earlier.search(before) or lex.part_after.match(after))


def body_key(name: str) -> frozenset[str]:
    """The capitalised words of a claimant's name, folded, nationality words as their state:
    who speaks, whatever the role words ('Azerbaijani authorities' -> {'azerbaijan'})."""
    nat = lexicons.nationality_map()
    return frozenset(
        fold_token(nat.get(t.lower(), t)) for t in tokens(name) if t[:1].isupper() and len(t) > 1
    )


def same_body(a: str, b: str) -> bool:
    """Claimants naming one body: 'Amnesty International' and 'officials from Amnesty International'."""
    if a == b:
        return True
    ka, kb = body_key(a), body_key(b)
    return bool(ka and kb) and (ka <= kb or kb <= ka or len(ka & kb) >= 2)


@dataclass(slots=True)
class _Point:
    p: ClaimPoint
    key: str  # what it counts
    party: str | None
    whole: bool = False  # it counts every person
    places: frozenset[str] = frozenset()  # places below a state its sentence names


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
    found = _figure_conflicts(series, texts, story_of(stories), window_days, growth, index)
    found += find_denials(analyses, index, story_of(stories), window_days=window_days)
    found.sort(key=lambda c: (_RANK[c.severity], c.kind, c.left.published or "", c.id))
    return found


def _adversaries(a: _Point, b: _Point) -> bool:
    sa, sb = a.p.claimant_side, b.p.claimant_side
    return bool(sa and sb and "neutral" not in (sa, sb) and sa != sb)


def _apart(a: _Point, b: _Point) -> bool:
    """Claimants not on one side: at least one side known, and not the same (a neutral monitor
    or an unplaced one against a side)."""
    sa, sb = a.p.claimant_side, b.p.claimant_side
    return bool(sa or sb) and sa != sb


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


def _day(p: ClaimPoint) -> int | None:
    """The day a count was given: its article's date (a toll 'of Monday's strikes' said on
    Tuesday is Tuesday's count), else its as-of date."""
    return day_number(p.published or point_date(p))


def _judge(q: _Point, p: _Point, gap: int, growth: float, max_ratio: float) -> tuple[str, str] | None:
    """Severity and explanation when ``q`` and ``p``, given ``gap`` days later, cannot both hold."""
    lq, hq = interval(q.p)
    lp, hp = interval(p.p)
    if lp <= hq and lq <= hp:
        return None
    a, b = q.p, p.p
    low, high = sorted((a.value, b.value))
    if not _adversaries(q, p) and (low == 0 or high / low > max_ratio):
        return None  # not adversaries, far apart: counts of different scopes
    if gap == 0:
        return (
            "contradiction",
            f"{a.claimant} says {a.value:g} and {b.claimant} says {b.value:g} for the same day",
        )
    if not _apart(q, p):
        return None  # one side's counts over days, or unplaced claimants': updates
    if hp < lq:
        return "contradiction", (
            f"{b.claimant} says {b.value:g}, below the {a.value:g} {a.claimant} "
            f"gave {gap} day(s) earlier; a count of losses does not fall"
        )
    if a.value > 0 and b.value / a.value >= growth ** max(gap, 1):
        return "discrepancy", (
            f"{b.claimant} says {b.value:g}, {b.value / a.value:.1f} times the "
            f"{a.value:g} {a.claimant} gave {gap} day(s) earlier"
        )
    return None


def _figure_conflicts(
    series: list[ClaimSeries],
    texts: dict[str, Analysis],
    story: dict[str, str],
    window_days: int,
    growth: float,
    index: EntityIndex,
) -> list[Contradiction]:
    max_ratio = _counts().max_ratio
    places = _Places(texts, index)
    buckets: dict[tuple[str, str, str], list[_Point]] = defaultdict(list)
    for s in series:
        for p in s.points:
            a = texts[p.article_id]
            sid = p.story or story.get(p.article_id)
            if sid is None or not p.claimant or p.claimant == "unknown" or p.figure >= len(a.figures):
                continue
            if is_part(a.article.text, p.span[0], a.figures[p.figure].span[1]):
                continue
            key, whole = count_key(a.figures[p.figure].subject, sentence_at(a.article.text, p.span))
            buckets[(sid, s.category, key)].append(_Point(p, key, s.party, whole, places.of(p)))
    kept = {k: _first_statements(v) for k, v in buckets.items()}
    out: list[Contradiction] = []
    for (sid, category, key), points in kept.items():
        best: dict[frozenset[str], tuple[tuple, _Point, _Point, str, str]] = {}
        for j, p in enumerate(points):
            for q in points[:j]:
                gap = _comparable(q, p, texts, window_days)
                verdict = None if gap is None else _judge(q, p, gap, growth, max_ratio)
                if verdict is not None:
                    _keep(
                        best, _pair(q, p, points), (_RANK[verdict[0]], gap, -(_day(p.p) or 0)), q, p, verdict
                    )
        out += [
            _finding(sid, f"{category} {key}", q, p, sev, why, texts) for _r, q, p, sev, why in best.values()
        ]
    out += _parts_over_wholes(kept, texts)
    return out


class _Places:
    """The places below a state that the sentence of a figure names (towns, regions, facilities,
    capitals too: '10 killed in Kyiv'), as folded names that match across spellings."""

    def __init__(self, texts: dict[str, Analysis], index: EntityIndex) -> None:
        self.texts = texts
        self.index = index
        self.states = {fold_token(n) for n in [*lexicons.entries("countries"), *index.sides.names()]}

    def of(self, p: ClaimPoint) -> frozenset[str]:
        a = self.texts[p.article_id]
        start, end = sentence_bounds(a.article.text, (p.span[0], p.span[0] + 1))
        sentence = a.article.text[start:end]
        out: set[str] = set()
        for e in a.entities:
            if e.type not in ("GPE", "LOC", "FAC"):
                continue
            forms = {e.name, *e.aliases}
            keys = {" ".join(fold_token(t) for t in tokens(f)) for f in forms}
            if keys & self.states:
                continue  # a state is no place of its own here (its capital is)
            if any(start <= m0 < end for m0, _ in e.mentions) or any(
                re.search(r"(?<!\w)" + re.escape(f) + r"(?!\w)", sentence) for f in forms if f
            ):
                out |= keys
        return frozenset(out)


def _first_statements(points: list[_Point]) -> list[_Point]:
    """Points in date order, a claimant's restatement of its own figure left out (it keeps the
    date first given)."""
    points.sort(key=lambda x: (_day(x.p) or 0, x.p.published or "", x.p.article_id, x.p.figure))
    said: set[tuple[str, float, str]] = set()
    kept: list[_Point] = []
    for x in points:
        stated = (x.p.claimant, x.p.value, x.p.qualifier)
        if stated not in said:
            said.add(stated)
            kept.append(x)
    return kept


def _comparable(q: _Point, p: _Point, texts: dict[str, Analysis], window_days: int) -> int | None:
    """Days from ``q`` to ``p`` when two counts may be set against each other, else None."""
    if same_body(q.p.claimant, p.p.claimant) or _one_sentence(q.p, p.p, texts):
        return None
    if q.party and p.party and q.party != p.party:
        return None  # whose losses differ
    if q.places and p.places and not q.places & p.places:
        return None  # counts for different places ('over the Kyiv region', 'over Belgorod')
    if q.p.as_of and q.p.as_of == p.p.as_of:
        return 0  # two counts as of one day, whenever they were published
    dq, dp = _day(q.p), _day(p.p)
    if dq is None or dp is None or not 0 <= dp - dq <= window_days:
        return None
    return dp - dq


def _pair(q: _Point, p: _Point, points: list[_Point]) -> frozenset[str]:
    """One finding per pair of adversaries' sides, or of other claimants."""
    if _adversaries(q, p):
        return frozenset((q.p.claimant_side or "", p.p.claimant_side or ""))
    return frozenset((_pair_name(q, points), _pair_name(p, points)))


def _keep(
    best: dict, pair: frozenset[str], rank: tuple, q: _Point, p: _Point, verdict: tuple[str, str]
) -> None:
    if pair not in best or rank < best[pair][0]:
        best[pair] = (rank, q, p, *verdict)


def _parts_over_wholes(
    kept: dict[tuple[str, str, str], list[_Point]], texts: dict[str, Analysis]
) -> list[Contradiction]:
    """A count of some kind of person above another source's count of everyone, for the same
    story, category and day ('14 officers killed' against 'the death toll was 13')."""
    lex = _counts()
    out: list[Contradiction] = []
    for (sid, category, key), parts in kept.items():
        if key not in lex.human or key == "people":
            continue
        wholes = [w for w in kept.get((sid, category, "people"), []) if w.whole]
        best: dict[frozenset[str], tuple[tuple, _Point, _Point, str, str]] = {}
        for part in parts:
            for w in wholes:
                if part.party != w.party:
                    continue  # the whole must count the same party's people, or both say none
                if _comparable(w, part, texts, 0) is None and _comparable(part, w, texts, 0) is None:
                    continue
                if interval(part.p)[0] <= interval(w.p)[1]:
                    continue
                low, high = sorted((part.p.value, w.p.value))
                if not _adversaries(part, w) and (low == 0 or high / low > lex.max_ratio):
                    continue
                why = (
                    f"{part.p.claimant} says {part.p.value:g} {key}, more than the {w.p.value:g} in all "
                    f"{w.p.claimant} gives for the same day"
                )
                _keep(best, _pair(w, part, [w, part]), (0,), w, part, ("contradiction", why))
        out += [
            _finding(sid, f"{category} {key}", q, p, sev, why, texts) for _r, q, p, sev, why in best.values()
        ]
    return out


def _finding(
    sid: str, what: str, q: _Point, p: _Point, severity: str, why: str, texts: dict[str, Analysis]
) -> Contradiction:
    party = q.party or p.party
    return Contradiction(
        id=hash_id(
            "figures", q.p.series, q.p.article_id, q.p.figure, p.p.article_id, p.p.figure, prefix="x_"
        ),
        kind="figures",
        severity=severity,  # type: ignore[arg-type]
        left=_evidence(q.p, texts),
        right=_evidence(p.p, texts),
        explanation=f"{what} ({party or 'party unknown'}): {why}",
        series=q.p.series if q.p.series == p.p.series else None,
        story=sid,
        reason="incompatible counts of one thing",
    )


def _one_sentence(a: ClaimPoint, b: ClaimPoint, texts: dict[str, Analysis]) -> bool:
    """Two numbers in one sentence count different things ('3 died on the ridge, 400 in the war'),
    unless the sentence gives each in its own quote ('the ministry tweeted 14 had been killed, but
    the state later confirmed 13')."""
    if a.article_id != b.article_id:
        return False
    an = texts[a.article_id]
    text = an.article.text
    if sentence_bounds(text, a.span) != sentence_bounds(text, b.span):
        return False
    qa, qb = an.figures[a.figure].quote, an.figures[b.figure].quote
    return qa is None or qb is None or qa == qb


def _pair_name(x: _Point, points: list[_Point]) -> str:
    """One name for claimants naming one body (the first such claimant's)."""
    return next(y.p.claimant for y in points if same_body(y.p.claimant, x.p.claimant))


def for_story(found: Iterable[Contradiction], story_id: str, stories: Iterable[Story]) -> list[Contradiction]:
    """The contradictions touching one story (by its id, or an article in it)."""
    members = {aid for s in stories if s.id == story_id for aid in s.articles}
    return [
        c
        for c in found
        if c.story == story_id or c.left.article_id in members or c.right.article_id in members
    ]
