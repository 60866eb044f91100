"""Batch analysis: JSONL, Parquet or WARC shards in, one Parquet dataset per table out.

    from counterclaim.batch import run_batch, read_table
    summary = run_batch(["news/2024/"], "out/", engine="dask", workers=4)
    quotes = read_table(Path("out"), "quotes")

See ``runner`` (engines), ``engine`` (one shard), ``sources`` (inputs), ``output`` (layout,
resume) and ``tables`` (flattening records into rows).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .tables import TABLES, flatten, schema

if TYPE_CHECKING:
    from .output import read_table
    from .runner import BatchSummary, run_batch

# The runner (and through it the engine, spaCy and the extractors) and the Parquet output
# (pyarrow) are imported on first use, so that importing a light part of the package
# (``tables``) loads neither: the command line, and ``ingest`` before it starts its workers,
# stay quick to start.
_LAZY = {"BatchSummary": ".runner", "run_batch": ".runner", "read_table": ".output"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["TABLES", "BatchSummary", "flatten", "read_table", "run_batch", "schema"]
