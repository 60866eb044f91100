"""Numbered migrations, the same for every backend: each one is SQL generated per dialect.

A store records what it has applied in ``migrations`` (version, description, applied_at) and the
highest version in ``meta.store_version``. Opening a store applies the missing ones in order, each
in its own transaction; a store made by a newer counterclaim (a version above ``LATEST``) is
refused rather than misread. To change the tables, append a migration here and never edit one
that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .tables import ARTICLE_COLUMNS, CHILD_TABLES

Dialect = Literal["sqlite", "postgresql"]


def sql_type(declared: str, dialect: Dialect) -> str:
    """The column type of ``tables.py`` (SQLite's names) in ``dialect``.

    PostgreSQL's REAL is single precision, so figures' values become DOUBLE PRECISION there;
    INTEGER becomes BIGINT (spans of long texts and counts fit either way, but BIGINT never wraps).
    """
    if dialect == "sqlite":
        return declared
    base, _, rest = declared.partition(" ")
    mapped = {"REAL": "DOUBLE PRECISION", "INTEGER": "BIGINT", "TEXT": "TEXT"}[base]
    return f"{mapped} {rest}".strip()


def _v1(dialect: Dialect) -> list[str]:
    """The first tables: articles, one table per part of the analysis, and meta."""
    cols = ", ".join(f"{n} {sql_type(t, dialect)}" for n, t in ARTICLE_COLUMNS)
    # first-stored order: SQLite has its rowid, PostgreSQL gets an identity column
    seq = ", seq BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE" if dialect == "postgresql" else ""
    stmts = [
        "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        f"CREATE TABLE IF NOT EXISTS articles (id TEXT PRIMARY KEY, {cols}{seq})",
    ]
    int_t = sql_type("INTEGER", dialect)
    for t in CHILD_TABLES:
        cols = ", ".join(f"{n} {sql_type(ty, dialect)}" for n, ty in t.columns)
        stmts.append(
            f"CREATE TABLE IF NOT EXISTS {t.name} (id TEXT PRIMARY KEY, "
            f"article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, "
            f"position {int_t} NOT NULL, {cols}, record TEXT NOT NULL)"
        )
        stmts.append(f"CREATE INDEX IF NOT EXISTS {t.name}_article ON {t.name} (article_id, position)")
    return stmts


def _v2(dialect: Dialect) -> list[str]:
    """A write counter (``meta.generation``): readers such as the web app see that the store changed
    without scanning it; and indexes for the web's article list."""
    ignore = "INSERT OR IGNORE INTO" if dialect == "sqlite" else "INSERT INTO"
    tail = "" if dialect == "sqlite" else " ON CONFLICT (key) DO NOTHING"
    return [
        f"{ignore} meta (key, value) VALUES ('generation', '0'){tail}",
        "CREATE INDEX IF NOT EXISTS articles_published ON articles (published)",
    ]


APP_ID = 0x63636C6D  # "ccml": SQLite's PRAGMA application_id of a counterclaim store
MARKER_KEY = "application"  # meta row naming the application that made the store
MARKER_VALUE = "counterclaim"


def _v3(dialect: Dialect) -> list[str]:
    """A marker saying this database is a counterclaim store (``store/guard.py`` checks it before
    any write): a ``meta`` row, and on SQLite the file header's application id."""
    if dialect == "sqlite":
        return [
            f"PRAGMA application_id = {APP_ID}",
            f"INSERT OR REPLACE INTO meta (key, value) VALUES ('{MARKER_KEY}', '{MARKER_VALUE}')",
        ]
    return [
        f"INSERT INTO meta (key, value) VALUES ('{MARKER_KEY}', '{MARKER_VALUE}') "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value"
    ]


@dataclass(frozen=True, slots=True)
class Migration:
    """One numbered step: its statements in a dialect, applied in one transaction."""

    version: int
    description: str
    statements: Callable[[Dialect], list[str]]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles and one table per part of the analysis", _v1),
    Migration(2, "write counter (meta.generation) and an index on articles.published", _v2),
    Migration(3, "counterclaim marker: meta.application and SQLite's application_id", _v3),
)
LATEST = MIGRATIONS[-1].version

MIGRATIONS_DDL = (
    "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, "
    "applied_at TEXT NOT NULL)"
)


def pending(applied: int) -> list[Migration]:
    """The migrations after version ``applied``, in order."""
    return [m for m in MIGRATIONS if m.version > applied]


__all__ = [
    "APP_ID",
    "LATEST",
    "MARKER_KEY",
    "MARKER_VALUE",
    "MIGRATIONS",
    "MIGRATIONS_DDL",
    "Dialect",
    "Migration",
    "pending",
    "sql_type",
]
