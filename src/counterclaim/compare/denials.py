"""Denials across sources: a party's denial set against the claim it rejects, and nothing else.

A denial is a REJECT event that is not negated, or a quote, whose own words carry a denial cue
(lexicon ``compare_denial``) or negate an act in the party's voice ("our forces did not strike
any settlement"). A cue read the other way round ("a move rejected by the international
community") is no denial of the actor's; "refused to report", "continued its attacks" are none.

What it rejects is read from the words after its cue to the end of the clause, possessors left
out ("a children's hospital": the hospital). It answers a claim of another party in the same
story within the window:

- pointing back ("denied the report", "rejected that charge", "refused to accept it"): the claim
  just before it in its article, or an accusation of the denier about what the lines before the
  denial are about, wherever it is in the story;
- naming whose claim it rejects ("contested the police claim", "the Veshtari figures"): that
  party's claims;
- denying numbers ("called the figures fabricated", "rejected claims that 40 troops died"): the
  other side's figures, the one with the number it names first;
- else the accusation it refers to: an attack event with the denier's side as actor, an
  accusation against it, or a quote naming it as the doer, sharing a word of what is denied (a
  place, a target); a figure only when it counts the victims of the denied act and no
  accusation is found. Next to a denial, a speaker of no known side is most often the denier's
  own (its spokesman), and a denier of no known side answers only claims that name it.

Claims are attack and accusation events (by the source the article gives them), quotes and
figures. Named sources outrank unnamed ones ("officials"), which outrank the outlet's own voice.
One finding per story and pair of parties (sides when known): the best-supported pair.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .. import lexicons
from ..records import Analysis, Contradiction, Evidence, Party, Span, hash_id
from .entities import EntityIndex
from .names import demonym_state, fold_token, tokens
from .stories import day_number, stem, terms

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w])")
_WORD_NUMBERS = lexicons.entries("number_words")


@functools.cache
def _lex() -> dict[str, object]:
    return lexicons.entries("compare_denial")


def _folded(words: Iterable[str]) -> frozenset[str]:
    return frozenset(fold_token(stem(w.lower())) for w in words)


@functools.cache
def _ignored() -> frozenset[str]:
    return _folded(_lex()["ignore"])  # type: ignore[arg-type]


@functools.cache
def _acts() -> frozenset[str]:
    return _folded(_lex()["acts"])  # type: ignore[arg-type]


@functools.cache
def _counts() -> frozenset[str]:
    return _folded(_lex()["counts"])  # type: ignore[arg-type]


@functools.cache
def _anaphora() -> frozenset[str]:
    return frozenset(w.lower() for w in _lex()["anaphora"])  # type: ignore[attr-defined]


@functools.cache
def _cue_re() -> re.Pattern[str]:
    cues = sorted((c.lower() for c in _lex()["cues"]), key=len, reverse=True)  # type: ignore[attr-defined]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(c) for c in cues) + r")(?!\w)", re.I)


@functools.cache
def _negated_act_re() -> re.Pattern[str]:
    negs = sorted((n.strip() for n in _lex()["negations"]), key=len, reverse=True)  # type: ignore[attr-defined]
    acts = sorted(_lex()["acts"], key=len, reverse=True)  # type: ignore[call-overload]
    return re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(n) for n in negs) + r")\s+(?:\w+\s+){0,2}?"
        r"(?:" + "|".join(re.escape(a) for a in acts) + r")(?!\w)",
        re.I,
    )


def is_denial_cue(cue: str | None) -> bool:
    """True when a reporting cue denies or disputes ('denied', 'rejected the claims', 'dismissed')."""
    return bool(cue) and bool(_cue_re().search(cue))  # type: ignore[arg-type]


def denial_at(text: str) -> tuple[int, int] | None:
    """Where ``text`` denies something and where what it rejects begins: after a denial cue not
    read passively ('rejected by ...'), else at a negated act ('did not strike'); None when it
    denies nothing."""
    for m in _cue_re().finditer(text):
        after = text[m.end() : m.end() + 4].lower()
        if any(after.startswith(" " + w + " ") for w in _lex()["passive_after"]):  # type: ignore[attr-defined]
            continue
        return m.start(), m.end()
    m = _negated_act_re().search(text)
    return (m.start(), m.start()) if m else None


_AGENT_REACH = 60  # characters from a side's name to the act it does ('Ossarian artillery pounded')
_BY = re.compile(r"\b(?:by|from)\s+(?:an?\s+|the\s+)?$")
_POSSESSOR = re.compile(r"\b[\w-]+['\u2019]s\b")


@functools.cache
def _act_re() -> re.Pattern[str]:
    acts = sorted(_lex()["acts"], key=len, reverse=True)  # type: ignore[call-overload]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in acts) + r")(?!\w)", re.I)


_NAME = r"[A-Z][\w\u2019'-]+(?:\s+(?:of\s+)?[A-Z][\w\u2019'-]+){0,3}"
_SOURCE = re.compile(
    rf"\b(?:claims?|accusations?|allegations?|reports?)\s+(?:by|from)\s+(?:the\s+)?(?P<a>{_NAME})"
    rf"|(?P<b>{_NAME})['\u2019]s?\s+(?:claims?|accusations?|allegations?)\b"
)
_CLAUSE_END = re.compile(r",|;|\s(?:and|but)\s+(?:\w+\s+){0,2}?(?:said|says|\w+ed)\b|\ssaying\b|\sadding\b")
_POINTER = re.compile(r"^\s*(?:the|that|this|these|those|such|it)\b", re.I)


def sentence_at(text: str, span: Span, *, limit: int = 240) -> str:
    """The sentence (or line) around a span, trimmed to ``limit`` characters."""
    start, end = sentence_bounds(text, span)
    s = text[start:end].strip()
    return s if len(s) <= limit else s[: limit - 1] + "\u2026"


_SENTENCE_END = re.compile(r"[.!?][\"\u201d\u2019')\]]*\s+|\n")


def sentence_bounds(text: str, span: Span) -> tuple[int, int]:
    """Start and end offsets of the sentence (or line) around a span (a quotation mark or bracket
    after the full stop ends it too: 'missiles." Central Command denied')."""
    start = 0
    for m in _SENTENCE_END.finditer(text, max(0, span[0] - 2000), span[0]):
        if m.end() <= span[0]:
            start = m.end()
    m = _SENTENCE_END.search(text, max(span[1] - 1, start))
    end = m.start() + 1 if m else len(text)
    return start, end


def about_words(sentence: str, states: Mapping[str, str]) -> set[str]:
    """The words that say what a sentence is about: content words, without reporting words,
    weekdays, states and nationality words (a denial and the claim it answers share one)."""
    out = set()
    for t in terms("", sentence):
        if t in _ignored() or t.startswith("@") or t in states:
            continue
        if demonym_state(t.capitalize(), states):
            continue
        out.add(t)
    return out


def _numbers(text: str) -> set[float]:
    out = {float(m.group().replace(",", "")) for m in _NUMBER.finditer(text)}
    out |= {
        float(v) for w, v in _WORD_NUMBERS.items() if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, re.I)
    }
    return out


@dataclass(slots=True)
class Denial:
    """One party's denial in one article, and what it rejects."""

    article_id: str
    kind: str  # 'event' or 'quote'
    index: int
    span: Span
    party: Party
    side: str | None
    group: str
    claimant: str
    date: str | None
    start: int  # where its sentence starts
    words: set[str]  # what it rejects
    numbers: set[float]
    names: set[str]  # sides or parties whose claim it names
    pointing: bool  # points back at a claim ('denied the report', 'refused to accept it')
    of_figures: bool
    context: set[str] = field(default_factory=set)  # what the lines before it are about


