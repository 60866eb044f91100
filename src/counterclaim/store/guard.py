"""Is this database a counterclaim store? Asked before anything is written to it.

    state = probe_sqlite("counterclaim.db")    # 'new', 'empty' or 'ours'; raises otherwise

``--db`` may point at anything: someone's own SQLite file, a corrupt copy, a text file, a
database on read-only media. Opening it for writing used to create counterclaim's tables in it
and switch it to WAL (a foreign database with its own ``articles`` table was left half-migrated);
a damaged one gave a raw ``sqlite3.DatabaseError``. Now a store is recognised first, reading only:

- an SQLite file starts with the SQLite header (else ``CorruptStore``, E043);
- a counterclaim store carries a marker: SQLite's ``application_id`` in the file header and a
  ``meta`` row ``application = counterclaim`` (migration 3 adds both); a store made before the
  marker is recognised by its shape (``articles`` with ``analysis_json``, and a ``migrations``
  table or ``meta.store_version``), and gets the marker when it is next opened for writing;
- a database with tables and neither is someone else's: ``ForeignStore`` (E042), left untouched,
  byte for byte; one without any table is empty and may become a store;
- the store version must be a whole number (``CorruptStore`` otherwise) and not newer than this
  counterclaim's (``StoreError``).
"""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from ..errors import CorruptStore, ForeignStore, StoreError
from .migrations import APP_ID, LATEST, MARKER_KEY, MARKER_VALUE

State = Literal["new", "empty", "ours"]
SQLITE_HEADER = b"SQLite format 3\x00"


def classify(
    tables: Mapping[str, set[str]],
    marker: str | None,
    app_id: int | None,
    where: str,
    meta_version: Any = None,
) -> State:
    """'empty' or 'ours' from what the database holds (table -> column names, the meta marker,
    SQLite's application id, ``meta.store_version``); raises ``ForeignStore`` for anything else."""
    if app_id not in (None, 0, APP_ID):
        raise ForeignStore(
            f"not a counterclaim store: made by another application (SQLite application id {app_id}); "
            "nothing was changed",
            source=where,
        )
    if app_id == APP_ID or marker == MARKER_VALUE:
        return "ours"
    if not tables:
        return "empty"
    # made before the marker: counterclaim's articles table, and its migrations table or (before
    # that table existed, the first release) a meta.store_version
    legacy = "analysis_json" in tables.get("articles", set()) and (
        {"version", "description", "applied_at"} <= tables.get("migrations", set())
        or ({"key", "value"} <= tables.get("meta", set()) and meta_version is not None)
    )
    if legacy:
        return "ours"
    names = ", ".join(sorted(tables)[:6]) + (" ..." if len(tables) > 6 else "")
    raise ForeignStore(
        f"not a counterclaim store: it holds other tables ({names}) and no counterclaim marker; "
        "nothing was changed (give --db a new file or a counterclaim store)",
        source=where,
    )


def version(migrations_max: Any, meta_version: Any, where: str) -> int:
    """The store version from ``MAX(migrations.version)`` and ``meta.store_version`` (either may be
    None): a whole number, not newer than this counterclaim; ``CorruptStore`` or ``StoreError``."""
    found = 0
    for what, raw in (("migrations.version", migrations_max), ("meta.store_version", meta_version)):
        if raw is None:
            continue
        text = str(raw).strip()
        if isinstance(raw, bool) or not text.isdigit():
            raise CorruptStore(
                f"the store version ({what} = {text[:40]!r}) is not a whole number: damaged, or not "
                "written by counterclaim",
                source=where,
            )
        found = max(found, int(text))
    if found > LATEST:
        raise StoreError(
            f"made by a newer counterclaim (store version {found}; this one reads {LATEST})", source=where
        )
    return found


def writable(path: str | Path) -> bool:
    """True when the file (if it exists) and its folder can be written (False on read-only media)."""
    p = Path(path)
    folder = p.parent if str(p.parent) else Path(".")
    while not folder.exists() and folder != folder.parent:  # a store to be made in a new folder
        folder = folder.parent
    return os.access(folder, os.W_OK) and (not p.exists() or os.access(p, os.W_OK))


def connect_read_only(path: str | Path) -> sqlite3.Connection:
    """A read-only connection that writes nothing, not even WAL side files it need not; on
    read-only media (where SQLite cannot make the -shm file a WAL database needs) the file is
    opened as immutable, which is safe there: nobody can be writing it."""
    uri = Path(path).resolve().as_uri()
    con = sqlite3.connect(
        uri + "?mode=ro", uri=True, isolation_level=None, check_same_thread=False, timeout=30
    )
    try:
        con.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return con
    except sqlite3.OperationalError:
        con.close()
        if writable(path):
            raise
    return sqlite3.connect(
        uri + "?immutable=1", uri=True, isolation_level=None, check_same_thread=False, timeout=30
    )


def probe_sqlite(path: str | Path) -> State:
    """What the file at ``path`` is, reading only: 'new' (absent or empty file), 'empty' (an
    SQLite database without tables) or 'ours'; raises ``ForeignStore``, ``CorruptStore`` or
    ``StoreError`` (a newer store) otherwise."""
    where = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "new"
    except OSError as exc:
        raise StoreError(f"cannot read the store: {exc.strerror or exc}", source=where) from exc
    if stat.S_ISDIR(st.st_mode):
        raise StoreError("a folder, not a store file (give --db a file name)", source=where)
    if not stat.S_ISREG(st.st_mode):
        raise CorruptStore("not a regular file: not an SQLite store", source=where)
    if st.st_size == 0:
        return "new"
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except OSError as exc:
        raise StoreError(f"cannot read the store: {exc.strerror or exc}", source=where) from exc
    if len(head) < 100 or not head.startswith(SQLITE_HEADER):
        raise CorruptStore(
            "not an SQLite database (no SQLite header): not a counterclaim store", source=where
        )
    app_id = int.from_bytes(head[68:72], "big", signed=True)
    try:
        con = connect_read_only(path)
    except sqlite3.DatabaseError as exc:
        raise CorruptStore(f"cannot open it as an SQLite database: {exc}", source=where) from exc
    try:
        tables = {
            name: {r[1] for r in con.execute(f"PRAGMA table_info({_quoted(name)})")}
            for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not name.startswith("sqlite_")
        }
        marker = meta_version = migrations_max = None
        if {"key", "value"} <= tables.get("meta", set()):
            keys = (MARKER_KEY, "store_version")
            rows = dict(con.execute("SELECT key, value FROM meta WHERE key IN (?, ?)", keys))
            marker, meta_version = rows.get(MARKER_KEY), rows.get("store_version")
        state = classify(tables, marker, app_id, where, meta_version)
        if state == "ours" and "version" in tables.get("migrations", set()):
            migrations_max = con.execute("SELECT MAX(version) FROM migrations").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise CorruptStore(f"damaged (or not an SQLite database): {exc}", source=where) from exc
    finally:
        con.close()
    if state == "ours":
        version(migrations_max, meta_version, where)
    return state


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


__all__ = [
    "APP_ID",
    "MARKER_KEY",
    "MARKER_VALUE",
    "classify",
    "connect_read_only",
    "probe_sqlite",
    "version",
    "writable",
]
