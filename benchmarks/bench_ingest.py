"""``counterclaim ingest --workers 2`` against ``--workers 1`` (printed, never asserted).

The issue-18 target: 2 workers at least 1.7x faster than 1 on an idle 2-core machine, storing
the same rows. Each run is the whole command, as a user types it (a fresh process: reading,
starting workers and loading the model included), into a fresh SQLite store; the runs alternate
(1, 2, 1, 2 ...) and the best of each is kept. Then the two stores are compared row for row, a
second ``--workers 2`` run over the same store must change nothing, and the peak resident memory
of every process of a ``--workers 2`` run is sampled (target: 1 GB or less per worker). The
fixed costs (start-up, workers and model loading, shutdown) are timed on 8 articles, and the
speed-up is printed with and without them. Each run also prints the CPU time of the command's
processes (sampled, workers included) and what the rest of the machine used meanwhile: on a
shared machine the second figure says how much of the second core the two workers could have.

The corpus is ``bench_batch``'s: the devset articles cycled to N (titles numbered, a made-up
byline each), written as one JSONL file in a temporary folder.

    .venv/bin/python benchmarks/bench_ingest.py [--n 200] [--runs 2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_batch import corpus, machine  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
COUNTERCLAIM = Path(sys.executable).parent / "counterclaim"


def _rows(db: Path) -> dict[str, list[tuple]]:  # type: ignore[type-arg]
    con = sqlite3.connect(db)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {
            t: con.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall()
            for t in names
            if t not in ("meta", "migrations") and not t.startswith("sqlite_")
        }
    finally:
        con.close()


def _sample_tree(pid: int, peaks: dict[int, float], cpu: dict[int, float], stop: threading.Event) -> None:
    """Sample the resident memory (MB) and CPU seconds of ``pid`` and all its descendants (the
    workers are children of a fork server, which the ingest process never waits for, so they
    are missing from this process' child CPU time) until ``stop``."""
    import psutil  # noqa: PLC0415 (comes with Dask)

    try:
        root = psutil.Process(pid)
    except psutil.NoSuchProcess:
        return
    while not stop.is_set():
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return
        for p in procs:
            try:
                with p.oneshot():
                    rss = p.memory_info().rss / 2**20
                    t = p.cpu_times()
            except psutil.Error:
                continue
            peaks[p.pid] = max(peaks.get(p.pid, 0.0), rss)
            cpu[p.pid] = max(cpu.get(p.pid, 0.0), t.user + t.system)
        stop.wait(0.1)


def _machine_busy() -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine since boot, from /proc/stat (0, 0 elsewhere)."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return 0.0, 0.0
    user, nice, system, idle, iowait, irq, softirq = (int(x) for x in fields[:7])
    hz = os.sysconf("SC_CLK_TCK")
    return (user + nice + system + irq + softirq) / hz, (idle + iowait) / hz


def ingest(src: Path, db: Path, workers: int) -> tuple[float, float, float, str, dict[int, float]]:
    """(wall seconds, CPU seconds of the command's processes, CPU seconds the rest of the
    machine used meanwhile, stdout, peak RSS per process) of one ``counterclaim ingest`` run."""
    cmd = [str(COUNTERCLAIM), "ingest", str(src), "--db", str(db), "--workers", str(workers), "--quiet"]
    peaks: dict[int, float] = {}
    cpu: dict[int, float] = {}
    busy = _machine_busy()[0]
    t = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stop = threading.Event()
    sampler = threading.Thread(target=_sample_tree, args=(proc.pid, peaks, cpu, stop), daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - t
    stop.set()
    sampler.join()
    busy = _machine_busy()[0] - busy
    if proc.returncode != 0:
        raise SystemExit(f"ingest --workers {workers} failed ({proc.returncode}):\n{err[-2000:]}")
    ours = sum(cpu.values())
    return seconds, ours, max(0.0, busy - ours), out, peaks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=200, help="articles (default 200)")
    ap.add_argument("--runs", type=int, default=2, help="alternating runs of each, best kept (default 2)")
    args = ap.parse_args()

    print(f"# bench_ingest  {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC")
    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="cc-bench-ingest-") as tmp:
        work = Path(tmp)
        src = work / "articles.jsonl"
        src.write_text("".join(json.dumps(r) + "\n" for r in corpus(args.n)), encoding="utf-8")
        times: dict[int, list[float]] = {1: [], 2: []}
        for run in range(max(1, args.runs)):
            for w in (1, 2):
                seconds, cpu, others, _, _ = ingest(src, work / f"w{w}-{run}.db", w)
                times[w].append(seconds)
                print(
                    f"  run {run + 1}: --workers {w}: {seconds:.1f} s, {cpu:.1f} CPU s, "
                    f"{cpu / seconds:.2f} busy cores; other processes meanwhile {others / seconds:.2f} "
                    f"cores  (load avg {os.getloadavg()[0]:.2f})"
                )
        # the fixed costs (start-up, model loading, shutdown) on a handful of articles
        few = work / "few.jsonl"
        few.write_text(
            "".join(src.read_text(encoding="utf-8").splitlines(keepends=True)[:8]), encoding="utf-8"
        )
        fixed = {w: ingest(few, work / f"few-{w}.db", w)[0] for w in (1, 2)}
        same = _rows(work / "w1-0.db") == _rows(work / "w2-0.db")
        before = _rows(work / "w2-0.db")
        _, _, _, again, peaks = ingest(src, work / "w2-0.db", 2)
        unchanged = _rows(work / "w2-0.db") == before and f"0 stored, {args.n} unchanged" in again
    t1, t2 = min(times[1]), min(times[2])
    print(f"articles: {args.n}; best of {len(times[1])}: --workers 1 {t1:.1f} s, --workers 2 {t2:.1f} s")
    print(f"same rows with 1 and 2 workers: {same}; a second --workers 2 run changed nothing: {unchanged}")
    big = sorted(peaks.values(), reverse=True)
    print(
        "peak RSS of that run's processes, largest first (MB): "
        + ", ".join(f"{v:.0f}" for v in big[:6])
        + " (the 2 workers, the fork server they come from, then the ingest process, which holds "
        "Dask's scheduler and nannies)"
    )
    print(f"fixed costs, 8 articles: --workers 1 {fixed[1]:.1f} s, --workers 2 {fixed[2]:.1f} s")
    print(
        f"speed-up --workers 2 / --workers 1: {t1 / t2:.2f}x  (target 1.7x or more on an idle 2-core machine)"
    )
    print(f"without the fixed costs ({args.n - 8} more articles): {(t1 - fixed[1]) / (t2 - fixed[2]):.2f}x")


if __name__ == "__main__":
    main()
