"""Stories: articles about the same happening, grouped by text similarity, shared entities, dates.

Each article becomes a TF-IDF vector over its content words (title words count twice); the
canonical entities of an ``EntityIndex`` can join as ``@entity`` terms. Two articles link
when they were published within ``window_days`` of each other and their cosine similarity
reaches ``strong``, or reaches ``threshold`` and each is among the other's ``neighbours``
closest articles (mutual nearest neighbours: one article that mentions two happenings does not
chain them together); a story is a connected group of links.

Blocking keeps it near n log n instead of all pairs: each article is indexed under its ``top_k``
heaviest terms, each posting list is sorted by date, and only articles inside the date window
of one another in some posting list are compared. Terms in more than ``max_df`` of the articles
are never used for blocking (they say nothing about the happening).

TF-IDF was chosen over word-shingle MinHash by measurement on the test corpus (see
benchmarks/bench_compare.py): news about one happening is rewritten, not copied, so shingles
rarely repeat while the distinctive words (places, names) do.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..records import Analysis, Story, hash_id
from .entities import EntityIndex
from .unionfind import UnionFind

_WORD = re.compile(r"[A-Za-z\u00C0-\u024F][A-Za-z\u00C0-\u024F'-]+")


@dataclass(slots=True)
class _Doc:
    article_id: str
    title: str
    day: int | None  # days since 1970-01-01
    published: str | None
    vec: dict[str, float]
    entities: list[str]


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
            low = w.lower().strip("'-")
            if len(low) > 2 and low not in STOP_WORDS:
                c[stem(low)] += weight
    return c


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
    strong: float = 0.4,
    neighbours: int = 3,
    window_days: int = 3,
    top_k: int = 12,
    max_df: float = 0.2,
    entity_terms: bool = False,
) -> list[Story]:
    """Group articles about the same happening into stories (largest first).

    ``index`` names each story's shared entities; with ``entity_terms`` its canonical entities
    also join the vectors (off by default: measured on the test corpus, shared spokespeople and
    ministries linked different happenings, while the text alone separated them).
    """
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
        docs.append(
            _Doc(
                a.article.id, a.article.title, day_number(a.article.published), a.article.published, {}, ents
            )
        )
    vecs, df = tfidf_vectors(raw)
    for d, v in zip(docs, vecs, strict=True):
        d.vec = v
    sims: dict[tuple[int, int], float] = {}
    near: dict[int, list[tuple[float, int]]] = defaultdict(list)
    for i, j in _candidates(docs, df, top_k=top_k, max_df=max_df, window_days=window_days):
        s = cosine(docs[i].vec, docs[j].vec)
        if s >= threshold:
            sims[(i, j)] = s
            near[i].append((s, j))
            near[j].append((s, i))
    # each article's `neighbours` closest candidates: a weak link must be mutual among them
    best = {i: {j for _, j in sorted(c, reverse=True)[:neighbours]} for i, c in near.items()}
    uf = UnionFind(len(docs))
    link_sims: dict[int, list[float]] = defaultdict(list)
    for (i, j), s in sorted(sims.items()):
        if s >= strong or (j in best[i] and i in best[j]):
            uf.union(i, j)
            link_sims[i].append(s)
    return _stories(docs, uf, link_sims, index)


def _candidates(
    docs: list[_Doc], df: Counter[str], *, top_k: int, max_df: float, window_days: int
) -> set[tuple[int, int]]:
    """Pairs sharing a distinctive term, published within the window (sorted posting lists)."""
    cap = max(2, int(max_df * len(docs)))
    postings: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        top = sorted(d.vec.items(), key=lambda kv: (-kv[1], kv[0]))
        picked = [t for t, _ in top if 1 < df[t] <= cap][:top_k]
        for t in picked:
            postings[t].append(i)
    pairs: set[tuple[int, int]] = set()
    far = 10**9
    for plist in postings.values():
        plist.sort(key=lambda i: docs[i].day if docs[i].day is not None else -far)
        undated = [i for i in plist if docs[i].day is None]
        dated = [i for i in plist if docs[i].day is not None]
        lo = 0
        for hi, j in enumerate(dated):
            while docs[j].day - docs[dated[lo]].day > window_days:  # type: ignore[operator]
                lo += 1
            for k in dated[lo:hi]:
                pairs.add((min(j, k), max(j, k)))
            for k in undated:
                pairs.add((min(j, k), max(j, k)))
        for x, k in enumerate(undated):
            for m in undated[x + 1 :]:
                pairs.add((k, m))
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
                reason="tf-idf cosine within a date window" if len(ms) > 1 else "no similar article",
            )
        )
    out.sort(key=lambda s: (-len(s.articles), s.start or "", s.id))
    return out


def story_of(stories: Iterable[Story]) -> dict[str, str]:
    """Article id -> story id."""
    return {aid: s.id for s in stories for aid in s.articles}
