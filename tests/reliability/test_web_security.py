"""Security of the web app: SQL and FTS5 injection through search and filter parameters, path
traversal through the static and download routes, request and upload size limits, and
spreadsheet formulas in the claims CSV download. (XSS escaping is covered by
``tests/web/test_browser.py``.)

Most tests drive the ASGI app in-process on a hand-built store, sending exact raw paths (httpx
would normalise ``..`` away); one slow test repeats the traversal over a real socket against
``counterclaim serve`` on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import socket
import sqlite3
import urllib.parse
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counterclaim.store import open_store
from counterclaim.web.app import MAX_BODY, create_app
from store.factories import TEXT, make_analysis  # tests/store: pytest puts tests/ on the path

with warnings.catch_warnings():  # starlette's notice about httpx versions, at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

TABLES = ["articles", "entities", "quotes", "figures", "events"]

INJECTIONS = [
    "' OR '1'='1",
    "x' OR 1=1 --",
    '"; DROP TABLE articles; --',
    "'; DROP TABLE figures; --",
    "%' UNION SELECT analysis_json, 1, 1 FROM articles --",
    "' UNION SELECT name FROM sqlite_master --",
    "1; DELETE FROM claims",
    "%",
    "_",
    "NEAR(",
    "NEAR(killed soldiers",
    'soldiers"',
    '"unbalanced',
    "killed OR *",
    "* AND NOT",
    "col:value",
    "kind:quote",
    "^start",
    "a + b - c",
    "()",
    '""""',
    "\\' OR 1=1 #",
    "\x00' OR ''='",
]

# (query parameter, route): every user-typed search and filter box
PARAMS = [
    ("q", "/search"),
    ("q", "/entities"),
    ("name", "/entity"),
    ("id", "/entity"),
    ("party", "/claims"),
    ("category", "/claims"),
    ("claimant", "/claims"),
    ("outlet", "/claims"),
    ("since", "/claims"),
    ("until", "/claims"),
    ("page", "/claims"),
    ("claimant", "/claims.csv"),
    ("outlet", "/claims.csv"),
]

TRAVERSALS = [
    "/static/../../etc/passwd",
    "/static/../../../../../../etc/passwd",
    "/static/%2e%2e/%2e%2e/etc/passwd",
    "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/..%2f..%2f..%2fetc%2fpasswd",
    "/static/%252e%252e%252fetc%252fpasswd",
    "/static/..%5c..%5cetc%5cpasswd",
    "/static//etc/passwd",
    "/static/%2fetc%2fpasswd",
    "/static/style.css/../../app.py",
    "/static/../app.py",
    "/static/%2e%2e/app.py",
    "/static/..%2fapp.py",
    "/static/..%2f..%2fstore%2fsqlite.py",
    "/../../etc/passwd",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/articles/..%2f..%2f..%2fetc%2fpasswd",
    "/articles/%2fetc%2fpasswd",
    "/claims.csv/../../etc/passwd",
    "/claims.csv%2f..%2f..%2fetc%2fpasswd",
    "/static/\u0000../etc/passwd",
]
LEAKS = ("root:", "def create_app", "import ", "sqlite3", "[extensions]")


def _snapshot(db: Path) -> tuple[str, dict[str, int], str]:
    """(sha256 of the store file, row counts, integrity check) of the store."""
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    con = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        counts = {t: con.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in TABLES}
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()
    return digest, counts, ok


@pytest.fixture(scope="module")
def sec_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of three hand-built analyses, checkpointed so the main file holds everything."""
    db = tmp_path_factory.mktemp("websec") / "sec.db"
    with open_store(db) as store:
        for i in range(3):
            store.upsert(make_analysis(TEXT + f"Ridge update {i}.\n", title=f"Ridge update {i}"))
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return db


@pytest.fixture(scope="module")
def app(sec_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The web app over the store, writable (so an injected write would have somewhere to go)."""
    index = tmp_path_factory.mktemp("websecidx") / "index.sqlite"
    return create_app(str(sec_db), read_only=False, index_path=str(index))


@pytest.fixture(scope="module")
def client(app: Any) -> Iterator[TestClient]:
    """A TestClient over ``app``."""
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


