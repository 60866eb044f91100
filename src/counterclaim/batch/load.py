"""Loading analyses into a store: batch output folders or analysis JSON lines in, upserts out.

    from counterclaim.batch.load import load, read_analyses
    with open_store("postgresql://user@host/db") as store:
        summary = load("out/", store, batch_size=500)
    for analysis in read_analyses("out/"):  # or "analyses.jsonl", or a folder of them
        ...

A batch output folder (``batch/output.py``) is read shard by shard, only shards with a marker
(done); each shard's eight Parquet files are read as Arrow tables and turned into ``Analysis``
objects one article at a time (``tables.analysis_from_rows``), so memory is bounded by one shard.
A ``.jsonl``/``.json`` file (or a folder of them) holds what ``counterclaim analyze --format
json`` prints: one analysis per line, or pretty-printed analyses one after another.

Loading goes through ``Store.upsert_many`` in batches; the store makes each write atomic, so an
interrupted load leaves each article either fully stored or absent, and loading again changes
only what is missing or different.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import (
    CounterclaimError,
    InputNotFound,
    InputTooLarge,
    InternalError,
    InvalidAnalysis,
    MalformedInput,
    StoreError,
    UnsupportedFormat,
)
from ..ingest.checks import human_size
from ..ingest.files import bounded_lines, open_regular
from ..records import Analysis
from ..store import TABLE_NAMES, Store, redact
from . import output, tables

JSON_SUFFIXES = (".jsonl", ".ndjson", ".json")
MAX_ANALYSIS_BYTES = 256 * 1024 * 1024  # one analysis of a 1,000,000-character article is far less
BAD = InvalidAnalysis.code  # an item that reads as JSON but is no analysis
MAX_FAILED_BATCHES = 3  # whole batches failing article by article in a row: the store is unusable


@dataclass(slots=True)
class LoadFailure:
    """An item that could not be read or stored: where it is, its article id when known, why."""

    source: str
    error: str
    article_id: str | None = None
    code: str = MalformedInput.code  # the numbered error: unreadable input unless said otherwise

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "article_id": self.article_id, "code": self.code, "error": self.error}


@dataclass(slots=True)
class LoadSummary:
    """What a load did. ``articles`` were read; each was ``changed``, ``unchanged`` or failed."""

    source: str
    store: str  # the store's location, password redacted
    articles: int = 0
    changed: int = 0
    unchanged: int = 0
    failures: list[LoadFailure] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=lambda: dict.fromkeys(tables.TABLES, 0))  # read
    store_rows: dict[str, int] = field(default_factory=dict)  # in the store after the load
    shards: int = 0  # done shards read
    skipped_shards: list[str] = field(default_factory=list)  # shards without a done marker
    seconds: float = 0.0
    aborted: str | None = None  # why the load stopped early (the store kept failing)

    @property
    def ok(self) -> bool:
        return not self.failures and self.aborted is None

    @property
    def rate(self) -> float:
        """Articles read per second."""
        return self.articles / self.seconds if self.seconds else 0.0

    def failure_reasons(self) -> Counter[str]:
        """Failures counted by their error message."""
        return Counter(f.error for f in self.failures)

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "store": self.store,
            "articles": self.articles,
            "changed": self.changed,
            "unchanged": self.unchanged,
            "failures": [f.to_dict() for f in self.failures],
            "rows": dict(self.rows),
            "store_rows": dict(self.store_rows),
            "shards": self.shards,
            "skipped_shards": list(self.skipped_shards),
            "seconds": round(self.seconds, 3),
            "aborted": self.aborted,
        }


def is_batch_output(folder: Path) -> bool:
    """True for a folder written by ``counterclaim batch`` (markers or table folders)."""
    return (folder / output.MARKERS).is_dir() or any((folder / t).is_dir() for t in tables.TABLES)


def _json_files(folder: Path) -> list[Path]:
    """The .jsonl/.ndjson/.json files under ``folder``, leaving out hidden and '_' names."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix.lower() in JSON_SUFFIXES
        and not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts)
    )


