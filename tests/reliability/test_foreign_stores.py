"""Someone else's database (issue 20, class 5). ``--db`` at an unrelated SQLite file once got 15
tables and WAL mode; one with its own ``articles`` table was left half-migrated; a corrupt store
or a non-integer store version gave a raw traceback; a store on read-only media could not even be
listed. ``store/guard.py`` now recognises a store reading only, before any write."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli
from counterclaim.errors import CorruptStore, ForeignStore, StoreError
from counterclaim.store import open_store
from counterclaim.store.migrations import APP_ID
from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path

from .hostile import foreign_sqlite

COMMANDS = [
    ["ingest", "-"],
    ["list"],
    ["show", "a_1"],
    ["claims"],
    ["entities"],
    ["stories"],
    ["export", "articles", "--format", "csv"],
]
FOREIGN = {  # kind -> (expected code, expected exception)
    "users": ("E042", ForeignStore),
    "articles": ("E042", ForeignStore),
    "application": ("E042", ForeignStore),
    "bad-version": ("E043", CorruptStore),
}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _files(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("kind", list(FOREIGN))
def test_a_foreign_database_is_refused_and_left_byte_identical(kind: str, tmp_path: Path) -> None:
    db = foreign_sqlite(tmp_path / "theirs.db", kind)
    before, names = _digest(db), _files(tmp_path)
    code, exc = FOREIGN[kind]
    for args in COMMANDS:
        r = CliRunner().invoke(cli, [*args, "--db", str(db)], input="Title\n\nThe army said 3 died.\n")
        assert r.exit_code == 4 and f"[{code}]" in r.stderr and "Traceback" not in r.output, (args, r.output)
    for read_only in (False, True):
        with pytest.raises(exc):
            open_store(db, read_only=read_only)
    from counterclaim.web.app import create_app

    for read_only in (False, True):
        with pytest.raises(StoreError):
            create_app(str(db), read_only=read_only, index_path=str(tmp_path / "idx.sqlite"))
    assert _digest(db) == before and _files(tmp_path) - {"idx.sqlite"} == names  # no -wal, no -shm


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", None),  # an empty file becomes a store: nothing in it to lose
        (b"my notes, not a database\n", "E043"),
        (os.urandom(4096), "E043"),
        (b"SQLite format 3\x00" + b"\x00" * 20, "E043"),  # the header cut short
    ],
)
def test_files_that_are_not_sqlite(content: bytes, code: str | None, tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    db.write_bytes(content)
    r = CliRunner().invoke(cli, ["list", "--db", str(db)])
    if code is None:
        assert r.exit_code == 4 and "[E041]" in r.stderr  # list does not make a store
        with open_store(db) as s:
            s.upsert(make_analysis())
        return
    assert r.exit_code == 4 and f"[{code}]" in r.stderr and db.read_bytes() == content


def test_an_empty_sqlite_database_may_become_a_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    sqlite3.connect(db).close()
    with open_store(db) as s:
        s.upsert(make_analysis())
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APP_ID
    assert con.execute("SELECT value FROM meta WHERE key = 'application'").fetchone()[0] == "counterclaim"
    con.close()


def test_a_store_from_before_the_marker_gets_it(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with open_store(db) as s:
        s.upsert(make_analysis())
    con = sqlite3.connect(db)  # as release 0.1 left it: no marker, versions 1 and 2
    con.execute("PRAGMA application_id = 0")
    con.execute("DELETE FROM meta WHERE key = 'application'")
    con.execute("DELETE FROM migrations WHERE version > 2")
    con.execute("UPDATE meta SET value = '2' WHERE key = 'store_version'")
    con.commit()
    con.close()
    with open_store(db, read_only=True) as s:  # recognised by its shape
        assert s.count("articles") == 1
    with open_store(db) as s:
        assert s.count("articles") == 1
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA application_id").fetchone()[0] == APP_ID
    con.close()


def test_a_damaged_store_gives_numbered_errors(tmp_path: Path) -> None:
    db = tmp_path / "cc.db"
    with open_store(db) as s:
        for i in range(20):
            s.upsert(make_analysis(title=f"Report {i}"))
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = db.stat().st_size
    with open(db, "r+b") as f:  # scribble over data pages, leave the header and schema alone
        for page in range(8, size // 4096, 3):
            f.seek(page * 4096 + 200)
            f.write(os.urandom(600))
    for args in (["list"], ["show", "a_"], ["claims"], ["export", "figures", "--format", "csv"], ["stories"]):
        r = CliRunner().invoke(cli, [*args, "--db", str(db)])
        assert "Traceback" not in r.output and r.exception is None or isinstance(r.exception, SystemExit)
        assert r.exit_code in (0, 4), (args, r.output)
        if r.exit_code:
            assert "[E043]" in r.stderr or "[E041]" in r.stderr, (args, r.stderr)


def _can_mount() -> bool:
    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    r = subprocess.run(["unshare", "--mount", "--propagation", "private", "true"], capture_output=True)
    return r.returncode == 0


RO_SCRIPT = r"""
set -e
mount -t tmpfs -o size=32m tmpfs "$MNT"
cp "$SRC" "$MNT/store.db"
mount -o remount,ro "$MNT"
DB="$MNT/store.db"
for cmd in "list" "show a_" "claims"; do
  "$PY" -m counterclaim $cmd --db "$DB" > "$OUT/$cmd.out" 2> "$OUT/$cmd.err"
  echo $? > "$OUT/$cmd.rc"
done
rc=0
echo "Title" | "$PY" -m counterclaim ingest - --db "$DB" > "$OUT/ingest.out" 2> "$OUT/ingest.err" || rc=$?
echo $rc > "$OUT/ingest.rc"
"$PY" -W ignore - <<'EOF' > "$OUT/serve.out" 2> "$OUT/serve.err"
import os
from fastapi.testclient import TestClient
from counterclaim.web.app import create_app
db, out = os.environ["MNT"] + "/store.db", os.environ["OUT"]
app = create_app(db, read_only=True, index_path=out + "/idx.sqlite")
with TestClient(app) as c:
    print(c.get("/").status_code, c.get("/claims").status_code)
EOF
sha256sum "$DB" | cut -c1-64 > "$OUT/after.sha"
"""


@pytest.mark.skipif(not _can_mount(), reason="needs root and unshare to mount a read-only tmpfs")
def test_a_store_on_read_only_media_can_be_read(tmp_path: Path) -> None:
    src = tmp_path / "cc.db"
    with open_store(src) as s:
        s.upsert(make_analysis())
    mnt, out = tmp_path / "mnt", tmp_path / "out"
    mnt.mkdir()
    out.mkdir()
    env = {**os.environ, "MNT": str(mnt), "SRC": str(src), "OUT": str(out), "PY": sys.executable}
    subprocess.run(
        ["unshare", "--mount", "--propagation", "private", "bash", "-c", RO_SCRIPT],
        env=env,
        check=True,
        timeout=300,
    )
    for cmd in ("list", "show a_", "claims"):
        assert (out / f"{cmd}.rc").read_text().strip() == "0", (out / f"{cmd}.err").read_text()
    assert "Clash at the ridge" in (out / "list.out").read_text()
    assert (out / "ingest.rc").read_text().strip() == "4" and "[E044]" in (out / "ingest.err").read_text()
    assert (out / "serve.out").read_text().split() == ["200", "200"]
    assert (out / "after.sha").read_text().strip() == _digest(src)
