"""What storage adds to analysis: ingesting N articles into SQLite, as a ratio to analysing them.

    .venv/bin/python benchmarks/bench_store.py [--articles 10000] [--base 0]

The base articles (samples/ and the devset) are analysed once, timing the analysis per article.
Then N distinct analyses are made from them (each a copy with its own title and so its own id,
its records unchanged) and upserted into a fresh SQLite file, timing storage per article. A
second pass upserts them all again, which must change nothing. Printed, never asserted:
- storage / analysis per article (target: at most 0.10);
- re-ingest / first ingest time, and rows before and after the second pass.
"""

from __future__ import annotations

import argparse
import copy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from devset import devset_articles  # noqa: E402

from counterclaim import analyze_many  # noqa: E402
from counterclaim.ingest import read_path  # noqa: E402
from counterclaim.records import Analysis, content_id  # noqa: E402
from counterclaim.store import TABLE_NAMES, open_store  # noqa: E402


def base_articles() -> list:
    arts = [a for _, a in devset_articles()]
    for path in sorted((ROOT / "samples").iterdir()):
        arts.extend(x for x in read_path(str(path)) if not isinstance(x, Exception))
    return arts


def variants(analyses: list[Analysis], n: int) -> list[Analysis]:
    out = []
    for i in range(n):
        a = copy.deepcopy(analyses[i % len(analyses)])
        a.article.title = f"{a.article.title} [{i}]"
        a.article.id = content_id(a.article.title, a.article.text)
        out.append(a)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--base", type=int, default=0, help="use only the first N base articles (0 = all)")
    args = ap.parse_args()

    arts = base_articles()
    if args.base:
        arts = arts[: args.base]
    list(analyze_many(arts[:1]))  # load the pipeline outside the timing
    t0 = time.perf_counter()
    analyses = [a for a in analyze_many(arts) if isinstance(a, Analysis)]
    per_analysis = (time.perf_counter() - t0) / len(analyses)

    many = variants(analyses, args.articles)
    with tempfile.TemporaryDirectory() as tmp, open_store(Path(tmp) / "bench.db") as store:
        t0 = time.perf_counter()
        for a in many:
            store.upsert(a)
        first = time.perf_counter() - t0
        rows = {t: store.count(t) for t in TABLE_NAMES}
        t0 = time.perf_counter()
        changed = sum(store.upsert(a) for a in many)
        second = time.perf_counter() - t0
        rows_again = {t: store.count(t) for t in TABLE_NAMES}
    per_store = first / len(many)
    print(f"base articles analysed: {len(analyses)}; analysis {per_analysis * 1000:.1f} ms/article")
    print(f"stored {len(many)} analyses: {per_store * 1000:.2f} ms/article; rows: "
          + ", ".join(f"{t}={n}" for t, n in rows.items()))
    print(f"storage / analysis per article: {per_store / per_analysis:.3f} (target <= 0.10)")
    print(f"re-ingest: {changed} changed, rows unchanged: {rows == rows_again}, "
          f"time ratio to first ingest {second / first:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
