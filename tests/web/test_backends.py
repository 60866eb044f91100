"""The web app over either store backend: a SQLite file or a PostgreSQL server (``pg_url``).

The same analyses stored in both must give the same pages; a store written after the app started
shows up on the next request (``Store.signature``); a read-only app never stores; a password in
the store URL shows up nowhere.
"""

from __future__ import annotations

import sqlite3
import tempfile
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counterclaim.records import Analysis
from counterclaim.store import open_store

from .factories import figure_analysis

with warnings.catch_warnings():  # starlette's notice about httpx versions, at import
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty store's location: a new SQLite file, or a fresh PostgreSQL database (skips without one)."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_url"))
    return str(tmp_path / "store.db")


def _fill(location: str, analyses: list[Analysis]) -> None:
    with open_store(location) as s:
        for a in analyses:
            s.upsert(a)


def _client(location: str, tmp_path: Path, *, read_only: bool, name: str = "idx") -> TestClient:
    from counterclaim.web.app import create_app

    return TestClient(create_app(location, read_only=read_only, index_path=str(tmp_path / f"{name}.sqlite")))


def _urls(analyses: list[Analysis]) -> list[str]:
    return [
        "/",
        *(f"/articles/{a.article.id}" for a in analyses),
        "/claims",
        "/claims?category=killed",
        "/claims?outlet=Capital+Daily&since=2031-03-03",
        "/claims.csv",
        "/claims.csv?claimant=Kestrian",
        "/claims?sort=value&dir=asc",
        "/search?q=kill",
        "/search?q=market",
        "/search?q=deliberate+strike",
        "/entities",
        "/entities?q=ministry",
        "/entity?name=Elena+Dorn",
        "/entity?name=regional+health+ministry",
        "/contradictions",
        "/stories",
    ]


def test_postgresql_pages_equal_sqlite_pages(
    pg_url: str, web_db: Path, analyses: list[Analysis], tmp_path: Path
) -> None:
    _fill(pg_url, analyses)
    with (
        _client(str(web_db), tmp_path, read_only=True, name="lite") as lite,
        _client(pg_url, tmp_path, read_only=True, name="pg") as pg,
    ):
        for url in _urls(analyses):
            want, got = lite.get(url), pg.get(url)
            assert want.status_code == got.status_code == 200, url
            assert got.text == want.text, url
        # the pages are not trivially equal: they hold the stored content
        assert all(f'href="/articles/{a.article.id}"' in pg.get("/").text for a in analyses)
        assert "quote by Elena Dorn" in pg.get("/search", params={"q": "deliberate strike"}).text
        assert "regional health ministry" in pg.get("/claims.csv").text
        assert pg.get("/articles/a_0000000000000000").status_code == 404


def _one(title: str, value: float, claimant: str) -> Analysis:
    return figure_analysis(
        title=title, outlet="Wire", published="2030-06-01", figures=[(value, "killed", claimant, None)]
    )


def test_store_written_after_start_shows_up(location: str, tmp_path: Path) -> None:
    first, later = _one("First report", 3, "Army"), _one("Later report", 16_777_217, "Rescuers")
    _fill(location, [first])
    with _client(location, tmp_path, read_only=True) as c:
        assert "First report" in c.get("/").text and "Later report" not in c.get("/").text
        assert "Rescuers" not in c.get("/claims").text
        _fill(location, [later])  # another process writes the store while the app runs
        assert "Later report" in c.get("/").text
        assert "Rescuers" in c.get("/claims").text
        csv_text = c.get("/claims.csv").text
        assert "Later report" in csv_text and ",16777217" in csv_text  # a double, not a float4
        assert "Rescuers said" in c.get("/search", params={"q": "rescuers"}).text.replace("<b>", "").replace(
            "</b>", ""
        )
        assert c.get(f"/articles/{later.article.id}").status_code == 200
        assert "Claimed (1)" in c.get("/entity", params={"name": "Rescuers"}).text  # cross-article tables


