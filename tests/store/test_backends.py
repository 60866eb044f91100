"""The Store contract, run on SQLite and on a real PostgreSQL server: the same behaviour, the same
rows. The PostgreSQL cases need ``COUNTERCLAIM_TEST_PG`` (``make test`` runs the tests under
``scripts/with-postgres``, which starts a throwaway server)."""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from counterclaim.errors import InvalidAnalysis, NotFoundInStore, StoreError
from counterclaim.records import Analysis
from counterclaim.store import STORE_VERSION, TABLE_NAMES, Store, open_store, redact
from counterclaim.store.migrations import MIGRATIONS

from .factories import make_analysis

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(params=BACKENDS)
def location(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "cc.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(location: str) -> Iterator[Store]:
    s = open_store(location)
    yield s
    s.close()


def _many(n: int) -> list[Analysis]:
    return [
        make_analysis(text=f"Report {i}: the ministry said {i + 2} soldiers were killed.\n") for i in range(n)
    ]


def _dump(s: Store) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows as sorted tuples (what the two backends must agree on)."""
    from counterclaim.store.tables import columns_of

    out = {}
    for t in TABLE_NAMES:
        cols = columns_of(t)
        out[t] = sorted(tuple(r[c] for c in cols) for r in s.rows(t, cols))
    return out


def test_round_trip_and_idempotence(store: Store) -> None:
    a = make_analysis()
    assert store.upsert(a) is True
    assert store.upsert(a) is False
    back = store.get(a.article.id)
    assert back == a and back.to_json() == a.to_json()
    assert a.article.id in store and "a_nothere" not in store
    assert store.count("figures") == 2 and store.count("aliases") == 3


def test_replacement_swaps_every_row(store: Store) -> None:
    a = make_analysis()
    store.upsert(a)
    changed = copy.deepcopy(a)
    changed.figures = changed.figures[:1]
    changed.inconsistencies = []  # they named the figure left out
    assert store.upsert(changed) is True
    assert store.get(a.article.id) == changed
    assert store.count("figures") == 1
    assert store.article_ids() == [a.article.id]


def test_upsert_many_counts_changes_and_keeps_first_stored_order(store: Store) -> None:
    batch = _many(7)
    assert store.upsert_many(batch, batch_size=3) == 7
    assert store.upsert_many(batch, batch_size=3) == 0
    assert store.article_ids() == [a.article.id for a in batch]
    # the same article twice in one batch: the last one wins, counted once
    later = copy.deepcopy(batch[2])
    later.warnings = ["re-analysed"]
    assert store.upsert_many([batch[2], later, batch[3]]) == 1
    assert store.get(later.article.id).warnings == ["re-analysed"]
    assert [a.article.id for a in store.analyses()] == [a.article.id for a in batch]


@pytest.mark.parametrize("first", ["analysis", "prepared"])
def test_prepared_analyses_store_the_same_rows(location: str, tmp_path: Path, first: str) -> None:
    """What ``ingest --workers N`` stores (analyses validated and turned into rows on a worker,
    then pickled over) gives exactly the rows of the analyses themselves, and either one counts
    as unchanged after the other."""
    import pickle

    from counterclaim.store.tables import Prepared, prepare

    batch = _many(4)
    sent = [pickle.loads(pickle.dumps(prepare(a))) for a in batch]
    assert all(isinstance(p, Prepared) and p.analysis == a for p, a in zip(sent, batch, strict=True))
    with open_store(str(tmp_path / "plain.db")) as plain:
        assert plain.upsert_many(batch, batch_size=3) == 4
        expected = _dump(plain)
    with open_store(location) as s:
        one, other = (batch, sent) if first == "analysis" else (sent, batch)
        assert [s.upsert(x) for x in one] == [True] * 4
        assert s.upsert_many(other) == 0
        assert _dump(s) == expected
        assert s.article_ids() == [a.article.id for a in batch]


def test_an_invalid_analysis_is_refused_when_prepared() -> None:
    from counterclaim.store.tables import prepare

    bad = make_analysis()
    bad.figures[0].span = (5, 1)  # ends before it starts
    with pytest.raises(InvalidAnalysis):
        prepare(bad)


def test_delete_cascades(store: Store) -> None:
    a, b = _many(2)
    store.upsert_many([a, b])
    assert store.delete(a.article.id) is True
    assert store.delete(a.article.id) is False
    with pytest.raises(NotFoundInStore):
        store.get(a.article.id)
    assert store.count("articles") == 1
    assert store.count("figures") == 2  # b's two figures only


def test_rows_streams_and_checks_names(store: Store) -> None:
    batch = _many(3)
    store.upsert_many(batch)
    ids = [r["id"] for r in store.rows("articles", ["id", "title"])]
    assert ids == [a.article.id for a in batch]
    figs = list(store.rows("figures", ["article_id", "position", "value"]))
    assert len(figs) == 6 and all(set(r) == {"article_id", "position", "value"} for r in figs)
    with pytest.raises(StoreError, match="no column"):
        list(store.rows("figures", ["value; DROP TABLE articles"]))
    with pytest.raises(StoreError, match="no table"):
        list(store.rows("sqlite_master", ["name"]))
    assert store.count("articles") == 3


def test_summaries_newest_first(store: Store) -> None:
    old, new = _many(2)
    new.article.published = "2025-01-01"
    old.article.published = None
    store.upsert_many([old, new])
    rows = store.article_summaries()
    assert [r["id"] for r in rows] == [new.article.id, old.article.id]  # undated last
    assert rows[0]["quotes"] == 1 and rows[0]["figures"] == 2 and rows[0]["events"] == 1
    assert len(store.article_summaries(limit=1)) == 1


def test_signature_changes_on_every_write_and_only_then(store: Store) -> None:
    a, b = _many(2)
    s0 = store.signature()
    store.upsert(a)
    s1 = store.signature()
    store.upsert(a)  # no change
    assert store.signature() == s1 != s0
    store.upsert(b)
    s2 = store.signature()
    store.delete(b.article.id)
    assert len({s0, s1, s2, store.signature()}) == 4


def test_read_only_refuses_writes_and_sees_others(location: str) -> None:
    with open_store(location) as w:
        w.upsert(make_analysis())
        with open_store(location, read_only=True) as ro:
            before = ro.signature()
            for write in (lambda: ro.upsert(_many(1)[0]), lambda: ro.delete("x"), lambda: ro.upsert_many([])):
                with pytest.raises(StoreError, match="read-only"):
                    write()
            w.upsert(_many(1)[0])
            assert ro.count("articles") == 2 and ro.signature() != before


def test_migrations_are_recorded_once(location: str) -> None:
    open_store(location).close()
    with open_store(location) as s:  # a second open applies nothing
        assert s.count("articles") == 0
    rows = _sql(location, "SELECT version, description FROM migrations ORDER BY version")
    assert [r[0] for r in rows] == [m.version for m in MIGRATIONS]
    assert _sql(location, "SELECT value FROM meta WHERE key = 'store_version'") == [(str(STORE_VERSION),)]


def test_a_newer_store_is_refused(location: str) -> None:
    open_store(location).close()
    _sql(location, f"INSERT INTO migrations VALUES ({STORE_VERSION + 1}, 'from the future', 'x')", write=True)
    with pytest.raises(StoreError, match="newer counterclaim"):
        open_store(location)
    with pytest.raises(StoreError, match="newer counterclaim"):
        open_store(location, read_only=True)


def test_a_failing_batch_leaves_earlier_batches_and_nothing_else(location: str) -> None:
    good = _many(4)
    bad = copy.deepcopy(good[3])
    bad.article.title = "bad \ud800 title"  # a lone surrogate: no backend can store it as text
    bad.article.id = "a_bad"
    with open_store(location) as s:
        with pytest.raises(InvalidAnalysis) as err:  # refused by the check before the write
            s.upsert_many([*good[:3], bad, good[3]], batch_size=2)
        assert err.value.code == "E022" and "lone surrogate" in str(err.value)
        assert s.article_ids() == [a.article.id for a in good[:2]]  # the first batch only
        assert s.count("figures") == 4


def test_both_backends_hold_the_same_rows(tmp_path: Path, pg_url: str) -> None:
    batch = _many(5)
    with open_store(tmp_path / "cc.db") as lite, open_store(pg_url) as pg:
        lite.upsert_many(batch)
        pg.upsert_many(batch, batch_size=2)
        assert _dump(lite) == _dump(pg)


def _write_at_once(pg_url: str, orders: list[list[Analysis]], batch_size: int) -> list[BaseException]:
    """One writer thread per order, all started together; the errors they raised."""
    errors: list[BaseException] = []

    def write(order: list[Analysis]) -> None:
        try:
            with open_store(pg_url) as s:
                s.upsert_many(order, batch_size=batch_size)
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)

    open_store(pg_url).close()
    threads = [threading.Thread(target=write, args=(o,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def test_two_writers_of_one_article_store_it_once(pg_url: str) -> None:
    batch = _many(30)
    assert _write_at_once(pg_url, [batch, batch[::-1]], batch_size=5) == []
    with open_store(pg_url) as s:
        assert s.count("articles") == 30 and s.count("figures") == 60
        assert sorted(s.article_ids()) == sorted(a.article.id for a in batch)


def test_writers_of_overlapping_batches_in_any_order_never_deadlock(pg_url: str) -> None:
    # four writers, each with the articles in its own order: rows are taken in one order
    batch = _many(24)
    orders = [batch, batch[::-1], batch[1::2] + batch[::2], batch[::2][::-1] + batch[1::2][::-1]]
    assert _write_at_once(pg_url, orders, batch_size=4) == []
    with open_store(pg_url) as s:
        assert s.count("articles") == 24


def test_errors_name_the_server_without_the_password() -> None:
    url = "postgresql://reader:s3cret@127.0.0.1:1/nowhere"
    with pytest.raises(StoreError) as err:
        open_store(url)
    assert "s3cret" not in str(err.value) and "127.0.0.1:1/nowhere" in str(err.value)
    assert redact(url) == "postgresql://reader:***@127.0.0.1:1/nowhere"


def test_read_only_on_an_empty_database_says_so(pg_url: str) -> None:
    with pytest.raises(NotFoundInStore, match="no counterclaim store"):
        open_store(pg_url, read_only=True)


def _sql(location: str, sql: str, *, write: bool = False) -> list[tuple[object, ...]]:
    """Run SQL on the store's database directly (to look, or to fake a newer store)."""
    if "://" in location:
        import psycopg

        with psycopg.connect(location, autocommit=True) as con:
            cur = con.execute(sql)
            return [] if write else [tuple(r) for r in cur.fetchall()]
    import sqlite3

    con = sqlite3.connect(location)
    try:
        rows = [] if write else [tuple(r) for r in con.execute(sql)]
        if write:
            con.execute(sql)
            con.commit()
        return rows
    finally:
        con.close()


def test_a_store_from_before_the_migrations_table_is_upgraded_in_place(tmp_path: Path) -> None:
    """A file written by the first release (tables of migration 1, ``meta.store_version = 1``, no
    ``migrations`` table, no write counter) opens, keeps its articles and gains what is new."""
    import sqlite3

    from counterclaim.store.tables import article_row, child_rows

    path = tmp_path / "old.db"
    a = make_analysis()
    con = sqlite3.connect(path)
    for stmt in MIGRATIONS[0].statements("sqlite"):
        con.execute(stmt)
    con.execute("INSERT INTO meta VALUES ('store_version', '1')")
    art = article_row(a, a.to_json())
    con.execute(
        f"INSERT INTO articles ({', '.join(art)}) VALUES ({', '.join('?' * len(art))})", tuple(art.values())
    )
    for table, row in child_rows(a):
        con.execute(
            f"INSERT INTO {table.name} ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            tuple(row.values()),
        )
    con.commit()
    con.close()

    with open_store(path) as s:
        assert s.get(a.article.id) == a
        assert s.upsert(a) is False  # the same analysis: still no change after the upgrade
        before = s.signature()
        s.upsert(_many(1)[0])
        assert s.signature() != before
    versions = _sql(str(path), "SELECT version FROM migrations ORDER BY version")
    assert [v for (v,) in versions] == [m.version for m in MIGRATIONS]
