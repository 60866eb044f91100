"""The embedded default store: one SQLite file in WAL mode, one table per part of the analysis."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

from ..errors import NotFoundInStore, StoreError
from ..records import Analysis
from .tables import ARTICLE_COLUMNS, CHILD_TABLES, STORE_VERSION, TABLE_NAMES, Table, article_row, child_rows


def _ddl() -> list[str]:
    cols = ", ".join(f"{n} {t}" for n, t in ARTICLE_COLUMNS)
    stmts = [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, {cols})",
    ]
    for t in CHILD_TABLES:
        cols = ", ".join(f"{n} {ty}" for n, ty in t.columns)
        stmts.append(
            f"CREATE TABLE IF NOT EXISTS {t.name} (id TEXT PRIMARY KEY, "
            f"article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
            f"position INTEGER NOT NULL, {cols}, record TEXT NOT NULL)"
        )
        stmts.append(f"CREATE INDEX IF NOT EXISTS {t.name}_article ON {t.name} (article_id, position)")
    return stmts


class SQLiteStore:
    """Analyses in one SQLite file. Thread-safe (one connection behind a lock); every write is one
    transaction, so a failed upsert leaves what was stored before untouched."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self._db.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self._db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open the SQLite store: {exc}", source=self.path) from exc

    def _migrate(self) -> None:
        with self._transaction():
            for stmt in _ddl():
                self._db.execute(stmt)
            row = self._db.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
            if row is None:
                self._db.execute("INSERT INTO meta VALUES ('store_version', ?)", (str(STORE_VERSION),))
            elif int(row[0]) > STORE_VERSION:
                raise StoreError(
                    f"made by a newer counterclaim (store version {row[0]}; this one reads {STORE_VERSION})",
                    source=self.path,
                )

    class _Tx:
        def __init__(self, store: SQLiteStore) -> None:
            self.store = store

        def __enter__(self) -> sqlite3.Connection:
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

    # -- the Store interface -------------------------------------------------------------------

    def upsert(self, analysis: Analysis) -> bool:
        """Store an analysis; True when something changed. The same analysis again changes nothing;
        a changed analysis of the same article replaces all its rows in one transaction."""
        analysis_json = analysis.to_json()
        art = article_row(analysis, analysis_json)
        try:
            with self._transaction() as db:
                row = db.execute("SELECT analysis_hash FROM articles WHERE id = ?", (art["id"],)).fetchone()
                if row is not None and row[0] == art["analysis_hash"]:
                    return False
                if row is None:
                    names = ", ".join(art)
                    marks = ", ".join("?" for _ in art)
                    db.execute(f"INSERT INTO articles ({names}) VALUES ({marks})", tuple(art.values()))
                else:
                    for t in CHILD_TABLES:
                        db.execute(f"DELETE FROM {t.name} WHERE article_id = ?", (art["id"],))
                    sets = ", ".join(f"{k} = ?" for k in art if k != "id")
                    db.execute(
                        f"UPDATE articles SET {sets} WHERE id = ?",
                        (*(v for k, v in art.items() if k != "id"), art["id"]),
                    )
                for table, child in child_rows(analysis):
                    self._insert(db, table, child)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot store article {art['id']}: {exc}", source=self.path) from exc
        return True

    def _insert(self, db: sqlite3.Connection, table: Table, row: dict[str, object]) -> None:
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        # INSERT OR REPLACE: two identical records at one position cannot happen, but the same
        # record content at the same position is, by construction, the same row
        db.execute(f"INSERT OR REPLACE INTO {table.name} ({names}) VALUES ({marks})", tuple(row.values()))

    def get(self, article_id: str) -> Analysis:
        """The stored analysis of this article, exactly as upserted. Raises ``NotFoundInStore``."""
        with self._lock:
            row = self._db.execute(
                "SELECT analysis_json FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
        if row is None:
            raise NotFoundInStore(f"no article with id '{article_id}' in the store", source=self.path)
        return Analysis.from_json(row[0])

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, in the order the articles were first stored."""
        for aid in self.article_ids():
            try:
                yield self.get(aid)
            except NotFoundInStore:
                continue  # removed since the listing

    def article_ids(self) -> list[str]:
        """Ids of the stored articles, in the order they were first stored."""
        with self._lock:
            return [r[0] for r in self._db.execute("SELECT id FROM articles ORDER BY rowid")]

    def count(self, table: str) -> int:
        """Rows in one table (``articles``, ``quotes``, ``figures`` ...)."""
        if table not in TABLE_NAMES:
            raise StoreError(f"no table '{table}' (tables: {', '.join(TABLE_NAMES)})", source=self.path)
        with self._lock:
            return int(self._db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])

    def delete(self, article_id: str) -> bool:
        """Remove an article and all its rows; True when it was there."""
        with self._transaction() as db:
            return db.execute("DELETE FROM articles WHERE id = ?", (article_id,)).rowcount > 0

    def __contains__(self, article_id: object) -> bool:
        with self._lock:
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
