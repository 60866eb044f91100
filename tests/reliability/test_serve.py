"""``counterclaim serve`` as a real server on 127.0.0.1: it keeps answering while ``counterclaim
ingest`` writes to the same SQLite file, and it survives a bounded concurrent load with no errors.

Both tests start the server as a child process on a free port and stop it in ``finally``; every
request has a timeout and the request counts are fixed, so nothing runs on by itself. Slow.
"""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from counterclaim.store import open_store
from store.factories import TEXT, make_analysis  # tests/store: pytest puts tests/ on the path

HOST = "127.0.0.1"
BAD_MARKERS = ("database is locked", "Traceback", "Internal Server Error", "OperationalError")
ARTICLE_LINK = re.compile(r'href="/articles/([A-Za-z0-9_]+)"')


def free_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def seed_store(db: Path, n: int) -> list[str]:
    """Store ``n`` distinct hand-built analyses in ``db``; their ids."""
    ids = []
    with open_store(db) as store:
        for i in range(n):
            a = make_analysis(TEXT + f"Seed report {i} from the ridge.\n", title=f"Seed report {i}")
            store.upsert(a)
            ids.append(a.article.id)
    return ids


@contextmanager
def serve(db: Path, tmp: Path, *extra: str) -> Iterator[str]:
    """Run ``counterclaim serve --db db`` on a free 127.0.0.1 port; yields its base URL."""
    port = free_port()
    log = tmp / f"serve-{port}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "TMPDIR": str(tmp)}  # index file in tmp
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "counterclaim",
                "serve",
                "--db",
                str(db),
                "--host",
                HOST,
                "--port",
                str(port),
                *extra,
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        base = f"http://{HOST}:{port}"
        try:
            deadline = time.monotonic() + 40
            while True:
                if proc.poll() is not None:
                    raise AssertionError(f"serve exited with {proc.returncode}: {log.read_text()[-2000:]}")
                try:
                    if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline:
                    raise AssertionError(f"serve did not start: {log.read_text()[-2000:]}")
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    text = log.read_text(errors="replace")
    assert "database is locked" not in text, text[-2000:]


def check_page(r: httpx.Response, *, allow_404: bool = False) -> None:
    """A page that reached a user: 200 (or 404 when allowed), no lock error, no traceback."""
    assert r.status_code == 200 or (allow_404 and r.status_code == 404), (r.url, r.status_code, r.text[:500])
    for bad in BAD_MARKERS:
        assert bad not in r.text, (r.url, bad)


def _short_articles(folder: Path, n: int) -> None:
    """``n`` short distinct articles as text files (title on the first line)."""
    folder.mkdir()
    towns = ["Aleppo", "Goma", "Mosul", "Marawi", "Bakhmut"]
    for i in range(n):
        town = towns[i % len(towns)]
        (folder / f"report{i:02d}.txt").write_text(
            f"Fighting near {town}, report {i}\n\n"
            f"The health ministry said {10 + i} civilians were killed near {town} on Monday. "
            f'"We will not retreat," a spokesman told reporters in update {i}.\n',
            encoding="utf-8",
        )


