"""Analysis cost as a ratio to bare ``nlp.pipe`` on the same texts (printed, never asserted).

The corpus is the devset articles and the bundled samples, repeated ``--repeat`` times. Two
timings on the same texts in this process, after a warm-up, in CPU time (the machine may be
shared: CPU time counts only what this process ran), interleaved ``--runs`` times, best kept:

- ``nlp.pipe``: the spaCy pipeline alone (what any analysis must pay);
- ``analyze_many``: the full analysis (checks, parse, every extractor).

It prints ``analysis / parse``, the issue-18 figure (target 1.25 or less: the extractors add at
most a quarter of the parse), and the extractors' share of the analysis.

    .venv/bin/python benchmarks/bench_analyze.py [--repeat 3] [--runs 2] [--batch-size 16]
"""

from __future__ import annotations

import argparse
import functools
import os
import platform
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"
SAMPLES = ROOT / "samples"
TARGET = 1.25


def corpus() -> list:  # type: ignore[type-arg]
    """The devset .txt articles and every readable sample, as Articles."""
    from counterclaim.ingest import read_paths
    from counterclaim.records import Article

    paths = sorted(DEVSET.glob("*.txt")) + [SAMPLES]
    return [a for a in read_paths(paths) if isinstance(a, Article)]


def _cpu(fn) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """(CPU seconds, wall seconds) that ``fn()`` took."""
    c, t = time.process_time(), time.perf_counter()
    fn()
    return time.process_time() - c, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3, help="times the corpus is repeated (default 3)")
    ap.add_argument("--runs", type=int, default=2, help="interleaved runs of each, best kept (default 2)")
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

    pipe_runs: list[tuple[float, float]] = []
    full_runs: list[tuple[float, float]] = []
    failed = 0
    for _ in range(max(1, args.runs)):
        pipe_runs.append(_cpu(lambda: list(pipe.pipe(texts, batch_size=args.batch_size))))
        batch = fresh()
        results: list[object] = []
        run = functools.partial(analyze_many, batch, batch_size=args.batch_size)
        full_runs.append(_cpu(lambda run=run, r=results: r.extend(run())))
        failed = sum(isinstance(r, Exception) for r in results)
    t_pipe, w_pipe = min(pipe_runs)
    t_full, w_full = min(full_runs)

    n = len(articles)
    print(
        f"counterclaim analyze benchmark  ({platform.python_version()}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f})"
    )
    print(
        f"corpus: {len(base)} articles x {args.repeat} = {n} articles, {chars:,} characters; "
        f"batch size {args.batch_size}; best of {len(pipe_runs)} interleaved runs; {failed} failed"
    )
    print(f"{'':<14}{'CPU s':>9}{'wall s':>9}{'articles/CPU s':>16}")
    for name, t, w in (("nlp.pipe", t_pipe, w_pipe), ("analyze_many", t_full, w_full)):
        print(f"{name:<14}{t:>9.2f}{w:>9.2f}{n / t:>16.1f}")
    print(f"extractors' share of analysis time: {max(0.0, t_full - t_pipe) / t_full:.0%}")
    print(f"analysis / parse (CPU time): {t_full / t_pipe:.2f}  (target {TARGET:.2f} or less)")


if __name__ == "__main__":
    main()
