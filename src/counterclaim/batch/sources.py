"""Input shards: JSONL, Parquet and WARC files, local or on an object store, cut into shards.

A shard is a slice of one input file (``start``..``stop`` articles, counted from 0), the unit
the engine processes, writes and marks done. JSONL and Parquet files longer than the shard size
are cut into several shards; a WARC file is always one shard (it cannot be entered midway).
Paths with a scheme (``s3://``, ``gs://``, ``hdfs://`` ...) are opened through pyarrow's
filesystems, with whatever credentials the environment gives them.

Rows become ``Article``s through ``counterclaim.ingest`` (``article_from_object``, the same
conversion ``counterclaim ingest`` uses) when it is importable, else through a minimal fallback;
bad rows are yielded as their ``InputError`` in place, never dropped.
"""

from __future__ import annotations

import datetime as dt
import glob
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import Any, Literal

from ..errors import (
    InputError,
    InputNotFound,
    InputTooLarge,
    MalformedInput,
    MissingField,
    NotRegularFile,
    UnsupportedFormat,
)
from ..ingest.checks import human_size, max_bytes
from ..ingest.files import bounded_lines
from ..records import Article, hash_id

Format = Literal["jsonl", "parquet", "warc"]
Item = Article | InputError

SUFFIXES: dict[str, Format] = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".jsonl.gz": "jsonl",
    ".ndjson.gz": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".warc": "warc",
    ".warc.gz": "warc",
}
PARQUET_COLUMNS = ("title", "text", "url", "outlet", "published")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True, slots=True)
class Shard:
    """One unit of work: articles ``start`` (inclusive) to ``stop`` (exclusive) of one file."""

    id: str
    uri: str  # absolute local path or URL
    format: Format
    start: int = 0
    stop: int | None = None  # None: to the end of the file
    fingerprint: str = ""  # size and modification time of the file when planned
    articles: int | None = None  # how many articles it holds, when known before reading

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- finding files ------------------------------------------------------------------------------


def _filesystem(uri: str) -> tuple[Any, str]:
    """(pyarrow filesystem, path inside it) for a local path or a URL."""
    from pyarrow import fs  # noqa: PLC0415

    if _SCHEME.match(uri) and not uri.startswith("file://"):
        return fs.FileSystem.from_uri(uri)
    path = uri[len("file://") :] if uri.startswith("file://") else uri
    return fs.LocalFileSystem(), os.path.abspath(path)


def _format_of(name: str) -> Format | None:
    low = name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if low.endswith(suffix):
            return SUFFIXES[suffix]
    return None


def _uri(fsys: Any, root: str, path: str, given: str) -> str:
    """A URI that reopens ``path`` (found under ``root``, which ``given`` named): a plain path for
    local files; for remote ones ``given`` plus the path below it, keeping host and options."""
    if type(fsys).__name__ == "LocalFileSystem":
        return path
    rel = path[len(root) :].strip("/")
    return given if not rel else f"{given.rstrip('/')}/{rel}"


def _hidden(root: str, path: str) -> bool:
    """A file or folder below ``root`` whose name starts with '.' or '_' (caches, markers)."""
    return any(part.startswith((".", "_")) for part in path[len(root) :].split("/") if part)


