"""The web app's own read-side index: a separate SQLite file built from any store.

It holds one flat row per figure (``claims``, indexed for the explorer's filters), the same rows
summed per day (``claims_daily``, which the chart and the row count read, so rendering does not
scan every figure), and an FTS5 table over article text and quotes (``search``). The store (a
SQLite file or a PostgreSQL server) is read only through the ``Store`` interface, streaming its
rows; nothing is written to it. The index is the web's own cache and stays a SQLite file whatever
the store. Every query is parametrised.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..compare.claims import normalise_subject
from ..store import Store, open_store, redact

FILTERS: tuple[str, ...] = ("party", "category", "claimant", "outlet")

_CLAIM_COLS: tuple[str, ...] = (
    "article_id", "position", "series", "category", "subject", "party", "claimant", "claimant_kind",
    "outlet", "published", "as_of", "day", "value", "low", "high", "qualifier", "title", "span_start",
    "span_end",
)  # fmt: skip

_DDL = (
    f"CREATE TABLE claims (id INTEGER PRIMARY KEY, {', '.join(_CLAIM_COLS)})",
    "CREATE TABLE claims_daily (series, category, subject, party, claimant, outlet, day, lo, hi, n)",
    "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, article_id UNINDEXED, position UNINDEXED, "
    "who, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT)",
)
_INDEXES = (
    "CREATE INDEX claims_day ON claims (day DESC, id)",
    *(f"CREATE INDEX claims_{c} ON claims ({c} COLLATE NOCASE, day DESC)" for c in FILTERS),
    *(f"CREATE INDEX daily_{c} ON claims_daily ({c} COLLATE NOCASE, day)" for c in FILTERS),
    "CREATE INDEX daily_day ON claims_daily (day)",
)


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """The explorer's filters; empty fields do not filter. Dates are ISO strings, inclusive."""

    party: str = ""
    category: str = ""
    claimant: str = ""
    outlet: str = ""
    since: str = ""
    until: str = ""

    def where(self) -> tuple[str, list[str]]:
        """A parametrised SQL condition over ``claims`` or ``claims_daily`` columns."""
        conds: list[str] = []
        args: list[str] = []
        for col in FILTERS:
            val = getattr(self, col)
            if val:
                conds.append(f"{col} = ? COLLATE NOCASE")
                args.append(val)
        if self.since:
            conds.append("day >= ?")
            args.append(self.since)
        if self.until:
            conds.append("day <= ?")
            args.append(self.until + "\uffff")  # an until date keeps that whole day
        return (" AND ".join(conds) or "1"), args


@functools.lru_cache(maxsize=4096)
def _series_subject(subject: str) -> str:
    return normalise_subject(subject) if subject else "unspecified"


def read_only(db_path: str) -> sqlite3.Connection:
    """A read-only connection to the SQLite index file (never the store: that goes through ``Store``)."""
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    con.row_factory = sqlite3.Row
    return con


_ARTICLE_META = ("id", "title", "outlet", "published")
_FIGURE_COLS = (
    "article_id", "position", "category", "subject", "party", "claimant_name", "claimant_kind", "as_of",
    "value", "low", "high", "qualifier", "span_start", "span_end",
)  # fmt: skip


def build_index(store: Store | str | Path, index_path: str) -> None:
    """Build the index file from ``store`` (an open store, or a location to open read-only),
    replacing any earlier index atomically."""
    if not isinstance(store, str | Path):
        _build(store, index_path)
        return
    with open_store(store, read_only=True) as opened:
        _build(opened, index_path)


def _build(store: Store, index_path: str) -> None:
    tmp = f"{index_path}.{os.getpid()}.{threading.get_ident()}.tmp"
    Path(tmp).unlink(missing_ok=True)
    out = sqlite3.connect(tmp)
    try:
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("PRAGMA synchronous = OFF")
        for stmt in _DDL:
            out.execute(stmt)
        with out:
            # article metadata only (no text) is held, to join each figure to its article
            meta = {r["id"]: r for r in store.rows("articles", _ARTICLE_META)}
            out.executemany(
                f"INSERT INTO claims ({', '.join(_CLAIM_COLS)}) VALUES ({', '.join('?' * len(_CLAIM_COLS))})",
                _claim_rows(store, meta),
            )
            del meta
            out.execute(
                "INSERT INTO claims_daily SELECT series, category, subject, party, claimant, outlet, day, "
                "MIN(COALESCE(low, value)), MAX(COALESCE(high, value)), COUNT(*) FROM claims "
                "GROUP BY series, category, subject, party, claimant, outlet, day"
            )
            out.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?)", _search_rows(store))
            out.execute("INSERT INTO info VALUES ('store', ?)", (redact(store.location),))
        for stmt in _INDEXES:
            out.execute(stmt)
        out.execute("ANALYZE")
    except BaseException:
        out.close()
        Path(tmp).unlink(missing_ok=True)
        raise
    out.close()
    os.replace(tmp, index_path)


