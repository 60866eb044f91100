"""Batch benchmarks (printed, never asserted).

1. ``batch --engine local`` throughput as a ratio to bare ``nlp.pipe`` on the same texts;
2. Dask on 2 worker processes against 1 (speed-up; the target is >= 1.7x on 2 free cores);
3. peak resident memory per Dask worker for two corpus sizes (target < 1 GB, flat with N).

The corpus is the devset articles cycled to N (titles numbered so every article has its own id),
written as JSONL shards. Sizes are small by default; raise them with the options:

    .venv/bin/python benchmarks/bench_batch.py --n 200 --shard-size 10 --rss-sizes 40,400
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"


def _name(rng: random.Random) -> str:
    """A made-up capitalised word, so every article brings new strings (as real news does)."""
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3)).capitalize()


def corpus(n: int) -> list[dict[str, str]]:
    """N articles: the devset texts in turn, each title numbered and each ending with a byline of
    made-up names, so the vocabulary keeps growing with N as it does on real news."""
    rng = random.Random(7)
    base = []
    for p in sorted(DEVSET.glob("*.txt")):
        lines = p.read_text(encoding="utf-8").split("\n")
        base.append({"title": lines[0].strip(), "text": "\n".join(lines[1:]).strip() + "\n"})
    if not base:
        raise SystemExit(f"no devset articles under {DEVSET}")
    rows = []
    for i in range(n):
        b = base[i % len(base)]
        byline = (
            f"Reporting by {_name(rng)} {_name(rng)} in {_name(rng)}; editing by {_name(rng)} {_name(rng)}.\n"
        )
        rows.append({"title": f"{b['title']} ({i})", "text": b["text"] + byline})
    return rows


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
    """Run the chosen parts and print their figures."""
    print(f"# bench_batch  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    rows = corpus(args.n)
    words = sum(len(r["text"].split()) for r in rows)
    print(
        f"corpus: {args.n} articles ({words} words), shards of {args.shard_size}, "
        f"batch size {args.batch_size}"
    )
    with tempfile.TemporaryDirectory(prefix="bench_batch_") as tmp:
        root = Path(tmp)
        src = write_shards(rows, root / "in", args.shard_size)

        if "local" in args.parts:
            bench_local(args, rows, src, root)
        if "dask" in args.parts:
            bench_dask(args, src, root)
        if "rss" in args.parts:
            bench_rss(args, root)


def bench_local(args: argparse.Namespace, rows: list[dict[str, str]], src: Path, root: Path) -> None:
    """batch --engine local against bare nlp.pipe and analyze_many."""
    from counterclaim import analyze_many, nlp
    from counterclaim.batch import run_batch
    from counterclaim.records import Article

    texts = [r["text"] for r in rows]
    # 1. local engine vs bare nlp.pipe, both with the pipeline already loaded; best of R,
    #    interleaved, since other work on a shared machine only ever adds time
    pipeline = nlp.get()
    list(pipeline.pipe(texts[:4]))
    arts = [Article.make(r["text"], title=r["title"]) for r in rows]
    pipe_s = many_s = batch_s = float("inf")
    for r in range(args.repeat):
        t = time.perf_counter()
        for _ in pipeline.pipe(texts, batch_size=args.batch_size):
            pass
        pipe_s = min(pipe_s, time.perf_counter() - t)
        t = time.perf_counter()
        for _ in analyze_many(arts, batch_size=args.batch_size):
            pass
        many_s = min(many_s, time.perf_counter() - t)
        local = run_batch(
            [str(src)], root / f"local{r}", batch_size=args.batch_size, shard_size=args.shard_size
        )
        batch_s = min(batch_s, local.work_seconds)
    print(f"\n## batch --engine local vs bare nlp.pipe (best of {args.repeat})")
    print(f"nlp.pipe:        {args.n / pipe_s:7.2f} articles/s ({pipe_s:.1f}s)")
    print(f"analyze_many:    {args.n / many_s:7.2f} articles/s ({many_s:.1f}s, no reading or writing)")
    print(f"batch (local):   {local.articles / batch_s:7.2f} articles/s ({batch_s:.1f}s)")
    print(f"ratio batch/pipe: {pipe_s / batch_s:.2f}   ratio batch/analyze_many: {many_s / batch_s:.2f}")
    if local.failures:
        print(f"  ({len(local.failures)} failures: {local.failure_reasons.most_common(3)})")


def bench_dask(args: argparse.Namespace, src: Path, root: Path) -> None:
    """Dask on N workers against 1."""
    from counterclaim.batch import run_batch

    # 2. Dask: 1 worker vs N workers (pipeline loaded on every worker before timing), interleaved
    print(f"\n## Dask: {args.workers} workers vs 1 (best of {args.repeat})")
    times: dict[int, float] = {}
    busy: dict[int, float] = {}
    flight: dict[int, float] = {}
    for r in range(args.repeat):
        for w in sorted({1, args.workers}):
            s = run_batch(
                [str(src)],
                root / f"dask{w}-{r}",
                engine="dask",
                workers=w,
                batch_size=args.batch_size,
                shard_size=args.shard_size,
            )
            if s.work_seconds < times.get(w, float("inf")):
                times[w], busy[w] = s.work_seconds, s.cpu_seconds / s.work_seconds
                flight[w] = s.shard_seconds / s.work_seconds
    for w, secs in times.items():
        print(
            f"{w} worker(s):     {args.n / secs:7.2f} articles/s ({secs:.1f}s; shards in flight "
            f"{flight[w]:.2f}; busy cores {busy[w]:.2f} = CPU seconds the workers got per wall second)"
        )
    print(f"speed-up {args.workers} vs 1: {times[1] / times[args.workers]:.2f}x")


def bench_rss(args: argparse.Namespace, root: Path) -> None:
    """Peak RSS per Dask worker for two corpus sizes."""
    from counterclaim.batch import run_batch

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
    ap.add_argument("--n", type=int, default=48, help="articles for the throughput runs")
    ap.add_argument("--shard-size", type=int, default=4)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rss-sizes", type=lambda s: [int(x) for x in s.split(",")], default=[24, 96])
    ap.add_argument("--repeat", type=int, default=2, help="runs per measurement; the best is kept")
    ap.add_argument(
        "--parts", type=lambda s: s.split(","), default=["local", "dask", "rss"], help="e.g. local,dask,rss"
    )
    bench(ap.parse_args())


if __name__ == "__main__":
    main()
