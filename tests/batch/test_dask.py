"""The Dask engine on a LocalCluster of worker processes gives the local engine's tables."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from counterclaim.batch import read_table, run_batch, tables

from .conftest import Corpus, write_jsonl, write_parquet


@pytest.mark.slow
def test_dask_gives_identical_tables_to_local(nlp: object, tmp_path: Path, corpus: Corpus) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", corpus[:3], bad_line="not json")
    write_parquet(folder / "b.parquet", corpus[3:])
    local = run_batch([str(folder)], tmp_path / "local", shard_size=2)
    dask = run_batch([str(folder)], tmp_path / "dask", engine="dask", workers=2, shard_size=2)
    assert dask.workers == 2 and dask.engine == "dask"
    assert (local.shards, local.processed, local.articles) == (4, 4, 6)
    assert (dask.shards, dask.processed, dask.articles) == (4, 4, 6)
    for t in tables.TABLES:
        a = read_table(tmp_path / "local", t).sort_by("row_id")
        b = read_table(tmp_path / "dask", t).sort_by("row_id")
        assert a.to_pylist() == b.to_pylist(), t
    fails = [json.loads(x) for x in (tmp_path / "dask" / "failures.jsonl").read_text().splitlines()]
    assert [f["source"] for f in fails] == [f"{folder / 'a.jsonl'}:2"]
    # the same folder rerun on Dask skips every shard
    again = run_batch([str(folder)], tmp_path / "dask", engine="dask", workers=1, shard_size=2)
    assert (again.skipped, again.processed) == (4, 0)
    assert again.total_rows == dask.total_rows


@pytest.mark.slow
def test_workers_we_start_run_without_the_profiler_and_with_less_housekeeping() -> None:
    """Dask's sampling profiler history grew workers by ~15 MB per 1,000 articles: it is off.
    Its event-loop ticks and system and memory monitors run every 1-2 s instead of every
    20-500 ms, in the scheduler, the nanny and the worker alike."""
    from distributed import Client

    from counterclaim.batch.dask_engine import _local_cluster

    def settings(dask_worker: Any) -> tuple[object, float, float, float]:
        import dask

        every = {name: pc.callback_time / 1000 for name, pc in dask_worker.periodic_callbacks.items()}
        memory = dask_worker.memory_manager.memory_monitor_interval
        return dask.config.get("distributed.worker.profile.enabled"), every["tick"], every["monitor"], memory

    cluster = _local_cluster(1)
    try:
        with Client(cluster) as client:
            assert list(client.run(settings).values()) == [(False, 1.0, 2.0, 1.0)]
        for server in (cluster.scheduler, *cluster.workers.values()):  # the scheduler, the nanny
            every = {name: pc.callback_time / 1000 for name, pc in server.periodic_callbacks.items()}
            assert (every["tick"], every["monitor"]) == (1.0, 2.0)
    finally:
        cluster.close()


@pytest.mark.slow
def test_workers_are_forked_with_the_pipeline_loaded_once() -> None:
    """Workers come from a fork server that loaded the pipeline: each starts with it in memory
    (loaded in one other process for all of them), and results still come back in order."""
    from counterclaim.batch.dask_engine import map_in_order

    def where(batch: list[int]) -> tuple[int, int, int | None, bool]:
        import os
        import sys

        from counterclaim import nlp
        from counterclaim.batch import engine

        preload = sys.modules.get("counterclaim.batch.preload")
        ready = nlp._nlp is not None and engine._warmed  # the extractors' first-use loading done too
        return batch[0], os.getpid(), getattr(preload, "LOADED_IN", None), ready

    out = list(map_in_order(where, [[i] for i in range(6)], workers=2))
    assert [n for n, *_ in out] == list(range(6))
    workers = {pid for _, pid, _, _ in out}
    loaded_in = {by for _, _, by, _ in out}
    assert len(workers) == 2 and len(loaded_in) == 1
    assert None not in loaded_in and not workers & loaded_in  # loaded once, before the fork
    assert all(ready for *_, ready in out)


@pytest.mark.slow
def test_without_a_fork_server_workers_load_the_pipeline_themselves(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where there is no fork server (Windows), workers are spawned as before and ``warm``
    loads the pipeline in each."""
    from counterclaim.batch import dask_engine

    monkeypatch.setattr(dask_engine, "FORK_SERVER", False)
    monkeypatch.setattr(dask_engine, "CLUSTER_CONFIG", {"distributed.worker.profile.enabled": False})

    def where(batch: list[int]) -> tuple[int, bool, bool]:
        import sys

        from counterclaim import nlp

        return batch[0], "counterclaim.batch.preload" in sys.modules, nlp._nlp is not None

    out = list(dask_engine.map_in_order(where, [[0], [1]], workers=1))
    assert out == [(0, False, True), (1, False, True)]


@pytest.mark.slow
def test_a_free_worker_gets_the_next_batch_while_an_older_one_runs(tmp_path: Path) -> None:
    """Results come back in input order, but a worker that has finished is not left waiting for
    the oldest batch to end: batch 0 only ends once batch 3 has run (it waits for the file batch 3
    writes), which needs batches 2 and 3 to be handed out while batch 0 still runs."""
    from counterclaim.batch.dask_engine import map_in_order

    flag = tmp_path / "batch-3-ran"

    def step(batch: list[int]) -> str:
        import time

        if batch[0] == 3:
            flag.write_text("ran")
        if batch[0] != 0:
            return f"done {batch[0]}"
        for _ in range(600):  # 60 s at most, so that the old behaviour fails instead of hanging
            if flag.exists():
                return "released"
            time.sleep(0.1)
        return "waited in vain"

    out = list(map_in_order(step, [[i] for i in range(5)], workers=2, window=2))
    assert out == ["released", "done 1", "done 2", "done 3", "done 4"]
