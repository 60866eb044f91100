"""The Dask engine: one task per shard on a distributed cluster of worker processes.

Without a scheduler address a ``LocalCluster`` is started here (``workers`` processes, one
thread each: spaCy is not shared between threads, and each process keeps its own pipeline).
With an address the run joins that cluster; its workers must have counterclaim installed and see
the input files and the output folder at the same paths (a shared filesystem).

Workers report progress as Dask events (``log_event``) on a per-run topic; the client turns them
into article counts. Only shards (small dataclasses) and reports travel over the wire, never the
pipeline or the articles.

``map_in_order`` runs any function over batches on the same kind of local cluster and hands the
results back in input order, a bounded number of batches in flight: ``ingest --workers N``
analyses articles that way while its own process stores them.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import uuid
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .engine import ShardReport, process_shard, warm
from .sources import Shard
from .workers import FORK_SERVER, start_fork_server


def _task(shard: Shard, out: str, batch_size: int, topic: str) -> ShardReport:
    """Runs on a worker: process one shard, logging progress events as batches finish."""
    from distributed import get_worker  # noqa: PLC0415

    try:
        worker: Any = get_worker()
    except ValueError:  # not on a worker (e.g. a synchronous test scheduler)
        worker = None

    def progress(n: int) -> None:
        if worker is not None:
            worker.log_event(topic, {"shard": shard.id, "n": n})

    return process_shard(shard, out, batch_size=batch_size, progress=progress)


# Dask's statistical profiler keeps an hour of sampled call stacks on every worker; on spaCy's
# deep stacks that history grew a worker by about 15 MB per 1,000 articles. Workers we start
# run without it (on a cluster of your own: DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED=False).
# Workers are forked from a fork server that has loaded the pipeline (``workers.start_fork_server``,
# ``preload``): a worker starts in a fraction of a second instead of importing counterclaim and
# loading the model again (2.5 CPU s each).
# Dask's housekeeping is also cut down: on an idle two-worker cluster its event-loop health
# ticks (every 20 ms) and system and memory monitors (every 0.5 and 0.1 s) took 0.04 of a core in
# this process and 0.017 in each worker, about 1.4 CPU s taken from the analysis over a 20 s
# ingest; at these intervals, 0.25 CPU s (benchmarks/RESULTS.md, issue 18). The nanny still
# checks each worker's memory every second. The scheduler, the nannies and the workers all start
# with this configuration.
CLUSTER_CONFIG: dict[str, Any] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}
if FORK_SERVER:
    CLUSTER_CONFIG["distributed.worker.multiprocessing-method"] = "forkserver"


def _local_cluster(n: int) -> Any:
    """A cluster of ``n`` single-threaded worker processes on this machine, profiler off, forked
    from a fork server that has loaded the pipeline."""
    import dask  # noqa: PLC0415
    from distributed import LocalCluster  # noqa: PLC0415

    with dask.config.set(CLUSTER_CONFIG), warnings.catch_warnings():
        if FORK_SERVER:
            start_fork_server()  # at once, if ``ingest`` has not already
        # the scheduler's HTTP server (metrics; the dashboard is off) says so when another
        # cluster holds its default port and it takes a free one: nothing for our user to do
        warnings.filterwarnings("ignore", message="Port .* is already in use", category=UserWarning)
        return LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )


def run_dask(
    shards: list[Shard],
    out: Path,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    batch_size: int = 16,
    on_progress: Callable[[int], None] | None = None,
    on_report: Callable[[ShardReport], None] | None = None,
) -> tuple[int, float]:
    """Process ``shards`` on Dask, calling ``on_report`` as each finishes.

    Returns the number of workers and the seconds spent on the shards (after cluster start-up
    and pipeline loading)."""
    from distributed import Client, as_completed  # noqa: PLC0415

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        n = workers or os.cpu_count() or 1
        cluster = _local_cluster(n)
        client = Client(cluster)
    topic = f"counterclaim-progress-{uuid.uuid4().hex}"
    lock = threading.Lock()
    advanced: dict[str, int] = {}  # articles reported so far per shard
    finished: set[str] = set()

    def on_event(event: tuple[float, dict[str, Any]]) -> None:
        msg = event[1]
        with lock:
            if msg["shard"] in finished:
                return
            advanced[msg["shard"]] = advanced.get(msg["shard"], 0) + msg["n"]
        if on_progress is not None:
            on_progress(msg["n"])

    try:
        client.subscribe_topic(topic, on_event)
        client.run(warm)  # load the pipeline on every worker before timing starts
        n_workers = len(client.scheduler_info()["workers"])
        t0 = time.perf_counter()
        futures = [
            client.submit(
                _task, s, str(out), batch_size, topic, key=f"counterclaim-{s.id}-{uuid.uuid4().hex[:8]}"
            )
            for s in shards
        ]
        by_key = {f.key: s for f, s in zip(futures, shards, strict=True)}
        for fut in as_completed(futures):
            shard = by_key[fut.key]
            try:
                report: ShardReport = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker: the shard stays undone
                report = ShardReport(shard.id, shard.uri, "failed", error=f"{type(exc).__name__}: {exc}")
            items = report.articles + len(report.failures)
            with lock:
                finished.add(shard.id)
                rest = items - advanced.get(shard.id, 0)
            if on_progress is not None and rest > 0:
                on_progress(rest)
            if on_report is not None:
                on_report(report)
            fut.release()
        return n_workers, time.perf_counter() - t0
    finally:
        client.unsubscribe_topic(topic)
        client.close()
        if cluster is not None:
            cluster.close()


def map_in_order(
    fn: Callable[..., Any],
    batches: Iterable[Any],
    *,
    workers: int | None = None,
    window: int | None = None,
    **kwargs: Any,
) -> Iterator[Any]:
    """``fn(batch, **kwargs)`` for each batch, run on a local cluster of ``workers`` single-threaded
    worker processes (the pipeline loaded on each before the first batch), yielded in input order.

    At most ``window`` batches (default: two per worker) are running or waiting to run; a worker
    that finishes gets the next batch at once, even while an older batch is still running (its
    result is held until the older ones are yielded, at most ``HELD`` windows of them), so
    memory stays flat however many batches come and no worker waits on another's long batch.
    ``batches`` is read lazily as room frees up. A batch whose worker was lost yields the
    exception instead of its result. The cluster is shut down when the iterator is exhausted or
    closed.
    """
    n = workers or os.cpu_count() or 1
    cluster = _local_cluster(n)
    from distributed import Client, wait  # noqa: PLC0415

    client = Client(cluster)
    try:
        client.run(warm)
        room = window or 2 * n
        held: deque[Any] = deque()  # submitted and not yet yielded, oldest first
        it = iter(batches)
        exhausted = False
        while True:
            running = sum(not f.done() for f in held)
            while not exhausted and running < room and len(held) < HELD * room:
                batch = next(it, _END)
                if batch is _END:
                    exhausted = True
                    break
                held.append(client.submit(fn, batch, key=f"counterclaim-{uuid.uuid4().hex}", **kwargs))
                running += 1
            if not held:
                return
            if not held[0].done():
                # wait for any batch to end: a free worker gets the next one before the oldest ends
                wait([f for f in held if not f.done()], return_when="FIRST_COMPLETED")
                continue
            fut = held.popleft()
            try:
                result = fut.result()
            except Exception as exc:  # noqa: BLE001 - a lost worker: that batch fails, the rest go on
                result = exc
            fut.release()
            yield result
    finally:
        _quietly_close(client, cluster)


# finished batches held for in-order delivery, in windows: bounds memory when one batch is slow
HELD = 4
_END = object()


def _quietly_close(client: Any, cluster: Any) -> None:
    """Shut the client and the cluster down without the connection errors Dask logs when
    workers go first."""
    quiet = [logging.getLogger(name) for name in ("distributed", "tornado")]
    levels = [lg.level for lg in quiet]
    for lg in quiet:
        lg.setLevel(logging.CRITICAL)
    try:
        client.close()
        cluster.close()
    finally:
        for lg, level in zip(quiet, levels, strict=True):
            lg.setLevel(level)
