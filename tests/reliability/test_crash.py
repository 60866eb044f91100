"""Crash safety: ``counterclaim ingest`` and ``counterclaim batch`` killed with SIGKILL at seeded
random moments while they work, then rerun to completion. Nothing is stored twice, nothing stored
before a crash goes missing, and the store stays sound (``PRAGMA integrity_check``).

Each test runs the real CLI in child processes (~30 generated articles) and is marked slow.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from counterclaim.records import content_id

pytestmark = pytest.mark.slow

SEED = 20261129
KILLS = 4
N_ARTICLES = 30
TOWNS = ["Avdiivka", "Khan Younis", "Goma", "Mosul", "Marawi", "Aleppo", "Bakhmut", "Timbuktu"]
ACTORS = ["The army", "The defence ministry", "Rebel commanders", "The health ministry", "Police"]


def _articles(rng: random.Random) -> list[tuple[str, str]]:
    """(title, text) of distinct short articles, written from a template with seeded parts."""
    out = []
    for i in range(N_ARTICLES):
        town, actor = rng.choice(TOWNS), rng.choice(ACTORS)
        n, m = rng.randint(2, 400), rng.randint(1, 90)
        text = (
            f"{actor} said {n} soldiers were killed near {town} on Monday, March {1 + i % 28}, 2024. "
            f'"We will not retreat," a spokesman told reporters. Officials said {m} civilians were '
            f"wounded and {n + m} people fled the fighting in report number {i}.\n"
        )
        more = "".join(
            f"{rng.choice(ACTORS)} said {rng.randint(2, 900)} people were killed in {rng.choice(TOWNS)} "
            f"on March {1 + k}, and accused the other side of shelling homes, update {i}-{k}.\n"
            for k in range(8)
        )
        out.append((f"Fighting near {town}, report {i}", text + more))
    return out


def _run(args: list[str], cwd: Path, kill_after: float | None) -> int | None:
    """Run the CLI; with ``kill_after``, SIGKILL it after that many seconds (None: ran to the end)."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "counterclaim", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        proc.wait(timeout=kill_after if kill_after is not None else 240)
        return proc.returncode  # finished before the kill came
    except subprocess.TimeoutExpired:
        if kill_after is None:
            proc.kill()
            proc.wait()
            raise
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        return None


def _db_state(db: Path) -> tuple[set[str], dict[str, tuple[int, int]]]:
    """(article ids, {table: (rows, distinct ids)}) of the store, after an integrity check."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        ids = {r[0] for r in con.execute("SELECT id FROM articles")}
        tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        counts = {
            t: con.execute(f"SELECT COUNT(*), COUNT(DISTINCT id) FROM {t}").fetchone()
            for t in tables
            if t not in ("meta", "migrations")
        }
        return ids, counts
    finally:
        con.close()


def test_ingest_survives_sigkill(tmp_path: Path) -> None:
    rng = random.Random(SEED)
    src = tmp_path / "in"
    src.mkdir()
    arts = _articles(rng)
    for i, (title, text) in enumerate(arts):
        (src / f"a{i:02d}.txt").write_text(f"{title}\n{text}", encoding="utf-8")
    expected = {content_id(title, text) for title, text in arts}
    assert len(expected) == N_ARTICLES
    db = tmp_path / "cc.db"
    args = ["ingest", str(src), "--db", str(db), "--published", "2024-03-05"]
    kept: set[str] = set()
    log = []
    for delay in sorted(rng.uniform(1.5, 6.0) for _ in range(KILLS)):
        rc = _run(args, tmp_path, delay)
        if db.exists():
            ids, counts = _db_state(db)
            assert kept <= ids, "an article stored before a crash went missing"
            assert all(rows == distinct for rows, distinct in counts.values()), counts
            kept = ids
        log.append((round(delay, 2), rc, len(kept)))
    t0 = time.monotonic()
    assert _run(args, tmp_path, None) == 0
    ids, counts = _db_state(db)
    assert ids == expected and kept <= ids
    assert counts["articles"] == (N_ARTICLES, N_ARTICLES)
    assert all(rows == distinct for rows, distinct in counts.values()), counts
    print(f"\ningest kills (delay s, exit code or None if killed, articles stored): {log}; "
          f"final run {time.monotonic() - t0:.1f} s, {counts['articles'][0]} articles")


def _parquet_ids(out: Path) -> dict[str, list[str]]:
    import pyarrow.dataset as ds

    found = {}
    for table in sorted(p.name for p in out.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        data = ds.dataset(out / table, format="parquet")
        if not data.files:  # no shard of this table finished yet
            found[table] = []
            continue
        found[table] = data.to_table(columns=["row_id"]).column("row_id").to_pylist()
        if table == "articles":
            found["_article_ids"] = data.to_table(columns=["article_id"]).column("article_id").to_pylist()
    return found


def test_batch_survives_sigkill(tmp_path: Path) -> None:
    rng = random.Random(SEED + 1)
    arts = _articles(rng)
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"title": t, "text": x, "published": "2024-03-05"}) + "\n" for t, x in arts),
        encoding="utf-8",
    )
    expected = {content_id(t, x.strip() + "\n") for t, x in arts}
    out = tmp_path / "out"
    args = ["batch", str(src), "--out", str(out), "--shard-size", "3", "--batch-size", "2", "-q"]
    done_before: set[str] = set()
    log = []
    for delay in sorted(rng.uniform(1.5, 6.0) for _ in range(KILLS)):
        rc = _run(args, tmp_path, delay)
        markers = {p.name for p in (out / "_shards").glob("*.json")} if (out / "_shards").exists() else set()
        assert done_before <= markers, "a shard marked done before a crash lost its marker"
        done_before = markers
        if out.exists():
            ids = _parquet_ids(out)
            for table, rows in ids.items():
                assert len(rows) == len(set(rows)), f"duplicate rows in {table} after a crash"
        log.append((round(delay, 2), rc, len(markers)))
    t0 = time.monotonic()
    assert _run(args, tmp_path, None) == 0
    final = time.monotonic() - t0
    ids = _parquet_ids(out)
    for table, rows in ids.items():
        assert len(rows) == len(set(rows)), f"duplicate rows in {table}"
    assert set(ids["_article_ids"]) == expected
    assert len(ids["articles"]) == N_ARTICLES
    rows = sum(len(v) for k, v in ids.items() if k[0] != "_")
    print(f"\nbatch kills (delay s, exit code or None if killed, shards done): {log}; final run "
          f"{final:.1f} s, {len(ids['articles'])} articles, {rows} rows")
