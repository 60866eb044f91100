"""Finding, cutting and reading input shards (no pipeline)."""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.fs as pafs
import pyarrow.parquet as pq
import pytest

from counterclaim.batch import sources
from counterclaim.errors import InputError, InputNotFound, MalformedInput, MissingField, UnsupportedFormat
from counterclaim.records import Article

from .conftest import Corpus, write_jsonl, write_parquet


def _articles(items: list[object]) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


@pytest.mark.parametrize(
    ("n", "shard_size", "ranges"),
    [
        (6, 500, [(0, None)]),
        (6, 6, [(0, None)]),
        (6, 4, [(0, 4), (4, 6)]),
        (7, 3, [(0, 3), (3, 6), (6, 7)]),
    ],
)
def test_plan_cuts_jsonl_into_shards(
    tmp_path: Path, corpus: Corpus, n: int, shard_size: int, ranges: list[tuple[int, int | None]]
) -> None:
    rows = (corpus * 2)[:n]
    path = write_jsonl(tmp_path / "news.jsonl", rows)
    shards = sources.plan([str(path)], shard_size=shard_size)
    assert [(s.start, s.stop) for s in shards] == ranges
    assert sum(s.articles or 0 for s in shards) == n
    # reading every shard gives every article once, in order
    titles = [a.title for s in shards for a in _articles(list(sources.read_shard(s)))]
    assert titles == [r["title"] for r in rows]
    # ids are stable for the same file and ranges
    assert [s.id for s in sources.plan([str(path)], shard_size=shard_size)] == [s.id for s in shards]


def test_plan_walks_folders_and_skips_hidden_and_other_files(tmp_path: Path, corpus: Corpus) -> None:
    write_jsonl(tmp_path / "b.jsonl", corpus[:2])
    write_parquet(tmp_path / "a.parquet", corpus[2:4])
    write_jsonl(tmp_path / ".hidden.jsonl", corpus[:1])
    (tmp_path / "notes.txt").write_text("not an input")
    shards = sources.plan([str(tmp_path)])
    assert [(Path(s.uri).name, s.format, s.articles) for s in shards] == [
        ("a.parquet", "parquet", 2),
        ("b.jsonl", "jsonl", 2),
    ]


@pytest.mark.parametrize(
    ("name", "error"),
    [("missing.jsonl", InputNotFound), ("notes.txt", UnsupportedFormat)],
)
def test_plan_rejects_missing_and_unknown_files(tmp_path: Path, name: str, error: type[InputError]) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(error) as info:
        sources.plan([str(tmp_path / name)])
    assert name in str(info.value)


@pytest.mark.parametrize(
    ("line", "error", "message"),
    [
        ('{"title": "x", "text": ', MalformedInput, "not JSON"),
        ('{"title": "no text here"}', MissingField, "text"),
        ('["a", "list"]', MalformedInput, "list"),
    ],
)
def test_bad_jsonl_line_is_yielded_in_place(
    tmp_path: Path, corpus: Corpus, line: str, error: type[InputError], message: str
) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", corpus[:2], bad_line=line)
    (shard,) = sources.plan([str(path)])
    items = list(sources.read_shard(shard))
    assert len(items) == 3
    bad = items[1]
    assert isinstance(bad, error) and message in bad.message
    assert bad.source == f"{path}:2"  # file and line
    assert [a.title for a in _articles(items)] == [corpus[0]["title"], corpus[1]["title"]]


def test_jsonl_sources_name_file_and_line_and_skip_blank_lines(tmp_path: Path, corpus: Corpus) -> None:
    path = tmp_path / "gaps.jsonl"
    path.write_text(json.dumps(corpus[0]) + "\n\n   \n" + json.dumps(corpus[1]) + "\n")
    (shard,) = sources.plan([str(path)])
    assert shard.articles == 2
    arts = _articles(list(sources.read_shard(shard)))
    assert [a.source for a in arts] == [f"{path}:1", f"{path}:4"]
    assert arts[1].url == corpus[1]["url"] and arts[0].published == "2025-03-04"


