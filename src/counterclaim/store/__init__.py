"""Where analyses are kept: SQLite by default (one file), behind one interface.

    from counterclaim.store import open_store
    with open_store("counterclaim.db") as store:
        changed = store.upsert(analysis)      # False when the same analysis is already stored
        again = store.get(analysis.article.id)

The store never imports ``extract/``; it reads and writes ``records.Analysis`` only.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import Protocol, runtime_checkable

from ..errors import StoreError
from ..records import Analysis
from .tables import STORE_VERSION, TABLE_NAMES

DEFAULT_PATH = "counterclaim.db"


@runtime_checkable
class Store(Protocol):
    """What every store does; code against this, not a backend."""

    def upsert(self, analysis: Analysis) -> bool: ...
    def get(self, article_id: str) -> Analysis: ...
    def analyses(self) -> Iterator[Analysis]: ...
    def article_ids(self) -> list[str]: ...
    def count(self, table: str) -> int: ...
    def delete(self, article_id: str) -> bool: ...
    def close(self) -> None: ...
    def __contains__(self, article_id: object) -> bool: ...
    def __enter__(self) -> Store: ...
    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


def open_store(location: str | Path = DEFAULT_PATH) -> Store:
    """Open (creating if needed) the store at a file path or ``sqlite:///path`` URL."""
    loc = str(location)
    if loc.startswith(("postgresql://", "postgres://")):
        raise StoreError("the PostgreSQL store is not available yet; use a SQLite file", source=loc)
    if loc.startswith("sqlite:///"):
        loc = loc[len("sqlite:///") :] or ":memory:"
    elif "://" in loc:
        raise StoreError("unknown store URL scheme (use a file path or sqlite:///path)", source=loc)
    from .sqlite import SQLiteStore  # noqa: PLC0415

    return SQLiteStore(loc)


__all__ = ["DEFAULT_PATH", "STORE_VERSION", "TABLE_NAMES", "Store", "open_store"]
