"""The Dask engine on a LocalCluster of worker processes gives the local engine's tables."""

from __future__ import annotations

import json
from pathlib import Path

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
def test_workers_we_start_run_without_the_profiler() -> None:
    """Dask's sampling profiler history grew workers by ~15 MB per 1,000 articles: it is off."""
    from distributed import Client

    from counterclaim.batch.dask_engine import _local_cluster

    def profiling() -> object:
        import dask

        return dask.config.get("distributed.worker.profile.enabled")

    cluster = _local_cluster(1)
    try:
        with Client(cluster) as client:
            assert list(client.run(profiling).values()) == [False]
    finally:
        cluster.close()
