"""A small corpus of short made-up articles, written as JSONL and Parquet shards."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

# Invented places and people; written for these tests.
ARTICLES: list[dict[str, str]] = [
    {
        "title": "Shelling hits border town",
        "text": "At least 12 civilians were killed when artillery hit the market in Varna Dol on Tuesday, "
        'the regional governor Ilse Marten said.\n"This was a deliberate attack," Marten told reporters.',
        "outlet": "Coast Herald",
        "published": "2025-03-04",
    },
    {
        "title": "Ministry denies strike",
        "text": "The Defence Ministry of Karsk denied that its aircraft struck a convoy near Ostrel. "
        "A ministry spokesman said the claims were fabricated.",
        "outlet": "Daily Meridian",
        "published": "2025-03-05",
        "url": "https://example.org/karsk-denies",
    },
    {
        "title": "Talks resume in Geneva",
        "text": "Negotiators from both sides met in Geneva on Monday and agreed to extend the ceasefire "
        "by two weeks, according to a statement from the mediators.",
        "published": "2025-03-10",
    },
    {
        "title": "Thousands flee fighting",
        "text": "More than 4,000 people have fled their homes in the northern province since Friday, "
        "the UN refugee agency said. Aid groups warned of shortages of food and water.",
        "outlet": "Wire Service",
    },
    {
        "title": "Rebels claim capture of airbase",
        "text": "The Northern Front said on Sunday it had captured the Telmo airbase and taken 30 soldiers "
        "prisoner. The army called the claim propaganda.",
        "outlet": "Coast Herald",
        "published": "2025-04-02",
    },
    {
        "title": "Sanctions announced",
        "text": "The European Union announced new sanctions against three Karsk officials on Thursday, "
        "accusing them of ordering attacks on civilians.",
        "published": "2025-04-11T09:30:00Z",
    },
]


Corpus = list[dict[str, str]]


def write_jsonl(path: Path, rows: list[dict[str, str]], *, bad_line: str | None = None) -> Path:
    """Write rows as JSONL; ``bad_line`` goes in as the second line when given."""
    lines = [json.dumps(r) for r in rows]
    if bad_line is not None:
        lines.insert(1, bad_line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_parquet(path: Path, rows: list[dict[str, str]]) -> Path:
    cols = ["title", "text", "url", "outlet", "published"]
    table = pa.table({c: [r.get(c) for r in rows] for c in cols})
    pq.write_table(table, path)
    return path


@pytest.fixture()
def corpus() -> list[dict[str, str]]:
    return [dict(a) for a in ARTICLES]


@pytest.fixture()
def jsonl_input(tmp_path: Path, corpus: list[dict[str, str]]) -> Path:
    """Two JSONL shards of three articles each."""
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", corpus[:3])
    write_jsonl(folder / "b.jsonl", corpus[3:])
    return folder
