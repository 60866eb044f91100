"""index.py: the web index built from a store, its filters, pagination and search."""

from __future__ import annotations

from pathlib import Path

import pytest

from counterclaim.store import open_store
from counterclaim.web.index import ClaimFilter, WebIndex, build_index

from .factories import figure_analysis


@pytest.fixture()
def index(tmp_path: Path) -> WebIndex:
    db = tmp_path / "s.db"
    with open_store(db) as s:
        s.upsert(
            figure_analysis(
                title="One",
                outlet="=HYPERLINK(1)",
                published="2030-05-01",
                figures=[(10, "killed", "Ministry", "2030-04-30"), (3, "wounded", "Ministry", None)],
            )
        )
        s.upsert(
            figure_analysis(
                title="Two",
                outlet="Daily",
                published="2030-05-03",
                figures=[
                    (12, "killed", "Ministry", None),
                    (4, "killed", "Army", None),
                    (9, "killed", "Army", None),
                ],
            )
        )
    build_index(str(db), str(tmp_path / "i.sqlite"))
    return WebIndex(str(tmp_path / "i.sqlite"))


@pytest.mark.parametrize(
    ("f", "total"),
    [
        (ClaimFilter(), 5),
        (ClaimFilter(category="killed"), 4),
        (ClaimFilter(claimant="army"), 2),  # case-insensitive
        (ClaimFilter(outlet="Daily", claimant="Ministry"), 1),
        (ClaimFilter(since="2030-05-02"), 3),
        (ClaimFilter(until="2030-04-30"), 1),  # as-of date, not publication date
        (ClaimFilter(party="nobody"), 0),
    ],
)
def test_filters_count_and_rows_agree(index: WebIndex, f: ClaimFilter, total: int) -> None:
    page = index.claims(f, per_page=100)
    assert page.total == total == len(page.rows)
    assert len(list(index.all_claims(f))) == total


def test_pagination(index: WebIndex) -> None:
    p1 = index.claims(ClaimFilter(), page=1, per_page=2)
    p3 = index.claims(ClaimFilter(), page=3, per_page=2)
    assert p1.pages == 3 and len(p1.rows) == 2 and len(p3.rows) == 1
    assert [r["day"] for r in p1.rows] == sorted((r["day"] for r in p1.rows), reverse=True)


def test_series_are_the_stores_claims_series(index: WebIndex) -> None:
    """The two articles tell one story (same words, two days apart): their killed figures, which
    name no party, are one series of that story, with each value a claimant gave as a point."""
    series = index.series(ClaimFilter(category="killed"))
    assert series.total == 1 and series.rows[0]["n"] == 4 and series.rows[0]["story"]
    big = series.rows[0]
    points = index.chart_points(big["id"], ClaimFilter())
    assert {p["claimant"] for p in points} == {"Ministry", "Army"}
    army = [(p["day"], p["value"]) for p in points if p["claimant"] == "Army"]
    assert army == [("2030-05-03", 4), ("2030-05-03", 9)]  # each value its own point


def test_series_page_and_note(index: WebIndex) -> None:
    first = index.series(ClaimFilter(), per_page=1)
    second = index.series(ClaimFilter(), page=2, per_page=1)
    assert first.total == second.total == 2 and first.rows[0]["id"] != second.rows[0]["id"]
    assert (first.first, first.last, second.first) == (1, 1, 2)


@pytest.mark.parametrize(
    ("sort", "desc", "first"), [("value", True, 12), ("value", False, 3), ("claimant", False, "Army")]
)
def test_claims_sort(index: WebIndex, sort: str, desc: bool, first: object) -> None:
    row = index.claims(ClaimFilter(), sort=sort, desc=desc).rows[0]
    assert first in (row["value"], row["claimant"])


def test_articles_sort_filter_and_page(index: WebIndex) -> None:
    assert [r["title"] for r in index.articles(sort="published").rows] == ["Two", "One"]
    assert [r["title"] for r in index.articles(sort="published", desc=False).rows] == ["One", "Two"]
    assert [r["title"] for r in index.articles(outlet="daily").rows] == ["Two"]
    assert index.articles(q="tw").total == 1 and index.articles(q="%").total == 0
    assert index.articles(page=2, per_page=1).rows[0]["title"] == "One"


def test_choices_list_filter_values(index: WebIndex) -> None:
    c = index.choices()
    assert c["claimant"] == ["Army", "Ministry"] and "Daily" in c["outlet"]