def _claim_rows(store: Store, meta: dict[str, dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
    for r in store.rows("figures", _FIGURE_COLS):
        a = meta.get(r["article_id"])
        if a is None:
            continue  # its article was deleted while the index was being built
        subject = _series_subject(r["subject"] or "")
        party = (r["party"] or "").strip()
        series = f"{r['category']} · {subject}" + (f" · {party}" if party else "")
        day = r["as_of"] or a["published"] or ""
        yield (
            r["article_id"], r["position"], series, r["category"], subject, party, r["claimant_name"] or "",
            r["claimant_kind"], a["outlet"] or "", a["published"], r["as_of"], day, r["value"], r["low"],
            r["high"], r["qualifier"], a["title"], r["span_start"], r["span_end"],
        )  # fmt: skip


def _search_rows(store: Store) -> Iterator[tuple[Any, ...]]:
    for r in store.rows("articles", ("id", "title", "text", "outlet")):
        yield ("article", r["id"], None, r["outlet"] or "", f"{r['title']}\n{r['text']}")
    for r in store.rows("quotes", ("article_id", "position", "speaker_name", "text")):
        yield ("quote", r["article_id"], r["position"], r["speaker_name"] or "", r["text"] or "")


@dataclass(slots=True)
class Page:
    """One page of explorer rows and the total matching."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class WebIndex:
    """Queries over an index file built by ``build_index``; one read-only connection per thread."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()

    def _db(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None or getattr(self._local, "inode", None) != _inode(self.path):
            if con is not None:
                con.close()
            con = read_only(self.path)
            self._local.con = con
            self._local.inode = _inode(self.path)
        return con

    def choices(self) -> dict[str, list[str]]:
        """Distinct values of each filter column, for the explorer's drop-downs."""
        db = self._db()
        return {
            c: [r[0] for r in db.execute(f"SELECT DISTINCT {c} FROM claims_daily WHERE {c} != '' ORDER BY 1")]
            for c in FILTERS
        }

    def claims(self, f: ClaimFilter, *, page: int = 1, per_page: int = 50) -> Page:
        """One page of figures matching ``f``, newest first."""
        cond, args = f.where()
        db = self._db()
        total = db.execute(f"SELECT COALESCE(SUM(n), 0) FROM claims_daily WHERE {cond}", args).fetchone()[0]
        rows = db.execute(
            f"SELECT * FROM claims WHERE {cond} ORDER BY day DESC, id LIMIT ? OFFSET ?",
            [*args, per_page, (max(page, 1) - 1) * per_page],
        )
        return Page([dict(r) for r in rows], int(total), max(page, 1), per_page)

    def all_claims(self, f: ClaimFilter) -> Iterator[dict[str, Any]]:
        """Every figure matching ``f`` (for the CSV download), newest first."""
        cond, args = f.where()
        for r in self._db().execute(f"SELECT * FROM claims WHERE {cond} ORDER BY day DESC, id", args):
            yield dict(r)

    def series(self, f: ClaimFilter, *, limit: int = 6) -> list[dict[str, Any]]:
        """The ``limit`` largest series matching ``f``: per claimant, (day, low, high) points."""
        cond, args = f.where()
        db = self._db()
        top = db.execute(
            f"SELECT series, SUM(n) AS n FROM claims_daily WHERE {cond} AND day != '' "
            "GROUP BY series ORDER BY n DESC, series LIMIT ?",
            [*args, limit],
        ).fetchall()
        out = []
        for s in top:
            lines: dict[str, list[tuple[str, float, float]]] = {}
            for r in db.execute(
                f"SELECT claimant, day, MIN(lo), MAX(hi) FROM claims_daily WHERE {cond} AND series = ? "
                "AND day != '' GROUP BY claimant, day ORDER BY claimant, day",
                [*args, s["series"]],
            ):
                lines.setdefault(r[0] or "unknown", []).append((r[1][:10], r[2], r[3]))
            out.append({"name": s["series"], "n": s["n"], "lines": lines})
        return out

    def search(self, query: str, *, limit: int = 50) -> list[dict[str, Any]]:
        """Articles and quotes matching ``query`` (FTS5; the words are quoted, so no query syntax)."""
        # NUL would cut the FTS5 query string short in SQLite (an unterminated quote): drop it
        words = [w.replace('"', '""') for w in query.replace("\x00", " ").split() if w.strip()]
        if not words:
            return []
        match = " ".join(f'"{w}"' for w in words[:12])
        rows = self._db().execute(
            "SELECT kind, article_id, position, who, snippet(search, 4, char(1), char(2), '…', 16) AS snip "
            "FROM search WHERE search MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        return [dict(r) for r in rows]

    def close(self) -> None:
        """Close this thread's connection."""
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None


def _inode(path: str) -> int:
    try:
        return os.stat(path).st_ino
    except OSError:
        return 0


__all__ = ["FILTERS", "ClaimFilter", "Page", "WebIndex", "build_index", "read_only"]
