"""The SQLite store: round trips, idempotent upserts, replacement, failed writes, deterministic ids."""

from __future__ import annotations

import copy
import sqlite3
from pathlib import Path

import pytest

from counterclaim.errors import NotFoundInStore, StoreError
from counterclaim.store import TABLE_NAMES, Store, open_store
from counterclaim.store.tables import child_rows

from .factories import TEXT, make_analysis


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = open_store(tmp_path / "cc.db")
    yield s
    s.close()


def _counts(s: Store) -> dict[str, int]:
    return {t: s.count(t) for t in TABLE_NAMES}


def _dump(path: Path) -> list[tuple[object, ...]]:
    db = sqlite3.connect(path)
    try:
        rows: list[tuple[object, ...]] = []
        for t in TABLE_NAMES:
            rows += [(t, *r) for r in db.execute(f"SELECT * FROM {t} ORDER BY id")]
        return rows
    finally:
        db.close()


def test_round_trip_is_exact(store: Store) -> None:
    a = make_analysis()
    assert store.upsert(a) is True
    back = store.get(a.article.id)
    assert back == a
    assert back.to_json() == a.to_json()
    assert store.article_ids() == [a.article.id]
    assert [x.article.id for x in store.analyses()] == [a.article.id]


def test_every_part_has_its_rows(store: Store) -> None:
    store.upsert(make_analysis())
    assert _counts(store) == {
        "articles": 1,
        "entities": 2,
        "aliases": 3,
        "mentions": 2,
        "quotes": 1,
        "figures": 2,
        "events": 1,
        "framing": 1,
        "dates": 1,
        "inconsistencies": 1,
        "slant": 1,
        "slant_sides": 1,
        "warnings": 1,
    }


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "cc.db"
    a = make_analysis()
    with open_store(path) as s:
        assert s.upsert(a) is True
    before = _dump(path)
    with open_store(path) as s:
        assert s.upsert(copy.deepcopy(a)) is False
        assert s.upsert(a) is False
    assert _dump(path) == before


def test_changed_analysis_replaces_its_rows(store: Store) -> None:
    a = make_analysis()
    store.upsert(a)
    b = copy.deepcopy(a)
    b.figures = b.figures[:1]
    b.inconsistencies = []
    assert store.upsert(b) is True
    assert store.get(a.article.id) == b
    assert (store.count("articles"), store.count("figures"), store.count("inconsistencies")) == (1, 1, 0)


def test_failed_upsert_leaves_the_store_unchanged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from counterclaim.store import sqlite as backend

    path = tmp_path / "cc.db"
    a = make_analysis()
    other = make_analysis(text="Another article entirely about 3 wounded villagers.\n", title="Other")
    with open_store(path) as s:
        s.upsert(a)
    before = _dump(path)

    real_insert = backend.SQLiteStore._insert_rows

    def failing_insert(self, db, table, rows):  # type: ignore[no-untyped-def]
        if table == "events":
            raise sqlite3.OperationalError("disk I/O error (simulated)")
        real_insert(self, db, table, rows)

    monkeypatch.setattr(backend.SQLiteStore, "_insert_rows", failing_insert)
    changed = copy.deepcopy(a)
    changed.figures = []
    changed.inconsistencies = []  # they named the figures left out
    with open_store(path) as s:
        with pytest.raises(StoreError, match="simulated"):
            s.upsert(changed)  # a replacement that fails halfway
        with pytest.raises(StoreError):
            s.upsert(other)  # a new article that fails halfway
        assert s.get(a.article.id) == a
    assert _dump(path) == before


def test_row_ids_are_deterministic() -> None:
    ids1 = [r["id"] for _, r in child_rows(make_analysis())]
    ids2 = [r["id"] for _, r in child_rows(make_analysis())]
    assert ids1 == ids2
    assert len(set(ids1)) == len(ids1)
    other = [r["id"] for _, r in child_rows(make_analysis(text=TEXT + "More.\n"))]
    assert not set(ids1) & set(other)  # a different article never shares a row id


def test_missing_article(store: Store) -> None:
    with pytest.raises(NotFoundInStore) as err:
        store.get("a_nothere")
    assert "a_nothere" in str(err.value) and err.value.code == "E041"


def test_count_refuses_unknown_tables(store: Store) -> None:
    with pytest.raises(StoreError):
        store.count("articles; DROP TABLE articles")


def test_delete(store: Store) -> None:
    a = make_analysis()
    store.upsert(a)
    assert store.delete(a.article.id) is True
    assert store.delete(a.article.id) is False
    assert all(n == 0 for n in _counts(store).values())


def test_wal_mode_and_context_manager(tmp_path: Path) -> None:
    path = tmp_path / "cc.db"
    with open_store(path) as s:
        s.upsert(make_analysis())
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


@pytest.mark.parametrize(
    ("location", "ok"),
    [
        ("sqlite:///{tmp}/x.db", True),
        ("{tmp}/y.db", True),
        ("postgresql://u@h/db", False),
        ("ftp://h/x", False),
    ],
)
def test_open_store_locations(tmp_path: Path, location: str, ok: bool) -> None:
    loc = location.format(tmp=tmp_path)
    if ok:
        with open_store(loc) as s:
            assert s.article_ids() == []
    else:
        with pytest.raises(StoreError):
            open_store(loc)


def test_not_a_database(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not an SQLite file" * 100)
    with pytest.raises(StoreError):
        open_store(bad)


def test_same_article_from_another_path_is_not_a_change(store: Store) -> None:
    a = make_analysis()
    store.upsert(a)
    moved = copy.deepcopy(a)
    moved.article.source = "elsewhere/clash.txt"
    assert store.upsert(moved) is False
    assert store.get(a.article.id).article.source == "test"  # the first source is kept
