"""Flattening analyses into rows: column names, spans, parties, row ids, schemas (no pipeline)."""

from __future__ import annotations

import dataclasses

import pyarrow as pa
import pytest

from counterclaim.batch import tables
from counterclaim.records import (
    Analysis,
    Article,
    DateMention,
    Entity,
    Event,
    Figure,
    Framing,
    Inconsistency,
    Party,
    Quote,
    SideSlant,
    Slant,
)

TEXT = "Governor Ilse Marten said 12 civilians were killed in Varna Dol on Tuesday.\n"


def _analysis(text: str = TEXT) -> Analysis:
    art = Article.make(text, title="Shelling", outlet="Coast Herald", published="2025-03-04")
    marten = Entity(
        id="e1",
        name="Ilse Marten",
        type="PERSON",
        aliases=["Marten"],
        mentions=[(9, 20)],
        descriptors=["governor"],
        reason="ner",
    )
    speaker = Party(name="Ilse Marten", entity_id="e1", kind="source", resolved_via="name")
    quote = Quote(
        speaker=speaker,
        text="12 civilians were killed",
        kind="indirect",
        span=(0, 74),
        cue="said",
        content_span=(26, 50),
        reason="cue verb",
    )
    fig = Figure(
        value=12,
        category="killed",
        subject="civilians",
        claimant=speaker,
        span=(26, 38),
        qualifier="exact",
        quote=0,
        reason="number + casualty noun",
    )
    fig2 = Figure(
        value=10,
        category="killed",
        subject="civilians",
        claimant=Party.outlet("Coast Herald"),
        span=(26, 38),
        reason="test",
    )
    event = Event(
        type="ASSAULT",
        actor=Party.unknown(),
        span=(26, 61),
        target=None,
        actors=[Party.unknown()],
        targets=[],
        trigger="killed",
        reason="verb lexicon",
    )
    framing = Framing(text="killed", technique="loaded_language", voice="source", span=(43, 49))
    date = DateMention(text="Tuesday", value="2025-03-04", span=(66, 73), grain="day", mentions=[(66, 73)])
    inc = Inconsistency(figures=[0, 1], severity="discrepancy", explanation="12 vs 10")
    slant = Slant(
        sides=[SideSlant(side="A", quotes=1, cues={"said": 1})],
        last_word="Ilse Marten",
        outlet_voice_share=0.5,
    )
    return Analysis(
        article=art,
        entities=[marten],
        quotes=[quote],
        figures=[fig, fig2],
        events=[event],
        framing=[framing],
        dates=[date],
        inconsistencies=[inc],
        slant=slant,
        warnings=["a warning"],
    )


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        (
            "quotes",
            {
                "speaker_name",
                "speaker_entity_id",
                "speaker_kind",
                "speaker_resolved_via",
                "start",
                "end",
                "content_start",
                "content_end",
                "cue",
                "cue_loaded",
            },
        ),
        ("figures", {"claimant_name", "claimant_kind", "value", "low", "high", "quote", "start", "end"}),
        ("events", {"actor_name", "target_name", "target_entity_id", "actors", "targets", "status"}),
        ("entities", {"entity_id", "name", "aliases", "mentions", "descriptors"}),
        ("dates", {"text", "value", "grain", "start", "end", "mentions"}),
        (
            "articles",
            {
                "article_id",
                "title",
                "text",
                "published",
                "warnings",
                "slant_sides",
                "slant_last_word",
                "schema_version",
            },
        ),
    ],
)
def test_schema_has_flat_columns(table: str, columns: set[str]) -> None:
    names = set(tables.schema(table).names)
    assert columns <= names
    assert names >= {"row_id", "article_id"}
    assert "span" not in names and "speaker" not in names and "id" not in names


def test_schema_follows_record_fields() -> None:
    # every record field shows up, flattened, so a field added in records.py is never lost
    for table, cls in tables.RECORD_OF.items():
        names = set(tables.schema(table).names)
        for f in dataclasses.fields(cls):
            flat = {f.name, f"{f.name}_name", "entity_id" if f.name == "id" else f.name}
            if f.name.endswith("span"):
                flat.add(f.name[: -len("span")] + "start")
            assert flat & names, f"{table}.{f.name} has no column"


