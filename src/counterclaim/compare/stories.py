"""Stories: articles about the same happening, grouped by text similarity, shared entities, dates.

Each article becomes a TF-IDF vector over its content words (title words count twice; names
folded so 'Zelenskiy' meets 'Zelensky'); the canonical entities of an ``EntityIndex`` can join as
``@entity`` terms. Two dated articles link when they were published within ``window_days`` of each
other and their cosine similarity reaches ``strong``; or reaches ``threshold`` (``place_threshold``
when both name the same place below a state: a town, a district, a facility) and is within
``ratio`` of each one's best match below ``strong`` (relative nearest neighbours: an article that mentions two
happenings does not chain them together, however many outlets cover each one); never weakly
when their titles name different places. A story is a connected group of links. Articles from
different years never link.

An article without a publication date joins another only on strong evidence of the same
happening: similarity at ``strong`` or above, a place below the level of a state named by both
(a town, a district, a facility) and an actor both name. A story holding such an article says
its dates are uncertain (``Story.date_uncertain``).

Blocking keeps it near n log n instead of all pairs: each article is looked up under its
``top_k`` heaviest terms in date-sorted posting lists, and only articles inside its date window
there are compared. Terms shared by more than ``crowd`` articles
in one window (or by more than ``max_df`` of a store larger than that) are not used for blocking
there (they say nothing about the happening).

TF-IDF was chosen over word-shingle MinHash by measurement on the test corpus (see
benchmarks/bench_compare.py): news about one happening is rewritten, not copied, so shingles
rarely repeat while the distinctive words (places, names) do.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .. import lexicons
from ..records import Analysis, Story, hash_id
from .entities import EntityIndex
from .names import fold_token, known_states
from .sides import name_key
from .unionfind import UnionFind

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'\u2019-]+")
_POSSESSIVE = re.compile(r"['\u2019]s?$")


@dataclass(slots=True)
class _Doc:
    article_id: str
    title: str
    day: int | None  # days since 1970-01-01
    published: str | None
    vec: dict[str, float]
    entities: list[str]
    places: frozenset[str] = frozenset()  # named places below a state: towns, districts, facilities
    actors: frozenset[str] = frozenset()  # named people, organisations, groups
    title_places: frozenset[str] = frozenset()  # those named in the title


def day_number(date: str | None) -> int | None:
    """Days since the epoch for an ISO date ('2031-03-04', '2031-03' -> first of month), else None."""
    if not date:
        return None
    try:
        parts = [int(p) for p in date[:10].split("-")]
        d = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None
    return d.toordinal() - dt.date(1970, 1, 1).toordinal()


def terms(title: str, text: str) -> Counter[str]:
    """Content-word counts of an article, title words counted twice."""
    c: Counter[str] = Counter()
    for weight, part in ((2, title), (1, text)):
        for w in _WORD.findall(part):
            t = _term(w)
            if t:
                c[t] += weight
    return c


@functools.cache
def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (imported on first use: importing spaCy takes most of a
    second, which commands that never compare stories should not pay)."""
    from spacy.lang.en.stop_words import STOP_WORDS  # noqa: PLC0415

    return frozenset(STOP_WORDS)


@functools.lru_cache(maxsize=200_000)
def _term(word: str) -> str | None:
    """The term a word counts as: possessive dropped, stemmed, folded; None for a stop word."""
    low = _POSSESSIVE.sub("", word.lower()).strip("'-")
    if len(low) <= 2 or low in _stop_words():
        return None
    return fold_token(stem(low))


