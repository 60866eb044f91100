"""The hostile corpus: inputs and invocations that once crashed, hung, exhausted memory or wrote
where they must not, each with the numbered error it must now give (issue 20).

``CASES`` are run through the real command line by ``test_hostile_corpus.py``: every one must end
with its expected code on standard error, the documented exit status, and no traceback.
``paragraph``/``short_lines`` build the two texts that ran past the time budget; ``gzip_bomb``
the JSONL line that inflated to gigabytes. Files are built in a temporary folder per test.
"""

from __future__ import annotations

import gzip
import os
import socket
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

SENTENCE = (
    "the army said soldiers were killed near the border town and officials of the ministry "
    "reported that rebels attacked villages with drones"
)
WORDS = tuple(SENTENCE.split())
GOOD = "Border clash\n\nThe army said 12 soldiers were killed near the border town on Monday.\n"


def paragraph(chars: int) -> str:
    """One paragraph of ``chars`` characters with no full stop (a 990 KB one took 273 s, 3.3 GB)."""
    out: list[str] = []
    n = i = 0
    while n < chars:
        w = WORDS[i % len(WORDS)]
        out.append(w)
        n += len(w) + 1
        i += 1
    return " ".join(out)[:chars] + "\n"


def short_lines(n: int) -> str:
    """``n`` short lines, each its own sentence (50,000 took 102 s at 2.2 GB)."""
    return "\n".join(f"Unit {i} {WORDS[i % len(WORDS)]}" for i in range(n)) + "\n"


def gzip_bomb(path: Path, inflated: int, *, good_line: bool = True) -> Path:
    """A gzipped JSONL file whose first line inflates to ``inflated`` bytes (1 MB of gzip for a
    1 GB line peaked at 15.9 GB in ``batch`` and exited 0), then one good article."""
    with gzip.open(path, "wb", compresslevel=9) as f:
        f.write(b'{"title": "bomb", "text": "')
        chunk = b"a" * (1 << 20)
        for _ in range(inflated >> 20):
            f.write(chunk)
        f.write(b'"}\n')
        if good_line:
            f.write(
                b'{"title": "Border clash", "text": "The army said 12 soldiers were killed on Monday."}\n'
            )
    return path


def foreign_sqlite(path: Path, kind: str) -> Path:
    """A database counterclaim did not make: someone's own tables, their own 'articles', another
    application's id, a store whose version is not a number, or one from the future."""
    con = sqlite3.connect(path)
    if kind == "users":
        con.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
        con.execute("INSERT INTO users VALUES (1, 'ada')")
    elif kind == "articles":
        con.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, body TEXT)")
        con.execute("INSERT INTO articles VALUES (1, 'their own')")
    elif kind == "application":
        con.execute("PRAGMA application_id = 1234")
        con.execute("CREATE TABLE t (x)")
    elif kind == "bad-version":
        con.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        con.execute("INSERT INTO meta VALUES ('store_version', 'two')")
        con.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, analysis_json TEXT)")
    con.commit()
    con.close()
    return path


def _write(path: Path, data: str | bytes) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _socket(path: Path) -> Path:
    s = socket.socket(socket.AF_UNIX)
    s.bind(str(path))
    s.close()  # the socket file stays
    return path


def _folder_with_fifo(tmp: Path) -> Path:
    folder = tmp / "articles"
    folder.mkdir()
    _write(folder / "good.txt", GOOD)
    _fifo(folder / "pipe.txt")
    return folder


@dataclass(frozen=True)
class Case:
    """One hostile invocation: ``args(tmp)`` builds its files and gives the command line."""

    name: str
    args: Callable[[Path], list[str]]
    code: str  # the numbered error it must print
    exit: int  # the exit status it must end with
    needs_model: bool = False  # the English pipeline is loaded (good items are analysed)
    env: dict[str, str] = field(default_factory=dict)


def _db(tmp: Path) -> str:
    return str(tmp / "store.db")


