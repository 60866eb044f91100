"""The output folder: one Parquet dataset per table, one file per shard, a marker per done shard.

    DIR/articles/<shard>.parquet ... DIR/inconsistencies/<shard>.parquet
    DIR/_shards/<shard>.json          written last: the shard is done (counts, failures)
    DIR/failures.jsonl                every failed article, rebuilt from the markers each run

A shard's table files are written under hidden temporary names and renamed into place only when
the whole shard has been analysed, then its marker is written (also by rename). A crash leaves at
most temporary files and unmarked outputs; a rerun redoes exactly the unmarked shards, replacing
their files, so no row is ever written twice. pyarrow skips names starting with '.' or '_' when it
reads a folder as a dataset, so ``pyarrow.dataset.dataset(DIR / "quotes")`` sees only done files.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from . import tables
from .sources import Shard

MARKERS = "_shards"
FAILURES = "failures.jsonl"
FLUSH_ROWS = 20_000  # rows buffered per table before a row group is written


def table_file(out: Path, table: str, shard_id: str) -> Path:
    """Where a shard's rows of one table live."""
    return out / table / f"{shard_id}.parquet"


def marker_file(out: Path, shard_id: str) -> Path:
    return out / MARKERS / f"{shard_id}.json"


def _atomic_write_text(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


class ShardWriter:
    """Streams one shard's rows into temporary Parquet files; ``commit`` renames them into place."""

    def __init__(self, out: Path, shard_id: str) -> None:
        self.out = out
        self.shard_id = shard_id
        self.rows = dict.fromkeys(tables.TABLES, 0)
        self._buffers: dict[str, list[dict[str, Any]]] = {t: [] for t in tables.TABLES}
        self._writers: dict[str, pq.ParquetWriter] = {}
        self._tmp: dict[str, Path] = {}
        token = uuid.uuid4().hex
        for t in tables.TABLES:
            final = table_file(out, t, shard_id)
            final.parent.mkdir(parents=True, exist_ok=True)
            self._tmp[t] = final.with_name(f".{final.name}.{token}.tmp")

    def add(self, rows: dict[str, list[dict[str, Any]]]) -> None:
        """Buffer one analysis' rows (``tables.flatten`` output), writing full buffers out."""
        for t, rs in rows.items():
            self._buffers[t].extend(rs)
            self.rows[t] += len(rs)
            if len(self._buffers[t]) >= FLUSH_ROWS:
                self._flush(t)

    def _flush(self, t: str) -> None:
        if t not in self._writers:
            self._writers[t] = pq.ParquetWriter(self._tmp[t], tables.schema(t), compression="zstd")
        self._writers[t].write_table(tables.to_table(t, self._buffers[t]))
        self._buffers[t].clear()

    def commit(self) -> None:
        """Write what is buffered (an empty table still gets its file and schema), rename in place."""
        for t in tables.TABLES:
            if self._buffers[t] or t not in self._writers:
                self._flush(t)
            self._writers.pop(t).close()
        for t in tables.TABLES:
            os.replace(self._tmp[t], table_file(self.out, t, self.shard_id))

    def abort(self) -> None:
        """Drop the temporary files (the shard stays undone)."""
        for w in self._writers.values():
            with contextlib.suppress(Exception):  # a half-written file may not close; it is removed
                w.close()
        self._writers.clear()
        for p in self._tmp.values():
            p.unlink(missing_ok=True)


def write_marker(
    out: Path,
    shard: Shard,
    *,
    articles: int,
    failures: list[dict[str, Any]],
    rows: dict[str, int],
    seconds: float,
) -> None:
    """Mark a shard done (after its table files are in place)."""
    path = marker_file(out, shard.id)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "shard": shard.to_dict(),
        "articles": articles,
        "failures": failures,
        "rows": rows,
        "seconds": round(seconds, 3),
    }
    _atomic_write_text(path, json.dumps(body, ensure_ascii=False, indent=1))


def read_markers(out: Path) -> Iterator[dict[str, Any]]:
    """Every done shard's marker in the folder."""
    folder = out / MARKERS
    if not folder.is_dir():
        return
    for p in sorted(folder.glob("*.json")):
        try:
            yield json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue  # unreadable marker: the shard counts as not done


def is_done(out: Path, shard: Shard) -> bool:
    """The shard has a marker for the same file version and all its table files exist."""
    path = marker_file(out, shard.id)
    try:
        marker = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if marker.get("shard", {}).get("fingerprint") != shard.fingerprint:
        return False
    return all(table_file(out, t, shard.id).exists() for t in tables.TABLES)


def remove_shard(out: Path, shard_id: str) -> None:
    """Delete a shard's marker and outputs (marker first, so a crash leaves it undone)."""
    marker_file(out, shard_id).unlink(missing_ok=True)
    for t in tables.TABLES:
        table_file(out, t, shard_id).unlink(missing_ok=True)


def remove_stale(out: Path, planned: list[Shard]) -> list[str]:
    """Remove done shards of the planned files whose ranges are no longer planned (the shard
    size or the file changed), so their rows are not counted twice. Returns their ids."""
    uris = {s.uri for s in planned}
    ids = {s.id for s in planned}
    stale = [
        m["shard"]["id"]
        for m in read_markers(out)
        if m.get("shard", {}).get("uri") in uris and m["shard"]["id"] not in ids
    ]
    for sid in stale:
        remove_shard(out, sid)
    return stale


def clean_temporaries(out: Path) -> None:
    """Remove temporary files left by a crashed run."""
    for t in [*tables.TABLES, MARKERS]:
        folder = out / t
        if folder.is_dir():
            for p in folder.glob(".*.tmp"):
                p.unlink(missing_ok=True)


def write_failures(out: Path, extra: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rebuild DIR/failures.jsonl from every marker plus ``extra`` (shards that failed whole)."""
    failures = [f for m in read_markers(out) for f in m.get("failures", [])] + extra
    _atomic_write_text(out / FAILURES, "".join(json.dumps(f, ensure_ascii=False) + "\n" for f in failures))
    return failures


def table_rows(out: Path) -> dict[str, int]:
    """Rows per table across every done shard in the folder (from Parquet footers)."""
    counts = dict.fromkeys(tables.TABLES, 0)
    for m in read_markers(out):
        sid = m["shard"]["id"]
        for t in tables.TABLES:
            p = table_file(out, t, sid)
            if p.exists():
                counts[t] += pq.ParquetFile(p).metadata.num_rows
    return counts


def read_table(out: str | Path, table: str) -> pa.Table:
    """One table of a batch output, all done shards together."""
    import pyarrow.dataset as ds  # noqa: PLC0415

    folder = Path(out) / table
    if not folder.is_dir():
        return tables.schema(table).empty_table()
    return ds.dataset(folder, format="parquet", schema=tables.schema(table)).to_table()
