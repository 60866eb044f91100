"""Inconsistencies between figures within one article.

Two figures are compared when they count the same thing: the same category, subjects of the same
kind (``lexicons/figure_subjects.yaml``: troops ~ soldiers, houses ~ homes) and the same party (a
figure whose party is unknown is compared with any). They are inconsistent when their values
differ. Each value is read as an interval from its qualifier (63 -> [63, 63]; "at least 60" ->
[60, inf); "between 20 and 30" -> [20, 30]; "about 1,200" -> +-10%):

- a *contradiction* when the intervals are disjoint and both figures refer to the same date and
  neither revises the other (9 fighters killed against more than 300);
- a *discrepancy* otherwise: the intervals overlap (63 against "at least 60"), or the figures are
  dated differently or one is a revised count ("rose to 459, up from 420").

Figures in one sentence are compared only when one revises the other or two claimants set their
counts against each other ("412 destroyed, a fraction of the 1,900 claimed by X").
"""

from __future__ import annotations

import math
import re
from functools import cache

from .. import lexicons
from ..records import Figure, Inconsistency
from .figures import LOSS_TAG, PART_TAG, UPDATE_TAG

_ABOUT = 0.1  # "about 1,200" spans 1,080 to 1,320
_PHRASE = {
    "exact": "{v}",
    "at_least": "at least {v}",
    "more_than": "more than {v}",
    "at_most": "at most {v}",
    "fewer_than": "fewer than {v}",
    "about": "about {v}",
}


@cache
def _groups() -> dict[str, str]:
    groups = lexicons.entries("figure_subjects")["groups"]
    return {w.lower(): g for g, words in groups.items() for w in words}


@cache
def _demonyms() -> dict[str, str]:
    return {k: v.lower() for k, v in lexicons.nationality_map().items()}


def _lookup(subject: str, table: dict[str, str]) -> str | None:
    """The table's entry for a subject: its last two words, else its last word or that word's
    singular ('troops', 'militias', 'bus')."""
    words = re.findall(r"[\w-]+", subject.lower())
    if not words:
        return None
    phrase = " ".join(words[-2:])
    if phrase in table:
        return table[phrase]
    last = words[-1]
    for cand in (last, re.sub(r"ies$", "y", last), re.sub(r"es$", "", last), re.sub(r"s$", "", last)):
        if cand in table:
            return table[cand]
    return None


def _kind(subject: str) -> str:
    """The kind of thing a subject names: its last word's group, or the word itself."""
    words = re.findall(r"[\w-]+", subject.lower())
    if not words:
        return "people"
    group = _lookup(subject, _groups())
    if group is not None:
        return group
    last = words[-1]
    if last in _demonyms() or re.sub(r"s$", "", last) in _demonyms():
        return "people"  # "Palestinians", "Syrians"
    return last


@cache
def _military_sides() -> dict[str, str]:
    sides = lexicons.entries("figure_subjects")["military_sides"]
    return {w.lower(): side for side, words in sides.items() for w in words}


def _military_side(subject: str) -> str | None:
    """'state' for soldiers and troops, 'armed' for militants and terrorists, else None."""
    return _lookup(subject, _military_sides())


def _side(party: str | None) -> str | None:
    if not party:
        return None
    p = re.sub(r"^the\s+", "", party.strip().lower())
    p = re.sub(r"['\u2019]s$", "", p)
    return _demonyms().get(p, p)


def _interval(f: Figure) -> tuple[float, float]:
    v = f.value
    q = f.qualifier
    if q == "range":
        return (f.low if f.low is not None else v, f.high if f.high is not None else v)
    if q == "at_least":
        return (v, math.inf)
    if q == "more_than":
        return (math.nextafter(v, math.inf), math.inf)
    if q == "at_most":
        return (0.0, v)
    if q == "fewer_than":
        return (0.0, math.nextafter(v, 0.0))
    if q == "about":
        return (v * (1 - _ABOUT), v * (1 + _ABOUT))
    return (v, v)


def _show(f: Figure) -> str:
    v = f"{f.value:,.0f}" if f.value == int(f.value) else f"{f.value:,}"
    if f.qualifier == "range":
        lo = f"{f.low:,.0f}" if f.low is not None else v
        hi = f"{f.high:,.0f}" if f.high is not None else v
        return f"between {lo} and {hi}"
    return _PHRASE.get(f.qualifier, "{v}").format(v=v)


def _statement(f: Figure) -> str:
    return f"{f.claimant.name} says {_show(f)} {f.subject} {f.category}" + (
        f" (as of {f.as_of})" if f.as_of else ""
    )


def _claimant_side(f: Figure) -> str | None:
    """The side a claimant speaks for, read off its name: "Ukraine's air force" -> ukraine."""
    words = f.claimant.name.split()
    dem = _demonyms()
    for w in words:
        base = re.sub(r"['’]s$", "", w)
        if base != w:
            return _side(base)
        if w.lower() in dem:
            return dem[w.lower()]
    return None


_SAME_KIND = {frozenset({"people", "civilians"})}  # tolls of "people" and of "civilians" are compared


