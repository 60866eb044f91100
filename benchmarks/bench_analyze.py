"""Analysis throughput as a ratio to bare ``nlp.pipe`` on the same texts (printed, never asserted).

The corpus is the devset articles and the bundled samples, repeated ``--repeat`` times. Three
timings on the same texts, after a warm-up:

- ``nlp.pipe``: the spaCy pipeline alone (what any analysis must pay);
- ``analyze_many``: the full analysis (checks, parse, every extractor);
- ``extractors``: the full analysis minus its own parse, i.e. the cost counterclaim adds.

    .venv/bin/python benchmarks/bench_analyze.py [--repeat 3] [--batch-size 16]
"""

from __future__ import annotations

import argparse
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
SAMPLES = ROOT / "samples"


def corpus() -> list:  # type: ignore[type-arg]
    """The devset .txt articles and every readable sample, as Articles."""
    from counterclaim.ingest import read_paths
    from counterclaim.records import Article

    paths = sorted(DEVSET.glob("*.txt")) + [SAMPLES]
    return [a for a in read_paths(paths) if isinstance(a, Article)]


def _timed(fn) -> float:  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="times the corpus is repeated (default 3)")
    ap.add_argument("--batch-size", type=int, default=16)
    args = ap.parse_args()

    from counterclaim import analyze_many, nlp
    from counterclaim.records import Article

    base = corpus()
    if not base:
        raise SystemExit("no articles found (devset or samples)")
    articles = base * args.repeat
    texts = [a.text for a in articles]
    chars = sum(len(t) for t in texts)
    pipe = nlp.get()

    def fresh() -> list[Article]:
        # analysis may fill in an inferred date: every run starts from unanalysed copies
        return [Article.from_dict(a.to_dict()) for a in articles]

    # warm-up: model load, lexicons, caches
    list(analyze_many(fresh()[: len(base)], batch_size=args.batch_size))

    t_pipe = _timed(lambda: list(pipe.pipe(texts, batch_size=args.batch_size)))
    batch = fresh()
    results: list[object] = []
    t_full = _timed(lambda: results.extend(analyze_many(batch, batch_size=args.batch_size)))
    failed = [r for r in results if isinstance(r, Exception)]

    n = len(articles)
    print(f"counterclaim analyze benchmark  ({platform.python_version()}, {os.cpu_count()} CPUs)")
    print(
        f"corpus: {len(base)} articles x {args.repeat} = {n} articles, {chars:,} characters; "
        f"batch size {args.batch_size}; {len(failed)} failed"
    )
    print(f"{'':<14}{'seconds':>9}{'articles/s':>12}{'chars/s':>12}")
    for name, t in (("nlp.pipe", t_pipe), ("analyze_many", t_full)):
        print(f"{name:<14}{t:>9.2f}{n / t:>12.1f}{chars / t:>12,.0f}")
    print(f"ratio analyze_many / nlp.pipe (time): {t_full / t_pipe:.2f}x")
    print(f"extractors' share of analysis time: {max(0.0, t_full - t_pipe) / t_full:.0%}")


if __name__ == "__main__":
    main()