def find_files(
    inputs: Iterable[str], *, skipped: list[InputError] | None = None
) -> list[tuple[str, Format, str]]:
    """(uri, format, fingerprint) of every input file; folders are walked, local globs expanded.

    Raises ``InputNotFound`` for a path that does not exist, ``NotRegularFile`` for a FIFO, device
    or socket named as an input, and ``UnsupportedFormat`` for a file that is neither JSONL, Parquet
    nor WARC. Such special files inside a folder are appended to ``skipped`` as ``NotRegularFile``
    (never opened: a FIFO would block).
    """
    from pyarrow import fs  # noqa: PLC0415

    found: list[tuple[str, Format, str]] = []
    for given in inputs:
        names = [given]
        if not _SCHEME.match(given) and not os.path.exists(given) and glob.has_magic(given):
            names = sorted(glob.glob(given, recursive=True)) or [given]
        for name in names:
            fsys, path = _filesystem(name)
            info = fsys.get_file_info(path)
            if info.type == fs.FileType.NotFound:
                raise InputNotFound("no such file or folder", source=name)
            if info.type == fs.FileType.Unknown:  # a FIFO, device or socket
                raise NotRegularFile("not a regular file (a FIFO, device or socket): not read", source=name)
            if info.type == fs.FileType.Directory:
                listing = fsys.get_file_info(fs.FileSelector(path, recursive=True))
                if skipped is not None:
                    skipped.extend(
                        NotRegularFile(
                            "not a regular file (a FIFO, device or socket): not read, skipped",
                            source=_uri(fsys, path, i.path, name),
                        )
                        for i in sorted(listing, key=lambda i: i.path)
                        if i.type == fs.FileType.Unknown
                        and _format_of(i.base_name)
                        and not _hidden(path, i.path)
                    )
                files = sorted(
                    (
                        i
                        for i in listing
                        if i.type == fs.FileType.File
                        and _format_of(i.base_name)
                        and not _hidden(path, i.path)
                    ),
                    key=lambda i: i.path,
                )
                if not files:
                    raise InputNotFound("the folder holds no .jsonl, .parquet or .warc files", source=name)
            else:
                files = [info]
            for f in files:
                fmt = _format_of(f.base_name)
                if fmt is None:
                    raise UnsupportedFormat(
                        "batch reads .jsonl, .parquet and .warc(.gz) files",
                        source=_uri(fsys, path, f.path, name),
                    )
                mtime = f.mtime_ns if f.mtime_ns is not None else ""
                found.append((_uri(fsys, path, f.path, name), fmt, f"{f.size}:{mtime}"))
    return list({f[0]: f for f in found}.values())  # a file named twice is read once


def _stem(uri: str) -> str:
    base = uri.rstrip("/").rsplit("/", 1)[-1]
    base = re.sub(r"(\.(jsonl|ndjson|parquet|pq|warc))?(\.gz)?$", "", base, flags=re.I)
    return re.sub(r"[^A-Za-z0-9_-]+", "-", base).strip("-")[:40] or "shard"


def plan(
    inputs: Iterable[str], *, shard_size: int = 500, skipped: list[InputError] | None = None
) -> list[Shard]:
    """The shards of these inputs, in input order. ``shard_size`` articles at most per shard
    (JSONL and Parquet); shard ids are stable for the same file, range and shard size. Special
    files found in folders go to ``skipped`` (see ``find_files``)."""
    if shard_size < 1:
        raise ValueError("shard_size must be at least 1")
    shards: list[Shard] = []
    for uri, fmt, fingerprint in find_files(inputs, skipped=skipped):
        total = count_articles(uri, fmt)
        if fmt == "warc" or total is None or total <= shard_size:
            ranges = [(0, None)]
        else:
            ranges = [(s, min(s + shard_size, total)) for s in range(0, total, shard_size)]
        for start, stop in ranges:
            n = None if total is None else (stop if stop is not None else total) - start
            sid = f"{_stem(uri)}-{hash_id(uri, start, stop, length=12)}"
            shards.append(Shard(sid, uri, fmt, start, stop, fingerprint, n))
    return shards


# --- counting and reading -------------------------------------------------------------------------


def _open_stream(uri: str) -> Any:
    fsys, path = _filesystem(uri)
    compression = "gzip" if path.lower().endswith(".gz") else None
    return fsys.open_input_stream(path, compression=compression)


def count_articles(uri: str, fmt: Format) -> int | None:
    """How many articles a file holds (JSONL: non-blank lines; Parquet: rows); None for WARC."""
    if fmt == "jsonl":
        n = 0
        with _open_stream(uri) as raw:
            for _, line in bounded_lines(io.BufferedReader(raw, buffer_size=1 << 20), max_line()):  # type: ignore[arg-type]
                if line is None or line.strip():  # an over-long line is an article that fails
                    n += 1
        return n
    if fmt == "parquet":
        import pyarrow.parquet as pq  # noqa: PLC0415

        fsys, path = _filesystem(uri)
        return pq.ParquetFile(fsys.open_input_file(path)).metadata.num_rows
    return None


def read_shard(shard: Shard) -> Iterator[Item]:
    """The shard's articles in file order; a bad row is yielded as its ``InputError``.

    Raises ``InputError`` when the file as a whole cannot be read.
    """
    if shard.format == "jsonl":
        yield from _read_jsonl(shard)
    elif shard.format == "parquet":
        yield from _read_parquet(shard)
    else:
        yield from _read_warc(shard)


