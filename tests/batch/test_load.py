"""Loading batch output and analysis JSON lines into SQLite and PostgreSQL stores."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from counterclaim import analyze_article
from counterclaim.batch import load as load_mod
from counterclaim.batch import output, run_batch, tables
from counterclaim.batch.load import AnalysisReader, load, read_analyses
from counterclaim.errors import InputNotFound, MalformedInput, UnsupportedFormat
from counterclaim.ingest import read_path
from counterclaim.records import Analysis, Article
from counterclaim.store import Store, open_store

from .conftest import ARTICLES, write_jsonl


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory: pytest.TempPathFactory, nlp: object) -> tuple[Path, dict[str, Analysis]]:
    """A batch output of two shards (three articles each) and what ``analyze`` says of each
    article (read by the same reader, so ``source`` agrees too), by article id."""
    root = tmp_path_factory.mktemp("load")
    src = write_jsonl(root / "news.jsonl", [dict(a) for a in ARTICLES])
    out = root / "out"
    summary = run_batch([str(src)], out, shard_size=3)
    assert summary.ok and summary.articles == 6 and summary.processed == 2
    expected = {}
    for art in read_path(str(src)):
        assert isinstance(art, Article)
        expected[art.id] = analyze_article(art)
    return out, expected


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend (PostgreSQL from the ``pg_url`` fixture)."""
    where = str(tmp_path / "s.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(where) as s:
        yield s


def _copy(out: Path, tmp_path: Path) -> Path:
    dst = tmp_path / "out"
    shutil.copytree(out, dst)
    return dst


def _child_counts(store: Store) -> dict[str, int]:
    return {t: store.count(t) for t in ("entities", "quotes", "figures", "events")}


def _expected_counts(analyses: list[Analysis]) -> dict[str, int]:
    return {t: sum(len(getattr(a, t)) for a in analyses) for t in ("entities", "quotes", "figures", "events")}


def test_load_gives_back_what_analyze_says(batch_out: tuple[Path, dict[str, Analysis]], store: Store) -> None:
    out, expected = batch_out
    s = load(out, store, batch_size=4)
    assert (s.articles, s.changed, s.unchanged, s.failures) == (6, 6, 0, [])
    assert (s.shards, s.skipped_shards) == (2, [])
    assert s.rows == output.table_rows(out)
    assert sorted(store.article_ids()) == sorted(expected)
    for aid, a in expected.items():
        got = store.get(aid)
        assert got == a
        assert got.to_json() == a.to_json()
    assert s.store_rows["articles"] == 6 and s.store_rows["quotes"] == s.rows["quotes"]


def test_loading_twice_changes_nothing(batch_out: tuple[Path, dict[str, Analysis]], store: Store) -> None:
    out, _ = batch_out
    first = load(out, store)
    second = load(out, store)
    assert (second.articles, second.changed, second.unchanged) == (6, 0, 6)
    assert second.store_rows == first.store_rows
    assert second.ok


def test_undone_and_half_written_shards_are_skipped(
    batch_out: tuple[Path, dict[str, Analysis]], tmp_path: Path
) -> None:
    out = _copy(batch_out[0], tmp_path)
    undone = sorted(p.stem for p in (out / output.MARKERS).glob("*.json"))[1]
    output.marker_file(out, undone).unlink()  # as a crash before the marker leaves it
    (out / "quotes" / ".part.parquet.123.tmp").write_bytes(b"PAR1 half")
    with open_store(tmp_path / "s.db") as st:
        s = load(out, st)
        assert (s.articles, s.changed, s.shards, s.skipped_shards) == (3, 3, 1, [undone])
        assert st.count("articles") == 3
    assert s.ok


def test_a_shard_whose_files_disagree_with_its_marker_is_reported(
    batch_out: tuple[Path, dict[str, Analysis]], tmp_path: Path
) -> None:
    out = _copy(batch_out[0], tmp_path)
    marker = sorted((out / output.MARKERS).glob("*.json"))[0]
    body = json.loads(marker.read_text())
    body["rows"]["articles"] += 1
    marker.write_text(json.dumps(body))
    with open_store(tmp_path / "s.db") as st:
        s = load(out, st)
    assert s.articles == 3 and len(s.failures) == 1
    assert "differ from its marker" in s.failures[0].error and marker.stem in s.failures[0].source


def test_interrupted_read_leaves_whole_articles(
    batch_out: tuple[Path, dict[str, Analysis]], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, expected = batch_out
    real = tables.analysis_from_rows
    calls = {"n": 0}

    def flaky(row: dict[str, Any], children: dict[str, list[dict[str, Any]]]) -> Analysis:
        calls["n"] += 1
        if calls["n"] == 4:
            raise RuntimeError("killed mid-way")
        return real(row, children)

    monkeypatch.setattr(tables, "analysis_from_rows", flaky)
    with pytest.raises(RuntimeError, match="killed"):
        load(out, store, batch_size=2)
    stored = store.article_ids()
    assert len(stored) == 2  # the first full batch; the third article was read but not written
    assert all(store.get(aid) == expected[aid] for aid in stored)
    assert _child_counts(store) == _expected_counts([expected[a] for a in stored])
    # running it again completes the load
    monkeypatch.setattr(tables, "analysis_from_rows", real)
    again = load(out, store, batch_size=2)
    assert (again.changed, again.unchanged) == (4, 2)


_FAIL_SQL = {
    "sqlite": [
        "CREATE TRIGGER boom BEFORE INSERT ON quotes WHEN (SELECT COUNT(*) FROM quotes) >= 2 "
        "BEGIN SELECT RAISE(ABORT, 'disk on fire'); END"
    ],
    "postgresql": [
        "CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN "
        "IF (SELECT COUNT(*) FROM quotes) >= 2 THEN RAISE EXCEPTION 'disk on fire'; END IF; "
        "RETURN NEW; END $$ LANGUAGE plpgsql",
        "CREATE TRIGGER boom BEFORE INSERT ON quotes FOR EACH ROW EXECUTE FUNCTION boom()",
    ],
}


def _execute(where: str, stmts: list[str]) -> None:
    if where.startswith("postgresql"):
        import psycopg  # noqa: PLC0415

        with psycopg.connect(where, autocommit=True) as con:
            for s in stmts:
                con.execute(s)
    else:
        import sqlite3  # noqa: PLC0415

        con = sqlite3.connect(where)
        for s in stmts:
            con.execute(s)
        con.commit()
        con.close()


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_store_failing_mid_write_keeps_articles_whole(
    batch_out: tuple[Path, dict[str, Analysis]], tmp_path: Path, request: pytest.FixtureRequest, backend: str
) -> None:
    out, expected = batch_out
    where = str(tmp_path / "s.db") if backend == "sqlite" else request.getfixturevalue("pg_url")
    open_store(where).close()  # create the tables
    _execute(where, _FAIL_SQL[backend])  # the database refuses the third quote row and later ones
    with open_store(where) as st:
        s = load(out, st, batch_size=3)
        stored = st.article_ids()
        # the batch the store refused was retried article by article: the bad ones fail alone
        assert s.failures and all("disk on fire" in f.error for f in s.failures)
        assert len(stored) + len(s.failures) == 6 and s.changed == len(stored)
        assert all(st.get(aid) == expected[aid] for aid in stored)
        assert _child_counts(st) == _expected_counts([expected[a] for a in stored])
        assert {f.article_id for f in s.failures} == set(expected) - set(stored)


def test_a_store_that_keeps_failing_stops_the_load(
    batch_out: tuple[Path, dict[str, Analysis]], tmp_path: Path
) -> None:
    class Broken:
        location = "postgresql://me:hunter2@db.example/x"

        def upsert_many(self, analyses: list[Analysis], *, batch_size: int = 200) -> int:
            raise ConnectionError("server closed the connection (postgresql://me:hunter2@db.example/x)")

        def upsert(self, analysis: Analysis) -> bool:
            raise ConnectionError("server closed the connection")

        def count(self, table: str) -> int:
            raise OSError("gone")

    s = load(batch_out[0], Broken(), batch_size=1)  # type: ignore[arg-type]
    assert s.aborted and "3 batches in a row" in s.aborted and "hunter2" not in s.aborted
    assert s.articles == load_mod.MAX_FAILED_BATCHES and len(s.failures) == 3 and not s.ok
    assert s.store == "postgresql://me:***@db.example/x"


def test_jsonl_of_analyses_loads_like_batch_output(
    batch_out: tuple[Path, dict[str, Analysis]], tmp_path: Path
) -> None:
    _, expected = batch_out
    analyses = list(expected.values())
    folder = tmp_path / "json"
    folder.mkdir()
    lines = [a.to_json() for a in analyses[:3]]
    lines.insert(1, "{broken")
    (folder / "a.jsonl").write_text("\n".join(lines) + "\n\n")
    # what `analyze --format json` prints for one article: indented JSON
    (folder / "b.json").write_text("".join(a.to_json(indent=2) + "\n" for a in analyses[3:]))
    with open_store(tmp_path / "s.db") as st:
        s = load(folder, st)
        assert (s.articles, s.changed) == (6, 6)
        bad = [(f.source, f.error[:14]) for f in s.failures]
        assert bad == [(f"{folder / 'a.jsonl'}:2", "malformed JSON")]
        assert all(st.get(a.article.id) == a for a in analyses)
    assert s.rows["quotes"] == sum(len(a.quotes) for a in analyses)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("{broken\n", "malformed JSON"),
        ('{"title": "an article, not an analysis"}\n', "no 'article' object"),
        ('{"article": {"title": "no id or text"}}\n', "not an analysis"),
    ],
)
def test_read_analyses_raises_at_an_unreadable_item(tmp_path: Path, text: str, error: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(text)
    with pytest.raises(MalformedInput, match=error) as info:
        list(read_analyses(path))
    assert info.value.source == f"{path}:1"


def test_read_analyses_streams_a_batch_folder(batch_out: tuple[Path, dict[str, Analysis]]) -> None:
    out, expected = batch_out
    got = read_analyses(out)
    first = next(got)  # a generator: nothing is read before it is asked for
    assert first == expected[first.article.id]
    assert sorted(a.article.id for a in [first, *got]) == sorted(expected)
    assert AnalysisReader(out).total() == 6


@pytest.mark.parametrize(
    ("make", "error"),
    [
        (lambda p: p / "missing", InputNotFound),
        (lambda p: p, UnsupportedFormat),  # an empty folder
        (lambda p: (p / "notes.txt", (p / "notes.txt").write_text("hi"))[0], UnsupportedFormat),
    ],
)
def test_inputs_that_are_not_analyses_are_refused(tmp_path: Path, make: Any, error: type) -> None:
    with pytest.raises(error):
        AnalysisReader(make(tmp_path))


def _shard_of(folder: Path, analyses: list[Analysis]) -> Path:
    """A done batch shard holding exactly these analyses, in order (no spaCy)."""
    from counterclaim.batch.sources import Shard  # noqa: PLC0415

    w = output.ShardWriter(folder, "s-0")
    for a in analyses:
        w.add(tables.flatten(a))
    w.commit()
    shard = Shard(id="s-0", uri=str(folder / "in.jsonl"), format="jsonl", fingerprint="x")
    output.write_marker(folder, shard, articles=len(analyses), failures=[], rows=w.rows, seconds=0.0)
    return folder


def _quoted(published: str | None = None) -> Analysis:
    from counterclaim.records import Party, Quote  # noqa: PLC0415

    text = 'Ilse Marten said: "We hold the bridge."\n'
    art = Article.make(text, title="Bridge", published=published)
    speaker = Party(name="Ilse Marten", kind="source", resolved_via="name")
    return Analysis(
        article=art, quotes=[Quote(speaker=speaker, text="We hold the bridge.", kind="direct", span=(18, 39))]
    )


@pytest.mark.parametrize(
    ("twins", "articles", "failures"),
    [
        ([_quoted(), _quoted()], 1, 0),  # the same article twice in the input: loaded once
        ([_quoted("2025-01-02"), _quoted("2025-01-03")], 0, 1),  # one id, two analyses: refused
    ],
)
def test_an_article_twice_in_a_shard(
    tmp_path: Path, twins: list[Analysis], articles: int, failures: int
) -> None:
    out = _shard_of(tmp_path / "out", twins)
    reader = AnalysisReader(out)
    got = list(reader)
    assert len(got) == articles and len(reader.failures) == failures
    if got:
        assert got[0] == twins[0] and len(got[0].quotes) == 1
    else:
        assert "appears 2 times" in reader.failures[0].error