def test_read_only_app_refuses_to_store(location: str, tmp_path: Path, nlp: object) -> None:
    from counterclaim.errors import StoreError

    _fill(location, [_one("Only report", 3, "Army")])
    with _client(location, tmp_path, read_only=True) as c:
        state = c.app.state.web  # type: ignore[attr-defined]
        text = "The army said 9 soldiers were killed on Monday near the border.\n"
        r = c.post("/analyze", data={"text": text, "title": "Border losses", "store": "1"})
        assert r.status_code == 200 and "not stored" in r.text
        assert "Border losses" not in c.get("/").text
        assert state.store.read_only and state._writer is None  # no writable store was ever opened
        with pytest.raises(StoreError):
            state.save(_one("Forced", 1, "X"))
    with open_store(location, read_only=True) as s:
        assert s.count("articles") == 1


def test_writable_app_stores_when_asked(location: str, tmp_path: Path, nlp: object) -> None:
    _fill(location, [_one("Only report", 3, "Army")])
    with _client(location, tmp_path, read_only=False) as c:
        text = "The army said 9 soldiers were killed on Monday near the border.\n"
        r = c.post(  # the app's own form sends its origin: the CSRF check wants it for a store
            "/analyze",
            data={"text": text, "title": "Border losses", "store": "1"},
            headers={"origin": "http://testserver"},
        )
        assert r.status_code == 200 and ">stored</a>" in r.text
        assert "Border losses" in c.get("/").text and "Border losses" in c.get("/claims").text
        assert c.app.state.web.store.read_only  # type: ignore[attr-defined]  # reads stay read-only
    with open_store(location, read_only=True) as s:
        assert s.count("articles") == 2


def test_writable_app_creates_an_empty_store(location: str, tmp_path: Path) -> None:
    with _client(location, tmp_path, read_only=False) as c:
        r = c.get("/")
        assert r.status_code == 200 and 'href="/articles/' not in r.text
        assert c.get("/claims").status_code == 200 and c.get("/contradictions").status_code == 200
    with open_store(location, read_only=True) as s:
        assert s.count("articles") == 0


def _with_password(url: str, password: str) -> str:
    scheme, rest = url.split("://", 1)
    creds, _, host = rest.rpartition("@")
    return f"{scheme}://{creds}:{password}@{host}"


def test_password_in_the_url_shows_nowhere(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from counterclaim.web.app import WebState

    secret = "Xyzzy-s3cret"
    url = _with_password(pg_url, secret)  # trust auth: the password is accepted and ignored
    _fill(url, [_one("Secret report", 3, "Army")])
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where the default index file goes
    state = WebState(url, read_only=True)  # default index path: derived from the redacted URL
    try:
        assert secret not in state.index_path and secret not in state.shown
        assert Path(state.index_path).parent == tmp_path
        other = WebState(_with_password(pg_url, "other"), read_only=True)
        other.close()
        assert other.index_path == state.index_path
        con = sqlite3.connect(state.index_path)
        dump = "\n".join(con.iterdump())
        con.close()
        assert secret not in dump and ":***@" in dump
    finally:
        state.close()


@pytest.fixture()
def pg_client(pg_url: str, analyses: list[Analysis], tmp_path: Path) -> Iterator[Any]:
    """A read-only app over a PostgreSQL store holding the conftest articles."""
    _fill(pg_url, analyses)
    with _client(pg_url, tmp_path, read_only=True) as c:
        yield c


def test_postgresql_security_headers_and_escaping(pg_client: Any, analyses: list[Analysis]) -> None:
    from .conftest import XSS_SCRIPT

    xss = next(a for a in analyses if XSS_SCRIPT in a.article.title)
    for url in ("/", f"/articles/{xss.article.id}", "/search?q=respond", "/claims"):
        r = pg_client.get(url)
        assert r.status_code == 200 and "script-src 'self'" in r.headers["content-security-policy"]
        assert XSS_SCRIPT not in r.text and "<img src=x" not in r.text


def test_read_only_app_over_an_empty_database_fails_and_creates_nothing(pg_url: str) -> None:
    import psycopg

    from counterclaim.errors import CounterclaimError
    from counterclaim.web.app import create_app

    with pytest.raises(CounterclaimError):
        create_app(pg_url, read_only=True)
    with psycopg.connect(pg_url) as con:
        tables = con.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()
    assert tables == (0,)