def _in_range(i: int, shard: Shard) -> bool:
    return i >= shard.start and (shard.stop is None or i < shard.stop)


def _read_jsonl(shard: Shard) -> Iterator[Item]:
    i = -1
    limit = max_line()
    with _open_stream(shard.uri) as raw:
        # each line read at most ``limit`` bytes at a time, decompressed bytes included: one
        # gzipped line that inflates to a gigabyte costs ``limit`` bytes, not a gigabyte
        for lineno, line in bounded_lines(io.BufferedReader(raw, buffer_size=1 << 20), limit):  # type: ignore[arg-type]
            if line is not None and not line.strip():
                continue
            i += 1
            if shard.stop is not None and i >= shard.stop:
                return
            if i < shard.start:
                continue
            where = f"{shard.uri}:{lineno}"
            if line is None:
                yield InputTooLarge(f"the line is over the {human_size(limit)} limit", source=where)
                continue
            yield _jsonl_item(line, where)


def max_line() -> int:
    """The most bytes one JSONL line may hold: the article size limit (``--max-size``,
    $COUNTERCLAIM_MAX_BYTES; 5 MB by default)."""
    return max_bytes()


def _jsonl_item(line: bytes, where: str) -> Item:
    try:
        text = _decode(line, where)
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return MalformedInput(f"line is not JSON (column {exc.colno}: {exc.msg})", source=where)
    except InputError as exc:
        return exc
    return _article(obj, where)


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        from ..ingest.readers import decode  # noqa: PLC0415 (legacy encodings, when ingest has it)
    except ImportError:
        raise MalformedInput("the line is not UTF-8", source=where) from None
    return decode(data, source=where)[0]


def _article(obj: Any, where: str) -> Item:
    """A JSON object or Parquet row as an Article (via ingest when available)."""
    try:
        try:
            from ..ingest.readers import article_from_object  # noqa: PLC0415
        except ImportError:
            return _fallback_article(obj, where)
        return article_from_object(obj, source=where)
    except InputError as exc:
        return exc


def _fallback_article(obj: Any, where: str) -> Article:
    """Minimal conversion used when ``counterclaim.ingest`` has no object reader."""
    if not isinstance(obj, dict):
        got = type(obj).__name__
        raise MalformedInput(f"expected an object with 'title' and 'text', got {got}", source=where)
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MissingField("the row has no 'text'", source=where)
    published = obj.get("published")
    if published and not _ISO_DATE.match(published):
        published = published[:10] if _ISO_DATE.match(published[:10]) else None
    return Article.make(
        text.strip() + "\n",
        title=(obj.get("title") or "").strip(),
        url=obj.get("url") or None,
        outlet=obj.get("outlet") or None,
        published=published or None,
        source=where,
    )


def _plain_value(value: Any) -> Any:
    """Parquet dates and timestamps as ISO dates; everything else unchanged."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _read_parquet(shard: Shard) -> Iterator[Item]:
    import pyarrow.parquet as pq  # noqa: PLC0415

    fsys, path = _filesystem(shard.uri)
    pf = pq.ParquetFile(fsys.open_input_file(path))
    names = set(pf.schema_arrow.names)
    if "text" not in names:
        raise MissingField("the Parquet file has no 'text' column", source=shard.uri)
    columns = [c for c in PARQUET_COLUMNS if c in names]
    first = 0  # index of the first row of the current row group
    for g in range(pf.metadata.num_row_groups):
        rows = pf.metadata.row_group(g).num_rows
        last = first + rows
        if last <= shard.start or (shard.stop is not None and first >= shard.stop):
            first = last
            continue
        for k, row in enumerate(pf.read_row_group(g, columns=columns).to_pylist()):
            i = first + k
            if _in_range(i, shard):
                obj = {c: _plain_value(v) for c, v in row.items() if v is not None}
                yield _article(obj, f"{shard.uri}#row={i}")
        first = last


def _read_warc(shard: Shard) -> Iterator[Item]:
    if _SCHEME.match(shard.uri):
        raise UnsupportedFormat("WARC files are read from local paths only", source=shard.uri)
    try:
        from ..ingest import read_path  # noqa: PLC0415
    except ImportError as exc:
        raise UnsupportedFormat(f"reading WARC needs counterclaim.ingest ({exc})", source=shard.uri) from exc
    yield from read_path(shard.uri)
