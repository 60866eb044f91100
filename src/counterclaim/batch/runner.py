"""``run_batch``: plan shards, skip the done ones, run the rest on an engine, summarise.

Engines: ``local`` runs shards one after another in this process (no Dask imported);
``dask`` submits one task per shard to a Dask distributed cluster, a LocalCluster of worker
processes started here or an existing scheduler given by address. Both call the same
``engine.process_shard``, so they write identical tables.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, Protocol

from ..errors import InputError, OutputError
from . import output, sources
from .engine import ShardReport, process_shard
from .sources import Shard

Engine = Literal["local", "dask"]


class Reporter(Protocol):
    """Receives progress: a total, article counts as they are done, each finished shard."""

    def start(self, total: int | None, shards: int, skipped: int) -> None: ...
    def advance(self, articles: int) -> None: ...
    def shard_done(self, report: ShardReport) -> None: ...
    def stop(self) -> None: ...


class NullReporter:
    """Reports nothing."""

    def start(self, total: int | None, shards: int, skipped: int) -> None:
        return None

    def advance(self, articles: int) -> None:
        return None

    def shard_done(self, report: ShardReport) -> None:
        return None

    def stop(self) -> None:
        return None


@dataclass(slots=True)
class BatchSummary:
    """The outcome of one run (and the totals of its output folder)."""

    out: str
    engine: str
    shards: int  # planned
    skipped: int  # already done before this run
    processed: int  # done in this run
    failed_shards: list[ShardReport] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)  # outputs removed because their range changed
    articles: int = 0  # analysed in this run
    failures: list[dict[str, Any]] = field(default_factory=list)  # failed articles in this run
    rows: dict[str, int] = field(default_factory=dict)  # written in this run, per table
    total_rows: dict[str, int] = field(default_factory=dict)  # in the folder, per table
    seconds: float = 0.0  # the whole run
    work_seconds: float = 0.0  # processing shards only (no planning, cluster start or model loading)
    cpu_seconds: float = 0.0  # CPU time of all workers on the shards
    shard_seconds: float = 0.0  # wall time of all shards summed (/ work_seconds = shards in flight)
    workers: int = 1
    peak_rss_mb: dict[int, float] = field(default_factory=dict)  # per worker process (pid)

    @property
    def failure_reasons(self) -> Counter[str]:
        """Failed articles of this run per error code and message."""
        return Counter(f"{f['code']}: {f['error']}" for f in self.failures)

    @property
    def ok(self) -> bool:
        """True when every shard got done (failed articles do not count against it)."""
        return not self.failed_shards

    @property
    def exit_code(self) -> int:
        """What ``counterclaim batch`` exits with: 0 when every article got analysed, 1 when a
        shard failed as a whole (a rerun retries it), else 2 when any article or input failed."""
        if self.failed_shards:
            return 1
        return 2 if self.failures else 0


def run_batch(
    inputs: Iterable[str],
    out: str | Path,
    *,
    engine: Engine = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    batch_size: int = 16,
    shard_size: int = 500,
    reporter: Reporter | None = None,
) -> BatchSummary:
    """Analyse every article of ``inputs`` (JSONL, Parquet, WARC files or folders of them) and
    write one Parquet dataset per table under ``out``; shards done by an earlier run are skipped.

    Raises ``InputError`` before any work when an input is missing or of an unknown format.
    """
    t0 = time.perf_counter()
    rep: Reporter = reporter or NullReporter()
    out = Path(out).resolve()  # workers may run elsewhere: give them an absolute path
    if out.exists() and not out.is_dir():
        raise OutputError("the output is not a folder (give --out a folder for the tables)", source=str(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot make the output folder: {exc.strerror or exc}", source=str(out)) from exc
    special: list[InputError] = []  # FIFOs, devices and sockets found in input folders
    shards = sources.plan(inputs, shard_size=shard_size, skipped=special)
    output.clean_temporaries(out)
    stale = output.remove_stale(out, shards)
    pending = [s for s in shards if not output.is_done(out, s)]
    known = [s.articles for s in pending]
    total = None if any(n is None for n in known) else sum(n for n in known if n is not None)
    rep.start(total, len(pending), len(shards) - len(pending))
    reports: list[ShardReport] = []

    def collect(report: ShardReport) -> None:
        reports.append(report)
        rep.shard_done(report)

    n_workers = 1
    work_seconds = 0.0
    try:
        if engine == "local":
            t_work = time.perf_counter()
            for shard in pending:
                collect(process_shard(shard, out, batch_size=batch_size, progress=rep.advance))
            work_seconds = time.perf_counter() - t_work
        elif engine == "dask":
            from .dask_engine import run_dask  # noqa: PLC0415 (Dask only when asked for)

            n_workers, work_seconds = run_dask(
                pending,
                out,
                scheduler=scheduler,
                workers=workers,
                batch_size=batch_size,
                on_progress=rep.advance,
                on_report=collect,
            )
        else:
            raise ValueError(f"unknown engine {engine!r} (local or dask)")
    finally:
        rep.stop()
    failed = [r for r in reports if r.status != "done"]
    shard_failures = [
        {
            "shard": r.shard,
            "source": r.uri,
            "article_id": None,
            "code": "E050",
            "error": f"shard failed: {r.error}",
            "where": None,
        }
        for r in failed
    ] + [
        {"shard": None, "source": e.source, "article_id": None, "code": e.code, "error": e.message}
        | {"where": None}
        for e in special
    ]
    output.write_failures(out, shard_failures)
    rows: Counter[str] = Counter()
    peak: dict[int, float] = {}
    for r in reports:
        rows.update(r.rows)
        if r.pid:
            peak[r.pid] = max(peak.get(r.pid, 0.0), r.peak_rss_mb)
    return BatchSummary(
        out=str(out),
        engine=engine,
        shards=len(shards),
        skipped=len(shards) - len(pending),
        processed=len(reports) - len(failed),
        failed_shards=failed,
        stale=stale,
        articles=sum(r.articles for r in reports),
        failures=[f for r in reports for f in r.failures] + shard_failures,
        rows={t: rows.get(t, 0) for t in output.tables.TABLES},
        total_rows=output.table_rows(out),
        seconds=time.perf_counter() - t0,
        work_seconds=work_seconds,
        cpu_seconds=sum(r.cpu_seconds for r in reports),
        shard_seconds=sum(r.seconds for r in reports),
        workers=n_workers,
        peak_rss_mb=peak,
    )


__all__ = ["BatchSummary", "Engine", "NullReporter", "Reporter", "Shard", "run_batch"]
