"""Exports (counterclaim/export.py): every table in CSV, JSON Lines and Parquet; ACLED columns;
spreadsheet formula injection defused."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from counterclaim.errors import UnsupportedFormat
from counterclaim.export import TABLES, Tables, acled_type, defuse, encode, export
from counterclaim.records import Event, Party

from . import corpus
from .helpers import analysis


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables(corpus.hand_analyses())


@pytest.mark.parametrize("table", TABLES)
def test_every_table_round_trips_in_every_format(tables: Tables, table: str) -> None:
    rows = tables.rows(table)
    parsed_csv = list(csv.DictReader(io.StringIO(encode(rows, "csv").decode("utf-8"))))
    parsed_jsonl = [json.loads(line) for line in encode(rows, "jsonl").decode("utf-8").splitlines()]
    parquet = pq.read_table(io.BytesIO(encode(rows, "parquet")))
    assert len(parsed_csv) == len(parsed_jsonl) == parquet.num_rows == len(rows)
    if rows:
        assert list(parsed_csv[0]) == list(rows[0]) == parquet.column_names[: len(rows[0])]


def test_row_counts_match_the_corpus(tables: Tables) -> None:
    arts = corpus.hand_analyses()
    assert len(tables.rows("articles")) == len(arts)
    assert len(tables.rows("figures")) == sum(len(a.figures) for a in arts) == len(tables.rows("claims"))
    assert len(tables.rows("stories")) == len(corpus.expected()["stories"])
    assert len(tables.rows("series")) == len(corpus.expected()["series"])


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+1", "'+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("Kestria", "Kestria"),
        ("", ""),
    ],
)
def test_defuse(cell: str, safe: str) -> None:
    assert defuse(cell) == safe


def test_csv_defuses_formula_cells_but_not_numbers() -> None:
    a = analysis("=cmd|' /C calc'!A0 is not a title.", title="=1+1 headline")
    rows = Tables([a]).rows("articles")
    out = list(csv.DictReader(io.StringIO(encode(rows, "csv").decode("utf-8"))))[0]
    assert out["title"] == "'=1+1 headline" and out["text"].startswith("'=")
    assert json.loads(encode(rows, "jsonl"))["title"] == "=1+1 headline"  # JSON keeps the value


@pytest.mark.parametrize(
    ("etype", "mode", "acled"),
    [
        ("ASSAULT", "shelling", "Explosions/Remote violence"),
        ("ASSAULT", "drone strike", "Explosions/Remote violence"),
        ("ASSAULT", "ground assault", "Battles"),
        ("ASSAULT", None, "Battles"),
        ("PROTEST", None, "Protests"),
        ("AGREE", None, "Strategic developments"),
    ],
)
def test_acled_type(etype: str, mode: str | None, acled: str) -> None:
    assert acled_type(Event(type=etype, actor=Party.unknown(), span=(0, 1), mode=mode)) == acled


def test_acled_rows_carry_fatalities_of_the_attack() -> None:
    text = "Ostrian artillery shelled Harwick, killing 7 people, officials said.\nTalks were held."
    a = analysis(text, entities=[("Ostria", "GPE"), ("Harwick", "GPE")], outlet="Wire")
    from .helpers import figure, party  # noqa: PLC0415

    a.figures = [figure(a, 7, "killed", "people", "Harwick", "Ostria")]
    a.events = [
        Event(
            type="ASSAULT",
            actor=party(a, "Ostria"),
            target=party(a, "Harwick"),
            span=(18, 25),
            mode="shelling",
            location="Harwick",
            date="2030-05-01",
        ),
        Event(type="CONSULT", actor=party(a, "Ostria"), span=(text.index("Talks"), len(text) - 1)),
    ]
    rows = Tables([a]).rows("acled")
    assert [
        (r["event_type"], r["actor1"], r["actor2"], r["location"], r["fatalities"], r["source"]) for r in rows
    ] == [
        ("Explosions/Remote violence", "Ostria", "Harwick", "Harwick", 7, "Wire"),
        ("Strategic developments", "Ostria", None, None, 0, "Wire"),
    ]
    assert list(rows[0])[:8] == [
        "event_date",
        "event_type",
        "actor1",
        "actor2",
        "location",
        "fatalities",
        "source",
        "notes",
    ]


def test_unknown_table_and_format() -> None:
    with pytest.raises(UnsupportedFormat):
        Tables([]).rows("nope")
    with pytest.raises(UnsupportedFormat):
        export([], "articles", "xlsx", io.BytesIO())


def test_export_writes_to_a_stream() -> None:
    buf = io.BytesIO()
    n = export(corpus.hand_analyses(), "series", "jsonl", buf)
    assert n == len(buf.getvalue().splitlines()) == len(corpus.expected()["series"])