@dataclass(slots=True)
class Claim:
    """A claim another party could deny: an attack or accusation event, a quote, a figure."""

    article_id: str
    kind: str  # 'event', 'quote' or 'figure'
    index: int
    span: Span
    claimant: str
    side: str | None
    group: str
    rank: int  # 2 a named source, 1 an unnamed one ('officials'), 0 the outlet's own voice
    date: str | None
    start: int
    words: set[str]
    sides: set[str] = field(default_factory=set)  # sides the claim blames
    names: set[str] = field(default_factory=set)  # its words, folded, to find a party it names
    value: float | None = None


def _whole_words(text: str, span: Span) -> tuple[int, int]:
    """A span widened to the words it cuts into."""
    s, e = span
    while s > 0 and (text[s - 1].isalnum() or text[s].isalnum() and text[s - 1] in "'\u2019"):
        s -= 1
    while e < len(text) and text[e].isalnum():
        e += 1
    return s, e


def _the_state(name: str) -> bool:
    """A party name that may stand for its state: not 'Syrian rebels', 'Ukrainian civilians'."""
    words = name.lower().split()
    return not (len(words) > 1 and words[-1] in _lex()["not_the_state"])  # type: ignore[operator]


def _group(side: str | None, name: str) -> str:
    return side if side and side != "neutral" else "party:" + " ".join(fold_token(t) for t in tokens(name))


