"""Claims explorer render time on a 100,000-figure store against a 1,000-figure store.

    .venv/bin/python benchmarks/bench_web.py [--small 1000] [--large 100000] [--runs 15]

The articles in samples/ are analysed once. Each store is then filled with copies of those
analyses, each with its own title (so its own id) and its publication and as-of dates moved by a
few days, until it holds the wanted number of figures. The web index is built for each store
(timed, not part of the ratio), then the explorer (/claims) is rendered through FastAPI's
TestClient: unfiltered page 1, a category filter, a claimant filter, a deep page. Printed, never
asserted: the median time per page on each store and their ratio (target: under 3).
"""

from __future__ import annotations

import argparse
import copy
import csv
import datetime as dt
import io
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent

from counterclaim import analyze_many  # noqa: E402
from counterclaim.ingest import read_path  # noqa: E402
from counterclaim.records import Analysis, content_id  # noqa: E402
from counterclaim.store import open_store  # noqa: E402
from counterclaim.web.app import create_app  # noqa: E402


def base_analyses() -> list[Analysis]:
    """The analyses of samples/ that have figures."""
    arts = []
    for path in sorted((ROOT / "samples").iterdir()):
        arts.extend(x for x in read_path(str(path)) if not isinstance(x, Exception))
    return [a for a in analyze_many(arts) if isinstance(a, Analysis) and a.figures]


def _shift(date: str | None, days: int) -> str | None:
    if not date:
        return date
    try:
        return (dt.date.fromisoformat(date[:10]) + dt.timedelta(days=days)).isoformat()
    except ValueError:
        return date


def fill(path: Path, base: list[Analysis], figures: int) -> int:
    """Store copies of ``base`` in a new store at ``path`` until it holds ``figures`` figures."""

    def copies() -> Iterator[Analysis]:
        n = 0
        i = 0
        while n < figures:
            a = copy.deepcopy(base[i % len(base)])
            a.article.title = f"{a.article.title} [{i}]"
            a.article.id = content_id(a.article.title, a.article.text)
            days = i % 120
            a.article.published = _shift(a.article.published or "2030-01-01", days)
            for f in a.figures:
                f.as_of = _shift(f.as_of, days)
            yield a
            n += len(a.figures)
            i += 1

    with open_store(path) as store:
        store.upsert_many(copies())
        return store.count("figures")


def time_pages(db: Path, runs: int) -> dict[str, float]:
    """Median seconds per explorer page on the store at ``db``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    t0 = time.perf_counter()
    app = create_app(str(db), read_only=True, index_path=str(db) + ".idx")
    print(f"  index built in {time.perf_counter() - t0:.2f} s")
    client = TestClient(app)
    first = next(csv.DictReader(io.StringIO(client.get("/claims.csv").text)))
    category, claimant = first["category"], first["claimant"]
    urls = {
        "page 1": "/claims",
        "category": f"/claims?category={category}",
        "claimant": f"/claims?{urlencode({'claimant': claimant})}",
        "page 10": "/claims?page=10",
    }
    out = {}
    for name, url in urls.items():
        for _ in range(3):  # warm: templates compiled, pages cached
            assert client.get(url).status_code == 200
        times = []
        for _ in range(runs):
            t = time.perf_counter()
            r = client.get(url)
            times.append(time.perf_counter() - t)
            assert r.status_code == 200 and "<svg" in r.text
        out[name] = statistics.median(times)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--large", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=15)
    args = ap.parse_args()
    base = base_analyses()
    if not base:
        print("no sample article has figures", file=sys.stderr)
        return 1
    print(f"{len(base)} base analyses, {sum(len(a.figures) for a in base)} figures")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label, n in (("small", args.small), ("large", args.large)):
            db = Path(tmp) / f"{label}.db"
            t0 = time.perf_counter()
            got = fill(db, base, n)
            print(f"{label}: {got} figures stored in {time.perf_counter() - t0:.1f} s")
            results[label] = time_pages(db, args.runs)
    print(f"\n{'page':<10} {'small ms':>9} {'large ms':>9} {'ratio':>6}")
    for name in results["small"]:
        s, big = results["small"][name], results["large"][name]
        print(f"{name:<10} {s * 1000:>9.1f} {big * 1000:>9.1f} {big / s:>6.2f}")
    worst = max(results["large"][k] / results["small"][k] for k in results["small"])
    print(f"\nworst ratio large/small: {worst:.2f} (target under 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