def raw_get(app: Any, raw: str) -> tuple[int, bytes]:
    """(status, body) of a GET of the exact, un-normalised path ``raw``, straight into the ASGI app."""
    path, _, query = raw.partition("?")
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": urllib.parse.unquote(path),  # what uvicorn hands the app
        "raw_path": path.encode("latin-1", "replace"),
        "query_string": query.encode(),
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1")],
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
    }
    out: dict[str, Any] = {"status": 0, "body": b"", "sent": False}

    async def run() -> None:
        done = asyncio.Event()

        async def receive() -> dict[str, Any]:
            if not out["sent"]:
                out["sent"] = True
                return {"type": "http.request", "body": b"", "more_body": False}
            await done.wait()  # then the client goes away once the response is complete
            return {"type": "http.disconnect"}

        async def send(msg: dict[str, Any]) -> None:
            if msg["type"] == "http.response.start":
                out["status"] = msg["status"]
            elif msg["type"] == "http.response.body":
                out["body"] += msg.get("body", b"")
                if not msg.get("more_body", False):
                    done.set()

        await asyncio.wait_for(app(scope, receive, send), timeout=20)

    asyncio.run(run())
    return out["status"], out["body"]


def test_static_route_serves_its_own_file(app: Any) -> None:
    """The baseline the traversal cases are measured against: the stylesheet is served."""
    status, body = raw_get(app, "/static/style.css")
    assert status == 200 and body


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_gives_404_or_400_never_a_file(app: Any, path: str) -> None:
    """``..``, encoded ``..``, backslashes and absolute paths never reach a file outside static/."""
    status, body = raw_get(app, path)
    assert status in (400, 404), (path, status, body[:200])
    text = body.decode("utf-8", "replace")
    assert not any(leak in text for leak in LEAKS), (path, text[:300])


@pytest.mark.parametrize(("param", "route"), PARAMS)
def test_injection_payloads_give_a_normal_page_and_leave_the_store_alone(
    client: TestClient, sec_db: Path, param: str, route: str
) -> None:
    """Every payload in every search/filter box: 200, 400 or 404, never 5xx nor a traceback;
    the store file and its row counts are unchanged after."""
    before = _snapshot(sec_db)
    for payload in INJECTIONS:
        r = client.get(route, params={param: payload})
        assert r.status_code in (200, 400, 404), (route, param, payload, r.status_code, r.text[:300])
        assert "Traceback" not in r.text and "OperationalError" not in r.text, (route, param, payload)
    assert _snapshot(sec_db) == before
    assert before[2] == "ok"


@pytest.mark.parametrize("payload", [p for p in INJECTIONS if p not in ("%", "_")][:8])
@pytest.mark.parametrize("param", ["party", "claimant", "outlet", "category"])
def test_injected_filters_match_no_claims(client: TestClient, param: str, payload: str) -> None:
    """A filter value is compared as a value: no payload widens the match to other rows."""
    everything = list(csv.reader(io.StringIO(client.get("/claims.csv").text)))
    assert len(everything) > 1  # the store has claims to leak
    r = client.get("/claims.csv", params={param: payload})
    if r.status_code == 400:  # over the parameter's length cap: refused, nothing returned
        assert "/articles/" not in r.text
        return
    rows = list(csv.reader(io.StringIO(r.text)))
    assert rows == everything[:1]  # the header only


@pytest.mark.parametrize("wild", ["%", "_", "*"])
def test_wildcards_are_literal_in_search(client: TestClient, wild: str) -> None:
    """LIKE/FTS wildcards alone match nothing rather than everything."""
    r = client.get("/search", params={"q": wild})
    assert r.status_code == 200
    assert "/articles/a_" not in r.text


def test_search_still_finds_a_real_word(client: TestClient) -> None:
    """The quoting that defuses FTS5 syntax keeps ordinary search working."""
    r = client.get("/search", params={"q": "Ridge"})
    assert r.status_code == 200 and "/articles/a_" in r.text


