"""Benchmark for compare/: how story grouping, entity resolution, claims and contradictions scale,
and which text similarity separates stories best on the test corpus.

    .venv/bin/python benchmarks/bench_compare.py [--small 1000] [--large 10000]

Synthetic stores are made from the test corpus (tests/data/compare): every synthetic story is one
of the corpus stories with fresh same-length names for its places, people and (per conflict) its
states, and with most of its common words replaced by fresh same-length words, so spans stay
valid and stories made from one template differ; articles per day stay constant, so a larger
store covers more days.
Times are CPU seconds of this process; ratios are printed, never asserted: n log n from 1,000
to 10,000 articles is a ratio of ~13.3.
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from tests.compare import corpus  # noqa: E402

from counterclaim.compare.claims import build_series  # noqa: E402
from counterclaim.compare.contradictions import find_contradictions  # noqa: E402
from counterclaim.compare.entities import resolve_entities  # noqa: E402
from counterclaim.compare.stories import cosine, group_stories, terms, tfidf_vectors  # noqa: E402
from counterclaim.records import Analysis, Article  # noqa: E402

# names that vary per synthetic story, and the state stems that vary per conflict
STORY_NAMES = [
    "Dunmere",
    "Halvik",
    "Tessa",
    "Brannock",
    "Selin",
    "Orlen",
    "Lumeria",
    "Lumerian",
    "Hovsepian",
    "Hovsepyan",
    "Hovsepjan",
    "Varga",
    "Drozdov",
    "Castell",
    "Melnichenko",
    "Melnychenko",
    "Ferrand",
    "Lind",
    "Aram",
    "Lena",
    "Milan",
    "Mira",
    "Ines",
    "Oskar",
    "Yuriy",
    "Yuri",
    "Sergey",
    "Sergei",
]
STATE_STEMS = ["Valdor", "Kestr"]
ARTICLES_PER_DAY = 40
WORD_CHANGE = 0.7  # share of a template's lower-case words renamed in each synthetic story


def _fresh(word: str, rng: random.Random) -> str:
    letters = "bcdfghklmnprstvz"
    vowels = "aeiou"
    out = [rng.choice(letters).upper()]
    while len(out) < len(word):
        out.append(rng.choice(vowels if len(out) % 2 else letters))
    return "".join(out)


def _rewrite(obj: Any, pattern: re.Pattern[str], mapping: dict[str, str]) -> Any:
    """A copy of a record tree with every mapped word replaced (same lengths keep spans valid)."""
    if isinstance(obj, str):
        return pattern.sub(lambda m: mapping[m.group(0)], obj)
    if isinstance(obj, list):
        return [_rewrite(x, pattern, mapping) for x in obj]
    if isinstance(obj, dict):
        return {k: _rewrite(v, pattern, mapping) for k, v in obj.items()}
    return obj


def synthetic(n: int, seed: int = 7) -> tuple[list[Analysis], list[int]]:
    """``n`` analyses in synthetic stories, and each one's story number."""
    rng = random.Random(seed)
    base = corpus.hand_analyses()
    key = corpus.key_of()
    stories = [[a for a in base if key[a.article.id] in set(g)] for g in corpus.expected()["stories"]]
    out: list[Analysis] = []
    labels: list[int] = []
    days = max(1, n // ARTICLES_PER_DAY)
    conflicts = max(1, n // 250)
    stems = [{s: _fresh(s, rng) for s in STATE_STEMS} for _ in range(conflicts)]
    for story_no in itertools.count():
        if len(out) >= n:
            break
        template = rng.choice(stories)
        mapping = {w: _fresh(w, rng) for w in STORY_NAMES}
        for stem, new in rng.choice(stems).items():
            mapping |= {stem + suffix: new + suffix for suffix in ("ia", "ian", "ia's")}
        pattern = re.compile(
            r"\b(" + "|".join(sorted(map(re.escape, mapping), key=len, reverse=True)) + r")\b"
        )
        # most common words change per story too, so stories from one template differ like real ones
        vocab = {w for a in template for w in re.findall(r"\b[a-z]{4,}\b", a.article.title + a.article.text)}
        words = {w: _fresh(w, rng).lower() for w in sorted(vocab) if rng.random() < WORD_CHANGE}
        wpattern = re.compile(
            r"\b(" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\b"
        )
        shift = rng.randrange(days)
        first = min(a.article.published for a in template)
        for a in template:
            d = _rewrite(a.to_dict(), pattern, mapping)
            for part in ("title", "text"):
                d["article"][part] = (
                    _rewrite(d["article"][part], wpattern, words) if words else d["article"][part]
                )
            pub = _shift(a.article.published, shift, first)
            art = Article.make(
                d["article"]["text"], title=d["article"]["title"], outlet=a.article.outlet, published=pub
            )
            d["article"] = art.to_dict()
            for f in d["figures"]:
                f["as_of"] = _shift(f["as_of"], shift, first) if f.get("as_of") else None
            for e in d["events"]:
                e["date"] = pub
            out.append(Analysis.from_dict(d))
            labels.append(story_no)
    return out[:n], labels[:n]


def _shift(date: str, shift: int, first: str) -> str:
    import datetime as dt  # noqa: PLC0415

    d = dt.date.fromisoformat(date) - dt.date.fromisoformat(first) + dt.date(2031, 1, 1) + dt.timedelta(shift)
    return d.isoformat()


def _timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    """CPU seconds of this process (wall time is noise on shared cores) and the result."""
    t = time.process_time()
    out = fn()
    return time.process_time() - t, out


def pair_scores(groups: list[list[str]], labels: dict[str, int]) -> tuple[float, float]:
    """Pairwise precision and recall of a grouping against story labels."""
    got = {frozenset(p) for g in groups for p in itertools.combinations(g, 2)}
    by: dict[int, list[str]] = {}
    for a, s in labels.items():
        by.setdefault(s, []).append(a)
    want = {frozenset(p) for g in by.values() for p in itertools.combinations(g, 2)}
    tp = len(got & want)
    return (tp / len(got) if got else 1.0), (tp / len(want) if want else 1.0)


def scale(small: int, large: int) -> None:
    """Time each step at two sizes and print the ratios."""
    print(
        f"scaling: {small} -> {large} articles ({ARTICLES_PER_DAY} a day); n log n ratio "
        f"{large * math.log(large) / (small * math.log(small)):.1f}"
    )
    rows = []
    for n in (small, large):
        analyses, labels = synthetic(n)
        t_ent, idx = _timed(lambda a=analyses: resolve_entities(a))
        t_sto, stories = _timed(lambda a=analyses, i=idx: group_stories(a, index=i))
        t_ser, series = _timed(lambda a=analyses, i=idx, s=stories: build_series(a, index=i, stories=s))
        t_con, found = _timed(
            lambda a=analyses, i=idx, s=stories, r=series: find_contradictions(
                a, index=i, stories=s, series=r
            )
        )
        p, r = pair_scores(
            [s.articles for s in stories],
            {a.article.id: lab for a, lab in zip(analyses, labels, strict=True)},
        )
        rows.append((n, t_ent, t_sto, t_ser, t_con, len(idx), len(stories), len(found), p, r))
        print(
            f"  n={n:>6}: entities {t_ent:6.2f}s ({len(idx)})  stories {t_sto:6.2f}s ({len(stories)}, "
            f"pair P={p:.3f} R={r:.3f})  series {t_ser:5.2f}s  contradictions {t_con:6.2f}s ({len(found)})"
        )
    (n1, *a), (n2, *b) = rows
    for name, x, y in zip(("entities", "stories", "series", "contradictions"), a[:4], b[:4], strict=True):
        print(f"  ratio {name:<15} {y / x:6.1f}")


def methods() -> None:
    """Story-pair separation on the test corpus: TF-IDF cosine, word-shingle Jaccard (what MinHash
    estimates), entity Jaccard. Best pairwise F1 over thresholds, and the gap between the lowest
    same-story best-neighbour score and the highest cross-story score."""
    arts = corpus.hand_analyses()
    key = corpus.key_of()
    story = {a: i for i, g in enumerate(corpus.expected()["stories"]) for a in g}
    ids = [key[a.article.id] for a in arts]
    vecs, _ = tfidf_vectors([terms(a.article.title, a.article.text) for a in arts])

    def shingles(a: Analysis, k: int = 3) -> set[tuple[str, ...]]:
        w = re.findall(r"\w+", (a.article.title + " " + a.article.text).lower())
        return {tuple(w[i : i + k]) for i in range(len(w) - k + 1)}

    sh = [shingles(a) for a in arts]
    idx = resolve_entities(arts)
    ents = [{idx.of(a.article.id, e.id).id for e in a.entities} for a in arts]  # type: ignore[union-attr]

    def jac(x: set, y: set) -> float:
        return len(x & y) / len(x | y) if x | y else 0.0

    sims = {
        "tf-idf cosine": lambda i, j: cosine(vecs[i], vecs[j]),
        "3-shingle jaccard (minhash)": lambda i, j: jac(sh[i], sh[j]),
        "entity jaccard": lambda i, j: jac(ents[i], ents[j]),
    }
    print("similarity methods on the test corpus (22 articles, 6 stories):")
    for name, sim in sims.items():
        pairs = [
            (sim(i, j), story[ids[i]] == story[ids[j]])
            for i, j in itertools.combinations(range(len(arts)), 2)
        ]
        best_f1 = 0.0
        for t in sorted({s for s, _ in pairs}):
            tp = sum(1 for s, same in pairs if s >= t and same)
            fp = sum(1 for s, same in pairs if s >= t and not same)
            fn = sum(1 for s, same in pairs if s < t and same)
            f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
            best_f1 = max(best_f1, f1)
        cross = max(s for s, same in pairs if not same)
        near = min(
            max(sim(i, j) for j in range(len(arts)) if j != i and story[ids[j]] == story[ids[i]])
            for i in range(len(arts))
            if sum(story[x] == story[ids[i]] for x in ids) > 1
        )
        print(
            f"  {name:<28} best pair F1 {best_f1:.3f}   nearest same-story {near:.3f} vs best cross-story "
            f"{cross:.3f} (margin {near - cross:+.3f})"
        )


def entity_scaling(sizes: list[int]) -> None:
    """Entity resolution alone at several sizes: CPU seconds and microseconds per article (flat
    when the work is linear)."""
    print("entity resolution by size (CPU seconds, microseconds per article):")
    for n in sizes:
        analyses, _ = synthetic(n)
        t, idx = _timed(lambda a=analyses: resolve_entities(a))
        print(f"  n={n:>6}: {t:6.2f}s  {1e6 * t / n:7.1f} us/article  ({len(idx)} canonical entities)")


def main() -> None:
    """Run both parts (and, with --entity-sizes, entity resolution alone at those sizes)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--small", type=int, default=1000)
    ap.add_argument("--large", type=int, default=10000)
    ap.add_argument("--entity-sizes", type=int, nargs="*", help="e.g. 1000 2000 5000 10000 20000")
    args = ap.parse_args()
    if args.entity_sizes:
        entity_scaling(args.entity_sizes)
        return
    methods()
    scale(args.small, args.large)


if __name__ == "__main__":
    main()
