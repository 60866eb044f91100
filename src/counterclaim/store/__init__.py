"""Where analyses are kept: SQLite by default (one file), PostgreSQL for teams, one interface.

    from counterclaim.store import open_store
    with open_store("counterclaim.db") as store:          # or "postgresql://user@host/db"
        changed = store.upsert(analysis)      # False when the same analysis is already stored
        again = store.get(analysis.article.id)
        n = store.upsert_many(analyses)       # bulk load: articles changed

Both backends hold the same tables (``tables.py``) and apply the same numbered migrations
(``migrations.py``). The store never imports ``extract/``; it reads and writes
``records.Analysis`` only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, runtime_checkable

from ..errors import StoreError
from ..records import Analysis
from .migrations import LATEST as STORE_VERSION
from .tables import TABLE_NAMES, Prepared

DEFAULT_PATH = "counterclaim.db"
SUMMARY_LIMIT = 500


@runtime_checkable
class Store(Protocol):
    """What every store does; code against this, not a backend."""

    location: str  # where it is, for messages (a file path, or a URL without its password)
    read_only: bool

    def upsert(self, analysis: Analysis | Prepared) -> bool: ...
    def upsert_many(self, analyses: Iterable[Analysis | Prepared], *, batch_size: int = 200) -> int: ...
    def get(self, article_id: str) -> Analysis: ...
    def analyses(self) -> Iterator[Analysis]: ...
    def article_ids(self) -> list[str]: ...
    def count(self, table: str) -> int: ...
    def delete(self, article_id: str) -> bool: ...
    def rows(self, table: str, columns: Sequence[str]) -> Iterator[dict[str, Any]]: ...
    def article_summaries(self, limit: int = SUMMARY_LIMIT) -> list[dict[str, Any]]: ...
    def signature(self) -> str: ...
    def close(self) -> None: ...
    def __contains__(self, article_id: object) -> bool: ...
    def __enter__(self) -> Store: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def is_url(location: str | Path) -> bool:
    """True for a database URL (``postgresql://...``, ``sqlite:///...``), False for a file path."""
    return "://" in str(location)


def redact(location: str | Path) -> str:
    """The location with any password in a URL replaced by ``***`` (for messages and logs)."""
    loc = str(location)
    if "://" not in loc or "@" not in loc:
        return loc
    scheme, rest = loc.split("://", 1)
    creds, _, host = rest.rpartition("@")
    if ":" in creds:
        creds = creds.split(":", 1)[0] + ":***"
    return f"{scheme}://{creds}@{host}"


def open_store(location: str | Path = DEFAULT_PATH, *, read_only: bool = False) -> Store:
    """Open the store at a file path, ``sqlite:///path`` or ``postgresql://user:pw@host/db`` URL.

    A new store is created (and an older one migrated) unless ``read_only``; a read-only store
    refuses writes with ``StoreError`` and never changes what is stored.
    """
    loc = str(location)
    if loc.startswith(("postgresql://", "postgres://", "postgresql+psycopg://")):
        from .sql import SQLAlchemyStore  # noqa: PLC0415 - only PostgreSQL users need SQLAlchemy

        return SQLAlchemyStore(loc, read_only=read_only)
    if loc.startswith("sqlite:///"):
        loc = loc[len("sqlite:///") :] or ":memory:"
    elif "://" in loc:
        raise StoreError(
            "unknown store URL scheme (use a file path, sqlite:///path or postgresql://...)",
            source=redact(loc),
        )
    from .sqlite import SQLiteStore  # noqa: PLC0415

    return SQLiteStore(loc, read_only=read_only)


__all__ = [
    "DEFAULT_PATH",
    "STORE_VERSION",
    "SUMMARY_LIMIT",
    "TABLE_NAMES",
    "Store",
    "is_url",
    "open_store",
    "redact",
]
