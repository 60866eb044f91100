"""The web app's own read-side index: a separate SQLite file built from any store.

It holds one flat row per figure (``claims``, indexed for the explorer's filters and sorts), the
claims series of ``compare.claims.build_series`` (``series``: one per story or conflict episode
and party, never pooled across unrelated stories), the figures counted per series, claimant,
outlet and day (``claims_daily``, which counts and series lists read, so rendering does not scan
every figure) and per stated value too (``claims_points``, the charts' points), one row per
article (``articles``, for the sortable list) and an FTS5 table over article titles, texts and
quotes with the Porter stemmer (``search``: 'kill' finds 'killed').

The store (a SQLite file or a PostgreSQL server) is read only through the ``Store`` interface;
nothing is written to it. The index is the web's own cache and stays a SQLite file whatever the
store, so both backends give the same pages. Every query is parametrised; sort columns come from
fixed lists.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from ..export import Tables
from ..store import Store, open_store, redact

FILTERS: tuple[str, ...] = ("party", "category", "claimant", "outlet", "story", "series")
_FACETS: tuple[str, ...] = ("party", "category", "claimant", "outlet", "story")  # precounted filters

_CLAIM_COLS: tuple[str, ...] = (
    "article_id", "position", "series", "story", "category", "subject", "figure_subject", "party",
    "claimant", "claimant_side", "outlet", "published", "as_of", "day", "value", "low", "high",
    "qualifier", "revision_of", "title", "span_start", "span_end",
)  # fmt: skip
_SERIES_COLS: tuple[str, ...] = (
    "id", "category", "subject", "party", "story", "story_title", "first_day", "last_day", "points",
    "claimants", "low", "high", "conservative", "conservative_claimant",
)  # fmt: skip
_ARTICLE_COLS: tuple[str, ...] = (
    "seq", "id", "title", "outlet", "published", "quotes", "figures", "events", "story",
)  # fmt: skip

_DDL = (
    f"CREATE TABLE claims (id INTEGER PRIMARY KEY, {', '.join(_CLAIM_COLS)})",
    f"CREATE TABLE series ({', '.join(_SERIES_COLS)})",
    "CREATE TABLE claims_daily (series, category, subject, party, story, claimant, outlet, day, lo, hi, n)",
    "CREATE TABLE claims_points (series, category, subject, party, story, claimant, outlet, day, lo, hi, n, "
    "value, qualifier, article_id, position, title, figure_subject, first_id)",
    f"CREATE TABLE articles ({', '.join(_ARTICLE_COLS)})",
    "CREATE TABLE facets (kind, value, series, n)",
    "CREATE TABLE facet_totals (kind, value, figures, series)",
    "CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, article_id UNINDEXED, position UNINDEXED, "
    "who, body, tokenize='porter unicode61 remove_diacritics 2')",
    "CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT)",
)
_INDEXES = (
    "CREATE INDEX claims_day ON claims (day DESC, id)",
    "CREATE INDEX claims_value ON claims (value, id)",
    "CREATE INDEX claims_series ON claims (series, day)",
    *(f"CREATE INDEX claims_{c} ON claims ({c} COLLATE NOCASE, day DESC)" for c in FILTERS if c != "series"),
    *(f"CREATE INDEX daily_{c} ON claims_daily ({c} COLLATE NOCASE, day)" for c in FILTERS),
    "CREATE INDEX daily_day ON claims_daily (day)",
    "CREATE INDEX daily_by_series ON claims_daily (series, n)",
    "CREATE INDEX points_series ON claims_points (series, day)",
    "CREATE UNIQUE INDEX series_id ON series (id)",
    "CREATE INDEX facets_top ON facets (kind, value COLLATE NOCASE, n DESC, series)",
    "CREATE INDEX facet_totals_value ON facet_totals (kind, value COLLATE NOCASE)",
    "CREATE UNIQUE INDEX articles_id ON articles (id)",
    "CREATE INDEX articles_published ON articles (published, seq)",
    "CREATE INDEX articles_outlet ON articles (outlet COLLATE NOCASE, seq)",
)

# the sortable columns of each table: name in the URL -> SQL expression (never taken from the request)
CLAIM_SORTS: dict[str, str] = {
    "date": "day", "value": "value", "category": "category", "subject": "subject", "party": "party",
    "claimant": "claimant COLLATE NOCASE", "outlet": "outlet COLLATE NOCASE",
    "article": "title COLLATE NOCASE",
}  # fmt: skip
ARTICLE_SORTS: dict[str, str] = {
    "published": "published", "outlet": "outlet COLLATE NOCASE", "title": "title COLLATE NOCASE",
    "quotes": "quotes", "figures": "figures", "events": "events",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """The explorer's filters; empty fields do not filter. Dates are ISO strings, inclusive."""

    party: str = ""
    category: str = ""
    claimant: str = ""
    outlet: str = ""
    story: str = ""
    series: str = ""
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

    def facet(self) -> tuple[str, str] | None:
        """('all', '') with no filter, (column, value) with one precounted column, else None."""
        if self.since or self.until or self.series:
            return None
        given = [(c, getattr(self, c)) for c in _FACETS if getattr(self, c)]
        if not given:
            return ("all", "")
        return given[0] if len(given) == 1 else None

    def params(self) -> dict[str, str]:
        """The filters that are set, as query parameters."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name)}


def read_only(db_path: str) -> sqlite3.Connection:
    """A read-only connection to the SQLite index file (never the store: that goes through ``Store``)."""
    uri = Path(db_path).resolve().as_uri() + "?mode=ro"
    con = sqlite3.connect(uri, uri=True, check_same_thread=False)
    con.row_factory = sqlite3.Row
    return con


def build_index(store: Store | str | Path, index_path: str, *, tables: Tables | None = None) -> None:
    """Build the index file from ``store`` (an open store, or a location to open read-only),
    replacing any earlier index atomically. ``tables`` are the store's cross-article tables when
    the caller has them already (else they are computed here)."""
    if not isinstance(store, str | Path):
        _build(store, index_path, tables)
        return
    with open_store(store, read_only=True) as opened:
        _build(opened, index_path, tables)


def _build(store: Store, index_path: str, tables: Tables | None) -> None:
    t = tables if tables is not None else Tables(list(store.analyses()))
    tmp = f"{index_path}.{os.getpid()}.{threading.get_ident()}.tmp"
    Path(tmp).unlink(missing_ok=True)
    out = sqlite3.connect(tmp)
    try:
        out.execute("PRAGMA journal_mode = OFF")
        out.execute("PRAGMA synchronous = OFF")
        for stmt in _DDL:
            out.execute(stmt)
        with out:
            _fill(out, t)
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


def _insert(
    out: sqlite3.Connection, table: str, cols: tuple[str, ...], rows: Iterator[tuple[Any, ...]]
) -> None:
    out.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)


def _fill(out: sqlite3.Connection, t: Tables) -> None:
    arts = {a.article.id: a for a in t.analyses}
    stories = {s.id: s for s in t.stories}
    story_of = t.story_ids
    _insert(
        out,
        "articles",
        _ARTICLE_COLS,
        (
            (
                i,
                a.article.id,
                a.article.title,
                a.article.outlet or "",
                a.article.published or "",
                len(a.quotes),
                len(a.figures),
                len(a.events),
                story_of.get(a.article.id, ""),
            )
            for i, a in enumerate(t.analyses)
        ),  # fmt: skip
    )

    def claim_rows() -> Iterator[tuple[Any, ...]]:
        for s in t.series:
            for p in s.points:
                a = arts[p.article_id]
                f = a.figures[p.figure]
                yield (
                    p.article_id, p.figure, s.id, p.story or "", s.category, s.subject, f.subject or "",
                    s.party or "", p.claimant, p.claimant_side or "", p.outlet or "", p.published,
                    p.as_of, p.as_of or p.published or "", p.value, p.low, p.high, p.qualifier,
                    p.revision_of, a.article.title, p.span[0], p.span[1],
                )  # fmt: skip

    _insert(out, "claims", _CLAIM_COLS, claim_rows())

    def series_rows() -> Iterator[tuple[Any, ...]]:
        for s in t.series:
            days = sorted((p.as_of or p.published or "")[:10] for p in s.points if p.as_of or p.published)
            sids = {p.story for p in s.points if p.story}
            sid = next(iter(sids)) if len(sids) == 1 else ""
            story = stories.get(sid)
            con = s.conservative
            yield (
                s.id, s.category, s.subject, s.party or "", sid, story.title if story else "",
                days[0] if days else "", days[-1] if days else "", len(s.points), len(s.latest), s.low,
                s.high, con.value if con else None, con.claimant if con else "",
            )  # fmt: skip

    _insert(out, "series", _SERIES_COLS, series_rows())
    # per series, claimant, outlet and day: the range and count (what counts and series lists read)
    out.execute(
        "INSERT INTO claims_daily SELECT series, category, subject, party, story, claimant, outlet, day, "
        "MIN(COALESCE(low, value)), MAX(COALESCE(high, value)), COUNT(*) FROM claims "
        "GROUP BY series, category, subject, party, story, claimant, outlet, day"
    )
    # per filter of one column (or none): each series' figure count and the totals, so the explorer
    # answers those filters without grouping every figure on each request
    out.execute("INSERT INTO facets SELECT 'all', '', series, COUNT(*) FROM claims GROUP BY series")
    for col in _FACETS:
        out.execute(
            f"INSERT INTO facets SELECT '{col}', MIN({col}), series, COUNT(*) FROM claims WHERE {col} != '' "
            f"GROUP BY {col} COLLATE NOCASE, series"
        )
    out.execute(
        "INSERT INTO facet_totals SELECT kind, MIN(value), SUM(n), COUNT(*) FROM facets "
        "GROUP BY kind, value COLLATE NOCASE"
    )
    # ... and each figure as stated that day, with the first such figure's own row (SQLite gives the
    # bare columns of the row holding MIN(id)): the points of the charts
    out.execute(
        "INSERT INTO claims_points SELECT series, category, subject, party, story, claimant, outlet, day, "
        "COALESCE(low, value), COALESCE(high, value), COUNT(*), value, qualifier, article_id, position, "
        "title, figure_subject, MIN(id) FROM claims "
        "GROUP BY series, category, subject, party, story, claimant, outlet, day, value, qualifier, low, high"
    )
    out.executemany("INSERT INTO search VALUES (?, ?, ?, ?, ?)", _search_rows(t))


def _search_rows(t: Tables) -> Iterator[tuple[Any, ...]]:
    for a in t.analyses:
        yield ("article", a.article.id, None, a.article.outlet or "", f"{a.article.title}\n{a.article.text}")
    for a in t.analyses:
        for i, q in enumerate(a.quotes):
            yield ("quote", a.article.id, i, q.speaker.name or "", q.text or "")


@dataclass(slots=True)
class Page:
    """One page of rows and the total matching."""

    rows: list[dict[str, Any]]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def first(self) -> int:
        """1-based number of the first row on this page (0 when there is none)."""
        return (self.page - 1) * self.per_page + 1 if self.rows else 0

    @property
    def last(self) -> int:
        return self.first + len(self.rows) - 1 if self.rows else 0


def order_by(sorts: dict[str, str], sort: str, desc: bool, default: str) -> str:
    """An ORDER BY clause from a fixed list of sortable columns (an unknown name falls back)."""
    expr = sorts.get(sort) or sorts[default]
    return f"{expr} {'DESC' if desc else 'ASC'}"


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
        """Distinct values of the explorer's drop-down filters."""
        db = self._db()
        sql = "SELECT value FROM facet_totals WHERE kind = ? ORDER BY value"
        return {c: [r[0] for r in db.execute(sql, (c,))] for c in ("party", "claimant", "outlet", "category")}

    def _totals(self, f: ClaimFilter) -> tuple[int, int]:
        """(figures, series) matching ``f``: precounted for no filter or one column, else counted."""
        db = self._db()
        facet = f.facet()
        if facet is not None:
            row = db.execute(
                "SELECT figures, series FROM facet_totals WHERE kind = ? AND value = ? COLLATE NOCASE", facet
            ).fetchone()
            return (int(row[0]), int(row[1])) if row else (0, 0)
        cond, args = f.where()
        row = db.execute(
            f"SELECT COALESCE(SUM(n), 0), COUNT(DISTINCT series) FROM claims_daily WHERE {cond}", args
        ).fetchone()
        return int(row[0]), int(row[1])

    def claims(
        self, f: ClaimFilter, *, page: int = 1, per_page: int = 50, sort: str = "date", desc: bool = True
    ) -> Page:
        """One page of figures matching ``f``, sorted by ``sort`` (newest first by default)."""
        cond, args = f.where()
        db = self._db()
        total = self._totals(f)[0]
        rows = db.execute(
            f"SELECT * FROM claims WHERE {cond} ORDER BY {order_by(CLAIM_SORTS, sort, desc, 'date')}, id "
            "LIMIT ? OFFSET ?",
            [*args, per_page, (max(page, 1) - 1) * per_page],
        )
        return Page([dict(r) for r in rows], int(total), max(page, 1), per_page)

    def all_claims(self, f: ClaimFilter) -> Iterator[dict[str, Any]]:
        """Every figure matching ``f`` (for the CSV download), newest first."""
        cond, args = f.where()
        for r in self._db().execute(f"SELECT * FROM claims WHERE {cond} ORDER BY day DESC, id", args):
            yield dict(r)

    def series(self, f: ClaimFilter, *, page: int = 1, per_page: int = 6) -> Page:
        """The series with figures matching ``f``, largest first: one page of their summaries."""
        db = self._db()
        total = self._totals(f)[1]
        offset = (max(page, 1) - 1) * per_page
        facet = f.facet()
        if facet is not None:
            top = db.execute(
                "SELECT series, n FROM facets WHERE kind = ? AND value = ? COLLATE NOCASE "
                "ORDER BY n DESC, series LIMIT ? OFFSET ?",
                [*facet, per_page, offset],
            ).fetchall()
        else:
            cond, args = f.where()
            top = db.execute(
                f"SELECT series, SUM(n) AS n FROM claims_daily WHERE {cond} "
                "GROUP BY series ORDER BY n DESC, series LIMIT ? OFFSET ?",
                [*args, per_page, offset],
            ).fetchall()
        rows = []
        for s in top:
            meta = db.execute("SELECT * FROM series WHERE id = ?", (s["series"],)).fetchone()
            rows.append({**dict(meta), "n": s["n"]})
        return Page(rows, int(total), max(page, 1), per_page)

    def one_series(self, series_id: str) -> dict[str, Any] | None:
        """A series' summary row, or None."""
        row = self._db().execute("SELECT * FROM series WHERE id = ?", (series_id,)).fetchone()
        return dict(row) if row else None

    def chart_points(self, series_id: str, f: ClaimFilter, *, limit: int = 5000) -> list[dict[str, Any]]:
        """The dated points of one series matching ``f``: each value a claimant gave on a day, with
        how often it was given and the first article that gave it, in date order."""
        cond, args = f.where()
        rows = self._db().execute(
            "SELECT claimant, day, value, MIN(lo) AS lo, MAX(hi) AS hi, SUM(n) AS n, qualifier, article_id, "
            "position, title, outlet, figure_subject, MIN(first_id) AS first_id "
            f"FROM claims_points WHERE {cond} AND series = ? AND day != '' "
            "GROUP BY claimant, day, value ORDER BY day, claimant, value LIMIT ?",
            [*args, series_id, limit],
        )
        return [dict(r) for r in rows]

    def articles(
        self,
        *,
        outlet: str = "",
        q: str = "",
        page: int = 1,
        per_page: int = 50,
        sort: str = "published",
        desc: bool = True,
    ) -> Page:
        """One page of articles (id, title, outlet, published, counts, story), filtered and sorted."""
        conds, args = [], []
        if outlet:
            conds.append("outlet = ? COLLATE NOCASE")
            args.append(outlet)
        if q.strip():
            conds.append("title LIKE ? ESCAPE '\\'")
            args.append("%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        cond = " AND ".join(conds) or "1"
        db = self._db()
        total = db.execute(f"SELECT COUNT(*) FROM articles WHERE {cond}", args).fetchone()[0]
        rows = db.execute(
            f"SELECT * FROM articles WHERE {cond} "
            f"ORDER BY {order_by(ARTICLE_SORTS, sort, desc, 'published')}, seq DESC LIMIT ? OFFSET ?",
            [*args, per_page, (max(page, 1) - 1) * per_page],
        )
        return Page([dict(r) for r in rows], int(total), max(page, 1), per_page)

    def outlets(self) -> list[str]:
        """Every outlet named by an article."""
        return [
            r[0]
            for r in self._db().execute("SELECT DISTINCT outlet FROM articles WHERE outlet != '' ORDER BY 1")
        ]

    def search(self, query: str, *, page: int = 1, per_page: int = 50) -> Page:
        """Articles and quotes matching ``query``: FTS5 with the Porter stemmer ('kill' finds
        'killed'); the words are quoted, so no query syntax; best first, with the article's title."""
        # NUL would cut the FTS5 query string short in SQLite (an unterminated quote): drop it
        words = [w.replace('"', '""') for w in query.replace("\x00", " ").split() if w.strip()]
        if not words:
            return Page([], 0, 1, per_page)
        match = " ".join(f'"{w}"' for w in words[:12])
        db = self._db()
        total = db.execute("SELECT COUNT(*) FROM search WHERE search MATCH ?", (match,)).fetchone()[0]
        rows = db.execute(
            "SELECT search.kind, search.article_id, search.position, search.who, articles.title, "
            "articles.outlet, articles.published, snippet(search, 4, char(1), char(2), '…', 16) AS snip "
            "FROM search LEFT JOIN articles ON articles.id = search.article_id "
            "WHERE search MATCH ? ORDER BY search.rank, search.article_id, search.position LIMIT ? OFFSET ?",
            (match, per_page, (max(page, 1) - 1) * per_page),
        )
        return Page([dict(r) for r in rows], int(total), max(page, 1), per_page)

    def generation(self) -> tuple[int, int]:
        """Which build of the index file this is (it is replaced whole on every build)."""
        try:
            st = os.stat(self.path)
        except OSError:
            return (0, 0)
        return (st.st_ino, st.st_mtime_ns)

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


__all__ = [
    "ARTICLE_SORTS",
    "CLAIM_SORTS",
    "FILTERS",
    "ClaimFilter",
    "Page",
    "WebIndex",
    "build_index",
    "read_only",
]