def _rank(party: Party) -> int:
    if party.kind == "outlet":
        return 0
    return 2 if party.entity_id and any(t[:1].isupper() for t in tokens(party.name)) else 1


class _Reader:
    """Denials and claims of one article, read with the store's entities and sides."""

    def __init__(self, a: Analysis, index: EntityIndex) -> None:
        self.a = a
        self.index = index
        self.text = a.article.text
        self.aid = a.article.id
        self.date = a.article.published

    def _mentions(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """(start, end, side) of each side named between two offsets: its entities' names,
        nationality words."""
        out: list[tuple[int, int, str]] = []
        chunk = self.text[start:end]
        for e in self.a.entities:
            ce = self.index.of(self.aid, e.id)
            side = ce.side if ce is not None else None
            if not side or side == "neutral":
                continue
            for f in {e.name, *e.aliases}:
                if f:
                    out += [
                        (m.start(), m.end(), side)
                        for m in re.finditer(r"(?<!\w)" + re.escape(f) + r"(?!\w)", chunk)
                    ]
        for m in re.finditer(r"\b[A-Z][\w'\u2019-]+", chunk):
            side = self.index.sides.side_of(m.group())
            if side and side != "neutral":
                out.append((m.start(), m.end(), side))
        not_state = _lex()["not_the_state"]

        def the_state(end: int) -> bool:  # 'Syrian rebels' are not Syria
            after = re.match(r"\s+(\w+)", chunk[end:])
            return not (after and after.group(1).lower() in not_state)  # type: ignore[operator]

        return [m for m in out if the_state(m[1])]

    def blamed_in(self, start: int, end: int) -> set[str]:
        """Sides named as the doer of an act between two offsets: before the act ('Ossarian
        artillery pounded', 'Russian missile attacks') or after it ('hit by a Russian missile')."""
        chunk = self.text[start:end]
        acts = [(m.start(), m.end()) for m in _act_re().finditer(chunk)]
        out: set[str] = set()
        for s, e, side in self._mentions(start, end):
            for a0, a1 in acts:
                if 0 <= a0 - e <= _AGENT_REACH or (0 <= s - a1 <= 40 and _BY.search(chunk[a1:s])):
                    out.add(side)
                    break
        return out

    def denials(self) -> list[Denial]:
        out: list[Denial] = []
        for i, e in enumerate(self.a.events):
            if e.type != "REJECT" or e.status in ("negated", "hypothetical"):
                continue
            s0, s1 = _whole_words(self.text, e.span)
            m = denial_at(self.text[s0:s1])
            if m is None:
                continue
            out.append(self._denial("event", i, e.span, e.actor, (s0 + m[0], s0 + m[1]), e.date))
        for i, q in enumerate(self.a.quotes):
            if any(d.span[0] < q.span[1] and q.span[0] < d.span[1] for d in out):
                continue  # the same denial as an event already read
            m = denial_at(self.text[q.span[0] : q.span[1]])
            if m is not None:
                at = (q.span[0] + m[0], q.span[0] + m[1])
            elif is_denial_cue(q.cue):
                c0 = q.content_span[0] if q.content_span else q.span[0]
                at = (c0, c0)
            else:
                continue
            out.append(self._denial("quote", i, q.span, q.speaker, at, None))
        return [d for d in out if d.claimant and d.party.kind != "unknown"]

    def _denial(
        self, kind: str, i: int, span: Span, who: Party, at: tuple[int, int], date: str | None
    ) -> Denial:
        start, end = sentence_bounds(self.text, (at[0], at[1]))
        rejected = self.text[at[1] : end]
        cut = _CLAUSE_END.search(rejected, 1)
        rejected = rejected[: cut.start()] if cut else rejected
        # what is denied, without its possessors ('a children's hospital': the hospital)
        words = about_words(_POSSESSOR.sub(" ", rejected), self.index.states)
        side = self.index.side(self.aid, who)
        name = self.index.party_name(self.aid, who)
        content = {w for w in words if w not in _acts() and w not in _counts()}
        pointer = bool(_POINTER.match(rejected)) and bool(
            {t.lower() for t in re.findall(r"[\w]+", rejected)[:4]} & _anaphora()
        )
        return Denial(
            article_id=self.aid,
            kind=kind,
            index=i,
            span=span,
            party=who,
            side=side,
            group=_group(side, name),
            claimant=name,
            date=date or self.date,
            start=start,
            words=words,
            numbers=_numbers(rejected),
            names=self._named_sources(rejected) - {side or ""},
            pointing=pointer and not content,
            of_figures=bool(words & _counts()) or bool(_numbers(rejected)),
            context=about_words(self.text[max(0, start - 600) : start], self.index.states) - _acts(),
        )

    def _named_sources(self, rejected: str) -> set[str]:
        """Sides and folded name words of whose claim a denial rejects: 'the police claim',
        "Kiev's claims", 'the Veshtari figures', 'claims by Moscow'."""
        words = re.findall(r"[\w\u2019'-]+", rejected)
        out: set[str] = set()
        nat = lexicons.nationality_map()
        for k, w in enumerate(words):
            low = w.lower()
            if low not in _anaphora() and fold_token(stem(low)) not in _counts():
                continue
            near = words[max(0, k - 2) : k]
            if k + 1 < len(words) and words[k + 1].lower() in ("by", "of", "from"):
                near += words[k + 2 : k + 4]
            for n in near:
                n = re.sub(r"['\u2019]s?$", "", n)
                if n.lower() in ("the", "a", "an", "its", "their", "his", "her"):
                    continue
                side = self.index.sides.side_of(nat.get(n.lower(), n))
                out.add(side if side and side != "neutral" else "word:" + fold_token(n))
        return out

    def claims(self, denials: list[Denial]) -> list[Claim]:
        """What others could deny: attack and accusation events, quotes, figures (a denial's own
        quote is none)."""
        out: list[Claim] = []
        a = self.a
        denying = {d.index for d in denials if d.kind == "quote"} | {
            e.source_quote for e in a.events if e.type == "REJECT" and e.source_quote is not None
        }
        for i, e in enumerate(a.events):
            if e.status in ("negated", "hypothetical"):
                continue
            if e.type in ("ASSAULT", "COERCE"):
                blamed = e.actor
                if e.source_quote is not None and e.source_quote < len(a.quotes):
                    who = a.quotes[e.source_quote].speaker
                else:
                    who = self._source_named(e.span) or Party.outlet(a.article.outlet)
            elif e.type == "ACCUSE" and e.target is not None:
                blamed, who = e.target, e.actor
            else:
                continue
            side = self.index.side(self.aid, blamed) if _the_state(blamed.name) else None
            c = self._claim("event", i, e.span, who, e.date)
            if side and side != "neutral":
                c.sides.add(side)
            out.append(c)
        for i, q in enumerate(a.quotes):
            if i in denying or is_denial_cue(q.cue):
                continue  # a denial is not a claim to deny
            out.append(self._claim("quote", i, q.span, q.speaker, None, own=q.text))
        for i, f in enumerate(a.figures):
            c = self._claim("figure", i, f.span, f.claimant, f.as_of)
            c.value = f.value
            out.append(c)
        return [c for c in out if c.claimant and c.claimant != "unknown"]

    def _source_named(self, span: Span) -> Party | None:
        """The party an outlet's sentence gives as the source of what it reports ('claims by
        Kiev that 18 civilians were killed', "Moscow's claim that"), else None."""
        start, end = sentence_bounds(self.text, span)
        m = _SOURCE.search(self.text[start:end])
        if m is None:
            return None
        return Party(name=m.group("a") or m.group("b"), kind="source", resolved_via="name")

    def _claim(
        self, kind: str, i: int, span: Span, who: Party, date: str | None, own: str | None = None
    ) -> Claim:
        start, end = sentence_bounds(self.text, (span[0], span[0] + 1))
        said = own if own is not None else self.text[start:end]
        side = self.index.side(self.aid, who) if who.kind != "outlet" else None
        name = who.name if who.kind == "outlet" else self.index.party_name(self.aid, who)
        return Claim(
            article_id=self.aid,
            kind=kind,
            index=i,
            span=span,
            claimant=name,
            side=side,
            group=_group(side, name),
            rank=_rank(who),
            date=self.date if kind != "figure" else (self.date or date),
            start=start,
            words=about_words(said, self.index.states),
            names={"word:" + fold_token(t) for t in tokens(said)},
            sides=self.blamed_in(*(span if own is not None else (start, end))),
        )


def _match(d: Denial, c: Claim) -> tuple | None:
    """How well a claim fits what a denial rejects (higher is better), or None."""
    if c.group == d.group or (c.side and d.side and c.side == d.side):
        return None
    if c.article_id == d.article_id and c.start == d.start and not d.pointing:
        return None  # a denial does not answer its own sentence
    kind_pref = {"event": 2, "quote": 1, "figure": 0}[c.kind]
    if d.pointing:  # the claim just before it, or an accusation of the denier anywhere in the story
        before = c.article_id == d.article_id and 0 < d.start - c.start <= 600
        # an accusation elsewhere must be about what the lines before the denial are about
        blames = d.side is not None and d.side in c.sides and bool(d.context & c.words)
        if not (blames or before):
            return None
        return (3, c.rank, int(blames), -(d.start - c.start) if before else -(10**6), kind_pref)
    named = (c.side is not None and c.side in d.names) or bool(
        {"word:" + fold_token(t) for t in tokens(c.claimant)} & d.names
    )
    if d.of_figures and c.kind == "figure":
        if c.value in d.numbers:
            return (3, c.rank, 2, 0, kind_pref)
        if named or (d.words - _counts()) & c.words:
            return (2, c.rank, 1, 0, kind_pref)
        return None
    shared = d.words & c.words
    things = shared - _acts()
    if named and (things or c.article_id == d.article_id):
        near = -abs(d.start - c.start) if c.article_id == d.article_id else -(10**6)
        blames = d.side is not None and d.side in c.sides
        return (2, c.rank, len(things) + blames, near, kind_pref)
    if d.side is None and not {"word:" + fold_token(t) for t in tokens(d.claimant)} <= c.names:
        return None  # a denier of no known side answers only claims that name it
    if c.article_id == d.article_id and not c.side:
        return None  # next to a denial, a speaker of no known side is most often the denier's own
    if not things:
        return None
    blames = d.side is not None and d.side in c.sides
    if c.kind != "figure" and not blames:
        return None  # an account answers a denial only when it blames the denier
    if c.kind == "figure" and not (shared & _acts()):
        return None  # a figure answers a denial only when it counts the victims of the denied act
    return (1, c.rank, len(things) + bool(shared & _acts()) + blames, 0, kind_pref)


def find_denials(
    analyses: list[Analysis],
    index: EntityIndex,
    story: dict[str, str],
    *,
    window_days: int = 3,
) -> list[Contradiction]:
    """Each denial against the claim it rejects; one finding per story and pair of parties."""
    texts = {a.article.id: a for a in analyses}
    denials: dict[str, list[Denial]] = defaultdict(list)
    claims: dict[str, list[Claim]] = defaultdict(list)
    for a in analyses:
        sid = story.get(a.article.id)
        if sid is None:
            continue
        reader = _Reader(a, index)
        mine = reader.denials()
        denials[sid] += mine
        claims[sid] += reader.claims(mine)
    best: dict[tuple[str, frozenset[str]], tuple[tuple, Denial, Claim]] = {}
    for sid, ds in denials.items():
        for d in ds:
            dd = day_number(d.date)
            scored = []
            for c in claims[sid]:
                dc = day_number(c.date)
                if dd is not None and dc is not None and abs(dd - dc) > window_days:
                    continue
                fit = _match(d, c)
                if fit is not None:  # then the claim closest in time (an undated one last)
                    scored.append(((*fit, -abs(dd - dc) if dd is not None and dc is not None else -99), c))
            if not scored:
                continue
            top_rank = max(fit[1] for fit, _ in scored)  # named sources before unnamed, the outlet last
            if d.pointing:  # it answers one claim: the best placed
                scored = [max(scored, key=lambda fc: fc[0])]
            elif not d.of_figures and any(c.kind != "figure" for _, c in scored):
                scored = [(f, c) for f, c in scored if c.kind != "figure"]  # the accusation, not its toll
            for fit, c in scored:
                if fit[1] < top_rank:
                    continue
                other = c.group if d.side is None or c.side else "*unsided*"
                key = (sid, frozenset((d.group, other)))
                if key not in best or fit > best[key][0]:
                    best[key] = (fit, d, c)
    out = [_contradiction(d, c, texts, sid) for (sid, _), (_, d, c) in best.items()]
    out.sort(key=lambda x: x.id)
    return out


def _contradiction(d: Denial, c: Claim, texts: dict[str, Analysis], sid: str) -> Contradiction:
    left = _evidence(d.kind, d.article_id, d.index, d.span, d.claimant, texts)
    right = _evidence(c.kind, c.article_id, c.index, c.span, c.claimant, texts, value=c.value)
    who = f"{d.claimant} ({d.side})" if d.side else d.claimant
    whom = f"{c.claimant} ({c.side})" if c.side else c.claimant
    if c.kind == "event":
        what = f"what {whom} accuses it of"
    elif c.kind == "figure":
        what = f"the {c.value:g} {whom} reports"
    else:
        what = f"what {whom} says"
    return Contradiction(
        id=hash_id("denial", d.article_id, d.kind, d.index, c.article_id, c.kind, c.index, prefix="x_"),
        kind="denial",
        severity="contradiction",
        left=left,
        right=right,
        explanation=f"{who} denies {what}: '{right.text[:120]}'",
        story=sid,
        reason=f"denial by {d.kind} against the {c.kind} it rejects",
    )


def _evidence(
    kind: str,
    aid: str,
    i: int,
    span: Span,
    claimant: str,
    texts: dict[str, Analysis],
    *,
    value: float | None = None,
) -> Evidence:
    art = texts[aid].article
    return Evidence(
        kind=kind,  # type: ignore[arg-type]
        article_id=aid,
        index=i,
        span=span,
        claimant=claimant,
        text=sentence_at(art.text, span),
        value=value,
        outlet=art.outlet,
        published=art.published,
    )
