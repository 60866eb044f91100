"""The shared store: PostgreSQL through SQLAlchemy Core, with the tables and migrations of SQLite.

    store = open_store("postgresql://user:password@host:5432/counterclaim")

Several processes may write at once (``ingest`` on two machines, ``load`` beside ``serve``): every
write is one transaction, a new article is inserted with ``ON CONFLICT DO NOTHING`` and then
compared under a row lock, so two writers of the same article store it once; each transaction
first takes its articles' advisory locks in id order, so writers of overlapping batches never
deadlock. Migrations run under an advisory lock. Bulk loads (``upsert_many``) write child rows with ``COPY``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from types import TracebackType
from typing import Any

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import SQLAlchemyError

from ..errors import ArticleConflict, NotFoundInStore, StoreError
from ..records import Analysis
from . import redact
from .guard import classify
from .guard import version as guard_version
from .migrations import MARKER_KEY, MIGRATIONS_DDL, pending
from .sqlite import CONFLICT, SUMMARY_SQL, _select
from .tables import CHILD_TABLES, TABLE_NAMES, Batch, Prepared, Row, batches, rows_to_write, same_content

# one key for every counterclaim store: migrations of two processes never interleave
MIGRATION_LOCK = 0x636F756E74  # "count"
BUMP_SQL = "UPDATE meta SET value = (CAST(value AS BIGINT) + 1)::text WHERE key = 'generation'"


def engine_url(url: str) -> str:
    """``postgresql://`` (or ``postgres://``) as SQLAlchemy's psycopg 3 URL."""
    for prefix in ("postgresql+psycopg://", "postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    raise StoreError(
        "not a PostgreSQL URL (postgresql://user:password@host:port/database)", source=redact(url)
    )


def _explain(exc: BaseException) -> str:
    """The database's own message, first line only (never the URL, which may hold a password)."""
    orig = getattr(exc, "orig", None) or exc
    msg = str(orig).strip().splitlines()
    return msg[0] if msg else type(orig).__name__


