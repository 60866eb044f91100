"""The local engine end to end: JSONL and Parquet in, tables out, resume, failures."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from counterclaim import analyze_article
from counterclaim.batch import output, read_table, run_batch, tables
from counterclaim.batch.runner import BatchSummary
from counterclaim.records import Article

from .conftest import Corpus, write_jsonl, write_parquet


def _ids(out: Path, table: str) -> list[str]:
    return read_table(out, table).column("row_id").to_pylist()


def _all_rows(out: Path) -> dict[str, list[dict[str, Any]]]:
    return {t: read_table(out, t).sort_by("row_id").to_pylist() for t in tables.TABLES}


class Recorder:
    """A reporter that remembers what it was told."""

    def __init__(self) -> None:
        self.total: int | None = -1
        self.advanced = 0
        self.shards: list[str] = []

    def start(self, total: int | None, shards: int, skipped: int) -> None:
        self.total = total

    def advance(self, articles: int) -> None:
        self.advanced += articles

    def shard_done(self, report: Any) -> None:
        self.shards.append(report.shard)

    def stop(self) -> None:
        return None


def test_jsonl_end_to_end_matches_analyze(
    nlp: object, tmp_path: Path, jsonl_input: Path, corpus: Corpus
) -> None:
    out = tmp_path / "out"
    rec = Recorder()
    summary = run_batch([str(jsonl_input)], out, reporter=rec)
    assert summary.ok and summary.articles == 6 and not summary.failures
    assert (summary.shards, summary.processed, summary.skipped) == (2, 2, 0)
    assert rec.total == 6 and rec.advanced == 6 and len(rec.shards) == 2
    arts = read_table(out, "articles")
    assert sorted(arts.column("title").to_pylist()) == sorted(a["title"] for a in corpus)
    # every table matches analysing the same articles one at a time with the public API
    for row in arts.to_pylist():
        src = row["source"]
        obj = json.loads(Path(src.rsplit(":", 1)[0]).read_text().split("\n")[int(src.rsplit(":", 1)[1]) - 1])
        art = Article.make(
            obj["text"].strip() + "\n",
            title=obj["title"],
            url=obj.get("url"),
            outlet=obj.get("outlet"),
            published=(obj.get("published") or "")[:10] or None,
        )
        assert art.id == row["article_id"]
        expected = tables.flatten(analyze_article(art))
        for t in tables.TABLES:
            got = sorted(r for r in _ids(out, t) if r in {e["row_id"] for e in expected[t]})
            assert got == sorted(e["row_id"] for e in expected[t]), t
    # rows in the summary agree with the files
    assert summary.total_rows == {t: read_table(out, t).num_rows for t in tables.TABLES}
    assert (out / "failures.jsonl").read_text() == ""


def test_parquet_input_gives_the_same_tables_as_jsonl(nlp: object, tmp_path: Path, corpus: Corpus) -> None:
    pq_in = write_parquet(tmp_path / "news.parquet", corpus)
    js_in = write_jsonl(tmp_path / "news.jsonl", corpus)
    a = run_batch([str(pq_in)], tmp_path / "pq", shard_size=4)
    b = run_batch([str(js_in)], tmp_path / "js", shard_size=4)
    assert a.articles == b.articles == 6 and a.shards == 2
    for t in tables.TABLES:
        strip = ("source",) if t == "articles" else ()  # source names the file and row/line
        rows_a = [{k: v for k, v in r.items() if k not in strip} for r in _all_rows(tmp_path / "pq")[t]]
        rows_b = [{k: v for k, v in r.items() if k not in strip} for r in _all_rows(tmp_path / "js")[t]]
        assert rows_a == rows_b, t


def test_resume_redoes_only_the_missing_shard(nlp: object, tmp_path: Path, jsonl_input: Path) -> None:
    out = tmp_path / "out"
    first = run_batch([str(jsonl_input)], out)
    before = _all_rows(out)
    # a rerun with everything done processes nothing
    again = run_batch([str(jsonl_input)], out)
    assert (again.skipped, again.processed, again.articles) == (2, 0, 0)
    # delete one shard's output (as a crash before its marker would leave it): only it is redone
    gone = next(m["shard"]["id"] for m in output.read_markers(out) if m["shard"]["uri"].endswith("b.jsonl"))
    output.table_file(out, "quotes", gone).unlink()
    output.marker_file(out, gone).unlink()
    rec = Recorder()
    resumed = run_batch([str(jsonl_input)], out, reporter=rec)
    assert (resumed.skipped, resumed.processed, resumed.articles) == (1, 1, 3)
    assert rec.shards == [gone] and rec.total == 3
    after = _all_rows(out)
    assert after == before  # same rows, none twice
    assert len(set(_ids(out, "articles"))) == first.total_rows["articles"] == 6


def test_crash_leftovers_are_cleaned_and_never_read(nlp: object, tmp_path: Path, jsonl_input: Path) -> None:
    out = tmp_path / "out"
    run_batch([str(jsonl_input)], out)
    leftover = out / "quotes" / ".half-written.parquet.tmp"
    leftover.write_bytes(b"PAR1 broken")
    assert read_table(out, "articles").num_rows == 6  # hidden files are not part of the dataset
    run_batch([str(jsonl_input)], out)
    assert not leftover.exists()


def test_bad_line_lands_in_failures_while_good_rows_are_written(
    nlp: object, tmp_path: Path, corpus: Corpus
) -> None:
    src = write_jsonl(tmp_path / "mixed.jsonl", corpus[:3], bad_line='{"title": "cut off", "text": "')
    out = tmp_path / "out"
    summary = run_batch([str(src)], out)
    assert summary.ok and summary.articles == 3
    (fail,) = [json.loads(line) for line in (out / "failures.jsonl").read_text().splitlines()]
    assert fail["source"] == f"{src}:2" and fail["code"] == "E015" and "not JSON" in fail["error"]
    assert summary.failure_reasons[f"E015: {fail['error']}"] == 1
    assert read_table(out, "articles").num_rows == 3
    # a rerun keeps exactly one copy of the failure
    run_batch([str(src)], out)
    assert len((out / "failures.jsonl").read_text().splitlines()) == 1


def test_an_extractor_crash_fails_only_its_article(
    nlp: object, tmp_path: Path, jsonl_input: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyze_mod = importlib.import_module("counterclaim.pipeline")  # the package re-exports analyze()

    real = analyze_mod.framing.extract

    def flaky(doc: Any, ctx: Any) -> Any:
        if "Geneva" in doc.text:
            raise IndexError("boom")
        return real(doc, ctx)

    monkeypatch.setattr(analyze_mod.framing, "extract", flaky)
    out = tmp_path / "out"
    summary: BatchSummary = run_batch([str(jsonl_input)], out)
    assert summary.ok and summary.articles == 5
    (fail,) = summary.failures
    assert fail["code"] == "E999" and "IndexError: boom" in fail["error"]
    assert fail["source"].endswith("a.jsonl:3") and fail["article_id"].startswith("a_")
    assert fail["where"] and "test_runner.py" in fail["where"]


def test_unreadable_shard_is_reported_and_retried(nlp: object, tmp_path: Path, corpus: Corpus) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    good = write_jsonl(tmp_path / "good.jsonl", corpus[:2])
    bad = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"title": ["x"], "body": ["no text column"]}), bad)
    out = tmp_path / "out"
    summary = run_batch([str(good), str(bad)], out)
    assert not summary.ok and summary.articles == 2
    (failed,) = summary.failed_shards
    assert failed.uri == str(bad) and "text" in (failed.error or "")
    lines = [json.loads(x) for x in (out / "failures.jsonl").read_text().splitlines()]
    assert [f["code"] for f in lines] == ["E050"]
    assert not output.marker_file(out, failed.shard).exists()  # not done: retried next time
    assert not output.table_file(out, "articles", failed.shard).exists()


def test_changing_shard_size_replaces_old_shards(nlp: object, tmp_path: Path, corpus: Corpus) -> None:
    src = write_jsonl(tmp_path / "news.jsonl", corpus)
    out = tmp_path / "out"
    run_batch([str(src)], out, shard_size=6)
    summary = run_batch([str(src)], out, shard_size=3)
    assert len(summary.stale) == 1 and summary.processed == 2
    assert sorted(_ids(out, "articles")) == sorted(set(_ids(out, "articles")))
    assert read_table(out, "articles").num_rows == 6


def test_warc_shard_writes_pages_and_reports_non_articles(nlp: object, tmp_path: Path) -> None:
    pytest.importorskip("counterclaim.ingest.warc")
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    page = (
        "<html><head><title>Bridge closed after blast</title></head><body><article>"
        "<h1>Bridge closed after blast</h1>"
        "<p>An explosion damaged the main bridge into Korvel on Friday, city officials said, "
        "and traffic was sent over the northern crossing.</p>"
        "<p>Engineers were inspecting the supports on Saturday, the transport ministry said.</p>"
        "</article></body></html>"
    )
    empty = "<html><head><title>Menu</title></head><body><nav>Home | News</nav></body></html>"
    src = tmp_path / "crawl.warc.gz"
    with src.open("wb") as fh:
        w = WARCWriter(fh, gzip=True)
        for uri, body in [("https://news.example/bridge", page), ("https://news.example/menu", empty)]:
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            payload = io.BytesIO(body.encode())
            w.write_record(w.create_warc_record(uri, "response", payload=payload, http_headers=http))
    out = tmp_path / "out"
    summary = run_batch([str(src)], out)
    assert summary.ok and summary.shards == 1 and summary.articles == 1
    (row,) = read_table(out, "articles").to_pylist()
    assert row["title"] == "Bridge closed after blast" and row["url"] == "https://news.example/bridge"
    (fail,) = summary.failures
    assert fail["code"] == "E014" and "menu" in fail["source"]


def test_a_shard_of_only_bad_lines_still_writes_typed_empty_tables(nlp: object, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    src = tmp_path / "bad.jsonl"
    src.write_text('{"title": "x"}\nnot json\n')
    out = tmp_path / "out"
    summary = run_batch([str(src)], out)
    assert summary.ok and summary.articles == 0 and len(summary.failures) == 2
    (marker,) = list(output.read_markers(out))
    for t in tables.TABLES:
        f = output.table_file(out, t, marker["shard"]["id"])
        assert pq.read_schema(f).names == tables.schema(t).names
        assert pq.ParquetFile(f).metadata.num_rows == 0
