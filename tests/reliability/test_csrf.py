"""Cross-site request forgery (issue 20, class 3): a page on another site must not make a
visitor's browser store an article (``POST /analyze`` with ``store=1``) or post at all.

``web/security.py`` refuses unsafe requests whose Origin (or Referer) names another host, and
requires a write to prove it is same-origin. Forged requests are refused before any analysis
runs, so these tests need no pipeline."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counterclaim.store import open_store
from counterclaim.web.security import same_origin, verdict
from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
FORM = {"text": "The army said 9 soldiers were killed on Monday near the border.\n", "store": "1"}


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[tuple[Any, Path]]:
    from fastapi.testclient import TestClient

    from counterclaim.web.app import create_app

    db = tmp_path / "cc.db"
    with open_store(db) as s:
        s.upsert(make_analysis())
    app = create_app(str(db), index_path=str(tmp_path / "idx.sqlite"))
    with TestClient(app) as client:
        yield client, db


def _digest(db: Path) -> str:
    with open_store(db, read_only=True) as s:
        return hashlib.sha256("".join(s.article_ids()).encode()).hexdigest()


FORGED = [
    ({"origin": "http://evil.example"}, "another site"),
    ({"origin": "http://testserver.evil.example"}, "another site"),
    ({"origin": "http://testserver:8080"}, "another site"),  # another port is another origin
    ({"origin": "null"}, "hides its origin"),
    ({"referer": "http://evil.example/page.html"}, "another site"),
    ({"origin": "http://evil.example", "referer": "http://testserver/analyze"}, "another site"),
    ({}, "must say where it comes from"),  # a write with nothing to prove its origin
]


@pytest.mark.parametrize(("headers", "why"), FORGED, ids=[str(h) for h, _ in FORGED])
def test_forged_store_requests_are_refused(
    writable: tuple[Any, Path], headers: dict[str, str], why: str
) -> None:
    client, db = writable
    before = _digest(db)
    r = client.post("/analyze", data=FORM, headers=headers)
    assert r.status_code == 403 and "E024" in r.text and why in r.text
    assert r.headers["content-security-policy"]  # refused pages carry the security headers too
    assert _digest(db) == before


@pytest.mark.parametrize("headers", [{"origin": "http://evil.example"}, {"origin": "null"}])
def test_cross_site_posts_are_refused_even_without_store(
    writable: tuple[Any, Path], headers: dict[str, str]
) -> None:
    client, _ = writable
    r = client.post("/analyze", data={"text": FORM["text"]}, headers=headers)
    assert r.status_code == 403 and "E024" in r.text


def test_reads_are_not_affected(writable: tuple[Any, Path]) -> None:
    client, _ = writable
    assert client.get("/", headers={"origin": "http://evil.example"}).status_code == 200


def test_pages_ask_browsers_to_send_their_origin(writable: tuple[Any, Path]) -> None:
    client, _ = writable
    assert client.get("/analyze").headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize(
    ("url", "host", "scheme", "same"),
    [
        ("http://127.0.0.1:8000", "127.0.0.1:8000", "http", True),
        ("http://localhost:8000/x?y", "localhost:8000", "http", True),
        ("https://news.example", "news.example", "http", True),  # TLS proxy in front of the app
        ("http://news.example:80", "news.example", "http", True),
        ("http://[::1]:8000", "[::1]:8000", "http", True),
        ("http://127.0.0.1:8001", "127.0.0.1:8000", "http", False),
        ("http://evil.example", "127.0.0.1:8000", "http", False),
        ("http://127.0.0.1.evil.example:8000", "127.0.0.1:8000", "http", False),
        ("file:///etc/passwd", "127.0.0.1:8000", "http", False),
        ("javascript:alert(1)", "127.0.0.1:8000", "http", False),
        ("http://127.0.0.1:notaport", "127.0.0.1:8000", "http", False),
        ("", "127.0.0.1:8000", "http", False),
    ],
)
def test_same_origin(url: str, host: str, scheme: str, same: bool) -> None:
    assert same_origin(url, host, scheme) is same


def test_verdict_only_concerns_unsafe_methods() -> None:
    evil = {b"host": b"127.0.0.1:8000", b"origin": b"http://evil.example"}
    assert verdict("GET", evil, "http") == (None, False)
    assert verdict("POST", evil, "http")[0] is not None
    assert verdict("DELETE", evil, "http")[0] is not None
    assert verdict("POST", {b"host": b"127.0.0.1:8000"}, "http") == (None, False)  # curl: no proof
    ours = {b"host": b"127.0.0.1:8000", b"origin": b"http://127.0.0.1:8000"}
    assert verdict("POST", ours, "http") == (None, True)