_PRONOUNS = {"them", "those", "whom", "they", "these", "which"}


def _kinds_match(a: Figure, b: Figure) -> bool:
    if a.subject.lower() in _PRONOUNS or b.subject.lower() in _PRONOUNS:
        return False  # "11 of them": a part of some count, not a count of its own
    ka, kb = _kind(a.subject), _kind(b.subject)
    ma, mb = _military_side(a.subject), _military_side(b.subject)
    if ma and mb and ma != mb:
        return False  # '5 soldiers killed' and '13 militants killed': two sides' losses
    return ka == kb or frozenset({ka, kb}) in _SAME_KIND


_SCALE = 10.0  # counts further apart than this factor are taken to have different scopes


def _same_scale(a: Figure, b: Figure) -> bool:
    lo, hi = sorted((max(a.value, 1.0), max(b.value, 1.0)))
    return hi / lo < _SCALE


def _categories_match(a: Figure, b: Figure) -> bool:
    """The same category; people "lost" may be the dead alone, so they meet a death toll too."""
    if a.category == b.category:
        return True
    if {a.category, b.category} == {"killed", "casualties"} and a.party and b.party:
        lost = a if a.category == "casualties" else b
        return f"({LOSS_TAG})" in lost.reason
    return False


def _part_of(a: Figure, b: Figure) -> bool:
    """'including 10 civilians': a part of the count before it is not another count of it."""
    return "part of the count before it" in b.reason and a.span[0] < b.span[0] and b.span[0] - a.span[1] < 200


def _same_sentence(a: Figure, b: Figure) -> bool:
    """Figures in one sentence count different groups unless one revises the other."""
    return a.sentence is not None and a.sentence == b.sentence


def comparable(a: Figure, b: Figure) -> bool:
    """Whether two figures count the same thing for the same party.

    A figure with no party is compared with one whose party is known unless that party is its
    own claimant's side (a side reporting what it destroyed counts the other side's losses); two
    figures with no party are compared when less than ``_SCALE`` times apart (further apart, they
    are taken to count different scopes) and they come from the same claimant, or from two
    claimants in different sentences; parts of a count ("four of the
    dead") and people "lost" (killed, or killed and wounded) are handled as their tags say.
    """
    if not _categories_match(a, b) or not _kinds_match(a, b) or _part_of(a, b) or _part_of(b, a):
        return False
    if f"({PART_TAG})" in a.reason or f"({PART_TAG})" in b.reason:
        return False  # "four of the dead": a part of a count, not a count of its own
    sa, sb = _side(a.party), _side(b.party)
    if sa is not None and sb is not None:
        return sa == sb
    if sa is None and sb is None:
        # no side named on either: one source's running count, or two sources' counts of the
        # article's own event, but not two counts in one sentence (two groups or two places)
        if a.claimant.name == b.claimant.name:
            # one source's running count, unless an order of magnitude apart: 'about 40 killed'
            # in one attack and '2,000 killed' since the insurgency began count different scopes
            return _same_scale(a, b)
        # two sources, in different sentences, of one order of magnitude (4,000 fled the camp and
        # 1.1 million fled the country count different things)
        return not _same_sentence(a, b) and _same_scale(a, b)
    unknown, known = (a, sb) if sa is None else (b, sa)
    return _claimant_side(unknown) != known


def find(figures: list[Figure]) -> list[Inconsistency]:
    """Pairs of figures counting the same thing for the same party that differ."""
    out: list[Inconsistency] = []
    for i, a in enumerate(figures):
        for j in range(i + 1, len(figures)):
            b = figures[j]
            if not comparable(a, b):
                continue
            if (
                _same_sentence(a, b)
                and UPDATE_TAG not in a.reason + b.reason
                and a.claimant.name == b.claimant.name
            ):
                continue  # "7 militants and 2 police officers were killed": two groups, not two counts
            if a.value == b.value and a.qualifier == b.qualifier and a.high == b.high:
                continue  # the same figure repeated
            (alo, ahi), (blo, bhi) = _interval(a), _interval(b)
            overlap = alo <= bhi and blo <= ahi
            revised = UPDATE_TAG in a.reason or UPDATE_TAG in b.reason
            same_day = a.as_of == b.as_of
            who = "the same source" if a.claimant.name == b.claimant.name else "different sources"
            if overlap:
                severity = "discrepancy"
                why = f"both can hold, but {who} give different numbers"
            elif revised or not same_day:
                severity = "discrepancy"
                why = "one is a revised or running count" if revised else "they refer to different dates"
            else:
                severity = "contradiction"
                why = f"they cannot both be true for the same day ({who})"
            out.append(
                Inconsistency(
                    figures=[i, j],
                    severity=severity,  # type: ignore[arg-type]
                    explanation=f"{_statement(a)}; {_statement(b)}: {why}.",
                    reason=f"same category '{a.category}', subject kind '{_kind(a.subject)}' and party; "
                    + ("overlapping values" if overlap else "disjoint values"),
                )
            )
    return out


__all__ = ["comparable", "find"]
