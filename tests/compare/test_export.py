"""Exports (counterclaim/export.py): every table in CSV, JSON Lines and Parquet; per-article tables
are the ``batch`` tables plus cross-article columns; ACLED columns; spreadsheet formula injection
defused."""

from __future__ import annotations

import csv
import io
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from counterclaim.batch import tables as batch
from counterclaim.errors import UnsupportedFormat
from counterclaim.export import SHARED, TABLES, Tables, acled_type, defuse, encode, export
from counterclaim.records import Event, Party, Quote
from store.factories import make_analysis  # tests/store: pytest puts tests/ on the path

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


@pytest.fixture(scope="module")
def samples() -> Tables:
    """The compare corpus plus an analysis with a record in every part (quotes, dates ...)."""
    return Tables([*corpus.hand_analyses(), make_analysis()])


def _party(p: str) -> list[str]:
    return [f"{p}_canonical_id", f"{p}_canonical_name", f"{p}_side"]


# the columns export appends to each batch table
ADDED: dict[str, list[str]] = {
    "articles": [
        "story_id",
        "entities",
        "quotes",
        "figures",
        "events",
        "framing",
        "dates",
        "inconsistencies",
    ],
    "article_entities": ["canonical_id", "canonical_name", "side"],
    "quotes": _party("speaker"),
    "figures": [*_party("claimant"), "outlet", "published"],
    "events": [*_party("actor"), *_party("target")],
    "framing": [],
    "dates": [],
    "inconsistencies": [],
}


@pytest.mark.parametrize("table", SHARED)
def test_per_article_tables_extend_the_batch_tables(samples: Tables, table: str) -> None:
    source = SHARED[table]
    names = batch.schema(source).names
    want = [r for a in samples.analyses for r in batch.FLATTENERS[source](a)]
    rows = samples.rows(table)
    assert len(rows) == len(want) > 0
    for row, b in zip(rows, want, strict=True):
        assert list(row)[: len(names)] == names  # the batch columns first, in batch order
        assert {c: row[c] for c in names} == b  # with the batch values (no appended column overwrote one)
        assert list(row)[len(names) :] == ADDED[table]  # then export's own columns


@pytest.mark.parametrize("table", SHARED)
def test_parquet_scalar_columns_match_the_batch_parquet(samples: Tables, table: str) -> None:
    source = SHARED[table]
    ours = pq.read_table(io.BytesIO(encode(samples.rows(table), "parquet")))
    theirs = batch.to_table(source, [r for a in samples.analyses for r in batch.FLATTENERS[source](a)])
    scalar = [f.name for f in batch.schema(source) if not pa.types.is_nested(f.type)]
    assert scalar and ours.column_names[: len(theirs.column_names)] == theirs.column_names
    for c in scalar:
        assert ours.column(c).to_pylist() == theirs.column(c).to_pylist(), c


def test_old_hand_written_names_are_gone(samples: Tables) -> None:
    cols = {c for t in SHARED for r in samples.rows(t)[:1] for c in r}
    assert {"index", "speaker", "speaker_id", "claimant", "claimant_id", "actor_id"}.isdisjoint(cols)
    assert {"position", "speaker_name", "speaker_entity_id", "content_start", "claimant_name"} <= cols


def test_cross_article_columns() -> None:
    a = make_analysis()
    t = Tables([a])
    berg, rebels = t.index.of(a.article.id, "e1"), t.index.of(a.article.id, "e2")
    assert berg is not None and rebels is not None
    (q,) = t.rows("quotes")
    assert (q["speaker_name"], q["speaker_canonical_id"], q["speaker_canonical_name"]) == (
        "Anna Berg",
        berg.id,
        berg.name,
    )
    assert q["speaker_side"] == berg.side
    f0, f1 = t.rows("figures")
    assert (f0["outlet"], f0["published"], f0["position"], f1["position"]) == (
        "Example Wire",
        "2024-05-07",
        0,
        1,
    )
    assert (f1["claimant_name"], f1["claimant_canonical_id"]) == ("Rebels", rebels.id)
    (ev,) = t.rows("events")
    assert (ev["actor_canonical_id"], ev["actor_canonical_name"]) == (rebels.id, rebels.name)
    assert ev["target_name"] == "government"  # the optional party gets the same columns
    ents = t.rows("article_entities")
    assert [(e["entity_id"], e["canonical_id"], e["canonical_name"]) for e in ents] == [
        ("e1", berg.id, berg.name),
        ("e2", rebels.id, rebels.name),
    ]
    (art,) = t.rows("articles")
    assert art["story_id"] == t.stories[0].id
    counts = (art["entities"], art["quotes"], art["figures"], art["dates"], art["inconsistencies"])
    assert counts == (2, 1, 2, 1, 1)


def test_unresolved_speaker_has_no_canonical_entity() -> None:
    a = analysis("A resident said the bridge was gone.", entities=[])
    a.quotes = [
        Quote(speaker=Party(name="a resident"), text="the bridge was gone", kind="indirect", span=(0, 36))
    ]
    (q,) = Tables([a]).rows("quotes")
    assert q["speaker_name"] == "a resident"
    assert q["speaker_canonical_id"] is None and q["speaker_canonical_name"] is None


def test_csv_and_jsonl_encode_list_cells(samples: Tables) -> None:
    rows = samples.rows("article_entities")
    first_csv = next(csv.DictReader(io.StringIO(encode(rows, "csv").decode("utf-8"))))
    first_jsonl = json.loads(encode(rows, "jsonl").decode("utf-8").splitlines()[0])
    assert json.loads(first_csv["mentions"]) == first_jsonl["mentions"] == rows[0]["mentions"]
    assert first_jsonl["mentions"][0].keys() == {"start", "end"}
    ev = samples.rows("events")[-1]  # make_analysis's event: actors as a list of party structs
    assert json.loads(encode([ev], "jsonl"))["actors"] == ev["actors"] == []


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