@pytest.mark.slow
def test_serve_reads_while_ingest_writes(tmp_path: Path) -> None:
    """Pages keep answering 200 (or a deliberate 404) while ingest writes ~20 articles; at the
    end the article list shows each stored article exactly once."""
    db = tmp_path / "live.db"
    seeded = seed_store(db, 3)
    src = tmp_path / "incoming"
    _short_articles(src, 20)
    stop = threading.Event()
    errors: list[str] = []
    counts = {"requests": 0, "404": 0}

    with serve(db, tmp_path) as base:

        def client() -> None:
            ids = list(seeded)
            with httpx.Client(base_url=base, timeout=20) as c:
                while not stop.is_set():
                    try:
                        home = c.get("/")
                        check_page(home)
                        ids = ARTICLE_LINK.findall(home.text) or ids
                        for path in (
                            f"/articles/{ids[-1]}",
                            f"/articles/{ids[0]}",
                            "/claims",
                            "/search?q=killed",
                            "/claims?category=killed",
                            "/entities",
                            "/stories",
                        ):
                            check_page(c.get(path))
                            counts["requests"] += 1
                        missing = c.get("/articles/a_notthereyet0000")
                        check_page(missing, allow_404=True)
                        counts["404"] += missing.status_code == 404
                        counts["requests"] += 2
                    except (AssertionError, httpx.HTTPError) as exc:  # collected, raised in the test
                        errors.append(repr(exc)[:600])

        t = threading.Thread(target=client, daemon=True)
        t.start()
        try:
            time.sleep(0.5)
            ingest = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "counterclaim",
                    "ingest",
                    str(src),
                    "--db",
                    str(db),
                    "--published",
                    "2024-03-05",
                ],
                capture_output=True,
                text=True,
                timeout=120,
            )
            time.sleep(1.0)  # a few more rounds after the last write
        finally:
            stop.set()
            t.join(timeout=30)
        assert ingest.returncode == 0, ingest.stderr[-2000:]
        assert "database is locked" not in ingest.stderr
        final = httpx.get(base + "/", timeout=20)
        check_page(final)
        listed = ARTICLE_LINK.findall(final.text)

    con = sqlite3.connect(db)
    try:
        stored = [r[0] for r in con.execute("SELECT id FROM articles")]
    finally:
        con.close()
    print(
        f"\nserve during ingest: {counts['requests']} requests, {len(errors)} errors, "
        f"{len(stored)} articles stored, {len(listed)} listed"
    )
    assert not errors, errors[:5]
    assert counts["requests"] > 20
    assert len(stored) == 23
    assert sorted(listed) == sorted(stored)  # every article exactly once
    assert len(set(listed)) == len(listed)


N_REQUESTS = 300
CONCURRENCY = 30


@pytest.mark.slow
def test_serve_under_bounded_load(tmp_path: Path) -> None:
    """300 requests, 30 at a time, over the pages and the search: zero errors; prints p50/p90/p99."""
    db = tmp_path / "load.db"
    ids = seed_store(db, 8)
    paths = [
        "/",
        "/claims",
        "/claims?party=government",
        "/entities",
        "/stories",
        "/contradictions",
        "/search?q=soldiers",
        "/search?q=ridge+report",
        "/claims.csv",
        "/healthz",
    ]
    paths += [f"/articles/{i}" for i in ids]
    plan = [paths[i % len(paths)] for i in range(N_REQUESTS)]

    with serve(db, tmp_path, "--read-only") as base:
        httpx.get(base + "/", timeout=30)  # warm: build the cross-article tables once
        local = threading.local()

        def one(path: str) -> tuple[float, str | None]:
            if not hasattr(local, "c"):
                local.c = httpx.Client(base_url=base, timeout=30)
            t0 = time.perf_counter()
            try:
                r = local.c.get(path)
                check_page(r)
                err = None
            except (AssertionError, httpx.HTTPError) as exc:
                err = f"{path}: {exc!r}"[:300]
            return time.perf_counter() - t0, err

        t0 = time.perf_counter()
        with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
            results = list(pool.map(one, plan, timeout=90))
        wall = time.perf_counter() - t0

    lat = sorted(ms * 1000 for ms, _ in results)
    errs = [e for _, e in results if e]
    q = statistics.quantiles(lat, n=100, method="inclusive")
    print(
        f"\nserve load: {N_REQUESTS} requests, {CONCURRENCY} at a time, {wall:.1f} s "
        f"({N_REQUESTS / wall:.0f} req/s), errors {len(errs)}; latency ms p50 {q[49]:.0f} "
        f"p90 {q[89]:.0f} p99 {q[98]:.0f} max {lat[-1]:.0f}"
    )
    assert not errs, errs[:5]
    assert len(results) == N_REQUESTS
