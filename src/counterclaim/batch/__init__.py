"""Batch analysis: JSONL, Parquet or WARC shards in, one Parquet dataset per table out.

    from counterclaim.batch import run_batch, read_table
    summary = run_batch(["news/2024/"], "out/", engine="dask", workers=4)
    quotes = read_table(Path("out"), "quotes")

See ``runner`` (engines), ``engine`` (one shard), ``sources`` (inputs), ``output`` (layout,
resume) and ``tables`` (flattening records into rows).
"""

from .output import read_table
from .runner import BatchSummary, run_batch
from .tables import TABLES, flatten, schema

__all__ = ["TABLES", "BatchSummary", "flatten", "read_table", "run_batch", "schema"]
