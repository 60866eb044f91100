"""Batch benchmarks (printed, never asserted).

1. ``batch --engine local`` throughput as a ratio to bare ``nlp.pipe`` on the same texts;
2. Dask on 2 worker processes against 1 (speed-up; the target is >= 1.7x on 2 free cores);
3. peak resident memory per Dask worker for two corpus sizes (target < 1 GB, flat with N).

The corpus is the devset articles cycled to N (titles numbered so every article has its own id),
written as JSONL shards. Sizes are small by default; raise them with the options:

    .venv/bin/python benchmarks/bench_batch.py --n 96 --shard-size 8 --rss-sizes 32,128
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"


def corpus(n: int) -> list[dict[str, str]]:
    """N articles: the devset texts in turn, each title numbered."""
    base = []
    for p in sorted(DEVSET.glob("*.txt")):
        lines = p.read_text(encoding="utf-8").split("\n")
        base.append({"title": lines[0].strip(), "text": "\n".join(lines[1:]).strip() + "\n"})
    if not base:
        raise SystemExit(f"no devset articles under {DEVSET}")
    return [{**base[i % len(base)], "title": f"{base[i % len(base)]['title']} ({i})"} for i in range(n)]


def write_shards(rows: list[dict[str, str]], folder: Path, shard_size: int) -> Path:
    """The rows as JSONL files of ``shard_size`` articles each."""
    folder.mkdir(parents=True, exist_ok=True)
    for k in range(0, len(rows), shard_size):
        with open(folder / f"part-{k // shard_size:05d}.jsonl", "w", encoding="utf-8") as fh:
            for r in rows[k : k + shard_size]:
                fh.write(json.dumps(r) + "\n")
    return folder


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return f"{cpu}; {os.cpu_count()} logical CPUs; Python {platform.python_version()}; load avg {load}"


def bench(args: argparse.Namespace) -> None:
    from counterclaim import nlp
    from counterclaim.batch import run_batch

    print(f"# bench_batch  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    rows = corpus(args.n)
    texts = [r["text"] for r in rows]
    words = sum(len(t.split()) for t in texts)
    print(
        f"corpus: {args.n} articles ({words} words), shards of {args.shard_size}, "
        f"batch size {args.batch_size}"
    )
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        root = Path(tmp)
        src = write_shards(rows, root / "in", args.shard_size)

        # 1. local engine vs bare nlp.pipe, both with the pipeline already loaded
        pipeline = nlp.get()
        list(pipeline.pipe(texts[:4]))
        t = time.perf_counter()
        for _ in pipeline.pipe(texts, batch_size=args.batch_size):
            pass
        pipe_s = time.perf_counter() - t
        local = run_batch([str(src)], root / "local", batch_size=args.batch_size, shard_size=args.shard_size)
        print("\n## batch --engine local vs bare nlp.pipe")
        print(f"nlp.pipe:        {args.n / pipe_s:7.2f} articles/s ({pipe_s:.1f}s)")
        rate = local.articles / local.work_seconds
        print(
            f"batch (local):   {rate:7.2f} articles/s ({local.work_seconds:.1f}s, "
            f"{local.seconds:.1f}s with planning)"
        )
        print(f"ratio batch/pipe: {pipe_s / local.work_seconds:.2f}")
        if local.failures:
            print(f"  ({len(local.failures)} failures: {local.failure_reasons.most_common(3)})")

        if args.skip_dask:
            return
        # 2. Dask: 1 worker vs N workers (pipeline loaded on every worker before timing)
        print(f"\n## Dask: {args.workers} workers vs 1")
        times = {}
        for w in sorted({1, args.workers}):
            s = run_batch(
                [str(src)],
                root / f"dask{w}",
                engine="dask",
                workers=w,
                batch_size=args.batch_size,
                shard_size=args.shard_size,
            )
            times[w] = s.work_seconds
            print(
                f"{w} worker(s):     {s.articles / s.work_seconds:7.2f} articles/s ({s.work_seconds:.1f}s; "
                f"{s.seconds:.1f}s with cluster start and model loading)"
            )
        print(f"speed-up {args.workers} vs 1: {times[1] / times[args.workers]:.2f}x")

        # 3. peak RSS per worker for two corpus sizes
        print(f"\n## peak RSS per Dask worker ({args.workers} workers)")
        for n in args.rss_sizes:
            part = write_shards(corpus(n), root / f"rss{n}", args.shard_size)
            s = run_batch(
                [str(part)],
                root / f"rss_out{n}",
                engine="dask",
                workers=args.workers,
                batch_size=args.batch_size,
                shard_size=args.shard_size,
            )
            peaks = ", ".join(f"{mb:.0f} MB" for mb in sorted(s.peak_rss_mb.values()))
            print(f"N={n:5d}: {peaks}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=96, help="articles for the throughput runs")
    ap.add_argument("--shard-size", type=int, default=8)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rss-sizes", type=lambda s: [int(x) for x in s.split(",")], default=[32, 128])
    ap.add_argument("--skip-dask", action="store_true")
    bench(ap.parse_args())


if __name__ == "__main__":
    main()