def test_rows_flatten_party_and_spans() -> None:
    rows = tables.flatten(_analysis())
    (q,) = rows["quotes"]
    speaker = (q["speaker_name"], q["speaker_entity_id"], q["speaker_resolved_via"])
    assert speaker == ("Ilse Marten", "e1", "name")
    assert (q["start"], q["end"], q["content_start"], q["content_end"]) == (0, 74, 26, 50)
    assert q["position"] == 0
    f0, f1 = rows["figures"]
    assert (f0["value"], f0["quote"], f0["claimant_name"]) == (12.0, 0, "Ilse Marten")
    assert (f1["position"], f1["claimant_kind"], f1["quote"]) == (1, "outlet", None)
    (e,) = rows["events"]
    assert e["target_name"] is None and e["actors"] == [
        {"name": "unknown", "entity_id": None, "kind": "unknown", "resolved_via": None}
    ]
    (ent,) = rows["entities"]
    assert ent["entity_id"] == "e1" and ent["mentions"] == [{"start": 9, "end": 20}]
    (art,) = rows["articles"]
    assert art["article_id"] == _analysis().article.id and art["warnings"] == ["a warning"]
    assert art["slant_sides"][0]["cues"] == {"said": 1}
    assert rows["inconsistencies"][0]["figures"] == [0, 1]


def test_rows_fit_their_schema() -> None:
    rows = tables.flatten(_analysis())
    for table in tables.TABLES:
        t = tables.to_table(table, rows[table])
        assert t.schema.equals(tables.schema(table))
        assert t.num_rows == len(rows[table])
        assert t.column("article_id").to_pylist() == [_analysis().article.id] * t.num_rows


def test_empty_analysis_has_one_article_row_and_typed_empty_tables() -> None:
    empty = Analysis(article=Article.make("Nothing happened.\n", title="Quiet"))
    rows = tables.flatten(empty)
    assert len(rows["articles"]) == 1 and rows["articles"][0]["slant_sides"] is None
    t = tables.to_table("quotes", rows["quotes"])
    assert t.num_rows == 0 and "speaker_name" in t.schema.names
    assert t.schema.field("start").type == pa.int64()


def test_row_ids_are_deterministic_and_content_based() -> None:
    a, b = tables.flatten(_analysis()), tables.flatten(_analysis())
    assert [r["row_id"] for r in a["figures"]] == [r["row_id"] for r in b["figures"]]
    # the two figures differ in content and position, so their ids differ
    assert len({r["row_id"] for r in a["figures"]}) == 2
    other = tables.flatten(_analysis(TEXT.replace("Tuesday", "Monday ")))
    assert other["quotes"][0]["row_id"] != a["quotes"][0]["row_id"]  # another article
    ids = [r["row_id"] for t in tables.TABLES for r in a[t]]
    assert len(ids) == len(set(ids))


def test_unknown_table_is_an_error() -> None:
    with pytest.raises(KeyError):
        tables.schema("claims")


@pytest.mark.parametrize(
    ("cls", "parties"),
    [(Quote, ["speaker"]), (Figure, ["claimant"]), (Event, ["actor", "target"]), (Framing, []), (Entity, [])],
)
def test_party_fields(cls: type, parties: list[str]) -> None:
    # single parties only: Event.actors/targets are lists of structs, not flattened columns
    assert tables.party_fields(cls) == parties
    names = tables.schema(next(t for t, c in tables.RECORD_OF.items() if c is cls)).names
    assert all(f"{p}_name" in names for p in parties)


def test_records_of_lines_up_with_rows() -> None:
    a = _analysis()
    rows = tables.flatten(a)
    for table in tables.TABLES:
        recs = tables.records_of(table, a)
        assert len(recs) == len(rows[table])
    assert tables.records_of("articles", a) == [a]
    assert [f.value for f in tables.records_of("figures", a)] == [r["value"] for r in rows["figures"]]
    with pytest.raises(KeyError):
        tables.records_of("claims", a)
