"""The web app's analyses stop (issue 20, class 2): one ``POST /analyze`` of 400 KB kept a core
busy for ~400 s after its client had gone. Analyses now run in a worker process
(``web/worker.py``) that is killed when the client leaves or the time budget ends.

Slow: each test starts a worker process, which loads the English pipeline."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import pytest

from counterclaim.budget import Budget
from counterclaim.errors import BudgetExceeded
from counterclaim.web import worker as worker_mod
from counterclaim.web.worker import ClientGone, Job, Worker

from .hostile import paragraph

pytestmark = pytest.mark.slow
SMALL = "The army said 9 soldiers were killed on Monday near the border.\n"


def _gone_after(seconds: float):  # type: ignore[no-untyped-def]
    t0 = time.monotonic()
    return lambda: time.monotonic() - t0 > seconds


def test_a_client_that_leaves_stops_its_analysis() -> None:
    w = Worker()
    try:
        assert w.analyze(Job(text=SMALL, title="warm")).figures  # the worker is up
        pid = w.pid()
        t0 = time.monotonic()
        with pytest.raises(ClientGone):
            w.analyze(Job(text=paragraph(300_000), title="big"), gone=_gone_after(1.0))
        stopped = time.monotonic() - t0
        assert w.pid() is None and pid is not None and not psutil.pid_exists(pid)
        assert stopped < 30  # stopped when the client left, not when the analysis ended
        assert w.analyze(Job(text=SMALL, title="again")).figures  # a new worker takes the next job
    finally:
        w.stop()


def test_an_analysis_past_its_budget_is_killed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(worker_mod, "GRACE_SECONDS", 1.0)
    w = Worker()
    try:
        w.analyze(Job(text=SMALL, title="warm"))
        pid = w.pid()
        with pytest.raises(BudgetExceeded):  # the worker's own budget is 120 s: the app kills it at 2 s
            w.analyze(Job(text=paragraph(300_000), title="big"), budget=Budget(max_seconds=1))
        assert w.pid() is None and pid is not None
    finally:
        w.stop()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_kills_the_analysis_when_the_browser_goes(tmp_path: Path) -> None:
    from counterclaim.store import open_store
    from store.factories import make_analysis

    db = tmp_path / "cc.db"
    with open_store(db) as s:
        s.upsert(make_analysis())
    port = _free_port()
    serve = subprocess.Popen(
        [sys.executable, "-m", "counterclaim", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        r = httpx.post(f"{base}/analyze", data={"text": SMALL, "title": "warm"}, timeout=300)
        assert r.status_code == 200
        proc = psutil.Process(serve.pid)
        (analysis,) = proc.children(recursive=True)  # the worker, up and idle
        with pytest.raises(httpx.TimeoutException):  # the client gives up after 3 s
            httpx.post(f"{base}/analyze", data={"text": paragraph(400_000), "title": "big"}, timeout=3)
        analysis.wait(timeout=30)  # killed: it does not run on for minutes
        assert proc.children(recursive=True) == []
        r = httpx.post(f"{base}/analyze", data={"text": SMALL, "title": "next"}, timeout=300)
        assert r.status_code == 200 and "Traceback" not in r.text
    finally:
        serve.terminate()
        try:
            serve.wait(20)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
        out = serve.stdout.read().decode(errors="replace") if serve.stdout else ""
        assert "Traceback" not in out, out[-2000:]