class SQLAlchemyStore:
    """Analyses in a PostgreSQL database: the same tables, ids and behaviour as ``SQLiteStore``."""

    def __init__(self, url: str, *, read_only: bool = False, pool_size: int = 4) -> None:
        self.location = redact(url)
        self.read_only = read_only
        try:
            self._engine: Engine = create_engine(
                engine_url(url),
                pool_size=pool_size,
                max_overflow=4,
                pool_pre_ping=True,
                connect_args={"connect_timeout": 10, "application_name": "counterclaim"},
            )
            if read_only:
                self._check_version()
            else:
                self._migrate()
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open the PostgreSQL store: {_explain(exc)}", source=self.location
            ) from exc

    # -- versions ------------------------------------------------------------------------------

    def _applied(self, con: Connection) -> int:
        has = con.execute(text("SELECT to_regclass('migrations') IS NOT NULL")).scalar()
        if not has:
            return 0
        return int(con.execute(text("SELECT COALESCE(MAX(version), 0) FROM migrations")).scalar() or 0)

    def _probe(self, con: Connection) -> str:
        """'empty' or 'ours' (``store/guard.py``), reading only; a database holding other tables
        and no counterclaim marker raises ``ForeignStore`` before anything is written to it."""
        tables: dict[str, set[str]] = {}
        for t, c in con.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema()"
            )
        ):
            tables.setdefault(t, set()).add(c)
        meta: dict[str, str] = {}
        if {"key", "value"} <= tables.get("meta", set()):
            sql = text("SELECT key, value FROM meta WHERE key IN (:m, 'store_version')")
            meta = {k: v for k, v in con.execute(sql, {"m": MARKER_KEY})}
        state = classify(tables, meta.get(MARKER_KEY), None, self.location, meta.get("store_version"))
        if state == "ours":
            found = None
            if "version" in tables.get("migrations", set()):
                found = con.execute(text("SELECT MAX(version) FROM migrations")).scalar()
            guard_version(found, meta.get("store_version"), self.location)
        return state

    def _check_version(self) -> None:
        with self._engine.connect() as con:
            state = self._probe(con)
        if state != "ours":
            raise NotFoundInStore(
                "no counterclaim store in this database (run `counterclaim ingest` or `load` first)",
                source=self.location,
            )

    def _migrate(self) -> None:
        with self._engine.begin() as con:
            con.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATION_LOCK})
            self._probe(con)  # someone else's tables, or a newer store: refused, nothing written
            con.execute(text(MIGRATIONS_DDL))
            applied = self._applied(con)
            # each migration in the same locked transaction: all of them or none
            for m in pending(applied):
                for stmt in m.statements("postgresql"):
                    con.execute(text(stmt))
                con.execute(
                    text("INSERT INTO migrations VALUES (:v, :d, :t)"),
                    {"v": m.version, "d": m.description, "t": dt.datetime.now(dt.UTC).isoformat()},
                )
                con.execute(
                    text(
                        "INSERT INTO meta VALUES ('store_version', :v) "
                        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
                    ),
                    {"v": str(m.version)},
                )

    # -- writes --------------------------------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError("the store is open read-only", source=self.location)

    def upsert(self, analysis: Analysis | Prepared) -> bool:
        """Store an analysis; True when something changed (see ``SQLiteStore.upsert``)."""
        return self.upsert_many([analysis]) == 1

    def upsert_many(self, analyses: Iterable[Analysis | Prepared], *, batch_size: int = 200) -> int:
        """Store many analyses, ``batch_size`` articles per transaction; returns how many changed."""
        self._writable()
        return sum(self._write_batch(b) for b in batches(analyses, batch_size))

    def _write_batch(self, batch: Batch) -> int:
        ids = list(batch)
        try:
            with self._engine.begin() as con:
                # each article's lock taken in id order before any row is written: two writers of
                # overlapping batches wait on each other in one order and never deadlock (rows
                # still go in in input order, which is the order articles are listed in)
                con.execute(
                    text(
                        "SELECT pg_advisory_xact_lock(k) FROM (SELECT hashtextextended(i, 0) AS k "
                        "FROM unnest(CAST(:ids AS text[])) AS i ORDER BY i) AS o"
                    ),
                    {"ids": ids},
                )
                # new articles first; a concurrent writer's insert of the same id makes ours a no-op
                new_rows = [batch[i][0] for i in ids]
                cols = list(new_rows[0])
                inserted = set(
                    con.execute(
                        text(
                            f"INSERT INTO articles ({', '.join(cols)}) "
                            f"SELECT {', '.join(cols)} FROM jsonb_populate_recordset(NULL::articles, :rows) "
                            "ON CONFLICT (id) DO NOTHING RETURNING id"
                        ),
                        {"rows": _json_rows(new_rows)},
                    ).scalars()
                )
                rest = [i for i in ids if i not in inserted]
                todo = [i for i in ids if i in inserted]
                if rest:
                    found = con.execute(
                        text(
                            "SELECT id, analysis_hash, title, text FROM articles WHERE id = ANY(:ids) "
                            "ORDER BY id FOR UPDATE"
                        ),
                        {"ids": rest},
                    ).all()
                    stored = {r[0]: r[1] for r in found}
                    replaced = [i for i in rest if stored.get(i) != batch[i][0]["analysis_hash"]]
                    for r in found:  # an analysis may be replaced, never the article under it
                        if r[0] in replaced and not same_content(r[2], r[3], batch[r[0]][1]):
                            raise ArticleConflict(CONFLICT, source=f"{self.location} {r[0]}")
                    if replaced:
                        for t in CHILD_TABLES:
                            con.execute(
                                text(f"DELETE FROM {t.name} WHERE article_id = ANY(:ids)"), {"ids": replaced}
                            )
                        sets = ", ".join(f"{k} = :{k}" for k in cols if k != "id")
                        con.execute(
                            text(f"UPDATE articles SET {sets} WHERE id = :id"),
                            [batch[i][0] for i in replaced],
                        )
                    todo += replaced
                if not todo:
                    return 0
                by_table: dict[str, list[Row]] = {}
                for aid in todo:
                    for name, row in rows_to_write(batch[aid]):  # only for what is written
                        by_table.setdefault(name, []).append(row)
                for name, rows in by_table.items():
                    self._copy_rows(con, name, rows)
                con.execute(text(BUMP_SQL))
                return len(todo)
        except (SQLAlchemyError, psycopg.Error, UnicodeError) as exc:
            # UnicodeError: text PostgreSQL cannot hold (a lone surrogate); nothing was written
            what = f"article {ids[0]}" if len(ids) == 1 else f"{len(ids)} articles from {ids[0]}"
            raise StoreError(f"cannot store {what}: {_explain(exc)}", source=self.location) from exc

    def _copy_rows(self, con: Connection, table: str, rows: list[Row]) -> None:
        """Child rows by ``COPY`` (ids are content hashes: a row is never written twice)."""
        cols = list(rows[0])
        raw = con.connection.driver_connection
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as copy:
            for r in rows:
                copy.write_row(tuple(r[c] for c in cols))

    def delete(self, article_id: str) -> bool:
        """Remove an article and all its rows; True when it was there."""
        self._writable()
        try:
            with self._engine.begin() as con:
                gone = con.execute(text("DELETE FROM articles WHERE id = :id"), {"id": article_id}).rowcount
                if gone:
                    con.execute(text(BUMP_SQL))
                return gone > 0
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot delete {article_id}: {_explain(exc)}", source=self.location) from exc

    # -- reads ---------------------------------------------------------------------------------

    def _scalar(self, sql: str, params: dict[str, Any] | None = None) -> Any:
        try:
            with self._engine.connect() as con:
                return con.execute(text(sql), params or {}).scalar()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store: {_explain(exc)}", source=self.location) from exc

    def get(self, article_id: str) -> Analysis:
        """The stored analysis of this article, exactly as upserted. Raises ``NotFoundInStore``."""
        js = self._scalar("SELECT analysis_json FROM articles WHERE id = :id", {"id": article_id})
        if js is None:
            raise NotFoundInStore(f"no article with id '{article_id}' in the store", source=self.location)
        return Analysis.from_json(js)

    def analyses(self) -> Iterator[Analysis]:
        """Every stored analysis, in the order the articles were first stored."""
        for row in self.rows("articles", ["analysis_json"]):
            yield Analysis.from_json(row["analysis_json"])

    def article_ids(self) -> list[str]:
        """Ids of the stored articles, in the order they were first stored."""
        return [r["id"] for r in self.rows("articles", ["id"])]

    def count(self, table: str) -> int:
        """Rows in one table (``articles``, ``quotes``, ``figures`` ...)."""
        if table not in TABLE_NAMES:
            raise StoreError(f"no table '{table}' (tables: {', '.join(TABLE_NAMES)})", source=self.location)
        return int(self._scalar(f"SELECT COUNT(*) FROM {table}"))

    def rows(self, table: str, columns: Sequence[str]) -> Iterator[dict[str, Any]]:
        """Stream ``columns`` of every row of ``table`` with a server-side cursor (articles in
        first-stored order, other tables by article and position)."""
        select = _select(table, columns, self.location, order="seq")
        try:
            with self._engine.connect() as con:
                result = con.execution_options(stream_results=True, yield_per=1000).execute(text(select))
                for r in result.mappings():
                    yield dict(r)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read {table}: {_explain(exc)}", source=self.location) from exc

    def article_summaries(self, limit: int = 500) -> list[dict[str, Any]]:
        """Id, title, outlet, date and quote/figure/event counts of the newest ``limit`` articles."""
        sql = SUMMARY_SQL.format(order="a.seq", limit=int(limit))
        try:
            with self._engine.connect() as con:
                return [dict(r) for r in con.execute(text(sql)).mappings()]
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot read the store: {_explain(exc)}", source=self.location) from exc

    def signature(self) -> str:
        """Changes whenever stored content changes (the write counter in ``meta``)."""
        return f"g{self._scalar("SELECT value FROM meta WHERE key = 'generation'")}"

    def __contains__(self, article_id: object) -> bool:
        if not isinstance(article_id, str):
            return False
        return self._scalar("SELECT 1 FROM articles WHERE id = :id", {"id": article_id}) is not None

    def close(self) -> None:
        """Close every pooled connection (idempotent)."""
        self._engine.dispose()

    def __enter__(self) -> SQLAlchemyStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def _json_rows(rows: list[Row]) -> str:
    """Rows as one JSON array, for ``jsonb_populate_recordset`` (one round trip for a batch)."""
    return json.dumps(rows, ensure_ascii=False)


__all__ = ["SQLAlchemyStore", "engine_url"]
