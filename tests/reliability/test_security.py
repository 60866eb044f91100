"""Security outside the web app: SQL injection through store lookups and CLI filters, spreadsheet
formulas in CSV exports, and feed fetches that must refuse local files and private addresses and
stop by themselves on hostile servers (oversized body, redirect loop, slow drip)."""

from __future__ import annotations

import csv
import io
import sqlite3
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from counterclaim.cli import cli
from counterclaim.errors import CounterclaimError, InputError, InputTooLarge, NotFoundInStore, StoreError
from counterclaim.ingest import feeds
from counterclaim.store import open_store
from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path

SQL_PAYLOADS = [
    "x' OR '1'='1",
    "x' OR 1=1 --",
    "'; DROP TABLE articles; --",
    '"; DROP TABLE quotes; --',
    "a_%",
    "%",
    "_",
    "' UNION SELECT analysis_json, 1, 1 FROM articles --",
    "1; DELETE FROM figures",
    "\x00' OR ''='",
    "articles",
    "articles; DROP TABLE articles",
    "' OR sqlite_version() > '0",
    "\\' OR 1=1 #",
]
FORMULAS = ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "=cmd|' /C calc'!A0"]


def _db(tmp_path: Path) -> Path:
    db = tmp_path / "store.db"
    with open_store(db) as store:
        store.upsert(make_analysis())
        store.upsert(make_analysis(title="Second: " + FORMULAS[0]))
    return db


def _snapshot(db: Path) -> dict[str, int]:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: con.execute(f"SELECT COUNT(*) FROM {n}").fetchone()[0] for n in names}
    finally:
        con.close()


@pytest.mark.parametrize("payload", SQL_PAYLOADS)
def test_store_lookups_are_not_injectable(tmp_path: Path, payload: str) -> None:
    db = _db(tmp_path)
    before = _snapshot(db)
    with open_store(db) as store:
        with pytest.raises(NotFoundInStore):
            store.get(payload)
        assert payload not in store
        assert store.delete(payload) is False
        if payload != "articles":
            with pytest.raises(StoreError):
                store.count(payload)
    assert _snapshot(db) == before


@pytest.mark.parametrize("payload", SQL_PAYLOADS)
def test_cli_filters_are_not_injectable(tmp_path: Path, payload: str) -> None:
    db = _db(tmp_path)
    before = _snapshot(db)
    runner = CliRunner()
    commands = [
        ["claims", "--db", str(db), "--party", payload],
        ["claims", "--db", str(db), "--claimant", payload, "--category", payload],
        ["claims", "--db", str(db), "--since", payload],
        ["entities", "--db", str(db), "--query", payload],
        ["contradictions", "--db", str(db), "--story", payload],
        ["show", payload, "--db", str(db)],
    ]
    for args in commands:
        r = runner.invoke(cli, args, catch_exceptions=True)
        # a clean answer or a numbered error; never a traceback, never a row that was not asked for
        assert r.exception is None or isinstance(r.exception, SystemExit), (args, r.exception)
        assert "Traceback" not in r.output
        assert "Clash at the ridge" not in r.stdout or args[0] == "show"
        assert payload == "a_%" or "Clash at the ridge" not in r.stdout
    assert _snapshot(db) == before


@pytest.mark.parametrize("table", ["articles", "quotes", "figures", "claims", "acled"])
def test_csv_export_defuses_formulas(tmp_path: Path, table: str) -> None:
    db = tmp_path / "store.db"
    with open_store(db) as store:
        for i, f in enumerate(FORMULAS):
            a = make_analysis(title=f)
            a.quotes[0].speaker.name = f
            a.figures[0].claimant.name = f
            a.figures[0].subject = f
            a.entities[0].name = f
            a.article.outlet = f
            a.article.url = f"{f}{i}"
            store.upsert(a)
    r = CliRunner().invoke(cli, ["export", table, "--db", str(db), "--format", "csv"], catch_exceptions=False)
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.stdout_bytes.decode("utf-8"), newline="")))
    assert len(rows) > 1
    cells = [c for row in rows[1:] for c in row]
    dangerous = [
        c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r") or (c[:1] == "-" and not _number(c))
    ]
    assert not dangerous, dangerous
    assert any(c.startswith("'=") or c.startswith("'+") or c.startswith("'@") for c in cells)


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


# -- feeds --------------------------------------------------------------------------------------

REFUSED = [
    "file:///etc/passwd",
    "ftp://example.org/feed",
    "gopher://127.0.0.1:70/",
    "http://127.0.0.1/feed",
    "http://localhost:8080/feed",
    "http://10.0.0.8/feed",
    "http://192.168.1.1/feed",
    "http://172.16.5.4/feed",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/feed",
    "http://0.0.0.0/feed",
    "http://2130706433/feed",  # 127.0.0.1 as one number
    "http://0x7f.1/feed",
    "http:///feed",
]


@pytest.mark.parametrize("url", REFUSED)
def test_feed_urls_refuse_local_and_private(url: str) -> None:
    with pytest.raises(CounterclaimError):
        feeds.check_url(url)
    with pytest.raises(CounterclaimError):
        list(feeds.read_feed(url, allow_network=True))
    with pytest.raises(InputError, match="network is off"):
        list(feeds.read_feed(url))


class Hostile(BaseHTTPRequestHandler):
    """/big: endless body; /loop: redirects to itself; /drip: a byte every 0.2 s; /hop: redirect to
    a private address; /ok: a small feed."""

    def log_message(self, format: str, *args: object) -> None:
        return None

    def do_GET(self) -> None:
        if self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "application/rss+xml")
            self.end_headers()
            try:
                for _ in range(2000):  # 128 MB at most; the client must stop long before
                    self.wfile.write(b"<rss>" + b"x" * 65536)
            except OSError:
                return
        elif self.path in ("/loop", "/hop"):
            self.send_response(302)
            target = "/loop" if self.path == "/loop" else "http://10.0.0.1/feed"
            self.send_header("Location", target)
            self.end_headers()
        elif self.path == "/drip":
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(300):  # 60 s at most; the client must give up long before
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                return
        else:
            body = b"<rss version='2.0'><channel><title>T</title><item><title>A</title>"
            body += b"<description>The army said 3 soldiers died.</description></item></channel></rss>"
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


@pytest.fixture
def hostile_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Hostile)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    real = feeds.check_url

    def allow_this_server(url: str, *, allow_private: bool = False) -> None:
        # the test server is on loopback: allow exactly it, check everything else as usual
        if not url.startswith(base + "/"):
            real(url, allow_private=allow_private)

    monkeypatch.setattr(feeds, "check_url", allow_this_server)
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


def test_hostile_server_ok_feed_reads(hostile_server: str) -> None:
    items = list(feeds.read_feed(hostile_server + "/ok", allow_network=True))
    assert [i.title for i in items] == ["A"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "path,error,limit_s",
    [
        ("/big", InputTooLarge, 10.0),
        ("/loop", InputError, 10.0),
        ("/hop", InputError, 10.0),
        ("/drip", InputError, 8.0),
    ],
)
def test_hostile_server_is_bounded(hostile_server: str, path: str, error: type, limit_s: float) -> None:
    t0 = time.monotonic()
    with pytest.raises(error):
        feeds.fetch(hostile_server + path, max_bytes=1 << 20, timeout=2.0)
    assert time.monotonic() - t0 < limit_s