def stem(word: str) -> str:
    """A light stem so 'shelling', 'shelled' and 'shells' meet ('shell')."""
    for suffix in ("ings", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= (3 if suffix == "s" else 4):
            return word[: -len(suffix)]
    return word


def tfidf_vectors(raw: list[Counter[str]]) -> tuple[list[dict[str, float]], Counter[str]]:
    """L2-normalised TF-IDF vectors (sublinear tf, smoothed idf) and the document frequencies."""
    df: Counter[str] = Counter()
    for c in raw:
        df.update(c.keys())
    n = len(raw)
    out = []
    for c in raw:
        v = {t: (1 + math.log(k)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        out.append({t: x / norm for t, x in v.items()})
    return out, df


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b.get(t, 0.0) for t, x in a.items())


def group_stories(
    analyses: Iterable[Analysis],
    *,
    index: EntityIndex | None = None,
    threshold: float = 0.2,
    place_threshold: float = 0.1,
    strong: float = 0.4,
    ratio: float = 0.6,
    window_days: int = 3,
    top_k: int = 12,
    max_df: float = 0.2,
    crowd: int = 200,
    entity_terms: bool = False,
) -> list[Story]:
    """Group articles about the same happening into stories (largest first).

    ``index`` names each story's shared entities; with ``entity_terms`` its canonical entities
    also join the vectors (off by default: measured on the test corpus, shared spokespeople and
    ministries linked different happenings, while the text alone separated them).
    """
    analyses = list(analyses)
    states = _states(analyses, index)
    docs: list[_Doc] = []
    raw: list[Counter[str]] = []
    for a in analyses:
        c = terms(a.article.title, a.article.text)
        ents: list[str] = []
        if index is not None:
            for e in a.entities:
                ce = index.of(a.article.id, e.id)
                if ce is not None and ce.id not in ents:
                    ents.append(ce.id)
                    if entity_terms:
                        c["@" + ce.id] += 1
        raw.append(c)
        places, actors, in_title = _named(a, index, states)
        docs.append(
            _Doc(
                a.article.id,
                a.article.title,
                day_number(a.article.published),
                a.article.published,
                {},
                ents,
                places,
                actors,
                in_title,
            )
        )
    vecs, df = tfidf_vectors(raw)
    for d, v in zip(docs, vecs, strict=True):
        d.vec = v
    sims: dict[tuple[int, int], float] = {}
    top: dict[int, float] = defaultdict(float)  # each article's best weak similarity
    for i, j in _candidates(docs, df, top_k=top_k, max_df=max_df, window_days=window_days, crowd=crowd):
        if not _comparable(docs[i], docs[j], strong):
            continue
        s = cosine(docs[i].vec, docs[j].vec)
        floor = min(threshold, place_threshold) if docs[i].places & docs[j].places else threshold
        if s >= floor and (
            docs[i].day is not None
            and docs[j].day is not None
            or _same_happening(docs[i], docs[j], s, strong)
        ):
            sims[(i, j)] = s
            if s < strong:  # a near copy elsewhere does not raise the bar for weak links
                top[i] = max(top[i], s)
                top[j] = max(top[j], s)
    uf = UnionFind(len(docs))
    link_sims: dict[int, list[float]] = defaultdict(list)
    for (i, j), s in sorted(sims.items()):
        if s >= strong or _weak_link(docs[i], docs[j], s, top[i], top[j], ratio):
            uf.union(i, j)
            link_sims[i].append(s)
    return _stories(docs, uf, link_sims, index)


@functools.cache
def _state_keys() -> frozenset[str]:
    """Folded names of states (and their capitals' other spellings do not matter here)."""
    return frozenset(known_states(lexicons.entries("countries")))


def _states(analyses: list[Analysis], index: EntityIndex | None) -> frozenset[str]:
    """Folded names of states: the lexicon's, the index's, and every place an entity is
    affiliated with (an invented conflict's states are nobody's list)."""
    found = {fold_token(e.affiliation) for a in analyses for e in a.entities if e.affiliation}
    return _state_keys() | frozenset(index.states if index is not None else ()) | frozenset(found)


def _named(
    a: Analysis, index: EntityIndex | None, states: frozenset[str]
) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The article's named places below the level of a state, its named actors, and the places
    its title names, as keys that match across articles (canonical ids with an index, folded
    names without)."""
    places: set[str] = set()
    actors: set[str] = set()
    title: set[str] = set()
    for e in a.entities:
        ce = index.of(a.article.id, e.id) if index is not None else None
        names = [e.name] + ([ce.name] if ce is not None else [])
        key = ce.id if ce is not None else "name:" + name_key(e.name)
        if e.type in ("GPE", "LOC", "FAC"):
            if any(fold_token(n) in states or name_key(n) in states for n in names):
                continue  # a state, or a capital standing for it
            places.add(key)
            if any(_names_in(f, a.article.title) for f in [e.name, *e.aliases]):
                title.add(key)
        elif e.type in ("PERSON", "ORG", "GROUP"):
            actors.add(key)
    return frozenset(places), frozenset(actors), frozenset(title)


def _weak_link(a: _Doc, b: _Doc, s: float, top_a: float, top_b: float, ratio: float) -> bool:
    """A link below ``strong``: close to the best match of both articles, and never between
    articles whose titles name different places (two strikes on two towns, one citing the other)."""
    if a.title_places and b.title_places and not a.title_places & b.title_places:
        return False
    return s >= ratio * top_a and s >= ratio * top_b


def _names_in(name: str, text: str) -> bool:
    """``name`` occurs in ``text`` as whole words."""
    at = text.find(name)
    while at >= 0 and name:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        at = text.find(name, at + 1)
    return False


def _comparable(a: _Doc, b: _Doc, strong: float) -> bool:
    """Articles from different years never tell one happening."""
    if a.published and b.published:
        return a.published[:4] == b.published[:4] or abs((a.day or 0) - (b.day or 0)) <= 3
    return True


def _same_happening(a: _Doc, b: _Doc, s: float, strong: float) -> bool:
    """Strong evidence, for an article without a date: very similar text, a place below a state
    and an actor that both name."""
    return s >= strong and bool(a.places & b.places) and bool(a.actors & b.actors)


def _candidates(
    docs: list[_Doc], df: Counter[str], *, top_k: int, max_df: float, window_days: int, crowd: int
) -> set[tuple[int, int]]:
    """Pairs sharing a distinctive term, published within the window: each article is looked up
    under its ``top_k`` heaviest terms in the date-sorted posting lists of every term.

    A term shared by more than ``crowd`` articles inside one window, or by more than ``max_df``
    of a store larger than that, is too common there to say anything about the happening (and
    would cost a number of pairs growing with its square); below that it is used, however large
    a share of a small store one happening covers."""
    cap = max(crowd, int(max_df * len(docs)))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        for t in d.vec:
            if 1 < df[t] <= cap:
                postings[t].append(i)
    far = 10**9
    days: dict[str, list[int]] = {}
    for t, plist in postings.items():
        plist.sort(key=lambda i: docs[i].day if docs[i].day is not None else -far)
        days[t] = [docs[i].day if docs[i].day is not None else -far for i in plist]
    pairs: set[tuple[int, int]] = set()
    for i, d in enumerate(docs):
        top = sorted((t for t in d.vec if t in postings), key=lambda t: (-d.vec[t], t))[:top_k]
        for t in top:
            plist = postings[t]
            if d.day is None:
                near = plist if len(plist) <= crowd else []
            else:
                lo = bisect.bisect_left(days[t], d.day - window_days)
                hi = bisect.bisect_right(days[t], d.day + window_days)
                undated = bisect.bisect_right(days[t], -far)
                near = plist[lo:hi] if hi - lo <= crowd else []
                near = [*near, *plist[:undated]] if undated <= crowd else near
            for j in near:
                if j != i:
                    pairs.add((min(i, j), max(i, j)))
    return pairs


def _stories(
    docs: list[_Doc], uf: UnionFind, link_sims: dict[int, list[float]], index: EntityIndex | None
) -> list[Story]:
    out = []
    for _root, members in uf.groups().items():
        ms = sorted(members, key=lambda i: (docs[i].published or "9999", docs[i].article_id))
        sims = [s for i in members for s in link_sims.get(i, [])]
        ents: Counter[str] = Counter(e for i in members for e in docs[i].entities)
        shared = [cid for cid, k in ents.most_common() if k * 2 >= len(members)]
        names = [index.get(c).name for c in shared[:6] if index and index.get(c)]  # type: ignore[union-attr]
        dates = [docs[i].published for i in members if docs[i].published]
        undated = sum(1 for i in members if not docs[i].published)
        first = docs[ms[0]]
        out.append(
            Story(
                id=hash_id(first.article_id, prefix="s_"),
                articles=[docs[i].article_id for i in ms],
                title=first.title,
                start=min(dates) if dates else None,
                end=max(dates) if dates else None,
                entities=names,
                cohesion=round(sum(sims) / len(sims), 3) if sims else 1.0,
                date_uncertain=undated > 0,
                reason=_reason(len(ms), undated),
            )
        )
    out.sort(key=lambda s: (-len(s.articles), s.start or "", s.id))
    return out


def _reason(n: int, undated: int) -> str:
    if n == 1:
        return "no similar article"
    if undated:
        return (
            f"tf-idf cosine within a date window; {undated} article(s) without a date joined "
            "on the same place, actor and very similar text"
        )
    return "tf-idf cosine within a date window"


def story_of(stories: Iterable[Story]) -> dict[str, str]:
    """Article id -> story id."""
    return {aid: s.id for s in stories for aid in s.articles}
