"""The embedded default store: one SQLite file in WAL mode, one table per part of the analysis."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import ArticleConflict, CorruptStore, NotFoundInStore, ReadOnlyStore, StoreError
from ..records import Analysis
from .guard import connect_read_only, probe_sqlite, writable
from .guard import version as guard_version
from .migrations import MIGRATIONS_DDL, pending
from .tables import (
    CHILD_TABLES,
    TABLE_NAMES,
    Batch,
    Prepared,
    Row,
    batches,
    columns_of,
    rows_to_write,
    same_content,
)

SUMMARY_SQL = (
    "SELECT a.id, a.title, a.outlet, a.published, "
    "(SELECT COUNT(*) FROM quotes q WHERE q.article_id = a.id) AS quotes, "
    "(SELECT COUNT(*) FROM figures f WHERE f.article_id = a.id) AS figures, "
    "(SELECT COUNT(*) FROM events e WHERE e.article_id = a.id) AS events "
    "FROM articles a ORDER BY a.published DESC NULLS LAST, {order} LIMIT {limit}"
)
CONFLICT = (
    "the store holds an article with this id but another title or text: refused (an upsert may "
    "replace an article's analysis, never the article)"
)
READ_ONLY_MEDIA = (
    "the store cannot be written here (read-only media, or no write permission on the file or its "
    "folder); commands that only read it work: list, show, serve --read-only"
)
BUMP_SQL = "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) WHERE key = 'generation'"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class SQLiteStore:
    """Analyses in one SQLite file. Thread-safe (one connection behind a lock); every write is one
    transaction, so a failed upsert leaves what was stored before untouched. With ``read_only`` the
    file is opened read-only (it must exist) and every write raises ``StoreError``."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.location = self.path
        self.read_only = read_only
        self._lock = threading.RLock()
        memory = self.path == ":memory:"
        try:
            # what the file is, found by reading only: a foreign, damaged or newer database is
            # refused before anything (a WAL switch, a table) could be written to it
            state = "new" if memory else probe_sqlite(self.path)
            if read_only:
                if state != "ours":
                    why = "no store here (run `counterclaim ingest` first)" if state == "new" else (
                        "not a counterclaim store (no tables)"
                    )
                    raise NotFoundInStore(why, source=self.path)
                self._db = connect_read_only(self.path)
            else:
                if not memory and not writable(self.path):
                    raise ReadOnlyStore(READ_ONLY_MEDIA, source=self.path)
                if not memory:
                    Path(self.path).parent.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(
                    self.path, isolation_level=None, check_same_thread=False, timeout=30
                )
                self._db.execute("PRAGMA foreign_keys = ON")
                if not memory:
                    self._db.execute("PRAGMA journal_mode = WAL")
                self._migrate()
        except sqlite3.DatabaseError as exc:
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise ReadOnlyStore(READ_ONLY_MEDIA, source=self.path) from exc
            raise CorruptStore(f"cannot open the SQLite store: {exc}", source=self.path) from exc
        except OSError as exc:  # the folder cannot be made
            why = exc.strerror or str(exc)
            raise StoreError(f"cannot open the SQLite store: {why}", source=self.path) from exc

    def _reader(self) -> sqlite3.Connection:
        return connect_read_only(self.path)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """Reads that meet a damaged file, or a stored analysis that cannot be read back, fail
        with ``CorruptStore`` (E043) naming the store, not with the driver's own error."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            why = _short(str(exc))
            raise CorruptStore(f"cannot read the store (damaged?): {why}", source=self.path) from exc
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            why = _short(f"{type(exc).__name__}: {exc}")
            raise CorruptStore(f"a stored analysis cannot be read back ({why})", source=self.path) from exc

    # -- versions ------------------------------------------------------------------------------

    def _applied(self) -> int:
        """The highest migration applied (0 for a new file)."""
        tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        found = meta = None
        if "migrations" in tables:
            found = self._db.execute("SELECT MAX(version) FROM migrations").fetchone()[0]
        if "meta" in tables:  # made before the migrations table existed
            row = self._db.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
            meta = row[0] if row is not None else None
        return guard_version(found, meta, self.path)

    def _migrate(self) -> None:
        with self._transaction() as db:
            applied = self._applied()  # checked again under the write lock: a number, not newer
            had_table = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
            ).fetchone()
            db.execute(MIGRATIONS_DDL)
            # a file from before the migrations table: record what it already had
            for v in range(1, 0 if had_table else applied + 1):
                db.execute(
                    "INSERT OR IGNORE INTO migrations VALUES (?, ?, ?)",
                    (v, "applied before this table", _now()),
                )
        for m in pending(applied):
            with self._transaction() as db:
                for stmt in m.statements("sqlite"):
                    db.execute(stmt)
                db.execute("INSERT INTO migrations VALUES (?, ?, ?)", (m.version, m.description, _now()))
                db.execute("INSERT OR REPLACE INTO meta VALUES ('store_version', ?)", (str(m.version),))

    # -- transactions --------------------------------------------------------------------------

    class _Tx:
        def __init__(self, store: SQLiteStore) -> None:
            self.store = store

        def __enter__(self) -> sqlite3.Connection:
            if self.store.read_only:
                raise StoreError("the store is open read-only", source=self.store.path)
            self.store._lock.acquire()
            try:
                self.store._db.execute("BEGIN IMMEDIATE")
            except BaseException:
                self.store._lock.release()
                raise
            return self.store._db

        def __exit__(
            self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
        ) -> None:
            try:
                self.store._db.execute("ROLLBACK" if exc_type else "COMMIT")
            finally:
                self.store._lock.release()

    def _transaction(self) -> SQLiteStore._Tx:
        return SQLiteStore._Tx(self)

    # -- writes --------------------------------------------------------------------------------

    def upsert(self, analysis: Analysis | Prepared) -> bool:
        """Store an analysis; True when something changed. The same analysis again changes nothing;
        a changed analysis of the same article replaces all its rows in one transaction."""
        return self.upsert_many([analysis]) == 1

    def upsert_many(self, analyses: Iterable[Analysis | Prepared], *, batch_size: int = 200) -> int:
        """Store many analyses, ``batch_size`` articles per transaction; returns how many articles
        changed. Each article is stored whole or not at all; a failure stops at its batch, keeping
        every batch before it."""
        if self.read_only:
            raise StoreError("the store is open read-only", source=self.path)
        return sum(self._write_batch(b) for b in batches(analyses, batch_size))

    def _write_batch(self, batch: Batch) -> int:
        ids = list(batch)
        try:
            with self._transaction() as db:
                stored: dict[str, str] = {}
                for i in range(0, len(ids), 500):
                    part = ids[i : i + 500]
                    marks = ", ".join("?" for _ in part)
                    stored.update(
                        db.execute(f"SELECT id, analysis_hash FROM articles WHERE id IN ({marks})", part)
                    )
                todo = [aid for aid in ids if stored.get(aid) != batch[aid][0]["analysis_hash"]]
                if not todo:
                    return 0
                for aid in (a for a in todo if a in stored):  # replace an analysis, never the article
                    old = db.execute("SELECT title, text FROM articles WHERE id = ?", (aid,)).fetchone()
                    if not same_content(old[0], old[1], batch[aid][1]):
                        raise ArticleConflict(CONFLICT, source=f"{self.path} {aid}")
                for aid in todo:
                    art = batch[aid][0]
                    if aid in stored:
                        for t in CHILD_TABLES:
                            db.execute(f"DELETE FROM {t.name} WHERE article_id = ?", (aid,))
                        sets = ", ".join(f"{k} = ?" for k in art if k != "id")
                        db.execute(
                            f"UPDATE articles SET {sets} WHERE id = ?",
                            (*(v for k, v in art.items() if k != "id"), aid),
                        )
                    else:
                        names = ", ".join(art)
                        marks = ", ".join("?" for _ in art)
                        db.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", tuple(art.values()))
                by_table: dict[str, list[Row]] = {}
                for aid in todo:
                    for name, row in rows_to_write(batch[aid]):  # only for what is written
                        by_table.setdefault(name, []).append(row)
                for name, rows in by_table.items():
                    self._insert_rows(db, name, rows)
                db.execute(BUMP_SQL)
                return len(todo)
        except (sqlite3.DatabaseError, UnicodeError) as exc:
            # UnicodeError: text no database can hold as UTF-8 (a lone surrogate); nothing was written
            what = f"article {ids[0]}" if len(ids) == 1 else f"{len(ids)} articles from {ids[0]}"
            raise StoreError(f"cannot store {what}: {exc}", source=self.path) from exc

    def _insert_rows(self, db: sqlite3.Connection, table: str, rows: list[Row]) -> None:
        cols = list(rows[0])
        # INSERT OR REPLACE: the same record content at the same position is, by construction,
        # the same row
        db.executemany(
            f"INSERT OR REPLACE INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
            [tuple(r[c] for c in cols) for r in rows],
        )

    def delete(self, article_id: str) -> bool:
        """Remove an article and all its rows; True when it was there."""
        with self._transaction() as db:
            gone = db.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0
            if gone:
                db.execute(BUMP_SQL)
            return gone

    # -- reads ---------------------------------------------------------------------------------

    def get(self, article_id: str) -> Analysis:
        """The stored analysis of this article, exactly as upserted. Raises ``NotFoundInStore``."""
        with self._lock, self._reading():
            row = self._db.execute(
                "SELECT analysis_json FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        if row is None:
            raise NotFoundInStore(f"no article with id '{article_id}' in the store", source=self.path)
        with self._reading():
            return Analysis.from_json(row[0])

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, in the order the articles were first stored."""
        for row in self.rows("articles", ["analysis_json"]):
            with self._reading():
                a = Analysis.from_json(row["analysis_json"])
            yield a

    def article_ids(self) -> list[str]:
        """Ids of the stored articles, in the order they were first stored."""
        with self._lock, self._reading():
            return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY rowid")]

    def count(self, table: str) -> int:
        """Rows in one table (``articles``, ``quotes``, ``figures`` ...)."""
        if table not in TABLE_NAMES:
            raise StoreError(f"no table '{table}' (tables: {', '.join(TABLE_NAMES)})", source=self.path)
        with self._lock, self._reading():
            return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def rows(self, table: str, columns: Sequence[str]) -> Iterator[dict[str, Any]]:
        """Stream ``columns`` of every row of ``table`` (articles in first-stored order, other
        tables by article and position), reading on a connection of its own."""
        select = _select(table, columns, self.path)
        if self.path == ":memory:":  # one connection only: read all under the lock
            with self._lock, self._reading():
                cur = self._db.execute(select)
                names = [d[0] for d in cur.description]
                fetched = cur.fetchall()
            for r in fetched:
                yield dict(zip(names, r, strict=True))
            return
        with self._reading():
            con = self._reader()
        try:
            with self._reading():
                cur = con.execute(select)
                names = [d[0] for d in cur.description]
            while True:
                with self._reading():
                    chunk = cur.fetchmany(1000)
                if not chunk:
                    break
                for r in chunk:
                    yield dict(zip(names, r, strict=True))
        finally:
            con.close()

    def article_summaries(self, limit: int = 500) -> list[dict[str, Any]]:
        """Id, title, outlet, date and quote/figure/event counts of the newest ``limit`` articles."""
        sql = SUMMARY_SQL.format(order="a.rowid", limit=int(limit))
        with self._lock, self._reading():
            cur = self._db.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def signature(self) -> str:
        """Changes whenever stored content changes (the write counter; file stats for a store made
        before it existed)."""
        with self._lock:
            try:
                row = self._db.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
            except sqlite3.DatabaseError:
                row = None
        if row is not None:
            return f"g{row[0]}"
        sig: list[int] = []
        for p in (self.path, self.path + "-wal"):
            try:
                st = os.stat(p)
                sig += [st.st_mtime_ns, st.st_size]
            except OSError:
                sig += [0, 0]
        return "s" + ":".join(map(str, sig))

    def __contains__(self, article_id: object) -> bool:
        with self._lock, self._reading():
            return (
                self._db.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone() is not None
            )

    def close(self) -> None:
        """Close the connection (idempotent)."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _short(message: str, n: int = 160) -> str:
    """A driver's message cut short: it may quote a whole stored article."""
    return message if len(message) <= n else message[: n - 1] + "…"


def _select(table: str, columns: Sequence[str], source: str, *, order: str = "rowid") -> str:
    """``SELECT columns FROM table ORDER BY ...`` after checking every name against ``tables.py``."""
    if table not in TABLE_NAMES:
        raise StoreError(f"no table '{table}' (tables: {', '.join(TABLE_NAMES)})", source=source)
    known = columns_of(table)
    bad = [c for c in columns if c not in known]
    if bad or not columns:
        raise StoreError(
            f"no column {', '.join(map(repr, bad)) or '(none asked)'} in {table} "
            f"(columns: {', '.join(known)})",
            source=source,
        )
    by = order if table == "articles" else "article_id, position"
    return f"SELECT {', '.join(columns)} FROM {table} ORDER BY {by}"