def test_a_5mb_post_to_analyze_gets_413(client: TestClient, sec_db: Path) -> None:
    """A form post over the body limit is refused before it is read or analysed."""
    before = _snapshot(sec_db)
    r = client.post("/analyze", data={"text": "x" * (5 * 1024 * 1024), "store": "1"})
    assert r.status_code == 413
    assert _snapshot(sec_db) == before


def test_a_5mb_upload_to_analyze_gets_413(client: TestClient) -> None:
    """A file upload over the limit is refused too."""
    big = io.BytesIO(b"The army said 3 soldiers were killed. " * (5 * 1024 * 1024 // 38))
    r = client.post("/analyze", files={"upload": ("big.txt", big, "text/plain")})
    assert r.status_code == 413


def test_a_chunked_body_without_length_is_cut_at_the_limit(client: TestClient) -> None:
    """No Content-Length (chunked): the body is counted as it arrives and refused past the limit."""

    def chunks() -> Iterator[bytes]:
        yield b"text="
        for _ in range(MAX_BODY // 65536 + 4):
            yield b"y" * 65536

    r = client.post(
        "/analyze", content=chunks(), headers={"content-type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 413


@pytest.mark.parametrize("length", ["abc", "-1", str(10**12)])
def test_a_bad_or_huge_content_length_gets_413(client: TestClient, length: str) -> None:
    """A Content-Length that is not a number, or is far over the limit, is refused at once."""
    r = client.post(
        "/analyze",
        content=b"text=hi",
        headers={"content-length": length, "content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 413


@pytest.mark.parametrize(("route", "param"), [("/search", "q"), ("/claims", "party"), ("/entities", "q")])
def test_an_overlong_query_is_a_client_error(client: TestClient, route: str, param: str) -> None:
    """A 7 kB parameter (over the 300-character cap) gets a 400 page, not a 500 nor a slow search."""
    r = client.get(route, params={param: "killed " * 1000})
    assert r.status_code == 400
    assert "Traceback" not in r.text


def test_claims_csv_defuses_formulas_and_keeps_rows_whole(tmp_path: Path) -> None:
    """The claims download: a title starting a formula is defused, and a carriage return inside a
    cell is quoted (a bare CR would start a new spreadsheet row and a formula cell)."""
    db = tmp_path / "csv.db"
    evil = '=HYPERLINK("http://x")\r=1+1'
    with open_store(db) as store:
        store.upsert(make_analysis(TEXT, title=evil))
    app = create_app(str(db), read_only=True, index_path=str(tmp_path / "idx.sqlite"))
    with TestClient(app) as c:
        body = c.get("/claims.csv").content.decode()
    rows = list(csv.reader(io.StringIO(body, newline="")))
    header = rows[0]
    assert all(len(r) == len(header) for r in rows)
    titles = [r[header.index("title")] for r in rows[1:]]
    assert titles == ["'" + evil] * 2  # both figures; the CR stayed inside its quoted cell
    assert "\r=1+1" not in body.replace('"' + "'" + evil.replace('"', '""') + '"', "")


def _raw_http(base_port: int, raw_path: str) -> tuple[int, bytes]:
    """(status, body) of a GET of ``raw_path`` sent byte for byte over a socket to 127.0.0.1."""
    with socket.create_connection(("127.0.0.1", base_port), timeout=10) as s:
        s.sendall(
            f"GET {raw_path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode("latin-1")
        )
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0
    return status, body


@pytest.mark.slow
def test_path_traversal_over_a_real_socket(sec_db: Path, tmp_path: Path) -> None:
    """The same traversal paths, un-normalised on the wire, against ``counterclaim serve``."""
    from reliability.test_serve import serve  # noqa: PLC0415 - the shared server starter

    with serve(sec_db, tmp_path, "--read-only") as base:
        port = int(base.rsplit(":", 1)[1])
        assert _raw_http(port, "/static/style.css")[0] == 200
        for path in TRAVERSALS:
            if "\u0000" in path:
                continue  # not sendable raw on the wire
            status, body = _raw_http(port, path)
            assert status in (400, 404), (path, status)
            text = body.decode("utf-8", "replace")
            assert not any(leak in text for leak in LEAKS), (path, text[:300])
