"""How many worker processes to start, and the fork server they are forked from.

A light module (no spaCy, no Dask): ``counterclaim ingest`` decides here whether to analyse on
workers and starts their fork server before it imports anything heavy, so that the fork server
loads the English pipeline on the other core while this process imports Dask and starts the
scheduler, instead of after (benchmarks/RESULTS.md, issue 18).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from itertools import chain, islice

# Starting workers (the local cluster, a process and the English model each) and stopping them
# costs a few seconds idle, more on a busy machine (benchmarks/RESULTS.md, issue 18): with two
# workers the half of the analysis they save outweighs it from about this many articles per
# worker; with fewer, ``default_workers`` analyses in the caller's process.
MIN_ARTICLES_PER_WORKER = 50

# Local workers are forked from a fork server that has imported Dask and counterclaim and loaded
# the pipeline (``preload``): one model load for all of them. A fork server is a fresh,
# single-threaded process, so forking it is safe where forking a process with threads is not.
# Where there is none (Windows), workers are spawned and load the model themselves.
FORK_SERVER = "forkserver" in multiprocessing.get_all_start_methods()
PRELOAD = ("distributed", "counterclaim.batch.preload")


def default_workers(total: int | None) -> int:
    """Worker processes for about ``total`` items when none was asked for: one per CPU, or 1
    (analyse in the caller's process) for fewer than ``MIN_ARTICLES_PER_WORKER`` items per CPU.
    None (not known in advance) counts as many."""
    cpus = os.cpu_count() or 1
    if total is not None and total < MIN_ARTICLES_PER_WORKER * cpus:
        return 1
    return cpus


def plan_workers[T](items: Iterable[T], total: int | None) -> tuple[int, Iterator[T]]:
    """``default_workers`` for a stream whose length may be unknown (a feed, a WARC file): up to
    enough items to decide are read ahead, and handed back in front of the rest."""
    it = iter(items)
    if total is not None:
        return default_workers(total), it
    need = MIN_ARTICLES_PER_WORKER * (os.cpu_count() or 1)
    head = list(islice(it, need))
    return default_workers(len(head) if len(head) < need else None), chain(head, it)


def start_fork_server() -> None:
    """Start the fork server workers come from; it loads the pipeline in the background. A fork
    server this process already runs is kept as it is (its workers then load the pipeline
    themselves, in ``engine.warm``). Dask sets its own preload list later, for a fork server
    started after this one: it does not touch the running one."""
    import multiprocessing.forkserver  # noqa: PLC0415

    multiprocessing.forkserver.set_forkserver_preload(list(PRELOAD))
    multiprocessing.forkserver.ensure_running()


__all__ = [
    "FORK_SERVER",
    "MIN_ARTICLES_PER_WORKER",
    "PRELOAD",
    "default_workers",
    "plan_workers",
    "start_fork_server",
]