CASES: list[Case] = [
    # 1. unbounded reads
    Case("analyze /dev/zero", lambda t: ["analyze", "/dev/zero"], "E021", 2),
    Case("analyze a FIFO", lambda t: ["analyze", str(_fifo(t / "p.txt"))], "E021", 2),
    Case("ingest a FIFO", lambda t: ["ingest", str(_fifo(t / "p.txt")), "--db", _db(t)], "E021", 2),
    Case("analyze a socket", lambda t: ["analyze", str(_socket(t / "s.txt"))], "E021", 2),
    Case("a link to /dev/zero", lambda t: ["analyze", _link(t / "z.txt", "/dev/zero")], "E021", 2),
    Case(
        "a FIFO inside a folder",
        lambda t: ["ingest", str(_folder_with_fifo(t)), "--db", _db(t)],
        "E021",
        2,
        needs_model=True,
    ),
    Case("a dangling link", lambda t: ["analyze", _link(t / "gone.txt", str(t / "nowhere"))], "E019", 2),
    Case(
        "a JSONL line over the limit",
        lambda t: [
            "analyze",
            str(_write(t / "big.jsonl", '{"text": "' + "x" * 3000 + '"}\n')),
            "--max-size",
            "1KB",
        ],
        "E013",
        2,
    ),
    Case("batch: a FIFO", lambda t: ["batch", str(_fifo(t / "p.jsonl")), "--out", str(t / "out")], "E021", 2),
    Case(
        "batch: a gzip line inflating past the limit",
        lambda t: ["batch", str(gzip_bomb(t / "bomb.jsonl.gz", 8 << 20)), "--out", str(t / "out"), "-q"],
        "E013",
        2,
        needs_model=True,
        env={"COUNTERCLAIM_MAX_BYTES": str(1 << 20)},
    ),
    # 4. crafted analyses
    Case(
        "load: a figure value 'thirty'",
        lambda t: ["load", str(_crafted(t, "thirty")), "--db", _db(t), "-q"],
        "E022",
        1,
    ),
    # 5. someone else's database
    *[
        Case(
            f"ingest into a foreign store ({k})",
            (lambda t, k=k: ["ingest", "-", "--db", str(foreign_sqlite(t / "f.db", k))]),
            code,
            4,
        )
        for k, code in (
            ("users", "E042"),
            ("articles", "E042"),
            ("application", "E042"),
            ("bad-version", "E043"),
        )
    ],
    Case(
        "list a text file", lambda t: ["list", "--db", str(_write(t / "notes.db", "my notes\n"))], "E043", 4
    ),
    Case(
        "show a random file",
        lambda t: ["show", "a_1", "--db", str(_write(t / "r.db", os.urandom(4096)))],
        "E043",
        4,
    ),
    Case("list a folder", lambda t: ["list", "--db", str(t)], "E040", 4),
    # 6. writes
    Case(
        "export to a full disk",
        lambda t: ["export", "articles", "--db", _store(t), "--out", "/dev/full"],
        "E060",
        5,
    ),
    # 7. values that cannot be
    *[
        Case(
            f"--published {d}",
            (lambda t, d=d: ["analyze", str(_write(t / "a.txt", GOOD)), "--published", d]),
            "E023",
            2,
        )
        for d in ("9999-12-31", "0001-01-01", "2020-02-30", "not-a-date")
    ],
    Case(
        "JSON published 2020-02-30",
        lambda t: [
            "analyze",
            str(_write(t / "a.json", '{"title": "t", "text": "x y z", "published": "2020-02-30"}')),
        ],
        "E023",
        2,
    ),
    Case(
        "claims --since not-a-date",
        lambda t: ["claims", "--since", "not-a-date", "--db", _store(t)],
        "E023",
        2,
    ),
    Case("--max-size absurd", lambda t: ["analyze", "-", "--max-size", "99999999999999999999GB"], "E001", 2),
    # usage
    Case("an unknown command", lambda t: ["frobnicate"], "E001", 2),
    Case("an unknown option", lambda t: ["list", "--nope"], "E001", 2),
]


def _link(path: Path, target: str) -> str:
    path.symlink_to(target)
    return str(path)


def _store(tmp: Path) -> str:
    """A small real store (hand-built analysis, no model needed)."""
    from counterclaim.store import open_store
    from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path

    db = tmp / "store.db"
    with open_store(db) as s:
        s.upsert(make_analysis())
    return str(db)


def _crafted(tmp: Path, kind: str) -> Path:
    """An analysis JSON line made by hand to hurt whoever reads the store after it."""
    import json

    from store.factories import make_analysis

    d = json.loads(make_analysis().to_json())
    if kind == "thirty":
        d["figures"][0]["value"] = "thirty"
    return _write(tmp / "crafted.jsonl", json.dumps(d) + "\n")


__all__ = ["CASES", "GOOD", "Case", "foreign_sqlite", "gzip_bomb", "paragraph", "short_lines"]