class AnalysisReader:
    """Streams the analyses of a batch output folder, a JSON lines file or a folder of them.

    Iterating yields ``Analysis`` objects; items that cannot be read are appended to
    ``failures`` and skipped. ``rows`` counts rows read per batch table, ``shards`` the done
    shards read, ``skipped_shards`` the shards without a done marker. Raises ``InputNotFound``
    for a missing path and ``UnsupportedFormat`` for one that is neither kind of input.
    """

    def __init__(self, source: str | Path) -> None:
        self.path = Path(source)
        self.failures: list[LoadFailure] = []
        self.rows: dict[str, int] = dict.fromkeys(tables.TABLES, 0)
        self.shards = 0
        self.skipped_shards: list[str] = []
        if not self.path.exists():
            raise InputNotFound("no such file or folder", source=str(source))
        if self.path.is_dir():
            if is_batch_output(self.path):
                self.kind = "batch"
            elif _json_files(self.path):
                self.kind = "json"
            else:
                raise UnsupportedFormat(
                    "not a batch output folder (no _shards/ or table folders such as articles/) "
                    "and no .jsonl/.json analyses in it",
                    source=str(source),
                )
        elif self.path.suffix.lower() in JSON_SUFFIXES:
            self.kind = "json"
        else:
            raise UnsupportedFormat(
                "expected a batch output folder or a .jsonl/.json file of analyses", source=str(source)
            )

    # -- batch output ------------------------------------------------------------------------

    def done_shards(self) -> list[str]:
        """Ids of the shards marked done, in name order."""
        folder = self.path / output.MARKERS
        return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []

    def undone_shards(self) -> list[str]:
        """Ids of shards with table files but no done marker (interrupted or still running)."""
        done = set(self.done_shards())
        found = {
            p.stem
            for t in tables.TABLES
            if (self.path / t).is_dir()
            for p in (self.path / t).glob("*.parquet")
            if not p.name.startswith((".", "_"))
        }
        return sorted(found - done)

    def total(self) -> int | None:
        """Articles the done shards hold (from Parquet footers); None for JSON input."""
        if self.kind != "batch":
            return None
        n = 0
        for sid in self.done_shards():
            p = output.table_file(self.path, "articles", sid)
            try:
                n += pq.ParquetFile(p).metadata.num_rows
            except (OSError, pa.ArrowException):
                continue  # reported when the shard is read
        return n

    def _read_shard(self, sid: str) -> Iterator[Analysis]:
        where = f"{self.path / output.MARKERS / sid}.json"
        try:
            marker = json.loads((self.path / output.MARKERS / f"{sid}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            self.failures.append(LoadFailure(where, f"unreadable shard marker: {exc}"))
            return
        try:
            parts = {t: pq.read_table(output.table_file(self.path, t, sid)) for t in tables.TABLES}
        except (OSError, pa.ArrowException) as exc:
            msg = f"shard marked done but its tables are unreadable: {exc}"
            self.failures.append(LoadFailure(where, msg))
            return
        expected = marker.get("rows") or {}
        short = [t for t in tables.TABLES if t in expected and expected[t] != parts[t].num_rows]
        if short:
            got = ", ".join(f"{t} {parts[t].num_rows} (marker {expected[t]})" for t in short)
            self.failures.append(LoadFailure(where, f"shard rows differ from its marker: {got}"))
            return
        self.shards += 1
        for t in tables.TABLES:
            self.rows[t] += parts[t].num_rows
        yield from self._shard_analyses(sid, parts)

    def _shard_analyses(self, sid: str, parts: dict[str, pa.Table]) -> Iterator[Analysis]:
        """One analysis per article of a shard (its rows grouped by article id)."""
        where = str(output.table_file(self.path, "articles", sid))
        children: dict[str, dict[str, list[tables.Row]]] = {}
        for t in tables.TABLES[1:]:
            for r in parts[t].to_pylist():
                children.setdefault(r["article_id"], {}).setdefault(t, []).append(r)
            parts[t] = tables.schema(t).empty_table()  # the rows live on as dicts only
        art_rows = parts["articles"].to_pylist()
        counts = Counter(r["article_id"] for r in art_rows)
        seen: set[str] = set()
        for art in art_rows:
            aid = art["article_id"]
            if aid in seen:
                continue
            seen.add(aid)
            if counts[aid] > 1 and len({r["row_id"] for r in art_rows if r["article_id"] == aid}) > 1:
                msg = f"article appears {counts[aid]} times in the shard with different metadata"
                self.failures.append(LoadFailure(where, msg, aid))
                continue
            try:
                mine = children.pop(aid, {})
                if counts[aid] > 1:
                    mine = {t: _once(rows) for t, rows in mine.items()}
                yield tables.analysis_from_rows(art, mine)
            except (ValueError, TypeError, KeyError) as exc:
                self.failures.append(LoadFailure(where, f"cannot rebuild the analysis: {exc}", aid, code=BAD))

    # -- JSON lines --------------------------------------------------------------------------

    def _read_json(self, path: Path) -> Iterator[Analysis]:
        """Analyses in a file: one per line, or pretty-printed ones one after another. A regular
        file only (a FIFO would block); no analysis may hold more than ``MAX_ANALYSIS_BYTES``."""
        try:
            fh = open_regular(path)
        except CounterclaimError as exc:
            self.failures.append(LoadFailure(str(path), exc.message, code=exc.code))
            return
        with fh:
            buf: list[bytes] = []
            size = 0
            start = 0
            for n, raw in bounded_lines(fh, MAX_ANALYSIS_BYTES):
                if raw is not None and not buf and not raw.strip():
                    continue
                if not buf:
                    start = n
                if raw is None or size + len(raw) > MAX_ANALYSIS_BYTES:
                    limit = human_size(MAX_ANALYSIS_BYTES)
                    self.failures.append(
                        LoadFailure(f"{path}:{start}", f"an analysis over {limit}", code=InputTooLarge.code)
                    )
                    buf, size = [], 0
                    continue
                buf.append(raw)
                size += len(raw)
                # a pretty-printed analysis opens with a lone '{' and closes with a lone '}'
                if buf[0].strip() == b"{" and raw.rstrip() != b"}":
                    continue
                a = self._parse_bytes(b"".join(buf), f"{path}:{start}")
                buf, size = [], 0
                if a is not None:
                    self._count(a)
                    yield a
            if buf:  # the file ends inside a pretty-printed analysis
                a = self._parse_bytes(b"".join(buf), f"{path}:{start}")
                if a is not None:
                    self._count(a)
                    yield a

    def _parse_bytes(self, data: bytes, where: str) -> Analysis | None:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.failures.append(LoadFailure(where, f"not UTF-8 text: {exc.reason}"))
            return None
        return self._parse(text, where)

    def _count(self, a: Analysis) -> None:
        """Count an analysis' records as the batch tables would hold them."""
        self.rows["articles"] += 1
        for t in tables.RECORD_OF:
            self.rows[t] += len(getattr(a, t))

    def _parse(self, text: str, where: str) -> Analysis | None:
        try:
            data = json.loads(text)
        except (ValueError, RecursionError) as exc:  # also nested thousands deep, 5000-digit numbers
            self.failures.append(LoadFailure(where, f"malformed JSON: {str(exc)[:200]}"))
            return None
        if not isinstance(data, dict) or not isinstance(data.get("article"), dict):
            self.failures.append(LoadFailure(where, "not an analysis (no 'article' object)", code=BAD))
            return None
        aid = data["article"].get("id")
        try:
            a = Analysis.from_dict(data)
        except (TypeError, ValueError, KeyError, AttributeError) as exc:
            self.failures.append(LoadFailure(where, f"not an analysis: {exc}", _id(aid), code=BAD))
            return None
        if not isinstance(a.article.id, str) or not a.article.id:
            self.failures.append(LoadFailure(where, "the article has no id", None, code=BAD))
            return None
        return a

    def __iter__(self) -> Iterator[Analysis]:
        if self.kind == "batch":
            self.skipped_shards = self.undone_shards()
            for sid in self.done_shards():
                yield from self._read_shard(sid)
        else:
            for p in [self.path] if self.path.is_file() else _json_files(self.path):
                yield from self._read_json(p)


def _id(value: Any) -> str | None:
    """An article id as read from untrusted JSON: a string, or nothing."""
    return value if isinstance(value, str) else None


def _once(rows: list[tables.Row]) -> list[tables.Row]:
    """One article's rows of a table, each position once: the same article analysed twice in a
    shard gives identical rows twice; rows that differ at one position cannot be told apart."""
    by_pos: dict[int, tables.Row] = {}
    for r in rows:
        prev = by_pos.setdefault(r["position"], r)
        if prev["row_id"] != r["row_id"]:
            raise ValueError(f"two different rows at position {r['position']}")
    return list(by_pos.values())


def read_analyses(source: str | Path) -> Iterator[Analysis]:
    """Every analysis in a batch output folder (done shards only), a .jsonl/.json file of
    analyses or a folder of them, streamed. Raises ``MalformedInput`` at an unreadable item."""
    reader = AnalysisReader(source)
    for a in reader:
        if reader.failures:
            break
        yield a
    if reader.failures:
        f = reader.failures[0]
        raise MalformedInput(f.error, source=f.source)


def _message(exc: BaseException) -> str:
    return exc.message if isinstance(exc, CounterclaimError) else f"{type(exc).__name__}: {exc}"


def scrub(message: str, location: str) -> str:
    """``message`` without the password of ``location`` (driver errors may quote the URL)."""
    loc = str(location)
    if "://" in loc and "@" in loc:
        creds = loc.split("://", 1)[1].rpartition("@")[0]
        if ":" in creds:
            password = creds.split(":", 1)[1]
            if password:
                message = message.replace(loc, redact(loc)).replace(password, "***")
    return message


def load(
    source: str | Path,
    store: Store,
    *,
    batch_size: int = 200,
    progress: Callable[[int], None] | None = None,
    reader: AnalysisReader | None = None,
) -> LoadSummary:
    """Upsert every analysis of ``source`` (see ``AnalysisReader``) into ``store``.

    Analyses go to ``store.upsert_many`` ``batch_size`` at a time; ``progress`` is called with
    the number of articles each batch held. A batch the store refuses is retried article by
    article so one bad article fails alone; after ``MAX_FAILED_BATCHES`` batches in a row where
    every article failed, the load stops (``summary.aborted``). Each article is stored whole or
    not at all (the store's transactions), so an interrupted load can simply be run again.
    """
    reader = reader or AnalysisReader(source)
    location = getattr(store, "location", None) or getattr(store, "path", "") or ""
    summary = LoadSummary(source=str(source), store=redact(location))
    t0 = time.perf_counter()
    failed_batches = 0
    stored_failures = 0

    def flush(batch: list[Analysis]) -> bool:
        nonlocal failed_batches, stored_failures
        try:
            summary.changed += store.upsert_many(batch, batch_size=batch_size)
            failed_batches = 0
        except Exception as exc:  # retried one by one below, so the bad article is named
            first = scrub(_message(exc), location)
            failed = 0
            for a in batch:
                try:
                    summary.changed += int(store.upsert(a))
                except Exception as one:  # the store's error for this article
                    msg = _message(one)
                    code = one.code if isinstance(one, CounterclaimError) else InternalError.code
                    where = summary.source
                    summary.failures.append(LoadFailure(where, scrub(msg, location), a.article.id, code=code))
                    failed += 1
            stored_failures += failed
            failed_batches = failed_batches + 1 if failed == len(batch) else 0
            if failed_batches >= MAX_FAILED_BATCHES:
                summary.aborted = f"the store failed {failed_batches} batches in a row: {first}"
                return False
        if progress is not None:
            progress(len(batch))
        return True

    batch: list[Analysis] = []
    try:
        for a in reader:
            summary.articles += 1
            batch.append(a)
            if len(batch) >= batch_size:
                going = flush(batch)
                batch = []
                if not going:
                    break
        if batch and summary.aborted is None:
            flush(batch)
    finally:
        summary.seconds = time.perf_counter() - t0
        summary.failures[:0] = reader.failures  # read failures first, then store failures
        summary.rows = dict(reader.rows)
        summary.shards = reader.shards
        summary.skipped_shards = list(reader.skipped_shards)
        summary.unchanged = summary.articles - summary.changed - stored_failures
    try:
        summary.store_rows = {t: store.count(t) for t in TABLE_NAMES}
    except (CounterclaimError, OSError) as exc:
        summary.store_rows = {}
        if summary.aborted is None:
            raise StoreError(scrub(f"cannot count rows: {exc}", location), source=summary.store) from exc
    return summary


__all__ = [
    "AnalysisReader",
    "LoadFailure",
    "LoadSummary",
    "is_batch_output",
    "load",
    "read_analyses",
    "scrub",
]