@pytest.mark.parametrize(
    ("q", "hits"), [("Army", 1), ('"Army', 1), ("ministry said", 2), ("army SAID", 1), ("AND", 0), ("", 0)]
)
def test_search_quotes_words(index: WebIndex, q: str, hits: int) -> None:
    assert index.search(q).total == hits


@pytest.mark.parametrize("q", ["kill", "kills", "killing", "KILLED"])
def test_search_stems_words(index: WebIndex, q: str) -> None:
    """Porter stemming: every form of the word finds what 'killed' finds, with the article title."""
    want = index.search("killed")
    got = index.search(q)
    assert got.total == want.total > 0
    assert {(r["article_id"], r["position"]) for r in got.rows} == {
        (r["article_id"], r["position"]) for r in want.rows
    }
    assert {r["title"] for r in got.rows} == {"One", "Two"}


def test_search_pages(index: WebIndex) -> None:
    everything = index.search("said", per_page=100)
    pages = [index.search("said", page=n, per_page=1) for n in (1, 2, 3)]
    assert [len(p.rows) for p in pages] == [1, 1, 0] and everything.total == 2 == pages[0].pages
    assert [r for p in pages for r in p.rows] == everything.rows


def test_index_from_an_open_store_equals_index_from_its_location(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    with open_store(db) as s:
        s.upsert(
            figure_analysis(title="X", outlet="O", published="2030-01-01", figures=[(1, "killed", "A", None)])
        )
    build_index(str(db), str(tmp_path / "a.sqlite"))
    with open_store(db, read_only=True) as ro:
        build_index(ro, str(tmp_path / "b.sqlite"))
    a, b = WebIndex(str(tmp_path / "a.sqlite")), WebIndex(str(tmp_path / "b.sqlite"))
    assert a.claims(ClaimFilter()).rows == b.claims(ClaimFilter()).rows
    assert len(a.claims(ClaimFilter()).rows) == 1 and a.search("killed") == b.search("killed")
    assert a.search("killed").total > 0


def test_index_records_the_store_without_its_password(tmp_path: Path) -> None:
    class Fake:  # a store at a URL with a password: only ``analyses`` and ``location`` are read
        location = "postgresql://web:s3cret@db.example/cc"

        def analyses(self) -> list[object]:
            return []

    build_index(Fake(), str(tmp_path / "i.sqlite"))  # type: ignore[arg-type]
    import sqlite3

    con = sqlite3.connect(tmp_path / "i.sqlite")
    (where,) = con.execute("SELECT value FROM info WHERE key = 'store'").fetchone()
    con.close()
    assert where == "postgresql://web:***@db.example/cc"


def test_a_failed_build_keeps_the_previous_index(tmp_path: Path, index: WebIndex) -> None:
    class Broken:
        location = "broken"

        def analyses(self) -> list[object]:
            raise RuntimeError("connection lost")

    with pytest.raises(RuntimeError):
        build_index(Broken(), index.path)  # type: ignore[arg-type]
    assert index.claims(ClaimFilter()).total == 5
    assert not list(tmp_path.glob("*.tmp"))


def test_csv_defuses_formula_cells(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from counterclaim.web.app import create_app

    db = tmp_path / "s.db"
    with open_store(db) as s:
        s.upsert(
            figure_analysis(
                title="@SUM(A1)",
                outlet="=HYPERLINK(1)",
                published="2030-01-01",
                figures=[(1, "killed", "-A", None)],
            )
        )
    with TestClient(create_app(str(db), index_path=str(tmp_path / "i.sqlite"))) as c:
        body = c.get("/claims.csv").text
    assert "'=HYPERLINK(1)" in body and "'@SUM(A1)" in body and ",'-A," in body


@pytest.mark.parametrize(
    "f",
    [
        ClaimFilter(),
        ClaimFilter(category="killed"),
        ClaimFilter(claimant="ARMY"),
        ClaimFilter(outlet="Daily"),
    ],
)
def test_precounted_filters_agree_with_counting(index: WebIndex, f: ClaimFilter) -> None:
    """No filter or one column is answered from the precounted facets; the same filter with a date
    bound that keeps everything is counted from the figures: both give the same page."""
    import dataclasses

    counted = dataclasses.replace(f, since="0001-01-01")
    assert f.facet() is not None and counted.facet() is None
    assert index.claims(f).total == index.claims(counted).total > 0
    a, b = index.series(f, per_page=100), index.series(counted, per_page=100)
    assert a.total == b.total and [(r["id"], r["n"]) for r in a.rows] == [(r["id"], r["n"]) for r in b.rows]