def test_gzipped_jsonl(tmp_path: Path, corpus: Corpus) -> None:
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r) for r in corpus[:3]) + "\n")
    (shard,) = sources.plan([str(path)])
    assert shard.format == "jsonl" and shard.articles == 3
    assert len(_articles(list(sources.read_shard(shard)))) == 3


def test_parquet_rows_with_dates_nulls_and_row_groups(tmp_path: Path) -> None:
    table = pa.table(
        {
            "title": ["One", "Two", "Three", "Four", "Five"],
            "text": ["Troops crossed the river.", None, "Talks ended.", "A drone fell.", "Aid arrived."],
            "published": pa.array(
                [
                    dt.datetime(2025, 1, 2, 8, 30),
                    None,
                    dt.datetime(2025, 1, 3),
                    dt.datetime(2025, 1, 4),
                    dt.datetime(2025, 1, 5),
                ]
            ),
            "extra": [1, 2, 3, 4, 5],  # columns other than the article fields are ignored
        }
    )
    path = tmp_path / "rows.parquet"
    pq.write_table(table, path, row_group_size=2)
    shards = sources.plan([str(path)], shard_size=3)
    assert [(s.start, s.stop) for s in shards] == [(0, 3), (3, 5)]
    first = list(sources.read_shard(shards[0]))
    assert isinstance(first[1], InputError) and first[1].source == f"{path}#row=1"
    assert first[0].published == "2025-01-02" and first[0].text == "Troops crossed the river.\n"
    assert [a.title for a in _articles(list(sources.read_shard(shards[1])))] == ["Four", "Five"]


def test_parquet_without_text_column_fails_the_shard(tmp_path: Path) -> None:
    path = tmp_path / "bad.parquet"
    pq.write_table(pa.table({"title": ["x"], "body": ["y"]}), path)
    (shard,) = sources.plan([str(path)])
    with pytest.raises(MissingField):
        list(sources.read_shard(shard))


def test_fingerprint_changes_with_the_file(tmp_path: Path, corpus: Corpus) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", corpus[:2])
    (before,) = sources.plan([str(path)])
    write_jsonl(path, corpus[:3])
    (after,) = sources.plan([str(path)])
    assert before.id == after.id and before.fingerprint != after.fingerprint


@pytest.mark.parametrize(
    ("root", "path", "given", "expected"),
    [
        ("bucket/news", "bucket/news/2024/a.jsonl", "s3://bucket/news/", "s3://bucket/news/2024/a.jsonl"),
        ("/data", "/data/x.parquet", "hdfs://namenode:8020/data", "hdfs://namenode:8020/data/x.parquet"),
        ("bucket/one.jsonl", "bucket/one.jsonl", "gs://bucket/one.jsonl", "gs://bucket/one.jsonl"),
    ],
)
def test_remote_uris_keep_scheme_host_and_folder(root: str, path: str, given: str, expected: str) -> None:
    mock, _ = pafs.FileSystem.from_uri("mock:///")  # any non-local filesystem
    assert sources._uri(mock, root, path, given) == expected


@pytest.mark.parametrize(
    ("path", "hidden"),
    [
        ("/in/a.jsonl", False),
        ("/in/.cache/a.jsonl", True),
        ("/in/_shards/a.jsonl", True),
        ("/in/x/b.jsonl", False),
    ],
)
def test_hidden_files_and_folders_are_skipped(path: str, hidden: bool) -> None:
    assert sources._hidden("/in", path) is hidden


def test_file_urls_and_repeated_inputs(tmp_path: Path, corpus: Corpus) -> None:
    path = write_jsonl(tmp_path / "x.jsonl", corpus[:2])
    shards = sources.plan([f"file://{path}", str(path)])
    assert len(shards) == 1 and shards[0].uri == str(path)
